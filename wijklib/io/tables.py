"""The one reader for user tables (CSV, TSV, TXT, XLSX, ODS).

Every table a user hands to wijklib (told data, readiness and stakeholder sheets, counted CBS tables, the focus
areas file) is read here, by :func:`read_table` (a DataFrame of text cells) or :func:`read_csv_rows` /
:func:`read_sheet_rows` (rows of cells). They agree on a few conventions, implemented once:

* one encoding policy for every table (:func:`decode_text`): UTF-8 (with or without byte order mark) and UTF-16
  with byte order mark (Excel's "Unicode-tekst") are read as is; anything else is decoded as Windows-1252 (a plain
  "CSV" saved by Dutch Excel) with a Dutch :class:`~wijklib.errors.InputWarning` naming the file;
* the separator is ``;``, ``,`` or tab, whichever the header line uses most (:func:`detect_sep`);
* the column with area codes is found one way (:func:`find_code_column`);
* CBS missing-value signs (``.``, ``x``, ``-``, ``?``) and numeric codes (``-99999999`` ...) are listed once
  (:data:`SUPPRESSED_MARKERS`, :data:`MISSING_MARKERS`, :data:`CBS_SENTINELS`) and are never values;
* headers are compared case- and accent-insensitively, spaces as ``_`` (:func:`norm_header`);
* cells become clean text: ``3.0`` -> ``"3"``, dates as ISO (:func:`cell_text`);
* dates may be written ``2024-03-12`` or ``12-03-2024`` (:func:`parse_date`);
* rows are numbered from 1 without the header, as in :class:`~wijklib.errors.InputError`.

Messages a user reads are Dutch; errors name the file and, where known, the row.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError, InputWarning
from wijklib.io.csvsafe import object_array, restore_cell

__all__ = ["DATE_FORMATS", "fold", "norm_header", "is_empty", "cell_text", "parse_date", "decode_text",
           "read_csv_rows", "read_sheet_rows", "binary_kind", "sheet_headers", "open_workbook", "read_text", "header_line", "detect_sep",
           "read_table", "read_header", "frame_from_text", "find_code_column", "guess_code_column", "CODE_COLUMN_NAMES", "SUPPRESSED_MARKERS", "MISSING_MARKERS",
           "CBS_SENTINELS", "is_missing_marker", "Rows", "CSV_SUFFIXES", "SHEET_SUFFIXES", "FIRST_DATA_ROW"]

#: StatLine's "Verklaring van tekens": ``.`` = gegevens ontbreken / geheim, ``x`` = geheim. Compared in lower case.
SUPPRESSED_MARKERS = frozenset({".", "x"})
#: Signs read as missing (``-`` nihil and ``?`` too: wijklib does not turn a sign into a value); lower case.
MISSING_MARKERS = frozenset({"", "na", "nan", "n/a", "none", "null", "-", "\u2013", "?"})
#: Numeric codes that CBS files (Wijk- en Buurtkaart, PDOK) use instead of a figure; never a value.
CBS_SENTINELS = frozenset({-99999999.0, -99999998.0, -99999997.0, -99997.0})
#: Normalised names of a column with area codes, most specific first (see :func:`find_code_column`).
CODE_COLUMN_NAMES = ("code", "area_code", "regioaanduidingcoderingcode", "codering", "gebiedscode", "regiocode")
#: file suffixes read as delimited text and as spreadsheets
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")

#: date formats accepted by :func:`parse_date` by default, tried in this order
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")

#: a table as read: the normalised header and the non-empty rows as ``(row_number, {column: value})``
Rows = tuple[list[str], list[tuple[int, dict[str, Any]]]]


#: Row number of the first data row in messages: rows are numbered as Excel or LibreOffice shows them (the header
#: is row 1), so "rij 2" is the first data row the user sees.
FIRST_DATA_ROW = 2


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


#: the first bytes of file types that users hand in by mistake where a CSV is expected, with a Dutch name
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "een PDF-bestand"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "een oud Excel- of Word-bestand (.xls/.doc)"),
    (b"\x89PNG\r\n\x1a\n", "een afbeelding (PNG)"),
    (b"\xff\xd8\xff", "een afbeelding (JPEG)"),
    (b"GIF87a", "een afbeelding (GIF)"),
    (b"GIF89a", "een afbeelding (GIF)"),
    (b"\x1f\x8b", "een gecomprimeerd bestand (gzip)"),
    (b"7z\xbc\xaf\x27\x1c", "een gecomprimeerd bestand (7-Zip)"),
    (b"Rar!\x1a\x07", "een gecomprimeerd bestand (RAR)"),
    (b"SQLite format 3\x00", "een database (SQLite of GeoPackage)"),
)


def _zip_kind(raw: bytes) -> str:
    """Dutch name of a ZIP-based file: an Excel or ODS workbook, a Word document or a plain ZIP archive."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = zf.namelist()
            mime = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "een ZIP-bestand"
    if any(n.startswith("xl/") for n in names):
        return "een Excel-werkboek (.xlsx)"
    if "spreadsheet" in mime:
        return "een ODS-werkblad (.ods)"
    if any(n.startswith("word/") for n in names) or "text" in mime:
        return "een Word- of tekstdocument (.docx/.odt)"
    return "een ZIP-bestand"


