"""The tidy counted-table schema at the counted-data boundary, declared once and checked in one place.

The tidy counted table (see :mod:`wijklib.counted`) has one row per (area, indicator, period). Its contract is
declared as data in :data:`TIDY_SCHEMA` (columns, kinds, allowed values, unique key, row rules) and checked by
:func:`validate_table`, which names the table, the first offending row (1-based) and the column in Dutch.

The schema is plain pandas (vectorised; no extra dependency). The limits (:data:`MAX_ABS_VALUE`) are a keuze van
wijklib; the CBS codes (:data:`~wijklib.io.tables.CBS_SENTINELS`) are never a value.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.io.tables import CBS_SENTINELS

__all__ = ["Column", "RowRule", "TableSchema", "validate_table", "TIDY_SCHEMA", "TIDY_COLUMNS", "STATUS_OBSERVED",
           "STATUS_SUPPRESSED", "STATUS_MISSING", "STATUSES", "MAX_ABS_VALUE"]

STATUS_OBSERVED = "waarde"
STATUS_SUPPRESSED = "geheim"
STATUS_MISSING = "ontbreekt"
STATUSES = (STATUS_OBSERVED, STATUS_SUPPRESSED, STATUS_MISSING)
#: Magnitudes above this are read as missing (no counted figure is this large; keuze van wijklib).
MAX_ABS_VALUE = 1e12


@dataclass(frozen=True)
class Column:
    """One column of a schema.

    Attributes
    ----------
    name : str
    kind : {'text', 'int', 'float'}
        ``int``: whole numbers without gaps; ``float``: numbers or NaN; ``text``: anything (kept as is).
    allowed : tuple of str, optional
        The only values allowed (e.g. the statuses).
    """

    name: str
    kind: str = "text"
    allowed: tuple[str, ...] | None = None


@dataclass(frozen=True)
class RowRule:
    """A rule over whole rows: ``bad(df)`` is a boolean mask of offending rows; ``message`` says what is wrong."""

    bad: Callable[[pd.DataFrame], np.ndarray]
    message: Callable[[pd.DataFrame, int], str]
    column: str


@dataclass(frozen=True)
class TableSchema:
    """Columns, unique key and row rules of a table."""

    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    unique_label: str = ""
    rules: tuple[RowRule, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _suggest(name: str, options: Sequence[object]) -> str:
    from wijklib.indicators import normalise_column_name

    by_norm: dict[str, str] = {}
    for o in options:
        by_norm.setdefault(normalise_column_name(str(o)), str(o))
    hits = difflib.get_close_matches(normalise_column_name(name), list(by_norm), n=1, cutoff=0.5)
    return f" Bedoelt u '{by_norm[hits[0]]}'?" if hits else ""


def _first(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


def _check_kind(df: pd.DataFrame, col: Column, name: str | Path) -> None:
    if col.kind == "text":
        return
    s = df[col.name]
    if pd.api.types.is_bool_dtype(s):
        raise InputError(f"kolom {col.name!r} moet getallen bevatten, geen ja/nee", file=name, column=col.name)
    nums = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(nums) & s.notna().to_numpy()
    if col.kind == "int":
        with np.errstate(invalid="ignore"):
            bad |= np.isnan(nums) | (np.floor(nums) != nums)
    if bad.any():
        i = _first(bad)
        kind = "een geheel getal" if col.kind == "int" else "een getal of leeg"
        raise InputError(f"waarde {s.iloc[i]!r} in kolom {col.name!r} is geen getal; verwacht {kind}",
                         file=name, row=i + 1, column=col.name)


def validate_table(df: object, schema: TableSchema, *, name: str | Path = "tabel") -> None:
    """Check ``df`` against ``schema``; the first violation raises.

    Raises
    ------
    InputError
        Not a DataFrame, a missing column (with the closest name), a value of the wrong kind or outside the
        allowed ones, a repeated key, or a broken row rule; the message names ``name``, the 1-based row and the
        column, in Dutch.
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"verwacht een pandas DataFrame, kreeg {type(df).__name__}", file=name)
    for col in schema.columns:
        if col.name not in df.columns:
            raise InputError(f"kolom {col.name!r} ontbreekt." + _suggest(col.name, list(df.columns)), file=name,
                             column=col.name)
    for col in schema.columns:
        if col.allowed is not None:
            bad = ~df[col.name].isin(col.allowed).to_numpy()
            if bad.any():
                i = _first(bad)
                raise InputError(f"onbekende {col.name} {df[col.name].iloc[i]!r}; verwacht {', '.join(col.allowed)}",
                                 file=name, row=i + 1, column=col.name)
    for col in schema.columns:
        _check_kind(df, col, name)
    if schema.unique:
        dup = df.duplicated(list(schema.unique), keep=False)
        if dup.any():
            r = df[dup].iloc[0]
            example = ", ".join(str(r[k]) for k in schema.unique)
            raise InputError(f"{int(dup.sum())} dubbele rijen voor dezelfde ({schema.unique_label}), bijv. {example}",
                             file=name)
    for rule in schema.rules:
        bad = np.asarray(rule.bad(df), dtype=bool)
        if bad.any():
            i = _first(bad)
            raise InputError(rule.message(df, i), file=name, row=i + 1, column=rule.column)


def _inconsistent(df: pd.DataFrame) -> np.ndarray:
    observed = df["status"] == STATUS_OBSERVED
    return ((observed & df["value"].isna()) | (~observed & df["value"].notna())).to_numpy()


def _impossible(df: pd.DataFrame) -> np.ndarray:
    vals = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype="float64")
    observed = (df["status"] == STATUS_OBSERVED).to_numpy()
    with np.errstate(invalid="ignore"):
        bad = observed & (~np.isfinite(vals) | np.isin(vals, list(CBS_SENTINELS)) | (np.abs(vals) > MAX_ABS_VALUE))
    return bad & ~np.isnan(vals)


TIDY_COLUMNS = ["area_code", "indicator", "period", "value", "status"]

#: The tidy counted table: area_code, indicator, period (whole year), value (float, NaN unless observed), status.
TIDY_SCHEMA = TableSchema(
    columns=(Column("area_code"), Column("indicator"), Column("period", "int"), Column("value", "float"),
             Column("status", allowed=STATUSES)),
    unique=("area_code", "indicator", "period"),
    unique_label="gebied, indicator, periode",
    rules=(
        RowRule(_inconsistent,
                lambda df, i: "waarde en status spreken elkaar tegen (status 'waarde' vraagt een getal; 'geheim' en "
                              "'ontbreekt' vragen een lege waarde)", "value"),
        RowRule(_impossible,
                lambda df, i: f"waarde {float(df['value'].iloc[i]):g} is een CBS-code of een onmogelijk getal, geen "
                              "waarneming; geef status 'geheim' of 'ontbreekt' met een lege waarde (of lees de tabel "
                              "met wijklib.counted)", "value"),
    ),
)
