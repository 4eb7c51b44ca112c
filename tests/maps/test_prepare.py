"""Light geometry that keeps shared borders, joins with clear errors, escaping of user text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from wijklib.errors import InputError
from wijklib.maps.prepare import (
    dissolve_areas,
    escape_text,
    join_values,
    score_status,
    simplify_areas,
)


def _wiggly_pair():
    """Two buurten sharing a wiggly border with many small vertices (RD New)."""
    import geopandas as gpd

    x0, y0 = 121000.0, 486000.0
    ys = np.linspace(0, 1000, 201)
    xs = 500 + 2.0 * np.sin(ys / 7.0)  # 2 m wiggles: removed by a 5 m tolerance
    border = list(zip(x0 + xs, y0 + ys))
    left = Polygon([(x0, y0)] + border + [(x0, y0 + 1000)])
    right = Polygon(border + [(x0 + 1000, y0 + 1000), (x0 + 1000, y0)])
    return gpd.GeoDataFrame({"area_code": ["BU99990001", "BU99990002"], "name": ["Links", "Rechts"]},
                            geometry=[left, right], crs="EPSG:28992")


def test_simplification_keeps_one_shared_border_and_shrinks_the_payload():
    gdf = _wiggly_pair()
    web = simplify_areas(gdf, tolerance=5.0)
    assert web.crs.to_epsg() == 4326
    before = int(shapely.get_num_coordinates(gdf.geometry.values).sum())
    after = int(shapely.get_num_coordinates(web.geometry.values).sum())
    assert after < before / 3
    rd = web.to_crs("EPSG:28992")
    a, b = rd.geometry.iloc[0], rd.geometry.iloc[1]
    # no gap and no overlap between the neighbours: their union has no holes and the overlap is (nearly) nil
    union = shapely.union(a, b)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert a.intersection(b).area < 1.0  # m², only from coordinate rounding
    assert abs(union.area - gdf.union_all().area) / gdf.union_all().area < 0.001


def test_coordinates_are_rounded_to_about_a_metre():
    web = simplify_areas(_wiggly_pair(), tolerance=0)
    coords = shapely.get_coordinates(web.geometry.values)
    assert np.allclose(coords, np.round(coords, 5), atol=1e-9)


def test_simplify_needs_a_crs():
    gdf = _wiggly_pair().set_crs(None, allow_override=True)
    with pytest.raises(InputError, match="coördinatenstelsel"):
        simplify_areas(gdf)


def test_dissolve_by_wijk(grid):
    wijken = dissolve_areas(grid, "wijk_code", names={"WK999900": "West"})
    assert sorted(wijken["key"]) == ["WK999900", "WK999901"]
    assert wijken.set_index("key").loc["WK999900", "label"] == "West"
    assert wijken.geometry.area.sum() == pytest.approx(grid.geometry.area.sum())
    with pytest.raises(InputError, match="buurtcluster"):
        dissolve_areas(grid, "buurtcluster")


def test_join_values_sets_state_per_buurt(grid, grid_scores):
    out = join_values(grid, grid_scores, value="index", status="status")
    codes = grid["area_code"].tolist()
    state = dict(zip(out["area_code"], out["_state"]))
    assert state[codes[0]] == "waarde" and state[codes[1]] == "geheim" and state[codes[2]] == "ontbreekt"
    # a value flagged unreliable keeps its number but is not 'waarde'
    df = grid_scores.assign(onbetrouwbaar=False)
    df.loc[codes[5], "onbetrouwbaar"] = True
    out = join_values(grid, df, value="index", unreliable="onbetrouwbaar")
    row = out.set_index("area_code").loc[codes[5]]
    assert row["_state"] == "geheim" and row["index"] == 6.0


def test_join_values_accepts_an_area_code_column_and_warns_about_unknown_codes(grid, grid_scores):
    df = grid_scores.reset_index()
    extra = pd.DataFrame({"area_code": ["BU00000001"], "index": [3.0]})
    with pytest.warns(UserWarning, match="BU00000001"):
        out = join_values(grid, pd.concat([df, extra]), value="index")
    assert out["index"].notna().sum() == 10


def test_join_values_errors_name_column_and_codes(grid, grid_scores):
    with pytest.raises(InputError, match="indx") as err:
        join_values(grid, grid_scores, value="indx")
    assert "beschikbaar" in str(err.value) and err.value.column == "indx"
    other = grid_scores.copy()
    other.index = [f"BU0363{i:04d}" for i in range(len(other))]
    with pytest.raises(InputError, match="geen enkele gebiedscode"):
        join_values(grid, other, value="index")
    dup = pd.concat([grid_scores.reset_index(), grid_scores.reset_index().iloc[:1]])
    with pytest.raises(InputError, match="meer dan eens"):
        join_values(grid, dup, value="index")
    text = grid_scores.assign(index="hoog")
    with pytest.raises(InputError, match="getallen"):
        join_values(grid, text, value="index")
    with pytest.raises(InputError, match="area_code"):
        join_values(grid.drop(columns="area_code"), grid_scores, value="index")


@pytest.mark.parametrize("payload", ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">',
                                     "\"'><svg onload=alert(1)>"], ids=["script", "img", "svg"])
def test_escape_text_neutralises_html(payload):
    out = escape_text(payload)
    assert "<" not in out and ">" not in out and '"' not in out
    assert escape_text(None) == "" and escape_text(float("nan")) == ""


def test_score_status_marks_unscored_buurten_with_suppressed_data():
    df = pd.DataFrame({"index": [1.0, np.nan, np.nan], "n_suppressed": [0, 3, 0], "n_unreliable": [0, 0, 0]},
                      index=["a", "b", "c"])
    assert score_status(df).tolist() == ["waarde", "geheim", "ontbreekt"]
    with pytest.raises(InputError, match="score"):
        score_status(df, value="score")


def test_read_focus_file_accepts_the_urgency_notebook_format(tmp_path):
    from wijklib.focus_file import read_focus_file

    path = tmp_path / "focus.csv"
    path.write_text("area_code,name,cluster,cluster_naam\nBU99010201,Merelhof,1,Zuiderveld-west\n"
                    "BU99010202,Kievitshof,1.0,\nBU99010301,Heidebuurt,,\n BU99010103 ,Havenkwartier,2,\n",
                    encoding="utf-8")
    focus = read_focus_file(path)
    assert focus["area_code"].tolist() == ["BU99010201", "BU99010202", "BU99010301", "BU99010103"]
    # a buurt without a cluster is a focus area of its own, numbered after the highest number in the file
    assert focus["cluster"].tolist() == ["1", "1", "3", "2"]
    assert focus["cluster_naam"].iloc[0] == "Zuiderveld-west"


@pytest.mark.parametrize("content, match, row", [
    ("code;focusgebied\nBU99010201;1\nBU990102;1\n", "ongeldige gebiedscode", 3),
    ("area_code,cluster\nBU99010201,1\nBU99010201,2\n", "twee keer", 3),
    ("area_code,besluit\nBU99010201,ja\nBU99010202,neen\n", "onbekend besluit", 3),
    ("buurt,cluster\nBU99010201,1\n", "area_code", None),
], ids=["bad-code", "duplicate", "bad-decision", "no-code"])
def test_read_focus_file_errors_name_file_row_and_column(tmp_path, content, match, row):
    from wijklib.focus_file import read_focus_file

    path = tmp_path / "focus.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match) as err:
        read_focus_file(path)
    assert "focus.csv" in str(err.value) and err.value.row == row
    with pytest.raises(InputError, match="niet gevonden"):
        read_focus_file(tmp_path / "bestaat_niet.csv")
