"""Static figures (matplotlib) for reports: grids, salience diagram, ladder, and a network drawing.

Every function takes the scores of :meth:`StakeholderSet.scores` (labels are already export-safe there) and
returns the matplotlib ``Figure``. Points are coloured by world (system world, lifeworld, both, criminal side);
natural persons are drawn as diamonds. Labels are placed greedily around their point to avoid overlap, with a
thin leader line when a label has to move away.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Iterable, Sequence, cast

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.typing import LineStyleType
    from numpy.typing import ArrayLike

from .methods import KRACHTENVELD, POWER_INTEREST, krachtenveld, participation_gap, power_interest, reach_trust, salience
from .vocab import RELATION_LABELS, RELATION_TYPES, RUNG_NAMES, WORLD_LABELS

__all__ = ["WORLD_COLORS", "RELATION_COLORS", "plot_power_interest", "plot_reach_trust", "plot_krachtenveld",
           "plot_salience", "plot_ladder", "plot_network"]

WORLD_COLORS = {"systeem": "#1f6fb4", "leef": "#2a9d3f", "beide": "#8e5bb5", "crimineel": "#c8322c",
                None: "#808080"}
RELATION_COLORS = {"samenwerking": "#1f6fb4", "informatie": "#e08a00", "vertrouwen": "#2a9d3f",
                   "invloed": "#8e5bb5", "conflict": "#c8322c", "financiering": "#6b4f2a"}
RELATION_DASH: dict[str, LineStyleType] = {
    "samenwerking": "solid", "informatie": (0, (4, 2)), "vertrouwen": "solid", "invloed": (0, (1, 1.5)),
    "conflict": (0, (6, 2, 1, 2)), "financiering": (0, (3, 1, 1, 1))}


def _world(v) -> str | None:
    return v if isinstance(v, str) and v in WORLD_COLORS else None


def _jitter(x: ArrayLike, y: ArrayLike, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Spread points that fall on the same spot over a small circle (deterministic)."""
    xs, ys = np.asarray(x, float).copy(), np.asarray(y, float).copy()
    groups: dict[tuple, list[int]] = {}
    for i, (px, py) in enumerate(zip(xs, ys)):
        groups.setdefault((round(px, 2), round(py, 2)), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        for k, i in enumerate(members):
            ang = 2 * math.pi * k / len(members) + math.pi / 4
            xs[i] += radius * math.cos(ang)
            ys[i] += radius * math.sin(ang)
    return xs, ys


def _place_labels(ax, xs, ys, labels: Sequence[str], *, fontsize: float = 7.5,
                  radii: Sequence[float] | None = None) -> list:
    """Greedy label placement around each point, avoiding other labels and points; returns the text artists.

    ``radii`` are the marker radii in points (default 3, the scatter markers of the grids): a label starts just
    outside its own marker and keeps clear of the other markers.
    """
    fig = ax.figure
    renderer = _renderer(fig)
    pts = ax.transData.transform(np.column_stack([xs, ys])) if len(xs) else np.empty((0, 2))
    axbox = ax.get_window_extent(renderer)
    placed: list[tuple[float, float, float, float]] = []
    dpi_scale = fig.dpi / 72.0
    dirs = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    rad = np.full(len(labels), 3.0) if radii is None else np.asarray(radii, float)
    rad_px = rad * dpi_scale
    artists = []
    order = sorted(range(len(labels)), key=lambda i: -sum(np.hypot(*(pts[i] - pts[j])) < 60 for j in range(len(pts))))
    for i in order:
        text = labels[i]
        probe = ax.text(0, 0, text, fontsize=fontsize)
        bb = probe.get_window_extent(renderer)
        w, h = bb.width, bb.height
        probe.remove()
        best: tuple[float, float, int, int, tuple[float, float, float, float], float] | None = None
        best_cost = float("inf")
        for dist in (rad[i] + 3, rad[i] + 11, rad[i] + 21, rad[i] + 33, rad[i] + 47):
            for dx, dy in dirs:
                ox, oy = dx * dist * dpi_scale, dy * dist * dpi_scale
                cx, cy = pts[i][0] + ox, pts[i][1] + oy
                x0 = cx if dx > 0 else (cx - w if dx < 0 else cx - w / 2)
                y0 = cy if dy > 0 else (cy - h if dy < 0 else cy - h / 2)
                box = (x0, y0, x0 + w, y0 + h)
                cost = 0.0
                for p in placed:
                    p = (p[0] - 3, p[1] - 2, p[2] + 3, p[3] + 2)  # keep a small gap between labels
                    ix = max(0, min(box[2], p[2]) - max(box[0], p[0]))
                    iy = max(0, min(box[3], p[3]) - max(box[1], p[1]))
                    cost += ix * iy
                for j, q in enumerate(pts):
                    m = rad_px[j] + 2
                    if j != i and box[0] - m <= q[0] <= box[2] + m and box[1] - m <= q[1] <= box[3] + m:
                        cost += 40 * dpi_scale
                if box[0] < axbox.x0 or box[2] > axbox.x1 or box[1] < axbox.y0 or box[3] > axbox.y1:
                    cost += 1e5
                cost += (dist - rad[i]) * 0.5
                if cost < best_cost:
                    best, best_cost = (ox, oy, dx, dy, box, dist), cost
            assert best is not None  # every candidate has a finite cost
            if best_cost <= (best[5] - rad[i]) * 0.5 + 1e-9:
                break
        assert best is not None
        ox, oy, dx, dy, box, dist = best
        placed.append(box)
        ha = "left" if dx > 0 else ("right" if dx < 0 else "center")
        va = "bottom" if dy > 0 else ("top" if dy < 0 else "center")
        arrow = (dict(arrowstyle="-", color="#999999", lw=0.5, shrinkA=0, shrinkB=float(rad[i]))
                 if dist > rad[i] + 11 else None)
        artists.append(ax.annotate(text, (xs[i], ys[i]), xytext=(ox / dpi_scale, oy / dpi_scale),
                                   textcoords="offset points", ha=ha, va=va, fontsize=fontsize,
                                   arrowprops=arrow, zorder=5))
    return artists


def _renderer(fig: Figure | SubFigure) -> RendererBase:
    """The renderer of a figure drawn on an Agg canvas (inline backend, savefig) to measure text."""
    return cast(FigureCanvasAgg, fig.canvas).get_renderer()


def _world_legend(ax, worlds: Iterable, persons: bool, loc="upper left", extra: Sequence = ()) -> None:
    handles = [Line2D([], [], marker="o", ls="", color=WORLD_COLORS[w],
                      label=WORLD_LABELS[w] if w else "onbekend")
               for w in dict.fromkeys(_world(v) for v in worlds) if True]
    handles = sorted(handles, key=lambda h: list(WORLD_LABELS.values()).index(str(h.get_label()))
                     if h.get_label() in WORLD_LABELS.values() else 99)
    if persons:
        handles.append(Line2D([], [], marker="D", ls="", color="#444444", label="persoon (rol/pseudoniem)"))
    handles.extend(extra)
    ax.legend(handles=handles, loc=loc, fontsize=7.5, framealpha=0.9, bbox_to_anchor=(1.01, 1), borderaxespad=0)


def _scatter(ax, df: pd.DataFrame, x: str, y: str, radius: float):
    xs, ys = _jitter(df[x], df[y], radius)
    persons = df["natuurlijk_persoon"].fillna(False).astype(bool) if "natuurlijk_persoon" in df else \
        pd.Series(False, index=df.index)
    colors = [WORLD_COLORS[_world(w)] for w in df.get("wereld", pd.Series(None, index=df.index))]
    is_person = persons.to_numpy(dtype=bool)
    for mask, marker in ((~is_person, "o"), (is_person, "D")):
        if mask.any():
            ax.scatter(xs[mask], ys[mask], c=[c for c, m in zip(colors, mask) if m], marker=marker, s=42,
                       edgecolor="white", linewidth=0.7, zorder=4)
    return xs, ys


def _with_info(scores: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    out = derived.copy()
    for c in ("wereld", "natuurlijk_persoon", "label"):
        if c in scores.columns and c not in out.columns:
            out[c] = scores[c]
    return out


def _spread(ax, df, scores, x, y, xs, ys):
    for col, horizontal in ((x, True), (y, False)):
        sc = f"{col}_spreiding"
        if sc not in scores.columns:
            continue
        for i, idx in enumerate(df.index):
            s = scores.at[idx, sc]
            if pd.notna(s) and s > 0:
                if horizontal:
                    ax.plot([xs[i] - s / 2, xs[i] + s / 2], [ys[i], ys[i]], color="#bbbbbb", lw=0.8, zorder=2)
                else:
                    ax.plot([xs[i], xs[i]], [ys[i] - s / 2, ys[i] + s / 2], color="#bbbbbb", lw=0.8, zorder=2)


def _grid_figure(scores, derived, x, y, xlim, ylim, xcut, ycut, quad_text, xlabel, ylabel, title, previous,
                 show_spread, ax, figsize):
    df = _with_info(scores, derived).dropna(subset=[x, y])
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axvline(xcut, color="#888888", lw=0.8, zorder=1)
    ax.axhline(ycut, color="#888888", lw=0.8, zorder=1)
    for (tx, ty, ha, va), text in quad_text:
        ax.text(tx, ty, text, ha=ha, va=va, fontsize=8.5, color="#777777", style="italic", zorder=1,
                transform=ax.transAxes)
    radius = 0.06 * (xlim[1] - xlim[0]) / 4
    xs, ys = _scatter(ax, df, x, y, radius)
    if show_spread:
        _spread(ax, df, scores, x, y, xs, ys)
    if previous is not None:
        prev = previous.reindex(df.index)
        for i, idx in enumerate(df.index):
            px, py = prev.at[idx, x] if x in prev else np.nan, prev.at[idx, y] if y in prev else np.nan
            if pd.notna(px) and pd.notna(py) and (abs(px - df.at[idx, x]) > 1e-9 or abs(py - df.at[idx, y]) > 1e-9):
                ax.add_patch(FancyArrowPatch((px, py), (xs[i], ys[i]), arrowstyle="-|>", mutation_scale=8,
                                             color="#555555", lw=0.8, zorder=3, alpha=0.8))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize=11)
    extra = []
    if previous is not None:
        extra.append(Line2D([], [], color="#555555", marker=">", lw=0.8, label="verschuiving sinds vorige ronde"))
    if show_spread:
        extra.append(Line2D([], [], color="#bbbbbb", lw=0.8, label="spreiding tussen informanten"))
    _world_legend(ax, df.get("wereld", []), bool(df.get("natuurlijk_persoon", pd.Series(dtype=bool)).any()),
                  extra=extra)
    fig.canvas.draw()
    _place_labels(ax, xs, ys, list(df["label"]))
    return fig


def plot_power_interest(scores: pd.DataFrame, *, cut: float = 3.0, previous: pd.DataFrame | None = None,
                        show_spread: bool = False, title: str | None = "Macht-belangrooster", ax=None,
                        figsize=(9, 7)):
    """Power-interest grid with the four strategies in the quadrants.

    Parameters
    ----------
    scores : DataFrame
        ``StakeholderSet.scores(ronde)``.
    previous : DataFrame, optional
        Scores of an earlier round: arrows show how actors moved.
    show_spread : bool
        Grey whiskers for the spread (max - min) between informants.
    """
    pi = power_interest(scores, cut=cut)
    q = [((0.99, 0.99, "right", "top"), f"{POWER_INTEREST['HP_HI'][0]}: {POWER_INTEREST['HP_HI'][1]}"),
         ((0.01, 0.99, "left", "top"), f"{POWER_INTEREST['HP_LI'][0]}: {POWER_INTEREST['HP_LI'][1]}"),
         ((0.99, 0.01, "right", "bottom"), f"{POWER_INTEREST['LP_HI'][0]}: {POWER_INTEREST['LP_HI'][1]}"),
         ((0.01, 0.01, "left", "bottom"), f"{POWER_INTEREST['LP_LI'][0]}: {POWER_INTEREST['LP_LI'][1]}")]
    return _grid_figure(scores, pi, "belang", "macht", (0.6, 5.4), (0.6, 5.4), cut, cut, q,
                        "belang (1-5)", "macht / invloed (1-5)", title, previous, show_spread, ax, figsize)


def plot_reach_trust(scores: pd.DataFrame, *, reach_cut: float = 1.5, trust_cut: float = 3.0,
                     previous: pd.DataFrame | None = None, show_spread: bool = False,
                     title: str | None = "Bereik x vertrouwen", ax=None, figsize=(9, 7)):
    """Reach into community groups (0-3) against trust (1-5): who can reach the wijk, and with whose trust."""
    rt = reach_trust(scores, reach_cut=reach_cut, trust_cut=trust_cut)
    q = [((0.99, 0.99, "right", "top"), "sleutelpositie"), ((0.01, 0.99, "left", "top"), "vertrouwde partner"),
         ((0.99, 0.01, "right", "bottom"), "onbenut bereik"), ((0.01, 0.01, "left", "bottom"), "buiten beeld")]
    return _grid_figure(scores, rt, "bereik", "vertrouwen", (-0.4, 3.4), (0.6, 5.4), reach_cut, trust_cut, q,
                        "bereik in groepen in de wijk (0-3)", "vertrouwen in de relatie (1-5)", title, previous,
                        show_spread, ax, figsize)


def plot_krachtenveld(scores: pd.DataFrame, *, cut: float = 3.0, tol: float = 0.5,
                      previous: pd.DataFrame | None = None, title: str | None = "Krachtenveld: houding x macht",
                      ax=None, figsize=(9, 7)):
    """Attitude (-2..2) against power (1-5), with the six krachtenveld types as regions."""
    kv = krachtenveld(scores, cut=cut, tol=tol)
    fig = _grid_figure(scores, kv, "houding", "macht", (-2.4, 2.4), (0.6, 5.4), 0.0, cut,
                       [((0.99, 0.99, "right", "top"), KRACHTENVELD[("voor", True)][0]),
                        ((0.01, 0.99, "left", "top"), KRACHTENVELD[("tegen", True)][0]),
                        ((0.99, 0.01, "right", "bottom"), KRACHTENVELD[("voor", False)][0]),
                        ((0.01, 0.01, "left", "bottom"), KRACHTENVELD[("tegen", False)][0]),
                        ((0.5, 0.99, "center", "top"), KRACHTENVELD[("neutraal", True)][0]),
                        ((0.5, 0.01, "center", "bottom"), KRACHTENVELD[("neutraal", False)][0])],
                       "houding tegenover de aanpak (-2 tot 2)", "macht / invloed (1-5)", title, previous, False,
                       ax, figsize)
    axis = fig.axes[0] if ax is None else ax
    axis.axvspan(-tol, tol, color="#f1f1f1", zorder=0)  # the neutral band
    return fig


def plot_salience(scores: pd.DataFrame, *, cut: float = 3.0, title: str | None = "Saliëntie (Mitchell e.a.)",
                  ax=None, figsize=(9, 8)):
    """Venn diagram of power, legitimacy and urgency with every actor listed in its class region."""
    sal = _with_info(scores, salience(scores, cut=cut)).dropna(subset=["klasse"])
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    centers = {"macht": (-0.55, 0.35), "legitimiteit": (0.55, 0.35), "urgentie": (0.0, -0.55)}
    colors = {"macht": "#1f6fb4", "legitimiteit": "#2a9d3f", "urgentie": "#c8322c"}
    for k, c in centers.items():
        ax.add_patch(Circle(c, 1.0, facecolor=colors[k], alpha=0.08, edgecolor=colors[k], lw=1.2))
    ax.text(-1.45, 1.35, "macht", color=colors["macht"], fontsize=10, weight="bold")
    ax.text(1.0, 1.35, "legitimiteit", color=colors["legitimiteit"], fontsize=10, weight="bold")
    ax.text(-0.25, -1.75, "urgentie", color=colors["urgentie"], fontsize=10, weight="bold")
    anchors = {"slapend": (-1.0, 0.75), "discretionair": (1.0, 0.75), "veeleisend": (0.0, -1.15),
               "dominant": (0.0, 0.95), "gevaarlijk": (-0.75, -0.3), "afhankelijk": (0.75, -0.3),
               "definitief": (0.0, 0.05)}
    for klass, (x, y) in anchors.items():
        members = sal[sal["klasse"] == klass]
        ax.text(x, y + 0.13, klass, ha="center", va="bottom", fontsize=8.5, weight="bold", color="#333333")
        lines = list(members["label"])
        if len(lines) > 10:
            lines = lines[:9] + [f"en {len(lines) - 9} anderen"]
        ax.text(x, y + 0.1, "\n".join(lines), ha="center", va="top", fontsize=6.5, color="#222222")
    none = list(sal.loc[sal["klasse"] == "geen stakeholder", "label"])
    ax.text(1.7, -1.6, "geen stakeholder:\n" + ("\n".join(none) if none else "(geen)"), fontsize=7, va="bottom",
            ha="right", color="#555555")
    ax.set_xlim(-1.8, 1.8)
    ax.set_ylim(-1.8, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(f"{title}; kenmerk aanwezig bij score > {cut:g}", fontsize=11)
    return fig


def plot_ladder(scores: pd.DataFrame, *, previous: pd.DataFrame | None = None,
                title: str | None = "Participatieladder: huidige en gewenste trede", ax=None, figsize=(9, 7)):
    """Dumbbell chart: current rung (dot) and target rung (ring) per actor; earlier round as a small grey dot."""
    pg = _with_info(scores, participation_gap(scores)).dropna(subset=["trede_huidig"])
    pg = pg.sort_values(["trede_huidig", "label"])
    if ax is None:
        fig, ax = plt.subplots(figsize=(figsize[0], max(3.0, 0.28 * len(pg) + 1.5)), layout="constrained")
    else:
        fig = ax.figure
    y = np.arange(len(pg))
    earlier = previous["trede_huidig"].to_dict() if previous is not None else {}
    for i, (idx, r) in enumerate(zip(pg.index, pg.to_dict("records"))):
        color = WORLD_COLORS[_world(r.get("wereld"))]
        cur = float(r["trede_huidig"])
        if pd.notna(r["trede_doel"]):
            tgt = float(r["trede_doel"])
            ax.plot([cur, tgt], [i, i], color=color, lw=1.5, alpha=0.6, zorder=2)
            ax.scatter([tgt], [i], s=55, facecolor="white", edgecolor=color, lw=1.5, zorder=3)
        ax.scatter([cur], [i], s=45, color=color, zorder=4, marker="D" if r.get("natuurlijk_persoon") else "o")
        if pd.notna(earlier.get(idx)):
            pv = float(earlier[idx])
            if pv != cur:
                ax.scatter([pv], [i], s=18, color="#999999", zorder=3)
    ax.set_yticks(y, list(pg["label"]), fontsize=7.5)
    ax.set_xticks(list(RUNG_NAMES), [f"{k}\n{v}" for k, v in RUNG_NAMES.items()], fontsize=8)
    ax.set_xlim(0.5, 6.5)
    ax.grid(axis="x", color="#eeeeee")
    extra = [Line2D([], [], marker="o", ls="", color="#444444", label="huidige trede"),
             Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#444444", label="gewenste trede")]
    if previous is not None:
        extra.append(Line2D([], [], marker="o", ls="", color="#999999", markersize=4, label="vorige ronde"))
    _world_legend(ax, pg.get("wereld", []), bool(pg.get("natuurlijk_persoon", pd.Series(dtype=bool)).any()),
                  extra=extra)
    if title:
        ax.set_title(title + " (hoger is niet vanzelf beter)", fontsize=11)
    return fig


def _edge_offsets(G) -> dict:
    """Curvature per edge so that parallel edges between the same pair fan out."""
    by_pair: dict[tuple, list] = {}
    for u, v, k in G.edges(keys=True):
        by_pair.setdefault(tuple(sorted((u, v))), []).append((u, v, k))
    out = {}
    for pair, edges in by_pair.items():
        n = len(edges)
        for i, (u, v, k) in enumerate(sorted(edges, key=lambda e: (RELATION_TYPES.index(G.edges[e]["type"]), e))):
            off = (i - (n - 1) / 2) * 0.22 if n > 1 else 0.0
            # same geometric side regardless of direction
            out[(u, v, k)] = off if (u, v) == pair else -off
    return out


def plot_network(G: nx.MultiDiGraph, *, pos: dict | None = None, types: Iterable[str] | None = None,
                 title: str | None = None, ax=None, figsize=(11, 9), seed: int = 7, node_size_by: str | None = None):
    """Static network drawing: typed, coloured and dashed edges; parallel edges curved apart; arrows for
    directed ties; nodes coloured by world, persons as diamonds; legend for relation types and worlds.

    The axis limits follow the drawing (nodes and their labels) with a small margin, and when the function
    creates the figure itself it trims the figure to the shape of the network, so no large empty band remains.
    When names next to the nodes would overlap (crowded maps of 30+ actors), the nodes get numbers and the names
    are listed in a numbered key below the drawing.

    Parameters
    ----------
    G : MultiDiGraph
        From :func:`build_graph` or :func:`consensus_network`.
    pos : dict, optional
        Node positions; default the seeded layout of :func:`layout`.
    types : iterable of str, optional
        Only draw these relation types.
    title : str, optional
        Figure title.
    ax : matplotlib Axes, optional
        Draw into this axes (the figure size is then left alone).
    figsize : (float, float)
        Largest figure size in inches; the height (or width) shrinks to fit the network.
    node_size_by : str, optional
        Node attribute to scale node size with (e.g. a measure you set with ``nx.set_node_attributes``).
    """
    keep = set(types) if types is not None else set(RELATION_TYPES)
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d.get("type") in keep)
    if pos is None:
        pos = layout(H, seed=seed)
    own_figure = ax is None
    if own_figure:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    offsets = _edge_offsets(H)
    for (u, v, k), rad in offsets.items():
        d = H.edges[u, v, k]
        t = d["type"]
        style = "-|>" if d.get("gericht", True) else "-"
        ax.add_patch(FancyArrowPatch(pos[u], pos[v], connectionstyle=f"arc3,rad={rad}", arrowstyle=style,
                                     mutation_scale=10, color=RELATION_COLORS[t], linestyle=RELATION_DASH[t],
                                     lw=0.6 + 0.6 * float(d.get("sterkte", 2)), alpha=0.85, shrinkA=9, shrinkB=9,
                                     zorder=2))
    nodes = list(H.nodes)
    xs = np.array([pos[n][0] for n in nodes], float)
    ys = np.array([pos[n][1] for n in nodes], float)
    sizes = np.full(len(nodes), 90.0)
    if node_size_by and len(nodes):
        vals = np.array([float(H.nodes[n].get(node_size_by) or 0) for n in nodes])
        if vals.max() > 0:
            sizes = 60 + 340 * vals / vals.max()
    for marker, is_person in (("o", False), ("D", True)):
        mask = np.array([bool(H.nodes[n].get("natuurlijk_persoon")) == is_person for n in nodes], bool)
        if mask.any():
            ax.scatter(xs[mask], ys[mask], s=sizes[mask], marker=marker, zorder=4, edgecolor="white", linewidth=0.8,
                       c=[WORLD_COLORS[_world(H.nodes[n].get("wereld"))] for n, m in zip(nodes, mask) if m])
    ax.set_aspect("equal")
    ax.axis("off")
    present_types = [t for t in RELATION_TYPES if any(d["type"] == t for _, _, d in H.edges(data=True))]
    extra = [Line2D([], [], color=RELATION_COLORS[t], linestyle=RELATION_DASH[t], lw=1.5, label=RELATION_LABELS[t])
             for t in present_types]
    extra.append(Line2D([], [], color="#444444", marker=">", lw=1, label="pijl: gerichte relatie"))
    _world_legend(ax, [H.nodes[n].get("wereld") for n in nodes],
                  any(H.nodes[n].get("natuurlijk_persoon") for n in nodes), extra=extra)
    if title:
        ax.set_title(title, fontsize=11)
    labels = [str(H.nodes[n].get("label", n)) for n in nodes]
    if not len(nodes):
        return fig
    # limits: first the nodes with a small margin; then twice the extent of nodes + placed labels, so the margin
    # is just what the labels need; the figure is trimmed to the network's shape each time
    span = max(float(np.ptp(xs)), float(np.ptp(ys)), 1e-6)
    pad = 0.05 * span
    ax.set_xlim(xs.min() - pad, xs.max() + pad)
    ax.set_ylim(ys.min() - pad, ys.max() + pad)
    if own_figure:
        _fit_figure(fig, ax)
    fig.canvas.draw()
    persons = np.array([bool(H.nodes[n].get("natuurlijk_persoon")) for n in nodes], bool)
    radii = np.sqrt(sizes) / 2 * np.where(persons, 1.35, 1.0)  # sizes are areas in pt^2; diamonds reach further
    artists = _place_labels(ax, xs, ys, labels, fontsize=7, radii=radii)
    for _ in range(2):
        extent = _content_extent(ax, xs, ys, artists, margin_px=6 * fig.dpi / 72)
        for a in artists:
            a.remove()
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
        if own_figure:
            _fit_figure(fig, ax)
        fig.canvas.draw()
        artists = _place_labels(ax, xs, ys, labels, fontsize=7, radii=radii)
    if _count_overlaps(artists, fig) and own_figure:
        # too crowded for names next to the nodes: number the nodes and list the names in a key below the drawing
        for a in artists:
            a.remove()
        order = sorted(range(len(nodes)), key=lambda i: labels[i].casefold())
        number = {i: str(k + 1) for k, i in enumerate(order)}
        numbers = [number[i] for i in range(len(nodes))]
        handles = [Line2D([], [], linestyle="none", marker="none") for _ in order]
        ncols = 3 if len(order) > 24 else 2
        rows = -(-len(order) // ncols)
        w, h = fig.get_size_inches()
        fig.set_size_inches(w, h + 0.16 * rows + 0.3)
        fig.legend(handles, [f"{number[i]}  {labels[i]}" for i in order], loc="outside lower center", ncols=ncols,
                   fontsize=7, handlelength=0, handletextpad=0, columnspacing=1.5, frameon=False,
                   title="Nummers in de tekening", title_fontsize=7.5)
        fig.canvas.draw()
        need = fig.legends[0].get_window_extent(_renderer(fig)).width / fig.dpi + 0.3
        if need > fig.get_size_inches()[0]:  # long names: widen the figure so the key is not clipped
            fig.set_size_inches(need, fig.get_size_inches()[1])
            fig.canvas.draw()
        for _ in range(2):
            artists = _place_labels(ax, xs, ys, numbers, fontsize=7, radii=radii)
            extent = _content_extent(ax, xs, ys, artists, margin_px=6 * fig.dpi / 72)
            for a in artists:
                a.remove()
            ax.set_xlim(extent[0], extent[2])
            ax.set_ylim(extent[1], extent[3])
            fig.canvas.draw()
        artists = _place_labels(ax, xs, ys, numbers, fontsize=7, radii=radii)
    return fig


def _count_overlaps(artists, fig) -> int:
    """Number of overlapping pairs of text artists (in display pixels)."""
    renderer = fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in artists]
    return sum(1 for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j]))


