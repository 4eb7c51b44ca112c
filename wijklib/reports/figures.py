"""Matplotlib charts of the buurt report, drawn with the object API (no pyplot state) and returned as PNG bytes.

No global matplotlib state is used or changed (no ``pyplot``), so a warm kernel that renders many reports gives
exactly the same images as a fresh one. All texts are Dutch.
"""

from __future__ import annotations

import io
from typing import Any, Sequence

import numpy as np

__all__ = ["fmt", "png", "index_strip", "domain_bars", "trend_panel", "waterfall", "area_map", "told_vs_counted"]

DPI = 100
_WORSE = "#b2182b"
_BETTER = "#2166ac"
_NEUTRAL = "#6b6b6b"
_AREA = "#d6604d"
_GEMEENTE = "#4d4d4d"
_GREY_FILL = "#e0e0e0"


def fmt(value: Any, decimals: int = 1, *, sign: bool = False) -> str:
    """Dutch number: decimal comma, thousands point; ``–`` for missing values.

    >>> fmt(1234.5)
    '1.234,5'
    >>> fmt(0.0523, 2, sign=True)
    '+0,05'
    """
    if value is None:
        return "–"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if np.isnan(v):
        return "–"
    text = f"{v:{'+' if sign else ''},.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


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


def _comma(value: float, _pos: Any = None) -> str:
    """Tick label with a Dutch decimal comma (and no needless trailing zeros)."""
    text = f"{value:.6g}"
    if "e" in text:
        text = f"{value:,.0f}".replace(",", ".")
    return text.replace("-", "\u2212").replace(".", ",")


def dutch_axes(ax: Any) -> None:
    """Use a Dutch decimal comma on both numeric axes of ``ax``."""
    from matplotlib.ticker import FuncFormatter, ScalarFormatter

    for axis in (ax.xaxis, ax.yaxis):  # text labels (set_yticks with labels) are left alone
        if isinstance(axis.get_major_formatter(), ScalarFormatter):
            axis.set_major_formatter(FuncFormatter(_comma))


def _style(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8)
    dutch_axes(ax)


def index_strip(values: Sequence[float], value: float | None, classification: dict | None, *,
                name: str, rank_lo: float | None = None, rank_hi: float | None = None) -> bytes:
    """All index values of the reference as dots on one line, class bands behind them, this buurt highlighted."""
    fig = _figure(7.5, 1.7)
    ax = fig.subplots()
    vals = np.asarray(values, dtype=float)
    lo, hi = (float(vals.min()), float(vals.max())) if vals.size else (0.0, 1.0)
    pad = 0.05 * (hi - lo or 1.0)
    if classification:
        edges = [lo - pad] + list(classification["bins"][:-1]) + [hi + pad]
        for (a, b), c in zip(zip(edges[:-1], edges[1:]), classification["colors"]):
            ax.axvspan(a, b, color=c, alpha=0.35, lw=0)
    ax.scatter(vals, np.zeros_like(vals), s=22, color=_NEUTRAL, zorder=3, label="andere buurten")
    if value is not None:
        ax.scatter([value], [0], s=120, color="black", marker="v", zorder=4, label=name)
        ax.annotate(name, (value, 0), xytext=(0, 10), textcoords="offset points", ha="center", fontsize=9,
                    fontweight="bold")
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(-1, 1.4)
    ax.set_yticks([])
    ax.axhline(0, color="#999999", lw=0.6, zorder=1)
    ax.set_xlabel("urgentie-index (hoger = urgenter)", fontsize=8)
    _style(ax)
    ax.spines["left"].set_visible(False)
    return png(fig)


def domain_bars(domains: list[dict]) -> bytes:
    """Domain scores of the buurt (0 = reference mean); domains in the worst group are red and marked."""
    doms = [d for d in domains if d.get("score") is not None]
    fig = _figure(7.5, 0.45 * max(len(doms), 1) + 0.9)
    ax = fig.subplots()
    if not doms:
        ax.text(0.5, 0.5, "geen domeinscores", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return png(fig)
    labels = [d["label"] + ("  ▲" if d["flagged"] else "") for d in doms][::-1]
    scores = [d["score"] for d in doms][::-1]
    colors = [_WORSE if d["flagged"] else (_NEUTRAL if d["score"] > 0 else _BETTER) for d in doms][::-1]
    y = np.arange(len(doms))
    ax.barh(y, scores, color=colors, height=0.6)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, labels, fontsize=9)
    for yi, s in zip(y, scores):
        ax.text(s, yi, " " + fmt(s, 2, sign=True) + " ", va="center", ha="left" if s >= 0 else "right", fontsize=8)
    span = max(abs(min(scores)), abs(max(scores)), 0.5) * 1.35
    ax.set_xlim(-span, span)
    ax.set_xlabel("domeinscore (0 = gemiddelde van de referentie; hoger = meer problemen)", fontsize=8)
    _style(ax)
    return png(fig)


