"""Completeness of the catalogue for seed 002, *Denkkader participatieve interventies en veiligheidsbeleving*.

Pinned to the web page: 4 steps, 3 facets (invalshoeken), 10 phenomena, 6 rungs of the participation ladder
(informeren = 1 .. zelfbestuur = 6) and 6 working mechanisms.
"""

from __future__ import annotations

import re

import pytest

from wijklib.catalogue import load_catalogue

STAP_NAMES = ["Ken je buurt/wijk", "Schets een profiel", "Laat je inspireren door best-practices",
              "Ga uit van je eigen situatie"]
FENOMENEN = ["Bewustzijn creëren", "Intercultureel werken", "Leefbaarheid", "Overlast", "Sociale cohesie",
             "Sociale veiligheid", "Toezicht", "Veiligheid", "Verloedering", "Woninginbraak"]
TREDEN = ["Informeren", "Inspreken / raadplegen", "Consulteren / adviseren", "Coproduceren / samenwerken",
          "Delegeren / meebeslissen", "Zelfbestuur"]
TREDE_IDS = ["dk.trede.informeren", "dk.trede.raadplegen", "dk.trede.adviseren", "dk.trede.coproduceren",
             "dk.trede.meebeslissen", "dk.trede.zelfbestuur"]        # agreed ids (SCHEMA.md)
MECHANISMEN = ["Bemiddelen", "Co-creatie", "Meedenken", "Verbinden", "Organiseren / uitvoeren",
               "Prioriteren / signaleren"]


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_document_info(cat):
    doc = cat.documents["002"]
    assert doc.prefix == "dk"
    assert doc.file == "002_7c097242bd131498.txt"
    assert all(e.id.startswith("dk.") for e in cat if e.document == "002")


@pytest.mark.parametrize("kind, names", [
    ("denkkader_stap", STAP_NAMES), ("fenomeen", FENOMENEN), ("participatietrede", TREDEN),
    ("werkingsmechanisme", MECHANISMEN),
])
def test_counts_and_names_in_order(cat, kind, names):
    entries = cat.by_kind(kind)
    assert [e.name_nl for e in entries] == names
    assert [e.order for e in entries] == list(range(1, len(names) + 1))
    assert {e.document for e in entries} == {"002"}
    assert all(not e.interpretation for e in entries)


def test_steps_numbered(cat):
    steps = cat.by_kind("denkkader_stap")
    assert [s.attr("nummer") for s in steps] == [1, 2, 3, 4]
    assert len(steps[0].attr("kernvragen")) == 3
    assert all(s.source.section.startswith(f"Stap {s.attr('nummer')} ") for s in steps)


def test_step_two_names_the_three_facets(cat):
    facets = cat.targets("dk.stap.profiel", rel="zie_ook")
    assert [f.id for f in facets] == ["dk.ih.werking", "dk.ih.fenomeen", "dk.ih.participatie"]
    assert {f.kind for f in facets} == {"invalshoek"}
    assert [f.attr("profielnummer") for f in facets] == [1, 2, 3]


@pytest.mark.parametrize("kind, parent", [
    ("fenomeen", "dk.ih.fenomeen"), ("participatietrede", "dk.ih.participatie"),
    ("werkingsmechanisme", "dk.ih.werking"),
])
def test_facet_values_hang_under_their_facet(cat, kind, parent):
    assert cat.children(parent, kind=kind) == cat.by_kind(kind)


def test_participation_ladder_levels(cat):
    rungs = cat.by_kind("participatietrede")
    assert [r.id for r in rungs] == TREDE_IDS
    assert [r.attr("niveau") for r in rungs] == [1, 2, 3, 4, 5, 6]
    assert cat.get("dk.trede.zelfbestuur").attr("niveau") == 6


def test_more_participation_is_not_better_is_recorded(cat):
    """Matching code must not rank higher rungs as better; the document says so and the catalogue records it."""
    kind_text = cat.kinds["participatietrede"].description_nl
    assert "niet per definitie beter" in kind_text
    assert "geen hogere score" in kind_text
    facet = cat.get("dk.ih.participatie")
    assert "niet vanzelf beter" in facet.description_nl
    assert "not better in itself" in facet.description_en
    assert "potentie" in (cat.get("dk.trede.zelfbestuur").note or "")


def test_examples_and_sources(cat):
    assert cat.get("dk.fe.overlast").attr("voorbeelden") == ("geluidsoverlast", "zwerfvuil",
                                                             "overlast van jongerengroepen")
    for e in cat:
        if e.document == "002":
            assert re.search(r"\(r\. \d+-\d+\)$", e.source.section), e.id


def test_facets_are_used_by_leerkring_interventions(cat):
    used = {t.id for iv in cat.by_kind("voorbeeldinterventie") for t in cat.targets(iv.id, rel="participatietrede")}
    assert "dk.trede.informeren" in used and "dk.trede.coproduceren" in used
    assert len(cat.referrers("dk.fe.veiligheid", rel="fenomeen")) >= 10
    assert cat.referrers("dk.wm.prioriteren_signaleren", rel="mechanisme")


def test_line_references_point_at_the_right_text(cat, shared_data):
    path = shared_data.parent / "domain" / "seeds" / "002_7c097242bd131498.txt"
    if not path.is_file():
        pytest.skip("brondocument 002 niet gevonden")
    lines = path.read_text(encoding="utf-8").splitlines()
    for kind in ("fenomeen", "participatietrede", "werkingsmechanisme"):
        for e in cat.by_kind(kind):
            lo = int(re.search(r"r\. (\d+)", e.source.section).group(1))
            assert lines[lo - 1].strip() == e.name_nl, (e.id, lines[lo - 1])
