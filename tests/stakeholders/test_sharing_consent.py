"""Consent scope ``delen``: exports meant for partners leave out informants whose consent does not cover sharing."""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.stakeholders import (Informant, consensus_network, export_rounds, load_stakeholders, write_csv, write_gexf,
                                  write_kumu, write_xlsx)
from wijklib.stakeholders.records import (Consent, LogEntry, MemberCheck, ResearchRecords, SharingWarning, apply_consent,
                                        for_sharing)
from wijklib.stakeholders.vocab import ActorTypeVocabulary
from wijklib.stories import Codebook, Fragment, StorySet

from .conftest import make_set, rel

DAY = dt.date(2024, 6, 1)


def _case():
    """Three informants: I1 covers everything, I2 all but ``delen``, I3 gives ``delen`` only after DAY."""
    s = make_set([{"actor_id": a, "actortype": "overig", "actortype_label": "organisatie"} for a in "ABCD"],
                 [rel("A", "B", informant="I1", notitie="I1 over het plein"),
                  rel("A", "C", informant="I2", notitie="geheim van I2"), rel("B", "D", informant="I2"),
                  rel("C", "D", informant="I3")],
                 [{"actor_id": "A", "informant": "I1", "macht": 4}, {"actor_id": "A", "informant": "I2", "macht": 5},
                  {"actor_id": "C", "informant": "I3", "macht": 2}],
                 informants=[Informant(informant="I1", rol="bewoner"), Informant(informant="I2", rol="wijkagent"),
                             Informant(informant="I3", rol="bewoner", notitie="notitie bij I3")])
    recs = ResearchRecords(consents=(
        Consent(informant="I1", datum=dt.date(2024, 1, 1), reikwijdte="alles"),
        Consent(informant="I2", datum=dt.date(2024, 1, 1), reikwijdte="relaties|beoordelingen|verhalen"),
        Consent(informant="I3", datum=dt.date(2024, 9, 1), reikwijdte="alles")))
    return apply_consent(s, recs)


def test_consent_given_later_does_not_cover_an_earlier_date():
    c = Consent(informant="I3", datum=dt.date(2024, 9, 1), reikwijdte="alles")
    assert not c.covers("delen", on=DAY) and c.covers("delen", on=dt.date(2024, 9, 1)) and c.covers("delen")


def test_for_sharing_leaves_out_statements_without_delen_and_counts_them_without_names():
    s = _case()
    assert {r.informant for r in s.relations} == {"I1", "I2", "I3"}  # analysis keeps all three
    shared = for_sharing(s, DAY)
    assert {r.informant for r in shared.relations} == {"I1"}
    assert {a.informant for a in shared.assessments} == {"I1"}
    assert shared.informant_ids == ("I1",)
    note = shared.warnings[-1]
    assert "2 informant(en)" in note and "3 relatie-uitspraken" in note and "2 beoordelingen" in note
    assert "I2" not in note and "I3" not in note and "wijkagent" not in note
    # later, I3's consent covers sharing too; applying it twice changes nothing
    assert {r.informant for r in for_sharing(s, dt.date(2024, 10, 1)).relations} == {"I1", "I3"}
    assert for_sharing(shared, DAY) is shared


def test_csv_export_holds_only_shared_statements(tmp_path):
    s = _case()
    with pytest.warns(SharingWarning, match="2 informant"):
        write_csv(s, tmp_path / "csv", on=DAY)
    relaties = pd.read_csv(tmp_path / "csv" / "relaties.csv")
    assert set(relaties["informant"]) == {"I1"}
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").glob("*.csv"))
    assert "geheim van I2" not in text and "notitie bij I3" not in text and "wijkagent" not in text
    assert set(pd.read_csv(tmp_path / "csv" / "toestemming.csv")["informant"]) == {"I1"}
    back = load_stakeholders(tmp_path / "csv", vocabulary=ActorTypeVocabulary())  # the shared export reads back without complaints
    assert back.informant_ids == ("I1",) and len(back.relations) == 1


