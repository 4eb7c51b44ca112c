"""Area geometry loaders on real CBS / municipal files and small synthetic files."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from wijklib.errors import InputError
from wijklib.geo import AREA_COLUMNS, GeometryRepairWarning, load_areas, repair_geometries, to_rd, to_wgs84


def test_topojson_without_crs_loads_when_crs_given(buurten_2019_topo):
    gdf, repairs = buurten_2019_topo
    assert list(gdf.columns) == AREA_COLUMNS
    assert len(gdf) == 13594 and gdf["area_code"].is_unique
    assert gdf.crs.to_epsg() == 28992
    assert set(gdf["level"]) == {"buurt"}
    assert gdf.geometry.is_valid.all()
    # README: 21 invalid geometries (quantisation); the warning names how many and which
    assert len(repairs) == 1
    assert "21 ongeldige geometrie" in str(repairs[0].message) and "BU00590207" in str(repairs[0].message)
    # RD New bounds of the Netherlands (metres)
    minx, miny, maxx, maxy = gdf.total_bounds
    assert 0 < minx < 20_000 and 270_000 < maxx < 290_000 and 300_000 < miny < 320_000 and 600_000 < maxy < 640_000


def test_topojson_without_crs_is_an_error(shared_data):
    with pytest.raises(InputError, match=r"buurten_2019_gegeneraliseerd\.topojson: .*geen coördinatenstelsel.*"
                                         r"crs='EPSG:4326'"):
        load_areas(shared_data / "cbs" / "buurten_2019_gegeneraliseerd.topojson")


def test_gpkg_amsterdam_filter_and_area_matches_cbs(buurten_2019_ams, shared_data):
    gdf = buurten_2019_ams
    assert len(gdf) == 479 and gdf["area_code"].str.startswith("BU0363").all()
    assert gdf["wijk_code"].nunique() == 99
    kwb = pd.read_csv(shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv").set_index("code")
    area_ha = gdf.set_index("area_code").geometry.area / 10_000
    ratio = area_ha / kwb.loc[area_ha.index, "Oppervlakte.Oppervlakte.totaal..ha."]
    assert 0.95 < ratio.median() < 1.05  # metres in RD New: the CRS chain is right


def test_amsterdam_municipal_geojson(buurten_ams_gemeente):
    gdf = buurten_ams_gemeente
    assert gdf.crs.to_epsg() == 28992
    assert gdf["name"].notna().all()
    assert gdf.set_index("area_code").loc["BU0363AA01", "name"] == "Planciusbuurt-Noord"
    web = to_wgs84(gdf)
    minx, miny, maxx, maxy = web.total_bounds
    assert 4.7 < minx < maxx < 5.2 and 52.2 < miny < maxy < 52.5
    assert to_rd(web).crs.to_epsg() == 28992


def test_wijken_and_gemeenten_files(shared_data):
    wijken = load_areas(shared_data / "cbs" / "wijken_2022_met_kerncijfers.gpkg", level="wijk")
    assert len(wijken) == 3340 and set(wijken["level"]) == {"wijk"}
    assert wijken["name"].notna().all()
    with pytest.warns(GeometryRepairWarning, match="8 ongeldige"):
        gem = load_areas(shared_data / "cbs" / "gemeenten_2024_met_kerncijfers.geojson", level="gemeente",
                         keep_columns=["aantal_inwoners"])
    assert len(gem) == 343  # 342 gemeenten + GM0998 Buitenland
    ams = gem.set_index("area_code").loc["GM0363"]
    assert ams["name"] == "Amsterdam" and ams["aantal_inwoners"] == 931298


def test_keep_wgs84_when_asked(shared_data):
    gdf = load_areas(shared_data / "amsterdam" / "buurten_amsterdam_gemeente.geojson", to_crs=None)
    assert gdf.crs.is_geographic


# ---------------------------------------------------------------- synthetic files
def _squares_rd(codes, x0=120_000, y0=487_000):
    return gpd.GeoDataFrame({"buurtcode": codes, "buurtnaam": [f"Buurt {i}" for i in range(len(codes))],
                             "wijkcode": ["WK" + c[2:8] for c in codes]},
                            geometry=[box(x0 + 500 * i, y0, x0 + 500 * (i + 1), y0 + 500) for i in range(len(codes))],
                            crs="EPSG:28992")


def test_shapefile_roundtrip_and_code_column_detection(tmp_path):
    src = _squares_rd(["BU99010101", "BU99010102", "BU99010201"])
    path = tmp_path / "buurten.shp"
    src.to_file(path)
    gdf = load_areas(path)
    assert gdf["area_code"].tolist() == ["BU99010101", "BU99010102", "BU99010201"]  # not 'wijkcode'
    assert gdf["name"].tolist() == ["Buurt 0", "Buurt 1", "Buurt 2"]
    assert gdf["wijk_code"].tolist() == ["WK990101", "WK990101", "WK990102"]
    assert np.allclose(gdf.geometry.area, 250_000)


def test_shapefile_without_prj_needs_crs(tmp_path):
    path = tmp_path / "zonder_crs.shp"
    _squares_rd(["BU99010101"]).to_file(path)
    (tmp_path / "zonder_crs.prj").unlink()
    with pytest.raises(InputError, match="geen coördinatenstelsel"):
        load_areas(path)
    gdf = load_areas(path, crs="EPSG:28992")
    assert gdf.crs.to_epsg() == 28992 and gdf.geometry.area.iloc[0] == pytest.approx(250_000)


def test_repair_geometries_warns_with_codes():
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    gdf = gpd.GeoDataFrame({"area_code": ["BU99010101", "BU99010102"]}, geometry=[bowtie, box(5, 5, 6, 6)],
                           crs="EPSG:28992")
    with pytest.warns(GeometryRepairWarning, match=r"1 ongeldige geometrie\(ën\) hersteld met make_valid: BU99010101"):
        fixed = repair_geometries(gdf)
    assert fixed.geometry.is_valid.all()
    assert fixed.geometry.iloc[0].area == pytest.approx(2.0)
    assert gdf.geometry.iloc[0].is_valid is False  # input untouched


def test_geojson_with_rd_crs_member_and_wijk_level(tmp_path):
    src = gpd.GeoDataFrame({"wijkcode": ["WK990101", "WK990102"], "wijknaam": ["Noord", "Zuid"]},
                           geometry=[box(120_000, 487_000, 121_000, 488_000), box(121_000, 487_000, 122_000, 488_000)],
                           crs="EPSG:28992")
    path = tmp_path / "wijken.geojson"
    src.to_file(path)  # writes a 'crs' member (urn:ogc:def:crs:EPSG::28992)
    gdf = load_areas(path, level="wijk")
    assert gdf["name"].tolist() == ["Noord", "Zuid"] and gdf["gemeente_code"].tolist() == ["GM9901", "GM9901"]
    assert gdf.crs.to_epsg() == 28992 and np.allclose(gdf.geometry.area, 1_000_000)


def test_gemeente_filter_takes_any_code_in_the_gemeente_and_refuses_the_land_code(tmp_path):
    path = tmp_path / "buurten.gpkg"
    _squares_rd(["BU99010101", "BU99020101"]).to_file(path)
    assert load_areas(path, gemeente="BU99010199")["area_code"].tolist() == ["BU99010101"]
    with pytest.raises(InputError, match="'NL00' is geen gemeente-, wijk- of buurtcode") as info:
        load_areas(path, gemeente=["GM9901", "NL00"])
    assert info.value.column == "gemeente"
