"""Ready-made maps: the focus-area map with all layers, and synchronised side-by-side maps.

:func:`focus_map` is what the notebook ``03_kaart_focusgebieden`` uses: a choropleth of the urgency index (or any
indicator or domain score) plus, where given, focus-area clusters, urgency types, stacking, schouw observations,
signals, locations and wijk/gemeente boundaries, each a layer in the layer control with its own legend.

:func:`compare_maps` puts two to six maps of the same measure (years, domains) side by side in one page, with one
classification, and keeps their view in step when the user pans or zooms.
"""

from __future__ import annotations

import math
import warnings
from typing import Iterable, Mapping, Sequence, TypedDict

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from wijklib.errors import InputError
from wijklib.maps.classify import Classification, classify
from wijklib.maps.layers import (
    add_boundaries,
    add_categories,
    add_choropleth,
    add_focus_clusters,
    add_layer_control,
    add_points,
    add_signals,
    base_map,
    stacking_classification,
)
from wijklib.maps.prepare import _as_indexed, escape_text, join_values, simplify_areas

__all__ = ["LAYERS", "SCHOUW_GROUPS", "SCHOUW_GROUP_COLORS", "focus_map", "compare_maps"]

#: Layer ids of :func:`focus_map`, in drawing order, with their Dutch names.
LAYERS: dict[str, str] = {
    "urgentie": "Urgentie",
    "urgentietype": "Urgentietype",
    "stapeling": "Stapeling",
    "wijken": "Wijkgrenzen",
    "gemeente": "Gemeentegrens",
    "focusgebieden": "Focusgebieden",
    "schouw": "Schouw",
    "signalen": "Signalen",
    "locaties": "Locaties",
}

_SCHOUW_TIPS = {"_soort": "Soort", "_groep": "Groep", "ernst": "Ernst (1-3)", "datum": "Datum",
               "dagdeel": "Dagdeel"}

#: Schouw categories -> group shown in the map legend (the category itself is in the tooltip). Eleven colours
#: for eleven categories cannot be told apart on top of a choropleth; four groups in cool colours can.
SCHOUW_GROUPS: dict[str, str] = {
    "drugsoverlast": "veiligheid", "verdachte_panden": "veiligheid", "hangplek": "veiligheid",
    "onveilige_plek": "veiligheid",
    "vernieling": "fysieke omgeving", "zwerfvuil": "fysieke omgeving", "verloedering": "fysieke omgeving",
    "verlichting": "fysieke omgeving", "verkeer": "fysieke omgeving",
    "leegstand": "wonen (leegstand)",
    "groen_positief": "positief",
}
#: Colours of the schouw groups: blues, teal, purple and white, which stand out from the yellow-orange-red
#: urgency classes (every marker also has a dark rim).
SCHOUW_GROUP_COLORS: dict[str, str] = {
    "veiligheid": "#2c7fb8", "fysieke omgeving": "#7fcdbb", "wonen (leegstand)": "#8856a7", "positief": "#ffffff",
    "overig": "#969696",
}
#: Line styles of the interactive map (the static map uses the same idea): wijk boundaries thin, dark grey and
#: dashed; the gemeente boundary solid mid-grey; focus areas thick and black with a white halo and a label.
class _BoundaryStyle(TypedDict):
    """Line style keywords of :func:`~wijklib.maps.layers.add_boundaries`."""

    color: str
    weight: float
    dash: str | None


WIJK_STYLE: _BoundaryStyle = {"color": "#4d4d4d", "weight": 1.5, "dash": "6 4"}
GEMEENTE_STYLE: _BoundaryStyle = {"color": "#737373", "weight": 2.5, "dash": None}


def _check_layers(layers: Iterable[str] | None) -> list[str]:
    if layers is None:
        return list(LAYERS)
    chosen = [str(x).strip().lower() for x in layers]
    unknown = [x for x in chosen if x not in LAYERS]
    if unknown:
        raise InputError(f"onbekende kaartlaag/lagen {', '.join(unknown)}; kies uit {', '.join(LAYERS)}",
                         column="layers")
    return chosen


