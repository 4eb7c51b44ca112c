"""Stakeholder-analysis methods computed from the same assessment records.

Every function takes a scores table (``StakeholderSet.scores(...)``: one row per actor, columns ``macht``,
``belang``, ``houding``, ``vertrouwen``, ``bereik``, ``legitimiteit``, ``urgentie``, ``trede_huidig``,
``trede_doel``) and returns a DataFrame with the same index plus the classification and a Dutch advice.
Missing scores give a missing class, never a guessed one. Actors of the criminal side (``wereld ==
"crimineel"``, context nodes only) keep their class, but their strategy and advice say "do not engage".

Methods (see ``/shared/research/stakeholder_par.md`` §1 for the sources):

* :func:`power_interest` - power-interest grid (after Mendelow; quadrant names after Eden & Ackermann 1998).
* :func:`salience` - Mitchell, Agle & Wood (1997): power, legitimacy, urgency -> 7 classes + non-stakeholder.
* :func:`krachtenveld` - attitude x power: bondgenoot, medestander, twijfelaar, toeschouwer, opponent, criticus
  (wijklib's own operationalisation of the Dutch krachtenveldanalyse, in the spirit of Net-Map's "sum it up").
* :func:`opstelling` - Block (1987) agreement x trust as used in the CROW krachtenveldanalyse: bondgenoot,
  opponent, coalitiepartner, tegenstander, twijfelaar (attitude stands in for agreement on content).
* :func:`reach_trust` - reach into community groups x trust: sleutelpositie, onbenut bereik, ...
* :func:`participation_gap` - current and target rung of the participation ladder and the gap.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import pandas as pd

from .vocab import RUNG_NAMES

__all__ = ["POWER_INTEREST", "SALIENCE", "KRACHTENVELD", "OPSTELLING", "REACH_TRUST", "power_interest", "salience",
           "krachtenveld", "krachtenveld_balance", "opstelling", "reach_trust", "participation_gap", "classify",
           "reach_groups", "class_summary"]

#: quadrant code -> (quadrant name, strategy, advice)
POWER_INTEREST: dict[str, tuple[str, str, str]] = {
    "HP_HI": ("sleutelspeler", "nauw betrekken",
              "Veel macht en groot belang: betrek deze partij nauw bij keuzes en uitvoering."),
    "HP_LI": ("contextbepaler", "tevreden houden",
              "Veel macht maar weinig belang: houd tevreden en op de hoogte; probeer het belang te vergroten."),
    "LP_HI": ("betrokkene", "informeren",
              "Groot belang maar weinig macht: informeer en raadpleeg. Let op: bewoners komen hier vaak terecht "
              "juist omdat ze weinig macht hebben; zoek bondgenoten met macht en versterk hun positie."),
    "LP_LI": ("publiek", "monitoren",
              "Weinig macht en weinig belang: volg de ontwikkelingen; posities kunnen veranderen."),
}

#: frozenset of present attributes -> (class, group, advice)
SALIENCE: dict[frozenset, tuple[str, str, str]] = {
    frozenset({"macht"}): ("slapend", "latent", "Heeft macht maar (nog) geen erkende of urgente claim; kan "
                                                "ontwaken. Houd in beeld."),
    frozenset({"legitimiteit"}): ("discretionair", "latent", "Erkende claim zonder macht of urgentie; "
                                                             "betrekken uit goed partnerschap."),
    frozenset({"urgentie"}): ("veeleisend", "latent", "Urgente claim zonder macht of erkenning; luister, "
                                                      "maar het vraagt weinig actie."),
    frozenset({"macht", "legitimiteit"}): ("dominant", "verwachtend", "Macht en erkende claim: formeel "
                                                                      "betrekken, bijvoorbeeld in de stuurgroep."),
    frozenset({"macht", "urgentie"}): ("gevaarlijk", "verwachtend", "Macht en urgentie zonder legitimiteit: kan "
                                                                    "dwang of geweld gebruiken. Alleen als "
                                                                    "context modelleren; veiligheid voorop."),
    frozenset({"legitimiteit", "urgentie"}): ("afhankelijk", "verwachtend", "Erkende, urgente claim zonder "
                                                                            "macht: heeft een bondgenoot met macht "
                                                                            "nodig (rol van de wijkverbinder)."),
    frozenset({"macht", "legitimiteit", "urgentie"}): ("definitief", "definitief", "Alle drie kenmerken: "
                                                                                   "directe prioriteit."),
    frozenset(): ("geen stakeholder", "geen", "Geen van de drie kenmerken boven de drempel."),
}

#: (attitude camp, power high?) -> (type, advice)
KRACHTENVELD: dict[tuple[str, bool], tuple[str, str]] = {
    ("voor", True): ("bondgenoot", "Positief en invloedrijk: inzetten als trekker en samen optrekken."),
    ("voor", False): ("medestander", "Positief maar weinig invloed: versterken en verbinden met partijen die "
                                     "wel invloed hebben."),
    ("neutraal", True): ("twijfelaar", "Neutraal en invloedrijk: de zwevende partij die de doorslag kan geven; "
                                       "belangen verkennen en actief winnen."),
    ("neutraal", False): ("toeschouwer", "Neutraal en weinig invloed: informeren en uitnodigen mee te doen."),
    ("tegen", True): ("opponent", "Negatief en invloedrijk: bezwaren serieus nemen, gedeelde belangen zoeken, "
                                  "risico's voor de aanpak beperken."),
    ("tegen", False): ("criticus", "Negatief maar weinig invloed: luisteren en de kritiek benutten; volgen."),
}

#: (agreement, trust high?) -> (type, advice); agreement is 'eens', 'oneens' or 'onbepaald'
OPSTELLING: dict[tuple[str, bool], tuple[str, str]] = {
    ("eens", True): ("bondgenoot", "Eens over de inhoud en vertrouwen: samenwerken, ook in lastige keuzes."),
    ("oneens", True): ("opponent", "Oneens maar met vertrouwen: het inhoudelijke gesprek aangaan; "
                                   "verschillen zijn bespreekbaar."),
    ("eens", False): ("coalitiepartner", "Eens maar weinig vertrouwen: zakelijke, heldere afspraken maken."),
    ("oneens", False): ("tegenstander", "Oneens en weinig vertrouwen: eigen positie bepalen; alleen "
                                        "investeren als de partij onmisbaar is."),
    ("onbepaald", True): ("twijfelaar", "Nog geen standpunt: verkennen wat de partij beweegt."),
    ("onbepaald", False): ("twijfelaar", "Nog geen standpunt en weinig vertrouwen: eerst relatie opbouwen."),
}

#: (reach high?, trust high?) -> (type, advice)
REACH_TRUST: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, True): ("sleutelpositie", "Groot bereik en vertrouwen: inzetten als verbinder of sleutelpersoon "
                                     "(met aandacht voor belasting en veiligheid)."),
    (True, False): ("onbenut bereik", "Groot bereik maar weinig vertrouwen: eerst investeren in de relatie; "
                                      "anders blijft het bereik onbenut."),
    (False, True): ("vertrouwde partner", "Vertrouwen maar weinig bereik: verbinden met actoren die wel bereik "
                                          "hebben."),
    (False, False): ("buiten beeld", "Weinig bereik en vertrouwen: niet via dit spoor; blijf volgen."),
}


CRIMINAL_STRATEGY = "niet betrekken (criminele context)"
CRIMINAL_ADVICE = ("Criminele context: geen partij om te betrekken. Houd rekening met haar invloed en met de "
                   "veiligheid van bewoners en professionals; informatie hierover hoort bij politie en RIEC.")


def _criminal_rows(out: pd.DataFrame) -> pd.Series:
    if "wereld" not in out.columns:
        return pd.Series(False, index=out.index)
    return (out["wereld"] == "crimineel").fillna(False).astype(bool)


def _override_criminal(out: pd.DataFrame, *, strategy_col: str | None = None) -> pd.DataFrame:
    mask = _criminal_rows(out) & out["advies"].notna()
    if mask.any():
        out.loc[mask, "advies"] = CRIMINAL_ADVICE
        if strategy_col:
            out.loc[mask, strategy_col] = CRIMINAL_STRATEGY
    return out


def _isnan(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _base(scores: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    keep = [c for c in ("label", "wereld", "actortype") if c in scores.columns]
    missing = [c for c in cols if c not in scores.columns]
    if missing:
        raise KeyError(f"kolom(men) ontbreken in de scores: {', '.join(missing)}")
    return scores[keep + cols].copy()


def _fill(out: pd.DataFrame, inputs: list[str], columns: list[str], rule: Callable[..., tuple[str, ...]]) -> None:
    """Add ``columns`` to ``out``: ``rule(*inputs)`` per row, or None in every column when an input is missing."""
    empty: tuple[str | None, ...] = (None,) * len(columns)
    rows = [empty if any(_isnan(v) for v in values) else rule(*values)
            for values in zip(*(out[c] for c in inputs))]
    for j, col in enumerate(columns):
        out[col] = [row[j] for row in rows]


def power_interest(scores: pd.DataFrame, *, cut: float = 3.0) -> pd.DataFrame:
    """Power-interest grid: quadrant, quadrant name and engagement strategy per actor.

    Parameters
    ----------
    scores : DataFrame
        With ``macht`` and ``belang`` (scale 1-5).
    cut : float
        A score above ``cut`` is high (default 3, the middle of the scale: 3 itself counts as low).

    Returns
    -------
    DataFrame
        ``macht``, ``belang``, ``kwadrant`` (HP_HI, HP_LI, LP_HI, LP_LI), ``kwadrant_naam``, ``strategie``
        (nauw betrekken, tevreden houden, informeren, monitoren), ``advies``.
    """
    out = _base(scores, ["macht", "belang"])

    def quadrant(p: float, i: float) -> tuple[str, ...]:
        code = f"{'HP' if p > cut else 'LP'}_{'HI' if i > cut else 'LI'}"
        return (code, *POWER_INTEREST[code])

    _fill(out, ["macht", "belang"], ["kwadrant", "kwadrant_naam", "strategie", "advies"], quadrant)
    return _override_criminal(out, strategy_col="strategie")


def salience(scores: pd.DataFrame, *, cut: float = 3.0) -> pd.DataFrame:
    """Mitchell, Agle & Wood (1997) salience class from power, legitimacy and urgency.

    An attribute is present when its score is above ``cut`` (scale 1-5). An actor with any of the three scores
    missing gets no class.

    Returns
    -------
    DataFrame
        ``macht``, ``legitimiteit``, ``urgentie``, ``heeft_macht``, ``heeft_legitimiteit``, ``heeft_urgentie``,
        ``aantal_kenmerken`` (0-3, salience rises with it), ``klasse``, ``klasse_groep`` (latent, verwachtend,
        definitief, geen), ``advies``.
    """
    out = _base(scores, ["macht", "legitimiteit", "urgentie"])
    rows: list[tuple[Any, ...]] = []
    for p, l, u in zip(out["macht"], out["legitimiteit"], out["urgentie"]):
        if _isnan(p) or _isnan(l) or _isnan(u):
            rows.append((pd.NA, pd.NA, pd.NA, pd.NA, None, None, None))
            continue
        present = {k for k, v in (("macht", p), ("legitimiteit", l), ("urgentie", u)) if v > cut}
        klass, group, adv = SALIENCE[frozenset(present)]
        rows.append(("macht" in present, "legitimiteit" in present, "urgentie" in present, len(present),
                     klass, group, adv))
    cols = ["heeft_macht", "heeft_legitimiteit", "heeft_urgentie", "aantal_kenmerken", "klasse", "klasse_groep",
            "advies"]
    extra = pd.DataFrame(rows, columns=cols, index=out.index)
    extra["aantal_kenmerken"] = extra["aantal_kenmerken"].astype("Int64")
    for c in cols[:3]:
        extra[c] = extra[c].astype("boolean")
    return _override_criminal(pd.concat([out, extra], axis=1))


def _camp(attitude: float, tol: float) -> str:
    if attitude >= tol:
        return "voor"
    if attitude <= -tol:
        return "tegen"
    return "neutraal"


def krachtenveld(scores: pd.DataFrame, *, cut: float = 3.0, tol: float = 0.5) -> pd.DataFrame:
    """Krachtenveld type from attitude (houding, -2..2) and power (macht, 1-5).

    Attitude ``>= tol`` is *voor*, ``<= -tol`` is *tegen*, in between *neutraal*; power above ``cut`` is high.
    Six types: bondgenoot, medestander, twijfelaar, toeschouwer, opponent, criticus.

    Returns
    -------
    DataFrame
        ``houding``, ``macht``, ``kamp`` (voor, neutraal, tegen), ``type``, ``advies``.
    """
    out = _base(scores, ["houding", "macht"])

    def kv_type(a: float, p: float) -> tuple[str, ...]:
        camp = _camp(a, tol)
        return (camp, *KRACHTENVELD[(camp, p > cut)])

    _fill(out, ["houding", "macht"], ["kamp", "type", "advies"], kv_type)
    return _override_criminal(out)


def krachtenveld_balance(kv: pd.DataFrame) -> pd.DataFrame:
    """Net-Map's "sum it up": number of actors and summed power per camp (voor, neutraal, tegen).

    Parameters
    ----------
    kv : DataFrame
        Output of :func:`krachtenveld`.
    """
    camps = ["voor", "neutraal", "tegen"]
    data = kv.dropna(subset=["kamp"])
    rows = [{"kamp": c, "aantal": int((data["kamp"] == c).sum()),
             "macht_totaal": float(data.loc[data["kamp"] == c, "macht"].sum())} for c in camps]
    df = pd.DataFrame(rows).set_index("kamp")
    total = df["macht_totaal"].sum()
    df["aandeel_macht"] = df["macht_totaal"] / total if total else float("nan")
    return df


def opstelling(scores: pd.DataFrame, *, cut: float = 3.0, tol: float = 0.5) -> pd.DataFrame:
    """Block's agreement x trust (the *opstelling* step of the CROW krachtenveldanalyse).

    Agreement on content is read from ``houding`` (``>= tol`` eens, ``<= -tol`` oneens, else onbepaald);
    trust (``vertrouwen``, 1-5) is high above ``cut``.

    Returns
    -------
    DataFrame
        ``houding``, ``vertrouwen``, ``inhoud`` (eens, oneens, onbepaald), ``type`` (bondgenoot, opponent,
        coalitiepartner, tegenstander, twijfelaar), ``advies``.
    """
    out = _base(scores, ["houding", "vertrouwen"])

    def block_type(a: float, t: float) -> tuple[str, ...]:
        ag = {"voor": "eens", "tegen": "oneens", "neutraal": "onbepaald"}[_camp(a, tol)]
        return (ag, *OPSTELLING[(ag, t > cut)])

    _fill(out, ["houding", "vertrouwen"], ["inhoud", "type", "advies"], block_type)
    return _override_criminal(out)


def reach_trust(scores: pd.DataFrame, *, reach_cut: float = 1.5, trust_cut: float = 3.0) -> pd.DataFrame:
    """Reach into community groups (bereik, 0-3) x trust (vertrouwen, 1-5).

    Surfaces actors with little formal power but a large, trusted reach (sleutelpersonen), which the
    power-interest grid hides. Reach above ``reach_cut`` (default 1.5: 2 and 3 are high) and trust above
    ``trust_cut`` are high.

    Returns
    -------
    DataFrame
        ``bereik``, ``vertrouwen``, ``bereik_groepen`` (when present), ``type`` (sleutelpositie, onbenut bereik,
        vertrouwde partner, buiten beeld), ``advies``.
    """
    cols = ["bereik", "vertrouwen"] + (["bereik_groepen"] if "bereik_groepen" in scores.columns else [])
    out = _base(scores, cols)
    _fill(out, ["bereik", "vertrouwen"], ["type", "advies"],
          lambda r, t: REACH_TRUST[(r > reach_cut, t > trust_cut)])
    return _override_criminal(out)


def participation_gap(scores: pd.DataFrame) -> pd.DataFrame:
    """Current and target rung of the participation ladder (1 informeren ... 6 zelfbestuur) and the gap.

    A higher rung is not better in itself (Denkkader, participation ladder): the gap is a planning question,
    not a score.

    Returns
    -------
    DataFrame
        ``trede_huidig``, ``trede_huidig_naam``, ``trede_doel``, ``trede_doel_naam``, ``verschil``
        (target - current), ``status`` (op doel, omhoog, omlaag; missing without both rungs), ``advies``.
    """
    out = _base(scores, ["trede_huidig", "trede_doel"])
    out["trede_huidig_naam"] = [RUNG_NAMES.get(int(v)) if not _isnan(v) else None for v in out["trede_huidig"]]
    out["trede_doel_naam"] = [RUNG_NAMES.get(int(v)) if not _isnan(v) else None for v in out["trede_doel"]]
    gaps: list[Any] = []
    status: list[str | None] = []
    advice: list[str | None] = []
    for cur, tgt in zip(out["trede_huidig"], out["trede_doel"]):
        if _isnan(cur) or _isnan(tgt):
            gaps.append(pd.NA)
            status.append(None)
            advice.append(None)
            continue
        g = int(tgt) - int(cur)
        gaps.append(g)
        if g == 0:
            status.append("op doel")
            advice.append("Huidige trede is de gewenste: vasthouden.")
        elif g > 0:
            status.append("omhoog")
            advice.append(f"{g} trede(n) omhoog gewenst: wat hebben deze partij en de gemeente nodig om van "
                          f"{RUNG_NAMES[int(cur)]} naar {RUNG_NAMES[int(tgt)]} te gaan? Past de gevraagde inzet?")
        else:
            status.append("omlaag")
            advice.append(f"{-g} trede(n) lager gewenst: vraagt de huidige rol te veel van deze partij?")
    out["verschil"] = pd.array(gaps, dtype="Int64")
    out["status"], out["advies"] = status, advice
    return out[["label", "trede_huidig", "trede_huidig_naam", "trede_doel", "trede_doel_naam", "verschil",
                "status", "advies"] if "label" in out.columns else
               ["trede_huidig", "trede_huidig_naam", "trede_doel", "trede_doel_naam", "verschil", "status",
                "advies"]]


def classify(scores: pd.DataFrame, *, cut: float = 3.0, tol: float = 0.5) -> pd.DataFrame:
    """All methods side by side: one row per actor, one column per method (the class or type only).

    Returns
    -------
    DataFrame
        ``label``, ``kwadrant_naam``, ``strategie``, ``salientie``, ``krachtenveld``, ``opstelling``,
        ``bereik_vertrouwen``, ``trede_huidig``, ``trede_doel``, ``trede_verschil``.
    """
    out = scores[[c for c in ("label", "wereld") if c in scores.columns]].copy()
    pi = power_interest(scores, cut=cut)
    out["kwadrant_naam"], out["strategie"] = pi["kwadrant_naam"], pi["strategie"]
    out["salientie"] = salience(scores, cut=cut)["klasse"]
    out["krachtenveld"] = krachtenveld(scores, cut=cut, tol=tol)["type"]
    out["opstelling"] = opstelling(scores, cut=cut, tol=tol)["type"]
    out["bereik_vertrouwen"] = reach_trust(scores, trust_cut=cut)["type"]
    pg = participation_gap(scores)
    out["trede_huidig"], out["trede_doel"], out["trede_verschil"] = pg["trede_huidig"], pg["trede_doel"], pg["verschil"]
    return out


def reach_groups(scores: pd.DataFrame) -> pd.DataFrame:
    """Two-mode table actor x community group from ``bereik_groepen`` (1 = reaches the group).

    The column sums show how many actors reach each group: a group reached by nobody, or only by actors with
    little trust, is a blind spot.
    """
    if "bereik_groepen" not in scores.columns:
        raise KeyError("kolom 'bereik_groepen' ontbreekt in de scores")
    groups = sorted({g for v in scores["bereik_groepen"].fillna("") for g in str(v).split("|") if g})
    data = {g: [int(g in str(v).split("|")) for v in scores["bereik_groepen"].fillna("")] for g in groups}
    df = pd.DataFrame(data, index=scores.index)
    if "label" in scores.columns:
        df.insert(0, "label", scores["label"])
    return df


#: Class columns that :func:`class_summary` looks for, in this order (first one present wins).
_CLASS_COLUMNS: tuple[tuple[str, ...], ...] = (("kwadrant_naam", "strategie"), ("klasse",), ("type",), ("status",))


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\*_`[]<>" else ch for ch in text)


def class_summary(table: pd.DataFrame, column: str | Sequence[str] | None = None, *, label: str = "label",
                  missing: str = "scores ontbreken") -> str:
    """A Dutch markdown list per class of a method table: the number of actors and who they are.

    The counterpart of :func:`wijklib.stakeholders.interpret` for the method tables: one line per class, the
    largest class first (ties in order of first appearance), then a line for actors without a class.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`power_interest`, :func:`salience`, :func:`krachtenveld`, :func:`opstelling`,
        :func:`reach_trust` or :func:`participation_gap` (any table with a class column and ``label``).
    column : str or sequence of str, optional
        The class column; several columns are joined with ``": "`` (``["kwadrant_naam", "strategie"]`` gives
        "sleutelspeler: nauw betrekken"). Default: ``kwadrant_naam`` + ``strategie`` when present, else
        ``klasse``, ``type`` or ``status``.
    label : str
        Column with the actor labels (default ``label``; the index is used when the column is absent).
    missing : str
        Reason shown for actors without a class.

    Returns
    -------
    str
        Markdown, for example ``"- **bondgenoot** (2): Politie; Welzijn"``. Labels are separated by ``"; "``
        because a label may itself contain a comma ("Gemeente Eikendaal, team Veiligheid"). Characters with a meaning in
        markdown are escaped in class names and labels.

    Raises
    ------
    KeyError
        When a class column is missing, or none of the default columns is present.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Politie", "Buurthuis", "Corporatie"], "type": ["opponent", "bondgenoot",
    ...                   "opponent"]})
    >>> print(class_summary(t))
    - **opponent** (2): Politie; Corporatie
    - **bondgenoot** (1): Buurthuis
    """
    if column is None:
        cols = next((list(c) for c in _CLASS_COLUMNS if all(x in table.columns for x in c)), None)
        if cols is None:
            raise KeyError("geen klassekolom gevonden; geef 'column' op (verwacht een van: "
                           + ", ".join("+".join(c) for c in _CLASS_COLUMNS) + ")")
    else:
        cols = [column] if isinstance(column, str) else list(column)
    absent = [c for c in cols if c not in table.columns]
    if absent:
        raise KeyError(f"kolom(men) ontbreken in de tabel: {', '.join(absent)}")
    labels = [str(x) for x in (table[label] if label in table.columns else table.index)]
    klass: list[str | None] = []
    for values in zip(*(table[c] for c in cols)):
        klass.append(None if any(_isnan(v) for v in values) else ": ".join(str(v) for v in values))
    groups: dict[str, list[str]] = {}
    for k, lab in zip(klass, labels):
        if k is not None:
            groups.setdefault(k, []).append(lab)
    order = sorted(groups, key=lambda k: -len(groups[k]))  # stable: ties keep first appearance
    lines = [f"- **{_md_escape(k)}** ({len(groups[k])}): {'; '.join(_md_escape(x) for x in groups[k])}"
             for k in order]
    without = [lab for k, lab in zip(klass, labels) if k is None]
    if without:
        lines.append(f"- *geen klasse* ({len(without)}): {missing} ({'; '.join(_md_escape(x) for x in without)})")
    return "\n".join(lines) if lines else "Geen actoren in de tabel."
