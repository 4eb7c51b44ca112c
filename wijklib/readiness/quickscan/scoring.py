"""quickscan — scoring: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, cast

import numpy as np
import pandas as pd


from ._common import (
    PARTNERS,
    SCHAAL,
    WEET_NIET,
    _catalogue,
    _nl,
    _nl_g,
    quickscan_items,
    status_label,
)


# ---------------------------------------------------------------------------------------------------------------
# Aggregation
# ---------------------------------------------------------------------------------------------------------------

def _with_items(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    return answers.merge(items[["item", "randvoorwaarde", "bouwsteen"]], on="item", how="left")


def item_scores(answers: pd.DataFrame, *, cat=None, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores per statement: all 57 items, also those nobody answered.

    Returns
    -------
    DataFrame
        The columns of :func:`quickscan_items` plus ``n`` (numeric answers), ``n_weet_niet``, ``gemiddelde``,
        ``sd`` (``ddof=0``), ``min``, ``max`` and ``verschil`` (max - min).
    """
    items = quickscan_items(cat) if items is None else items
    num = answers[~answers["weet_niet"]]
    stats = num.groupby("item")["score"].agg(n="size", gemiddelde="mean", sd=lambda s: float(np.std(s, ddof=0)),
                                             min="min", max="max")
    wn = answers[answers["weet_niet"]].groupby("item").size().rename("n_weet_niet")
    out = items.merge(stats, left_on="item", right_index=True, how="left").merge(
        wn, left_on="item", right_index=True, how="left")
    out["n"] = out["n"].fillna(0).astype(int)
    out["n_weet_niet"] = out["n_weet_niet"].fillna(0).astype(int)
    out["verschil"] = out["max"] - out["min"]
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class GateRule:
    """When a precondition must be addressed before interventions are chosen (wijklib's rule, not the document's).

    Parameters
    ----------
    min_gemiddelde : float
        A mean below this (0-3 scale) closes the gate. Default 1.5: halfway between *deels* and *grotendeels*.
    max_aandeel_weet_niet : float
        A share of *weet niet* answers above this closes the gate. Default one third.
    min_dekking : float
        A share of items with at least one numeric answer below this closes the gate. Default 0.5.
    verschil_gesprek : float
        A range of respondent scores of at least this is reported as "geen gedeeld beeld" (does not close the gate).
    """

    min_gemiddelde: float = 1.5
    max_aandeel_weet_niet: float = 1 / 3
    min_dekking: float = 0.5
    verschil_gesprek: float = 2.0

    def describe(self) -> str:
        """The rule in Dutch."""
        return ("Een randvoorwaarde vraagt eerst aandacht als het gemiddelde lager is dan "
                f"{_nl_g(self.min_gemiddelde)} (schaal 0-3), of als meer dan {self.max_aandeel_weet_niet:.0%} van de antwoorden 'weet niet' is, "
                f"of als minder dan {self.min_dekking:.0%} van de stellingen een antwoord met een cijfer heeft. "
                f"Verschillen partners {_nl_g(self.verschil_gesprek)} punten of meer, dan is dat een gesprekspunt "
                "(geen gedeeld beeld), maar het sluit de poort niet.")

    def reasons(self, row: Mapping[str, Any]) -> tuple[list[str], list[str]]:
        """Blocking reasons and conversation points for one row of :func:`precondition_scores`."""
        block, talk = [], []
        mean = row["gemiddelde"]
        if row["n_antwoorden"] == 0:
            block.append("nog geen antwoorden met een cijfer")
        elif mean < self.min_gemiddelde:
            block.append(f"gemiddelde {_nl(mean)} is lager dan {_nl_g(self.min_gemiddelde)}")
        total = row["n_antwoorden"] + row["n_weet_niet"]
        if total and row["aandeel_weet_niet"] > self.max_aandeel_weet_niet + 1e-12:
            block.append(f"{row['n_weet_niet']} van de {total} antwoorden is 'weet niet' "
                         f"({row['aandeel_weet_niet']:.0%}, meer dan {self.max_aandeel_weet_niet:.0%})")
        if row["n_antwoorden"] and row["dekking"] < self.min_dekking - 1e-12:
            block.append(f"maar {row['n_items_beantwoord']} van de {row['n_items']} stellingen beantwoord")
        if not (isinstance(row["verschil"], float) and math.isnan(row["verschil"])) \
                and row["verschil"] >= self.verschil_gesprek - 1e-12:
            talk.append(f"partners verschillen {_nl(row['verschil'], 1)} punt (geen gedeeld beeld)")
        return block, talk


