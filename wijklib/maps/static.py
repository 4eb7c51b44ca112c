"""Static maps (matplotlib) with the same classes and colours as the interactive maps, for PDF reports.

Leaflet maps do not print reliably from a headless browser (folium#1196, Leaflet#6751), so reports get a PNG
drawn with ``GeoDataFrame.plot`` using the very same :class:`~wijklib.maps.classify.Classification`: same
colours, same labels, hatched ``geheim/onbetrouwbaar`` buurten, grey ``geen gegevens``; wijk boundaries thin,
dark grey and dashed, focus areas thick and black with their number, and on request the buurt names
(``area_labels``).

:func:`small_multiples` draws several panels (years or domains) with one shared classification and one legend,
so differences between panels are real differences and not different class boundaries.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any, Mapping, Sequence, TypedDict

import geopandas as gpd
import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.io.atomic import atomic_write_bytes
from wijklib.maps.classify import MISSING_COLOR, SUPPRESSED_COLOR, SUPPRESSED_HATCH_COLOR, Classification
from wijklib.maps.prepare import boundary_lines, dissolve_areas, join_values

__all__ = ["static_map", "small_multiples", "save_png", "legend_handles"]


def _matplotlib():
    import matplotlib.pyplot as plt

    return plt


def legend_handles(classification: Classification, *, suppressed: bool = True, missing: bool = True,
                   outlines: Sequence[tuple[str, Any, str]] = (), small: bool = False) -> list[Any]:
    """Matplotlib legend handles: one patch per class, then ``geheim/onbetrouwbaar`` and ``geen gegevens``."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(facecolor=c, edgecolor=SUPPRESSED_HATCH_COLOR, hatch="////", linewidth=0.5, label=lab)
        if kind == "hatch" else Patch(facecolor=c, edgecolor="#4d4d4d", linewidth=0.5, label=lab)
        for kind, c, lab in classification.legend_rows(suppressed=suppressed, small=small, missing=missing)]
    for color, style, label in outlines:
        width = 1.2 if style in ("--", ":") else 2.4
        handles.append(Line2D([0], [0], color=color, linestyle=style, linewidth=width, label=label))
    return handles


def _draw(ax: Any, gdf: gpd.GeoDataFrame, value: str, classification: Classification, *, edgecolor: str,
          linewidth: float) -> tuple[bool, bool]:
    cls = classification.assign(gdf[value].to_numpy(dtype=float))
    state = gdf["_state"].to_numpy()
    ok = (state == "waarde") & (cls >= 0)
    sup = state == "geheim"
    mis = ~ok & ~sup
    if ok.any():
        colors = np.asarray(classification.colors, dtype=object)[cls[ok]]
        gdf[ok].plot(ax=ax, color=list(colors), edgecolor=edgecolor, linewidth=linewidth)
    if sup.any():
        import matplotlib as mpl

        with mpl.rc_context({"hatch.color": SUPPRESSED_HATCH_COLOR, "hatch.linewidth": 0.8}):
            gdf[sup].plot(ax=ax, facecolor=SUPPRESSED_COLOR, edgecolor=edgecolor, linewidth=linewidth,
                          hatch="////")
    if mis.any():
        gdf[mis].plot(ax=ax, color=MISSING_COLOR, edgecolor=edgecolor, linewidth=linewidth)
    return bool(sup.any()), bool(mis.any())


def _prepare(areas: gpd.GeoDataFrame, data: Any, value: str, status: str | None, unreliable: str | None
             ) -> gpd.GeoDataFrame:
    if not isinstance(areas, gpd.GeoDataFrame):
        raise InputError(f"verwacht een GeoDataFrame met gebieden, gekregen {type(areas).__name__}")
    gdf = join_values(areas, data, value=value, status=status, unreliable=unreliable)
    # a buurt with figures but no polygon (boundaries of another year) has no shape to draw or label
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    return gdf.to_crs("EPSG:28992")


#: Line styles shared by the static maps: wijk boundaries thin, dark grey and dashed; focus areas thick and black.
class _LineStyle(TypedDict):
    """Keyword arguments of :func:`_lines` and :func:`_outline` for one kind of boundary."""

    color: str
    linewidth: float
    linestyle: Any


WIJK_LINE: _LineStyle = {"color": "#4d4d4d", "linewidth": 0.9, "linestyle": (0, (4, 2))}
FOCUS_LINE: _LineStyle = {"color": "#000000", "linewidth": 2.6, "linestyle": "-"}


