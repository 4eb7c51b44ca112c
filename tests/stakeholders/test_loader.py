"""Loading CSV folders and workbooks: round trips and clear Dutch errors naming file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from wijklib.errors import InputError
from wijklib.stakeholders import load_stakeholders, write_csv, write_templates, write_xlsx
from wijklib.stakeholders.io import TABLES
from wijklib.stakeholders.vocab import ActorTypeVocabulary, ActorTypeInfo

FREE = ActorTypeVocabulary()

ACTORS = "actor_id,naam,actortype,natuurlijk_persoon,rol,wereld\n" \
         "A,Gemeente,ib.actor.gemeente,nee,,systeem\n" \
         "B,Moedergroep,overig,nee,,leef\n" \
         "C,Fenna Fictief,ib.actor.bewoner,ja,sleutelpersoon,leef\n"


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def load(folder, **kw):
    return load_stakeholders(folder, vocabulary=kw.pop("vocabulary", FREE), **kw)


def test_overig_needs_label(tmp_path):
    with pytest.raises(InputError) as err:
        load(write(tmp_path, actoren=ACTORS))
    msg = str(err.value)
    assert "actoren.csv" in msg and "rij 3" in msg and "actortype_label" in msg


def good_actors() -> str:
    return ACTORS.replace("naam,actortype,", "naam,actortype,actortype_label,").replace(
        "ib.actor.gemeente,", "ib.actor.gemeente,,").replace("overig,", "overig,bewonersinitiatief,").replace(
        "ib.actor.bewoner,", "ib.actor.bewoner,,")


def test_minimal_folder_loads_and_makes_rounds(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), relaties="bron,doel,type\nA,B,informatie\n")
    s = load(folder)
    assert [a.actor_id for a in s.actors] == ["A", "B", "C"]
    assert s.round_ids == ("R1",) and s.informant_ids == ("groep",)
    assert s.relations[0].gericht is True and s.relations[0].sterkte == 2
    assert any("rondes" in w for w in s.warnings)


def test_unknown_actor_in_relation(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), relaties="bron,doel,type\nA,B,informatie\nA,X,conflict\n")
    with pytest.raises(InputError) as err:
        load(folder)
    e = err.value
    assert e.file.endswith("relaties.csv") and e.row == 3 and e.column == "doel"
    assert "onbekende actor 'X'" in str(e)


@pytest.mark.parametrize("column,value,expect", [
    ("macht", "7", "buiten de schaal 1 tot 5"),
    ("houding", "-3", "buiten de schaal -2 tot 2"),
    ("bereik", "abc", "verwacht een getal"),
    ("trede_huidig", "9", "trede"),
    ("trede_doel", "ladderen", "onbekende trede"),
])
def test_values_out_of_range(tmp_path, column, value, expect):
    folder = write(tmp_path, actoren=good_actors(), beoordelingen=f"actor_id,macht,{column}\nA,3,1\nB,2,{value}\n"
                   if column != "macht" else f"actor_id,macht\nA,3\nB,{value}\n")
    with pytest.raises(InputError) as err:
        load(folder)
    e = err.value
    assert e.row == 3 and e.column == column and expect in str(e)


def test_strength_out_of_range(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), relaties="bron,doel,type,sterkte\nA,B,informatie,4\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert err.value.column == "sterkte" and "1 tot en met 3" in str(err.value)


def test_unknown_relation_type(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), relaties="bron,doel,type\nA,B,vriendschap\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert err.value.column == "type" and "samenwerking" in str(err.value)


def test_duplicate_actor_id(tmp_path):
    folder = write(tmp_path, actoren=good_actors() + "A,Nog een,ib.actor.gemeente,,nee,,systeem\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert err.value.row == 5 and err.value.column == "actor_id" and "dubbel actor_id 'A'" in str(err.value)
    assert "(ook in rij 2)" in str(err.value)


def test_duplicate_assessment(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), beoordelingen="actor_id,macht\nA,3\nA,4\n")
    with pytest.raises(InputError, match="dubbele beoordeling"):
        load(folder)


def test_missing_columns(tmp_path):
    folder = write(tmp_path, actoren="actor_id,naam\nA,Gemeente\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert "actortype" in str(err.value) and err.value.file.endswith("actoren.csv")


def test_unknown_actor_type_against_catalogue(tmp_path):
    vocab = ActorTypeVocabulary(types={"ib.actor.gemeente": ActorTypeInfo("ib.actor.gemeente", "Gemeente")},
                                available=True)
    folder = write(tmp_path, actoren="actor_id,naam,actortype\nA,Gemeente,gemeente\nB,Iets,ib.actor.bestaatniet\n")
    with pytest.raises(InputError) as err:
        load(folder, vocabulary=vocab)
    assert err.value.row == 3 and err.value.column == "actortype" and "onbekend actortype" in str(err.value)


def test_actor_type_by_name_resolves_to_id(tmp_path):
    vocab = ActorTypeVocabulary(types={"ib.actor.woningcorporatie": ActorTypeInfo(
        "ib.actor.woningcorporatie", "Woningcorporatie", groep="Wonen", wereld="systeem", formeel=True)},
        available=True)
    s = load(write(tmp_path, actoren="actor_id,naam,actortype\nA,Lindewoon,Woningcorporatie\n"), vocabulary=vocab)
    a = s.actor("A")
    assert (a.actortype, a.wereld, a.formeel, a.groep) == ("ib.actor.woningcorporatie", "systeem", True, "Wonen")


def test_unknown_round_when_rounds_given(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), rondes="ronde,datum\nR1,2024-03-01\n",
                   relaties="ronde,bron,doel,type\nR1,A,B,informatie\nR9,A,B,informatie\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert err.value.row == 3 and err.value.column == "ronde" and "R9" in str(err.value)


def test_informant_name_column_refused(tmp_path):
    folder = write(tmp_path, actoren=good_actors(), informanten="informant,naam\nI1,Jan\n")
    with pytest.raises(InputError, match="nooit met hun naam"):
        load(folder)


def test_named_suspect_refused(tmp_path):
    folder = write(tmp_path, actoren="actor_id,naam,actortype,actortype_label,natuurlijk_persoon,wereld\n"
                                     "A,Gemeente,ib.actor.gemeente,,nee,systeem\n"
                                     "X,Piet Verdacht,overig,drugsdealer,ja,\n")
    with pytest.raises(InputError) as err:
        load(folder)
    assert err.value.row == 3 and "verdachten" in str(err.value) and "crimineel netwerk" in str(err.value)


def test_criminal_context_node_allowed(tmp_path):
    s = load(write(tmp_path, actoren="actor_id,naam,actortype,actortype_label,natuurlijk_persoon\n"
                                     "X,Drugsnetwerk (context),overig,crimineel netwerk,nee\n"))
    assert s.actor("X").wereld == "crimineel"


def test_dutch_excel_csv(tmp_path):
    """Semicolons, Windows-1252, decimal commas, ja/nee variants."""
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "actoren.csv").write_bytes(
        "actor_id;naam;actortype;natuurlijk_persoon\nA;Café De Hoek;ib.actor.ondernemer;n\n".encode("cp1252"))
    (folder / "beoordelingen.csv").write_bytes("actor_id;macht;houding;trede_huidig\nA;3,5;-1;Raadplegen\n"
                                               .encode("cp1252"))
    s = load(folder)
    assert s.actor("A").naam == "Café De Hoek"
    ass = s.assessments[0]
    assert ass.macht == 3.5 and ass.houding == -1 and ass.trede_huidig == 2


def test_csv_and_xlsx_round_trip(tmp_path, demo):
    write_csv(demo, tmp_path / "csv", allow_names=True)
    write_xlsx(demo, tmp_path / "x.xlsx", allow_names=True)
    for src in (tmp_path / "csv", tmp_path / "x.xlsx"):
        back = load_stakeholders(src, vocabulary=demo.vocabulary)
        assert back.actors == demo.actors
        assert back.relations == demo.relations
        assert back.assessments == demo.assessments
        assert back.rounds == demo.rounds and back.informants == demo.informants


def test_xlsx_error_names_sheet_and_excel_line(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Actoren"
    ws.append(["actor_id", "naam", "actortype"])
    ws.append(["A", "Gemeente", "ib.actor.gemeente"])
    ws2 = wb.create_sheet("Relaties")
    ws2.append(["bron", "doel", "type", "sterkte"])
    ws2.append(["A", "A", "informatie", 2])
    wb.save(tmp_path / "k.xlsx")
    with pytest.raises(InputError) as err:
        load(tmp_path / "k.xlsx")
    msg = str(err.value)
    assert "blad 'Relaties'" in msg and "rij 2:" in msg and "zichzelf" in msg  # row 2 of the sheet, as Excel shows


def test_templates(tmp_path):
    paths = write_templates(tmp_path)
    names = {p.name for p in paths}
    assert {"stakeholders_sjabloon.xlsx", "actoren.csv", "LEESMIJ.md"} <= names
    for name, spec in TABLES.items():
        header = (tmp_path / f"{name}.csv").read_text(encoding="utf-8").strip().split(",")
        assert header == list(spec["columns"])
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "stakeholders_sjabloon.xlsx")
    assert wb.sheetnames[:2] == ["Uitleg", "Keuzelijsten"]
    assert "Actoren" in wb.sheetnames and "Privacy" in " ".join(str(c.value) for c in wb["Uitleg"]["A"])
    # an empty template loads as an empty map
    s = load(tmp_path / "stakeholders_sjabloon.xlsx")
    assert len(s.actors) == 0


def test_shipped_templates_match_code():
    root = Path(__file__).resolve().parents[2] / "templates" / "invoer" / "stakeholders"
    if not root.exists():
        pytest.skip("templates/invoer/stakeholders ontbreekt")
    for name, spec in TABLES.items():
        assert (root / f"{name}.csv").read_text(encoding="utf-8").strip().split(",") == list(spec["columns"])


MINI_CATALOGUE = """
document: {id: "000", file: x.txt, prefix: lk, title: Test, short_nl: Test, year: 2023}
kinds:
  randvoorwaarde: {name_nl: Randvoorwaarde, name_en: Precondition}
