"""One catalogue view of interventions: the Leerkring examples, the Inspiratieboek approaches and your own.

Sources
-------
* the 30 *voorbeeldinterventies* of the Leerkring Brabant-Zeeland (catalogue document 000), with the facets that
  the catalogue gives them (phenomenon, participation rung and mechanism of the denkkader (002), related working
  principles and preconditions; all these links are interpretations, see the catalogue notes);
* the 10 *praktijkaanpakken* of the Inspiratieboek *Ondermijning in de wijk* (001). The catalogue links them to
  undermining phenomena, actor types and preconditions, but not to the denkkader facets. wijklib classifies them
  on the participation ladder, mechanisms and denkkader phenomena in :data:`PRAKTIJK_FACETTEN`, with the same rule
  as the catalogue uses for the Leerkring examples (the rung of citizen input the approach needs most, not the
  highest conceivable) and a reason per approach. This classification is ours (interpretation), not the book's;
* interventions that users add in a YAML or CSV file (:func:`read_own_interventions`).

Problem domains
---------------
To match interventions with an area's problems, wijklib uses a small vocabulary of problem domains
(:data:`PROBLEEMDOMEINEN`, e.g. ``drugs``, ``jeugd``, ``overlast``). An intervention addresses a domain when it
shares a denkkader phenomenon or an undermining phenomenon (001) with it, or when one of the domain's keywords
occurs in its name, goal, result, phenomena or target groups. Area inputs in other vocabularies (the indicator
domains, the signal themes of :mod:`wijklib.told`, the schouw categories, the problem domains of the
Praktijkhandboek) are mapped by :func:`normalise_domains`.

Area types
----------
A few interventions are written for a specific kind of area: a border village, the rural outskirts, holiday parks,
business parks. wijklib records that in the facet ``gebiedstypen`` (:data:`GEBIEDSTYPEN`,
:data:`GEBIEDSTYPE_FACETTEN`; interpretation); interventions without it fit any area. The matching lowers the
score of an intervention whose area types do not include the area's own type.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from wijklib.errors import InputError

from ._files import cell_text, fold, is_empty, read_rows, read_yaml, slug

__all__ = ["Intervention", "ProblemDomain", "PROBLEEMDOMEINEN", "DOMEIN_ALIASSEN", "PRAKTIJK_FACETTEN",
           "GEBIEDSTYPEN", "GEBIEDSTYPE_FACETTEN", "normalise_area_types", "domains_of",
           "intervention_catalogue", "read_own_interventions", "interventions_frame", "filter_interventions",
           "facet_options", "normalise_domains", "domain_evidence", "write_own_interventions_template",
           "with_facets"]


@dataclass(frozen=True)
class Intervention:
    """One intervention with its facets (ids refer to the catalogue)."""

    id: str
    naam: str
    soort: str                        # voorbeeldinterventie, praktijkaanpak, eigen
    bron: str                         # document and section, or the user's file
    omschrijving: str = ""
    categorie: str = ""
    doel: str = ""
    resultaat: str = ""
    fenomenen: tuple[str, ...] = ()           # dk.fe.*
    trede: str | None = None                  # dk.trede.*
    trede_niveau: int | None = None           # 1..6
    mechanismen: tuple[str, ...] = ()         # dk.wm.*
    doelgroepen: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    principes: tuple[str, ...] = ()           # lk.wp.*
    randvoorwaarden: tuple[str, ...] = ()     # lk.rv.*
    ondermijningsfenomenen: tuple[str, ...] = ()   # ib.fen.*
    probleemdomeinen: tuple[str, ...] = ()    # explicit domains (own interventions)
    gemeente: str = ""
    interpretatie: str = ""                   # how the facets were obtained
    extra_tekst: str = ""                     # further searchable text (phenomena descriptions etc.)
    probleemtekst: str = ""                   # text searched for problem-domain keywords
    gebiedstypen: tuple[str, ...] = ()        # kinds of area it is written for (GEBIEDSTYPEN); empty = any

    @cached_property  # folded once per intervention (matching looks it up for every area and domain)
    def probleem_tekst(self) -> str:
        """The folded text in which problem-domain keywords are looked up: name, goal, result, target groups and
        phenomena (not the partner list or long descriptions, which would match almost anything)."""
        return fold(self.probleemtekst or " ".join([self.naam, self.doel, self.resultaat, " ".join(self.doelgroepen)]))

    @property
    def tekst(self) -> str:
        """All searchable text, folded (lower case, no accents)."""
        return fold(" ".join([self.naam, self.omschrijving, self.categorie, self.doel, self.resultaat,
                              " ".join(self.doelgroepen), " ".join(self.partners), self.extra_tekst]))


@dataclass(frozen=True)
class ProblemDomain:
    """A problem domain for matching, with the evidence that links interventions to it."""

    id: str
    label: str
    fenomenen: tuple[str, ...] = ()           # dk.fe.* that address it
    ondermijning: tuple[str, ...] = ()        # ib.fen.* that belong to it
    trefwoorden: tuple[str, ...] = ()         # folded stems searched in intervention texts


#: Problem domains for matching (wijklib's vocabulary; the documents have no common list).
PROBLEEMDOMEINEN: dict[str, ProblemDomain] = {d.id: d for d in [
    ProblemDomain("drugs", "Drugs: handel, productie en drugsoverlast", (),
                  ("ib.fen.drugscriminaliteit_kleinschalig", "ib.fen.hennepteelt", "ib.fen.drugslabs",
                   "ib.fen.drugsafval_dumping", "ib.fen.opslag_garageboxen", "ib.fen.drugshandel_jongeren",
                   "ib.fen.grensoverschrijdende_drugshandel", "ib.fen.woningovername"),
                  ("drug", "hennep", "wiet", "dealen", "gedeald", "cannabis", "xtc", "coffeeshop")),
    ProblemDomain("ondermijning", "Ondermijning en georganiseerde criminaliteit", ("dk.fe.bewustzijn_creeren",),
                  ("ib.fen.witwassen", "ib.fen.ondermijning_ondernemingen", "ib.fen.intergenerationele_criminaliteit",
                   "ib.fen.gesloten_familienetwerken", "ib.fen.controle_intimidatie", "ib.fen.katvangers",
                   "ib.fen.mobiel_banditisme", "ib.fen.belastingontduiking", "ib.fen.woningovername"),
                  ("ondermijn", "georganiseerde", "witwas", "verdachte", "criminele families", "familienetwerk")),
    ProblemDomain("jeugd", "Jeugd en preventie van criminele aanwas", (),
                  ("ib.fen.inzet_jongeren", "ib.fen.nieuwe_aanwas", "ib.fen.criminele_jeugdgroep",
                   "ib.fen.drugshandel_jongeren", "ib.fen.ondermijnende_jeugdcriminaliteit", "ib.fen.online"),
                  ("jongere", "jeugd", "kinderen", "aanwas", "leerling")),
    ProblemDomain("overlast", "Overlast", ("dk.fe.overlast",), (), ("overlast",)),
    ProblemDomain("geweld_wapens", "Geweld en wapens", (), ("ib.fen.wapenbezit",),
                  ("wapen", "geweld", "messen", "explosie", "schiet")),
    ProblemDomain("onveiligheidsgevoel", "Onveiligheidsgevoelens", ("dk.fe.sociale_veiligheid",), (),
                  ("veiligheidsgevoel", "onveilig", "veilig voel", "vertrouwen")),
    ProblemDomain("verloedering", "Verloedering en leefbaarheid", ("dk.fe.verloedering", "dk.fe.leefbaarheid"),
                  ("ib.fen.drugsafval_dumping",), ("verloeder", "leefbaarheid", "schoon", "afval", "dumping")),
    ProblemDomain("sociale_cohesie", "Sociale samenhang", ("dk.fe.sociale_cohesie", "dk.fe.intercultureel_werken"),
                  (), ("cohesie", "contact", "verbind", "ontmoet")),
    ProblemDomain("inbraak_diefstal", "Woninginbraak, diefstal en heling", ("dk.fe.woninginbraak",),
                  ("ib.fen.vermogenscriminaliteit", "ib.fen.mobiel_banditisme"), ("inbraak", "diefstal", "heling")),
    ProblemDomain("kwetsbare_huishoudens", "Bestaanszekerheid, zorg en ondersteuning van huishoudens", (),
                  ("ib.fen.multiproblematiek",),
                  ("hulpverlening", "hulpvra", "zorgverlen", "ggz", "schulden", "armoede", "multiproblem", "gezinnen",
                   "weerbaar")),
    ProblemDomain("ondernemers", "Ondermijning bij ondernemers en bedrijventerreinen", (),
                  ("ib.fen.ondermijning_ondernemingen", "ib.fen.witwassen"),
                  ("ondernemer", "bedrijf", "winkel", "horeca")),
    ProblemDomain("criminaliteit", "Criminaliteit (algemeen)", ("dk.fe.veiligheid", "dk.fe.toezicht"), (),
                  ("criminaliteit", "misdrij")),
]}

#: Terms of other vocabularies (indicator domains, signal themes, schouw categories, Praktijkhandboek problem
#: domains, plain words) mapped to :data:`PROBLEEMDOMEINEN`.
DOMEIN_ALIASSEN: dict[str, tuple[str, ...]] = {
    # indicator domains (wijklib.indicators)
    "veiligheid": ("criminaliteit",), "jeugd_onderwijs": ("jeugd",), "gezondheid_zorg": ("kwetsbare_huishoudens",),
    "inkomen_armoede": ("kwetsbare_huishoudens",), "werk_uitkeringen": ("kwetsbare_huishoudens",),
    "wonen": ("verloedering",), "fysieke_omgeving": ("verloedering",),
    # signal themes (wijklib.told)
    "armoede_schulden": ("kwetsbare_huishoudens",), "zorg_welzijn": ("kwetsbare_huishoudens",),
    "leefbaarheid": ("verloedering",),
    # schouw categories (wijklib.told)
    "drugsoverlast": ("drugs", "overlast"), "verdachte_panden": ("ondermijning",), "hangplek": ("overlast", "jeugd"),
    "zwerfvuil": ("verloedering",), "vernieling": ("verloedering",), "leegstand": ("verloedering",),
    "onveilige_plek": ("onveiligheidsgevoel",),
    # Praktijkhandboek problem domains (catalogue 003)
    "ph.pd.armoede_bestaanszekerheid": ("kwetsbare_huishoudens",), "ph.pd.werk": ("kwetsbare_huishoudens",),
    "ph.pd.onderwijs": ("jeugd",), "ph.pd.gezondheid": ("kwetsbare_huishoudens",),
    "ph.pd.kwetsbare_huishoudens": ("kwetsbare_huishoudens",), "ph.pd.veiligheid": ("criminaliteit",),
    "ph.pd.ondermijning": ("ondermijning",), "ph.pd.overlast": ("overlast", "verloedering"),
    "ph.pd.sociale_samenhang": ("sociale_cohesie",), "ph.pd.wonen_leefomgeving": ("verloedering",),
    # plain words
    "drugshandel": ("drugs",), "drugscriminaliteit": ("drugs",), "hennepteelt": ("drugs",), "jongeren": ("jeugd",),
    "jeugdoverlast": ("jeugd", "overlast"), "jeugdcriminaliteit": ("jeugd", "criminaliteit"),
    "wapens": ("geweld_wapens",), "geweld": ("geweld_wapens",), "woninginbraak": ("inbraak_diefstal",),
    "armoede": ("kwetsbare_huishoudens",), "schulden": ("kwetsbare_huishoudens",), "cohesie": ("sociale_cohesie",),
    "onveiligheid": ("onveiligheidsgevoel",), "veiligheidsbeleving": ("onveiligheidsgevoel",),
    "criminele_families": ("ondermijning",), "witwassen": ("ondermijning",),
}

#: wijklib's classification of the ten Inspiratieboek approaches on the denkkader facets (interpretation).
#: approach id -> (rung, mechanisms, denkkader phenomena, reason).
PRAKTIJK_FACETTEN: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]] = {
    "ib.aanpak.familieaanpak": ("dk.trede.informeren", (), ("dk.fe.veiligheid",),
                                "gezinscoaching is een hulptraject per gezin; geen collectieve bewonersinbreng"),
    "ib.aanpak.nypels": ("dk.trede.adviseren", ("dk.wm.verbinden", "dk.wm.prioriteren_signaleren"),
                         ("dk.fe.veiligheid", "dk.fe.sociale_veiligheid", "dk.fe.leefbaarheid"),
                         "huisbezoeken zonder eigen agenda: wat bewoners inbrengen bepaalt mede de acties"),
    "ib.aanpak.knock_and_talk": ("dk.trede.raadplegen", ("dk.wm.prioriteren_signaleren", "dk.wm.verbinden"),
                                 ("dk.fe.veiligheid", "dk.fe.toezicht", "dk.fe.bewustzijn_creeren"),
                                 "ondernemers en bewoners zijn gesprekspartner en signaalgever"),
    "ib.aanpak.nieuwe_aanwas_nieuwland": ("dk.trede.raadplegen", ("dk.wm.verbinden",),
                                          ("dk.fe.veiligheid", "dk.fe.overlast"),
                                          "jongerenwerk via een persoonlijke relatie; professionals bepalen de aanpak"),
    "ib.aanpak.wijkrechtbank": ("dk.trede.informeren", (), ("dk.fe.veiligheid", "dk.fe.overlast"),
                                "juridisch en zorgtraject per persoon; de band met de wijk is zwak"),
    "ib.aanpak.glanerbrug": ("dk.trede.informeren", (), ("dk.fe.veiligheid", "dk.fe.overlast", "dk.fe.toezicht"),
                             "geen actieve bewonersparticipatie beschreven; handhaving en zorg door professionals"),
    "ib.aanpak.back_on_track": ("dk.trede.coproduceren",
                                ("dk.wm.organiseren_uitvoeren", "dk.wm.prioriteren_signaleren", "dk.wm.verbinden"),
                                ("dk.fe.veiligheid", "dk.fe.toezicht", "dk.fe.overlast"),
                                "buurtouders gaan zelf de straat op en melden wat ze zien"),
    "ib.aanpak.veilig_buitengebied": ("dk.trede.coproduceren", ("dk.wm.prioriteren_signaleren", "dk.wm.co_creatie"),
                                      ("dk.fe.veiligheid", "dk.fe.toezicht", "dk.fe.verloedering"),
                                      "bewoners, ondernemers en groene partijen zijn extra ogen; de LTO zit de "
                                      "werkgroep voor"),
    "ib.aanpak.mobiel_banditisme": ("dk.trede.informeren", (), ("dk.fe.veiligheid", "dk.fe.woninginbraak"),
                                    "barrières door professionals en bedrijven; geen bewonersparticipatie"),
    "ib.aanpak.ongestructureerde_problemen": ("dk.trede.raadplegen", ("dk.wm.verbinden",),
                                              ("dk.fe.veiligheid", "dk.fe.leefbaarheid"),
                                              "bewoners worden aangesproken op eigen kracht en melden eigen wensen; "
                                              "professionals houden de regie"),
}


#: Kinds of area (wijklib's vocabulary) -> Dutch label. An area has one; an intervention may be written for some.
GEBIEDSTYPEN: dict[str, str] = {
    "stedelijk": "stedelijke buurt",
    "landelijk": "dorp of buitengebied",
    "grensgebied": "grensstreek",
    "recreatie": "recreatie- of vakantiepark",
    "bedrijventerrein": "bedrijventerrein",
}

#: Interventions written for a specific kind of area (wijklib's reading of the documents; interpretation).
#: id -> (area types, reason).
GEBIEDSTYPE_FACETTEN: dict[str, tuple[tuple[str, ...], str]] = {
    "ib.aanpak.glanerbrug": (("grensgebied",), "aanpak van grensoverschrijdende drugshandel in een grensdorp"),
    "ib.aanpak.veilig_buitengebied": (("landelijk",), "publiek-private aanpak van criminaliteit in het buitengebied"),
    "lk.iv.recreatieterreinen": (("recreatie",), "gericht op resorts en recreatieparken"),
    "lk.iv.bedrijventerreinen": (("bedrijventerrein",), "gericht op bedrijventerreinen"),
}


def normalise_area_types(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Area types as :data:`GEBIEDSTYPEN` keys (``;``/``,``-separated string or list; Dutch labels accepted).

    Raises
    ------
    ValueError
        For an unknown type (the message lists the known ones).
    """
    if values is None:
        return ()
    if isinstance(values, str):
        values = [v.strip() for v in values.replace(",", ";").split(";") if v.strip()]
    labels = {fold(v): k for k, v in GEBIEDSTYPEN.items()}
    aliases = {"stad": "stedelijk", "stedelijke": "stedelijk", "dorp": "landelijk", "buitengebied": "landelijk",
               "platteland": "landelijk", "grens": "grensgebied", "vakantiepark": "recreatie",
               "recreatieterrein": "recreatie"}
    out: list[str] = []
    for v in values:
        if is_empty(v):
            continue
        folded = fold(v).replace(" ", "_")
        key = folded if folded in GEBIEDSTYPEN else aliases.get(folded) or labels.get(fold(v))
        if key is None:
            raise ValueError(f"onbekend gebiedstype {cell_text(v)!r}; kies uit: {', '.join(GEBIEDSTYPEN)}")
        if key not in out:
            out.append(key)
    return tuple(out)


