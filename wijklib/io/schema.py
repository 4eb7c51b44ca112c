"""The tidy counted-table schema at the counted-data boundary, declared once and checked by pandera.

The tidy counted table (see :mod:`wijklib.counted`) has one row per (area, indicator, period). Its contract is
declared as data in :data:`TIDY_SCHEMA` (columns, kinds, allowed values, unique key, row rules). :func:`validate_table`
checks it with `pandera <https://pandera.readthedocs.io>`_ (``lazy=True``: every check runs, vectorised) and
translates pandera's failure cases into one Dutch :class:`~wijklib.errors.InputError` naming the table, the first
offending row (1-based, the position in the frame) and the column. pandera is imported on first use only: it costs
about half a second, and importing wijklib must stay fast for notebooks and report kernels.

The limits (:data:`MAX_ABS_VALUE`) are a keuze van wijklib; the CBS codes (:data:`~wijklib.io.tables.CBS_SENTINELS`)
are never a value.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.io.tables import CBS_SENTINELS

if TYPE_CHECKING:
    import pandera.pandas as pa

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
    """Columns, unique key and row rules of a table, with the Dutch words for each violation.

    A thin declaration: :meth:`to_pandera` turns it into a :class:`pandera.pandas.DataFrameSchema` (built on first
    use and cached), and :func:`validate_table` turns pandera's failure cases back into Dutch.
    """

    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    unique_label: str = ""
    rules: tuple[RowRule, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def to_pandera(self) -> pa.DataFrameSchema:
        """The pandera schema of this table (imports pandera; cached per schema)."""
        return _to_pandera(self)


# -- the declaration as pandera checks ------------------------------------------------------------------------------
# Check names tie a pandera failure case back to the Dutch words in _translate.
_MISSING = "column_in_dataframe"  # pandera's own
_DUPLICATE = "unique_key"
_ALLOWED = "allowed"
_NOT_YES_NO = "not_yes_no"
_KIND = "kind"
_RULE = "rule_{}"


def _bad_kind(s: pd.Series, kind: str) -> np.ndarray:
    """Cells of ``s`` that are not of ``kind`` ('int': whole number, no gap; 'float': number or gap)."""
    nums = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(nums) & s.notna().to_numpy()
    if kind == "int":
        with np.errstate(invalid="ignore"):
            bad |= np.isnan(nums) | (np.floor(nums) != nums)
    return bad


def _column_checks(col: Column) -> list[pa.Check]:
    import pandera.pandas as pa

    # ignore_na=False: a gap is judged by the check itself; n_failure_cases=1: only the first row is named
    opts: dict[str, Any] = {"ignore_na": False, "n_failure_cases": 1}
    checks = []
    if col.allowed is not None:
        allowed = list(col.allowed)  # pa.Check.isin would name the check itself
        checks.append(pa.Check(lambda s: s.isin(allowed), name=_ALLOWED, **opts))
    if col.kind != "text":
        kind = col.kind
        checks.append(pa.Check(lambda s: not pd.api.types.is_bool_dtype(s), name=_NOT_YES_NO, **opts))
        checks.append(pa.Check(lambda s: pd.Series(~_bad_kind(s, kind), index=s.index), name=_KIND, **opts))
    return checks


def _table_checks(schema: TableSchema) -> list[pa.Check]:
    """The unique key and the row rules as table-wide checks (only the first offending row is collected)."""
    import pandera.pandas as pa

    def check(ok: Callable[[pd.DataFrame], Any], name: str) -> pa.Check:
        return pa.Check(lambda df: pd.Series(np.asarray(ok(df), dtype=bool), index=df.index), name=name,
                        ignore_na=False, n_failure_cases=1)

    # not DataFrameSchema(unique=...): that collects every repeated row as failure cases (seconds on a country)
    def unique(df: pd.DataFrame) -> pd.Series:
        return ~df.duplicated(list(schema.unique), keep=False)

    def obeys(rule: RowRule) -> Callable[[pd.DataFrame], np.ndarray]:
        return lambda df: ~np.asarray(rule.bad(df), dtype=bool)

    checks = [check(unique, _DUPLICATE)] if schema.unique else []
    return checks + [check(obeys(rule), _RULE.format(i)) for i, rule in enumerate(schema.rules)]


@functools.cache
def _to_pandera(schema: TableSchema) -> pa.DataFrameSchema:
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {c.name: pa.Column(None, nullable=True, checks=_column_checks(c)) for c in schema.columns},
        checks=_table_checks(schema), coerce=False, strict=False)


# -- pandera's failure cases in Dutch -------------------------------------------------------------------------------

def _suggest(name: str, options: Sequence[object]) -> str:
    from wijklib.indicators import normalise_column_name

    by_norm: dict[str, str] = {}
    for o in options:
        by_norm.setdefault(normalise_column_name(str(o)), str(o))
    hits = difflib.get_close_matches(normalise_column_name(name), list(by_norm), n=1, cutoff=0.5)
    return f" Bedoelt u '{by_norm[hits[0]]}'?" if hits else ""


def _rows(cases: pd.DataFrame, check: str, column: str | None = None) -> pd.Series:
    """The 0-based rows (positions) of the failure cases of ``check`` (in ``column``).

    A check that failed as a whole (``not_yes_no``) or could not run has no row: it gives no rows here.
    """
    sel = cases["check"] == check
    if column is not None:
        sel &= cases["column"] == column
    return pd.to_numeric(cases.loc[sel, "index"], errors="coerce").dropna()


def _translate(cases: pd.DataFrame, df: pd.DataFrame, schema: TableSchema, name: str | Path) -> InputError:
    """The first violation, in the order columns, allowed values, kinds, unique key, row rules, as one InputError."""
    missing = set(cases.loc[cases["check"] == _MISSING, "failure_case"].astype(str))
    for col in schema.columns:
        if col.name in missing:
            return InputError(f"kolom {col.name!r} ontbreekt." + _suggest(col.name, list(df.columns)), file=name,
                              column=col.name)
    for col in schema.columns:
        rows = _rows(cases, _ALLOWED, col.name)
        if len(rows):
            i = int(rows.min())
            return InputError(f"onbekende {col.name} {df[col.name].iloc[i]!r}; verwacht {', '.join(col.allowed or ())}",
                              file=name, row=i + 1, column=col.name)
    for col in schema.columns:
        if ((cases["check"] == _NOT_YES_NO) & (cases["column"] == col.name)).any():
            return InputError(f"kolom {col.name!r} moet getallen bevatten, geen ja/nee", file=name, column=col.name)
        rows = _rows(cases, _KIND, col.name)
        if len(rows):
            i = int(rows.min())
            kind = "een geheel getal" if col.kind == "int" else "een getal of leeg"
            return InputError(f"waarde {df[col.name].iloc[i]!r} in kolom {col.name!r} is geen getal; verwacht {kind}",
                              file=name, row=i + 1, column=col.name)
    rows = _rows(cases, _DUPLICATE)
    if len(rows):
        first = df.iloc[int(rows.min())]
        example = ", ".join(str(first[k]) for k in schema.unique)
        count = int(df.duplicated(list(schema.unique), keep=False).sum())  # pandera kept only the first row
        return InputError(f"{count} dubbele rijen voor dezelfde ({schema.unique_label}), bijv. {example}",
                          file=name)
    for n, rule in enumerate(schema.rules):
        rows = _rows(cases, _RULE.format(n))
        if len(rows):
            i = int(rows.min())
            return InputError(rule.message(df, i), file=name, row=i + 1, column=rule.column)
    case = cases.iloc[0]  # a check that could not run (e.g. an object pandas cannot compare)
    column = None if pd.isna(case["column"]) else str(case["column"])
    return InputError(f"de tabel kon niet worden gecontroleerd (controle {case['check']}: {case['failure_case']}); "
                      f"verwacht tekst of getallen in de kolommen {', '.join(schema.names)}", file=name, column=column)


def validate_table(df: object, schema: TableSchema, *, name: str | Path = "tabel") -> None:
    """Check ``df`` against ``schema`` with pandera; the first violation raises.

    All checks run (``lazy=True``, vectorised); of the violations found, the first in the order missing column,
    value outside the allowed ones, value of the wrong kind, repeated key, broken row rule is reported (within one
    check, the first row).

    Raises
    ------
    InputError
        Not a DataFrame, a missing column (with the closest name), a value of the wrong kind or outside the
        allowed ones, a repeated key, or a broken row rule; the message names ``name``, the 1-based row (the
        position in ``df``) and the column, in Dutch.
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"verwacht een pandas DataFrame, kreeg {type(df).__name__}", file=name)
    import pandera.pandas as pa
    from pandera.config import ValidationDepth, config_context

    index = df.index
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1):
        df = df.reset_index(drop=True)  # pandera reports index labels; rows are positions
    # full validation whatever PANDERA_* settings the environment has; inplace: no copy (nothing is coerced)
    with config_context(validation_enabled=True, validation_depth=ValidationDepth.SCHEMA_AND_DATA):
        try:
            schema.to_pandera().validate(df, lazy=True, inplace=True)
        except pa.errors.SchemaErrors as exc:
            raise _translate(exc.failure_cases, df, schema, name) from None


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
