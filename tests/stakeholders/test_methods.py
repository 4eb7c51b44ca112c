"""Every classification method on small hand-checked score tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from wijklib.stakeholders import (classify, krachtenveld, krachtenveld_balance, opstelling, participation_gap,
                                  power_interest, reach_groups, reach_trust, salience)

from .conftest import make_set, rel


def frame(rows: dict[str, dict]) -> pd.DataFrame:
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "actor_id"
    df["label"] = df.index
    return df


def test_power_interest_quadrants_and_cut():
    df = frame({"a": {"macht": 5, "belang": 5}, "b": {"macht": 4, "belang": 2}, "c": {"macht": 1, "belang": 4},
                "d": {"macht": 2, "belang": 1}, "e": {"macht": 3, "belang": 3.01}, "f": {"macht": None, "belang": 4}})
    out = power_interest(df)
    assert list(out["kwadrant"][:5]) == ["HP_HI", "HP_LI", "LP_HI", "LP_LI", "LP_HI"]
    assert list(out["strategie"][:4]) == ["nauw betrekken", "tevreden houden", "informeren", "monitoren"]
    assert pd.isna(out.at["f", "kwadrant"])  # missing power: no quadrant, never a guess
    # a lower cut moves 'e' (3, 3.01) into the key-player quadrant
    assert power_interest(df, cut=2.5).at["e", "kwadrant"] == "HP_HI"


@pytest.mark.parametrize("p,l,u,klass,n", [
    (5, 1, 1, "slapend", 1), (1, 5, 1, "discretionair", 1), (1, 1, 5, "veeleisend", 1),
    (5, 5, 1, "dominant", 2), (5, 1, 5, "gevaarlijk", 2), (1, 5, 5, "afhankelijk", 2),
    (5, 5, 5, "definitief", 3), (1, 1, 1, "geen stakeholder", 0), (3, 3, 3, "geen stakeholder", 0),
])
def test_salience_all_eight_classes(p, l, u, klass, n):
    out = salience(frame({"x": {"macht": p, "legitimiteit": l, "urgentie": u}}))
    assert out.at["x", "klasse"] == klass
    assert out.at["x", "aantal_kenmerken"] == n


def test_salience_missing_attribute_gives_no_class():
    out = salience(frame({"x": {"macht": 5, "legitimiteit": None, "urgentie": 5}}))
    assert pd.isna(out.at["x", "klasse"])


@pytest.mark.parametrize("houding,macht,typ,kamp", [
    (2, 5, "bondgenoot", "voor"), (1, 2, "medestander", "voor"), (0, 4, "twijfelaar", "neutraal"),
    (0.4, 1, "toeschouwer", "neutraal"), (-1, 4, "opponent", "tegen"), (-0.5, 3, "criticus", "tegen"),
])
def test_krachtenveld_types(houding, macht, typ, kamp):
    out = krachtenveld(frame({"x": {"houding": houding, "macht": macht}}))
    assert (out.at["x", "type"], out.at["x", "kamp"]) == (typ, kamp)


def test_krachtenveld_balance_sums_power_per_camp():
    kv = krachtenveld(frame({"a": {"houding": 2, "macht": 5}, "b": {"houding": 1, "macht": 2},
                             "c": {"houding": 0, "macht": 4}, "d": {"houding": -2, "macht": 1}}))
    bal = krachtenveld_balance(kv)
    assert bal.loc["voor", "aantal"] == 2 and bal.loc["voor", "macht_totaal"] == 7
    assert bal.loc["neutraal", "macht_totaal"] == 4 and bal.loc["tegen", "aantal"] == 1
    assert math.isclose(bal["aandeel_macht"].sum(), 1.0)


@pytest.mark.parametrize("houding,vertrouwen,typ", [
    (2, 5, "bondgenoot"), (-2, 4, "opponent"), (1, 2, "coalitiepartner"), (-1, 1, "tegenstander"),
    (0, 2, "twijfelaar"), (0, 5, "twijfelaar"),
])
def test_opstelling_block(houding, vertrouwen, typ):
    assert opstelling(frame({"x": {"houding": houding, "vertrouwen": vertrouwen}})).at["x", "type"] == typ


@pytest.mark.parametrize("bereik,vertrouwen,typ", [
    (3, 5, "sleutelpositie"), (2, 2, "onbenut bereik"), (1, 4, "vertrouwde partner"), (0, 1, "buiten beeld"),
])
def test_reach_trust(bereik, vertrouwen, typ):
    assert reach_trust(frame({"x": {"bereik": bereik, "vertrouwen": vertrouwen}})).at["x", "type"] == typ


def test_participation_gap():
    df = frame({"a": {"trede_huidig": 1, "trede_doel": 4}, "b": {"trede_huidig": 3, "trede_doel": 3},
                "c": {"trede_huidig": 5, "trede_doel": 2}, "d": {"trede_huidig": 2, "trede_doel": None}})
    out = participation_gap(df)
    assert list(out["verschil"][:3]) == [3, 0, -3]
    assert list(out["status"][:3]) == ["omhoog", "op doel", "omlaag"]
    assert out.at["a", "trede_huidig_naam"] == "informeren" and out.at["a", "trede_doel_naam"] == "coproduceren"
    assert pd.isna(out.at["d", "verschil"]) and pd.isna(out.at["d", "status"])


def test_criminal_context_never_gets_an_engagement_strategy():
    df = frame({"x": {"macht": 5, "belang": 5, "legitimiteit": 1, "urgentie": 5, "houding": -2, "vertrouwen": 1,
                      "bereik": 3, "wereld": "crimineel"}})
    pi = power_interest(df)
    assert pi.at["x", "kwadrant"] == "HP_HI" and pi.at["x", "strategie"].startswith("niet betrekken")
    assert salience(df).at["x", "klasse"] == "gevaarlijk"
    for out in (krachtenveld(df), opstelling(df), reach_trust(df)):
        assert "geen partij om te betrekken" in out.at["x", "advies"]


def test_scores_aggregate_over_informants_and_feed_every_method():
    s = make_set(
        ["A", "B"],
        assessments=[
            dict(ronde="R1", informant="I1", actor_id="A", macht=5, belang=4, houding=2, trede_huidig=1,
                 trede_doel=3, bereik_groepen="jongeren|moeders"),
            dict(ronde="R1", informant="I2", actor_id="A", macht=3, belang=5, houding=1, trede_huidig=2,
                 trede_doel=4, bereik_groepen="ouderen"),
            dict(ronde="R1", informant="I1", actor_id="B", macht=1, belang=1),
        ])
    sc = s.scores("R1")
    assert sc.at["A", "macht"] == 4 and sc.at["A", "macht_spreiding"] == 2 and sc.at["A", "macht_n"] == 2
    assert sc.at["A", "trede_huidig"] == 1 and sc.at["A", "trede_doel"] == 3  # lower median of the rungs
    assert sc.at["A", "bereik_groepen"] == "jongeren|moeders|ouderen"
    assert sc.at["A", "n_informanten"] == 2
    one = s.scores("R1", informant="I2")
    assert one.at["A", "macht"] == 3 and "B" not in one.index
    table = classify(sc)
    assert table.at["A", "strategie"] == "nauw betrekken" and table.at["B", "strategie"] == "monitoren"
    assert table.at["A", "trede_verschil"] == 2
    groups = reach_groups(sc)
    assert groups.loc["A", ["jongeren", "moeders", "ouderen"]].tolist() == [1, 1, 1]
    assert groups["jongeren"].sum() == 1


def test_unknown_round_is_a_clear_error():
    s = make_set(["A"], assessments=[dict(actor_id="A", macht=2)])
    with pytest.raises(KeyError, match="onbekende ronde 'R7'"):
        s.scores("R7")


def test_round_without_assessments_gives_empty_tables():
    s = make_set(["A", "B"], [rel("A", "B")])
    sc = s.scores()
    assert sc.empty and "macht" in sc.columns
    assert classify(sc).empty and power_interest(sc).empty
