"""Findings of a municipal analyst on real gemeenten (issue #12), checked on the real CBS tables.

These tests use the ``shared_data`` fixture: they fail (not skip) under CI when ``../shared/data`` is missing.
"""

from __future__ import annotations

import pandas as pd
import pytest

from wijklib.cli import main

DERIVED = "derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
POPULATION = "cbs/kwb_2024_bevolking_tidy.csv"


def _analyse(shared_data, tmp_path, gm: str, *extra: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    out = tmp_path / gm
    assert main(["analyse", "--gemeente", gm, "--cijfers", str(shared_data / DERIVED),
                 str(shared_data / POPULATION), "--uit", str(out), "--trekkingen", "10", *extra]) == 0
    return (pd.read_csv(out / "scores.csv", dtype={"area_code": str}),
            pd.read_csv(out / "focusgebieden.csv", dtype={"area_code": str}))


@pytest.mark.parametrize("gm", ["GM0088", "GM0096"])
def test_national_reference_judges_percentile_worst_class_and_focus_against_the_country(shared_data, tmp_path, gm):
    scores, focus = _analyse(shared_data, tmp_path, gm, "--referentie", "nationaal")
    scored = scores[scores["index"].notna()]
    assert len(scored) == 1  # one buurt with an index: within the gemeente it is always rank 1
    row = scored.iloc[0]
    assert row["rank"] == 1
    assert row["reference_n_ranked"] > 10_000
    assert row["rank_reference"] > 1_000
    assert 20 < row["index_percentile"] < 80  # not 50 by construction, and not in the top of the country
    assert not scores["in_worst_class"].any()
    assert focus.empty


def test_own_gemeente_reference_keeps_rank_and_reference_rank_equal(shared_data, tmp_path):
    scores, _ = _analyse(shared_data, tmp_path, "GM0088")
    scored = scores[scores["index"].notna()]
    assert (scored["rank"] == scored["rank_reference"]).all()
    assert (scored["reference_n_ranked"] == len(scored)).all()


@pytest.fixture(scope="module")
def amsterdam_2019(shared_data, tmp_path_factory):
    from wijklib.project import load_project

    folder = tmp_path_factory.mktemp("ams")
    project = folder / "amsterdam.yaml"
    project.write_text("gemeente: {code: GM0363}\n"
                       f"cijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n"
                       f"buurten: {shared_data / 'cbs/buurten_2019_gegeneraliseerd.gpkg'}\n"
                       "urgentie: {k: 10, trekkingen: 10}\nuitvoer: uit\n", encoding="utf-8")
    p = load_project(project)
    return p, p.load_werkset()


def test_maps_use_the_names_of_the_werkset_not_the_codes(amsterdam_2019):
    import matplotlib

    matplotlib.use("Agg")
    from wijklib import maps

    _, ws = amsterdam_2019
    assert ws.buurten["name"].isna().all()  # the 2019 polygons have codes only: the names come from the KWB table
    buurten = maps.with_names(ws.buurten, ws.names)
    assert (buurten["name"] == buurten["area_code"].map(ws.names)).all()
    codes = buurten["area_code"].tolist()
    scores = pd.DataFrame({"index": range(len(codes))}, index=pd.Index(codes, name="area_code"), dtype=float)
    classes = maps.classify(scores["index"], "quantiles", 5, title="Urgentie-index")
    html = maps.render_html(maps.focus_map(ws.buurten.iloc[:40], scores.iloc[:40].assign(
        name=[ws.names[c] for c in codes[:40]]), value="index", classification=classes, layers=["urgentie"],
        offline=True))
    assert ws.names[codes[0]] in html
    assert f'"naam": "{codes[0]}"' not in html
    fig = maps.static_map(buurten, scores, value="index", classification=classes, area_labels="all")
    texts = {t.get_text().replace("\n", " ") for t in fig.axes[0].texts}
    assert not any(t.startswith("BU0363") for t in texts)
    assert len({ws.names[c] for c in codes} & texts) > 20


def _notebook_text(path) -> str:
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                texts.append("ERROR " + out.get("ename", ""))
            texts.append("".join(out.get("text", "")))
            texts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_notebook_01_with_two_years_shows_a_difference_never_a_trend(shared_data, tmp_path):
    from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

    files = ", ".join(str(shared_data / "amsterdam" / f"kwb_{y}_amsterdam_tidy.csv") for y in (2017, 2019))
    project = tmp_path / "amsterdam.yaml"
    project.write_text(f"gemeente: {{code: GM0363}}\ncijfers: [{files}]\nurgentie: {{k: 10}}\nuitvoer: uit\n",
                       encoding="utf-8")
    paths = run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", tmp_path,
                         {"project": str(project), "trekkingen": 20,
                          "uitvoermap": str(tmp_path / "uit")}, html=False)
    text = _notebook_text(paths["notebook"])
    assert "ERROR" not in text
    assert "Er zijn cijfers over 2 jaren (2017, 2019)" in text  # the trend note is printed
    assert "verschil tussen twee jaren (geen trend)" in text
    assert "verslechteren" not in text
    assert "vergeleken met alle buurten in de gegevens" not in text  # one statement on the reference
    assert "referentie: de buurten van de eigen gemeente" in text


