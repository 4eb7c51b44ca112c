"""Interactive maps: class and legend per buurt, hatched suppressed buurten, escaping, offline HTML, layers."""

from __future__ import annotations

import html as html_lib
import re
import warnings

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from map_helpers import XSS_IMG, XSS_SCRIPT, geojson_payloads, legend_htmls, make_grid
from shapely.geometry import Point

from wijklib.errors import InputError
from wijklib.maps import (
    LAYERS,
    MISSING_LABEL,
    SUPPRESSED_LABEL,
    add_choropleth,
    base_map,
    classify,
    compare_maps,
    external_urls,
    focus_map,
    render_html,
    save_html,
)
from wijklib.maps.layers import HATCH_FILL
from wijklib.maps.offline import OfflineError, leaflet_assets


def _choropleth_page(grid, scores, **kw):
    cls = classify(scores["index"], "quantiles", k=4, title="Urgentie-index", basis="12 testbuurten")
    m = base_map(grid)
    add_choropleth(m, grid, scores, value="index", classification=cls, status="status", **kw)
    return m, cls, render_html(m)


def _features_by_code(html):
    out = {}
    for data in geojson_payloads(html).values():
        for f in data["features"]:
            if "code" in f["properties"]:
                out[f["properties"]["code"]] = f
    return out


def test_each_buurt_gets_the_colour_and_label_of_its_class(grid, grid_scores):
    m, cls, html = _choropleth_page(grid, grid_scores)
    feats = _features_by_code(html)
    assert len(feats) == len(grid)
    for code, row in grid_scores.iterrows():
        props = feats[code]["properties"]
        if row["status"] == "geheim":
            assert props["_fill"] == HATCH_FILL and props["klasse"] == SUPPRESSED_LABEL
        elif np.isnan(row["index"]):
            assert props["klasse"] == MISSING_LABEL and props["_fill"] != HATCH_FILL
        else:
            i = int(cls.assign([row["index"]])[0])
            assert props["_fill"] == cls.colors[i]
            assert html_lib.unescape(props["klasse"]) == cls.labels[i]  # escaped: shown with innerHTML
    # the style map in the page uses the same colours (folium turns _fill into a per-feature style)
    for colour in cls.colors:
        assert f'"fillColor": "{colour}"' in html
    assert f'"fillColor": "{HATCH_FILL}"' in html and 'id="wijklib-hatch"' in html


def test_tooltip_has_name_code_value_class_and_rank_interval(grid, grid_scores):
    _, cls, html = _choropleth_page(grid, grid_scores)
    code = grid_scores.index[5]
    props = _features_by_code(html)[code]["properties"]
    assert props["naam"] == "Buurt 5" and props["code"] == code
    assert html_lib.unescape(props["waarde"]) == cls.format(6.0)
    assert props["rang"] == "7 van 10 (onzekerheid 6–8)"
    assert '"Buurt", "Code", "Urgentie-index", "Klasse", "Rang"' in html  # aliases of the tooltip


def test_legend_lists_classes_and_suppressed_and_missing(grid, grid_scores):
    _, cls, html = _choropleth_page(grid, grid_scores)
    legends = legend_htmls(html)
    assert len(legends) == 1
    soup = BeautifulSoup(legends[0], "html.parser")
    labels = [row.get_text(strip=True) for row in soup.select(".wl-row")]
    assert labels == [*cls.labels, SUPPRESSED_LABEL, MISSING_LABEL]
    assert soup.select_one(".wl-row .wl-hatch") is not None
    assert "12 testbuurten" in soup.get_text()


def test_legend_follows_its_layer(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=3)
    m = base_map(grid)
    layer = add_choropleth(m, grid, grid_scores, value="index", classification=cls, show=False)
    html = render_html(m)
    assert f"var lyr = {layer.get_name()};" in html
    assert "map.on('overlayadd overlayremove', sync)" in html


