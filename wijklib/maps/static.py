"""Static maps (matplotlib) with the same classes and colours as the interactive maps, for PDF reports.

Leaflet maps do not print reliably from a headless browser (folium#1196, Leaflet#6751), so reports get a PNG
drawn with ``GeoDataFrame.plot`` using the very same :class:`~wijklib.maps.classify.Classification`: same
colours, same labels, hatched ``geheim/onbetrouwbaar`` buurten, grey ``geen gegevens``.

:func:`small_multiples` draws several panels (years or domains) with one shared classification and one legend,
so differences between panels are real differences and not different class boundaries.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd

from wijklib.errors import InputError
from wijklib.maps.classify import (
    MISSING_COLOR,
    MISSING_LABEL,
    SUPPRESSED_COLOR,
    SUPPRESSED_HATCH_COLOR,
    SUPPRESSED_LABEL,
    Classification,
)
from wijklib.maps.prepare import dissolve_areas, join_values

__all__ = ["static_map", "small_multiples", "save_png", "legend_handles"]


def _matplotlib():
    import matplotlib.pyplot as plt

    return plt


def legend_handles(classification: Classification, *, suppressed: bool = True, missing: bool = True,
                   outlines: Sequence[tuple[str, str, str]] = ()) -> list[Any]:
    """Matplotlib legend handles: one patch per class, then ``geheim/onbetrouwbaar`` and ``geen gegevens``."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [Patch(facecolor=c, edgecolor="#4d4d4d", linewidth=0.5, label=lab)
                          for c, lab in classification.legend_entries()]
    if suppressed:
        handles.append(Patch(facecolor=SUPPRESSED_COLOR, edgecolor=SUPPRESSED_HATCH_COLOR, hatch="////",
                             linewidth=0.5, label=SUPPRESSED_LABEL))
    if missing:
        handles.append(Patch(facecolor=MISSING_COLOR, edgecolor="#4d4d4d", linewidth=0.5, label=MISSING_LABEL))
    for color, style, label in outlines:
        handles.append(Line2D([0], [0], color=color, linestyle=style, linewidth=2, label=label))
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
    return gdf.to_crs("EPSG:28992")


def _outline(ax: Any, areas: gpd.GeoDataFrame, by: str, *, color: str, linewidth: float, linestyle: str = "-",
             labels: bool = False, fontsize: float = 7, names: Mapping[str, str] | None = None) -> None:
    dis = dissolve_areas(areas.to_crs("EPSG:28992"), by, names=dict(names or {}))
    if dis.empty:
        return
    dis.boundary.plot(ax=ax, color=color, linewidth=linewidth, linestyle=linestyle)
    if labels:
        import matplotlib.patheffects as pe

        for pt, text in zip(dis.geometry.representative_point(), dis["label"]):
            ax.annotate(str(text), (pt.x, pt.y), ha="center", va="center", fontsize=fontsize, fontweight="bold",
                        path_effects=[pe.withStroke(linewidth=2.5, foreground="white")])


def static_map(areas: gpd.GeoDataFrame, data: pd.DataFrame | pd.Series | None = None, *, value: str,
               classification: Classification, title: str | None = None, ax: Any = None,
               status: str | None = None, unreliable: str | None = None, boundaries: str | None = "wijk_code",
               clusters: pd.DataFrame | pd.Series | None = None, cluster_column: str = "cluster",
               cluster_label: str = "", legend: bool = True, figsize: tuple[float, float] = (8, 8),
               source: str | None = "Bron: CBS; bewerking wijklib", edgecolor: str = "#ffffff",
               linewidth: float = 0.4) -> Any:
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
    """
    plt = _matplotlib()
    gdf = _prepare(areas, data, value, status, unreliable)
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
    else:
        fig = ax.figure
    has_sup, has_mis = _draw(ax, gdf, value, classification, edgecolor=edgecolor, linewidth=linewidth)
    outlines: list[tuple[str, str, str]] = []
    if boundaries and boundaries in gdf.columns and gdf[boundaries].nunique() > 1:
        _outline(ax, gdf, boundaries, color="#333333", linewidth=1.0)
        outlines.append(("#333333", "-", "wijkgrens" if boundaries == "wijk_code" else "grens"))
    if clusters is not None:
        if isinstance(clusters, pd.Series):
            clusters = clusters.to_frame(cluster_column)
        cl = join_values(gdf, clusters, columns=[cluster_column], what="focusgebieden")
        cl = cl[cl[cluster_column].notna()].copy()
        if not cl.empty:
            cl["_c"] = [str(int(v)) if isinstance(v, (float, np.floating)) and float(v).is_integer() else str(v)
                        for v in cl[cluster_column]]
            names = {c: f"{cluster_label} {c}".strip() for c in cl["_c"].unique()}
            _outline(ax, cl, "_c", color="#000000", linewidth=2.6, labels=True, fontsize=10, names=names)
            outlines.append(("#000000", "-", "focusgebied (met nummer)"))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_title(title if title is not None else classification.title, fontsize=12, loc="left")
    if legend:
        handles = legend_handles(classification, suppressed=has_sup, missing=has_mis, outlines=outlines)
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
                    source: str | None = "Bron: CBS; bewerking wijklib") -> Any:
    """Several maps side by side (years, domains) with ONE classification and one shared legend.

    Parameters
    ----------
    panels : mapping title -> data
        Per panel a table with ``value`` by area code (e.g. ``{"2020": df20, "2024": df24}``).
    ncols : int
        Panels per row.

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
    fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size * ncols + 2.6, panel_size * nrows + 0.6),
                             squeeze=False)
    any_sup = any_mis = False
    for ax, (ptitle, data) in zip(axes.flat, panels.items()):
        gdf = _prepare(areas, data, value, status, unreliable)
        sup, mis = _draw(ax, gdf, value, classification, edgecolor="#ffffff", linewidth=0.3)
        any_sup |= sup
        any_mis |= mis
        if boundaries and boundaries in gdf.columns and gdf[boundaries].nunique() > 1:
            _outline(ax, gdf, boundaries, color="#333333", linewidth=0.8)
        ax.set_title(str(ptitle), fontsize=11, loc="left")
        ax.set_axis_off()
        ax.set_aspect("equal")
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    handles = legend_handles(classification, suppressed=any_sup, missing=any_mis)
    leg_title = classification.legend_title()
    fig.legend(handles=handles, title=leg_title, loc="center right", fontsize=8, title_fontsize=9, frameon=False)
    if title:
        fig.suptitle(title, fontsize=13, x=0.02, ha="left")
    notes = [t for t in (f"Klassen: {classification.basis}" if classification.basis else "", source or "") if t]
    if notes:
        fig.text(0.01, 0.01, "; ".join(notes), fontsize=7, color="#555555")
    fig.subplots_adjust(left=0.01, right=1 - 2.6 / (panel_size * ncols + 2.6), bottom=0.04, top=0.9, wspace=0.05,
                        hspace=0.12)
    return fig


def save_png(fig: Any, path: str | Path, *, dpi: int = 150) -> Path:
    """Save a matplotlib figure as PNG (folders created) and close it."""
    plt = _matplotlib()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return path
