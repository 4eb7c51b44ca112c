"""Library helpers that replaced workaround cells in notebook 02, and the small text defects, on hand-made cases."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import Workbook

import wijklib.stakeholders as ws
from wijklib.errors import InputError
from wijklib.stakeholders import (CONTESTED_QUESTIONS, ContestedTies, area_relation, build_graph, class_summary,
                                  consensus_network, contested_ties, interpret, network_view, power_interest,
                                  privacy, salience, write_csv, write_xlsx)
from wijklib.stakeholders.demo import DEMO_PERSON_NAMES
from wijklib.stakeholders.privacy import PrivacyLeakError, audit
from wijklib.stakeholders.vocab import ActorTypeInfo, ActorTypeVocabulary

from .conftest import make_set, rel


# -- 1. subset ---------------------------------------------------------------------------------------------------
@pytest.fixture
def two_rounds():
    actors = [dict(actor_id="A", naam="Fenna Fictief", natuurlijk_persoon=True, rol="sleutelpersoon"), "B", "C"]
    rels = [rel("A", "B", informant="I1", ronde="R1"), rel("A", "B", informant="I2", ronde="R1"),
            rel("B", "C", informant="I3", ronde="R1"), rel("A", "C", informant="I1", ronde="R2"),
            rel("A", "C", informant="I3", ronde="R2")]
    ass = [dict(actor_id="B", informant="I1", ronde="R1", macht=5, belang=5),
           dict(actor_id="B", informant="I2", ronde="R1", macht=1, belang=1),
           dict(actor_id="C", informant="I3", ronde="R2", macht=4, belang=2)]
    return make_set(actors, rels, ass)


def test_subset_keeps_actors_and_only_the_chosen_informants(two_rounds):
    sub = two_rounds.subset(informants=["I1", "I3"])
    assert sub.informant_ids == ("I1", "I3")
    assert [(r.bron, r.doel, r.informant) for r in sub.relations] == [
        ("A", "B", "I1"), ("B", "C", "I3"), ("A", "C", "I1"), ("A", "C", "I3")]
    assert {s.informant for s in sub.assessments} == {"I1", "I3"} and len(sub.assessments) == 2
    assert sub.actors == two_rounds.actors and sub.round_ids == ("R1", "R2")
    assert sub.labels() == two_rounds.labels() and sub.pseudonyms() == two_rounds.pseudonyms()
    # A-B was named by I1 and I2: with I2 left out it no longer reaches the threshold of 2
    full = {frozenset((u, v)) for u, v in consensus_network(two_rounds, "R1", min_informants=2).edges()}
    part = {frozenset((u, v)) for u, v in consensus_network(sub, "R1", min_informants=2).edges()}
    assert full == {frozenset((two_rounds.public_ids()["A"], "B"))} and part == set()
    # B's power in R1 is now I1's score alone, not the mean of 5 and 1
    assert sub.scores("R1").loc["B", "macht"] == 5 and two_rounds.scores("R1").loc["B", "macht"] == 3
    assert len(two_rounds.relations) == 5  # the original is unchanged


def test_subset_by_round_single_code_and_empty_means_all(two_rounds):
    r2 = two_rounds.subset(rounds="R2")
    assert r2.round_ids == ("R2",) and {r.ronde for r in r2.relations} == {"R2"} and len(r2.assessments) == 1
    assert two_rounds.subset(informants="I2").informant_ids == ("I2",)
    same = two_rounds.subset(informants=[])
    assert same.relations == two_rounds.relations and same.informant_ids == two_rounds.informant_ids


def test_subset_unknown_informant_is_a_clear_error(two_rounds):
    with pytest.raises(KeyError, match=r"onbekende informant\(en\) 'I9'; kies uit: I1, I2 of I3"):
        two_rounds.subset(informants=["I1", "I9"])
    with pytest.raises(KeyError, match="onbekende ronde"):
        two_rounds.subset(rounds=["R7"])


# -- 2. area relation ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("code, gebied, expected", [
    ("BU99010203", "WK990102", "in Zuiderveld"),     # a buurt of the wijk
    ("WK990102", "WK990102", "in Zuiderveld"),       # the wijk itself
    ("GM9901", "WK990102", "breder (gemeente)"),     # the gemeente around it
    ("WK990102", "BU99010203", "breder (wijk)"),     # the wijk around a chosen buurt
    ("WK990103", "WK990102", "ander gebied"),        # the neighbouring wijk
    ("BU99010301", "WK990102", "ander gebied"),      # a buurt of another wijk
    ("GM9902", "WK990102", "ander gebied"),          # another gemeente
    (None, "WK990102", "onbekend (regionaal of niet ingevuld)"),
    ("WK990102", "", "niet bepaald (geen gebied gekozen)"),
])
def test_area_relation_by_hand(code, gebied, expected):
    assert area_relation(code, gebied, "Zuiderveld") == expected


def test_area_relation_without_name_uses_code_and_refuses_bad_codes():
    assert area_relation("BU99010203", "WK990102") == "in WK990102"
    with pytest.raises(ValueError, match="gebied 'Zuiderveld' is geen CBS-code"):
        area_relation("WK990102", "Zuiderveld")
    with pytest.raises(ValueError, match="'WK12' is geen CBS-code"):
        area_relation("WK12", "WK990102")


def test_actors_frame_adds_ligging_and_type_name():
    vocab = ActorTypeVocabulary(types={"ib.actor.wijkagent": ActorTypeInfo(id="ib.actor.wijkagent",
                                                                           name_nl="Wijkagent")}, available=True)
    s = make_set([dict(actor_id="A", actortype="ib.actor.wijkagent", gebied="BU99010203"),
                  dict(actor_id="B", actortype="overig", actortype_label="moskee-bestuur", gebied="GM9901"),
                  dict(actor_id="C", actortype="ib.actor.wijkagent")], vocabulary=vocab)
    df = s.actors_frame(gebied="WK990102", gebiedsnaam="Zuiderveld").set_index("actor_id")
    assert list(df["actortype_naam"]) == ["Wijkagent", "moskee-bestuur", "Wijkagent"]
    assert list(df["ligging"]) == ["in Zuiderveld", "breder (gemeente)", "onbekend (regionaal of niet ingevuld)"]
    assert "ligging" not in s.actors_frame().columns
    assert s.actortype_name("A") == "Wijkagent"
    # without a catalogue the slug is the name
    free = make_set([dict(actor_id="A", actortype="ib.actor.jongeren_werk")])
    assert free.actors_frame()["actortype_naam"].tolist() == ["jongeren werk"]


def test_exports_keep_the_template_columns(tmp_path, demo):
    header = write_csv(demo, tmp_path)[0].read_text(encoding="utf-8").splitlines()[0]
    assert "actortype_naam" not in header and header.startswith("actor_id,naam,actortype")


# -- 3. class summary --------------------------------------------------------------------------------------------
def test_class_summary_by_hand():
    t = pd.DataFrame({"label": ["Politie", "Buurthuis", "Corporatie", "Moeders"],
                      "type": ["opponent", "bondgenoot", "opponent", None]})
    assert class_summary(t) == ("- **opponent** (2): Politie; Corporatie\n"
                                "- **bondgenoot** (1): Buurthuis\n"
                                "- *geen klasse* (1): scores ontbreken (Moeders)")


def test_class_summary_keeps_labels_with_commas_apart():
    t = pd.DataFrame({"label": ["Gemeente Eikendaal, team Veiligheid", "Buurthuis"], "type": ["bondgenoot"] * 2})
    assert class_summary(t) == "- **bondgenoot** (2): Gemeente Eikendaal, team Veiligheid; Buurthuis"


def test_class_summary_defaults_per_method_and_escapes_markdown():
    scores = pd.DataFrame({"label": ["A_b", "C*", "D"], "macht": [5, 5, 1], "belang": [5, 4, 1],
                           "legitimiteit": [5, 1, 1], "urgentie": [5, 1, 1]}, index=["a", "c", "d"])
    pi = class_summary(power_interest(scores))
    assert pi.splitlines() == ["- **sleutelspeler: nauw betrekken** (2): A\\_b; C\\*",
                               "- **publiek: monitoren** (1): D"]
    assert class_summary(salience(scores)).splitlines()[0] == "- **definitief** (1): A\\_b"
    assert class_summary(power_interest(scores), "strategie").startswith("- **nauw betrekken** (2)")
    with pytest.raises(KeyError, match="kolom\\(men\\) ontbreken in de tabel: klasse"):
        class_summary(power_interest(scores), "klasse")
    with pytest.raises(KeyError, match="geen klassekolom"):
        class_summary(scores)


# -- 4. conversation starters for contested ties ------------------------------------------------------------------
@pytest.fixture
def disputed():
    return make_set(list("ABCD"), [
        rel("A", "B", informant="I1"), rel("A", "B", informant="I2", bestaat=False),
        rel("C", "D", informant="I1", gericht=False), rel("C", "D", "conflict", informant="I2", gericht=False)])


def test_contested_summary_by_hand(disputed):
    c = contested_ties(disputed)
    assert isinstance(c, ContestedTies) and len(c) == 3  # C-D twice (both types), A-B once
    assert list(c["vraag"]) == [CONTESTED_QUESTIONS[r] for r in c["reden"]]
    assert c.summary_nl() == (
        "- **Organisatie C – Organisatie D** (tegenstrijdig): *heeft conflict met* volgens I2; anders: I1: werkt "
        "samen met. De een ziet een conflict, de ander niet: wat gebeurt er echt tussen hen?\n"
        "- **Organisatie A – Organisatie B** (ontkend): *werkt samen met* volgens I1; ontkend door I2. Bestaat "
        "deze relatie? Wie ziet haar wel, wie niet, en waarom?")
    assert len(c.summary_nl(per="type").splitlines()) == 3


def test_contested_summary_roles_filtering_and_empty(disputed):
    c = disputed.contested()
    only = c[c["reden"] == "ontkend"]
    assert isinstance(only, ContestedTies)
    text = only.summary_nl(roles={"I1": "bewoner", "I2": "politie"})
    assert text.startswith("- **Organisatie A – Organisatie B** (ontkend): *werkt samen met* volgens I1 (bewoner); "
                           "ontkend door I2 (politie).")
    assert c.iloc[0:0].summary_nl() == "Geen betwiste relaties in deze ronde."
    with pytest.raises(KeyError, match="reden"):
        c.drop(columns="reden").summary_nl()


# -- 6. privacy audit --------------------------------------------------------------------------------------------
@pytest.fixture
def people():
    actors = [dict(actor_id=f"A{i:02d}", naam=f"Organisatie {i}") for i in range(1, 17)]
    actors += [dict(actor_id="A17", naam="Fenna Fictief", natuurlijk_persoon=True, rol="sleutelpersoon"),
               dict(actor_id="A18", naam="Kees Bedacht", natuurlijk_persoon=True, rol="buurtvader"),
               dict(actor_id="A19", naam="Stichting Bedacht")]
    return make_set(actors, [rel("A17", "A01", notitie="Fenna Fictief belt elke week")])


def test_audit_passes_safe_exports_and_ignores_actor_ids(people, tmp_path):
    write_csv(people, tmp_path / "csv")
    write_xlsx(people, tmp_path / "kaart.xlsx")
    wb = Workbook()
    wb.active["B2"] = "A17"  # an actor id in a cell, and the sheet has cell A17 as well
    wb.active["A17"] = "Stichting Bedacht"  # an organisation that shares a word with a person: not a name leak
    wb.save(tmp_path / "ids.xlsx")
    (tmp_path / "notities.txt").write_text("A17 en A18 spraken af in cel A17\n", encoding="utf-8")
    (tmp_path / "figuur.png").write_bytes(b"\x89PNG")
    result = audit(tmp_path, people)
    assert result.ok, result.summary_nl()
    assert {"kaart.xlsx", "ids.xlsx", "notities.txt", "csv/actoren.csv"} <= set(result.checked)
    assert result.skipped == ("figuur.png",)
    assert result.summary_nl().startswith("Gecontroleerd: 10 bestanden; geen namen van personen gevonden.")  # + 2 key fingerprints
    assert "figuur.png" in result.summary_nl()


def test_audit_finds_names_in_every_format_without_showing_them(people, tmp_path):
    (tmp_path / "a.txt").write_text("regel een\noverleg met fenna   fictief\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("wie,wat\nx,Fictief zei ja\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>Kees&#32;Bedacht</p>", encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"notitie": "met Fenna Fictief"}), encoding="utf-8")
    wb = Workbook()
    wb.active.title = "Blad"
    wb.active["C5"] = "Fenna Fictief"
    wb.save(tmp_path / "e.xlsx")
    (tmp_path / "Kees Bedacht.png").write_bytes(b"\x89PNG")
    result = audit(tmp_path, people)
    assert not result.ok
    got = {(r.bestand, r.plek, r.persoon, r.treffer) for r in result.findings.itertuples()}
    assert got == {("a.txt", "regel 2", "sleutelpersoon", "volledige naam"),
                   ("b.csv", "regel 2", "sleutelpersoon", "deel van de naam"),
                   ("c.html", "regel 1", "buurtvader", "volledige naam"),
                   ("d.json", "$.notitie", "sleutelpersoon", "volledige naam"),
                   ("e.xlsx", "Blad!C5", "sleutelpersoon", "volledige naam"),
                   ("[naam: buurtvader].png", "bestandsnaam", "buurtvader", "volledige naam")}
    report = result.summary_nl() + result.findings.to_csv()
    assert "Fenna" not in report and "Fictief" not in report and "Kees" not in report
    with pytest.raises(PrivacyLeakError, match="a.txt, b.csv") as err:
        result.raise_if_found()
    assert "Fictief" not in str(err.value)


def test_audit_of_the_demo_exports(demo, tmp_path):
    write_csv(demo, tmp_path / "veilig" / "csv")
    write_xlsx(demo, tmp_path / "veilig" / "kaart.xlsx")
    network_view(consensus_network(demo, "R2")).save(tmp_path / "veilig" / "netwerk.html")
    assert audit(tmp_path / "veilig", demo).ok
    write_csv(demo, tmp_path / "met_namen", allow_names=True)
    named = audit(tmp_path / "met_namen", demo)
    assert "actoren.csv" in named.files_with_names()
    assert len(set(named.findings["persoon"])) == len(DEMO_PERSON_NAMES)  # every person is found
    assert privacy.audit is audit


def test_audit_missing_folder_and_extra_names(people, tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        audit(tmp_path / "nergens", people)
    (tmp_path / "x.md").write_text("Informant Mo Denkbeeld zei", encoding="utf-8")
    assert audit(tmp_path, people).ok
    extra = audit(tmp_path / "x.md", people, extra_names=["Mo Denkbeeld"])
    assert extra.findings["persoon"].tolist() == ["extra naam 1"]


# -- 7. re-exports -----------------------------------------------------------------------------------------------
def test_constants_are_exported_from_the_package():
    from wijklib.stakeholders.network import BROKERAGE_ROLES
    from wijklib.stakeholders.vocab import RELATION_LABELS, SCALES

    assert ws.BROKERAGE_ROLES is BROKERAGE_ROLES and ws.RELATION_LABELS is RELATION_LABELS and ws.SCALES is SCALES
    assert {"BROKERAGE_ROLES", "RELATION_LABELS", "SCALES", "class_summary", "area_relation"} <= set(ws.__all__)


# -- defects -----------------------------------------------------------------------------------------------------
def test_interpret_uses_dutch_singular_and_plural():
    one = make_set([dict(actor_id="A", naam="Moeders", wereld="leef"), dict(actor_id="B", naam="Wijkverbinder",
                                                                         wereld="beide"),
                    dict(actor_id="C", naam="Politie", wereld="systeem")],
                   [rel("A", "B", gericht=False), rel("B", "C", gericht=False)])
    text = interpret(build_graph(one))
    assert "Wijkverbinder (1 paar)" in text and "1 paren" not in text
    two = make_set([dict(actor_id="A", wereld="leef"), dict(actor_id="B", naam="Wijkverbinder", wereld="beide"),
                    dict(actor_id="C", wereld="systeem"), dict(actor_id="D", wereld="systeem")],
                   [rel("A", "B", gericht=False), rel("B", "C", gericht=False), rel("B", "D", gericht=False)])
    assert "Wijkverbinder (2 paren)" in interpret(build_graph(two))
    assert "**Netwerk**: 1 actor, 0 relaties" in interpret(build_graph(make_set(["A"])))


def test_refusal_of_a_named_suspect_uses_correct_dutch():
    with pytest.raises(InputError) as err:
        make_set([dict(actor_id="X", naam="Piet Crimineel", natuurlijk_persoon=True, wereld="crimineel")])
    assert "een crimineel actortype" in str(err.value) and "criminele actortype" not in str(err.value)