@pytest.mark.parametrize("payload", [XSS_SCRIPT, XSS_IMG], ids=["script", "img-onerror"])
def test_user_text_cannot_inject_html_or_script(grid, grid_scores, payload):
    grid = grid.copy()
    grid.loc[0, "name"] = payload
    scores = grid_scores.assign(opmerking="")
    scores.iloc[3, scores.columns.get_loc("opmerking")] = payload
    m, _, html = _choropleth_page(grid, scores, tooltip_columns={"opmerking": "Opmerking"})
    assert payload not in html
    assert "GEHACKT" in html  # the text is there, but only escaped
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img")
    assert all("GEHACKT" not in (s.get("src") or "") for s in soup.find_all("script"))
    # every script element is one we expect (Leaflet, styles, the map code): none came from the data
    scripts = soup.find_all("script")
    assert all("<script>document" not in s.get_text() and "onerror=\"document" not in s.get_text() for s in scripts)
    feats = _features_by_code(html)
    assert feats[grid.loc[0, "area_code"]]["properties"]["naam"].startswith("&lt;")
    assert feats[grid_scores.index[3]]["properties"]["x0"].startswith("&lt;")


def test_offline_page_has_no_external_resources_and_inlines_leaflet(grid, grid_scores, tmp_path):
    m, _, _ = _choropleth_page(grid, grid_scores)
    path = save_html(m, tmp_path / "kaart.html", title="Testkaart")
    html = path.read_text(encoding="utf-8")
    assert external_urls(html) == []
    soup = BeautifulSoup(html, "html.parser")
    assert not [t for t in soup.find_all(["script", "img", "iframe"]) if t.get("src")]
    assert not [t for t in soup.find_all("link") if t.get("href")]
    js, css = leaflet_assets()
    assert 'version="1.9.4"' in js.replace("'", '"') or "1.9.4" in js
    assert "data:image/png;base64," in css and "url(images/" not in css
    assert soup.title.get_text() == "Testkaart" and soup.html.get("lang") == "nl"
    assert "L.tileLayer" not in html


def test_online_mode_keeps_tiles_and_cdn_links(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=3)
    m = base_map(grid, offline=False)
    add_choropleth(m, grid, grid_scores, value="index", classification=cls)
    html = render_html(m, offline=False)
    urls = external_urls(html)
    assert any("leaflet" in u for u in urls) and any("tile" in u or "{z}" in u for u in urls)


def test_offline_removes_tiles_with_a_warning_and_refuses_unknown_plugins(grid):
    m = folium.Map(tiles="OpenStreetMap")
    with pytest.warns(UserWarning, match="achtergrondkaart"):
        html = render_html(m)
    assert external_urls(html) == []
    from folium.plugins import MarkerCluster

    m2 = base_map(grid)
    MarkerCluster().add_to(m2)
    with pytest.raises(OfflineError, match="markercluster"):
        render_html(m2)


def _points():
    pts = gpd.GeoDataFrame({
        "categorie": ["drugsoverlast", "zwerfvuil", "groen_positief"], "ernst": [3, 1, 2],
        "datum": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03"]),
        "bijschrift": [XSS_IMG, "Vuil bij de container", "Nieuwe bomen"],
    }, geometry=[Point(120100, 485100), Point(120600, 485600), Point(121100, 486100)], crs="EPSG:28992")
    return pts