def _catalogue(cat=None):
    if cat is None:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    return cat


def _targets(cat, entry, rel: str) -> tuple[str, ...]:
    return tuple(r.target for r in entry.refs if r.rel == rel)


def _leerkring(cat) -> list[Intervention]:
    out = []
    for e in cat.by_kind("voorbeeldinterventie"):
        trede = _targets(cat, e, "participatietrede")
        level = cat.get(trede[0]).attr("niveau") if trede else None
        out.append(Intervention(
            id=e.id, naam=e.name_nl, soort="voorbeeldinterventie",
            bron=f"{cat.documents[e.document].short_nl}, {e.source.section}", omschrijving=e.description_nl,
            categorie=cat.get(e.parent).name_nl if e.parent else "", doel=e.attr("doel", ""),
            resultaat=e.attr("beoogd_resultaat", ""), fenomenen=_targets(cat, e, "fenomeen"),
            trede=trede[0] if trede else None, trede_niveau=level, mechanismen=_targets(cat, e, "mechanisme"),
            doelgroepen=tuple(e.attr("doelgroepen", ())), partners=tuple(e.attr("actoren", ())),
            principes=_targets(cat, e, "principe"), randvoorwaarden=_targets(cat, e, "randvoorwaarde"),
            interpretatie="facetten en koppelingen: classificatie in de catalogus (interpretatie, zie notities 000)",
            probleemtekst=" ".join([e.name_nl, e.attr("doel", ""), e.attr("beoogd_resultaat", ""),
                                    " ".join(e.attr("doelgroepen", ()))]),
            gebiedstypen=GEBIEDSTYPE_FACETTEN.get(e.id, ((), ""))[0]))
    return out


