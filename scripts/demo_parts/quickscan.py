"""Demo part ``data/demo/quickscan/``: FICTIONAL quickscan answers, own interventions and a worksheet.

Made by ``python scripts/make_demo_data.py`` (all parts) or ``--deel quickscan``. Deterministic (fixed seed). The story: in the fictional gemeente Lindewaard (GM9901) five partners of the
wijkaanpak in Zuiderveld (WK990102) fill in the quickscan of the 12 preconditions in May 2024. Urgency and the
process facilitation are fairly in order; long-term commitment, reflection and evaluation and the culture change
lag behind; many partners cannot judge the administrative backing (weet niet); police and residents see the urgency
differently. Also writes an example own-interventions file and one filled-in worksheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from wijklib.io.atomic import atomic_write_text
from wijklib.readiness import new_worksheet, quickscan_items, read_answers, save_worksheet

SEED = 20240514
RESPONDENTS = [("R01", "gemeente"), ("R02", "politie"), ("R03", "woningcorporatie"), ("R04", "welzijn"),
               ("R05", "bewoners")]
BASE = {  # the 'true' level per precondition (0-3)
    "lk.rv.urgentiebesef": 2.2, "lk.rv.lokale_kracht": 1.7, "lk.rv.langdurige_aanpak": 1.0,
    "lk.rv.gezamenlijke_visie": 1.8, "lk.rv.bestuurskracht": 1.4, "lk.rv.samenwerkingsverband": 2.0,
    "lk.rv.cultuuromslag": 1.2, "lk.rv.reflectie_evaluatie": 0.8, "lk.rv.korte_termijn_successen": 1.9,
    "lk.rv.procesbegeleiding": 2.4, "lk.rv.kennis_mandaat_vertrouwen": 1.7, "lk.rv.juiste_professional": 2.1,
}
BIAS = {  # partner-specific views
    "gemeente": {"lk.rv.langdurige_aanpak": 0.8, "lk.rv.gezamenlijke_visie": 0.5, "lk.rv.lokale_kracht": -0.3},
    "politie": {"lk.rv.urgentiebesef": 0.8, "lk.rv.kennis_mandaat_vertrouwen": -0.6, "lk.rv.cultuuromslag": -0.3},
    "woningcorporatie": {"lk.rv.samenwerkingsverband": 0.4},
    "welzijn": {"lk.rv.lokale_kracht": 0.8, "lk.rv.kennis_mandaat_vertrouwen": 0.7, "lk.rv.urgentiebesef": -0.4},
    "bewoners": {"lk.rv.urgentiebesef": -0.9, "lk.rv.lokale_kracht": -0.5, "lk.rv.juiste_professional": -0.4,
                 "lk.rv.korte_termijn_successen": -0.6},
}
WEET_NIET = {  # (respondent, item number within its precondition) that answer 'weet niet'
    ("R04", "lk.rv.bestuurskracht", 1), ("R04", "lk.rv.bestuurskracht", 2), ("R04", "lk.rv.bestuurskracht", 3),
    ("R05", "lk.rv.bestuurskracht", 1), ("R05", "lk.rv.bestuurskracht", 2), ("R05", "lk.rv.bestuurskracht", 4),
    ("R03", "lk.rv.bestuurskracht", 2), ("R05", "lk.rv.samenwerkingsverband", 3),
    ("R05", "lk.rv.kennis_mandaat_vertrouwen", 6), ("R03", "lk.rv.reflectie_evaluatie", 2),
}
OVERRIDES = {  # explicit answers that make the disagreement visible
    ("R02", "lk.rv.urgentiebesef.vo1"): 3, ("R05", "lk.rv.urgentiebesef.vo1"): 0,
    ("R01", "lk.rv.urgentiebesef.vo1"): 3,
    ("R02", "lk.rv.kennis_mandaat_vertrouwen.vo6"): 0, ("R04", "lk.rv.kennis_mandaat_vertrouwen.vo6"): 3,
}
NOTES = {
    ("R05", "lk.rv.urgentiebesef.vo1"): "Bewoners merken vooral de armoede en de verloedering, niet de ondermijning.",
    ("R02", "lk.rv.urgentiebesef.vo1"): "Signalen over jongeren bij dealers rond het winkelplein zijn duidelijk.",
    ("R01", "lk.rv.langdurige_aanpak.vo2"): "Programma loopt tot eind 2026; structurele financiering nog niet rond.",
    ("R03", "lk.rv.langdurige_aanpak.vo2"): "Wij hebben alleen voor twee jaar budget gereserveerd.",
    ("R04", "lk.rv.bestuurskracht.vo1"): "Geen zicht op wat er in het college besproken wordt.",
    ("R02", "lk.rv.kennis_mandaat_vertrouwen.vo6"): "Informatiedeling loopt vast op privacyvragen.",
    ("R04", "lk.rv.kennis_mandaat_vertrouwen.vo6"): "Met het sociaal wijkteam gaat het delen goed.",
    ("R01", "lk.rv.reflectie_evaluatie.vo2"): "Indicatoren zijn nog niet vastgelegd.",
}


def make_answers() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    items = quickscan_items()
    rows = []
    for code, partner in RESPONDENTS:
        for rv, group in items.groupby("randvoorwaarde", sort=False):
            for k, (_, it) in enumerate(group.iterrows(), start=1):
                if (code, rv, k) in WEET_NIET:
                    score = "weet niet"
                elif (code, it["item"]) in OVERRIDES:
                    score = OVERRIDES[(code, it["item"])]
                else:
                    value = BASE[rv] + BIAS.get(partner, {}).get(rv, 0.0) + rng.normal(0, 0.55)
                    score = int(np.clip(np.rint(value), 0, 3))
                rows.append({"respondent": code, "partner": partner, "item": it["item"], "score": score,
                             "toelichting": NOTES.get((code, it["item"]), ""), "datum": "2024-05-14"})
    return pd.DataFrame(rows)


OWN = """\
# FICTIEF voorbeeld: eigen interventies van de gemeente Lindewaard (demo voor notebook 05).
interventies:
  - id: buurtschouw_zuiderveld
    naam: Buurtschouw met bewoners, wijkagent en corporatie
    omschrijving: >-
      Eens per kwartaal lopen bewoners, de wijkagent en de woonconsulent samen door de buurt, noteren wat opvalt
      (ook signalen van drugsoverlast) en spreken af wie wat oppakt.
    trede: coproduceren
    fenomenen: [verloedering, toezicht]
    mechanismen: [prioriteren_signaleren, verbinden]
    principes: [bekend_maakt_bemind, eerst_zien_dan_geloven]
    randvoorwaarden: [lokale_kracht, samenwerkingsverband]
    probleemdomeinen: [verloedering, drugs, overlast]
    doelgroepen: [bewoners]
    partners: [gemeente, politie, woningcorporatie]
    bron: eigen voorbeeld Lindewaard (fictief)
  - id: spreekuur_wijkagent_buurthuis
    naam: Spreekuur van de wijkagent in het buurthuis
    omschrijving: Elke week een vast inloopuur van de wijkagent in het buurthuis, zonder afspraak.
    trede: informeren
    fenomenen: [sociale_veiligheid]
    principes: [bekend_maakt_bemind]
    randvoorwaarden: [kennis_mandaat_vertrouwen]
    probleemdomeinen: [onveiligheidsgevoel, drugs]
    doelgroepen: [bewoners]
    partners: [politie, welzijn]
    bron: eigen voorbeeld Lindewaard (fictief)
