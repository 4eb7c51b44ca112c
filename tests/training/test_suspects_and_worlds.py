"""Self-check 4.1 refuses the suspects of the interview in any world and accepts the wijkverbinder as 'beide'.

The interview (FICTIEF) says the man in the white car and the group that has young people run errands are not
written down; notebooks 04 and 07 teach that suspects never go in the map (a context node without persons may).
The Handreiking (004, stap 5) describes the wijkverbinder as the networker in the wijk, employed by the gemeente.
"""

from __future__ import annotations

import pytest

from wijklib.training import check
from wijklib.training.network import load_interview

from training_helpers import ACTORS_RIGHT


def _feedback(capsys, exercise, answer, **context):
    ok = bool(check(exercise, answer, streng=False, **context))
    return ok, capsys.readouterr().out


def test_right_table_and_context_node_still_praised(capsys):
    ok, out = _feedback(capsys, "oefening_4_1", ACTORS_RIGHT)
    assert ok and out.startswith("Goed zo"), out
    ok, out = _feedback(capsys, "oefening_4_1", ACTORS_RIGHT + "DN; drugsnetwerk rond Zuiderveld (context); "
                                                             "crimineel; nee\n")
    assert ok and out.startswith("Goed zo"), out


@pytest.mark.parametrize("row", [
    "MW; man in de witte auto; leef; ja",
    "MW; man in de witte auto; systeem; nee",
    "GR; groep die jongeren klusjes laat doen; leef; nee",
    "DL; dealers bij de flats; leef; nee",
    "DN; drugsnetwerk rond Zuiderveld; leef; nee",
])
def test_suspects_of_the_interview_refused_in_any_world(capsys, row):
    ok, out = _feedback(capsys, "oefening_4_1", ACTORS_RIGHT + row + "\n")
    assert not ok and out.startswith("Nog niet") and "Goed zo" not in out, out
    assert "criminele kant" in out and "contextknoop" in out, out


def test_suspect_in_actor_table_also_blocks_exercise_4_2(capsys):
    from training_helpers import RELATIONS_RIGHT

    ok, out = _feedback(capsys, "oefening_4_2", RELATIONS_RIGHT,
                        actoren=ACTORS_RIGHT + "MW; man in de witte auto; leef; ja\n")
    assert not ok and "criminele kant" in out, out


def test_young_people_asked_to_run_errands_are_not_suspects(capsys):
    ok, out = _feedback(capsys, "oefening_4_1", ACTORS_RIGHT + "JK; jongeren die pakketjes rondbrengen; leef; nee\n")
    assert ok, out


def test_wijkverbinder_beide_accepted_with_explanation(capsys):
    table = ACTORS_RIGHT.replace("WV; wijkverbinder; systeem", "WV; wijkverbinder; beide")
    ok, out = _feedback(capsys, "oefening_4_1", table)
    assert ok and out.startswith("Goed zo"), out
    assert "ook goed" in out and "netwerker in de wijk" in out and "werkgever" in out, out


def test_other_system_actor_as_beide_still_wrong(capsys):
    table = ACTORS_RIGHT.replace("Basisschool De Merel; systeem", "Basisschool De Merel; beide")
    ok, out = _feedback(capsys, "oefening_4_1", table)
    assert not ok and "hoort bij 'systeem'" in out, out


def test_key_lists_beide_for_the_wijkverbinder_only():
    key = load_interview()
    assert {a.id: sorted(dict(a.ook_goed)) for a in key.actors if a.ook_goed} == {"WV": ["beide"]}


# -- exercise 7.2: rewritten notes ------------------------------------------------------------------------------

REWRITTEN = ["Een bewoner zegt dat hij sinds de zomer wordt bedreigd door jongens uit de buurt.",
             "Een witte bestelbus staat 's nachts vaak bij de lege hallen op De Zwaan.",
             "Een sleutelpersoon van de moedergroep maakt zich zorgen over jongens die pakketjes rondbrengen.",
             "Een bewoner van de Kievitslaan belt vaak over overlast van de buren."]


def test_7_2_right_rewrites_praised_without_claiming_more_than_checked(capsys):
    ok, out = _feedback(capsys, "oefening_7_2", REWRITTEN)
    assert ok and out.startswith("Goed zo"), out
    assert "niet meer over wie of waar precies" not in out
    assert "Controleer zelf nog op combinaties van kenmerken (waar, wie, uiterlijk, herkomst)" in out, out


@pytest.mark.parametrize("index, text, fragment", [
    (0, "Meneer B. zegt dat hij sinds de zomer wordt bedreigd door buurjongens.", "initiaal"),
    (0, "Mevr. K. zegt dat zij sinds de zomer wordt bedreigd door buurjongens.", "initiaal"),
    (2, "Een sleutelpersoon van de moedergroep (F.) maakt zich zorgen over jongens die pakketjes rondbrengen.",
     "initiaal"),
    (2, "F. van de moedergroep maakt zich zorgen over jongens die pakketjes rondbrengen.", "initiaal"),
    (3, "Een bewoner belt steeds over overlast; terugbellen op zes-twaalf-drie-vier-vijf.", "in woorden"),
    (3, "Een bewoner belt over overlast; terugbellen op nul zes een twee drie vier vijf zes zeven acht.", "in woorden"),
    (0, "Een Marokkaanse jongen zegt dat hij sinds de zomer wordt bedreigd door buurjongens.", "herkomst"),
    (3, "De oude weduwe op de hoek met de groene deur in de Kievitslaan meldt overlast van de buren.", "kenmerk"),
])
def test_7_2_refuses_rewrites_that_still_identify(capsys, index, text, fragment):
    answer = list(REWRITTEN)
    answer[index] = text
    ok, out = _feedback(capsys, "oefening_7_2", answer)
    assert not ok and out.startswith("Nog niet") and "Goed zo" not in out, out
    assert fragment in out, out


@pytest.mark.parametrize("index, text", [
    (0, "Een oudere bewoner voelt zich sinds de zomer bedreigd door drie of vier jongens uit de buurt."),
    (3, "Een bewoner meldt overlast van de buren op de hoek van het plein."),
    (3, "Een bewoner van de Kievitslaan hoort de buren op de deur bonken: overlast."),
])
def test_7_2_keeps_praising_ordinary_rewrites(capsys, index, text):
    answer = list(REWRITTEN)
    answer[index] = text
    ok, out = _feedback(capsys, "oefening_7_2", answer)
    assert ok, out
