"""``wijk analyse`` on real CBS data: any gemeente of the national 2024 tables, with names, with and without polygons.

These tests use the ``shared_data`` fixture: they fail (not skip) under CI when ``../shared/data`` is missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wijklib.cli import EXIT_INPUT_ERROR, main

DERIVED = "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
POPULATION = "cbs/kwb_2024_bevolking_tidy.csv"

#: Fixed sample: every 12th gemeente code of 2024 (sorted), plus Vlieland (Wadden) and Amsterdam (letter codes).
SAMPLE = ["GM0014", "GM0088", "GM0148", "GM0177", "GM0214", "GM0246", "GM0281", "GM0308", "GM0344", "GM0375",
          "GM0400", "GM0448", "GM0505", "GM0553", "GM0613", "GM0677", "GM0748", "GM0784", "GM0840", "GM0873",
          "GM0938", "GM0995", "GM1658", "GM1700", "GM1728", "GM1842", "GM1903", "GM1949", "GM1978",
          "GM0096", "GM0363"]


@pytest.fixture(scope="module")
def national(shared_data) -> dict:
    tidy = pd.read_csv(shared_data / POPULATION, dtype={"code": str})
    buurten = tidy[tidy["soort_regio"] == "Buurt"]
    return {"files": [str(shared_data / DERIVED), str(shared_data / POPULATION)],
            "buurten": buurten.groupby("gemeentecode")["code"].apply(set).to_dict(),
            "names": dict(zip(tidy["code"], tidy["naam"])), "n_buurten": len(buurten)}


def _run(tmp_path: Path, gm: str, files: list[str], *extra: str) -> pd.DataFrame:
    out = tmp_path / gm
    status = main(["analyse", "--gemeente", gm, "--cijfers", *files, "--uit", str(out), "--trekkingen", "20",
                   *extra])
    assert status == 0
    return pd.read_csv(out / "scores.csv", dtype={"area_code": str})


def test_sample_is_large_enough():
    assert len(set(SAMPLE)) >= 30 and {"GM0088", "GM0096", "GM0363"} <= set(SAMPLE)


@pytest.mark.parametrize("gm", SAMPLE)
def test_every_buurt_of_a_sample_gemeente_is_scored_with_names(national, tmp_path, gm, capsys):
    scores = _run(tmp_path, gm, national["files"])
    assert set(scores["area_code"]) == national["buurten"][gm]
    for col in ("area_code", "name", "index", "rank", "reference_size", "wijk_naam", "gemeente_naam"):
        assert col in scores.columns
    assert (scores["name"] == scores["area_code"].map(national["names"])).all()
    assert (scores["gemeente_naam"] == national["names"][gm]).all()
    assert (scores["reference_size"] == len(scores)).all()
    ranked = scores["rank"].dropna().sort_values()
    assert list(ranked) == list(range(1, len(ranked) + 1))
    assert (tmp_path / gm / "focusgebieden.csv").exists()
    out = capsys.readouterr().out
    assert "Zonder buurtgrenzen" in out and national["names"][gm] in out


@pytest.mark.parametrize("gm", ["GM0088", "GM0096", "GM0363"])
def test_national_reference_is_all_buurten_of_the_country(national, tmp_path, gm, capsys):
    scores = _run(tmp_path, gm, national["files"], "--referentie", "nationaal")
    assert (scores["reference_size"] == national["n_buurten"]).all()
    assert scores["index"].notna().sum() >= 1
    assert f"({national['n_buurten']} buurten)" in capsys.readouterr().out


def test_tiny_gemeente_gets_advice_to_use_a_wider_reference(national, tmp_path, capsys):
    _run(tmp_path, "GM0096", national["files"])
    assert "--referentie nationaal" in capsys.readouterr().out


def test_amsterdam_2019_with_polygons_from_a_project_file(shared_data, tmp_path, capsys):
    project = tmp_path / "amsterdam.yaml"
    project.write_text(
        "gemeente: {code: GM0363}\n"
        f"cijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n"
        f"buurten: {shared_data / 'cbs/buurten_2019_gegeneraliseerd.gpkg'}\n"
        "urgentie: {k: 10, trekkingen: 20}\nuitvoer: uit\n", encoding="utf-8")
    assert main(["analyse", str(project)]) == 0
    scores = pd.read_csv(tmp_path / "uit" / "scores.csv", dtype={"area_code": str})
    assert len(scores) == 479
    assert (scores["name"] != scores["area_code"]).mean() >= 0.95
    focus = pd.read_csv(tmp_path / "uit" / "focusgebieden.csv")
    assert len(focus) >= 10 and focus["cluster"].notna().all()
    assert "Zonder buurtgrenzen" not in capsys.readouterr().out


def test_flags_override_the_project_file(shared_data, tmp_path):
    project = tmp_path / "p.yaml"
    project.write_text(f"gemeente: {{code: GM0363}}\ncijfers: [{shared_data / DERIVED}]\n"
                       "referentie: {kader: gemeente}\nurgentie: {trekkingen: 10}\n", encoding="utf-8")
    assert main(["analyse", str(project), "--gemeente", "GM0096", "--referentie", "nationaal",
                 "--uit", str(tmp_path / "o")]) == 0
    scores = pd.read_csv(tmp_path / "o" / "scores.csv", dtype={"area_code": str})
    assert scores["area_code"].str.startswith("BU0096").all()
    assert scores["reference_size"].iloc[0] > 10_000


def test_bad_input_names_file_and_key(tmp_path, capsys):
    project = tmp_path / "p.yaml"
    project.write_text("gemeente: {code: GM0363}\ncijfers: [bestaat_niet.csv]\n", encoding="utf-8")
    assert main(["analyse", str(project)]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "p.yaml" in err and "cijfers" in err and "bestaat_niet.csv" in err


def test_amsterdam_2019_no_buurt_under_the_minimum_population_is_robust_in(shared_data, tmp_path):
    """The project's minimum population keeps small buurten (sports park, student housing) out of the top."""
    import warnings

    from wijklib.project import load_project

    project = tmp_path / "amsterdam.yaml"
    kwb = shared_data / "amsterdam/kwb_2019_amsterdam_tidy.csv"
    project.write_text(f"gemeente: {{code: GM0363}}\ncijfers: [{kwb}]\n"
                       "urgentie: {k: 20, min_inwoners: 500, trekkingen: 100}\n", encoding="utf-8")
    p = load_project(project)
    ws = p.load_werkset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = p.run(ws)
    pop = ws.counted[(ws.counted["indicator"] == "inwoners") & (ws.counted["period"] == 2019)]
    small = set(pop.loc[pop["value"] < 500, "area_code"])
    assert len(small) > 20  # Amsterdam has many small buurten: the test has something to check
    unc = result.uncertainty
    assert (unc["robustness"] == "robuust in").sum() > 0
    assert not (unc.loc[unc.index.isin(small), "robustness"] == "robuust in").any()
    assert result.scores.loc[result.scores.index.isin(small), "index"].isna().all()
    assert not result.focus["area_code"].isin(small).any()


