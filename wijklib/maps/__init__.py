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
(self-contained HTML). The package exports the public names of each module (its ``__all__``).
"""

# each module's __all__ is the one list of its public names; the package re-exports them all
from wijklib.maps.classify import *  # noqa: F403
from wijklib.maps.classify import __all__ as _classify_all
from wijklib.maps.compose import *  # noqa: F403
from wijklib.maps.compose import __all__ as _compose_all
from wijklib.maps.layers import *  # noqa: F403
from wijklib.maps.layers import __all__ as _layers_all
from wijklib.maps.offline import *  # noqa: F403
from wijklib.maps.offline import __all__ as _offline_all
from wijklib.maps.prepare import *  # noqa: F403
from wijklib.maps.prepare import __all__ as _prepare_all
from wijklib.maps.static import *  # noqa: F403
from wijklib.maps.static import __all__ as _static_all

__all__ = [*_classify_all, *_compose_all, *_layers_all, *_offline_all, *_prepare_all, *_static_all]
