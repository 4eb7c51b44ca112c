"""Match interventions to an area profile, with a Dutch explanation per match.

The area profile combines what the other steps of a wijkaanpak produce, as plain values, so that this module
does not depend on them: the area's **problem domains** and **urgency type** (from the urgency analysis, or set by
hand), its **participation potential** (the initiative readiness of residents, from told data: a score on 0-1 or
1-5) and its **readiness profile** (the quickscan of the preconditions).

Scoring (wijklib's PROPOSAL; the documents give no formula)
-----------------------------------------------------------
Four partial fits between 0 and 1, combined with the weights of :class:`MatchWeights`
(default 0.45 / 0.30 / 0.15 / 0.10):

1. **Probleem** - the weighted share of the area's problem domains that the intervention addresses (see
   :func:`wijklib.readiness.interventions.domain_evidence`). Interventions that address none are left out by
   default.
2. **Participatie** - the denkkader warns that more citizen participation is not better in itself: the effort an
   intervention asks of residents must fit the potential of the area (denkkader, 'De mate van participatie').
   The potential (0-1) gives a *passende trede* (fitting rung) by the bands in :data:`TREDE_BIJ_POTENTIE`. An
   intervention above the fitting rung keeps 60% of the fit per rung too high (0.6, 0.36, 0.22, ...); one below it
   loses only 0.1 per rung (it leaves potential unused, which is no risk). So, all else equal, every rung above the
   fitting one scores lower than the rung below it. Unknown potential: we assume the cautious rung *raadplegen* (2).
3. **Randvoorwaarden** - interventions lean on the preconditions they are linked to. For each linked precondition
   with a quickscan score below the gate threshold the fit drops by its relative shortfall; the fit is the mean over
   the linked preconditions with a score (1 when none is linked or scored).
4. **Urgentie** - a light preference by urgency type: *acuut* favours visible, fast action (principle *Eerst zien
   dan geloven*, supervision and enforcement); *sluimerend* favours prevention (youth, care, awareness, information
   position, *Timing is everything*); *meervoudig* and *beleidskader* favour integral cooperation (*Som is meer dan
   het geheel der delen*, cooperation category, practice approaches with many partners). Fit 1 when it fits, 0.5
   when the type is unknown or ``geen``, 0.25 otherwise.

Ties are broken by the lower rung first, then the name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from wijklib.errors import InputError

from ._files import cell_text, fold, is_empty
from .interventions import (PROBLEEMDOMEINEN, Intervention, domain_evidence, intervention_catalogue,
                            normalise_domains)

__all__ = ["AreaProfile", "MatchWeights", "Match", "TREDE_BIJ_POTENTIE", "URGENTIETYPES", "fitting_rung",
           "participation_fit", "potential_from_score", "area_profile", "area_profile_from_mapping",
           "potential_from_survey", "domains_from_signals", "match_interventions", "matches_frame"]

#: Participation potential (0-1, upper bound exclusive) -> fitting rung (1 informeren ... 6 zelfbestuur).
TREDE_BIJ_POTENTIE: tuple[tuple[float, int], ...] = ((0.2, 1), (0.4, 2), (0.6, 3), (0.8, 4), (0.95, 5), (1.01, 6))

#: Known urgency types (ids of the Praktijkhandboek's catalogue entries, short form) -> Dutch label.
URGENTIETYPES: dict[str, str] = {"acuut": "acute urgentie", "sluimerend": "sluimerende urgentie",
                                 "meervoudig": "meervoudige urgentie", "beleidskader": "urgentie door een beleidsframe",
                                 "geen": "geen uitgesproken urgentie"}
_URGENCY_ALIASES = {"acute": "acuut", "acute urgentie": "acuut", "sluimerende": "sluimerend",
                    "sluimerende urgentie": "sluimerend", "meervoudige": "meervoudig",
                    "meervoudige urgentie": "meervoudig", "beleidsframe": "beleidskader", "geen urgentie": "geen",
                    "onbekend": "geen", "none": "geen"}
_RUNG_NAMES = {1: "informeren", 2: "raadplegen", 3: "adviseren", 4: "coproduceren", 5: "meebeslissen", 6: "zelfbestuur"}


def potential_from_score(value: float | None, schaal: str | tuple[float, float] = "0-1") -> float | None:
    """Convert an initiative-readiness score to a potential between 0 and 1.

    Parameters
    ----------
    value : float or None
    schaal : ``"0-1"``, ``"1-5"``, ``"0-100"`` or a (min, max) tuple

    Raises
    ------
    InputError
        When the value lies outside the scale.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    scales = {"0-1": (0.0, 1.0), "1-5": (1.0, 5.0), "0-100": (0.0, 100.0)}
    if isinstance(schaal, str):
        if schaal not in scales:
            raise InputError(f"onbekende schaal {schaal!r}; kies 0-1, 1-5 of 0-100", column="schaal")
        lo, hi = scales[schaal]
    else:
        lo, hi = (float(schaal[0]), float(schaal[1]))
    v = float(value)
    if not lo <= v <= hi:
        raise InputError(f"participatiepotentie {v:g} ligt buiten de schaal {lo:g}-{hi:g}",
                         column="participatiepotentie")
    return (v - lo) / (hi - lo)


