"""FICTIONAL demo stakeholder map of wijk Zuiderveld (WK990102) in the demo gemeente Lindewaard (GM9901).

31 actors (5 natural persons with obviously made-up names), 2 rounds (wijktafels), 3 informants (a resident, the
police, the housing corporation) who see different networks. Everything is invented: organisations, people,
ties and scores. The script is deterministic; ``python -m wijklib.stakeholders`` rewrites the files in
``data/demo/stakeholders/`` (CSV files and ``stakeholders.xlsx``).

The story the data tell: in round 1 the new wijkverbinder only knows the system world and the resident groups are
connected to each other but not to police or municipality; by round 2 the wijkverbinder links the mothers' group,
the key person and the neighbourhood fathers to the wijkagent, and the mothers' group gains influence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import numpy as np

from wijklib import resources
from .model import Actor, Assessment, Informant, Relation, Round, StakeholderSet
from .vocab import SCALES, Level, RelationType, World, split_list

__all__ = ["DEMO_DIR", "build_demo", "load_demo", "write_demo", "DEMO_PERSON_NAMES"]

DEMO_DIR = resources.demo_dir() / "stakeholders"

W = "WK990102"
# id, naam, actortype, label (for overig), persoon, rol, formeel, wereld, domein, niveau, gebied, nodig
_ACTORS: list[tuple[str, str, str, str | None, bool, str | None, bool | None, World | None, str | None, Level | None,
                    str | None, bool | None]] = [
    ("A01", "Gemeente Lindewaard, afdeling Veiligheid", "ib.actor.afdeling_veiligheid", None, False, None, None,
     None, None, "tactisch", "GM9901", True),
    ("A02", "Burgemeester van Lindewaard (het ambt)", "ib.actor.burgemeester", None, False, None, None, None, None,
     "bestuurlijk", "GM9901", True),
    ("A03", "Sam Verzonnen", "ib.actor.wijkmanager", None, True, "wijkverbinder Zuiderveld", True, "beide", None,
     "uitvoerend", W, True),
    ("A04", "Noor Bedacht", "ib.actor.coordinator", None, True, "gemeenteverbinder", True, None, None, "tactisch",
     "GM9901", True),
    ("A05", "Politie basisteam Lindewaard", "ib.actor.politie", None, False, None, None, None, None, "tactisch",
     "GM9901", True),
    ("A06", "Kees Fictief", "ib.actor.wijkagent", None, True, "wijkagent Zuiderveld", True, None, None,
     "uitvoerend", W, True),
    ("A07", "Woningcorporatie Lindewoon", "ib.actor.woningcorporatie", None, False, None, None, None, None,
     "tactisch", W, True),
    ("A08", "Welzijn Lindewaard", "ib.actor.welzijnsorganisatie", None, False, None, None, None, None,
     "uitvoerend", W, True),
    ("A09", "Jongerenwerk Zuiderveld", "ib.actor.jongerenwerk", None, False, None, None, None, None, "uitvoerend",
     W, True),
    ("A10", "Sociaal wijkteam Zuiderveld", "ib.actor.wijkteam", None, False, None, None, None, None, "uitvoerend",
     W, True),
    ("A11", "Basisschool De Merel", "ib.actor.school", None, False, None, None, None, None, "uitvoerend",
     "BU99010201", False),
    ("A12", "Voetbalvereniging SV Zuiderveld", "ib.actor.sportvereniging", None, False, None, None, None, "sport",
     None, "BU99010204", False),
    ("A13", "Winkeliersvereniging Lijsterhof", "ib.actor.ondernemersvereniging", None, False, None, None, None,
     None, None, "BU99010209", False),
    ("A14", "Shishalounge Vinkenlaan", "ib.actor.ondermijningsgevoelige_onderneming", None, False, None, None,
     None, None, None, "BU99010203", False),
    ("A15", "Bewonerscommissie Merelhof", "wl.actor.huurderscommissie", None, False, None, True, "leef", "bewoners",
     None, "BU99010201", True),
    ("A16", "Moedergroep Zuiderveld", "wl.actor.bewonersinitiatief", None, False, None, False, "leef",
     "bewoners", None, W, True),
    ("A17", "Fenna Fictief", "wl.actor.sleutelpersoon", None, True, "sleutelpersoon moedergroep", False, "leef",
     "bewoners", None, W, True),
    ("A18", "Buurtvaders Zuiderveld", "wl.actor.buurtvaders", None, False, None, False, "leef",
     "bewoners", None, W, False),
    ("A19", "Geloofsgemeenschap De Bron", "wl.actor.geloofsgemeenschap", None, False, None, True, "leef", "bewoners",
     None, "BU99010205", False),
    ("A20", "Jongeren bij het Reigersbos", "ib.actor.jongere", None, False, None, None, None, None, None,
     "BU99010206", True),
    ("A21", "Bewoners Kievitshof", "ib.actor.bewoner", None, False, None, None, None, None, None, "BU99010202",
     False),
    ("A22", "Huurders flat Spreeuwenpark", "ib.actor.kwetsbare_bewoner", None, False, None, None, None, None, None,
     "BU99010204", True),
    ("A23", "RIEC (regionaal)", "ib.actor.riec", None, False, None, None, None, None, "tactisch", None, False),
    ("A24", "Openbaar Ministerie", "ib.actor.om", None, False, None, None, None, None, "tactisch", None, False),
    ("A25", "Leerplicht Lindewaard", "ib.actor.leerplicht", None, False, None, None, None, None, "uitvoerend",
     "GM9901", False),
    ("A26", "Jeugd-boa's Lindewaard", "ib.actor.jeugdboa", None, False, None, None, None, None, "uitvoerend",
     "GM9901", False),
    ("A27", "Lindewaard Courant", "ib.actor.media", None, False, None, None, None, None, None, "GM9901", False),
    ("A28", "Drugsnetwerk rond Zuiderveld (context, geen personen)", "ib.actor.drugsdealer", None, False, None,
     False, "crimineel", None, None, W, False),
    ("A29", "Fonds Lindewaard Vooruit", "wl.actor.fonds", None, False, None, True, "systeem", "financiering",
     None, "GM9901", False),
    ("A30", "Huisartsenpraktijk Zuiderveld", "ib.actor.zorgverlener", None, False, None, None, None, None,
     "uitvoerend", W, False),
    ("A31", "Mo Denkbeeld", "wl.actor.buurtsportcoach", None, True, "buurtsportcoach", True, "beide", "sport",
     "uitvoerend", W, False),
]

#: the made-up person names in the demo (the privacy tests check that none of them leaks into exports)
DEMO_PERSON_NAMES = tuple(a[1] for a in _ACTORS if a[4])

_ROUNDS = [
    ("R1", dt.date(2024, 3, 14), "wijktafel", "Eerste wijktafel Zuiderveld: verkenning van het krachtenveld"),
    ("R2", dt.date(2024, 10, 10), "wijktafel", "Tweede wijktafel, een half jaar na de start van de wijkverbinder"),
]
_INFORMANTS = [
    ("I1", "bewoner, actief in de moedergroep", "A16"),
    ("I2", "politie (basisteam)", "A05"),
    ("I3", "medewerker woningcorporatie", "A07"),
    ("I4", "jongerenwerker", "A09"),
]
# research records: informed consent (I4 withdrew: all of I4's statements leave every result), member checks and
# the reflexive log. informant, date, scope, withdrawn
_CONSENT = [
    ("I1", dt.date(2024, 3, 1), "alles", None),
    ("I2", dt.date(2024, 3, 1), "relaties|beoordelingen|verhalen|delen", None),
    ("I3", dt.date(2024, 3, 5), "alles", None),
    ("I4", dt.date(2024, 4, 1), "alles", dt.date(2024, 11, 1)),
]
# statements of I4 (round 2) that must not appear anywhere after the withdrawal
_TIES_I4: list[tuple[str, str, RelationType, bool, int]] = [
    ("A09", "A20", "vertrouwen", False, 3), ("A09", "A28", "conflict", False, 2), ("A09", "A31", "samenwerking", False, 3)]
_MEMBER_CHECKS = [
    (dt.date(2024, 4, 18), "R1", "netwerkkaart ronde 1 (gedeeld netwerk)", "moedergroep",
     "De moeders missen de relatie tussen moedergroep en basisschool; die is er al jaren.",
     "Relatie moedergroep - basisschool nagevraagd bij informant I3 en bevestigd.", "A16", None),
    (dt.date(2024, 10, 24), "R2", "samenvatting verhalen Vinkenbuurt (codes per thema)", "wijktafel",
     "Herkenbaar; wel de vraag om 'hangplek' niet als probleem van de jongeren zelf te brengen.",
     "Code 'hangplek' omschreven als plek waar bewoners zich onveilig voelen, niet als kenmerk van jongeren.",
     None, "jeugd"),
]
_LOG = [
    (dt.date(2024, 3, 14), "onderzoeker", "Na de eerste wijktafel: ik merk dat ik de politie sneller geloof dan de "
     "bewoners. Volgende keer eerst de bewoners laten spreken.", "R1", None, "vertrouwen_instanties"),
    (dt.date(2024, 5, 16), "onderzoeker", "Winkeliers willen niet dat hun zorgen herleidbaar zijn. Alleen op "
     "buurtniveau noteren.", "R1", "A13", "ondermijning"),
    (dt.date(2024, 11, 2), "onderzoeker", "Informant I4 heeft de toestemming ingetrokken; alles van I4 is uit de "
     "analyse gehaald en het gesprek is niet meer gebruikt.", "R2", None, None),
]

# ties: bron, doel, type, gericht, sterkte, informants (string of digits), rounds ("12" = both)
_TIES: list[tuple[str, str, RelationType, bool, int, str, str]] = [
    ("A01", "A05", "samenwerking", False, 3, "23", "12"),
    ("A02", "A01", "invloed", True, 3, "23", "12"),
    ("A01", "A08", "financiering", True, 3, "23", "12"),
    ("A01", "A09", "financiering", True, 3, "23", "12"),
    ("A05", "A23", "informatie", False, 3, "23", "12"),
    ("A23", "A24", "informatie", False, 3, "2", "12"),
    ("A05", "A24", "samenwerking", False, 3, "23", "12"),
    ("A01", "A23", "informatie", False, 2, "23", "1"),
    ("A06", "A05", "informatie", True, 3, "2", "12"),
    ("A06", "A26", "samenwerking", False, 2, "23", "12"),
    ("A26", "A09", "informatie", False, 1, "2", "12"),
    ("A06", "A09", "samenwerking", False, 2, "2", "1"),
    ("A06", "A09", "conflict", False, 1, "1", "1"),
    ("A06", "A09", "samenwerking", False, 3, "12", "2"),
    ("A07", "A05", "informatie", False, 2, "23", "12"),
    ("A07", "A10", "samenwerking", False, 2, "3", "12"),
    ("A07", "A15", "samenwerking", False, 2, "13", "12"),
    ("A07", "A22", "conflict", False, 2, "1", "12"),
    ("A08", "A10", "samenwerking", False, 3, "13", "12"),
    ("A08", "A16", "samenwerking", False, 2, "13", "12"),
    ("A10", "A30", "informatie", False, 2, "13", "12"),
    ("A10", "A25", "informatie", False, 2, "23", "12"),
    ("A11", "A25", "informatie", True, 2, "23", "12"),
    ("A16", "A11", "vertrouwen", True, 2, "1", "12"),
    ("A09", "A20", "vertrouwen", False, 3, "13", "12"),
    ("A09", "A12", "samenwerking", False, 2, "13", "1"),
    ("A20", "A12", "vertrouwen", True, 2, "13", "12"),
    ("A16", "A17", "vertrouwen", False, 3, "13", "12"),
    ("A17", "A19", "vertrouwen", False, 2, "13", "12"),
    ("A17", "A18", "samenwerking", False, 2, "13", "12"),
    ("A18", "A20", "invloed", True, 2, "1", "12"),
    ("A18", "A19", "samenwerking", False, 2, "1", "12"),
    ("A15", "A21", "informatie", False, 2, "13", "12"),
    ("A13", "A14", "conflict", False, 2, "2", "1"),
    ("A13", "A14", "conflict", False, 2, "23", "2"),
    ("A28", "A20", "invloed", True, 3, "12", "12"),
    ("A28", "A14", "invloed", True, 2, "2", "12"),
    ("A28", "A22", "invloed", True, 2, "1", "12"),
    ("A28", "A22", "conflict", False, 2, "3", "12"),
    ("A27", "A02", "invloed", True, 1, "23", "12"),
    ("A27", "A21", "informatie", True, 1, "1", "12"),
    ("A22", "A30", "vertrouwen", True, 2, "13", "12"),
    ("A04", "A01", "samenwerking", False, 3, "23", "12"),
    ("A03", "A04", "samenwerking", False, 3, "23", "12"),
    ("A03", "A08", "informatie", False, 2, "3", "12"),
    ("A31", "A12", "samenwerking", False, 2, "1", "12"),
    ("A31", "A09", "samenwerking", False, 2, "13", "12"),
    # round 2: the wijkverbinder connects the worlds
    ("A03", "A16", "vertrouwen", False, 2, "13", "2"),
    ("A03", "A17", "samenwerking", False, 3, "13", "2"),
    ("A03", "A06", "samenwerking", False, 3, "123", "2"),
    ("A03", "A18", "samenwerking", False, 2, "13", "2"),
    ("A03", "A15", "informatie", True, 2, "13", "2"),
    ("A06", "A16", "informatie", False, 1, "12", "2"),
    ("A29", "A16", "financiering", True, 2, "13", "2"),
]
# explicit denials: bron, doel, type, informant, rounds
_DENIALS: list[tuple[str, str, RelationType, str, str]] = [
    ("A07", "A22", "conflict", "3", "12"),
    ("A18", "A20", "invloed", "2", "2"),
]
_NOTES = {
    ("A03", "A17", "samenwerking", "1"): "Sam Verzonnen en Fenna Fictief organiseren samen de koffieochtend",
    ("A07", "A22", "conflict", "1"): "onvrede over achterstallig onderhoud in de flat",
}

# base profile per actor: macht, belang, houding, vertrouwen, bereik, legitimiteit, urgentie, trede_huidig, trede_doel
_PROFILE_R1 = {
    "A01": (5, 4, 2, 3, 1, 5, 3, None, None), "A02": (5, 3, 1, 3, 1, 5, 2, None, None),
    "A03": (2, 5, 2, 4, 1, 4, 3, None, None), "A04": (3, 4, 2, 4, 0, 4, 3, None, None),
    "A05": (5, 4, 1, 3, 1, 5, 4, None, None), "A06": (3, 5, 2, 3, 1, 4, 4, None, None),
    "A07": (4, 4, 1, 3, 2, 4, 3, 3, 4), "A08": (3, 4, 2, 4, 2, 4, 3, 3, 4),
    "A09": (2, 5, 1, 4, 3, 4, 4, 3, 4), "A10": (3, 4, 1, 3, 2, 4, 3, 2, 3),
    "A11": (2, 3, 1, 3, 2, 4, 2, 2, 3), "A12": (1, 2, 0, 3, 2, 3, 1, 1, 2),
    "A13": (2, 4, 0, 2, 1, 3, 4, 1, 3), "A14": (1, 2, -1, 1, 1, 2, 2, 1, 1),
    "A15": (2, 5, 0, 2, 2, 4, 4, 2, 4), "A16": (1, 5, 1, 2, 3, 4, 5, 1, 4),
    "A17": (2, 5, 2, 3, 3, 4, 4, 2, 4), "A18": (1, 4, 1, 2, 3, 3, 4, 1, 3),
    "A19": (2, 3, 0, 2, 3, 4, 2, 1, 2), "A20": (1, 3, -1, 1, 0, 2, 4, 1, 2),
    "A21": (1, 4, -1, 1, 1, 3, 4, 1, 2), "A22": (1, 4, -1, 1, 0, 4, 5, 1, 2),
    "A23": (4, 3, 1, 3, 0, 5, 3, None, None), "A24": (5, 2, 1, 3, 0, 5, 2, None, None),
    "A25": (3, 3, 1, 3, 1, 5, 2, None, None), "A26": (2, 3, 1, 2, 1, 4, 3, None, None),
    "A27": (3, 2, -1, 2, 2, 3, 2, None, None), "A28": (4, 4, -2, 1, 2, 1, 5, None, None),
    "A29": (3, 2, 1, 3, 0, 4, 1, None, None), "A30": (2, 2, 1, 4, 2, 4, 2, 1, 2),
    "A31": (2, 4, 2, 4, 3, 4, 3, 3, 3),
}
_CHANGES_R2 = {  # field -> new base value
    "A03": {"bereik": 3, "macht": 4}, "A06": {"vertrouwen": 4},
    "A13": {"houding": 1, "trede_huidig": 2}, "A15": {"houding": 1, "vertrouwen": 3, "trede_huidig": 3},
    "A16": {"macht": 4, "vertrouwen": 4, "trede_huidig": 3, "houding": 2}, "A17": {"vertrouwen": 4, "trede_huidig": 3},
    "A18": {"trede_huidig": 2, "vertrouwen": 3}, "A21": {"houding": 0}, "A12": {"trede_huidig": 2},
}
_FIELDS = ("macht", "belang", "houding", "vertrouwen", "bereik", "legitimiteit", "urgentie", "trede_huidig",
           "trede_doel")
_LIFE = {"A15", "A16", "A17", "A18", "A19", "A20", "A21", "A22", "A12", "A13", "A14", "A31", "A11", "A30"}
_COVERAGE = {  # which actors each informant assesses
    "I1": _LIFE | {"A03", "A05", "A06", "A07", "A08", "A09", "A10", "A28", "A27"},
    "I2": {"A01", "A02", "A03", "A04", "A05", "A06", "A07", "A09", "A13", "A14", "A16", "A20", "A23", "A24", "A25",
           "A26", "A28", "A22"},
    "I3": {a[0] for a in _ACTORS} - {"A23", "A24", "A19"},
}
_REACH_GROUPS = {
    "A09": "jongeren", "A16": "moeders|ouders", "A17": "moeders|ouders|geloofsgemeenschap",
    "A18": "jongeren|vaders", "A19": "geloofsgemeenschap|ouderen", "A31": "jongeren|kinderen",
    "A11": "kinderen|ouders", "A08": "ouderen|moeders", "A07": "huurders", "A15": "huurders",
    "A12": "jongeren|kinderen", "A30": "ouderen|kwetsbare bewoners", "A10": "kwetsbare bewoners",
    "A27": "bewoners", "A28": "jongeren",
}


def _clip(field: str, value: float) -> float:
    if field.startswith("trede"):
        return float(min(6, max(1, value)))
    lo, hi, _ = SCALES[field]
    return float(min(hi, max(lo, value)))


def demo_records():
    """The demo's research records: consent (I4 withdrew), two member checks and a reflexive log."""
    from .records import Consent, LogEntry, MemberCheck, ResearchRecords

    return ResearchRecords(
        consents=tuple(Consent(informant=i, datum=d, reikwijdte=sc, ingetrokken=w) for i, d, sc, w in _CONSENT),
        member_checks=tuple(MemberCheck(datum=d, ronde=r, getoond=g, aan=a, reactie=re_, veranderd=v, actor_id=ac,
                                        thema=t) for d, r, g, a, re_, v, ac, t in _MEMBER_CHECKS),
        log=tuple(LogEntry(datum=d, auteur_rol=a, tekst=t, ronde=r, actor_id=ac, thema=th)
                  for d, a, t, r, ac, th in _LOG))