def _inspiratieboek(cat) -> list[Intervention]:
    if "praktijkaanpak" not in cat.kinds:
        return []
    out = []
    for e in cat.by_kind("praktijkaanpak"):
        trede, mechs, fens, reason = PRAKTIJK_FACETTEN.get(e.id, (None, (), (), ""))
        level = cat.get(trede).attr("niveau") if trede and trede in cat else None
        ib_fen = _targets(cat, e, "fenomeen_ondermijning")
        extra = " ".join(list(e.attr("fenomenen", ())) + [cat.get(f).name_nl for f in ib_fen if f in cat])
        out.append(Intervention(
            id=e.id, naam=e.name_nl, soort="praktijkaanpak",
            bron=f"{cat.documents[e.document].short_nl}, {e.source.section}", omschrijving=e.description_nl,
            categorie="Praktijkaanpak (Inspiratieboek)", doel=e.description_nl,
            resultaat="; ".join(e.attr("resultaten", ())), fenomenen=fens, trede=trede, trede_niveau=level,
            mechanismen=mechs, doelgroepen=tuple(e.attr("doelgroep", ())), partners=tuple(e.attr("partners", ())),
            principes=_targets(cat, e, "principe"), randvoorwaarden=_targets(cat, e, "randvoorwaarde"),
            ondermijningsfenomenen=ib_fen, gemeente=e.attr("gemeente", ""),
            interpretatie=f"trede, mechanismen en denkkader-fenomenen: classificatie van wijklib ({reason})",
            extra_tekst=extra + " " + (e.attr("preventief_repressief", "") or ""),
            probleemtekst=" ".join([e.name_nl, extra, " ".join(e.attr("doelgroep", ()))]),
            gebiedstypen=GEBIEDSTYPE_FACETTEN.get(e.id, ((), ""))[0]))
    return out


