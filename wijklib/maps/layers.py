"""Interactive map layers (folium / ``GeoDataFrame.explore``) for urgency and focus areas.

Every layer takes plain tables: a GeoDataFrame of areas (``area_code``, ``name``, ``geometry``, e.g. from
:func:`wijklib.geo.load_areas`) and a DataFrame of values indexed by ``area_code`` (or with such a column), so
scores and focus clusters can come from :mod:`wijklib.urgency`, a CSV or anything else.

Conventions

* Colours come from one :class:`~wijklib.maps.classify.Classification` per measure, computed once for the whole
  gemeente, so they mean the same in every map.
* Suppressed or unreliable values are drawn hatched (legend entry ``geheim/onbetrouwbaar``), missing values grey.
* Each layer has a name in the layer control and its own legend, which hides when the layer is switched off
  (folium's own choropleth legend stays visible: python-visualization/folium#1052).
* Free text in popups (signal texts, roles, captions) passes :class:`wijklib.privacy.TextScrubber` first (names,
  addresses, postcodes, phone numbers and e-mail addresses become ``[naam]``, ``[adres]``, ...).
* All text that ends up in a tooltip, popup or label is HTML-escaped first (folium inserts it with
  ``innerHTML``), so a buurt name or a story cannot inject HTML or scripts.
"""

from __future__ import annotations

import html
import math
from typing import Any, Iterable, Mapping, Sequence, cast

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from wijklib.errors import InputError
from wijklib.maps.classify import (
    MISSING_COLOR,
    MISSING_LABEL,
    SUPPRESSED_COLOR,
    SUPPRESSED_HATCH_COLOR,
    SMALL_LABEL,
    SUPPRESSED_LABEL,
    URGENCY_TYPE_COLORS,
    URGENCY_TYPE_LABELS,
    Classification,
    category_colors,
    format_number,
    palette_colors,
)
from wijklib.maps.prepare import boundary_lines, dissolve_areas, join_values
from wijklib.privacy import TextScrubber, escape_html

__all__ = [
    "HATCH_FILL",
    "Legend",
    "base_map",
    "add_choropleth",
    "add_categories",
    "add_boundaries",
    "add_focus_clusters",
    "add_points",
    "add_signals",
    "add_layer_control",
    "stacking_classification",
]

#: Fill of suppressed / unreliable areas in the interactive map: an SVG pattern defined once per page.
HATCH_FILL = "url(#wijklib-hatch)"

_CSS = """
.folium-map.leaflet-container { background: #fafaf7; }
.wijklib-legend { background: rgba(255,255,255,.93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 0 4px rgba(0,0,0,.35); font: 12px/1.35 Arial, Helvetica, sans-serif; color: #222;
  max-width: 270px; }
.wijklib-legend .wl-title { font-weight: bold; margin-bottom: 3px; }
.wijklib-legend .wl-row { display: flex; align-items: center; gap: 6px; margin: 1px 0; }
.wijklib-legend .wl-note { color: #555; font-size: 11px; margin-top: 4px; }
.wl-sw { display: inline-block; width: 20px; height: 13px; border: 1px solid #777; flex: none; }
.wl-hatch { background: repeating-linear-gradient(45deg, %(base)s 0 3px, %(hatch)s 3px 5px); }
.wl-line { display: inline-block; width: 20px; height: 0; border-top: 4px solid; flex: none; }
.wl-dash { border-top-style: dashed; border-top-width: 2px; }
.wl-dot { display: inline-block; border-radius: 50%%; border: 1px solid #333; flex: none; }
.wijklib-label { background: none; border: none; }
.wijklib-label .wl-label { position: absolute; transform: translate(-50%%, -50%%); white-space: nowrap;
  font: bold 12px Arial, Helvetica, sans-serif; color: #111;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events: none; }
.wijklib-label .wl-label.wl-small { font-weight: normal; font-size: 11px; color: #333; }
.wijklib-title { position: absolute; z-index: 1000; top: 8px; left: 50px; background: rgba(255,255,255,.9);
  padding: 4px 8px; border-radius: 4px; font: bold 14px Arial, Helvetica, sans-serif; color: #222;
  box-shadow: 0 0 4px rgba(0,0,0,.3); }
.folium-map .leaflet-tooltip, .folium-map .leaflet-popup-content { font: 12px/1.35 Arial, Helvetica, sans-serif; }
.folium-map .leaflet-control-layers { font: 13px/1.4 Arial, Helvetica, sans-serif; }
.leaflet-control-scale-line + .leaflet-control-scale-line { display: none; }
.leaflet-tooltip table th { text-align: left; padding-right: 6px; color: #444; font-weight: normal; }
.leaflet-tooltip table td { font-weight: bold; }
""" % {"base": SUPPRESSED_COLOR, "hatch": SUPPRESSED_HATCH_COLOR}