def test_other_exports_for_partners_hold_only_shared_statements(tmp_path):
    s = _case()
    with pytest.warns(SharingWarning):
        write_xlsx(s, tmp_path / "kaart.xlsx", on=DAY)
    assert {r.informant for r in load_stakeholders(tmp_path / "kaart.xlsx", vocabulary=ActorTypeVocabulary()).relations} == {"I1"}
    with pytest.warns(SharingWarning):
        files = export_rounds(s, tmp_path / "gephi", min_informants=1, formats=("graphml",), on=DAY)
    graphml = files[0].read_text(encoding="utf-8")
    assert "I2" not in graphml and "I3" not in graphml and "I1" in graphml
    with pytest.warns(SharingWarning):
        write_kumu(s, tmp_path / "kumu.xlsx", min_informants=1, on=DAY)
    con = pd.read_excel(tmp_path / "kumu.xlsx", sheet_name="Connections")
    assert len(con) == 1
    # the researcher's own copy (with names) keeps everything and gives no sharing warning
    with warnings.catch_warnings():
        warnings.simplefilter("error", SharingWarning)
        write_csv(s, tmp_path / "eigen", allow_names=True, on=DAY)
    assert set(pd.read_csv(tmp_path / "eigen" / "relaties.csv")["informant"]) == {"I1", "I2", "I3"}


def test_graph_writers_refuse_a_graph_with_unshared_ties(tmp_path):
    s = _case()
    with pytest.raises(InputError, match="delen met partners"):
        write_gexf(consensus_network(s, "R1", min_informants=1), tmp_path / "n.gexf", sset=s, on=DAY)
    assert not (tmp_path / "n.gexf").exists()
    write_gexf(consensus_network(for_sharing(s, DAY), "R1", min_informants=1), tmp_path / "n.gexf", sset=s, on=DAY)
    assert (tmp_path / "n.gexf").exists()


def test_coverage_table_counts_informants_per_scope_by_role(tmp_path):
    s = _case()
    roles = s.informants_frame().set_index("informant")["rol"].to_dict()
    cov = s.records.coverage_frame(roles, on=DAY).set_index("reikwijdte")
    assert list(cov.index) == ["relaties", "beoordelingen", "verhalen", "citeren", "delen"]
    assert cov.loc["delen", "informanten_gedekt"] == 1 and cov.loc["delen", "informanten_niet_gedekt"] == 2
    assert cov.loc["delen", "rollen_gedekt"] == "bewoner (1)"
    assert cov.loc["relaties", "rollen_gedekt"] == "bewoner (1); wijkagent (1)"  # I3 not yet on DAY
    path = s.records.write_coverage(tmp_path / "dekking.csv", roles, on=DAY)
    text = path.read_text(encoding="utf-8")
    assert "I1" not in text and "I2" not in text and "wijkagent (1)" in text
    assert not list(tmp_path.glob("*.tmp*"))


def test_stories_for_sharing_drop_fragments_without_delen():
    s = _case()
    frags = tuple(Fragment(fragment_id=f"F{i}", tekst="tekst", bron=f"B{i}", bronrol="bewoner", informant=inf)
                  for i, inf in enumerate(["I1", "I2", None], start=1))
    stories = StorySet(frags, Codebook()).apply_consent(s)
    shared = stories.for_sharing(on=DAY)
    assert [f.fragment_id for f in shared.fragments] == ["F1", "F3"]
    assert "1 verhaalfragment" in shared.warnings[-1] and "I2" not in shared.warnings[-1]
    assert json.dumps([f.fragment_id for f in stories.fragments]) == '["F1", "F2", "F3"]'


def test_report_summary_counts_only_shared_informants(tmp_path):
    from wijklib.reports.prepare import _stakeholder_summary

    s = _case()
    write_csv(s, tmp_path / "kaart", allow_names=True)  # the researcher's full copy, with its consent table
    today = dt.date.today()
    summary = _stakeholder_summary(tmp_path / "kaart", None)
    # on today's date I3's consent covers sharing as well; only I2 (never 'delen') is left out
    assert summary["n_informants"] == (2 if today >= dt.date(2024, 9, 1) else 1)


def test_report_stories_leave_out_fragments_without_delen():
    from types import SimpleNamespace

    from wijklib.reports.prepare import _load_stories

    s = _case()
    frags = tuple(Fragment(fragment_id=f"F{i}", tekst="tekst", bron=f"B{i}", bronrol="bewoner", informant=inf)
                  for i, inf in enumerate(["I1", "I2"], start=1))
    ws = SimpleNamespace(stories=StorySet(frags, Codebook()).apply_consent(s), stories_min_sources=3)
    stories, _, _ = _load_stories(SimpleNamespace(stories_consent=None, stories=None), ws)
    assert [f.fragment_id for f in stories.fragments] == ["F1"]  # I2's consent never covers 'delen'