def _lines(ax: Any, areas: gpd.GeoDataFrame, by: str, *, color: str, linewidth: float, linestyle: Any = "-"
           ) -> None:
    """Boundaries between groups (wijken), each shared edge drawn once so a dashed line stays dashed."""
    lines = boundary_lines(areas.to_crs("EPSG:28992"), by)
    if len(lines):
        lines.plot(ax=ax, color=color, linewidth=linewidth, linestyle=linestyle)


def _outline(ax: Any, areas: gpd.GeoDataFrame, by: str, *, color: str, linewidth: float, linestyle: Any = "-",
             labels: bool = False, fontsize: float = 7, names: Mapping[str, str] | None = None,
             halo: bool = False) -> list[Any]:
    dis = dissolve_areas(areas.to_crs("EPSG:28992"), by, names=dict(names or {}))
    if dis.empty:
        return []
    if halo:
        dis.boundary.plot(ax=ax, color="#ffffff", linewidth=linewidth + 2.2, linestyle="-")
    dis.boundary.plot(ax=ax, color=color, linewidth=linewidth, linestyle=linestyle)
    texts = []
    if labels:
        for pt, text in zip(dis.geometry.representative_point(), dis["label"]):
            badge = {"boxstyle": "circle,pad=0.25" if len(str(text)) <= 2 else "round,pad=0.25",
                     "facecolor": "white", "edgecolor": color, "linewidth": 1.2}
            texts.append(ax.annotate(str(text), (pt.x, pt.y), ha="center", va="center", fontsize=fontsize,
                                     fontweight="bold", zorder=6, bbox=badge))
    return texts


def _wrap(text: str, width: int = 16) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _label_areas(ax: Any, gdf: gpd.GeoDataFrame, *, focus_codes: Sequence[str], mode: str,
                 placed: Sequence[Any] = (), fontsize: float = 5.5, focus_fontsize: float = 7.0) -> list[Any]:
    """Write buurt names on the map: focus buurten always (bold), others (``mode="all"``) only where they fit.

    Labels are tried at the buurt's representative point and, for focus buurten, a little above or below it; a
    label of another buurt that would overlap an earlier label (cluster numbers first, then focus buurten, then
    larger buurten before smaller ones) is left out.
    """
    import matplotlib.patheffects as pe

    focus_set = {str(c) for c in focus_codes}
    rd = gdf.to_crs("EPSG:28992")
    names = rd["name"] if "name" in rd.columns else rd["area_code"]
    order = sorted(range(len(rd)), key=lambda i: (str(rd["area_code"].iat[i]) not in focus_set,
                                                  -float(rd.geometry.iat[i].area)))
    fig = ax.figure
    ax.apply_aspect()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer).expanded(1.05, 1.1) for t in placed]
    texts = []
    for i in order:
        code = str(rd["area_code"].iat[i])
        is_focus = code in focus_set
        if not is_focus and mode != "all":
            continue
        name = names.iat[i]
        label = _wrap(str(name) if isinstance(name, str) and name.strip() else code)
        pt = rd.geometry.iat[i].representative_point()
        size = focus_fontsize if is_focus else fontsize
        t = ax.text(pt.x, pt.y, label, ha="center", va="center", fontsize=size, zorder=5 if is_focus else 4,
                    fontweight="bold" if is_focus else "normal", color="#111111" if is_focus else "#333333",
                    linespacing=0.95,
                    path_effects=[pe.withStroke(linewidth=2.2 if is_focus else 1.6, foreground="white")])
        box = t.get_window_extent(renderer)
        ok = not any(box.overlaps(b) for b in boxes)
        if not ok and is_focus:
            x0, y0 = ax.transData.transform((pt.x, pt.y))
            for dy in (0.75, -0.75, 1.4, -1.4):
                t.set_position(ax.transData.inverted().transform((x0, y0 + dy * box.height)))
                box = t.get_window_extent(renderer)
                if not any(box.overlaps(b) for b in boxes):
                    ok = True
                    break
            if not ok:  # a focus buurt keeps its name, even if it touches another label
                t.set_position((pt.x, pt.y))
                box = t.get_window_extent(renderer)
                ok = True
        if ok:
            boxes.append(box.expanded(1.05, 1.1))
            texts.append(t)
        else:
            t.remove()
    return texts


