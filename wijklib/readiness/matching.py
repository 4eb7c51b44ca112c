"""Match interventions to an area profile, with a Dutch explanation per match.

The area profile combines what the other steps of a wijkaanpak produce, as plain values, so that this module
does not depend on them: the area's **problem domains** and **urgency type** (from the urgency analysis, or set by
hand), its **participation potential** (the initiative readiness of residents, from told data: a score on 0-1 or
1-5) and its **readiness profile** (the quickscan of the preconditions).

Scoring (wijklib's PROPOSAL; the documents give no formula)
-----------------------------------------------------------
Four partial fits between 0 and 1, combined with the weights of :class:`MatchWeights`
(default 0.45 / 0.30 / 0.15 / 0.10), then two corrections:

1. **Probleem** - the weighted share of the area's problem domains that the intervention addresses (see
   :func:`wijklib.readiness.interventions.domain_evidence`), corrected for **breadth**: the long descriptions of the
   Inspiratieboek approaches touch many domains (five on average, against two or three for a Leerkring card), which
   says more about the length of the text than about the fit. An intervention that addresses more than
   ``breedte_referentie`` (3) specific domains keeps the share times sqrt(3 / number of domains). The catch-all domain
   *criminaliteit (algemeen)* is not counted. Interventions that address none of the area's domains are left out by
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
4. **Urgentie** - a light preference by urgency type (:data:`URGENTIETYPES`). Only one link has support in the
   Praktijkhandboek (003, §4.1 (2)): *sluimerende* urgency shows mainly in areas that ask for a *preventive*
   area-based approach, so *sluimerend* favours prevention (youth, care, awareness, information position,
   *Timing is everything*): fit 1 when it fits, 0.25 otherwise. The handbook links no kind of intervention to
   *acute*, *meervoudige* urgency or urgency through a policy frame (*beleidskader*), so these, ``geen`` and an
   unknown type count as neutral (0.5).

Evidence (wijklib's rule, following 003's choice of interventions from a shared analysis of phenomena)
-------------------------------------------------------------------------------------------------------
Some problem domains name a specific phenomenon (:data:`FENOMEEN_DOMEINEN`: drugs, undermining, youth drifting
into crime, violence and weapons, burglary, undermining of businesses, crime in general). A profile records per
domain where it comes from (:attr:`AreaProfile.bewijs`: signals, told data, the aanleidingen log, the quickscan,
the team, or the counted figures). A phenomenon-specific domain backed only by figures (income, benefits, care
use ...) is left out of the profile, and an intervention that addresses a specific phenomenon is offered only when
at least one of its phenomena is backed by a source other than the figures. Each match names that evidence.

Corrections (multiplied with the weighted sum):

* **Gebied** - an intervention written for another kind of area than the area's own (a border village, the rural
  outskirts, holiday parks; see :data:`~wijklib.readiness.interventions.GEBIEDSTYPEN`) keeps ``gebied_anders``
  (0.6) of its score. No correction when the area type is unknown.
* **Poort dicht** - while the quickscan gate is closed, an intervention that leans on a precondition the quickscan
  puts first (*eerst aanpakken*) keeps ``poort_dicht`` (0.75) of its score and is flagged (:attr:`Match.wacht_op`):
  explore it, but work on those preconditions before starting it (Leerkring: preconditions first).

Ties are broken by the lower rung first, then the name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from wijklib.errors import InputError
from wijklib.format import compact, number
from wijklib.io.tables import read_table

from ._files import cell_text, fold, is_empty
from .interventions import (GEBIEDSTYPE_FACETTEN, GEBIEDSTYPEN, PROBLEEMDOMEINEN, Intervention, domain_evidence,
                            intervention_catalogue, normalise_area_types, normalise_domains)

__all__ = ["FENOMEEN_DOMEINEN", "BEWIJSBRONNEN", "AreaProfile", "MatchWeights", "Match", "TREDE_BIJ_POTENTIE", "URGENTIETYPES", "fitting_rung",
           "participation_fit", "potential_from_score", "area_profile", "area_profile_from_mapping",
           "potential_from_survey", "domains_from_signals", "match_interventions", "matches_frame",
           "urgency_from_analysis", "area_type_from_urbanity", "SOORTEN"]

#: Participation potential (0-1, upper bound exclusive) -> fitting rung (1 informeren ... 6 zelfbestuur).
TREDE_BIJ_POTENTIE: tuple[tuple[float, int], ...] = ((0.2, 1), (0.4, 2), (0.6, 3), (0.8, 4), (0.95, 5), (1.01, 6))

#: The urgency types (``urgency_type`` in ``typen.csv`` of notebook 01, the types of the Praktijkhandboek §4.1,
#: including urgency through a policy frame) -> Dutch label.
URGENTIETYPES: dict[str, str] = {"meervoudig": "meervoudige urgentie", "acuut": "acute urgentie",
                                 "sluimerend": "sluimerende urgentie", "beleidskader": "urgentie door een beleidskader",
                                 "geen": "geen uitgesproken urgentie"}
#: Problem domains that name a specific phenomenon: never derived from (socio-economic) figures alone.
FENOMEEN_DOMEINEN: frozenset[str] = frozenset({"drugs", "ondermijning", "jeugd", "geweld_wapens", "inbraak_diefstal",
                                               "ondernemers", "criminaliteit"})
#: Kinds of evidence for a problem domain -> Dutch label. Only ``cijfers`` cannot back a phenomenon.
BEWIJSBRONNEN: dict[str, str] = {"signalen": "signalen van professionals", "verteld": "vertelde gegevens",
                                 "schouw": "schouw", "enquete": "bewonersenquête", "aanleidingen": "aanleidingenlog",
                                 "quickscan": "quickscan", "team": "opgegeven door het team", "cijfers": "cijfers"}
_URGENCY_ALIASES = {"beleidsframe": "beleidskader", "urgentie door een beleidskader": "beleidskader",
                    "acute": "acuut", "acute urgentie": "acuut", "sluimerende": "sluimerend",
                    "sluimerende urgentie": "sluimerend", "meervoudige": "meervoudig",
                    "meervoudige urgentie": "meervoudig", "geen urgentie": "geen",
                    "onbekend": "geen", "none": "geen"}
#: Kinds of intervention -> Dutch label (plural), for tables.
SOORTEN: dict[str, str] = {"voorbeeldinterventie": "Leerkring-voorbeeld", "praktijkaanpak": "praktijkaanpak "
                           "(Inspiratieboek)", "eigen": "eigen interventie"}
_RUNG_NAMES = {1: "informeren", 2: "raadplegen", 3: "adviseren", 4: "coproduceren", 5: "meebeslissen", 6: "zelfbestuur"}


def _nl(value: float | None, decimals: int = 2) -> str:
    """A number with a decimal comma (Dutch text; missing: :data:`wijklib.format.MISSING`)."""
    return number(value, decimals, thousands=False)


def _nl_g(value: float | None) -> str:
    return compact(value)


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
        raise InputError(f"participatiepotentie {_nl_g(v)} ligt buiten de schaal {_nl_g(lo)}-{_nl_g(hi)}",
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
    eerst_aanpakken : tuple of str
        Precondition ids the quickscan puts first (below the threshold, too much *weet niet* or too little
        coverage). From a quickscan result; otherwise the preconditions scoring below ``drempel``.
    gebiedstype : str or None
        Kind of area (:data:`~wijklib.readiness.interventions.GEBIEDSTYPEN`), e.g. ``stedelijk``.
    bewijs : dict
        Domain id -> tuple of (kind of evidence (:data:`BEWIJSBRONNEN`), Dutch description).
    weggelaten : tuple of str
        Phenomenon-specific domains left out because only the figures pointed to them.
    """

    naam: str
    probleemdomeinen: Mapping[str, float] = field(default_factory=dict)
    urgentietype: str | None = None
    participatiepotentie: float | None = None
    gereedheid: Mapping[str, float] = field(default_factory=dict)
    poort_open: bool | None = None
    drempel: float = 1.5
    herkomst: tuple[str, ...] = ()
    eerst_aanpakken: tuple[str, ...] = ()
    gebiedstype: str | None = None
    bewijs: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    weggelaten: tuple[str, ...] = ()

    def phenomenon_backed(self, domain: str) -> bool:
        """Whether a domain is backed by a source other than the counted figures."""
        return any(kind != "cijfers" for kind, _ in self.bewijs.get(domain, ()))

    def evidence_text(self, domain: str) -> str:
        """Dutch description of the evidence for a domain (empty when none is recorded)."""
        return "; ".join(text or BEWIJSBRONNEN.get(kind, kind) for kind, text in self.bewijs.get(domain, ()))

    def markdown(self, cat=None) -> str:
        """A short Dutch description of the profile."""
        if cat is None:
            from wijklib.catalogue import load_catalogue

            cat = load_catalogue()
        doms = ", ".join(f"{PROBLEEMDOMEINEN[d].label}" + (f" (gewicht {w:g})" if w != 1 else "")
                         + (f" [bron: {self.evidence_text(d)}]" if self.evidence_text(d) else "")
                         for d, w in self.probleemdomeinen.items()) or "geen opgegeven"
        rung = fitting_rung(self.participatiepotentie)
        pot = ("onbekend (we gaan voorzichtig uit van raadplegen)" if self.participatiepotentie is None
               else f"{_nl(self.participatiepotentie)} op 0-1: passende trede {rung} ({_RUNG_NAMES[rung]})")
        urgency = URGENTIETYPES.get(self.urgentietype, "onbekend") if self.urgentietype else "onbekend"
        area = GEBIEDSTYPEN.get(self.gebiedstype, "onbekend") if self.gebiedstype else "onbekend"
        lines = [f"**Gebiedsprofiel {self.naam}**", "", f"- Probleemdomeinen: {doms}", f"- Urgentietype: {urgency}",
                 f"- Participatiepotentie (initiatiefbereidheid): {pot}", f"- Soort gebied: {area}"]
        if self.gereedheid:
            names = [cat.get(k).name_nl if k in cat else k for k in self.eerst_aanpakken]
            lines.append(f"- Randvoorwaarden die eerst aandacht vragen: {', '.join(names) or 'geen'}")
        if self.poort_open is not None:
            lines.append(f"- Poort van de quickscan: {'open' if self.poort_open else 'dicht'}")
        if self.weggelaten:
            lines.append("- Alleen uit cijfers, dus niet als fenomeen meegenomen (keuze van wijklib): "
                         + ", ".join(PROBLEEMDOMEINEN[d].label.lower() for d in self.weggelaten))
        lines += [f"- {h}" for h in self.herkomst]
        return "\n".join(lines)


