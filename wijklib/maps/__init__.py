"""Maps of urgency and focus areas: interactive (folium, offline HTML) and static (matplotlib PNG).

Typical use::

    from wijklib.maps import classify, focus_map, save_html, static_map, save_png

    klassen = classify(scores["index"], "quantiles", 5, title="Urgentie-index",
                       basis="30 buurten van Lindewaard, 2024")          # once, for the whole gemeente
    m = focus_map(buurten, scores, value="index", classification=klassen, clusters=focus, schouw=schouw)
    save_html(m, "output/kaart.html")                                     # opens offline
    save_png(static_map(buurten, scores, value="index", classification=klassen), "output/kaart.png")

Modules: :mod:`~wijklib.maps.classify` (one classification for all maps), :mod:`~wijklib.maps.prepare` (light
geometry, joins, escaping), :mod:`~wijklib.maps.layers` (layers and legends), :mod:`~wijklib.maps.compose`
(focus map, side-by-side maps), :mod:`~wijklib.maps.static` (PNG for reports), :mod:`~wijklib.maps.offline`
(self-contained HTML).
"""

from wijklib.maps.classify import (
    CATEGORICAL_PALETTE,
    MISSING_LABEL,
    SCHEMES,
    SMALL_LABEL,
    SUPPRESSED_LABEL,
    URGENCY_TYPE_COLORS,
    Classification,
    classify,
    format_number,
)
from wijklib.maps.compose import LAYERS, SCHOUW_GROUP_COLORS, SCHOUW_GROUPS, compare_maps, focus_map
from wijklib.maps.layers import (
    Legend,
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
from wijklib.maps.offline import OfflineError, external_urls, make_offline, notebook_view, render_html, save_html
from wijklib.maps.prepare import (
    escape_text,
    focus_table,
    join_values,
    load_urgency_focus,
    score_status,
    simplify_areas,
    suppressed_areas,
    with_names,
)
from wijklib.maps.static import save_png, small_multiples, static_map

__all__ = [
    "Classification", "classify", "SCHEMES", "format_number", "SUPPRESSED_LABEL", "SMALL_LABEL", "MISSING_LABEL",
    "CATEGORICAL_PALETTE", "URGENCY_TYPE_COLORS",
    "simplify_areas", "join_values", "escape_text", "score_status", "suppressed_areas", "with_names",
    "load_urgency_focus", "focus_table",
    "base_map", "add_choropleth", "add_categories", "add_boundaries", "add_focus_clusters", "add_points",
    "add_signals", "add_layer_control", "stacking_classification", "Legend",
    "focus_map", "compare_maps", "LAYERS", "SCHOUW_GROUPS", "SCHOUW_GROUP_COLORS",
    "save_html", "render_html", "make_offline", "external_urls", "notebook_view", "OfflineError",
    "static_map", "small_multiples", "save_png",
]
