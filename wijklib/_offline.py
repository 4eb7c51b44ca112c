"""Which external resources an HTML page would load: one check for offline maps and offline reports.

Used by :func:`wijklib.maps.offline.save_html` and :func:`wijklib.reports.export.offline_html`. Light on purpose
(only :mod:`re`): report workers use it without importing folium.
"""

from __future__ import annotations

import re

__all__ = ["RESOURCE_PATTERNS", "external_urls"]

#: Tags and CSS that make a browser fetch a file: scripts, stylesheets, media and frames, CSS ``url()`` and
#: ``@import``, Leaflet tile layers. Plain links (``<a href>``) are not resources.
RESOURCE_PATTERNS = (
    re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
    re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
    re.compile(r"<(?:img|iframe|source|video|audio|embed)[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.I),
    re.compile(r"@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s;]+)", re.I),
    re.compile(r"L\.tileLayer(?:\.wms)?\(\s*[\"']((?:https?:)?//[^\"']+)", re.I),
)


def external_urls(html: str) -> list[str]:
    """External resources a page would load (each URL once, in order of appearance per kind).

    Examples
    --------
    >>> external_urls('<script src="https://cdn.example/x.js"></script><a href="https://example.nl">link</a>')
    ['https://cdn.example/x.js']
    """
    found: list[str] = []
    for pat in RESOURCE_PATTERNS:
        found.extend(m.group(1) for m in pat.finditer(html))
    return list(dict.fromkeys(found))
