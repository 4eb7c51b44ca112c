"""The buurten of the figures decide the buurt list, not the boundary file (analyst review, real gemeente).

Synthetic: the demo gemeente with one polygon removed (a buurt with figures but no shape) and the figures of
another buurt removed (a polygon without figures), as with 2019 boundaries next to 2024 tables.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from wijklib.errors import InputWarning

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
NO_POLYGON = "BU99010201"  # has figures, polygon removed
NO_FIGURES = "BU99010402"  # has a polygon, figures removed


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("grenzen")
    gj = json.loads((DEMO / "buurten.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"] for f in gj["features"]]
    key = next(k for k in codes[0] if any(str(v) == NO_POLYGON for v in (p.get(k) for p in codes)))
    gj["features"] = [f for f in gj["features"] if f["properties"][key] != NO_POLYGON]
    (folder / "buurten.geojson").write_text(json.dumps(gj), encoding="utf-8")
    tab = pd.read_csv(DEMO / "indicatoren.csv", dtype={"code": str})
    tab[tab["code"] != NO_FIGURES].to_csv(folder / "indicatoren.csv", index=False)
    path = folder / "project.yaml"
    path.write_text("versie: 1\nfictief: true\ngemeente: {code: GM9901}\ncijfers: [indicatoren.csv]\n"
                    "buurten: buurten.geojson\nurgentie: {k: 5, trekkingen: 10}\nuitvoer: uit\n", encoding="utf-8")
    return path


def test_werkset_takes_the_buurten_of_the_figures_and_warns(project):
    from wijklib.analysis import load_gemeente

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ws = load_gemeente(project.parent / "buurten.geojson", [project.parent / "indicatoren.csv"],
                           gemeente="GM9901")
    codes = list(ws.buurten["area_code"])
    assert NO_POLYGON in codes and NO_FIGURES not in codes
    assert ws.buurten.set_index("area_code").geometry[NO_POLYGON] is None
    assert ws.buurten.set_index("area_code").loc[NO_POLYGON, "wijk_code"] == "WK990102"
    msgs = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    msg = next(m for m in msgs if "grenzenbestand" in m)
    assert "buurten.geojson" in msg and NO_POLYGON in msg and NO_FIGURES in msg
    assert "1 buurt(en) met cijfers" in msg and "jaar van de buurtindeling" in msg


def test_analyse_scores_buurt_without_polygon_and_not_polygon_without_figures(project, tmp_path, capsys):
    from wijklib.cli import main

    out = tmp_path / "uit"
    assert main(["analyse", str(project), "--uit", str(out)]) == 0
    err = capsys.readouterr().err
    assert "wijk: waarschuwing:" in err and "grenzenbestand" in err and NO_POLYGON in err
    scores = pd.read_csv(out / "scores.csv", dtype={"area_code": str})
    assert NO_POLYGON in set(scores["area_code"])
    assert NO_FIGURES not in set(scores["area_code"])
    assert scores.loc[scores["area_code"] == NO_POLYGON, "index"].notna().all()


def test_reports_follow_the_figures_and_say_why_a_buurt_has_no_map(project, tmp_path):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        prep = prepare_batch(BatchInputs.from_project(project), tmp_path / "b")
    made = {p.stem for p in (tmp_path / "b" / "gebieden").glob("BU*.json")}
    assert NO_POLYGON in made and NO_FIGURES not in made
    shared = json.loads((tmp_path / "b" / "batch.json").read_text(encoding="utf-8"))
    assert not any("Geen telcijfers" in n for n in shared.get("notes", []))
    bundle = json.loads(prep.bundle_path(NO_POLYGON).read_text(encoding="utf-8"))
    assert bundle["urgency"] is not None and bundle["has_counted"]
    shown = _render(bundle, shared, tmp_path / "b", "map")
    assert "Geen kaart" in shown and "grenzenbestand" in shown


def _render(bundle: dict, shared: dict, batch_dir: Path, section: str) -> str:
    from unittest import mock

    from wijklib.reports import view

    out: list[str] = []
    with mock.patch.object(view, "_show", out.append):
        getattr(view.AreaReport(bundle, shared, batch_dir, {}), section)()
    return "".join(out)


def test_a_buurt_without_figures_is_not_told_the_batch_has_no_analysis(project, tmp_path):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        prep = prepare_batch(BatchInputs.from_project(project), tmp_path / "b", areas=[NO_POLYGON])
    shared = json.loads((tmp_path / "b" / "batch.json").read_text(encoding="utf-8"))
    bundle = json.loads(prep.bundle_path(NO_POLYGON).read_text(encoding="utf-8"))
    bundle.update(urgency=None, has_counted=False)  # as for a selected buurt without figures (batch with a config)
    text = _render(bundle, shared, tmp_path / "b", "summary")
    assert "geen cijfers voor deze buurt" in text
    assert "geen urgentieanalyse voor deze batch" not in text
    assert "er zijn geen cijfers voor deze buurt" in _render(bundle, shared, tmp_path / "b", "urgency_type")


def test_report_gives_the_small_reference_as_the_reason(project, tmp_path):
    """Vlieland: the report says the reference is too small, not that the buurt has too few reliable figures."""
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        prep = prepare_batch(BatchInputs.from_project(project), tmp_path / "b", areas=[NO_POLYGON])
    shared = json.loads((tmp_path / "b" / "batch.json").read_text(encoding="utf-8"))
    bundle = json.loads(prep.bundle_path(NO_POLYGON).read_text(encoding="utf-8"))
    # a buurt with enough figures whose index failed on the reference (engine status 'te kleine referentie')
    bundle["urgency"].update(index=None, status="te kleine referentie")
    for section in ("summary", "urgency"):
        text = _render(bundle, shared, tmp_path / "b", section)
        assert "referentie is te klein" in text and "te weinig betrouwbare cijfers" not in text
    # a batch without an analysis because the gemeente has fewer than 3 buurten with figures
    no_urg = dict(shared, urgency={"available": False, "reason": "de referentie is te klein: 2 buurt(en)"})
    bundle["urgency"] = None
    for section in ("summary", "urgency", "urgency_type"):
        text = _render(bundle, no_urg, tmp_path / "b", section)
        assert "de referentie is te klein: 2 buurt(en)" in text
        assert "geen urgentieanalyse voor deze batch" not in text


def test_wijk_names_that_start_with_wijk_are_not_prefixed_again():
    from wijklib.reports.prepare import _scope_name
    from wijklib.reports.view import _TREND_RULE, in_wijk

    assert in_wijk("Wijk 98 Verspreide bebouwing") == "Wijk 98 Verspreide bebouwing"
    assert in_wijk("Centrum") == "wijk Centrum"
    assert _scope_name("WK050598", "x", {"WK050598": "Wijk 98 Verspreide bebouwing"}, {}) \
        == "Wijk 98 Verspreide bebouwing"
    assert _scope_name("WK050501", "x", {"WK050501": "Binnenstad"}, {}) == "wijk Binnenstad"
    assert "de mediaan van alle hellingen" in _TREND_RULE


def test_maps_leave_out_a_buurt_without_polygon(project):
    import matplotlib

    matplotlib.use("Agg")
    from wijklib import maps
    from wijklib.maps.prepare import simplify_areas
    from wijklib.project import load_project

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        ws = load_project(project).load_werkset()
    buurten = maps.with_names(ws.buurten, ws.names)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fallback warning ('geen nette bedekking') because of the empty shape
        web = simplify_areas(buurten)
    assert NO_POLYGON not in set(web["area_code"]) and len(web) == len(buurten) - 1
    scores = pd.DataFrame({"index": range(len(buurten))}, index=pd.Index(buurten["area_code"], name="area_code"))
    classes = maps.classify(scores["index"], "quantiles", 5, title="t", unit="")
    fig = maps.static_map(buurten, scores, value="index", classification=classes, title="t", source="s",
                          area_labels="all")
    assert fig is not None