_HATCH_SVG = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="wijklib-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="%s"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="%s" stroke-width="2.5"/></pattern></defs></svg>'
    % (SUPPRESSED_COLOR, SUPPRESSED_HATCH_COLOR))


class _Assets(MacroElement):
    """CSS and the SVG hatch pattern, added once per page."""

    _template = Template("")

    def render(self, **kwargs: Any) -> str:
        figure = cast(Figure, self.get_root())
        figure.header.add_child(Element(f"<style>{_CSS}</style>"), name="wijklib_css")
        figure.html.add_child(Element(_HATCH_SVG), name="wijklib_hatch")
        return super().render(**kwargs)


#: Map panes above the filled areas (Leaflet's overlay pane has z-index 400): lines (wijk, gemeente, focus areas)
#: and then points (schouw, signals, locations). Switching a fill layer on later then never hides them.
LINE_PANE = "wijklibLijnen"
POINT_PANE = "wijklibPunten"
_PANES = {LINE_PANE: 410, POINT_PANE: 420}


def _ensure_assets(m: folium.Map) -> None:
    if not any(isinstance(c, _Assets) for c in m._children.values()):
        m.add_child(_Assets(), name="wijklib_assets")
    if isinstance(m, folium.Map):
        for pane, z in _PANES.items():
            key = f"wijklib_pane_{pane}"
            if key not in m._children:
                # pointer_events=False: the pane lets hovers through to the buurten below, except on its own
                # interactive shapes (points)
                m.add_child(folium.map.CustomPane(pane, z_index=z, pointer_events=False), name=key)


class Legend(MacroElement):
    """A legend control that is shown only while its layer is on the map.

    Parameters
    ----------
    title : str
        Legend title (escaped).
    entries : list of (kind, colour, label)
        ``kind`` is ``fill``, ``hatch``, ``line``, ``dash`` or ``dot``; labels are escaped.
    layer : folium layer, optional
        The legend follows this layer's visibility.
    note : str, optional
        Small text under the entries (e.g. what the classes are based on).
    position : str
        Leaflet control position.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', 'wijklib-legend');
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- if this.layer_name %}
        (function () {
            var ctl = {{ this.get_name() }}, map = {{ this._parent.get_name() }};
            function sync() {
                var lyr = {{ this.layer_name }};
                ctl.getContainer().style.display = map.hasLayer(lyr) ? '' : 'none';
            }
            map.on('overlayadd overlayremove', sync);
            sync();
        })();
        {%- endif %}
        {% endmacro %}
    """)

    def __init__(self, title: str, entries: Sequence[tuple[str, str, str]], *, layer: Any = None,
                 note: str | None = None, position: str = "bottomright") -> None:
        super().__init__()
        self._name = "Legend"
        self.title = title
        self.entries = list(entries)
        self.layer_name = layer.get_name() if layer is not None else None
        self.note = note
        self.position = position
        self.html = _legend_html(title, self.entries, note)


def _swatch(kind: str, color: str) -> str:
    c = html.escape(str(color), quote=True)
    if kind == "fill":
        return f'<span class="wl-sw" style="background:{c}"></span>'
    if kind == "hatch":
        return '<span class="wl-sw wl-hatch"></span>'
    if kind in ("line", "dash"):
        extra = " wl-dash" if kind == "dash" else ""
        return f'<span class="wl-line{extra}" style="border-color:{c}"></span>'
    if kind.startswith("dot"):
        size = kind[3:] or "10"
        return (f'<span class="wl-dot" style="background:{c};width:{int(size)}px;height:{int(size)}px">'
                f'</span>')
    raise ValueError(f"unknown legend swatch {kind!r}")


def _legend_html(title: str, entries: Sequence[tuple[str, str, str]], note: str | None) -> str:
    rows = [f'<div class="wl-title">{escape_html(title)}</div>'] if title else []
    for kind, color, label in entries:
        rows.append(f'<div class="wl-row">{_swatch(kind, color)}<span>{escape_html(label)}</span></div>')
    if note:
        rows.append(f'<div class="wl-note">{escape_html(note)}</div>')
    return "".join(rows)


