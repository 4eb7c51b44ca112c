"""Small file helpers shared by the readiness modules: safe writes and reading simple tables.

The table helpers (:func:`fold`, :func:`is_empty`, :func:`cell_text`, :func:`parse_date`) live in
:mod:`wijklib.io.tables` and are re-exported here.

Every file that a user (or a widget form) writes goes through :func:`atomic_write_text`, so a crash or a second
process never leaves a half-written file behind: the text is written to a temporary file in the same folder and
then moved over the target in one step (``os.replace``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import yaml

from wijklib.io.atomic import atomic_write_text
from wijklib.io.yaml import load_yaml
from wijklib.io.tables import (CSV_SUFFIXES, cell_text, fold, is_empty, open_workbook, parse_date, read_csv_rows,
                               read_sheet_rows)
from wijklib.errors import InputError

__all__ = ["atomic_write_text", "atomic_write_yaml", "read_yaml", "read_rows", "read_spec_rows", "fold", "is_empty", "cell_text",
           "parse_date", "slug"]


def atomic_write_yaml(path: str | Path, data: Any, *, header: str | None = None) -> Path:
    """Write ``data`` as readable YAML (keys in insertion order, unicode kept) atomically."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    if header:
        text = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()) + text
    return atomic_write_text(path, text)


def read_yaml(path: str | Path, *, what: str) -> Any:
    """Read a YAML file; syntax errors become an :class:`InputError` naming the file and line."""
    return load_yaml(path, what=what, expect=None, empty=None)


def slug(text: object) -> str:
    """A file-name friendly slug: ``"Inzet BOA's"`` -> ``"inzet_boa_s"``."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_") or "zonder_naam"


def read_rows(path: str | Path, *, sheet: str | None = None) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """Read a CSV/TSV/TXT (``,``, ``;`` or tab; encoding policy of :func:`wijklib.io.tables.decode_text`) or XLSX
    table through :mod:`wijklib.io.tables`.

    Returns the normalised header (lower case, spaces as ``_``) and the non-empty rows as ``(row_number, dict)``,
    where ``row_number`` is the row as Excel shows it (header = row 1), as in :class:`InputError`.
    For XLSX the sheet ``sheet`` is used when present, else the first sheet.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("bestand bestaat niet", file=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        with open_workbook(path) as wb:
            ws = wb[sheet] if sheet and sheet in wb.sheetnames else wb.worksheets[0]
            return read_sheet_rows(ws, file=path)
    if suffix not in CSV_SUFFIXES:
        raise InputError(f"onbekend bestandstype {suffix!r}; verwacht .csv of .xlsx", file=path)
    return read_csv_rows(path)


def read_spec_rows(source: Any, specs: Any, *, frame_label: str, template: str,
                   sheet: str = "invoer") -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """Rows of a template-based table (file or DataFrame) with the required columns of ``specs`` checked.

    Parameters
    ----------
    source : path or DataFrame
    specs : sequence of ColumnSpec
        Column specifications (``name``, ``required``).
    frame_label : str
        Label used in error messages for a DataFrame source.
    template : str
        Where the user finds the template (named in the error message).
    sheet : str
        Preferred sheet of a workbook.

    Returns
    -------
    (label, rows)
        The file name (or ``frame_label``) and the non-empty rows as ``(row_number, dict)``.
    """
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        header = [str(c) for c in source.columns]
        records = cast(list[dict[str, Any]], source.to_dict("records"))  # column names are the spec's names
        rows = [(i + 1, r) for i, r in enumerate(records)]
        label = frame_label
    else:
        header, rows = read_rows(source, sheet=sheet)
        label = str(source)
    missing = [s.name for s in specs if s.required and s.name not in header]
    if missing:
        raise InputError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}; gebruik het sjabloon {template}",
                         file=label, column=missing[0])
    return label, [(n, r) for n, r in rows if not all(is_empty(v) for v in r.values())]