entries:
  - id: lk.rv.test
    kind: randvoorwaarde
    name_nl: Test
    name_en: Test
    description_nl: Een test.
    source: {section: "1"}
    order: 1
"""


def test_vocabulary_without_actor_types_accepts_well_formed_ids(tmp_path):
    from wijklib.catalogue import load_catalogue
    from wijklib.stakeholders.vocab import actor_types

    (tmp_path / "000_test.yaml").write_text(MINI_CATALOGUE, encoding="utf-8")
    vocab = actor_types(load_catalogue(tmp_path / "000_test.yaml"))
    assert not vocab.available
    assert vocab.resolve("ib.actor.iets_nieuws").id == "ib.actor.iets_nieuws"
    with pytest.raises(ValueError, match="ib.actor.<naam>"):
        vocab.resolve("woningcorporatie")


def test_real_catalogue_resolves_names_and_criminal_types():
    from wijklib.stakeholders.vocab import actor_types

    vocab = actor_types()
    if not vocab.available:
        pytest.skip("de catalogus heeft (nog) geen actortypen")
    assert vocab.resolve("Woningcorporatie").id == "ib.actor.woningcorporatie"
    crim = [t for t in vocab.types.values() if t.wereld == "crimineel"]
    assert crim, "de catalogus moet criminele actortypen als context kennen"
    from wijklib.stakeholders import Actor, StakeholderSet

    with pytest.raises(InputError, match="verdachten"):
        StakeholderSet.from_records([Actor(actor_id="X", naam="Iemand", actortype=crim[0].id,
                                           natuurlijk_persoon=True)], vocabulary=vocab)
