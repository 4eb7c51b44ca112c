"""Charts of the buurt report: thin adapters from the prepared JSON bundles to :mod:`wijklib.charts`.

The drawing itself lives in :mod:`wijklib.charts` (shared with the notebooks) and writes small SVG documents
directly, without matplotlib: no global state, no fonts to load, the same bytes in a warm kernel as in a fresh one,
and a few milliseconds per chart. All texts are Dutch and every user text is XML-escaped.

The matplotlib helpers at the end (:func:`png`, :func:`dutch_axes`, ...) serve the batch overview map of
``index.html`` (drawn once per batch by :mod:`wijklib.reports.manifest`).
"""

from __future__ import annotations

import io
from typing import Any, Sequence

import numpy as np

from wijklib import charts
from wijklib.charts import TREND_NL, SvgChart, fmt

__all__ = ["fmt", "TREND_NL", "index_strip", "domain_bars", "trend_panel", "waterfall", "area_map",
           "told_vs_counted", "png", "dutch_axes"]

DPI = 100


def _class_of(value: float | None, classification: dict | None) -> int | None:
    if classification is None or value is None:
        return None
    bins = np.asarray(classification["bins"])
    return min(int(np.searchsorted(bins, value, side="left")), len(bins) - 1)


def index_strip(values: Sequence[float], value: float | None, classification: dict | None, *,
                name: str, rank_lo: float | None = None, rank_hi: float | None = None) -> SvgChart:
    """All index values of the reference as dots on one line, class bands behind them, this buurt highlighted."""
    vals = [float(v) for v in values if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
    pad = 0.05 * (hi - lo or 1.0)
    bands = []
    if classification:
        edges = [lo - pad] + list(classification["bins"][:-1]) + [hi + pad]
        bands = [(a, b, c) for (a, b), c in zip(zip(edges[:-1], edges[1:]), classification["colors"])]
    return charts.index_strip(vals, value, name=name, bands=bands)


def domain_bars(domains: list[dict]) -> SvgChart:
    """Domain scores of the buurt (0 = reference mean); domains in the worst group are red and marked."""
    doms = [d for d in domains if d.get("score") is not None]
    return charts.domain_bars([d["label"] for d in doms], [d["score"] for d in doms],
                              [bool(d["flagged"]) for d in doms])


def trend_panel(items: list[dict], periods: Sequence[int]) -> SvgChart:
    """Small multiples: buurt (solid) against gemeente (dashed) over the years, one panel per indicator."""
    panels = []
    for it in items:
        own = [it["series"].get(str(p)) for p in periods]
        bad = it.get("series_unreliable") or {}
        trend = it.get("trend")
        if bad and all(v is None for v in own):
            note, colour = "onbetrouwbaar: geen trend", charts.NEUTRAL
        elif it.get("money"):  # nominal euros: compared with the gemeente, never better or worse
            change = it.get("nominal_change")
            note = change.split(": ", 1)[-1] if change else "bedrag, niet gecorrigeerd voor inflatie"
            colour = charts.NEUTRAL
        elif trend:
            note = f"trend: {TREND_NL.get(trend, trend)}"
            colour = charts.WORSE if trend == "verslechtert" else (charts.BETTER if trend == "verbetert"
                                                                   else charts.NEUTRAL)
        else:
            note, colour = "", None
        panels.append({"label": it["label"], "own": own,
                       "reference": [it.get("gemeente_series", {}).get(str(p)) for p in periods],
                       "unreliable": [bad.get(str(p)) for p in periods], "note": note, "note_colour": colour,
                       "empty_text": "geheim of ontbreekt"})
    return charts.trend_panels(panels, [int(p) for p in periods])


def waterfall(contributions: list[dict], total: float, *, top: int = 6) -> SvgChart:
    """How the index is built: the largest contributions one after the other, the rest together, then the total."""
    items = contributions[:top]
    labels = [c["label"] for c in items]
    deltas = [float(c["contribution"]) for c in items]
    if len(contributions) > top:
        labels.append("overige indicatoren")
        deltas.append(float(sum(c["contribution"] for c in contributions[top:])))
    return charts.waterfall(labels, deltas, float(total))


def told_vs_counted(rows: list[dict]) -> SvgChart:
    """Per theme: told percentile and counted percentile on one 0-100 scale, joined by a line."""
    def _label(r: dict) -> str:
        theme = str(r["theme"]).replace("_", " ")
        return f"{theme[:1].upper()}{theme[1:]} ({r.get('source') or 'bewoners'})"

    return charts.told_counted([{**r, "label": _label(r)} for r in rows])


def area_map(kaart: dict, code: str, wijk_code: str, classification: dict | None) -> SvgChart:
    """Two static maps: the buurt in its gemeente (coloured by urgency class) and zoomed in on its wijk."""
    import shapely.geometry as sg

    buurten = kaart["buurten"]
    me = [b for b in buurten if b["code"] == code]
    gm_code = me[0]["gemeente_code"] if me else None
    gm_buurten = [b for b in buurten if b["gemeente_code"] == gm_code] or buurten
    wijken = [w for w in kaart["wijken"] if any(b["wijk_code"] == w["code"] for b in gm_buurten)]

    def fills(features: list[dict]) -> list[str]:
        out = []
        for b in features:
            i = _class_of(b.get("index"), classification)
            out.append(charts.GREY_FILL if i is None else classification["colors"][i])  # type: ignore[index]
        return out

    own_wijk = [b for b in gm_buurten if b["wijk_code"] == wijk_code]
    mine = [{"features": [b["geometry"] for b in me], "fill": "none", "stroke": "black", "width": 2.6}]
    labels = []
    for b in own_wijk:  # names in the zoomed map
        if not b.get("geometry"):
            continue
        pt = sg.shape(b["geometry"]).representative_point()
        labels.append((pt.x, pt.y, b["name"], b["code"] == code))
    panels = [
        {"title": "In de gemeente", "layers": [
            {"features": [b["geometry"] for b in gm_buurten], "fill": fills(gm_buurten), "stroke": "white",
             "width": 0.6},
            {"features": [w["geometry"] for w in wijken], "fill": "none", "stroke": "#333333", "width": 1.0},
            *mine]},
        {"title": "In de wijk", "labels": labels, "layers": [
            {"features": [b["geometry"] for b in own_wijk], "fill": fills(own_wijk), "stroke": "white",
             "width": 0.6},
            {"features": [w["geometry"] for w in wijken if w["code"] == wijk_code], "fill": "none",
             "stroke": "#333333", "width": 1.0},
            *mine]},
    ]
    legend: list[tuple[str, str, str]] = []
    if classification is not None:
        legend += [("box", c, lab) for c, lab in zip(classification["colors"], classification["labels"])]
    legend += [("box", charts.GREY_FILL, "geen index"), ("line", "black", "deze buurt"),
               ("line", "#333333", "wijkgrens")]
    return charts.area_maps(panels, legend=legend, title="Kaart van de buurt",
                            legend_title="Urgentie-index (klassen over alle buurten)" if classification else "")


# -- matplotlib helpers for the batch overview map (index.html) ----------------------------------------------
def _figure(w: float, h: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(w, h), dpi=DPI)
    fig.set_facecolor("white")
    return fig


def png(fig: Any) -> bytes:
    """PNG bytes of a figure (no software metadata, so bytes depend only on the drawing)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def dutch_axes(ax: Any) -> None:
    """Use a Dutch decimal comma on both numeric axes of a matplotlib ``ax``."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    for axis in (ax.xaxis, ax.yaxis):  # text labels (set_yticks with labels) are left alone
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(FuncFormatter(lambda v, _pos=None: charts.tick_label(v)))


def _paths(geometry: dict | None):
    from matplotlib.path import Path as MPath

    out: list = []
    if not geometry:  # a buurt with figures but no polygon: no shape to draw
        return out
    for poly in ([geometry["coordinates"]] if geometry["type"] == "Polygon" else (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [])):
        verts, codes = [], []
        for ring in poly:
            if len(ring) < 3:
                continue
            verts.extend(ring)
            codes.extend([MPath.MOVETO] + [MPath.LINETO] * (len(ring) - 2) + [MPath.CLOSEPOLY])
        if verts:
            out.append(MPath(np.asarray(verts, dtype=float), codes))
    return out


def _draw_layer(ax: Any, features: list[dict], facecolors: list[str], edgecolor: str, lw: float,
                fill: bool = True) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch

    patches, fcs = [], []
    for f, c in zip(features, facecolors):
        for p in _paths(f["geometry"]):
            patches.append(PathPatch(p))
            fcs.append(c)
    if not patches:
        return
    ax.add_collection(PatchCollection(patches, facecolors=fcs if fill else "none", edgecolors=edgecolor,
                                      linewidths=lw))


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for f in features:
        for p in _paths(f["geometry"]):
            xs.extend(p.vertices[:, 0])
            ys.extend(p.vertices[:, 1])
    return min(xs), min(ys), max(xs), max(ys)
