"""Shared helpers for reading user spreadsheets (CSV and XLSX).

The loaders in :mod:`wijklib.told`, :mod:`wijklib.readiness` and :mod:`wijklib.stakeholders` read tables that
users fill in by hand, usually in Dutch Excel. They agree on a few conventions, implemented once here:

* CSV files may be UTF-8 (with or without byte order mark) or Windows-1252 (:func:`decode_text`);
* the separator is ``;`` or ``,``, whichever the header line uses more (:func:`read_csv_rows`);
* headers are compared case- and accent-insensitively, spaces as ``_`` (:func:`norm_header`);
* cells become clean text: ``3.0`` -> ``"3"``, dates as ISO (:func:`cell_text`);
* dates may be written ``2024-03-12`` or ``12-03-2024`` (:func:`parse_date`);
* rows are numbered from 1 without the header, as in :class:`~wijklib.errors.InputError`.

Messages a user reads are Dutch; errors name the file and, where known, the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wijklib.errors import InputError

__all__ = ["DATE_FORMATS", "fold", "norm_header", "is_empty", "cell_text", "parse_date", "decode_text",
           "read_csv_rows", "read_sheet_rows", "open_workbook"]

#: date formats accepted by :func:`parse_date` by default, tried in this order
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")

#: a table as read: the normalised header and the non-empty rows as ``(row_number, {column: value})``
Rows = tuple[list[str], list[tuple[int, dict[str, Any]]]]


def fold(text: object) -> str:
    """Lower case, accents removed, whitespace collapsed: for forgiving comparisons of user input.

    Examples
    --------
    >>> fold("  Café   Oost ")
    'cafe oost'
    """
    norm = unicodedata.normalize("NFKD", str(text).casefold())
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", norm).strip()


def norm_header(name: object) -> str:
    """Normalise a column name: folded (see :func:`fold`), spaces as ``_``; ``None`` (empty cell) gives ``""``.

    Examples
    --------
    >>> norm_header(" Datum Start ")
    'datum_start'
    """
    return fold(name).replace(" ", "_") if name is not None else ""


def is_empty(value: Any) -> bool:
    """True for ``None``, NaN and blank strings."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def cell_text(value: Any) -> str:
    """A cell as clean text: whole floats without ``.0``, dates (and datetimes) as ISO date, text stripped.

    Examples
    --------
    >>> cell_text(3.0), cell_text(" a "), cell_text(dt.datetime(2024, 3, 12, 10, 30))
    ('3', 'a', '2024-03-12')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: Any, *, formats: Sequence[str] = DATE_FORMATS) -> dt.date:
    """Parse a date cell.

    Parameters
    ----------
    value : date, datetime or str
        A date object (from Excel) or text such as ``2024-03-12`` or ``12-03-2024``.
    formats : sequence of str
        ``strptime`` formats to try in order; default :data:`DATE_FORMATS`.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        With a Dutch message giving the expected form; callers add file, row and column.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"verwacht een datum als 2024-03-12 of 12-03-2024, niet {value!r}")


def decode_text(raw: bytes, *, file: str | Path | None = None) -> str:
    """Decode the bytes of a CSV file: UTF-8 (a byte order mark is dropped), else Windows-1252.

    Parameters
    ----------
    raw : bytes
        File content.
    file : str or Path, optional
        Named in the error.

    Raises
    ------
    InputError
        When the bytes are neither UTF-8 nor Windows-1252 (a few bytes are undefined in Windows-1252).
    """
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("kan de tekencodering niet lezen; sla op als UTF-8", file=file)


def read_csv_rows(path: str | Path, *, normalize: Callable[[object], str] = norm_header) -> Rows:
    """Read a CSV file with ``;`` or ``,`` as separator into text rows.

    Parameters
    ----------
    path : str or Path
        An existing file (UTF-8 or Windows-1252, see :func:`decode_text`).
    normalize : callable
        Applied to each header cell; default :func:`norm_header`.

    Returns
    -------
    header : list of str
        The normalised column names.
    rows : list of (int, dict)
        The non-blank rows with their 1-based data row number (header not counted); values are the raw strings.

    Raises
    ------
    InputError
        When the file is empty, cannot be decoded, or a row has more (non-empty) values than the header.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError("verwacht een CSV-bestand, dit is een map", file=path)
    text = decode_text(path.read_bytes(), file=path)
    if not text.strip():
        raise InputError("bestand is leeg; verwacht een kopregel met kolomnamen", file=path)
    first = text.splitlines()[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    rows = []
    i = 0
    try:
        header = [normalize(h) for h in next(reader)]
        for i, values in enumerate(reader, start=1):
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
                raise InputError(f"rij heeft {len(values)} waarden maar de kopregel {len(header)} kolommen "
                                 f"(scheidingsteken {delim!r})", file=path, row=i)
            rows.append((i, dict(zip(header, values))))
    except csv.Error as exc:  # a cell over the csv module's limit (128 KB) or broken quotes
        raise InputError(f"kan de CSV niet lezen ({exc}); een cel mag hoogstens "
                         f"{csv.field_size_limit() // 1024} KB tekst bevatten en aanhalingstekens moeten sluiten",
                         file=path, row=i + 1) from None
    return header, rows


@contextmanager
def open_workbook(path: str | Path) -> Iterator[Any]:
    """Open an XLSX workbook read-only (cell values, not formulas) and close it afterwards.

    A missing file or a damaged workbook raises :class:`~wijklib.errors.InputError` naming the file.

    Yields
    ------
    openpyxl.Workbook
    """
    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise InputError("bestand bestaat niet", file=path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip/xml errors of a damaged workbook are input errors
        raise InputError(f"kan het werkboek niet lezen ({type(exc).__name__}: {exc})", file=path) from None
    try:
        yield wb
    finally:
        wb.close()


def read_sheet_rows(ws: Any, *, normalize: Callable[[object], str] = norm_header, file: str | Path | None = None,
                    allow_empty: bool = False) -> Rows:
    """Read an openpyxl worksheet (first row = header) into rows of cell values.

    Parameters
    ----------
    ws : openpyxl worksheet
        Read with ``values_only``; cells keep their Python types (numbers, dates, text).
    normalize : callable
        Applied to each header cell (``None`` for an empty cell); default :func:`norm_header`.
    file : str or Path, optional
        Named in the error for an empty sheet.
    allow_empty : bool
        Return ``([], [])`` for a sheet without any row instead of raising.

    Returns
    -------
    header : list of str
        The normalised column names, trailing empty ones removed.
    rows : list of (int, dict)
        The rows that are not entirely empty, with their 1-based data row number; columns without a name are left
        out.

    Raises
    ------
    InputError
        When the sheet has no rows at all and ``allow_empty`` is false.
    """
    it = ws.iter_rows(values_only=True)
    try:
        header_raw = list(next(it))
    except StopIteration:
        if allow_empty:
            return [], []
        raise InputError("werkblad is leeg; verwacht een kopregel met kolomnamen", file=file) from None
    header = [normalize(h) if h is not None else "" for h in header_raw]
    while header and header[-1] == "":
        header.pop()
    rows = []
    for i, values in enumerate(it, start=1):
        values = list(values)[:len(header)]
        if all(is_empty(v) for v in values):
            continue
        rows.append((i, {h: v for h, v in zip(header, values) if h}))
    return header, rows
