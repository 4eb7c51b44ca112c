"""told — schouw: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijklib.errors import InputError, choices_nl
from ._common import (
    _check_buurtcode,
    _code_column,
    _identifier,
    _label,
    _parse_date,
    _parse_float,
    _first_row,
    _read_table,
    _to_datetime,
    check_no_person_columns,
)
from .spec import (
    ERNST_SCHALEN,
    NL_BBOX,
    SCHOUW_CATEGORIEEN,
    _ERNST_KLEUREN,
)


# ----------------------------------------------------------------------------------------------------------------
# (b) Schouw (neighbourhood walk observations)
# ----------------------------------------------------------------------------------------------------------------


def parse_geopoint(text: str, *, file: str | None = None, row: int | None = None,
                   column: str | None = None) -> tuple[float, float, float | None, float | None]:
    """Parse a Kobo/ODK geopoint string.

    Parameters
    ----------
    text : str
        ``"lat lon [altitude] [precision]"``: space-separated, **latitude first** (the reverse of GeoJSON).
    file, row, column : optional
        Location for error messages.

    Returns
    -------
    tuple
        ``(lat, lon, altitude, precision)``; altitude and precision are None when absent.

    Examples
    --------
    >>> parse_geopoint("52.5512 5.2480 0 4.5")
    (52.5512, 5.248, 0.0, 4.5)
    """
    parts = str(text).replace(",", " ").split()
    nums = [_parse_float(p) for p in parts]
    if not 2 <= len(parts) <= 4 or any(n is None for n in nums):
        raise InputError(f"'{text}' is geen geldig geopunt; verwacht 'breedtegraad lengtegraad [hoogte] "
                         "[nauwkeurigheid]', gescheiden door spaties, bv. '52.5512 5.2480 0 5'",
                         file=file, row=row, column=column)
    lat, lon = float(nums[0]), float(nums[1])  # type: ignore[arg-type]
    alt = float(nums[2]) if len(nums) > 2 else None  # type: ignore[arg-type]
    prec = float(nums[3]) if len(nums) > 3 else None  # type: ignore[arg-type]
    return lat, lon, alt, prec


def _in_bbox(lon: float, lat: float) -> bool:
    x0, y0, x1, y1 = NL_BBOX
    return x0 <= lon <= x1 and y0 <= lat <= y1


def check_nl_coordinates(lat: float, lon: float, *, file: str | None = None, row: int | None = None,
                         column: str | None = None) -> None:
    """Refuse a WGS84 point outside the Netherlands, with a specific message when lat and lon are swapped.

    Raises
    ------
    InputError
        When ``(lon, lat)`` lies outside :data:`NL_BBOX`.
    """
    if _in_bbox(lon, lat):
        return
    if _in_bbox(lat, lon):
        raise InputError(
            f"coördinaten lijken verwisseld: breedtegraad {lat:g} en lengtegraad {lon:g} liggen buiten Nederland, "
            f"maar omgedraaid (breedtegraad {lon:g}, lengtegraad {lat:g}) wel. Controleer de volgorde: GeoJSON "
            "gebruikt [lengtegraad, breedtegraad], een Kobo/ODK-geopunt 'breedtegraad lengtegraad'.",
            file=file, row=row, column=column)
    if abs(lat) > 90 or abs(lon) > 180:
        hint = " Dit lijken RD-coördinaten (EPSG:28992) of meters; verwacht graden WGS84 (EPSG:4326)."
    else:
        hint = ""
    raise InputError(f"punt (breedtegraad {lat:g}, lengtegraad {lon:g}) ligt buiten Nederland "
                     f"(verwacht breedtegraad {NL_BBOX[1]}-{NL_BBOX[3]}, lengtegraad {NL_BBOX[0]}-{NL_BBOX[2]}).{hint}",
                     file=file, row=row, column=column)


def _parse_ernst(value: str, schaal: int, *, file: str, row: int, column: str) -> int:
    text = str(value).strip().lower()
    if schaal == 3 and text in _ERNST_KLEUREN:
        return _ERNST_KLEUREN[text]
    num = _parse_float(text)
    if num is None or not float(num).is_integer() or not 1 <= num <= schaal:
        extra = " of groen/oranje/rood" if schaal == 3 else ""
        raise InputError(f"ernst '{value}' is ongeldig; verwacht een geheel getal 1-{schaal}{extra}"
                         + (" (gebruik ernst_schaal=5 voor een vijfpuntsschaal)" if schaal == 3 and num is not None
                            and float(num).is_integer() and 3 < num <= 5 else ""),
                         file=file, row=row, column=column)
    return int(num)


def _schouw_record(props: Mapping[str, Any], i: int, label: str, ernst_schaal: int,
                   categorieen: Mapping[str, str]) -> dict[str, Any]:
    for col in ("categorie", "ernst", "datum"):
        if col not in props:
            raise InputError(f"verplicht veld '{col}' ontbreekt", file=label, row=i, column=col)
    cat = _identifier(props["categorie"])
    if cat not in categorieen:
        raise InputError(f"categorie '{props['categorie']}' is onbekend; kies uit: {choices_nl(categorieen)}",
                         file=label, row=i, column="categorie")
    out: dict[str, Any] = {
        "id": str(props.get("id") or "").strip() or f"W{i:04d}",
        "categorie": cat,
        "ernst": _parse_ernst(props["ernst"], ernst_schaal, file=label, row=i, column="ernst"),
        "datum": _parse_date(props["datum"], file=label, row=i, column="datum"),
        "dagdeel": _identifier(props.get("dagdeel") or "") or None,
        "bijschrift": (str(props.get("bijschrift") or "").strip() or None),
    }
    if out["dagdeel"] is not None and out["dagdeel"] not in ("ochtend", "middag", "avond", "nacht"):
        raise InputError(f"dagdeel '{props.get('dagdeel')}' is onbekend; kies uit ochtend, middag, avond of nacht",
                         file=label, row=i, column="dagdeel")
    if props.get("buurtcode"):
        out["buurtcode_opgegeven"] = _check_buurtcode(props["buurtcode"], file=label, row=i, column="buurtcode")
    return out


def _schouw_from_geojson(path: Path, label: str) -> list[tuple[dict[str, Any], float, float, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(f"kan het GeoJSON-bestand niet lezen ({exc})", file=label) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("verwacht een GeoJSON FeatureCollection", file=label)
    crs_name = str(((data.get("crs") or {}).get("properties") or {}).get("name", ""))
    rd = "28992" in crs_name
    feats = data.get("features") or []
    parsed = []
    transformer = None
    if rd:
        from pyproj import Transformer
        transformer = Transformer.from_crs(28992, 4326, always_xy=True)
    for i, feat in enumerate(feats, start=1):
        geom = (feat or {}).get("geometry") or {}
        if geom.get("type") != "Point":
            raise InputError(f"waarneming {i} heeft geometrie '{geom.get('type')}'; verwacht een Point",
                             file=label, row=i, column="geometry")
        coords = geom.get("coordinates") or []
        if len(coords) < 2 or not all(isinstance(c, (int, float)) for c in coords[:2]):
            raise InputError("ongeldige coördinaten; verwacht [lengtegraad, breedtegraad]",
                             file=label, row=i, column="geometry")
        x, y = float(coords[0]), float(coords[1])
        if transformer is not None:
            x, y = transformer.transform(x, y)
        check_nl_coordinates(y, x, file=label, row=i, column="geometry")
        props = {k: ("" if v is None else v) for k, v in ((feat.get("properties") or {}).items())}
        parsed.append((props, y, x, i))
    return parsed


def _schouw_from_table(df: pd.DataFrame, label: str, geopoint_kolom: str | None, lat_kolom: str | None,
                       lon_kolom: str | None) -> list[tuple[dict[str, Any], float, float, int]]:
    cols = list(df.columns)
    lower = {c.lower(): c for c in cols}
    lat_names = ("lat", "latitude", "breedtegraad", "y_wgs84")
    lon_names = ("lon", "lng", "long", "longitude", "lengtegraad", "x_wgs84")
    lat_col = lat_kolom or next((lower[n] for n in lat_names if n in lower), None)
    lon_col = lon_kolom or next((lower[n] for n in lon_names if n in lower), None)
    gp_col = geopoint_kolom
    if lat_col is None or lon_col is None:
        # Kobo: _<name>_latitude / _<name>_longitude ; ODK: <name>-Latitude / <name>-Longitude
        kl = [c for c in cols if re.search(r"(^_|[-/_])latitude$", c, re.I)]
        if kl and gp_col is None:
            lat_col = kl[0]
            lon_col = re.sub(r"(?i)latitude$", lambda m: "Longitude" if m.group(0)[0] == "L" else "longitude",
                             lat_col)
            if lon_col not in cols:
                raise InputError(f"kolom '{lat_col}' gevonden maar de bijbehorende lengtegraadkolom '{lon_col}' "
                                 "ontbreekt", file=label, column=lon_col)
        elif gp_col is None:
            cands = [c for c in cols if c.split("/")[-1].lower() in ("locatie", "geopunt", "geopoint", "gps",
                                                                      "location", "plek")]
            if not cands:
                for c in cols:
                    vals = [str(v).strip() for v in df[c] if str(v).strip()]
                    if vals and all(re.match(r"^-?\d+(\.\d+)?\s+-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){0,2}$", v)
                                    for v in vals):
                        cands.append(c)
            if not cands:
                raise InputError("geen coördinaten gevonden; verwacht kolommen 'lat' en 'lon' (WGS84) of een "
                                 "geopuntkolom 'locatie' met 'breedtegraad lengtegraad hoogte nauwkeurigheid'",
                                 file=label, column="lat")
            gp_col = cands[0]
    for named in (lat_col if gp_col is None else None, lon_col if gp_col is None else None, gp_col):
        if named is not None and named not in cols:
            raise InputError(f"kolom '{named}' bestaat niet", file=label, column=named)
    parsed = []
    lat: float | None
    lon: float | None
    for i, rec in enumerate(df.to_dict("records"), start=_first_row(label)):
        if gp_col is not None:
            lat, lon, _, _ = parse_geopoint(rec[gp_col], file=label, row=i, column=gp_col)
            col = gp_col
        else:
            lat = _parse_float(rec[lat_col])
            lon = _parse_float(rec[lon_col])
            if lat is None or lon is None:
                bad = lat_col if lat is None else lon_col
                raise InputError(f"'{rec[bad]}' is geen coördinaat; verwacht graden als 52.5512",
                                 file=label, row=i, column=bad)
            col = f"{lat_col}/{lon_col}"
        check_nl_coordinates(lat, lon, file=label, row=i, column=col)
        props = {str(c).split("/")[-1]: v for c, v in rec.items()}
        parsed.append((props, lat, lon, i))
    return parsed


def read_schouw(source: str | Path | pd.DataFrame, *, buurten: Any = None, ernst_schaal: int = 3,
                categorieen: Mapping[str, str] | None = None, geopoint_kolom: str | None = None,
                lat_kolom: str | None = None, lon_kolom: str | None = None):
    """Read schouw observations (points) and assign them to buurten.

    Parameters
    ----------
    source : str, Path or DataFrame
        GeoJSON FeatureCollection of Points (``[lon, lat]`` WGS84, or EPSG:28992 when the file's ``crs`` says
        so), or CSV/XLSX with ``lat`` and ``lon`` columns, Kobo ``_<naam>_latitude``/``_<naam>_longitude``,
        ODK ``<naam>-Latitude``/``<naam>-Longitude``, or a geopoint column (``"lat lon alt precision"``).
        Fields: see :data:`SCHOUW_KOLOMMEN`.
    buurten : GeoDataFrame, optional
        Buurt polygons with a code column (``buurtcode``, ``area_code``, ``code`` or ``statcode``); when given,
        each point gets the ``buurtcode`` of the polygon it lies in.
    ernst_schaal : {3, 5}
        Severity scale: 1-3 (default; colours groen/oranje/rood accepted) or 1-5.
    categorieen : mapping, optional
        Allowed categories (default :data:`SCHOUW_CATEGORIEEN`).
    geopoint_kolom, lat_kolom, lon_kolom : str, optional
        Coordinate columns when automatic detection is not wanted.

    Returns
    -------
    GeoDataFrame
        EPSG:4326 points with ``id``, ``categorie``, ``ernst``, ``datum`` (datetime64), ``dagdeel``,
        ``bijschrift``, ``buurtcode`` (when ``buurten`` is given or the file has one), ``geometry``.

    Raises
    ------
    InputError
        Unknown category, severity outside the scale, bad date, coordinates outside the Netherlands or swapped.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    if ernst_schaal not in ERNST_SCHALEN:
        raise InputError(f"ernst_schaal {ernst_schaal} is ongeldig; kies 3 of 5", column="ernst_schaal")
    cats = dict(categorieen) if categorieen is not None else SCHOUW_CATEGORIEEN
    label = _label(source)
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in (".geojson", ".json"):
        if not Path(source).exists():
            raise InputError("bestand niet gevonden (schouw)", file=label)
        parsed = _schouw_from_geojson(Path(source), label)
        check_no_person_columns({k for p, *_ in parsed for k in p}, file=label, what="de schouw")
    else:
        df, label = _read_table(source, "schouw")
        check_no_person_columns([c for c in df.columns if not c.startswith("_")], file=label, what="de schouw")
        parsed = _schouw_from_table(df, label, geopoint_kolom, lat_kolom, lon_kolom)
    records, points = [], []
    seen_ids: dict[str, int] = {}
    for props, lat, lon, i in parsed:
        rec = _schouw_record(props, i, label, ernst_schaal, cats)
        if rec["id"] in seen_ids:
            raise InputError(f"id '{rec['id']}' komt al voor in rij {seen_ids[rec['id']]}", file=label, row=i,
                             column="id")
        seen_ids[rec["id"]] = i
        records.append(rec)
        points.append(Point(lon, lat))
    cols = ["id", "categorie", "ernst", "datum", "dagdeel", "bijschrift"]
    frame = pd.DataFrame(records, columns=cols + (["buurtcode_opgegeven"] if any(
        "buurtcode_opgegeven" in r for r in records) else []))
    frame["datum"] = _to_datetime(frame["datum"].tolist()) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    frame["ernst"] = frame["ernst"].astype(int)
    gdf = gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
    gdf.attrs["ernst_schaal"] = ernst_schaal
    if buurten is not None:
        gdf = assign_buurten(gdf, buurten)
        if "buurtcode_opgegeven" in gdf.columns:
            diff = gdf[gdf["buurtcode_opgegeven"].notna() & (gdf["buurtcode_opgegeven"] != gdf["buurtcode"])]
            if len(diff):
                warnings.warn(f"{label}: bij {len(diff)} waarneming(en) wijkt de opgegeven buurtcode af van de "
                              f"buurt waarin het punt ligt (ids: {', '.join(diff['id'].head(10))}); de ligging "
                              "van het punt is aangehouden.", UserWarning, stacklevel=2)
    elif "buurtcode_opgegeven" in gdf.columns:
        gdf = gdf.rename(columns={"buurtcode_opgegeven": "buurtcode"})
    return gdf


