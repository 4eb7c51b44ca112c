"""The exercises of the training notebooks, with expected answers computed from the data.

Each ``_expected_*`` function derives the answer from the catalogue, the demo gemeente Lindewaard, the demo
quickscan, the case material or the interview key, so the self-checks follow the data. Only the multiple-choice
question about named suspects (a rule, not a fact in the data) has a written-down answer.

Importing this module registers the exercises in :data:`wijklib.training.checks.EXERCISES`.
"""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from wijklib.training.checks import Exercise, as_list, fold, register

__all__ = ["NOTES", "NOTE_NAMES", "SUSPECT_QUIZ", "flagged_notes", "URGENCY_YEAR"]

#: Year of the counted data the exercises of notebooks 02 and 07 ask about (the latest demo year).
URGENCY_YEAR = 2024

# -- notebook 01: de wijkaanpak in een uur ----------------------------------------------------------------------


def _cat():
    from wijklib.catalogue import load_catalogue

    return load_catalogue()


def _expected_1_1() -> int:
    return int(_cat().by_kind("beslismoment")[0].attr("na_stap"))


def _expected_1_2() -> set[str]:
    cat = _cat()
    counts = {rv.id: len(cat.children(rv.id, kind="vraagt_om")) for rv in cat.by_kind("randvoorwaarde")}
    top = max(counts.values())
    return {k for k, v in counts.items() if v == top}


def _expected_1_3() -> int:
    cat = _cat()
    return sum(len(cat.children(f.id, kind="wijkaanpak_stap")) for f in cat.by_kind("wijkaanpak_fase"))


register(Exercise(
    "oefening_1_2", "01", "Na welke stap van de Handreiking ligt het beslismoment?", "getal", _expected_1_1,
    tip="bekijk het beslismoment met cat.markdown(...) of het attribuut 'na_stap'.",
    explain=lambda e: f"het beslismoment ligt na stap {e}: eerst moeten de randvoorwaarden op orde zijn."))
register(Exercise(
    "oefening_1_3", "01", "Welke randvoorwaarde vraagt om de meeste punten?", "catalogus", _expected_1_2,
    tip="tel per randvoorwaarde cat.children(rv.id, kind='vraagt_om').",
    explain=lambda e: "de randvoorwaarde '" + "' en '".join(_cat().get(i).name_nl for i in sorted(e))
    + "' vraagt om de meeste punten: samenwerken vraagt veel afspraken tegelijk."))
register(Exercise(
    "oefening_1_1", "01", "Hoeveel stappen heeft het Praktijkhandboek, alle fasen samen?", "getal", _expected_1_3,
    tip="tel de stappen (kind 'wijkaanpak_stap') onder elke fase (kind 'wijkaanpak_fase').",
    explain=lambda e: f"{e} stappen in vijf fasen."))

# -- notebook 02: het gebied leren kennen ------------------------------------------------------------------------


def _counted_year(indicator: str) -> pd.DataFrame:
    from wijklib.training.data import demo_werkset

    c = demo_werkset().buurt_counted()
    return c[(c["indicator"] == indicator) & (c["period"] == URGENCY_YEAR)]


def _expected_2_1() -> int:
    pop = _counted_year("inwoners")
    return int((pop["value"] < 200).sum())


def _expected_2_2() -> set[str]:
    d = _counted_year("huishoudens_laag_inkomen_pct")
    d = d[d["status"] == "waarde"]
    return set(d.loc[d["value"] == d["value"].max(), "area_code"])


def _expected_2_4() -> set[str]:
    from wijklib.training.data import demo_werkset
    from wijklib.training.urgency import compute_urgency

    div = compute_urgency(demo_werkset()).divergence
    v = div[(div["theme"] == "veiligheid") & (div["signal"] == "verteld_ernstiger")]
    per_area = v.groupby("area_code")["source"].nunique()
    return set(per_area[per_area == div["source"].nunique()].index)


def _expected_2_3() -> set[str]:
    from wijklib.training.data import demo_signals

    s = demo_signals()
    counts = s.loc[s["thema"] == "ondermijning", "buurtcode"].value_counts()
    return set(counts[counts == counts.max()].index)


register(Exercise(
    "oefening_2_1", "02", "Hoeveel buurten hadden in 2024 minder dan 200 inwoners?", "getal", _expected_2_1,
    tip="filter de telcijfers op indicator 'inwoners' en jaar 2024 en tel de waarden onder 200.",
    explain=lambda e: f"{e} buurten. Voor zulke kleine buurten zijn veel cijfers geheim of onbetrouwbaar."))
