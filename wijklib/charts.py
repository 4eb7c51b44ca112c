"""Charts of an urgency analysis, with Dutch labels: one set of drawing functions for notebooks and reports.

The drawing functions take plain data (lists, arrays, dicts) and return an :class:`SvgChart`: a small,
self-contained SVG document written directly (no matplotlib, no fonts or files to load), so that a report draws
its charts in milliseconds and the same data always give the same bytes. In Jupyter an :class:`SvgChart` shows
itself; :meth:`SvgChart.save` writes it to a file and :meth:`SvgChart.data_uri` embeds it in HTML.

- :func:`waterfall` - how an index is built from contributions;
- :func:`trend_panels` - small multiples of values over the years against a reference line;
- :func:`told_counted` - told and counted percentile per theme on one 0-100 scale;
- :func:`domain_bars` - domain scores around 0;
- :func:`index_strip` - all index values on one line with class bands, one area highlighted;
- :func:`area_maps` - polygons (GeoJSON geometries in a projected CRS) side by side, with outlines and names.

Two kinds of adapters call them: the ``plot_*`` functions below draw from an
:class:`wijklib.urgency.UrgencyResult` (for the notebooks), and :mod:`wijklib.reports.figures` draws from the
prepared report bundles. :func:`plot_ranking`, :func:`plot_stacking` and :func:`plot_told_vs_counted` (overviews of
all areas that only the notebooks show) still use matplotlib and return a ``Figure``.

All user text is XML-escaped; numbers use a decimal comma. Colours are colour-blind safe (Okabe-Ito / ColorBrewer
RdBu).
"""

from __future__ import annotations

import base64
import math
import textwrap
from html import escape
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

__all__ = ["SvgChart", "fmt", "tick_label", "nice_ticks", "waterfall", "trend_panels", "told_counted",
           "domain_bars", "index_strip", "area_maps", "ROBUSTNESS_COLOURS", "TREND_NL", "plot_ranking",
           "plot_waterfall", "plot_stacking", "plot_trend", "plot_told_vs_counted", "domain_label"]

#: Okabe-Ito colours for the three robustness classes of the Monte Carlo analysis.
ROBUSTNESS_COLOURS = {"robuust in": "#D55E00", "grensgeval": "#E69F00", "robuust uit": "#0072B2"}
#: Dutch labels of the trend classes of :mod:`wijklib.urgency.trends`.
TREND_NL = {"verbetert": "verbetert", "verslechtert": "verslechtert", "stabiel": "stabiel",
            "stagneert": "stagneert", "onvoldoende_jaren": "te weinig jaren"}

WORSE = "#b2182b"
BETTER = "#2166ac"
NEUTRAL = "#6b6b6b"
AREA = "#d6604d"
GEMEENTE = "#4d4d4d"
GREY_FILL = "#e0e0e0"
_GREY = "#999999"
_FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
_WIDTH = 720


# -- numbers ----------------------------------------------------------------------------------------------------
def fmt(value: Any, decimals: int = 1, *, sign: bool = False) -> str:
    """Dutch number as :func:`wijklib.format.number` writes it, but text that is no number is shown as it is.

    >>> fmt(1234.5), fmt("n.v.t.")
    ('1.234,5', 'n.v.t.')
    """
    from wijklib.format import number

    if value is not None:
        try:
            float(value)
        except (TypeError, ValueError):
            return str(value)
    return number(value, decimals, sign=sign)


def tick_label(value: float) -> str:
    """Axis label with a decimal comma, a real minus sign and no needless trailing zeros.

    >>> tick_label(-0.5), tick_label(2.0), tick_label(12500.0)
    ('\u22120,5', '2', '12.500')
    """
    if abs(value) < 1e-12:
        return "0"
    if abs(value) >= 1000:
        text = f"{value:,.0f}".replace(",", ".")
    else:
        text = f"{value:.6g}".replace(".", ",")
    return text.replace("-", "\u2212")


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values covering ``[lo, hi]`` (steps of 1, 2, 2.5 or 5 times a power of ten).

    >>> nice_ticks(-0.37, 1.2)
    [-0.5, 0.0, 0.5, 1.0, 1.5]
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        lo, hi = lo - 1.0, hi + 1.0
    raw = (hi - lo) / max(n - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks: list[float] = []
    v = first
    while v <= hi + step * 0.5 and len(ticks) < 50:
        ticks.append(round(v, 10) + 0.0)
        v += step
    if ticks and ticks[-1] < hi - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _f(x: float) -> str:
    """Coordinate with one decimal (short, deterministic)."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float) -> float:
    """Rough width of a text in pixels (average glyph width of a sans-serif font)."""
    return 0.56 * size * len(text)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- the SVG document ---------------------------------------------------------------------------------------------
class SvgChart(str):
    """An SVG document (a ``str``) that shows itself in Jupyter and can be saved or embedded in HTML."""

    def _repr_svg_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:  # plain-text view in Jupyter: not the whole document
        p.text(f"<SVG-grafiek, {len(self) // 1024 + 1} kB>")

    def data_uri(self) -> str:
        """``data:image/svg+xml;base64,...`` for an ``<img src>`` (self-contained, no scripts run)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.encode("utf-8")).decode("ascii")

    def save(self, path: str | Path) -> Path:
        """Write the SVG file atomically (UTF-8)."""
        from wijklib.io.atomic import atomic_write_text

        return atomic_write_text(Path(path), str(self))


