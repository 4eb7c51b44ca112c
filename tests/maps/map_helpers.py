"""Helpers for the map tests: synthetic buurten and parsers for the HTML folium writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"

XSS_SCRIPT = '<script>document.title="GEHACKT"</script>'
XSS_IMG = '<img src=x onerror="document.title=\'GEHACKT\'">'


def make_grid(nx: int = 4, ny: int = 3, size: float = 500.0) -> gpd.GeoDataFrame:
    """``nx * ny`` square buurten in RD New (Amsterdam area), two wijken, one gemeente (fictional codes)."""
    rows = []
    x0, y0 = 120000.0, 485000.0
    for j in range(ny):
        for i in range(nx):
            k = j * nx + i
            wijk = "WK999900" if i < nx // 2 else "WK999901"
            rows.append({"area_code": f"BU9999{wijk[-2:]}{k:02d}", "name": f"Buurt {k}", "level": "buurt",
                         "wijk_code": wijk, "gemeente_code": "GM9999",
                         "geometry": box(x0 + i * size, y0 + j * size, x0 + (i + 1) * size, y0 + (j + 1) * size)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:28992")


def geojson_payloads(html: str) -> dict[str, dict]:
    """All GeoJSON objects folium embedded in a page, by layer variable name."""
    out = {}
    dec = json.JSONDecoder()
    for m in re.finditer(r"\b(geo_json_[0-9a-f]+)_add\(", html):
        try:
            obj, _ = dec.raw_decode(html, m.end())
        except json.JSONDecodeError:
            continue
        out[m.group(1)] = obj
    return out


def legend_htmls(html: str) -> list[str]:
    """The inner HTML of every wijklib legend in a page."""
    dec = json.JSONDecoder()
    out = []
    for m in re.finditer(r"div\.innerHTML = ", html):
        try:
            text, _ = dec.raw_decode(html, m.end())
        except json.JSONDecodeError:
            continue
        if isinstance(text, str) and "wl-row" in text:
            out.append(text)
    return out
