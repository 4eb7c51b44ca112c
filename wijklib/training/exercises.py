"""The exercises of the training notebooks, registered from the answer key (``materiaal/antwoorden.yaml``).

The accepted answers live in the answer key only, the list the facilitator guide shows too. For exercises about
the data, the private ``_expected_*`` functions derive the answer from the catalogue, the demo gemeente
Lindewaard or the demo quickscan; the tests check the key against them, so a change in the data cannot leave a
stale key behind. Open exercises (tables, rewritten notes) are judged by functions that use the interview key.

Importing this module registers the exercises in :data:`wijklib.training.checks.EXERCISES`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

import pandas as pd

from wijklib.errors import choices_nl
from wijklib.io.yesno import is_yes, parse_yes_no
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


def _expected_1_3() -> int:
    cat = _cat()
    return sum(len(cat.children(f.id, kind="wijkaanpak_stap")) for f in cat.by_kind("wijkaanpak_fase"))



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
        persoon = is_yes(rec.get("persoon", ""))
        out[str(rec.get("code", "")).strip()] = key.match(str(rec.get("naam", "")), persoon)
    return out


#: Accepted spellings of the 'wereld' column (keuze van wijklib: systeem, leef, beide).
_WORLDS = {"systeem": "systeem", "systeemwereld": "systeem", "leef": "leef", "leefwereld": "leef",
           "beide": "beide", "brug": "beide"}
#: Kinds of relation the notebook offers (the column 'soort' of exercise 4.2).
_RELATION_KINDS = ("samenwerking", "informatie", "vertrouwen", "invloed", "conflict", "financiering")
#: Kinds that fit the relations of the answer key: the interviewee describes each of them as working together,
#: sharing information or trust (the tip of exercise 4.2); conflict, influence or funding fit none of them.
_KEY_RELATION_KINDS = ("samenwerking", "informatie", "vertrouwen")
#: Relations between actors of the interview that the interview does not mention which are still accepted (with a
#: question to discuss); more than this is guessing rather than reading (keuze van wijklib).
_MAX_UNFOUNDED = 2
_WORLD_WHY = {"systeem": "systeem = instanties, regels en professionals met een formele taak.",
              "leef": "leef = het dagelijks leven van bewoners, gezinnen en hun eigen groepen.",
              "beide": "beide = een brugfunctie die in de systeemwereld en de leefwereld werkt."}


#: Words with which a learner's actor describes the criminal side of the interview ("een groep die jongeren klusjes
#: laat doen", "de man in de witte auto") or suspects in general (folded text, regular expressions).
_SUSPECT_PATTERNS = (r"witte auto", r"dealer", r"drugs", r"crimine", r"verdacht", r"ronsel", r"\bbende",
                     r"\b(laat|laten)\b(\s+\w+){0,3}\s+(klusjes|pakketjes)",
                     r"\b(klusjes|pakketjes)\b(\s+\w+){0,3}\s+(laat|laten)\b")


def _describes_suspects(naam: str) -> bool:
    """Whether an actor name describes the suspects or criminal group of the interview (or suspects in general)."""
    text = fold(naam)
    return any(re.search(p, text) for p in _SUSPECT_PATTERNS)


def _table_problem(act: pd.DataFrame) -> str | None:
    """What makes an actor table wrong whatever actors it holds (Dutch), or None.

    Every row counts, also a learner's own additions: a code used twice, a world or 'persoon' value that is not
    one of the choices, a name after a form of address ("meneer Bakker") and a person on the criminal side (never
    in a stakeholder map; a context node without persons may be added).
    """
    from wijklib.training.privacy import find_identifying

    codes = [str(c).strip() for c in act["code"]]
    dup = sorted({c for c in codes if codes.count(c) > 1})
    if dup:
        return f"de code {dup[0]!r} staat meer dan eens in je actorentabel; geef elke actor een eigen code."
    for rec in act.to_dict("records"):
        naam = str(rec.get("naam", "")).strip()
        if find_identifying(naam):
            return (f"bij '{naam}' staat een persoon met naam. Noteer bij een persoon de rol (bijvoorbeeld "
                    "'sleutelpersoon moedergroep'), nooit de naam.")
        world = fold(rec.get("wereld", ""))
        if world and world not in _WORLDS and world != "crimineel":
            return f"bij '{naam}' staat wereld {str(rec.get('wereld', ''))!r}; kies systeem, leef of beide."
        raw_person = str(rec.get("persoon", "") or "").strip()
        try:
            person = parse_yes_no(raw_person) if raw_person else False
        except ValueError:
            return f"bij '{naam}' staat bij 'persoon' geen ja of nee ({raw_person!r})."
        if world == "crimineel" and person:
            return (f"'{naam}' is een persoon aan de criminele kant: die komt nooit in een stakeholderkaart, ook "
                    "niet zonder naam. Wel mag een contextknoop zonder personen, bijvoorbeeld 'drugsnetwerk rond "
                    "Zuiderveld (context); crimineel; nee'.")
        if world != "crimineel" and _describes_suspects(naam):
            who = "een persoon" if person else "een groep"
            return (f"'{naam}' beschrijft {who} aan de criminele kant (zoals de man in de witte auto of de groep die "
                    "jongeren klusjes laat doen). De jongerenwerker zegt in het interview dat je dat niet opschrijft: "
                    "verdachten komen nooit in een stakeholderkaart, ook niet zonder naam, en ze horen niet bij de "
                    "leefwereld of de systeemwereld van de aanpak. Wel mag een contextknoop zonder personen, "
                    "bijvoorbeeld 'drugsnetwerk rond Zuiderveld (context); crimineel; nee'.")
    return None


def _judge_4_1(answer: Any, context: Mapping[str, Any]) -> tuple[bool, str]:
    key = _key()
    try:
        act = _as_frame(answer, ["code", "naam", "wereld", "persoon"], ["code", "naam"], "actoren")
    except Exception as exc:  # noqa: BLE001 - reported to the learner
        return False, f"de tabel kan ik niet lezen: {exc}."
    named = sorted({n for t in act["naam"] for n in key.names_in(t)})
    if named:
        return False, (f"je hebt een persoonsnaam opgeschreven ({', '.join(named)}). Noteer bij een persoon de rol "
                       "(bijvoorbeeld 'sleutelpersoon moedergroep') en zet 'persoon' op ja.")
    problem = _table_problem(act)
    if problem:
        return False, problem
    found = {v for v in _matched(act, key).values() if v}
    missing = [a for a in key.actors if a.id not in found]
    if missing:
        where = (f"Lees de alinea '{missing[0].alinea}' nog eens." if missing[0].alinea
                 else "Lees het interview nog eens.")
        return False, f"{len(found)} van de {len(key.actors)} actoren uit het interview staan in je tabel. {where}"
    worlds = _WORLDS
    notes: list[str] = []
    for code, actor_id in _matched(act, key).items():
        if actor_id is None:
            continue
        row = act.loc[act["code"].astype(str).str.strip() == code].iloc[0]
        given = worlds.get(fold(row.get("wereld", "")))
        want = key.actor(actor_id).wereld
        if given is None:
            return False, (f"bij {key.actor(actor_id).naam} staat geen geldige wereld ({row.get('wereld', '')!r}); "
                           "kies systeem, leef of beide.")
        also_ok = dict(key.actor(actor_id).ook_goed)
        if given != want and given in also_ok:
            notes.append(f"{key.actor(actor_id).naam} in de wereld '{given}' is ook goed: {also_ok[given]}")
        elif given != want:
            return False, (f"{key.actor(actor_id).naam} staat in de wereld '{given}', maar hoort bij '{want}': "
                           f"{_WORLD_WHY[want]}")
        try:
            person = parse_yes_no(row.get("persoon", ""))
        except ValueError:
            person = None
        if person is None:
            return False, (f"bij {key.actor(actor_id).naam} staat bij 'persoon' geen ja of nee "
                           f"({row.get('persoon', '')!r}).")
        is_person = bool(key.actor(actor_id).persoon)
        if person != is_person:
            why = ("het gaat om één persoon (schrijf de rol op, nooit de naam)." if is_person
                   else "het gaat om een organisatie of groep, niet om één persoon.")
            return False, f"bij {key.actor(actor_id).naam} hoort 'persoon' {'ja' if is_person else 'nee'}: {why}"
    extra = len(act) - len(found)
    return True, (f"alle {len(key.actors)} actoren staan erin, in de juiste wereld en zonder namen van personen"
                  + (f" (plus {extra} eigen toevoeging(en))." if extra > 0 else ".")
                  + "".join(f" {n[0].upper()}{n[1:]}" for n in notes))


def _judge_4_2(answer: Any, context: Mapping[str, Any]) -> tuple[bool, str]:
    key = _key()
    if "actoren" not in context:
        return False, "geef ook je actorentabel mee: check('oefening_4_2', relaties, actoren=actoren)."
    try:
        act = _as_frame(context["actoren"], ["code", "naam", "wereld", "persoon"], ["code", "naam"], "actoren")
        rel = _as_frame(answer, ["bron", "doel", "soort"], ["bron", "doel"], "relaties")
    except Exception as exc:  # noqa: BLE001
        return False, f"de tabel kan ik niet lezen: {exc}."
    problem = _table_problem(act)
    if problem:
        return False, f"eerst je actorentabel: {problem}"
    codes = _matched(act, key)
    for i, kind in enumerate(rel["soort"] if "soort" in rel.columns else [], start=1):
        if fold(kind) not in _RELATION_KINDS:
            return False, (f"relatie {i} heeft soort {str(kind)!r}; kies uit {choices_nl(_RELATION_KINDS)} "
                           "(de soort zegt wat de jongerenwerker over de band vertelt).")
    unknown = sorted({str(c).strip() for c in list(rel["bron"]) + list(rel["doel"])} - set(codes))
    if unknown:
        return False, f"code {unknown[0]!r} staat niet in je actorentabel."
    want = {frozenset((b, d)) for b, d, _ in key.relations}
    kinds = list(rel["soort"]) if "soort" in rel.columns else [""] * len(rel)
    for b, d, kind in zip(rel["bron"], rel["doel"], kinds):
        pair = frozenset((codes[str(b).strip()], codes[str(d).strip()]))
        kind = fold(kind) or "samenwerking"
        if pair in want and kind not in _KEY_RELATION_KINDS:
            x, y = sorted(str(a) for a in pair)  # both recognised: a pair of the key
            return False, (f"de relatie tussen {key.actor(x).naam} en {key.actor(y).naam} heeft soort '{kind}', "
                           "maar de jongerenwerker beschrijft die band als samenwerken, informatie delen of "
                           "vertrouwen. Kies samenwerking, informatie of vertrouwen.")
    got = {frozenset((codes[str(b).strip()], codes[str(d).strip()])) for b, d in zip(rel["bron"], rel["doel"])}
    right = got & want
    if want <= got:
        optional = {frozenset(p) for p in key.optional_relations}
        # pairs of actors of the interview that the interview does not connect (own additions are not judged)
        unfounded = sorted(sorted(str(a) for a in p) for p in got - want - optional if None not in p and len(p) == 2)
        if len(unfounded) > _MAX_UNFOUNDED:
            x, y = unfounded[0]
            return False, (f"alle {len(want)} relaties uit het interview staan erin, maar ook {len(unfounded)} "
                           f"relaties die het interview niet noemt, bijvoorbeeld {key.actor(x).naam} - "
                           f"{key.actor(y).naam}. Zet alleen relaties in de tabel waarover de jongerenwerker iets "
                           "vertelt.")
        extra = len({p for p in got if None not in p} - want)
        return True, (f"alle {len(want)} relaties uit het interview staan erin"
                      + (f"; {extra} relatie(s) heb je zelf afgeleid: bespreek of het interview die echt noemt."
                         if extra else "."))
    a = sorted(next(iter(sorted(want - got, key=sorted))))[0]
    return False, (f"{len(right)} van de {len(want)} relaties gevonden. Met wie heeft {key.actor(a).naam.lower()} "
                   "volgens het interview nog een relatie?")


def _judge_actor(expected_ids: Callable[[Any], set[str]], what: str):
    def judge(answer: Any, context: Mapping[str, Any]) -> tuple[bool, str]:
        key = _key()
        items = as_list(answer)
        if len(items) != 1:
            return False, "geef één actor (de naam zoals in je tabel)."
        if key.names_in(items[0]):
            return False, "gebruik de rol of de naam van de organisatie, niet de naam van een persoon."
        found = key.match(str(items[0]))
        if found is None:
            return False, f"'{items[0]}' herken ik niet als actor uit het interview."
        if found in expected_ids(key):
            return True, f"{key.actor(found).naam} {what}."
        return False, f"{key.actor(found).naam} is het niet."
    return judge


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



# -- notebook 06: interventies en werkzame principes ---------------------------------------------------------


def _expected_6_1() -> str:
    from wijklib.training.interventions import buurt_profile, ranked_interventions

    return ranked_interventions(buurt_profile("BU99010302"), top=1)[0].interventie.id


def _expected_6_2() -> int:
    from wijklib.training.interventions import buurt_profile, ranked_interventions

    top = ranked_interventions(buurt_profile("BU99010302", potential=0.1), top=5)
    return max(int(m.interventie.trede_niveau) for m in top)


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


#: Per note with identifying details (number from 1): what the note is about (Dutch, for the hint), word stems of
#: which a rewrite keeps at least one (the content), and patterns of the details of that note that must be gone
#: in any spelling (a surname without "meneer", a plate without dashes, a house number, a phone number in parts).
_NOTE_REWRITE: dict[int, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    2: ("de bedreiging sinds de zomer", ("bedreig", "dreig", "intimid"), (r"\bbakker",)),
    3: ("de bestelbus bij de lege hallen", ("bus", "auto", "wagen", "voertuig"), (r"vx\W*123\W*b", r"\bvx\b")),
    4: ("de zorgen over jongens die pakketjes rondbrengen", ("pakket", "pakje", "rondbreng", "bezorg", "koerier"),
        (r"\bfenna\b",)),
    6: ("de overlast van de buren", ("overlast", "last van", "herrie", "geluid"),
        (r"kievitslaan\W*\d", r"\b(?:nummer|nr|huisnummer)\W*\d", r"(?<![\d,.])8(?![\d,.])",
         r"(?:\d[\s\-]?){8,}", r"1234\W*5678")),
}


#: An initial that still points at one person (raw text, case matters): after a form of address ("Meneer B."),
#: in brackets ("(F.)") or before a surname prefix ("F. van de moedergroep").
_INITIAL = re.compile(r"\b(?i:meneer|mijnheer|heer|mevrouw|juffrouw|dhr|mevr|mw|mr)\.?\s+(?:[A-Z]\.\s*)+"
                      r"|\(\s*(?:[A-Z]\.\s*)+\)|(?<![\w.])[A-Z]\.\s+(?:van|de|der|den|uit)\s")
_NUMBER_WORD = (r"(?:nul|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien"
                r"|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig"
                r"|negentig|honderd)")
#: Five or more number words in a row: a phone or house number written out (folded text).
_NUMBER_IN_WORDS = re.compile(rf"\b{_NUMBER_WORD}(?:[\s,\-]+(?:en\s+)?{_NUMBER_WORD}){{4,}}\b")
#: Origin or ethnicity of a person: makes someone recognisable in a small area and is stigmatising (folded text).
_ORIGIN = re.compile(r"\b(?:marokka\w*|turk\w*|surinam\w*|antilli\w*|antiliaan\w*|pool|poolse|pools|somali\w*"
                     r"|syri\w*|eritre\w*|afghaan\w*|afghaans\w*|ghanees\w*|nigeriaan\w*|koerd\w*|allochto\w*"
                     r"|buitenlands\w*|buitenlander\w*|donker\w*\s+huidskleur|zwarte\s+(?:man|vrouw|jongen|meisje))")
#: A street name (folded text) ...
_STREET_NAME = re.compile(r"\b\w+(?:straat|laan|weg|plein|hof|kade|singel|gracht|dijk|pad|steeg|dreef|erf|ring)\b")
#: ... together with a detail that singles out one house or person there (folded text).
_DISTINCT = re.compile(r"\b(?:op de hoek|hoekhuis|hoekwoning|(?:groene|rode|blauwe|gele|witte|zwarte|oranje|paarse)\s+deur"
                       r"|weduw\w*|rolstoel\w*|scootmobiel\w*|tegenover|naast de|naast het|boven de|enige"
                       r"|laatste huis|eerste huis)\b")
#: What the success message of exercise 7.2 can honestly say (the check does not see combinations of facts).
_7_2_PRAISE = ("de notities vertellen nog wat er speelt, en de zelftoets vindt er geen naam, initiaal, huisnummer, "
               "kenteken, telefoonnummer of herkomst meer in. Controleer zelf nog op combinaties van kenmerken "
               "(waar, wie, uiterlijk, herkomst) die iemand herkenbaar maken.")


def _judge_7_2(answer: Any, context: Mapping[str, Any]) -> tuple[bool, str]:
    from wijklib.training.privacy import find_identifying

    expected = sorted(flagged_notes())
    numbers = ", ".join(map(str, expected))
    texts = as_list(answer)
    if len(texts) != len(expected):
        return False, (f"verwacht {len(expected)} herschreven notities: één per notitie met herleidbare gegevens "
                       f"(notities {numbers}), in die volgorde.")
    originals = {fold(NOTES[i - 1]): i for i in range(1, len(NOTES) + 1)}
    for n, (text, note) in enumerate(zip(texts, expected), start=1):
        about, stems, details = _NOTE_REWRITE.get(note, ("wat er speelt", (), ()))
        if not isinstance(text, str) or len(text.split()) < 4:
            return False, f"notitie {n} is te kort: houd de inhoud (wat er speelt), laat alleen het herleidbare weg."
        if fold(text) in originals:
            same = originals[fold(text)]
            return False, (f"notitie {n} is nog niet herschreven." if same == note else
                           f"notitie {n} is notitie {same} zonder herleidbare gegevens; herschrijf alleen de notities "
                           f"{numbers}, in die volgorde.")
        found = find_identifying(text, NOTE_NAMES)
        if found:
            return False, f"in notitie {n} staat nog: {', '.join(found)}."
        if _INITIAL.search(text):
            return False, (f"in notitie {n} staat nog een initiaal ('Meneer B.', '(F.)'): ook een initiaal wijst in "
                           "een kleine buurt één persoon aan. Schrijf een rol op, zoals 'een bewoner'.")
        low = fold(text)
        if _NUMBER_IN_WORDS.search(low):
            return False, (f"in notitie {n} staat een nummer in woorden (een telefoon- of huisnummer): ook "
                           "uitgeschreven is dat herleidbaar. Laat het weg.")
        if _ORIGIN.search(low):
            return False, (f"in notitie {n} staat een herkomst of huidskleur: in een kleine buurt maakt dat iemand "
                           "herkenbaar en het is stigmatiserend; voor wat er speelt is het niet nodig. Laat het weg.")
        if _STREET_NAME.search(low) and _DISTINCT.search(low):
            return False, (f"in notitie {n} staat een straat met een kenmerk dat één woning of persoon aanwijst (de "
                           "hoek, een deur, 'weduwe'...): samen maakt dat iemand herkenbaar. Noem de straat of het "
                           "kenmerk, niet allebei, of schrijf alleen 'een bewoner'.")
        if any(re.search(p, low) for p in details):
            return False, (f"in notitie {n} (de herschreven notitie {note}) staat nog iets waaraan je een persoon, "
                           "woning of auto herkent: een achternaam, huisnummer, kenteken of telefoonnummer, ook "
                           "zonder streepjes of zonder 'meneer'. Laat het weg of vervang het door een rol.")
        if stems and not any(st in low for st in stems):
            return False, (f"notitie {n} hoort bij notitie {note} en gaat over {about}; dat staat er niet meer in. "
                           "Houd wat er speelt en laat alleen weg wie of welk adres het is (zelfde volgorde als de "
                           f"notities {numbers}).")
    return True, _7_2_PRAISE


#: The multiple-choice question about named suspects: (question, options). The answer is only in the answer key.
def _suspect_quiz() -> tuple[str, dict[str, str]]:
    from wijklib.training.answers import _entry, _options

    return _entry("oefening_7_5")["vraag"], _options("oefening_7_5")


SUSPECT_QUIZ: tuple[str, dict[str, str]] = _suspect_quiz()

#: Exercises whose accepted answers follow from the data: the tests check the answer key against these.
_COMPUTED: dict[str, Callable[[], Any]] = {
    "oefening_1_1": _expected_1_3, "oefening_1_2": _expected_1_1,
    "oefening_2_1": _expected_2_1, "oefening_2_2": _expected_2_2, "oefening_2_3": _expected_2_3,
    "oefening_2_4": _expected_2_4, "oefening_3_1": _expected_3_1, "oefening_3_2": _expected_3_2,
    "oefening_3_3": _expected_3_3, "oefening_5_1": _expected_5_1, "oefening_5_2": _expected_5_2,
    "oefening_5_3": _expected_5_3, "oefening_6_1": _expected_6_1, "oefening_6_2": _expected_6_2,
    "oefening_7_1": flagged_notes, "oefening_7_3": _expected_7_3, "oefening_7_4": _expected_7_4,
}

_JUDGES: dict[str, Callable[[Any, Mapping[str, Any]], tuple[bool, str]]] = {
    "oefening_4_1": _judge_4_1,
    "oefening_4_2": _judge_4_2,
    "oefening_4_3": _judge_actor(lambda k: {k.main_broker()}, "ligt op de meeste kortste routes"),
    "oefening_4_4": _judge_actor(lambda k: set(k.untapped_reach()), "heeft groot bereik maar weinig vertrouwen"),
    "oefening_7_2": _judge_7_2,
}


def _register_all() -> None:
    from wijklib.training.answers import _entry, _ids

    for ex_id in _ids():
        entry = _entry(ex_id)
        register(Exercise(ex_id, str(entry["notebook"]), entry["vraag"], entry["soort"], tip=entry.get("tip", ""),
                          judge=_JUDGES.get(ex_id), tolerance=float(entry.get("tolerantie", 0.0))))


_register_all()
