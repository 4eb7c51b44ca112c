"""One answer key for self-checks and facilitator; wrong answers are explained; a closed gate is never 'op orde'."""

from __future__ import annotations

import re

import pytest

from wijklib.training import EXERCISES, TRAINING_DIR, check
from wijklib.training.answers import (KEY_FILE, TABLE_BEGIN, TABLE_END, _entry, _ids, _labels, _options,
                                      answer_table_markdown)
from wijklib.training.exercises import _COMPUTED

from training_helpers import ACTORS_RIGHT



def test_the_key_lives_outside_the_notebook_folder_and_covers_every_exercise():
    assert TRAINING_DIR not in KEY_FILE.parents
    assert set(_ids()) == set(EXERCISES)
    assert not (TRAINING_DIR / "casus").exists()


@pytest.mark.parametrize("exercise_id", sorted(_COMPUTED))
def test_the_key_matches_the_demo_data(exercise_id):
    computed = _COMPUTED[exercise_id]()
    accepted = _entry(exercise_id)["antwoorden"]
    if isinstance(computed, (set, frozenset)):
        assert set(accepted) == set(computed), f"{exercise_id}: sleutel {accepted}, data {sorted(computed)}"
    else:
        assert accepted == [computed], f"{exercise_id}: sleutel {accepted}, data {computed}"
    assert _entry(exercise_id).get("berekend") is True


def test_facilitator_table_is_generated_from_the_key():
    guide = (TRAINING_DIR / "FACILITATOR.md").read_text(encoding="utf-8")
    table = guide.split(TABLE_BEGIN, 1)[1].split(TABLE_END, 1)[0]
    assert table.strip() == answer_table_markdown().strip(), \
        "FACILITATOR.md is niet bij: python -m wijklib.training antwoordtabel notebooks/training/FACILITATOR.md"
    for ex_id in EXERCISES:
        nr = ex_id.replace("oefening_", "").replace("_", ".")
        assert re.search(rf"^\| {re.escape(nr)} \|", table, re.MULTILINE), f"{nr} ontbreekt in de antwoordtabel"


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_cites_its_source_and_explains_wrong_answers(exercise_id):
    entry = _entry(exercise_id)
    assert re.search(r"\b00[0-4]\b|keuze van wijklib|CBS", entry["bron"]), entry["bron"]
    if entry["soort"] == "keuze":
        assert all(o.get("waarom") for o in entry["opties"].values())
        assert set(entry["antwoorden"]) <= set(entry["opties"])
    elif entry["soort"] == "koppeling":
        labels = _labels(exercise_id)
        for item in entry["items"].values():
            assert item.get("waarom") and set(item["antwoorden"]) <= set(labels)
    elif entry["soort"] != "eigen":
        assert entry.get("fout") or entry.get("waarom_fout"), f"{exercise_id}: geen uitleg bij een fout antwoord"


def test_a_wrong_choice_gets_its_own_explanation(capsys):
    check("oefening_1_5", "a")
    out = capsys.readouterr().out
    assert out.startswith("Nog niet: a is niet het beste antwoord: ")
    assert _entry("oefening_1_5")["opties"]["a"]["waarom"] in out


def test_6_3_accepts_every_principle_the_facilitator_accepts(capsys):
    for answer in ("Soort zoekt soort", "Sociale bewijskracht", "lk.wp.sociale_bewijskracht"):
        assert check("oefening_6_3", answer)
    check("oefening_6_3", "Timing is everything")
    assert "de casus draait om wie moeders bereikt" in capsys.readouterr().out
    assert "Sociale bewijskracht" in answer_table_markdown()


def test_4_1_checks_the_world_column(capsys):
    assert check("oefening_4_1", ACTORS_RIGHT)
    wrong = ACTORS_RIGHT.replace("WV; wijkverbinder; systeem; ja", "WV; wijkverbinder; leef; ja")
    assert not check("oefening_4_1", wrong)
    assert "wijkverbinder staat in de wereld 'leef', maar hoort bij 'systeem'" in capsys.readouterr().out


def test_4_1_checks_the_person_column_and_4_2_the_kind_of_relation(capsys):
    wrong = ACTORS_RIGHT.replace("De Bron; leef; nee", "De Bron; leef; ja")
    assert not check("oefening_4_1", wrong)
    assert "Geloofsgemeenschap De Bron" in capsys.readouterr().out
    relations = "bron; doel; soort\nJW; WA; vriendschap\n"
    assert not check("oefening_4_2", relations, actoren=ACTORS_RIGHT)
    assert "kies uit samenwerking" in capsys.readouterr().out


def test_urgency_types_include_beleidskader_as_003_defines_it(capsys):
    assert set(_labels("oefening_3_4")) == {"acuut", "sluimerend", "meervoudig", "beleidskader"}
    assert "Rotterdam Zuid" in _entry("oefening_3_4")["bron"]
    answer = {"A": "acute urgentie", "B": "sluimerend", "C": "meervoudig", "D": "urgentie door een sterk beleidsframe"}
    assert check("oefening_3_4", answer)


def test_no_public_way_to_read_an_answer():
    import wijklib.training as t

    assert not any(hasattr(ex, "expected") for ex in EXERCISES.values())
    question, options = t.SUSPECT_QUIZ  # question and options only
    assert set(options) == {"a", "b", "c", "d"} and isinstance(question, str)
    assert not any("antwoorden" in name or "expected" in name for name in t.__all__)
    assert set(_options("oefening_7_5")) == set(options)


def test_a_closed_gate_never_calls_the_ranking_op_orde():
    """Berkenhof (training notebook 06): the quickscan gate is closed, so no reason says 'op orde'."""
    from wijklib.training import buurt_profile, gate_notice, ranked_interventions

    profile = buurt_profile("BU99010302")
    assert profile.poort_open is False
    assert "Poort van de quickscan: dicht" in profile.markdown()
    notice = gate_notice(profile)
    assert "verkenning" in notice and "niet" in notice
    for match in ranked_interventions(profile):
        for reason in match.redenen:
            assert not re.search(r"(voldoende|zijn|is) op orde", reason), reason
