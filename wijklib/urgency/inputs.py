"""Input handling: indicator metadata, wide and tidy long tables, population.

The engine does not import the indicator catalogue: metadata arrive as a plain table with the columns
``indicator``, ``domain``, ``direction`` (``hoger_is_slechter``, ``hoger_is_beter`` or ``context``),
``min_population`` and optionally ``weight`` and ``label`` (Dutch name used in texts).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import weakref

import numpy as np
import pandas as pd

from wijklib.errors import InputError

__all__ = [
    "DIRECTIONS",
    "LONG_COLUMNS",
    "prepare_indicators",
    "is_long",
    "to_wide",
    "long_to_panel",
    "panel_and_presence",
    "check_long",
    "population_series",
]

DIRECTIONS = ("hoger_is_slechter", "hoger_is_beter", "context")
SIGNS = {"hoger_is_slechter": 1.0, "hoger_is_beter": -1.0, "context": 0.0}
LONG_COLUMNS = ("area_code", "indicator", "period", "value")


def prepare_indicators(indicators: "pd.DataFrame | Mapping[str, Mapping[str, Any]] | list[dict[str, Any]]"
                       ) -> pd.DataFrame:
    """Validate indicator metadata and return it indexed by indicator id.

    Parameters
    ----------
    indicators : DataFrame, mapping or list of dicts
        Columns (or keys) ``indicator``, ``domain``, ``direction``; optional ``min_population`` (missing = no
        minimum), ``weight`` (expert weight, >= 0) and ``label``. A mapping is ``{id: {domain: ..., ...}}``.

    Returns
    -------
    DataFrame
        Indexed by ``indicator`` with columns ``domain``, ``direction``, ``sign`` (+1 higher is worse, -1 higher
        is better, 0 context), ``min_population`` (float, NaN = none), ``weight`` (float, NaN = not given) and
        ``label``.

    Raises
    ------
    InputError
        A required column is missing, a direction is unknown, an id is duplicated, or a number is invalid; the
        error names the row (1-based) and column.

    Examples
    --------
    >>> m = prepare_indicators({"a": {"domain": "wonen", "direction": "hoger_is_beter"}})
    >>> float(m.at["a", "sign"])
    -1.0
    """
    if isinstance(indicators, pd.DataFrame):
        df = indicators.copy()
        if "indicator" not in df.columns and df.index.name == "indicator":
            df = df.reset_index()
    elif isinstance(indicators, Mapping):
        df = pd.DataFrame([{"indicator": k, **dict(v)} for k, v in indicators.items()])
    elif isinstance(indicators, list):
        df = pd.DataFrame(indicators)
    else:
        raise InputError(f"indicatorlijst moet een tabel of mapping zijn, kreeg {type(indicators).__name__}")
    for col in ("indicator", "domain", "direction"):
        if col not in df.columns:
            raise InputError(f"kolom '{col}' ontbreekt in de indicatorlijst", column=col)
    df = df.reset_index(drop=True)
    df["indicator"] = df["indicator"].astype(str).str.strip()
    for i, (direction, domain) in enumerate(zip(df["direction"], df["domain"])):
        if direction not in DIRECTIONS:
            raise InputError(f"onbekende richting {direction!r}; verwacht een van {', '.join(DIRECTIONS)}",
                             row=i + 1, column="direction")
        if not isinstance(domain, str) or not domain.strip():
            raise InputError("domein ontbreekt", row=i + 1, column="domain")
    dup = df["indicator"][df["indicator"].duplicated()]
    if len(dup):
        raise InputError(f"indicator '{dup.iloc[0]}' komt twee keer voor", row=int(dup.index[0]) + 1,
                         column="indicator")
    for col in ("min_population", "weight"):
        if col not in df.columns:
            df[col] = np.nan
        values = pd.to_numeric(df[col], errors="coerce")
        bad = values.isna() & df[col].notna() | (values < 0)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(f"verwacht een getal >= 0, kreeg {df[col].iloc[i]!r}", row=i + 1, column=col)
        df[col] = values.astype(float)
    if "label" not in df.columns:
        df["label"] = df["indicator"]
    df["label"] = df["label"].where(df["label"].notna(), df["indicator"]).astype(str)
    df["domain"] = df["domain"].str.strip()
    df["sign"] = df["direction"].map(SIGNS).astype(float)
    # the unit (optional): money amounts are not corrected for inflation, so their trend is judged against the
    # reference's (see wijklib.urgency.engine)
    df["unit"] = (df["unit"].where(df["unit"].notna(), "").astype(str).str.strip() if "unit" in df.columns
                  else "")
    return df.set_index("indicator")[["domain", "direction", "sign", "min_population", "weight", "label", "unit"]]


def is_long(data: pd.DataFrame) -> bool:
    """Return True when ``data`` is the tidy long table of the data contract."""
    return isinstance(data, pd.DataFrame) and set(LONG_COLUMNS) <= set(data.columns)


def _check_long(long: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in LONG_COLUMNS if c not in long.columns]
    if missing:
        raise InputError(f"kolom '{missing[0]}' ontbreekt in de lange tabel (verwacht {', '.join(LONG_COLUMNS)})",
                         column=missing[0])
    out = long.copy()
    codes, uniques = pd.factorize(out["area_code"])
    stripped = pd.Index(uniques).astype(str).str.strip()
    if not len(codes):
        out["area_code"] = out["area_code"].astype(str)
    elif not (isinstance(out["area_code"].dtype, pd.StringDtype) and stripped.equals(pd.Index(uniques))):
        out["area_code"] = np.asarray(stripped, dtype=object)[codes]  # else: already clean text, kept as it is
    values = pd.to_numeric(out["value"], errors="coerce")
    bad = values.isna() & out["value"].notna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"verwacht een getal, kreeg {out['value'].iloc[i]!r}", row=i + 1, column="value")
    out["value"] = values.astype(float)
    periods = pd.to_numeric(out["period"], errors="coerce")
    if periods.isna().any():
        i = int(np.flatnonzero(periods.isna().to_numpy())[0])
        raise InputError(f"verwacht een jaartal, kreeg {out['period'].iloc[i]!r}", row=i + 1, column="period")
    out["period"] = periods.astype(int)
    if "status" not in out.columns:
        out["status"] = np.where(out["value"].isna(), "ontbreekt", "waarde")
    # one integer key per (area, indicator, period); the area codes are factorised only once when stripping
    # merged no two codes
    key = np.zeros(len(out), dtype=np.int64)
    factors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for col in ("area_code", "indicator", "period"):
        if col == "area_code" and stripped.is_unique and len(codes):
            f, u = codes, np.asarray(stripped, dtype=object)
        else:
            f, u_any = pd.factorize(out[col])
            u = np.asarray(u_any)
        factors[col] = (f, u)
        key = key * (len(u) + 1) + f
    if _has_duplicates(key):
        _, first = np.unique(key, return_index=True)
        dup = np.ones(len(out), dtype=bool)
        dup[first] = False
        i = int(np.flatnonzero(dup)[0])
        r = out.iloc[i]
        raise InputError(f"dubbele rij voor {r['area_code']} / {r['indicator']} / {r['period']}", row=i + 1)
    _remember_factors(out, factors)
    return out


def _has_duplicates(key: np.ndarray) -> bool:
    """True when a non-negative integer key occurs twice (a count per key when the key range is small)."""
    if not len(key):
        return False
    top = int(key.max())
    if top < 4 * len(key) + 1_000_000:
        return bool(np.bincount(key, minlength=top + 1).max() > 1)
    return bool(len(np.unique(key)) < len(key))


# Factor codes of a checked long table (area, indicator, period), kept beside the table while it lives so the
# wide table of the scored period and the panel of the trends need not factorise its million strings again.
# Keyed by the table's id and dropped when the table is collected; used only while the table still holds the very
# column arrays the codes were made from (a filtered copy or a replaced column is factorised anew).
_FACTORS: dict[int, tuple[Any, int, dict[str, tuple[Any, np.ndarray, np.ndarray]]]] = {}


def _remember_factors(long: pd.DataFrame, factors: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    key = id(long)
    held = {col: (_column_data(long[col]), f, u) for col, (f, u) in factors.items()}

    def forget(_ref: Any, k: int = key) -> None:
        _FACTORS.pop(k, None)
    _FACTORS[key] = (weakref.ref(long, forget), len(long), held)


def _column_data(series: pd.Series) -> Any:
    """The array behind a column: the same object (extension array) or the same buffer (numpy) while unchanged."""
    return series.to_numpy(copy=False) if isinstance(series.dtype, np.dtype) else series.array


def _sorted_factor(long: pd.DataFrame, col: str) -> "tuple[np.ndarray, np.ndarray] | None":
    """Codes of ``long[col]`` into its sorted unique values, from the factors of :func:`_check_long` (or None)."""
    entry = _FACTORS.get(id(long))
    if entry is None or entry[0]() is not long or entry[1] != len(long) or col not in entry[2]:
        return None
    arr, f, u = entry[2][col]
    now = _column_data(long[col])
    if now is not arr and not (isinstance(arr, np.ndarray) and isinstance(now, np.ndarray)
                               and now.__array_interface__["data"] == arr.__array_interface__["data"]):
        return None
    order = np.argsort(u, kind="stable")
    rank = np.empty(len(u), dtype=np.intp)
    rank[order] = np.arange(len(u))
    return rank[f], u[order]


def _subset_codes(factor: tuple[np.ndarray, np.ndarray], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted factor codes of the selected rows (as ``pd.factorize(values[rows], sort=True)``)."""
    codes, uniques = factor
    sub = codes[rows]
    used = np.zeros(len(uniques), dtype=bool)
    used[sub] = True
    new = np.cumsum(used) - 1
    return new[sub], uniques[used]