def base_map(bounds: Sequence[float] | gpd.GeoDataFrame | None = None, *, offline: bool = True,
             tiles: str = "OpenStreetMap", width: str | float = "100%", height: str | float = "100%",
             title: str | None = None, **map_kwargs: Any) -> folium.Map:
    """An empty folium map fitted to ``bounds``; no tiles in offline mode.

    Parameters
    ----------
    bounds : (minx, miny, maxx, maxy) in lon/lat, or a GeoDataFrame (any CRS), optional
    offline : bool
        No background tiles (a plain light background); tiles always need a server.
    tiles : str
        Tile provider when ``offline`` is False.
    width, height : str or float
    title : str, optional
        A title box in the top left corner (escaped).
    **map_kwargs
        Passed to :class:`folium.Map`.
    """
    if isinstance(bounds, gpd.GeoDataFrame):
        if bounds.crs is None:
            raise InputError("de gebieden hebben geen coördinatenstelsel")
        bounds = bounds.to_crs("EPSG:4326").total_bounds
    kwargs: dict[str, Any] = {"control_scale": True, "zoom_control": True}
    kwargs.update(map_kwargs)
    m = folium.Map(tiles=None if offline else tiles, width=width, height=height, **kwargs)
    if bounds is not None and np.all(np.isfinite(bounds)):
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        m.fit_bounds([[miny, minx], [maxy, maxx]])
        m.location = [(miny + maxy) / 2, (minx + maxx) / 2]
    _ensure_assets(m)
    if title:
        cast(Figure, m.get_root()).html.add_child(Element(f'<div class="wijklib-title">{escape_html(title)}</div>'),
                                                  name=f"wijklib_title_{m.get_name()}")
    return m