register(Exercise(
    "oefening_2_2", "02", "Welke buurt had in 2024 het hoogste aandeel huishoudens met een laag inkomen?", "buurt",
    _expected_2_2, tip="gebruik indicator 'huishoudens_laag_inkomen_pct', jaar 2024, en sorteer van hoog naar laag."))
register(Exercise(
    "oefening_2_4", "02", "In welke buurten zien bewoners, schouw én professionals meer onveiligheid dan de cijfers?",
    "buurten", _expected_2_4,
    tip="kijk in de tabel 'tellen en vertellen' naar thema veiligheid en het signaal 'verteld_ernstiger' bij alle "
        "drie de bronnen."))
register(Exercise(
    "oefening_2_3", "02", "Welke buurten hebben de meeste signalen over ondermijning?", "buurten", _expected_2_3,
    tip="tel de signalen met thema 'ondermijning' per buurt; er zijn meerdere buurten met hetzelfde hoogste aantal."))

# -- notebook 03: urgentie --------------------------------------------------------------------------------------


def _ws():
    from wijklib.training.data import demo_werkset

    return demo_werkset()


def _expected_3_1() -> str:
    from wijklib.training.urgency import compute_urgency, top_areas

    return top_areas(compute_urgency(_ws()), 1)[0]


def _expected_3_2() -> set[str]:
    from wijklib.training.urgency import compute_urgency, top_areas

    base = set(top_areas(compute_urgency(_ws()), 5))
    safety = set(top_areas(compute_urgency(_ws(), {"veiligheid": 3}), 5))
    return safety - base


def _expected_3_3() -> set[str]:
    from wijklib.training.urgency import FRAMES, compute_urgency, top_areas

    tops = [set(top_areas(compute_urgency(_ws(), frame=f), 5)) for f in FRAMES]
    return set.intersection(*tops)


register(Exercise(
    "oefening_3_1", "03", "Welke buurt is het meest urgent met de standaardinstellingen?", "buurt", _expected_3_1,
    tip="zet alle schuifjes op 1 (of klik op 'Terug naar standaard') en kijk naar rang 1."))
register(Exercise(
    "oefening_3_2", "03", "Welke buurt komt in de top 5 als veiligheid gewicht 3 krijgt?", "buurten", _expected_3_2,
    tip="vergelijk de top 5 met standaardinstellingen met de top 5 bij veiligheid = 3 (de rest 1); kijk naar de "
        "kolom 'verschuiving'."))
register(Exercise(
    "oefening_3_3", "03", "Welke buurten staan bij alle drie de referentiekaders in de top 5?", "buurten",
    _expected_3_3, tip="noteer de top 5 bij elk referentiekader (alle gewichten 1) en kijk welke buurten er steeds "
                       "in staan."))

# -- notebook 04: stakeholder- en gemeenschapskaart ------------------------------------------------------------


def _key():
    from wijklib.training.network import load_interview

    return load_interview()


def _as_frame(value: Any, columns: list[str], required: list[str], name: str) -> pd.DataFrame:
    from wijklib.training.network import read_table

    if isinstance(value, str):
        return read_table(value, columns, required=required, name=name)
    if isinstance(value, pd.DataFrame):
        return value
    raise TypeError(f"verwacht de tabel {name} (tekst of DataFrame), niet {type(value).__name__}")


def _matched(actoren: pd.DataFrame, key) -> dict[str, str | None]:
    """Learner code -> key actor id (None when not recognised)."""
    out = {}
    for rec in actoren.to_dict("records"):
        persoon = str(rec.get("persoon", "")).strip().lower() in ("ja", "j", "yes", "true", "1")
        out[str(rec.get("code", "")).strip()] = key.match(str(rec.get("naam", "")), persoon)
    return out


