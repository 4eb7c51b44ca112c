"""Network measures on small hand-checked networks."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from wijklib.stakeholders import (bridges, brokerage, build_graph, centrality, communities, interpret, isolates,
                                  project, structural_holes)

from .conftest import make_set, rel


def path_set(worlds=("leef", "beide", "systeem", "systeem")):
    actors = [dict(actor_id=a, wereld=w) for a, w in zip("ABCD", worlds)]
    return make_set(actors, [rel("A", "B", gericht=False), rel("B", "C", gericht=False),
                             rel("C", "D", gericht=False)])


def test_graph_keeps_every_statement_and_all_actors():
    s = make_set(["A", "B", "C", "Z"], [rel("A", "B", informant="I1"), rel("A", "B", informant="I2"),
                                        rel("A", "B", "conflict", informant="I2"), rel("B", "C", bestaat=False)])
    G = build_graph(s)
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G.nodes) == {"A", "B", "C", "Z"}
    assert G.number_of_edges() == 3  # the denial is not an edge
    assert build_graph(s, informant="I1").number_of_edges() == 1
    assert build_graph(s, types=["conflict"]).number_of_edges() == 1


def test_projection_mutual_ties_are_two_arcs_and_conflict_is_left_out():
    s = make_set(["A", "B", "C"], [rel("A", "B", gericht=False, sterkte=3), rel("B", "C", "informatie"),
                                   rel("A", "C", "conflict")])
    D = project(build_graph(s))
    assert set(D.edges) == {("A", "B"), ("B", "A"), ("B", "C")}
    assert D["A"]["B"]["weight"] == 3
    assert set(project(build_graph(s), ["conflict"]).edges) == {("A", "C")}


def test_centrality_on_a_path():
    cen = centrality(build_graph(path_set()))
    alle = cen[cen["type"] == "alle"].set_index("actor_id")
    assert alle.loc["B", "graad"] == 2 and alle.loc["A", "graad"] == 1
    # directed projection, n = 4: B is on 4 of the 6 ordered pairs' shortest paths (A<->C, A<->D)
    assert math.isclose(alle.loc["B", "tussenpositie"], 4 / 6)
    assert alle.loc["A", "tussenpositie"] == 0
    assert set(cen["type"]) == {"samenwerking", "alle"}


def test_centrality_per_type_and_direction():
    s = make_set(["A", "B", "C"], [rel("A", "B", "informatie"), rel("C", "B", "informatie"),
                                   rel("A", "C", "samenwerking", gericht=False)])
    w = centrality(build_graph(s), wide=True)
    assert w.loc["B", "ingraad_informatie"] == 2 and w.loc["B", "uitgraad_informatie"] == 0
    assert w.loc["A", "graad_samenwerking"] == 1 and w.loc["B", "graad_samenwerking"] == 0


def test_burt_constraint_and_effective_size():
    sh = structural_holes(build_graph(path_set()))
    assert math.isclose(sh.loc["A", "beperking"], 1.0)
    assert math.isclose(sh.loc["B", "beperking"], 0.5)
    assert sh.loc["B", "effectieve_omvang"] == 2 and sh.loc["A", "effectieve_omvang"] == 1
    # in a triangle everyone is constrained by the overlap
    tri = make_set(["A", "B", "C"], [rel("A", "B"), rel("B", "C"), rel("A", "C")])
    assert structural_holes(build_graph(tri)).loc["A", "beperking"] > 0.5


def test_bridges_and_articulation_points():
    br = bridges(build_graph(path_set()))
    assert {frozenset(p) for p in zip(br.bruggen["van"], br.bruggen["naar"])} == \
        {frozenset("AB"), frozenset("BC"), frozenset("CD")}
    assert set(br.scharnierpunten["actor_id"]) == {"B", "C"}
    assert set(br.scharnierpunten["delen_na_wegvallen"]) == {2}
    # a triangle with a tail: only the tail is a bridge, only its anchor an articulation point
    s = make_set(list("ABCD"), [rel("A", "B"), rel("B", "C"), rel("A", "C"), rel("C", "D")])
    br = bridges(build_graph(s))
    assert len(br.bruggen) == 1 and set(br.scharnierpunten["actor_id"]) == {"C"}
    assert len(br.lokale_bruggen) == 1


def test_gould_fernandez_roles_by_hand():
    b = brokerage(build_graph(path_set()))
    # via B: A->B->C and C->B->A, groups leef/beide/systeem all different -> liaison (verbinder)
    assert b.loc["B", "verbinder"] == 2 and b.loc["B", "totaal"] == 2
    assert b.loc["B", "systeem_leef"] == 2 and b.loc["B", "systeem_leef_paren"] == 1
    # via C: B->C->D (C and D same group, B other) = gatekeeper; D->C->B (D and C same) = representative
    assert b.loc["C", "poortwachter"] == 1 and b.loc["C", "vertegenwoordiger"] == 1
    assert b.loc["C", "systeem_leef"] == 0
    assert b.loc["A", "totaal"] == 0


def test_brokerage_consultant_coordinator_and_closed_triads():
    s = make_set([dict(actor_id="X", wereld="leef"), dict(actor_id="Y", wereld="systeem"),
                  dict(actor_id="Z", wereld="leef"), dict(actor_id="W", wereld="leef")],
                 [rel("X", "Y", gericht=False), rel("Y", "Z", gericht=False), rel("Z", "W", "informatie"),
                  rel("X", "W", "informatie")])
    b = brokerage(build_graph(s))
    assert b.loc["Y", "consultant"] == 2  # an outsider linking two lifeworld actors (X->Y->Z, Z->Y->X)
    # through Z: Y->Z->W (Y systeem, Z and W leef) = gatekeeper; through X: Y->X->W, also gatekeeper
    assert b.loc["Z", "poortwachter"] == 1 and b.loc["X", "poortwachter"] == 1
    assert b["coordinator"].sum() == 0 and b.loc["W", "totaal"] == 0
    same = make_set([dict(actor_id=a, wereld="leef") for a in "PQR"], [rel("P", "Q", gericht=False),
                                                                        rel("Q", "R", gericht=False)])
    assert brokerage(build_graph(same)).loc["Q", "coordinator"] == 2


def test_brokerage_ignores_closed_two_paths():
    s = make_set([dict(actor_id=a, wereld=w) for a, w in zip("ABC", ("leef", "beide", "systeem"))],
                 [rel("A", "B", gericht=False), rel("B", "C", gericht=False), rel("A", "C", gericht=False)])
    assert brokerage(build_graph(s))["totaal"].sum() == 0


def test_isolates():
    s = make_set(["A", "B", "C", "D"], [rel("A", "B"), rel("C", "B", "conflict")])
    iso = isolates(build_graph(s)).set_index("actor_id")
    assert set(iso.index) == {"C", "D"}
    assert bool(iso.loc["C", "alleen_conflict"]) and not bool(iso.loc["D", "alleen_conflict"])


def test_communities_two_cliques_are_stable():
    left, right = "ABCD", "EFGH"
    ties = [rel(a, b) for group in (left, right) for i, a in enumerate(group) for b in group[i + 1:]]
    ties.append(rel("D", "E", sterkte=1))
    s = make_set(list(left + right) + ["Z"], ties)
    res = communities(build_graph(s), runs=20)
    m = res.membership
    assert m.loc[list(left), "gemeenschap"].nunique() == 1 and m.loc[list(right), "gemeenschap"].nunique() == 1
    assert m.at["A", "gemeenschap"] != m.at["E", "gemeenschap"]
    assert bool(m.at["Z", "geisoleerd"])
    assert res.share_same == 1.0 and res.n_partitions == 1
    assert res.co_clustering.at["A", "B"] == 1.0 and res.co_clustering.at["A", "E"] == 0.0
    assert (m.loc[list(left + right), "stabiliteit"] == 1.0).all()
    assert "2 gemeenschap" in res.summary_nl()
    pairs = res.pairs(min_share=1.0)
    assert len(pairs) == 12  # 6 pairs inside each clique


def test_interpret_names_the_broker_in_plain_dutch():
    s = make_set([dict(actor_id="A", naam="Moeders", wereld="leef"), dict(actor_id="B", naam="Wijkverbinder",
                                                                        wereld="beide"),
                  dict(actor_id="C", naam="Politie", wereld="systeem"), dict(actor_id="D", naam="Bibliotheek")],
                 [rel("A", "B", gericht=False), rel("B", "C", gericht=False)])
    text = interpret(build_graph(s))
    assert "Wijkverbinder" in text.split("Makelaars")[1].split("\n")[0]
    assert "Verbinders tussen systeemwereld en leefwereld**: Wijkverbinder" in text
    assert "Geïsoleerd**: Bibliotheek" in text
    assert "aanleiding voor gesprek" in text


def test_interpret_empty_graph():
    assert "geen relaties" in interpret(build_graph(make_set(["A"])))


@pytest.mark.parametrize("fn", [centrality, structural_holes, brokerage, isolates])
def test_measures_accept_an_edgeless_graph(fn):
    G = build_graph(make_set(["A", "B"]))
    assert len(fn(G)) in (0, 2, 4)
