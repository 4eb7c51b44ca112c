"""Prepare areas and data for web maps: light geometry, joined values, escaped text.

* :func:`simplify_areas` simplifies a buurt coverage so that neighbours keep one shared border
  (``GeoSeries.simplify_coverage``, Shapely >= 2.1; otherwise topology-preserving ``simplify`` per polygon with a
  warning), in RD New metres, and rounds the WGS84 coordinates to about a metre.
* :func:`join_values` joins a scores/indicator table (index or column ``area_code``) onto the areas, checking the
  codes, and sorts out the status of each buurt: a value, suppressed/unreliable, or missing.
* :func:`escape_text` makes user text (names, stories, captions) safe to show in tooltips and popups: folium puts
  property values into the page with ``innerHTML``, so every text is HTML-escaped before it goes into the map.
"""

from __future__ import annotations

import html
import math
import warnings
from pathlib import Path
from typing import Any, Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wijklib.errors import InputError

__all__ = [
    "COORD_GRID",
    "simplify_areas",
    "to_web",
    "join_values",
    "escape_text",
    "dissolve_areas",
    "SUPPRESSED_STATUSES",
    "MISSING_STATUSES",
    "score_status",
    "read_focus_file",
]

#: Grid (degrees) for rounding WGS84 coordinates: 1e-5 degrees is about 0.7-1.1 m in the Netherlands.
COORD_GRID = 1e-5
#: Status values (case-insensitive) meaning "suppressed by CBS or statistically unreliable".
SUPPRESSED_STATUSES = frozenset({"geheim", "onbetrouwbaar", "onderdrukt", "suppressed", "unreliable",
                                 "te_klein", "te klein", "te weinig inwoners"})
#: Status values meaning "no value".
MISSING_STATUSES = frozenset({"ontbreekt", "missing", "geen gegevens", "te weinig gegevens", "geen referentie"})