def binary_kind(raw: bytes) -> str | None:
    """Dutch name of a binary file type recognised from its first bytes (PDF, ZIP, XLSX, PNG, ...), else None.

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ..."), binary_kind(b"code;naam")
    ('een PDF-bestand', None)
    """
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(raw)
    return next((name for magic, name in _MAGIC if raw.startswith(magic)), None)


def _refuse_binary(raw: bytes, file: str | Path | None) -> None:
    """Raise a Dutch :class:`~wijklib.errors.InputError` when ``raw`` is a known binary file type."""
    kind = binary_kind(raw)
    if kind is None:
        return
    sheet = "werkboek" in kind or "werkblad" in kind
    hint = ("geef het werkboek door met zijn eigen extensie (.xlsx of .ods), of sla het in Excel op als 'CSV UTF-8'"
            if sheet else "exporteer de tabel als CSV (in Excel: Opslaan als 'CSV UTF-8') en geef dat bestand op")
    raise InputError(f"dit lijkt {kind}, geen CSV (tekst met kolommen gescheiden door ; of ,); {hint}", file=file)


def decode_text(raw: bytes, *, file: str | Path | None = None, encoding: str | None = None) -> str:
    """Decode the bytes of a text table by wijklib's one encoding policy.

    * UTF-8, with or without byte order mark, is read as is;
    * UTF-16 with byte order mark (Excel's "Unicode-tekst" export, tab-separated) is read as is, and so is UTF-16
      without one when every other byte of the start is 0 (plain text in UTF-16);
    * anything else is decoded as Windows-1252 (a plain "CSV" saved by Dutch Excel) with an
      :class:`~wijklib.errors.InputWarning` that names the file and the first row with a letter outside UTF-8.

    Parameters
    ----------
    raw : bytes
        File content.
    file : str or Path, optional
        Named in the warning and the error.
    encoding : str, optional
        An encoding the caller asked for explicitly (e.g. ``'latin-1'``); then only that one is tried.

    Raises
    ------
    InputError
        When the bytes are a known binary file (PDF, ZIP, Excel, ODS, PNG, ...: see :func:`binary_kind`; the
        message says what the file looks like), or cannot be decoded under the policy (nor with ``encoding``).

    Examples
    --------
    >>> decode_text("code;naam".encode("utf-16")) == decode_text("code;naam".encode("utf-8-sig")) == "code;naam"
    True
    """
    _refuse_binary(raw, file)
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"kan het bestand niet lezen met encoding {encoding!r}: {exc}", file=file) from exc
    if not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        head = raw[:400] if len(raw) % 2 == 0 else raw[:399]
        for zeros, order in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
            if len(head) >= 8 and zeros.count(0) == len(zeros) and head.count(0) < len(head):
                try:  # UTF-16 without byte order mark: every other byte of plain text is 0
                    return raw.decode(order)
                except UnicodeDecodeError:
                    break
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")  # the byte order mark gives the byte order and is dropped
        except UnicodeDecodeError as exc:
            raise InputError(f"het bestand begint als UTF-16 (Unicode-tekst) maar is beschadigd ({exc.reason}); "
                             "sla het opnieuw op als 'CSV UTF-8'", file=file) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("kan de tekencodering niet lezen; sla op als UTF-8", file=file) from None
    warnings.warn(InputWarning("het bestand is opgeslagen als Windows-1252 (niet als UTF-8) en zo gelezen; "
                               "controleer letters als é en ë, of sla op als UTF-8 (in Excel: 'CSV UTF-8')",
                               file=file, rows=[line]), stacklevel=3)
    return text


