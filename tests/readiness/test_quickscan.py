"""Quickscan of the preconditions: aggregation and agreement (hand-computed), gate, actions, loader errors."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.readiness import (GateRule, analyse_quickscan, parse_score, quickscan_items, read_answers,
                               write_quickscan_templates)

ROOT = Path(__file__).resolve().parents[2]
UB = "lk.rv.urgentiebesef"
LK = "lk.rv.lokale_kracht"


def _answers() -> pd.DataFrame:
    """A small scan computed by hand in the tests below.

    Urgentiebesef (4 items): R1 gemeente 3, 2, weet niet, 1; R2 politie 1, 2, 0, -; R3 welzijn weet niet, 3, -, -.
    Lokale kracht (5 items): only item 1: R1 3, R2 weet niet, R3 weet niet.
    """
    rows = [
        ("R1", "gemeente", f"{UB}.vo1", 3), ("R1", "gemeente", f"{UB}.vo2", 2), ("R1", "gemeente", f"{UB}.vo3", "weet niet"),
        ("R1", "gemeente", f"{UB}.vo4", 1),
        ("R2", "politie", f"{UB}.vo1", 1), ("R2", "politie", f"{UB}.vo2", 2), ("R2", "politie", f"{UB}.vo3", 0),
        ("R3", "welzijn", f"{UB}.vo1", "weet niet"), ("R3", "welzijn", f"{UB}.vo2", 3),
        ("R1", "gemeente", f"{LK}.vo1", 3), ("R2", "politie", f"{LK}.vo1", "weet niet"),
        ("R3", "welzijn", f"{LK}.vo1", "Weet ik niet"),
    ]
    return read_answers(pd.DataFrame(rows, columns=["respondent", "partner", "item", "score"]))


@pytest.fixture(scope="module")
def result():
    return analyse_quickscan(_answers())


def test_items_are_the_57_requirements_in_document_order():
    items = quickscan_items()
    assert len(items) == 57
    assert items.groupby("randvoorwaarde", sort=False).size().tolist() == [4, 5, 5, 5, 4, 8, 2, 5, 4, 3, 6, 6]
    assert items["item"].iloc[0] == f"{UB}.vo1" and items["nr"].tolist() == list(range(1, 58))
    assert set(items["bouwsteen"]) == {1, 2, 3, 4}


def test_item_scores_ignore_weet_niet(result):
    it = result.items.set_index("item")
    # vo1: 3 and 1 (R3 'weet niet' is not a zero): mean 2, sd 1, range 2
    assert it.loc[f"{UB}.vo1", "gemiddelde"] == pytest.approx(2.0)
    assert it.loc[f"{UB}.vo1", "sd"] == pytest.approx(1.0)
    assert it.loc[f"{UB}.vo1", "verschil"] == 2
    assert it.loc[f"{UB}.vo1", "n"] == 2 and it.loc[f"{UB}.vo1", "n_weet_niet"] == 1
    # vo2: 2, 2, 3 -> 7/3, population sd sqrt(2/9)
    assert it.loc[f"{UB}.vo2", "gemiddelde"] == pytest.approx(7 / 3)
    assert it.loc[f"{UB}.vo2", "sd"] == pytest.approx(math.sqrt(2 / 9))
    # unanswered items are listed with n = 0
    assert it.loc[f"{UB}.vo1".replace("urgentiebesef", "juiste_professional"), "n"] == 0
    assert len(result.items) == 57


def test_precondition_mean_coverage_and_agreement(result):
    pre = result.randvoorwaarden.set_index("randvoorwaarde")
    ub = pre.loc[UB]
    assert ub["gemiddelde"] == pytest.approx((2 + 7 / 3 + 0 + 1) / 4)        # mean of item means = 4/3
    assert ub["status"] == "deels op orde"
    assert ub["n_antwoorden"] == 7 and ub["n_weet_niet"] == 2
    assert ub["aandeel_weet_niet"] == pytest.approx(2 / 9)
    assert ub["dekking"] == pytest.approx(1.0)
    # respondent scores: R1 (3+2+1)/3 = 2, R2 (1+2+0)/3 = 1, R3 3 -> sd sqrt(2/3), range 2
    assert ub["spreiding"] == pytest.approx(math.sqrt(2 / 3))
    assert ub["verschil"] == pytest.approx(2.0)
    assert (ub["min_respondent"], ub["max_respondent"]) == (1.0, 3.0)
    lk = pre.loc[LK]
    assert lk["gemiddelde"] == pytest.approx(3.0)
    assert lk["dekking"] == pytest.approx(1 / 5)
    assert lk["aandeel_weet_niet"] == pytest.approx(2 / 3)
    unanswered = pre.loc["lk.rv.bestuurskracht"]
    assert math.isnan(unanswered["gemiddelde"]) and unanswered["status"] == "geen antwoorden"


def test_gate_reasons_follow_the_documented_rule(result):
    pre = result.randvoorwaarden.set_index("randvoorwaarde")
    assert pre.loc[UB, "eerst_aanpakken"]
    assert "lager dan 1,5" in pre.loc[UB, "redenen"]
    assert "geen gedeeld beeld" in pre.loc[UB, "gesprekspunten"]          # range 2 >= 2: conversation point
    # a high mean does not help when two thirds is 'weet niet' and only 1 of 5 items is answered
    assert pre.loc[LK, "eerst_aanpakken"]
    assert "'weet niet'" in pre.loc[LK, "redenen"] and "1 van de 5 stellingen" in pre.loc[LK, "redenen"]
    assert "nog geen antwoorden" in pre.loc["lk.rv.bestuurskracht", "redenen"]
    assert not result.poort.klaar
    md = result.poort.markdown()
    assert "Poort dicht" in md and "Urgentiebesef" in md and "Regel" in md


def test_gate_opens_when_everything_is_in_order():
    items = quickscan_items()
    rows = [("R1", "gemeente", i, 3) for i in items["item"]] + [("R2", "politie", i, 2) for i in items["item"]]
    res = analyse_quickscan(pd.DataFrame(rows, columns=["respondent", "partner", "item", "score"]))
    assert res.poort.klaar and res.poort.eerst_aanpakken.empty
    assert res.randvoorwaarden["gemiddelde"].tolist() == [2.5] * 12
    assert "Poort open" in res.poort.markdown()
    # with a stricter rule the same scan is not ready
    strict = analyse_quickscan(pd.DataFrame(rows, columns=["respondent", "partner", "item", "score"]),
                               rule=GateRule(min_gemiddelde=2.75))
    assert not strict.poort.klaar and len(strict.poort.eerst_aanpakken) == 12


def test_block_and_partner_scores(result):
    blocks = result.bouwstenen.set_index("bouwsteen")
    assert blocks.loc[1, "gemiddelde"] == pytest.approx((4 / 3 + 3) / 2)
    assert blocks.loc[1, "zwakste"] == "Urgentiebesef"
    assert blocks.loc[1, "n_eerst_aanpakken"] == 2
    partners = result.partners
    assert partners.loc["Urgentiebesef", "gemeente"] == pytest.approx(2.0)   # (3 + 2 + 1) / 3
    assert partners.loc["Urgentiebesef", "politie"] == pytest.approx(1.0)
    assert partners.loc["Urgentiebesef", "welzijn"] == pytest.approx(3.0)
    assert list(partners.columns) == ["gemeente", "politie", "welzijn"]


def test_disagreements_rank_by_spread(result):
    dis = result.verschillen
    assert dis["item"].tolist() == [f"{UB}.vo1", f"{UB}.vo2"]             # n >= 2 and range >= 1 only
    assert "gemeente 3" in dis["antwoorden"].iloc[0] and "politie 1" in dis["antwoorden"].iloc[0]
    assert "welzijn weet niet" in dis["antwoorden"].iloc[0]
    assert "Gemeente antwoordt 'op orde'" in dis["gespreksvraag"].iloc[0]


def test_next_actions_come_from_the_catalogue(result):
    actions = result.acties
    assert set(actions["randvoorwaarde"]) >= {UB, LK}
    assert set(actions.loc[actions["randvoorwaarde"] == UB, "actie_id"]) == {f"{UB}.as1", f"{UB}.as2"}
    assert actions["bron"].str.startswith("Leerkring").all()


@pytest.mark.parametrize("value,expected", [(0, 0), ("3", 3), (2.0, 2), ("grotendeels", 2), ("op orde", 3),
                                            ("Weet niet", "weet niet"), ("?", "weet niet"), ("", None), (None, None),
                                            ("2 - grotendeels", 2)])
def test_parse_score(value, expected):
    assert parse_score(value) == expected


@pytest.mark.parametrize("value", [4, -1, 1.5, "ja", True, "veel"])
def test_parse_score_refuses_values_outside_the_scale(value):
    with pytest.raises(ValueError, match="schaal|ongeldige score"):
        parse_score(value)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "antwoorden.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = "respondent,partner,item,score\n"


def test_loader_error_unknown_item(tmp_path):
    path = _write(tmp_path, HEAD + f"R1,gemeente,{UB}.vo1,2\nR1,gemeente,{UB}.vo9,1\n")
    with pytest.raises(InputError) as err:
        read_answers(path)
    msg = str(err.value)
    assert "antwoorden.csv" in msg and "rij 3" in msg and "kolom 'item'" in msg and "vo9" in msg
    assert f"{UB}.vo1" in msg                                             # suggestion of the valid ids


def test_loader_error_out_of_scale(tmp_path):
    path = _write(tmp_path, HEAD + f"R1,gemeente,{UB}.vo1,2\nR1,gemeente,{UB}.vo2,5\n")
    with pytest.raises(InputError, match=r"rij 3, kolom 'score': score '5' ligt buiten de schaal"):
        read_answers(path)


def test_loader_error_duplicate_respondent_per_item(tmp_path):
    path = _write(tmp_path, HEAD + f"R1,gemeente,{UB}.vo1,2\nR2,politie,{UB}.vo1,1\nR1,gemeente,{UB}.vo1,3\n")
    with pytest.raises(InputError) as err:
        read_answers(path)
    assert "rij 4" in str(err.value) and "twee keer" in str(err.value) and "rij 2" in str(err.value)


def test_duplicates_are_found_across_files(tmp_path):
    a = tmp_path / "map" / "gemeente.csv"
    b = tmp_path / "map" / "politie.csv"
    a.parent.mkdir()
    a.write_text(HEAD + f"R1,gemeente,{UB}.vo1,2\n", encoding="utf-8")
    b.write_text(HEAD + f"R2,politie,{UB}.vo1,2\nR1,gemeente,{UB}.vo1,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="politie.csv, rij 3.*gemeente.csv, rij 2"):
        read_answers(a.parent)


def test_loader_errors_partner_and_respondent(tmp_path):
    with pytest.raises(InputError, match="onbekende partner 'brandweerkazerne'"):
        read_answers(_write(tmp_path, HEAD + f"R1,brandweerkazerne,{UB}.vo1,2\n"))
    with pytest.raises(InputError, match="één respondent spreekt voor één partner"):
        read_answers(_write(tmp_path, HEAD + f"R1,gemeente,{UB}.vo1,2\nR1,politie,{UB}.vo2,2\n"))
    with pytest.raises(InputError, match="e-mailadres"):
        read_answers(_write(tmp_path, HEAD + f"piet@lindewaard.nl,gemeente,{UB}.vo1,2\n"))
    with pytest.raises(InputError, match="respondent ontbreekt"):
        read_answers(_write(tmp_path, HEAD + f",gemeente,{UB}.vo1,2\n"))
    with pytest.raises(InputError, match="verplichte kolom.*score"):
        read_answers(_write(tmp_path, "respondent,partner,item\nR1,gemeente,x\n"))


def test_partner_aliases_and_semicolon_csv(tmp_path):
    path = _write(tmp_path, "respondent;partner;item;score;toelichting\n"
                            f"R1;Corporatie;{UB}.vo1;2;omdat\nR2;GGZ;{UB}.vo1;weet niet;\n")
    ans = read_answers(path)
    assert ans["partner"].tolist() == ["woningcorporatie", "zorg"]
    assert ans["weet_niet"].tolist() == [False, True]
    assert ans["toelichting"].iloc[0] == "omdat"


def test_empty_template_rows_are_not_answers_and_xlsx_rows_are_named(tmp_path):
    paths = write_quickscan_templates(tmp_path)
    xlsx = [p for p in paths if p.suffix == ".xlsx"][0]
    assert read_answers(xlsx).empty
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["antwoorden"]
    ws["A2"], ws["B2"], ws["D2"] = "R1", "gemeente", 2
    ws["A3"], ws["B3"], ws["D3"] = "R1", "gemeente", 7
    wb.save(xlsx)
    with pytest.raises(InputError, match=r"quickscan_antwoorden.xlsx, rij 3, kolom 'score'"):  # cell D3
        read_answers(xlsx)
    assert {"uitleg", "schaal", "partners"} <= set(wb.sheetnames)


def test_committed_templates_match_the_generator(tmp_path):
    fresh = write_quickscan_templates(tmp_path)
    committed = ROOT / "templates" / "invoer" / "quickscan"
    for path in fresh:
        other = committed / path.name
        assert other.exists(), f"sjabloon ontbreekt: {other}"
        if path.suffix == ".xlsx":
            a = [list(r) for r in openpyxl.load_workbook(path)["antwoorden"].iter_rows(values_only=True)]
            b = [list(r) for r in openpyxl.load_workbook(other)["antwoorden"].iter_rows(values_only=True)]
            assert a == b
        else:
            assert other.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
                f"{other.name} is verouderd: draai write_quickscan_templates('templates/invoer/quickscan')")


def test_demo_answers_tell_the_documented_story():
    res = analyse_quickscan(ROOT / "data" / "demo" / "quickscan" / "antwoorden.csv")
    assert res.respondenten["partner"].tolist() == ["gemeente", "politie", "woningcorporatie", "welzijn", "bewoners"]
    failing = set(res.poort.eerst_aanpakken["randvoorwaarde"])
    assert {"lk.rv.bestuurskracht", "lk.rv.reflectie_evaluatie", "lk.rv.cultuuromslag"} <= failing
    assert "lk.rv.procesbegeleiding" not in failing
    pre = res.randvoorwaarden.set_index("randvoorwaarde")
    assert pre.loc["lk.rv.bestuurskracht", "aandeel_weet_niet"] > 1 / 3
    assert res.verschillen["item"].iloc[0] == f"{UB}.vo1"


def test_gate_statement_and_profile_chart_are_readable():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from wijklib.readiness import plot_profile
    from wijklib.readiness.quickscan import _BLOCK_COLOURS, _THRESHOLD_COLOUR

    result = analyse_quickscan(ROOT / "data" / "demo" / "quickscan" / "antwoorden.csv")
    md = result.poort.markdown()
    assert "lager dan 1,5" in md and "1.5" not in md
    ax = plot_profile(result, kind="bar")
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    names = result.bouwstenen.set_index("bouwsteen")["naam"]
    for nr, name in names.items():                                  # the legend names the building blocks
        assert any(t == f"bouwsteen {nr} {name}" for t in texts), texts
    assert any(t.startswith("drempel van de poort (1,5)") for t in texts)
    assert "eerst aanpakken (poort)" in texts
    assert to_hex(_THRESHOLD_COLOUR) not in {to_hex(c) for c in _BLOCK_COLOURS.values()}
    plt.close("all")
