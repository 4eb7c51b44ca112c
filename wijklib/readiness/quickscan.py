"""Quickscan of the 12 preconditions (*randvoorwaarden*) of the Leerkring Brabant-Zeeland.

The Leerkring asks municipalities to check, building block by building block, which of the twelve preconditions of
a *wijkaanpak ondermijning* are already in order before they choose interventions (Leerkring, section
'Randvoorwaarden', extraction 000 §1.4 and §5.1). The document gives no scale, weights or thresholds. This module
turns its 57 "vraagt om" items into statements that several respondents (partners such as gemeente, politie,
woningcorporatie, welzijn) score, and aggregates them. All rules below are wijklib's own design (PROPOSAL,
extraction 000 §5.2), documented here and in the notebook ``04_randvoorwaarden_quickscan``.

Scale
-----
``0`` = niet, ``1`` = deels, ``2`` = grotendeels, ``3`` = op orde, plus ``weet niet``. *Weet niet* is not a zero:
it is left out of every mean and counted separately, because not knowing is itself a signal (a precondition that
many partners cannot judge is not in order as a *shared* picture). An empty score means "not answered" and is
ignored.

Aggregation
-----------
* **Item**: mean, standard deviation (population, ``ddof=0``) and range (max - min) of the numeric answers.
* **Precondition**: the unweighted mean of its item means (so a precondition with eight items does not outweigh
  one with two); the *dekking* (share of its items with at least one numeric answer); the share of *weet niet*
  among all its answers; and the agreement between respondents: each respondent gets a precondition score (the
  mean of their own numeric answers on its items), *spreiding* is the standard deviation (``ddof=0``) of these
  respondent scores and *verschil* their range.
* **Bouwsteen**: the mean of its preconditions and its weakest precondition.
* **Status**: the nearest scale label of the mean (``< 0.5`` niet, ``< 1.5`` deels, ``< 2.5`` grotendeels,
  otherwise op orde).

Gate (*poort*)
--------------
A precondition must be addressed before interventions are chosen when (defaults of :class:`GateRule`)
its mean is below **1.5**, or **more than a third** of its answers is *weet niet*, or fewer than **half** of its
items have a numeric answer. A large difference between respondents (range of respondent scores >= 2) is reported
as a conversation point but does not close the gate. The scan is "klaar voor interventies" when no precondition
fails the gate.

Answers file
------------
Long format, one row per answer: ``respondent`` (a meaningless code such as ``R01``, never a name), ``partner``
(organisation type, see :data:`PARTNERS`), ``item`` (catalogue id such as ``lk.rv.urgentiebesef.vo1``),
``score`` (0-3 or ``weet niet``; empty = not answered) and optionally ``toelichting`` and ``datum``. Help columns of
the template (``nr``, ``randvoorwaarde``, ``stelling`` ...) are ignored. :func:`write_quickscan_templates` writes the
CSV and XLSX templates with a Dutch explanation.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from wijklib.errors import InputError

from ._files import atomic_write_text, cell_text, fold, is_empty, parse_date, read_rows

__all__ = [
    "SCHAAL", "WEET_NIET", "PARTNERS", "ANSWER_COLUMNS", "GateRule", "GateResult", "QuickscanResult",
    "quickscan_items", "parse_score", "normalise_partner", "read_answers", "validate_answers", "answers_to_csv",
    "item_scores", "precondition_scores", "block_scores", "partner_scores", "disagreements", "apply_gate",
    "next_actions", "analyse_quickscan", "plot_profile", "plot_partner_heatmap", "write_quickscan_templates",
    "status_label",
]

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

def _nl(value: float, decimals: int = 2) -> str:
    """A number with a decimal comma, for Dutch text."""
    return f"{value:.{decimals}f}".replace(".", ",")


def _nl_g(value: float) -> str:
    return f"{value:g}".replace(".", ",")


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
    rows = []
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


# ---------------------------------------------------------------------------------------------------------------
# Parsing and validation
# ---------------------------------------------------------------------------------------------------------------

_SCALE_TEXT = "0 (niet), 1 (deels), 2 (grotendeels), 3 (op orde) of 'weet niet'"


def parse_score(value: Any) -> float | str | None:
    """Parse one answer.

    Returns
    -------
    int, ``WEET_NIET`` or None
        The score 0-3, the string ``"weet niet"``, or None for an empty cell (not answered).

    Raises
    ------
    ValueError
        For anything outside the scale (with a Dutch message listing the allowed answers).
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"ongeldige score {value!r}; toegestaan: {_SCALE_TEXT}")
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        text = fold(value)
        if text in _WEET_NIET_ALIASES:
            return WEET_NIET
        labels = {fold(v): k for k, v in SCHAAL.items()} | {"op orde": 3, "niet op orde": 0, "deels op orde": 1,
                                                             "grotendeels op orde": 2}
        if text in labels:
            return labels[text]
        # "2 - grotendeels" or "2 (grotendeels)" as written by some forms
        head = text.split(" ", 1)[0].rstrip(".:-")
        try:
            number = float(head.replace(",", "."))
        except ValueError:
            raise ValueError(f"ongeldige score {value!r}; toegestaan: {_SCALE_TEXT}") from None
    if not number.is_integer() or int(number) not in SCHAAL:
        raise ValueError(f"score {cell_text(value)!r} ligt buiten de schaal; toegestaan: {_SCALE_TEXT}")
    return int(number)


