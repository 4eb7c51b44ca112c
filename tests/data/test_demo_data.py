"""The fictional demo gemeente Lindewaard (data/demo): geometry, counted data, told data, determinism."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import warnings
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.ops import unary_union

from wijklib import told
from wijklib.areas import hierarchy, validate_codes
from wijklib.counted import read_wide_table
from wijklib.geo import load_areas
from wijklib.indicators import load_indicators

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
SCRIPT = ROOT / "scripts" / "make_demo_data.py"
YEARS = [2020, 2022, 2024]
FILES = ["buurten.geojson", "wijken.geojson", "gemeente.geojson", "indicatoren.csv", "enquete.csv",
         "schouw.geojson", "signalen.csv", "kalibratie.json"]


def _script():
    spec = importlib.util.spec_from_file_location("make_demo_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def areas():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the demo geometry must need no repair
        return {lvl: load_areas(DEMO / f"{name}.geojson", level=lvl)
                for lvl, name in (("buurt", "buurten"), ("wijk", "wijken"), ("gemeente", "gemeente"))}


@pytest.fixture(scope="module")
def counted():
    return read_wide_table(DEMO / "indicatoren.csv")


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    data = json.loads((DEMO / "buurten.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["buurtnaam"]: f["properties"]["buurtcode"] for f in data["features"]}


def test_files_present_small_and_fictional():
    sizes = {f: (DEMO / f).stat().st_size for f in FILES}
    assert all(s > 0 for s in sizes.values())
    assert sum(p.stat().st_size for p in DEMO.iterdir()) < 2 * 1024 * 1024
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "FICTIEF / FICTIONAL" in readme.split("\n## ")[0]  # in the opening lines
    for f in FILES:
        assert f"demo/{f}" in readme


def test_codes_valid_and_hierarchical(areas):
    bu, wk, gm = areas["buurt"], areas["wijk"], areas["gemeente"]
    assert len(bu) == 30 and len(wk) == 4 and len(gm) == 1
    validate_codes(bu["area_code"], level="buurt")
    validate_codes(wk["area_code"], level="wijk")
    assert gm["area_code"].tolist() == ["GM9901"]
    h = hierarchy(bu["area_code"])
    assert (h["wijk_code"].to_numpy() == bu["wijk_code"].to_numpy()).all()
    assert set(h["gemeente_code"]) == {"GM9901"}
    assert set(bu["wijk_code"]) == set(wk["area_code"])
    assert bu["area_code"].str.match(r"^BU9901\d{4}$").all()
    raw = json.loads((DEMO / "buurten.geojson").read_text(encoding="utf-8"))["features"]
    for f in raw:
        p = f["properties"]
        assert p["buurtcode"][2:8] == p["wijkcode"][2:] and p["buurtnaam"] and p["wijknaam"]
    assert len({f["properties"]["buurtnaam"] for f in raw}) == 30


def test_gm9901_is_not_a_real_code(shared_data):
    path = shared_data / "cbs" / "kwb_2024_bevolking_tidy.csv"
    if not path.is_file():
        pytest.skip("KWB 2024-tabel ontbreekt")
    codes = set(pd.read_csv(path, usecols=["code"])["code"].astype(str).str.strip())
    assert "GM9901" not in codes and not any(c.startswith(("WK9901", "BU9901")) for c in codes)


def test_demo_overlaps_no_real_area(shared_data, areas):
    """Lindewaard lies in the Markermeer: no real buurt (2019) or gemeente (2024) polygon overlaps it."""
    import geopandas as gpd

    gm = areas["gemeente"].to_crs(4326)
    bounds = tuple(gm.total_bounds)
    for rel in ("cbs/buurten_2019_gegeneraliseerd.gpkg", "cbs/gemeenten_2024_met_kerncijfers.geojson"):
        if not (shared_data / rel).is_file():
            pytest.skip(f"{rel} ontbreekt in de gedeelde data")
        real = gpd.read_file(shared_data / rel, bbox=bounds)
        assert not real.intersects(gm.geometry.iloc[0]).any(), rel


def test_polygons_valid_and_tile_the_gemeente(areas):
    bu, wk, gm = areas["buurt"], areas["wijk"], areas["gemeente"]
    assert bu.crs.to_epsg() == 28992
    for gdf in (bu, wk, gm):
        assert gdf.geometry.is_valid.all()
        assert (gdf.geom_type == "Polygon").all()
    geoms = list(bu.geometry)
    for a, b in combinations(geoms, 2):
        assert a.intersection(b).area < 1.0  # m²: shared borders only
    union = unary_union(geoms)
    boundary = gm.geometry.iloc[0]
    assert union.geom_type == "Polygon" and len(union.interiors) == 0  # no gaps
    assert union.symmetric_difference(boundary).area < 1.0
    assert sum(g.area for g in geoms) == pytest.approx(boundary.area, rel=1e-6)
    for _, w in wk.iterrows():
        members = unary_union(list(bu.loc[bu["wijk_code"] == w["area_code"], "geometry"]))
        assert members.symmetric_difference(w.geometry).area < 1.0
    # a plausible gemeente: 10-50 km², inside the Netherlands (in the Markermeer)
    assert 10e6 < boundary.area < 50e6
    lon, lat = gm.to_crs(4326).geometry.iloc[0].centroid.coords[0]
    assert 5.0 < lon < 5.45 and 52.4 < lat < 52.7


def test_geojson_is_rfc7946(areas):
    for name in ("buurten", "wijken", "gemeente", "schouw"):
        data = json.loads((DEMO / f"{name}.geojson").read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and "crs" not in data  # RFC 7946: lon/lat WGS84
        for f in data["features"]:
            if f["geometry"]["type"] == "Polygon":
                ring = shapely.LinearRing(f["geometry"]["coordinates"][0])
                assert ring.is_ccw  # exterior ring counter-clockwise


def test_every_indicator_three_years_every_area(counted, areas):
    cat = load_indicators()
    assert set(counted["indicator"]) == set(cat.ids)
    assert sorted(counted["period"].unique()) == YEARS
    all_codes = set(areas["buurt"]["area_code"]) | set(areas["wijk"]["area_code"]) | {"GM9901"}
    assert set(counted["area_code"]) == all_codes
    per = counted.groupby(["indicator", "period"])["area_code"].nunique()
    assert (per == len(all_codes)).all()
    observed = counted[counted["status"] == "waarde"]
    assert observed["value"].notna().all()
    assert observed.groupby("indicator")["period"].nunique().eq(3).all()


def test_suppression_and_missing(counted):
    geheim = counted[counted["status"] == "geheim"]
    assert len(geheim) > 20 and geheim["value"].isna().all()
    inw = counted[counted["indicator"] == "inwoners"].set_index(["area_code", "period"])["value"]
    pop = geheim.set_index(["area_code", "period"]).index.map(inw)
    assert (pop < 500).all()  # only small buurten are suppressed
    assert geheim["area_code"].str.startswith("BU").all()  # wijk and gemeente figures are complete
    tiny = counted[(counted["area_code"] == "BU99010401") & (counted["period"] == 2024)].set_index("indicator")
    assert tiny.loc["inwoners", "value"] < 50
    assert tiny.loc["huishoudens_laag_inkomen_pct", "status"] == "geheim"
    assert tiny.loc["afstand_huisarts_km", "status"] == "waarde"
    missing = counted[counted["status"] == "ontbreekt"]
    assert missing[["area_code", "indicator", "period"]].values.tolist() == [["BU99010403", "woz_waarde", 2020]]


def test_rates_consistent_with_counts(counted):
    cat = load_indicators()
    wide = counted.pivot_table(index=["area_code", "period"], columns="indicator", values="value")
    for ind in cat:
        if ind.rate is None:
            continue
        den = sum(wide[d] for d in ind.rate.denominator)
        derived = wide[ind.rate.numerator] / den * ind.rate.per
        ok = wide[ind.id].notna() & derived.notna()
        assert ok.sum() > 20
        assert np.allclose(wide.loc[ok, ind.id], derived[ok], atol=0.051), ind.id
    pct = [i.id for i in cat if i.unit == "pct"]
    assert ((wide[pct] >= 0) & (wide[pct] <= 100) | wide[pct].isna()).all().all()
    assert ((wide["koopwoningen_pct"] + wide["corporatiewoningen_pct"]).dropna() <= 100).all()


def _composite(counted: pd.DataFrame) -> pd.DataFrame:
    """Mean direction-adjusted z-score over scored indicators (pooled over years), per buurt and year."""
    cat = load_indicators()
    bu = counted[counted["area_code"].str.startswith("BU")]
    wide = bu.pivot_table(index=["area_code", "period"], columns="indicator", values="value")
    scored = [i.id for i in cat if i.scored and i.id in wide]
    z = (wide[scored] - wide[scored].mean()) / wide[scored].std()
    for i in scored:
        if cat[i].direction == "hoger_is_beter":
            z[i] = -z[i]
    return z.mean(axis=1).unstack("period")


def test_demo_stories_in_counted_data(counted, names):
    comp = _composite(counted)
    heide, merel = names["Heidebuurt"], names["Merelhof"]
    # sluimerend: worsens every measurement year but is not in the worst fifth in 2024
    assert comp.loc[heide, 2020] < comp.loc[heide, 2022] < comp.loc[heide, 2024]
    assert comp.loc[heide, 2024] - comp.loc[heide, 2020] == max(comp[2024] - comp[2020])
    assert comp[2024].rank(ascending=False)[heide] > 6
    # problem stacking: the worst buurt in every year
    assert all(comp[y].idxmax() == merel for y in YEARS)


def test_told_demo_loads_and_diverges(areas, names):
    survey = told.read_survey(DEMO / "enquete.csv", buurten=areas["buurt"])
    assert 200 <= survey["respondent"].nunique() <= 600
    assert set(survey["thema"]) == set(told.ENQUETE_THEMAS)
    agg = told.aggregate_survey(survey)
    assert (~agg["betrouwbaar"]).any() and agg["betrouwbaar"].any()
    mean = agg.pivot(index="buurtcode", columns="thema", values="gemiddelde")
    assert mean.loc[names["Berkenhof"], "veiligheid"] < mean["veiligheid"].quantile(0.2)
    assert mean.loc[names["Merelhof"], "sociale_cohesie"] > mean["sociale_cohesie"].median()

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every point lies in a buurt
        schouw = told.read_schouw(DEMO / "schouw.geojson", buurten=areas["buurt"])
    assert 60 <= len(schouw) <= 100
    assert {"zwerfvuil", "verloedering", "drugsoverlast", "verdachte_panden"} <= set(schouw["categorie"])
    assert schouw["buurtcode"].notna().all()
    berken = schouw[schouw["buurtcode"] == names["Berkenhof"]]
    assert {"drugsoverlast", "verdachte_panden"} <= set(berken["categorie"])

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no text naming a person
        signals = told.read_signals(DEMO / "signalen.csv", buurten=areas["buurt"])
    assert len(signals) >= 35
    haven = signals[(signals["buurtcode"] == names["Havenkwartier"]) & (signals["datum"] >= "2024-10-01")]
    assert len(haven) >= 4 and haven["bronrol"].nunique() >= 3  # acute incident seen by several roles
    assert (haven["datum"].max() - haven["datum"].min()).days <= 14


def test_one_command_remakes_every_demo_file(tmp_path):
    """`scripts/make_demo_data.py` (all parts, committed calibration) reproduces the committed demo byte for byte.

    Every file of data/demo is either made by the command or listed as made by hand; workbooks are compared
    without their timestamps (``same_content``).
    """
    module = _script()
    out, readme = tmp_path / "demo", tmp_path / "README.md"
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--readme", str(readme),
                           "--kalibratie", str(DEMO / "kalibratie.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    made = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(FILES) | {"gemeenschap/veerkracht.csv", "quickscan/antwoorden.csv", "tracker/WK990102.yaml",
                         "stakeholders/stakeholders.xlsx"} <= made
    committed = {p.relative_to(DEMO).as_posix() for p in DEMO.rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert committed - made == set(module.HAND_MADE), "elk demobestand wordt gemaakt of staat in HAND_MADE"
    assert made <= committed, "het commando maakt bestanden die niet in data/demo staan"
    for f in sorted(made):
        assert module.same_content(out / f, DEMO / f), f"{f} wijkt af: draai `python scripts/make_demo_data.py` opnieuw"
    assert readme.read_bytes() == (ROOT / "data" / "README.md").read_bytes()
    # a second run over the same folder changes nothing
    again = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), "--readme", str(readme), "--deel",
                            "tracker"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "0 bestand(en) gewijzigd" in again.stdout


def test_same_content_ignores_workbook_timestamps_only(tmp_path):
    from openpyxl import Workbook

    module = _script()
    paths = []
    for i, (created, value) in enumerate([(2020, "a"), (2024, "a"), (2024, "b")]):
        wb = Workbook()
        wb.active["A1"] = value
        wb.properties.created = wb.properties.modified = datetime(created, 1, 1)
        paths.append(tmp_path / f"w{i}.xlsx")
        wb.save(paths[-1])
    assert paths[0].read_bytes() != paths[1].read_bytes()
    assert module.same_content(paths[0], paths[1])
    assert not module.same_content(paths[1], paths[2])
    (tmp_path / "a.csv").write_text("x\n1\n")
    (tmp_path / "b.csv").write_text("x\n2\n")
    assert not module.same_content(tmp_path / "a.csv", tmp_path / "b.csv")


def test_calibration_reproduces_from_real_data(shared_data):
    """The committed calibration is what the script computes from the real CBS data."""
    module = _script()
    if module._shared_dir(str(shared_data)) is None:
        pytest.skip("de echte kalibratiebronnen ontbreken in de gedeelde data")
    fresh = module.compute_calibration(shared_data)
    committed = json.loads((DEMO / "kalibratie.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(fresh, sort_keys=True)) == committed
    assert set(committed["indicators"]) >= {"bijstand_per_1000", "woz_waarde", "misdrijven_per_1000"}
    woz = committed["indicators"]["woz_waarde"]
    assert woz["bron"] == "nl2024" and woz["a"] < 0  # deprived buurten have lower WOZ values