def focus_map(areas: gpd.GeoDataFrame, scores: pd.DataFrame | None = None, *, value: str = "index",
              classification: Classification | None = None, title: str = "Urgentie-index",
              status: str | None = None, unreliable: str | None = None,
              clusters: pd.DataFrame | pd.Series | None = None, cluster_column: str = "cluster",
              cluster_label_column: str | None = None,
              types: pd.DataFrame | None = None, type_column: str = "urgency_type",
              stacking: pd.DataFrame | None = None, stacking_column: str = "n_domains_flagged",
              schouw: gpd.GeoDataFrame | None = None, signals: pd.DataFrame | None = None,
              locations: gpd.GeoDataFrame | None = None, location_name: str = "naam",
              location_category: str | None = None, layers: Iterable[str] | None = None,
              offline: bool = True, tolerance: float = 5.0, wijk_names: Mapping[str, str] | None = None,
              map_title: str | None = None, tooltip_columns: Mapping[str, str] | None = None,
              height: str | float = "100%") -> folium.Map:
    """The focus-area map: urgency choropleth plus the layers that are given.

    Parameters
    ----------
    areas : GeoDataFrame
        Buurten (``area_code``, ``name``, ``wijk_code``, ``gemeente_code``, polygons; any CRS).
    scores : DataFrame, optional
        Per area code the column ``value`` (and optionally ``rank``, ``rank_lo``, ``rank_hi``, a status column);
        e.g. ``UrgencyResult.scores`` joined with ``UrgencyResult.uncertainty``. ``None``: the columns are on
        ``areas``.
    value : str
        Column to colour by (``index``, a ``domain_*`` score or an indicator).
    classification : Classification, optional
        Classes for the whole gemeente; default: five quantile classes of the values on this map (with a
        warning, because a map of a part of the gemeente then gets its own classes).
    title : str
        Legend and layer title of the choropleth.
    status, unreliable : str, optional
        See :func:`wijklib.maps.layers.add_choropleth`.
    clusters : DataFrame or Series, optional
        Focus-area cluster id per area code (column ``cluster_column``).
    types : DataFrame, optional
        Urgency type per area code (column ``type_column``: acuut, sluimerend, meervoudig, geen).
    stacking : DataFrame, optional
        Number of flagged domains per area code (column ``stacking_column``).
    schouw : GeoDataFrame, optional
        Schouw observations (points with ``categorie``, ``ernst``, optionally ``datum``, ``dagdeel``,
        ``bijschrift``), as from :func:`wijklib.told.read_schouw`. Coloured by group (:data:`SCHOUW_GROUPS`,
        category in the tooltip), sized by ``ernst``; the layer starts switched off.
    signals : DataFrame, optional
        Signals with ``buurtcode``, ``thema``, ``bronrol``, ``tekst``, ``datum`` (:func:`wijklib.told.read_signals`).
    locations : GeoDataFrame, optional
        Facilities or stakeholder locations (points) with a name column ``location_name`` and optionally a
        category column ``location_category``.
    layers : list of str, optional
        Layer ids to draw (see :data:`LAYERS`); default all for which data are given.
    offline : bool
        No background tiles (the saved HTML must then be written with ``save_html(..., offline=True)``).
    tolerance : float
        Simplification tolerance in metres (shared borders are kept).
    wijk_names : mapping, optional
        Wijk code -> name for the labels of the wijk boundaries (default: a ``wijknaam`` column on ``areas``).
    map_title : str, optional
        Title box on the map.
    tooltip_columns : mapping, optional
        Extra columns of ``scores`` for the tooltip of the choropleth.

    Returns
    -------
    folium.Map
    """
    chosen = _check_layers(layers)
    if not isinstance(areas, gpd.GeoDataFrame):
        raise InputError(f"verwacht een GeoDataFrame met buurten, gekregen {type(areas).__name__}")
    web = simplify_areas(areas, tolerance)
    if classification is None:
        vals = join_values(web, scores, value=value)[value]
        classification = classify(vals.to_numpy(dtype=float), "quantiles", 5, title=title,
                                  basis=f"{int(vals.notna().sum())} gebieden op deze kaart")
        warnings.warn("geen klassenindeling meegegeven: klassen berekend op de gebieden van deze kaart; geef voor "
                      "vergelijkbare kaarten één indeling voor de hele gemeente mee (classification=...)",
                      UserWarning, stacklevel=2)
    elif title and not classification.title:
        classification = classification.with_text(title=title)
    m = base_map(web, offline=offline, title=map_title, height=height)

    if "urgentie" in chosen:
        add_choropleth(m, web, scores, value=value, classification=classification, name=classification.title
                       or LAYERS["urgentie"], status=status, unreliable=unreliable, tooltip_columns=tooltip_columns)
    if "urgentietype" in chosen and types is not None:
        add_categories(m, web, types, column=type_column, name=LAYERS["urgentietype"], title="Urgentietype",
                       show=False, hide=["geen"])
    if "stapeling" in chosen and stacking is not None:
        stack_cls = stacking_classification(4)
        stack = _as_indexed(stacking, "stapeling")[[stacking_column]]
        stack_status = None
        if value == "index" and status and scores is not None and status in scores.columns:
            # buurten without an index because of suppressed figures are hatched here too, as on the index map
            stack = stack.assign(_status=_as_indexed(scores, "scores")[status].reindex(stack.index).to_numpy())
            stack_status = "_status"
        add_choropleth(m, web, stack, value=stacking_column, classification=stack_cls,
                       name="Stapeling (aantal domeinen)", rank=None, show=False, status=stack_status)
    if "wijken" in chosen and "wijk_code" in web.columns and web["wijk_code"].nunique() > 1:
        names = dict(wijk_names or {})
        if not names and "wijknaam" in web.columns:
            names = dict(zip(web["wijk_code"].astype(str), web["wijknaam"].astype(str)))
        add_boundaries(m, web, by="wijk_code", names=names, name=LAYERS["wijken"], labels=bool(names), legend=True,
                       legend_label="wijkgrens (dunne stippellijn)", **WIJK_STYLE)
    if "gemeente" in chosen and "gemeente_code" in web.columns:
        add_boundaries(m, web, by="gemeente_code", name=LAYERS["gemeente"], labels=False, legend=True,
                       legend_label="gemeentegrens (grijs)", **GEMEENTE_STYLE)
    if "focusgebieden" in chosen and clusters is not None:
        add_focus_clusters(m, web, clusters, cluster_column=cluster_column, label_column=cluster_label_column,
                           name=LAYERS["focusgebieden"])
    if "schouw" in chosen and schouw is not None:
        pts = schouw.copy()
        if "categorie" in pts.columns:
            cat = pts["categorie"].astype("object")
            pts["_soort"] = [str(c).replace("_", " ") if c is not None and not pd.isna(c) else "" for c in cat]
            pts["_groep"] = [SCHOUW_GROUPS.get(str(c), "overig") if c is not None and not pd.isna(c) else "overig"
                             for c in cat]
        tips = {k: v for k, v in _SCHOUW_TIPS.items() if k in pts.columns}
        add_points(m, pts, name=LAYERS["schouw"], category="_groep" if "_groep" in pts.columns else None,
                   colors=SCHOUW_GROUP_COLORS, size="ernst" if "ernst" in pts.columns else None,
                   tooltip_columns=tips, title="ernst",
                   popup_column="bijschrift" if "bijschrift" in pts.columns else None, show=False)
    if "signalen" in chosen and signals is not None:
        add_signals(m, web, signals, name=LAYERS["signalen"], show=False)
    if "locaties" in chosen and locations is not None:
        tips = {location_name: "Naam"} if location_name in locations.columns else {}
        if location_category and location_category in locations.columns:
            tips[location_category] = "Soort"
        add_points(m, locations, name=LAYERS["locaties"], category=location_category, tooltip_columns=tips,
                   show=True, radius=7, legend=bool(location_category))
    add_layer_control(m)
    return m