def escape_text(value: Any, *, max_length: int | None = None) -> str:
    """HTML-escape a user-provided text for a tooltip or popup (``None``/NaN become an empty string).

    Examples
    --------
    >>> escape_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> escape_text("een lang verhaal over de buurt", max_length=10)
    'een lang…'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = str(value).strip()
    if max_length is not None and len(text) > max_length:
        text = text[: max(1, max_length - 1)].rstrip() + "…"
    return html.escape(text, quote=True)


def _check_geodataframe(gdf: Any, what: str) -> gpd.GeoDataFrame:
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise InputError(f"{what}: verwacht een GeoDataFrame (bijvoorbeeld van wijklib.geo.load_areas), "
                         f"gekregen {type(gdf).__name__}")
    if gdf.crs is None:
        raise InputError(f"{what}: de GeoDataFrame heeft geen coördinatenstelsel; gebruik load_areas of set_crs")
    return gdf


def simplify_areas(areas: gpd.GeoDataFrame, tolerance: float = 5.0, *, round_coordinates: bool = True
                   ) -> gpd.GeoDataFrame:
    """Simplify area polygons for a web map, keeping shared borders, and return them in WGS84.

    Parameters
    ----------
    areas : GeoDataFrame
        Polygons in any CRS (simplification happens in RD New, metres).
    tolerance : float
        Simplification tolerance in metres (0 = no simplification). 5 m is invisible at buurt scale.
    round_coordinates : bool
        Snap the WGS84 coordinates to a 1e-5 degree grid (about a metre); neighbours snap to the same points.

    Returns
    -------
    GeoDataFrame
        Same rows and columns, EPSG:4326.
    """
    gdf = _check_geodataframe(areas, "gebieden")
    rd = gdf.to_crs("EPSG:28992")
    if tolerance and tolerance > 0 and len(rd):
        geoms = rd.geometry
        done = False
        if hasattr(geoms, "simplify_coverage"):
            try:
                simplified = geoms.simplify_coverage(tolerance)
                if not simplified.is_empty.any() and simplified.is_valid.all():
                    rd = rd.set_geometry(simplified)
                    done = True
            except Exception:  # noqa: BLE001 - an invalid coverage (overlaps) falls back below
                done = False
        if not done:
            warnings.warn("de gebieden vormen geen nette bedekking (of simplify_coverage ontbreekt); "
                          "vereenvoudigd per vlak met behoud van topologie, grenzen tussen buren kunnen iets "
                          "verschuiven", UserWarning, stacklevel=2)
            rd = rd.set_geometry(geoms.simplify(tolerance, preserve_topology=True))
    web = rd.to_crs("EPSG:4326")
    if round_coordinates and len(web):
        rounded = shapely.set_precision(web.geometry.values, COORD_GRID)
        bad = shapely.is_empty(rounded) | ~shapely.is_valid(rounded)
        if bad.any():  # tiny slivers: keep the unrounded geometry for those
            rounded = np.where(bad, web.geometry.values, rounded)
        web = web.set_geometry(gpd.GeoSeries(rounded, index=web.index, crs=web.crs))
    return web


def to_web(gdf: gpd.GeoDataFrame, *, round_coordinates: bool = True) -> gpd.GeoDataFrame:
    """WGS84 copy of any GeoDataFrame (points or polygons) with rounded coordinates, without simplification."""
    gdf = _check_geodataframe(gdf, "geodata")
    web = gdf.to_crs("EPSG:4326")
    if round_coordinates and len(web):
        web = web.set_geometry(gpd.GeoSeries(shapely.set_precision(web.geometry.values, COORD_GRID),
                                             index=web.index, crs=web.crs))
    return web


def dissolve_areas(areas: gpd.GeoDataFrame, by: str, *, names: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Dissolve polygons by a column (e.g. ``wijk_code``, ``gemeente_code`` or a cluster id).

    Returns a GeoDataFrame with columns ``key``, ``label`` and ``geometry``, in the CRS of ``areas``; rows with an
    empty key are left out.
    """
    gdf = _check_geodataframe(areas, "gebieden")
    if by not in gdf.columns:
        raise InputError(f"kolom {by!r} ontbreekt; kolommen: {', '.join(map(str, gdf.columns))}", column=by)
    keep = gdf[gdf[by].notna() & (gdf[by].astype(str) != "")]
    if keep.empty:
        return gpd.GeoDataFrame({"key": [], "label": []}, geometry=[], crs=gdf.crs)
    out = keep[[by, keep.geometry.name]].dissolve(by=by, as_index=False)
    out = out.rename(columns={by: "key"})
    out["key"] = out["key"].astype(str)
    out["label"] = [str((names or {}).get(k, k)) for k in out["key"]]
    return out[["key", "label", out.geometry.name]].set_geometry(out.geometry.name)


def _as_indexed(data: pd.DataFrame | pd.Series, what: str) -> pd.DataFrame:
    if isinstance(data, pd.Series):
        data = data.to_frame(data.name or "waarde")
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"{what}: verwacht een DataFrame met gebiedscodes, gekregen {type(data).__name__}")
    if "area_code" in data.columns:
        if data["area_code"].duplicated().any():
            dup = data.loc[data["area_code"].duplicated(), "area_code"].astype(str).tolist()
            raise InputError(f"{what}: gebiedscodes komen meer dan eens voor: {', '.join(dup[:5])}; geef één rij "
                             f"per gebied (kies eerst één jaar)", column="area_code")
        data = data.set_index("area_code")
    elif "buurtcode" in data.columns:
        data = data.set_index("buurtcode")
    if data.index.duplicated().any():
        dup = data.index[data.index.duplicated()].astype(str).tolist()
        raise InputError(f"{what}: gebiedscodes komen meer dan eens voor: {', '.join(dup[:5])}; geef één rij per "
                         f"gebied (kies eerst één jaar)", column="area_code")
    data = data.copy()
    data.index = data.index.astype(str).str.strip()
    return data