def fitting_rung(potential: float | None) -> int:
    """The fitting rung (1-6) for a potential between 0 and 1; 2 (raadplegen) when unknown."""
    if potential is None:
        return 2
    for upper, rung in TREDE_BIJ_POTENTIE:
        if potential < upper:
            return rung
    return 6


def participation_fit(rung: int | None, potential: float | None) -> float:
    """Fit of an intervention's rung with the area's potential (see the module docstring)."""
    if rung is None:
        return 0.5
    target = fitting_rung(potential)
    gap = rung - target
    if gap > 0:
        return 0.6 ** gap
    return 1.0 - 0.1 * (-gap)


def _urgency_key(value: Any) -> str | None:
    if is_empty(value):
        return None
    key = fold(value)
    if key.startswith("ph.ut."):
        key = key[len("ph.ut."):]
    key = _URGENCY_ALIASES.get(key, key)
    if key not in URGENTIETYPES:
        raise InputError(f"onbekend urgentietype {cell_text(value)!r}; kies uit: {', '.join(URGENTIETYPES)}",
                         column="urgentietype")
    return key


@dataclass(frozen=True)
class AreaProfile:
    """What we know of an area for choosing interventions.

    Attributes
    ----------
    naam : str
    probleemdomeinen : dict
        Domain id (:data:`PROBLEEMDOMEINEN`) -> weight.
    urgentietype : str or None
        One of :data:`URGENTIETYPES`.
    participatiepotentie : float or None
        0-1 (converted from the told data's scale).
    gereedheid : dict
        Precondition id -> mean quickscan score (0-3).
    poort_open : bool or None
        The quickscan's gate statement, when known.
    drempel : float
        Gate threshold used for the precondition fit.
    herkomst : list of str
        Where each value came from (Dutch), shown with the matches.
    """

    naam: str
    probleemdomeinen: Mapping[str, float] = field(default_factory=dict)
    urgentietype: str | None = None
    participatiepotentie: float | None = None
    gereedheid: Mapping[str, float] = field(default_factory=dict)
    poort_open: bool | None = None
    drempel: float = 1.5
    herkomst: tuple[str, ...] = ()

    def markdown(self, cat=None) -> str:
        """A short Dutch description of the profile."""
        if cat is None:
            from wijklib.catalogue import load_catalogue

            cat = load_catalogue()
        doms = ", ".join(f"{PROBLEEMDOMEINEN[d].label}" + (f" (gewicht {w:g})" if w != 1 else "")
                         for d, w in self.probleemdomeinen.items()) or "geen opgegeven"
        pot = ("onbekend (we gaan voorzichtig uit van raadplegen)" if self.participatiepotentie is None
               else f"{self.participatiepotentie:.2f} op 0-1: passende trede {fitting_rung(self.participatiepotentie)} "
                    f"({_RUNG_NAMES[fitting_rung(self.participatiepotentie)]})")
        lines = [f"**Gebiedsprofiel {self.naam}**", "", f"- Probleemdomeinen: {doms}",
                 f"- Urgentietype: {URGENTIETYPES.get(self.urgentietype, 'onbekend') if self.urgentietype else 'onbekend'}",
                 f"- Participatiepotentie (initiatiefbereidheid): {pot}"]
        if self.gereedheid:
            weak = [k for k, v in self.gereedheid.items() if not math.isnan(v) and v < self.drempel]
            names = [cat.get(k).name_nl if k in cat else k for k in weak]
            lines.append(f"- Randvoorwaarden onder de drempel {self.drempel:g}: {', '.join(names) or 'geen'}")
        if self.poort_open is not None:
            lines.append(f"- Poort van de quickscan: {'open' if self.poort_open else 'dicht'}")
        lines += [f"- {h}" for h in self.herkomst]
        return "\n".join(lines)