def intervention_catalogue(cat=None, *, eigen: str | Path | Sequence[Intervention] | None = None,
                           soorten: Iterable[str] | None = None) -> list[Intervention]:
    """All interventions in one list: Leerkring examples, Inspiratieboek approaches and your own.

    Parameters
    ----------
    cat : Catalogue, optional
    eigen : path or list of Intervention, optional
        Your own interventions (YAML or CSV file, see :func:`read_own_interventions`).
    soorten : iterable of str, optional
        Only these kinds (``voorbeeldinterventie``, ``praktijkaanpak``, ``eigen``).

    Returns
    -------
    list of Intervention
    """
    cat = _catalogue(cat)
    items = _leerkring(cat) + _inspiratieboek(cat)
    if eigen is not None:
        own = read_own_interventions(eigen, cat=cat) if isinstance(eigen, (str, Path)) else list(eigen)
        known = {i.id for i in items}
        for o in own:
            if o.id in known:
                raise InputError(f"eigen interventie {o.id!r} heeft hetzelfde id als een catalogusinterventie",
                                 column="id")
        items += own
    if soorten is not None:
        wanted = set(soorten)
        items = [i for i in items if i.soort in wanted]
    return items


# ---------------------------------------------------------------------------------------------------------------
# Own interventions
# ---------------------------------------------------------------------------------------------------------------