"""


def make_worksheet(folder: Path) -> Path:
    ws = new_worksheet("lk.iv.stadsmarinier_boa", gebied="WK990102 Zuiderveld (fictief)")
    ws.datum = dt.date(2024, 6, 3)
    ws.ingevuld_door = ["gemeente (programmateam)", "politie (wijkagent)"]
    ws.eigenaar = "een Leerkring-gemeente (team openbare orde en veiligheid)"
    answers = {
        "lk.sv.passendheid": "We willen meer meldingen en korte lijnen; zichtbare handhavers in de straat helpen daarbij.",
        "lk.sv.werking_elders": "Bewoners leerden de BOA's kennen en durfden daardoor eerder iets te melden.",
        "lk.sv.werkzame_onderdelen": "Vaste gezichten, dagelijkse aanwezigheid op dezelfde plekken en snelle opvolging.",
        "lk.sv.voor_wie_wanneer": "Bewoners die al neutraal of positief staan tegenover de gemeente; minder bij wantrouwen.",
        "lk.sv.meerwaarde": "Meer meldingen binnen een half jaar en bewoners die de BOA's bij naam noemen.",
        "lk.sv.vergelijkbaarheid_context": "Zuiderveld is groter en het wantrouwen is hoger; verder vergelijkbaar.",
        "lk.sv.aanpassing": "Eerst samen met de opbouwwerker op pad; vaste looproutes langs het winkelplein.",
    }
    ws.startvragen.update(answers)
    ws.contextgelijkenis = 3
    ws.principes["lk.wp.bekend_maakt_bemind"] = {"aanwezig": "ja", "hoe": "vaste gezichten die dagelijks rondlopen"}
    ws.principes["lk.wp.eerst_zien_dan_geloven"] = {"aanwezig": "ja", "hoe": "signalen worden direct opgevolgd"}
    ws.principes["lk.wp.soort_zoekt_soort"] = {"aanwezig": "nee", "hoe": ""}
    ws.principes["lk.wp.sociale_bewijskracht"] = {"aanwezig": "deels", "hoe": "resultaten in de wijkkrant delen"}
    ws.principes["lk.wp.timing_is_everything"] = {"aanwezig": "onbekend", "hoe": ""}
    ws.principes["lk.wp.som_meer_dan_delen"] = {"aanwezig": "deels", "hoe": "samen met wijkagent en corporatie"}
    ws.notities = "FICTIEF voorbeeld. Bespreken in het kernteam van juni."
    return save_worksheet(ws, folder)


def make(out: Path) -> list[Path]:
    """Write the quickscan demo files into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    path = atomic_write_text(out / "antwoorden.csv", make_answers().to_csv(index=False, lineterminator="\n"))
    read_answers(path)  # must validate
    return [path, atomic_write_text(out / "eigen_interventies.yaml", OWN), make_worksheet(out / "werkbladen")]
