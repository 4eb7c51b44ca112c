"""Make ALL demo data of the fictional gemeente "Lindewaard" (GM9901) in ``data/demo/`` and its ``data/README.md``.

The one command for the demo data: run it with the project's environment (``make demo`` sets up ``.venv/``, where
wijklib is installed in editable mode)::

    .venv/bin/python scripts/make_demo_data.py              # everything; calibrate on ../shared/data (or committed)
    .venv/bin/python scripts/make_demo_data.py --deel tracker   # one part only
    .venv/bin/python scripts/make_demo_data.py --out /tmp/demo --readme /tmp/README.md \
        --kalibratie data/demo/kalibratie.json

Deterministic: the same seed, calibration file and library versions give byte-identical files, so running it on
a checkout leaves ``git status`` clean. Every part is first made in a temporary folder and then copied into place,
file by file and only where the content changed (a workbook whose only change is its zip and document timestamps
counts as unchanged), so a failing part leaves no half-written demo behind.

Parts (:data:`PARTS`): ``lindewaard`` (this file, below), ``gemeenschap``, ``quickscan`` and ``tracker``
(``scripts/demo_parts/``) and ``stakeholders`` (:func:`wijklib.stakeholders.demo.write_demo`). Made by hand, not by
this command: ``data/demo/verhalen/``, ``urgentie.yaml``, ``project.yaml``, ``aanleidingen.csv`` and the READMEs of
the part folders (listed in :data:`HAND_MADE`).

What the part ``lindewaard`` makes
----------------------------------
* Geometry: an irregular gemeente boundary in RD New (EPSG:28992) placed in the Markermeer, where the
  Markerwaard polder was once planned but never built (so it overlaps no real buurt), four wijken and 30 buurten
  (Lloyd-relaxed Voronoi cells clipped to the wijk, which tile the gemeente exactly), written as GeoJSON in
  EPSG:4326.
* Counted data: every indicator of the wijklib indicator catalogue for 2020, 2022 and 2024, drawn from a
  two-factor Gaussian copula (a latent deprivation factor designed per buurt and an urbanity factor), with
  marginal distributions from the real Amsterdam KWB 2019/2017 and national KWB 2024 buurt data (quantiles) and
  factor loadings estimated on the same data; CBS-like rounding and suppression (".").
* Told data: survey answers, schouw points and signals from professionals, with deliberate divergences from the
  counted data in two buurten and an acute incident in one.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from scipy.stats import norm, spearmanr
from shapely.geometry import MultiPoint, Point, Polygon, mapping
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from wijklib.io.atomic import atomic_write_bytes
from wijklib.indicators import load_indicators
from wijklib.told import STANDAARD_VRAGEN

ROOT = Path(__file__).resolve().parents[1]

SEED = 20240611
YEARS = (2020, 2022, 2024)
GEMEENTECODE = "GM9901"
GEMEENTENAAM = "Lindewaard"
PROBS = np.round(np.arange(0.01, 1.0, 0.01), 2)  # percentiles stored in the calibration file
P_CLIP = (0.02, 0.98)
CALIBRATION_VERSION = 1

# ----------------------------------------------------------------------------------------------------------------
# Design of the gemeente: wijken, buurten and their character
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuurtDesign:
    """Design of one buurt.

    d : latent deprivation (z-score) in 2020, 2022, 2024 (higher = more problems).
    u : latent urbanity (z-score); None = derived from the distance to the centre.
    inwoners : inhabitants on 1 January of 2020, 2022, 2024.
    """

    naam: str
    rol: str
    d: tuple[float, float, float]
    inwoners: tuple[int, int, int]
    u: float | None = None


WIJKEN: dict[str, tuple[str, str]] = {
    "01": ("Centrum", "Historische kern met winkels, horeca, station en haven."),
    "02": ("Zuiderveld", "Naoorlogse uitbreidingswijk (1955-1970): portiekflats en rijtjeshuizen."),
    "03": ("Noorderhout", "Uitbreiding uit de jaren zeventig tot negentig, vooral eengezinswoningen."),
    "04": ("Waardpolder", "Buitengebied met bedrijventerrein, dorp, lintbebouwing en nieuwbouw."),
}

D = BuurtDesign
BUURTEN: dict[str, list[BuurtDesign]] = {
    "01": [
        D("Oude Kern", "centrum: uitgaansgebied, veel bezoekers, hoge criminaliteit per inwoner",
          (0.3, 0.3, 0.3), (1420, 1445, 1460), 1.6),
        D("Marktkwartier", "centrum: winkelstraat met toenemende leegstand", (-0.2, -0.2, -0.15), (1790, 1805, 1815), 1.4),
        D("Havenkwartier", "ACUUT INCIDENT: explosie bij een woning (oktober 2024) in de signalen; de telcijfers "
          "laten dat (nog) niet zien", (0.4, 0.4, 0.4), (1580, 1600, 1610), 1.3),
        D("Stationsbuurt", "overlast rond het station", (1.0, 1.0, 1.0), (2080, 2110, 2120), 1.4),
        D("Kerkbuurt", "rustige, welvarende binnenstadsbuurt", (-0.6, -0.6, -0.6), (1290, 1300, 1305), 1.2),
        D("Lindeplein", "gemengde binnenstadsbuurt", (0.1, 0.1, 0.1), (1690, 1700, 1710), 1.3),
    ],
    "02": [
        D("Merelhof", "PROBLEEMSTAPELING: naoorlogse portiekflats, hoogste achterstand op bijna alle domeinen; "
          "bewoners melden wel sterke onderlinge steun (vertelde gegevens positiever dan de telcijfers)",
          (2.2, 2.2, 2.2), (2610, 2640, 2655)),
        D("Kievitshof", "naoorlogs, hoge achterstand", (1.5, 1.5, 1.5), (2240, 2250, 2260)),
        D("Vinkenbuurt", "naoorlogs, bovengemiddelde achterstand", (1.1, 1.1, 1.1), (1980, 1990, 2000)),
        D("Spreeuwenpark", "naoorlogs, gemiddeld; nieuw bewonersinitiatief", (0.8, 0.8, 0.8), (1870, 1880, 1890)),
        D("Zwaluwhof", "naoorlogs, licht bovengemiddeld", (0.5, 0.5, 0.5), (1760, 1770, 1780)),
        D("Reigersbos", "naoorlogs, deels vernieuwd met koopwoningen", (-0.3, -0.3, -0.3), (1540, 1560, 1575)),
        D("Mussenveld", "naoorlogs, bovengemiddeld", (0.6, 0.6, 0.6), (1690, 1700, 1705)),
        D("Koolmeesbuurt", "naoorlogs, hoge achterstand", (1.3, 1.3, 1.3), (2130, 2140, 2150)),
        D("Lijsterhof", "naoorlogs, gemiddeld", (0.2, 0.2, 0.2), (1610, 1620, 1625)),
    ],
    "03": [
        D("Heidebuurt", "SLUIMEREND: jaren-zeventigbuurt waarvan de indicatoren elk meetjaar verslechteren, "
          "maar die in 2024 nog niet in de slechtste klasse valt", (-0.6, 0.15, 0.9), (2210, 2190, 2175)),
        D("Berkenhof", "DIVERGENTIE: telcijfers gunstig, maar bewoners voelen zich onveilig en schouw en "
          "signalen wijzen op drugsoverlast en een mogelijk drugspand (vertelde gegevens negatiever)",
          (-0.6, -0.6, -0.6), (1930, 1940, 1945)),
        D("Eikenlaan", "welvarende eengezinswoningenbuurt", (-1.0, -1.0, -1.0), (1720, 1725, 1730)),
        D("Beukenrijk", "welvarend, veel koopwoningen", (-1.3, -1.3, -1.3), (1860, 1865, 1870)),
        D("Wilgenhoek", "gemiddeld", (-0.4, -0.4, -0.4), (1650, 1655, 1660)),
        D("Essenpark", "welvarend, vergrijzend", (-0.8, -0.8, -0.8), (1580, 1570, 1565)),
        D("Elzenbuurt", "gemiddeld, enkele zorgsignalen", (0.2, 0.2, 0.2), (1800, 1805, 1810)),
        D("Hazelaarbuurt", "gemiddeld", (-0.1, -0.1, -0.1), (1740, 1745, 1750)),
        D("Lindenhout", "welvarende villawijk", (-1.5, -1.5, -1.5), (1240, 1245, 1250)),
    ],
    "04": [
        D("Bedrijventerrein De Zwaan", "BEDRIJVENTERREIN: nauwelijks inwoners, bijna alle cijfers geheim (.); "
          "signalen over verdachte bedrijfspanden", (0.5, 0.5, 0.5), (35, 35, 35), -0.6),
        D("Verspreide huizen Waardpolder", "LANDELIJK: boerderijen en verspreide huizen, weinig inwoners, "
          "inkomens- en zorgcijfers geheim (.)", (-0.7, -0.7, -0.7), (150, 145, 140), -2.3),
        D("Polderzicht", "nieuwbouw (vanaf 2018), sterk groeiend, welvarend", (-1.8, -1.8, -1.8),
          (900, 1700, 2300), -0.4),
        D("Oosterlinde", "dorpskern", (-0.5, -0.5, -0.5), (1890, 1895, 1900), -0.9),
        D("Oosterdijk", "lintbebouwing langs de dijk", (-0.9, -0.9, -0.9), (660, 655, 650), -1.4),
        D("Kreekrug", "landelijk, klein", (-1.1, -1.1, -1.1), (430, 425, 420), -1.7),
    ],
}


def buurt_table() -> pd.DataFrame:
    """One row per buurt: codes, names and design values."""
    rows = []
    for w, (wnaam, _) in WIJKEN.items():
        for i, b in enumerate(BUURTEN[w], start=1):
            rows.append({"buurtcode": f"BU9901{w}{i:02d}", "buurtnaam": b.naam, "wijkcode": f"WK9901{w}",
                         "wijknaam": wnaam, "rol": b.rol, "d": b.d, "inwoners": b.inwoners, "u": b.u})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------------------------------------------
# Geometry
# ----------------------------------------------------------------------------------------------------------------

_TO_RD = Transformer.from_crs(4326, 28992, always_xy=True)
_TO_WGS = Transformer.from_crs(28992, 4326, always_xy=True)


def _lloyd_cells(poly: Polygon, n: int, rng: np.random.Generator, iterations: int = 8) -> list[Polygon]:
    """n Voronoi cells (Lloyd-relaxed) that tile ``poly``; retried until every cell is one polygon."""
    minx, miny, maxx, maxy = poly.bounds
    for _attempt in range(100):
        pts: list[tuple[float, float]] = []
        while len(pts) < n:
            p = (float(rng.uniform(minx, maxx)), float(rng.uniform(miny, maxy)))
            if poly.contains(Point(p)):
                pts.append(p)
        cells: list = []
        for _ in range(iterations):
            vor = shapely.voronoi_polygons(MultiPoint(pts), extend_to=poly.buffer(5000))
            raw = [c.intersection(poly) for c in vor.geoms]
            cells = []
            for p in pts:
                pt = Point(p)
                cells.append(min(raw, key=lambda c, pt=pt: c.distance(pt)))
            pts = [(c.centroid.x, c.centroid.y) for c in cells]
        if all(c.geom_type == "Polygon" for c in cells) and min(c.area for c in cells) > 0.3 * poly.area / n:
            return cells
    raise RuntimeError("kon geen nette buurtindeling maken")  # pragma: no cover


def make_geometry(rng: np.random.Generator) -> tuple[dict[str, list[Polygon]], tuple[float, float]]:
    """Buurt polygons per wijk in RD New, in the order of :data:`BUURTEN`, and the centre point."""
    cx, cy = _TO_RD.transform(5.20, 52.555)
    cx, cy = float(round(cx)), float(round(cy))
    th = np.linspace(0, 2 * np.pi, 240, endpoint=False)
    radius = 2500 * (1 + 0.10 * np.cos(2 * th + 1.0) + 0.06 * np.cos(3 * th + 2.3) + 0.04 * np.cos(5 * th + 0.4)
                     + 0.02 * np.cos(9 * th + 1.7) + 0.55 * np.clip(np.cos(th + 0.25), 0, None) ** 2)
    boundary = Polygon(np.c_[cx + radius * np.cos(th), cy + radius * np.sin(th)])
    rc = 750 * (1 + 0.12 * np.cos(3 * th + 0.8) + 0.06 * np.cos(4 * th + 2.0))
    centre = Polygon(np.c_[cx + rc * np.cos(th), cy + rc * np.sin(th)])

    def wedge(a0: float, a1: float) -> Polygon:
        angs = np.radians(np.linspace(a0, a1, 40))
        return Polygon([(cx, cy)] + [(cx + 20000 * np.cos(a), cy + 20000 * np.sin(a)) for a in angs])

    ring = boundary.difference(centre)
    wijk_polys = {"01": centre, "02": ring.intersection(wedge(150, 285)), "03": ring.intersection(wedge(35, 150)),
                  "04": ring.intersection(wedge(-75, 35))}

    def angle(c: Polygon) -> float:
        return math.atan2(c.centroid.y - cy, c.centroid.x - cx) % (2 * math.pi)

    def dist(c: Polygon) -> float:
        return math.hypot(c.centroid.x - cx, c.centroid.y - cy)

    out: dict[str, list[Polygon]] = {}
    # Centrum: the cell holding the centre is the old core, the others counter-clockwise.
    cells = _lloyd_cells(wijk_polys["01"], 6, rng)
    core = min(cells, key=dist)
    out["01"] = [core] + sorted((c for c in cells if c is not core), key=angle)
    for w in ("02", "03"):
        cells = _lloyd_cells(wijk_polys[w], 9, rng)
        # order: the first name goes to the cell nearest the centre (the oldest part), then by angle
        first = min(cells, key=dist)
        out[w] = [first] + sorted((c for c in cells if c is not first), key=angle)
    # Waardpolder: 8 cells; the three farthest from the centre merge into the rural buurt.
    cells = _lloyd_cells(wijk_polys["04"], 8, rng)
    far = sorted(cells, key=dist, reverse=True)
    rural = far[0]
    rest = [c for c in cells if c is not rural]
    merged = 1
    while merged < 3:
        cand = sorted((c for c in rest if c.intersection(rural).length > 1), key=dist, reverse=True)
        rural = unary_union([rural, cand[0]])
        rest = [c for c in rest if c is not cand[0]]
        merged += 1
    industrial = min(rest, key=dist)
    others = sorted((c for c in rest if c is not industrial), key=angle)
    out["04"] = [industrial, rural] + others
    return out, (cx, cy)


def _round_geom(geom, ndigits: int = 6):
    return shapely.transform(geom, lambda xy: np.round(xy, ndigits))


def to_wgs84(geom):
    """Reproject an RD geometry to rounded lon/lat (6 decimals, about 0.1 m), counter-clockwise exterior."""
    g = shapely.transform(geom, lambda xy: np.column_stack(_TO_WGS.transform(xy[:, 0], xy[:, 1])))
    g = shapely.remove_repeated_points(_round_geom(g))
    if g.geom_type == "Polygon":
        return orient(g, 1.0)
    return type(g)([orient(p, 1.0) for p in g.geoms])


def write_geojson(path: Path, name: str, features: list[tuple[dict, object]]) -> None:
    """Write a compact, deterministic RFC 7946 GeoJSON FeatureCollection (lon/lat, WGS84)."""
    feats = [{"type": "Feature", "properties": props, "geometry": mapping(geom)} for props, geom in features]
    data = {"type": "FeatureCollection", "name": name, "features": feats}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # one feature per line keeps diffs readable
    text = text.replace('},{"type":"Feature"', '},\n{"type":"Feature"')
    path.write_text(text + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------------------------------------------
# Calibration on real data
# ----------------------------------------------------------------------------------------------------------------

#: Approximate national level per year (index, rounded, indicative only) for indicators whose real level moved
#: clearly between the calibration year and the demo years; "add" = additive (percentage points).
JAAR_INDEX: dict[str, dict] = {
    "woz_waarde": {"mul": {2017: 0.60, 2019: 0.69, 2020: 0.75, 2022: 0.88, 2024: 1.00}},
    "inkomen_per_inwoner": {"mul": {2017: 0.80, 2019: 0.85, 2020: 0.87, 2022: 0.93, 2024: 1.00}},
    "ww_per_1000": {"mul": {2017: 1.90, 2019: 1.20, 2020: 1.45, 2022: 0.90, 2024: 1.00}},
    "bijstand_per_1000": {"mul": {2017: 1.08, 2019: 1.04, 2020: 1.05, 2022: 1.00, 2024: 1.00}},
    "arbeidsparticipatie_pct": {"add": {2017: -3.0, 2019: -1.5, 2020: -2.0, 2022: 0.5, 2024: 0.0}},
    "jeugdzorg_pct": {"mul": {2017: 0.95, 2019: 1.00, 2020: 1.00, 2022: 1.02, 2024: 1.04}},
}

#: Where the real columns are (relative to the shared data folder).
SOURCES = {
    "nl2024": ("derived/kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv", 2024,
               "NL 2024 (KWB-selectie, politie, RIVM)"),
    "ams2019": ("amsterdam/kwb_2019_amsterdam_tidy.csv", 2019, "KWB 2019 Amsterdam"),
    "ams2017": ("amsterdam/kwb_2017_amsterdam_tidy.csv", 2017, "KWB 2017 Amsterdam"),
}
_SOURCE_ORDER = ("nl2024", "ams2019", "ams2017")
# indicators whose CBS column differs per year within one source: stem + "_" + year
_YEAR_COLUMNS = {"goed_ervaren_gezondheid_2024": "goed_ervaren_gezondheid_{}", "misdrijven_2024": "misdrijven_{}"}


def _normal_scores(s: pd.Series) -> pd.Series:
    r = s.rank(method="average")
    n = s.notna().sum()
    return pd.Series(norm.ppf((r - 0.5) / n), index=s.index)


def _load_sources(shared: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for key, (rel, _year, _label) in SOURCES.items():
        df = pd.read_csv(shared / rel, low_memory=False)
        if key == "nl2024":
            df = df[df["niveau"] == "buurt"]
            pop = df["inwoners"]
        else:
            df = df[df["code"].astype(str).str.startswith("BU")]
            pop = df["Bevolking.Aantal.inwoners..aantal."]
        df = df.copy()
        df["_pop"] = pd.to_numeric(pop, errors="coerce")
        out[key] = df[df["_pop"] >= 200].reset_index(drop=True)
    return out


#: Multi-person household size used to turn the national mean household size into a one-person share:
#: p1 = (M - size) / (M - 1). With M = 2.9 the national mean size (2.12) gives 41%, close to the real 39%.
MEERPERSOONS_GROOTTE = 2.9


def _column_values(cat, ind, src_key: str, df: pd.DataFrame, year: int, depth: int = 0) -> pd.Series | None:
    """Real values of indicator ``ind`` in source ``src_key`` (direct column or derived from its rate)."""
    if ind.id == "eenpersoonshuishoudens_pct" and src_key == "nl2024" and "huishoudensgrootte" in df.columns:
        size = pd.to_numeric(df["huishoudensgrootte"], errors="coerce")
        return ((MEERPERSOONS_GROOTTE - size) / (MEERPERSOONS_GROOTTE - 1) * 100).clip(0, 100)
    col = ind.cbs_columns.get(year)
    if col is not None and col in df.columns:
        s = pd.to_numeric(df[col], errors="coerce")
        return s if s.notna().sum() >= 100 else None
    if ind.rate is not None and depth == 0:
        num = _column_values(cat, cat[ind.rate.numerator], src_key, df, year, 1)
        dens = [_column_values(cat, cat[d], src_key, df, year, 1) for d in ind.rate.denominator]
        if num is None or any(d is None for d in dens):
            return None
        den = sum(dens)
        s = num / den.where(den > 0) * ind.rate.per
        return s if s.notna().sum() >= 100 else None
    return None


def compute_calibration(shared: Path) -> dict:
    """Quantiles and factor loadings of every indicator, from the real data in ``shared``.

    Returns
    -------
    dict
        ``{"version", "indicators": {id: {"bron", "jaar", "n", "q": {year: [99 percentiles]}, "a", "c",
        "r_d"}}}`` where ``a``/``c`` are the loadings on the deprivation and urbanity factors and ``r_d`` the
        Spearman correlation of the indicator with the deprivation proxy in the real data.
    """
    cat = load_indicators()
    data = _load_sources(shared)
    proxies = {}
    for key, df in data.items():
        year = SOURCES[key][1]
        if key == "nl2024":
            parts = [-_normal_scores(pd.to_numeric(df["wozWaarde"], errors="coerce")),
                     -_normal_scores(pd.to_numeric(df["koopwoningen"], errors="coerce"))]
        else:
            parts = []
            for ind_id, sign in (("huishoudens_laag_inkomen_pct", 1), ("huishoudens_sociaal_minimum_pct", 1),
                                 ("bijstand_per_1000", 1), ("inkomen_per_inwoner", -1)):
                s = _column_values(cat, cat[ind_id], key, df, year)
                parts.append(sign * _normal_scores(s))
        dproxy = pd.concat(parts, axis=1).mean(axis=1, skipna=False)
        dproxy = (dproxy - dproxy.mean()) / dproxy.std()
        oad = _column_values(cat, cat["omgevingsadressendichtheid"], key, df, year)
        uproxy = _normal_scores(oad)
        ok = dproxy.notna() & uproxy.notna()
        beta = np.polyfit(dproxy[ok], uproxy[ok], 1)[0]
        ures = uproxy - beta * dproxy
        ures = (ures - ures.mean()) / ures.std()
        proxies[key] = (dproxy, ures)

    result: dict = {"version": CALIBRATION_VERSION, "indicators": {}}
    for ind in cat:
        if ind.role == "basis" or ind.id in ("inwoners", "bevolkingsdichtheid", "stedelijkheid"):
            continue
        for key in _SOURCE_ORDER:
            year = SOURCES[key][1]
            s = _column_values(cat, ind, key, data[key], year)
            if s is not None:
                break
        else:
            raise SystemExit(f"geen kalibratiegegevens voor indicator {ind.id}")
        # only buurten where the indicator is reliable by the catalogue's rule (and at least 200 inhabitants)
        reliable = data[key]["_pop"] >= max(200, ind.min_population)
        s = s.where(reliable)
        qs = {}
        col = ind.cbs_columns.get(year)
        if col is None and ind.rate is not None:
            col = cat[ind.rate.numerator].cbs_columns.get(year)
        if col in _YEAR_COLUMNS:
            for y in YEARS:
                cands = [yy for yy in range(2012, 2030) if _YEAR_COLUMNS[col].format(yy) in data[key].columns]
                near = min(cands, key=lambda yy, y=y: (abs(yy - y), yy))
                sy = pd.to_numeric(data[key][_YEAR_COLUMNS[col].format(near)], errors="coerce")
                if ind.rate is not None:
                    sy = sy / data[key]["inwoners"] * ind.rate.per
                sy = sy.where(reliable)
                qs[str(y)] = [float(f"{v:.6g}") for v in sy.dropna().quantile(PROBS)]
        else:
            qs[str(year)] = [float(f"{v:.6g}") for v in s.dropna().quantile(PROBS)]
        dproxy, uproxy = proxies[key]
        z = _normal_scores(s)
        ok = z.notna() & dproxy.notna() & uproxy.notna()
        X = np.column_stack([dproxy[ok], uproxy[ok]])
        coef, *_ = np.linalg.lstsq(X, z[ok].to_numpy(), rcond=None)
        a, c = float(coef[0]), float(coef[1])
        tot = a * a + c * c
        if tot > 0.9:
            a, c = a * math.sqrt(0.9 / tot), c * math.sqrt(0.9 / tot)
        r_d = float(spearmanr(s[ok], dproxy[ok]).statistic)
        result["indicators"][ind.id] = {
            "bron": key, "jaar": year, "n": int(s.notna().sum()), "q": qs,
            "a": round(a, 4), "c": round(c, 4), "r_d": round(r_d, 3)}
    return result


# ----------------------------------------------------------------------------------------------------------------
# Counted data
# ----------------------------------------------------------------------------------------------------------------

#: Decimals per indicator in the output (CBS-like); default per unit below.
DECIMALS_UNIT = {"aantal": 0, "pct": 1, "per_1000": 1, "euro_x1000": 1, "km": 1, "klasse": 0, "per_km2": 0,
                 "gemiddelde": 1}
DECIMALS = {"woz_waarde": 0, "koopwoningen_pct": 0, "corporatiewoningen_pct": 0, "diefstal_woning_per_1000": 0,
            "vernieling_per_1000": 0, "geweld_per_1000": 0}
#: CBS rounds some counts (benefits and education to tens, households and Wmo clients to fives).
ROUND_TO = {"bijstand_aantal": 10, "ao_aantal": 10, "ww_aantal": 10, "opleiding_laag": 10,
            "opleiding_middelbaar": 10, "opleiding_hoog": 10, "huishoudens": 10, "eenpersoonshuishoudens": 5,
            "wmo_clienten": 5}
#: Suppression ("." = geheim) rules, simplified from CBS practice.
ALWAYS_PUBLISHED = {"inwoners", "bevolkingsdichtheid", "omgevingsadressendichtheid", "stedelijkheid",
                    "afstand_huisarts_km", "afstand_supermarkt_km", "afstand_school_km", "scholen_binnen_3km",
                    "misdrijven_aantal"}
SMALL_AREA = {"huishoudens_laag_inkomen_pct", "huishoudens_sociaal_minimum_pct", "inkomen_per_inwoner",
              "personen_laagste40_pct", "bijstand_aantal", "bijstand_per_1000", "ao_aantal",
              "arbeidsongeschiktheid_per_1000", "ww_aantal", "ww_per_1000", "arbeidsparticipatie_pct",
              "goed_ervaren_gezondheid_pct", "wmo_clienten", "wmo_per_1000", "jeugdzorg_pct", "opleiding_laag",
              "opleiding_middelbaar", "opleiding_hoog", "laagopgeleid_pct", "diefstal_woning_per_1000",
              "vernieling_per_1000", "geweld_per_1000", "misdrijven_per_1000"}
SUPPRESS_BELOW_50 = "alle indicatoren behalve " + ", ".join(f"`{x}`" for x in sorted(ALWAYS_PUBLISHED))
SUPPRESS_BELOW_200 = SMALL_AREA
SUPPRESS_JEUGDZORG_BELOW = 500
STEDELIJKHEID_GRENZEN = (2500, 1500, 1000, 500)  # CBS: >=2500 -> 1, 1500-2500 -> 2, ... <500 -> 5


def _quantile_fn(q: list[float]):
    qv = np.asarray(q, dtype=float)
    return lambda p: np.interp(p, PROBS, qv)


def _stedelijkheid(oad: float) -> int:
    for cls, grens in enumerate(STEDELIJKHEID_GRENZEN, start=1):
        if oad >= grens:
            return cls
    return 5


#: Indicators of the built environment and population structure: they change slowly, so they get little yearly
#: noise and follow the deprivation factor of the first year only (a declining buurt first shows in incomes,
#: benefits, safety and health, not in its housing stock).
STRUCTUREEL = {"jongeren_15_25_pct", "ouderen_65plus_pct", "eenpersoonshuishoudens_pct", "koopwoningen_pct",
               "corporatiewoningen_pct", "afstand_huisarts_km", "afstand_supermarkt_km", "afstand_school_km",
               "scholen_binnen_3km"}
#: Derived from the geometry instead of drawn (see :func:`address_density_weights`).
AFGELEID = {"inwoners", "bevolkingsdichtheid", "stedelijkheid", "omgevingsadressendichtheid"}
YEAR_NOISE = {"structureel": 0.08, "overig": 0.3}


def address_density_weights(polys_rd: dict[str, Polygon], codes: list[str]) -> np.ndarray:
    """Matrix W so that ``W @ addresses`` is the omgevingsadressendichtheid (addresses per km² within 1 km).

    For sample points spread over each buurt, the share of every buurt's area (and so, assuming addresses are
    spread evenly, of its addresses) inside a 1 km circle is summed and divided by the circle area (pi km²); the
    buurt value is the mean over its sample points. Water outside the gemeente has no addresses.
    """
    from shapely.strtree import STRtree

    geoms = [polys_rd[c] for c in codes]
    tree = STRtree(geoms)
    W = np.zeros((len(codes), len(codes)))
    for b, poly in enumerate(geoms):
        step = max(150.0, math.sqrt(poly.area / 12))
        minx, miny, maxx, maxy = poly.bounds
        pts = [Point(x, y) for x in np.arange(minx + step / 2, maxx, step) for y in np.arange(miny + step / 2, maxy, step)
               if poly.contains(Point(x, y))] or [poly.representative_point()]
        for pt in pts:
            circle = pt.buffer(1000, 64)
            for j in tree.query(circle):
                W[b, j] += circle.intersection(geoms[j]).area / geoms[j].area
        W[b] /= len(pts) * math.pi
    return W


def make_counted(buurten: pd.DataFrame, areas_km2: dict[str, float], calib: dict,
                 rng: np.random.Generator, oad_weights: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicator values per buurt and year.

    Returns
    -------
    (true, published)
        ``true``: unrounded, unsuppressed values (for aggregation to wijk and gemeente);
        ``published``: CBS-like rounded values with NaN where suppressed; both long (code, jaar, indicator).
    """
    cat = load_indicators()
    cal = calib["indicators"]
    codes = buurten["buurtcode"].tolist()
    nb = len(codes)
    drawn = [i for i in cat.ids if i in cal and i not in AFGELEID]
    # persistent idiosyncratic part + yearly noise, drawn in a fixed order
    e_pers = {i: rng.standard_normal(nb) for i in drawn}
    e_year = {i: {y: rng.standard_normal(nb) for y in YEARS} for i in drawn}
    hh_size = rng.uniform(2.7, 3.1, nb)  # mean size of multi-person households (about MEERPERSOONS_GROOTTE)
    edu_split = rng.standard_normal(nb)
    true: dict[tuple[str, int], dict[str, float]] = {}
    for yi, year in enumerate(YEARS):
        d_now = np.array([t[yi] for t in buurten["d"]])
        d_first = np.array([t[0] for t in buurten["d"]])
        u = buurten["u_eff"].to_numpy()
        inw = np.array([t[yi] for t in buurten["inwoners"]], dtype=float)
        vals: dict[str, np.ndarray] = {}
        for i in drawn:
            spec = cal[i]
            a, c = spec["a"], spec["c"]
            s = math.sqrt(max(0.0, 1 - a * a - c * c))
            structural = i in STRUCTUREEL
            d = d_first if structural else d_now
            noise = YEAR_NOISE["structureel" if structural else "overig"]
            z = a * d + c * u + s * (math.sqrt(1 - noise ** 2) * e_pers[i] + noise * e_year[i][year])
            p = np.clip(norm.cdf(z), *P_CLIP)
            qkey = str(year) if str(year) in spec["q"] else next(iter(spec["q"]))
            v = _quantile_fn(spec["q"][qkey])(p)
            idx = JAAR_INDEX.get(i)
            if idx is not None and qkey != str(year):
                src_year = int(qkey)
                if "mul" in idx:
                    v = v * idx["mul"][year] / idx["mul"][src_year]
                else:
                    v = v + idx["add"][year] - idx["add"][src_year]
            vals[i] = v
        # consistency between related indicators
        if "corporatiewoningen_pct" in vals and "koopwoningen_pct" in vals:
            vals["corporatiewoningen_pct"] = np.minimum(vals["corporatiewoningen_pct"],
                                                        np.maximum(0, 97 - vals["koopwoningen_pct"]))
        vals["inwoners"] = inw
        area = np.array([areas_km2[c] for c in codes])
        vals["bevolkingsdichtheid"] = inw / area
        # households and education counts (denominators), then numerators from the drawn rates
        p1 = vals.get("eenpersoonshuishoudens_pct", np.full(nb, 40.0)) / 100
        vals["huishoudens"] = inw / (p1 + (1 - p1) * hh_size)
        # addresses: dwellings (about households) plus shops and offices in the centre, firms on the estate
        addresses = vals["huishoudens"] * np.where(buurten["wijkcode"] == "WK990101", 1.3, 1.05)
        addresses = addresses + np.where(buurten["rol"].str.startswith("BEDRIJVENTERREIN"), 400, 0)
        vals["omgevingsadressendichtheid"] = oad_weights @ addresses
        vals["stedelijkheid"] = np.array([_stedelijkheid(x) for x in vals["omgevingsadressendichtheid"]], float)
        vals["_opleiding_bekend"] = inw * 0.74 * 0.92
        if "laagopgeleid_pct" in vals:
            low = vals["_opleiding_bekend"] * vals["laagopgeleid_pct"] / 100
            rest = vals["_opleiding_bekend"] - low
            hoog_share = norm.cdf(-0.9 * d_now + 0.3 * u + 0.4 * edu_split + 0.2) * 0.6 + 0.2
            vals["opleiding_laag"] = low
            vals["opleiding_hoog"] = rest * hoog_share
            vals["opleiding_middelbaar"] = rest * (1 - hoog_share)
        for ind in cat:
            if ind.rate is None or ind.id not in vals or ind.rate.numerator in vals:
                continue
            den = sum(vals[x] for x in ind.rate.denominator)
            vals[ind.rate.numerator] = vals[ind.id] * den / ind.rate.per
        missing = [i for i in cat.ids if i not in vals]
        if missing:
            raise SystemExit(f"geen generator voor indicator(en): {', '.join(missing)}")
        for k, code in enumerate(codes):
            true[(code, year)] = {i: float(vals[i][k]) for i in cat.ids}
    true_df = pd.DataFrame([{"code": c, "jaar": y, **v} for (c, y), v in true.items()])

    # --- publish: CBS-like rounding of counts, rates from rounded counts, suppression
    pub = true_df.copy()
    for ind in cat:
        if ind.unit == "aantal":
            base = ROUND_TO.get(ind.id, 1)
            pub[ind.id] = (np.round(pub[ind.id] / base) * base).astype(float)
    for ind in cat:
        if ind.rate is not None:
            den = sum(pub[x] for x in ind.rate.denominator)
            pub[ind.id] = np.where(den > 0, pub[ind.rate.numerator] / den.where(den > 0) * ind.rate.per, np.nan)
    pub["stedelijkheid"] = [_stedelijkheid(x) for x in pub["omgevingsadressendichtheid"]]
    for ind in cat:
        dec = DECIMALS.get(ind.id, DECIMALS_UNIT[ind.unit])
        pub[ind.id] = pub[ind.id].round(dec)
    status = pd.DataFrame("waarde", index=pub.index, columns=cat.ids)
    for ind_id in cat.ids:
        small = pub["inwoners"] < 50
        status.loc[small & (ind_id not in ALWAYS_PUBLISHED), ind_id] = "geheim"
        if ind_id in SUPPRESS_BELOW_200:
            status.loc[pub["inwoners"] < 200, ind_id] = "geheim"
    status.loc[pub["inwoners"] < SUPPRESS_JEUGDZORG_BELOW, "jeugdzorg_pct"] = "geheim"
    # one deliberately missing value: WOZ of the new-build buurt in 2020 (not yet assessed)
    new = buurten.loc[buurten["buurtnaam"] == "Polderzicht", "buurtcode"].iloc[0]
    status.loc[(pub["code"] == new) & (pub["jaar"] == 2020), "woz_waarde"] = "ontbreekt"
    for ind_id in cat.ids:
        pub.loc[status[ind_id] != "waarde", ind_id] = np.nan
    pub.attrs["status"] = status
    return true_df, pub