_OWN_FIELDS = ("id", "naam", "omschrijving", "categorie", "doel", "resultaat", "fenomenen", "trede", "mechanismen",
               "doelgroepen", "partners", "principes", "randvoorwaarden", "probleemdomeinen", "gebiedstypen", "bron",
               "gemeente")
_LIST_FIELDS = ("fenomenen", "mechanismen", "doelgroepen", "partners", "principes", "randvoorwaarden",
                "probleemdomeinen", "gebiedstypen")


def _as_list(value: Any) -> list[str]:
    if is_empty(value):
        return []
    if isinstance(value, (list, tuple)):
        return [cell_text(v) for v in value if not is_empty(v)]
    return [p.strip() for p in str(value).replace(",", ";").split(";") if p.strip()]


def _resolve(value: str, cat, kind: str, prefix: str) -> str:
    """Resolve a short name ('overlast'), a full id ('dk.fe.overlast') or a Dutch name to a catalogue id."""
    entries = cat.by_kind(kind)
    ids = {e.id for e in entries}
    if value in ids:
        return value
    if f"{prefix}{value}" in ids:
        return f"{prefix}{value}"
    key = fold(value)
    for e in entries:
        if fold(e.name_nl) == key or e.id.rsplit(".", 1)[-1] == key.replace(" ", "_"):
            return e.id
    allowed = ", ".join(e.id.rsplit(".", 1)[-1] for e in entries)
    raise ValueError(f"onbekende waarde {value!r}; toegestaan: {allowed}")


def _resolve_trede(value: Any, cat) -> tuple[str, int]:
    rungs = cat.by_kind("participatietrede")
    text = cell_text(value)
    if text.isdigit():
        for e in rungs:
            if e.attr("niveau") == int(text):
                return e.id, int(text)
        raise ValueError(f"trede {text} bestaat niet; kies 1 tot en met 6")
    try:
        rid = _resolve(text, cat, "participatietrede", "dk.trede.")
    except ValueError:
        key = fold(text)
        hits = [e for e in rungs if key in fold(e.name_nl)]
        if len(hits) != 1:
            raise ValueError(f"onbekende trede {text!r}; kies een van: "
                             + ", ".join(f"{e.attr('niveau')} {e.id.rsplit('.', 1)[-1]}" for e in rungs)) from None
        rid = hits[0].id
    return rid, cat.get(rid).attr("niveau")


