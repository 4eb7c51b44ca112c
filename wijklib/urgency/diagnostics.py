"""Diagnostics: structured warnings about the index, also emitted as Python warnings.

Catches the failure modes named in the research note (section 2.3 ADI, section 6 point 7): an index that is
dominated by one or two indicators, indicators that count the same thing twice, a top-k that depends on the
normalisation, geometric aggregation meeting zeros, areas without a score and small reference groups.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["UrgencyWarning", "Diagnostics", "dominance_shares", "correlated_pairs", "topk_overlap"]


class UrgencyWarning(UserWarning):
    """Warning about the urgency index (dominance, double counting, unstable top-k, ...)."""


@dataclass
class Diagnostics:
    """Collects diagnostics rows: ``code``, ``level`` (``waarschuwing`` or ``info``), ``message`` (Dutch),
    ``indicators`` and ``value``."""

    rows: list[dict] = field(default_factory=list)

    def add(self, code: str, message: str, *, level: str = "waarschuwing", indicators: str = "",
            value: float = np.nan, emit: bool = True) -> None:
        """Add a row; warnings (level ``waarschuwing``) are also emitted with :func:`warnings.warn`."""
        self.rows.append({"code": code, "level": level, "message": message, "indicators": indicators,
                          "value": value})
        if emit and level == "waarschuwing":
            warnings.warn(message, UrgencyWarning, stacklevel=3)

    def frame(self) -> pd.DataFrame:
        """The diagnostics as a DataFrame."""
        return pd.DataFrame(self.rows, columns=["code", "level", "message", "indicators", "value"])


def dominance_shares(contributions: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Share of the variance of the index explained by each indicator's contribution.

    ``share_i = cov(c_i, index) / var(index)`` over the areas with an index; because the contributions sum to
    the index, the shares sum to 1 (a share can be negative or above 1 when contributions are correlated).

    Parameters
    ----------
    contributions : ndarray, shape (n, p)
    index : ndarray, shape (n,)

    Returns
    -------
    ndarray, shape (p,)
        NaN when the index has no variance.
    """
    ok = np.isfinite(index)
    if ok.sum() < 2:
        return np.full(contributions.shape[1], np.nan)
    c = np.nan_to_num(contributions[ok])
    y = index[ok]
    yc = y - y.mean()
    var = (yc * yc).mean()
    if var <= 0:
        return np.full(contributions.shape[1], np.nan)
    return ((c - c.mean(axis=0)) * yc[:, None]).mean(axis=0) / var


def correlated_pairs(values: pd.DataFrame, *, threshold: float = 0.9, min_overlap: int = 10) -> pd.DataFrame:
    """Pairs of indicators whose (oriented) values correlate beyond a threshold.

    Parameters
    ----------
    values : DataFrame
        Areas x indicators (oriented, so a positive r means "worse together").
    threshold : float
        Absolute Pearson correlation from which a pair is reported.
    min_overlap : int
        Minimal number of areas with both values.

    Returns
    -------
    DataFrame
        Columns ``indicator_a``, ``indicator_b``, ``r``, sorted by |r| descending.
    """
    r = values.corr(min_periods=min_overlap).to_numpy()
    cols = list(values.columns)
    i, j = np.triu_indices(len(cols), k=1)
    rr = r[i, j]
    keep = np.abs(np.nan_to_num(rr)) > threshold
    out = pd.DataFrame({"indicator_a": [cols[a] for a in i[keep]], "indicator_b": [cols[b] for b in j[keep]],
                        "r": rr[keep]})
    return out.reindex(out["r"].abs().sort_values(ascending=False).index).reset_index(drop=True)


def topk_overlap(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Share of the top-k (highest scores) of ``a`` that is also in the top-k of ``b`` (NaN ranks last).

    Examples
    --------
    >>> topk_overlap(np.array([4.0, 3, 2, 1]), np.array([1.0, 3, 2, 4]), 2)
    0.5
    """
    k = int(min(k, np.isfinite(a).sum(), np.isfinite(b).sum()))
    if k <= 0:
        return np.nan
    ta = set(np.argsort(np.where(np.isnan(a), np.inf, -a), kind="stable")[:k].tolist())
    tb = set(np.argsort(np.where(np.isnan(b), np.inf, -b), kind="stable")[:k].tolist())
    return len(ta & tb) / k
