"""Counted data (*tellen*): read CBS tables into wijklib's tidy table.

The tidy counted table has one row per (area, indicator, period):

============  =======  =====================================================================
column        dtype    meaning
============  =======  =====================================================================
area_code     str      CBS code (``BU03630000``, ``WK0363AA``, ``GM0363``, ``NL00``)
indicator     str      indicator id from the catalogue (:mod:`wijklib.indicators`)
period        int      year
value         float    NaN when not available
status        str      ``waarde`` (observed), ``geheim`` (suppressed by CBS, ``.`` in the source) or
                       ``ontbreekt`` (empty / missing)
============  =======  =====================================================================

A suppressed figure is never 0 and never silently the same as a missing one.

Readers
-------
:func:`read_statline_csv`
    Raw StatLine CSV exports (``;``, UTF-8 with BOM, padded codes, ``.`` suppressed, decimal comma).
:func:`read_wide_table`
    The tidy wide tables of the shared data (column ``code`` plus CBS column names) and wijklib's own wide
    format (``code``, ``jaar`` and indicator ids; used for the demo gemeente).
:func:`read_counted`
    Either of the above, chosen from the file's header; a CSV or a workbook (``.xlsx``/``.ods``: the first
    sheet with a code column).
:func:`fetch_kwb`
    Optional download of a KWB table through the ``cbsodata`` package (cached on disk; never in tests).

Numbers are read per column in one notation (a decimal comma makes ``1.234`` a thousand; see
:func:`_parse_values`), never guessed value by value.

Transformations: :func:`to_wide` (area x indicator for one period) and :func:`derive_rates` (rates from the
numerator/denominator of the catalogue, e.g. bijstand per 1,000 inhabitants).
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from wijklib.areas import validate_codes
from wijklib.errors import InputError, InputWarning, WijklibError
from wijklib.io.atomic import atomic_write_text
from wijklib.indicators import (OWN_SOURCE_ID, Indicator, IndicatorCatalogue, Rate, ValueRange, load_indicators,
                                normalise_column_name)
from wijklib.io.schema import (MAX_ABS_VALUE, STATUS_MISSING, STATUS_OBSERVED, STATUS_SUPPRESSED, STATUSES,
                               TIDY_COLUMNS, TIDY_SCHEMA, validate_table)
from wijklib.io.tables import (CBS_SENTINELS, CSV_SUFFIXES, MISSING_MARKERS, SHEET_SUFFIXES, SUPPRESSED_MARKERS,
                               cell_text, detect_sep, find_code_column, guess_code_column, is_missing_marker,
                               FIRST_DATA_ROW, read_table, sheet_headers)
from wijklib.io.tables import header_line as _header_line
from wijklib.io.tables import frame_from_text, read_text

__all__ = [
    "TIDY_COLUMNS",
    "STATUS_OBSERVED",
    "STATUS_SUPPRESSED",
    "STATUS_MISSING",
    "STATUSES",
    "empty_tidy",
    "validate_tidy",
    "read_statline_csv",
    "read_wide_table",
    "read_counted",
    "fetch_kwb",
    "to_wide",
    "derive_rates",
    "combine_counted",
    "low_population",
    "read_names",
    "NAME_COLUMNS",
    "GEMEENTENAAM_COLUMNS",
    "clean_values",
    "apply_ranges",
    "CBS_SENTINELS",
    "MAX_ABS_VALUE",
]

# The tidy-table contract (columns, statuses, limits) lives in wijklib.io.schema and the CBS signs in
# wijklib.io.tables; both are re-exported here.
# Metadata columns that may appear in wijklib's own wide format besides code, jaar and indicator ids.
_WIJKLIB_META = {"naam", "name", "buurtnaam", "wijknaam", "gemeentenaam", "wijkcode", "gemeentecode",
                 "niveau", "soort_regio", "opmerking", "toelichting"}
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


# ----------------------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------------------
def empty_tidy() -> pd.DataFrame:
    """An empty tidy counted table with the right columns and dtypes."""
    return pd.DataFrame({
        "area_code": pd.Series([], dtype=str),
        "indicator": pd.Series([], dtype=str),
        "period": pd.Series([], dtype="int64"),
        "value": pd.Series([], dtype="float64"),
        "status": pd.Series([], dtype=str),
    })


def _closest(name: str, options: Iterable[str], n: int = 1, cutoff: float = 0.5) -> list[str]:
    """Closest option names, comparing normalised forms (separators and case ignored)."""
    options = [str(o) for o in options]
    by_norm: dict[str, str] = {}
    for o in options:
        by_norm.setdefault(normalise_column_name(o), o)
    hits = difflib.get_close_matches(normalise_column_name(name), list(by_norm), n=n, cutoff=cutoff)
    return [by_norm[h] for h in hits]


def _suggest(name: str, options: Iterable[str]) -> str:
    close = _closest(name, options)
    return f" Bedoelt u '{close[0]}'?" if close else ""


def _same_spelling(column: str, ids: Iterable[str]) -> str | None:
    """The indicator id that differs from ``column`` only in case, separators or punctuation (a typo, not a
    different quantity), else None."""
    key = re.sub(r"[^a-z0-9]", "", str(column).lower())
    return next((i for i in ids if re.sub(r"[^a-z0-9]", "", i.lower()) == key), None)


def own_indicator_hint(column: str) -> str:
    """Dutch text that shows how to declare ``column`` as an own indicator in the project file."""
    ident = re.sub(r"[^a-z0-9_]+", "_", str(column).strip().lower()).strip("_") or "eigen_indicator"
    if not ident[0].isalpha():
        ident = "i_" + ident
    return ("Is dit een eigen cijfer? Declareer het dan in het projectbestand onder 'eigen_indicatoren', "
            f"bijvoorbeeld: eigen_indicatoren: [{{id: {ident}, label: '...', domein: veiligheid, "
            "richting: hoger_is_slechter, eenheid: per_1000, min_inwoners: 100, bron: '...'}] "
            "(zie templates/project/voorbeeld_project.yaml).")


_DOTS_ONE_GROUP = r"[+-]?\d{1,3}\.\d{3}"  # 1.234: thousands (Dutch) or three decimals (English)
_DOTS_THOUSANDS_ONLY = r"[+-]?[1-9]\d{0,2}\.\d{3}"  # 2.610: in a count (never 2,61 people) a thousands dot
_DOTS_MANY_GROUPS = r"[+-]?\d{1,3}(?:\.\d{3}){2,}"  # 1.234.567: only Dutch thousands
_DUTCH_NUMBER = r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d+)?"  # 1.234,5 / 1234,5 / ,5 / 1.234 / 1234
_POINT_DECIMAL = r"[+-]?\d*\.\d+"  # 12.5: a decimal point (no exponent)


def _column_notation(text: pd.Series, *, file: Path | str | None, column: str, row_offset: int,
                     dot_ambiguous: bool, unit: str | None, value_range: ValueRange | None) -> pd.Series:
    """Rewrite the number text of one column in plain notation (decimal point, no thousands separators).

    The notation is decided per column, never per value (see :func:`_parse_values`). Returns the rewritten text
    (markers already blanked by the caller); values that are not numbers are left for the caller to reject.
    """
    text = text.str.replace(" ", "", regex=False).str.replace("\u00a0", "", regex=False)
    has_comma = text.str.contains(",", regex=False)
    has_dot = text.str.contains(".", regex=False)
    if not has_dot.any() and not has_comma.any():
        return text  # whole numbers only: nothing to decide
    many_groups = text.str.fullmatch(_DOTS_MANY_GROUPS)
    if has_comma.any() or many_groups.any():  # Dutch notation: the dot only separates thousands
        evidence = int(np.flatnonzero((has_comma | many_groups).to_numpy())[0])
        dutch = text.str.fullmatch(_DUTCH_NUMBER)
        mixed = text.str.fullmatch(_POINT_DECIMAL) & ~dutch
        if mixed.any():
            i = int(np.flatnonzero(mixed.to_numpy())[0])
            raise InputError(
                f"waarde {text.iloc[i]!r} heeft een decimale punt, maar deze kolom schrijft getallen op z'n "
                f"Nederlands (rij {evidence + row_offset}: {text.iloc[evidence]!r}, met de punt voor duizendtallen "
                "en de komma voor decimalen); schrijf alle getallen in de kolom op dezelfde manier, bv. 12,5 en 1.234",
                file=file, row=i + row_offset, column=column)
        out = text.copy()
        out[dutch] = text[dutch].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        return out
    one_group = text.str.fullmatch(_DOTS_ONE_GROUP)
    dotted = has_dot & ~text.str.contains("[eE]", regex=True)
    if unit == "aantal" and not dot_ambiguous:
        _refuse_thousands_dots(text, dotted, file=file, column=column, row_offset=row_offset)
    if not dot_ambiguous or not one_group.any() or (dotted & ~one_group).any():
        return text  # decimal points (a comma-separated file, or another dotted value such as 12.5 decides)
    thousands = one_group.to_numpy()
    if unit == "aantal":  # a count of people, crimes, ... cannot be 1.234: thousands
        out = text.copy()
        out[one_group] = text[one_group].str.replace(".", "", regex=False)
        return out
    if value_range is not None:
        as_decimal = pd.to_numeric(text[one_group], errors="coerce").to_numpy(dtype="float64")
        if value_range.outside(as_decimal * 1000).any() and not value_range.outside(as_decimal).any():
            return text  # read as thousands some values would be impossible (e.g. a percentage above 100)
    rows = np.flatnonzero(thousands)
    first = text.iloc[int(rows[0])]
    _warn(f"getallen als {first!r} zijn dubbelzinnig in een bestand met ';' of tab als scheidingsteken en zijn "
          f"gelezen met een decimale punt ({first} = {first.replace('.', ',')}; keuze van wijklib), niet als "
          f"duizendtal ({first.replace('.', '')}). Maak het eenduidig: schrijf duizendtallen zonder punt "
          f"({first.replace('.', '')}) of decimalen met een komma ({first.replace('.', ',')})", file=file,
          rows=rows, column=column, row_offset=row_offset)
    return text


def _refuse_thousands_dots(text: pd.Series, dotted: pd.Series, *, file: Path | str | None, column: str,
                           row_offset: int) -> None:
    """Refuse a count column of a comma-separated file whose only dotted values look like Dutch thousands.

    In a comma-separated file the dot is a decimal point, so ``2.610`` would be read as 2.61 people. A count
    (unit ``aantal``) has no fraction, and when every dotted value has exactly three decimals (``2.610``,
    ``17.430``; not ``0.500``) the dot is almost surely a thousands separator: an
    :class:`~wijklib.errors.InputError` naming the file, the first such row and the column. A column with other
    dotted values (``12.5``) keeps its decimal point.
    """
    grouped = text.str.fullmatch(_DOTS_THOUSANDS_ONLY).fillna(False).to_numpy(dtype=bool)
    if not grouped.any() or (dotted.to_numpy(dtype=bool) & ~grouped).any():
        return
    rows = np.flatnonzero(grouped)
    first = str(text.iloc[int(rows[0])])
    plain = first.replace(".", "")
    others = f" (en {len(rows) - 1} andere rij(en))" if len(rows) > 1 else ""
    raise InputError(
        f"waarde {first!r} in een kolom met aantallen heeft een punt met precies drie cijfers erachter{others}: "
        f"waarschijnlijk een duizendtallenpunt ({plain}). In een bestand met komma's als scheidingsteken is de punt "
        f"een decimaalteken en zou dit {first.replace('.', ',')} worden, een onmogelijk aantal. Schrijf het getal "
        f"zonder duizendtallenpunt ({plain}), of sla het bestand op met ';' als scheidingsteken (dan leest wijklib "
        f"{first} in een kolom met aantallen als {plain})", file=file, row=int(rows[0]) + row_offset, column=column)


def _parse_values(col: pd.Series, *, file: Path | str | None, column: str, row_offset: int = FIRST_DATA_ROW,
                  dot_ambiguous: bool = False, unit: str | None = None,
                  value_range: ValueRange | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Parse one column into float values and statuses.

    Accepts numbers with a decimal point or a decimal comma (``1,4``), Dutch thousands separators
    (``1.234,5``), the CBS markers (``.`` and ``x`` = suppressed, see :data:`CBS_SENTINELS` for the numeric
    codes) and empty / NA / ``?`` (missing). Impossible values (infinite, NaN written as a number, magnitudes
    above :data:`MAX_ABS_VALUE`) become missing with an :class:`~wijklib.errors.InputWarning`.

    The notation is decided per COLUMN, never per value:

    * a column in Dutch notation (a value with a decimal comma, ``1,5`` or ``1.234,5``, or with two or more dot
      groups, ``1.234.567``) reads every ``1.234`` as one thousand two hundred thirty-four; a value with a
      decimal point (``12.5``) in such a column is an :class:`~wijklib.errors.InputError` (mixed notation);
    * a column with another dotted value (``12.5``, ``1234.5``) uses the decimal point throughout;
    * a column whose only dotted values have the shape ``1.234`` is ambiguous when ``dot_ambiguous`` (a file
      separated by ``;`` or tab, where Dutch Excel writes a dot for thousands): for an indicator counted in
      ``aantal`` it is thousands (1,234 people, never 1.234); when read as thousands a value would fall outside
      ``value_range`` (a percentage of 12345) it is a decimal point; otherwise it is read as a decimal point
      with an :class:`~wijklib.errors.InputWarning` naming the file, column and rows and how to make it
      unambiguous. In a comma-separated file the dot is a decimal point, except that a count column (``aantal``)
      whose only dotted values look like thousands (``2.610``) is an :class:`~wijklib.errors.InputError` (see
      :func:`_refuse_thousands_dots`).
    """
    if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
        values = col.to_numpy(dtype="float64", na_value=np.nan)
        status = np.where(np.isnan(values), STATUS_MISSING, STATUS_OBSERVED).astype(object)
        return clean_values(values, status, file=file, column=column, row_offset=row_offset)
    s = col.astype("object").map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
    s = s.str.strip().str.strip('"').str.strip()
    low = s.str.lower()
    suppressed = low.isin(SUPPRESSED_MARKERS).to_numpy()
    missing = low.isin(MISSING_MARKERS).to_numpy()
    text = s.where(~(suppressed | missing), "")
    cleaned = _column_notation(text, file=file, column=column, row_offset=row_offset, dot_ambiguous=dot_ambiguous,
                               unit=unit, value_range=value_range)
    # only decimal notation (optionally with an exponent) is a number, no hex or "1_000"; inf is caught later
    plain = cleaned.str.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity|nan)",
                                  case=False).fillna(False).to_numpy(dtype=bool)
    numbers = pd.to_numeric(cleaned.where(cleaned != "", None), errors="coerce").to_numpy(dtype="float64", copy=True)
    numbers[~plain] = np.nan
    bad = ~(suppressed | missing) & ~plain
    if bad.any():
        idx = np.flatnonzero(bad)
        first = int(idx[0])
        others = f" (en {len(idx) - 1} andere rij(en))" if len(idx) > 1 else ""
        raise InputError(
            f"waarde {s.iloc[first][:40]!r} is geen getal{others}; verwacht een getal (decimaalteken punt of komma), "
            f"'.' voor geheim of leeg voor ontbrekend", file=file, row=first + row_offset, column=column)
    status = np.full(len(s), STATUS_OBSERVED, dtype=object)
    status[missing] = STATUS_MISSING
    status[suppressed] = STATUS_SUPPRESSED
    values = numbers.copy()
    values[suppressed | missing] = np.nan
    nan_written = ~(suppressed | missing) & np.isnan(values)  # 'nan' written as a number
    status[nan_written] = STATUS_MISSING
    return clean_values(values, status, file=file, column=column, row_offset=row_offset)