def read_text(path: str | Path, *, encoding: str | None = None) -> str:
    """The text of an existing, non-empty file, decoded by :func:`decode_text`.

    Raises
    ------
    InputError
        Missing file, a folder, an empty file or bytes that :func:`decode_text` cannot decode.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("bestand niet gevonden", file=path)
    if path.is_dir():
        raise InputError("verwacht een CSV-bestand, dit is een map", file=path)
    text = decode_text(path.read_bytes(), file=path, encoding=encoding)
    if not text.strip():
        raise InputError("het bestand is leeg", file=path)
    return text


def header_line(text: str) -> str:
    """The first non-blank line of ``text`` ('' when there is none)."""
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def detect_sep(header: str) -> str:
    """The field separator of a header line: ``;``, ``,`` or tab, whichever occurs most (``,`` when none).

    Examples
    --------
    >>> detect_sep("code;naam;waarde"), detect_sep("a,b"), detect_sep("a"), detect_sep("a" + chr(9) + "b") == chr(9)
    (';', ',', ',', True)
    """
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    sep, n = max(counts.items(), key=lambda kv: kv[1])
    return sep if n > 0 else ","


def is_missing_marker(value: object) -> bool:
    """True for a cell that is a CBS sign for suppressed or missing (``.``, ``x``, ``-``, ``?``, empty, NA).

    Examples
    --------
    >>> is_missing_marker(" . "), is_missing_marker("NA"), is_missing_marker("0")
    (True, True, False)
    """
    text = "" if is_empty(value) else str(value).strip().strip('"').strip().lower()
    return text in SUPPRESSED_MARKERS or text in MISSING_MARKERS


def frame_from_text(text: str, sep: str, path: str | Path, *, require_rows: bool = False) -> pd.DataFrame:
    """Parse decoded CSV text (from :func:`read_text`) into a frame of strings, as :func:`read_table` does.

    Column names are stripped, R's unnamed row-number column is dropped; duplicate column names, broken quotes
    and (with ``require_rows``) a header without rows raise :class:`~wijklib.errors.InputError` naming ``path``.
    """
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                         skipinitialspace=False, quotechar='"')
    except pd.errors.ParserError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        row = int(m.group(1)) - 1 if m else None
        raise InputError(f"kan de CSV niet lezen ({msg}); controleer scheidingsteken {sep!r} en aanhalingstekens",
                         file=path, row=row) from exc
    except pd.errors.EmptyDataError as exc:
        raise InputError("het bestand bevat geen kolommen", file=path) from exc
    df.columns = pd.Index([restore_cell(str(c).strip().lstrip("\ufeff")) for c in df.columns])
    for i in range(df.shape[1]):  # the quote that wijklib's CSV writers put before a formula-like cell
        column = df.iloc[:, i]
        if column.str.startswith("'").any():
            df.isetitem(i, object_array(restore_cell(v) for v in column.tolist()))
    first = str(df.columns[0]) if len(df.columns) else ""
    if first.startswith("Unnamed:") or first == "":  # R's write.csv adds an unnamed row-number column
        df = df.drop(columns=first)
    raw = [c.strip().lstrip("\ufeff") for c in next(csv.reader([header_line(text)], delimiter=sep), [])]
    seen = pd.Index([c for c in raw if c])  # pandas renames a repeated name to 'name.1': compare the raw header
    dups = [str(c) for c in seen[seen.duplicated()]]
    if dups:
        raise InputError(f"kolomnaam komt meer dan eens voor: {', '.join(map(repr, dups))}", file=path)
    if require_rows and len(df) == 0:
        raise InputError("het bestand heeft een kopregel maar geen gegevensrijen", file=path)
    return df


def read_table(path: str | Path, *, what: str = "tabel", sheet: str | None = None, encoding: str | None = None,
               sep: str | None = None, require_rows: bool = False,
               cell: Callable[[Any], str] = cell_text) -> pd.DataFrame:
    """Read a user table (CSV/TSV/TXT, XLSX or ODS) as a DataFrame of text cells.

    Parameters
    ----------
    path : str or Path
        The file; the type follows the suffix.
    what : str
        What the table is, in Dutch (``"enquête"``); named in errors about the file type.
    sheet : str, optional
        Preferred sheet of a workbook; the first sheet when absent.
    encoding : str, optional
        Explicit encoding of a text file; default the policy of :func:`decode_text`.
    sep : str, optional
        Field separator; default :func:`detect_sep` on the header line.
    require_rows : bool
        A header without data rows is an error.
    cell : callable
        Turns a spreadsheet cell into text (default :func:`cell_text`; empty cells give ``""``).

    Returns
    -------
    pandas.DataFrame
        Column names stripped (a byte order mark removed); every cell a ``str`` (empty cells ``""``), CBS signs
        kept as written (see :func:`is_missing_marker`). Spreadsheet rows that are entirely empty are dropped.
        In CSV text, the ``'`` that wijklib's writers put before a formula-like cell is taken off
        (:func:`wijklib.io.csvsafe.restore_cell`).

    Raises
    ------
    InputError
        Missing file, a folder, unknown type, an empty file, bytes that cannot be decoded, broken quotes,
        duplicate column names; the message names the file (and the row where known).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SHEET_SUFFIXES:
        with _excel_file(path, what) as book:
            names = [str(n) for n in book.sheet_names]
            chosen = sheet if sheet is not None and sheet in names else names[0]
            df = pd.read_excel(book, sheet_name=chosen, dtype=object)
        if suffix == ".xlsx":
            _warn_formulas_without_value(path, chosen)
        df.columns = pd.Index([str(c).strip().lstrip("\ufeff") for c in df.columns])
        present = set(df.columns)  # pandas renames a repeated column 'a' to 'a.1'
        dups = [c for c in df.columns if re.fullmatch(r"(.+)\.[1-9]\d*", c) and c.rsplit(".", 1)[0] in present]
        if dups:
            raise InputError(f"kolomnaam komt meer dan eens voor: {dups[0].rsplit('.', 1)[0]!r}; elke kolom mag maar "
                             "één keer voorkomen", file=path, column=dups[0].rsplit(".", 1)[0])
        df = df.astype(object).where(df.notna(), "").map(lambda v: v if isinstance(v, str) else cell(v))
        df = df.loc[~(df == "").all(axis=1)].reset_index(drop=True)
        if require_rows and len(df) == 0:
            raise InputError("het werkblad heeft een kopregel maar geen gegevensrijen", file=path)
        return df
    if path.exists() and not path.is_dir() and suffix not in CSV_SUFFIXES:
        raise InputError(f"onbekend bestandstype '{suffix}' voor {what}; verwacht .csv, .xlsx of .ods", file=path)
    text = read_text(path, encoding=encoding)
    use_sep = sep or ("\t" if suffix == ".tsv" else detect_sep(header_line(text)))
    return frame_from_text(text, use_sep, path, require_rows=require_rows)