def build_demo(*, key_path: str | Path | None = None, vocabulary=None, consent: bool = True) -> StakeholderSet:
    """Build the fictional Zuiderveld stakeholder map in memory (deterministic).

    With ``consent=True`` (default) the research records are applied as :func:`load_stakeholders` does: the
    statements of informant I4, who withdrew, are removed. With False they stay in and the records are only
    attached (this is what the input files contain).
    """
    actors = [Actor(actor_id=i, naam=n, actortype=t, actortype_label=lab, natuurlijk_persoon=p, rol=rol,
                    formeel=f, wereld=w, domein=d, niveau=niv, gebied=g, nodig=nodig)
              for i, n, t, lab, p, rol, f, w, d, niv, g, nodig in _ACTORS]
    rounds = [Round(ronde=r, datum=d, soort=s, omschrijving=o) for r, d, s, o in _ROUNDS]
    informants = [Informant(informant=i, rol=r, actor_id=a) for i, r, a in _INFORMANTS]
    relations = []
    for bron, doel, typ, gericht, sterkte, infs, rnds in _TIES:
        for r in rnds:
            for i in infs:
                note = _NOTES.get((bron, doel, typ, i))
                # informants differ a little in the strength they give
                s = sterkte if i != "1" or sterkte == 1 else sterkte - (1 if typ == "financiering" else 0)
                relations.append(Relation(ronde=f"R{r}", informant=f"I{i}", bron=bron, doel=doel, type=typ,
                                          gericht=gericht, sterkte=s, notitie=note))
    for bron, doel, typ, i, rnds in _DENIALS:
        for r in rnds:
            relations.append(Relation(ronde=f"R{r}", informant=f"I{i}", bron=bron, doel=doel, type=typ,
                                      gericht=False, bestaat=False))

    rng = np.random.default_rng(20240314)
    # one draw per informant and actor, reused in both rounds: informants are consistent in how they judge an
    # actor, so that only the deliberate changes of round 2 move actors between quadrants
    noises = {(inf, actor_id): rng.choice([-1, 0, 0, 0, 0, 1], size=len(_FIELDS))
              for inf in ("I1", "I2", "I3") for actor_id in _PROFILE_R1}
    assessments = []
    for ronde in ("R1", "R2"):
        for inf in ("I1", "I2", "I3"):
            for actor_id, base in _PROFILE_R1.items():
                if actor_id not in _COVERAGE[inf]:
                    continue
                prof = dict(zip(_FIELDS, base))
                if ronde == "R2":
                    prof.update(_CHANGES_R2.get(actor_id, {}))
                noise = noises[(inf, actor_id)]
                vals: dict[str, Any] = {}  # keyword arguments of Assessment: scores and rungs
                for (fld, v), e in zip(prof.items(), noise):
                    if v is None:
                        vals[fld] = None
                        continue
                    if fld.startswith("trede") or fld == "houding" and actor_id == "A28":
                        e = 0  # rungs are agreed at the table; the context node stays negative
                    if fld == "vertrouwen":  # residents trust the system less, the police trusts residents less
                        if inf == "I1" and actor_id not in _LIFE and actor_id != "A03":
                            e -= 1
                        if inf == "I2" and actor_id in _LIFE:
                            e -= 1
                    vals[fld] = _clip(fld, v + e)
                for fld in ("trede_huidig", "trede_doel"):
                    vals[fld] = int(vals[fld]) if vals[fld] is not None else None
                note = None
                if actor_id == "A17" and inf == "I1":
                    note = "Fenna Fictief is de spil voor de moeders; let op haar belasting"
                assessments.append(Assessment(ronde=ronde, informant=inf, actor_id=actor_id,
                                              bereik_groepen=split_list(_REACH_GROUPS.get(actor_id)),
                                              notitie=note, **vals))
    for bron, doel, typ, gericht, sterkte in _TIES_I4:
        relations.append(Relation(ronde="R2", informant="I4", bron=bron, doel=doel, type=typ, gericht=gericht,
                                  sterkte=sterkte))
    for actor_id, macht in (("A09", 5.0), ("A20", 4.0), ("A28", 1.0)):
        assessments.append(Assessment(ronde="R2", informant="I4", actor_id=actor_id, macht=macht, vertrouwen=5.0))
    sset = StakeholderSet.from_records(actors, relations, assessments, rounds, informants, key_path=key_path,
                                       vocabulary=vocabulary, source=None)
    records = demo_records()
    if consent:
        from .records import apply_consent

        return apply_consent(sset, records)
    sset.records = records
    return sset