def _own_from_record(raw: Mapping[str, Any], cat, *, file: str, row: int) -> Intervention:
    raw = {fold(k).replace(" ", "_"): v for k, v in raw.items()}
    unknown = [k for k in raw if k not in _OWN_FIELDS and not is_empty(raw[k])]
    if unknown:
        raise InputError(f"onbekend veld {unknown[0]!r}; toegestaan: {', '.join(_OWN_FIELDS)}", file=file, row=row,
                         column=unknown[0])
    for required in ("naam", "trede"):
        if is_empty(raw.get(required)):
            hint = " (1-6 of een naam als 'informeren', 'raadplegen')" if required == "trede" else ""
            raise InputError(f"verplicht veld '{required}' ontbreekt{hint}", file=file, row=row, column=required)
    naam = cell_text(raw["naam"])
    ident = cell_text(raw["id"]) if not is_empty(raw.get("id")) else slug(naam)
    ident = ident if ident.startswith("eigen.") else f"eigen.{slug(ident)}"
    try:
        trede, level = _resolve_trede(raw["trede"], cat)
    except ValueError as exc:
        raise InputError(str(exc), file=file, row=row, column="trede") from None
    resolved: dict[str, tuple[str, ...]] = {}
    specs = {"fenomenen": ("fenomeen", "dk.fe."), "mechanismen": ("werkingsmechanisme", "dk.wm."),
             "principes": ("werkzaam_principe", "lk.wp."), "randvoorwaarden": ("randvoorwaarde", "lk.rv.")}
    for fld, (kind, prefix) in specs.items():
        vals = []
        for v in _as_list(raw.get(fld)):
            try:
                vals.append(_resolve(v, cat, kind, prefix))
            except ValueError as exc:
                raise InputError(str(exc), file=file, row=row, column=fld) from None
        resolved[fld] = tuple(vals)
    domains = []
    for v in _as_list(raw.get("probleemdomeinen")):
        try:
            domains += [d for d in normalise_domains([v]) if d not in domains]
        except ValueError as exc:
            raise InputError(str(exc), file=file, row=row, column="probleemdomeinen") from None
    try:
        area_types = normalise_area_types(_as_list(raw.get("gebiedstypen")))
    except ValueError as exc:
        raise InputError(str(exc), file=file, row=row, column="gebiedstypen") from None
    return Intervention(
        id=ident, naam=naam, soort="eigen", bron=cell_text(raw.get("bron") or "") or f"eigen invoer ({Path(file).name})",
        omschrijving=cell_text(raw.get("omschrijving") or ""), categorie=cell_text(raw.get("categorie") or "Eigen"),
        doel=cell_text(raw.get("doel") or ""), resultaat=cell_text(raw.get("resultaat") or ""),
        fenomenen=resolved["fenomenen"], trede=trede, trede_niveau=level, mechanismen=resolved["mechanismen"],
        doelgroepen=tuple(_as_list(raw.get("doelgroepen"))), partners=tuple(_as_list(raw.get("partners"))),
        principes=resolved["principes"], randvoorwaarden=resolved["randvoorwaarden"],
        probleemdomeinen=tuple(domains), gemeente=cell_text(raw.get("gemeente") or ""),
        gebiedstypen=area_types, interpretatie="facetten opgegeven door de gebruiker")


def read_own_interventions(path: str | Path, *, cat=None) -> list[Intervention]:
    """Read your own interventions from YAML (key ``interventies``: a list of mappings) or CSV/XLSX.

    Fields: ``id`` (optional; default a slug of the name, prefixed ``eigen.``), ``naam`` (required), ``trede``
    (required: 1-6 or a rung name such as ``raadplegen``), ``omschrijving``, ``categorie``, ``doel``,
    ``resultaat``, ``fenomenen``, ``mechanismen``, ``principes``, ``randvoorwaarden`` (short names or catalogue
    ids), ``probleemdomeinen`` (see :data:`PROBLEEMDOMEINEN`), ``gebiedstypen`` (only when the intervention is
    written for a specific kind of area, see :data:`GEBIEDSTYPEN`), ``doelgroepen``, ``partners`` (free text),
    ``bron``, ``gemeente``. In CSV, lists are separated by ``;``.

    Raises
    ------
    InputError
        Unknown fields or facet values, a missing name or rung, duplicate ids; naming file, entry/row and field.
    """
    cat = _catalogue(cat)
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path, what="eigen interventies")
        records = data.get("interventies") if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise InputError("verwacht een lijst onder de sleutel 'interventies'", file=path, column="interventies")
        rows = list(enumerate(records, start=1))
        for i, rec in rows:
            if not isinstance(rec, dict):
                raise InputError("elke interventie is een mapping met velden als naam en trede", file=path, row=i)
    else:
        _, raw_rows = read_rows(path, sheet="interventies")
        rows = raw_rows
    out: list[Intervention] = []
    seen: dict[str, int] = {}
    for row_no, rec in rows:
        item = _own_from_record(rec, cat, file=str(path), row=row_no)
        if item.id in seen:
            raise InputError(f"id {item.id!r} komt twee keer voor (ook in rij {seen[item.id]})", file=path,
                             row=row_no, column="id")
        seen[item.id] = row_no
        out.append(item)
    return out


