"""Fixtures for the map tests; makes ``map_helpers`` importable (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from map_helpers import DEMO, make_grid  # noqa: E402


@pytest.fixture
def grid() -> gpd.GeoDataFrame:
    return make_grid()


@pytest.fixture
def grid_scores(grid) -> pd.DataFrame:
    """Scores for the grid: values 1..12, one suppressed (status geheim), one missing."""
    codes = grid["area_code"].tolist()
    df = pd.DataFrame({"index": np.arange(1.0, len(codes) + 1), "rank": np.arange(len(codes), 0, -1.0),
                       "rank_lo": np.arange(len(codes), 0, -1.0) - 1, "rank_hi": np.arange(len(codes), 0, -1.0) + 1,
                       "status": "waarde"}, index=pd.Index(codes, name="area_code"))
    df.loc[codes[1], ["index", "status", "rank", "rank_lo", "rank_hi"]] = [np.nan, "geheim", np.nan, np.nan, np.nan]
    df.loc[codes[2], ["index", "status", "rank", "rank_lo", "rank_hi"]] = [np.nan, "ontbreekt", np.nan, np.nan,
                                                                           np.nan]
    return df


@pytest.fixture(scope="session")
def demo_buurten():
    if not (DEMO / "buurten.geojson").exists():
        pytest.skip("demodata ontbreken (data/demo/buurten.geojson)")
    from wijklib.geo import load_areas

    return load_areas(DEMO / "buurten.geojson", level="buurt", keep_columns=["wijknaam"])