def _judge_4_1(answer: Any, key, context: Mapping[str, Any]) -> tuple[bool, str]:
    try:
        act = _as_frame(answer, ["code", "naam", "wereld", "persoon"], ["code", "naam"], "actoren")
    except Exception as exc:  # noqa: BLE001 - reported to the learner
        return False, f"de tabel kan ik niet lezen: {exc}."
    named = sorted({n for t in act["naam"] for n in key.names_in(t)})
    if named:
        return False, (f"je hebt een persoonsnaam opgeschreven ({', '.join(named)}). Noteer bij een persoon de rol "
                       "(bijvoorbeeld 'sleutelpersoon moedergroep') en zet 'persoon' op ja.")
    found = {v for v in _matched(act, key).values() if v}
    missing = [a for a in key.actors if a.id not in found]
    if missing:
        where = (f"Lees de alinea '{missing[0].alinea}' nog eens." if missing[0].alinea
                 else "Lees het interview nog eens.")
        return False, f"{len(found)} van de {len(key.actors)} actoren uit het interview staan in je tabel. {where}"
    extra = len(act) - len(found)
    return True, (f"alle {len(key.actors)} actoren staan erin, zonder namen van personen"
                  + (f" (plus {extra} eigen toevoeging(en))." if extra > 0 else "."))


def _judge_4_2(answer: Any, key, context: Mapping[str, Any]) -> tuple[bool, str]:
    if "actoren" not in context:
        return False, "geef ook je actorentabel mee: check('oefening_4_2', relaties, actoren=actoren)."
    try:
        act = _as_frame(context["actoren"], ["code", "naam", "wereld", "persoon"], ["code", "naam"], "actoren")
        rel = _as_frame(answer, ["bron", "doel", "soort"], ["bron", "doel"], "relaties")
    except Exception as exc:  # noqa: BLE001
        return False, f"de tabel kan ik niet lezen: {exc}."
    codes = _matched(act, key)
    unknown = sorted({str(c).strip() for c in list(rel["bron"]) + list(rel["doel"])} - set(codes))
    if unknown:
        return False, f"code {unknown[0]!r} staat niet in je actorentabel."
    got = {frozenset((codes[str(b).strip()], codes[str(d).strip()])) for b, d in zip(rel["bron"], rel["doel"])}
    want = {frozenset((b, d)) for b, d, _ in key.relations}
    right = got & want
    if want <= got:
        extra = len({p for p in got if None not in p} - want)
        return True, (f"alle {len(want)} relaties uit het interview staan erin"
                      + (f"; {extra} relatie(s) heb je zelf afgeleid: bespreek of het interview die echt noemt."
                         if extra else "."))
    a = sorted(next(iter(sorted(want - got, key=sorted))))[0]
    return False, (f"{len(right)} van de {len(want)} relaties gevonden. Met wie heeft {key.actor(a).naam.lower()} "
                   "volgens het interview nog een relatie?")


def _judge_actor(expected_ids: set[str], what: str):
    def judge(answer: Any, key, context: Mapping[str, Any]) -> tuple[bool, str]:
        items = as_list(answer)
        if len(items) != 1:
            return False, "geef één actor (de naam zoals in je tabel)."
        if key.names_in(items[0]):
            return False, "gebruik de rol of de naam van de organisatie, niet de naam van een persoon."
        found = key.match(str(items[0]))
        if found is None:
            return False, f"'{items[0]}' herken ik niet als actor uit het interview."
        if found in expected_ids:
            return True, f"{key.actor(found).naam} {what}."
        return False, f"{key.actor(found).naam} is het niet."
    return judge


def _expected_key():
    return _key()


register(Exercise(
    "oefening_4_1", "04", "Zet alle actoren uit het interview in de tabel (zonder persoonsnamen).", "eigen",
    _expected_key, judge=_judge_4_1,
    tip="lees het interview alinea voor alinea en noteer elke organisatie, groep of rol die genoemd wordt."))
register(Exercise(
    "oefening_4_2", "04", "Zet alle relaties uit het interview in de tabel.", "eigen", _expected_key,
    judge=_judge_4_2, tip="een relatie is er als de jongerenwerker zegt dat twee actoren samenwerken, informatie "
                          "delen of elkaar vertrouwen."))
register(Exercise(
    "oefening_4_3", "04", "Wie is de makelaar met de hoogste tussenpositie?", "eigen", _expected_key,
    judge=lambda a, k, c: _judge_actor({k.main_broker()}, "ligt op de meeste kortste routes: als die wegvalt, "
                                       "vallen de lijnen naar jongeren, moeders en vaders weg")(a, k, c),
    tip="sorteer het netwerkoverzicht op 'tussenpositie'."))
register(Exercise(
    "oefening_4_4", "04", "Welke actor heeft groot bereik maar weinig vertrouwen (onbenut bereik)?", "eigen",
    _expected_key,
    judge=lambda a, k, c: _judge_actor(k.untapped_reach(), "bereikt veel mensen, maar het vertrouwen in de aanpak "
                                       "ontbreekt: eerst aan de relatie werken")(a, k, c),
    tip="zoek in het interview een groep die 'iedereen bereikt' maar weinig met de gemeente te maken wil hebben."))

