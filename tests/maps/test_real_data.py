"""Maps on the demo gemeente (counted data with suppressed values) and on the real Amsterdam 2019 buurten."""

from __future__ import annotations

import warnings

import pytest
from map_helpers import DEMO, geojson_payloads

from wijklib.maps import SUPPRESSED_LABEL, classify, external_urls, focus_map, save_html


def _features(html):
    return [f for d in geojson_payloads(html).values() for f in d["features"] if "klasse" in f["properties"]]


def test_demo_indicator_map_hatches_suppressed_buurten(demo_buurten, tmp_path):
    from wijklib import told
    from wijklib.counted import read_wide_table

    tidy = read_wide_table(DEMO / "indicatoren.csv")
    sel = tidy[(tidy["indicator"] == "huishoudens_laag_inkomen_pct") & (tidy["period"] == 2024)
               & tidy["area_code"].str.startswith("BU")].set_index("area_code")
    suppressed = set(sel.index[sel["status"] == "geheim"])
    assert suppressed, "de demodata horen geheime buurten te hebben"
    cls = classify(sel["value"], "natural_breaks", k=5, title="Huishoudens met laag inkomen", unit="%",
                   basis="30 buurten van Lindewaard, 2024")
    schouw = told.read_schouw(DEMO / "schouw.geojson", buurten=demo_buurten)
    signals = told.read_signals(DEMO / "signalen.csv")
    m = focus_map(demo_buurten, sel, value="value", classification=cls, status="status", schouw=schouw,
                  signals=signals)
    path = save_html(m, tmp_path / "demo.html")
    html = path.read_text(encoding="utf-8")
    feats = _features(html)
    assert len(feats) == 30
    hatched = {f["properties"]["code"] for f in feats if f["properties"]["klasse"] == SUPPRESSED_LABEL}
    assert hatched == suppressed
    assert external_urls(html) == []
    assert "Centrum" in html and "Zuiderveld" in html  # wijk labels from the wijknaam column


def test_amsterdam_2019_all_buurten(shared_data, tmp_path):
    from wijklib.counted import read_wide_table
    from wijklib.geo import load_areas

    gpkg = shared_data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg"
    table = shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"
    if not gpkg.exists() or not table.exists():
        pytest.skip("Amsterdamse bestanden van 2019 ontbreken in de gedeelde data")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        areas = load_areas(gpkg, level="buurt", gemeente="GM0363")
    tidy = read_wide_table(table)
    sel = tidy[(tidy["indicator"] == "huishoudens_laag_inkomen_pct")
               & tidy["area_code"].str.startswith("BU")].set_index("area_code")
    cls = classify(sel["value"], "quantiles", k=5, title="Huishoudens met laag inkomen", unit="%",
                   basis="alle buurten van Amsterdam, 2019")
    m = focus_map(areas, sel, value="value", classification=cls, status="status", layers=["urgentie", "wijken"])
    path = save_html(m, tmp_path / "amsterdam.html")
    html = path.read_text(encoding="utf-8")
    feats = _features(html)
    assert len(feats) == len(areas) == 479
    coloured = [f for f in feats if f["properties"]["_fill"] in cls.colors]
    assert len(coloured) == int(sel["value"].notna().sum())
    assert path.stat().st_size < 3_000_000  # simplified, rounded, only the needed columns
    assert external_urls(html) == []
