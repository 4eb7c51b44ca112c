"""Research records: consent (withdrawal honoured everywhere), member checks and the reflexive log."""

from __future__ import annotations

import datetime as dt

import pytest

from wijklib.errors import InputError
from wijklib.stakeholders import (DEMO_DIR, build_demo, compare_rounds, consensus_network, contested_ties,
                                  load_stakeholders, write_csv)
from wijklib.stakeholders.records import Consent, ResearchRecords, apply_consent
from wijklib.stories import load_stories, stories_told_table

from .conftest import make_set, rel


def test_consent_scope_parsing_and_withdrawal():
    c = Consent(informant="I1", datum=dt.date(2024, 3, 1), reikwijdte="relaties | verhalen",
                ingetrokken=dt.date(2024, 6, 1))
    assert c.reikwijdte == ("relaties", "verhalen")
    assert c.covers("relaties", on=dt.date(2024, 5, 1)) and not c.covers("relaties")
    assert not c.covers("beoordelingen", on=dt.date(2024, 5, 1))
    assert Consent(informant="I2", datum=dt.date(2024, 3, 1), reikwijdte="alles").reikwijdte[-1] == "delen"
    with pytest.raises(ValueError, match="onbekende reikwijdte"):
        Consent(informant="I3", datum=dt.date(2024, 3, 1), reikwijdte="alles behalve namen")


def test_withdrawn_informant_leaves_every_result():
    raw = build_demo(consent=False)
    assert any(r.informant == "I4" for r in raw.relations)  # the raw input does hold I4's statements
    s = build_demo()
    assert "I4" not in s.informant_ids
    assert not [r for r in s.relations if r.informant == "I4"]
    assert not [a for a in s.assessments if a.informant == "I4"]
    assert "I4" not in s.informants_in("R2")
    # consensus, layers, contested ties and round comparison see none of I4's ties
    g = consensus_network(s, "R2", min_informants=1)
    assert all("I4" not in d["genoemd_door"] for _, _, d in g.edges(data=True))
    assert not g.has_edge("A09", "A28") and not g.has_edge("A28", "A09")  # a conflict only I4 named
    assert "I4" not in " ".join(contested_ties(s, "R2").to_string().split())
    # scores: I4 rated A09's power 5 and trust 5; that must not move the means
    assert s.scores("R2").loc["A09", "n_informanten"] == raw.subset(informants=["I1", "I2", "I3"]).scores(
        "R2").loc["A09", "n_informanten"]
    assert compare_rounds(s, "R1", "R2").actors.equals(
        compare_rounds(raw.subset(informants=["I1", "I2", "I3"]), "R1", "R2").actors)
    assert any("I4" in w for w in s.warnings)


def test_withdrawal_honoured_when_loading_shipped_files_and_in_stories():
    s = load_stakeholders(DEMO_DIR)
    assert "I4" not in s.informant_ids and s.records is not None
    assert s.records.withdrawn() == ("I4",)
    stories = load_stories(DEMO_DIR.parent / "verhalen", records=s)
    all_stories = load_stories(DEMO_DIR.parent / "verhalen")
    assert any(f.informant == "I4" for f in all_stories.fragments)
    assert not any(f.informant == "I4" for f in stories.fragments)
    # the told table no longer counts I4's fragment (F10, jeugd in Vinkenbuurt)
    before = stories_told_table(all_stories).set_index(["area_code", "theme"])
    after = stories_told_table(stories).set_index(["area_code", "theme"])
    assert after.loc[("BU99010203", "jeugd"), "n_fragments"] == before.loc[("BU99010203", "jeugd"),
                                                                           "n_fragments"] - 1


