"""Explanation: which indicators drive an area's urgency score, in plain Dutch.

The index decomposes exactly into indicator contributions (see :mod:`wijklib.urgency.aggregate`). The
*deviation contribution* (contribution minus the weight times the neutral score) says how far an indicator pushes
the area above (positive) or below (negative) the level of its reference. Top drivers are the largest positive
deviation contributions; strengths the most negative ones (COINr ``get_str_weak`` idea, research note section
1.3, but additive).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["fmt_nl", "top_drivers"]

def fmt_nl(x: float, digits: int = 1) -> str:
    """Format a number the Dutch way (decimal comma, dot as thousands separator).

    Examples
    --------
    >>> fmt_nl(12345.678)
    '12.345,7'
    """
    from wijklib.format import number

    return number(x, digits, missing="onbekend")


def top_drivers(deviation: np.ndarray, values: np.ndarray, reference: np.ndarray, *, areas: pd.Index,
                indicators: list[str], labels: "dict[str, str] | None" = None, n_top: int = 3,
                index: "np.ndarray | None" = None) -> pd.DataFrame:
    """Top drivers and strengths per area with a Dutch sentence.

    Parameters
    ----------
    deviation : ndarray, shape (n, p)
        Deviation contributions (NaN rows: areas without an index).
    values : ndarray, shape (n, p)
        Raw indicator values (for the text).
    reference : ndarray, shape (n, p)
        Raw reference mean per area and indicator (for the text).
    areas : Index
    indicators : list of str
    labels : dict, optional
        Dutch labels.
    n_top : int
        Number of drivers and strengths.
    index : ndarray, shape (n,), optional
        Index values; used in the text.

    Returns
    -------
    DataFrame
        Index area code; ``driver_1`` .. ``driver_n`` (indicator ids), ``drivers_share`` (share of the positive
        deviation explained by the listed drivers), ``drivers_text`` and ``strengths_text`` (Dutch).
    """
    labels = labels or {}
    n, p = deviation.shape
    dev = np.where(np.isnan(deviation), 0.0, deviation)
    order_up = np.argsort(-dev, axis=1, kind="stable")[:, :n_top]
    order_down = np.argsort(dev, axis=1, kind="stable")[:, :n_top]
    pos_total = np.where(dev > 0, dev, 0.0).sum(axis=1)
    lab = [labels.get(i, i) for i in indicators]
    cols: dict[str, list] = {f"driver_{k + 1}": [] for k in range(min(n_top, p))}
    share, up_txt, down_txt = [], [], []
    no_score = np.isnan(deviation).all(axis=1)
    for a in range(n):
        if no_score[a]:
            for k in cols:
                cols[k].append(None)
            share.append(np.nan)
            up_txt.append("geen score: te weinig gegevens")
            down_txt.append("")
            continue
        parts, covered = [], 0.0
        for rank, j in enumerate(order_up[a]):
            d = dev[a, j]
            cols[f"driver_{rank + 1}"].append(indicators[j] if d > 0 else None)
            if d > 0:
                covered += d
                parts.append(f"{lab[j]} ({fmt_nl(values[a, j])} tegen {fmt_nl(reference[a, j])} in de referentie; "
                             f"bijdrage +{fmt_nl(d, 2)})")
        share.append(covered / pos_total[a] if pos_total[a] > 0 else np.nan)
        if parts:
            head = "Score vooral hoog door " if index is None else f"Score {fmt_nl(index[a], 2)}, vooral door "
            up_txt.append(head + "; ".join(parts))
        else:
            up_txt.append("Geen indicator ligt ongunstiger dan de referentie")
        strong = [f"{lab[j]} ({fmt_nl(values[a, j])} tegen {fmt_nl(reference[a, j])})"
                  for j in order_down[a] if dev[a, j] < 0]
        down_txt.append("Gunstiger dan de referentie: " + "; ".join(strong) if strong else "")
    out = pd.DataFrame(cols, index=areas)
    out["drivers_share"] = share
    out["drivers_text"] = up_txt
    out["strengths_text"] = down_txt
    out.index.name = "area_code"
    return out
