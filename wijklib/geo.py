"""Area geometries: load buurt / wijk / gemeente polygons with a known CRS.

:func:`load_areas` reads GeoJSON, TopoJSON, GeoPackage and shapefiles (anything GDAL reads through pyogrio)
into a GeoDataFrame with the columns ``area_code``, ``name``, ``level``, ``wijk_code``, ``gemeente_code`` and
``geometry``. Analysis happens in RD New (EPSG:28992, metres); :func:`to_wgs84` converts for web maps.

A file without a CRS is an error unless the caller says which CRS the coordinates are in (``crs=...``);
the TopoJSON of the shared data, for instance, has no CRS tag and is in lon/lat (``crs="EPSG:4326"``).
Invalid geometries are repaired with :func:`shapely.make_valid`, with a warning naming how many and which.

Examples
--------
>>> gdf = load_areas("buurten.topojson", crs="EPSG:4326", gemeente="GM0363")  # doctest: +SKIP
>>> web = to_wgs84(gdf)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from wijklib.areas import LEVELS, hierarchy, normalise_code, normalise_level, parse_code, validate_codes
from wijklib.errors import InputError

__all__ = [
    "RD_NEW",
    "WGS84",
    "AREA_COLUMNS",
    "GeometryRepairWarning",
    "load_areas",
    "to_wgs84",
    "to_rd",
    "repair_geometries",
]

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
AREA_COLUMNS = ["area_code", "name", "level", "wijk_code", "gemeente_code", "geometry"]

# Column names that commonly hold CBS codes / names, most specific first.
_CODE_CANDIDATES = (
    "area_code", "statcode", "cbsCode", "cbs_code", "buurtcode", "BU_CODE", "wijkcode", "WK_CODE",
    "gemeentecode", "GM_CODE", "code", "gebiedscode", "regiocode", "CBS_code",
)
_NAME_CANDIDATES = {
    "buurt": ("name", "naam", "buurtnaam", "BU_NAAM", "statnaam"),
    "wijk": ("name", "naam", "wijknaam", "WK_NAAM", "statnaam"),
    "gemeente": ("name", "naam", "gemeentenaam", "GM_NAAM", "statnaam"),
    "land": ("name", "naam"),
}
# Rough envelope of the Netherlands incl. territorial waters, in lon/lat; used to catch wrong CRS.
_NL_LONLAT = (2.0, 50.4, 7.6, 55.8)
_NO_CRS_MESSAGE = ("het bestand legt geen coördinatenstelsel (CRS) vast; geef aan welk het is, bijvoorbeeld "
                   "crs='EPSG:4326' voor lengte/breedte (WGS84, gebruikelijk bij TopoJSON) of crs='EPSG:28992' "
                   "voor RD New")
_SUPPORTED = {".geojson", ".json", ".topojson", ".gpkg", ".shp", ".zip", ".fgb", ".gml", ".kml"}


class GeometryRepairWarning(UserWarning):
    """Invalid geometries were repaired with ``shapely.make_valid``."""


def _resolve_crs(crs: object, *, file: Path | None = None) -> CRS:
    try:
        return CRS.from_user_input(crs)
    except (CRSError, TypeError) as exc:
        raise InputError(f"onbekend coördinatenstelsel {crs!r}; geef bijvoorbeeld 'EPSG:28992' (RD New) of "
                         f"'EPSG:4326' (WGS84, lengte/breedte)", file=file) from exc


def _is_topojson(path: Path) -> bool:
    if path.suffix.lower() == ".topojson":
        return True
    if path.suffix.lower() not in (".json", ".geojson"):
        return False
    with open(path, "rb") as fh:
        head = fh.read(512).decode("utf-8", errors="ignore")
    return '"Topology"' in head.replace(" ", "")


def _read_file(path: Path, layer: str | int | None) -> gpd.GeoDataFrame:
    import pyogrio

    if not path.exists():
        raise InputError("bestand niet gevonden", file=path)
    if path.is_file() and path.stat().st_size == 0:
        raise InputError("het bestand is leeg (0 bytes); verwacht een GeoJSON-, TopoJSON-, GeoPackage- of "
                         "shapefile met gebieden", file=path)
    suffix = path.suffix.lower()
    if suffix not in _SUPPORTED:
        raise InputError(f"onbekend bestandstype {suffix!r}; verwacht .geojson, .topojson, .gpkg of .shp",
                         file=path)
    if suffix in (".json", ".geojson", ".topojson"):
        try:
            with open(path, encoding="utf-8") as fh:
                json.load(fh)
        except UnicodeDecodeError as exc:
            raise InputError("het bestand is geen UTF-8-tekst; GeoJSON en TopoJSON moeten UTF-8 zijn",
                             file=path) from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"geen geldige JSON (regel {exc.lineno}, teken {exc.colno}): {exc.msg}",
                             file=path) from exc
    if layer is None:
        try:
            layers = pyogrio.list_layers(path)
        except Exception as exc:  # pyogrio raises DataSourceError subclasses
            raise InputError(f"kan het bestand niet lezen als geodata: {exc}", file=path) from exc
        if len(layers) > 1 and suffix == ".gpkg":
            names = ", ".join(str(x) for x in layers[:, 0])
            raise InputError(f"het GeoPackage heeft meerdere lagen ({names}); kies er een met layer=...",
                             file=path)
    try:
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    except Exception as exc:
        raise InputError(f"kan het bestand niet lezen als geodata: {exc}", file=path) from exc
    return gdf


def _find_code_column(gdf: gpd.GeoDataFrame, path: Path, level: str | None) -> str:
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    scored: list[tuple[float, int, int, int, str]] = []
    lower = {c.lower(): c for c in columns}
    ordered = [lower[c.lower()] for c in _CODE_CANDIDATES if c.lower() in lower]
    ordered += [c for c in columns if c not in ordered]
    for pos, col in enumerate(ordered):
        values = gdf[col]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        norm = values.map(normalise_code)
        norm = norm[norm != ""]
        if norm.empty:
            continue
        prefixes = norm.str[:2]
        valid = norm.str.match(r"^(NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
        share = float(valid.mean())
        if share < 0.5:
            continue
        top_prefix = prefixes[valid].mode().iloc[0]
        lv = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}[top_prefix]
        # prefer: mostly valid codes, of the requested level, of the finest level (a buurt file also has a
        # valid 'wijkcode' column), earliest in the candidate list
        matches = 1 if level is None or lv == level else 0
        scored.append((round(share, 2), matches, LEVELS.index(lv), -pos, col))
    if not scored:
        import difflib

        close = difflib.get_close_matches("code", [c.lower() for c in columns], n=1, cutoff=0.3)
        hint = f" Bedoelt u kolom '{lower[close[0]]}'?" if close else ""
        raise InputError(
            "geen kolom met CBS-gebiedscodes gevonden (verwacht een kolom zoals 'statcode', 'buurtcode' of "
            f"'cbsCode' met codes als BU03630000). Kolommen in het bestand: {', '.join(columns) or '(geen)'}."
            + hint + " Geef de kolom op met code_column=...", file=path)
    scored.sort(reverse=True)
    return scored[0][-1]


def _find_name_column(gdf: gpd.GeoDataFrame, level: str, code_column: str) -> str | None:
    lower = {c.lower(): c for c in gdf.columns}
    for cand in _NAME_CANDIDATES.get(level, ("name", "naam")):
        col = lower.get(cand.lower())
        if col is not None and col != code_column:
            return col
    return None


def repair_geometries(gdf: gpd.GeoDataFrame, *, codes: pd.Series | None = None,
                      file: str | Path | None = None) -> gpd.GeoDataFrame:
    """Repair invalid (multi)polygons with ``shapely.make_valid``, warning how many and which.

    Non-polygon parts that ``make_valid`` may produce (lines, points from collapsed slivers) are dropped.

    Parameters
    ----------
    gdf : GeoDataFrame
    codes : Series, optional
        Area codes aligned with ``gdf``, named in the warning (default: ``gdf['area_code']`` if present).
    file : optional
        Named in the warning.

    Returns
    -------
    GeoDataFrame
        A copy with valid geometries.
    """
    geoms = gdf.geometry.values
    invalid = ~shapely.is_valid(np.asarray(geoms)) & ~shapely.is_missing(np.asarray(geoms))
    if not invalid.any():
        return gdf
    out = gdf.copy()
    fixed = shapely.make_valid(np.asarray(geoms)[invalid])
    fixed = [_polygonal(g) for g in fixed]
    col = out.geometry.name
    out.loc[out.index[invalid], col] = gpd.GeoSeries(fixed, index=out.index[invalid], crs=out.crs)
    if codes is None and "area_code" in out.columns:
        codes = out["area_code"]
    which = list(codes[invalid]) if codes is not None else [str(i) for i in out.index[invalid]]
    shown = ", ".join(str(c) for c in which[:10]) + (f" en nog {len(which) - 10}" if len(which) > 10 else "")
    where = f"{file}: " if file is not None else ""
    warnings.warn(f"{where}{int(invalid.sum())} ongeldige geometrie(ën) hersteld met make_valid: {shown}",
                  GeometryRepairWarning, stacklevel=3)
    return out


def _polygonal(geom):
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return geom
    return shapely.unary_union(parts)


def _check_plausible_location(gdf: gpd.GeoDataFrame, crs: CRS, path: Path, declared: bool) -> None:
    """Raise when the coordinates cannot lie in the Netherlands under the given CRS."""
    if gdf.empty:
        return
    minx, miny, maxx, maxy = gdf.total_bounds
    if not np.all(np.isfinite([minx, miny, maxx, maxy])):
        return
    try:
        lonlat = gpd.GeoSeries(shapely.points([[minx, miny], [maxx, maxy], [(minx + maxx) / 2, (miny + maxy) / 2]]),
                               crs=crs).to_crs(WGS84)
        xs, ys = lonlat.x.to_numpy(), lonlat.y.to_numpy()
    except Exception:  # pragma: no cover - exotic CRS
        return
    lo_x, lo_y, hi_x, hi_y = _NL_LONLAT
    inside = np.isfinite(xs).all() and (xs >= lo_x).all() and (xs <= hi_x).all() and (ys >= lo_y).all() \
        and (ys <= hi_y).all()
    if inside:
        return
    hint = ""
    if crs.is_geographic and maxx > 1000:
        hint = " De coördinaten zijn groot (meters?): waarschijnlijk RD New, gebruik crs='EPSG:28992'."
    elif not crs.is_geographic and abs(maxx) <= 180 and abs(maxy) <= 90:
        hint = " De coördinaten lijken lengte/breedte: waarschijnlijk WGS84, gebruik crs='EPSG:4326'."
    src = "het opgegeven" if not declared else "het in het bestand vastgelegde"
    name = crs.to_string()
    raise InputError(
        f"de coördinaten (x {minx:.4g} tot {maxx:.4g}, y {miny:.4g} tot {maxy:.4g}) liggen niet in Nederland "
        f"volgens {src} coördinatenstelsel {name}; verwacht Nederlandse gebieden. Verkeerd CRS?" + hint,
        file=path)


def load_areas(
    path: str | Path,
    *,
    level: str | None = None,
    code_column: str | None = None,
    name_column: str | None = None,
    layer: str | int | None = None,
    crs: object = None,
    to_crs: object = RD_NEW,
    gemeente: str | list[str] | None = None,
    repair: bool = True,
    keep_columns: list[str] | None = None,
) -> gpd.GeoDataFrame:
    """Load area polygons (buurten, wijken or gemeenten) into a standard GeoDataFrame.

    Parameters
    ----------
    path : str or Path
        GeoJSON, TopoJSON, GeoPackage or shapefile.
    level : {'buurt', 'wijk', 'gemeente', 'land'}, optional
        Expected level; codes of another level are an error. Default: inferred (all codes must share one level).
    code_column : str, optional
        Column with CBS codes; default: detected (``statcode``, ``cbsCode``, ``buurtcode``, ...).
    name_column : str, optional
        Column with area names; default: detected (``naam``, ``buurtnaam``, ``statnaam``, ...), else no names.
    layer : str or int, optional
        Layer of a multi-layer file (GeoPackage).
    crs : str or pyproj.CRS, optional
        The CRS the coordinates are in, *only* for files that do not record one (e.g. ``"EPSG:4326"`` for the
        shared TopoJSON). If the file records a different CRS, that is an error.
    to_crs : str or pyproj.CRS, default 'EPSG:28992'
        Output CRS (RD New for analysis). ``None`` keeps the source CRS.
    gemeente : str or list of str, optional
        Keep only areas of these gemeente codes (e.g. ``"GM0363"``).
    repair : bool, default True
        Repair invalid geometries with ``make_valid`` (with a :class:`GeometryRepairWarning`).
    keep_columns : list of str, optional
        Extra source columns to keep (after the standard columns).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``area_code``, ``name``, ``level``, ``wijk_code``, ``gemeente_code``, ``geometry`` (+ kept
        columns), CRS ``to_crs``, index 0..n-1, in file order.

    Raises
    ------
    InputError
        Missing/empty/unreadable file, no code column, invalid/duplicate/wrong-level codes, missing
        geometries, no CRS (and none given), a CRS that contradicts the file or puts the areas outside the
        Netherlands.
    """
    path = Path(path)
    want_level = normalise_level(level) if level is not None else None
    topo = path.exists() and path.is_file() and path.stat().st_size > 0 and _is_topojson(path)
    if topo and crs is None:  # decide before parsing a possibly large file
        raise InputError(_NO_CRS_MESSAGE, file=path)
    gdf = _read_file(path, layer)
    if len(gdf) == 0:
        raise InputError("het bestand bevat geen gebieden (0 objecten)", file=path)

    # --- CRS ---------------------------------------------------------------------------------------------
    file_crs = None if topo else gdf.crs  # GDAL's TopoJSON driver may guess; the format has no CRS tag
    given = _resolve_crs(crs, file=path) if crs is not None else None
    if file_crs is not None and given is not None and not CRS.from_user_input(file_crs).equals(given,
                                                                                             ignore_axis_order=True):
        raise InputError(
            f"het bestand legt coördinatenstelsel {CRS.from_user_input(file_crs).to_string()} vast, maar "
            f"crs={given.to_string()!r} is opgegeven; laat crs weg (het bestand is leidend) of corrigeer het bestand",
            file=path)
    if file_crs is not None:
        source_crs = CRS.from_user_input(file_crs)
    elif given is not None:
        source_crs = given
    else:
        raise InputError(_NO_CRS_MESSAGE, file=path)
    gdf = gdf.set_crs(source_crs, allow_override=True)
    _check_plausible_location(gdf, source_crs, path, declared=file_crs is not None)

    # --- codes -------------------------------------------------------------------------------------------
    if code_column is None:
        code_column = _find_code_column(gdf, path, want_level)
    elif code_column not in gdf.columns:
        import difflib

        close = difflib.get_close_matches(code_column, [str(c) for c in gdf.columns], n=1, cutoff=0.5)
        hint = f" Bedoelt u '{close[0]}'?" if close else ""
        raise InputError(f"kolom {code_column!r} bestaat niet; kolommen: "
                         f"{', '.join(str(c) for c in gdf.columns if c != gdf.geometry.name)}." + hint,
                         file=path, column=code_column)
    codes = validate_codes(gdf[code_column], level=None, unique=False, file=path, column=code_column)
    levels = codes.str[:2].map({"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"})
    if want_level is None:
        counts = levels.value_counts()
        if len(counts) > 1:
            detail = ", ".join(f"{n}x {lv}" for lv, n in counts.items())
            raise InputError(f"het bestand bevat codes van meerdere niveaus ({detail}); geef level=... op of "
                             f"splits het bestand", file=path, column=code_column)
        want_level = str(counts.index[0])
    codes = validate_codes(gdf[code_column], level=want_level, unique=True, file=path, column=code_column)

    hier = hierarchy(codes)
    if name_column is None:
        name_column = _find_name_column(gdf, want_level, code_column)
    elif name_column not in gdf.columns:
        raise InputError(f"kolom {name_column!r} bestaat niet", file=path, column=name_column)
    names = gdf[name_column].astype("object").where(gdf[name_column].notna(), None) if name_column else None

    out = gpd.GeoDataFrame(
        {
            "area_code": hier["area_code"].to_numpy(),
            "name": names.to_numpy() if names is not None else np.full(len(gdf), None, dtype=object),
            "level": hier["level"].to_numpy(),
            "wijk_code": hier["wijk_code"].to_numpy(),
            "gemeente_code": hier["gemeente_code"].to_numpy(),
        },
        geometry=gdf.geometry.to_numpy(),
        crs=source_crs,
    )
    for col in keep_columns or []:
        if col not in gdf.columns:
            raise InputError(f"kolom {col!r} (keep_columns) bestaat niet", file=path, column=col)
        if col in out.columns:
            raise InputError(f"kolom {col!r} botst met een standaardkolom", file=path, column=col)
        out[col] = gdf[col].to_numpy()

    if gemeente is not None:
        wanted = []
        for g in [gemeente] if isinstance(gemeente, str) else list(gemeente):
            code = parse_code(g).gemeente_code
            if code is None:  # the land code NL00 lies in no gemeente
                raise InputError(f"{g!r} is geen gemeente-, wijk- of buurtcode", file=path, column="gemeente")
            wanted.append(code)
        out = out[out["gemeente_code"].isin(wanted)].reset_index(drop=True)
        if out.empty:
            raise InputError(f"geen gebieden van gemeente {', '.join(wanted)} in het bestand", file=path)

    missing = out.geometry.isna() | out.geometry.is_empty
    if missing.any():
        bad = out.loc[missing, "area_code"].tolist()
        raise InputError(f"{len(bad)} gebied(en) zonder geometrie: {', '.join(bad[:10])}", file=path)
    kinds = set(out.geometry.geom_type.unique())
    if not kinds <= {"Polygon", "MultiPolygon"}:
        raise InputError(f"verwacht vlakken (Polygon/MultiPolygon), gevonden: {', '.join(sorted(kinds))}",
                         file=path)
    if repair:
        out = repair_geometries(out, file=path)
    if to_crs is not None:
        target = _resolve_crs(to_crs, file=path)
        if not source_crs.equals(target):
            out = out.to_crs(target)
    return out


def to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy in WGS84 (EPSG:4326, lon/lat) for web maps (folium, GeoJSON export).

    Raises
    ------
    InputError
        When ``gdf`` has no CRS.
    """
    if gdf.crs is None:
        raise InputError("de GeoDataFrame heeft geen coördinatenstelsel; gebruik load_areas of set_crs eerst")
    return gdf.to_crs(WGS84)


def to_rd(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy in RD New (EPSG:28992, metres) for analysis (areas, distances, buffers)."""
    if gdf.crs is None:
        raise InputError("de GeoDataFrame heeft geen coördinatenstelsel; gebruik load_areas of set_crs eerst")
    return gdf.to_crs(RD_NEW)