def static_map(areas: gpd.GeoDataFrame, data: pd.DataFrame | pd.Series | None = None, *, value: str,
               classification: Classification, title: str | None = None, ax: Any = None,
               status: str | None = None, unreliable: str | None = None, boundaries: str | None = "wijk_code",
               clusters: pd.DataFrame | pd.Series | None = None, cluster_column: str = "cluster",
               cluster_label: str = "", legend: bool = True, figsize: tuple[float, float] = (8, 8),
               source: str | None = "Bron: CBS; bewerking wijklib", edgecolor: str = "#ffffff",
               linewidth: float = 0.4, area_labels: str | None = None) -> Any:
    """Draw a static choropleth with the given classification; return the matplotlib Figure.

    Parameters
    ----------
    areas, data, value, classification, status, unreliable
        As in :func:`wijklib.maps.layers.add_choropleth`.
    title : str, optional
        Figure title (default the classification title).
    ax : matplotlib Axes, optional
        Draw into this axes (then no figure-level legend is added unless ``legend``).
    boundaries : str, optional
        Column to dissolve for outlines (``wijk_code``; ``None`` for none).
    clusters : DataFrame or Series, optional
        Focus-area cluster id per area code: drawn as thick outlines labelled with the cluster id (prefixed
        with ``cluster_label`` when given).
    legend : bool
    source : str, optional
        Source line under the map.
    area_labels : {None, "focus", "all"}
        Write buurt names on the map: ``"focus"`` the buurten of the focus areas (bold), ``"all"`` also the
        other buurten in small type where they fit without overlapping another label.
    """
    if area_labels not in (None, "focus", "all"):
        raise InputError(f"area_labels moet None, 'focus' of 'all' zijn, gekregen {area_labels!r}",
                         column="area_labels")
    plt = _matplotlib()
    gdf = _prepare(areas, data, value, status, unreliable)
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    has_sup, has_mis = _draw(ax, gdf, value, classification, edgecolor=edgecolor, linewidth=linewidth)
    small = gdf["_small"].to_numpy(dtype=bool) if "_small" in gdf.columns else np.zeros(len(gdf), dtype=bool)
    has_small = bool(((gdf["_state"] == "geheim").to_numpy() & small).any())
    has_sup = bool(((gdf["_state"] == "geheim").to_numpy() & ~small).any())
    outlines: list[tuple[str, Any, str]] = []
    if boundaries and boundaries in gdf.columns and gdf[boundaries].nunique() > 1:
        _lines(ax, gdf, boundaries, **WIJK_LINE)
        outlines.append((WIJK_LINE["color"], "--", "wijkgrens" if boundaries == "wijk_code" else "grens"))
    cluster_texts: list[Any] = []
    focus_codes: list[str] = []
    if clusters is not None:
        if isinstance(clusters, pd.Series):
            clusters = clusters.to_frame(cluster_column)
        cl = join_values(gdf, clusters, columns=[cluster_column], what="focusgebieden")
        cl = cl[cl[cluster_column].notna()].copy()
        if not cl.empty:
            cl["_c"] = [str(int(v)) if isinstance(v, (float, np.floating)) and float(v).is_integer() else str(v)
                        for v in cl[cluster_column]]
            names = {c: f"{cluster_label} {c}".strip() for c in cl["_c"].unique()}
            cluster_texts = _outline(ax, cl, "_c", labels=True, fontsize=10, names=names, halo=True, **FOCUS_LINE)
            outlines.append((FOCUS_LINE["color"], "-", "focusgebied (met nummer)"))
            focus_codes = cl["area_code"].astype(str).tolist()
    ax.set_axis_off()
    ax.set_aspect("equal")
    if area_labels:
        _label_areas(ax, gdf, focus_codes=focus_codes, mode=area_labels, placed=cluster_texts)
    ax.set_title(title if title is not None else classification.title, fontsize=12, loc="left")
    if legend:
        handles = legend_handles(classification, suppressed=has_sup, missing=has_mis, outlines=outlines,
                                 small=has_small)
        leg_title = classification.legend_title()
        ax.legend(handles=handles, title=leg_title, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                  title_fontsize=9, frameon=False)
    notes = [t for t in (f"Klassen: {classification.basis}" if classification.basis else "", source or "") if t]
    if notes:
        ax.annotate("; ".join(notes), (0, 0), xycoords="axes fraction", xytext=(0, -12),
                    textcoords="offset points", fontsize=7, color="#555555", va="top")
    return fig


