"""The one yes/no vocabulary for columns that users fill in (``persoon``, ``natuurlijk_persoon``, consent).

Cells are compared folded (lower case, accents removed, whitespace collapsed; see :func:`wijklib.io.tables.fold`).
Which words count as yes or no is a keuze van wijklib: the Dutch and English words people type in Excel and the
marks of a checkbox column (``x``, ``✓``).
"""

from __future__ import annotations

from typing import Any

from wijklib.io.tables import fold, is_empty

__all__ = ["YES_WORDS", "NO_WORDS", "CONSENT_YES_WORDS", "CONSENT_NO_WORDS", "EMPTY_WORDS", "parse_yes_no",
           "parse_consent", "is_yes"]

#: folded cells read as yes
YES_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "\u2713", "\u2714", "wel"})
#: folded cells read as no
NO_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0", "niet"})
#: folded cells that mean "not filled in"
EMPTY_WORDS = frozenset({"", "nan", "none", "null", "na", "n/a"})
#: consent answers read as given, besides :data:`YES_WORDS`
CONSENT_YES_WORDS = YES_WORDS | {"akkoord", "ik ga akkoord", "ik geef toestemming", "toestemming", "agree",
                                 "i agree", "accepted", "ok", "oui"}
#: consent answers read as refused, besides :data:`NO_WORDS`; an empty consent answer is no consent
CONSENT_NO_WORDS = NO_WORDS | EMPTY_WORDS | {"niet akkoord", "geen toestemming", "ik geef geen toestemming",
                                             "disagree", "weigert", "geweigerd", "declined", "non"}


def _key(value: Any) -> str:
    return "" if is_empty(value) else fold(value)


def parse_yes_no(value: Any, *, empty: bool | None = None) -> bool | None:
    """Read a yes/no cell.

    Parameters
    ----------
    value : Any
        A cell: ``True``/``False``, ``1``/``0`` or text from :data:`YES_WORDS` / :data:`NO_WORDS`.
    empty : bool or None
        What an empty cell (see :data:`EMPTY_WORDS`) means; default ``None`` (not filled in).

    Returns
    -------
    bool or None

    Raises
    ------
    ValueError
        For any other value, with a Dutch message; callers add file, row and column.

    Examples
    --------
    >>> parse_yes_no(" Ja "), parse_yes_no("n"), parse_yes_no(""), parse_yes_no("", empty=False)
    (True, False, None, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not is_empty(value) and value in (0, 1):
        return bool(value)
    key = _key(value)
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    if key in EMPTY_WORDS:
        return empty
    raise ValueError(f"verwacht ja of nee, niet {value!r}")


def is_yes(value: Any) -> bool:
    """True only for a yes (see :data:`YES_WORDS`); anything else, also unknown text, is False."""
    try:
        return parse_yes_no(value) is True
    except ValueError:
        return False


def parse_consent(value: Any) -> bool | None:
    """Read a consent answer: True (given), False (refused or empty) or None (not recognised).

    Examples
    --------
    >>> parse_consent("Ik ga akkoord"), parse_consent(""), parse_consent("misschien")
    (True, False, None)
    """
    if isinstance(value, bool):
        return value
    key = _key(value).rstrip(".")
    if key in ("1.0", "0.0"):
        key = key[0]
    if key in CONSENT_YES_WORDS:
        return True
    if key in CONSENT_NO_WORDS:
        return False
    return None
