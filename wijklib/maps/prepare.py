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
from typing import Any, Iterable, Mapping

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
    "boundary_lines",
    "SUPPRESSED_STATUSES",
    "MISSING_STATUSES",
    "score_status",
    "suppressed_areas",
    "with_names",
    "load_urgency_focus",
    "focus_table",
]

#: Grid (degrees) for rounding WGS84 coordinates: 1e-5 degrees is about 0.7-1.1 m in the Netherlands.
COORD_GRID = 1e-5
#: Status values (case-insensitive) meaning "suppressed by CBS or statistically unreliable".
SUPPRESSED_STATUSES = frozenset({"geheim", "onbetrouwbaar", "onderdrukt", "suppressed", "unreliable",
                                 "te_klein", "te klein", "te weinig inwoners"})
#: Status values meaning "below wijklib's own inhabitant threshold" (drawn like suppressed, labelled apart).
SMALL_STATUSES = frozenset({"te_klein", "te klein", "te weinig inwoners"})
#: Status values meaning "no value".
MISSING_STATUSES = frozenset({"ontbreekt", "missing", "geen gegevens", "te weinig gegevens", "geen referentie",
                              "te kleine referentie"})


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
        Same rows (except those without a geometry) and columns, EPSG:4326.
    """
    gdf = _check_geodataframe(areas, "gebieden")
    # a buurt with figures but no polygon (boundaries of another year) has nothing to draw: left out
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
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


def boundary_lines(areas: gpd.GeoDataFrame, by: str) -> gpd.GeoSeries:
    """The boundaries between groups of areas (e.g. wijken) as lines, each shared edge once.

    Drawing the outline of every dissolved polygon draws a shared edge twice, and two dashed lines on top of each
    other look like one solid line; this returns the union of the outlines instead (in the CRS of ``areas``).
    """
    dis = dissolve_areas(areas, by)
    if dis.empty:
        return gpd.GeoSeries([], crs=areas.crs)
    lines = shapely.line_merge(shapely.union_all(dis.geometry.boundary.to_numpy()))
    return gpd.GeoSeries([lines], crs=dis.crs)


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


def _is_missing_name(name: Any, code: Any) -> bool:
    return not isinstance(name, str) or not name.strip() or name.strip() == str(code).strip()


def with_names(areas: gpd.GeoDataFrame, names: "Mapping[str, str] | pd.Series | None") -> gpd.GeoDataFrame:
    """Fill the ``name`` column of the areas from a code -> name mapping (e.g. ``Werkset.names``).

    Polygon files with codes only (the CBS 2019 buurt polygons) give names that are empty or equal to the code;
    the names of the werkset (from the KWB table or a names file) take their place. Real names on the polygons
    are kept.

    Parameters
    ----------
    areas : GeoDataFrame
        With ``area_code``.
    names : mapping or Series, optional
        Area code -> name.

    Returns
    -------
    GeoDataFrame
        A copy with ``name`` filled where the mapping has a name.
    """
    gdf = _check_geodataframe(areas, "gebieden")
    out = gdf.copy()
    lookup = dict(names.items()) if names is not None else {}
    codes = out["area_code"].astype(str)
    current = out["name"] if "name" in out.columns else pd.Series([None] * len(out), index=out.index)
    filled = []
    for name, code in zip(current, codes):
        new = lookup.get(code)
        if _is_missing_name(name, code) and isinstance(new, str) and not _is_missing_name(new, code):
            filled.append(new.strip())
        else:
            filled.append(name)
    out["name"] = filled
    return out


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
        if "name" in df.columns and "name" not in wanted:  # names of the data (e.g. scores) where the areas lack them
            out = with_names(out, df["name"].dropna().astype(str))
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
        out["_small"] = st.isin(SMALL_STATUSES).to_numpy() & (state == "geheim")
    if unreliable is not None:
        flag = out[unreliable].astype("object").map(lambda x: bool(x) if x is not None and x is not pd.NA and
                                                    not (isinstance(x, float) and math.isnan(x)) else False)
        state = np.where(flag.to_numpy(dtype=bool), "geheim", state)
    out["_state"] = state
    if "_small" not in out.columns:
        out["_small"] = False
    return out


def score_status(scores: pd.DataFrame, value: str = "index", *, suppressed: pd.Series | None = None
                 ) -> pd.Series:
    """Map status per area of a scores table: ``waarde``, ``geheim`` or ``ontbreekt``.

    An area without a score is ``te weinig inwoners`` when it is below wijklib's own minimum population
    (``small_population``; drawn hatched, labelled "te weinig inwoners (keuze van wijklib)"), else ``geheim``
    (drawn hatched, "geheim/onbetrouwbaar") when its values are suppressed or unreliable, otherwise ``ontbreekt``
    (grey, "geen gegevens"). Areas with a score are ``waarde``.

    Parameters
    ----------
    scores : DataFrame
        Indexed by area code, with the column ``value``.
    value : str
        The score column (``index`` or a ``domain_*`` score).
    suppressed : Series of bool, optional
        Per area code: True when values behind *this* score are suppressed or unreliable, e.g. from
        :func:`suppressed_areas` for the indicators of one domain. Default: the columns ``n_suppressed`` /
        ``n_unreliable`` of ``scores`` (as in ``UrgencyResult.scores``), which count all indicators of the area;
        right for the index, too broad for a single domain.

    Examples
    --------
    >>> df = pd.DataFrame({"index": [0.3, np.nan, np.nan], "n_suppressed": [0, 12, 0]}, index=["a", "b", "c"])
    >>> score_status(df).tolist()
    ['waarde', 'geheim', 'ontbreekt']
    >>> score_status(df, suppressed=pd.Series({"b": False, "c": True})).tolist()
    ['waarde', 'ontbreekt', 'geheim']
    """
    if value not in scores.columns:
        raise InputError(f"kolom {value!r} ontbreekt; kolommen: {', '.join(map(str, scores.columns))}", column=value)
    has = pd.to_numeric(scores[value], errors="coerce").notna()
    if suppressed is not None:
        flags = pd.Series(suppressed, dtype="object")
        flags.index = flags.index.astype(str)
        hidden = flags.reindex(scores.index.astype(str)).fillna(False).astype(bool)
        hidden.index = scores.index
    else:
        hidden = pd.Series(False, index=scores.index)
        for col in ("n_suppressed", "n_unreliable"):
            if col in scores.columns:
                hidden |= pd.to_numeric(scores[col], errors="coerce").fillna(0) > 0
    out = np.where(has, "waarde", np.where(hidden.to_numpy(dtype=bool), "geheim", "ontbreekt"))
    if "small_population" in scores.columns:  # below wijklib's own minimum: not a CBS secret
        small = scores["small_population"].astype("object").map(lambda x: x is True or x == 1 or x is np.True_)
        out = np.where(~has.to_numpy() & small.to_numpy(dtype=bool), "te weinig inwoners", out)
    return pd.Series(out, index=scores.index, name="kaartstatus")


def suppressed_areas(counted: pd.DataFrame, indicators: Iterable[str] | None = None, *,
                     period: int | None = None) -> pd.Series:
    """Which areas have a suppressed or unreliable value among ``indicators`` (in ``period``).

    Parameters
    ----------
    counted : DataFrame
        Tidy counted table with ``area_code``, ``indicator``, ``period`` and ``status`` (as in
        ``Werkset.counted``).
    indicators : iterable of str, optional
        Restrict to these indicators (e.g. those of one domain); default all.
    period : int, optional
        Restrict to this year; default all years.

    Returns
    -------
    Series of bool
        Indexed by area code (every area in ``counted``), for :func:`score_status`.

    Examples
    --------
    >>> t = pd.DataFrame({"area_code": ["a", "a", "b"], "indicator": ["x", "y", "x"], "period": 2024,
    ...                   "status": ["waarde", "geheim", "waarde"]})
    >>> suppressed_areas(t).to_dict(), suppressed_areas(t, ["x"]).to_dict()
    ({'a': True, 'b': False}, {'a': False, 'b': False})
    """
    missing = [c for c in ("area_code", "indicator", "status") if c not in counted.columns]
    if missing:
        raise InputError(f"telcijfers: kolom(men) {', '.join(missing)} ontbreken", column=missing[0])
    codes = pd.Index(pd.unique(counted["area_code"].astype(str)))
    sel = counted
    if indicators is not None:
        sel = sel[sel["indicator"].isin(set(indicators))]
    if period is not None and "period" in sel.columns:
        sel = sel[pd.to_numeric(sel["period"], errors="coerce") == int(period)]
    flag = sel["status"].astype(str).str.strip().str.lower().isin(SUPPRESSED_STATUSES)
    out = flag.groupby(sel["area_code"].astype(str)).any()
    return out.reindex(codes, fill_value=False).astype(bool).rename("geheim")


def load_urgency_focus(folder: str | Path, areas: pd.DataFrame, *, file_name: str = "focusgebieden.csv"
                       ) -> tuple[pd.DataFrame | None, str]:
    """The focus areas the urgency notebook saved in ``folder``, if they belong to ``areas``.

    Notebook ``01_urgentieanalyse`` writes ``focusgebieden.csv`` (with :func:`wijklib.analysis.save_results`);
    it is read with :func:`wijklib.focus_file.read_focus_file` (rows decided ``nee`` are left out).
    The map notebook uses that file when no focus file is given, so both notebooks show the same focus areas.
    The file is only used when every buurt code in it is one of ``areas`` (not a file of another gemeente).

    Returns
    -------
    (DataFrame or None, str)
        The focus table as from :func:`wijklib.focus_file.read_focus_file` (or None) and a Dutch sentence saying
        what was found.
    """
    from datetime import datetime

    from wijklib.focus_file import read_focus_file

    path = Path(folder) / file_name
    if not path.exists():
        return None, f"geen {file_name} van het urgentienotebook gevonden in {Path(folder)}"
    try:
        focus = read_focus_file(path)
    except InputError as exc:
        return None, f"{path} overgeslagen: {exc}"
    codes = set(areas["area_code"].astype(str))
    foreign = sorted(set(focus["area_code"]) - codes)
    if focus.empty:
        return None, f"{path} overgeslagen: het bestand noemt geen focusbuurten"
    if foreign:
        return None, (f"{path} overgeslagen: {len(foreign)} van de {len(focus)} buurtcodes horen niet bij deze "
                      f"gemeente (bijvoorbeeld {foreign[0]}); draai notebook 01 opnieuw voor deze gemeente")
    when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%d-%m-%Y %H:%M")
    return focus, f"uit het urgentienotebook (01): {path} (bewaard {when})"


def _cluster_key(value: Any) -> tuple[int, float, str]:
    text = str(value)
    try:
        return (0, float(text), text)
    except ValueError:
        return (1, 0.0, text)


def focus_table(focus: pd.DataFrame, *, names: dict[str, str] | None = None,
                ranks: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per focus buurt, for display: focus area, full name, rank, rank interval and robustness.

    Parameters
    ----------
    focus : DataFrame
        ``area_code`` and ``cluster`` (and optionally ``name``, ``rank``, ``rank_lo``, ``rank_hi``,
        ``robustness``, as in the urgency notebook's ``focusgebieden.csv``).
    names : mapping, optional
        Area code -> name, for rows without a name.
    ranks : DataFrame, optional
        Indexed by area code with any of ``rank``, ``rank_lo``, ``rank_hi``, ``robustness``; fills what
        ``focus`` does not have (e.g. ``UrgencyResult.scores`` joined with ``UrgencyResult.uncertainty``).

    Returns
    -------
    DataFrame
        Dutch columns ``focusgebied``, ``buurt``, ``buurtcode``, ``rang``, ``rang (onzekerheid)``,
        ``robuustheid``; sorted by focus area and rank.
    """
    if "area_code" not in focus.columns or "cluster" not in focus.columns:
        raise InputError("focusgebieden: kolommen 'area_code' en 'cluster' zijn nodig", column="area_code")
    df = focus.copy()
    df["area_code"] = df["area_code"].astype(str)
    extra = ranks.copy() if ranks is not None else pd.DataFrame()
    if len(extra):
        extra.index = extra.index.astype(str)
    for col in ("name", "rank", "rank_lo", "rank_hi", "robustness"):
        mine = df[col] if col in df.columns else pd.Series(np.nan, index=df.index, dtype="object")
        if col in extra.columns:
            theirs = extra[col].reindex(df["area_code"]).to_numpy()
            mine = mine.where(mine.notna() & (mine.astype(str).str.strip() != ""), theirs)
        df[col] = mine
    lookup = dict(names or {})
    df["name"] = [n if isinstance(n, str) and n.strip() else lookup.get(c, c) for n, c in zip(df["name"],
                                                                                               df["area_code"])]

    def _int(v: Any) -> str:
        x = pd.to_numeric(v, errors="coerce")
        return "" if pd.isna(x) else str(int(round(float(x))))

    interval = [f"{_int(a)}–{_int(b)}" if _int(a) and _int(b) else "" for a, b in zip(df["rank_lo"], df["rank_hi"])]
    cluster_txt = df["cluster"].astype(str).tolist()
    rank_txt = [_int(v) for v in df["rank"]]
    out = pd.DataFrame({
        "focusgebied": df["cluster"].astype(str).to_numpy(),
        "buurt": df["name"].astype(str).to_numpy(),
        "buurtcode": df["area_code"].to_numpy(),
        "rang": rank_txt,
        "rang (onzekerheid)": interval,
        "robuustheid": [("" if pd.isna(v) else str(v)) for v in df["robustness"]],
    })
    order = sorted(range(len(out)), key=lambda i: (_cluster_key(cluster_txt[i]),
                                                   float(rank_txt[i]) if rank_txt[i] else math.inf))
    return out.iloc[order].reset_index(drop=True)