def aggregate_counted(true_df: pd.DataFrame, buurten: pd.DataFrame) -> pd.DataFrame:
    """Wijk and gemeente values from the unsuppressed buurt values (as CBS computes them from microdata)."""
    cat = load_indicators()
    rows = []
    groups = [(GEMEENTECODE, buurten["buurtcode"].tolist())]
    groups += [(w, g["buurtcode"].tolist()) for w, g in buurten.groupby("wijkcode", sort=True)]
    for year in YEARS:
        t = true_df[true_df["jaar"] == year].set_index("code")
        for code, members in groups:
            sub = t.loc[members]
            w = sub["inwoners"]
            row: dict[str, float | str | int] = {"code": code, "jaar": year}
            for ind in cat:
                if ind.unit == "aantal":
                    row[ind.id] = float(sub[ind.id].sum())
            row["_area"] = float((sub["inwoners"] / sub["bevolkingsdichtheid"]).sum())
            for ind in cat:
                if ind.unit == "aantal":
                    continue
                if ind.rate is not None:
                    den = sum(row[x] for x in ind.rate.denominator)
                    row[ind.id] = row[ind.rate.numerator] / den * ind.rate.per
                elif ind.id == "bevolkingsdichtheid":
                    row[ind.id] = row["inwoners"] / row["_area"]
                elif ind.id == "stedelijkheid":
                    continue
                else:
                    row[ind.id] = float((sub[ind.id] * w).sum() / w.sum())
            row["stedelijkheid"] = _stedelijkheid(row["omgevingsadressendichtheid"])
            del row["_area"]
            rows.append(row)
    agg = pd.DataFrame(rows)
    for ind in cat:
        if ind.unit == "aantal":
            base = ROUND_TO.get(ind.id, 1)
            agg[ind.id] = np.round(agg[ind.id] / base) * base
    for ind in cat:
        if ind.rate is not None:
            den = sum(agg[x] for x in ind.rate.denominator)
            agg[ind.id] = agg[ind.rate.numerator] / den * ind.rate.per
        agg[ind.id] = agg[ind.id].round(DECIMALS.get(ind.id, DECIMALS_UNIT[ind.unit]))
    return agg