def area_profile(naam: str, *, probleemdomeinen: Iterable[str] | Mapping[str, float] | str | None = None,
                 urgentietype: str | None = None, participatiepotentie: float | None = None,
                 schaal: str | tuple[float, float] = "0-1", gereedheid: Any = None, drempel: float | None = None,
                 herkomst: Iterable[str] = ()) -> AreaProfile:
    """Build an :class:`AreaProfile` from plain values.

    Parameters
    ----------
    naam : str
    probleemdomeinen : list, mapping or string
        Terms of any known vocabulary (see :func:`normalise_domains`).
    urgentietype : str, optional
        ``acuut``, ``sluimerend``, ``meervoudig``, ``beleidskader``, ``geen`` (or ``ph.ut.*`` ids, or the Dutch
        labels).
    participatiepotentie : float, optional
        Initiative readiness on the scale ``schaal``.
    gereedheid : QuickscanResult, DataFrame or mapping, optional
        The quickscan result, the ``randvoorwaarden`` table (columns ``randvoorwaarde`` and ``gemiddelde``), or a
        mapping precondition id -> mean score (0-3).
    drempel : float, optional
        Gate threshold; default the quickscan's rule or 1.5.

    Raises
    ------
    InputError
        Unknown domains or urgency type, a potential outside its scale, scores outside 0-3.
    """
    try:
        doms = normalise_domains(probleemdomeinen)
    except ValueError as exc:
        raise InputError(str(exc), column="probleemdomeinen") from None
    scores: dict[str, float] = {}
    poort = None
    threshold = drempel
    if gereedheid is not None:
        if hasattr(gereedheid, "scores") and hasattr(gereedheid, "poort"):
            scores = dict(gereedheid.scores())
            poort = gereedheid.poort.klaar
            threshold = threshold if threshold is not None else gereedheid.regel.min_gemiddelde
        elif isinstance(gereedheid, pd.DataFrame):
            if not {"randvoorwaarde", "gemiddelde"} <= set(gereedheid.columns):
                raise InputError("gereedheid: verwacht de kolommen 'randvoorwaarde' en 'gemiddelde'",
                                 column="gereedheid")
            scores = dict(zip(gereedheid["randvoorwaarde"], gereedheid["gemiddelde"].astype(float)))
        else:
            scores = {str(k): float(v) for k, v in dict(gereedheid).items()}
        for k, v in scores.items():
            if not math.isnan(v) and not 0 <= v <= 3:
                raise InputError(f"gereedheid van {k!r} is {v:g}; verwacht een gemiddelde tussen 0 en 3",
                                 column="gereedheid")
    return AreaProfile(naam=naam, probleemdomeinen=doms, urgentietype=_urgency_key(urgentietype),
                       participatiepotentie=potential_from_score(participatiepotentie, schaal),
                       gereedheid=scores, poort_open=poort, drempel=threshold if threshold is not None else 1.5,
                       herkomst=tuple(herkomst))


_KEYS = {
    "naam": ("naam", "gebied", "name", "area_name", "buurtnaam"),
    "probleemdomeinen": ("probleemdomeinen", "domeinen", "domains", "stacked_domains", "worst_domains", "problemen"),
    "urgentietype": ("urgentietype", "urgency_type", "type"),
    "participatiepotentie": ("participatiepotentie", "initiatiefbereidheid", "potentie", "initiative_readiness"),
    "schaal": ("schaal", "scale"),
}


