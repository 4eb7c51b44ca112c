"""Exchange with Gephi (GEXF, GraphML, CSV), Kumu and Net-Map spreadsheets: valid files and round trips."""

from __future__ import annotations

import networkx as nx
import pytest

from wijklib.errors import InputError
from wijklib.stakeholders import consensus_network, privacy
from wijklib.stakeholders.demo import DEMO_PERSON_NAMES
from wijklib.stakeholders.interop import (export_graph, export_rounds, read_kumu, read_netmap, write_gephi_csv,
                                          write_kumu)


def _pairs(G):
    return {(frozenset((u, v)), d.get("relatietype", d.get("type"))) for u, v, d in G.edges(data=True)}


def test_export_graph_has_no_none_or_tuples(demo):
    H = export_graph(consensus_network(demo, "R2"), for_gexf=True)
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for *_, d in H.edges(data=True) for v in d.values()]
    assert values and all(v is not None and not isinstance(v, (tuple, list)) for v in values)


def test_gexf_and_graphml_per_round_read_back(demo, tmp_path):
    files = export_rounds(demo, tmp_path)
    assert sorted(p.name for p in files) == ["netwerk_R1.gexf", "netwerk_R1.graphml", "netwerk_R2.gexf",
                                             "netwerk_R2.graphml"]
    for r in demo.round_ids:
        G = consensus_network(demo, r)
        gx = nx.read_gexf(tmp_path / f"netwerk_{r}.gexf")
        gm = nx.read_graphml(tmp_path / f"netwerk_{r}.graphml")
        assert set(gx.nodes) == set(G.nodes) == set(gm.nodes)
        assert _pairs(gx) == _pairs(G) == _pairs(gm)
        node = next(iter(G.nodes))
        assert gx.nodes[node]["label"] == G.nodes[node]["label"]
        assert gm.nodes[node]["status"] in ("aanwezig", "nieuw")
        edge = next(iter(gm.edges(data=True)))[2]
        assert isinstance(edge["genoemd_door"], str) and edge["type"] in ("samenwerking", "informatie", "vertrouwen",
                                                                             "invloed", "conflict", "financiering")
    assert privacy.audit(tmp_path, demo).ok


def test_gephi_csv_columns(demo, tmp_path):
    nodes, edges = write_gephi_csv(consensus_network(demo, "R2"), tmp_path)
    assert nodes.read_text(encoding="utf-8").startswith("Id,Label")
    assert edges.read_text(encoding="utf-8").startswith("Source,Target,Type,Weight,Label")


def test_kumu_round_trip(demo, tmp_path):
    path = write_kumu(demo, tmp_path / "kumu.xlsx", ronde="R2")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["Elements", "Connections"]
    assert [c.value for c in wb["Elements"][1]][:3] == ["ID", "Label", "Type"]
    assert [c.value for c in wb["Connections"][1]][:3] == ["From", "To", "Type"]
    back = read_kumu(path, ronde="R2")
    G = consensus_network(demo, "R2")
    K = back.graph("R2", allow_names=True)  # the import holds no names: its person "names" are role labels
    assert set(K.nodes) == set(G.nodes)
    assert _pairs(K) == _pairs(G)
    assert {n for n, d in K.nodes(data=True) if d["natuurlijk_persoon"]} == \
        {n for n, d in G.nodes(data=True) if d["natuurlijk_persoon"]}
    labels = nx.get_node_attributes(G, "label")
    assert all(K.nodes[n]["label"] == labels[n] for n in K.nodes)
    assert privacy.audit(tmp_path, demo).ok
    assert not any(name in str(wb["Elements"].values and list(wb["Elements"].values)) for name in DEMO_PERSON_NAMES)


def test_kumu_import_errors_name_row(tmp_path):
    folder = tmp_path / "kumu"
    folder.mkdir()
    (folder / "elements.csv").write_text("Label,Type\nMoedergroep,Sleutelpersoon\nWijkagent,Wijkagent\n",
                                         encoding="utf-8")
    (folder / "connections.csv").write_text("From,To,Type\nMoedergroep,Wijkagent,trust\nMoedergroep,X,trust\n",
                                            encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_kumu(folder)
    assert "connections.csv" in str(exc.value) and "rij 3" in str(exc.value) and "'X'" in str(exc.value)
    (folder / "connections.csv").write_text("From,To,Type\nMoedergroep,Wijkagent,trust\n", encoding="utf-8")
    s = read_kumu(folder)
    assert s.actor("moedergroep").actortype == "wl.actor.sleutelpersoon"  # id made from the label
    assert s.relations[0].type == "vertrouwen"


def test_netmap_spreadsheet(tmp_path):
    folder = tmp_path / "netmap"
    folder.mkdir()
    (folder / "actors.csv").write_text("actor,type,toren,doelen\nGemeente,Gemeente,4,veilig\n"
                                       "Moedergroep,,2,samen\nJongeren,Jongere,0,\n", encoding="utf-8")
    (folder / "links.csv").write_text("van,naar,soort,richting\nGemeente,Moedergroep,geld,->\n"
                                      "Moedergroep,Jongeren,informatie,<->\n", encoding="utf-8")
    s = read_netmap(folder, ronde="R1")
    sc = s.scores("R1")
    ids = {a.naam: a.actor_id for a in s.actors}
    assert sc.loc[ids["Gemeente"], "macht"] == 5 and sc.loc[ids["Jongeren"], "macht"] == 1
    assert sc.loc[ids["Moedergroep"], "macht"] == 3
    types = {(r.type, r.gericht) for r in s.relations}
    assert types == {("financiering", True), ("informatie", False)}
    assert any("keuze van wijklib" in w for w in s.warnings)
    (folder / "actors.csv").write_text("actor,toren\nGemeente,-1\n", encoding="utf-8")
    with pytest.raises(InputError, match="negatief"):
        read_netmap(folder)
