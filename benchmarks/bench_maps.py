"""Benchmark of the maps on all ~480 Amsterdam buurten of 2019 (not a test).

Builds the focus map (choropleth of a KWB 2019 indicator with wijk and gemeente boundaries and a focus-cluster
layer) for every Amsterdam buurt in ``shared/data/cbs/buurten_2019_gegeneraliseerd.gpkg`` joined with
``shared/data/amsterdam/kwb_2019_amsterdam_tidy.csv``, and prints for several simplification tolerances:

* the time to simplify, build the map and render/save the offline HTML;
* the size of the HTML file (with Leaflet inlined, about 160 kB of it) and the number of coordinates;
* the time to draw and save the static PNG;

and the same (without PNG) for the far more detailed municipal buurt register
(``shared/data/amsterdam/buurten_amsterdam_gemeente.geojson``, 518 buurten), where simplification matters.

Usage::

    .venv/bin/python benchmarks/bench_maps.py [--tolerances 0 5 20] [--out output/bench_maps]

The data directory is ``../shared/data`` next to the repository or ``$WIJKLIB_SHARED_DATA``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import matplotlib  # noqa: E402

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from wijklib.counted import read_wide_table  # noqa: E402
from wijklib.geo import load_areas  # noqa: E402
from wijklib.maps import classify, focus_map, save_html, save_png, simplify_areas, static_map  # noqa: E402

INDICATOR = "huishoudens_laag_inkomen_pct"


def _data_dir() -> Path | None:
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    path = Path(env) if env else REPO.parent / "shared" / "data"
    return path if path.is_dir() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerances", type=float, nargs="+", default=[0.0, 5.0, 20.0])
    parser.add_argument("--out", default=str(REPO / "output" / "bench_maps"))
    args = parser.parse_args(argv)
    data = _data_dir()
    if data is None:
        print("gedeelde data niet gevonden (../shared/data of WIJKLIB_SHARED_DATA); benchmark overgeslagen")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        areas = load_areas(data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg", level="buurt", gemeente="GM0363")
    tidy = read_wide_table(data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv")
    values = tidy[(tidy["indicator"] == INDICATOR) & tidy["area_code"].str.startswith("BU")].set_index("area_code")
    t_load = time.perf_counter() - t0
    classes = classify(values["value"], "quantiles", 5, title="Huishoudens met een laag inkomen", unit="%",
                       basis=f"{int(values['value'].notna().sum())} buurten van Amsterdam, 2019")
    top = values["value"].sort_values(ascending=False).index[:25]
    clusters = pd.DataFrame({"area_code": top, "cluster": range(1, len(top) + 1)})
    n_coords_source = int(shapely.get_num_coordinates(areas.geometry.values).sum())
    print(f"{len(areas)} buurten, {n_coords_source:,} coördinaten in de bron; inlezen {t_load:.2f} s")
    print(f"{'tolerantie (m)':>14} {'coördinaten':>12} {'kaart (s)':>10} {'HTML (s)':>9} {'HTML (MB)':>10} "
          f"{'piek (MB)':>10} {'PNG (s)':>8}")
    for tol in args.tolerances:
        n_coords = int(shapely.get_num_coordinates(simplify_areas(areas, tol).geometry.values).sum())
        tracemalloc.start()
        t1 = time.perf_counter()
        m = focus_map(areas, values, value="value", classification=classes, status="status", clusters=clusters,
                      layers=["urgentie", "wijken", "gemeente", "focusgebieden"], tolerance=tol)
        t2 = time.perf_counter()
        path = save_html(m, out / f"amsterdam_2019_tol{tol:g}.html")
        t3 = time.perf_counter()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        fig = static_map(areas, values, value="value", classification=classes, status="status", clusters=clusters)
        save_png(fig, out / f"amsterdam_2019_tol{tol:g}.png")
        t4 = time.perf_counter()
        print(f"{tol:>14g} {n_coords:>12,} {t2 - t1:>10.2f} {t3 - t2:>9.2f} {path.stat().st_size / 1e6:>10.2f} "
              f"{peak / 1e6:>10.0f} {t4 - t3:>8.2f}")
    detailed = data / "amsterdam" / "buurten_amsterdam_gemeente.geojson"
    if detailed.exists():
        # the municipal buurt register is far more detailed: here simplification matters
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fine = load_areas(detailed, level="buurt")
        area = pd.DataFrame({"value": fine.geometry.area / 1e4, "status": "waarde"}).set_index(fine["area_code"])
        area_classes = classify(area["value"], "quantiles", 5, title="Oppervlakte", unit="ha")
        n_src = int(shapely.get_num_coordinates(fine.geometry.values).sum())
        print(f"\nGedetailleerde buurtgrenzen Amsterdam (gemeentelijk register): {len(fine)} buurten, "
              f"{n_src:,} coördinaten")
        print(f"{'tolerantie (m)':>14} {'coördinaten':>12} {'kaart (s)':>10} {'HTML (s)':>9} {'HTML (MB)':>10}")
        for tol in args.tolerances:
            n_coords = int(shapely.get_num_coordinates(simplify_areas(fine, tol).geometry.values).sum())
            t1 = time.perf_counter()
            m = focus_map(fine, area, value="value", classification=area_classes, status="status",
                          layers=["urgentie", "wijken", "gemeente"], tolerance=tol)
            t2 = time.perf_counter()
            path = save_html(m, out / f"amsterdam_register_tol{tol:g}.html")
            t3 = time.perf_counter()
            print(f"{tol:>14g} {n_coords:>12,} {t2 - t1:>10.2f} {t3 - t2:>9.2f} {path.stat().st_size / 1e6:>10.2f}")
    print(f"bestanden in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
