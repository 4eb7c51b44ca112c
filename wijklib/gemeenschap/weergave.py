"""Tables in notebook 07 as users read them: Dutch labels, decimal commas, and every cell HTML-escaped."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from wijklib.readiness.display import readable_frame

__all__ = ["LABELS", "tabel_html", "tabel"]

#: Dutch column labels for the workbench tables.
LABELS: dict[str, str] = {
    "buurtcode": "buurt", "methode_naam": "manier", "stappen": "stappen in de Handreiking", "keer": "keer",
    "laatst": "laatst", "gebruikt": "gebruikt", "type_naam": "soort", "eerste_contact": "eerste contact",
    "niveau_naam": "niveau", "n": "antwoorden", "n_weet_niet": "weet niet", "gemiddelde": "gemiddelde",
    "verschil": "verschil", "oordeel": "oordeel", "gedeeld_beeld": "gedeeld beeld", "activiteit_naam": "activiteit",
    "systeemniveau": "systeemniveau", "samenwerkingsvorm_naam": "samenwerkingsvorm", "trede_niveau": "trede (1-6)",
    "open_niveaus": "niveaus zonder activiteit", "samenwerkingsvormen": "samenwerkingsvormen",
    "fenomeen_naam": "fenomeen", "catalogussignalen": "signalen (Inspiratieboek)", "heeft_barriere": "barrière",
    "wat_er_is": "wat er al is", "signaal_vrij": "eigen omschrijving", "veerkracht_antwoorden":
    "weerbaarheid (antwoorden)", "zelfevaluatie": "zelfevaluatie (taken)",
}


def tabel_html(frame: pd.DataFrame, *, labels: Mapping[str, str] | None = None, decimals: int = 1) -> str:
    """The table as HTML: numbers with a decimal comma, booleans as ja/nee, all text escaped."""
    shown = readable_frame(frame.reset_index(drop=True), labels={**LABELS, **(labels or {})}, decimals=decimals)
    return shown.to_html(index=False, escape=True, na_rep="", border=0, classes="wijklib-tabel")


def tabel(frame: pd.DataFrame, *, labels: Mapping[str, str] | None = None, decimals: int = 1):
    """:func:`tabel_html` wrapped for display in a notebook."""
    from IPython.display import HTML

    return HTML(tabel_html(frame, labels=labels, decimals=decimals))
