"""quickscan — plots: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

import math

import numpy as np


from ._common import (
    PARTNERS,
    _nl,
    _nl_g,
)
from .gate import (
    QuickscanResult,
)


# ---------------------------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------------------------

#: Colours of the building blocks; none of them is red, which is reserved for the gate threshold line.
_BLOCK_COLOURS = {1: "#4C72B0", 2: "#55A868", 3: "#DD8452", 4: "#8172B2"}
_THRESHOLD_COLOUR = "#C0392B"


def _block_labels(result: "QuickscanResult") -> dict[int, str]:
    names = dict(zip(result.bouwstenen["bouwsteen"], result.bouwstenen["naam"])) if len(result.bouwstenen) else {}
    return {b: f"{b} {names[b]}" if names.get(b) else f"bouwsteen {b}" for b in _BLOCK_COLOURS}


def plot_profile(result: QuickscanResult, *, kind: str = "bar", ax=None, partners: bool = True):
    """Readiness profile: mean per precondition, coloured by building block, with the gate threshold.

    Parameters
    ----------
    result : QuickscanResult
    kind : {"bar", "radar"}
        Horizontal bars (with one dot per partner type when ``partners``) or a radar chart.
    ax : matplotlib Axes, optional
        For ``"radar"`` it must be a polar Axes.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    pre = result.randvoorwaarden
    threshold = result.regel.min_gemiddelde
    names = list(pre["naam"])
    means = pre["gemiddelde"].to_numpy(dtype=float)
    if kind == "radar":
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 8.5), subplot_kw={"projection": "polar"})
        ax.set_theta_zero_location("N")
        ax.set_theta_direction(-1)
        angles = np.linspace(0, 2 * np.pi, len(names), endpoint=False)
        closed = np.append(angles, angles[0])
        vals = np.nan_to_num(means, nan=0.0)
        ax.plot(closed, np.append(vals, vals[0]), color="#333333", linewidth=1.5)
        ax.fill(closed, np.append(vals, vals[0]), color="#4C72B0", alpha=0.25)
        ax.plot(closed, [threshold] * len(closed), color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1,
                label=f"drempel van de poort ({_nl_g(threshold)})")
        labels = _block_labels(result)
        shown: set[int] = set()
        for ang, val, blk in zip(angles, vals, pre["bouwsteen"]):
            b = int(blk)
            ax.plot([ang], [val], "o", color=_BLOCK_COLOURS.get(b, "grey"),
                    label=None if b in shown else f"bouwsteen {labels.get(b, b)}")
            shown.add(b)
        ax.set_xticks(angles)
        ax.set_xticklabels([textwrap_label(n, 16) for n in names], fontsize=8)
        ax.set_ylim(0, 3)
        ax.set_yticks([0, 1, 2, 3])
        ax.set_yticklabels(["0 niet", "1 deels", "2 grotendeels", "3 op orde"], fontsize=7)
        ax.set_rlabel_position(15)
        ax.set_title("Gereedheidsprofiel: randvoorwaarden (gemiddelde, 0-3)", pad=20)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8, frameon=False)
        return ax
    if kind != "bar":
        raise ValueError(f"onbekende grafieksoort {kind!r}; kies 'bar' of 'radar'")
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6))
    y = np.arange(len(names))[::-1]
    colours = [_BLOCK_COLOURS.get(int(b), "grey") for b in pre["bouwsteen"]]
    bars = ax.barh(y, np.nan_to_num(means, nan=0.0), color=colours, alpha=0.8)
    for bar, fail in zip(bars, pre["eerst_aanpakken"]):
        if fail:
            bar.set_hatch("//")
            bar.set_edgecolor("black")
    if partners and not result.partners.empty:
        markers = "os^DvP*Xh<>p"
        for j, partner in enumerate(result.partners.columns):
            vals = result.partners[partner].to_numpy(dtype=float)
            ax.scatter(vals, y, marker=markers[j % len(markers)], s=22, color="black", alpha=0.55, zorder=3,
                       label=PARTNERS.get(partner, partner))
    ax.axvline(threshold, color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1.2)
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.set_xlim(0, 3.05)
    ax.set_xticks([0, 1, 2, 3])
    ax.set_xticklabels(["0 niet", "1 deels", "2 grotendeels", "3 op orde"])
    ax.set_title("Gereedheidsprofiel: gemiddelde per randvoorwaarde (gearceerd = eerst aanpakken)")
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D

    block_labels = _block_labels(result)
    handles: list[Artist] = [Patch(color=c, alpha=0.8, label=f"bouwsteen {block_labels[b]}") for b, c in _BLOCK_COLOURS.items()]
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="eerst aanpakken (poort)"))
    handles.append(Line2D([0], [0], color=_THRESHOLD_COLOUR, linestyle="--", linewidth=1.2,
                          label=f"drempel van de poort ({_nl_g(threshold)})"))
    extra, _ = ax.get_legend_handles_labels()
    ax.legend(handles=handles + extra, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def textwrap_label(text: str, width: int) -> str:
    """Wrap a label on spaces for chart axes."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def plot_partner_heatmap(result: QuickscanResult, *, ax=None):
    """Heat map of the mean score per precondition and partner type (numbers in the cells)."""
    import matplotlib.pyplot as plt

    table = result.partners
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * max(3, table.shape[1]) + 3, 6))
    data = table.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=0, vmax=3, aspect="auto")
    ax.set_xticks(range(table.shape[1]))
    ax.set_xticklabels([PARTNERS.get(c, c) for c in table.columns], rotation=30, ha="right")
    ax.set_yticks(range(table.shape[0]))
    ax.set_yticklabels(table.index)
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            ax.text(j, i, "–" if math.isnan(data[i, j]) else _nl(data[i, j], 1), ha="center", va="center",
                    fontsize=8)
    ax.set_title("Gemiddelde per partner: waar verschillen de beelden?")
    from matplotlib.ticker import FuncFormatter

    plt.colorbar(im, ax=ax, fraction=0.03, label="0 niet - 3 op orde",
                 format=FuncFormatter(lambda v, _: _nl(v, 1)))
    return ax
