"""Every user-visible file is written through :mod:`wijklib.io.atomic`; this test finds writes that bypass it.

A write found here that is not in :data:`ALLOWED` fails the test: write the bytes or text through
``atomic_write_bytes`` / ``atomic_write_text`` / ``atomic_write_workbook`` instead (``frame.to_csv()`` without a
path gives the text; ``wb.save(buf)`` / ``fig.savefig(buf)`` with an ``io.BytesIO`` give the bytes).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wijklib"
HOME = "wijklib/io/atomic.py"

#: Writes that write directly on purpose: (file, call) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    ("wijklib/reports/runner.py", "os.open"): "the batch lock file is created exclusively (O_EXCL): a lock, not output",
    ("wijklib/reports/runner.py", "os.fdopen"): "writes the process id into the lock file it just created",
    ("wijklib/stakeholders/privacy.py", "os.open"): "the pseudonym key is created exclusively (O_EXCL) with mode 0600, "
                                                    "so it is never readable by others, not even for a moment",
    ("wijklib/stakeholders/privacy.py", "os.fdopen"): "writes the key into the private file it just created",
    ("wijklib/training/learner.py", "write_bytes"): "writes into a private staging folder that is moved into place "
                                                    "with os.replace (the whole learner folder at once)",
    ("wijklib/training/learner.py", "os.replace"): "moves the staging folder or its files into place",
    ("wijklib/notebooks.py", "os.replace"): "papermill writes the executed notebook under a temporary name; it is "
                                            "moved into place (or kept as MISLUKT) in one step",
}

#: Calls that always write a file.
_ALWAYS = {"write_text", "write_bytes", "to_excel", "to_file", "to_parquet", "to_feather", "to_pickle",
           "os.open", "os.replace", "os.rename", "shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.move",
           "nbformat.write"}
#: Calls that write a file when given a path (and return text or write to a buffer otherwise).
_WITH_TARGET = {"to_csv", "to_json", "to_html", "to_latex", "to_markdown", "savefig", "save", "json.dump",
                "yaml.dump", "yaml.safe_dump"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id in ("os", "shutil", "nbformat", "json", "yaml"):
            return f"{func.value.id}.{func.attr}"
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_buffer(node: ast.expr) -> bool:
    """``buf``, ``io.BytesIO()`` and the like: an in-memory target."""
    if isinstance(node, ast.Call):
        return _name(node.func) in ("BytesIO", "StringIO")
    return isinstance(node, ast.Name) and "buf" in node.id.lower()


def _mode(call: ast.Call, position: int) -> str:
    args = [*call.args[position:position + 1], *(k.value for k in call.keywords if k.arg == "mode")]
    return next((a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)), "r")


def _writes(call: ast.Call) -> str | None:
    """The name of the call when it writes a file, else None."""
    name = _name(call.func)
    if name in _ALWAYS:
        return name
    if name in _WITH_TARGET:
        target_index = 1 if name in ("json.dump", "yaml.dump", "yaml.safe_dump") else 0
        targets = [*call.args[target_index:target_index + 1],
                   *(k.value for k in call.keywords if k.arg in ("path", "path_or_buf", "fname", "filename",
                                                                  "stream", "fp", "buf"))]
        return name if any(not _is_buffer(t) for t in targets) else None
    if name == "open" and set(_mode(call, 0 if isinstance(call.func, ast.Attribute) else 1)) & set("wax+"):
        return name
    if name == "os.fdopen" and set(_mode(call, 1)) & set("wax+"):
        return name
    return None


def direct_writes(source: str) -> list[str]:
    """Names of the calls in ``source`` that write a file directly."""
    return [w for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call) and (w := _writes(node))]


def _scan() -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == HOME:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
            if isinstance(node, ast.Call) and (name := _writes(node)):
                found.setdefault((rel, name), []).append(node.lineno)
    return found


def test_no_module_writes_files_around_the_atomic_writer():
    found = _scan()
    bypass = {f"{rel}:{lines[0]} {name}" for (rel, name), lines in found.items() if (rel, name) not in ALLOWED}
    assert not bypass, ("schrijft een bestand buiten wijklib.io.atomic om (gebruik atomic_write_text/_bytes/"
                        f"_workbook): {sorted(bypass)}")


def test_every_allowed_exception_is_still_needed():
    found = _scan()
    stale = [key for key in ALLOWED if key not in found]
    assert not stale, f"uitzondering niet meer nodig, haal weg uit ALLOWED: {stale}"


@pytest.mark.parametrize("code, expected", [
    ("Path(p).write_text('x')", ["write_text"]),
    ("frame.to_csv(path, index=False)", ["to_csv"]),
    ("frame.to_csv(index=False)", []),
    ("wb.save(path)", ["save"]),
    ("wb.save(buf)", []),
    ("fig.savefig(io.BytesIO(), format='png')", []),
    ("open(p, 'w', encoding='utf-8')", ["open"]),
    ("open(p, encoding='utf-8')", []),
    ("path.open('a')", ["open"]),
    ("json.dump(data, fh)", ["json.dump"]),
    ("os.replace(tmp, path)", ["os.replace"]),
    ("self.save()", []),
])
def test_the_scan_recognises_writes(code, expected):
    assert direct_writes(code) == expected