class _Canvas:
    """Collects SVG elements; every text goes through XML escaping."""

    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []
        self.title = title

    def rect(self, x: float, y: float, w: float, h: float, fill: str, **extra: Any) -> None:
        if w < 0:
            x, w = x + w, -w
        self.parts.append(f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" fill="{fill}"'
                          + _attrs(extra) + "/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#000", width: float = 1,
             **extra: Any) -> None:
        self.parts.append(f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" '
                          f'stroke-width="{_f(width)}"' + _attrs(extra) + "/>")

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, width: float = 1.5, **extra: Any) -> None:
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{stroke}" stroke-width="{_f(width)}"'
                          + _attrs(extra) + "/>")

    def marker(self, x: float, y: float, shape: str, size: float, fill: str, stroke: str = "none") -> None:
        r = size / 2
        if shape == "s":
            self.rect(x - r, y - r, size, size, fill, stroke=stroke)
        elif shape == "D":
            q = r * 1.2
            pts = f"{_f(x)},{_f(y - q)} {_f(x + q)},{_f(y)} {_f(x)},{_f(y + q)} {_f(x - q)},{_f(y)}"
            self.parts.append(f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}"/>')
        elif shape in ("^", "v"):
            d = -1 if shape == "^" else 1
            pts = f"{_f(x - r * 1.15)},{_f(y - d * r)} {_f(x + r * 1.15)},{_f(y - d * r)} {_f(x)},{_f(y + d * r)}"
            self.parts.append(f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}"/>')
        else:
            self.parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" stroke="{stroke}"/>')

    def text(self, x: float, y: float, text: str, size: float = 11, anchor: str = "start", **extra: Any) -> None:
        self.parts.append(f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}"'
                          + _attrs(extra) + f">{escape(str(text), quote=False)}</text>")

    def raw(self, markup: str) -> None:
        self.parts.append(markup)

    def render(self) -> SvgChart:
        title = f"<title>{escape(self.title, quote=False)}</title>" if self.title else ""
        return SvgChart(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(self.width)}" height="{_f(self.height)}" '
            f'viewBox="0 0 {_f(self.width)} {_f(self.height)}" font-family="{_FONT}" role="img">{title}'
            f'<rect width="100%" height="100%" fill="white"/>' + "".join(self.parts) + "</svg>")


def _attrs(extra: dict[str, Any]) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in extra.items()
                   if v is not None)


def _x_axis(c: _Canvas, x0: float, x1: float, y: float, lo: float, hi: float, ticks: Sequence[float],
            label: str = "", size: float = 10) -> None:
    """Ticks and tick labels under a plot area mapping ``[lo, hi]`` to ``[x0, x1]``."""
    c.line(x0, y, x1, y, "#333", 0.8)
    for t in ticks:
        if lo - 1e-9 <= t <= hi + 1e-9:
            x = x0 + (t - lo) / (hi - lo) * (x1 - x0)
            c.line(x, y, x, y + 4, "#333", 0.8)
            c.text(x, y + 15, tick_label(t), size, "middle")
    if label:
        c.text((x0 + x1) / 2, y + 31, label, size, "middle", fill="#333")


def _legend(c: _Canvas, x: float, y: float, items: Sequence[tuple[str, str, str]], size: float = 10) -> float:
    """Horizontal legend ``(shape, colour, label)``; shape ``line``, ``dash``, ``box`` or a marker. Returns x end."""
    for shape, colour, label in items:
        if shape in ("line", "dash"):
            c.line(x, y - 4, x + 18, y - 4, colour, 2, stroke_dasharray="4 3" if shape == "dash" else None)
            x += 22
        elif shape == "box":
            c.rect(x, y - 10, 14, 10, colour, stroke="#4d4d4d", stroke_width="0.5")
            x += 18
        elif shape == "open":
            c.parts.append(f'<circle cx="{_f(x + 6)}" cy="{_f(y - 4)}" r="4" fill="none" stroke="{colour}"/>')
            x += 16
        else:
            c.marker(x + 6, y - 4, shape, 8, colour)
            x += 16
        c.text(x, y, label, size)
        x += _text_width(label, size) + 14
    return x


