"""Rounds: per-round actor status and a comparison that reports every change in Dutch."""

from __future__ import annotations

from wijklib.stakeholders import build_graph, compare_rounds, isolates

from .conftest import make_set, rel


def _two_rounds():
    rels = [rel("A", "B", ronde="R1"), rel("B", "C", ronde="R1"), rel("A", "B", ronde="R2"),
            rel("A", "D", ronde="R2", type="vertrouwen")]
    ass = [{"actor_id": "K", "ronde": "R1", "vertrouwen": 2, "bereik": 3, "macht": 2, "belang": 4},
           {"actor_id": "K", "ronde": "R2", "vertrouwen": 4, "bereik": 3, "macht": 2, "belang": 4},
           {"actor_id": "A", "ronde": "R1", "macht": 2, "trede_huidig": 1, "trede_doel": 3},
           {"actor_id": "A", "ronde": "R2", "macht": 2.2, "trede_huidig": 1, "trede_doel": 4}]
    return make_set(["A", "B", "C", "D", "K"], rels, ass)


def test_round_status_new_present_gone():
    s = _two_rounds()
    st = s.round_status()
    assert st.loc["C", "R1"] == "aanwezig" and st.loc["C", "R2"] == "verdwenen"
    assert st.loc["D", "R1"] == "afwezig" and st.loc["D", "R2"] == "nieuw"
    assert st.loc["A", "R2"] == "aanwezig"
    # a gone actor is not reported as isolated in the later round
    assert "C" not in set(isolates(build_graph(s, "R2"))["actor_id"])
    assert build_graph(s, "R2").nodes["C"]["status"] == "verdwenen"


def test_comparison_reports_trust_reach_position_rungs_and_gone_actors():
    s = _two_rounds()
    cmp = compare_rounds(s, "R1", "R2", min_informants=1)
    a = cmp.actors
    assert a.loc["C", "status"] == "verdwenen" and a.loc["D", "status"] == "nieuw"
    assert a.loc["K", "vertrouwen_verschil"] == 2 and bool(a.loc["K", "vertrouwen_veranderd"])
    # trust 2 -> 4 with reach 3 moves the key person from 'onbenut bereik' to 'sleutelpositie'
    assert a.loc["K", "bereik_vertrouwen_R1"] == "onbenut bereik"
    assert a.loc["K", "bereik_vertrouwen_R2"] == "sleutelpositie"
    assert bool(a.loc["A", "trede_doel_veranderd"]) and not bool(a.loc["A", "macht_veranderd"])  # 0.2 < step
    moved = set(cmp.moved().index)
    assert {"K", "C", "D", "A"} <= moved and "B" not in moved
    text = cmp.summary_nl()
    assert "Organisatie K: vertrouwen gestegen van 2 naar 4" in text
    assert "van onbenut bereik naar sleutelpositie" in text
    assert "Organisatie C: verdwenen in ronde R2" in text and "Organisatie D: nieuw in ronde R2" in text
    assert "gewenste trede van 3 (adviseren) naar 4 (coproduceren)" in text
    assert "verdwenen relatie: Organisatie B - Organisatie C" in text
    assert "keuze van wijklib" in text
