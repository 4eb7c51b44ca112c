"""Self-checks 4.1, 4.2 and 7.2 accept right answers and reject wrong ones that they used to praise.

Right answers follow the exercise texts of notebooks 04 and 07 and the interview (FICTIEF): actors with their role,
never a name or a suspect; relations the interviewee describes as working together, sharing information or trust;
the identifying notes rewritten in the same order, keeping what happens.
"""

from __future__ import annotations

import itertools

import pytest

from wijklib.training import check

from training_helpers import ACTORS_RIGHT, RELATIONS_RIGHT

REWRITTEN = ["Een bewoner zegt dat hij sinds de zomer wordt bedreigd door jongens uit de buurt.",
             "Een witte bestelbus staat 's nachts vaak bij de lege hallen op De Zwaan.",
             "Een sleutelpersoon van de moedergroep maakt zich zorgen over jongens die pakketjes rondbrengen.",
             "Een bewoner in de Kievitshof meldt herhaaldelijk overlast van buren."]
#: Other right rewrites, in other words.
REWRITTEN_OTHER = ["Een oudere bewoner voelt zich sinds de zomer bedreigd door jongens uit de buurt.",
                   "Er staat 's nachts vaak een wit busje bij de lege hallen op De Zwaan.",
                   "Een moeder uit de moedergroep maakt zich zorgen over jongens die pakketjes bezorgen.",
                   "Een bewoner van de Kievitslaan belt vaak over overlast van de buren."]


def _feedback(capsys, exercise, answer, **context):
    ok = bool(check(exercise, answer, streng=False, **context))
    return ok, capsys.readouterr().out


@pytest.mark.parametrize("answer", [REWRITTEN, REWRITTEN_OTHER])
def test_7_2_accepts_right_rewrites(capsys, answer):
    ok, out = _feedback(capsys, "oefening_7_2", answer)
    assert ok and out.startswith("Goed zo"), out


@pytest.mark.parametrize("answer, fragment", [
    (["dit is een notitie", "dit is notitie twee", "nog een notitie hier", "en de laatste notitie"],
     "gaat over de bedreiging"),
    ([REWRITTEN[1], REWRITTEN[0], REWRITTEN[3], REWRITTEN[2]], "zelfde volgorde"),
    (["Bewoners van de Merelhof melden dat er 's avonds vaak jongeren in de portieken rondhangen."] + REWRITTEN[1:],
     "herschrijf alleen de notities 2, 3, 4, 6"),
    (["De heer Bakker zegt dat hij sinds de zomer wordt bedreigd."] + REWRITTEN[1:], "naam met aanspreekvorm"),
    (["Bakker zegt dat hij sinds de zomer wordt bedreigd door buurjongens."] + REWRITTEN[1:], "achternaam"),
    ([REWRITTEN[0], "Een witte bestelbus met kenteken VX123B staat bij de lege hallen."] + REWRITTEN[2:], "kenteken"),
    (REWRITTEN[:3] + ["Een bewoner belt steeds met 06 1234 5678 over overlast van de buren."], "telefoonnummer"),
    (REWRITTEN[:3] + ["De bewoner van nummer 8 in de Kievitslaan belt over overlast."], "huisnummer"),
])
def test_7_2_rejects_wrong_rewrites_with_a_dutch_hint(capsys, answer, fragment):
    ok, out = _feedback(capsys, "oefening_7_2", answer)
    assert not ok and out.startswith("Nog niet") and "Goed zo" not in out
    assert fragment in out, out


def test_4_1_accepts_the_right_table_and_a_context_node(capsys):
    assert _feedback(capsys, "oefening_4_1", ACTORS_RIGHT)[0]
    ok, out = _feedback(capsys, "oefening_4_1", ACTORS_RIGHT + "DN; drugsnetwerk rond Zuiderveld (context); "
                                                             "crimineel; nee\n")
    assert ok and "eigen toevoeging" in out, out


@pytest.mark.parametrize("table, fragment", [
    (ACTORS_RIGHT + "X1; man in de witte auto; crimineel; ja\n", "criminele kant"),
    (ACTORS_RIGHT + "X2; meneer Bakker; leef; ja\n", "nooit de naam"),
    (ACTORS_RIGHT + "X3; Stichting Buurtbudget; onzin; nee\n", "kies systeem, leef of beide"),
    (ACTORS_RIGHT + "X4; Buurthuis De Schakel; leef; misschien\n", "geen ja of nee"),
    (ACTORS_RIGHT.replace("WV; wijkverbinder", "WA; wijkverbinder"), "meer dan eens"),
    # the organisation 'Gemeente' is not the wijkverbinder (a person, noted by role)
    (ACTORS_RIGHT.replace("WV; wijkverbinder", "WV; Gemeente"), "Hoe gaat het met doorverwijzen?"),
])
def test_4_1_rejects_wrong_tables_it_used_to_praise(capsys, table, fragment):
    ok, out = _feedback(capsys, "oefening_4_1", table)
    assert not ok and out.startswith("Nog niet"), out
    assert fragment in out, out


def test_4_2_accepts_the_right_relations_with_other_fitting_kinds_and_supported_extras(capsys):
    assert _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT, actoren=ACTORS_RIGHT)[0]
    other_kinds = RELATIONS_RIGHT.replace("BV; GG; vertrouwen", "BV; GG; samenwerking").replace(
        "JW; WT; informatie", "JW; WT; samenwerking")
    assert _feedback(capsys, "oefening_4_2", other_kinds, actoren=ACTORS_RIGHT)[0]
    # relations the interview also mentions (the youths do not trust the agent yet) need no discussion
    ok, out = _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT + "JR; WA; conflict\n", actoren=ACTORS_RIGHT)
    assert ok, out
    # one own guess is accepted with the question to discuss it
    ok, out = _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT + "BS; WT; informatie\n", actoren=ACTORS_RIGHT)
    assert ok and "bespreek" in out, out


def test_4_2_rejects_every_pair_and_kinds_the_interview_contradicts(capsys):
    codes = [line.split(";")[0].strip() for line in ACTORS_RIGHT.strip().splitlines()[1:]]
    everything = "bron; doel; soort\n" + "".join(f"{a}; {b}; samenwerking\n" for a, b in
                                                  itertools.combinations(codes, 2))
    ok, out = _feedback(capsys, "oefening_4_2", everything, actoren=ACTORS_RIGHT)
    assert not ok and "die het interview niet noemt" in out, out
    ok, out = _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT.replace("BV; GG; vertrouwen", "BV; GG; conflict"),
                        actoren=ACTORS_RIGHT)
    assert not ok and "Kies samenwerking, informatie of vertrouwen" in out, out
    ok, out = _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT,
                        actoren=ACTORS_RIGHT + "X1; man in de witte auto; crimineel; ja\n")
    assert not ok and "criminele kant" in out, out