# -- notebook 05: quickscan -------------------------------------------------------------------------------------


def _expected_5_1() -> set[str]:
    from wijklib.training.data import demo_quickscan

    rv = demo_quickscan().randvoorwaarden
    return set(rv.loc[rv["gemiddelde"] == rv["gemiddelde"].min(), "randvoorwaarde"])


def _expected_5_3() -> int:
    from wijklib.training.data import demo_quickscan

    return int(demo_quickscan(2.0).randvoorwaarden["eerst_aanpakken"].sum())


def _expected_5_2() -> set[str]:
    from wijklib.training.data import demo_quickscan

    rv = demo_quickscan().randvoorwaarden
    return set(rv.loc[rv["spreiding"] == rv["spreiding"].max(), "randvoorwaarde"])


register(Exercise(
    "oefening_5_1", "05", "Welke randvoorwaarde scoort het laagst in de quickscan van Zuiderveld?", "catalogus",
    _expected_5_1, tip="sorteer het profiel (resultaat.randvoorwaarden) op 'gemiddelde'."))
register(Exercise(
    "oefening_5_3", "05", "Hoeveel randvoorwaarden vragen eerst aandacht bij drempel 2,0?", "getal", _expected_5_3,
    tip="analyseer opnieuw met GateRule(min_gemiddelde=2.0) en tel 'eerst_aanpakken'."))
register(Exercise(
    "oefening_5_2", "05", "Over welke randvoorwaarde verschillen de partners het meest?", "catalogus", _expected_5_2,
    tip="kijk naar de kolom 'spreiding' in het profiel."))

# -- notebook 06: interventies en werkzame principes ---------------------------------------------------------


def _expected_6_1() -> str:
    from wijklib.training.interventions import buurt_profile, ranked_interventions

    return ranked_interventions(buurt_profile("BU99010302"), top=1)[0].interventie.id


def _expected_6_2() -> int:
    from wijklib.training.interventions import buurt_profile, ranked_interventions

    top = ranked_interventions(buurt_profile("BU99010302", potential=0.1), top=5)
    return max(int(m.interventie.trede_niveau) for m in top)


def _expected_6_3() -> str:
    from wijklib.training.cases import get_case

    return get_case("moedergroep_zuiderveld").kernprincipe


register(Exercise(
    "oefening_6_1", "06", "Welke interventie staat bovenaan voor Berkenhof?", "catalogus", _expected_6_1,
    tip="maak het profiel met buurt_profile('BU99010302') en kijk naar rang 1 van de ranglijst."))
register(Exercise(
    "oefening_6_2", "06", "Wat is bij participatiepotentie 0,1 de hoogste trede in de top 5?", "getal",
    _expected_6_2, tip="maak het profiel opnieuw met potential=0.1 en kijk naar de kolom 'trede'.",
    explain=lambda e: f"trede {e}. Bij weinig bereidheid passen interventies die weinig inzet van bewoners vragen."))
register(Exercise(
    "oefening_6_3", "06", "Welk werkzaam principe zie je het duidelijkst in de casus van de moedergroep?",
    "catalogus", _expected_6_3,
    tip="waarom komt de boodschap van een andere moeder beter aan dan die van de gemeente?"))

# -- notebook 07: ethiek en privacy ---------------------------------------------------------------------------

#: Fictional notes for the privacy exercises (numbered from 1 in the notebook).
NOTES: tuple[str, ...] = (
    "Bewoners van de Merelhof melden dat er 's avonds vaak jongeren in de portieken rondhangen.",
    "Meneer Bakker zegt dat hij sinds de zomer wordt bedreigd door buurjongens.",
    "Een witte bestelbus met kenteken VX-123-B staat elke nacht bij de lege hallen op De Zwaan.",
    "Fenna van de moedergroep maakt zich zorgen over drie jongens die pakketjes rondbrengen.",
    "Meerdere ondernemers in de Vinkenlaan krijgen aanbiedingen om hun zaak contant over te nemen.",
    "De bewoner van Kievitslaan 8 belt steeds met 06-12345678 over overlast van de buren.",
)
#: Names that occurred in the interviews and must not be noted.
NOTE_NAMES: tuple[str, ...] = ("Fenna", "Joost")


