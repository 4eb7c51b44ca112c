"""Stories as told data: reading, coding, small-number rule, told table for the urgency analysis, exports."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.stories import (MIN_SOURCES, default_codebook, fragments_by_node, load_stories, read_stories_markdown,
                             read_stories_table, stories_told_table, write_qdc, write_qdpx, write_stories_csv)
from wijklib.urgency.divergence import prepare_told

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "verhalen"


@pytest.fixture(autouse=True)
def _key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("WIJKLIB_PSEUDONIEM_KEY", str(tmp_path_factory.mktemp("sleutel") / "pseudoniem.key"))


def test_demo_has_20_plus_coded_fragments_in_several_buurten():
    s = load_stories(DEMO)
    assert len(s) >= 20
    assert all(f.codes for f in s.fragments)
    assert len({f.buurtcode for f in s.fragments}) >= 4
    assert {f.soort for f in s.fragments} == {"citaat", "veldnotitie", "verslag"}
    assert "moeders_als_verbinders" in s.codebook and s.codebook.codes["moeders_als_verbinders"].bron == "eigen"


def test_codebook_starts_from_the_catalogue():
    book = default_codebook()
    kinds = set(book.frame()["soort"])
    assert {"thema", "fenomeen", "signaal", "principe"} <= kinds
    assert book.resolve("inzet_jongeren").id == "ib.fen.inzet_jongeren"
    assert book.resolve("Bekend maakt bemind").id == "lk.wp.bekend_maakt_bemind"
    assert book.codes["ib.fen.inzet_jongeren"].thema == "ondermijning"
    with pytest.raises(KeyError, match="codeboek.csv"):
        book.resolve("iets wat niet bestaat")


def test_markdown_inline_codes_actors_and_ties(tmp_path):
    md = tmp_path / "gesprek.md"
    md.write_text("---\nbron: INT9\nbronrol: bewoner\nbuurt: BU99010203\n---\n\n## X1\ndatum: 2024-05-01\n"
                  "Het is hier [[veiligheid]] onrustig, zegt ze over @A20 en @A16~A06. [[jeugd]]\n\n"
                  "## X2\nsoort: veldnotitie\nNog een notitie [[wonen]].\n", encoding="utf-8")
    s = read_stories_markdown(md)
    f1, f2 = s.fragments
    assert f1.fragment_id == "X1" and f1.codes == ("veiligheid", "jeugd") and f1.bron == "INT9"
    assert f1.actoren == ("A20", "A16", "A06") and f1.relaties == (("A16", "A06"),)
    assert "[[" not in f1.tekst and "@" not in f1.tekst and f1.datum.isoformat() == "2024-05-01"
    assert f2.soort == "veldnotitie" and f2.buurtcode == "BU99010203"
    md.write_text("## X1\nbron: INT9\nbronrol: bewoner\nTekst [[bestaat_niet]]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_stories_markdown(md)
    msg = str(exc.value)
    assert "gesprek.md" in msg and "rij 1" in msg and "bestaat_niet" in msg and "codes" in msg


def test_spreadsheet_refuses_name_columns_and_bad_codes(tmp_path):
    csv = tmp_path / "f.csv"
    csv.write_text("fragment_id,tekst,bron,bronrol,naam\nF1,tekst,B1,bewoner,Jan\n", encoding="utf-8")
    with pytest.raises(InputError, match="naam"):
        read_stories_table(csv)
    csv.write_text("fragment_id,tekst,bron,bronrol,buurtcode\nF1,tekst,B1,bewoner,WK990102\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_stories_table(csv)
    assert "rij 2" in str(exc.value) and "buurtcode" in str(exc.value)


def test_small_number_rule_withholds_counts_from_few_sources():
    s = load_stories(DEMO)
    told = stories_told_table(s).set_index(["area_code", "theme"])
    few = told[told["withheld"]]
    many = told[~told["withheld"]]
    assert len(few) and len(many)
    assert (many["n_sources"] >= MIN_SOURCES).all()
    # a withheld row shows no number at all, not even its (small) number of sources (issue #15)
    assert few[["count", "n_fragments", "n_sources", "value", "n"]].isna().all().all()
    assert many["count"].notna().all() and not many["withheld"].any()
    # Vinkenbuurt jeugd: F01, F02, F10, F11, F14, F21 (F21 twice: jeugd and hangplek) from INT01, INT06, INT05,
    # VN01 and WT-R2
    row = told.loc[("BU99010203", "jeugd")]
    assert row["n_fragments"] == 6 and row["n_sources"] == 5 and row["count"] == 7
    strict = stories_told_table(s, min_sources=6).set_index(["area_code", "theme"])
    assert pd.isna(strict.loc[("BU99010203", "jeugd"), "count"])


def test_told_table_feeds_the_urgency_told_side():
    told = stories_told_table(load_stories(DEMO))
    assert list(told.columns[:4]) == ["area_code", "theme", "count", "n_fragments"]
    prepared = prepare_told(told[["area_code", "theme", "value", "n", "source"]])
    assert (prepared["source"] == "verhalen").all()
    assert prepared["area_code"].str.match(r"^BU\d{8}$").all()


def test_frequencies_and_cooccurrence():
    s = load_stories(DEMO)
    freq = s.code_frequencies(by="thema", min_sources=1)
    row = freq[(freq["buurtcode"] == "BU99010204") & (freq["thema"] == "wonen")].iloc[0]
    assert row["fragmenten"] == 4 and row["bronnen"] == 3
    co = s.cooccurrence(by="thema", min_sources=1)
    pair = co[(co["buurtcode"] == "BU99010204") & (co["a"] == "sociale_cohesie") & (co["b"] == "wonen")]
    assert int(pair["fragmenten"].iloc[0]) == 3


def test_exports_csv_qdc_qdpx(tmp_path):
    from wijklib.stakeholders import load_stakeholders
    from wijklib.stakeholders.demo import DEMO_DIR

    sset = load_stakeholders(DEMO_DIR)
    s = load_stories(DEMO, records=sset)
    files = write_stories_csv(s, tmp_path / "csv", sset=sset)
    frags = pd.read_csv(files[0])
    assert "toestemming" in frags.columns and len(frags) == len(s)
    # I2 did not consent to quoting: text withheld, codes kept
    i2 = frags[frags["informant"] == "I2"]
    assert len(i2) and (i2["tekst"] == "[geen toestemming om te citeren]").all() and i2["codes"].notna().all()
    qdc = write_qdc(s.codebook, tmp_path / "codeboek.qdc")
    root = ET.parse(qdc).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert len(root.findall(".//{urn:QDA-XML:codebook:1.0}Code")) == len(s.codebook)
    qdpx = write_qdpx(s, tmp_path / "verhalen.qdpx", sset=sset)
    with zipfile.ZipFile(qdpx) as zf:
        project = ET.fromstring(zf.read("project.qde"))
        ns = {"q": "urn:QDA-XML:project:1.0"}
        sources = project.findall(".//q:TextSource", ns)
        assert len(sources) == len(s)
        code_guids = {c.get("guid") for c in project.findall(".//q:CodeBook//q:Code", ns)}
        refs = {r.get("targetGUID") for r in project.findall(".//q:CodeRef", ns)}
        assert refs and refs <= code_guids
        for src in sources:
            path = src.get("plainTextPath").replace("internal://", "sources/")
            sel = src.find("q:PlainTextSelection", ns)
            assert int(sel.get("endPosition")) == len(zf.read(path).decode("utf-8"))


def test_fragments_for_the_network_view():
    s = load_stories(DEMO)
    by = fragments_by_node(s)
    assert any(item["id"] == "F20" for item in by["A06~A16"])
    assert any(item["id"] == "F07" for item in by["A16"])