def _web(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        raise InputError("de gebieden hebben geen coördinatenstelsel; gebruik load_areas of set_crs")
    return gdf if gdf.crs.to_epsg() == 4326 else gdf.to_crs("EPSG:4326")


def _last_child(m: folium.Map) -> Any:
    return list(m._children.values())[-1]


def _fmt_cell(value: Any, decimals: int = 1) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "ja" if value else "nee"
    if isinstance(value, (int, np.integer)):
        return format_number(float(value), 0)
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return format_number(float(value), 0 if float(value).is_integer() else decimals)
    return escape_html(value, max_length=300)


def _names(gdf: gpd.GeoDataFrame) -> list[str]:
    """Escaped area names; the code where a name is missing (e.g. CBS files with codes only)."""
    names = gdf["name"] if "name" in gdf.columns else pd.Series([None] * len(gdf), index=gdf.index)
    return [escape_html(n) if escape_html(n) else escape_html(c) for n, c in zip(names, gdf["area_code"])]


def _rank_text(row: Mapping[str, Any], rank: str | None, lo: str | None, hi: str | None, n: int | None) -> str:
    r = row.get(rank) if rank else None
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return ""
    text = f"{int(round(float(r)))}" + (f" van {n}" if n else "")
    a = row.get(lo) if lo else None
    b = row.get(hi) if hi else None
    if a is not None and b is not None and not (pd.isna(a) or pd.isna(b)):
        text += f" (onzekerheid {int(round(float(a)))}–{int(round(float(b)))})"
    return text


def _explore_polygons(m: folium.Map, gdf: gpd.GeoDataFrame, fields: list[str], aliases: list[str], *, name: str,
                      show: bool, style: Mapping[str, Any], highlight: bool = True,
                      interactive: bool = True) -> Any:
    """Add polygons coloured by the ``_fill`` column through ``GeoDataFrame.explore``; return the layer."""
    keep = [c for c in dict.fromkeys(["_fill", *fields]) if c in gdf.columns]
    data = gdf[keep + [gdf.geometry.name]].reset_index(drop=True)
    kwargs: dict[str, Any] = {}
    if not interactive:
        kwargs["interactive"] = False
    data.explore(
        m=m, color="_fill", style_kwds=dict(style),
        highlight=highlight and interactive,
        highlight_kwds={"weight": 2.5, "color": "#000000", "fillOpacity": 0.9},
        tooltip=fields if (interactive and fields) else False,
        tooltip_kwds={"aliases": [escape_html(a) for a in aliases], "sticky": True, "labels": True}
        if (interactive and fields) else {},
        popup=False, legend=False, name=name, show=show, control=True, smooth_factor=0.5, **kwargs,
    )
    return _last_child(m)


def add_choropleth(m: folium.Map, areas: gpd.GeoDataFrame, data: pd.DataFrame | pd.Series | None = None, *,
                   value: str, classification: Classification, name: str | None = None,
                   status: str | None = None, unreliable: str | None = None, rank: str | None = "rank",
                   rank_interval: tuple[str, str] | None = ("rank_lo", "rank_hi"),
                   tooltip_columns: Mapping[str, str] | None = None, area_label: str = "Buurt",
                   show: bool = True, legend: bool = True, opacity: float = 0.8,
                   legend_position: str = "bottomright") -> Any:
    """Add a choropleth of ``value`` coloured with a fixed :class:`Classification`.

    Parameters
    ----------
    m : folium.Map
    areas : GeoDataFrame
        ``area_code``, ``name`` and polygons (simplify them first with
        :func:`wijklib.maps.prepare.simplify_areas` for a light page).
    data : DataFrame or Series, optional
        Values by area code; ``None`` if the columns are on ``areas``.
    value : str
        Column to colour by.
    classification : Classification
        Classes computed once for the whole gemeente (:func:`wijklib.maps.classify.classify`).
    name : str, optional
        Layer name (default the classification title).
    status, unreliable : str, optional
        Status column (``geheim``/``onbetrouwbaar``/``ontbreekt``) or boolean unreliable column: drawn hatched.
    rank : str, optional
        Rank column (1 = most urgent) for the tooltip; ignored when absent.
    rank_interval : (str, str), optional
        Columns with the lower and upper rank of the uncertainty interval; ignored when absent.
    tooltip_columns : mapping column -> label, optional
        More columns for the tooltip (numbers formatted the Dutch way, text escaped).
    area_label : str
        Label of the name line (``Buurt``, ``Wijk``).
    show, legend : bool
    opacity : float
        Fill opacity.

    Returns
    -------
    folium.GeoJson
        The layer (for legends or tests).
    """
    _ensure_assets(m)
    if not isinstance(classification, Classification):
        raise InputError("classification moet een Classification zijn (maak hem met wijklib.maps.classify)",
                         column="classification")
    src = data if data is not None else areas
    present = set(src.columns) | ({src.index.name} if isinstance(src, pd.DataFrame) else set())
    rank_col = rank if rank and rank in present else None
    lo, hi = rank_interval if rank_interval else (None, None)
    lo = lo if lo in present else None
    hi = hi if hi in present else None
    extra = dict(tooltip_columns or {})
    cols = [c for c in [rank_col, lo, hi, *extra] if c]
    gdf = join_values(_web(areas), data, columns=cols, value=value, status=status, unreliable=unreliable)
    cls = classification.assign(gdf[value].to_numpy())
    state = gdf["_state"].to_numpy()
    fill = np.where(state == "geheim", HATCH_FILL,
                    np.where((state == "waarde") & (cls >= 0),
                             np.asarray(classification.colors, dtype=object)[np.maximum(cls, 0)], MISSING_COLOR))
    title = classification.title or value
    small = gdf["_small"].to_numpy(dtype=bool) if "_small" in gdf.columns else np.zeros(len(gdf), dtype=bool)
    label = np.where(state == "geheim", np.where(small, SMALL_LABEL, SUPPRESSED_LABEL),
                     np.where((state == "waarde") & (cls >= 0),
                              np.asarray(classification.labels, dtype=object)[np.maximum(cls, 0)], MISSING_LABEL))
    shown = [classification.format(v) if s == "waarde" else ("" if np.isnan(v) else classification.format(v)
                                                               + " (onbetrouwbaar)")
             for v, s in zip(gdf[value].to_numpy(dtype=float), state)]
    shown = [t if t else lab for t, lab in zip(shown, label)]
    n_ranked = int(pd.to_numeric(gdf[rank_col], errors="coerce").notna().sum()) if rank_col else None
    out = gpd.GeoDataFrame({
        "_fill": fill,
        "naam": _names(gdf),
        "code": [escape_html(x) for x in gdf["area_code"]],
        "waarde": [escape_html(x) for x in shown],
        "klasse": [escape_html(x) for x in label],
    }, geometry=gdf.geometry.to_numpy(), crs=gdf.crs)
    fields, aliases = ["naam", "code", "waarde", "klasse"], [area_label, "Code", title, "Klasse"]
    if rank_col:
        records = gdf[[c for c in (rank_col, lo, hi) if c]].to_dict("records")
        out["rang"] = [_rank_text(r, rank_col, lo, hi, n_ranked) for r in records]
        fields.append("rang")
        aliases.append("Rang")
    for i, (col, alias) in enumerate(extra.items()):
        key = f"x{i}"
        out[key] = [_fmt_cell(v, classification.decimals) for v in gdf[col]]
        fields.append(key)
        aliases.append(alias)
    layer = _explore_polygons(m, out, fields, aliases, name=name or title, show=show,
                              style={"color": "#4d4d4d", "weight": 0.7, "fillOpacity": opacity})
    if legend:
        entries = classification.legend_rows(
            suppressed=bool(((state == "geheim") & ~small).any()), small=bool(((state == "geheim") & small).any()),
            missing=bool((state == "ontbreekt").any() or ((state == "waarde") & (cls < 0)).any()))
        note = f"Klassen: {classification.basis}" if classification.basis else None
        m.add_child(Legend(classification.legend_title() or title, entries,
                           layer=layer, note=note, position=legend_position))
    return layer


def stacking_classification(max_domains: int = 4, *, title: str = "Stapeling: aantal domeinen") -> Classification:
    """Fixed classes 0, 1, 2, ..., ``max_domains`` or more flagged domains (sequential purple)."""
    if max_domains < 1:
        raise InputError("max_domains moet minstens 1 zijn", column="max_domains")
    bins = [float(i) for i in range(max_domains)] + [float(max_domains)]
    labels = [f"{i} domein" + ("en" if i != 1 else "") for i in range(max_domains)]
    labels.append(f"{max_domains} of meer domeinen")
    return Classification(bins=tuple(bins), colors=palette_colors("Purples", len(bins)), labels=tuple(labels),
                          scheme="fixed", title=title, decimals=0)


def add_categories(m: folium.Map, areas: gpd.GeoDataFrame, data: pd.DataFrame | pd.Series | None = None, *,
                   column: str, name: str, colors: Mapping[str, str] | None = None,
                   labels: Mapping[str, str] | None = None, title: str | None = None, area_label: str = "Buurt",
                   show: bool = False, legend: bool = True, opacity: float = 0.75,
                   hide: Iterable[str] = (), legend_position: str = "bottomright") -> Any:
    """Add a layer coloured by category (e.g. urgency type) with a colour-blind-safe palette.

    ``colors`` fixes colours per category (default: :data:`URGENCY_TYPE_COLORS` for the urgency types, else
    the categorical palette); categories in ``hide`` are drawn transparent but keep their tooltip.
    """
    _ensure_assets(m)
    gdf = join_values(_web(areas), data, columns=[column], what=name)
    raw = gdf[column].astype("object").where(gdf[column].notna(), None)
    cats = [str(c) for c in raw if c is not None]
    fixed = dict(colors) if colors is not None else {k: v for k, v in URGENCY_TYPE_COLORS.items()}
    palette = category_colors(cats, fixed)
    labels = dict(labels) if labels is not None else dict(URGENCY_TYPE_LABELS)
    hide = {str(h) for h in hide}
    fill = [MISSING_COLOR if c is None else palette[str(c)] for c in raw]
    out = gpd.GeoDataFrame({
        "_fill": fill,
        "naam": _names(gdf),
        "code": [escape_html(x) for x in gdf["area_code"]],
        "categorie": [escape_html(labels.get(str(c), c)) if c is not None else MISSING_LABEL for c in raw],
    }, geometry=gdf.geometry.to_numpy(), crs=gdf.crs)
    style: dict[str, Any] = {"color": "#4d4d4d", "weight": 0.7, "fillOpacity": opacity}
    if hide:
        hidden = {str(c) for c in raw if c is not None and str(c) in hide}
        hidden_ids = set(np.flatnonzero([c is not None and str(c) in hidden for c in raw]).tolist())

        def _transparent(feature: dict) -> dict:
            return {"fillOpacity": 0.0} if int(feature["id"]) in hidden_ids else {}

        style["style_function"] = _transparent
    layer = _explore_polygons(m, out, ["naam", "code", "categorie"], [area_label, "Code", title or name], name=name,
                              show=show, style=style)
    if legend:
        present = sorted(set(cats), key=lambda c: (list(fixed).index(c) if c in fixed else len(fixed), c))
        entries = [("fill", palette[c], labels.get(c, c)) for c in present if c not in hide]
        if any(c is None for c in raw):
            entries.append(("fill", MISSING_COLOR, MISSING_LABEL))
        m.add_child(Legend(title or name, entries, layer=layer, position=legend_position))
    return layer


def _label_marker(lat: float, lon: float, text: str, *, small: bool = False) -> folium.Marker:
    cls = "wl-label wl-small" if small else "wl-label"
    icon = folium.DivIcon(html=f'<div class="{cls}">{escape_html(text)}</div>', icon_size=(0, 0),
                          icon_anchor=(0, 0), class_name="wijklib-label")
    return folium.Marker([lat, lon], icon=icon, interactive=False, keyboard=False)


def _label_points(gdf: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    pts = gdf.to_crs("EPSG:28992").geometry.representative_point().to_crs("EPSG:4326")
    return [(float(p.y), float(p.x)) for p in pts]


def add_boundaries(m: folium.Map, areas: gpd.GeoDataFrame, *, by: str = "wijk_code",
                   names: Mapping[str, str] | None = None, name: str = "Wijkgrenzen", color: str = "#1a1a1a",
                   weight: float = 2.0, dash: str | None = None, labels: bool = True, show: bool = True,
                   legend: bool = False, legend_label: str | None = None,
                   legend_position: str = "bottomleft") -> folium.FeatureGroup:
    """Add outlines of areas dissolved by ``by`` (``wijk_code`` → wijken, ``gemeente_code`` → gemeente).

    The outlines are not interactive, so tooltips of the layers below keep working. ``dash`` is a Leaflet
    ``dashArray`` (e.g. ``"6 4"``); ``legend`` adds a one-line legend (``legend_label``, default ``name``) that
    follows the layer.
    """
    _ensure_assets(m)
    web = _web(areas)
    dis = dissolve_areas(web, by, names=dict(names or {}))
    fg = folium.FeatureGroup(name=name, show=show, control=True)
    if not dis.empty:
        style = {"color": color, "weight": weight, "fill": False, "fillOpacity": 0.0}
        if dash:
            style["dashArray"] = dash
        lines = gpd.GeoDataFrame(geometry=boundary_lines(web, by))  # shared edges once: dashes stay dashes
        folium.GeoJson(lines.__geo_interface__, style_function=lambda f, s=style: s,
                       interactive=False, smooth_factor=0.5, pane=LINE_PANE).add_to(fg)
        if labels:
            for (lat, lon), text in zip(_label_points(dis), dis["label"]):
                _label_marker(lat, lon, text, small=True).add_to(fg)
    fg.add_to(m)
    if legend:
        m.add_child(Legend("", [("dash" if dash else "line", color, legend_label or name)], layer=fg,
                           position=legend_position))
    return fg


def add_focus_clusters(m: folium.Map, areas: gpd.GeoDataFrame, clusters: pd.DataFrame | pd.Series, *,
                       cluster_column: str = "cluster", label_column: str | None = None,
                       name: str = "Focusgebieden", color: str = "#000000", show: bool = True,
                       legend: bool = True, label_prefix: str = "Focusgebied") -> folium.FeatureGroup:
    """Add focus-area clusters: a thick outline around the buurten of each cluster and a label.

    Parameters
    ----------
    clusters : DataFrame or Series
        Cluster id per area code (index or column ``area_code``), e.g. the ``focus`` table of
        :func:`wijklib.urgency.run_urgency` or a CSV with ``area_code`` and ``cluster``. Areas without a
        cluster are not part of a focus area.
    label_column : str, optional
        Column with a name per cluster (e.g. ``"Zuiderveld-Noord"``); default ``"<label_prefix> <id>"``.
    """
    _ensure_assets(m)
    if isinstance(clusters, pd.Series):
        clusters = clusters.to_frame(cluster_column)
    cols = [cluster_column] + ([label_column] if label_column else [])
    gdf = join_values(_web(areas), clusters, columns=cols, what="focusgebieden")
    gdf = gdf[gdf[cluster_column].notna()].copy()
    fg = folium.FeatureGroup(name=name, show=show, control=True)
    if not gdf.empty:
        def _cid(v: Any) -> str:
            if isinstance(v, (float, np.floating)) and float(v).is_integer():
                return str(int(v))
            return str(v)

        gdf["_cluster"] = gdf[cluster_column].map(_cid)
        names: dict[str, str] = {}
        for cid, grp in gdf.groupby("_cluster", sort=False):
            custom = grp[label_column].dropna().astype(str).iloc[0] if label_column and \
                grp[label_column].notna().any() else None
            n = len(grp)
            names[str(cid)] = (custom or f"{label_prefix} {cid}") + (f" ({n} buurten)" if n > 1 else "")
        dis = dissolve_areas(gdf, "_cluster", names=names)
        halo = {"color": "#ffffff", "weight": 8, "fill": False, "opacity": 0.9}
        line = {"color": color, "weight": 4, "fill": False}
        geo = dis[["key", dis.geometry.name]].__geo_interface__
        for style in (halo, line):
            folium.GeoJson(geo, style_function=lambda f, s=style: s, interactive=False, smooth_factor=0.5,
                           pane=LINE_PANE).add_to(fg)
        for (lat, lon), text in zip(_label_points(dis), dis["label"]):
            _label_marker(lat, lon, text).add_to(fg)
    fg.add_to(m)
    if legend:
        m.add_child(Legend("", [("line", color, f"{name} (dikke lijn, met naam)")], layer=fg,
                           position="bottomleft"))
    return fg


def add_points(m: folium.Map, points: gpd.GeoDataFrame, *, name: str, category: str | None = None,
               size: str | None = None, size_scale: Mapping[Any, float] | None = None,
               colors: Mapping[str, str] | None = None, tooltip_columns: Mapping[str, str] | None = None,
               popup_column: str | None = None, category_labels: Mapping[str, str] | None = None,
               title: str | None = None, show: bool = True, legend: bool = True, radius: float = 6.0,
               legend_position: str = "bottomleft") -> Any:
    """Add point observations (schouw, facilities, stakeholder locations) as circle markers.

    Parameters
    ----------
    points : GeoDataFrame
        Points in any CRS.
    category : str, optional
        Column coloured by category (colour-blind-safe palette, legend per category).
    size : str, optional
        Numeric column for the radius (e.g. ``ernst`` 1-3); ``size_scale`` maps values to radii (default
        ``3 + 2 * value``).
    tooltip_columns : mapping column -> label
        Columns in the tooltip (escaped).
    popup_column : str, optional
        Longer text (caption, story) shown on click, escaped and cut at 500 characters.
    """
    _ensure_assets(m)
    if not isinstance(points, gpd.GeoDataFrame):
        raise InputError(f"{name}: verwacht een GeoDataFrame met punten, gekregen {type(points).__name__}")
    web = _web(points)
    if len(web) and not set(web.geometry.geom_type.dropna()) <= {"Point"}:
        raise InputError(f"{name}: verwacht punten, gevonden {', '.join(sorted(set(web.geom_type.dropna())))}")
    web = web[web.geometry.notna() & ~web.geometry.is_empty]
    tips = dict(tooltip_columns or {})
    for col in [c for c in [category, size, popup_column, *tips] if c]:
        if col not in web.columns:
            raise InputError(f"{name}: kolom {col!r} ontbreekt; kolommen: {', '.join(map(str, web.columns))}",
                             column=col)
    cat_labels = dict(category_labels or {})
    if category:
        for c in web[category].dropna().astype(str).unique():
            cat_labels.setdefault(c, c.replace("_", " "))
        cats = web[category].astype("object").where(web[category].notna(), None)
        palette = category_colors([c for c in cats if c is not None], dict(colors or {}))
        fill = [palette.get(str(c), MISSING_COLOR) if c is not None else MISSING_COLOR for c in cats]
    else:
        palette = {}
        fill = [(colors or {}).get("_default", "#332288")] * len(web)
    if size:
        vals = pd.to_numeric(web[size], errors="coerce")
        scale = {float(k): float(v) for k, v in dict(size_scale or {}).items()}
        radii = [radius if math.isnan(v) else scale.get(float(v), 3 + 2 * float(v)) for v in vals]
    else:
        radii = [radius] * len(web)
    out = gpd.GeoDataFrame({"_fill": fill, "_r": radii}, geometry=web.geometry.to_numpy(), crs=web.crs)
    scrub = TextScrubber()  # free text leaves the machine in the map file: no personal data
    fields, aliases = [], []
    for i, (col, alias) in enumerate(tips.items()):
        key = f"t{i}"
        if col == category:
            out[key] = [escape_html(cat_labels.get(str(v), v)) for v in web[col]]
        elif pd.api.types.is_datetime64_any_dtype(web[col]):
            out[key] = [v.strftime("%d-%m-%Y") if not pd.isna(v) else "" for v in web[col]]
        else:
            out[key] = [_fmt_cell(scrub(v)) for v in web[col]]
        fields.append(key)
        aliases.append(alias)
    popup: bool | list[str] = False
    if popup_column:
        out["_popup"] = [escape_html(scrub(v), max_length=500) for v in web[popup_column]]
        popup = ["_popup"]

    def _style(feature: dict) -> dict:  # merged into the marker options: the pane keeps points above the fills
        return {"radius": feature["properties"]["_r"], "pane": POINT_PANE}

    out.reset_index(drop=True).explore(
        m=m, color="_fill", marker_type="circle_marker", marker_kwds={"radius": radius},
        style_kwds={"color": "#222222", "weight": 1, "fillOpacity": 0.9, "style_function": _style},
        highlight_kwds={"weight": 3, "fillOpacity": 1.0},
        tooltip=fields if fields else False,
        tooltip_kwds={"aliases": [escape_html(a) for a in aliases], "labels": True} if fields else {},
        popup=popup, popup_kwds={"labels": False, "max_width": 320} if popup else {},
        legend=False, name=name, show=show, control=True,
    )
    layer = _last_child(m)
    if legend and (category or size):
        entries: list[tuple[str, str, str]] = []
        if category:
            entries += [("dot", palette[c], cat_labels.get(c, c)) for c in sorted(palette)]
        if size:
            vals = sorted({v for v in pd.to_numeric(web[size], errors="coerce").dropna().unique()})
            for v in vals[:6]:
                r = out.loc[pd.to_numeric(web[size], errors="coerce").to_numpy() == v, "_r"].iloc[0]
                entries.append((f"dot{int(round(2 * r))}", "#ffffff", f"{title or size} {format_number(v, 0)}"
                                if float(v).is_integer() else f"{title or size} {format_number(v, 1)}"))
        m.add_child(Legend(name, entries, layer=layer, position=legend_position))
    return layer


def add_signals(m: folium.Map, areas: gpd.GeoDataFrame, signals: pd.DataFrame, *, code_column: str = "buurtcode",
                theme_column: str | None = "thema", text_column: str | None = "tekst",
                date_column: str | None = "datum", role_column: str | None = "bronrol", name: str = "Signalen",
                show: bool = True, show_text: bool = True, max_texts: int = 5, color: str = "#D55E00",
                legend: bool = True) -> Any:
    """Add signals of professionals, counted per buurt, as circles at the buurt centre.

    Signals have a buurt code but no location, so they are aggregated per buurt: the circle grows with the
    number of signals; the tooltip gives the count per theme, the popup the latest texts (escaped; no names or
    addresses belong in signals in the first place).
    """
    _ensure_assets(m)
    if not isinstance(signals, pd.DataFrame):
        raise InputError(f"{name}: verwacht een tabel met signalen, gekregen {type(signals).__name__}")
    for col in [c for c in (code_column, theme_column, text_column, date_column, role_column) if c]:
        if col not in signals.columns:
            raise InputError(f"{name}: kolom {col!r} ontbreekt; kolommen: {', '.join(map(str, signals.columns))}",
                             column=col)
    web = _web(areas)
    sig = signals.copy()
    sig[code_column] = sig[code_column].astype(str).str.strip()
    unknown = sorted(set(sig[code_column]) - set(web["area_code"].astype(str)))
    sig = sig[sig[code_column].isin(set(web["area_code"].astype(str)))]
    if date_column:
        sig["_d"] = pd.to_datetime(sig[date_column], errors="coerce")
        sig = sig.sort_values("_d", ascending=False)
    # free text and role texts leave the machine in the map file: no personal data (buurt names are no names)
    scrub = TextScrubber(allow=[str(v) for c in web.columns if "name" in str(c) or "naam" in str(c)
                                for v in web[c].dropna().unique()])
    rows = []
    for code, grp in sig.groupby(code_column, sort=False):
        themes = grp[theme_column].astype(str).value_counts() if theme_column else pd.Series(dtype=int)
        theme_txt = ", ".join(f"{str(t).replace('_', ' ')} {n}" for t, n in themes.items())
        items = []
        if show_text and text_column:
            for _, r in grp.head(max_texts).iterrows():
                head = []
                if date_column and not pd.isna(r["_d"]):
                    head.append(r["_d"].strftime("%d-%m-%Y"))
                if theme_column:
                    head.append(str(r[theme_column]).replace("_", " "))
                if role_column:
                    head.append(scrub(str(r[role_column])))
                items.append(f"<li><b>{escape_html(' · '.join(head))}</b><br>"
                             f"{escape_html(scrub(r[text_column]), max_length=300)}</li>")
        more = len(grp) - len(items)
        popup = ""
        if items:
            popup = '<ul style="padding-left:16px;margin:0">' + "".join(items) + "</ul>"
            if more > 0:
                popup += f"<i>en nog {more} signaal/signalen</i>"
        rows.append({"area_code": code, "n": len(grp), "themes": theme_txt, "popup": popup})
    agg = pd.DataFrame(rows, columns=["area_code", "n", "themes", "popup"])
    pts = web.set_index("area_code").loc[agg["area_code"]] if len(agg) else web.iloc[:0].set_index("area_code")
    rp = gpd.GeoSeries(pts.geometry.to_crs("EPSG:28992").representative_point(), crs="EPSG:28992").to_crs(4326)
    out = gpd.GeoDataFrame({
        "_fill": [color] * len(agg),
        "_r": [5 + 3 * math.sqrt(n) for n in agg["n"]],
        "naam": [escape_html(x) for x in pts["name"]] if "name" in pts.columns else [""] * len(agg),
        "aantal": [str(n) for n in agg["n"]],
        "themas": [escape_html(t) for t in agg["themes"]],
        "_popup": agg["popup"].tolist(),
    }, geometry=rp.to_numpy(), crs="EPSG:4326")

    def _style(feature: dict) -> dict:  # merged into the marker options: the pane keeps points above the fills
        return {"radius": feature["properties"]["_r"], "pane": POINT_PANE}

    if len(out):
        out.explore(
            m=m, color="_fill", marker_type="circle_marker", marker_kwds={"radius": 6},
            style_kwds={"color": "#222222", "weight": 1, "fillOpacity": 0.75, "style_function": _style},
            highlight_kwds={"weight": 3, "fillOpacity": 0.95},
            tooltip=["naam", "aantal", "themas"],
            tooltip_kwds={"aliases": ["Buurt", "Signalen", "Thema's"], "labels": True},
            popup=["_popup"] if show_text and text_column else False,
            popup_kwds={"labels": False, "max_width": 360},
            legend=False, name=name, show=show, control=True,
        )
        layer = _last_child(m)
    else:
        layer = folium.FeatureGroup(name=name, show=show).add_to(m)
    if legend:
        note = f"{len(unknown)} signaal/signalen met een onbekende buurtcode niet getoond" if unknown else None
        m.add_child(Legend(name, [("dot12", color, "aantal signalen per buurt (groter = meer)")], layer=layer,
                           note=note, position="bottomleft"))
    return layer


def add_layer_control(m: folium.Map, *, collapsed: bool = False) -> folium.LayerControl:
    """Add the layer control (call last, after all layers)."""
    ctl = folium.LayerControl(collapsed=collapsed, position="topright")
    ctl.add_to(m)
    return ctl