def check_long(long: pd.DataFrame) -> pd.DataFrame:
    """Validate a tidy long table and return a cleaned copy (codes stripped, numbers parsed, ``status`` added).

    Parameters
    ----------
    long : DataFrame
        Columns ``area_code``, ``indicator``, ``period``, ``value`` and optionally ``status``.

    Returns
    -------
    DataFrame

    Raises
    ------
    InputError
        Missing column, non-numeric value or period, or a duplicated (area, indicator, period), naming the row.
    """
    return _check_long(long)


def to_wide(data: pd.DataFrame, *, period: "int | None" = None, checked: bool = False
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn input data into one wide table (areas x indicators) for one period.

    Parameters
    ----------
    data : DataFrame
        Either a wide table (index ``area_code`` or a column ``area_code``/``code``; other columns numeric
        indicator values) or the tidy long table (``area_code``, ``indicator``, ``period``, ``value``,
        ``status``).
    period : int, optional
        Period to take from a long table; default the latest.
    checked : bool
        The long table was already validated by :func:`check_long` (skip the check).

    Returns
    -------
    wide : DataFrame
        Index ``area_code`` (str), float columns.
    status : DataFrame
        Same shape, ``"waarde"``, ``"geheim"`` (suppressed) or ``"ontbreekt"``.

    Raises
    ------
    InputError
        A non-numeric value (naming the column and row), duplicated area codes, a period not in the table.
    """
    if is_long(data):
        long = data if checked else _check_long(data)
        periods = sorted(long["period"].unique())
        p = periods[-1] if period is None else period
        if p not in periods:
            shown = ", ".join(str(int(x)) if float(x).is_integer() else str(x) for x in periods)
            raise InputError(f"periode {p} staat niet in de gegevens (wel: {shown})", column="period")
        in_p = (long["period"] == p).to_numpy()
        fa, fi = _sorted_factor(long, "area_code"), _sorted_factor(long, "indicator")
        areas: Any
        inds: Any
        if fa is not None and fi is not None:  # codes remembered from the check: no strings factorised again
            a_codes, areas = _subset_codes(fa, in_p)
            i_codes, inds = _subset_codes(fi, in_p)
        else:
            # the wide tables straight from factor codes (same result as two pivots, without their reshaping)
            a_codes, areas = pd.factorize(long["area_code"][in_p], sort=True)
            i_codes, inds = pd.factorize(long["indicator"][in_p], sort=True)
        values = np.full((len(areas), len(inds)), np.nan)
        values[a_codes, i_codes] = long["value"].to_numpy(dtype=float)[in_p]
        st = np.full((len(areas), len(inds)), "ontbreekt", dtype=object)
        st_in = long["status"].to_numpy(dtype=object)[in_p]
        st[a_codes, i_codes] = np.where(pd.isna(st_in), "ontbreekt", st_in)
        index = pd.Index(areas, name="area_code")
        columns = pd.Index(inds)
        wide = pd.DataFrame(values, index=index, columns=columns, copy=False)  # memory layout as pivot gives
        status = pd.DataFrame(st, index=index, columns=columns)
        return wide, status
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"gegevens moeten een DataFrame zijn, kreeg {type(data).__name__}")
    df = data.copy()
    for key in ("area_code", "code"):
        if key in df.columns:
            df = df.set_index(key)
            break
    df.index = df.index.astype(str).str.strip()
    df.index.name = "area_code"
    if df.index.duplicated().any():
        raise InputError(f"gebiedscode '{df.index[df.index.duplicated()][0]}' komt twee keer voor",
                         column="area_code")
    wide = pd.DataFrame(index=df.index)
    status = pd.DataFrame(index=df.index)
    for col in df.columns:
        s = df[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            stripped = s.astype("string").str.strip()
            suppressed = stripped == "."
            num = pd.to_numeric(stripped.mask(suppressed), errors="coerce")
            bad = num.isna() & stripped.notna() & (stripped != "") & ~suppressed
            if bad.any():
                if bad.mean() > 0.5:  # a text column (names etc.): not an indicator
                    continue
                row = int(np.flatnonzero(bad.to_numpy())[0])
                raise InputError(f"verwacht een getal, kreeg {s.iloc[row]!r}", row=row + 1, column=str(col))
            wide[col] = num.astype(float)
            status[col] = np.where(suppressed.fillna(False), "geheim", np.where(num.isna(), "ontbreekt", "waarde"))
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            wide[col] = s.astype(float)
            status[col] = np.where(s.isna(), "ontbreekt", "waarde")
    return wide, status


def long_to_panel(long: pd.DataFrame, indicators: "list[str] | None" = None, *, checked: bool = False
                  ) -> tuple[list[int], list[str], np.ndarray, pd.DataFrame]:
    """Arrange a tidy long table as a panel array.

    Parameters
    ----------
    long : DataFrame
        The tidy long table.
    indicators : list of str, optional
        Indicator order; default all indicators in the table (sorted).
    checked : bool
        The table was already validated by :func:`check_long`.

    Returns
    -------
    periods : list of int
        Sorted periods.
    areas : list of str
        Union of area codes over all periods (sorted).
    values : ndarray, shape (n_areas, n_indicators, n_periods)
        NaN where absent, missing or suppressed.
    long : DataFrame
        The validated long table.
    """
    long = long if checked else _check_long(long)
    periods, areas, values, _ = panel_and_presence(long, indicators)
    return periods, areas, values, long


def panel_and_presence(long: pd.DataFrame, indicators: "list[str] | None" = None
                       ) -> tuple[list[int], list[str], np.ndarray, np.ndarray]:
    """Panel of a checked long table (as :func:`long_to_panel`) and which area has a row in which period.

    Returns
    -------
    periods, areas, values
        As :func:`long_to_panel`.
    present : ndarray of bool, shape (n_areas, n_periods)
        True where the table has any row for the area in the period (also one with a missing value).
    """
    fa, fi, fp = (_sorted_factor(long, c) for c in ("area_code", "indicator", "period"))
    if fa is not None and fi is not None and fp is not None:  # codes remembered from the check
        a_idx, a_u = fa
        areas = list(a_u)
        periods = [int(x) for x in fp[1]]
        p_idx = fp[0]
        inds = list(fi[1]) if indicators is None else list(indicators)
        i_idx = pd.Index(inds).get_indexer(pd.Index(fi[1]))[fi[0]] if len(fi[1]) else fi[0]
    else:
        periods = sorted(int(p) for p in long["period"].unique())
        areas = sorted(long["area_code"].unique())
        inds = sorted(long["indicator"].unique()) if indicators is None else list(indicators)
        a_idx = pd.Index(areas).get_indexer(long["area_code"])  # type: ignore[arg-type]  # stubs: Index only
        i_idx = pd.Index(inds).get_indexer(long["indicator"])  # type: ignore[arg-type]
        p_idx = pd.Index(periods).get_indexer(long["period"])  # type: ignore[arg-type]
    n_i, n_p = len(inds), len(periods)
    values = np.full((len(areas), n_i, n_p), np.nan)
    # one flat position per row (faster than three index arrays); rows of other indicators are left out
    a_i, i_i, p_i = (np.asarray(x, dtype=np.intp) for x in (a_idx, i_idx, p_idx))
    area_period = a_i * n_p + p_i
    flat = (a_i * n_i + i_i) * n_p + p_i
    keep = i_i >= 0
    v = long["value"].to_numpy(dtype=float)
    if keep.all():
        values.reshape(-1)[flat] = v
    else:
        values.reshape(-1)[flat[keep]] = v[keep]
    present_flat = np.zeros(len(areas) * n_p, dtype=bool)
    present_flat[area_period] = True
    present = present_flat.reshape(len(areas), n_p)
    return periods, areas, values, present


def population_series(population: "pd.Series | pd.DataFrame | Mapping[str, float] | None", wide: pd.DataFrame,
                      column: str = "inwoners") -> pd.Series:
    """Population per area aligned to ``wide``'s index (NaN where unknown).

    Parameters
    ----------
    population : Series, DataFrame, mapping or None
        Population per area code. A DataFrame needs a column ``column`` (and ``area_code`` or the index).
        None: take ``wide[column]`` when present, else all NaN (no small-population checks).
    wide : DataFrame
        Wide data table.
    column : str
        Name of the population column.

    Returns
    -------
    Series
    """
    if population is None:
        if column in wide.columns:
            return wide[column].astype(float)
        return pd.Series(np.nan, index=wide.index, name=column)
    if isinstance(population, pd.DataFrame):
        df = population.set_index("area_code") if "area_code" in population.columns else population
        if column not in df.columns:
            raise InputError(f"kolom '{column}' ontbreekt in de bevolkingstabel", column=column)
        s = df[column]
    elif isinstance(population, Mapping):
        s = pd.Series(population)
    else:
        s = population
    s = pd.to_numeric(pd.Series(s.to_numpy(), index=s.index.astype(str).str.strip()), errors="coerce")
    return s.reindex(wide.index).astype(float).rename(column)