def flagged_notes() -> set[int]:
    """Numbers (from 1) of the notes in :data:`NOTES` with identifying details."""
    from wijklib.training.privacy import find_identifying

    return {i for i, text in enumerate(NOTES, start=1) if find_identifying(text, NOTE_NAMES)}


def _expected_7_3() -> set[str]:
    from wijklib.training.data import demo_werkset

    c = demo_werkset().buurt_counted()
    return set(c.loc[(c["period"] == URGENCY_YEAR) & (c["status"] == "geheim"), "area_code"])


def _expected_7_4() -> set[str]:
    from wijklib.training.data import demo_survey_scores

    s = demo_survey_scores()
    return set(s.loc[(s["thema"] == "veiligheid") & ~s["betrouwbaar"], "buurtcode"])


def _judge_7_2(answer: Any, expected: set[int], context: Mapping[str, Any]) -> tuple[bool, str]:
    from wijklib.training.privacy import find_identifying

    texts = as_list(answer)
    if len(texts) != len(expected):
        return False, f"verwacht {len(expected)} herschreven notities (één per notitie met herleidbare gegevens)."
    originals = {fold(NOTES[i - 1]) for i in expected}
    for n, text in enumerate(texts, start=1):
        if not isinstance(text, str) or len(text.split()) < 4:
            return False, f"notitie {n} is te kort: houd de inhoud (wat er speelt), laat alleen het herleidbare weg."
        if fold(text) in originals:
            return False, f"notitie {n} is nog niet herschreven."
        found = find_identifying(text, NOTE_NAMES)
        if found:
            return False, f"in notitie {n} staat nog: {', '.join(found)}."
    return True, "de notities vertellen nog wat er speelt, maar niet meer over wie of waar precies."


#: The multiple-choice question about named suspects: (question, options, answer letter).
SUSPECT_QUIZ: tuple[str, dict[str, str], str] = (
    "Een bewoner noemt in een gesprek de naam van iemand die volgens haar drugs verkoopt. Wat doe je met die "
    "informatie in je aantekeningen en je stakeholderkaart?",
    {"a": "Je neemt de persoon op als actor in de kaart, met een pseudoniem in plaats van de naam, zodat het "
          "veilig is.",
     "b": "Je schrijft de naam alleen in je eigen aantekeningen en laat hem weg uit de kaart die je met partners "
          "deelt.",
     "c": "Je schrijft de naam nergens op, ook niet in de kaart; de bewoner kan zelf naar de politie of Meld "
          "Misdaad Anoniem.",
     "d": "Je zet de naam in de kaart, maar deelt die kaart alleen met de wijkagent en de politie, niet met andere "
          "partners."},
    "c",
)

register(Exercise(
    "oefening_7_3", "07", "Welke buurten hebben in 2024 geheime cijfers?", "buurten", _expected_7_3,
    tip="filter de telcijfers op jaar 2024 en status 'geheim'."))
register(Exercise(
    "oefening_7_1", "07", "Welke notities bevatten herleidbare gegevens?", "nummers", flagged_notes,
    tip="let op namen (ook voornamen), adressen met huisnummer, kentekens en telefoonnummers."))
register(Exercise(
    "oefening_7_2", "07", "Herschrijf de notities met herleidbare gegevens.", "eigen", flagged_notes,
    judge=_judge_7_2, tip="vervang een naam door een rol ('een bewoner'), laat huisnummers, kentekens en "
                          "telefoonnummers weg, en houd wat er speelt."))
register(Exercise(
    "oefening_7_4", "07", "Bij welke buurten mag je de veiligheidsscore uit de enquête niet los tonen?", "buurten",
    _expected_7_4, tip="kijk in de tabel van 3.3 naar de kolom 'getoond': False betekent minder dan 10 "
                     "respondenten."))
register(Exercise(
    "oefening_7_5", "07", "Wat doe je met de naam van een vermoedelijke dealer?", "keuze", lambda: SUSPECT_QUIZ[2],
    tip="wijklib legt nooit personen van de criminele kant vast: dat is opsporingsinformatie.",
    explain=lambda e: "antwoord c. Namen van verdachten horen bij politie en justitie, niet in een wijkkaart die "
                      "gedeeld wordt; ook een pseudoniem beschermt dan niet genoeg. In de kaart "
                      "mag hoogstens een abstracte contextknoop staan, zoals 'drugsnetwerk rond de buurt'."))
