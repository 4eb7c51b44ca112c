"""Stacking (*opstapeling*): how many indicators and domains of an area are in the worst part of the reference.

The count is the CDC SVI flag count and the "number of indicators beyond a benchmark" aggregation of the
OECD/JRC Handbook (research note ``urgency_scoring.md`` sections 1.1, 2.1). The Praktijkhandboek names stacking
of problems the defining criterion of an integral neighbourhood approach (extraction 003, section 4.9) but gives
no numeric threshold: the quantile is a configurable starting point.

An indicator is *flagged* when its oriented raw value is at or beyond the reference quantile ``1 - q`` (the worst
``q`` of the reference) and not equal to the best value of the reference (so ties at the best value, e.g. many
zero counts, are never flagged), or at or beyond an absolute cut-off. Values of areas below the indicator's
minimum population are *unreliable*: never flagged, counted separately.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["stacking_flags", "count_stacking"]


def stacking_flags(v: np.ndarray, threshold: np.ndarray, reliable: np.ndarray,
                   best: "np.ndarray | None" = None) -> np.ndarray:
    """Flag oriented values at or beyond a threshold.

    Parameters
    ----------
    v : ndarray, shape (n, p)
        Oriented raw values (higher = worse); NaN = missing.
    threshold : ndarray, shape (n, p) or (p,)
        Oriented thresholds (e.g. the reference quantile 0.9 of oriented values).
    reliable : ndarray of bool, shape (n, p)
        False where the area is too small for the indicator.
    best : ndarray, shape (n, p) or (p,), optional
        Best (lowest oriented) value of the reference: a value equal to it is never flagged, so an indicator
        without spread, or with many ties at the best value (e.g. many zero counts), does not flag everybody.

    Returns
    -------
    ndarray of float, shape (n, p)
        1.0 flagged, 0.0 not flagged, NaN missing or unreliable.

    Examples
    --------
    >>> stacking_flags(np.array([[3.0, 1.0, np.nan]]), np.array([2.0, 2.0, 2.0]),
    ...                np.array([[True, True, True]])).tolist()
    [[1.0, 0.0, nan]]
    """
    with np.errstate(invalid="ignore"):
        hit = v >= threshold
        if best is not None:
            hit &= ~(v <= best)
        flagged = hit.astype(float)
    return np.where(np.isnan(v) | ~reliable | np.isnan(np.broadcast_to(threshold, v.shape)), np.nan, flagged)


def count_stacking(flags: np.ndarray, domain_of: np.ndarray, domains: list[str], *, areas: pd.Index,
                   indicators: list[str], unreliable: np.ndarray, min_domains: int,
                   labels: "dict[str, str] | None" = None) -> pd.DataFrame:
    """Count flagged indicators and domains per area.

    Parameters
    ----------
    flags : ndarray, shape (n, p)
        Output of :func:`stacking_flags`.
    domain_of : ndarray of int, shape (p,)
    domains : list of str
    areas : Index
        Area codes (rows).
    indicators : list of str
        Indicator ids (columns).
    unreliable : ndarray of bool, shape (n, p)
        Observed but unreliable values (small population).
    min_domains : int
        ``stacked`` is True from this number of flagged domains on.
    labels : dict, optional
        Dutch labels of the indicators for the text columns.

    Returns
    -------
    DataFrame
        Index ``area_code``; columns ``n_flagged``, ``n_domains_flagged``, ``n_evaluated``, ``n_unreliable``,
        ``n_missing``, ``stacked``, ``flagged_indicators`` and ``flagged_domains`` (text, "; "-separated).
    """
    labels = labels or {}
    ok = ~np.isnan(flags)
    f = np.where(ok, flags, 0.0)
    H = np.zeros((len(indicators), len(domains)))
    H[np.arange(len(indicators)), domain_of] = 1.0
    dom_flagged = (f @ H) > 0
    ind_arr = np.array([labels.get(i, i) for i in indicators], dtype=object)
    dom_arr = np.array(domains, dtype=object)
    fb = f > 0
    flagged_txt = ["; ".join(ind_arr[row]) for row in fb]
    dom_txt = ["; ".join(dom_arr[row]) for row in dom_flagged]
    out = pd.DataFrame({
        "n_flagged": f.sum(axis=1).astype(int),
        "n_domains_flagged": dom_flagged.sum(axis=1).astype(int),
        "n_evaluated": ok.sum(axis=1).astype(int),
        "n_unreliable": unreliable.sum(axis=1).astype(int),
        "n_missing": (~ok & ~unreliable).sum(axis=1).astype(int),
        "flagged_indicators": flagged_txt,
        "flagged_domains": dom_txt,
    }, index=areas)
    out.insert(2, "stacked", out["n_domains_flagged"] >= min_domains)
    out.index.name = "area_code"
    return out
