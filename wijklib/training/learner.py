"""Make the learner version of the training notebooks: no solution or trainer cells and no outputs.

``python -m wijklib.training learner notebooks/training OUTDIR`` reads every notebook of the source folder,
removes the cells tagged ``solution`` or ``trainer`` and all outputs, execution counts and run metadata (papermill, widget
state), and copies the other files (glossary, feedback form). The facilitator guide (``FACILITATOR.md``) stays
out: it discusses the answers. The answer key and the case material with its interpretations live in the
package (``wijklib/training/materiaal/``), never in the notebook folder.

Writing is atomic: everything is built in a temporary folder next to OUTDIR first. A new OUTDIR appears in one
rename; an existing learner folder (recognised by its marker file) is updated file by file with ``os.replace``,
and files of the previous version that no longer exist are removed. Nothing is written when any notebook fails
to read. The command refuses to write into the source folder, inside it, or into a folder that contains it, and
refuses a non-empty folder that is not a learner folder made by this command (unless ``overwrite=True``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import nbformat

from wijklib.errors import InputError

__all__ = ["SOLUTION_TAG", "TRAINER_TAG", "MARKER", "EXCLUDED_FILES", "strip_notebook", "learner_version"]

#: Cells with this tag are left out of the learner version.
SOLUTION_TAG = "solution"
#: Cells for the trainer only (interpretations, answer-key tables, comparison with the key): also left out.
TRAINER_TAG = "trainer"
_DROP_TAGS = frozenset({SOLUTION_TAG, TRAINER_TAG})
#: Marker file that identifies a learner folder made by :func:`learner_version`.
MARKER = ".wijklib-leerversie.json"
#: Files of the source folder that are not copied (facilitators only).
EXCLUDED_FILES = frozenset({"FACILITATOR.md"})
_RUN_METADATA = ("papermill", "widgets", "execution")


def strip_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy without solution-tagged cells, outputs, execution counts and run metadata.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = None"),
    ...                                      nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["solution"]})])
    >>> [c.source for c in strip_notebook(nb).cells]
    ['x = None']
    """
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = []
    for cell in out.cells:
        if _DROP_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        for key in _RUN_METADATA:
            cell.get("metadata", {}).pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    out.cells = cells
    for key in _RUN_METADATA:
        out.metadata.pop(key, None)
    return out


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _source_files(source: Path) -> list[Path]:
    files = []
    for p in sorted(source.rglob("*")):
        rel = p.relative_to(source)
        if any(part.startswith(".") for part in rel.parts) or "__pycache__" in rel.parts:
            continue  # hidden files, .ipynb_checkpoints, caches
        if p.is_file() and rel.as_posix() not in EXCLUDED_FILES:
            files.append(p)
    return files


def _check_target(source: Path, target: Path, overwrite: bool) -> None:
    if target == source or _is_within(target, source) or _is_within(source, target):
        raise InputError("de leerversie mag niet in (of boven) de bronmap komen: de uitwerkingen zouden dan "
                         "overschreven of vermengd worden. Kies een andere map, bijvoorbeeld "
                         "output/training_leerversie",
                         file=target)
    if target.exists() and not target.is_dir():
        raise InputError("bestaat al en is geen map", file=target)
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists() and not overwrite:
        raise InputError(f"de map is niet leeg en is geen eerder gemaakte leerversie (geen {MARKER}); kies een lege "
                         "map of gebruik --overschrijven", file=target)


def learner_version(source: str | Path, target: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write the learner version of a folder of training notebooks.

    Parameters
    ----------
    source : path
        Folder with the solution notebooks (``notebooks/training``).
    target : path
        Output folder; created if needed.
    overwrite : bool
        Allow writing into a non-empty folder that was not made by this function (its other files stay).

    Returns
    -------
    list of Path
        The files written (notebooks and copied material), in the target folder.

    Raises
    ------
    InputError
        The source has no notebooks or a notebook cannot be read, or the target is (inside, or a parent of) the
        source, or a non-empty folder of something else.
    """
    source = Path(source).expanduser().resolve()
    target = Path(target).expanduser().resolve()
    if not source.is_dir():
        raise InputError("bronmap bestaat niet", file=source)
    _check_target(source, target, overwrite)
    files = _source_files(source)
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    if not notebooks:
        raise InputError("geen notebooks (.ipynb) in de bronmap", file=source)
    # read and strip everything in memory first: a broken notebook stops the command before anything is written
    prepared: dict[Path, bytes] = {}
    for p in files:
        rel = p.relative_to(source)
        if p.suffix == ".ipynb":
            try:
                nb = nbformat.read(p, as_version=4)
            except Exception as exc:  # noqa: BLE001 - any read/parse error names the file
                raise InputError(f"notebook kan niet worden gelezen: {exc}", file=p) from None
            learner = strip_notebook(nb)
            nbformat.validate(learner)
            prepared[rel] = (nbformat.writes(learner) + "\n").encode("utf-8")
        else:
            prepared[rel] = p.read_bytes()
    manifest = sorted(r.as_posix() for r in prepared)
    marker = {"bron": str(source), "gemaakt": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "bestanden": manifest, "zonder": sorted(EXCLUDED_FILES)}
    prepared[Path(MARKER)] = (json.dumps(marker, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes the folder private; the learner folder gets normal permissions
    try:
        for rel, data in prepared.items():
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        if not target.exists():
            os.replace(staging, target)  # the whole folder appears at once
        else:
            old = []
            if (target / MARKER).exists():
                try:
                    old = json.loads((target / MARKER).read_text(encoding="utf-8")).get("bestanden", [])
                except (OSError, ValueError):
                    old = []
            for rel in prepared:  # each file is replaced atomically; the marker last
                if rel == Path(MARKER):
                    continue
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, target / rel)
            for rel in set(old) - set(manifest):
                stale = target / rel
                if stale.is_file() and _is_within(stale.resolve(), target):
                    stale.unlink()
            os.replace(staging / MARKER, target / MARKER)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return [target / r for r in manifest]