def test_consent_scope_limits_use():
    s = make_set(["A", "B", "C"], [rel("A", "B", informant="I1"), rel("B", "C", informant="I2")],
                 [{"actor_id": "A", "informant": "I2", "macht": 4}])
    recs = ResearchRecords(consents=(Consent(informant="I1", datum=dt.date(2024, 1, 1), reikwijdte="relaties"),
                                     Consent(informant="I2", datum=dt.date(2024, 1, 1), reikwijdte="beoordelingen")))
    out = apply_consent(s, recs)
    assert [(r.bron, r.doel) for r in out.relations] == [("A", "B")]
    assert len(out.assessments) == 1
    # an informant without any consent row is left out once a consent table exists
    only_i1 = ResearchRecords(consents=(Consent(informant="I1", datum=dt.date(2024, 1, 1), reikwijdte="alles"),))
    out = apply_consent(s, only_i1)
    assert {r.informant for r in out.relations} == {"I1"} and not out.assessments


def test_member_checks_and_log_load_and_show(tmp_path):
    s = load_stakeholders(DEMO_DIR)
    mc, log = s.records.member_checks_frame(), s.records.log_frame()
    assert len(mc) == 2 and {"getoond", "aan", "reactie", "veranderd"} <= set(mc.columns)
    assert mc.loc[0, "aan"] == "moedergroep" and "basisschool" in mc.loc[0, "veranderd"]
    assert len(log) == 3 and set(log["ronde"]) == {"R1", "R2"}
    consent = s.records.consent_frame()
    assert consent.set_index("informant").loc["I2", "citeren"] == "nee"
    assert consent.set_index("informant").loc["I4", "status"].startswith("ingetrokken")
    text = s.records.consent_summary_nl()
    assert "I4" in text and "ingetrokken" in text
    # exports carry the records (what consent covers) and read back; a shared export leaves out the row of I4
    # (withdrawn) and the log entry that names I4, the researcher's own copy keeps them
    write_csv(s, tmp_path / "csv")
    assert (tmp_path / "csv" / "toestemming.csv").read_text(encoding="utf-8").count("\n") == 4
    back = load_stakeholders(tmp_path / "csv")
    assert len(back.records.member_checks) == 2 and len(back.records.log) == 2
    assert "I4" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv"))
    write_csv(s, tmp_path / "eigen", allow_names=True)
    own = load_stakeholders(tmp_path / "eigen")
    assert own.records.withdrawn() == ("I4",) and len(own.records.log) == 3


def test_record_errors_name_file_row_and_column(tmp_path):
    folder = tmp_path / "kaart"
    folder.mkdir()
    (folder / "actoren.csv").write_text("actor_id,naam,actortype\nA,Org A,ib.actor.test\n", encoding="utf-8")
    (folder / "toestemming.csv").write_text("informant,datum,reikwijdte\nI1,2024-01-01,alles en nog wat\n",
                                            encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_stakeholders(folder)
    assert "toestemming.csv" in str(exc.value) and "rij 2" in str(exc.value) and "reikwijdte" in str(exc.value)
    (folder / "toestemming.csv").write_text("informant,naam,datum\nI1,Piet,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="naam"):
        load_stakeholders(folder)


def test_subset_with_a_withdrawn_informant_says_so():
    s = load_stakeholders(DEMO_DIR)
    with pytest.raises(KeyError) as err:
        s.subset(informants=["I4"])
    msg = str(err.value)
    assert "'I4'" in msg and "toestemming ingetrokken" in msg and "verwijderd" in msg
    assert "onbekende" not in msg
    with pytest.raises(KeyError, match="onbekende informant\\(en\\) 'I9'"):
        s.subset(informants=["I9"])
    assert s.subset(informants=["I1"]).informant_ids == ("I1",)


def test_member_check_and_log_tables_show_empty_cells_as_empty():
    s = load_stakeholders(DEMO_DIR)
    for frame in (s.records.member_checks_frame(), s.records.log_frame()):
        assert not frame.isna().any().any()
        assert all(v is not None for v in frame.to_numpy().ravel())
    assert (s.records.log_frame() == "").any().any() or (s.records.member_checks_frame() == "").any().any()