def area_profile(naam: str, *, probleemdomeinen: Iterable[str] | Mapping[str, float] | str | None = None,
                 urgentietype: str | None = None, participatiepotentie: float | None = None,
                 schaal: str | tuple[float, float] = "0-1", gereedheid: Any = None, drempel: float | None = None,
                 herkomst: Iterable[str] = (), gebiedstype: str | None = None,
                 bewijs: Mapping[str, Iterable[tuple[str, str]]] | None = None) -> AreaProfile:
    """Build an :class:`AreaProfile` from plain values.

    Parameters
    ----------
    naam : str
    probleemdomeinen : list, mapping or string
        Terms of any known vocabulary (see :func:`normalise_domains`).
    urgentietype : str, optional
        ``meervoudig``, ``acuut``, ``sluimerend`` or ``geen``, as in the urgency analysis (or ``ph.ut.*`` ids, or
        the Dutch labels).
    participatiepotentie : float, optional
        Initiative readiness on the scale ``schaal``.
    gereedheid : QuickscanResult, DataFrame or mapping, optional
        The quickscan result, the ``randvoorwaarden`` table (columns ``randvoorwaarde`` and ``gemiddelde``), or a
        mapping precondition id -> mean score (0-3).
    drempel : float, optional
        Gate threshold; default the quickscan's rule or 1.5.
    gebiedstype : str, optional
        Kind of area (``stedelijk``, ``landelijk``, ...; see :func:`area_type_from_urbanity`).
    bewijs : mapping, optional
        Where each domain comes from: term (any vocabulary of :func:`normalise_domains`) -> list of
        ``(kind, description)`` with kind one of :data:`BEWIJSBRONNEN`. Default: every given domain counts as
        ``team`` (chosen by the team). A phenomenon-specific domain (:data:`FENOMEEN_DOMEINEN`) with only
        ``cijfers`` evidence is left out of the profile (listed in ``weggelaten``).

    Raises
    ------
    InputError
        Unknown domains, urgency type or area type, a potential outside its scale, scores outside 0-3.
    """
    try:
        doms = normalise_domains(probleemdomeinen)
    except ValueError as exc:
        raise InputError(str(exc), column="probleemdomeinen") from None
    try:
        area_types = normalise_area_types(gebiedstype)
    except ValueError as exc:
        raise InputError(str(exc), column="gebiedstype") from None
    if len(area_types) > 1:
        raise InputError("geef één gebiedstype op, niet " + ", ".join(area_types), column="gebiedstype")
    scores: dict[str, float] = {}
    poort = None
    first: tuple[str, ...] | None = None
    threshold = drempel
    if gereedheid is not None:
        if hasattr(gereedheid, "scores") and hasattr(gereedheid, "poort"):
            scores = dict(gereedheid.scores())
            poort = gereedheid.poort.klaar
            first = tuple(gereedheid.poort.eerst_aanpakken["randvoorwaarde"])
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
                raise InputError(f"gereedheid van {k!r} is {_nl_g(v)}; verwacht een gemiddelde tussen 0 en 3",
                                 column="gereedheid")
    threshold = threshold if threshold is not None else 1.5
    if first is None:
        first = tuple(k for k, v in scores.items() if not math.isnan(v) and v < threshold)
    evidence: dict[str, tuple[tuple[str, str], ...]] = {}
    if bewijs is None:
        evidence = {d: (("team", ""),) for d in doms}
    else:
        for term, items in bewijs.items():
            items = tuple((str(k), str(t)) for k, t in items)
            for k, _ in items:
                if k not in BEWIJSBRONNEN:
                    raise InputError(f"onbekende soort bewijs {k!r}; kies uit: {', '.join(BEWIJSBRONNEN)}",
                                     column="bewijs")
            try:
                targets = normalise_domains([term])
            except ValueError as exc:
                raise InputError(str(exc), column="bewijs") from None
            for d in targets:
                evidence[d] = evidence.get(d, ()) + tuple(i for i in items if i not in evidence.get(d, ()))
        for d in doms:
            evidence.setdefault(d, (("team", ""),))
    dropped = tuple(d for d in doms if d in FENOMEEN_DOMEINEN
                    and not any(k != "cijfers" for k, _ in evidence.get(d, ())))
    doms = {d: w for d, w in doms.items() if d not in dropped}
    return AreaProfile(naam=naam, probleemdomeinen=doms, urgentietype=_urgency_key(urgentietype),
                       participatiepotentie=potential_from_score(participatiepotentie, schaal),
                       gereedheid=scores, poort_open=poort, drempel=threshold, herkomst=tuple(herkomst),
                       eerst_aanpakken=first, gebiedstype=area_types[0] if area_types else None,
                       bewijs=evidence, weggelaten=dropped)


