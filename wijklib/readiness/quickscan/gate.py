"""quickscan — gate: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


from ._common import (
    _catalogue,
    quickscan_items,
)
from .parsing import (
    read_answers,
)
from .scoring import (
    GateRule,
    block_scores,
    disagreements,
    item_scores,
    partner_scores,
    precondition_scores,
)


# ---------------------------------------------------------------------------------------------------------------
# Gate and next actions
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GateResult:
    """The gate statement: may the partners start choosing interventions?

    Attributes
    ----------
    klaar : bool
        True when no precondition fails the rule.
    eerst_aanpakken : DataFrame
        The preconditions to address first (weakest first): ``randvoorwaarde``, ``naam``, ``bouwsteen``,
        ``gemiddelde``, ``redenen``.
    gesprekspunten : DataFrame
        Preconditions on which partners differ a lot (``naam``, ``gesprekspunten``).
    regel : str
        The rule in Dutch.
    """

    klaar: bool
    eerst_aanpakken: pd.DataFrame
    gesprekspunten: pd.DataFrame
    regel: str

    def markdown(self) -> str:
        """The gate statement as Dutch Markdown."""
        if self.klaar:
            lines = ["**Poort open: de randvoorwaarden zijn voldoende op orde om interventies te kiezen.**"]
        else:
            lines = [f"**Poort dicht: {len(self.eerst_aanpakken)} randvoorwaarde(n) vragen eerst aandacht "
                     "voordat je interventies kiest.**", ""]
            for _, row in self.eerst_aanpakken.iterrows():
                lines.append(f"- **{row['naam']}** (bouwsteen {row['bouwsteen']}): {row['redenen']}")
        if len(self.gesprekspunten):
            lines += ["", "Gesprekspunten (sluiten de poort niet):"]
            lines += [f"- {r['naam']}: {r['gesprekspunten']}" for _, r in self.gesprekspunten.iterrows()]
        lines += ["", f"*Regel (keuze van wijklib, niet van de Leerkring): {self.regel}*"]
        return "\n".join(lines)


def apply_gate(preconditions: pd.DataFrame, rule: GateRule | None = None) -> GateResult:
    """Build the gate statement from :func:`precondition_scores` (computed with the same ``rule``)."""
    rule = rule or GateRule()
    fail = preconditions[preconditions["eerst_aanpakken"]].copy()
    fail["_key"] = fail["gemiddelde"].fillna(-1.0)
    fail = fail.sort_values(["_key", "rv_nr"])[["randvoorwaarde", "naam", "bouwsteen", "gemiddelde", "redenen"]]
    talk = preconditions[preconditions["gesprekspunten"] != ""][["randvoorwaarde", "naam", "gesprekspunten"]]
    return GateResult(klaar=fail.empty, eerst_aanpakken=fail.reset_index(drop=True),
                      gesprekspunten=talk.reset_index(drop=True), regel=rule.describe())


def next_actions(preconditions: pd.DataFrame, *, n_zwakste: int = 3, cat=None) -> pd.DataFrame:
    """The catalogue's "Aan de slag" actions for the preconditions that need attention.

    All preconditions that fail the gate are included (weakest first); when none fails, the ``n_zwakste``
    weakest ones are.

    Returns
    -------
    DataFrame
        ``randvoorwaarde``, ``naam``, ``gemiddelde``, ``actie_id``, ``actie``, ``omschrijving``, ``bron``.
    """
    cat = _catalogue(cat)
    pre = preconditions.copy()
    pre["_key"] = pre["gemiddelde"].fillna(-1.0)
    chosen = pre[pre["eerst_aanpakken"]]
    if chosen.empty:
        chosen = pre.dropna(subset=["gemiddelde"]).nsmallest(n_zwakste, "_key")
    chosen = chosen.sort_values(["_key", "rv_nr"])
    rows = []
    for _, rv in chosen.iterrows():
        for action in cat.children(rv["randvoorwaarde"], "aan_de_slag"):
            rows.append({"randvoorwaarde": rv["randvoorwaarde"], "naam": rv["naam"], "gemiddelde": rv["gemiddelde"],
                         "actie_id": action.id, "actie": action.name_nl, "omschrijving": action.description_nl,
                         "bron": f"Leerkring Brabant-Zeeland, {action.source.section}"})
    return pd.DataFrame(rows, columns=["randvoorwaarde", "naam", "gemiddelde", "actie_id", "actie", "omschrijving",
                                       "bron"])


@dataclass(frozen=True)
class QuickscanResult:
    """Everything :func:`analyse_quickscan` computes, as tables."""

    antwoorden: pd.DataFrame
    items: pd.DataFrame
    randvoorwaarden: pd.DataFrame
    bouwstenen: pd.DataFrame
    partners: pd.DataFrame
    verschillen: pd.DataFrame
    poort: GateResult
    acties: pd.DataFrame
    regel: GateRule = field(default_factory=GateRule)

    @property
    def respondenten(self) -> pd.DataFrame:
        """Respondents with their partner type and number of answers (numeric and *weet niet*)."""
        a = self.antwoorden
        return (a.groupby(["respondent", "partner"]).agg(antwoorden=("score", "count"), weet_niet=("weet_niet", "sum"))
                .reset_index())

    def scores(self) -> dict[str, float]:
        """Mean score per precondition id (NaN when unanswered): the readiness profile for matching."""
        return dict(zip(self.randvoorwaarden["randvoorwaarde"], self.randvoorwaarden["gemiddelde"]))


def analyse_quickscan(answers: pd.DataFrame | str | Path, *, rule: GateRule | None = None, top_verschillen: int = 8,
                      cat=None) -> QuickscanResult:
    """Run the whole quickscan analysis.

    Parameters
    ----------
    answers : DataFrame, path or folder
        Validated answers (:func:`read_answers`) or anything :func:`read_answers` accepts.
    rule : GateRule, optional
        The gate rule; defaults to :class:`GateRule` ().
    top_verschillen : int
        How many disagreement items to list.

    Returns
    -------
    QuickscanResult
    """
    cat = _catalogue(cat)
    rule = rule or GateRule()
    if not isinstance(answers, pd.DataFrame) or "weet_niet" not in answers.columns:
        answers = read_answers(answers, cat=cat)
    items = quickscan_items(cat)
    pre = precondition_scores(answers, rule=rule, items=items)
    return QuickscanResult(
        antwoorden=answers, items=item_scores(answers, items=items), randvoorwaarden=pre,
        bouwstenen=block_scores(pre, cat=cat), partners=partner_scores(answers, items=items),
        verschillen=disagreements(answers, top=top_verschillen, items=items), poort=apply_gate(pre, rule),
        acties=next_actions(pre, cat=cat), regel=rule)
