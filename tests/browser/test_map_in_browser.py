"""Open saved maps in headless Chromium, offline: no errors, polygons drawn, tooltips, no injected script."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
sys.path.insert(0, str(ROOT / "tests" / "maps"))

from map_helpers import XSS_IMG, XSS_SCRIPT, make_grid  # noqa: E402

from wijklib.maps import classify, compare_maps, focus_map, save_html  # noqa: E402

_SCREEN_POINT = """
(code) => {
  const key = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].eachLayer);
  const map = window[key];
  let found = null;
  map.eachLayer(l => {
    if (!found && l.feature && l.feature.properties && l.feature.properties.code === code && l.getCenter) {
      found = l;
    }
  });
  if (!found) { return null; }
  const p = map.latLngToContainerPoint(found.getCenter());
  const r = map.getContainer().getBoundingClientRect();
  return {x: r.left + p.x, y: r.top + p.y};
}
"""


def _demo_inputs():
    """Demo buurten with an indicator (suppressed buurten included); the synthetic grid when demo data are absent."""
    if (DEMO / "buurten.geojson").exists():
        from wijklib import told
        from wijklib.counted import read_wide_table
        from wijklib.geo import load_areas

        areas = load_areas(DEMO / "buurten.geojson", level="buurt", keep_columns=["wijknaam"])
        tidy = read_wide_table(DEMO / "indicatoren.csv")
        data = tidy[(tidy["indicator"] == "huishoudens_laag_inkomen_pct") & (tidy["period"] == 2024)
                    & tidy["area_code"].str.startswith("BU")].set_index("area_code")
        schouw = told.read_schouw(DEMO / "schouw.geojson", buurten=areas)
        return areas, data, schouw
    areas = make_grid()
    data = pd.DataFrame({"value": range(len(areas)), "status": "waarde"},
                        index=areas["area_code"]).astype({"value": float})
    return areas, data, None


def test_offline_focus_map_renders_with_tooltips_and_no_network(probe, tmp_path):
    areas, data, schouw = _demo_inputs()
    areas = areas.copy()
    target = areas["area_code"].iloc[6]
    areas.loc[6, "name"] = "Buurt " + XSS_IMG + XSS_SCRIPT
    cls = classify(data["value"], "quantiles", k=5, title="Laag inkomen", unit="%")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = focus_map(areas, data, value="value", classification=cls, status="status", schouw=schouw,
                      map_title="Browsertest")
    path = save_html(m, tmp_path / "kaart.html")
    page = probe.open(path)
    n_paths = page.locator("path.leaflet-interactive").count()
    assert n_paths >= len(areas)
    if schouw is not None:  # schouw starts switched off; switched on its points lie above the buurten
        schouw_box = page.locator(".leaflet-control-layers label", has_text="Schouw").locator("input")
        assert not schouw_box.is_checked()
        assert not page.locator(".wijklib-legend", has_text="Schouw").is_visible()
        schouw_box.check()
        assert page.locator(".wijklib-legend", has_text="Schouw").is_visible()
        assert page.locator(".leaflet-wijklibPunten-pane path.leaflet-interactive").count() == len(schouw)
        schouw_box.uncheck()
        assert page.locator(".leaflet-wijklibPunten-pane path.leaflet-interactive").count() == 0
    pt = page.evaluate(_SCREEN_POINT, target)
    assert pt is not None
    page.mouse.move(pt["x"], pt["y"])
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.first.wait_for(state="visible", timeout=5000)
    text = tooltip.first.inner_text()
    assert target in text and "Klasse" in text
    assert "<img" in text and "<script>" in text  # shown as text, not executed
    assert page.title() != "GEHACKT"
    assert page.locator(".leaflet-tooltip img").count() == 0
    legend = page.locator(".wijklib-legend", has_text="Laag inkomen")
    assert legend.is_visible()
    shot = probe.screenshot("focuskaart_offline.png")
    assert shot.stat().st_size > 10_000
    # switching the layer off hides its legend too
    page.locator(".leaflet-control-layers label", has_text="Laag inkomen").locator("input").uncheck()
    assert not legend.is_visible()
    assert probe.errors == []
    assert probe.blocked == []


def test_side_by_side_maps_render_and_follow_each_other(probe, tmp_path):
    areas = make_grid()
    codes = areas["area_code"]
    a = pd.DataFrame({"v": range(12)}, index=codes).astype(float)
    b = a * 1.5
    cls = classify(a["v"], "quantiles", k=4, title="Waarde")
    fig = compare_maps(areas, {"2020": a, "2024": b}, value="v", classification=cls)
    path = save_html(fig, tmp_path / "vergelijk.html")
    page = probe.open(path)
    assert page.locator(".folium-map").count() == 2
    assert page.locator("path.leaflet-interactive").count() >= 2 * len(areas)
    zooms = page.evaluate("""() => Object.keys(window).filter(k => k.startsWith('map_') && window[k].getZoom)
                                  .map(k => window[k])""" + ".map(m => m.getZoom())")
    assert len(set(zooms)) == 1
    page.evaluate("""() => { const ms = Object.keys(window).filter(k => k.startsWith('map_') && window[k].getZoom)
                             .map(k => window[k]); ms[0].setZoom(ms[0].getZoom() + 1, {animate: false}); }""")
    page.wait_for_timeout(300)
    zooms2 = page.evaluate("""() => Object.keys(window).filter(k => k.startsWith('map_') && window[k].getZoom)
                                   .map(k => window[k].getZoom())""")
    assert len(set(zooms2)) == 1 and zooms2[0] == zooms[0] + 1
    probe.screenshot("naast_elkaar.png")
    assert probe.errors == [] and probe.blocked == []


@pytest.mark.parametrize("offline", [False], ids=["online"])
def test_online_map_tries_to_load_cdn_and_tiles(probe, tmp_path, offline):
    """Control for the offline test: the blocker does see requests when a page needs the network."""
    areas = make_grid()
    data = pd.DataFrame({"v": range(12)}, index=areas["area_code"]).astype(float)
    cls = classify(data["v"], "quantiles", k=3)
    m = focus_map(areas, data, value="v", classification=cls, offline=offline, layers=["urgentie"])
    path = save_html(m, tmp_path / "online.html", offline=offline)
    probe.page.goto(path.resolve().as_uri())
    probe.page.wait_for_timeout(500)
    assert any("leaflet" in u for u in probe.blocked)