@contextmanager
def _excel_file(path: Path, what: str) -> Iterator[pd.ExcelFile]:
    """A workbook (XLSX/XLSM with openpyxl, ODS with odfpy) opened by pandas; read errors are InputErrors."""
    if not path.exists():
        raise InputError(f"bestand niet gevonden ({what})", file=path)
    if path.is_dir():
        raise InputError(f"verwacht een werkboek ({what}), dit is een map", file=path)
    try:
        book = pd.ExcelFile(path, engine="odf" if path.suffix.lower() == ".ods" else "openpyxl")
    except ImportError:
        raise InputError("kan geen ODS-bestand lezen (pakket 'odfpy' ontbreekt); sla het op als .xlsx of als "
                         "'CSV UTF-8'", file=path) from None
    except Exception as exc:  # noqa: BLE001 - zip/xml errors of a damaged workbook are input errors
        with open(path, "rb") as fh:
            start = fh.read(4096)
        if binary_kind(start) is None and start.strip():  # a CSV saved under a workbook's name
            raise InputError(f"het bestand heeft de extensie {path.suffix} maar is geen werkboek (het lijkt tekst, "
                             "bv. een CSV); geef het de extensie .csv of sla het opnieuw op als werkboek",
                             file=path) from None
        raise InputError(f"kan het werkboek niet lezen ({type(exc).__name__}: {exc})", file=path) from None
    try:
        yield book
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - xml errors while reading a damaged sheet are input errors
        raise InputError(f"kan het werkboek niet lezen ({type(exc).__name__}: {exc})", file=path) from None
    finally:
        book.close()


