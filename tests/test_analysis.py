"""The pipeline from files to an urgency analysis, and the shared charts, on the demo gemeente."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from wijklib import charts  # noqa: E402
from wijklib.analysis import (FOCUS_FILE, indicator_table, load_demo, load_werkset, nl, run_analysis,  # noqa: E402
                              save_results, signals_table, told_table)
from wijklib.errors import InputError  # noqa: E402


@pytest.fixture(scope="module")
def ws():
    return load_demo()


@pytest.fixture(scope="module")
def result(ws):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(ws, overrides={"uncertainty": {"draws": 100}})


def test_demo_werkset(ws):
    assert ws.gemeente_code == "GM9901" and ws.fictional
    assert len(ws.buurten) == 30 and ws.buurten.crs.to_epsg() == 28992
    assert ws.periods == [2020, 2022, 2024]
    assert set(ws.buurt_counted()["area_code"]) == set(ws.buurten["area_code"])
    assert ws.names["BU99010103"] == "Havenkwartier"
    assert {"buurten", "tellen_1", "enquete", "schouw", "signalen", "configuratie"} <= set(ws.sources)


def test_indicator_table_leaves_out_basis_counts():
    meta = indicator_table()
    assert "bijstand_aantal" not in set(meta["indicator"])
    assert meta.set_index("indicator").at["bijstand_per_1000", "direction"] == "hoger_is_slechter"
    assert meta.set_index("indicator").at["inwoners", "direction"] == "context"


def test_told_table_combines_three_streams(ws):
    told = told_table(ws)
    assert set(told["source"]) == {"bewoners", "schouw", "professionals"}
    survey = told[told["source"] == "bewoners"]
    shown = survey["n"] >= 10  # fewer respondents: withheld (NaN), never a number (issue #13.4)
    assert survey.loc[shown, "value"].between(0, 100).all() and (survey["direction"] == "hoger_is_beter").all()
    assert survey.loc[~shown, "value"].isna().all() and shown.any()
    # positive schouw observations are not counted as problems
    assert "groen_positief" not in set(told["theme"])
    # schouw and signals give a row for every buurt (0 where nothing was seen; a buurt that was not walked has a
    # missing schouw value, never 0), so buurten can be compared
    schouw = told[(told["source"] == "schouw") & (told["theme"] == "veiligheid")]
    assert len(schouw) == 30
    assert len(signals_table(ws)) == len(ws.signals)


def test_demo_analysis_finds_the_designed_cases(result):
    """The demo was built with an acute incident in Havenkwartier and slow decline in Heidebuurt."""
    types = result.types
    assert types.at["BU99010103", "acuut"]
    assert types.at["BU99010301", "urgency_type"] == "sluimerend"
    assert result.scores["rank"].idxmin() == "BU99010201"  # Merelhof: stacking in every year
    # tiny buurten (industrial estate, scattered houses) get no score rather than a misleading one
    assert result.scores.loc[["BU99010401", "BU99010402"], "rank"].isna().all()


def test_overrides_replace_nested_settings(ws):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_analysis(ws, overrides={"normalisation": {"method": "percentile"}, "uncertainty": {"draws": 20},
                                          "focus": {"k": 3}})
    assert res.config.normalisation.method == "percentile"
    assert res.config.stacking.quantile == 0.10  # from data/demo/urgentie.yaml, not replaced
    assert len(res.focus) == 3


def test_save_results_writes_tables_for_maps_and_reports(result, tmp_path):
    written = save_results(result, tmp_path / "uit")
    focus = pd.read_csv(written[FOCUS_FILE])
    assert list(focus["area_code"]) == list(result.focus["area_code"])
    scores = pd.read_csv(written["scores.csv"])
    assert scores.columns[0] == "area_code" and len(scores) == 30
    assert not list((tmp_path / "uit").glob(".*.tmp"))  # no temporary files left behind


def test_table_columns_are_the_columns_the_engine_writes(result, tmp_path):
    """The fallback header of each table is the header of the same table with rows (they cannot drift apart)."""
    from wijklib.analysis import TABLE_COLUMNS

    written = save_results(result, tmp_path)
    for name, columns in TABLE_COLUMNS.items():
        header = written[name].read_text(encoding="utf-8").splitlines()[0].split(",")
        if name == FOCUS_FILE:  # the candidates without Monte Carlo have no rank_lo/rank_hi/p_top_k/robustness
            assert [c for c in header if c not in ("rank_lo", "rank_hi", "p_top_k", "robustness")] == columns
        else:
            assert header == columns, name


def test_without_monte_carlo_every_table_keeps_its_header_and_leesmij_says_why(ws, tmp_path):
    from wijklib.analysis import TABLE_COLUMNS, empty_table_reasons

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_analysis(ws, overrides={"uncertainty": {"draws": 0}})
    assert res.uncertainty.empty
    written = save_results(res, tmp_path)
    text = (tmp_path / "onzekerheid.csv").read_text(encoding="utf-8")
    assert text.splitlines() == [",".join(TABLE_COLUMNS["onzekerheid.csv"])]
    assert pd.read_csv(tmp_path / "onzekerheid.csv").empty  # readable: columns, no rows
    for name, path in written.items():
        assert path.stat().st_size > 0, name
    readme = written["LEESMIJ.md"].read_text(encoding="utf-8")
    assert "| onzekerheid.csv | 0 |" in readme and "| scores.csv | 30 |" in readme
    empty_lines = [line for line in readme.splitlines() if line.startswith("- ")]
    assert empty_lines == ["- onzekerheid.csv is leeg: " + empty_table_reasons(res, ws)["onzekerheid.csv"] + "."]
    assert "Monte Carlo) stond uit (trekkingen: 0" in empty_lines[0]


def test_result_without_any_columns_still_gets_headers_and_a_reason_per_table(tmp_path):
    """A table the engine hands over without columns (or no buurten at all) is written with its contract header."""
    from types import SimpleNamespace

    from wijklib.analysis import TABLE_COLUMNS

    empty = pd.DataFrame()
    scores = pd.DataFrame({"index": pd.Series([], dtype=float)}, index=pd.Index([], name="area_code"))
    res = SimpleNamespace(scores=scores, types=empty, uncertainty=empty, stacking=empty, explanations=empty,
                          divergence=empty, diagnostics=empty, focus=empty)
    written = save_results(res, tmp_path)
    for name, columns in TABLE_COLUMNS.items():
        assert written[name].read_text(encoding="utf-8").splitlines() == [",".join(columns)], name
    assert written["scores.csv"].read_text(encoding="utf-8").splitlines() == ["area_code,index"]
    lines = [x for x in written["LEESMIJ.md"].read_text(encoding="utf-8").splitlines() if x.startswith("- ")]
    assert len(lines) == 8 and all(x.endswith("er zijn geen buurten in de analyse.") for x in lines)


def test_small_gemeente_from_the_national_tables_writes_no_empty_file(shared_data, tmp_path):
    """Vlieland (GM0096, 2 buurten, both too small for an index) from the national 2024 tables: before, onzekerheid.csv
    was written without a header; now every file has its header and LEESMIJ.md says why a table is empty."""
    from wijklib.analysis import TABLE_COLUMNS
    from wijklib.cli import main

    derived = shared_data / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
    project = tmp_path / "vlieland.yaml"
    project.write_text(f"versie: 1\ngemeente:\n  code: GM0096\ncijfers:\n  - {derived.as_posix()}\n"
                       f"uitvoer: {(tmp_path / 'uit').as_posix()}\n", encoding="utf-8")
    assert main(["analyse", str(project)]) == 0
    out = tmp_path / "uit"
    for path in out.glob("*.csv"):
        assert path.read_text(encoding="utf-8").strip(), f"{path.name} is leeg"
    assert (out / "onzekerheid.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(TABLE_COLUMNS["onzekerheid.csv"])]
    readme = (out / "LEESMIJ.md").read_text(encoding="utf-8")
    assert "Vlieland (GM0096)" in readme
    assert "- onzekerheid.csv is leeg: 0 van de 2 buurten hebben een urgentie-index" in readme
    assert "- tellen_en_vertellen.csv is leeg: het project heeft geen vertelde gegevens" in readme


def test_load_werkset_needs_files_for_a_real_gemeente():
    with pytest.raises(InputError, match="buurtenbestand"):
        load_werkset("GM0363")
    with pytest.raises(InputError, match="cijferbestand"):
        load_werkset("GM0363", buurten="data/demo/buurten.geojson")


def test_nl_labels_columns_and_index(result):
    table = nl(result.types[["name", "urgency_type", "acuut"]])
    assert list(table.columns) == ["naam", "urgentietype", "acuut"] and table.index.name == "buurtcode"
    assert set(table["acuut"]) <= {"ja", "nee"}
    stacking = nl(result.stacking.loc[["BU99010201"], ["flagged_domains", "n_flagged"]])
    assert "Inkomen en armoede" in stacking.iloc[0, 0] and "inkomen_armoede" not in stacking.iloc[0, 0]
    ranks = nl(result.scores[["rank"]])
    assert str(ranks["rang"].dtype) == "Int64"


def test_describe_config_in_dutch(result):
    from wijklib.analysis import describe_config

    text = describe_config(result.config)
    assert text.startswith("normalisatie: z-scores; vergeleken met alle buurten in de gegevens; elk domein even zwaar")


def test_charts_draw_the_result(result, ws):
    fig = charts.plot_ranking(result, top=10, highlight=["BU99010201"])
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 10 and ax.get_yticklabels()[0].get_text() == "Merelhof"
    fig = charts.plot_stacking(result)
    assert "Opstapeling" in fig.axes[0].get_title()
    # waterfall and trend (SVG, shared with the reports) are tested in tests/test_charts.py
    fig = charts.plot_told_vs_counted(result)
    assert fig.axes[0].get_xlim() == (0, 100)
    with pytest.raises(ValueError, match="geen bijdragen"):
        charts.plot_waterfall(result, "BU99010401")
