"""What a new-user review of the map notebook asked for: same focus areas as notebook 01, one status rule on every
map, all domains with focus outlines, buurt names on the PNG, readable layers in the interactive map."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from map_helpers import geojson_payloads, legend_htmls  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from wijklib.errors import InputError  # noqa: E402
from wijklib.maps import (  # noqa: E402
    SCHOUW_GROUP_COLORS,
    SUPPRESSED_LABEL,
    classify,
    compare_maps,
    focus_map,
    focus_table,
    load_urgency_focus,
    render_html,
    score_status,
    small_multiples,
    static_map,
    suppressed_areas,
)
from wijklib.focus_file import read_focus_file  # noqa: E402
from wijklib.maps.layers import HATCH_FILL, POINT_PANE  # noqa: E402
from wijklib.maps.prepare import boundary_lines  # noqa: E402


# -- focus areas of notebook 01 ---------------------------------------------------------------------------------
def _urgency_focus_csv(path, codes):
    """A file in the format notebook 01 writes (save_results), with names, ranks and robustness."""
    rows = pd.DataFrame({"area_code": codes, "name": [f"Naam {i}" for i in range(len(codes))],
                         "rank": [2.0, 1.0, 3.0][: len(codes)], "index": [0.8, 1.2, 0.5][: len(codes)],
                         "cluster": [1, 1, 2][: len(codes)], "rank_lo": [1.0, 1.0, 2.0][: len(codes)],
                         "rank_hi": [3.0, 1.0, 5.0][: len(codes)],
                         "robustness": ["robuust in", "robuust in", "grensgeval"][: len(codes)], "decision": ""})
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.to_csv(path, index=False)
    return path


def test_read_focus_file_keeps_names_ranks_and_robustness(tmp_path, grid):
    codes = grid["area_code"].tolist()[:3]
    focus = read_focus_file(_urgency_focus_csv(tmp_path / "focusgebieden.csv", codes))
    assert list(focus.columns[:3]) == ["area_code", "cluster", "cluster_naam"]
    assert focus["rank"].tolist() == [2.0, 1.0, 3.0] and focus["robustness"].iloc[2] == "grensgeval"
    assert focus["name"].tolist() == ["Naam 0", "Naam 1", "Naam 2"]


def test_load_urgency_focus_uses_the_file_only_for_the_same_gemeente(tmp_path, grid):
    folder = tmp_path / "urgentie"
    focus, message = load_urgency_focus(folder, grid)
    assert focus is None and "geen focusgebieden.csv" in message
    _urgency_focus_csv(folder / "focusgebieden.csv", grid["area_code"].tolist()[:3])
    focus, message = load_urgency_focus(folder, grid)
    assert len(focus) == 3 and "urgentienotebook (01)" in message and "focusgebieden.csv" in message
    _urgency_focus_csv(folder / "focusgebieden.csv", ["BU03630000", "BU03630001"])  # Amsterdam codes
    focus, message = load_urgency_focus(folder, grid)
    assert focus is None and "horen niet bij deze gemeente" in message and "BU03630000" in message


def test_focus_table_shows_full_names_ranks_and_robustness(grid):
    codes = grid["area_code"].tolist()
    long_name = "Verspreide huizen Waardpolder-Noordoost"
    focus = pd.DataFrame({"area_code": [codes[4], codes[5], codes[0]], "cluster": ["2", "1", "1"]})
    ranks = pd.DataFrame({"rank": [1.0, 3.0, 2.0], "rank_lo": [1.0, 2.0, 1.0], "rank_hi": [1.0, 5.0, 3.0],
                          "robustness": ["robuust in", "grensgeval", "robuust in"]}, index=[codes[5], codes[4],
                                                                                         codes[0]])
    table = focus_table(focus, names={codes[4]: long_name}, ranks=ranks)
    assert table.columns.tolist() == ["focusgebied", "buurt", "buurtcode", "rang", "rang (onzekerheid)",
                                      "robuustheid"]
    assert table["focusgebied"].tolist() == ["1", "1", "2"]  # sorted by focus area, then rank
    assert table["rang"].tolist() == ["1", "2", "3"]
    assert table.loc[2, "buurt"] == long_name  # the whole name, not cut off
    assert table.loc[2, "rang (onzekerheid)"] == "2–5" and table.loc[2, "robuustheid"] == "grensgeval"
    assert table.loc[0, "buurt"] == codes[5]  # no name known: the code
    with pytest.raises(InputError, match="cluster"):
        focus_table(pd.DataFrame({"area_code": codes[:1]}))


# -- one status rule on every map -------------------------------------------------------------------------------
def test_domain_status_is_hatched_only_where_that_domains_figures_are_suppressed():
    counted = pd.DataFrame({
        "area_code": ["a", "a", "b", "b", "c", "c"],
        "indicator": ["bijstand", "geweld", "bijstand", "geweld", "bijstand", "geweld"],
        "period": 2024, "status": ["waarde", "waarde", "geheim", "waarde", "waarde", "ontbreekt"]})
    assert suppressed_areas(counted, ["bijstand"]).to_dict() == {"a": False, "b": True, "c": False}
    assert suppressed_areas(counted, ["geweld"]).to_dict() == {"a": False, "b": False, "c": False}
    assert not suppressed_areas(counted, ["bijstand"], period=2022).any()
    scores = pd.DataFrame({"domain_inkomen": [0.2, np.nan, np.nan], "domain_veiligheid": [0.1, 0.3, np.nan],
                           "n_suppressed": [0, 1, 0]}, index=["a", "b", "c"])
    inkomen = score_status(scores, "domain_inkomen", suppressed=suppressed_areas(counted, ["bijstand"]))
    veilig = score_status(scores, "domain_veiligheid", suppressed=suppressed_areas(counted, ["geweld"]))
    assert inkomen.tolist() == ["waarde", "geheim", "ontbreekt"]
    assert veilig.tolist() == ["waarde", "waarde", "ontbreekt"]  # c: missing, not suppressed: grey
    with pytest.raises(InputError, match="status"):
        suppressed_areas(counted.drop(columns="status"))


def test_stacking_layer_hatches_the_buurten_hatched_on_the_index_map(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Urgentie-index")
    stacking = pd.DataFrame({"n_domains_flagged": 1}, index=grid_scores.index)
    m = focus_map(grid, grid_scores, classification=cls, status="status", stacking=stacking,
                  layers=["urgentie", "stapeling"])
    html = render_html(m)
    suppressed = grid_scores.index[grid_scores["status"] == "geheim"][0]
    fills = [f["properties"]["_fill"] for data in geojson_payloads(html).values() for f in data["features"]
             if f["properties"].get("code") == suppressed]
    assert fills == [HATCH_FILL, HATCH_FILL]  # index layer and stacking layer
    stack_legend = [h for h in legend_htmls(html) if "Stapeling" in h][0]
    assert SUPPRESSED_LABEL in stack_legend


# -- static maps: names, outlines, all panels -------------------------------------------------------------------
def test_static_map_names_focus_buurten_and_keeps_other_names_apart(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=3)
    areas = grid.copy()
    areas["name"] = [f"Een lange buurtnaam nummer {i}" for i in range(len(areas))]
    focus = pd.Series(["1", "1"], index=grid_scores.index[-2:], name="cluster")
    fig = static_map(areas, grid_scores, value="index", classification=cls, clusters=focus, area_labels="all",
                     figsize=(4, 3))
    ax = fig.axes[0]
    texts = {t.get_text().replace("\n", " "): t for t in ax.texts}
    focus_names = [areas.set_index("area_code").loc[c, "name"] for c in focus.index]
    assert all(n in texts and texts[n].get_fontweight() == "bold" for n in focus_names)
    renderer = fig.canvas.get_renderer()
    others = [t for n, t in texts.items() if n.startswith("Een lange") and n not in focus_names]
    boxes = [t.get_window_extent(renderer) for t in others]
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len(others) < len(areas) - 2  # in a small figure not every name fits
    only_focus = static_map(areas, grid_scores, value="index", classification=cls, clusters=focus,
                            area_labels="focus")
    assert sorted(t.get_text().replace("\n", " ") for t in only_focus.axes[0].texts
                  if t.get_text().startswith("Een")) == sorted(focus_names)
    with pytest.raises(InputError, match="area_labels"):
        static_map(areas, grid_scores, value="index", classification=cls, area_labels="alles")


def test_static_wijk_boundaries_are_dashed_and_distinct_from_focus_outlines(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=3)
    focus = pd.Series([1], index=grid_scores.index[-1:], name="cluster")
    fig = static_map(grid, grid_scores, value="index", classification=cls, clusters=focus)
    legend = fig.axes[0].get_legend()
    lines = {t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles)}
    assert lines["wijkgrens"].get_linestyle() == "--"
    assert lines["focusgebied (met nummer)"].get_linestyle() == "-"
    assert lines["focusgebied (met nummer)"].get_linewidth() > lines["wijkgrens"].get_linewidth()


def test_boundary_lines_draw_a_shared_edge_once(grid):
    lines = boundary_lines(grid, "wijk_code")  # two wijken of 2x3 squares of 500 m
    assert len(lines) == 1
    assert lines.iloc[0].length == pytest.approx(2 * (2000 + 1500) + 1500)  # outline + the shared edge once


def test_small_multiples_show_every_panel_with_focus_outline_and_own_status(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Domeinscore")
    codes = grid_scores.index
    panels = {}
    for i in range(7):
        st = pd.Series("waarde", index=codes)
        st.iloc[i] = "geheim"
        panels[f"Domein {i}"] = pd.DataFrame({"waarde": grid_scores["index"].fillna(0).where(st == "waarde"),
                                              "status": st})
    focus = pd.Series([1, 1], index=codes[-2:], name="cluster")
    fig = small_multiples(grid, panels, value="waarde", classification=cls, status="status", clusters=focus,
                          ncols=4, legend_title="Domeinscore (klassen gedeeld door de domeinpanelen)")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in visible] == list(panels)
    for ax in visible:  # one hatched buurt per panel, and a thick black focus outline
        assert sum(len(c.get_paths()) for c in ax.collections if c.get_hatch()) == 1
        widths = [max(c.get_linewidths(), default=0) for c in ax.collections
                  if len(c.get_edgecolor()) and to_hex(c.get_edgecolor()[0]) == "#000000"]
        assert widths and max(widths) >= 1.5
    legend = fig.legends[0]
    assert legend.get_title().get_text().startswith("Domeinscore (klassen gedeeld")
    assert {"focusgebied", "wijkgrens", SUPPRESSED_LABEL} <= {t.get_text() for t in legend.get_texts()}


# -- interactive map: schouw, lines ------------------------------------------------------------------------------
def _schouw():
    return gpd.GeoDataFrame({
        "categorie": ["drugsoverlast", "zwerfvuil", "groen_positief", "hangplek", "iets_nieuws"],
        "ernst": [3, 1, 2, 2, 1]},
        geometry=[Point(120100 + 200 * i, 485100 + 150 * i) for i in range(5)], crs="EPSG:28992")


def test_schouw_starts_off_with_group_colours_and_the_category_in_the_tooltip(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Urgentie-index")
    m = focus_map(grid, grid_scores, classification=cls, schouw=_schouw(), layers=["urgentie", "schouw"])
    html = render_html(m)
    points = [f for data in geojson_payloads(html).values() for f in data["features"]
              if f["geometry"]["type"] == "Point"]
    assert [f["properties"]["_fill"] for f in points] == [
        SCHOUW_GROUP_COLORS["veiligheid"], SCHOUW_GROUP_COLORS["fysieke omgeving"], SCHOUW_GROUP_COLORS["positief"],
        SCHOUW_GROUP_COLORS["veiligheid"], SCHOUW_GROUP_COLORS["overig"]]
    assert points[0]["properties"]["t0"] == "drugsoverlast" and points[2]["properties"]["t0"] == "groen positief"
    # no reds or oranges that merge into the urgency classes
    assert not set(SCHOUW_GROUP_COLORS.values()) & set(cls.colors)
    layers = {getattr(c, "layer_name", None): c for c in m._children.values()}
    assert layers["Schouw"].show is False and layers["Urgentie-index"].show is True  # schouw starts switched off
    assert f'"pane": "{POINT_PANE}"' in html  # points stay above any fill layer switched on later
    legend = [h for h in legend_htmls(html) if "Schouw" in h][0]
    assert "veiligheid" in legend and "drugsoverlast" not in legend


def test_wijk_and_focus_lines_differ_and_have_a_legend(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Urgentie-index")
    clusters = pd.DataFrame({"area_code": grid_scores.index[-2:], "cluster": [1, 1]})
    m = focus_map(grid, grid_scores, classification=cls, clusters=clusters,
                  layers=["urgentie", "wijken", "gemeente", "focusgebieden"])
    html = render_html(m)
    assert '"dashArray": "6 4"' in html and '"color": "#4d4d4d"' in html  # wijk: thin dark grey dashes
    assert re.search(r'"color": "#000000",\s*"fill": false,\s*"weight": 4', html)  # focus: thick black
    legends = " ".join(legend_htmls(html))
    assert "wijkgrens (dunne stippellijn)" in legends and "Focusgebieden (dikke lijn, met naam)" in legends
    assert "gemeentegrens" in legends


def test_compare_maps_outline_the_focus_areas_in_every_panel(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Index")
    clusters = pd.Series([1, 1], index=grid_scores.index[-2:], name="cluster")
    fig = compare_maps(grid, {"Wonen": grid_scores, "Inkomen": grid_scores}, value="index", classification=cls,
                       status="status", clusters=clusters)
    html = render_html(fig)
    assert html.count("Focusgebied 1 (2 buurten)") == 2
    assert sum("Focusgebieden" in h for h in legend_htmls(html)) == 1