def test_separate_national_reference_file(shared_data, national, tmp_path, capsys):
    """Counted data of one gemeente only, compared with a separate national reference table."""
    derived = pd.read_csv(shared_data / DERIVED, dtype=str, keep_default_na=False)
    own = derived[derived["gemeentecode"] == "GM0096"]
    own.to_csv(tmp_path / "vlieland_2024.csv", index=False)
    project = tmp_path / "vlieland.yaml"
    project.write_text("gemeente: {code: GM0096}\ncijfers: [vlieland_2024.csv]\n"
                       f"referentie: {{kader: nationaal, bestand: [{shared_data / DERIVED}]}}\n"
                       "urgentie: {trekkingen: 10}\nuitvoer: uit\n", encoding="utf-8")
    assert main(["analyse", str(project)]) == 0
    scores = pd.read_csv(tmp_path / "uit" / "scores.csv", dtype={"area_code": str})
    assert set(scores["area_code"]) == national["buurten"]["GM0096"]
    assert (scores["reference_size"] == national["n_buurten"]).all()
    assert scores["name"].isin(["Oost-Vlieland", "Verspreide huizen Vlieland"]).all()
    assert "Vlieland (GM0096)" in capsys.readouterr().out


def test_peers_reference_compares_each_buurt_with_50_similar_buurten_of_the_country(national, tmp_path, capsys):
    scores = _run(tmp_path, "GM0363", national["files"], "--referentie", "peers")
    assert (scores["reference_size"] == 50).all()
    assert scores["index"].notna().sum() > 300
    assert "vergelijkbare buurten" in capsys.readouterr().out