def trend_panel(items: list[dict], periods: Sequence[int]) -> bytes:
    """Small multiples: buurt (solid) against gemeente (dashed) over the years, one panel per indicator."""
    n = len(items)
    ncols = 3 if n > 4 else max(1, min(n, 2))
    nrows = int(np.ceil(n / ncols))
    fig = _figure(7.5, 2.4 * nrows + 0.3)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    xs = [int(p) for p in periods]
    for ax, it in zip(axes, items):
        own = [it["series"].get(str(p)) for p in xs]
        gm = [it.get("gemeente_series", {}).get(str(p)) for p in xs]
        own_y = np.array([np.nan if v is None else v for v in own], dtype=float)
        gm_y = np.array([np.nan if v is None else v for v in gm], dtype=float)
        ax.plot(xs, own_y, marker="o", color=_AREA, lw=2, label="buurt")
        bad = it.get("series_unreliable") or {}
        if bad:
            bx = [int(k) for k in sorted(bad)]
            ax.scatter(bx, [bad[str(k)] for k in bx], s=36, facecolors="none", edgecolors=_NEUTRAL, zorder=3,
                       label="onbetrouwbaar (te weinig inwoners)")
        if np.isfinite(gm_y).any():
            ax.plot(xs, gm_y, marker="s", color=_GEMEENTE, lw=1.2, ls="--", label="gemeente")
        import textwrap

        lines = textwrap.wrap(it["label"], 30)[:2]
        trend = it.get("trend")
        ax.set_title("\n".join(lines), fontsize=8, loc="left")
        if bad and not np.isfinite(own_y).any():
            ax.set_xlabel("onbetrouwbaar: geen trend", fontsize=7.5, color=_NEUTRAL)
        elif trend:
            ax.set_xlabel(f"trend: {TREND_NL.get(trend, trend)}", fontsize=7.5,
                          color=_WORSE if trend == "verslechtert" else (_BETTER if trend == "verbetert" else _NEUTRAL))
        _style(ax)
        ax.set_xticks(xs, [str(x) for x in xs])
        if not np.isfinite(own_y).any() and not bad:
            ax.text(0.5, 0.5, "geheim of ontbreekt", ha="center", va="center", transform=ax.transAxes, fontsize=8,
                    color=_NEUTRAL)
    for ax in axes[n:]:
        ax.set_visible(False)
    seen: dict[str, Any] = {}
    for ax in axes[:n]:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            seen.setdefault(lab, h)
    if seen:
        fig.legend(list(seen.values()), list(seen.keys()), loc="upper right", fontsize=8, frameon=False,
                   ncols=len(seen))
    fig.subplots_adjust(hspace=0.8, wspace=0.35)
    return png(fig)


def waterfall(contributions: list[dict], total: float, *, top: int = 6) -> bytes:
    """How the index is built: the largest contributions one after the other, the rest together, then the total."""
    items = contributions[:top]
    rest = float(sum(c["contribution"] for c in contributions[top:]))
    labels = [c["label"] for c in items] + (["overige indicatoren"] if len(contributions) > top else [])
    deltas = [c["contribution"] for c in items] + ([rest] if len(contributions) > top else [])
    labels = [lab if len(lab) <= 44 else lab[:42] + "…" for lab in labels]
    fig = _figure(7.5, 0.42 * (len(labels) + 1) + 1.0)
    ax = fig.subplots()
    start = 0.0
    y = np.arange(len(labels) + 1)[::-1]
    for yi, d in zip(y[:-1], deltas):
        ax.barh(yi, d, left=start, color=_WORSE if d > 0 else _BETTER, height=0.6)
        ax.text(start + d, yi, " " + fmt(d, 2, sign=True) + " ", va="center", ha="left" if d >= 0 else "right",
                fontsize=8)
        ax.plot([start + d, start + d], [yi - 0.3, yi - 0.7], color="#888888", lw=0.6)
        start += d
    ax.barh(y[-1], total, color="black", height=0.6)
    ax.text(total, y[-1], " " + fmt(total, 2) + " ", va="center", ha="left" if total >= 0 else "right", fontsize=8,
            fontweight="bold")
    ax.set_yticks(y, labels + ["urgentie-index"], fontsize=8.5)
    ax.axvline(0, color="black", lw=0.8)
    lo = min(0.0, total, *np.cumsum(deltas)) if deltas else min(0.0, total)
    hi = max(0.0, total, *np.cumsum(deltas)) if deltas else max(0.0, total)
    pad = 0.25 * (hi - lo or 1.0)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_xlabel("bijdrage aan de index (rood = maakt urgenter, blauw = gunstiger dan de referentie)", fontsize=8)
    _style(ax)
    return png(fig)


