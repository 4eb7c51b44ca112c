"""CBS region codes: parsing, validation, level and hierarchy.

CBS codes (Kerncijfers wijken en buurten, wijk- en buurtkaart):

* ``NL00`` -- the country (level ``land``);
* ``GMgggg`` -- a gemeente, four digits (``GM0363`` Amsterdam);
* ``WKggggww`` -- a wijk: gemeente digits plus two characters (``WK036300``; since about 2022 some
  municipalities use letters: ``WK0363AA``);
* ``BUggggwwbb`` -- a buurt: wijk part plus two characters (``BU03630000``, ``BU0363AA01``).

The gemeente of a wijk or buurt is ``"GM" + code[2:6]``, the wijk of a buurt ``"WK" + code[2:8]``.
Raw StatLine exports pad codes with spaces; :func:`normalise_code` strips them.

Examples
--------
>>> parse_code("BU0363AA01")
AreaCode(code='BU0363AA01', level='buurt', wijk_code='WK0363AA', gemeente_code='GM0363')
>>> level_of("WK036300")
'wijk'
>>> parent_of("BU03630000")
'WK036300'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import pandas as pd

from wijklib.errors import InputError

__all__ = [
    "Level",
    "LEVELS",
    "LEVEL_LABELS_NL",
    "AreaCode",
    "normalise_code",
    "is_valid_code",
    "parse_code",
    "level_of",
    "gemeente_of",
    "wijk_of",
    "parent_of",
    "hierarchy",
    "validate_codes",
    "check_known_codes",
]

Level = Literal["land", "gemeente", "wijk", "buurt"]
#: Levels from coarse to fine.
LEVELS: tuple[str, ...] = ("land", "gemeente", "wijk", "buurt")
LEVEL_LABELS_NL = {"land": "land", "gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt"}
_LEVEL_EXAMPLES = {"land": "NL00", "gemeente": "GM0363", "wijk": "WK036300 of WK0363AA",
                   "buurt": "BU03630000 of BU0363AA01"}

_PATTERNS: dict[str, re.Pattern[str]] = {
    "land": re.compile(r"^NL\d{2}$"),
    "gemeente": re.compile(r"^GM\d{4}$"),
    "wijk": re.compile(r"^WK\d{4}[0-9A-Z]{2}$"),
    "buurt": re.compile(r"^BU\d{4}[0-9A-Z]{2}[0-9A-Z]{2}$"),
}
_ANY = re.compile(r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
_LEVEL_BY_PREFIX = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}
# Aliases of level names found in CBS files ("Soort regio") and in English code.
_LEVEL_ALIASES = {
    "land": "land", "nl": "land", "country": "land",
    "gemeente": "gemeente", "gm": "gemeente", "municipality": "gemeente",
    "wijk": "wijk", "wk": "wijk", "district": "wijk",
    "buurt": "buurt", "bu": "buurt", "neighbourhood": "buurt", "neighborhood": "buurt",
}


@dataclass(frozen=True)
class AreaCode:
    """A parsed CBS region code.

    Attributes
    ----------
    code : str
        Normalised code (stripped, upper case).
    level : {'land', 'gemeente', 'wijk', 'buurt'}
    wijk_code : str or None
        The wijk of a buurt, the wijk itself for a wijk, else None.
    gemeente_code : str or None
        The gemeente of a wijk or buurt, the gemeente itself for a gemeente, None for the country.
    """

    code: str
    level: str
    wijk_code: str | None
    gemeente_code: str | None

    @property
    def parent(self) -> str | None:
        """The code one level up (buurt -> wijk -> gemeente -> NL00)."""
        return {"buurt": self.wijk_code, "wijk": self.gemeente_code, "gemeente": "NL00", "land": None}[self.level]


def normalise_level(level: str) -> str:
    """Map a level name (``buurt``, ``Buurt``, ``BU``, ``neighbourhood``, ...) to a wijklib level.

    Raises
    ------
    InputError
        For an unknown level name.
    """
    key = str(level).strip().lower()
    if key not in _LEVEL_ALIASES:
        raise InputError(f"onbekend niveau {level!r}; verwacht een van: {', '.join(LEVELS)}")
    return _LEVEL_ALIASES[key]


def normalise_code(code: object) -> str:
    """Strip padding and surrounding quotes and upper-case a code; ``''`` for missing values.

    >>> normalise_code("GM1680    ")
    'GM1680'
    >>> normalise_code(" bu0363aa01")
    'BU0363AA01'
    """
    if code is None:
        return ""
    try:
        if pd.isna(cast(Any, code)):  # any scalar; the pandas stubs only list typed ones
            return ""
    except (TypeError, ValueError):
        pass
    return str(code).strip().strip('"').strip().upper()


def is_valid_code(code: object) -> bool:
    """True when ``code`` (after normalisation) is a well-formed CBS region code."""
    return bool(_ANY.match(normalise_code(code)))


def _describe_problem(raw: object) -> str:
    code = normalise_code(raw)
    if code == "":
        return "lege code"
    prefix = code[:2]
    if prefix not in _LEVEL_BY_PREFIX:
        return (f"code {code!r} begint niet met NL, GM, WK of BU")
    level = _LEVEL_BY_PREFIX[prefix]
    return (f"code {code!r} is geen geldige {level}code (verwacht bijvoorbeeld {_LEVEL_EXAMPLES[level]})")


def parse_code(code: object) -> AreaCode:
    """Parse a CBS region code.

    Parameters
    ----------
    code : str
        Code such as ``"BU0363AA01"``; surrounding spaces are allowed (StatLine padding).

    Returns
    -------
    AreaCode

    Raises
    ------
    InputError
        When the code is not a valid CBS code.
    """
    c = normalise_code(code)
    if not _ANY.match(c):
        raise InputError(_describe_problem(code) + ".")
    level = _LEVEL_BY_PREFIX[c[:2]]
    if level == "buurt":
        return AreaCode(c, level, "WK" + c[2:8], "GM" + c[2:6])
    if level == "wijk":
        return AreaCode(c, level, c, "GM" + c[2:6])
    if level == "gemeente":
        return AreaCode(c, level, None, c)
    return AreaCode(c, level, None, None)


def level_of(code: object) -> str:
    """Level (``land``, ``gemeente``, ``wijk``, ``buurt``) of a code; raises InputError if invalid."""
    return parse_code(code).level


def gemeente_of(code: object) -> str | None:
    """Gemeente code of a gemeente, wijk or buurt code (None for ``NL00``)."""
    return parse_code(code).gemeente_code


def wijk_of(code: object) -> str | None:
    """Wijk code of a wijk or buurt code (None for gemeente and land)."""
    return parse_code(code).wijk_code


def parent_of(code: object) -> str | None:
    """The code one level up: buurt -> wijk -> gemeente -> ``NL00``."""
    return parse_code(code).parent


def hierarchy(codes: Iterable[object]) -> pd.DataFrame:
    """Level, wijk and gemeente of many codes.

    Parameters
    ----------
    codes : iterable of str
        Valid CBS codes (use :func:`validate_codes` first for user input).

    Returns
    -------
    pandas.DataFrame
        Columns ``area_code``, ``level``, ``wijk_code``, ``gemeente_code`` (one row per input code).
    """
    codes = pd.Series(list(codes), dtype="object").map(normalise_code)
    prefix = codes.str[:2]
    level = prefix.map(_LEVEL_BY_PREFIX)
    bad = level.isna() | ~codes.str.match(_ANY)
    if bad.any():
        first = codes[bad].iloc[0]
        raise InputError(_describe_problem(first) + f" ({int(bad.sum())} ongeldige code(s)).")
    wijk = pd.Series(None, index=codes.index, dtype="object")
    gem = pd.Series(None, index=codes.index, dtype="object")
    is_bu = level == "buurt"
    is_wk = level == "wijk"
    is_gm = level == "gemeente"
    wijk[is_bu] = "WK" + codes[is_bu].str[2:8]
    wijk[is_wk] = codes[is_wk]
    gem[is_bu | is_wk] = "GM" + codes[is_bu | is_wk].str[2:6]
    gem[is_gm] = codes[is_gm]
    return pd.DataFrame({"area_code": codes.astype(str), "level": level.astype(str),
                         "wijk_code": wijk, "gemeente_code": gem}).reset_index(drop=True)


def _rows_text(rows: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (f" (en nog {len(rows) - limit})" if len(rows) > limit else "")


def validate_codes(
    codes: Iterable[object],
    *,
    level: str | Iterable[str] | None = None,
    unique: bool = True,
    allow_missing: bool = False,
    file: str | Path | None = None,
    column: str | None = None,
    row_offset: int = 1,
) -> pd.Series:
    """Check user-supplied codes and return them normalised.

    Parameters
    ----------
    codes : iterable
        Codes as read from a file (padding and lower case are tolerated).
    level : str or iterable of str, optional
        Allowed level(s); codes of another level are an error.
    unique : bool, default True
        Whether duplicate codes are an error.
    allow_missing : bool, default False
        Whether empty codes are allowed (they are returned as ``''``).
    file, column : optional
        Named in error messages.
    row_offset : int, default 1
        Number of the first data row in messages (1 = the first row of an in-memory table; a file read by a
        reader passes :data:`wijklib.io.tables.FIRST_DATA_ROW`, the row Excel shows).

    Returns
    -------
    pandas.Series
        Normalised codes (object dtype), same order and length as the input.

    Raises
    ------
    InputError
        On the first kind of problem found: invalid codes (with rows), codes of the wrong level
        (with rows and the levels found) or duplicate codes (with the codes and their rows).
    """
    raw = pd.Series(list(codes), dtype="object")
    norm = raw.map(normalise_code)
    if len(norm) == 0:
        raise InputError("geen enkele gebiedscode gevonden (leeg bestand?)", file=file, column=column)
    empty = norm == ""
    if empty.any() and not allow_missing:
        rows = [int(i) + row_offset for i in norm.index[empty]]
        raise InputError(f"lege gebiedscode in rij {_rows_text(rows)}; elke rij heeft een CBS-code nodig",
                         file=file, column=column, row=rows[0] if len(rows) == 1 else None)
    invalid = ~empty & ~norm.str.match(_ANY)
    if invalid.any():
        idx = list(norm.index[invalid])
        rows = [int(i) + row_offset for i in idx]
        examples = "; ".join(f"rij {r}: {_describe_problem(raw[i])}" for r, i in zip(rows[:3], idx[:3]))
        raise InputError(
            f"{len(idx)} ongeldige gebiedscode(s) ({examples}). Verwacht NL00, GMgggg, WKggggww of BUggggwwbb.",
            file=file, column=column, row=rows[0] if len(rows) == 1 else None)
    if level is not None:
        allowed = {normalise_level(level)} if isinstance(level, str) else {normalise_level(x) for x in level}
        levels = norm[~empty].str[:2].map(_LEVEL_BY_PREFIX)
        wrong = levels[~levels.isin(allowed)]
        if len(wrong):
            rows = [int(i) + row_offset for i in wrong.index]
            found = Counter(wrong)
            found_txt = ", ".join(f"{n}x {lv}" for lv, n in found.most_common())
            example = norm[wrong.index[0]]
            raise InputError(
                f"codes van het verkeerde niveau: verwacht {' of '.join(sorted(allowed))}, gevonden {found_txt} "
                f"(bijv. {example!r} in rij {_rows_text(rows)})",
                file=file, column=column, row=rows[0] if len(rows) == 1 else None)
    if unique:
        dup_mask = norm.duplicated(keep=False) & ~empty
        if dup_mask.any():
            parts = []
            for code, grp in list(norm[dup_mask].groupby(norm[dup_mask], sort=False))[:3]:
                parts.append(f"{code} (rijen {', '.join(str(int(i) + row_offset) for i in grp.index[:4])})")
            n = norm[dup_mask].nunique()
            raise InputError(f"{n} gebiedscode(s) komen meer dan eens voor: {'; '.join(parts)}. "
                             f"Elke code mag maar één keer voorkomen.", file=file, column=column)
    return norm


def check_known_codes(
    codes: Iterable[object],
    known: Iterable[object],
    *,
    file: str | Path | None = None,
    column: str | None = None,
    what: str = "de gebiedsindeling",
    max_unknown: int = 0,
) -> list[str]:
    """Check that codes exist in a reference set (e.g. the codes of a geometry file).

    Parameters
    ----------
    codes : iterable of str
        Codes to check.
    known : iterable of str
        Reference codes.
    file, column : optional
        Named in the error message.
    what : str
        Dutch description of the reference set, for the message.
    max_unknown : int, default 0
        Number of unknown codes tolerated without error.

    Returns
    -------
    list of str
        The unknown codes (sorted); empty if all are known.

    Raises
    ------
    InputError
        When more than ``max_unknown`` codes are unknown; names up to five of them.
    """
    known_set = {normalise_code(k) for k in known}
    unknown = sorted({normalise_code(c) for c in codes} - known_set - {""})
    if len(unknown) > max_unknown:
        shown = ", ".join(unknown[:5]) + (f" (en nog {len(unknown) - 5})" if len(unknown) > 5 else "")
        raise InputError(f"{len(unknown)} onbekende gebiedscode(s), niet in {what}: {shown}. "
                         f"Controleer het jaar van de indeling (CBS wijzigt codes bij herindelingen).",
                         file=file, column=column)
    return unknown
