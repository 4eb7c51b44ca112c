"""Issue #15: the privacy audit reads XML and zip exports (GEXF, GraphML, REFI-QDA) and writers refuse to write
content with a person name; small cosmetic fixes of the exports."""

from __future__ import annotations

import io
import zipfile

import networkx as nx
import pytest

from wijklib.stakeholders import consensus_network, write_csv, write_xlsx
from wijklib.stakeholders.interop import export_rounds, write_gephi_csv, write_gexf, write_graphml, write_kumu
from wijklib.stakeholders.privacy import PrivacyLeakError, audit, check_content, refuse_names

from .conftest import make_set, rel


@pytest.fixture
def leaky():
    """A set where an organisation is named after a person of the set: its name reaches every network export."""
    actors = [dict(actor_id="A01", naam="Buurthuis"),
              dict(actor_id="A02", naam="Gemeente Eikendaal, team Veiligheid", actortype="ib.actor.gemeente"),
              dict(actor_id="A03", naam="Kapsalon van Fenna Fictief"),
              dict(actor_id="A17", naam="Fenna Fictief", natuurlijk_persoon=True, rol="sleutelpersoon")]
    ties = [rel("A17", "A01", informant="I1", ronde="R1"), rel("A03", "A01", informant="I1", ronde="R1"),
            rel("A02", "A01", informant="I1", ronde="R1")]
    return make_set(actors, ties)


def _gexf_bytes(G) -> bytes:
    from wijklib.stakeholders.interop import export_graph

    buf = io.BytesIO()
    nx.write_gexf(export_graph(G, for_gexf=True), buf, version="1.2draft")
    return buf.getvalue()


def test_audit_reads_gexf_graphml_qdc_and_qdpx(leaky, tmp_path):
    G = consensus_network(leaky, "R1", min_informants=1)
    (tmp_path / "netwerk_R2.gexf").write_bytes(_gexf_bytes(G))
    buf = io.BytesIO()
    nx.write_graphml(nx.Graph([("x", "y")]), buf)
    (tmp_path / "schoon.graphml").write_bytes(buf.getvalue())
    (tmp_path / "codeboek.qdc").write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="1" name="veiligheid"><Description>verteld door fenna fictief</Description></Code>'
        "</Codes></CodeBook>", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "verhalen.qdpx", "w") as zf:
        zf.writestr("project.qde", '<Project name="Fenna Fictief"/>')
        zf.writestr("sources/1.txt", "Gesprek met de buurtvader")
    result = audit(tmp_path, leaky)
    assert set(result.checked) == {"netwerk_R2.gexf", "schoon.graphml", "codeboek.qdc", "verhalen.qdpx"}
    assert result.skipped == ()
    files = set(result.findings["bestand"])
    assert files == {"netwerk_R2.gexf", "codeboek.qdc", "verhalen.qdpx"}
    places = set(result.findings["plek"])
    assert any(p.startswith("<node>") and p.endswith("@label") for p in places)  # an attribute value
    assert "<Description> nr. 1" in places  # element text
    assert "project.qde: <Project> nr. 1 @name" in places  # an attribute inside a zip member
    assert "Fenna" not in result.summary_nl() + result.findings.to_csv()


def test_export_rounds_refuses_before_writing_anything(leaky, tmp_path):
    with pytest.raises(PrivacyLeakError, match=r"niet geschreven.*netwerk_R1\.gexf.*sleutelpersoon") as err:
        export_rounds(leaky, tmp_path / "gephi", min_informants=1)
    assert "Fenna" not in str(err.value)
    assert not (tmp_path / "gephi").exists() or not any((tmp_path / "gephi").iterdir())


def test_single_writers_refuse_names(leaky, tmp_path):
    G = consensus_network(leaky, "R1", min_informants=1)
    for writer, name in ((write_gexf, "n.gexf"), (write_graphml, "n.graphml")):
        with pytest.raises(PrivacyLeakError):
            writer(G, tmp_path / name, sset=leaky)
        assert not (tmp_path / name).exists()
        writer(G, tmp_path / name)  # without a set to check against the writer still works (caller's choice)
        assert (tmp_path / name).exists()
    with pytest.raises(PrivacyLeakError):
        write_gephi_csv(G, tmp_path / "csv", sset=leaky)
    assert not (tmp_path / "csv").exists()
    with pytest.raises(PrivacyLeakError):
        write_kumu(leaky, tmp_path / "kumu.xlsx", min_informants=1)
    with pytest.raises(PrivacyLeakError):
        write_xlsx(leaky, tmp_path / "kaart.xlsx")
    with pytest.raises(PrivacyLeakError):
        write_csv(leaky, tmp_path / "kaart")
    assert not (tmp_path / "kumu.xlsx").exists() and not (tmp_path / "kaart.xlsx").exists()
    assert not (tmp_path / "kaart").exists() or not any((tmp_path / "kaart").iterdir())
    assert write_csv(leaky, tmp_path / "open", allow_names=True)  # names allowed on purpose: not checked


def test_safe_set_writes_every_format(tmp_path):
    s = make_set([dict(actor_id="A01", naam="Buurthuis"),
                  dict(actor_id="A17", naam="Fenna Fictief", natuurlijk_persoon=True, rol="sleutelpersoon")],
                 [rel("A17", "A01", informant="I1", ronde="R1", notitie="Fenna Fictief belt")])
    files = export_rounds(s, tmp_path, min_informants=1) + write_csv(s, tmp_path / "csv")
    files.append(write_kumu(s, tmp_path / "kumu.xlsx", min_informants=1))
    assert len(files) >= 4 and audit(tmp_path, s).ok


def test_check_content_with_register_names():
    ok = check_content({"a.csv": "wie\nbuurtvader\n"}, None, extra_names={"Mo Denkbeeld": "SP-12345678"})
    assert ok.ok
    bad = check_content({"a.csv": "wie\nMo Denkbeeld\n"}, None, extra_names={"Mo Denkbeeld": "SP-12345678"})
    assert bad.findings["persoon"].tolist() == ["SP-12345678"]
    refuse_names({"a.csv": "Mo Denkbeeld"}, None)  # nothing to check against: no error
    with pytest.raises(PrivacyLeakError, match="SP-12345678"):
        refuse_names({"a.csv": "Mo Denkbeeld"}, None, extra_names={"Mo Denkbeeld": "SP-12345678"})


def test_gexf_actortype_label_is_readable(tmp_path):
    from wijklib.stakeholders.vocab import actor_types

    vocab = actor_types()
    entry = next(iter(vocab.types.values()))
    s = make_set([dict(actor_id="A01", naam="Buurthuis", actortype="overig", actortype_label="buurthuis"),
                  dict(actor_id="A02", naam="Politie", actortype=entry.id)],
                 [rel("A01", "A02", informant="I1", ronde="R1")], vocabulary=vocab)
    path = write_gexf(consensus_network(s, "R1", min_informants=1), tmp_path / "n.gexf", sset=s)
    g = nx.read_gexf(path)
    assert g.nodes["A01"]["actortype_label"] == "buurthuis"
    assert g.nodes["A02"]["actortype_label"] == entry.name_nl == s.actortype_name("A02")
    assert g.nodes["A02"]["actortype_label"] != g.nodes["A02"]["actortype"]
