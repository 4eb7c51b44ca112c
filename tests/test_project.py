"""The project file (wijklib.project): validation, paths, own indicators, minimum population, same results."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from wijklib.analysis import load_demo, run_analysis
from wijklib.counted import read_wide_table
from wijklib.errors import InputError
from wijklib.project import DEMO_PROJECT, TEMPLATE_PROJECT, load_project

DEMO = DEMO_PROJECT.parent


def _quiet_run(project, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return project.run(**kwargs)


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_demo_project_resolves_paths_against_its_own_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the current directory must not matter
    p = load_project(DEMO_PROJECT)
    assert p.gemeente_code == "GM9901" and p.fictional
    assert p.counted_files == [DEMO / "indicatoren.csv"]
    assert p.buurten == DEMO / "buurten.geojson" and p.survey == DEMO / "enquete.csv"
    assert p.urgency_settings == DEMO / "urgentie.yaml" and p.k == 5


def test_relative_paths_follow_the_project_file_when_it_moves(tmp_path, monkeypatch):
    folder = tmp_path / "elders"
    folder.mkdir()
    shutil.copy(DEMO / "indicatoren.csv", folder / "cijfers.csv")
    project = _write(folder / "project.yaml", {"gemeente": {"code": "GM9901"}, "cijfers": ["cijfers.csv"],
                                                "uitvoer": "uit"})
    monkeypatch.chdir(tmp_path)
    p = load_project(project)
    assert p.counted_files == [folder / "cijfers.csv"] and p.output == folder / "uit"


@pytest.mark.parametrize("data, key, text", [
    ({"gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "referentie": {"kader": "landelijk"}},
     "referentie.kader", "landelijk"),
    ({"gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "onbekend": 1}, "onbekend", "onbekende sleutel"),
    ({"cijfers": ["indicatoren.csv"]}, "gemeente", "ontbreekt"),
    ({"gemeente": {"code": "9901"}, "cijfers": ["indicatoren.csv"]}, "gemeente.code", "geen gemeentecode"),
    ({"gemeente": {"code": "GM9901"}, "cijfers": ["weg.csv"]}, "cijfers", "weg.csv"),
    ({"gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "urgentie": {"k": 0}}, "urgentie.k", ""),
    ({"gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "referentie": {"kader": "lijst"}},
     "referentie.gebieden", "lijst"),
])
def test_errors_name_the_file_and_the_key(tmp_path, data, key, text):
    shutil.copy(DEMO / "indicatoren.csv", tmp_path / "indicatoren.csv")
    path = _write(tmp_path / "project.yaml", data)
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.file == str(path) and exc.value.column == key and text in str(exc.value)


def test_template_project_is_valid_yaml_with_every_section():
    data = yaml.safe_load(TEMPLATE_PROJECT.read_text(encoding="utf-8"))
    text = TEMPLATE_PROJECT.read_text(encoding="utf-8")
    assert data["gemeente"]["code"] == "GM0363"
    for key in ("cijfers", "buurten", "referentie", "urgentie", "eigen_indicatoren", "uitvoer", "keuze van wijklib"):
        assert key in text


def test_demo_project_gives_the_same_result_as_the_demo_werkset():
    p = load_project(DEMO_PROJECT)
    a = _quiet_run(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        b = run_analysis(load_demo(), overrides={"focus": {"k": 5}, "uncertainty": {"top_k": 5}})
    pd.testing.assert_series_equal(a.scores["rank"], b.scores["rank"])
    assert list(a.focus["area_code"]) == list(b.focus["area_code"])
    assert a.config.focus.k == 5


def _own_indicator_files(tmp_path: Path) -> Path:
    wide = pd.read_csv(DEMO / "indicatoren.csv", dtype=str)
    rng = np.random.default_rng(1)
    wide["overlast_meldingen_per_1000"] = rng.uniform(5, 80, len(wide)).round(1).astype(str)
    wide.to_csv(tmp_path / "indicatoren.csv", index=False)
    return tmp_path / "indicatoren.csv"


def test_unknown_column_shows_how_to_declare_an_own_indicator(tmp_path):
    path = _own_indicator_files(tmp_path)
    with pytest.raises(InputError) as exc:
        read_wide_table(path)
    msg = str(exc.value)
    assert exc.value.column == "overlast_meldingen_per_1000"
    assert "eigen_indicatoren" in msg and "id: overlast_meldingen_per_1000" in msg
    assert "Bedoelt u" not in msg and "vernieling_per_1000" not in msg


def test_declared_own_indicator_is_read_and_scored(tmp_path):
    _own_indicator_files(tmp_path)
    project = _write(tmp_path / "project.yaml", {
        "gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "urgentie": {"trekkingen": 0},
        "eigen_indicatoren": [{"id": "overlast_meldingen_per_1000", "label": "Overlastmeldingen per 1.000 inwoners",
                               "domein": "veiligheid", "richting": "hoger_is_slechter", "eenheid": "per_1000",
                               "min_inwoners": 100, "bron": "meldingen openbare ruimte (fictief)"}]})
    p = load_project(project)
    result = _quiet_run(p)
    contrib = result.contributions
    own = contrib[contrib["indicator"] == "overlast_meldingen_per_1000"]
    assert len(own) == len(result.scores) and own["effective_weight"].fillna(0).gt(0).any()
    assert p.catalogue()["overlast_meldingen_per_1000"].label_nl == "Overlastmeldingen per 1.000 inwoners"


def test_own_indicator_with_a_bad_domain_names_the_key(tmp_path):
    _own_indicator_files(tmp_path)
    project = _write(tmp_path / "project.yaml", {
        "gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"],
        "eigen_indicatoren": [{"id": "overlast_meldingen_per_1000", "label": "x", "domein": "overlast",
                               "richting": "hoger_is_slechter", "bron": "x"}]})
    with pytest.raises(InputError) as exc:
        load_project(project).catalogue()
    assert exc.value.column == "eigen_indicatoren[1].domein" and "veiligheid" in str(exc.value)


def test_min_population_is_settable_in_the_project(tmp_path):
    base = {"gemeente": {"code": "GM9901"}, "cijfers": [str(DEMO / "indicatoren.csv")], "urgentie": {"trekkingen": 0}}
    low = _quiet_run(load_project(_write(tmp_path / "a.yaml", base)))
    base["urgentie"]["min_inwoners"] = 1_000_000
    high = _quiet_run(load_project(_write(tmp_path / "b.yaml", base)))
    assert low.scores["index"].notna().sum() > 0
    assert high.scores["index"].notna().sum() == 0  # every buurt is below a million inhabitants


def test_settings_hash_changes_with_a_setting(tmp_path):
    base = {"gemeente": {"code": "GM9901"}, "cijfers": [str(DEMO / "indicatoren.csv")]}
    a = load_project(_write(tmp_path / "a.yaml", base)).settings_hash()
    base["urgentie"] = {"k": 7}
    b = load_project(_write(tmp_path / "b.yaml", base)).settings_hash()
    assert a != b and a == load_project(tmp_path / "a.yaml").settings_hash()


def test_analysis_without_polygons_has_no_clusters_but_all_buurten(tmp_path):
    p = load_project(_write(tmp_path / "p.yaml", {"gemeente": {"code": "GM9901"},
                                                  "cijfers": [str(DEMO / "indicatoren.csv")],
                                                  "urgentie": {"trekkingen": 0}}))
    ws = p.load_werkset()
    assert not ws.has_polygons and len(ws.buurten) == 30
    assert ws.names["BU99010101"] == "BU99010101"  # no input names it: the code stands in
    result = _quiet_run(p, ws=ws)
    assert len(result.scores) == 30 and result.scores["rank"].notna().any()


def test_names_file_fills_names_no_other_input_has(tmp_path):
    (tmp_path / "namen.csv").write_text("code,naam\nBU99010101,Oude Kern (uit namenbestand)\n", encoding="utf-8")
    wide = pd.read_csv(DEMO / "indicatoren.csv", dtype=str)
    wide.to_csv(tmp_path / "cijfers.csv", index=False)
    p = load_project(_write(tmp_path / "p.yaml", {"gemeente": {"code": "GM9901"}, "cijfers": ["cijfers.csv"],
                                                  "namen": "namen.csv"}))
    ws = p.load_werkset()
    assert ws.names["BU99010101"] == "Oude Kern (uit namenbestand)"


def test_notebook_01_and_wijk_rapport_agree_on_one_project_file(tmp_path):
    """One project file: the same ranks, types and focus areas in notebook 01, the batch and ``wijk rapport``."""
    import json

    from wijklib.cli import main
    from wijklib.notebooks import NOTEBOOK_DIR, run_notebook
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", tmp_path / "nb",
                 {"project": str(DEMO_PROJECT), "uitvoermap": str(tmp_path / "nb_uit")}, html=False)
    nb_scores = pd.read_csv(tmp_path / "nb_uit" / "scores.csv", dtype={"area_code": str}).set_index("area_code")
    nb_types = pd.read_csv(tmp_path / "nb_uit" / "typen.csv", dtype={"area_code": str}).set_index("area_code")
    nb_focus = pd.read_csv(tmp_path / "nb_uit" / "focusgebieden.csv", dtype={"area_code": str})

    prepared = prepare_batch(BatchInputs.from_project(DEMO_PROJECT), tmp_path / "batch")
    urg = prepared.urgency
    pd.testing.assert_series_equal(urg.scores["rank"], nb_scores["rank"], check_names=False)
    assert list(urg.types["urgency_type"]) == list(nb_types["urgency_type"])
    assert list(urg.focus["area_code"]) == list(nb_focus["area_code"])
    assert list(urg.focus["cluster"]) == list(nb_focus["cluster"])
    assert len(nb_focus) == 5  # k of the demo project file, in both
    # the aanleidingen log of the project file (key 'aanleidingen') reaches notebook 01 and the batch alike
    assert nb_types.at["BU99010201", "urgency_type"] == urg.types.at["BU99010201", "urgency_type"] == "meervoudig"

    two = list(nb_scores["rank"].dropna().sort_values().index[:2])
    status = main(["rapport", "--project", str(DEMO_PROJECT), "--gebieden", ",".join(two),
                   "--uit", str(tmp_path / "rapporten"), "--werkers", "1", "--stil"])
    assert status == 0
    manifest = json.loads((tmp_path / "rapporten" / "manifest.json").read_text(encoding="utf-8"))
    for code in two:
        assert manifest["areas"][code]["rank"] == nb_scores.at[code, "rank"]
        assert manifest["areas"][code]["name"] == nb_scores.at[code, "name"]


# ------------------------------------------------------------------ errors name the setting as the user wrote it
def _demo_copy(tmp_path: Path, **changes) -> Path:
    proj = tmp_path / "p"
    shutil.copytree(DEMO, proj)
    data = yaml.safe_load((proj / "project.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return _write(proj / "project.yaml", data)


SETTING_ERRORS = [
    ("inline_instellingen", {"urgentie": {"instellingen": {"weights": {"domains": {"overlast": 1}}}}},
     "project.yaml, sleutel 'urgentie.instellingen.weights.domains.overlast'", "onbekend domein 'overlast'"),
    ("onbekende_instelling", {"urgentie": {"instellingen": {"gewichten": 1}}},
     "project.yaml, sleutel 'urgentie.instellingen.gewichten'", "onbekende sleutel"),
    ("referentie_lijst", {"referentie": {"kader": "lijst", "gebieden": ["BU99019999"]}},
     "project.yaml, sleutel 'referentie.gebieden'", "BU99019999"),
    ("eigen_domein", {"eigen_indicatoren": [{"id": "x_per_1000", "label": "x", "domein": "overlast",
                                             "richting": "context", "bron": "b"}]},
     "project.yaml, sleutel 'eigen_indicatoren[1].domein'", "onbekend domein 'overlast'"),
    ("eigen_eenheid", {"eigen_indicatoren": [{"id": "x_per_1000", "label": "x", "domein": "veiligheid",
                                              "richting": "context", "bron": "b", "eenheid": "kg"}]},
     "project.yaml, sleutel 'eigen_indicatoren[1].eenheid'", "onbekende eenheid 'kg'; kies uit aantal, pct"),
]


@pytest.fixture(scope="module")
def demo_werkset():
    return load_project(DEMO_PROJECT).load_werkset()


@pytest.mark.parametrize("name,changes,where,what", SETTING_ERRORS, ids=[c[0] for c in SETTING_ERRORS])
def test_project_setting_errors_say_sleutel_with_the_project_key_not_kolom(tmp_path, demo_werkset, name, changes,
                                                                            where, what):
    project = load_project(_demo_copy(tmp_path, **changes)) if not name.startswith("eigen") else None
    with pytest.raises(InputError) as exc:
        if project is None:
            load_project(_demo_copy(tmp_path, **changes)).catalogue()
        else:
            _quiet_run(project, ws=demo_werkset)
    text = str(exc.value)
    assert where in text and what in text and exc.value.key is not None
    assert "kolom" not in text.split(": ", 1)[0] and "Input should" not in text


def test_wijk_analyse_says_sleutel_for_a_setting(tmp_path, capsys):
    from wijklib.cli import EXIT_INPUT_ERROR, main

    name, changes, where, what = SETTING_ERRORS[3]
    project = _demo_copy(tmp_path, **changes)
    assert main(["analyse", str(project), "--uit", str(tmp_path / "uit")]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert where in err and what in err and "kolom" not in err


def test_settings_file_errors_name_that_file_and_its_key(tmp_path, demo_werkset):
    (tmp_path / "urgentie.yaml").write_text("weights: {domains: {overlast: 1}}\n", encoding="utf-8")
    project = _demo_copy(tmp_path, urgentie={"instellingen": str(tmp_path / "urgentie.yaml")})
    with pytest.raises(InputError) as exc:
        _quiet_run(load_project(project), ws=demo_werkset)
    assert exc.value.file == str(tmp_path / "urgentie.yaml") and exc.value.key == "weights.domains.overlast"
    assert "sleutel 'weights.domains.overlast'" in str(exc.value) and "kolom" not in str(exc.value)


def test_a_year_that_the_counted_files_do_not_have_names_jaar(shared_data, tmp_path):
    project = _write(tmp_path / "p.yaml", {
        "gemeente": {"code": "GM0096"}, "jaar": 2019,
        "cijfers": [str(shared_data / "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv")]})
    with pytest.raises(InputError) as exc:
        load_project(project).load_werkset()
    assert exc.value.key == "jaar" and "het jaar 2019 staat niet in de cijfers van GM0096" in str(exc.value)
    assert "alleen het jaar 2024" in str(exc.value) and "geen enkele buurt" not in str(exc.value)


def test_command_line_files_are_named_as_options(tmp_path, capsys, monkeypatch):
    from wijklib.cli import EXIT_INPUT_ERROR, main

    monkeypatch.chdir(tmp_path)
    assert main(["analyse", "--gemeente", "GM9901", "--cijfers", "weg.csv"]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "optie --cijfers: bestand niet gevonden" in err and "sleutel" not in err and "projectbestand" not in err
    with pytest.raises(InputError, match="optie --referentie") as exc:
        load_project(DEMO_PROJECT).with_overrides(referentie="land")
    assert exc.value.column is None


# ------------------------------------------------------- read hints of a cijfers entry: periode and encoding
def _demo_without_year(tmp_path: Path, *, encoding: str = "utf-8") -> Path:
    """The demo's counted table of its last year, without year column or year in the name, and a buurt name with
    é (so that the encoding matters)."""
    wide = pd.read_csv(DEMO / "indicatoren.csv", dtype=str, keep_default_na=False)
    year_col = next(c for c in wide.columns if c.lower() in ("jaar", "periode", "perioden", "period"))
    last = wide[year_col].max()
    wide = wide[wide[year_col] == last].drop(columns=[year_col])
    wide.insert(1, "naam", [f"Buurt {i} aan de Beekëind" for i in range(len(wide))])
    path = tmp_path / "buurtcijfers.csv"
    wide.to_csv(path, index=False, encoding=encoding)
    return path


def test_template_documents_the_read_hints():
    text = TEMPLATE_PROJECT.read_text(encoding="utf-8")
    assert "{bestand: buurtcijfers.csv, periode: 2023, encoding: cp1252}" in text
    for key in ("bestand  :", "periode  :", "encoding :"):
        assert key in text


def test_periode_and_encoding_reach_the_reader(tmp_path, recwarn):
    from wijklib.analysis import read_counted_files
    from wijklib.project import CountedFile

    _demo_without_year(tmp_path, encoding="cp1252")
    project = _write(tmp_path / "p.yaml", {
        "gemeente": {"code": "GM9901"},
        "cijfers": [{"bestand": "buurtcijfers.csv", "periode": 2021, "encoding": "cp1252"}]})
    p = load_project(project)
    (counted_file,) = p.counted_files
    assert isinstance(counted_file, CountedFile) and counted_file == tmp_path / "buurtcijfers.csv"
    assert counted_file.read_hints == {"period": 2021, "encoding": "cp1252"}
    tidy = read_counted_files(p.counted_files)
    assert set(tidy["period"]) == {2021}
    assert not [w for w in recwarn if "Windows-1252" in str(w.message)]  # read as cp1252 because it was asked
    ws = p.load_werkset()
    assert set(ws.counted["period"]) == {2021} and len(ws.buurten) > 0
    assert any(str(n).endswith("Beekëind") for n in ws.names.values())  # names read with the same encoding
    # without the hint the same file is read with a warning about the encoding (the hint made the difference)
    plain = load_project(_write(tmp_path / "q.yaml", {"gemeente": {"code": "GM9901"},
                                                      "cijfers": [{"bestand": "buurtcijfers.csv", "periode": 2021}]}))
    recwarn.clear()
    read_counted_files(plain.counted_files)
    assert [w for w in recwarn if "Windows-1252" in str(w.message)]


def test_without_periode_the_error_says_how_to_give_it(tmp_path):
    _demo_without_year(tmp_path)
    project = _write(tmp_path / "p.yaml", {"gemeente": {"code": "GM9901"}, "cijfers": ["buurtcijfers.csv"]})
    with pytest.raises(InputError) as exc:
        load_project(project).load_werkset()
    text = str(exc.value)
    assert "buurtcijfers.csv" in text and "{bestand: buurtcijfers.csv, periode: 2024}" in text
    assert "period=<jaar>" not in text


@pytest.mark.parametrize("entry, key, text", [
    ({"bestand": "indicatoren.csv", "jaar": 2023}, "cijfers[2].jaar",
     "onbekende sleutel 'jaar'; toegestaan: bestand, periode, encoding"),
    ({"bestand": "indicatoren.csv", "encoding": "utf-99"}, "cijfers[2].encoding", "onbekende tekencodering 'utf-99'"),
    ({"bestand": "indicatoren.csv", "periode": "vorig jaar"}, "cijfers[2].periode", "verwacht een geheel getal"),
    ({"periode": 2023}, "cijfers[2].bestand", "verplichte sleutel ontbreekt"),
    ({"bestand": "weg.csv", "periode": 2023}, "cijfers[2].bestand", "weg.csv"),
])
def test_a_wrong_cijfers_entry_names_the_key_and_the_allowed_ones(tmp_path, entry, key, text):
    shutil.copy(DEMO / "indicatoren.csv", tmp_path / "indicatoren.csv")
    path = _write(tmp_path / "project.yaml", {"gemeente": {"code": "GM9901"},
                                              "cijfers": ["indicatoren.csv", entry]})
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.file == str(path) and exc.value.key == key and text in str(exc.value)
    assert "Input should" not in str(exc.value)


def test_other_unknown_keys_list_the_allowed_ones(tmp_path):
    path = _write(tmp_path / "project.yaml", {"gemeente": {"code": "GM9901", "name": "x"}, "cijfers": ["a.csv"]})
    with pytest.raises(InputError, match="onbekende sleutel 'name'; toegestaan: code, naam"):
        load_project(path)


def _own_declared(tmp_path, kolom: str, *, in_file: bool = True) -> Path:
    """Project with the demo's own indicator read from a column named ``Overlast per 1000`` in the file."""
    path = _own_indicator_files(tmp_path)
    df = pd.read_csv(path, dtype=str)
    df = df.rename(columns={"overlast_meldingen_per_1000": "Overlast per 1000"})
    if not in_file:
        df = df.drop(columns=["Overlast per 1000"])
    df.to_csv(path, index=False)
    return _write(tmp_path / "project.yaml", {
        "gemeente": {"code": "GM9901"}, "cijfers": ["indicatoren.csv"], "urgentie": {"trekkingen": 0},
        "eigen_indicatoren": [{"id": "overlast_meldingen_per_1000", "label": "Overlastmeldingen per 1.000 inwoners",
                               "domein": "veiligheid", "richting": "hoger_is_slechter", "eenheid": "per_1000",
                               "min_inwoners": 100, "bron": "fictief", "kolom": kolom}]})


def test_own_indicator_read_from_its_declared_column(tmp_path):
    """``kolom:`` of an own indicator (as in the template's example) names the file's column (wijklib format)."""
    result = _quiet_run(load_project(_own_declared(tmp_path, "Overlast per 1000")))
    own = result.contributions[result.contributions["indicator"] == "overlast_meldingen_per_1000"]
    assert len(own) == len(result.scores) and own["effective_weight"].fillna(0).gt(0).any()


def test_own_indicator_whose_column_is_missing_is_an_error(tmp_path):
    """A misspelt ``kolom`` must not make the declared indicator vanish silently."""
    project = _own_declared(tmp_path, "Overlast per 100", in_file=False)
    with pytest.raises(InputError) as exc:
        _quiet_run(load_project(project))
    assert exc.value.column == "eigen_indicatoren[1].kolom" and exc.value.file is not None
    assert Path(exc.value.file).name == "project.yaml"
    assert "'Overlast per 100'" in str(exc.value) and "indicatoren.csv" in str(exc.value)