def test_focus_map_has_the_requested_layers_each_with_a_name(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Urgentie-index")
    codes = grid_scores.index
    clusters = pd.DataFrame({"area_code": codes[-3:], "cluster": [1, 1, 2]})
    types = pd.DataFrame({"urgency_type": ["acuut", "geen", "sluimerend"] * 4}, index=codes)
    stacking = pd.DataFrame({"n_domains_flagged": [0, 1, 2, 3, 4, 5] * 2}, index=codes)
    signals = pd.DataFrame({"buurtcode": [codes[0], codes[0], codes[4]], "thema": ["veiligheid", "jeugd", "wonen"],
                            "bronrol": ["wijkagent", "jongerenwerker", "woonconsulent"],
                            "tekst": [XSS_SCRIPT, "Hangjongeren bij het plein", "Veel verhuizingen"],
                            "datum": ["2024-01-02", "2024-02-03", "2024-03-04"]})
    locs = gpd.GeoDataFrame({"naam": ["Buurthuis <De Plek>"], "soort": ["buurthuis"]},
                            geometry=[Point(120800, 485800)], crs="EPSG:28992")
    m = focus_map(grid, grid_scores, classification=cls, status="status", clusters=clusters, types=types,
                  stacking=stacking, schouw=_points(), signals=signals, locations=locs,
                  location_category="soort", map_title="Testgemeente")
    html = render_html(m)
    control = re.search(r"base_layers\s*:\s*\{.*?\},\s*overlays\s*:\s*\{(.*?)\}", html, re.S)
    assert control
    names = re.findall(r'"([^"]+)"\s*:', control.group(1))
    assert names == ["Urgentie-index", "Urgentietype", "Stapeling (aantal domeinen)", "Wijkgrenzen",
                     "Gemeentegrens", "Focusgebieden", "Schouw", "Signalen", "Locaties"]
    assert XSS_SCRIPT not in html and XSS_IMG not in html and "<De Plek>" not in html
    assert "Focusgebied 1 (2 buurten)" in html and "Focusgebied 2" in html
    assert "Testgemeente" in html
    assert external_urls(html) == []
    # urgency type legend uses the fixed colour-blind-safe colours and hides 'geen'
    type_legend = [h for h in legend_htmls(html) if "Urgentietype" in h][0]
    assert "acuut" in type_legend and "sluimerend" in type_legend and "geen bijzondere" not in type_legend


def test_focus_map_only_draws_chosen_layers_and_rejects_unknown_ones(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4)
    m = focus_map(grid, grid_scores, classification=cls, layers=["urgentie"], schouw=_points())
    html = render_html(m)
    assert "Schouw" not in html and "Wijkgrenzen" not in html
    with pytest.raises(InputError, match="onbekende kaartlaag") as err:
        focus_map(grid, grid_scores, classification=cls, layers=["urgentie", "bomen"])
    assert all(name in str(err.value) for name in LAYERS)


def test_focus_map_without_classification_warns(grid, grid_scores):
    with pytest.warns(UserWarning, match="klassenindeling"):
        m = focus_map(grid, grid_scores, layers=["urgentie"])
    assert isinstance(m, folium.Map)


def test_compare_maps_share_one_classification_and_sync(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Index")
    later = grid_scores.assign(index=grid_scores["index"] + 3)
    fig = compare_maps(grid, {"2020": grid_scores, "2024": later}, value="index", classification=cls,
                       status="status")
    html = render_html(fig)
    maps = re.findall(r'L\.map\(\s*"(map_[0-9a-f]+)"', html)
    assert len(maps) == 2
    assert "o.setView(m.getCenter(), m.getZoom()" in html
    feats = [f for data in geojson_payloads(html).values() for f in data["features"] if "klasse" in f["properties"]]
    assert {f["properties"]["_fill"] for f in feats} - {HATCH_FILL} <= set(cls.colors) | {"#d9d9d9"}
    # one legend for both panels, the classes are the same
    assert len(legend_htmls(html)) == 1
    assert ">2020<" in html and ">2024<" in html
    assert external_urls(html) == []


def test_map_object_is_centred_on_the_areas(grid):
    m = base_map(grid)
    lat, lon = m.location
    assert 52.0 < lat < 52.6 and 4.6 < lon < 5.2
    assert any(isinstance(c, folium.map.FitBounds) for c in m._children.values())


def test_bad_input_errors(grid, grid_scores):
    m = base_map(grid)
    with pytest.raises(InputError, match="Classification"):
        add_choropleth(m, grid, grid_scores, value="index", classification={"bins": [1]})
    cls = classify(grid_scores["index"], "quantiles", k=3)
    with pytest.raises(InputError, match="inkomen"):
        add_choropleth(m, grid, grid_scores, value="inkomen", classification=cls)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        other = make_grid().to_crs("EPSG:4326")
    assert add_choropleth(base_map(other), other, grid_scores, value="index", classification=cls) is not None
