"""One focus-area file contract: the same file gives the same buurten in notebooks, maps and reports."""

from __future__ import annotations

import pandas as pd
import pytest

from wijklib.errors import InputError, InputWarning
from wijklib.focus_file import FOCUS_FILE, decision_of, focus_codes, read_focus_file, write_focus_file

CODES = ["BU99010101", "BU99010102", "BU99010201", "BU99010202", "BU99010301"]


@pytest.fixture
def areas() -> pd.DataFrame:
    return pd.DataFrame({"area_code": CODES, "wijk_code": [c[:2].replace("BU", "WK") + c[2:8] for c in CODES],
                         "gemeente_code": "GM9901", "name": [f"Buurt {i}" for i in range(len(CODES))]})


def _team_file(folder):
    """A focusgebieden.csv as notebook 01 writes it, after the team filled in its decisions."""
    focus = pd.DataFrame({"area_code": CODES[:4], "name": ["A", "B", "C", "D"], "rank": [1, 2, 3, 4],
                          "cluster": [1, 1, 2, 3], "decision": ["ja", "nee", "", "open"]})
    folder.mkdir(parents=True, exist_ok=True)
    return write_focus_file(focus, folder / FOCUS_FILE)


def test_maps_and_reports_get_the_same_buurten_from_one_file(tmp_path, areas):
    from wijklib.maps import load_urgency_focus
    from wijklib.reports import select_areas

    path = _team_file(tmp_path / "uit")
    on_map, message = load_urgency_focus(path.parent, areas)
    assert on_map is not None, message
    reported = select_areas(areas, focus=path)
    # 'nee' (BU99010102) is dropped by both; 'open' and empty stay as candidates in both
    assert sorted(on_map["area_code"]) == reported == ["BU99010101", "BU99010201", "BU99010202"]
    assert on_map["decision"].tolist() == ["ja", "open", "open"]
    assert on_map["cluster"].tolist() == ["1", "2", "3"]


def test_save_results_writes_the_contract(tmp_path):
    from types import SimpleNamespace

    from wijklib.analysis import save_results

    empty = pd.DataFrame()
    focus = pd.DataFrame({"area_code": CODES[:2], "name": ["A", "B"], "rank": [1, 2], "cluster": [1, 1],
                          "decision": ""})
    result = SimpleNamespace(scores=pd.DataFrame({"index": [1.0]}, index=pd.Index(["BU99010101"], name="area_code")),
                             types=empty, uncertainty=empty, stacking=empty, explanations=empty, divergence=empty,
                             diagnostics=empty, focus=focus)
    written = save_results(result, tmp_path)
    back = read_focus_file(written[FOCUS_FILE])
    assert back["area_code"].tolist() == CODES[:2] and (back["decision"] == "open").all()
    assert back["rank"].tolist() == [1, 2]


def test_decision_vocabulary_and_unknown_values():
    assert [decision_of(v) for v in ("JA", "x", "Nee", "afgewezen", "", None, float("nan"), "open")] == [
        "ja", "ja", "nee", "nee", "open", "open", "open", "open"]
    assert decision_of("wellicht") is None


def test_file_without_cluster_or_decision_gives_one_area_per_buurt(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("buurtcode;naam\nbu99010201;Merelhof\nBU99010202 ;Kievitshof\n\n", encoding="utf-8")
    focus = read_focus_file(path)
    assert focus["area_code"].tolist() == ["BU99010201", "BU99010202"]
    assert focus["cluster"].tolist() == ["1", "2"] and (focus["decision"] == "open").all()
    assert focus["naam"].tolist() == ["Merelhof", "Kievitshof"]


def test_all_rejected_is_an_empty_table_and_no_reports(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("area_code,besluit\nBU99010201,nee\nBU99010202,NEE\n", encoding="utf-8")
    assert read_focus_file(path).empty
    with pytest.raises(InputError, match="besluit 'nee'") as err:
        focus_codes(path)
    assert "f.csv" in str(err.value)


def test_unreadable_and_misspelt_files_name_file_row_and_column(tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("area_code;besluit;cluster_naam\nBU99010201;ja;Noordoëst\n".encode("cp1252"))
    with pytest.warns(InputWarning, match="opgeslagen als Windows-1252.*sla op als UTF-8") as rec:
        focus = read_focus_file(path)
    assert rec[0].message.file == str(path) and rec[0].message.rows == [2]
    assert focus["area_code"].tolist() == ["BU99010201"] and focus["cluster_naam"].tolist() == ["Noordoëst"]
    path.write_text("area_code;besluit\nBU99010201;ja\nBU99010202;misschien niet\n", encoding="utf-8")
    with pytest.raises(InputError, match="onbekend besluit") as err:
        read_focus_file(path)
    assert err.value.row == 3 and err.value.column == "besluit"
    with pytest.raises(InputError, match="'groep' ontbreekt"):
        read_focus_file(path, cluster_column="groep")


# ------------------------------------------------------------------------- wrong column names (wijk rapport --focus)
@pytest.mark.parametrize("header,row,named", [
    ("buurt;focus;besluit", "BU99010201;1;ja", ["buurt, focus, besluit"]),
    ("buurtcode;cluster;beslissing", "BU99010201;1;nee", ["'beslissing'", "besluit"]),
    ("area_code;cluster;Besluit (ja/nee)", "BU99010201;1;nee", ["'Besluit (ja/nee)'"]),
    ("area_code;clustr;besluit", "BU99010201;1;nee", ["'clustr'", "cluster"]),
    ("area_code;cluster_name;besluit", "BU99010201;Noord;ja", ["'cluster_name'", "cluster_naam"]),
])
def test_wrong_column_names_name_the_column_and_the_expected_ones(tmp_path, header, row, named):
    path = tmp_path / "focus.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_focus_file(path)
    text = str(exc.value)
    assert "focus.csv" in text
    for part in named:
        assert part in text
    for expected in ("area_code (verplicht", "buurtcode", "cluster", "cluster_naam", "decision", "besluit"):
        assert expected in text


def test_the_columns_notebook_01_writes_are_no_misspellings(tmp_path):
    path = tmp_path / FOCUS_FILE
    path.write_text("area_code,name,rank,cluster_size,cluster_areas,robustness,reasons\n"
                    "BU99010201,Merelhof,1,1,BU99010201,robuust in,x\n", encoding="utf-8")
    out = read_focus_file(path)
    assert out["area_code"].tolist() == ["BU99010201"] and out["decision"].tolist() == ["open"]


def test_wijk_rapport_focus_with_a_misspelt_decision_column_makes_no_report(tmp_path, capsys):
    from wijklib.cli import EXIT_INPUT_ERROR, main

    path = tmp_path / "focus.csv"
    path.write_text("buurtcode;beslissing\nBU99010201;nee\n", encoding="utf-8")
    out = tmp_path / "rapporten"
    assert main(["rapport", "--demo", "--focus", str(path), "--uit", str(out), "--stil"]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "'beslissing'" in err and "decision of besluit of keuze" in err and "Traceback" not in err
    assert not (out / "buurten").exists() or not any((out / "buurten").iterdir())


def test_a_column_of_another_role_is_no_misspelling(tmp_path):
    path = tmp_path / "focus.csv"
    path.write_text("code;focusgebied\nBU99010201;1\n", encoding="utf-8")  # focusgebied ~ focusgebied_naam
    assert read_focus_file(path)["cluster"].tolist() == ["1"]