_KEYS = {
    "naam": ("naam", "gebied", "name", "area_name", "buurtnaam"),
    "probleemdomeinen": ("probleemdomeinen", "domeinen", "domains", "stacked_domains", "worst_domains", "problemen"),
    "urgentietype": ("urgentietype", "urgency_type", "type"),
    "participatiepotentie": ("participatiepotentie", "initiatiefbereidheid", "potentie", "initiative_readiness"),
    "schaal": ("schaal", "scale"),
    "gebiedstype": ("gebiedstype", "area_type"),
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
    return pot, (f"initiatiefbereidheid uit de bewonersenquête: {_nl(mean)} op {_nl_g(schaal[0])}-{_nl_g(schaal[1])}"
                 f"{extra}")


#: Words in the text of a signal that point to a problem domain.
_SIGNAL_WORDS: dict[str, tuple[str, ...]] = {
    "drugs": ("drug", "dealen", "dealer", "hennep", "wiet", "lachgas", "coke", "cocaine", "xtc", "drugspand"),
    "geweld_wapens": ("wapen", "mes ", "messen", "explosie", "schiet", "geweld", "vuurwerkbom"),
    "ondermijning": ("ondermijn", "witwas", "verdacht pand", "verdachte panden", "uitbuiting", "afgeplakte"),
    "jeugd": ("jongeren", "jeugd", "ronsel"),
    "overlast": ("overlast",),
}


def domains_from_signals(signals: pd.DataFrame, buurtcode: str, *, min_aantal: int = 1,
                         naam: str | None = None) -> tuple[dict[str, float], str]:
    """Problem domains of one buurt from signals of professionals (columns buurtcode, thema, tekst).

    Each theme maps through :data:`DOMEIN_ALIASSEN`-style rules; words in the texts (drugs, wapens, ...) add
    domains. The weight of a domain is the number of signals pointing to it. ``naam`` (the buurt's name) is used
    in the explanation instead of the code.

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
    where = naam or buurtcode
    text = (f"{len(sub)} signalen van professionals in {where}: "
            + ", ".join(f"{PROBLEEMDOMEINEN[d].label.lower()} ({int(c)})" for d, c in counts.items())) if len(sub) \
        else f"geen signalen voor {where}"
    return counts, text


def urgency_from_analysis(types: pd.DataFrame | str | Path, buurtcode: str) -> tuple[str, str, str]:
    """The urgency type of one buurt from the urgency analysis (notebook 01).

    Parameters
    ----------
    types : DataFrame or path
        ``typen.csv`` written by :func:`wijklib.analysis.save_results` (or the folder holding it), or the
        ``types`` table of an urgency result (index or column ``area_code``; columns ``name``, ``urgency_type``,
        optionally ``reasons``).
    buurtcode : str

    Returns
    -------
    (urgency type, buurt name, Dutch explanation)

    Raises
    ------
    InputError
        When the file or the buurt is missing, or the type is not one of :data:`URGENTIETYPES`.
    """
    source = "urgentieanalyse"
    if not isinstance(types, pd.DataFrame):
        path = Path(types)
        if path.is_dir():
            path = path / "typen.csv"
        if not path.exists():
            raise InputError("typen.csv van de urgentieanalyse niet gevonden (draai notebook 01 of laat "
                             "urgentie_map leeg)", file=path)
        types = read_table(path, what="urgentietypen")
        source = f"urgentieanalyse ({path.name})"
    frame = types.reset_index() if "area_code" not in types.columns else types
    need = {"area_code", "urgency_type"}
    if not need <= set(frame.columns):
        raise InputError(f"tabel met urgentietypen mist kolommen: {', '.join(sorted(need - set(frame.columns)))}",
                         column="urgency_type")
    row = frame[frame["area_code"].astype(str) == str(buurtcode)]
    if row.empty:
        raise InputError(f"buurt {buurtcode} staat niet in de urgentieanalyse", column="area_code")
    r = row.iloc[0]
    name = cell_text(r.get("name", "")) or str(buurtcode)
    key = _urgency_key(r["urgency_type"]) or "geen"
    why = cell_text(r.get("reasons", "")) if "reasons" in frame.columns else ""
    text = f"urgentietype uit de {source}: {URGENTIETYPES[key]}" + (f" ({why})" if why else "")
    return key, name, text


#: CBS *mate van stedelijkheid* (1 very strongly urban ... 5 not urban) -> area type.
_URBANITY = {1: "stedelijk", 2: "stedelijk", 3: "stedelijk", 4: "landelijk", 5: "landelijk"}


def area_type_from_urbanity(stedelijkheid: Any) -> tuple[str | None, str]:
    """Area type from the CBS *mate van stedelijkheid* (1-5): 1-3 ``stedelijk``, 4-5 ``landelijk``.

    Returns
    -------
    (area type or None when unknown, Dutch explanation)
    """
    if is_empty(stedelijkheid):
        return None, "soort gebied onbekend (geen stedelijkheid bekend)"
    try:
        value = int(round(float(stedelijkheid)))
    except (TypeError, ValueError):
        raise InputError(f"stedelijkheid {cell_text(stedelijkheid)!r} is geen getal van 1 tot en met 5",
                         column="stedelijkheid") from None
    if value not in _URBANITY:
        raise InputError(f"stedelijkheid {value} ligt buiten 1-5", column="stedelijkheid")
    kind = _URBANITY[value]
    return kind, f"soort gebied: {GEBIEDSTYPEN[kind]} (CBS-stedelijkheid {value} op 1-5)"


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the four partial fits (they need not sum to 1; the score is divided by their sum) and the
    corrections (see the module docstring)."""

    probleem: float = 0.45
    participatie: float = 0.30
    randvoorwaarden: float = 0.15
    urgentie: float = 0.10
    breedte_referentie: int = 3
    gebied_anders: float = 0.6
    poort_dicht: float = 0.75


@dataclass(frozen=True)
class Match:
    """One ranked intervention with its partial fits, corrections and the Dutch explanation.

    ``breedte`` is the breadth factor inside ``probleem``; ``gebied`` and ``poort`` are the factors applied to the
    weighted sum (1 = no correction); ``wacht_op`` lists the precondition ids the quickscan puts first and that
    this intervention leans on (only while the gate is closed).
    """

    interventie: Intervention
    score: float
    probleem: float
    participatie: float
    randvoorwaarden: float
    urgentie: float
    redenen: tuple[str, ...]
    breedte: float = 1.0
    gebied: float = 1.0
    poort: float = 1.0
    wacht_op: tuple[str, ...] = ()

    @property
    def uitleg(self) -> str:
        return " ".join(self.redenen)


def _urgency_fit(i: Intervention, urgency: str | None) -> tuple[float, str]:
    if urgency in (None, "geen"):
        return 0.5, "Urgentie: urgentietype onbekend of geen uitgesproken urgentie: neutraal."
    if urgency != "sluimerend":
        # the Praktijkhandboek links no kind of intervention to this urgency type
        return 0.5, (f"Urgentie: het Praktijkhandboek verbindt {URGENTIETYPES[urgency]} niet aan een soort "
                     "interventie: neutraal.")
    cat_key = fold(i.categorie)
    ok = (any(k in cat_key for k in ("jeugd", "hulpverlening", "communicatie", "informatiepositie"))
          or "lk.wp.timing_is_everything" in i.principes or "preventief" in i.tekst)
    if ok:
        return 1.0, ("Urgentie: sluimerende urgentie vraagt vooral om een preventieve gebiedsgerichte aanpak "
                     "(Praktijkhandboek §4.1); deze interventie is preventief van aard (indeling van wijklib).")
    return 0.25, "Urgentie: sluit minder aan bij de preventieve aanpak die sluimerende urgentie vraagt (§4.1)."


def _weak_names(ids: Iterable[str], profile: AreaProfile, cat) -> str:
    out = []
    for r in ids:
        name = cat.get(r).name_nl if r in cat else r
        score = profile.gereedheid.get(r, float("nan"))
        out.append(name if math.isnan(score) else f"{name} ({_nl(score, 1)})")
    return ", ".join(out)


def _readiness_fit(i: Intervention, profile: AreaProfile, cat) -> tuple[float, str]:
    if not i.randvoorwaarden:
        return 1.0, "Randvoorwaarden: geen specifieke randvoorwaarde gekoppeld."
    scored = [(r, profile.gereedheid[r]) for r in i.randvoorwaarden
              if r in profile.gereedheid and not math.isnan(profile.gereedheid[r])]
    if not scored:
        return 1.0, "Randvoorwaarden: geen quickscan-scores voor de gekoppelde randvoorwaarden."
    short = [max(0.0, (profile.drempel - s) / profile.drempel) for _, s in scored]
    weak = [r for r, s in scored if s < profile.drempel]
    fit = 1.0 - sum(short) / len(short)
    if weak:
        return fit, (f"Randvoorwaarden: leunt op {_weak_names(weak, profile, cat)}, onder de drempel "
                     f"{_nl_g(profile.drempel)}; werk daar eerst aan.")
    names = ", ".join(cat.get(r).name_nl if r in cat else r for r, _ in scored)
    if profile.poort_open is False:  # a closed gate: never call anything "op orde" (training notebook 06)
        return fit, (f"Randvoorwaarden: de gekoppelde randvoorwaarden ({names}) halen de drempel, maar de poort "
                     "van de quickscan is dicht: andere randvoorwaarden vragen eerst aandacht.")
    return fit, f"Randvoorwaarden: de gekoppelde randvoorwaarden ({names}) zijn voldoende op orde."


def _breadth(i: Intervention, cat, area_domains: Iterable[str]) -> int:
    """Number of specific problem domains an intervention addresses (the catch-all 'criminaliteit' only when the
    area has it)."""
    keep = set(area_domains)
    return sum(1 for d in PROBLEEMDOMEINEN if (d != "criminaliteit" or d in keep)
               and domain_evidence(i, d, cat) is not None)


def match_interventions(profile: AreaProfile, interventions: Sequence[Intervention] | None = None, *, cat=None,
                        weights: MatchWeights | None = None, alleen_relevant: bool = True,
                        top: int | None = None, soort: str | Iterable[str] | None = None,
                        alleen_met_bewijs: bool = True) -> list[Match]:
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
    soort : str or list of str, optional
        Only these kinds (``voorbeeldinterventie``, ``praktijkaanpak``, ``eigen``), e.g. to rank each kind
        separately.
    alleen_met_bewijs : bool
        Leave out interventions about a specific phenomenon (:data:`FENOMEEN_DOMEINEN`) when none of their
        phenomena is backed by a source other than the figures (see the module docstring).

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
    if soort is not None:
        kinds = {soort} if isinstance(soort, str) else set(soort)
        interventions = [i for i in interventions if i.soort in kinds]
    total_w = weights.probleem + weights.participatie + weights.randvoorwaarden + weights.urgentie
    target = fitting_rung(profile.participatiepotentie)
    first = set(profile.eerst_aanpakken)
    out = []
    for i in interventions:
        reasons = []
        # 0. an intervention about a specific phenomenon needs evidence of that phenomenon beyond the figures
        phenomena = [d for d in FENOMEEN_DOMEINEN if domain_evidence(i, d, cat) is not None]
        backed = [d for d in phenomena if profile.phenomenon_backed(d)]
        if phenomena and not backed and alleen_met_bewijs:
            continue
        if backed:
            reasons.append("Aanleiding in dit gebied: " + "; ".join(
                f"{PROBLEEMDOMEINEN[d].label.lower()} ({profile.evidence_text(d)})" for d in sorted(backed)) + ".")
        # 1. problem, corrected for breadth
        breadth_factor = 1.0
        if profile.probleemdomeinen:
            hits = {d: domain_evidence(i, d, cat) for d in profile.probleemdomeinen}
            got = {d: e for d, e in hits.items() if e is not None}
            cover = sum(profile.probleemdomeinen[d] for d in got) / sum(profile.probleemdomeinen.values())
            if not got and alleen_relevant:
                continue
            if not backed:
                general = [d for d in got if profile.bewijs.get(d)]
                if general:
                    reasons.append("Aanleiding in dit gebied: " + "; ".join(
                        f"{PROBLEEMDOMEINEN[d].label.lower()} ({profile.evidence_text(d)})" for d in general) + ".")
            if got:
                reasons.append("Probleem: past bij " + "; ".join(
                    f"{PROBLEEMDOMEINEN[d].label.lower()} ({e})" for d, e in got.items()) + ".")
            missing = [PROBLEEMDOMEINEN[d].label.lower() for d in profile.probleemdomeinen if d not in got]
            if missing:
                reasons.append("Raakt niet aan: " + ", ".join(missing) + ".")
            n = _breadth(i, cat, profile.probleemdomeinen)
            if n > weights.breedte_referentie:
                breadth_factor = math.sqrt(weights.breedte_referentie / n)
                reasons.append(f"Breedte: raakt {n} probleemdomeinen; een breed beschreven aanpak is niet vanzelf "
                               f"gerichter, dus de probleemscore telt voor {breadth_factor:.0%}.")
            prob = cover * breadth_factor
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
                   else f"potentie {_nl(profile.participatiepotentie)}")
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
        # corrections: kind of area, closed gate
        area_factor = 1.0
        if profile.gebiedstype and i.gebiedstypen and profile.gebiedstype not in i.gebiedstypen:
            area_factor = weights.gebied_anders
            meant = " of ".join(GEBIEDSTYPEN.get(t, t) for t in i.gebiedstypen)
            detail = GEBIEDSTYPE_FACETTEN.get(i.id, ((), ""))[1]
            reasons.append(f"Gebied: bedoeld voor {meant}{' (' + detail + ')' if detail else ''}; past minder bij "
                           f"een {GEBIEDSTYPEN[profile.gebiedstype]}, score × {_nl(area_factor)}.")
        gate_factor = 1.0
        waits: tuple[str, ...] = ()
        if profile.poort_open is False:
            waits = tuple(r for r in i.randvoorwaarden if r in first)
            if waits:
                gate_factor = weights.poort_dicht
                reasons.append(f"Poort dicht: leunt op {_weak_names(waits, profile, cat)}, die eerst aandacht "
                               f"vragen; score × {_nl(gate_factor)}. Verken deze interventie, maar begin pas als "
                               "die randvoorwaarden op orde zijn.")
        score *= area_factor * gate_factor
        out.append(Match(i, score, prob, part, ready, urg, tuple(reasons), breadth_factor, area_factor, gate_factor,
                         waits))
    out.sort(key=lambda m: (-round(m.score, 9), m.interventie.trede_niveau or 9, m.interventie.naam))
    return out[:top] if top else out


