"""Explanation: which indicators drive an area's urgency score, in plain Dutch.

The index decomposes exactly into indicator contributions (see :mod:`wijklib.urgency.aggregate`). The
*deviation contribution* (contribution minus the weight times the neutral score) says how far an indicator pushes
the area above (positive) or below (negative) the level of its reference. Top drivers are the largest positive
deviation contributions; strengths the most negative ones (COINr ``get_str_weak`` idea, research note section
1.3, but additive).
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd

__all__ = ["fmt_nl", "fmt_nl_many", "top_drivers"]


def fmt_nl(x: float, digits: int = 1) -> str:
    """Format a number the Dutch way (decimal comma, dot as thousands separator).

    Examples
    --------
    >>> fmt_nl(12345.678)
    '12.345,7'
    """
    from wijklib.format import number

    return number(x, digits, missing="onbekend")


_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def fmt_nl_many(x: np.ndarray, digits: int = 1) -> list[str]:
    """:func:`fmt_nl` over a 1-d array at once (identical strings; one C-level pass instead of a call per value).

    Examples
    --------
    >>> fmt_nl_many(np.array([12345.678, np.nan, -0.04]))
    ['12.345,7', 'onbekend', '0,0']
    """
    v = np.asarray(x, dtype=float).ravel()
    finite = np.isfinite(v)
    txt = list(map(format, np.where(finite, v, 0.0).tolist(), repeat(f",.{digits}f")))
    # "-0,0": a negative value that rounds to zero loses its sign, exactly as wijklib.format.number does
    for i in np.flatnonzero(finite & np.signbit(v) & (v > -1)).tolist():
        t = txt[i]
        if float(t[1:].replace(",", "")) == 0:
            txt[i] = t[1:]
    out = "\n".join(txt).translate(_SWAP_SEPARATORS).split("\n") if txt else []
    for i in np.flatnonzero(~finite).tolist():
        out[i] = "onbekend"
    return out


def _fmt(x: np.ndarray, shown: np.ndarray, digits: int = 1) -> np.ndarray:
    """Object array of ``x`` formatted like :func:`fmt_nl` where ``shown`` (empty strings elsewhere)."""
    out = np.full(x.shape, "", dtype=object)
    out[shown] = fmt_nl_many(x[shown], digits)
    return out


def _cells(texts: np.ndarray, shown: np.ndarray) -> list[list[str]]:
    """Per row the texts of the shown cells, in column order."""
    return [[t for t, s in zip(tr, sr) if s] for tr, sr in zip(texts.tolist(), shown.tolist())]


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
    lab = np.array([labels.get(i, i) for i in indicators], dtype=object)
    ind = np.array(list(indicators), dtype=object)
    no_score = np.isnan(deviation).all(axis=1)
    rows = np.arange(n)[:, None]
    # the numbers are formatted once per shown driver/strength, column-wise (not per area in a Python loop)
    d_up = dev[rows, order_up]
    show_up = (d_up > 0) & ~no_score[:, None]
    up_parts = _cells(lab[order_up] + " (" + _fmt(values[rows, order_up], show_up) + " tegen "
                      + _fmt(reference[rows, order_up], show_up) + " in de referentie; bijdrage +"
                      + _fmt(d_up, show_up, 2) + ")", show_up)
    show_down = (dev[rows, order_down] < 0) & ~no_score[:, None]
    down_parts = _cells(lab[order_down] + " (" + _fmt(values[rows, order_down], show_down) + " tegen "
                        + _fmt(reference[rows, order_down], show_down) + ")", show_down)
    head = (np.full(n, "Score vooral hoog door ", dtype=object) if index is None
            else "Score " + _fmt(np.asarray(index, dtype=float), ~no_score, 2) + ", vooral door ")
    covered = np.zeros(n)
    for k in range(d_up.shape[1]):  # summed driver by driver, in the order they are listed
        covered = covered + np.where(show_up[:, k], d_up[:, k], 0.0)
    cols: dict[str, list] = {}
    for k in range(min(n_top, p)):
        drivers = np.full(n, None, dtype=object)
        drivers[show_up[:, k]] = ind[order_up[show_up[:, k], k]]
        cols[f"driver_{k + 1}"] = drivers.tolist()
    share = np.where(no_score, np.nan, np.divide(covered, pos_total, out=np.full(n, np.nan), where=pos_total > 0))
    up_txt = [("geen score: te weinig gegevens" if none else
               h + "; ".join(parts) if parts else "Geen indicator ligt ongunstiger dan de referentie")
              for none, h, parts in zip(no_score.tolist(), head.tolist(), up_parts)]
    down_txt = [("Gunstiger dan de referentie: " + "; ".join(parts) if parts else "") for parts in down_parts]
    out = pd.DataFrame(cols, index=areas)
    out["drivers_share"] = share.tolist()
    out["drivers_text"] = up_txt
    out["strengths_text"] = down_txt
    out.index.name = "area_code"
    return out
