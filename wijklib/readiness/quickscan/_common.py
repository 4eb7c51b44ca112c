"""quickscan — _common: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from wijklib.format import compact, number




#: The answer scale (score -> Dutch label).
SCHAAL: dict[int, str] = {0: "niet", 1: "deels", 2: "grotendeels", 3: "op orde"}
#: The answer for "I cannot judge this"; never counted as a zero.
WEET_NIET = "weet niet"
_WEET_NIET_ALIASES = {"weet niet", "weet ik niet", "weetniet", "weet_niet", "wn", "?", "onbekend", "geen idee"}

#: Partner (organisation) types a respondent can speak for (id -> Dutch label).
PARTNERS: dict[str, str] = {
    "gemeente": "Gemeente",
    "politie": "Politie",
    "woningcorporatie": "Woningcorporatie",
    "welzijn": "Welzijnsorganisatie / sociaal werk",
    "jongerenwerk": "Jongerenwerk",
    "zorg": "Zorg en GGZ",
    "onderwijs": "Onderwijs",
    "om": "Openbaar Ministerie",
    "riec": "RIEC",
    "ondernemers": "Ondernemers(vereniging)",
    "bewoners": "Bewoners(organisatie)",
    "procesregisseur": "Procesregisseur / wijkverbinder",
    "bestuur": "Bestuur (college, burgemeester)",
    "overig": "Overig",
}
_PARTNER_ALIASES = {
    "corporatie": "woningcorporatie", "woningbouwcorporatie": "woningcorporatie", "wooncorporatie": "woningcorporatie",
    "welzijnsorganisatie": "welzijn", "sociaal werk": "welzijn", "ggz": "zorg", "zorg/ggz": "zorg",
    "school": "onderwijs", "scholen": "onderwijs", "openbaar ministerie": "om", "ondernemer": "ondernemers",
    "bewoner": "bewoners", "bewonersorganisatie": "bewoners", "bewonersplatform": "bewoners",
    "wijkverbinder": "procesregisseur", "college": "bestuur", "burgemeester": "bestuur",
}

#: Columns of the answers table returned by :func:`read_answers`.
ANSWER_COLUMNS = ("respondent", "partner", "item", "score", "weet_niet", "toelichting", "datum", "bron", "rij")
#: Help columns of the template that the loader ignores.
_HELP_COLUMNS = {"nr", "randvoorwaarde", "bouwsteen", "stelling", "kort", "label", "uitleg", "randvoorwaarde_id"}
_REQUIRED = ("respondent", "partner", "item", "score")


# ---------------------------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------------------------

def _nl(value: float | None, decimals: int = 2) -> str:
    """A number with a decimal comma, for Dutch text (missing: :data:`wijklib.format.MISSING`)."""
    return number(value, decimals, thousands=False)


def _nl_g(value: float | None) -> str:
    return compact(value)


def _catalogue(cat=None):
    if cat is None:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    return cat


def quickscan_items(cat=None) -> pd.DataFrame:
    """The 57 quickscan statements: one per "vraagt om" item of the 12 preconditions, in document order.

    Returns
    -------
    DataFrame
        Columns ``nr`` (1-57), ``item`` (catalogue id), ``kort`` (short label), ``stelling`` (the statement, a
        paraphrase), ``randvoorwaarde`` (id), ``randvoorwaarde_naam``, ``rv_nr`` (1-12), ``bouwsteen`` (1-4),
        ``bouwsteen_naam`` and ``bron`` (section in the Leerkring magazine).
    """
    cat = _catalogue(cat)
    blocks = {b.attr("nummer"): b.name_nl for b in cat.by_kind("bouwsteen")}
    rows: list[dict[str, Any]] = []
    for rv_nr, rv in enumerate(cat.by_kind("randvoorwaarde"), start=1):
        for item in cat.children(rv.id, "vraagt_om"):
            rows.append({
                "nr": len(rows) + 1, "item": item.id, "kort": item.name_nl, "stelling": item.description_nl,
                "randvoorwaarde": rv.id, "randvoorwaarde_naam": rv.name_nl, "rv_nr": rv_nr,
                "bouwsteen": rv.attr("bouwsteen_nummer"), "bouwsteen_naam": blocks.get(rv.attr("bouwsteen_nummer"), ""),
                "bron": f"Leerkring Brabant-Zeeland, {item.source.section}",
            })
    return pd.DataFrame(rows)


def status_label(mean: float) -> str:
    """The nearest scale label of a mean score (``nan`` -> ``"geen antwoorden"``)."""
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "geen antwoorden"
    if mean < 0.5:
        return "niet op orde"
    if mean < 1.5:
        return "deels op orde"
    if mean < 2.5:
        return "grotendeels op orde"
    return "op orde"
