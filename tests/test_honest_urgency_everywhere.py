"""The honest urgency engine shown everywhere a user reads (issue 12 items 7-8, issue 18 item 1 integration):
aanleidingen from the project file, missing domains, trend note, special/small buurten, beleidskader, positive
urgency; a subset of indicators without safety."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from wijklib.analysis import area_flags, honest_notes, load_demo, run_analysis, save_results
from wijklib.project import DEMO_PROJECT, TEMPLATE_PROJECT, load_project, project_from_mapping

DEMO = DEMO_PROJECT.parent
MERELHOF = "BU99010201"
BEDRIJVENTERREIN = "BU99010401"
FAST = {"uncertainty": {"draws": 20}}


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _demo_mapping() -> dict:
    return yaml.safe_load(DEMO_PROJECT.read_text(encoding="utf-8"))


# -- 1. the aanleidingen log comes from the project file, not from a hack for the demo gemeente -------------------
def test_project_file_key_aanleidingen_gives_merelhof_meervoudig():
    project = load_project(DEMO_PROJECT)
    assert project.aanleidingen == (DEMO / "aanleidingen.csv").resolve()
    ws = project.load_werkset()
    assert ws.aanleidingen == project.aanleidingen and "aanleidingen" in ws.sources
    result = _quiet(project.run, ws, overrides=FAST)
    assert result.types.at[MERELHOF, "urgency_type"] == "meervoudig"


def test_without_the_key_the_demo_gemeente_gets_no_log():
    data = _demo_mapping()
    del data["aanleidingen"]
    project = project_from_mapping(data, base=DEMO)
    assert project.aanleidingen is None
    result = _quiet(project.run, overrides=FAST)
    # no political and administrative stream without the log: the hack in run_analysis is gone
    assert result.types.at[MERELHOF, "urgency_type"] != "meervoudig"
    assert not result.types["stream_political"].fillna(False).astype(bool).any()


def test_missing_aanleidingen_file_names_the_key(tmp_path):
    from wijklib.errors import InputError

    data = _demo_mapping()
    data["aanleidingen"] = "bestaat_niet.csv"
    with pytest.raises(InputError, match="aanleidingen"):
        project_from_mapping(data, base=DEMO)


def test_template_documents_aanleidingen_and_policy_norms():
    text = TEMPLATE_PROJECT.read_text(encoding="utf-8")
    assert "# aanleidingen: aanleidingen.csv" in text
    assert "policy_norms" in text and "beleidskader" in text


def test_demo_batch_uses_the_log_too(tmp_path):
    """The demo batch (not through the project file) names the log in its config, so batch and notebook agree."""
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    inputs = BatchInputs.demo()
    assert inputs.aanleidingen is not None and inputs.aanleidingen.name == "aanleidingen.csv"
    assert "aanleidingen" in inputs.data_files()
    prepared = _quiet(prepare_batch, inputs, tmp_path / "batch", areas=[MERELHOF, BEDRIJVENTERREIN, "BU99010105"])
    assert prepared.urgency.types.at[MERELHOF, "urgency_type"] == "meervoudig"
    # special buurt flagged with its reason in the rows of the index, positive urgency carried along
    assert "bedrijventerrein" in prepared.rows[BEDRIJVENTERREIN]["special_reason"]
    assert prepared.rows[MERELHOF]["special_reason"] == ""
    assert "bewonersinitiatief" in prepared.rows["BU99010105"]["positive_urgency"]
    bundle = json.loads((tmp_path / "batch" / "gebieden" / f"{BEDRIJVENTERREIN}.json").read_text(encoding="utf-8"))
    assert bundle["urgency"]["special_population"] is True
    assert bundle["urgency"]["small_population"] is True
    assert prepared.shared["urgency"]["trend_note"].startswith("Er zijn cijfers over 3 jaren")


# -- 2. missing domains, trend note, special buurten in the reports and the index ---------------------------------
def _without_safety_in_latest_year(tmp_path: Path) -> Path:
    wide = pd.read_csv(DEMO / "indicatoren.csv", dtype={"code": str})
    safety = [c for c in wide.columns if c.startswith(("misdrijven", "diefstal", "vernieling", "geweld"))]
    assert safety
    latest = wide["jaar"] == wide["jaar"].max()
    wide.loc[latest, safety] = float("nan")
    path = tmp_path / "indicatoren.csv"
    wide.to_csv(path, index=False)
    return path


def test_report_of_a_demo_buurt_states_the_missing_domain(tmp_path, monkeypatch):
    from wijklib.reports import BatchInputs
    from wijklib.reports import view
    from wijklib.reports.prepare import prepare_batch

    base = BatchInputs.demo()
    inputs = BatchInputs(areas=base.areas, indicators=(_without_safety_in_latest_year(tmp_path),),
                         wijken=base.wijken, gemeente=base.gemeente, urgency_config=base.urgency_config,
                         aanleidingen=base.aanleidingen)
    prepared = _quiet(prepare_batch, inputs, tmp_path / "batch", areas=[MERELHOF, BEDRIJVENTERREIN])
    text = prepared.shared["urgency"]["missing_domains_text"]
    assert "geen cijfers voor het domein veiligheid" in text.lower() and "verdeeld" in text

    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    for code in (MERELHOF, BEDRIJVENTERREIN):
        shown.clear()
        report = view.load_report(code, tmp_path / "batch")
        report.header()
        report.summary()
        report.trends()
        page = "".join(shown)
        assert "Ontbrekend domein" in page and "geen cijfers voor het domein veiligheid" in page.lower()
        assert "Trends." in page
        assert page.count("Er zijn cijfers over 3 jaren") == 2  # summary and the trend section
    # the header and summary of the special buurt give the reason; Merelhof has none
    assert "bijzondere bevolking: de naam wijst op een bijzonder gebied" in page
    assert "Weinig inwoners." in page


def test_index_lists_a_special_buurts_reason_and_the_missing_domain(tmp_path):
    from wijklib.reports.manifest import write_index

    manifest = {"areas": {
        "BU1": {"code": "BU1", "name": "Sportpark <Noord>", "status": "ok", "rank": 1.0, "index": 1.2,
                "urgency_type": "beleidskader", "policy_deviation": "bijstand 80 per 1.000 boven de norm 50",
                "special_reason": "sportpark in de naam & weinig huishoudens", "small_population": True,
                "in_last_run": True, "settings_hash": "a", "rank_lo": None, "rank_hi": None, "class": None},
        "BU2": {"code": "BU2", "name": "Centrum", "status": "ok", "rank": 2.0, "index": 0.5,
                "urgency_type": "geen", "positive_urgency": "bewonersinitiatief: moestuin", "special_reason": "",
                "small_population": False, "in_last_run": True, "settings_hash": "a", "rank_lo": None, "rank_hi": None, "class": None}},
        "gemeenten": {"GM0001": "Testgemeente"}, "period": 2019, "wijklib_version": "0", "template": "t",
        "template_hash": "h",
        "last_run": {"finished_utc": "2026-01-01", "seconds": 1.0, "workers": 1, "backend": "local", "made": 2},
        "urgency_notes": {"missing_domains_text": "In 2019 zijn er geen cijfers voor het domein Veiligheid.",
                          "trend_note": "Er zijn cijfers over 1 jaar (2019)."}}
    html = write_index(tmp_path, manifest).read_text(encoding="utf-8")
    assert "bijzondere bevolking: sportpark in de naam &amp; weinig huishoudens" in html
    assert "Sportpark &lt;Noord&gt;" in html
    assert html.count("weinig inwoners: rang onzeker") == 1
    assert "geen cijfers voor het domein Veiligheid" in html and "Er zijn cijfers over 1 jaar" in html
    assert "beleidskader (lokale norm)" in html and "boven de norm 50" in html
    assert "positieve urgentie: bewonersinitiatief: moestuin" in html


def test_area_flags_and_notes_for_every_list():
    result = _quiet(load_project(DEMO_PROJECT).run, overrides=FAST)
    flags = area_flags(result)
    assert flags.index.equals(result.scores.index)
    assert flags[BEDRIJVENTERREIN].startswith("bijzondere bevolking: ")
    assert "weinig inwoners" in flags[BEDRIJVENTERREIN] and "keuze van wijklib" in flags[BEDRIJVENTERREIN]
    assert flags[MERELHOF] == ""
    assert "**Trends.**" in honest_notes(result)


def test_scores_csv_and_wijk_analyse_summary(tmp_path, capsys):
    from wijklib.cli import main

    status = main(["analyse", str(DEMO_PROJECT), "--uit", str(tmp_path / "uit"), "--trekkingen", "20"])
    assert status == 0
    out = capsys.readouterr().out
    assert "Bijzondere bevolking (2 buurt(en)" in out and "Bedrijventerrein De Zwaan" in out
    assert "Verspreide huizen Waardpolder" in out
    assert "Weinig inwoners: 4 buurt(en)" in out
    assert "Trends: " in out and "Positieve urgentie" in out
    scores = pd.read_csv(tmp_path / "uit" / "scores.csv", dtype={"area_code": str}).set_index("area_code")
    for col in ("population", "small_population", "special_population", "special_reason", "urgency_type",
                "positive_urgency"):
        assert col in scores.columns
    assert scores.at[MERELHOF, "urgency_type"] == "meervoudig"


def test_beleidskader_from_the_engine_is_accepted_by_matching_and_the_map(tmp_path):
    from wijklib.maps.classify import URGENCY_TYPE_COLORS, URGENCY_TYPE_LABELS
    from wijklib.readiness import urgency_from_analysis

    ws = load_demo()
    norm = {"types": {"policy_norms": {"huishoudens_laag_inkomen_pct": {"norm": 1.0, "source": "Testnota, p. 1"}}}}
    result = _quiet(run_analysis, ws, overrides={**FAST, **norm})
    policy = result.types[result.types["urgency_type"] == "beleidskader"]
    assert len(policy), "a norm every buurt exceeds gives beleidskader where no other type applies"
    save_results(result, tmp_path)
    code = policy.index[0]
    key, _, why = urgency_from_analysis(tmp_path, code)
    assert key == "beleidskader" and "urgentie door een beleidskader" in why
    assert URGENCY_TYPE_COLORS["beleidskader"] not in {v for k, v in URGENCY_TYPE_COLORS.items() if k != "beleidskader"}
    assert "norm" in URGENCY_TYPE_LABELS["beleidskader"]


# -- 3. a subset of indicators without safety --------------------------------------------------------------------
def test_indicator_subset_without_safety_runs_and_reports_the_dropped_told_themes():
    ws = load_demo()
    assert ws.survey is not None  # the demo has told data on 'veiligheid'
    subset = ["huishoudens_laag_inkomen_pct", "bijstand_per_1000", "woz_waarde", "goed_ervaren_gezondheid_pct"]
    result = _quiet(run_analysis, ws, indicators=subset, overrides=FAST)
    assert result.scores["index"].notna().sum() > 20
    assert "veiligheid" not in result.config.told.theme_domains
    div = result.divergence
    safety = div[div["theme"] == "veiligheid"]
    assert len(safety) and set(safety["signal"]) == {"niet_vergelijkbaar"}  # kept as told, not set beside figures
    msg = result.diagnostics[result.diagnostics["code"] == "verteld_thema_zonder_domein"]["message"]
    assert len(msg) == 1 and "veiligheid" in msg.iloc[0]


def test_an_explicit_told_mapping_to_an_unscored_domain_is_still_an_error():
    from wijklib.errors import InputError

    ws = load_demo()
    with pytest.raises(InputError, match="onbekend domein"):
        _quiet(run_analysis, ws, indicators=["bijstand_per_1000", "woz_waarde"],
               overrides={**FAST, "told": {"theme_domains": {"veiligheid": "bestaat_niet"}}})


# -- 4. README -----------------------------------------------------------------------------------------------------
def test_readme_explains_exit_codes_and_small_buurten():
    from wijklib.cli import EXIT_ENVIRONMENT, EXIT_INPUT_ERROR, EXIT_USAGE, MAX_FAILURE_STATUS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for code in (EXIT_INPUT_ERROR, EXIT_USAGE, EXIT_ENVIRONMENT, MAX_FAILURE_STATUS):
        assert f"`{code}`" in readme
    assert "wijklib/urgency/METHOD.md" in readme and "min_inwoners" in readme
    assert "keuze van wijklib" in readme[readme.index("METHOD.md") - 1500:readme.index("METHOD.md") + 200]
