"""Fixtures for the counted-data layer: real CBS files of ../shared/data, each read once per session.

The ``shared_data`` fixture (tests/conftest.py) skips cleanly when the shared data folder is absent.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from wijklib.counted import read_statline_csv, read_wide_table
from wijklib.geo import GeometryRepairWarning, load_areas
from wijklib.indicators import load_indicators


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"bestand ontbreekt in de gedeelde data: {path}")
    return path


@pytest.fixture(scope="session")
def catalogue():
    return load_indicators()


@pytest.fixture(scope="session")
def statline_2024(shared_data):
    """Raw StatLine export KWB 2024 (whole country, 18,310 rows) as tidy table."""
    return read_statline_csv(_need(shared_data / "cbs" / "kwb_2024_bevolking_geslacht_leeftijd_statline.csv"))


@pytest.fixture(scope="session")
def derived_2024(shared_data):
    """Derived national 2024 selection (woonikveilig) as tidy table."""
    return read_wide_table(_need(shared_data / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"))


@pytest.fixture(scope="session")
def bevolking_2024(shared_data):
    """Derived tidy population table 2024 (whole country) as tidy table."""
    return read_wide_table(_need(shared_data / "cbs" / "kwb_2024_bevolking_tidy.csv"))


@pytest.fixture(scope="session")
def ams_2019(shared_data):
    return read_wide_table(_need(shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"))


@pytest.fixture(scope="session")
def ams_2017(shared_data):
    return read_wide_table(_need(shared_data / "amsterdam" / "kwb_2017_amsterdam_tidy.csv"))


@pytest.fixture(scope="session")
def buurten_2019_ams(shared_data):
    """Amsterdam buurten 2019 (generalised CBS polygons, GeoPackage), RD New."""
    return load_areas(_need(shared_data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg"), gemeente="GM0363")


@pytest.fixture(scope="session")
def buurten_2019_topo(shared_data):
    """All 13,594 buurten 2019 from the TopoJSON (no CRS tag: lon/lat), with the repair warnings recorded."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gdf = load_areas(_need(shared_data / "cbs" / "buurten_2019_gegeneraliseerd.topojson"), crs="EPSG:4326")
    repairs = [w for w in caught if issubclass(w.category, GeometryRepairWarning)]
    return gdf, repairs


@pytest.fixture(scope="session")
def buurten_ams_gemeente(shared_data):
    """Amsterdam municipal buurten (indeling 2022, CBS letter codes in ``cbsCode``)."""
    return load_areas(_need(shared_data / "amsterdam" / "buurten_amsterdam_gemeente.geojson"))


@pytest.fixture
def write(tmp_path):
    """Write a text file (given encoding, default UTF-8) in tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.write_bytes(text.encode(encoding))
        return p

    return _write