# -- charts from plain data ----------------------------------------------------------------------------------
def waterfall(labels: Sequence[str], values: Sequence[float], total: float, *, title: str = "",
              total_label: str = "urgentie-index",
              xlabel: str = "bijdrage aan de index (rood = maakt urgenter, blauw = gunstiger dan de referentie)",
              width: float = _WIDTH) -> SvgChart:
    """How an index is built: the contributions one after the other, then the total.

    Parameters
    ----------
    labels, values : sequences
        One bar per contribution, in order (e.g. the largest first and the rest taken together).
    total : float
        The index; the bars end where the total bar ends when the contributions add up to it.
    title : str
        Optional title above the chart.
    """
    values = [float(v) for v in values]
    labels = [_short(str(lab), 44) for lab in labels] + [total_label]
    size = 10.5
    left = min(max(_text_width(lab, size) for lab in labels) + 14, width * 0.48)
    top = 30 if title else 8
    row = 26
    n = len(labels)
    plot_h = row * n
    height = top + plot_h + 46
    c = _Canvas(width, height, title or "Opbouw van de index")
    if title:
        c.text(width / 2, 19, title, 13, "middle", font_weight="bold")
    ends = np.cumsum(values) if values else np.array([])
    lo = min([0.0, float(total), *ends.tolist()])
    hi = max([0.0, float(total), *ends.tolist()])
    pad = 0.22 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    x0, x1 = left, width - 16

    def sx(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    ticks = nice_ticks(lo, hi, 6)
    for t in ticks:
        if lo <= t <= hi:
            c.line(sx(t), top, sx(t), top + plot_h, "#eeeeee", 0.8)
    start = 0.0
    for i, v in enumerate(values):
        y = top + i * row
        c.rect(sx(start), y + 5, sx(start + v) - sx(start), row - 10, WORSE if v > 0 else BETTER,
               data_value=f"{v:.6g}")
        end = start + v
        anchor = "start" if v >= 0 else "end"
        c.text(sx(end) + (4 if v >= 0 else -4), y + row / 2 + 4, fmt(v, 2, sign=True), 9.5, anchor)
        c.line(sx(end), y + row - 5, sx(end), y + row + 5, "#888888", 0.7)
        start = end
    y = top + len(values) * row
    c.rect(sx(0), y + 5, sx(float(total)) - sx(0), row - 10, "black", data_value=f"{float(total):.6g}")
    c.text(sx(float(total)) + (4 if total >= 0 else -4), y + row / 2 + 4, fmt(total, 2), 9.5,
           "start" if total >= 0 else "end", font_weight="bold")
    for i, lab in enumerate(labels):
        c.text(left - 8, top + i * row + row / 2 + 4, lab, size, "end",
               font_weight="bold" if i == n - 1 else None)
    c.line(sx(0), top, sx(0), top + plot_h, "black", 0.8)
    _x_axis(c, x0, x1, top + plot_h, lo, hi, ticks, xlabel, 9.5)
    return c.render()


def trend_panels(panels: Sequence[dict], periods: Sequence[int], *, title: str = "", own_label: str = "buurt",
                 reference_label: str = "gemeente", width: float = _WIDTH) -> SvgChart:
    """Small multiples: one area (solid) against a reference (dashed) over the years, one panel per indicator.

    Parameters
    ----------
    panels : list of dict
        Per panel: ``label`` (title), ``own`` and optionally ``reference`` (values aligned with ``periods``, None
        for missing), ``unreliable`` (values shown as open grey circles, aligned with ``periods``), ``note``
        (text under the panel, e.g. the trend class) and ``note_colour``, ``empty_text`` (shown when there are no
        values at all).
    periods : sequence of int
        The years on the x axis.
    """
    n = len(panels)
    ncols = 3 if n > 4 else max(1, min(n, 2))
    nrows = max(1, math.ceil(n / ncols))
    top = (28 if title else 0) + 24
    cell_w = width / ncols
    cell_h = 190
    height = top + nrows * cell_h
    c = _Canvas(width, height, title or "Ontwikkeling over de jaren")
    if title:
        c.text(width / 2, 19, title, 13, "middle", font_weight="bold")
    xs = [int(p) for p in periods]
    legend: dict[str, tuple[str, str, str]] = {}
    for k, p in enumerate(panels):
        col, rw = k % ncols, k // ncols
        ox, oy = col * cell_w, top + rw * cell_h
        lines = textwrap.wrap(str(p.get("label", "")), max(16, int(cell_w / 6.2)))[:2]
        for j, line in enumerate(lines):
            c.text(ox + 8, oy + 14 + 12 * j, line, 10, font_weight="bold")
        px0, px1 = ox + 46, ox + cell_w - 14
        py0, py1 = oy + 38, oy + cell_h - 52
        own = [np.nan if v is None else float(v) for v in p.get("own", [None] * len(xs))]
        ref = [np.nan if v is None else float(v) for v in (p.get("reference") or [None] * len(xs))]
        bad = [np.nan if v is None else float(v) for v in (p.get("unreliable") or [None] * len(xs))]
        vals = np.array(own + ref + bad, dtype=float)
        vals = vals[np.isfinite(vals)]
        if vals.size:
            lo, hi = float(vals.min()), float(vals.max())
            ticks = nice_ticks(lo, hi, 4)
            lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
        else:
            lo, hi, ticks = 0.0, 1.0, []
        xlo, xhi = (xs[0] - 0.5, xs[-1] + 0.5) if xs else (0, 1)

        def sx(x: float) -> float:
            return px0 + (x - xlo) / (xhi - xlo or 1) * (px1 - px0)

        def sy(v: float) -> float:
            return py1 - (v - lo) / (hi - lo or 1) * (py1 - py0)

        for t in ticks:
            c.line(px0, sy(t), px1, sy(t), "#eeeeee", 0.8)
            c.text(px0 - 5, sy(t) + 3.5, tick_label(t), 9, "end")
        c.line(px0, py1, px1, py1, "#333", 0.8)
        c.line(px0, py0, px0, py1, "#333", 0.8)
        for x in xs:
            c.line(sx(x), py1, sx(x), py1 + 4, "#333", 0.8)
            c.text(sx(x), py1 + 15, str(x), 9, "middle")
        for series, colour, shape, dash, label in ((ref, GEMEENTE, "s", "4 3", reference_label),
                                                   (own, AREA, "o", None, own_label)):
            pts = [(sx(x), sy(v)) for x, v in zip(xs, series) if np.isfinite(v)]
            if not pts:
                continue
            seg: list[tuple[float, float]] = []
            for x, v in zip(xs, series):  # a gap (missing year) breaks the line
                if np.isfinite(v):
                    seg.append((sx(x), sy(v)))
                elif seg:
                    c.polyline(seg, colour, 2 if dash is None else 1.4, stroke_dasharray=dash)
                    seg = []
            if seg:
                c.polyline(seg, colour, 2 if dash is None else 1.4, stroke_dasharray=dash)
            for px, py in pts:
                c.marker(px, py, shape, 7 if shape == "o" else 6, colour)
            legend.setdefault(label, ("dash" if dash else "line", colour, label))
        bad_pts = [(sx(x), sy(v)) for x, v in zip(xs, bad) if np.isfinite(v)]
        for px, py in bad_pts:
            c.parts.append(f'<circle cx="{_f(px)}" cy="{_f(py)}" r="4.5" fill="none" stroke="{NEUTRAL}"/>')
        if bad_pts:
            legend.setdefault("bad", ("open", NEUTRAL, "onbetrouwbaar (te weinig inwoners)"))
        if not vals.size and p.get("empty_text"):
            c.text((px0 + px1) / 2, (py0 + py1) / 2, p["empty_text"], 10, "middle", fill=NEUTRAL)
        if p.get("note"):
            c.text(px0, py1 + 32, p["note"], 9.5, fill=p.get("note_colour") or NEUTRAL)
    _legend(c, 8, top - 8, list(legend.values()), 10)
    return c.render()


def told_counted(rows: Sequence[dict], *, width: float = _WIDTH,
                 xlabel: str = "percentiel binnen de gemeente (hoger = ernstiger beeld)") -> SvgChart:
    """Per row: counted and told percentile on one 0-100 scale, joined by a line.

    Parameters
    ----------
    rows : list of dict
        ``label``, ``counted_pct``, ``told_pct`` and ``source`` (``bewoners``, ``schouw`` or ``professionals``).
    """
    size = 10.5
    labels = [str(r["label"]) for r in rows]
    left = min(max([_text_width(lab, size) for lab in labels] + [40]) + 14, width * 0.45)
    row = 30
    top = 30
    plot_h = row * max(len(rows), 1)
    height = top + plot_h + 46
    c = _Canvas(width, height, "Tellen en vertellen")
    x0, x1 = left, width - 16

    def sx(v: float) -> float:
        return x0 + float(v) / 100.0 * (x1 - x0)

    for t in range(0, 101, 20):
        c.line(sx(t), top, sx(t), top + plot_h, "#eeeeee", 0.8)
    shapes = {"bewoners": "o", "schouw": "D", "professionals": "^"}
    colours = {"bewoners": AREA, "schouw": "#8c510a", "professionals": "#762a83"}
    legend = [("s", GEMEENTE, "geteld (cijfers)")]
    for i, r in enumerate(rows):
        y = top + i * row + row / 2
        src = str(r.get("source") or "bewoners")
        c.line(sx(r["counted_pct"]), y, sx(r["told_pct"]), y, _GREY, 2)
        c.marker(sx(r["counted_pct"]), y, "s", 9, GEMEENTE)
        c.marker(sx(r["told_pct"]), y, shapes.get(src, "o"), 10, colours.get(src, AREA))
        c.text(left - 8, y + 4, labels[i], size, "end")
        item = (shapes.get(src, "o"), colours.get(src, AREA), f"verteld ({src})")
        if item not in legend:
            legend.append(item)
    _legend(c, left, 18, legend, 10)
    _x_axis(c, x0, x1, top + plot_h, 0, 100, list(range(0, 101, 20)), xlabel, 9.5)
    return c.render()


def domain_bars(labels: Sequence[str], scores: Sequence[float], flagged: Sequence[bool], *,
                width: float = _WIDTH,
                xlabel: str = "domeinscore (0 = gemiddelde van de referentie; hoger = meer problemen)") -> SvgChart:
    """Domain scores around 0; flagged domains (in the worst group) red and marked with ▲."""
    size = 10.5
    texts = [str(lab) + ("  ▲" if f else "") for lab, f in zip(labels, flagged)]
    if not texts:
        c = _Canvas(width, 60, "Domeinscores")
        c.text(width / 2, 34, "geen domeinscores", 11, "middle", fill=NEUTRAL)
        return c.render()
    left = min(max(_text_width(t, size) for t in texts) + 14, width * 0.45)
    row = 24
    top = 8
    plot_h = row * len(texts)
    c = _Canvas(width, top + plot_h + 46, "Domeinscores")
    vals = [float(s) for s in scores]
    span = max(abs(min(vals)), abs(max(vals)), 0.5) * 1.35
    x0, x1 = left, width - 16

    def sx(v: float) -> float:
        return x0 + (v + span) / (2 * span) * (x1 - x0)

    ticks = nice_ticks(-span, span, 6)
    for i, (t, v, f) in enumerate(zip(texts, vals, flagged)):
        y = top + i * row
        c.rect(sx(0), y + 5, sx(v) - sx(0), row - 10, WORSE if f else (NEUTRAL if v > 0 else BETTER))
        c.text(sx(v) + (4 if v >= 0 else -4), y + row / 2 + 4, fmt(v, 2, sign=True), 9.5,
               "start" if v >= 0 else "end")
        c.text(left - 8, y + row / 2 + 4, t, size, "end", fill=WORSE if f else None)
    c.line(sx(0), top, sx(0), top + plot_h, "black", 0.8)
    _x_axis(c, x0, x1, top + plot_h, -span, span, ticks, xlabel, 9.5)
    return c.render()


def index_strip(values: Sequence[float], value: float | None, *, name: str,
                bands: Sequence[tuple[float, float, str]] = (), width: float = _WIDTH,
                xlabel: str = "urgentie-index (hoger = urgenter)") -> SvgChart:
    """All index values as dots on one line, class bands ``(lo, hi, colour)`` behind them, one area marked."""
    vals = np.asarray([v for v in values if v is not None], dtype=float)
    vals = vals[np.isfinite(vals)]
    lo, hi = (float(vals.min()), float(vals.max())) if vals.size else (0.0, 1.0)
    if value is not None:
        lo, hi = min(lo, float(value)), max(hi, float(value))
    pad = 0.05 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    height = 120
    c = _Canvas(width, height, f"Urgentie-index van {name}")
    x0, x1, y = 16, width - 16, 62

    def sx(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    for a, b, colour in bands:
        c.rect(sx(a), 24, sx(b) - sx(a), 60, colour, fill_opacity="0.35")
    c.line(x0, y, x1, y, _GREY, 0.6)
    for v in vals:
        c.marker(sx(float(v)), y, "o", 6, NEUTRAL)
    if value is not None:
        c.marker(sx(float(value)), y - 6, "v", 12, "black")
        x, half = sx(float(value)), _text_width(name, 11) / 2
        anchor = "end" if x + half > width - 4 else ("start" if x - half < 4 else "middle")
        c.text(x + {"end": 6, "start": -6}.get(anchor, 0), y - 18, name, 11, anchor, font_weight="bold")
    _x_axis(c, x0, x1, 84, lo, hi, nice_ticks(lo, hi, 7), xlabel, 9.5)
    return c.render()


def _rings(geometry: dict | None) -> list[list[list[float]]]:
    if not geometry:  # a buurt with figures but no polygon: nothing to draw
        return []
    kind = geometry.get("type")
    polys = [geometry["coordinates"]] if kind == "Polygon" else (geometry["coordinates"] if kind == "MultiPolygon"
                                                                 else [])
    return [ring for poly in polys for ring in poly if len(ring) >= 3]


def area_maps(panels: Sequence[dict], *, legend: Sequence[tuple[str, str, str]] = (), legend_title: str = "",
              width: float = _WIDTH, height: float = 340, title: str = "Kaart") -> SvgChart:
    """Maps of polygons side by side (projected coordinates, e.g. RD), each fitted to its own extent.

    Parameters
    ----------
    panels : list of dict
        Per map: ``title``, ``layers`` (list of dicts with ``features`` - GeoJSON geometries -, ``fill`` - one
        colour or a list per feature, ``"none"`` for outlines -, ``stroke`` and ``width``), optional ``extent``
        (the features whose bounds fit the map; default the first layer) and ``labels`` (``(x, y, text, bold)``).
    legend : sequence of (shape, colour, label)
        Shapes ``box`` (a fill) or ``line`` (an outline).
    """
    n = max(len(panels), 1)
    gap = 10
    cell_w = (width - gap * (n - 1)) / n
    top, bottom = 22, 62 if legend else 8
    c = _Canvas(width, height + top + bottom, title)
    for k, p in enumerate(panels):
        ox = k * (cell_w + gap)
        c.text(ox + 2, 15, p.get("title", ""), 12, font_weight="bold")
        extent = p.get("extent") or (p["layers"][0]["features"] if p.get("layers") else [])
        pts = np.array([pt[:2] for g in extent for ring in _rings(g) for pt in ring], dtype=float)
        if not len(pts):
            continue
        (bx0, by0), (bx1, by1) = pts.min(axis=0), pts.max(axis=0)
        padding = 0.04 * max(bx1 - bx0, by1 - by0, 1e-9)
        bx0, by0, bx1, by1 = bx0 - padding, by0 - padding, bx1 + padding, by1 + padding
        scale = min(cell_w / (bx1 - bx0), height / (by1 - by0))
        offx = ox + (cell_w - scale * (bx1 - bx0)) / 2
        offy = top + (height - scale * (by1 - by0)) / 2
        c.raw(f'<svg x="{_f(ox)}" y="{_f(top)}" width="{_f(cell_w)}" height="{_f(height)}" overflow="hidden">'
              f'<g transform="translate({_f(offx - ox)},{_f(offy - top)})">')
        for layer in p.get("layers", []):
            feats = layer["features"]
            fills = layer.get("fill", "none")
            fills = [fills] * len(feats) if isinstance(fills, str) else list(fills)
            for g, fill in zip(feats, fills):
                d = "".join("M" + "L".join(f"{_f((x - bx0) * scale)},{_f((by1 - y) * scale)}" for x, y, *_ in ring)
                            + "Z" for ring in _rings(g))
                if d:
                    c.raw(f'<path d="{d}" fill="{fill}" fill-rule="evenodd" stroke="{layer.get("stroke", "white")}" '
                          f'stroke-width="{_f(layer.get("width", 0.6))}" stroke-linejoin="round"/>')
        for x, y, text, bold in p.get("labels", []):
            tx, ty = (x - bx0) * scale, (by1 - y) * scale
            weight = ' font-weight="bold"' if bold else ""
            c.raw(f'<text x="{_f(tx)}" y="{_f(ty + 3)}" font-size="8" text-anchor="middle" stroke="white" '
                  f'stroke-width="2.5" paint-order="stroke"{weight}>{escape(str(text), quote=False)}</text>')
        c.raw("</g></svg>")
    if legend:
        y = top + height + 18
        if legend_title:
            c.text(8, y, legend_title, 9.5, font_weight="bold")
            y += 16
        x = 8.0
        for shape, colour, label in legend:
            if x + 30 + _text_width(label, 9) > width:
                x, y = 8.0, y + 16
            if shape == "line":
                c.line(x, y - 4, x + 16, y - 4, colour, 2.2)
                x += 20
            else:
                c.rect(x, y - 10, 14, 10, colour, stroke="#4d4d4d", stroke_width="0.5")
                x += 18
            c.text(x, y, label, 9)
            x += _text_width(label, 9) + 14
    return c.render()


# -- adapters for an UrgencyResult (notebooks) ----------------------------------------------------------------
def domain_label(domain: str) -> str:
    """Dutch label of an indicator domain id (falls back to the id)."""
    from wijklib.indicators import load_indicators

    try:
        return load_indicators().domain(domain).label_nl
    except Exception:  # unknown id: show it as it is
        return domain.replace("_", " ")


def domain_label_in_text(domain: str) -> str:
    """The Dutch domain label for use inside a sentence: 'werk en uitkeringen' (an acronym such as 'WOZ' stays)."""
    label = domain_label(domain)
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _indicator_labels() -> dict[str, str]:
    from wijklib.indicators import load_indicators

    return {ind.id: ind.label_nl for ind in load_indicators().indicators}


def _axes(ax, figsize):
    if ax is None:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax.figure, ax


def plot_waterfall(result, area_code: str, *, top: int = 8) -> SvgChart:
    """How the urgency index of one area is built from indicator contributions (a waterfall, :func:`waterfall`).

    The bars add up exactly to the index; the smallest contributions are taken together as "overige indicatoren".

    Raises
    ------
    ValueError
        The area has no contributions (no score).
    """
    contrib = result.contributions
    rows = contrib[(contrib["area_code"] == area_code) & contrib["contribution"].notna()].copy()
    if rows.empty:
        raise ValueError(f"geen bijdragen voor {area_code}: het gebied heeft geen score")
    labels = _indicator_labels()
    rows["label"] = rows["indicator"].map(lambda i: labels.get(i, i))
    rows = rows.reindex(rows["contribution"].abs().sort_values(ascending=False, kind="stable").index)
    main, rest = rows.head(top), rows.iloc[top:]
    names = list(main["label"]) + (["overige indicatoren"] if len(rest) else [])
    values = list(main["contribution"]) + ([float(rest["contribution"].sum())] if len(rest) else [])
    name = result.scores.at[area_code, "name"] if "name" in result.scores else area_code
    return waterfall(names, values, float(result.scores.at[area_code, "index"]),
                     title=f"Opbouw van de score: {name}",
                     xlabel="bijdrage aan de index (rood: maakt urgenter; blauw: maakt minder urgent)")


def plot_trend(counted, area_code: str, indicators: Iterable[str], *, reference=None,
               reference_label: str = "gemiddelde van de buurten", name: str | None = None) -> SvgChart:
    """Small multiples of indicator values over the years for one area beside a reference line
    (:func:`trend_panels`).

    Parameters
    ----------
    counted : DataFrame
        Tidy counted table (all periods).
    area_code : str
    indicators : iterable of str
    reference : DataFrame, optional
        Reference values (index period, columns indicators); default the mean over all areas in ``counted``.
    name : str, optional
        Name of the area for the title.
    """
    from wijklib.indicators import load_indicators

    indicators = list(indicators)
    labels = _indicator_labels()
    directions = {ind.id: ind.direction for ind in load_indicators().indicators}
    data = counted[counted["indicator"].isin(indicators)]
    periods = sorted(int(p) for p in data["period"].unique())
    ref = reference if reference is not None else data.groupby(["period", "indicator"])["value"].mean().unstack()
    own = data[data["area_code"] == area_code].pivot_table(index="period", columns="indicator", values="value")
    panels = []
    for ind in indicators:
        hint = {"hoger_is_slechter": "hoger is slechter", "hoger_is_beter": "hoger is beter"}.get(
            directions.get(ind, ""), "")
        panels.append({"label": labels.get(ind, ind), "own": _aligned(own, ind, periods),
                       "reference": _aligned(ref, ind, periods) if ind in ref else None,
                       "note": hint, "empty_text": "geen cijfers"})
    return trend_panels(panels, periods, title=f"Ontwikkeling in {name or area_code}", own_label="dit gebied",
                        reference_label=reference_label)


def _aligned(table, column: str, periods: Sequence[int]) -> list[float | None]:
    """Values of ``table[column]`` (index period) for ``periods``; None where missing."""
    if column not in table:
        return [None] * len(periods)
    lookup = dict(zip((int(p) for p in table.index), table[column].to_numpy(dtype=float)))
    values = [lookup.get(int(p)) for p in periods]
    return [None if v is None or not math.isfinite(v) else float(v) for v in values]



def plot_ranking(result, *, top: int | None = None, highlight: Iterable[str] = (), ax=None):
    """Rank of each area with its interval over the method choices (Monte Carlo), coloured by robustness
    (matplotlib ``Figure``; an overview of all areas for the notebook).

    Parameters
    ----------
    result : UrgencyResult
    top : int, optional
        Only the ``top`` most urgent areas.
    highlight : iterable of str
        Area codes to print in bold (e.g. the area of a report).
    ax : matplotlib Axes, optional
    """
    import matplotlib.pyplot as plt
    import pandas as pd

    unc = result.uncertainty.dropna(subset=["point_rank"]).sort_values("point_rank")
    if top:
        unc = unc.head(top)
    fig, ax = _axes(ax, (7, 0.28 * len(unc) + 1.2))
    y = np.arange(len(unc))[::-1]
    colours = [ROBUSTNESS_COLOURS.get(r, _GREY) for r in unc["robustness"]]
    ax.hlines(y, unc["rank_lo"], unc["rank_hi"], colors=colours, linewidth=3, alpha=0.6)
    ax.scatter(unc["point_rank"], y, c=colours, zorder=3, s=25)
    ax.set_yticks(y, unc["name"].fillna(pd.Series(unc.index, index=unc.index)))
    for label, code in zip(ax.get_yticklabels(), unc.index):
        if code in set(highlight):
            label.set_fontweight("bold")
    k = result.config.uncertainty.top_k
    ax.axvline(k + 0.5, color=_GREY, linestyle=":", linewidth=1)
    ax.text(k + 0.6, y.max() + 0.4, f"top {k}", color=_GREY, fontsize=8, va="bottom")
    ax.set_xlabel("rang (1 = meest urgent); lijn = 90%-interval over de methodekeuzes")
    handles = [plt.Line2D([], [], color=c, marker="o", linewidth=3, label=name)
               for name, c in ROBUSTNESS_COLOURS.items()]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06 - 2.0 / max(len(unc), 10)),
              ncol=3, fontsize=8, frameon=False)
    ax.set_title("Urgentie per buurt: rang en onzekerheid")
    return fig