def write_demo(folder: str | Path = DEMO_DIR) -> list[Path]:
    """Write the demo as CSV files plus ``stakeholders.xlsx`` and a README (with names: this is the input)."""
    from wijklib.io.atomic import atomic_write_text

    from .io import write_csv, write_xlsx

    from .vocab import ActorTypeVocabulary, actor_types

    folder = Path(folder)
    # write the records as given: what the catalogue adds (world, group, domain) is filled in when loading
    sset = build_demo(vocabulary=ActorTypeVocabulary(), consent=False)
    sset.vocabulary = actor_types()  # for the drop-down lists in the workbook
    paths = write_csv(sset, folder, allow_names=True)
    paths.append(write_xlsx(sset, folder / "stakeholders.xlsx", allow_names=True))
    readme = folder / "README.md"
    atomic_write_text(
        readme,
        "# Demo-stakeholderkaart Zuiderveld, gemeente Lindewaard (FICTIEF)\n\n"
        "**Alles in deze map is verzonnen**: de gemeente Lindewaard (GM9901), de organisaties, de personen (met "
        "opzettelijk onechte namen zoals 'Fenna Fictief'), de relaties en de scores. Gemaakt door "
        "`python -m wijklib.stakeholders` (deterministisch).\n\n"
        "- 31 actoren (5 natuurlijke personen), wijk Zuiderveld (WK990102)\n"
        "- 2 rondes (wijktafels R1 en R2), 4 informanten (I1 bewoner, I2 politie, I3 woningcorporatie, I4 "
        "jongerenwerker)\n"
        "- onderzoeksregistratie: `toestemming.csv` (I4 heeft de toestemming ingetrokken: al zijn of haar uitspraken "
        "vallen bij het inlezen weg), `ledencheck.csv` (twee keer uitkomsten voorgelegd), `logboek.csv` "
        "(reflexief logboek)\n"
        "- verhalen (gecodeerde fragmenten) staan in `data/demo/verhalen/`\n"
        "- `actoren.csv`, `relaties.csv`, `beoordelingen.csv`, `rondes.csv`, `informanten.csv` en dezelfde gegevens "
        "in `stakeholders.xlsx`; format: zie `templates/invoer/stakeholders/`.\n\n"
        "Deze bestanden zijn invoer en bevatten daarom namen. Alle exports en kaarten van wijklib tonen "
        "personen met hun rol of een pseudoniem, tenzij `allow_names=True`.\n")
    paths.append(readme)
    return paths


def load_demo(*, key_path: str | Path | None = None) -> StakeholderSet:
    """The demo stakeholder map: read from ``data/demo/stakeholders/`` when present, else built in memory."""
    if (DEMO_DIR / "actoren.csv").exists():
        from .io import load_stakeholders

        return load_stakeholders(DEMO_DIR, key_path=key_path)
    return build_demo(key_path=key_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wijklib.stakeholders", description=__doc__)
    parser.add_argument("--out", default=str(DEMO_DIR), help=f"uitvoermap (standaard {DEMO_DIR})")
    args = parser.parse_args(argv)
    for p in write_demo(args.out):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