def _content_extent(ax, xs, ys, artists, *, margin_px: float) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in data coordinates of the points and label artists, plus a margin in pixels."""
    renderer = ax.figure.canvas.get_renderer()
    pts = ax.transData.transform(np.column_stack([xs, ys]))
    x0, y0 = pts.min(axis=0) - 10
    x1, y1 = pts.max(axis=0) + 10  # room for the largest markers
    for a in artists:
        bb = a.get_window_extent(renderer)
        x0, y0, x1, y1 = min(x0, bb.x0), min(y0, bb.y0), max(x1, bb.x1), max(y1, bb.y1)
    inv = ax.transData.inverted()
    (dx0, dy0), (dx1, dy1) = inv.transform([(x0 - margin_px, y0 - margin_px), (x1 + margin_px, y1 + margin_px)])
    return float(dx0), float(dy0), float(dx1), float(dy1)


def _fit_figure(fig, ax, *, min_height: float = 4.0, min_width: float = 5.0) -> None:
    """Shrink the figure so that an equal-aspect axes fills its box (no empty band above/below or beside it)."""
    fig.canvas.draw()
    full = ax.get_position(original=True)
    used = ax.get_position(original=False)
    w, h = fig.get_size_inches()
    spare_h = (full.height - used.height) * h
    spare_w = (full.width - used.width) * w
    if spare_h > 0.05:
        fig.set_size_inches(w, max(min_height, h - spare_h))
    elif spare_w > 0.05:
        fig.set_size_inches(max(min_width, w - spare_w), h)


def _landscape(p: dict) -> dict:
    """Rotate positions so that their longest direction (first principal axis) is horizontal.

    Figures and the interactive view are wider than high, so a network stretched horizontally uses the space
    best. The sign is fixed (most spread to the right of the centre of mass), so the result is deterministic.
    """
    if len(p) < 3:
        return p
    keys = list(p)
    arr = np.array([p[k] for k in keys], float)
    arr -= arr.mean(axis=0)
    _, vecs = np.linalg.eigh(np.cov(arr.T))
    main = vecs[:, -1]  # eigenvector of the largest eigenvalue
    proj = arr @ main
    if proj.max() + proj.min() < 0:
        main = -main
    other = np.array([-main[1], main[0]])
    rot = np.column_stack([arr @ main, arr @ other])
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, rot)}


def layout(G: nx.Graph, *, seed: int = 7) -> dict:
    """Deterministic layout: the largest connected part (Kamada-Kawai, turned so that it is wider than high) in
    the square -1..1, smaller parts in a column on the right, actors without ties in a row at the bottom."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v in G.edges():
        if u != v:
            U.add_edge(u, v)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U) if len(c) > 1),
                   key=lambda c: (-len(c), str(c[0])))
    iso = sorted((n for n in U.nodes if U.degree(n) == 0), key=str)
    pos: dict = {}

    def normalised(sub_pos: dict, size: float, centre: tuple[float, float]) -> None:
        arr = np.array([sub_pos[n] for n in sub_pos], float)
        arr = arr - (arr.max(axis=0) + arr.min(axis=0)) / 2
        scale = np.abs(arr).max() or 1.0
        for n, xy in zip(sub_pos, arr / scale * size):
            pos[n] = (float(xy[0] + centre[0]), float(xy[1] + centre[1]))

    if comps:
        main = U.subgraph(comps[0])
        try:
            p = nx.kamada_kawai_layout(main, pos=nx.circular_layout(sorted(main.nodes, key=str)))
        except Exception:  # pragma: no cover - scipy missing: fall back to a seeded spring layout
            p = nx.spring_layout(main, seed=seed)
        normalised(_landscape(p), 1.0, (0.0, 0.0))
        y = 0.95
        for comp in comps[1:]:
            size = 0.12 * math.sqrt(len(comp))
            p = nx.spring_layout(U.subgraph(comp), seed=seed) if len(comp) > 2 else \
                {comp[0]: (-1.0, 0.0), comp[1]: (1.0, 0.0)}
            normalised(p, size, (1.45, y - size))
            y -= 2 * size + 0.25
    for i, n in enumerate(iso):
        x = -1.0 + 2.0 * (i + 0.5) / max(len(iso), 1) if len(iso) > 1 else 0.0
        pos[n] = (x, -1.3 - 0.12 * (i % 2))
    return pos