def normalise_partner(value: Any) -> str:
    """Map a partner name to its id in :data:`PARTNERS` (``"Corporatie"`` -> ``"woningcorporatie"``).

    Raises
    ------
    ValueError
        For an unknown partner type (the message lists the known ones).
    """
    key = fold(value).replace("_", " ")
    if key.replace(" ", "_") in PARTNERS:
        return key.replace(" ", "_")
    if key in _PARTNER_ALIASES:
        return _PARTNER_ALIASES[key]
    labels = {fold(v): k for k, v in PARTNERS.items()}
    if key in labels:
        return labels[key]
    raise ValueError(f"onbekende partner {cell_text(value)!r}; kies uit: {', '.join(PARTNERS)}")


def _check_respondent(value: Any) -> str:
    text = cell_text(value)
    if "@" in text or len(text) > 40:
        raise ValueError(f"respondent {text!r} lijkt een naam of e-mailadres; gebruik een betekenisloze code als R01")
    if len(text.split()) > 2:
        raise ValueError(f"respondent {text!r} lijkt een naam; gebruik een betekenisloze code als R01")
    return text


def validate_answers(rows: Iterable[tuple[str, int, Mapping[str, Any]]], *, cat=None) -> pd.DataFrame:
    """Validate answer rows from any source and return the tidy answers table.

    Parameters
    ----------
    rows : iterable of (source, row_number, mapping)
        ``source`` is the file name (used in error messages), ``row_number`` the 1-based data row.
    cat : Catalogue, optional

    Returns
    -------
    DataFrame
        Columns :data:`ANSWER_COLUMNS`; ``score`` is float (NaN for *weet niet*), ``weet_niet`` bool.
        Unanswered rows (empty score) are left out.

    Raises
    ------
    InputError
        Unknown item id, a score outside the scale, a respondent who answers an item twice, a respondent listed
        under two partners, a missing respondent or partner, a respondent code that looks like a name.
    """
    known = set(quickscan_items(cat)["item"])
    out: list[dict] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    partner_of: dict[str, tuple[str, str, int]] = {}
    for source, row_no, raw in rows:
        score_raw = raw.get("score")
        item_raw = raw.get("item")
        if is_empty(score_raw) and is_empty(raw.get("toelichting")):
            continue  # template row left empty: not answered
        if is_empty(item_raw):
            raise InputError("item ontbreekt; verwacht een id als lk.rv.urgentiebesef.vo1", file=source, row=row_no,
                             column="item")
        item = cell_text(item_raw)
        if item not in known:
            close = sorted(k for k in known if k.rsplit(".", 1)[0] == item.rsplit(".", 1)[0])[:4]
            hint = f"; bedoelde u: {', '.join(close)}" if close else "; zie de kolom 'item' van het sjabloon"
            raise InputError(f"onbekend item {item!r}{hint}", file=source, row=row_no, column="item")
        try:
            score = parse_score(score_raw)
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="score") from None
        if score is None:
            continue  # only a remark, no answer
        if is_empty(raw.get("respondent")):
            raise InputError("respondent ontbreekt; vul op elke ingevulde regel een code in, bv. R01", file=source,
                             row=row_no, column="respondent")
        try:
            respondent = _check_respondent(raw["respondent"])
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="respondent") from None
        if is_empty(raw.get("partner")):
            raise InputError(f"partner ontbreekt; kies uit: {', '.join(PARTNERS)}", file=source, row=row_no,
                             column="partner")
        try:
            partner = normalise_partner(raw["partner"])
        except ValueError as exc:
            raise InputError(str(exc), file=source, row=row_no, column="partner") from None
        if respondent in partner_of and partner_of[respondent][0] != partner:
            p, s, r = partner_of[respondent]
            raise InputError(f"respondent {respondent!r} staat hier als {partner!r} maar in {s}, rij {r} als {p!r}; "
                             "één respondent spreekt voor één partner", file=source, row=row_no, column="partner")
        partner_of.setdefault(respondent, (partner, source, row_no))
        key = (respondent, item)
        if key in seen:
            s, r = seen[key]
            raise InputError(f"respondent {respondent!r} beantwoordt item {item!r} twee keer (ook in {s}, rij {r}); "
                             "houd per respondent één antwoord per stelling", file=source, row=row_no,
                             column="respondent")
        seen[key] = (source, row_no)
        datum = None
        if not is_empty(raw.get("datum")):
            try:
                datum = parse_date(raw["datum"])
            except ValueError as exc:
                raise InputError(str(exc), file=source, row=row_no, column="datum") from None
        out.append({
            "respondent": respondent, "partner": partner, "item": item,
            "score": float("nan") if score == WEET_NIET else float(score), "weet_niet": score == WEET_NIET,
            "toelichting": "" if is_empty(raw.get("toelichting")) else cell_text(raw["toelichting"]),
            "datum": datum, "bron": source, "rij": row_no,
        })
    df = pd.DataFrame(out, columns=list(ANSWER_COLUMNS))
    df["score"] = df["score"].astype(float)
    df["weet_niet"] = df["weet_niet"].astype(bool)
    return df