def plot_stacking(result, *, areas: Iterable[str] | None = None, ax=None):
    """Domain scores per area as a heat map; a dot marks a domain with an indicator in the worst group
    (matplotlib ``Figure``; an overview of many areas for the notebook)."""
    scores = result.scores
    cols = [c for c in scores.columns if c.startswith("domain_")]
    data = scores.dropna(subset=["index"]).sort_values("index", ascending=False)
    if areas is not None:
        data = data.loc[[a for a in areas if a in data.index]]
    mat = data[cols].to_numpy(dtype=float)
    fig, ax = _axes(ax, (1.0 * len(cols) + 3, 0.28 * len(data) + 1.5))
    lim = np.nanmax(np.abs(mat)) if np.isfinite(mat).any() else 1.0
    im = ax.imshow(mat, cmap="PuOr_r", vmin=-lim, vmax=lim, aspect="auto")
    flagged = result.stacking.reindex(data.index)["flagged_domains"].fillna("")
    for i, doms in enumerate(flagged):
        for j, col in enumerate(cols):
            if col.removeprefix("domain_") in str(doms).split("; "):
                ax.plot(j, i, marker="o", color="black", markersize=4)
    ax.set_xticks(range(len(cols)), [domain_label(c.removeprefix("domain_")) for c in cols], rotation=35,
                  ha="right")
    ax.set_yticks(range(len(data)), data["name"] if "name" in data else data.index)
    fig.colorbar(im, ax=ax, shrink=0.6, label="domeinscore (hoger = urgenter)")
    share = round(100 * result.config.stacking.quantile)
    ax.set_title(f"Opstapeling: domeinscores per buurt\n(stip: minstens één indicator van het domein bij de "
                 f"slechtste {share}%)", fontsize=10)
    return fig


