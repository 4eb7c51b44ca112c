"""A buurt that was not walked in the schouw is missing ("niet geschouwd"), never 0 (researcher review)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point, box

from wijklib.analysis import Werkset, told_table
from wijklib.indicators import load_indicators
from wijklib.urgency.divergence import divergence, told_stream
from wijklib.urgency.engine import told_sources

CODES = ["BU99010101", "BU99010102", "BU99010103"]


def _werkset() -> Werkset:
    buurten = gpd.GeoDataFrame({"area_code": CODES, "name": ["Noord", "Midden", "Zuid"]},
                               geometry=[box(i, 0, i + 1, 1) for i in range(3)], crs="EPSG:28992")
    # two buurten walked (one with only a positive observation), the third not
    schouw = gpd.GeoDataFrame(
        {"id": ["S1", "S2", "S3"], "categorie": ["zwerfvuil", "hangplek", "groen_positief"], "ernst": [2, 3, 1],
         "buurtcode": ["BU99010101", "BU99010101", "BU99010102"]},
        geometry=[Point(0.5, 0.5), Point(0.6, 0.5), Point(1.5, 0.5)], crs="EPSG:28992")
    counted = pd.DataFrame(columns=["area_code", "indicator", "period", "value", "status"])
    return Werkset(gemeente_code="GM9901", gemeente_naam="Test", buurten=buurten, wijken=None, counted=counted,
                   indicators=load_indicators(), schouw=schouw)


def test_unwalked_buurt_is_missing_and_walked_buurt_without_a_theme_is_zero():
    told = told_table(_werkset())
    schouw = told[told["source"] == "schouw"].set_index(["area_code", "theme"])["value"]
    themes = set(schouw.index.get_level_values("theme"))
    assert themes  # the walked buurten give themes
    for theme in themes:
        assert np.isnan(schouw[("BU99010103", theme)]), theme  # not walked: missing, not 0
        assert not np.isnan(schouw[("BU99010102", theme)])  # walked, nothing of this theme seen: 0
    assert (schouw.xs("BU99010102", level="area_code") == 0).all()
    assert schouw.xs("BU99010101", level="area_code").sum() == 5  # severities 2 + 3


def test_unwalked_buurt_is_not_flagged_and_not_listed_as_having_schouw():
    told = pd.DataFrame({"area_code": CODES, "theme": "veiligheid", "source": "schouw",
                         "value": [3.0, 0.0, np.nan], "direction": "hoger_is_slechter"})
    # the figures say the unwalked buurt is the most serious: with a 0 it would be flagged 'geteld_ernstiger'
    counted = pd.DataFrame({"veiligheid": [50.0, 10.0, 90.0]}, index=CODES)
    div = divergence(counted, told, min_areas=2, threshold=25.0).set_index("area_code")
    assert div.at["BU99010103", "signal"] == "niet_vergelijkbaar"
    assert np.isnan(div.at["BU99010103", "told_pct"]) and np.isnan(div.at["BU99010103", "divergence"])
    assert "niet geschouwd" in div.at["BU99010103", "text"]
    assert div.loc[["BU99010101", "BU99010102"], "told_pct"].notna().all()
    stream = told_stream(div.reset_index(), pd.Index(CODES))
    assert pd.isna(stream["BU99010103"])  # no told signal either way
    sources = told_sources(told, CODES)
    assert sources["BU99010101"] == "schouw" and sources["BU99010103"] == ""  # summary: no schouw there