def precondition_scores(answers: pd.DataFrame, *, rule: GateRule | None = None, cat=None,
                        items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scores per precondition, with agreement and the gate verdict.

    Returns
    -------
    DataFrame
        One row per precondition in document order: ``randvoorwaarde``, ``naam``, ``rv_nr``, ``bouwsteen``,
        ``gemiddelde`` (mean of item means), ``status``, ``n_items``, ``n_items_beantwoord``, ``dekking``,
        ``n_antwoorden`` (numeric), ``n_weet_niet``, ``aandeel_weet_niet``, ``n_respondenten``, ``spreiding``
        (SD of respondent scores, ``ddof=0``), ``verschil`` (range of respondent scores), ``min_respondent``,
        ``max_respondent``, ``eerst_aanpakken`` (bool), ``redenen`` and ``gesprekspunten`` (Dutch text).
    """
    rule = rule or GateRule()
    items = quickscan_items(cat) if items is None else items
    per_item = item_scores(answers, items=items)
    data = _with_items(answers, items)
    rows = []
    for rv, group in items.groupby("randvoorwaarde", sort=False):
        its = per_item[per_item["randvoorwaarde"] == rv]
        answered = its[its["n"] > 0]
        sub = data[data["randvoorwaarde"] == rv]
        num = sub[~sub["weet_niet"]]
        resp_scores = num.groupby("respondent")["score"].mean()
        n_wn = int(sub["weet_niet"].sum())
        n_num = int(len(num))
        row = {
            "randvoorwaarde": rv, "naam": group["randvoorwaarde_naam"].iloc[0], "rv_nr": int(group["rv_nr"].iloc[0]),
            "bouwsteen": int(group["bouwsteen"].iloc[0]),
            "gemiddelde": float(answered["gemiddelde"].mean()) if len(answered) else float("nan"),
            "n_items": int(len(its)), "n_items_beantwoord": int(len(answered)),
            "dekking": len(answered) / len(its),
            "n_antwoorden": n_num, "n_weet_niet": n_wn,
            "aandeel_weet_niet": n_wn / (n_num + n_wn) if (n_num + n_wn) else 0.0,
            "n_respondenten": int(sub["respondent"].nunique()),
            "spreiding": float(np.std(resp_scores, ddof=0)) if len(resp_scores) else float("nan"),
            "verschil": float(resp_scores.max() - resp_scores.min()) if len(resp_scores) else float("nan"),
            "min_respondent": float(resp_scores.min()) if len(resp_scores) else float("nan"),
            "max_respondent": float(resp_scores.max()) if len(resp_scores) else float("nan"),
        }
        row["status"] = status_label(row["gemiddelde"])
        block, talk = rule.reasons(row)
        row["eerst_aanpakken"] = bool(block)
        row["redenen"] = "; ".join(block)
        row["gesprekspunten"] = "; ".join(talk)
        rows.append(row)
    cols = ["randvoorwaarde", "naam", "rv_nr", "bouwsteen", "gemiddelde", "status", "n_items", "n_items_beantwoord",
            "dekking", "n_antwoorden", "n_weet_niet", "aandeel_weet_niet", "n_respondenten", "spreiding", "verschil",
            "min_respondent", "max_respondent", "eerst_aanpakken", "redenen", "gesprekspunten"]
    return pd.DataFrame(rows)[cols]


def block_scores(preconditions: pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Scores per building block (*bouwsteen*) from :func:`precondition_scores`.

    Returns
    -------
    DataFrame
        ``bouwsteen`` (1-4), ``naam``, ``gemiddelde`` (mean of its precondition means), ``zwakste`` (name of the
        weakest precondition), ``zwakste_score``, ``n_randvoorwaarden`` and ``n_eerst_aanpakken``.
    """
    cat = _catalogue(cat)
    names = {b.attr("nummer"): b.name_nl for b in cat.by_kind("bouwsteen")}
    rows = []
    for key, group in preconditions.groupby("bouwsteen", sort=True):
        nr = int(cast(int, key))  # the building block numbers 1-4
        scored = group.dropna(subset=["gemiddelde"])
        weakest = scored.iloc[int(np.argmin(scored["gemiddelde"].to_numpy()))] if len(scored) else None
        rows.append({
            "bouwsteen": nr, "naam": names.get(nr, ""),
            "gemiddelde": float(scored["gemiddelde"].mean()) if len(scored) else float("nan"),
            "zwakste": weakest["naam"] if weakest is not None else "",
            "zwakste_score": float(weakest["gemiddelde"]) if weakest is not None else float("nan"),
            "n_randvoorwaarden": int(len(group)), "n_eerst_aanpakken": int(group["eerst_aanpakken"].sum()),
        })
    return pd.DataFrame(rows)


def partner_scores(answers: pd.DataFrame, *, cat=None, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean score per precondition (rows, document order) and partner type (columns).

    Within a partner type the precondition score is computed as for the whole scan: the mean of the item means
    of that partner's respondents. Cells are NaN when a partner gave no numeric answer on that precondition.
    """
    items = quickscan_items(cat) if items is None else items
    data = _with_items(answers[~answers["weet_niet"]], items)
    per_item = data.groupby(["randvoorwaarde", "partner", "item"])["score"].mean().reset_index()
    table = per_item.groupby(["randvoorwaarde", "partner"])["score"].mean().unstack("partner")
    order = list(dict.fromkeys(items["randvoorwaarde"]))
    names = dict(zip(items["randvoorwaarde"], items["randvoorwaarde_naam"]))
    partners = [p for p in PARTNERS if p in table.columns]
    table = table.reindex(index=order, columns=partners)
    table.index = [names[i] for i in table.index]
    table.index.name = "randvoorwaarde"
    table.columns.name = "partner"
    return table


def disagreements(answers: pd.DataFrame, *, top: int = 10, min_respondenten: int = 2, cat=None,
                  items: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements on which respondents disagree most: conversation starters.

    Items are ranked by the standard deviation of the numeric answers (``ddof=0``), then by their range; only
    items with at least ``min_respondenten`` numeric answers and a range of at least 1 are listed.

    Returns
    -------
    DataFrame
        ``item``, ``randvoorwaarde_naam``, ``kort``, ``stelling``, ``sd``, ``verschil``, ``antwoorden`` (per
        partner type, e.g. ``"gemeente 3, politie 0"``; *weet niet* included) and ``gespreksvraag``.
    """
    items = quickscan_items(cat) if items is None else items
    per_item = item_scores(answers, items=items)
    cand = per_item[(per_item["n"] >= min_respondenten) & (per_item["verschil"] >= 1)]
    cand = cand.sort_values(["sd", "verschil", "nr"], ascending=[False, False, True]).head(top)
    rows = []
    for _, it in cand.iterrows():
        sub = answers[answers["item"] == it["item"]]
        parts = []
        for partner, grp in sub.groupby("partner", sort=False):
            vals = [WEET_NIET if wn else f"{int(s)}" for s, wn in zip(grp["score"], grp["weet_niet"])]
            parts.append(f"{partner} {'/'.join(vals)}")
        num = sub[~sub["weet_niet"]]
        hi = num.loc[num["score"].idxmax()]
        lo = num.loc[num["score"].idxmin()]
        question = (f"{PARTNERS[hi['partner']]} antwoordt '{SCHAAL[int(hi['score'])]}', {PARTNERS[lo['partner']].lower()} "
                    f"'{SCHAAL[int(lo['score'])]}': wat ziet de een dat de ander niet ziet?")
        rows.append({"item": it["item"], "randvoorwaarde_naam": it["randvoorwaarde_naam"], "kort": it["kort"],
                     "stelling": it["stelling"], "sd": it["sd"], "verschil": it["verschil"],
                     "antwoorden": ", ".join(parts), "gespreksvraag": question})
    return pd.DataFrame(rows, columns=["item", "randvoorwaarde_naam", "kort", "stelling", "sd", "verschil",
                                       "antwoorden", "gespreksvraag"])
