"""Static charts (matplotlib) of an urgency analysis, with Dutch labels.

Used by the urgency notebook and the per-area reports, so that both show the same pictures. Every function takes
the :class:`wijklib.urgency.UrgencyResult` (and sometimes an area code), draws on a given or new ``Axes`` and
returns the ``Figure``. Colours are colour-blind safe (viridis and the Okabe-Ito palette).
"""

from __future__ import annotations

import textwrap
from typing import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["ROBUSTNESS_COLOURS", "plot_ranking", "plot_waterfall", "plot_stacking", "plot_trend",
           "plot_told_vs_counted", "domain_label"]

#: Okabe-Ito colours for the three robustness classes of the Monte Carlo analysis.
ROBUSTNESS_COLOURS = {"robuust in": "#D55E00", "grensgeval": "#E69F00", "robuust uit": "#0072B2"}
_GREY = "#999999"


def domain_label(domain: str) -> str:
    """Dutch label of an indicator domain id (falls back to the id)."""
    from wijklib.indicators import load_indicators

    try:
        return load_indicators().domain(domain).label_nl
    except Exception:  # unknown id: show it as it is
        return domain.replace("_", " ")


def _axes(ax, figsize):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax.figure, ax


def plot_ranking(result, *, top: int | None = None, highlight: Iterable[str] = (), ax=None):
    """Rank of each area with its interval over the method choices (Monte Carlo), coloured by robustness.

    Parameters
    ----------
    result : UrgencyResult
    top : int, optional
        Only the ``top`` most urgent areas.
    highlight : iterable of str
        Area codes to print in bold (e.g. the area of a report).
    ax : matplotlib Axes, optional
    """
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


def plot_waterfall(result, area_code: str, *, top: int = 8, ax=None):
    """How the urgency index of one area is built from indicator contributions (a waterfall).

    The bars add up exactly to the index; the smallest contributions are taken together as "overige".
    """
    contrib = result.contributions
    rows = contrib[(contrib["area_code"] == area_code) & contrib["contribution"].notna()].copy()
    if rows.empty:
        raise ValueError(f"geen bijdragen voor {area_code}: het gebied heeft geen score")
    labels = _indicator_labels()
    rows["label"] = rows["indicator"].map(lambda i: labels.get(i, i))
    rows = rows.reindex(rows["contribution"].abs().sort_values(ascending=False).index)
    main, rest = rows.head(top), rows.iloc[top:]
    names = list(main["label"]) + (["overige indicatoren"] if len(rest) else [])
    values = list(main["contribution"]) + ([rest["contribution"].sum()] if len(rest) else [])
    fig, ax = _axes(ax, (8, 0.35 * (len(names) + 1) + 1.4))
    start = 0.0
    for i, (name, value) in enumerate(zip(names, values)):
        colour = "#D55E00" if value > 0 else "#0072B2"
        ax.barh(i, value, left=start, color=colour)
        start += value
    total = float(result.scores.at[area_code, "index"])
    ax.barh(len(names), total, color="#333333")
    ax.set_yticks(range(len(names) + 1), names + ["urgentie-index"])
    ax.invert_yaxis()
    ax.axvline(0, color=_GREY, linewidth=0.8)
    ax.set_xlabel("bijdrage aan de index\n(oranje: maakt urgenter; blauw: maakt minder urgent)")
    name = result.scores.at[area_code, "name"] if "name" in result.scores else area_code
    ax.set_title(f"Opbouw van de score: {name}")
    return fig


def plot_stacking(result, *, areas: Iterable[str] | None = None, ax=None):
    """Domain scores per area as a heat map; a dot marks a domain with an indicator in the worst group."""
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
    ax.set_title(f"Opstapeling: domeinscores per buurt\n(stip: minstens één indicator van het domein bij de slechtste {share}%)",
                 fontsize=10)
    return fig


def plot_trend(counted: pd.DataFrame, area_code: str, indicators: Iterable[str], *, reference: pd.Series | None = None,
               reference_label: str = "gemiddelde van de buurten", ncols: int = 3, name: str | None = None):
    """Small multiples of indicator values over the years for one area, beside a reference line.

    Parameters
    ----------
    counted : DataFrame
        Tidy counted table (all periods).
    area_code : str
    indicators : iterable of str
    reference : DataFrame, optional
        Reference values (index period, columns indicators); default the mean over all areas in ``counted``.
    name : str, optional
        Name of the area for the figure title.
    """
    from wijklib.indicators import load_indicators

    indicators = list(indicators)
    labels = _indicator_labels()
    directions = {ind.id: ind.direction for ind in load_indicators().indicators}
    nrows = int(np.ceil(len(indicators) / ncols)) or 1
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.2 * ncols, 2.4 * nrows), layout="constrained", squeeze=False)
    data = counted[counted["indicator"].isin(indicators)]
    ref = reference if reference is not None else data.groupby(["period", "indicator"])["value"].mean().unstack()
    own = data[data["area_code"] == area_code].pivot_table(index="period", columns="indicator", values="value")
    for ax, ind in zip(axes.flat, indicators):
        if ind in ref:
            ax.plot(ref.index, ref[ind], color=_GREY, linestyle="--", marker=".", label=reference_label)
        if ind in own:
            ax.plot(own.index, own[ind], color="#D55E00", marker="o", label="dit gebied")
        hint = {"hoger_is_slechter": "hoger is slechter", "hoger_is_beter": "hoger is beter"}.get(
            directions.get(ind, ""), "")
        title = textwrap.fill(labels.get(ind, ind), 34) + (f"\n({hint})" if hint else "")
        ax.set_title(title, fontsize=8.5)
        ax.set_xticks(sorted(data["period"].unique()))
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(indicators):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=7, frameon=False)
    fig.suptitle(f"Ontwikkeling in {name or area_code}", fontsize=11)
    return fig


def plot_told_vs_counted(result, *, source: str = "bewoners", ax=None):
    """Told versus counted picture per area and theme (percentiles); off-diagonal points diverge."""
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


def _indicator_labels() -> dict[str, str]:
    from wijklib.indicators import load_indicators

    return {ind.id: ind.label_nl for ind in load_indicators().indicators}
