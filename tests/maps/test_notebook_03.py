"""The map notebook on the demo gemeente: with and without a focus file, urgency index and an indicator."""

from __future__ import annotations

import json
import warnings

import pytest
from map_helpers import DEMO

from wijklib.maps import Classification, external_urls
from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

NOTEBOOK = NOTEBOOK_DIR / "03_kaart_focusgebieden.ipynb"

pytestmark = pytest.mark.skipif(not (DEMO / "buurten.geojson").exists(), reason="demodata ontbreken")


def _text(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error", o.get("evalue")
            out.append("".join(o.get("text", "")))
            out.append("".join(o.get("data", {}).get("text/plain", "")))
    return "\n".join(out)


def test_urgency_map_with_a_focus_file(tmp_path):
    focus = tmp_path / "focus.csv"
    focus.write_text("area_code,cluster\nBU99010201,1\nBU99010202,1\nBU99010302,2\n", encoding="utf-8")
    out = tmp_path / "uit"
    paths = run_notebook(NOTEBOOK, tmp_path / "nb", {"uitvoermap": str(out), "focus_bestand": str(focus),
                                                     "urgentiemap": str(tmp_path / "leeg")}, html=False)
    text = _text(paths["notebook"])
    assert "focusgebieden: focus.csv" in text and "opent zonder internet" in text
    html = (out / "kaart_focusgebieden.html").read_text(encoding="utf-8")
    assert external_urls(html) == []
    assert "Focusgebied 1 (2 buurten)" in html and "Focusgebied 2" in html
    for name in ("kaart_focusgebieden.png", "kaart_vergelijking.png", "kaart_vergelijking.html"):
        assert (out / name).stat().st_size > 10_000
    classes = Classification.from_json(out / "klassen.json")
    assert classes.title == "Urgentie-index" and classes.k == 5


def test_indicator_map_reuses_a_saved_classification_and_works_without_focus(tmp_path):
    saved = tmp_path / "klassen.json"
    Classification(bins=(5.0, 10.0, 15.0, 100.0), colors=("#fee5d9", "#fcae91", "#fb6a4a", "#cb181d"),
                   labels=("≤ 5", "5 – 10", "10 – 15", "> 15"), title="Laag inkomen", unit="%").to_json(saved)
    out = tmp_path / "uit"
    paths = run_notebook(NOTEBOOK, tmp_path / "nb", {
        "uitvoermap": str(out), "kaartwaarde": "huishoudens_laag_inkomen_pct", "klassen_bestand": str(saved),
        "lagen": ["urgentie", "wijken", "schouw"], "jaar": 2022, "urgentiemap": str(tmp_path / "leeg")}, html=False)
    text = _text(paths["notebook"])
    assert "focusgebieden: geen" in text
    assert Classification.from_json(out / "klassen.json") == Classification.from_json(saved)
    html = (out / "kaart_focusgebieden.html").read_text(encoding="utf-8")
    assert "#cb181d" in html and "Focusgebied" not in html and "Signalen" not in html


def test_parameters_parse_for_papermill():
    """Every parameter is seen by papermill (a second '=' in a comment used to hide ``jaar``)."""
    import ast

    import papermill

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
    assigned = [n.targets[0].id for n in ast.parse("".join(cell["source"])).body]
    assert list(papermill.inspect_notebook(str(NOTEBOOK))) == assigned
    assert "jaar" in assigned and "aantal_focusbuurten" in assigned


def test_default_run_shows_the_focus_areas_of_notebook_01(tmp_path):
    """Without a focus file the map uses focusgebieden.csv of notebook 01 and shows names, ranks, robustness."""
    from wijklib.analysis import load_demo, run_analysis, save_results

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(load_demo())  # notebook 01's defaults: k from the configuration (5)
    save_results(result, tmp_path / "urgentie")
    expected = result.focus
    out = tmp_path / "uit"
    paths = run_notebook(NOTEBOOK, tmp_path / "nb", {"uitvoermap": str(out), "urgentiemap": str(tmp_path / "urgentie"),
                                                     "lagen": ["urgentie", "focusgebieden", "wijken"]}, html=False)
    text = _text(paths["notebook"])
    assert "focusgebieden: uit het urgentienotebook (01)" in text
    assert "30 indicatoren (plus 12 basistellingen" in text
    assert all(name in text for name in expected["name"])  # whole names, one row per buurt
    assert "rang (onzekerheid)" in text and all(r in text for r in expected["robustness"])
    html = (out / "kaart_focusgebieden.html").read_text(encoding="utf-8")
    n_clusters = expected["cluster"].nunique()
    assert all(f"Focusgebied {c}" in html for c in range(1, n_clusters + 1))
    assert f"Focusgebied {n_clusters + 1}" not in html
    assert "Domeinscore (klassen gedeeld door de 7 domeinpanelen" in (out / "kaart_vergelijking.html").read_text(
        encoding="utf-8")
