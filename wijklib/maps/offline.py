"""Self-contained HTML: folium maps that open without network access.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs (``default_js``/``default_css``); opening such a
file offline shows an empty page. :func:`make_offline` replaces those links in every element of the map with an
inlined copy of Leaflet 1.9.4 (vendored in ``wijklib/maps/static/leaflet/`` from the npm package ``leaflet``,
BSD-2-Clause, licence file beside it) and drops the other libraries, which wijklib's maps do not use. Images the
Leaflet CSS refers to (the layer-control icon) are inlined as data URIs. Tile layers are removed in offline mode
(tiles always need a server); wijklib's maps then draw on a plain light background.

:func:`save_html` writes the file and checks that no external resource is left (:func:`external_urls`); a map
with a plugin whose library is not vendored gets a clear error instead of a file that silently fails offline.
"""

from __future__ import annotations

import base64
import html as html_lib
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from wijklib._offline import external_urls
from wijklib.errors import InputError

__all__ = [
    "STATIC_DIR",
    "LEAFLET_VERSION",
    "leaflet_assets",
    "make_offline",
    "render_html",
    "save_html",
    "external_urls",
    "notebook_view",
    "OfflineError",
]

STATIC_DIR = Path(__file__).resolve().parent / "static"
LEAFLET_VERSION = "1.9.4"

# folium/branca resources that wijklib's maps do not need (folium loads them for every map by default).
_DROPPABLE = {"jquery", "bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css",
              "awesome_markers_font_css", "awesome_markers_css", "awesome_rotate_css"}
_LEAFLET_JS_NAMES = {"leaflet"}
_LEAFLET_CSS_NAMES = {"leaflet_css"}


class OfflineError(InputError):
    """The map uses a JavaScript/CSS library that has no offline copy in wijklib."""


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """The vendored Leaflet JavaScript and CSS (images inlined as data URIs), ready to put inline."""
    base = STATIC_DIR / "leaflet"
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js)
    js = js.replace("</script", "<\\/script")
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def _inline(match: re.Match[str]) -> str:
        name = match.group(1)
        path = base / "images" / name
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\(images/([A-Za-z0-9_.-]+\.png)\)", _inline, css)
    return js, css


def _walk(element: Any):
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def _root(element: Any) -> Any:
    """The branca Figure of a map (created by folium when the map is made)."""
    return element.get_root()


def make_offline(element: Any) -> Any:
    """Make a folium map (or a branca Figure holding maps) self-contained, in place.

    Replaces the CDN links of every element by an inline copy of Leaflet, drops the unused libraries and removes
    tile layers (with a warning when there were any).

    Returns
    -------
    The same element.

    Raises
    ------
    OfflineError
        An element needs a library that wijklib does not ship (e.g. a folium plugin); its name is given.
    """
    import folium
    from branca.element import Element

    root = _root(element)
    missing: list[str] = []
    removed_tiles = 0
    for el in list(_walk(root)):
        # tiles need a server: remove them
        children = getattr(el, "_children", {})
        for key, child in list(children.items()):
            if isinstance(child, folium.TileLayer):
                del children[key]
                removed_tiles += 1
        for attr, leaflet_names in (("default_js", _LEAFLET_JS_NAMES), ("default_css", _LEAFLET_CSS_NAMES)):
            links = getattr(el, attr, None)
            if not links:
                continue
            keep = []
            for name, url in links:
                if name in leaflet_names or name in _DROPPABLE:
                    continue
                if isinstance(url, str) and re.match(r"^(https?:)?//", url):
                    missing.append(f"{type(el).__name__}: {name} ({url})")
                keep.append((name, url))
            setattr(el, attr, keep)
    if missing:
        raise OfflineError("deze kaart gebruikt bibliotheken zonder offline kopie in wijklib: " + "; ".join(missing)
                           + ". Laat die laag weg of sla de kaart op met offline=False.")
    if removed_tiles:
        warnings.warn(f"{removed_tiles} achtergrondkaartlaag/lagen verwijderd: tegels hebben internet nodig",
                      UserWarning, stacklevel=2)
    # links already put in the header by an earlier render (e.g. the map was shown in a notebook)
    from branca.element import CssLink, JavascriptLink

    header_children = root.header._children
    for key, child in list(header_children.items()):
        if key in _DROPPABLE or (isinstance(child, (JavascriptLink, CssLink)) and key in
                                 _LEAFLET_JS_NAMES | _LEAFLET_CSS_NAMES):
            del header_children[key]
    js, css = leaflet_assets()
    root.header.add_child(Element(f"<style>{css}</style>"), name="leaflet_css", index=0)
    root.header.add_child(Element(f"<script>{js}</script>"), name="leaflet", index=0)
    return element


def render_html(element: Any, *, offline: bool = True) -> str:
    """The complete HTML page of a map or Figure (offline: self-contained)."""
    if offline:
        make_offline(element)
    html = _root(element).render()
    if offline:
        urls = external_urls(html)
        if urls:
            raise OfflineError("de kaart laadt nog bestanden van internet: " + ", ".join(urls[:5]))
    return html


def save_html(element: Any, path: str | Path, *, offline: bool = True, title: str | None = None) -> Path:
    """Save a map as one HTML file; with ``offline=True`` it opens without network access.

    Parameters
    ----------
    element : folium.Map or branca.element.Figure
    path : str or Path
        Target file (folders are created).
    offline : bool
        Inline Leaflet, drop other CDN libraries and tiles, and check that no external resource is left.
    title : str, optional
        Text of the page's ``<title>``.

    Returns
    -------
    Path
    """
    from wijklib.io.atomic import atomic_write_text

    path = Path(path)
    html = render_html(element, offline=offline)
    if title:
        head = f"<title>{html_lib.escape(title)}</title>"
        html = html.replace("<head>", "<head>\n    " + head, 1)
    if "<html" in html and "lang=" not in html[:200]:
        html = html.replace("<html>", '<html lang="nl">', 1)
    return atomic_write_text(path, html)


def notebook_view(element: Any, *, height: int = 520, offline: bool = True):
    """Show a map in a notebook as an iframe with the (offline) page, e.g. for JupyterLab without internet."""
    from IPython.display import HTML

    page = render_html(element, offline=offline)
    return HTML(f'<div class="wijklib-kaart"><iframe srcdoc="{html_lib.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:1px solid #ccc" title="kaart"></iframe></div>')