def _fmt(value: float, decimals: int, status: str) -> str:
    if status == "geheim":
        return "."
    if status == "ontbreekt" or value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals == 0:
        return str(int(round(value)))
    return f"{value:.{decimals}f}"


def write_indicators(path: Path, pub: pd.DataFrame, agg: pd.DataFrame) -> None:
    """Write the wijklib wide format: ``code``, ``jaar`` and one column per indicator id."""
    cat = load_indicators()
    ids = cat.ids
    status = pub.attrs["status"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "jaar", *ids])
    for year in YEARS:
        a = agg[agg["jaar"] == year]
        for _, r in a.iterrows():
            w.writerow([r["code"], year] + [_fmt(r[i], DECIMALS.get(i, DECIMALS_UNIT[cat[i].unit]), "waarde")
                                            for i in ids])
        p = pub[pub["jaar"] == year]
        for k, r in p.iterrows():
            w.writerow([r["code"], year] + [_fmt(r[i], DECIMALS.get(i, DECIMALS_UNIT[cat[i].unit]),
                                                 status.at[k, i]) for i in ids])
    path.write_text(buf.getvalue(), encoding="utf-8")


# ----------------------------------------------------------------------------------------------------------------
# Told data
# ----------------------------------------------------------------------------------------------------------------

#: Survey theme offsets (all buurten) and deliberate per-buurt deviations from what the counted data suggest.
THEMA_OFFSET = {"veiligheid": 0.1, "leefbaarheid": 0.1, "sociale_cohesie": -0.15, "vertrouwen_instanties": -0.45,
                "initiatiefbereidheid": -0.3}
