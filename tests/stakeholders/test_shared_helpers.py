"""The shared homes of the stakeholder package: id and list validation, export tables, method classification."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from wijklib.stakeholders import Informant, Round, krachtenveld, power_interest, reach_trust
from wijklib.stakeholders.records import Consent, LogEntry, MemberCheck, ResearchRecords
from wijklib.stakeholders.vocab import LEVELS, RELATION_TYPES, WORLDS, split_list

from .conftest import make_set, rel


def test_split_list_strips_drops_empties_and_keeps_order():
    assert split_list(" jongeren | ouderen||") == ("jongeren", "ouderen")
    assert split_list("a;b|a", r"[|;]") == ("a", "b", "a")
    assert split_list("a;b|a", r"[|;]", unique=True) == ("a", "b")
    assert split_list(None) == ()
    assert split_list(["x", "y"]) == ("x", "y")  # given in code: kept as it is


def test_literal_types_give_the_vocabulary_tuples():
    assert RELATION_TYPES == ("samenwerking", "informatie", "vertrouwen", "invloed", "conflict", "financiering")
    assert WORLDS == ("systeem", "leef", "beide", "crimineel")
    assert LEVELS == ("bestuurlijk", "tactisch", "uitvoerend")


@pytest.mark.parametrize("make, field", [
    (lambda v: Round(ronde=v), "ronde"),
    (lambda v: Informant(informant=v), "informant"),
    (lambda v: Consent(informant=v, datum=dt.date(2024, 1, 1)), "informant"),
])
def test_code_fields_name_themselves_in_the_error(make, field):
    assert make(" R_1.a ").model_dump()[field] == "R_1.a"  # whitespace stripped, then checked
    with pytest.raises(ValidationError, match=f"{field} 'R 1' mag alleen letters, cijfers"):
        make("R 1")


def test_actor_id_is_checked_and_groups_are_split():
    with pytest.raises(ValidationError, match="actor_id 'A 1' mag alleen"):
        make_set(["A 1"])
    s = make_set(["A", "B"], assessments=[dict(actor_id="A", bereik=2, bereik_groepen="jongeren | ouders |")])
    assert s.assessments[0].bereik_groepen == ("jongeren", "ouders")
    assert s.assessments_frame()["bereik_groepen"].tolist() == ["jongeren|ouders"]


def test_every_export_table_scrubs_person_names_from_notes():
    name = "Fenna Fictief"
    s = make_set([dict(actor_id="P", naam=name, natuurlijk_persoon=True, rol="sleutelpersoon",
                       notitie=f"{name} kent iedereen"), "B"],
                 [rel("P", "B", informant="I1", notitie=f"{name} belt de corporatie")],
                 [dict(actor_id="P", informant="I1", macht=3, notitie=f"volgens {name} zelf")],
                 informants=[Informant(informant="I1", rol=f"buurvrouw van {name}", notitie=f"sprak met {name}")])
    frames = {"actoren": s.actors_frame(), "relaties": s.relations_frame(), "beoordelingen": s.assessments_frame(),
              "informanten": s.informants_frame()}
    for table, frame in frames.items():
        text = frame.astype(str).to_csv()
        assert name not in text, table
        assert "sleutelpersoon" in text, table  # the name became the role label
    assert frames["relaties"].loc[0, "bron"] != "P"  # the person's id is its pseudonym
    assert name in s.informants_frame(allow_names=True).to_csv()


def test_relations_frame_filters_by_round():
    s = make_set(["A", "B", "C"], [rel("A", "B", ronde="R1"), rel("B", "C", ronde="R2")])
    assert s.relations_frame(ronde="R2")[["bron", "doel"]].values.tolist() == [["B", "C"]]
    assert list(s.relations_frame(ronde="R3").columns) == list(s.relations_frame().columns)


def test_missing_scores_leave_every_class_column_empty():
    scores = pd.DataFrame({"label": ["a", "b"], "macht": [5.0, float("nan")], "belang": [5.0, 2.0],
                           "houding": [2.0, 1.0], "bereik": [3.0, None], "vertrouwen": [4.0, 4.0]},
                          index=["A", "B"])
    pi = power_interest(scores)
    assert pi.loc["A", ["kwadrant", "kwadrant_naam", "strategie"]].tolist() == ["HP_HI", "sleutelspeler",
                                                                                "nauw betrekken"]
    assert pi.loc["B", ["kwadrant", "kwadrant_naam", "strategie", "advies"]].isna().all()
    kv = krachtenveld(scores)
    assert kv.loc["A", ["kamp", "type"]].tolist() == ["voor", "bondgenoot"]
    assert kv.loc["B", ["kamp", "type", "advies"]].isna().all()
    rt = reach_trust(scores)
    assert rt.loc["A", "type"] == "sleutelpositie" and pd.isna(rt.loc["B", "type"])
    empty = power_interest(scores.iloc[:0])
    assert list(empty.columns[-4:]) == ["kwadrant", "kwadrant_naam", "strategie", "advies"] and empty.empty


def test_member_checks_and_log_share_one_readable_table():
    records = ResearchRecords(
        member_checks=(MemberCheck(datum=dt.date(2024, 4, 1), getoond="kaart", aan="moedergroep",
                                   reactie="Fenna Fictief mist de school"),),
        log=(LogEntry(datum=dt.date(2024, 4, 2), auteur_rol="onderzoeker", tekst="gesprek met Fenna Fictief"),))
    scrub = lambda t: t.replace("Fenna Fictief", "sleutelpersoon")  # noqa: E731
    mc, log = records.member_checks_frame(scrub), records.log_frame(scrub)
    assert list(mc.columns) == ["datum", "getoond", "aan", "reactie", "veranderd", "ronde", "actor_id", "thema"]
    assert list(log.columns) == ["datum", "auteur_rol", "tekst", "ronde", "actor_id", "thema"]
    assert mc.loc[0, "reactie"] == "sleutelpersoon mist de school" and mc.loc[0, "veranderd"] == ""
    assert log.loc[0, "tekst"] == "gesprek met sleutelpersoon" and log.loc[0, "thema"] == ""