def join_values(areas: gpd.GeoDataFrame, data: pd.DataFrame | pd.Series | None = None, *,
                columns: Iterable[str] = (), value: str | None = None, status: str | None = None,
                unreliable: str | None = None, what: str = "gegevens") -> gpd.GeoDataFrame:
    """Join value columns onto the areas by ``area_code`` and add a ``_state`` column.

    Parameters
    ----------
    areas : GeoDataFrame
        Must have ``area_code`` (as from :func:`wijklib.geo.load_areas`).
    data : DataFrame or Series, optional
        Indexed by area code, or with a column ``area_code``; ``None`` when the columns are already on ``areas``.
    columns : iterable of str
        Columns to take from ``data`` (besides ``value``, ``status`` and ``unreliable``).
    value : str, optional
        The column to colour by.
    status : str, optional
        Column with a status per area: ``geheim``/``onbetrouwbaar`` (and English synonyms, see
        :data:`SUPPRESSED_STATUSES`) mark suppressed or unreliable values; ``ontbreekt`` marks missing values.
    unreliable : str, optional
        Boolean column: True = unreliable (drawn like suppressed).
    what : str
        Name of the data in error messages.

    Returns
    -------
    GeoDataFrame
        ``areas`` with the columns and ``_state`` in {"waarde", "geheim", "ontbreekt"}. A value that is present
        but flagged suppressed/unreliable is kept (for the tooltip) but not coloured by class.

    Raises
    ------
    InputError
        Missing ``area_code`` on the areas, a requested column not in the data (with the columns that exist),
        duplicate codes, a non-numeric value column, or no area code in common at all.

    Warns
    -----
    UserWarning
        When codes in ``data`` are not among the areas (named, at most ten).
    """
    gdf = _check_geodataframe(areas, "gebieden")
    if "area_code" not in gdf.columns:
        raise InputError("de gebieden hebben geen kolom 'area_code'; lees ze met wijklib.geo.load_areas",
                         column="area_code")
    wanted = [c for c in dict.fromkeys([*columns, value, status, unreliable]) if c]
    out = gdf.copy()
    if data is not None:
        df = _as_indexed(data, what)
        missing_cols = [c for c in wanted if c not in df.columns]
        if missing_cols:
            raise InputError(f"{what}: kolom(men) {', '.join(missing_cols)} ontbreken; beschikbaar: "
                             f"{', '.join(map(str, df.columns))}", column=missing_cols[0])
        codes = out["area_code"].astype(str)
        common = codes.isin(df.index)
        if len(df) and not common.any():
            raise InputError(f"{what}: geen enkele gebiedscode komt overeen met de kaart (bijvoorbeeld "
                             f"{df.index[0]!r} tegen {codes.iloc[0]!r}); ander jaar of andere gemeente?",
                             column="area_code")
        extra = sorted(set(df.index) - set(codes))
        if extra:
            shown = ", ".join(extra[:10]) + (f" en nog {len(extra) - 10}" if len(extra) > 10 else "")
            warnings.warn(f"{what}: {len(extra)} gebiedscode(s) staan niet op de kaart en worden overgeslagen: "
                          f"{shown}", UserWarning, stacklevel=2)
        for col in wanted:
            out[col] = df[col].reindex(codes.to_numpy()).to_numpy()
    else:
        missing_cols = [c for c in wanted if c not in out.columns]
        if missing_cols:
            raise InputError(f"{what}: kolom(men) {', '.join(missing_cols)} ontbreken op de gebieden",
                             column=missing_cols[0])
    n = len(out)
    state = np.full(n, "ontbreekt", dtype=object)
    if value is not None:
        try:
            vals = pd.to_numeric(out[value], errors="raise").astype(float)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{what}: kolom {value!r} moet getallen bevatten ({exc})", column=value) from exc
        out[value] = vals.to_numpy()
        state = np.where(np.isfinite(vals.to_numpy()), "waarde", "ontbreekt").astype(object)
    if status is not None:
        st = out[status].astype("object").map(lambda s: "" if s is None or s is pd.NA or
                                              (isinstance(s, float) and math.isnan(s)) else str(s).strip().lower())
        state = np.where(st.isin(SUPPRESSED_STATUSES).to_numpy(), "geheim", state)
        state = np.where(st.isin(MISSING_STATUSES).to_numpy() & (state != "geheim"), "ontbreekt", state)
    if unreliable is not None:
        flag = out[unreliable].astype("object").map(lambda x: bool(x) if x is not None and x is not pd.NA and
                                                    not (isinstance(x, float) and math.isnan(x)) else False)
        state = np.where(flag.to_numpy(dtype=bool), "geheim", state)
    out["_state"] = state
    return out


