"""Dutch number formatting and shared labels: one home for everything a user reads as a number or theme name.

Numbers are written the Dutch way: decimal comma, a dot between thousands (``1.234,5``). A missing value
(``None``, ``NaN``, infinity, or a value that is not a number) is always shown as :data:`MISSING`, the en dash
"–", which means *"geen waarde: niet gemeten, niet ingevuld of (bij kleine aantallen) niet getoond"*.
Showing one sign for every kind of missing value is a *keuze van wijklib*; the reason, where it matters, is
told next to the table (for instance "te weinig respondenten").

Examples
--------
>>> number(1234.5)
'1.234,5'
>>> number(0.0523, 2, sign=True)
'+0,05'
>>> number(None), number(float("nan"))
('–', '–')
>>> percentage(0.256), percentage(25.6, fraction=False)
('26%', '26%')
>>> compact(2.50), compact(3.0)
('2,5', '3')
>>> theme_label("sociale_cohesie")
'Sociale cohesie'
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["MISSING", "SURVEY_THEMES", "SURVEY_THEME_LABELS", "number", "percentage", "compact", "theme_label",
           "is_money_unit", "NOMINAL_NOTE", "change_versus_reference"]

#: What users read for a missing value (see the module docstring for its meaning).
MISSING = "–"

#: The themes of the resident survey and the urgency "told" layer, in one table: id -> (short Dutch label for
#: tables, charts and reports; the longer explanation used by the questionnaire, :data:`wijklib.told.ENQUETE_THEMAS`).
SURVEY_THEMES: dict[str, tuple[str, str]] = {
    "veiligheid": ("Veiligheid", "Veiligheid(sbeleving)"),
    "leefbaarheid": ("Leefbaarheid", "Leefbaarheid van de woonomgeving"),
    "sociale_cohesie": ("Sociale cohesie", "Sociale cohesie"),
    "vertrouwen_instanties": ("Vertrouwen in instanties", "Vertrouwen in instanties (gemeente, politie, corporatie)"),
    "initiatiefbereidheid": ("Initiatiefbereidheid", "Bereidheid om zelf iets te doen voor de buurt"),
}
#: Short Dutch labels of the survey themes (id -> label).
SURVEY_THEME_LABELS: dict[str, str] = {theme: label for theme, (label, _) in SURVEY_THEMES.items()}


def _as_float(value: Any) -> float | None:
    """``value`` as a finite float, or None when it is missing or not a number (booleans count as missing)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _dutch(text: str) -> str:
    """Swap the English separators of ``text`` (``1,234.5``) for the Dutch ones (``1.234,5``), in one pass."""
    return text.translate(_SWAP_SEPARATORS)


def number(value: Any, decimals: int = 1, *, sign: bool = False, thousands: bool = True,
           missing: str = MISSING) -> str:
    """A number with a decimal comma and (by default) a dot between thousands.

    Parameters
    ----------
    value : Any
        The number; ``None``, NaN, infinity and non-numbers give ``missing``.
    decimals : int
        Digits after the comma.
    sign : bool
        Always show the sign (``+0,5``).
    thousands : bool
        Put a dot between thousands.
    missing : str
        Text for a missing value; keep the default unless a caller documents otherwise.

    Returns
    -------
    str
    """
    v = _as_float(value)
    if v is None:
        return missing
    text = f"{v:{'+' if sign else ''}{',' if thousands else ''}.{decimals}f}"
    if not sign and text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    return _dutch(text)


def percentage(value: Any, decimals: int = 0, *, fraction: bool = True, missing: str = MISSING) -> str:
    """A percentage with a decimal comma; ``value`` is a fraction (0.25) unless ``fraction=False`` (25)."""
    v = _as_float(value)
    if v is None:
        return missing
    return number(v * 100 if fraction else v, decimals) + "%"


def compact(value: Any, *, missing: str = MISSING) -> str:
    """A number without needless trailing zeros (``2.50`` -> ``"2,5"``, ``3.0`` -> ``"3"``), no thousands dot."""
    v = _as_float(value)
    if v is None:
        return missing
    return f"{v:g}".replace(".", ",")


def theme_label(theme: Any) -> str:
    """The Dutch label of a survey theme id; unknown ids are shown readably (underscores as spaces)."""
    return SURVEY_THEME_LABELS.get(str(theme), str(theme).replace("_", " "))


#: What a money amount (WOZ value, income) is not: a rise in euros is no improvement by itself.
NOMINAL_NOTE = "bedrag, niet gecorrigeerd voor inflatie"


def is_money_unit(unit: Any) -> bool:
    """Whether an indicator unit (``euro_x1000``, or its label ``x 1.000 euro``) is an amount of money.

    Money amounts in the counted data are nominal (not corrected for inflation): their rise over the years says
    nothing about better or worse by itself, only compared with the rise elsewhere over the same years.

    >>> is_money_unit("euro_x1000"), is_money_unit("x 1.000 euro"), is_money_unit("pct")
    (True, True, False)
    """
    return "euro" in str(unit or "").casefold()


def change_versus_reference(before: Any, after: Any, ref_before: Any, ref_after: Any, *,
                            reference: str = "de gemeente", threshold: float = 0.05) -> str | None:
    """How a nominal amount changed compared with a reference over the same years, in Dutch.

    Inflation works on both, so the comparison of the two changes is meaningful where the change of one
    amount alone is not. The changes are compared as growth factors (``after / before``); a ratio within
    ``threshold`` of 1 reads "ongeveer even snel" (the 5% is a *keuze van wijklib*).

    Parameters
    ----------
    before, after : float
        The amount of the area in the first and the last year.
    ref_before, ref_after : float
        The amount of the reference (e.g. the gemeente) in the same two years.
    reference : str
        Dutch name of the reference in the sentence.
    threshold : float
        Relative difference of the growth factors below which the changes count as equal.

    Returns
    -------
    str or None
        E.g. ``"sneller gestegen dan de gemeente"``; None when a value is missing or not positive.

    Examples
    --------
    >>> change_versus_reference(200, 260, 250, 300)
    'sneller gestegen dan de gemeente'
    >>> change_versus_reference(200, 220, 250, 300)
    'trager gestegen dan de gemeente'
    >>> change_versus_reference(200, 240, 250, 300)
    'ongeveer even snel gestegen als de gemeente'
    """
    vals = [_as_float(v) for v in (before, after, ref_before, ref_after)]
    if any(v is None or v <= 0 for v in vals):
        return None
    b, a, rb, ra = (float(v) for v in vals if v is not None)
    ratio = (a / b) / (ra / rb)
    up, ref_up = a > b, ra > rb
    if abs(ratio - 1) < threshold:
        if up and ref_up:
            return f"ongeveer even snel gestegen als {reference}"
        if not up and not ref_up and a < b and ra < rb:
            return f"ongeveer even sterk gedaald als {reference}"
        return f"ongeveer even sterk veranderd als {reference}"
    if ratio > 1:  # the area did relatively better in euros than the reference
        if up:
            return f"sneller gestegen dan {reference}" if ref_up else f"gestegen, terwijl {reference} niet steeg"
        return f"minder gedaald dan {reference}"
    if up:
        return f"trager gestegen dan {reference}"
    if ref_up:
        return f"niet gestegen, terwijl {reference} wel steeg"
    return f"sterker gedaald dan {reference}"