class _SyncMaps(MacroElement):
    """Keep the views of several maps in step (pan and zoom)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var maps = [{% for n in this.map_names %}{{ n }}{% if not loop.last %}, {% endif %}{% endfor %}];
            var busy = false;
            maps.forEach(function (m) {
                m.on('move zoomend', function () {
                    if (busy) { return; }
                    busy = true;
                    maps.forEach(function (o) {
                        if (o !== m) { o.setView(m.getCenter(), m.getZoom(), {animate: false}); }
                    });
                    busy = false;
                });
            });
        })();
        {% endmacro %}
    """)

    def __init__(self, map_names: Sequence[str]) -> None:
        super().__init__()
        self._name = "SyncMaps"
        self.map_names = list(map_names)


def compare_maps(areas: gpd.GeoDataFrame, panels: Mapping[str, pd.DataFrame | pd.Series], *, value: str,
                 classification: Classification, status: str | None = None, unreliable: str | None = None,
                 ncols: int | None = None, offline: bool = True, tolerance: float = 5.0,
                 boundaries: bool = True, height: int = 560, clusters: pd.DataFrame | pd.Series | None = None,
                 cluster_column: str = "cluster") -> Figure:
    """Side-by-side interactive maps (years or domains) with one classification and synchronised views.

    Parameters
    ----------
    areas : GeoDataFrame
    panels : mapping title -> data
        Per panel a table with ``value`` by area code, e.g. ``{"2020": df20, "2024": df24}``. Two to six panels.
    value : str
    classification : Classification
        One set of classes for all panels, so a colour means the same value everywhere.
    ncols : int, optional
        Panels per row (default 2, or 3 for five or six panels).
    height : int
        Page height in pixels when shown in a notebook.
    clusters : DataFrame or Series, optional
        Focus-area cluster id per area code: outlined and labelled in every panel.

    Returns
    -------
    branca.element.Figure
        Save it with :func:`wijklib.maps.offline.save_html`.
    """
    n = len(panels)
    if not 1 <= n <= 6:
        raise InputError(f"compare_maps: geef 1 tot 6 panelen, gekregen {n}", column="panels")
    ncols = int(ncols or (3 if n > 4 else min(2, n)))
    nrows = math.ceil(n / ncols)
    web = simplify_areas(areas, tolerance)
    fig = Figure(height=f"{int(height)}px")
    names = []
    maps = []
    w, h = 100.0 / ncols, 100.0 / nrows
    for i, (ptitle, data) in enumerate(panels.items()):
        r, c = divmod(i, ncols)
        m = base_map(web, offline=offline, width=f"{w}%", height=f"{h}%", left=f"{c * w}%", top=f"{r * h}%",
                     position="absolute")
        fig.add_child(m)
        add_choropleth(m, web, data, value=value, classification=classification, name=str(ptitle), status=status,
                       unreliable=unreliable, legend=(i == n - 1))
        if boundaries and "wijk_code" in web.columns and web["wijk_code"].nunique() > 1:
            add_boundaries(m, web, by="wijk_code", name="Wijkgrenzen", labels=False, **WIJK_STYLE)
        if clusters is not None:
            add_focus_clusters(m, web, clusters, cluster_column=cluster_column, name=LAYERS["focusgebieden"],
                               legend=(i == n - 1))
        fig.html.add_child(Element(
            f'<div class="wijklib-title" style="left:calc({c * w}% + 50px);top:calc({r * h}% + 8px)">'
            f'{escape_text(ptitle)}</div>'), name=f"wijklib_panel_title_{i}")
        names.append(m.get_name())
        maps.append(m)
    if len(maps) > 1:
        maps[-1].add_child(_SyncMaps(names))
    return fig