def score_status(scores: pd.DataFrame, value: str = "index") -> pd.Series:
    """Map status per area of a scores table: ``waarde``, ``geheim`` or ``ontbreekt``.

    An area without a score is ``geheim`` (drawn hatched, "geheim/onbetrouwbaar") when its row counts
    suppressed or unreliable indicators (columns ``n_suppressed`` / ``n_unreliable`` as in
    ``UrgencyResult.scores``), otherwise ``ontbreekt``. Areas with a score are ``waarde``.

    Examples
    --------
    >>> df = pd.DataFrame({"index": [0.3, np.nan, np.nan], "n_suppressed": [0, 12, 0]}, index=["a", "b", "c"])
    >>> score_status(df).tolist()
    ['waarde', 'geheim', 'ontbreekt']
    """
    if value not in scores.columns:
        raise InputError(f"kolom {value!r} ontbreekt; kolommen: {', '.join(map(str, scores.columns))}", column=value)
    has = pd.to_numeric(scores[value], errors="coerce").notna()
    hidden = pd.Series(False, index=scores.index)
    for col in ("n_suppressed", "n_unreliable"):
        if col in scores.columns:
            hidden |= pd.to_numeric(scores[col], errors="coerce").fillna(0) > 0
    out = np.where(has, "waarde", np.where(hidden, "geheim", "ontbreekt"))
    return pd.Series(out, index=scores.index, name="kaartstatus")


def read_focus_file(path: str | Path, *, cluster_column: str | None = None) -> pd.DataFrame:
    """Read a focus-area file: a CSV with ``area_code`` and a cluster id per buurt.

    The urgency notebook writes such a file (its ``focus`` table); an analyst may also make one by hand. Accepted
    names: ``area_code`` (or ``buurtcode``/``code``) and ``cluster`` (or ``focusgebied``/``cluster_id``); an
    optional ``naam`` or ``cluster_naam`` column names the cluster. Rows with an empty cluster are skipped (not
    part of a focus area).

    Returns
    -------
    DataFrame
        Columns ``area_code``, ``cluster`` (str) and ``cluster_naam`` (may be empty).

    Raises
    ------
    InputError
        Missing file or column, an invalid buurt code (with the row), a buurt listed twice.
    """
    from wijklib.areas import is_valid_code, normalise_code

    path = Path(path)
    if not path.exists():
        raise InputError("bestand met focusgebieden niet gevonden", file=path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig")
    except Exception as exc:  # noqa: BLE001 - parser errors of any kind
        raise InputError(f"kan het bestand niet lezen als CSV: {exc}", file=path) from exc
    lower = {c.strip().lower(): c for c in df.columns}
    code_col = next((lower[c] for c in ("area_code", "buurtcode", "code") if c in lower), None)
    if code_col is None:
        raise InputError(f"kolom 'area_code' (of 'buurtcode') ontbreekt; kolommen: {', '.join(df.columns)}",
                         file=path, column="area_code")
    if cluster_column is None:
        cluster_column = next((lower[c] for c in ("cluster", "focusgebied", "cluster_id") if c in lower), None)
    if cluster_column is None or cluster_column not in df.columns:
        raise InputError(f"kolom 'cluster' (of 'focusgebied') ontbreekt; kolommen: {', '.join(df.columns)}",
                         file=path, column=cluster_column or "cluster")
    name_col = next((lower[c] for c in ("cluster_naam", "naam_cluster", "focusgebied_naam") if c in lower), None)
    rows = []
    seen: dict[str, int] = {}
    for i, rec in enumerate(df.to_dict("records"), start=1):
        cluster = str(rec[cluster_column]).strip()
        if not cluster:
            continue
        code = normalise_code(rec[code_col])
        if not is_valid_code(code):
            raise InputError(f"ongeldige gebiedscode {rec[code_col]!r}; verwacht bijvoorbeeld BU03630000",
                             file=path, row=i, column=code_col)
        if code in seen:
            raise InputError(f"gebied {code} staat twee keer in het bestand (ook in rij {seen[code]})", file=path,
                             row=i, column=code_col)
        seen[code] = i
        if cluster.endswith(".0") and cluster[:-2].isdigit():
            cluster = cluster[:-2]
        rows.append({"area_code": code, "cluster": cluster,
                     "cluster_naam": str(rec[name_col]).strip() if name_col else ""})
    return pd.DataFrame(rows, columns=["area_code", "cluster", "cluster_naam"])