def _withdrawn_case():
    """I1 shares; I2 withdrew, with a free-text consent note and a log entry about the withdrawal."""
    s = make_set([{"actor_id": a, "actortype": "overig", "actortype_label": "organisatie"} for a in "ABC"],
                 [rel("A", "B", informant="I1"), rel("B", "C", informant="I2", notitie="wat I2 vertelde")],
                 informants=[Informant(informant="I1", rol="bewoner"), Informant(informant="I2", rol="ondernemer")])
    recs = ResearchRecords(
        consents=(Consent(informant="I1", datum=dt.date(2024, 1, 1), reikwijdte="alles"),
                  Consent(informant="I2", datum=dt.date(2024, 1, 1), reikwijdte="alles",
                          ingetrokken=dt.date(2024, 3, 1), notitie="belde boos: wil nergens meer in staan")),
        log=(LogEntry(datum=dt.date(2024, 3, 2), auteur_rol="onderzoeker", tekst="I2 trok de toestemming in."),
             LogEntry(datum=dt.date(2024, 3, 3), auteur_rol="onderzoeker", tekst="Wijktafel verliep rustig.")),
        member_checks=(MemberCheck(datum=dt.date(2024, 3, 4), getoond="kaart", aan="wijktafel",
                                   reactie="I2 ontbreekt nu; klopt dat?"),))
    return apply_consent(s, recs)


@pytest.mark.parametrize("writer", ["csv", "xlsx"])
def test_shared_exports_leave_out_a_withdrawn_informants_consent_row_and_text(tmp_path, writer):
    s = _withdrawn_case()
    if writer == "csv":
        write_csv(s, tmp_path / "deel", on=DAY)
        back = load_stakeholders(tmp_path / "deel", vocabulary=ActorTypeVocabulary())
        text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "deel").glob("*.csv"))
        assert "I2" not in text and "belde boos" not in text and "wat I2 vertelde" not in text
    else:
        write_xlsx(s, tmp_path / "deel.xlsx", on=DAY)
        back = load_stakeholders(tmp_path / "deel.xlsx", vocabulary=ActorTypeVocabulary())
        sheets = pd.read_excel(tmp_path / "deel.xlsx", sheet_name=None, dtype=str)
        text = " ".join(df.fillna("").to_string() for df in sheets.values())
        assert "belde boos" not in text and "trok de toestemming in" not in text
    assert [c.informant for c in back.records.consents] == ["I1"]
    assert [e.tekst for e in back.records.log] == ["Wijktafel verliep rustig."]  # the entry naming I2 is gone
    assert not back.records.member_checks
    # the researcher's own copy keeps the withdrawal, so a reload still honours it
    write_csv(s, tmp_path / "eigen", allow_names=True, on=DAY)
    own = load_stakeholders(tmp_path / "eigen", vocabulary=ActorTypeVocabulary())
    assert own.records.withdrawn() == ("I2",) and "I2" not in own.informant_ids


def test_story_exports_hold_only_fragments_with_delen(tmp_path):
    import zipfile

    from wijklib.stories import write_qdpx, write_stories_csv

    s = _case()
    frags = tuple(Fragment(fragment_id=f"F{i}", tekst=f"tekst van {inf or 'de onderzoeker'}", bron=f"B{i}",
                           bronrol="bewoner", informant=inf) for i, inf in enumerate(["I1", "I2", None], start=1))
    stories = StorySet(frags, Codebook()).apply_consent(s)
    with pytest.warns(SharingWarning, match="1 verhaalfragment"):
        write_stories_csv(stories, tmp_path / "csv", sset=s, on=DAY)
    fragments = pd.read_csv(tmp_path / "csv" / "fragmenten.csv")
    assert list(fragments["fragment_id"]) == ["F1", "F3"]  # I2's consent never covers 'delen'
    with pytest.warns(SharingWarning):
        write_qdpx(stories, tmp_path / "verhalen.qdpx", sset=s, on=DAY)
    with zipfile.ZipFile(tmp_path / "verhalen.qdpx") as zf:
        content = " ".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    assert "tekst van I1" in content and "tekst van I2" not in content and '"F2"' not in content
