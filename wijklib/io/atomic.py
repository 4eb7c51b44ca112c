"""Atomic file writes: a reader sees either the old file or the complete new one, never a half-written file.

Every module that writes user-visible output (notebook exports, reports, quickscan answers, trackers, maps,
templates, workbooks, caches) goes through these functions; ``tests/io/test_atomic.py`` scans wijklib for
direct writes elsewhere.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["atomic_write_bytes", "atomic_write_text", "atomic_write_workbook", "workbook_bytes"]

#: Document date and zip time stamp of reproducible workbooks (any fixed moment will do).
_FIXED_MOMENT = (2024, 1, 1, 0, 0, 0)


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and :func:`os.replace`.

    The new file keeps the permissions of the file it replaces, or gets what ``open()`` would give (``mkstemp``
    alone would make it private), so files in a shared team folder stay readable.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else _default_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Text version of :func:`atomic_write_bytes` (UTF-8, line endings as given)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def workbook_bytes(wb: Any, *, reproducible: bool = False) -> bytes:
    """The bytes of an openpyxl workbook as ``wb.save`` would write them.

    Parameters
    ----------
    wb : openpyxl.Workbook
    reproducible : bool
        Fix the document dates, the creator and the zip time stamps, so that the same content gives the same
        bytes (for generated templates that are committed).
    """
    if reproducible:
        fixed = datetime(*_FIXED_MOMENT)
        wb.properties.creator = "wijklib"
        wb.properties.created = fixed
        wb.properties.modified = fixed
    from wijklib.io.csvsafe import neutralise_workbook

    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)  # user text that begins with '=' stays text, never a formula
    if not reproducible:
        return buf.getvalue()
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' with the clock when saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_MOMENT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    return out.getvalue()


def atomic_write_workbook(path: str | Path, wb: Any, *, reproducible: bool = False) -> Path:
    """Save an openpyxl workbook atomically (see :func:`workbook_bytes` for ``reproducible``).

    Returns
    -------
    Path
        The path written.
    """
    return atomic_write_bytes(path, workbook_bytes(wb, reproducible=reproducible))