def test_national_frame_with_one_gemeente_in_the_files_warns(shared_data, tmp_path):
    from wijklib.project import load_project

    project = tmp_path / "ams.yaml"
    project.write_text(f"gemeente: {{code: GM0363}}\n"
                       f"cijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n"
                       "referentie: {kader: nationaal}\n", encoding="utf-8")
    p = load_project(project)
    warning = p.reference_warning(p.load_werkset())
    assert warning and "alleen buurten van één gemeente (GM0363)" in warning
    national = tmp_path / "nl.yaml"
    national.write_text(f"gemeente: {{code: GM0096}}\ncijfers: [{shared_data / DERIVED}]\n"
                        "referentie: {kader: nationaal}\n", encoding="utf-8")
    p = load_project(national)
    assert p.reference_warning(p.load_werkset()) is None


def test_utrecht_special_buurten_are_flagged_never_robust_in_and_head_the_focus_list_with_a_flag(shared_data,
                                                                                                   tmp_path):
    out = tmp_path / "utr"
    assert main(["analyse", "--gemeente", "GM0344", "--cijfers", str(shared_data / DERIVED),
                 str(shared_data / POPULATION), "--uit", str(out), "--trekkingen", "20"]) == 0
    scores = pd.read_csv(out / "scores.csv", dtype={"area_code": str}).set_index("area_code")
    unc = pd.read_csv(out / "onzekerheid.csv", dtype={"area_code": str}).set_index("area_code")
    focus = pd.read_csv(out / "focusgebieden.csv", dtype={"area_code": str})
    station, campus = "BU03440613", "BU03440533"  # Hoog-Catharijne NS en Jaarbeurs, Utrecht Science Park
    assert scores.loc[station, "special_population"]
    assert "misdrijven per 1.000 inwoners" in scores.loc[station, "special_reason"]
    assert "keuze van wijklib" in scores.loc[station, "special_reason"]
    assert scores.loc[campus, "special_population"]
    special = scores.index[scores["special_population"].astype(bool)]
    assert not (unc.loc[unc.index.isin(special), "robustness"] == "robuust in").any()
    assert unc.loc[campus, "robustness_note"].startswith("mogelijk bijzondere bevolking")
    for _, row in focus[focus["area_code"].isin(special)].iterrows():
        assert row["reasons"].startswith("LET OP, mogelijk bijzondere bevolking")
    assert (unc["robustness"] == "robuust in").any()  # the cap does not empty the class