def sheet_headers(path: str | Path, *, what: str = "werkboek") -> dict[str, list[str]]:
    """The column names (first row, stripped) of every sheet of an XLSX/XLSM/ODS workbook, in workbook order.

    Used to choose a sheet by its columns (e.g. the first sheet with a code column, after an "Uitleg" sheet).

    Raises
    ------
    InputError
        A missing file or a workbook that cannot be read, naming the file.
    """
    path = Path(path)
    out: dict[str, list[str]] = {}
    with _excel_file(path, what) as book:
        for name in book.sheet_names:
            head = pd.read_excel(book, sheet_name=name, nrows=0)
            out[str(name)] = [str(c).strip().lstrip("\ufeff") for c in head.columns
                              if not str(c).startswith("Unnamed:")]
    return out


def read_header(path: str | Path, *, sheet: str | None = None) -> list[str]:
    """Only the column names of a table file (stripped), read as :func:`read_table` would read them.

    Used to recognise a file's layout before reading it. Encoding problems are left to the full read (no
    warning here).

    Raises
    ------
    InputError
        As :func:`read_table` for a file that cannot be read at all.
    """
    path = Path(path)
    if path.suffix.lower() in SHEET_SUFFIXES:
        return [str(c) for c in read_table(path, sheet=sheet).columns]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        text = read_text(path)
    line = header_line(text)
    sep = "\t" if path.suffix.lower() == ".tsv" else detect_sep(line)
    cells = next(csv.reader([line], delimiter=sep), [])
    return [c.strip().lstrip("\ufeff").strip() for c in cells]


def _norm_code_name(name: object) -> str:
    from wijklib.indicators import normalise_column_name  # the catalogue's tolerant column matching

    return normalise_column_name(str(name))


def guess_code_column(columns: Iterable[object], *, names: Sequence[str] = CODE_COLUMN_NAMES) -> str | None:
    """The column that holds the area codes, guessed the one wijklib way; None when there is none.

    A column named exactly as one of ``names`` (in order), else one whose normalised name (lower case, only
    letters and digits, see :func:`wijklib.indicators.normalise_column_name`) is one of them, else one whose name
    contains ``codering`` (StatLine labels).

    Examples
    --------
    >>> guess_code_column(["naam", "Regioaanduiding/Codering (code)"]), guess_code_column(["naam"])
    ('Regioaanduiding/Codering (code)', None)
    >>> guess_code_column(["Buurtcode", "naam"], names=("area_code", "buurtcode"))
    'Buurtcode'
    """
    cols = [str(c) for c in columns]
    norm: dict[str, str] = {}
    for c in cols:
        norm.setdefault(_norm_code_name(c), c)
    for cand in names:
        if cand in cols:
            return cand
        if _norm_code_name(cand) in norm:
            return norm[_norm_code_name(cand)]
    return next((c for n, c in norm.items() if "codering" in n), None)


def find_code_column(columns: Iterable[object], *, file: str | Path | None = None, expected: str = "code",
                     names: Sequence[str] = CODE_COLUMN_NAMES) -> str:
    """Like :func:`guess_code_column`, but a missing code column is an error.

    Raises
    ------
    InputError
        No such column; the message lists the columns and names the closest one.
    """
    import difflib

    cols = [str(c) for c in columns]
    found = guess_code_column(cols, names=names)
    if found is not None:
        return found
    norm: dict[str, str] = {}
    for c in cols:
        norm.setdefault(_norm_code_name(c), c)
    close = difflib.get_close_matches(_norm_code_name(expected), list(norm), n=1, cutoff=0.5)
    hint = f" Bedoelt u '{norm[close[0]]}'?" if close else ""
    raise InputError(
        f"kolom met gebiedscodes ontbreekt (verwacht {expected!r}). Kolommen in het bestand: "
        f"{', '.join(cols[:12])}{' ...' if len(cols) > 12 else ''}." + hint, file=file, column=expected)


def _refuse_duplicate_columns(raw: Sequence[object], header: Sequence[str], file: str | Path | None) -> None:
    """An InputError naming both columns when two header cells give the same normalised name (non-empty)."""
    first: dict[str, object] = {}
    for name, norm in zip(raw, header):
        if not norm:
            continue
        if norm in first:
            a, b = str(first[norm]).strip(), str(name).strip()
            same = f"komt twee keer voor: {a!r}" if a == b else f"{a!r} en {b!r} zijn dezelfde kolom ({norm!r})"
            raise InputError(f"kolomnaam {same}; elke kolom mag maar één keer voorkomen (hoofdletters, spaties en "
                             "accenten tellen niet mee). Hernoem of verwijder een van de twee", file=file, column=b)
        first[norm] = name