def _files_in(source: Path) -> list[Path]:
    files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".csv", ".xlsx")
                   and not p.name.startswith((".", "~$")))
    if not files:
        raise InputError("map bevat geen antwoordbestanden (*.csv of *.xlsx)", file=source)
    return files


def read_answers(source: str | Path | Sequence[str | Path] | pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Read and validate quickscan answers.

    Parameters
    ----------
    source : path, folder, list of paths or DataFrame
        A CSV/XLSX file in the long format (sheet ``antwoorden`` of the XLSX template), a folder with such files
        (for example one per partner), a list of files, or a DataFrame with the same columns.
    cat : Catalogue, optional

    Returns
    -------
    DataFrame
        See :func:`validate_answers`.

    Raises
    ------
    InputError
        Missing columns, and every problem listed in :func:`validate_answers`, naming file, row and column.
    """
    def rows_of(path: Path):
        header, rows = read_rows(path, sheet="antwoorden")
        missing = [c for c in _REQUIRED if c not in header]
        if missing:
            raise InputError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}; gevonden: "
                             f"{', '.join(h for h in header if h) or '(geen)'}. Gebruik het sjabloon in "
                             "templates/invoer/quickscan/", file=path, column=missing[0])
        for row_no, raw in rows:
            yield str(path), row_no, raw

    if isinstance(source, pd.DataFrame):
        missing = [c for c in _REQUIRED if c not in source.columns]
        if missing:
            raise InputError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}", column=missing[0])
        records = source.to_dict("records")
        return validate_answers((("tabel", i + 1, r) for i, r in enumerate(records)), cat=cat)
    if isinstance(source, (str, Path)):
        path = Path(source)
        paths = _files_in(path) if path.is_dir() else [path]
    else:
        paths = [Path(p) for p in source]
    def chain():
        for p in paths:
            yield from rows_of(p)
    return validate_answers(chain(), cat=cat)


def answers_to_csv(answers: pd.DataFrame) -> str:
    """The answers as CSV text in the file format of :func:`read_answers` (score ``weet niet`` written out)."""
    out = pd.DataFrame({
        "respondent": answers["respondent"], "partner": answers["partner"], "item": answers["item"],
        "score": [WEET_NIET if wn else (str(int(s)) if not math.isnan(s) else "")
                  for s, wn in zip(answers["score"], answers["weet_niet"])],
        "toelichting": answers.get("toelichting", pd.Series([""] * len(answers))).fillna(""),
        "datum": [d.isoformat() if isinstance(d, dt.date) else ("" if is_empty(d) else str(d))
                  for d in answers.get("datum", pd.Series([None] * len(answers)))],
    })
    return out.to_csv(index=False, lineterminator="\n")


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
    for nr, group in preconditions.groupby("bouwsteen", sort=True):
        scored = group.dropna(subset=["gemiddelde"])
        weakest = scored.loc[scored["gemiddelde"].idxmin()] if len(scored) else None
        rows.append({
            "bouwsteen": int(nr), "naam": names.get(int(nr), ""),
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


# ---------------------------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------------------------

#: Colours of the building blocks; none of them is red, which is reserved for the gate threshold line.
_BLOCK_COLOURS = {1: "#4C72B0", 2: "#55A868", 3: "#DD8452", 4: "#8172B2"}
_THRESHOLD_COLOUR = "#C0392B"


def _block_labels(result: "QuickscanResult") -> dict[int, str]:
    names = dict(zip(result.bouwstenen["bouwsteen"], result.bouwstenen["naam"])) if len(result.bouwstenen) else {}
    return {b: f"{b} {names[b]}" if names.get(b) else f"bouwsteen {b}" for b in _BLOCK_COLOURS}


def plot_profile(result: QuickscanResult, *, kind: str = "bar", ax=None, partners: bool = True):
    """Readiness profile: mean per precondition, coloured by building block, with the gate threshold.

    Parameters
    ----------
    result : QuickscanResult
    kind : {"bar", "radar"}
        Horizontal bars (with one dot per partner type when ``partners``) or a radar chart.
    ax : matplotlib Axes, optional
        For ``"radar"`` it must be a polar Axes.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    pre = result.randvoorwaarden
    threshold = result.regel.min_gemiddelde
    names = list(pre["naam"])
    means = pre["gemiddelde"].to_numpy(dtype=float)
    if kind == "radar":
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 8.5), subplot_kw={"projection": "polar"})
        ax.set_theta_zero_location("N")
        ax.set_theta_direction(-1)
        angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False)
        closed = np.append(angles, angles[0])
        vals = np.nan_to_num(means, nan=0.0)
        ax.plot(closed, np.append(vals, vals[0]), color="#333333", linewidth=1.5)
        ax.fill(closed, np.append(vals, vals[0]), color="#4C72B0", alpha=0.25)
        ax.plot(closed, [threshold] * len(closed), color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1,
                label=f"drempel van de poort ({_nl_g(threshold)})")
        labels = _block_labels(result)
        shown: set[int] = set()
        for ang, val, blk in zip(angles, vals, pre["bouwsteen"]):
            b = int(blk)
            ax.plot([ang], [val], "o", color=_BLOCK_COLOURS.get(b, "grey"),
                    label=None if b in shown else f"bouwsteen {labels.get(b, b)}")
            shown.add(b)
        ax.set_xticks(angles)
        ax.set_xticklabels([textwrap_label(n, 16) for n in names], fontsize=8)
        ax.set_ylim(0, 3)
        ax.set_yticks([0, 1, 2, 3])
        ax.set_yticklabels(["0 niet", "1 deels", "2 grotendeels", "3 op orde"], fontsize=7)
        ax.set_rlabel_position(15)
        ax.set_title("Gereedheidsprofiel: randvoorwaarden (gemiddelde, 0-3)", pad=20)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
        return ax
    if kind != "bar":
        raise ValueError(f"onbekende grafieksoort {kind!r}; kies 'bar' of 'radar'")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6))
    y = np.arange(len(names))[::-1]
    colours = [_BLOCK_COLOURS.get(int(b), "grey") for b in pre["bouwsteen"]]
    bars = ax.barh(y, np.nan_to_num(means, nan=0.0), color=colours, alpha=0.8)
    for bar, fail in zip(bars, pre["eerst_aanpakken"]):
        if fail:
            bar.set_hatch("//")
            bar.set_edgecolor("black")
    if partners and not result.partners.empty:
        markers = "os^DvP*Xh<>p"
        for j, partner in enumerate(result.partners.columns):
            vals = result.partners[partner].to_numpy(dtype=float)
            ax.scatter(vals, y, marker=markers[j % len(markers)], s=22, color="black", alpha=0.55, zorder=3,
                       label=PARTNERS.get(partner, partner))
    ax.axvline(threshold, color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1.2)
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.set_xlim(0, 3.05)
    ax.set_xticks([0, 1, 2, 3])
    ax.set_xticklabels(["0 niet", "1 deels", "2 grotendeels", "3 op orde"])
    ax.set_title("Gereedheidsprofiel: gemiddelde per randvoorwaarde (gearceerd = eerst aanpakken)")
    from matplotlib.lines import Line2D

    block_labels = _block_labels(result)
    handles = [Patch(color=c, alpha=0.8, label=f"bouwsteen {block_labels[b]}") for b, c in _BLOCK_COLOURS.items()]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="eerst aanpakken (poort)"))
    handles.append(Line2D([0], [0], color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1.2,
                          label=f"drempel van de poort ({_nl_g(threshold)})"))
    extra, _ = ax.get_legend_handles_labels()
    ax.legend(handles=handles + extra, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def textwrap_label(text: str, width: int) -> str:
    """Wrap a label on spaces for chart axes."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def plot_partner_heatmap(result: QuickscanResult, *, ax=None):
    """Heat map of the mean score per precondition and partner type (numbers in the cells)."""
    import matplotlib.pyplot as plt

    table = result.partners
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * max(3, table.shape[1]) + 3, 6))
    data = table.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=0, vmax=3, aspect="auto")
    ax.set_xticks(range(table.shape[1]))
    ax.set_xticklabels([PARTNERS.get(c, c) for c in table.columns], rotation=30, ha="right")
    ax.set_yticks(range(table.shape[0]))
    ax.set_yticklabels(table.index)
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            ax.text(j, i, "–" if math.isnan(data[i, j]) else _nl(data[i, j], 1), ha="center", va="center",
                    fontsize=8)
    ax.set_title("Gemiddelde per partner: waar verschillen de beelden?")
    from matplotlib.ticker import FuncFormatter

    plt.colorbar(im, ax=ax, fraction=0.03, label="0 niet - 3 op orde",
                 format=FuncFormatter(lambda v, _: _nl(v, 1)))
    return ax


# ---------------------------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------------------------

_EXPLANATION = [
    ("Wat is dit?", "Een quickscan van de 12 randvoorwaarden voor een wijkaanpak ondermijning uit 'Leren van de "
     "wijkaanpak in Brabant-Zeeland' (Leerkring, TNO). Elke stelling is een 'vraagt om'-punt van een "
     "randvoorwaarde, in eigen woorden."),
    ("Wie vult in?", "Meerdere respondenten per wijk, elk namens één partner (gemeente, politie, corporatie, "
     "welzijn, ...). Juist de verschillen tussen partners zijn waardevol als gespreksstof."),
    ("respondent", "Verplicht op elke ingevulde regel. Een betekenisloze code, bv. R01. Nooit een naam of "
     "e-mailadres. Dezelfde code op alle regels van dezelfde persoon."),
    ("partner", "Verplicht. Het type organisatie waarvoor de respondent spreekt; zie het werkblad 'partners'."),
    ("item", "Niet wijzigen: het vaste id van de stelling in de wijklib-catalogus."),
    ("score", "0 = niet, 1 = deels, 2 = grotendeels, 3 = op orde, of 'weet niet'. Leeg = niet beantwoord. "
     "'Weet niet' telt NIET als 0: het wordt apart geteld en is zelf een signaal."),
    ("toelichting", "Optioneel: waarom dit antwoord? Korte zin, geen namen van personen."),
    ("datum", "Optioneel: datum van invullen, bv. 2024-05-14."),
    ("Meerdere respondenten", "Kopieer het blok van 57 regels onder elkaar voor elke respondent, of lever per "
     "respondent een eigen bestand aan en zet ze samen in één map: wijklib leest de hele map."),
    ("Inlezen", "wijklib.readiness.read_answers(pad_of_map); daarna analyse_quickscan(...) of notebook "
     "04_randvoorwaarden_quickscan."),
    ("Foutmeldingen", "Onbekend item, score buiten de schaal, of dezelfde respondent twee keer op één stelling: "
     "wijklib noemt bestand, rij en kolom."),
    ("Poortregel", GateRule().describe()),
]


def write_quickscan_templates(folder: str | Path, *, cat=None) -> list[Path]:
    """Write the answer templates: ``quickscan_antwoorden.csv``, ``quickscan_antwoorden.xlsx`` and ``LEESMIJ.md``.

    The XLSX has the sheets ``antwoorden`` (57 rows, with drop-down lists for score and partner), ``uitleg``,
    ``schaal`` and ``partners``. The files are generated from the catalogue, so they always match the loader.

    Returns
    -------
    list of Path
    """
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items = quickscan_items(cat)
    columns = ["respondent", "partner", "item", "score", "toelichting", "datum", "nr", "randvoorwaarde", "stelling"]
    frame = pd.DataFrame({"respondent": "", "partner": "", "item": items["item"], "score": "", "toelichting": "",
                          "datum": "", "nr": items["nr"], "randvoorwaarde": items["randvoorwaarde_naam"],
                          "stelling": items["stelling"]})[columns]
    csv_path = atomic_write_text(folder / "quickscan_antwoorden.csv", frame.to_csv(index=False, lineterminator="\n"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "antwoorden"
    ws.append(columns)
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[1]:
        cell.font = bold
    for col, width in zip("ABCDEFGHI", (12, 18, 34, 12, 40, 12, 5, 30, 90)):
        ws.column_dimensions[col].width = width
    for r in range(2, len(frame) + 2):
        for col in "ABDEF":
            ws[f"{col}{r}"].fill = fill
        ws[f"I{r}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    dv_score = DataValidation(type="list", formula1='"0,1,2,3,weet niet"', allow_blank=True,
                              errorTitle="Ongeldige score", error="Kies 0, 1, 2, 3 of weet niet")
    dv_partner = DataValidation(type="list", formula1=f'"{",".join(PARTNERS)}"', allow_blank=True,
                                errorTitle="Onbekende partner", error="Kies een partner uit het werkblad 'partners'")
    ws.add_data_validation(dv_score)
    ws.add_data_validation(dv_partner)
    dv_score.add(f"D2:D{len(frame) + 400}")
    dv_partner.add(f"B2:B{len(frame) + 400}")

    info = wb.create_sheet("uitleg")
    info.append(["onderwerp", "uitleg"])
    for key, text in _EXPLANATION:
        info.append([key, text])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 110
    for row in info.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in info[1]:
        cell.font = bold
    scale = wb.create_sheet("schaal")
    scale.append(["score", "betekenis"])
    for k, v in SCHAAL.items():
        scale.append([k, v])
    scale.append([WEET_NIET, "kan ik niet beoordelen (telt niet als 0)"])
    partners = wb.create_sheet("partners")
    partners.append(["partner", "omschrijving"])
    for k, v in PARTNERS.items():
        partners.append([k, v])
    xlsx_path = folder / "quickscan_antwoorden.xlsx"
    tmp = folder / ".quickscan_antwoorden.xlsx.tmp"
    wb.save(tmp)
    tmp.replace(xlsx_path)

    readme = ["# Sjabloon quickscan randvoorwaarden", "",
              "Gemaakt door `wijklib.readiness.write_quickscan_templates`; niet met de hand aanpassen.", "",
              "Bestanden: `quickscan_antwoorden.xlsx` (met keuzelijsten en uitleg) en `quickscan_antwoorden.csv` "
              "(zelfde kolommen). Vul per respondent de gele kolommen in.", "", "| onderwerp | uitleg |", "|---|---|"]
    readme += [f"| {k} | {v} |" for k, v in _EXPLANATION]
    readme += ["", "Schaal: " + ", ".join(f"{k} = {v}" for k, v in SCHAAL.items()) + f", of '{WEET_NIET}'.", "",
               "Partners: " + ", ".join(f"`{k}`" for k in PARTNERS) + "."]
    md_path = atomic_write_text(folder / "LEESMIJ.md", "\n".join(readme) + "\n")
    return [csv_path, xlsx_path, md_path]
