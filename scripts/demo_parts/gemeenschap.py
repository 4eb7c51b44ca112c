"""Demo part ``data/demo/gemeenschap/``: the workbench of the fictional gemeente Lindewaard (wijk Zuiderveld, WK990102).

Made by ``python scripts/make_demo_data.py`` (all parts) or ``--deel gemeenschap``. All people, places and events
are fictional; the names in ``sleutelpersonen.csv`` are made up to show that wijklib replaces them by pseudonyms.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wijklib.io.atomic import atomic_write_text
from wijklib.gemeenschap import self_assessment_items

BUURTEN = {"BU99010201": "Merelhof", "BU99010202": "Kievitshof", "BU99010208": "Koolmeesbuurt"}


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return atomic_write_text(path, buf.getvalue())


KENNISMAKING = [
    ["2025-01-14", "BU99010201", "M1", "", "wijkverbinder", "Buurt is in de jaren zestig gebouwd; eerdere wijkaanpak "
     "stopte in 2016 zonder terugkoppeling aan bewoners.", "Nagaan wat bewoners van die aanpak onthouden hebben."],
    ["2025-01-16", "BU99010201", "M2", "", "wijkverbinder", "Cijfers over inkomen, jeugd en meldingen naast elkaar "
     "gezet (notebook 01).", ""],
    ["2025-01-20", "BU99010201", "M4", "", "wijkverbinder", "Sociale kaart: buurthuis, moskee, twee scholen, "
     "sportvereniging, voedselbankpunt.", "Sportvereniging benaderen."],
    ["2025-01-27", "BU99010202", "M4", "", "wijkverbinder", "Weinig voorzieningen; bewoners gaan naar Merelhof.", ""],
    ["2025-02-03", "BU99010201", "M5", "6", "wijkverbinder", "Op zaterdag op het winkelplein: veel ouders met "
     "kinderen, groep jongeren bij de snackbar.", ""],
    ["2025-02-05", "BU99010201", "M8", "", "wijkverbinder", "Meegelopen met het jongerenwerk op woensdagavond.",
     "Vaker meelopen, ook met de wijkagent."],
    ["2025-02-11", "BU99010201", "M10", "", "wijkverbinder", "Gesprek met een moeder die een ouderavond "
     "organiseert; zij bereikt ouders die de school niet bereikt.", ""],
    ["2025-02-12", "BU99010208", "M5", "6", "wijkverbinder", "Speelveld 's avonds rustig; overdag veel kinderen.", ""],
    ["2025-02-18", "BU99010201", "M7", "", "wijkverbinder", "Netwerken: ouders via school, jongeren online, ouderen "
     "via de kerk.", ""],
    ["2025-02-25", "BU99010208", "M10", "", "wijkverbinder", "Gesprek met de trainer van de voetbalclub.", ""],
    ["2025-03-04", "BU99010201", "M12", "", "wijkverbinder", "Buurtgesprek met hulpvragen: bewoners noemen "
     "eenzaamheid en jongeren die 'makkelijk geld' verdienen.", "Thema's terugleggen bij het netwerk."],
    ["2025-03-11", "BU99010202", "M15", "7", "jongerenwerker", "Online: oproepen voor 'klusjes' in een "
     "buurtgroep gezien.", "Bespreken met jongerenwerk en wijkagent."],
    ["2025-03-18", "BU99010201", "M11", "", "wijkverbinder", "Kans: ouders willen samen iets voor jongeren doen.",
     ""],
]

SLEUTELPERSONEN = [
    ["", "Fenna Fictief", "Sleutelpersoon", "BU99010201", "ouders van de basisschool", "2025-02-11", "M10", "kernteam",
     "Fenna Fictief wil niet samen met de wijkagent op straat gezien worden."],
    ["", "Bram Bedacht", "Buurtvader", "BU99010201", "jongens van 12-16 jaar rond het winkelplein", "2025-02-19",
     "M8", "netwerk", "Afspraak met wijkagent over wat te doen bij intimidatie."],
    ["", "Yasmina Verzonnen", "Rolmodel", "BU99010208", "meiden van de voetbalclub", "2025-02-25", "M10",
     "openbaar", ""],
    ["", "Karel Kunstmatig", "Credible messenger", "BU99010202", "jongeren in de online buurtgroep", "2025-03-12",
     "M15", "alleen_wijkverbinder", "Geen contact via werkmail; alleen persoonlijk. Veiligheidshuis is ingelicht."],
    ["SP05", "", "Sleutelpersoon", "BU99010202", "oudere bewoners van de portiekflats", "2025-03-20", "M5", "kernteam",
     ""],
]

FACTOREN = ["Positieve identiteit", "Sociale vaardigheden", "Zelfregie", "Zelfregulatie", "Familie", "Rolmodellen",
            "Peers", "Sociale binding en cohesie", "Pro-sociale binding", "Collectieve weerbaarheid"]
RESPONDENTEN = [("R01", "procesregisseur"), ("R02", "jongerenwerk"), ("R03", "onderwijs"), ("R04", "politie")]
# base score per buurt and factor; respondents deviate by a fixed pattern (all fictional)
BASE = {"BU99010201": [2, 2, 1, 1, 1, 1, 1, 2, 1, 1], "BU99010202": [2, 2, 2, 2, 2, 1, 2, 1, 1, 1],
        "BU99010208": [2, 3, 2, 2, 2, 2, 2, 2, 2, 2]}
AFWIJKING = {"R01": [0] * 10, "R02": [1, 0, 0, -1, 0, 1, -1, 0, 1, 0], "R03": [0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
             "R04": [-1, 0, 0, 0, -1, 0, 0, 1, -1, 0]}


def veerkracht_rows() -> list[list]:
    rows = []
    for buurt, base in BASE.items():
        for resp, partner in RESPONDENTEN:
            for i, factor in enumerate(FACTOREN):
                score: object = max(0, min(3, base[i] + AFWIJKING[resp][i]))
                if resp == "R04" and i in (0, 2, 3):
                    score = "weet niet"  # police cannot judge individual factors
                if buurt == "BU99010201" and i == 7:
                    score = {"R01": 3, "R02": 1, "R03": 3, "R04": 0}[resp]  # no shared picture on cohesion
                toel = "Oudere bewoners kennen elkaar, nieuwe bewoners niet." if (buurt, i, resp) == (
                    "BU99010201", 7, "R01") else ""
                rows.append([buurt, resp, partner, factor, score, toel, "2025-04-01"])
    return rows


ACTIVITEITEN = [
    ["BU99010201", "Oudergroepen", "", "Ouders delen tips over opvoeden en over wat online speelt",
     "Bewoners voeren zelf uit", "Coproduceren", "gemeenschap", "loopt", "2025-05-01", "2026-04-30"],
    ["BU99010201", "Positieve rolmodellen", "", "Jongeren op straat positieve aandacht geven",
     "Professionals bij burgerinitiatieven", "Coproduceren", "gezamenlijk", "gepland", "2025-09-01", "2026-06-30"],
    ["BU99010201", "Netwerkvorming", "", "School, buurthuis en ouders sluiten beter op elkaar aan",
     "Professionals in samenwerking of netwerk", "Adviseren", "professionals", "idee", "", ""],
    ["BU99010202", "Vrije tijd", "", "Meer te doen voor jongeren in de buurt", "Gemeente faciliteert en motiveert",
     "Meebeslissen", "gemeente", "gepland", "2025-10-01", ""],
    ["BU99010202", "", "Buurtmaaltijd voor oud en nieuw", "Oude en nieuwe bewoners leren elkaar kennen",
     "Bewoners voeren zelf uit", "Zelf organiseren", "gemeenschap", "loopt", "2025-03-01", ""],
    ["BU99010208", "Werkplaatsen", "", "Jongeren leren een vak bij de voetbalclub", "Bestaande activiteiten "
     "ondersteunen of intensiveren", "Coproduceren", "gezamenlijk", "idee", "", ""],
]

SIGNALEN = [
    ["GS01", "2025-01-22", "BU99010201", "jeugd", "jongerenwerker", "Jongeren vertellen over geld voor klusjes "
     "rond het winkelplein.", "SG-27"],
    ["GS02", "2025-02-04", "BU99010201", "jeugd", "leerkracht", "Meer verzuim bij leerlingen van groep 8 en de "
     "brugklas.", "SG-30 Vastlopen op school"],
    ["GS03", "2025-02-13", "BU99010201", "veiligheid", "wijkagent", "Groep jongeren bepaalt 's avonds de sfeer "
     "op het plein.", "Criminele jeugdgroep die de sfeer bepaalt"],
    ["GS04", "2025-03-11", "BU99010202", "ondermijning", "jongerenwerker", "Oproepen voor klusjes in een online "
     "buurtgroep.", "oproepen in online groepen"],
    ["GS05", "2025-03-19", "BU99010201", "ondermijning", "woonconsulent", "Woning van een kwetsbare bewoner "
     "lijkt door anderen gebruikt te worden.", "ib.sig.sg32"],
    ["GS06", "2025-03-25", "BU99010208", "jeugd", "jongerenwerker", "Jongeren hangen doelloos rond bij het "
     "speelveld.", "SG-26"],
]

BARRIERES = [
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "werven", "gelegenheid",
     "Jongeren met geldzorgen en weinig te doen rond het winkelplein", "", "", "", "BU99010201"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "werven", "signalen",
     "Jongeren praten over geld voor klusjes", "SG-27", "ib.actor.jongerenwerk - Jongerenwerk", "", "BU99010201"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "werven", "faciliteerders",
     "Online buurtgroepen waarin oproepen worden gedeeld", "", "", "", "BU99010202"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "werven", "barrieres",
     "Ouders en sleutelpersonen herkennen ronselen en spreken jongeren aan", "",
     "ib.actor.jongerenwerk - Jongerenwerk", "Oudergroep over ronselen (activiteitenplan)", "BU99010201"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "werven", "barrieres",
     "Melden van oproepen in online groepen bij de beheerder", "", "ib.actor.wijkagent - Wijkagent",
     "Afspraak met beheerders van buurtgroepen", "BU99010202"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "uitvoeren van klusjes", "signalen",
     "Verzuim op school", "SG-30", "ib.actor.school - School", "", "BU99010201"],
    ["Inzet van kwetsbare jongeren voor hand- en spandiensten", "uitvoeren van klusjes", "gelegenheid",
     "Woning van een kwetsbare bewoner als uitvalsbasis", "SG-32", "", "", "BU99010201"],
]


def make(out: Path) -> list[Path]:
    """Write the workbench demo files into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []

    def write(name: str, header: list[str], rows: list[list]) -> None:
        paths.append(_write(out / name, header, rows))

    write("kennismaking.csv", ["datum", "buurtcode", "methode", "stap", "uitvoerder", "bevinding", "vervolg"],
          KENNISMAKING)
    write("sleutelpersonen.csv", ["code", "naam", "type", "buurtcode", "bereikt", "eerste_contact", "via_methode",
                                  "zichtbaarheid", "bescherming"], SLEUTELPERSONEN)
    write("veerkracht.csv", ["buurtcode", "respondent", "partner", "factor", "score", "toelichting", "datum"],
          veerkracht_rows())
    write("activiteiten.csv", ["buurtcode", "activiteit", "eigen_activiteit", "doel", "samenwerkingsvorm", "trede",
                               "trekker", "status", "start", "eind"], ACTIVITEITEN)
    write("signalen.csv", ["id", "datum", "buurtcode", "thema", "bronrol", "tekst", "signaal"], SIGNALEN)
    write("barrieremodel.csv", ["fenomeen", "processtap", "onderdeel", "omschrijving", "signaal", "partner",
                                "maatregel", "buurtcode"], BARRIERES)
    # self-assessment: the wijkverbinder scores all own tasks and competences, the gemeenteverbinder all own items
    rows = []
    for i, item in enumerate(self_assessment_items().itertuples()):
        resp = "R10" if item.rol.endswith("wijkverbinder") else "R11"
        score = [2, 3, 1, 2, 2, "weet niet", 3, 1][i % 8]
        rows.append([resp, item.rol.rsplit(".", 1)[1], f"{item.item} - {item.naam}", score, "", "2025-04-15"])
    write("zelfevaluatie.csv", ["respondent", "rol", "item", "score", "toelichting", "datum"], rows)
    return paths