def matches_frame(matches: Sequence[Match], cat=None) -> pd.DataFrame:
    """The ranked matches as a table: rank, name, kind, rung, the partial fits, the corrections, the preconditions
    to wait for and the explanation."""
    if cat is None and any(m.wacht_op for m in matches):
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    rows = []
    for rank, m in enumerate(matches, start=1):
        i = m.interventie
        rows.append({"rang": rank, "interventie": i.naam, "soort": i.soort,
                     "trede": f"{i.trede_niveau} {_RUNG_NAMES.get(i.trede_niveau, '')}" if i.trede_niveau else "",
                     "score": round(m.score, 3), "probleem": round(m.probleem, 2),
                     "participatie": round(m.participatie, 2), "randvoorwaarden": round(m.randvoorwaarden, 2),
                     "urgentie": round(m.urgentie, 2), "breedte": round(m.breedte, 2), "gebied": round(m.gebied, 2),
                     "poort": round(m.poort, 2),
                     "wacht_op": ", ".join(cat.get(r).name_nl if r in cat else r for r in m.wacht_op),
                     "uitleg": m.uitleg, "id": i.id})
    return pd.DataFrame(rows, columns=["rang", "interventie", "soort", "trede", "score", "probleem", "participatie",
                                       "randvoorwaarden", "urgentie", "breedte", "gebied", "poort", "wacht_op",
                                       "uitleg", "id"])