def write_own_interventions_template(folder: str | Path) -> list[Path]:
    """Write example files for own interventions: ``eigen_interventies.yaml`` and ``eigen_interventies.csv``."""
    from ._files import atomic_write_text

    folder = Path(folder)
    yaml_text = """\
# Eigen interventies voor wijklib (notebook 05_interventies_en_principes).
# Verplicht: naam en trede (1-6 of informeren, raadplegen, adviseren, coproduceren, meebeslissen, zelfbestuur).
# Facetten mogen als korte naam of als catalogus-id: fenomenen (bv. overlast, toezicht), mechanismen
# (bv. verbinden, prioriteren_signaleren), principes (bv. bekend_maakt_bemind), randvoorwaarden
# (bv. lokale_kracht), probleemdomeinen (drugs, ondermijning, jeugd, overlast, geweld_wapens,
# onveiligheidsgevoel, verloedering, sociale_cohesie, inbraak_diefstal, kwetsbare_huishoudens, ondernemers,
# criminaliteit). Alleen als de interventie voor een bepaald soort gebied bedoeld is: gebiedstypen (stedelijk,
# landelijk, grensgebied, recreatie, bedrijventerrein). Doelgroepen en partners zijn vrije tekst.
# Geen namen van personen.
interventies:
  - id: voorbeeld_buurtschouw
    naam: Buurtschouw met bewoners en wijkagent
    omschrijving: Eens per kwartaal lopen bewoners, wijkagent en corporatie samen door de buurt en noteren wat opvalt.
    trede: coproduceren
    fenomenen: [verloedering, toezicht]
    mechanismen: [prioriteren_signaleren, verbinden]
    principes: [bekend_maakt_bemind]
    randvoorwaarden: [lokale_kracht]
    probleemdomeinen: [verloedering, drugs]
    doelgroepen: [bewoners]
    partners: [gemeente, politie, woningcorporatie]
    bron: eigen voorbeeld
"""
    csv_text = ("id,naam,omschrijving,trede,fenomenen,mechanismen,principes,randvoorwaarden,probleemdomeinen,"
                "doelgroepen,partners,bron\n"
                "voorbeeld_buurtschouw,Buurtschouw met bewoners en wijkagent,Eens per kwartaal samen door de buurt,"
                "coproduceren,verloedering;toezicht,prioriteren_signaleren;verbinden,bekend_maakt_bemind,"
                "lokale_kracht,verloedering;drugs,bewoners,gemeente;politie;woningcorporatie,eigen voorbeeld\n")
    return [atomic_write_text(folder / "eigen_interventies.yaml", yaml_text),
            atomic_write_text(folder / "eigen_interventies.csv", csv_text)]


# ---------------------------------------------------------------------------------------------------------------
# Problem domains
# ---------------------------------------------------------------------------------------------------------------

def normalise_domains(values: Iterable[str] | Mapping[str, float] | str | None) -> dict[str, float]:
    """Map problem-domain terms of any vocabulary to :data:`PROBLEEMDOMEINEN` ids with weights.

    Parameters
    ----------
    values : list of str, mapping term -> weight, or a ``;``/``,``-separated string
        E.g. ``["drugs", "jeugdoverlast"]``, ``{"drugsoverlast": 2, "armoede_schulden": 1}`` or
        ``"ondermijning; jeugd"``. Weights must be positive; a term mapping to several domains gives each the
        weight.

    Returns
    -------
    dict
        Domain id -> weight (the maximum when several terms map to the same domain).

    Raises
    ------
    ValueError
        For an unknown term (the message lists the known domains).
    """
    if values is None:
        return {}
    if isinstance(values, str):
        values = [v.strip() for v in values.replace(",", ";").split(";") if v.strip()]
    pairs = list(values.items()) if isinstance(values, Mapping) else [(v, 1.0) for v in values]
    labels = {fold(d.label): d.id for d in PROBLEEMDOMEINEN.values()}
    out: dict[str, float] = {}
    for term, weight in pairs:
        w = float(weight)
        if not w > 0:
            raise ValueError(f"gewicht van {term!r} moet groter dan 0 zijn, niet {weight!r}")
        key = fold(term).replace(" ", "_")
        if key in PROBLEEMDOMEINEN:
            ids: tuple[str, ...] = (key,)
        elif key in DOMEIN_ALIASSEN:
            ids = DOMEIN_ALIASSEN[key]
        elif fold(term) in labels:
            ids = (labels[fold(term)],)
        else:
            raise ValueError(f"onbekend probleemdomein {term!r}; bekende domeinen: {', '.join(PROBLEEMDOMEINEN)} "
                             "(of termen van de indicatoren, signaalthema's en schouwcategorieën)")
        for d in ids:
            out[d] = max(out.get(d, 0.0), w)
    return out


def domains_of(intervention: Intervention, cat=None) -> list[str]:
    """The problem domains (:data:`PROBLEEMDOMEINEN` ids) an intervention addresses."""
    return [d for d in PROBLEEMDOMEINEN if domain_evidence(intervention, d, cat) is not None]


def domain_evidence(intervention: Intervention, domain: str, cat=None) -> str | None:
    """Why ``intervention`` addresses ``domain`` (Dutch), or None when it does not."""
    d = PROBLEEMDOMEINEN[domain]
    if domain in intervention.probleemdomeinen:
        return "opgegeven bij de interventie"
    fen = [f for f in intervention.ondermijningsfenomenen if f in d.ondermijning]
    if fen:
        names = [cat.get(f).name_nl if cat is not None and f in cat else f for f in fen]
        return "fenomeen " + ", ".join(names)
    text = intervention.probleem_tekst
    words = [w for w in d.trefwoorden if w in text]
    if words:
        return "trefwoord '" + "', '".join(words[:2]) + "'"
    fen = [f for f in intervention.fenomenen if f in d.fenomenen]
    if fen:
        names = [cat.get(f).name_nl if cat is not None and f in cat else f for f in fen]
        return "denkkader-fenomeen " + ", ".join(names)
    return None


# ---------------------------------------------------------------------------------------------------------------
# Table view and filters
# ---------------------------------------------------------------------------------------------------------------