THEMA_AFWIJKING = {
    "Berkenhof": {"veiligheid": -1.3, "leefbaarheid": -0.5, "vertrouwen_instanties": -0.6},
    "Merelhof": {"sociale_cohesie": 1.4, "initiatiefbereidheid": 1.4},
    "Heidebuurt": {"leefbaarheid": -0.35, "sociale_cohesie": -0.3},
}


def make_survey(buurten: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About 370 respondents (spring 2024) answering the standard questionnaire (scores already reversed)."""
    rows = []
    rid = 0
    start = date(2024, 3, 4)
    for _, b in buurten.iterrows():
        n = min(25, int(round(b["inwoners"][2] / 115)))
        d24 = b["d"][2]
        for _ in range(n):
            rid += 1
            resp = f"R{rid:04d}"
            datum = (start + timedelta(days=int(rng.integers(0, 54)))).isoformat()
            person = rng.normal(0, 0.45)
            for v in STANDAARD_VRAGEN:
                mu = 3.45 - 0.42 * d24 + THEMA_OFFSET[v.thema] + THEMA_AFWIJKING.get(b["buurtnaam"], {}).get(v.thema, 0)
                x = mu + person + rng.normal(0, 0.75)
                if rng.random() < 0.04:  # no answer / weet niet
                    continue
                rows.append((b["buurtcode"], resp, v.thema, v.id, int(np.clip(np.rint(x), 1, 5)), datum))
    return pd.DataFrame(rows, columns=["buurtcode", "respondent", "thema", "vraag", "score", "datum"])


SCHOUW_BIJSCHRIFT = {
    "zwerfvuil": ["Vuilniszakken naast de container, al dagen niet opgehaald.", "Dumping van grofvuil achter de garageboxen.",
                  "Veel zwerfafval in de groenstrook langs het fietspad.", "Overvolle afvalbak bij de bushalte."],
    "verloedering": ["Graffiti op de gevel van de portiekflat.", "Verwaarloosde voortuinen en kapotte schuttingen.",
                     "Afbladderend schilderwerk en vocht bij de entree.", "Dichtgetimmerde ramen in de winkelplint."],
    "vernieling": ["Bushokje met ingeslagen ruit.", "Kapot speeltoestel, afgezet met lint.",
                   "Vernielde bankjes bij het water."],
    "verlichting": ["Lantaarnpaal kapot, 's avonds aardedonker pad.", "Slecht verlicht brandgangetje achter de woningen.",
                    "Tunneltje onder de weg zonder werkende verlichting."],
    "onveilige_plek": ["Onoverzichtelijke hoek met hoge struiken, bewoners lopen om.",
                       "Parkeerterrein zonder zicht vanuit de woningen.", "Achterpad waar men 's avonds niet durft te lopen."],
    "hangplek": ["Hangplek bij het winkelplein, 's avonds luidruchtig.", "Groep jongeren in de portiek, bewoners voelen zich geïntimideerd.",
                 "Bankje bij de speeltuin met veel lachgaspatronen."],
    "drugsoverlast": ["Lachgasflessen en zakjes bij het bankje.", "Auto's die kort stoppen bij het park: vermoedelijk dealen.",
                      "Naalden en verpakkingen in de bosjes.", "Sterke wietlucht bij de garageboxen."],
    "verdachte_panden": ["Pand met afgeplakte ramen en veel aanloop in de avond.", "Bedrijfsunit zonder naambord, 's nachts activiteit.",
                         "Woning met dichte gordijnen, veel wisselende bezoekers.", "Stankoverlast bij een loods, mogelijk hennepteelt."],
    "leegstand": ["Leegstaand winkelpand, etalage beplakt.", "Al lang leegstaande bovenwoning.", "Leegstaand kantoorpand met kapotte ramen."],
    "verkeer": ["Hardrijders op de rondweg langs de school.", "Foutparkeren op de stoep bij de supermarkt."],
    "groen_positief": ["Goed onderhouden buurttuin van bewoners.", "Nieuwe ontmoetingsplek bij het speelveld, veel gebruikt.",
                       "Moestuin op het voormalige braakliggende veld."],
    "overig": ["Loszittende stoeptegels, struikelgevaar.", "Kapotte fietsenstalling bij de flat."],
}

#: Schouw rounds: (buurt, number of points, category weights, date, dagdeel, severity shift)
SCHOUW_RONDES = [
    ("Merelhof", 12, {"zwerfvuil": 3, "verloedering": 3, "hangplek": 2, "drugsoverlast": 2, "verlichting": 1,
                      "groen_positief": 1}, "2024-05-14", "middag", 0.6),
    ("Kievitshof", 7, {"zwerfvuil": 3, "verloedering": 2, "hangplek": 1, "vernieling": 1}, "2024-05-14", "middag", 0.4),
    ("Koolmeesbuurt", 6, {"zwerfvuil": 2, "drugsoverlast": 2, "verloedering": 2}, "2024-05-14", "middag", 0.4),
    ("Vinkenbuurt", 4, {"zwerfvuil": 2, "verlichting": 1, "verkeer": 1}, "2024-05-14", "middag", 0.1),
    ("Spreeuwenpark", 3, {"groen_positief": 2, "zwerfvuil": 1}, "2024-05-14", "middag", -0.5),
    ("Mussenveld", 3, {"verloedering": 1, "onveilige_plek": 1, "zwerfvuil": 1}, "2024-05-14", "middag", 0.0),
    ("Oude Kern", 4, {"zwerfvuil": 2, "vernieling": 1, "hangplek": 1}, "2024-05-28", "avond", 0.0),
    ("Marktkwartier", 4, {"leegstand": 3, "verloedering": 1}, "2024-05-28", "middag", 0.0),
    ("Stationsbuurt", 6, {"drugsoverlast": 2, "zwerfvuil": 2, "onveilige_plek": 1, "vernieling": 1}, "2024-05-28",
     "avond", 0.3),
    ("Havenkwartier", 4, {"verdachte_panden": 2, "verlichting": 1, "zwerfvuil": 1}, "2024-05-28", "avond", 0.2),
    ("Havenkwartier", 4, {"verdachte_panden": 2, "onveilige_plek": 1, "vernieling": 1}, "2024-10-22", "avond", 1.0),
    ("Berkenhof", 9, {"drugsoverlast": 4, "verdachte_panden": 2, "onveilige_plek": 2, "verlichting": 1},
     "2024-06-11", "avond", 0.8),
    ("Heidebuurt", 7, {"verloedering": 3, "zwerfvuil": 2, "leegstand": 1, "vernieling": 1}, "2024-06-11", "middag", 0.3),
    ("Elzenbuurt", 2, {"zwerfvuil": 1, "verkeer": 1}, "2024-06-11", "middag", -0.2),
    ("Eikenlaan", 1, {"verkeer": 1}, "2024-06-11", "middag", -0.5),
    ("Bedrijventerrein De Zwaan", 4, {"verdachte_panden": 3, "zwerfvuil": 1}, "2024-09-17", "avond", 0.6),
    ("Oosterlinde", 1, {"leegstand": 1}, "2024-09-17", "middag", -0.3),
]


def _random_point(poly, rng: np.random.Generator):
    inner = poly.buffer(-25)
    if inner.is_empty:
        inner = poly
    minx, miny, maxx, maxy = inner.bounds
    while True:
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(p):
            return p


def make_schouw(buurten: pd.DataFrame, polys_rd: dict[str, Polygon], rng: np.random.Generator) -> list:
    """About 80 schouw points (GeoJSON features: properties, WGS84 point)."""
    by_name = dict(zip(buurten["buurtnaam"], buurten["buurtcode"], strict=True))
    feats = []
    k = 0
    for naam, n, weights, datum, dagdeel, shift in SCHOUW_RONDES:
        cats = list(weights)
        w = np.array([weights[c] for c in cats], dtype=float)
        for _ in range(n):
            k += 1
            cat = cats[int(rng.choice(len(cats), p=w / w.sum()))]
            base = 1.2 if cat == "groen_positief" else 1.9
            ernst = int(np.clip(np.rint(base + shift + rng.normal(0, 0.6)), 1, 3))
            if cat == "groen_positief":
                ernst = 1
            texts = SCHOUW_BIJSCHRIFT[cat]
            props = {"id": f"S{k:03d}", "categorie": cat, "ernst": ernst, "datum": datum, "dagdeel": dagdeel,
                     "bijschrift": texts[int(rng.integers(0, len(texts)))]}
            pt = _random_point(polys_rd[by_name[naam]], rng)
            lon, lat = _TO_WGS.transform(pt.x, pt.y)
            feats.append((props, Point(round(lon, 6), round(lat, 6))))
    return feats


#: Signals from professionals: (date, buurt, thema, bronrol, text). Fictional; no names, no addresses.
SIGNALEN = [
    ("2024-06-10", "Havenkwartier", "ondermijning", "handhaver",
     "Bedrijfsunit aan het water met afgeplakte ramen en 's nachts veel autoverkeer; doorgezet naar het RIEC-overleg."),
    ("2024-10-13", "Havenkwartier", "veiligheid", "wijkagent",
     "Vannacht is een explosief afgegaan bij de voordeur van een benedenwoning aan de kade. Geen gewonden, wel "
     "grote schade en veel ongerustheid bij omwonenden."),
    ("2024-10-14", "Havenkwartier", "sociale_cohesie", "buurtwerker",
     "Bewoners uit het portiek kwamen naar het buurthuis: ze durven hun kinderen 's avonds niet meer naar buiten te laten."),
    ("2024-10-15", "Havenkwartier", "ondermijning", "wijkagent",
     "Vermoedelijk verband met een conflict in het drugsmilieu; het pand werd al langer genoemd als opslagplek."),
    ("2024-10-16", "Havenkwartier", "jeugd", "jongerenwerker",
     "Jongeren praten over geld dat is aangeboden voor 'een klusje' bij de kade; enkelen zijn benaderd via sociale media."),
    ("2024-10-21", "Havenkwartier", "wonen", "woonconsulent",
     "Twee huishoudens vragen na de explosie om een andere woning; de corporatie onderzoekt mogelijke onderverhuur."),
    ("2023-11-02", "Merelhof", "armoede_schulden", "schuldhulpverlener",
     "Steeds meer gezinnen met achterstanden bij energie en huur; velen melden zich pas na een bezoek van de deurwaarder."),
    ("2024-01-18", "Merelhof", "jeugd", "leerkracht",
     "Op de basisschool komen meer kinderen zonder ontbijt; de school deelt nu fruit uit in de ochtendpauze."),
    ("2024-02-07", "Merelhof", "zorg_welzijn", "wijkverpleegkundige",
     "Meerdere alleenstaande ouderen in de flats komen nauwelijks buiten; de lift staat vaak stil."),
    ("2024-03-12", "Merelhof", "wonen", "woonconsulent",
     "Schimmel en vocht in de portiekflats; bewoners hebben het gevoel dat melden niets oplevert."),
    ("2024-04-23", "Merelhof", "ondermijning", "wijkagent",
     "Signalen dat flatwoningen worden onderverhuurd aan steeds wisselende bewoners; onduidelijk wie er echt woont."),
    ("2024-05-15", "Merelhof", "jeugd", "jongerenwerker",
     "Een groep jongeren van 13 tot 15 jaar wordt gezien bij dealers rond het winkelplein; een paar gaan niet meer naar school."),
    ("2024-09-03", "Merelhof", "sociale_cohesie", "opbouwwerker",
     "Bewoners hebben zelf een kledingruil en een buurtmaaltijd opgezet; de opkomst is groot en er is energie voor meer."),
    ("2024-10-08", "Merelhof", "armoede_schulden", "maatschappelijk werker",
     "Meer werkende armen: mensen met een baan die toch bij de voedselbank aankloppen."),
    ("2023-12-05", "Kievitshof", "veiligheid", "wijkagent",
     "Herhaaldelijk overlast van jongvolwassenen in de kelderboxen; bewoners durven het niet te melden."),
    ("2024-05-28", "Kievitshof", "leefbaarheid", "beheerder openbare ruimte",
     "Grofvuil wordt steeds naast de containers gezet; twee dagen na het ophalen ligt er weer nieuw afval."),
    ("2024-02-20", "Koolmeesbuurt", "armoede_schulden", "sociaal wijkteam",
     "Veel vragen over de energietoeslag; een deel van de bewoners kent de regelingen niet of durft geen hulp te vragen."),
    ("2024-08-14", "Koolmeesbuurt", "jeugd", "jongerenwerker",
     "Lachgas en ballonnen bij het speelveld; jongeren vertellen dat er 'makkelijk geld' te verdienen is met rondbrengen."),
    ("2024-03-26", "Vinkenbuurt", "zorg_welzijn", "huisarts",
     "Meer patiënten met stressklachten door geldzorgen en slechte huisvesting."),
    ("2024-01-30", "Stationsbuurt", "veiligheid", "handhaver",
     "Rond het station 's avonds drugsoverlast en zakkenrollerij, vooral in de fietsenstalling."),
    ("2024-07-09", "Stationsbuurt", "ondermijning", "ondernemer",
     "Nieuwe winkels met nauwelijks klanten die toch lang open blijven; omliggende ondernemers vinden het verdacht."),
    ("2022-10-11", "Heidebuurt", "leefbaarheid", "bewonersvereniging",
     "De bewonersvereniging vindt minder vrijwilligers; de jaarlijkse buurtdag gaat dit jaar niet door."),
    ("2023-06-20", "Heidebuurt", "wonen", "woonconsulent",
     "Meer verhuizingen dan vroeger; vrijgekomen woningen gaan vaak naar urgent woningzoekenden met een zware hulpvraag."),
    ("2024-02-14", "Heidebuurt", "jeugd", "leerkracht",
     "Meer leerlingen met gedragsproblemen en verzuim; ouders zijn moeilijker bereikbaar."),
    ("2024-06-18", "Heidebuurt", "veiligheid", "wijkagent",
     "Enkele woninginbraken en autokraken in korte tijd; nog geen duidelijk patroon, wel meer onrust."),
    ("2024-09-24", "Heidebuurt", "sociale_cohesie", "wijkverbinder",
     "Oudere bewoners zeggen dat ze de buurt 'niet meer herkennen'; weinig contact tussen oude en nieuwe bewoners."),
    ("2024-03-05", "Berkenhof", "ondermijning", "wijkagent",
     "Buren zien veel korte bezoekjes bij een woning in de buurt, ook 's avonds laat, en vermoeden een drugspand; "
     "het adres is alleen aan de politie doorgegeven."),
    ("2024-04-17", "Berkenhof", "veiligheid", "buurtwerker",
     "Bewoners voelen zich 's avonds onveilig bij het park door dealers in auto's; in de cijfers is dat niet terug te zien."),
    ("2024-07-02", "Berkenhof", "jeugd", "jongerenwerker",
     "Jongeren van buiten de buurt komen naar het park om te blowen en te dealen; jongens uit de buurt worden gevraagd mee te doen."),
    ("2024-09-12", "Berkenhof", "ondermijning", "woonconsulent",
     "Stankoverlast rond de garageboxen gemeld; mogelijk een kleine hennepkwekerij in de buurt."),
    ("2024-05-06", "Oude Kern", "veiligheid", "handhaver",
     "Uitgaansoverlast in het weekend: geluid, wildplassen en af en toe een vechtpartij na sluitingstijd."),
    ("2023-09-19", "Marktkwartier", "ondermijning", "gebiedsmanager",
     "Opvallend vaak een andere eigenaar bij horecazaken rond de markt; er wordt een Bibob-toets aangevraagd."),
    ("2024-11-05", "Marktkwartier", "leefbaarheid", "ondernemer",
     "De leegstand in de winkelstraat neemt toe; ondernemers willen samen met de gemeente een plan maken."),
    ("2024-04-09", "Spreeuwenpark", "sociale_cohesie", "opbouwwerker",
     "Nieuw bewonersinitiatief voor een moestuin op een braakliggend veld; buurtgenoten van allerlei achtergronden doen mee."),
    ("2024-06-04", "Mussenveld", "veiligheid", "wijkagent",
     "Meer meldingen van burenruzies en huiselijk geweld in de buurt dan vorig jaar."),
    ("2024-02-27", "Bedrijventerrein De Zwaan", "ondermijning", "handhaver",
     "Bedrijfspanden met steeds wisselende huurders; in één pand wordt 's nachts gewerkt zonder zichtbare bedrijfsactiviteit."),
    ("2024-08-20", "Bedrijventerrein De Zwaan", "ondermijning", "wijkagent",
     "Bij een controle van een loods zijn aanwijzingen gevonden voor opslag van chemicaliën; het onderzoek loopt."),
    ("2024-03-19", "Verspreide huizen Waardpolder", "ondermijning", "gebiedsmanager",
     "Een agrariër vertelt dat hij is benaderd om een lege schuur te verhuren voor een opvallend hoge prijs, contant."),
    ("2024-05-21", "Oosterlinde", "zorg_welzijn", "wijkverpleegkundige",
     "Eenzaamheid onder ouderen sinds het dorpshuis dicht is; er is geen ontmoetingsplek meer in het dorp."),
    ("2024-10-01", "Polderzicht", "leefbaarheid", "bewonersvereniging",
     "Bewoners vragen om een speelplek en een veilige fietsverbinding naar de school in Noorderhout."),
    ("2024-01-09", "Elzenbuurt", "zorg_welzijn", "sociaal wijkteam",
     "Twee meldingen van verward gedrag in korte tijd; afstemming tussen zorg en politie is nodig."),
    ("2024-03-28", "Kerkbuurt", "sociale_cohesie", "buurtwerker",
     "De kerk opent haar zaal voor een wekelijkse inloop; die wordt goed bezocht door ouderen uit de binnenstad."),
]


def make_signals(buurten: pd.DataFrame) -> pd.DataFrame:
    by_name = dict(zip(buurten["buurtnaam"], buurten["buurtcode"], strict=True))
    rows = sorted(SIGNALEN, key=lambda r: (r[0], by_name[r[1]]))
    return pd.DataFrame([{"id": f"SG{k:02d}", "datum": d, "buurtcode": by_name[b], "thema": t, "bronrol": r,
                          "tekst": x} for k, (d, b, t, r, x) in enumerate(rows, start=1)])


# ----------------------------------------------------------------------------------------------------------------
# README
# ----------------------------------------------------------------------------------------------------------------


def _q(values, p):
    v = np.asarray([x for x in values if not (isinstance(x, float) and math.isnan(x))], dtype=float)
    return float(np.quantile(v, p)) if len(v) else float("nan")


def _num(x: float) -> str:
    if math.isnan(x):
        return "–"
    if abs(x) >= 100:
        return f"{x:.0f}"
    return f"{x:.1f}"


def write_readme(path: Path, buurten: pd.DataFrame, pub: pd.DataFrame, calib: dict, n_files: dict[str, int]) -> None:
    from wijklib.told import ENQUETE_KOLOMMEN, SCHOUW_KOLOMMEN, SIGNAAL_KOLOMMEN

    cat = load_indicators()
    L: list[str] = []
    L += ["# Demodata: de fictieve gemeente Lindewaard (FICTIEF / FICTIONAL)", "",
          "> **FICTIEF / FICTIONAL.** Alles in `data/demo/` gaat over de verzonnen gemeente **Lindewaard** (code "
          "`GM9901`, geen echte CBS-code). Buurten, namen, cijfers, enquêteantwoorden, schouwpunten en signalen zijn "
          "door een script gemaakt. Ze lijken op echte data maar zeggen niets over een echte plek of echte mensen. "
          "Gebruik ze alleen om te oefenen, te testen en te demonstreren.", "",
          "Dit bestand en de bestanden in `data/demo/` worden gemaakt door één commando, "
          f"`scripts/make_demo_data.py` (vast zaadgetal {SEED}; deterministisch), behalve wat hieronder 'met de "
          "hand' heet. Pas ze niet met de hand aan: wijzig het script (of het deel in `scripts/demo_parts/`) en draai "
          "`python scripts/make_demo_data.py` opnieuw.", "",
          "De kalibratie (`demo/kalibratie.json`) berekent het script op de echte data in `shared/data` (naast de checkout); "
          "zonder die map, of met `--kalibratie data/demo/kalibratie.json`, gebruikt het het opgeslagen bestand en "
          "maakt het precies dezelfde bestanden.", "",
          "## De gemeente Lindewaard", "",
          "Lindewaard ligt op de plek in het Markermeer waar ooit de Markerwaard had moeten komen: op een "
          "achtergrondkaart staat de gemeente dus midden in het water, zodat niemand haar voor een echte plek "
          "houdt; zij overlapt geen buurt of gemeente uit de CBS-bestanden in `shared/data` (naast de checkout). Vier wijken, 30 buurten; de buurten zijn Voronoi-cellen "
          "(Lloyd-ontspannen) binnen een onregelmatige grens en delen de gemeente precies op.", "",
          "| wijkcode | wijk | karakter |", "|---|---|---|"]
    for w, (naam, oms) in WIJKEN.items():
        L.append(f"| WK9901{w} | {naam} | {oms} |")
    L += ["", "Rollen van de buurten (de 'antwoorden' voor oefeningen; staan bewust niet in de geodata):", "",
          "| buurtcode | buurt | wijk | inwoners 2020 / 2022 / 2024 | rol in de demo |", "|---|---|---|---|---|"]
    for _, b in buurten.iterrows():
        L.append(f"| {b['buurtcode']} | {b['buurtnaam']} | {b['wijknaam']} | "
                 f"{' / '.join(str(x) for x in b['inwoners'])} | {b['rol']} |")
    L += ["", "## Bestanden", "",
          "| bestand | inhoud |", "|---|---|",
          f"| `demo/buurten.geojson` | {n_files['buurten']} buurtvlakken, EPSG:4326 (lengtegraad, breedtegraad), "
          "eigenschappen `buurtcode`, `buurtnaam`, `wijkcode`, `wijknaam`, `gemeentecode`, `gemeentenaam` |",
          f"| `demo/wijken.geojson` | {n_files['wijken']} wijkvlakken (vereniging van hun buurten): `wijkcode`, "
          "`wijknaam`, `gemeentecode`, `gemeentenaam` |",
          "| `demo/gemeente.geojson` | de gemeentegrens (vereniging van alle buurten): `gemeentecode`, `gemeentenaam` |",
          f"| `demo/indicatoren.csv` | {n_files['indicatoren']} rijen: telcijfers per gebied en jaar in het "
          "wijklib-breedformaat (zie hieronder) |",
          f"| `demo/enquete.csv` | {n_files['enquete']} antwoorden van {n_files['respondenten']} respondenten, "
          "lang formaat |",
          f"| `demo/schouw.geojson` | {n_files['schouw']} schouwwaarnemingen (punten, EPSG:4326) |",
          f"| `demo/signalen.csv` | {n_files['signalen']} signalen van professionals |",
          "| `demo/kalibratie.json` | kwantielen en factorladingen van de echte data waarop de telcijfers zijn "
          "gekalibreerd; het script gebruikt dit bestand als de echte data ontbreken |", "",
          "Inlezen met de gewone wijklib-functies (precies zoals echte data):", "",
          "```python", "from wijklib.geo import load_areas", "from wijklib.counted import read_wide_table",
          "from wijklib import told", "buurten = load_areas('data/demo/buurten.geojson', level='buurt')",
          "tellen = read_wide_table('data/demo/indicatoren.csv')",
          "enquete = told.read_survey('data/demo/enquete.csv')",
          "schouw = told.read_schouw('data/demo/schouw.geojson', buurten=buurten)",
          "signalen = told.read_signals('data/demo/signalen.csv')", "```", "",
          "### `indicatoren.csv`", "",
          "Kolommen `code` (CBS-code van gemeente `GM9901`, wijk `WK9901ww` of buurt `BU9901wwbb`), `jaar` "
          "(2020, 2022, 2024) en één kolom per indicator-id van de indicatorcatalogus "
          "(`wijklib/indicators/data/indicators.yaml`). Een punt `.` betekent geheim (door het CBS onderdrukt), een "
          "leeg vak ontbreekt. Decimaalteken is de punt; scheidingsteken de komma.", "",
          "Afronding zoals het CBS: uitkeringen en opleidingsaantallen op tientallen, huishoudens op tientallen, "
          "eenpersoonshuishoudens en Wmo-cliënten op vijftallen; percentages op één decimaal (koop- en "
          "corporatiewoningen op hele procenten), WOZ op hele duizenden euro's. Verhoudingscijfers (per 1.000, %) "
          "met een teller en noemer in de catalogus zijn berekend uit de afgeronde aantallen. Wijk- en "
          "gemeentecijfers komen uit de niet-afgeronde buurtcijfers (zoals het CBS ze uit microdata berekent) en "
          "worden niet onderdrukt.", "",
          "Geheimhouding (vereenvoudigde CBS-regels):", "",
          f"* minder dan 50 inwoners: geheim voor {SUPPRESS_BELOW_50};",
          "* minder dan 200 inwoners: geheim voor " + ", ".join(f"`{x}`" for x in sorted(SUPPRESS_BELOW_200)) + ";",
          f"* minder dan {SUPPRESS_JEUGDZORG_BELOW} inwoners: `jeugdzorg_pct` geheim (te weinig jongeren);",
          "* bewust één ontbrekende waarde: `woz_waarde` van Polderzicht in 2020 (nieuwbouw, nog niet getaxeerd).", "",
          "`stedelijkheid` is afgeleid van `omgevingsadressendichtheid` met de CBS-klassegrenzen (2.500, 1.500, 1.000 "
          "en 500 adressen per km²); `bevolkingsdichtheid` is inwoners gedeeld door de oppervlakte van het buurtvlak.", "",
          "| kolom | omschrijving | eenheid | richting |", "|---|---|---|---|"]
    for ind in cat:
        L.append(f"| `{ind.id}` | {ind.label_nl} | {ind.unit_label_nl} | {ind.direction} |")
    for fname, specs, extra in (
            ("enquete.csv", ENQUETE_KOLOMMEN,
             "Standaardvragenlijst van `wijklib.told.STANDAARD_VRAGEN` (14 stellingen, 5 thema's), schaal 1-5, "
             "hoger = positiever; omgekeerde stellingen zijn al omgepoold. Afgenomen maart-april 2024. Ongeveer 4% "
             "van de vragen is niet beantwoord (weggelaten rij). Kleine buurten hebben minder dan "
             "10 respondenten: `wijklib.told.aggregate_survey` markeert die als onbetrouwbaar."),
            ("schouw.geojson", SCHOUW_KOLOMMEN,
             "Punten (GeoJSON, [lengtegraad, breedtegraad]) met de eigenschappen hieronder (zonder lat/lon: die "
             "staan in de geometrie). Ernst op de schaal 1-3. Schouwrondes mei-oktober 2024; in Havenkwartier is "
             "na het incident een extra avondronde gelopen. Zonder buurtcode: die volgt uit de ligging "
             "(`read_schouw(..., buurten=...)`)."),
            ("signalen.csv", SIGNAAL_KOLOMMEN,
             "Korte, verzonnen teksten zonder namen of adressen; `bronrol` is een rol, nooit een naam. 2022-2024.")):
        L += ["", f"### `{fname}`", "", extra, "", "| kolom | verplicht | soort waarde | uitleg |", "|---|---|---|---|"]
        for s in specs:
            if fname == "schouw.geojson" and s.name in ("lat", "lon"):
                continue
            L.append(f"| `{s.name}` | {'ja' if s.required else 'nee'} | {s.kind} | {s.uitleg} |")
    L += ["", "### Bewuste verschillen tussen tellen en vertellen", "",
          "* **Berkenhof** (BU99010302): de telcijfers zijn gunstig, maar bewoners scoren veiligheid en vertrouwen "
          "laag, de avondschouw vindt drugsoverlast en een verdacht pand, en professionals melden ondermijning.",
          "* **Merelhof** (BU99010201): de telcijfers zijn het slechtst van de gemeente, maar bewoners scoren sociale "
          "cohesie en initiatiefbereidheid juist bovengemiddeld (kracht van de buurt).",
          "* **Havenkwartier** (BU99010103): acuut incident in oktober 2024 (explosie bij een woning): een cluster "
          "signalen van verschillende rollen binnen een week en een extra schouwronde; de telcijfers en de enquête "
          "(voorjaar 2024) laten het nog niet zien.",
          "* **Heidebuurt** (BU99010301): sluimerend; de telcijfers verslechteren van 2020 via 2022 naar 2024 en "
          "de signalen nemen toe, maar de buurt valt in 2024 nog niet in de slechtste klasse.", "",
          "## Hoe de telcijfers zijn gemaakt en waarop ze zijn gekalibreerd", "",
          "Elke buurt heeft een ontworpen *achterstandsfactor* d (per jaar; zie de rollen hierboven) en een "
          "*stedelijkheidsfactor* u (afstand tot het centrum, of ontworpen voor het buitengebied). Per indicator "
          "geldt z = a·d + c·u + √(1−a²−c²)·e, met e een vaste buurteigen afwijking plus wat ruis per jaar "
          "(Gaussische copula met twee factoren). De waarde is het kwantiel Φ(z) van de echte verdeling. De "
          "ladingen a en c zijn geschat op dezelfde echte data: a op een achterstandsproxy (Amsterdam: gemiddelde "
          "normaalscore van lage inkomens, sociaal minimum, bijstand en −inkomen per inwoner; landelijk 2024: "
          "−WOZ en −koopwoningen), c op de omgevingsadressendichtheid (orthogonaal op de proxy gemaakt). Alleen "
          "buurten met ten minste 200 inwoners tellen mee. Voor ervaren gezondheid en misdrijven zijn de echte "
          "verdelingen per jaar gebruikt (2020, 2022, 2024; misdrijven 2021 voor 2020). Voor enkele indicatoren "
          "met een duidelijke landelijke ontwikkeling is het niveau per jaar bij benadering bijgesteld "
          "(indicatieve, afgeronde indexcijfers, geen officiële reeks): "
          + "; ".join(f"`{k}`" for k in JAAR_INDEX) + ".", "",
          "Vergelijking van de demoverdeling met de echte verdeling (p10 / p50 / p90 over buurten; demojaar 2024 "
          "voor landelijke bronnen, 2020 voor de Amsterdamse). ρ(d) is de Spearman-correlatie met de "
          "achterstandsproxy (echt) of met de ontworpen factor d (demo). Met 30 buurten en een ontworpen "
          "verdeling van d wijken de demowaarden bewust wat af: Lindewaard heeft meer probleembuurten dan een "
          "willekeurige steekproef.", "",
          "| indicator | bron (n buurten) | echt p10 / p50 / p90 | demo p10 / p50 / p90 | echt ρ(d) | demo ρ(d) |",
          "|---|---|---|---|---|---|"]
    cal = calib["indicators"]
    for ind in cat:
        if ind.id not in cal:
            continue
        spec = cal[ind.id]
        year = 2024 if spec["bron"] == "nl2024" else 2020
        qkey = str(year) if str(year) in spec["q"] else next(iter(spec["q"]))
        q = spec["q"][qkey]
        real = (q[9], q[49], q[89])
        sub = pub[(pub["jaar"] == year)]
        vals = sub[ind.id].to_numpy(dtype=float)
        dvals = np.array([buurten.set_index("buurtcode").loc[c, "d"][YEARS.index(year)] for c in sub["code"]])
        ok = ~np.isnan(vals)
        demo = tuple(_q(vals[ok], p) for p in (0.1, 0.5, 0.9))
        rho = spearmanr(vals[ok], dvals[ok]).statistic if ok.sum() > 3 else float("nan")
        src = SOURCES[spec["bron"]][2] + (f", jaar {qkey}" if len(spec["q"]) > 1 else "")
        L.append(f"| `{ind.id}` | {src} ({spec['n']}) | {' / '.join(_num(x) for x in real)} | "
                 f"{' / '.join(_num(x) for x in demo)} | {spec['r_d']:+.2f} | {rho:+.2f} |")
    L += ["", "Niet getrokken maar afgeleid: `inwoners` (ontworpen), `bevolkingsdichtheid` (inwoners gedeeld door de "
          "oppervlakte van het buurtvlak), `omgevingsadressendichtheid` (adressen binnen 1 km van punten verspreid "
          "over de buurt, uit de geometrie en het aantal huishoudens plus winkels, kantoren en bedrijven; de rij in "
          "de tabel vergelijkt de uitkomst met de echte verdeling), `stedelijkheid` (uit de adressendichtheid), en "
          "alle basistellingen (tellers en noemers: aantal huishoudens uit het aandeel eenpersoonshuishoudens en "
          "een huishoudensgrootte, tellers uit de verhoudingscijfers, opleidingsaantallen uit het aandeel "
          "laagopgeleiden). Het landelijke aandeel eenpersoonshuishoudens per buurt staat niet in de gedeelde data; "
          "het is benaderd uit de gemiddelde huishoudensgrootte g als (2,9 − g) / 1,9 (met 2,9 als grootte van "
          "meerpersoonshuishoudens komt het landelijk gemiddelde uit op 41%, tegen 39% in werkelijkheid). "
          "Structurele kenmerken (" + ", ".join(f"`{x}`" for x in sorted(STRUCTUREEL)) + ") volgen de "
          "achterstandsfactor van 2020 en veranderen per jaar weinig; inkomen, uitkeringen, veiligheid, "
          "gezondheid en zorg volgen de achterstandsfactor van elk jaar.", "",
          "Bronnen van de echte data: CBS Kerncijfers wijken en buurten 2017, 2019 (Amsterdam) en 2024 (selectie, "
          "heel Nederland), geregistreerde misdrijven (politie via CBS), Gezondheidsmonitor (RIVM/GGD'en); "
          "CC BY 4.0. Zie `shared/data/README.md` naast de checkout.", "",
          "## Andere demo-invoer", "",
          "`python scripts/make_demo_data.py` maakt ook deze delen (of één deel met `--deel`).", "",
          "| map of bestand | wat | gemaakt door |", "|---|---|---|",
          "| `demo/stakeholders/` | fictieve stakeholderkaart van wijk Zuiderveld: actoren, relaties, beoordelingen, "
          "2 rondes, 4 informanten (CSV + XLSX) | `scripts/make_demo_data.py --deel stakeholders` |",
          "| `demo/quickscan/` | antwoorden van 5 partners op de 57 vraagt-om-stellingen, eigen interventies, een "
          "ingevuld werkblad | `scripts/make_demo_data.py --deel quickscan` |",
          "| `demo/tracker/` | procesmonitor van twee wijken (halverwege en net begonnen) | "
          "`scripts/make_demo_data.py --deel tracker` |",
          "| `demo/gemeenschap/` | werkbank van de wijkverbinder in Zuiderveld: kennismaking, sleutelpersonen, "
          "veerkracht, activiteiten, signalen, barrièremodel, zelfevaluatie | "
          "`scripts/make_demo_data.py --deel gemeenschap` |",
          "| `demo/verhalen/` | 24 gecodeerde verhaalfragmenten uit Zuiderveld (interviewcitaten in Markdown, "
          "veldnotities en verslagen in CSV) en een codeboek met eigen codes; informant I4 trok de toestemming in "
          "(notebooks 08 en 01, rapporten) | met de hand |",
          "| `demo/aanleidingen.csv` | aanleidingenlogboek van de demogemeente (wat urgentie kan oproepen, per buurt; "
          "voor de urgentietypen) | met de hand |",
          "| `demo/urgentie.yaml` | urgentie-instellingen voor de demogemeente (drempels zijn startwaarden, geen "
          "normen) | met de hand |",
          "| `demo/project.yaml` | projectbestand van de demogemeente (invoer, referentie, instellingen; gelezen door "
          "notebooks 01/03, `wijk analyse`, `wijk rapport --project`) | met de hand |", "",
          "Ook dit alles is FICTIEF, zoals de rest van `data/demo/`.", ""]
    path.write_text("\n".join(L), encoding="utf-8")


# ----------------------------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------------------------


def _shared_dir(arg: str | None) -> Path | None:
    import os

    cand = Path(arg) if arg else (Path(os.environ["WIJKLIB_SHARED_DATA"]) if os.environ.get("WIJKLIB_SHARED_DATA")
                                  else ROOT.parent / "shared" / "data")
    return cand if (cand / SOURCES["nl2024"][0]).is_file() else None


def make_lindewaard(out: Path, readme: Path, calib: dict) -> None:
    """Write the part ``lindewaard`` (geometry, counted and told data, calibration) into ``out``, and ``readme``."""
    (out / "kalibratie.json").write_text(json.dumps(calib, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")

    buurten = buurt_table()
    polys_by_wijk, (cx, cy) = make_geometry(np.random.default_rng([SEED, 1]))
    polys_rd: dict[str, Polygon] = {}
    for w, designs in BUURTEN.items():
        for i, _b in enumerate(designs, start=1):
            polys_rd[f"BU9901{w}{i:02d}"] = polys_by_wijk[w][i - 1]
    # Insert every vertex that lies on a neighbour's edge into that edge, so that shared borders have identical
    # vertices on both sides and stay gap-free after rounding.
    vertices = MultiPoint(sorted({xy for p in polys_rd.values() for xy in p.exterior.coords}))
    polys_rd = {c: shapely.snap(p, vertices, 0.001) for c, p in polys_rd.items()}
    # geometry in WGS84 (rounded); areas and urbanity from the RD polygons
    polys_wgs = {c: to_wgs84(p) for c, p in polys_rd.items()}
    areas = {c: p.area / 1e6 for c, p in polys_rd.items()}
    u_eff = []
    for _, b in buurten.iterrows():
        if b["u"] is not None and not (isinstance(b["u"], float) and math.isnan(b["u"])):
            u_eff.append(float(b["u"]))
        else:
            c = polys_rd[b["buurtcode"]].centroid
            u_eff.append(1.8 - 0.8 * math.hypot(c.x - cx, c.y - cy) / 1000)
    buurten["u_eff"] = u_eff

    feats = []
    for _, b in buurten.iterrows():
        props = {"buurtcode": b["buurtcode"], "buurtnaam": b["buurtnaam"], "wijkcode": b["wijkcode"],
                 "wijknaam": b["wijknaam"], "gemeentecode": GEMEENTECODE, "gemeentenaam": GEMEENTENAAM}
        feats.append((props, polys_wgs[b["buurtcode"]]))
    write_geojson(out / "buurten.geojson", "buurten", feats)
    wfeats = []
    for w, (wnaam, _) in WIJKEN.items():
        geom = _round_geom(unary_union([polys_wgs[c] for c in buurten.loc[buurten["wijkcode"] == f"WK9901{w}",
                                                                           "buurtcode"]]))
        wfeats.append(({"wijkcode": f"WK9901{w}", "wijknaam": wnaam, "gemeentecode": GEMEENTECODE,
                        "gemeentenaam": GEMEENTENAAM}, orient(geom, 1.0)))
    write_geojson(out / "wijken.geojson", "wijken", wfeats)
    gem = orient(_round_geom(unary_union(list(polys_wgs.values()))), 1.0)
    write_geojson(out / "gemeente.geojson", "gemeente", [({"gemeentecode": GEMEENTECODE,
                                                          "gemeentenaam": GEMEENTENAAM}, gem)])

    oad_weights = address_density_weights(polys_rd, buurten["buurtcode"].tolist())
    true_df, pub = make_counted(buurten, areas, calib, np.random.default_rng([SEED, 2]), oad_weights)
    agg = aggregate_counted(true_df, buurten)
    write_indicators(out / "indicatoren.csv", pub, agg)

    survey = make_survey(buurten, np.random.default_rng([SEED, 3]))
    survey.to_csv(out / "enquete.csv", index=False, lineterminator="\n")
    schouw = make_schouw(buurten, polys_rd, np.random.default_rng([SEED, 4]))
    write_geojson(out / "schouw.geojson", "schouw", schouw)
    signals = make_signals(buurten)
    signals.to_csv(out / "signalen.csv", index=False, lineterminator="\n")

    n_files = {"buurten": len(feats), "wijken": len(wfeats), "indicatoren": len(pub) + len(agg),
               "enquete": len(survey), "respondenten": survey["respondent"].nunique(), "schouw": len(schouw),
               "signalen": len(signals)}
    write_readme(readme, buurten.drop(columns=["u"]), pub, calib, n_files)
    print(f"lindewaard: {', '.join(f'{k}={v}' for k, v in n_files.items())}")




def _make_stakeholders(out: Path) -> None:
    from wijklib.stakeholders.demo import write_demo

    write_demo(out)


def _part(name: str) -> Callable[[Path], object]:
    """The ``make(out)`` function of a part in ``scripts/demo_parts/`` (beside this script, so importable when the
    script runs)."""
    import importlib

    return importlib.import_module(f"demo_parts.{name}").make


#: The parts of the demo: name -> sub-folder of the demo folder ("" = the demo folder itself).
PARTS: dict[str, str] = {"lindewaard": "", "gemeenschap": "gemeenschap", "quickscan": "quickscan",
                         "tracker": "tracker", "stakeholders": "stakeholders"}

#: Files of ``data/demo/`` made by hand (inputs written for the demo story), not by this command.
HAND_MADE: tuple[str, ...] = ("aanleidingen.csv", "project.yaml", "urgentie.yaml", "verhalen/README.md",
                              "verhalen/codeboek.csv", "verhalen/interviews.md",
                              "verhalen/veldnotities_en_verslagen.csv", "gemeenschap/README.md",
                              "quickscan/README.md", "tracker/README.md")


def same_content(a: Path, b: Path) -> bool:
    """Whether two files hold the same data; workbooks (``.xlsx``) are compared member by member, ignoring the
    zip timestamps and the document dates in ``docProps/core.xml``, which change at every save."""
    if a.read_bytes() == b.read_bytes():
        return True
    if a.suffix.lower() != ".xlsx":
        return False
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        names = [i.filename for i in za.infolist()]
        if names != [i.filename for i in zb.infolist()]:
            return False
        return all(za.read(n) == zb.read(n) for n in names if n != "docProps/core.xml")


def install(staged: Path, target: Path) -> list[Path]:
    """Copy every file of ``staged`` into ``target`` (same relative path) where its content differs; return those."""
    return [dst for src in sorted(p for p in staged.rglob("*") if p.is_file())
            for dst in install_file(src, target / src.relative_to(staged))]


def install_file(src: Path, dst: Path) -> list[Path]:
    """Copy one file into place (atomically) when its content differs; return ``[dst]`` when copied."""
    if dst.is_file() and same_content(src, dst):
        return []
    dst.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(dst, src.read_bytes())
    return [dst]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak alle demodata van de fictieve gemeente Lindewaard (GM9901).")
    parser.add_argument("--out", default=str(ROOT / "data" / "demo"), help="uitvoermap (standaard data/demo)")
    parser.add_argument("--readme", default=str(ROOT / "data" / "README.md"), help="pad van de README")
    parser.add_argument("--kalibratie", default=None,
                        help="lees de kalibratie uit dit JSON-bestand in plaats van uit de echte data")
    parser.add_argument("--shared", default=None, help="map met de echte data (standaard ../shared/data)")
    parser.add_argument("--deel", choices=["alle", *PARTS], default="alle",
                        help="maak één deel van de demodata (standaard: alle delen)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    parts = list(PARTS) if args.deel == "alle" else [args.deel]

    with tempfile.TemporaryDirectory(prefix="demodata-") as tmp:
        staged = Path(tmp)
        for part in parts:
            folder = staged / "demo" / PARTS[part]
            folder.mkdir(parents=True, exist_ok=True)
            if part == "lindewaard":
                make_lindewaard(folder, staged / "README.md", _calibration(args.kalibratie, args.shared))
            elif part == "stakeholders":
                _make_stakeholders(folder)
            else:
                _part(part)(folder)
        changed = install(staged / "demo", out)
        if (staged / "README.md").is_file():
            changed += install_file(staged / "README.md", Path(args.readme))
    print(f"klaar: {out} ({', '.join(parts)}); {len(changed)} bestand(en) gewijzigd"
          + "".join(f"\n  {p}" for p in changed))
    return 0


def _calibration(path: str | None, shared_arg: str | None) -> dict:
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    if (shared := _shared_dir(shared_arg)) is not None:
        return compute_calibration(shared)
    committed = ROOT / "data" / "demo" / "kalibratie.json"
    print("echte data niet gevonden; kalibratie uit", committed)
    return json.loads(committed.read_text(encoding="utf-8"))


if __name__ == "__main__":
    raise SystemExit(main())