def area_profile_from_mapping(row: Mapping[str, Any] | pd.Series, *, gereedheid: Any = None,
                              naam: str | None = None, **overrides: Any) -> AreaProfile:
    """Build a profile from a plain dict or a DataFrame row (e.g. one row of the urgency analysis).

    Recognised keys (first found wins): name ``naam``/``gebied``/``name``; domains ``probleemdomeinen``/
    ``domeinen``/``domains``/``stacked_domains``; urgency ``urgentietype``/``urgency_type``/``type``; potential
    ``participatiepotentie``/``initiatiefbereidheid``; ``schaal``. ``overrides`` replace values.
    """
    data = dict(row.items()) if isinstance(row, pd.Series) else dict(row)
    values: dict[str, Any] = {}
    for target, keys in _KEYS.items():
        for k in keys:
            if k in data and not (not isinstance(data[k], (list, tuple, dict)) and is_empty(data[k])):
                values[target] = data[k]
                break
    values.update({k: v for k, v in overrides.items() if v is not None})
    name = naam or values.pop("naam", None) or (str(row.name) if isinstance(row, pd.Series) else "gebied")
    values.pop("naam", None)
    return area_profile(str(name), gereedheid=gereedheid, **values)


def potential_from_survey(aggregated: pd.DataFrame, buurtcode: str, *, thema: str = "initiatiefbereidheid",
                          schaal: tuple[float, float] = (1, 5)) -> tuple[float | None, str]:
    """Initiative readiness of one buurt from an aggregated survey table (columns buurtcode, thema, gemiddelde).

    Returns
    -------
    (potential 0-1 or None, Dutch explanation)
    """
    need = {"buurtcode", "thema", "gemiddelde"}
    if not need <= set(aggregated.columns):
        raise InputError(f"enquêtetabel mist kolommen: {', '.join(sorted(need - set(aggregated.columns)))}")
    row = aggregated[(aggregated["buurtcode"] == buurtcode) & (aggregated["thema"] == thema)]
    if row.empty:
        return None, f"geen enquêtescore '{thema}' voor {buurtcode}"
    mean = float(row["gemiddelde"].iloc[0])
    n = int(row["n"].iloc[0]) if "n" in row.columns else None
    pot = potential_from_score(mean, schaal)
    extra = f", n = {n}" if n is not None else ""
    return pot, f"initiatiefbereidheid uit de bewonersenquête: {mean:.2f} op {schaal[0]:g}-{schaal[1]:g}{extra}"


#: Words in the text of a signal that point to a problem domain.
_SIGNAL_WORDS: dict[str, tuple[str, ...]] = {
    "drugs": ("drug", "dealen", "dealer", "hennep", "wiet", "lachgas", "coke", "cocaine", "xtc", "drugspand"),
    "geweld_wapens": ("wapen", "mes ", "messen", "explosie", "schiet", "geweld", "vuurwerkbom"),
    "ondermijning": ("ondermijn", "witwas", "verdacht pand", "verdachte panden", "uitbuiting", "afgeplakte"),
    "jeugd": ("jongeren", "jeugd", "ronsel"),
    "overlast": ("overlast",),
}