def read_csv_rows(path: str | Path, *, normalize: Callable[[object], str] = norm_header) -> Rows:
    """Read a CSV file with ``;`` or ``,`` as separator into text rows.

    Parameters
    ----------
    path : str or Path
        An existing file (UTF-8, UTF-16 with byte order mark or Windows-1252, see :func:`decode_text`).
    normalize : callable
        Applied to each header cell; default :func:`norm_header`.

    Returns
    -------
    header : list of str
        The normalised column names.
    rows : list of (int, dict)
        The non-blank rows with their row number as a spreadsheet shows it (the header is row 1, the first data
        row is row 2: :data:`FIRST_DATA_ROW`); values are the raw strings (the ``'`` that wijklib's writers put
        before a formula-like cell taken off: :func:`~wijklib.io.csvsafe.restore_cell`).

    Raises
    ------
    InputError
        When the file is missing, empty, cannot be decoded (or is a PDF, ZIP, Excel file, ...: see
        :func:`decode_text`), two columns have the same normalised name (both are named), or a row has more
        (non-empty) values than the header. A header without rows is returned as ``(header, [])``: the caller
        decides whether an empty table is allowed.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("bestand niet gevonden", file=path)
    if path.is_dir():
        raise InputError("verwacht een CSV-bestand, dit is een map", file=path)
    text = decode_text(path.read_bytes(), file=path)
    if not text.strip():
        raise InputError("bestand is leeg; verwacht een kopregel met kolomnamen", file=path)
    delim = detect_sep(text.splitlines()[0])
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    rows = []
    i = 0
    try:
        raw_header = next(reader)
        raw_header = [restore_cell(h) for h in raw_header]
        header = [normalize(h) for h in raw_header]
        _refuse_duplicate_columns(raw_header, header, path)
        for i, values in enumerate(reader, start=FIRST_DATA_ROW):
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
                raise InputError(f"rij heeft {len(values)} waarden maar de kopregel {len(header)} kolommen "
                                 f"(scheidingsteken {delim!r})", file=path, row=i)
            rows.append((i, dict(zip(header, map(restore_cell, values)))))
    except csv.Error as exc:  # a cell over the csv module's limit (128 KB) or broken quotes
        raise InputError(f"kan de CSV niet lezen ({exc}); een cel mag hoogstens "
                         f"{csv.field_size_limit() // 1024} KB tekst bevatten en aanhalingstekens moeten sluiten",
                         file=path, row=i + 1 if i else FIRST_DATA_ROW) from None
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


def _warn_formulas_without_value(path: Path, sheet: str) -> None:
    """Warn about formula cells that have no saved result (the file was written by a program, not saved in a
    spreadsheet): they are read as empty. Names the first rows (header = row 1) and their columns."""
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(path, read_only=True, data_only=False)
        values = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - the workbook was read already; this check never blocks it
        return
    try:
        if sheet not in formulas.sheetnames:
            return
        header: list = []
        hits: list[tuple[int, str]] = []
        for r, (frow, vrow) in enumerate(zip(formulas[sheet].iter_rows(values_only=True),
                                             values[sheet].iter_rows(values_only=True)), start=1):
            if r == 1:
                header = [str(h).strip() if h is not None else "" for h in frow]
                continue
            for c, (f, v) in enumerate(zip(frow, vrow)):
                if isinstance(f, str) and f.startswith("=") and v is None:
                    hits.append((r, header[c] if c < len(header) else f"kolom {c + 1}"))
    finally:
        formulas.close()
        values.close()
    if hits:
        cols = ", ".join(dict.fromkeys(h for _, h in hits))
        warnings.warn(InputWarning(f"{len(hits)} cel(len) met een formule zonder opgeslagen uitkomst (kolom {cols}); "
                                   "die tellen als leeg. Het bestand is waarschijnlijk door een programma gemaakt en "
                                   "nooit in Excel of LibreOffice opgeslagen: open het daar en sla het op, of zet de "
                                   "waarden erin", file=path, rows=[r for r, _ in hits]), stacklevel=4)


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
        The rows that are not entirely empty, with their row number in the sheet (header = row 1, see
        :data:`FIRST_DATA_ROW`); columns without a name are left out.

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
    _refuse_duplicate_columns(header_raw, header, file)
    rows = []
    for i, values in enumerate(it, start=FIRST_DATA_ROW):
        values = list(values)[:len(header)]
        if all(is_empty(v) for v in values):
            continue
        rows.append((i, {h: v for h, v in zip(header, values) if h}))
    return header, rows
