"""Privacy helpers for training notebook 07: spot identifying details in notes and hide small numbers.

:func:`find_identifying` is a deliberately simple screen for the details that most often slip into notes of
professionals: a name after a title ("meneer Jansen"), a known name from a list, a street address with a house
number, a licence plate, a phone number, an e-mail address and a date of birth. It misses things (a nickname,
"the man in the white car", a unique combination of facts) and is a reminder, not a guarantee: reading your own
notes stays necessary.

:func:`suppress_small` blanks cells of a table that rest on fewer than ``min_n`` people, the way survey results
per buurt are reported in wijklib (at least 10 respondents, :data:`wijklib.told.MIN_N`).
"""

from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

__all__ = ["find_identifying", "IDENTIFYING_KINDS", "suppress_small"]

_STREET = r"(?:straat|laan|weg|plein|hof|kade|singel|gracht|dijk|pad|steeg|dreef|park|markt|erf|ring)"
_PATTERNS: dict[str, re.Pattern] = {
    "naam met aanspreekvorm": re.compile(
        r"\b(?i:meneer|mijnheer|heer|mevrouw|juffrouw|dhr\.?|mevr\.?|mw\.?|mr\.?)\s+(?:van\s+|de\s+|der\s+|den\s+)*[A-Z][a-zà-ÿ'\-]+"),
    "adres (straat en huisnummer)": re.compile(rf"\b[A-Z][a-zà-ÿ\-]*{_STREET}\s+\d+\s*[a-zA-Z]?\b"),
    "kenteken": re.compile(r"\b(?:[A-Z]{1,3}-\d{1,3}-[A-Z]{1,3}|\d{1,3}-[A-Z]{1,3}-\d{1,3}|[A-Z]{2}-[A-Z]{2}-\d{2}"
                           r"|\d{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-\d{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2})\b"),
    "telefoonnummer": re.compile(r"(?<!\d)(?:\+31[\s\-]?|0)(?:6[\s\-]?\d{8}|\d{2,3}[\s\-]?\d{6,7})(?!\d)"),
    "e-mailadres": re.compile(r"\b[\w.+\-]+@[\w\-]+\.[\w.\-]+\b"),
    "geboortedatum": re.compile(r"\b(?:geboren|geb\.|geboortedatum)\s*(?:op\s+)?\d{1,2}[\-/ ]\w+[\-/ ]\d{2,4}",
                                re.IGNORECASE),
}
#: The kinds of identifying details :func:`find_identifying` looks for.
IDENTIFYING_KINDS: tuple[str, ...] = tuple(_PATTERNS) + ("bekende naam",)


def find_identifying(text: str, names: Iterable[str] = ()) -> list[str]:
    """The kinds of identifying details found in a text (empty list = nothing found).

    Parameters
    ----------
    text : str
        A note, signal or caption.
    names : iterable of str
        Names that must not occur (for example the names a respondent mentioned); matched as whole words,
        ignoring case.

    Returns
    -------
    list of str
        Dutch kinds from :data:`IDENTIFYING_KINDS`, in that order, each at most once.

    Examples
    --------
    >>> find_identifying("Meneer Bakker van de Dorpsstraat 12 belt steeds met 06-12345678")
    ['naam met aanspreekvorm', 'adres (straat en huisnummer)', 'telefoonnummer']
    >>> find_identifying("Bewoners melden 's avonds drugsoverlast bij het speelveld")
    []
    """
    text = str(text)
    found = [kind for kind, pattern in _PATTERNS.items() if pattern.search(text)]
    if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, flags=re.IGNORECASE) for n in names if n):
        found.append("bekende naam")
    return found


def suppress_small(table: pd.DataFrame, count_column: str = "n", value_columns: Iterable[str] | None = None, *,
                   min_n: int = 10) -> pd.DataFrame:
    """Blank the values of rows that rest on fewer than ``min_n`` people; add a column ``getoond``.

    Parameters
    ----------
    table : DataFrame
    count_column : str
        Number of people (respondents, households) behind each row.
    value_columns : iterable of str, optional
        Columns to blank (default: every numeric column except ``count_column``).
    min_n : int
        Smallest group that may be shown.

    Returns
    -------
    DataFrame
        A copy; suppressed values are NaN (shown as empty), the count itself is replaced by ``"< min_n"`` so the
        exact small number is not shown either.

    Raises
    ------
    KeyError
        When ``count_column`` is not in the table (Dutch message).
    """
    if count_column not in table.columns:
        raise KeyError(f"kolom {count_column!r} met aantallen ontbreekt; kolommen: "
                       f"{', '.join(map(str, table.columns))}")
    out = table.copy()
    small = pd.to_numeric(out[count_column], errors="coerce").fillna(0) < min_n
    cols = list(value_columns) if value_columns is not None else [
        c for c in out.select_dtypes("number").columns if c != count_column]
    for c in cols:
        out[c] = out[c].where(~small)
    out[count_column] = out[count_column].astype(object).where(~small, f"< {min_n}")
    out["getoond"] = ~small
    return out