def small_multiples(areas: gpd.GeoDataFrame, panels: Mapping[str, pd.DataFrame | pd.Series], *, value: str,
                    classification: Classification, ncols: int = 2, status: str | None = None,
                    unreliable: str | None = None, boundaries: str | None = "wijk_code",
                    title: str | None = None, panel_size: float = 4.5,
                    source: str | None = "Bron: CBS; bewerking wijklib",
                    clusters: pd.DataFrame | pd.Series | None = None, cluster_column: str = "cluster",
                    legend_title: str | None = None) -> Any:
    """Several maps side by side (years, domains) with ONE classification and one shared legend.

    Parameters
    ----------
    panels : mapping title -> data
        Per panel a table with ``value`` by area code (e.g. ``{"2020": df20, "2024": df24}``) and, when
        ``status`` is given, that status column (so each panel marks its own suppressed buurten).
    ncols : int
        Panels per row.
    clusters : DataFrame or Series, optional
        Focus-area cluster id per area code: outlined (thick black) in every panel.
    legend_title : str, optional
        Title of the shared legend (default the classification's legend title); say there what the classes
        are based on when they differ from those of another map.

    Returns
    -------
    matplotlib Figure
    """
    plt = _matplotlib()
    if not panels:
        raise InputError("small_multiples: geef ten minste één paneel", column="panels")
    n = len(panels)
    ncols = max(1, min(int(ncols), n))
    nrows = math.ceil(n / ncols)
    room = 0.0 if nrows * ncols > n else 2.6  # room for the legend on the right unless a grid slot is free
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size * ncols + room, panel_size * nrows + 0.6),
                             squeeze=False)
    any_sup = any_mis = False
    outlines: dict[str, tuple[str, Any, str]] = {}
    cl = None
    if clusters is not None:
        if isinstance(clusters, pd.Series):
            clusters = clusters.to_frame(cluster_column)
        cl = join_values(areas, clusters, columns=[cluster_column], what="focusgebieden")
        cl = cl[cl[cluster_column].notna()].copy()
        cl["_c"] = cl[cluster_column].astype(str)
    for ax, (ptitle, data) in zip(axes.flat, panels.items()):
        gdf = _prepare(areas, data, value, status, unreliable)
        sup, mis = _draw(ax, gdf, value, classification, edgecolor="#ffffff", linewidth=0.3)
        any_sup |= sup
        any_mis |= mis
        if boundaries and boundaries in gdf.columns and gdf[boundaries].nunique() > 1:
            thin_wijk: _LineStyle = {**WIJK_LINE, "linewidth": 0.7}
            _lines(ax, gdf, boundaries, **thin_wijk)
            outlines["wijk"] = (WIJK_LINE["color"], "--", "wijkgrens" if boundaries == "wijk_code" else "grens")
        if cl is not None and not cl.empty:
            thin_focus: _LineStyle = {**FOCUS_LINE, "linewidth": 1.8}
            _outline(ax, cl, "_c", halo=True, **thin_focus)
            outlines["focus"] = (FOCUS_LINE["color"], "-", "focusgebied")
        ax.set_title(str(ptitle), fontsize=11, loc="left")
        ax.set_axis_off()
        ax.set_aspect("equal")
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles = legend_handles(classification, suppressed=any_sup, missing=any_mis, outlines=list(outlines.values()))
    leg_title = legend_title or classification.legend_title()
    empty = list(axes.flat)[n:]
    right = 0.99 if empty else 1 - room / (panel_size * ncols + room)  # empty slot: the legend goes there
    fig.subplots_adjust(left=0.01, right=right, bottom=0.04, top=0.9, wspace=0.05, hspace=0.12)
    if empty:
        box = empty[0].get_position()
        fig.legend(handles=handles, title=leg_title, loc="center", bbox_to_anchor=(box.x0, box.y0, box.width,
                   box.height), fontsize=9, title_fontsize=10, frameon=False)
    else:
        fig.legend(handles=handles, title=leg_title, loc="center right", fontsize=8, title_fontsize=9,
                   frameon=False)
    if title:
        fig.suptitle(title, fontsize=13, x=0.02, ha="left")
    notes = [t for t in (f"Klassen: {classification.basis}" if classification.basis else "", source or "") if t]
    if notes:
        fig.text(0.01, 0.01, "; ".join(notes), fontsize=7, color="#555555")
    return fig


def save_png(fig: Any, path: str | Path, *, dpi: int = 150) -> Path:
    """Save a matplotlib figure as PNG (folders created) and close it."""
    plt = _matplotlib()
    buf = io.BytesIO()  # the format follows the file name, as savefig(path) does
    fig.savefig(buf, format=Path(path).suffix.lstrip(".").lower() or "png", dpi=dpi, bbox_inches="tight",
                facecolor="white")
    plt.close(fig)
    return atomic_write_bytes(path, buf.getvalue())