def plot_told_vs_counted(result, *, source: str = "bewoners", ax=None):
    """Told versus counted picture of all areas per theme (percentiles); off-diagonal points diverge
    (matplotlib ``Figure``; the per-area view of the reports is :func:`told_counted`)."""
    div = result.divergence
    div = div[(div["source"] == source) & div["told_pct"].notna() & div["counted_pct"].notna()]
    fig, ax = _axes(ax, (6, 6.5))
    if div.empty:
        ax.text(0.5, 0.5, f"geen vergelijkbare vertelde gegevens ({source})", ha="center", va="center")
        ax.set_axis_off()
        return fig
    markers = dict(zip(sorted(div["theme"].unique()), "osD^v"))
    colours = {"verteld_ernstiger": "#D55E00", "geteld_ernstiger": "#0072B2", "overeenkomend": _GREY}
    for (theme, signal), part in div.groupby(["theme", "signal"]):
        ax.scatter(part["counted_pct"], part["told_pct"], marker=markers.get(theme, "o"),
                   color=colours.get(signal, _GREY), label=f"{theme}: {signal.replace('_', ' ')}", alpha=0.8)
    names = result.scores["name"] if "name" in result.scores else None
    for _, row in div[div["signal"] != "overeenkomend"].iterrows():
        label = names.get(row["area_code"], row["area_code"]) if names is not None else row["area_code"]
        ax.annotate(label, (row["counted_pct"], row["told_pct"]), fontsize=7, xytext=(3, 3),
                    textcoords="offset points")
    ax.plot([0, 100], [0, 100], color=_GREY, linewidth=0.8)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("geteld: percentiel van de domeinscore (hoger = urgenter)")
    ax.set_ylabel(f"verteld ({source}): percentiel (hoger = ernstiger)")
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    ax.set_title("Tellen en vertellen")
    return fig
