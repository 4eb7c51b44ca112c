"""The catalogue loader: validation with clear errors, immutability and the query API.

These tests use a small hand-written catalogue in a temporary directory, so that they pin the loader's behaviour
independently of the shipped data; ``test_shipped.py`` checks the shipped files.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from wijklib.catalogue import CatalogueError, load_catalogue

MINI = {
    "document": {"id": "000", "file": "000_x.txt", "prefix": "lk", "title": "Test", "short_nl": "Test"},
    "kinds": {
        "randvoorwaarde": {"name_nl": "Randvoorwaarde", "name_en": "Precondition",
                           "attributes": {"nummer": {"type": "int", "required": True}}},
        "vraagt_om": {"name_nl": "Vraagt om", "name_en": "Asks for", "parent_kind": "randvoorwaarde",
                      "attributes": {"bronnen": {"type": "list"}}},
        "werkzaam_principe": {"name_nl": "Werkzaam principe", "name_en": "Working principle"},
    },
    "entries": [
        {"id": "lk.rv.urgentiebesef", "kind": "randvoorwaarde", "name_nl": "Urgentiebesef",
         "name_en": "Sense of urgency", "description_nl": "Iedereen ziet dat er iets moet gebeuren.",
         "source": {"section": "§2.3"}, "order": 1, "attributes": {"nummer": 1}},
        {"id": "lk.rv.bestuurskracht", "kind": "randvoorwaarde", "name_nl": "Bestuurskracht",
         "name_en": "Administrative strength", "description_nl": "Het bestuur staat achter de aanpak.",
         "source": {"section": "§2.3"}, "order": 2, "attributes": {"nummer": 5}},
        {"id": "lk.rv.urgentiebesef.vo1", "kind": "vraagt_om", "name_nl": "Gedeeld beeld van de cijfers",
         "name_en": "Shared picture", "description_nl": "Partners delen cijfers en feiten.",
         "source": {"section": "§2.3 P01"}, "parent": "lk.rv.urgentiebesef", "order": 1,
         "attributes": {"bronnen": ["1", "2"]}},
        {"id": "lk.wp.bekend_maakt_bemind", "kind": "werkzaam_principe", "name_nl": "Bekend maakt bemind",
         "name_en": "Familiarity breeds liking", "description_nl": "Wie elkaar kent, vertrouwt elkaar eerder.",
         "description_en": "People trust whom they know.",
         "source": {"section": "§3.2"}, "order": 1,
         "refs": [{"rel": "randvoorwaarde", "target": "lk.rv.urgentiebesef", "interpretation": True}]},
    ],
}


def write(tmp_path: Path, data: dict, name: str = "000_test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def mini(tmp_path):
    write(tmp_path, MINI)
    return load_catalogue(tmp_path)


def test_lookups(mini):
    assert mini.get("lk.rv.urgentiebesef").name_en == "Sense of urgency"
    assert [e.id for e in mini.by_kind("randvoorwaarde")] == ["lk.rv.urgentiebesef", "lk.rv.bestuurskracht"]
    assert [e.id for e in mini.children("lk.rv.urgentiebesef")] == ["lk.rv.urgentiebesef.vo1"]
    assert mini.parent_of("lk.rv.urgentiebesef.vo1").id == "lk.rv.urgentiebesef"
    assert [e.id for e in mini.targets("lk.wp.bekend_maakt_bemind", rel="randvoorwaarde")] == ["lk.rv.urgentiebesef"]
    assert [e.id for e in mini.referrers("lk.rv.urgentiebesef")] == ["lk.wp.bekend_maakt_bemind"]
    assert mini.referrers("lk.rv.bestuurskracht") == ()
    assert mini.get("lk.rv.urgentiebesef.vo1").source.file == "000_x.txt"
    assert mini.get("lk.rv.urgentiebesef.vo1").attr("bronnen") == ("1", "2")
    assert mini.get("lk.rv.urgentiebesef").attr("ontbreekt", "standaard") == "standaard"


def test_unknown_id_suggests_close_ids(mini):
    with pytest.raises(KeyError, match="lk.rv.bestuurskracht"):
        mini.get("lk.rv.bestuur")


def test_search_is_case_and_accent_insensitive(mini):
    assert [e.id for e in mini.search("URGENTIE")][0] == "lk.rv.urgentiebesef"
    assert [e.id for e in mini.search("trust", lang="en")] == ["lk.wp.bekend_maakt_bemind"]
    assert mini.search("trust", lang="nl") == ()
    assert [e.id for e in mini.search("bemind", descriptions=False)] == ["lk.wp.bekend_maakt_bemind"]
    # every word must occur
    assert mini.search("urgentie bestuur") == ()


def test_entries_are_immutable(mini):
    entry = mini.get("lk.rv.urgentiebesef")
    with pytest.raises(Exception):
        entry.name_nl = "anders"
    with pytest.raises(TypeError):
        entry.attributes["nummer"] = 2  # type: ignore[index]


def test_to_frame_and_tree(mini):
    frame = mini.to_frame("vraagt_om")
    assert list(frame["id"]) == ["lk.rv.urgentiebesef.vo1"]
    assert frame.loc[0, "bronnen"] == "1, 2"
    assert "Gedeeld beeld van de cijfers" in mini.tree("lk.rv.urgentiebesef")


BROKEN = [
    # (mutation, expected fragments of the message)
    (lambda d: d["entries"][2].update(parent="lk.rv.bestaat_niet"), ["entry 3", "lk.rv.urgentiebesef.vo1", "bestaat niet"]),
    (lambda d: d["entries"][1].update(id="lk.rv.urgentiebesef"), ["entry 2", "dubbel id"]),
    (lambda d: d["entries"][0].update(kind="onbekend"), ["entry 1", "onbekende soort 'onbekend'"]),
    (lambda d: d["entries"][0].pop("name_en"), ["entry 1", "name_en", "verplicht veld ontbreekt"]),
    (lambda d: d["entries"][0].update(kleur="rood"), ["entry 1", "kleur", "onbekend veld"]),
    (lambda d: d["entries"][0]["attributes"].update(nummer="een"), ["entry 1", "'nummer'", "type int"]),
    (lambda d: d["entries"][1].pop("attributes"), ["entry 2", "verplicht attribuut 'nummer'"]),
    (lambda d: d["entries"][2]["attributes"].update(kleur="rood"), ["entry 3", "'kleur' is niet gedeclareerd"]),
    (lambda d: d["entries"][3]["refs"][0].update(target="lk.rv.nergens"), ["entry 4", "onbekend id 'lk.rv.nergens'"]),
    (lambda d: d["entries"][2].update(parent=None), ["entry 3", "vraagt een ouder"]),
    (lambda d: d["entries"][2].update(parent="lk.wp.bekend_maakt_bemind"), ["entry 3", "verwacht 'randvoorwaarde'"]),
    (lambda d: d["entries"][1].update(order=1), ["entry 2", "volgnummer 1"]),
    (lambda d: d["entries"][0].update(id="xx.rv.urgentiebesef"), ["entry 1", "voorvoegsel 'lk.'"]),
    (lambda d: d["entries"][0].update(id="lk.RV urgentie"), ["entry 1", "id 'lk.RV urgentie'"]),
    (lambda d: d["document"].pop("prefix"), ["document.prefix", "verplicht veld ontbreekt"]),
]


@pytest.mark.parametrize("mutate, fragments", BROKEN)
def test_broken_copy_names_file_entry_and_problem(tmp_path, mutate, fragments):
    data = copy.deepcopy(MINI)
    mutate(data)
    path = write(tmp_path, data, "000_kapot.yaml")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    message = str(info.value)
    assert "000_kapot.yaml" in message
    for fragment in fragments:
        assert fragment in message, message
    assert info.value.file == str(path)


def test_invalid_yaml_names_line(tmp_path):
    path = tmp_path / "000_kapot.yaml"
    path.write_text("document:\n  id: '000'\nentries: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"000_kapot.yaml: geen geldige YAML \(regel \d+"):
        load_catalogue(tmp_path)


def test_kind_defined_twice_across_files(tmp_path):
    write(tmp_path, MINI, "000_a.yaml")
    other = copy.deepcopy(MINI)
    other["document"].update(id="001", prefix="ib")
    other["entries"] = []
    write(tmp_path, other, "001_b.yaml")
    with pytest.raises(CatalogueError, match="001_b.yaml.*soort 'randvoorwaarde' is al gedefinieerd in 000_a.yaml"):
        load_catalogue(tmp_path)


def test_references_across_files_resolve(tmp_path):
    write(tmp_path, MINI, "000_a.yaml")
    other = {
        "document": {"id": "002", "file": "002_x.txt", "prefix": "dk", "title": "T", "short_nl": "T"},
        "kinds": {"fenomeen": {"name_nl": "Fenomeen", "name_en": "Phenomenon"}},
        "entries": [{"id": "dk.fenomeen.overlast", "kind": "fenomeen", "name_nl": "Overlast", "name_en": "Nuisance",
                     "description_nl": "Hinder in de buurt.", "source": {"section": "Eigenschappen"}, "order": 1,
                     "refs": [{"rel": "zie_ook", "target": "lk.rv.urgentiebesef"}]}],
    }
    write(tmp_path, other, "002_b.yaml")
    cat = load_catalogue(tmp_path)
    assert [e.id for e in cat.referrers("lk.rv.urgentiebesef")] == ["lk.wp.bekend_maakt_bemind", "dk.fenomeen.overlast"]
    assert set(cat.documents) == {"000", "002"}
    assert cat.file_of("dk.fenomeen.overlast").name == "002_b.yaml"


def test_missing_directory(tmp_path):
    with pytest.raises(CatalogueError, match="bestaat niet"):
        load_catalogue(tmp_path / "nergens")
    with pytest.raises(CatalogueError, match="geen catalogusbestanden"):
        load_catalogue(tmp_path)


def test_children_of_different_kinds_are_grouped_by_kind(tmp_path):
    data = copy.deepcopy(MINI)
    data["kinds"]["aan_de_slag"] = {"name_nl": "Aan de slag", "name_en": "Get started", "parent_kind": "randvoorwaarde"}
    data["entries"].append({"id": "lk.rv.urgentiebesef.as1", "kind": "aan_de_slag", "name_nl": "Maak een beeld",
                            "name_en": "Make a picture", "description_nl": "Breng de cijfers samen.",
                            "source": {"section": "§2.3"}, "parent": "lk.rv.urgentiebesef", "order": 1})
    data["entries"].append({"id": "lk.rv.urgentiebesef.vo2", "kind": "vraagt_om", "name_nl": "Tweede",
                            "name_en": "Second", "description_nl": "Nog een punt.",
                            "source": {"section": "§2.3"}, "parent": "lk.rv.urgentiebesef", "order": 2})
    write(tmp_path, data)
    cat = load_catalogue(tmp_path)
    assert [e.id for e in cat.children("lk.rv.urgentiebesef")] == [
        "lk.rv.urgentiebesef.vo1", "lk.rv.urgentiebesef.vo2", "lk.rv.urgentiebesef.as1"]
    assert [e.id for e in cat.children("lk.rv.urgentiebesef", kind="aan_de_slag")] == ["lk.rv.urgentiebesef.as1"]


def test_markdown_groups_children_by_kind_and_marks_interpretations(mini):
    text = mini.markdown("lk.rv.urgentiebesef")
    assert text.startswith("**Urgentiebesef** (Randvoorwaarde, `lk.rv.urgentiebesef`)")
    assert "*Vraagt om:*" in text and "- Gedeeld beeld van de cijfers: Partners delen cijfers en feiten." in text
    ref_text = mini.markdown("lk.wp.bekend_maakt_bemind")
    assert "- randvoorwaarde: Urgentiebesef (`lk.rv.urgentiebesef`) (interpretatie)" in ref_text
    assert "People trust whom they know." in mini.markdown("lk.wp.bekend_maakt_bemind", lang="en")


def test_documents_frame_keeps_missing_years_empty(mini):
    frame = mini.documents_frame()
    assert list(frame["document"]) == ["000"]
    assert frame["jaar"].isna().all() and str(frame["jaar"].dtype) == "Int64"