def told_vs_counted(rows: list[dict]) -> bytes:
    """Per theme: told percentile and counted percentile on one 0-100 scale, joined by a line."""
    fig = _figure(7.5, 0.55 * len(rows) + 1.0)
    ax = fig.subplots()
    y = np.arange(len(rows))[::-1]
    markers = {"bewoners": "o", "schouw": "D", "professionals": "^"}
    told_colors = {"bewoners": _AREA, "schouw": "#8c510a", "professionals": "#762a83"}
    labelled: set[str] = set()
    for yi, r in zip(y, rows):
        src = str(r.get("source") or "bewoners")
        ax.plot([r["counted_pct"], r["told_pct"]], [yi, yi], color="#999999", lw=2, zorder=1)
        ax.scatter([r["counted_pct"]], [yi], color=_GEMEENTE, marker="s", s=60, zorder=2,
                   label="geteld (cijfers)" if "geteld" not in labelled else None)
        labelled.add("geteld")
        ax.scatter([r["told_pct"]], [yi], color=told_colors.get(src, _AREA), marker=markers.get(src, "o"), s=70,
                   zorder=3, label=f"verteld ({src})" if src not in labelled else None)
        labelled.add(src)

    def _label(r: dict) -> str:
        theme = str(r["theme"]).replace("_", " ")
        return f"{theme[:1].upper()}{theme[1:]} ({r.get('source') or 'bewoners'})"

    ax.set_yticks(y, [_label(r) for r in rows], fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel("percentiel binnen de gemeente (hoger = ernstiger beeld)", fontsize=8)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    _style(ax)
    return png(fig)


def _paths(geometry: dict):
    from matplotlib.path import Path as MPath

    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [])
    out = []
    for poly in polys:
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
    coll = PatchCollection(patches, facecolors=fcs if fill else "none", edgecolors=edgecolor, linewidths=lw)
    ax.add_collection(coll)


def _bounds(features: list[dict]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for f in features:
        for p in _paths(f["geometry"]):
            xs.extend(p.vertices[:, 0])
            ys.extend(p.vertices[:, 1])
    return min(xs), min(ys), max(xs), max(ys)


def area_map(kaart: dict, code: str, wijk_code: str, classification: dict | None) -> bytes:
    """Two static maps: the buurt in its gemeente (coloured by urgency class) and zoomed in on its wijk."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    buurten = kaart["buurten"]
    me = [b for b in buurten if b["code"] == code]
    gm_code = me[0]["gemeente_code"] if me else None
    gm_buurten = [b for b in buurten if b["gemeente_code"] == gm_code] or buurten
    wijken = [w for w in kaart["wijken"] if any(b["wijk_code"] == w["code"] for b in gm_buurten)]

    def colors_of(features):
        out = []
        for b in features:
            v = b.get("index")
            if classification is None or v is None:
                out.append(_GREY_FILL)
            else:
                i = min(int(np.searchsorted(np.asarray(classification["bins"]), v, side="left")),
                        len(classification["bins"]) - 1)
                out.append(classification["colors"][i])
        return out

    fig = _figure(7.5, 3.9)
    ax1, ax2 = fig.subplots(1, 2)
    own_wijk = [b for b in gm_buurten if b["wijk_code"] == wijk_code]
    for ax, feats, title in ((ax1, gm_buurten, "In de gemeente"), (ax2, own_wijk, "In de wijk")):
        _draw_layer(ax, feats, colors_of(feats), "white", 0.6)
        _draw_layer(ax, [w for w in wijken if ax is ax1 or w["code"] == wijk_code], ["none"] * len(wijken),
                    "#333333", 1.0, fill=False)
        if me:
            _draw_layer(ax, me, ["none"], "black", 2.6, fill=False)
        x0, y0, x1, y1 = _bounds(feats)
        pad = 0.04 * max(x1 - x0, y1 - y0)
        ax.set_xlim(x0 - pad, x1 + pad)
        ax.set_ylim(y0 - pad, y1 + pad)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.set_title(title, fontsize=10, loc="left")
    for b in own_wijk:  # names in the zoomed map
        import shapely.geometry as sg

        pt = sg.shape(b["geometry"]).representative_point()
        ax2.text(pt.x, pt.y, b["name"], fontsize=6.5, ha="center", va="center",
                 fontweight="bold" if b["code"] == code else "normal",
                 bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = []
    if classification is not None:
        handles += [Patch(facecolor=c, edgecolor="#4d4d4d", lw=0.5, label=lab)
                    for c, lab in zip(classification["colors"], classification["labels"])]
    handles += [Patch(facecolor=_GREY_FILL, edgecolor="#4d4d4d", lw=0.5, label="geen index"),
                Line2D([0], [0], color="black", lw=2.6, label="deze buurt"),
                Line2D([0], [0], color="#333333", lw=1.0, label="wijkgrens")]
    fig.legend(handles=handles, loc="lower center", ncols=4, fontsize=7, frameon=False,
               title="Urgentie-index (klassen over alle buurten)" if classification else None, title_fontsize=7.5)
    fig.subplots_adjust(bottom=0.2, wspace=0.05)
    return png(fig)


#: Dutch labels of the trend classes of :mod:`wijklib.urgency.trends`.
TREND_NL = {"verbetert": "verbetert", "verslechtert": "verslechtert", "stabiel": "stabiel",
            "stagneert": "stagneert", "onvoldoende_jaren": "te weinig jaren"}