def _warn(message: str, *, file, rows: np.ndarray, column: str | None, row_offset: int) -> None:
    warnings.warn(InputWarning(message, file=file, rows=[int(i) + row_offset for i in rows], column=column),
                  stacklevel=4)


def clean_values(
    values: np.ndarray,
    status: np.ndarray,
    *,
    value_range: ValueRange | None = None,
    file: Path | str | None = None,
    column: str | None = None,
    row_offset: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Turn CBS codes and impossible or implausible numbers into missing values, with a warning.

    Use this for every counted value that enters wijklib, also for own indicators (pass their range).

    Parameters
    ----------
    values : array of float
        Parsed values (NaN where there is none).
    status : array of str
        Status per value (``waarde``, ``geheim``, ``ontbreekt``); only ``waarde`` rows are checked.
    value_range : ValueRange, optional
        Plausible values (see :attr:`wijklib.indicators.Indicator.plausible_range`); values outside become
        ``ontbreekt``.
    file, column : optional
        Named in the warnings.
    row_offset : int
        Row number of the first value in messages (1 for an in-memory table; files pass
        :data:`~wijklib.io.tables.FIRST_DATA_ROW`, the row a spreadsheet shows).

    Returns
    -------
    (values, status)
        New arrays. CBS codes (:data:`CBS_SENTINELS`) get status ``geheim``; infinite values, magnitudes above
        :data:`MAX_ABS_VALUE` and values outside ``value_range`` get ``ontbreekt``. Each kind gives one
        :class:`~wijklib.errors.InputWarning` that names the file, the rows and the column.
    """
    values = np.array(values, dtype="float64", copy=True)
    status = np.array(status, dtype=object, copy=True)
    observed = status == STATUS_OBSERVED
    sentinel = observed & np.isin(values, list(CBS_SENTINELS))
    if sentinel.any():
        codes = sorted({f"{v:.0f}" for v in values[sentinel]})
        _warn(f"CBS-code {', '.join(codes)} gelezen als geheim (geen waarde)", file=file,
              rows=np.flatnonzero(sentinel), column=column, row_offset=row_offset)
        values[sentinel] = np.nan
        status[sentinel] = STATUS_SUPPRESSED
    observed = status == STATUS_OBSERVED
    with np.errstate(invalid="ignore"):
        impossible = observed & (~np.isfinite(values) | (np.abs(values) > MAX_ABS_VALUE))
    if impossible.any():
        _warn(f"onmogelijke waarde (oneindig of groter dan {MAX_ABS_VALUE:.0e}) gelezen als ontbrekend", file=file,
              rows=np.flatnonzero(impossible), column=column, row_offset=row_offset)
        values[impossible] = np.nan
        status[impossible] = STATUS_MISSING
    if value_range is not None:
        observed = status == STATUS_OBSERVED
        out = observed & value_range.outside(values)
        if out.any():
            shown = ", ".join(f"{v:g}" for v in values[out][:3])
            _warn(f"waarde {shown} ligt buiten het aannemelijke bereik ({value_range.describe_nl()}; keuze van "
                  "wijklib) en is gelezen als ontbrekend", file=file, rows=np.flatnonzero(out), column=column,
                  row_offset=row_offset)
            values[out] = np.nan
            status[out] = STATUS_MISSING
    return values, status


def apply_ranges(tidy: pd.DataFrame, ranges: Mapping[str, ValueRange], *,
                 file: Path | str | None = None) -> pd.DataFrame:
    """Apply plausible ranges per indicator to a tidy table (for own indicators added after reading).

    Parameters
    ----------
    tidy : DataFrame
        Tidy counted table.
    ranges : mapping indicator id -> ValueRange
        E.g. ``{"eigen_indicator": default_range("pct")}``.
    file : optional
        Named in the warnings.

    Returns
    -------
    pandas.DataFrame
        A copy with out-of-range, infinite and CBS-coded values set to missing (with warnings).
    """
    validate_tidy(tidy)
    out = tidy.copy()
    for ind, rng in ranges.items():
        mask = (out["indicator"] == ind).to_numpy()
        if not mask.any():
            continue
        v, s = clean_values(out.loc[mask, "value"].to_numpy(), out.loc[mask, "status"].to_numpy(),
                            value_range=rng, file=file, column=ind)
        out.loc[mask, "value"] = v
        out.loc[mask, "status"] = s
    return out


_ACCEPTED = "CSV (.csv, .txt, .tsv; ';', ',' of tab), Excel (.xlsx, .xlsm) of OpenDocument (.ods)"


def _sheet_cell(value: object) -> str:
    """A spreadsheet cell as text for :func:`_parse_values`: a real number with a fraction gets an exponent
    (``1.234`` -> ``'1.234e0'``), so that it is never taken for Dutch thousands (``1.234`` written as text)."""
    if isinstance(value, float) and np.isfinite(value) and not value.is_integer():
        text = repr(float(value))
        return text if "e" in text else text + "e0"
    return cell_text(value)


def _check_suffix(path: Path) -> None:
    """Refuse a file type that counted data cannot be (a map, a document, an old .xls) with the accepted types."""
    suffix = path.suffix.lower()
    if not suffix or suffix in CSV_SUFFIXES or suffix in SHEET_SUFFIXES or not path.is_file():
        return
    extra = " Het oude Excel-formaat .xls wordt niet gelezen: sla het op als .xlsx." if suffix == ".xls" else ""
    raise InputError(f"onbekend bestandstype '{suffix}' voor cijfers; verwacht {_ACCEPTED}.{extra}", file=path)


def _code_sheet(path: Path) -> str:
    """The first sheet of a workbook whose header has a column with area codes (an "Uitleg" sheet is skipped)."""
    headers = sheet_headers(path, what="cijfers")
    chosen = next((name for name, cols in headers.items() if guess_code_column(cols) is not None), None)
    if chosen is None:
        shown = "; ".join(f"{name!r}: {', '.join(cols[:6]) or '(leeg)'}" for name, cols in headers.items())
        raise InputError(
            "geen werkblad met een kolom met gebiedscodes ('code', of 'Regioaanduiding/Codering (code)' in een "
            f"StatLine-export) in de eerste rij. Werkbladen en hun kolommen: {shown}", file=path, column="code")
    return chosen


def _counted_frame(path: Path, *, encoding: str | None, sep: str | None,
                   statline_sep: str | None = None) -> tuple[pd.DataFrame, bool]:
    """The text frame of a counted file (CSV or workbook) and whether a lone ``1.234`` is ambiguous in it.

    ``statline_sep``: the separator a StatLine CSV export must have (checked on the header; not for workbooks).
    """
    if path.suffix.lower() in SHEET_SUFFIXES:
        df = read_table(path, what="cijfers", sheet=_code_sheet(path), require_rows=True, cell=_sheet_cell)
        return df, True  # a real number cell is never ambiguous (see _sheet_cell); "1.234" typed as text is
    _check_suffix(path)
    text = read_text(path, encoding=encoding)
    header = _header_line(text)
    if statline_sep is not None and statline_sep not in header:
        found = detect_sep(header)
        what = {",": "komma's", "\t": "tabs", ";": "puntkomma's"}.get(found, repr(found))
        raise InputError(
            f"verwacht een StatLine-export met {statline_sep!r} als scheidingsteken, maar de kopregel bevat geen "
            f"{statline_sep!r} (wel {what}). Exporteer opnieuw uit StatLine of geef sep={found!r} op.", file=path)
    use_sep = statline_sep or sep or detect_sep(header)
    df = frame_from_text(text, use_sep, path, require_rows=True)
    if len(df.columns) == 1:
        raise InputError(f"het bestand heeft maar één kolom ({df.columns[0][:60]!r}); verkeerd scheidingsteken? "
                         "Verwacht komma of puntkomma.", file=path)
    return df, use_sep != ","


def _infer_period(path: Path | str | None, period: int | None) -> int:
    if period is not None:
        try:
            p = int(period)
        except (TypeError, ValueError) as exc:
            raise InputError(f"period moet een jaartal zijn, niet {period!r}", file=path) from exc
        if not 1990 <= p <= 2100:
            raise InputError(f"onwaarschijnlijk jaartal {p}", file=path)
        return p
    years = set(_YEAR_RE.findall(Path(path).name)) if path is not None else set()
    if len(years) == 1:
        return int(years.pop())
    raise InputError("kan het jaar van de cijfers niet afleiden uit de bestandsnaam; geef period=<jaar> op",
                     file=path)


def _map_columns(columns: list[str], columns_arg, catalogue: IndicatorCatalogue, period: int | None,
                 path: Path | str | None, exclude: set[str]) -> dict[str, str]:
    """Map file columns to indicator ids. Returns {file column: indicator id}."""
    available = [c for c in columns if c not in exclude]
    if isinstance(columns_arg, Mapping):
        mapping: dict[str, str] = {}
        for col, ind in columns_arg.items():
            if col not in available:
                raise InputError(f"kolom {col!r} ontbreekt." + _suggest(col, available), file=path, column=col)
            if ind not in catalogue:
                raise InputError(f"onbekende indicator {ind!r} voor kolom {col!r}." + _suggest(ind, catalogue.ids),
                                 file=path, column=col)
            mapping[col] = ind
        return mapping
    exact = {c: c for c in available}
    norm: dict[str, str] = {}
    for c in available:
        norm.setdefault(normalise_column_name(c), c)
    wanted = None
    if columns_arg not in (None, "auto"):
        if isinstance(columns_arg, str):
            columns_arg = [columns_arg]
        wanted = list(columns_arg)
        for ind in wanted:
            if ind not in catalogue:
                raise InputError(f"onbekende indicator {ind!r}." + _suggest(ind, catalogue.ids), file=path)
    mapping = {}
    used: set[str] = set()
    for ind in catalogue:
        if wanted is not None and ind.id not in wanted:
            continue
        found = None
        for cand in (*ind.column_candidates(period), ind.id):
            col = exact.get(cand) or norm.get(normalise_column_name(cand))
            if col is not None and col not in used:
                found = col
                break
        if found is None:
            if wanted is not None:
                cands = ind.column_candidates(period)
                expected = (ind.cbs_column(period) if period is not None else None) or (
                    cands[0] if cands else ind.id)
                raise InputError(
                    f"kolom voor indicator '{ind.id}' ontbreekt (verwacht {expected!r})."
                    + _suggest(expected, available), file=path, column=expected)
            continue
        mapping[found] = ind.id
        used.add(found)
    if not mapping:
        raise InputError(
            "geen enkele kolom herkend als indicator uit de catalogus"
            + (f" voor jaar {period}" if period is not None else "")
            + f". Kolommen: {', '.join(available[:10])}{' ...' if len(available) > 10 else ''}. "
              "Geef columns={kolom: indicator-id} op of gebruik het wijklib-formaat (code, jaar, indicator-ids).",
            file=path)
    return mapping


def _to_tidy(df: pd.DataFrame, codes: pd.Series, periods: np.ndarray | int, mapping: Mapping[str, str],
             path: Path | str | None, row_offset: int = FIRST_DATA_ROW,
             catalogue: IndicatorCatalogue | None = None, dot_ambiguous: bool = False) -> pd.DataFrame:
    parts = []
    n = len(df)
    per = np.full(n, int(periods), dtype="int64") if isinstance(periods, (int, np.integer)) \
        else np.asarray(periods, dtype="int64")
    code_arr = codes.to_numpy(dtype=object)
    for col, ind in mapping.items():
        ind_def = catalogue.get(ind) if catalogue is not None else None
        values, status = _parse_values(df[col], file=path, column=col, row_offset=row_offset,
                                       dot_ambiguous=dot_ambiguous, unit=ind_def.unit if ind_def else None,
                                       value_range=ind_def.plausible_range if ind_def else None)
        if ind_def is not None:
            values, status = clean_values(values, status, value_range=ind_def.plausible_range, file=path,
                                          column=col, row_offset=row_offset)
        parts.append(pd.DataFrame({
            "area_code": code_arr,
            "indicator": np.full(n, ind, dtype=object),
            "period": per,
            "value": values,
            "status": status,
        }))
    if not parts:
        return empty_tidy()
    out = pd.concat(parts, ignore_index=True)
    return _finish(out)


def _finish(out: pd.DataFrame) -> pd.DataFrame:
    out = out[TIDY_COLUMNS].copy()
    out["area_code"] = out["area_code"].astype(str)
    out["indicator"] = out["indicator"].astype(str)
    out["period"] = out["period"].astype("int64")
    out["value"] = out["value"].astype("float64")
    out["status"] = out["status"].astype(str)
    return out.sort_values(["period", "indicator", "area_code"], kind="stable").reset_index(drop=True)


def validate_tidy(tidy: pd.DataFrame, *, name: str = "tidy-tabel") -> None:
    """Check that a DataFrame follows the tidy counted-table contract (:data:`wijklib.io.schema.TIDY_SCHEMA`).

    Raises
    ------
    InputError
        Missing columns (with the closest name), unknown status values, a period that is not a whole year, a
        value that is not a number, duplicate (area, indicator, period) rows, or a value present where the status
        says it is not (and vice versa).
    """
    validate_table(tidy, TIDY_SCHEMA, name=name)


# ----------------------------------------------------------------------------------------------------------
# readers
# ----------------------------------------------------------------------------------------------------------
def read_statline_csv(
    path: str | Path,
    *,
    period: int | None = None,
    columns="auto",
    catalogue: IndicatorCatalogue | None = None,
    encoding: str | None = None,
    sep: str = ";",
) -> pd.DataFrame:
    """Read a raw StatLine CSV export (Kerncijfers wijken en buurten) into the tidy table.

    Parameters
    ----------
    path : str or Path
        CSV as downloaded from StatLine: ``;`` separated, UTF-8 with BOM, codes right-padded with spaces,
        ``.`` for suppressed figures, sometimes a decimal comma. The same columns in a workbook (``.xlsx``,
        ``.ods``) are read too.
    period : int, optional
        Year of the figures; default from a ``Perioden`` column or the year in the file name.
    columns : 'auto', list of indicator ids, or dict {column: indicator id}
        Which columns to read. ``'auto'`` takes every column the catalogue recognises (StatLine labels are
        compared without punctuation). A list makes each listed indicator required.
    catalogue : IndicatorCatalogue, optional
        Default: the shipped catalogue.
    encoding : str, optional
        Default UTF-8 (with or without BOM); a latin-1 file is an error unless ``encoding='latin-1'``.
    sep : str, default ';'
        Field separator. A file with another separator is an error that says so.

    Returns
    -------
    pandas.DataFrame
        Tidy table (see module docstring).

    Raises
    ------
    InputError
        Empty file, wrong encoding or separator, no code column, invalid or duplicate codes, non-numeric
        values (row and column named), unknown period, no recognised columns.
    """
    path = Path(path)
    cat = catalogue or load_indicators()
    df, dot_ambiguous = _counted_frame(path, encoding=encoding, sep=sep, statline_sep=sep)
    code_col = find_code_column(df.columns, file=path, expected="Regioaanduiding/Codering (code)")
    codes = validate_codes(df[code_col], unique=False, file=path, column=code_col, row_offset=FIRST_DATA_ROW)
    period_col = next((c for c in df.columns if normalise_column_name(c) in ("perioden", "periode", "jaar")), None)
    if period_col is not None:
        raw = df[period_col].str.strip()
        years = raw.str.extract(r"^((?:19|20)\d{2})")[0]
        if years.isna().any():
            i = int(np.flatnonzero(years.isna().to_numpy())[0])
            raise InputError(f"periode {raw.iloc[i]!r} is geen jaar (verwacht bijv. 2024 of 2024JJ00)",
                             file=path, row=i + FIRST_DATA_ROW, column=period_col)
        periods = years.astype("int64")
        if period is not None:
            keep = (periods == int(period)).to_numpy()
            if not keep.any():
                raise InputError(f"geen rijen voor jaar {period} (wel: {sorted(periods.unique())})", file=path,
                                 column=period_col)
            df, codes, periods = df[keep], codes[keep], periods[keep]
    else:
        periods = pd.Series(_infer_period(path, period), index=df.index)
    _check_unique_pairs(codes, periods, path, code_col)
    exclude = {code_col} | ({period_col} if period_col else set())
    single = int(periods.iloc[0]) if periods.nunique() == 1 else None
    mapping = _map_columns(list(df.columns), columns, cat, single, path, exclude)
    return _to_tidy(df, codes, periods.to_numpy(), mapping, path, catalogue=cat, dot_ambiguous=dot_ambiguous)


def _check_unique_pairs(codes: pd.Series, periods: pd.Series, path, code_col: str) -> None:
    key = pd.DataFrame({"c": codes.to_numpy(), "p": np.asarray(periods)})
    dup = key.duplicated(keep=False).to_numpy()
    if dup.any():
        idx = np.flatnonzero(dup)
        first = key.iloc[idx[0]]
        rows = [int(i) + FIRST_DATA_ROW for i in idx if key.iloc[i]["c"] == first["c"] and key.iloc[i]["p"] == first["p"]]
        n = key[dup].drop_duplicates().shape[0]
        raise InputError(f"{n} gebiedscode(s) komen meer dan eens voor in hetzelfde jaar, bijv. {first['c']} "
                         f"({first['p']}) in rijen {', '.join(map(str, rows[:5]))}. Elke code mag per jaar maar "
                         f"één keer voorkomen.", file=path, column=code_col)


def read_wide_table(
    path: str | Path,
    *,
    period: int | None = None,
    columns="auto",
    catalogue: IndicatorCatalogue | None = None,
    encoding: str | None = None,
    sep: str | None = None,
) -> pd.DataFrame:
    """Read a wide table (one row per area) into the tidy table.

    Two layouts are recognised:

    * **CBS wide tables** of the shared data (``amsterdam/kwb_2019_amsterdam_tidy.csv``,
      ``derived/kwb_2024_selectie_...csv``, ``cbs/kwb_2024_bevolking_tidy.csv``): a column ``code`` and CBS
      column names, mapped to indicator ids through the catalogue's column names for ``period``.
    * **wijklib's own wide format**: columns ``code``, ``jaar`` and indicator ids (``.`` = suppressed, empty =
      missing); a few metadata columns (``naam``, ``wijkcode``, ...) are allowed. Any other column is an error
      that suggests the closest indicator id.

    Parameters
    ----------
    path : str or Path
        CSV file (separator detected from the header unless ``sep`` is given) or workbook (``.xlsx``, ``.xlsm``,
        ``.ods``: the first sheet whose first row has a code column).
    period : int, optional
        Year. CBS wide tables: default the (single) year in the file name. wijklib format: keep only this year.
    columns : 'auto', list of indicator ids, or dict {column: indicator id}
        See :func:`read_statline_csv`.
    catalogue : IndicatorCatalogue, optional
    encoding : str, optional
        Default UTF-8.
    sep : str, optional
        Field separator; default detected.

    Returns
    -------
    pandas.DataFrame
        Tidy table.
    """
    path = Path(path)
    cat = catalogue or load_indicators()
    df, dot_ambiguous = _counted_frame(path, encoding=encoding, sep=sep)
    if "jaar" in df.columns:
        return _read_wijklib_wide(df, path, period, columns, cat, dot_ambiguous)
    code_col = find_code_column(df.columns, file=path)
    codes = validate_codes(df[code_col], unique=True, file=path, column=code_col, row_offset=FIRST_DATA_ROW)
    year = _infer_period(path, period)
    exclude = {code_col}
    mapping = _map_columns(list(df.columns), columns, cat, year, path, exclude)
    return _to_tidy(df, codes, year, mapping, path, catalogue=cat, dot_ambiguous=dot_ambiguous)


def _read_wijklib_wide(df: pd.DataFrame, path: Path, period, columns, cat: IndicatorCatalogue,
                       dot_ambiguous: bool = False) -> pd.DataFrame:
    if "code" not in df.columns:
        raise InputError("kolom 'code' ontbreekt (wijklib-formaat: code, jaar, indicator-ids)."
                         + _suggest("code", df.columns), file=path, column="code")
    years_raw = df["jaar"].str.strip()
    ok = years_raw.str.fullmatch(r"(?:19|20)\d{2}")
    if not ok.all():
        i = int(np.flatnonzero(~ok.to_numpy())[0])
        raise InputError(f"jaar {years_raw.iloc[i]!r} is geen jaartal (verwacht bijv. 2024)", file=path,
                         row=i + FIRST_DATA_ROW, column="jaar")
    years = years_raw.astype("int64")
    codes = validate_codes(df["code"], unique=False, file=path, column="code", row_offset=FIRST_DATA_ROW)
    _check_unique_pairs(codes, years, path, "code")
    if period is not None:
        keep = (years == int(period)).to_numpy()
        if not keep.any():
            raise InputError(f"geen rijen voor jaar {period} (wel: {sorted(years.unique().tolist())})",
                             file=path, column="jaar")
        df, codes, years = df[keep], codes[keep], years[keep]
    data_cols = [c for c in df.columns if c not in ("code", "jaar") and c.lower() not in _WIJKLIB_META]
    # an own indicator of a project may be read from its declared column ('kolom'), spelled as in the file or
    # normalised (``Overlast per 1000`` = ``overlast_per_1000``)
    own_cols: dict[str, str] = {}
    for ind in cat.indicators:
        if ind.source == OWN_SOURCE_ID:
            for alias in ind.aliases:
                own_cols[alias] = ind.id
                own_cols.setdefault(normalise_column_name(alias), ind.id)
    own_col: dict[str, str] = {c: own_cols.get(c) or own_cols[normalise_column_name(c)] for c in data_cols
                               if c not in cat and (c in own_cols or normalise_column_name(c) in own_cols)}
    unknown = [c for c in data_cols if c not in cat and c not in own_col]
    if unknown and not isinstance(columns, Mapping):
        c = unknown[0]
        raise InputError(f"kolom {c!r} is geen indicator-id uit de catalogus"
                         + (f" (ook onbekend: {', '.join(unknown[1:4])})" if len(unknown) > 1 else "") + "."
                         + (f" Bedoelt u '{_same_spelling(c, cat.ids)}'?" if _same_spelling(c, cat.ids)
                            else " " + own_indicator_hint(c)),
                         file=path, column=c)
    if isinstance(columns, Mapping):
        mapping = _map_columns(list(df.columns), columns, cat, None, path, {"code", "jaar"})
    else:
        wanted = None if columns in (None, "auto") else ([columns] if isinstance(columns, str) else list(columns))
        mapping = {}
        for col in (wanted or data_cols):
            if col in own_col:
                mapping[col] = own_col[col]
                continue
            if col not in cat:
                raise InputError(f"onbekende indicator {col!r}." + _suggest(col, cat.ids), file=path)
            if col not in df.columns:
                raise InputError(f"kolom {col!r} ontbreekt." + _suggest(col, data_cols), file=path, column=col)
            mapping[col] = col
        if not mapping:
            raise InputError("het bestand heeft geen indicatorkolommen (naast code en jaar)", file=path)
    return _to_tidy(df.reset_index(drop=True), codes.reset_index(drop=True), years.to_numpy(), mapping, path,
                    catalogue=cat, dot_ambiguous=dot_ambiguous)


def read_counted(path: str | Path, **kwargs) -> pd.DataFrame:
    """Read any supported counted-data file: a raw StatLine export or a wide table, as CSV or workbook.

    Accepted are CSV (``.csv``, ``.txt``, ``.tsv``) and workbooks (``.xlsx``, ``.xlsm``, ``.ods``); of a workbook
    the first sheet whose first row has a code column is read (an "Uitleg" sheet before it is skipped). Another
    file type (``.xls``, ``.pdf``, ...) is an :class:`~wijklib.errors.InputError` naming the accepted types.
    A file whose header is ``;``-separated and contains StatLine labels (``Regioaanduiding/...``) goes to
    :func:`read_statline_csv`, anything else to :func:`read_wide_table`. Keyword arguments are passed on. The
    result is checked against :data:`wijklib.io.schema.TIDY_SCHEMA` (errors name the file, row and column).
    """
    path = Path(path)
    if path.suffix.lower() in SHEET_SUFFIXES:
        header = ";".join(sheet_headers(path, what="cijfers").get(_code_sheet(path), []))
    else:
        _check_suffix(path)
        with warnings.catch_warnings():  # only the header is sniffed here; the full read below warns about encoding
            warnings.simplefilter("ignore", InputWarning)
            header = _header_line(read_text(path, encoding=kwargs.get("encoding")))
    if ";" in header and "Regioaanduiding/" in header:
        tidy = read_statline_csv(path, **kwargs)
    else:
        tidy = read_wide_table(path, **kwargs)
    validate_table(tidy, TIDY_SCHEMA, name=path)  # the counted-data boundary (wijklib.io.schema)
    return tidy


def fetch_kwb(
    table_id: str,
    cache_dir: str | Path,
    *,
    period: int | None = None,
    columns="auto",
    catalogue: IndicatorCatalogue | None = None,
    refresh: bool = False,
) -> pd.DataFrame:
    """Download a CBS table through ``cbsodata`` (only on request), cache it, return the tidy table.

    Parameters
    ----------
    table_id : str
        StatLine table id, e.g. ``"85984NED"`` (Kerncijfers wijken en buurten 2024).
    cache_dir : str or Path
        Folder for the cached download (``<table_id>.csv``); reused on later calls unless ``refresh``.
    period : int, optional
        Year; default from the catalogue's KWB source table ids.
    columns : see :func:`read_statline_csv`
        OData keys (``AantalInwoners_5``) are matched to the catalogue's ``odata_key`` without the suffix.
    catalogue : IndicatorCatalogue, optional
    refresh : bool, default False
        Download again even when a cached copy exists.

    Returns
    -------
    pandas.DataFrame
        Tidy table. OData does not distinguish suppressed from missing: empty cells get status ``ontbreekt``.

    Raises
    ------
    ImportError
        When ``cbsodata`` is not installed (Dutch message with the install command).
    """
    cat = catalogue or load_indicators()
    table_id = str(table_id).strip()
    if not re.fullmatch(r"\d{5}[A-Z]{3}", table_id):
        raise InputError(f"ongeldige StatLine-tabel-id {table_id!r} (verwacht bijv. '85984NED')")
    cache = Path(cache_dir) / f"{table_id}.csv"
    if refresh or not cache.is_file():
        try:
            import cbsodata  # noqa: PLC0415 - optional dependency, imported only on request
        except ImportError as exc:
            raise ImportError(
                "Voor het ophalen van CBS-tabellen is het pakket 'cbsodata' nodig, maar dat is niet "
                "geïnstalleerd. Installeer het met:  pip install cbsodata  (of: conda install -c conda-forge "
                "cbsodata). Zonder internet: download de tabel als CSV uit StatLine en lees die met "
                "read_statline_csv().") from exc
        try:
            data = pd.DataFrame(cbsodata.get_data(table_id))
        except Exception as exc:  # network errors, unknown table
            raise WijklibError(f"ophalen van CBS-tabel {table_id} mislukt: {exc}") from exc
        atomic_write_text(cache, data.to_csv(index=False))
    df = pd.read_csv(cache, dtype=str, keep_default_na=False)
    if period is None:
        for src in cat.sources:
            for year, tid in src.tables.items():
                if tid == table_id and src.id == "kwb":
                    period = year
        if period is None:
            raise InputError(f"jaar van tabel {table_id} onbekend; geef period=<jaar> op", file=cache)
    code_col = next((c for c in df.columns if normalise_column_name(c) == "codering"), None)
    if code_col is None:
        raise InputError("kolom 'Codering' met gebiedscodes ontbreekt in de CBS-tabel", file=cache)
    codes = validate_codes(df[code_col], unique=True, file=cache, column=code_col)
    mapping = _map_columns(list(df.columns), columns, cat, int(period), cache, {code_col})
    return _to_tidy(df, codes, int(period), mapping, cache, catalogue=cat)


# ----------------------------------------------------------------------------------------------------------
# transformations
# ----------------------------------------------------------------------------------------------------------
def to_wide(
    tidy: pd.DataFrame,
    period: int | None = None,
    *,
    indicators: Iterable[str] | None = None,
    level: str | None = None,
    catalogue: IndicatorCatalogue | None = None,
) -> pd.DataFrame:
    """Area x indicator frame of the values for one period.

    Parameters
    ----------
    tidy : DataFrame
        Tidy counted table.
    period : int, optional
        Year; required when ``tidy`` holds more than one.
    indicators : iterable of str, optional
        Columns to return (in this order; missing ones become all-NaN columns). Default: all present, in
        catalogue order.
    level : str, optional
        Keep only areas of this level (``buurt``, ``wijk``, ``gemeente``, ``land``).
    catalogue : IndicatorCatalogue, optional

    Returns
    -------
    pandas.DataFrame
        Index ``area_code`` (sorted), one float column per indicator. Suppressed and missing are both NaN here;
        use the tidy table when the difference matters.
    """
    validate_tidy(tidy)
    cat = catalogue or load_indicators()
    periods = sorted(tidy["period"].unique().tolist())
    if period is None:
        if len(periods) != 1:
            raise InputError(f"de tabel bevat meerdere jaren ({', '.join(map(str, periods))}); geef period=... op")
        period = periods[0]
    elif int(period) not in periods:
        raise InputError(f"geen gegevens voor jaar {period} (wel: {', '.join(map(str, periods))})")
    sub = tidy[tidy["period"] == int(period)]
    if level is not None:
        from wijklib.areas import normalise_level

        prefix = {"land": "NL", "gemeente": "GM", "wijk": "WK", "buurt": "BU"}[normalise_level(level)]
        sub = sub[sub["area_code"].str.startswith(prefix)]
    wide = sub.pivot(index="area_code", columns="indicator", values="value").sort_index()
    wide.columns.name = None
    if indicators is None:
        order = [i for i in cat.ids if i in wide.columns] + sorted(c for c in wide.columns if c not in cat)
    else:
        order = list(indicators)
        for ind in order:
            if ind not in cat and ind not in wide.columns:
                raise InputError(f"onbekende indicator {ind!r}." + _suggest(ind, cat.ids))
    return wide.reindex(columns=order).astype("float64")


def derive_rates(
    tidy: pd.DataFrame,
    *,
    indicators: Iterable[str] | None = None,
    catalogue: IndicatorCatalogue | None = None,
    overwrite: bool = False,
) -> pd.DataFrame:
    """Add rate indicators computed from the catalogue's numerator and denominator.

    ``value = per * numerator / sum(denominators)``, e.g. ``bijstand_per_1000 = 1000 * bijstand_aantal /
    inwoners``. A rate is derived for every (area, period) that has the numerator. Its status is ``geheim``
    when an input is suppressed, ``ontbreekt`` when an input is missing or the denominator is 0, else ``waarde``.

    Parameters
    ----------
    tidy : DataFrame
        Tidy counted table.
    indicators : iterable of str, optional
        Rate indicators to derive; default every rate whose numerator occurs in ``tidy``.
    catalogue : IndicatorCatalogue, optional
    overwrite : bool, default False
        Replace rates already in ``tidy``. By default an observed rate (e.g. CBS's own Wmo-cliënten per 1,000)
        is kept and only missing ones are filled.

    Returns
    -------
    pandas.DataFrame
        The tidy table with the derived rows added (or replaced).
    """
    validate_tidy(tidy)
    cat = catalogue or load_indicators()
    present = set(tidy["indicator"].unique())
    if indicators is None:
        targets = [ind for ind in cat.rates() if _rate(ind).numerator in present]
    else:
        targets = []
        for iid in indicators:
            ind = cat.get(iid)
            if ind is None:
                raise InputError(f"onbekende indicator {iid!r}." + _suggest(iid, cat.ids))
            if ind.rate is None:
                raise InputError(f"indicator {iid!r} is geen ratio (geen teller/noemer in de catalogus)")
            missing = [x for x in (ind.rate.numerator, *ind.rate.denominator) if x not in present]
            if missing:
                raise InputError(f"kan {iid!r} niet afleiden: {', '.join(missing)} ontbreekt in de tabel")
            targets.append(ind)
    if not targets:
        return tidy.copy()
    needed = {x for ind in targets for x in (_rate(ind).numerator, *_rate(ind).denominator)}
    sub = tidy[tidy["indicator"].isin(needed)]
    vals = sub.pivot(index=["area_code", "period"], columns="indicator", values="value")
    stats = sub.pivot(index=["area_code", "period"], columns="indicator", values="status")
    new_parts = []
    for ind in targets:
        rate_def = _rate(ind)
        num_id, den_ids = rate_def.numerator, list(rate_def.denominator)
        have = stats[num_id].notna()
        v, s = vals[have], stats[have]
        num = v[num_id]
        den_cols = [d for d in den_ids if d in v.columns]
        den = v[den_cols].sum(axis=1, min_count=len(den_ids)) if len(den_cols) == len(den_ids) else \
            pd.Series(np.nan, index=v.index)
        in_status = s[[num_id, *den_cols]]
        any_secret = (in_status == STATUS_SUPPRESSED).any(axis=1)
        any_missing = in_status.isna().any(axis=1) | (in_status == STATUS_MISSING).any(axis=1) \
            | (len(den_cols) < len(den_ids))
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = rate_def.per * num / den
        status = np.where(any_secret, STATUS_SUPPRESSED,
                          np.where(any_missing | (den <= 0) | rate.isna(), STATUS_MISSING, STATUS_OBSERVED))
        rate = rate.where(status == STATUS_OBSERVED)
        new_parts.append(pd.DataFrame({
            "area_code": v.index.get_level_values("area_code"),
            "indicator": ind.id,
            "period": v.index.get_level_values("period"),
            "value": rate.to_numpy(dtype="float64"),
            "status": status,
        }))
    new = pd.concat(new_parts, ignore_index=True)
    key = ["area_code", "indicator", "period"]
    if overwrite:
        merged = tidy.merge(new[key], on=key, how="left", indicator="_m")
        kept = tidy[(merged["_m"] == "left_only").to_numpy()]
        out = pd.concat([kept, new], ignore_index=True)
    else:
        observed = tidy[tidy["indicator"].isin({i.id for i in targets}) & (tidy["status"] == STATUS_OBSERVED)]
        m = new.merge(observed[key], on=key, how="left", indicator="_m")
        new = new[(m["_m"] == "left_only").to_numpy()]
        m2 = tidy.merge(new[key], on=key, how="left", indicator="_m")
        kept = tidy[(m2["_m"] == "left_only").to_numpy()]
        out = pd.concat([kept, new], ignore_index=True)
    return _finish(out)


def combine_counted(tables: Iterable[pd.DataFrame], files: Iterable[Path | str]) -> pd.DataFrame:
    """Combine the tidy tables of several counted files into one, refusing figures that contradict each other.

    The same (area, indicator, year) may occur in more than one file only with the same figure (the same value,
    or both suppressed); an empty figure (``ontbreekt``) gives way to a figure of another file. Otherwise the
    result would depend on the order of the files, so it is an :class:`~wijklib.errors.InputError` like a
    duplicate code inside one file.

    Parameters
    ----------
    tables : iterable of DataFrame
        Tidy tables, one per file, in the order of ``files``.
    files : iterable of str or Path
        The file of each table (named in the error).

    Returns
    -------
    pandas.DataFrame
        One row per (area, indicator, period).

    Raises
    ------
    InputError
        Naming both files, the area code, the indicator and the year of the first contradiction, and how many
        more there are.
    """
    tables, names = list(tables), [str(f) for f in files]
    if not tables:
        return empty_tidy()
    key = ["area_code", "indicator", "period"]
    both = pd.concat([t.assign(_file=i) for i, t in enumerate(tables)], ignore_index=True)
    dup = both.duplicated(key, keep=False).to_numpy()
    if not dup.any():
        return both.drop(columns="_file")
    # an empty figure gives way to a figure (observed or suppressed) of another file for the same key
    given = both.loc[dup & (both["status"] != STATUS_MISSING).to_numpy(), key].drop_duplicates()
    empty_beside = both.merge(given, on=key, how="left", indicator="_m")["_m"].eq("both").to_numpy() \
        & (both["status"] == STATUS_MISSING).to_numpy()
    both = both[~empty_beside].reset_index(drop=True)
    dup = both.duplicated(key, keep=False).to_numpy()
    if dup.any():
        sub = both[dup]
        first = sub.groupby(key, sort=False)[["value", "status", "_file"]].transform("first")
        same_value = np.isclose(sub["value"].to_numpy(dtype="float64"), first["value"].to_numpy(dtype="float64"),
                                rtol=1e-9, atol=0.0, equal_nan=True)
        clash = (sub["status"].to_numpy() != first["status"].to_numpy()) | ~same_value
        if clash.any():
            i = int(np.flatnonzero(clash)[0])
            row, other = sub.iloc[i], first.iloc[i]
            n = sub.loc[clash, key].drop_duplicates().shape[0]
            more = f" (en nog {n - 1} zo'n tegenstrijdigheid)" if n > 1 else ""

            def shown(value: float, status: str) -> str:
                return {STATUS_SUPPRESSED: "geheim", STATUS_MISSING: "leeg"}.get(status, f"{value:g}")

            raise InputError(
                f"gebiedscode {row['area_code']}, indicator '{row['indicator']}', jaar {int(row['period'])} staat in "
                f"twee bestanden met cijfers met een verschillend cijfer: {names[int(other['_file'])]} "
                f"({shown(other['value'], other['status'])}) en {names[int(row['_file'])]} "
                f"({shown(row['value'], row['status'])}){more}. Welk cijfer klopt? Een gebied mag per indicator en "
                "jaar maar in één bestand staan (of in meer bestanden met hetzelfde cijfer); haal het uit één van "
                "de bestanden", file=names[int(row["_file"])])
    return both.drop_duplicates(key, keep="first").drop(columns="_file").reset_index(drop=True)


def _rate(ind: Indicator) -> Rate:
    """The rate definition of a rate indicator (the callers only pass indicators that have one)."""
    return cast(Rate, ind.rate)


def low_population(
    tidy: pd.DataFrame,
    *,
    catalogue: IndicatorCatalogue | None = None,
    population_indicator: str = "inwoners",
) -> pd.Series:
    """Flag rows whose area has fewer inhabitants than the indicator's ``min_population``.

    Parameters
    ----------
    tidy : DataFrame
        Tidy counted table that includes the population indicator for the same areas and periods.
    catalogue : IndicatorCatalogue, optional
    population_indicator : str, default 'inwoners'

    Returns
    -------
    pandas.Series of bool
        Aligned with ``tidy``; True = unreliable because the population is below the threshold or unknown
        (for indicators with a threshold above 0).
    """
    validate_tidy(tidy)
    cat = catalogue or load_indicators()
    pop = tidy[tidy["indicator"] == population_indicator].set_index(["area_code", "period"])["value"]
    keys = pd.MultiIndex.from_frame(tidy[["area_code", "period"]])
    p = pop.reindex(keys).to_numpy()
    thresholds = tidy["indicator"].map(lambda i: cat[i].min_population if i in cat else 0).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        flag = (thresholds > 0) & (np.isnan(p) | (p < thresholds))
    return pd.Series(flag, index=tidy.index, name="onbetrouwbaar")


# ----------------------------------------------------------------------------------------------------------
# names of areas (buurt, wijk, gemeente) in counted tables
# ----------------------------------------------------------------------------------------------------------
#: Normalised column labels that hold the name of the area of a row (KWB ``Wijken en buurten``, StatLine
#: ``WijkenEnBuurten``, the shared tidy tables' ``naam``), most specific first.
NAME_COLUMNS = ("wijkenenbuurten", "naam", "name", "buurtnaam", "wijknaam", "gebiedsnaam", "regionaam", "statnaam")
#: Normalised column labels that hold the name of the gemeente of a row.
GEMEENTENAAM_COLUMNS = ("gemeentenaam", "regioaanduidinggemeentenaamnaam", "gemeentenaamnaam")


def read_names(path: str | Path, *, encoding: str | None = None) -> pd.DataFrame:
    """Area names from a counted table or a names file (any CSV with a code and a name column).

    Recognised are the KWB column ``Wijken en buurten`` (also R-style ``Wijken.en.buurten`` and the OData key
    ``WijkenEnBuurten``), ``naam``/``name``/``buurtnaam``/... and, for the gemeente, ``gemeentenaam`` or
    ``Regioaanduiding/Gemeentenaam (naam)``. Codes are stripped (StatLine pads them with spaces).

    Parameters
    ----------
    path : str or Path
        CSV file (separator detected) or workbook (the sheet :func:`read_counted` reads).
    encoding : str, optional
        Default UTF-8 (with or without BOM).

    Returns
    -------
    DataFrame
        Columns ``area_code``, ``name`` and ``gemeente_naam`` (empty strings become missing). Empty when the
        file has no code column or no name column (a table without names is not an error).
    """
    path = Path(path)
    out_cols = ["area_code", "name", "gemeente_naam"]
    if path.suffix.lower() in SHEET_SUFFIXES:
        try:
            sheet = _code_sheet(path)
        except InputError:
            return pd.DataFrame(columns=out_cols)  # no sheet with codes: no names (the full read says why)
        df = read_table(path, what="cijfers", sheet=sheet, require_rows=True)
    else:
        _check_suffix(path)
        text = read_text(path, encoding=encoding)
        df = frame_from_text(text, detect_sep(_header_line(text)), path, require_rows=True)
    norm = {normalise_column_name(c): c for c in df.columns}
    code_col = guess_code_column(df.columns)
    if code_col is None:
        return pd.DataFrame(columns=out_cols)
    name_col = next((norm[c] for c in NAME_COLUMNS if c in norm and norm[c] != code_col), None)
    gm_col = next((norm[c] for c in GEMEENTENAAM_COLUMNS if c in norm), None)
    if gm_col is None:
        gm_col = next((c for n, c in norm.items() if "gemeentenaam" in n), None)
    if name_col is None and gm_col is None:
        return pd.DataFrame(columns=out_cols)
    codes = df[code_col].map(lambda v: str(v).strip().strip('"').upper())

    def clean(col: str | None) -> pd.Series:
        if col is None:
            return pd.Series([None] * len(df), index=df.index, dtype=object)
        s = df[col].map(lambda v: str(v).strip().strip('"'))
        return s.where(~s.map(is_missing_marker).astype(bool), None)

    out = pd.DataFrame({"area_code": codes, "name": clean(name_col), "gemeente_naam": clean(gm_col)})
    out = out[out["area_code"].str.match(r"^(BU|WK|GM|NL)[0-9A-Z]+$")]
    return out.drop_duplicates("area_code", keep="first").reset_index(drop=True)