def domains_from_signals(signals: pd.DataFrame, buurtcode: str, *, min_aantal: int = 1) -> tuple[dict[str, float], str]:
    """Problem domains of one buurt from signals of professionals (columns buurtcode, thema, tekst).

    Each theme maps through :data:`DOMEIN_ALIASSEN`-style rules; words in the texts (drugs, wapens, ...) add
    domains. The weight of a domain is the number of signals pointing to it.

    Returns
    -------
    (domains with weights, Dutch explanation)
    """
    need = {"buurtcode", "thema"}
    if not need <= set(signals.columns):
        raise InputError(f"signalentabel mist kolommen: {', '.join(sorted(need - set(signals.columns)))}")
    sub = signals[signals["buurtcode"] == buurtcode]
    counts: dict[str, float] = {}
    for _, s in sub.iterrows():
        found: set[str] = set()
        theme = str(s["thema"])
        if theme not in ("overig",):
            try:
                found |= set(normalise_domains([theme]))
            except ValueError:
                pass
        text = fold(s.get("tekst", "")) + " "
        for dom, words in _SIGNAL_WORDS.items():
            if any(w in text for w in words):
                found.add(dom)
        for d in found:
            counts[d] = counts.get(d, 0) + 1
    counts = {d: c for d, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c >= min_aantal}
    text = (f"{len(sub)} signalen van professionals in {buurtcode}: "
            + ", ".join(f"{PROBLEEMDOMEINEN[d].label.lower()} ({int(c)})" for d, c in counts.items())) if len(sub) \
        else f"geen signalen voor {buurtcode}"
    return counts, text


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the four partial fits (they need not sum to 1; the score is divided by their sum)."""

    probleem: float = 0.45
    participatie: float = 0.30
    randvoorwaarden: float = 0.15
    urgentie: float = 0.10


@dataclass(frozen=True)
class Match:
    """One ranked intervention with its partial fits and the Dutch explanation."""

    interventie: Intervention
    score: float
    probleem: float
    participatie: float
    randvoorwaarden: float
    urgentie: float
    redenen: tuple[str, ...]

    @property
    def uitleg(self) -> str:
        return " ".join(self.redenen)


def _urgency_fit(i: Intervention, urgency: str | None) -> tuple[float, str]:
    if urgency in (None, "geen"):
        return 0.5, "Urgentietype onbekend of geen: neutraal."
    cat_key = fold(i.categorie)
    text = i.tekst
    if urgency == "acuut":
        ok = ("lk.wp.eerst_zien_dan_geloven" in i.principes or "toezicht" in cat_key or "dk.fe.toezicht" in i.fenomenen
              or "repress" in text)
        why = "zichtbaar en snel optreden past bij acute urgentie"
    elif urgency == "sluimerend":
        ok = (any(k in cat_key for k in ("jeugd", "hulpverlening", "communicatie", "informatiepositie"))
              or "lk.wp.timing_is_everything" in i.principes or "preventief" in text)
        why = "een preventieve inzet past bij sluimerende urgentie (de seinen op oranje)"
    else:
        ok = ("lk.wp.som_meer_dan_delen" in i.principes or "samenwerking" in cat_key or
              (i.soort == "praktijkaanpak" and len(i.partners) >= 6))
        why = f"integrale samenwerking van veel partners past bij {URGENTIETYPES[urgency]}"
    if ok:
        return 1.0, f"Urgentie: {why}."
    return 0.25, f"Urgentie: sluit minder aan bij {URGENTIETYPES[urgency]}."


def _readiness_fit(i: Intervention, profile: AreaProfile, cat) -> tuple[float, str]:
    if not i.randvoorwaarden:
        return 1.0, "Randvoorwaarden: geen specifieke randvoorwaarde gekoppeld."
    scored = [(r, profile.gereedheid[r]) for r in i.randvoorwaarden
              if r in profile.gereedheid and not math.isnan(profile.gereedheid[r])]
    if not scored:
        return 1.0, "Randvoorwaarden: geen quickscan-scores voor de gekoppelde randvoorwaarden."
    short = [max(0.0, (profile.drempel - s) / profile.drempel) for _, s in scored]
    weak = [(r, s) for r, s in scored if s < profile.drempel]
    fit = 1.0 - sum(short) / len(short)
    if weak:
        names = ", ".join(f"{cat.get(r).name_nl if r in cat else r} ({s:.1f})" for r, s in weak)
        return fit, f"Randvoorwaarden: leunt op {names}, onder de drempel {profile.drempel:g}; werk daar eerst aan."
    names = ", ".join(cat.get(r).name_nl if r in cat else r for r, _ in scored)
    return fit, f"Randvoorwaarden: de gekoppelde randvoorwaarden ({names}) zijn voldoende op orde."


def match_interventions(profile: AreaProfile, interventions: Sequence[Intervention] | None = None, *, cat=None,
                        weights: MatchWeights | None = None, alleen_relevant: bool = True,
                        top: int | None = None) -> list[Match]:
    """Rank interventions for an area profile, each with a Dutch explanation.

    Parameters
    ----------
    profile : AreaProfile
    interventions : list of Intervention, optional
        Default: the whole catalogue view (:func:`intervention_catalogue`).
    weights : MatchWeights, optional
    alleen_relevant : bool
        Leave out interventions that address none of the area's problem domains (only when the profile has
        domains).
    top : int, optional
        Return only the best ``top`` matches.

    Returns
    -------
    list of Match
        Best first (ties: lower rung first, then name).
    """
    if cat is None:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    weights = weights or MatchWeights()
    interventions = intervention_catalogue(cat) if interventions is None else interventions
    total_w = weights.probleem + weights.participatie + weights.randvoorwaarden + weights.urgentie
    target = fitting_rung(profile.participatiepotentie)
    out = []
    for i in interventions:
        reasons = []
        # 1. problem
        if profile.probleemdomeinen:
            hits = {d: domain_evidence(i, d, cat) for d in profile.probleemdomeinen}
            got = {d: e for d, e in hits.items() if e is not None}
            prob = sum(profile.probleemdomeinen[d] for d in got) / sum(profile.probleemdomeinen.values())
            if not got and alleen_relevant:
                continue
            if got:
                reasons.append("Probleem: past bij " + "; ".join(
                    f"{PROBLEEMDOMEINEN[d].label.lower()} ({e})" for d, e in got.items()) + ".")
            missing = [PROBLEEMDOMEINEN[d].label.lower() for d in profile.probleemdomeinen if d not in got]
            if missing:
                reasons.append("Raakt niet aan: " + ", ".join(missing) + ".")
        else:
            prob = 0.5
            reasons.append("Probleem: geen probleemdomeinen opgegeven (neutraal).")
        # 2. participation
        part = participation_fit(i.trede_niveau, profile.participatiepotentie)
        if i.trede_niveau is None:
            reasons.append("Participatie: trede onbekend (neutraal).")
        else:
            rung = f"trede {i.trede_niveau} ({_RUNG_NAMES[i.trede_niveau]})"
            pot = ("onbekende potentie; we gaan uit van raadplegen" if profile.participatiepotentie is None
                   else f"potentie {profile.participatiepotentie:.2f}")
            if i.trede_niveau > target:
                reasons.append(f"Participatie: vraagt {rung}, meer inzet van bewoners dan past bij deze buurt "
                               f"({pot}, passende trede {target} {_RUNG_NAMES[target]}); meer participatie is niet "
                               "vanzelf beter.")
            elif i.trede_niveau == target:
                reasons.append(f"Participatie: vraagt {rung}, dat past bij de buurt ({pot}).")
            else:
                reasons.append(f"Participatie: vraagt {rung}, minder dan de buurt aankan ({pot}, passende trede "
                               f"{target}); haalbaar, maar laat potentie onbenut.")
        # 3. readiness
        ready, why = _readiness_fit(i, profile, cat)
        reasons.append(why)
        # 4. urgency
        urg, why = _urgency_fit(i, profile.urgentietype)
        reasons.append(why)
        score = (weights.probleem * prob + weights.participatie * part + weights.randvoorwaarden * ready
                 + weights.urgentie * urg) / total_w
        out.append(Match(i, score, prob, part, ready, urg, tuple(reasons)))
    out.sort(key=lambda m: (-round(m.score, 9), m.interventie.trede_niveau or 9, m.interventie.naam))
    return out[:top] if top else out


def matches_frame(matches: Sequence[Match], cat=None) -> pd.DataFrame:
    """The ranked matches as a table (rank, name, kind, rung, the partial fits and the explanation)."""
    rows = []
    for rank, m in enumerate(matches, start=1):
        i = m.interventie
        rows.append({"rang": rank, "interventie": i.naam, "soort": i.soort,
                     "trede": f"{i.trede_niveau} {_RUNG_NAMES.get(i.trede_niveau, '')}" if i.trede_niveau else "",
                     "score": round(m.score, 3), "probleem": round(m.probleem, 2),
                     "participatie": round(m.participatie, 2), "randvoorwaarden": round(m.randvoorwaarden, 2),
                     "urgentie": round(m.urgentie, 2), "uitleg": m.uitleg, "id": i.id})
    return pd.DataFrame(rows)