def assign_buurten(points, buurten, *, code_column: str | None = None):
    """Assign each point to the buurt polygon it lies in (spatial join).

    Parameters
    ----------
    points : GeoDataFrame
        Points (any CRS).
    buurten : GeoDataFrame or str or Path
        Buurt polygons (any CRS; reprojected to the points' CRS) or a file readable by geopandas.
    code_column : str, optional
        Code column of ``buurten``; detected when not given.

    Returns
    -------
    GeoDataFrame
        ``points`` with a column ``buurtcode`` (missing for points outside every buurt, with a warning).
    """
    import geopandas as gpd

    if isinstance(buurten, (str, Path)):
        buurten = gpd.read_file(buurten)
    col = code_column or _code_column(buurten)
    polys = buurten[[col, "geometry"]].rename(columns={col: "_bu"})
    if polys.crs is not None and points.crs is not None and polys.crs != points.crs:
        polys = polys.to_crs(points.crs)
    pts = points.drop(columns=["buurtcode"], errors="ignore").copy()
    pts["_volgorde"] = np.arange(len(pts))
    joined = gpd.sjoin(pts, polys, how="left", predicate="intersects")
    joined = joined.sort_values("_volgorde").drop_duplicates("_volgorde", keep="first")
    out = pts.copy()
    out["buurtcode"] = joined["_bu"].to_numpy()
    out = out.drop(columns="_volgorde")
    outside = out[out["buurtcode"].isna()]
    if len(outside):
        ids = ", ".join(map(str, outside["id"].head(10))) if "id" in outside.columns else ""
        warnings.warn(f"{len(outside)} punt(en) liggen buiten alle buurten en krijgen geen buurtcode ({ids})",
                      UserWarning, stacklevel=2)
    return out


def aggregate_schouw(schouw: pd.DataFrame) -> pd.DataFrame:
    """Count schouw observations per buurt and category.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``categorie``, ``aantal``, ``ernst_gemiddeld``, ``ernst_max``.
    """
    if "buurtcode" not in schouw.columns:
        raise InputError("de schouwwaarnemingen hebben nog geen buurtcode; lees ze in met buurten=...",
                         column="buurtcode")
    data = schouw[schouw["buurtcode"].notna()]
    agg = data.groupby(["buurtcode", "categorie"]).agg(aantal=("ernst", "size"), ernst_gemiddeld=("ernst", "mean"),
                                                       ernst_max=("ernst", "max")).reset_index()
    return pd.DataFrame(agg)
