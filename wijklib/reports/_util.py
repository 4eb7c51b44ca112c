"""Small helpers of the report runner: atomic writes, stable JSON, hashes, provenance."""

from __future__ import annotations

import ast

import hashlib
import json
import math
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from wijklib import resources
from wijklib.io.atomic import atomic_write_bytes, atomic_write_text  # noqa: F401 (re-exported)

REPO_ROOT = resources.root()  # the checkout, or the installed copy of its folders


TEMPLATE_DIR = resources.report_template_dir()


def to_jsonable(value: Any) -> Any:
    """Convert numpy/pandas scalars, NaN, dates and containers to plain JSON values (NaN -> None)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_jsonable(v) for v in value.tolist()]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    except ImportError:  # pragma: no cover
        pass
    return str(value)


def dumps(value: Any) -> str:
    """Stable JSON text (sorted keys, UTF-8, no NaN) so that equal content gives equal bytes and hashes."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)


def write_json_if_changed(path: Path, value: Any) -> tuple[Path, str]:
    """Write stable JSON atomically unless the file already has exactly this content; return (path, sha256)."""
    data = (dumps(value) + "\n").encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    path = Path(path)
    if not (path.exists() and path.read_bytes() == data):
        atomic_write_bytes(path, data)
    return path, digest


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    """SHA-256 of a file (or of all files below a folder, in sorted order, with their relative names)."""
    path = Path(path)
    h = hashlib.sha256()
    if path.is_dir():
        for p in sorted(q for q in path.rglob("*") if q.is_file() and "__pycache__" not in q.parts
                        and not q.name.startswith(".")):
            h.update(str(p.relative_to(path)).encode("utf-8") + b"\0")
            h.update(p.read_bytes())
        return h.hexdigest()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_files(paths: Iterable[str | Path]) -> str:
    """One hash over several files (names and contents)."""
    h = hashlib.sha256()
    for p in paths:
        p = Path(p)
        h.update(p.name.encode("utf-8") + b"\0" + sha256_file(p).encode("ascii"))
    return h.hexdigest()


def git_commit(repo: Path = REPO_ROOT) -> str | None:
    """``<sha>`` or ``<sha>+gewijzigd`` (uncommitted changes) of the repository, or None without git."""
    try:
        sha = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not sha:
        return None
    try:
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        dirty = ""
    return sha + ("+gewijzigd" if dirty else "")


def utc_now() -> str:
    """Current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def wijklib_version() -> str:
    from wijklib import __version__

    return __version__


def parameter_names(nb: Any) -> list[str]:
    """Names assigned in the cell tagged ``parameters`` (what papermill would accept).

    ``nb`` is an nbformat notebook or the plain JSON of one (a dict: cells as dicts, sources as lists of lines).
    """
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "parameters" in (cell.get("metadata") or {}).get("tags", []):
            source = cell["source"]
            names = []
            for node in ast.parse("".join(source) if isinstance(source, list) else source).body:
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names.append(node.target.id)
                elif isinstance(node, ast.Assign):
                    names += [t.id for t in node.targets if isinstance(t, ast.Name)]
            return names
    return []