def _name(cat, eid: str) -> str:
    return cat.get(eid).name_nl if eid in cat else eid


def interventions_frame(interventions: Sequence[Intervention], cat=None) -> pd.DataFrame:
    """A readable table (Dutch names of the facets), one row per intervention."""
    cat = _catalogue(cat)
    rows = []
    for i in interventions:
        rows.append({
            "id": i.id, "naam": i.naam, "soort": i.soort, "categorie": i.categorie,
            "trede": f"{i.trede_niveau} {_name(cat, i.trede)}" if i.trede else "",
            "fenomenen": ", ".join(_name(cat, f) for f in i.fenomenen),
            "mechanismen": ", ".join(_name(cat, m) for m in i.mechanismen),
            "doelgroepen": ", ".join(i.doelgroepen), "partners": ", ".join(i.partners[:6])
            + (" ..." if len(i.partners) > 6 else ""),
            "principes": ", ".join(_name(cat, p) for p in i.principes),
            "randvoorwaarden": ", ".join(_name(cat, r) for r in i.randvoorwaarden),
            "probleemdomeinen": ", ".join(d for d in PROBLEEMDOMEINEN if domain_evidence(i, d) is not None),
            "gebiedstypen": ", ".join(GEBIEDSTYPEN.get(t, t) for t in i.gebiedstypen),
            "bron": i.bron,
        })
    return pd.DataFrame(rows)


def _any_of(wanted: Iterable[str] | str | None) -> set[str] | None:
    if wanted is None:
        return None
    if isinstance(wanted, str):
        wanted = [wanted]
    values = {w for w in wanted if w}
    return values or None


def filter_interventions(interventions: Sequence[Intervention], *, soort: Iterable[str] | str | None = None,
                         fenomeen: Iterable[str] | str | None = None, mechanisme: Iterable[str] | str | None = None,
                         principe: Iterable[str] | str | None = None, randvoorwaarde: Iterable[str] | str | None = None,
                         probleemdomein: Iterable[str] | str | None = None, trede_min: int | None = None,
                         trede_max: int | None = None, doelgroep: str | None = None, partner: str | None = None,
                         zoek: str | None = None) -> list[Intervention]:
    """Filter interventions on their facets (pure function; the widgets in the notebook call it).

    Within a facet the values are alternatives (any of them); different facets must all hold. ``doelgroep``,
    ``partner`` and ``zoek`` are case- and accent-insensitive text searches (all words must occur).
    ``trede_min``/``trede_max`` bound the participation rung (1-6); interventions without a rung are dropped
    when a bound is set.
    """
    soorten, fen, mech, princ = _any_of(soort), _any_of(fenomeen), _any_of(mechanisme), _any_of(principe)
    rvs, doms = _any_of(randvoorwaarde), _any_of(probleemdomein)
    out = []
    for i in interventions:
        if soorten and i.soort not in soorten:
            continue
        if fen and not fen & set(i.fenomenen):
            continue
        if mech and not mech & set(i.mechanismen):
            continue
        if princ and not princ & set(i.principes):
            continue
        if rvs and not rvs & set(i.randvoorwaarden):
            continue
        if doms and not any(domain_evidence(i, d) is not None for d in normalise_domains(doms)):
            continue
        if trede_min is not None or trede_max is not None:
            niveau = i.trede_niveau
            if (niveau is None or (trede_min is not None and niveau < trede_min)
                    or (trede_max is not None and niveau > trede_max)):
                continue
        if doelgroep and not all(w in fold(" ".join(i.doelgroepen)) for w in fold(doelgroep).split()):
            continue
        if partner and not all(w in fold(" ".join(i.partners)) for w in fold(partner).split()):
            continue
        if zoek and not all(w in i.tekst for w in fold(zoek).split()):
            continue
        out.append(i)
    return out


def facet_options(interventions: Sequence[Intervention], cat=None) -> dict[str, list[tuple[str, str]]]:
    """The values that occur per facet, as (Dutch label, id) pairs in catalogue order (for widgets)."""
    cat = _catalogue(cat)

    def ordered(kind: str, used: set[str]) -> list[tuple[str, str]]:
        return [(e.name_nl, e.id) for e in cat.by_kind(kind) if e.id in used]

    used: dict[str, set[str]] = {k: set() for k in ("fenomenen", "mechanismen", "principes", "randvoorwaarden")}
    for i in interventions:
        for k in used:
            used[k] |= set(getattr(i, k))
    soorten = sorted({i.soort for i in interventions})
    return {
        "soort": [(s, s) for s in soorten],
        "fenomeen": ordered("fenomeen", used["fenomenen"]),
        "mechanisme": ordered("werkingsmechanisme", used["mechanismen"]),
        "principe": ordered("werkzaam_principe", used["principes"]),
        "randvoorwaarde": ordered("randvoorwaarde", used["randvoorwaarden"]),
        "probleemdomein": [(d.label, d.id) for d in PROBLEEMDOMEINEN.values()],
    }


def with_facets(intervention: Intervention, **changes: Any) -> Intervention:
    """A copy of an intervention with some facets changed (e.g. for what-if comparisons and tests)."""
    return replace(intervention, **changes)