def test_report_of_a_project_without_polygons_has_everything_but_the_map(shared_data, tmp_path):
    """``wijk rapport --project`` on the national tables (no buurtgrenzen); the focus sentence follows robustness."""
    import re

    project = tmp_path / "utrecht.yaml"
    project.write_text(f"gemeente: {{code: GM0344}}\ncijfers: [{shared_data / DERIVED}, {shared_data / POPULATION}]\n"
                       "urgentie: {trekkingen: 20}\n", encoding="utf-8")
    out = tmp_path / "rapporten"
    assert main(["rapport", "--project", str(project), "--gebieden", "BU03440613", "--uit", str(out)]) == 0
    page = (out / "buurten" / "BU03440613.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Hoog-Catharijne NS en Jaarbeurs" in text
    assert "Geen kaart: het projectbestand geeft geen buurtgrenzen" in text
    assert "Traceback" not in page
    sentence = text.split("De buurt is kandidaat-focusgebied", 1)[1].split("besluiten de partners samen", 1)[0]
    assert "robuuste urgentie" not in sentence
    assert "grensgeval" in sentence  # a special buurt is never 'robuust in', and the sentence says so


def test_map_legend_calls_small_buurten_not_secret(amsterdam_2019):
    import matplotlib

    matplotlib.use("Agg")
    from wijklib import maps

    _, ws = amsterdam_2019
    codes = ws.buurten["area_code"].tolist()
    scores = pd.DataFrame({"index": [float(i) for i in range(len(codes))], "small_population": False,
                           "n_suppressed": 0}, index=pd.Index(codes, name="area_code"))
    scores.iloc[:5, scores.columns.get_loc("index")] = float("nan")
    scores.iloc[:3, scores.columns.get_loc("small_population")] = True  # below wijklib's own minimum
    scores.iloc[3:5, scores.columns.get_loc("n_suppressed")] = 4  # CBS suppression
    scores["kaartstatus"] = maps.score_status(scores, "index")
    assert scores["kaartstatus"].iloc[:3].eq("te weinig inwoners").all()
    assert scores["kaartstatus"].iloc[3:5].eq("geheim").all()
    classes = maps.classify(scores["index"], "quantiles", 5, title="Urgentie-index")
    fig = maps.static_map(ws.buurten, scores, value="index", classification=classes, status="kaartstatus")
    labels = [t.get_text() for t in fig.legends[0].get_texts()] if fig.legends else \
        [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert maps.SMALL_LABEL in labels and maps.SUPPRESSED_LABEL in labels
    html = maps.render_html(maps.focus_map(ws.buurten, scores, value="index", classification=classes,
                                           status="kaartstatus", layers=["urgentie"], offline=True))
    assert "te weinig inwoners (keuze van wijklib)" in html
    scores.iloc[3:5, scores.columns.get_loc("kaartstatus")] = "te weinig inwoners"
    fig = maps.static_map(ws.buurten, scores, value="index", classification=classes, status="kaartstatus")
    labels = [t.get_text() for t in fig.legends[0].get_texts()] if fig.legends else \
        [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert maps.SUPPRESSED_LABEL not in labels  # no CBS secret on this map


@pytest.mark.parametrize("body, expected", [
    ("gemeente: {code: 0344}\n", "sleutel 'gemeente.code': de gemeentecode is als getal gelezen; schrijf de "
                                 "gemeentecode als GM0344"),
    ("gemeente: {code: GM0363}\nreferentie: {kader: land}\n",
     "sleutel 'referentie.kader': onbekende waarde 'land'; verwacht 'gemeente', 'nationaal', 'peers' of 'lijst'"),
    ("gemeente: {code: GM0363}\nurgentie: {k: veel}\n", "sleutel 'urgentie.k': verwacht een geheel getal"),
])
def test_project_file_errors_are_dutch_and_name_the_key(shared_data, tmp_path, body, expected):
    from wijklib.errors import InputError
    from wijklib.project import load_project

    project = tmp_path / "p.yaml"
    project.write_text(body + f"cijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n",
                       encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_project(project)
    msg = str(err.value)
    assert expected in msg
    assert "kolom" not in msg and "Input should" not in msg and " or " not in msg


def test_unknown_gemeente_suggests_the_codes_in_the_files(shared_data, tmp_path, capsys):
    project = tmp_path / "p.yaml"
    project.write_text(f"gemeente: {{code: GM0365}}\ncijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n",
                       encoding="utf-8")
    assert main(["analyse", str(project), "--uit", str(tmp_path / "o")]) != 0
    assert "de cijfers bevatten wel buurten van GM0363" in capsys.readouterr().err


def test_analyse_prints_missing_domains_trend_limits_and_the_reference_warning(shared_data, tmp_path, capsys):
    project = tmp_path / "ams.yaml"
    project.write_text(f"gemeente: {{code: GM0363}}\n"
                       f"cijfers: [{shared_data / 'amsterdam/kwb_2019_amsterdam_tidy.csv'}]\n"
                       "referentie: {kader: nationaal}\nurgentie: {trekkingen: 10}\n", encoding="utf-8")
    assert main(["analyse", str(project), "--uit", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "geen cijfers voor het domein veiligheid" in out  # Amsterdam 2019 has no crime figures
    assert "Er zijn cijfers over één jaar (2019)" in out
    assert "alleen buurten van één gemeente (GM0363)" in out


def test_counted_file_of_an_older_indeling_is_named_not_dropped_silently(shared_data, tmp_path, capsys):
    """Amsterdam recoded its buurten in 2022: the 2019 table matches none of the 2024 areas. `wijk analyse` warns
    naming the file, and `--jaar 2019` says why 2019 is missing instead of 'not in the data'."""
    old = shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"
    args = ["analyse", "--gemeente", "GM0363", "--buurten",
            str(shared_data / "amsterdam" / "buurten_amsterdam_gemeente.geojson"), "--cijfers", str(old),
            str(shared_data / DERIVED), "--uit", str(tmp_path / "out"), "--trekkingen", "0"]
    assert main(args + ["--jaar", "2019"]) == 101
    err = capsys.readouterr().err
    warning = next(line for line in err.splitlines() if line.startswith("wijk: waarschuwing:") and str(old) in line)
    assert "hoort bij een buurt of wijk van GM0363" in warning and "indeling veranderd" in warning
    assert "(2019) tellen daarom niet mee" in warning
    error = next(line for line in err.splitlines() if line.startswith("wijk analyse: fout in de invoer:"))
    assert str(old) in error and "jaar 2019 staat niet in de cijfers van de buurten van Amsterdam (wel: 2024)" in error
    assert "indeling veranderd" in error
    # without --jaar the analysis of 2024 runs, with the same warning
    assert main(args) == 0
    assert str(old) in capsys.readouterr().err


def test_population_export_alone_names_the_users_columns_not_an_internal_setting(shared_data, tmp_path, capsys):
    """A raw StatLine population export has only context figures: the error names the file and its own columns,
    never the internal setting 'indicators'."""
    raw = shared_data / "cbs" / "kwb_2024_bevolking_geslacht_leeftijd_statline.csv"
    assert main(["analyse", "--gemeente", "GM0088", "--cijfers", str(raw), "--uit", str(tmp_path / "o")]) == 101
    err = capsys.readouterr().err
    assert "'indicators'" not in err
    assert f"{raw}: geen indicator om te scoren" in err
    assert "kolom 'Bevolking/Aantal inwoners (aantal)'" in err
