"""Several informants and rounds: consensus network, contested ties, agreement, differences between rounds."""

from __future__ import annotations

import math

import pytest

from wijklib.stakeholders import compare_rounds, consensus_network, contested_ties, informant_agreement
from wijklib.stakeholders.consensus import informant_layers

from .conftest import make_set, rel


def r(bron, doel, type, informant, **kw):
    return rel(bron, doel, type, informant=informant, **kw)


@pytest.fixture
def three_informants():
    return make_set(list("ABCD"), [
        r("A", "B", "samenwerking", "I1", gericht=False, sterkte=3),
        r("A", "B", "samenwerking", "I2", gericht=False, sterkte=1),
        r("A", "B", "informatie", "I3"),
        r("A", "C", "informatie", "I1", sterkte=2),
        r("A", "C", "informatie", "I2", sterkte=3),
        r("B", "C", "informatie", "I1"),
        r("C", "B", "informatie", "I2"),
        r("C", "D", "vertrouwen", "I1"),
        r("A", "D", "conflict", "I1", gericht=False),
        r("A", "D", "conflict", "I3", gericht=False, bestaat=False),
        r("B", "D", "samenwerking", "I2", gericht=False),
        r("B", "D", "conflict", "I3", gericht=False),
    ])


def edge(G, a, b, t):
    for u, v, d in G.edges(data=True):
        if {u, v} == {a, b} and d["type"] == t:
            return u, v, d
    return None


def test_consensus_threshold_strength_and_direction(three_informants):
    G = consensus_network(three_informants, min_informants=2)
    assert G.graph["min_informanten"] == 2
    assert {(frozenset((u, v)), d["type"]) for u, v, d in G.edges(data=True)} == {
        (frozenset("AB"), "samenwerking"), (frozenset("AC"), "informatie"), (frozenset("BC"), "informatie")}
    _, _, ab = edge(G, "A", "B", "samenwerking")
    assert ab["sterkte"] == 2 and ab["steun"] == 2 and ab["gericht"] is False
    assert ab["genoemd_door"] == ("I1", "I2")
    u, v, ac = edge(G, "A", "C", "informatie")
    assert (u, v) == ("A", "C") and ac["gericht"] is True and ac["sterkte"] == 2.5
    _, _, bc = edge(G, "B", "C", "informatie")
    assert bc["gericht"] is False and bc["richting_betwist"] is True  # B->C by one, C->B by the other
    union = consensus_network(three_informants, min_informants=1)
    assert edge(union, "C", "D", "vertrouwen") is not None and edge(union, "A", "D", "conflict")[2][
        "ontkend_door"] == ("I3",)
    assert consensus_network(three_informants, min_informants=3).number_of_edges() == 0


def test_default_k_is_two_or_one():
    single = make_set(["A", "B"], [r("A", "B", "samenwerking", "I1")])
    assert consensus_network(single).number_of_edges() == 1  # one informant: k = 1


def test_contested_reasons(three_informants):
    c = contested_ties(three_informants)
    by = {(frozenset((a, b)), t): row for a, b, t, row in
          zip(c["actor_a"], c["actor_b"], c["type"], c.to_dict("records"))}
    assert by[(frozenset("AD"), "conflict")]["reden"] == "ontkend"
    assert by[(frozenset("AD"), "conflict")]["ontkend_door"] == "I3"
    assert by[(frozenset("AD"), "conflict")]["niet_genoemd_door"] == "I2"
    assert by[(frozenset("BD"), "samenwerking")]["reden"] == "tegenstrijdig"
    assert by[(frozenset("BD"), "conflict")]["reden"] == "tegenstrijdig"
    assert by[(frozenset("AB"), "informatie")]["reden"] == "ander type"
    assert by[(frozenset("AB"), "informatie")]["ander_type_door"] == "I1: samenwerking; I2: samenwerking"
    assert by[(frozenset("AB"), "samenwerking")]["reden"] == "ander type"
    assert by[(frozenset("BC"), "informatie")]["reden"] == "andere richting"
    assert (frozenset("AC"), "informatie") not in by  # agreed: not contested
    assert (frozenset("CD"), "vertrouwen") not in by  # named by one, contradicted by nobody
    assert list(c["reden"])[:2] == ["tegenstrijdig", "tegenstrijdig"]  # most serious first
    assert math.isclose(by[(frozenset("AD"), "conflict")]["steun"], 1 / 3)


def test_informant_agreement_and_layers(three_informants):
    ag = informant_agreement(three_informants)
    assert ag.loc["I1", "I1"] == 1.0
    # I1: AB-sam, AC-inf, BC-inf, CD-ver, AD-con; I2: AB-sam, AC-inf, BC-inf, BD-sam -> 3 shared of 6
    assert math.isclose(ag.loc["I1", "I2"], 3 / 6)
    assert ag.loc["I1", "I2"] == ag.loc["I2", "I1"]
    layers = informant_layers(three_informants)
    assert set(layers) == {"I1", "I2", "I3"} and layers["I3"].number_of_edges() == 2


def test_compare_rounds():
    s = make_set(
        ["A", "B", "C"],
        [r("A", "B", "samenwerking", "I1", ronde="R1", sterkte=1), r("A", "C", "informatie", "I1", ronde="R1"),
         r("A", "B", "samenwerking", "I1", ronde="R2", sterkte=3), r("B", "C", "vertrouwen", "I1", ronde="R2")],
        [dict(ronde="R1", informant="I1", actor_id="A", macht=2, belang=4, trede_huidig=1, houding=1),
         dict(ronde="R2", informant="I1", actor_id="A", macht=5, belang=4, trede_huidig=3, houding=1),
         dict(ronde="R1", informant="I1", actor_id="B", macht=2, belang=2),
         dict(ronde="R2", informant="I1", actor_id="B", macht=2, belang=2)])
    cmp = compare_rounds(s, "R1", "R2")
    status = {(frozenset((a, b)), t): st for a, b, t, st in
              zip(cmp.ties["actor_a"], cmp.ties["actor_b"], cmp.ties["type"], cmp.ties["status"])}
    assert status == {(frozenset("AB"), "samenwerking"): "sterker", (frozenset("AC"), "informatie"): "verdwenen",
                      (frozenset("BC"), "vertrouwen"): "nieuw"}
    assert len(cmp.new_ties()) == 1 and len(cmp.lost_ties()) == 1
    a = cmp.actors.loc["A"]
    assert a["kwadrant_R1"] == "betrokkene" and a["kwadrant_R2"] == "sleutelspeler"
    assert bool(a["kwadrant_veranderd"]) and bool(a["trede_veranderd"]) and a["macht_verschil"] == 3
    assert list(cmp.moved().index) == ["A"]  # B did not move
    text = cmp.summary_nl()
    assert "1 nieuwe en 1 verdwenen" in text and "van betrokkene naar sleutelspeler" in text
    assert "huidige participatietrede van 1 (informeren) naar 3 (adviseren)" in text


def test_demo_rounds_tell_the_story(demo):
    cmp = compare_rounds(demo, "R1", "R2")
    labels = set(cmp.new_ties()["label_a"]) | set(cmp.new_ties()["label_b"])
    assert "wijkverbinder Zuiderveld" in labels
    moved = cmp.moved()
    assert "A16" in moved.index  # the mothers' group gained influence and a higher rung
    assert len(contested_ties(demo, "R1")) >= 3
