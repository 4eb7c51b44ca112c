"""The fictional demo map of Zuiderveld (Lindewaard): shipped files, size, and fit with the catalogue."""

from __future__ import annotations

import pytest

from wijklib.stakeholders import DEMO_DIR, build_demo, load_stakeholders
from wijklib.stakeholders.demo import DEMO_PERSON_NAMES
from wijklib.stakeholders.vocab import actor_types


def test_demo_shape(demo):
    assert 28 <= len(demo.actors) <= 32
    assert demo.round_ids == ("R1", "R2") and demo.informant_ids == ("I1", "I2", "I3")
    persons = [a for a in demo.actors if a.natuurlijk_persoon]
    assert 3 <= len(persons) <= 6
    assert all(a.rol for a in persons)
    assert {a.wereld for a in demo.actors} >= {"systeem", "leef", "beide", "crimineel"}
    assert all(a.gebied is None or a.gebied.startswith(("BU9901", "WK9901", "GM9901")) for a in demo.actors)
    for r in demo.round_ids:
        assert set(demo.informants_in(r)) == {"I1", "I2", "I3"}
    assert any(not r.bestaat for r in demo.relations)  # explicit denials for the contested-ties exercise


@pytest.mark.parametrize("name", ["actoren.csv", "relaties.csv", "beoordelingen.csv", "rondes.csv",
                                  "informanten.csv", "stakeholders.xlsx", "README.md"])
def test_demo_files_present(name):
    assert (DEMO_DIR / name).exists(), f"{name} ontbreekt; maak het opnieuw met python -m wijklib.stakeholders"


@pytest.mark.parametrize("source", ["", "stakeholders.xlsx"])
def test_demo_files_equal_the_generator(source):
    """The shipped CSV and XLSX files are exactly what the deterministic generator makes."""
    built = build_demo()
    shipped = load_stakeholders(DEMO_DIR / source if source else DEMO_DIR)
    assert shipped.actors == built.actors
    assert shipped.relations == built.relations
    assert shipped.assessments == built.assessments
    assert shipped.rounds == built.rounds and shipped.informants == built.informants


def test_demo_actor_types_exist_in_the_catalogue():
    vocab = actor_types()
    if not vocab.available:
        pytest.skip("de catalogus heeft (nog) geen actortypen (soort 'actortype')")
    for a in build_demo().actors:
        if a.actortype != "overig":
            assert a.actortype in vocab.types, a.actortype
    crim = [a for a in build_demo().actors if a.wereld == "crimineel"]
    assert crim and not any(a.natuurlijk_persoon for a in crim)


def test_demo_readme_says_fictional():
    text = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    assert "FICTIEF" in text and "verzonnen" in text
    assert all(n.split()[-1] in ("Verzonnen", "Bedacht", "Fictief", "Denkbeeld") for n in DEMO_PERSON_NAMES)
