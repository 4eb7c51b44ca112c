"""The wijkverbinder's workbench (004) on hand-built tables and on the demo data of Lindewaard."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest

from wijklib.catalogue import load_catalogue
from wijklib.errors import InputError
from wijklib.gemeenschap import (
    acquaintance_overview,
    activity_plan,
    export_key_persons,
    load_werkbank,
    read_acquaintance_log,
    read_activities,
    read_key_persons,
    read_resilience,
    read_self_assessment,
    resilience_conversation,
    resilience_scores,
    self_assessment_items,
    self_assessment_scores,
    step_overview,
    vocab,
)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "gemeenschap"
KEY = b"k" * 32
CAT = load_catalogue()


def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------ vocabulary

def test_vocabulary_comes_from_the_catalogue():
    assert len(vocab.entries("kennismakingsmethode")) == 16
    assert len(vocab.entries("weerbaarheidsfactor")) == 10
    assert len(vocab.entries("weerbaarheidsactiviteit")) == 14
    assert len(vocab.entries(vocab.STEP_KIND)) == 12
    assert vocab.resolve("M4", "kennismakingsmethode") == "hr.km.sociale_kaart"
    assert vocab.resolve("m 4", "kennismakingsmethode") == "hr.km.sociale_kaart"
    assert vocab.resolve("M4 Sociale kaart", "kennismakingsmethode") == "hr.km.sociale_kaart"
    assert vocab.resolve("sociale KAART", "kennismakingsmethode") == "hr.km.sociale_kaart"
    assert vocab.resolve("hr.sv.gemeente_faciliteert - Gemeente faciliteert en motiveert",
                         "samenwerkingsvorm") == "hr.sv.gemeente_faciliteert"
    with pytest.raises(ValueError, match="kies uit de lijst"):
        vocab.resolve("M17", "kennismakingsmethode")


def test_step_links_follow_the_catalogue():
    assert vocab.step_numbers("hr.km.aanleiding_zoeken") == (3, 6, 9)
    assert vocab.step_numbers("hr.act.oudergroepen") == (10,)          # via its action in step 10
    assert vocab.step_numbers("hr.sv.bewoners_voeren_uit") == (10,)    # parent step
    assert vocab.step_numbers("hr.rol.wijkverbinder.t07") == (6,)      # task attribute
    assert vocab.step_numbers("hr.km.online_signalen") == ()           # the catalogue links no step


# ------------------------------------------------------------------------------------------------ acquaintance log

def test_acquaintance_log_and_overview(tmp_path):
    path = _csv(tmp_path, "k.csv", "datum,buurtcode,methode,stap,uitvoerder,bevinding\n"
                "2025-01-14,BU99010201,M4,,wijkverbinder,Sociale kaart gemaakt\n"
                "14-02-2025,BU99010201,Meelopen met professionals,6,Wijkverbinder,\n"
                "2025-03-01,BU99010202,hr.km.geschiedenis,,wijkverbinder,\n")
    log = read_acquaintance_log(path)
    assert log["methode"].tolist() == ["hr.km.sociale_kaart", "hr.km.meelopen", "hr.km.geschiedenis"]
    assert log["stap"].tolist() == ["hr.stap.s03", "hr.stap.s06", "hr.stap.s03"]  # empty stap: first catalogue step
    over = acquaintance_overview(log)
    assert len(over) == 2 * 16
    mine = over[over["buurtcode"] == "BU99010201"].set_index("code")
    assert mine.loc["M4", "keer"] == 1 and mine.loc["M8", "gebruikt"]
    assert mine["gebruikt"].sum() == 2 and not mine.loc["M1", "gebruikt"]
    assert mine.loc["M3", "stappen"] == "3, 6, 9"
    assert mine.loc["M4", "bron"].startswith("Handreiking Weerbare gemeenschappen, Stap 3")


@pytest.mark.parametrize("row, column, fragment", [
    ("2025-01-14,BU99010201,M17,,wijkverbinder", "methode", "onbekende waarde"),
    ("2025-01-14,BU99010201,M4,13,wijkverbinder", "stap", "1-12"),
    ("2025-01-14,BU9901020,M4,,wijkverbinder", "buurtcode", "geen CBS-buurtcode"),
    ("14 jan,BU99010201,M4,,wijkverbinder", "datum", ""),
    ("2025-01-14,BU99010201,M4,,", "uitvoerder", "uitvoerder ontbreekt"),
    ("2025-01-14,BU99010201,M4,,jan.jansen@gemeente.nl", "uitvoerder", "naam of adres"),
])
def test_acquaintance_log_errors_name_row_and_column(tmp_path, row, column, fragment):
    path = _csv(tmp_path, "k.csv", "datum,buurtcode,methode,stap,uitvoerder\n"
                "2025-01-10,BU99010201,M1,,wijkverbinder\n" + row + "\n")
    with pytest.raises(InputError) as exc:
        read_acquaintance_log(path)
    assert (exc.value.row, exc.value.column) == (3, column)
    assert fragment in exc.value.message
    assert exc.value.file == str(path)


def test_missing_required_column(tmp_path):
    with pytest.raises(InputError, match="verplichte kolom") as exc:
        read_acquaintance_log(_csv(tmp_path, "k.csv", "datum,buurtcode,stap\n2025-01-10,BU99010201,3\n"))
    assert exc.value.column == "methode"


# ------------------------------------------------------------------------------------------------ key persons

REGISTER = ("code,naam,type,buurtcode,bereikt,via_methode,zichtbaarheid,bescherming\n"
            ",Fenna Fictief,Sleutelpersoon,BU99010201,ouders,M10,kernteam,"
            "Fenna Fictief wil niet met de politie gezien worden\n"
            ",Bram Bedacht,buurtvader,BU99010201,jongeren,,alleen_wijkverbinder,Bedacht belt alleen privé\n"
            "SP03,,Rolmodel,BU99010202,sporters,,openbaar,\n")


def test_key_persons_are_pseudonymised_everywhere(tmp_path):
    reg = read_key_persons(_csv(tmp_path, "s.csv", REGISTER), key=KEY)
    assert "naam" not in reg.columns
    assert reg["pseudoniem"].iloc[0].startswith("SP-") and reg["pseudoniem"].iloc[2] == "SP03"
    text = reg.to_csv()
    for part in ("Fenna", "Fictief", "Bram", "Bedacht"):
        assert part not in text
    assert reg["bescherming"].iloc[0].startswith(reg["pseudoniem"].iloc[0])  # name replaced by the pseudonym
    assert reg["type"].tolist() == ["hr.sp.sleutelpersoon", "hr.sp.buurtvader", "hr.sp.rolmodel"]
    assert reg["via_methode"].iloc[0] == "hr.km.gesprekken_sleutelpersonen"
    # stable across reads with the same key, different with another key
    again = read_key_persons(_csv(tmp_path, "s2.csv", REGISTER), key=KEY)
    assert again["pseudoniem"].tolist() == reg["pseudoniem"].tolist()
    other = read_key_persons(_csv(tmp_path, "s3.csv", REGISTER), key=b"x" * 32)
    assert other["pseudoniem"].iloc[0] != reg["pseudoniem"].iloc[0]


def test_key_person_export_leaves_out_protected_people_and_notes(tmp_path):
    reg = read_key_persons(_csv(tmp_path, "s.csv", REGISTER), key=KEY)
    path = export_key_persons(reg, tmp_path / "uit.csv", names=["Fenna Fictief", "Bram Bedacht"])
    out = pd.read_csv(path)
    assert len(out) == 2 and "bescherming" not in out.columns          # alleen_wijkverbinder left out
    assert "alleen_wijkverbinder" not in set(out["zichtbaarheid"])
    with pytest.raises(InputError, match="kolom met namen"):
        export_key_persons(reg.assign(naam="x"), tmp_path / "fout.csv")
    leaky = reg.copy()
    leaky.loc[0, "bereikt"] = "familie van Fenna Fictief"
    with pytest.raises(InputError, match="niets geschreven"):
        export_key_persons(leaky, tmp_path / "lek.csv", names=["Fenna Fictief"])
    assert not (tmp_path / "lek.csv").exists()


@pytest.mark.parametrize("row, column, fragment", [
    (",,Sleutelpersoon,BU99010201,x,,kernteam,", "code", "'code' of 'naam'"),
    ("Jan de Vries,,Sleutelpersoon,BU99010201,x,,kernteam,", "code", "lijkt een naam"),
    ("SP9,,Dealer,BU99010201,x,,kernteam,", "type", "onbekende waarde"),
    ("SP9,,Sleutelpersoon,BU99010201,x,,iedereen,", "zichtbaarheid", "kies uit"),
    ("SP1,,Sleutelpersoon,BU99010201,x,,kernteam,", "code", "ook al in rij 2"),
])
def test_key_person_errors(tmp_path, row, column, fragment):
    text = ("code,naam,type,buurtcode,bereikt,via_methode,zichtbaarheid,bescherming\n"
            "SP1,,Sleutelpersoon,BU99010201,x,,kernteam,\n" + row + "\n")
    with pytest.raises(InputError) as exc:
        read_key_persons(_csv(tmp_path, "s.csv", text), key=KEY)
    assert (exc.value.row, exc.value.column) == (3, column)
    assert fragment in exc.value.message


# ------------------------------------------------------------------------------------------------ resilience

def _answers(rows):
    text = "buurtcode,respondent,partner,factor,score\n" + "\n".join(rows) + "\n"
    return read_resilience(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False))


def test_resilience_agreement_uses_the_quickscan_statistics():
    answers = _answers([
        "BU99010201,R1,welzijn,Familie,3", "BU99010201,R2,politie,Familie,1", "BU99010201,R3,onderwijs,Familie,0",
        "BU99010201,R1,welzijn,Peers,2", "BU99010201,R2,politie,Peers,2", "BU99010201,R3,onderwijs,Peers,weet niet",
        "BU99010202,R1,welzijn,Familie,sterk",
    ])
    scores = resilience_scores(answers)
    assert len(scores) == 20                                       # 2 buurten x 10 factors
    fam = scores[(scores["buurtcode"] == "BU99010201") & (scores["factor"] == "Familie")].iloc[0]
    assert fam["n"] == 3 and math.isclose(fam["gemiddelde"], 4 / 3)
    assert math.isclose(fam["sd"], pd.Series([3, 1, 0]).std(ddof=0))
    assert fam["verschil"] == 3 and not fam["gedeeld_beeld"] and fam["oordeel"] == "beperkt"
    peers = scores[(scores["buurtcode"] == "BU99010201") & (scores["factor"] == "Peers")].iloc[0]
    assert peers["n"] == 2 and peers["n_weet_niet"] == 1 and peers["gedeeld_beeld"]
    single = scores[(scores["buurtcode"] == "BU99010202") & (scores["factor"] == "Familie")].iloc[0]
    assert single["gemiddelde"] == 3 and not single["gedeeld_beeld"]   # one answer is no shared picture
    unanswered = scores[(scores["buurtcode"] == "BU99010202") & (scores["factor"] == "Peers")].iloc[0]
    assert unanswered["n"] == 0 and unanswered["oordeel"] == "geen antwoorden"
    talk = resilience_conversation(scores, answers)
    fam_talk = talk[(talk["buurtcode"] == "BU99010201") & (talk["factor"] == "Familie")].iloc[0]
    assert "geen gedeeld beeld" in fam_talk["reden"] and "zwakste" in fam_talk["reden"]
    assert "welzijn 3" in fam_talk["antwoorden"] and "politie 1" in fam_talk["antwoorden"]
    # Peers: a shared picture, 1 of 3 'weet niet' (not more than a third), not the weakest -> no conversation point
    assert talk[(talk["buurtcode"] == "BU99010201") & (talk["factor"] == "Peers")].empty


@pytest.mark.parametrize("row, column, fragment", [
    ("BU99010201,R1,welzijn,Familie,4", "score", "ongeldige score"),
    ("BU99010201,R1,welzijn,Geluk,2", "factor", "onbekende waarde"),
    ("BU99010201,R1,politie,Peers,2", "partner", "één partner"),
    ("BU99010201,R1,welzijn,Zelfregie,2", "factor", "twee keer"),
    ("BU99010201,Jan de Vries,welzijn,Peers,2", "respondent", "lijkt een naam"),
])
def test_resilience_errors(row, column, fragment):
    with pytest.raises(InputError) as exc:
        _answers(["BU99010201,R1,welzijn,Zelfregie,1", row])
    assert (exc.value.row, exc.value.column) == (2, column)
    assert fragment in exc.value.message


# ------------------------------------------------------------------------------------------------ plan, self-assessment

def test_activity_plan_levels_and_forms(tmp_path):
    path = _csv(tmp_path, "a.csv", "buurtcode,activiteit,eigen_activiteit,samenwerkingsvorm,trede,trekker,status,"
                "start,eind\n"
                "BU99010201,Oudergroepen,,Bewoners voeren zelf uit,Coproduceren,gemeenschap,loopt,2025-01-01,\n"
                "BU99010201,,Buurtmaaltijd,hr.sv.gemeente_faciliteert,Raadplegen,gemeente,gepland,,\n"
                "BU99010201,Vrije tijd,,Bewoners voeren zelf uit,Zelf organiseren,gemeenschap,gestopt,,\n")
    plan = read_activities(path)
    assert plan["systeemniveau"].tolist() == ["exo", "", "micro"]
    assert plan["trede_niveau"].tolist() == [4, 2, 6] and set(plan["stap"]) == {"hr.stap.s10"}
    summary = activity_plan(plan).iloc[0]
    assert summary["activiteiten"] == 2                       # the stopped one does not count
    assert summary["exo"] == "Oudergroepen" and summary["micro"] == ""
    assert summary["open_niveaus"] == "micro, meso"
    assert summary["treden"] == "Raadplegen - Coproduceren"
    bad = _csv(tmp_path, "b.csv", "buurtcode,activiteit,samenwerkingsvorm,trede,trekker,status,start,eind\n"
               "BU99010201,Oudergroepen,Bewoners voeren zelf uit,Coproduceren,buren,loopt,2025-02-01,2025-01-01\n")
    with pytest.raises(InputError, match="trekker") as exc:
        read_activities(bad)
    assert exc.value.column == "trekker"


def test_self_assessment_covers_both_roles(tmp_path):
    items = self_assessment_items()
    roles = items.groupby("rol").size().to_dict()
    assert roles == {"hr.rol.wijkverbinder": 27, "hr.rol.gemeenteverbinder": 15}
    path = _csv(tmp_path, "z.csv", "respondent,rol,item,score\n"
                "R1,wijkverbinder,hr.rol.wijkverbinder.t07 - Sleutelpersonen spreken,1\n"
                "R1,wijkverbinder,Legt makkelijk contact,3\n")
    answers = read_self_assessment(path)
    scores = self_assessment_scores(answers).set_index("item")
    assert scores.loc["hr.rol.wijkverbinder.t07", "gemiddelde"] == 1
    assert scores.loc["hr.rol.wijkverbinder.t07", "stap"] == "hr.stap.s06"
    assert scores.loc["hr.rol.wijkverbinder.c01", "oordeel"] == "sterk / goed"
    wrong = _csv(tmp_path, "w.csv", "respondent,rol,item,score\nR1,gemeenteverbinder,Legt makkelijk contact,2\n")
    with pytest.raises(InputError, match="geen taak of competentie van de gemeenteverbinder"):
        read_self_assessment(wrong)


# ------------------------------------------------------------------------------------------------ demo workbench

def test_demo_workbench_loads_without_names():
    bank = load_werkbank(DEMO, key=KEY)
    assert bank.buurten == ["BU99010201", "BU99010202", "BU99010208"]
    everything = "\n".join(t.to_csv() for t in (bank.kennismaking, bank.sleutelpersonen, bank.veerkracht,
                                                  bank.activiteiten, bank.zelfevaluatie))
    raw = pd.read_csv(DEMO / "sleutelpersonen.csv", dtype=str, keep_default_na=False)
    names = [n for n in raw["naam"] if n]
    assert len(names) == 4
    for name in names:
        for part in name.split():
            assert part not in everything
    steps = step_overview(bank).set_index("nummer")
    assert list(steps.index) == list(range(1, 13)) and steps.loc[5, "stap"] == "hr.stap.s05"
    assert steps.loc[3, "kennismaking"] > 0 and steps.loc[6, "sleutelpersonen"] == 5
    assert steps.loc[10, "activiteiten"] == len(bank.activiteiten) and steps.loc[9, "veerkracht_antwoorden"] == 120
    assert "kennismaking" in steps.loc[3, "werkbank"]
    one = step_overview(bank, buurten=["BU99010208"]).set_index("nummer")
    assert one.loc[6, "sleutelpersonen"] == 1 and one.loc[9, "veerkracht_antwoorden"] == 40
    assert one.loc[10, "activiteiten"] == 1 and one.loc[5, "zelfevaluatie"] == steps.loc[5, "zelfevaluatie"]


def test_load_werkbank_errors(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        load_werkbank(tmp_path / "geen")
    with pytest.raises(InputError, match="geen werkbankbestanden"):
        load_werkbank(tmp_path)


def test_tables_escape_user_text_and_use_decimal_commas():
    from wijklib.gemeenschap.weergave import tabel_html

    html = tabel_html(pd.DataFrame({"bevinding": ["<script>alert(1)</script>"], "gemiddelde": [1.5],
                                    "gedeeld_beeld": [True]}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "1,5" in html and ">ja<" in html and "gedeeld beeld" in html
