"""Direction handling and normalisation: pure element-wise functions on arrays.

Values are first *oriented*: multiplied by the indicator's sign (+1 ``hoger_is_slechter``, -1
``hoger_is_beter``), so that for every scored indicator a higher oriented value is worse. Context indicators
(sign 0) are never scored. After normalisation a higher score always means more urgent.

Normalisations (all relative to the area's reference frame, see :mod:`wijklib.urgency.reference`):

=============  ==========================================================  ==============  =========
method         formula on oriented value ``v``                            neutral value   range
=============  ==========================================================  ==============  =========
``zscore``     ``(v - mean) / sd``                                          0               unbounded
``percentile`` mid-rank percentile of ``v`` in the reference               50              (0, 100)
``minmax``     ``100 (v - min) / (max - min)``, clipped to [0, 100]         50              [0, 100]
``index``      ``100 + 100 (v - mean) / |mean|`` (reference = 100)          100             unbounded
``target``     ``100 (v - sign * target) / |target|`` (% worse than target) 0               unbounded
=============  ==========================================================  ==============  =========

``index`` equals ``100 * x / mean`` for a higher-is-worse indicator and ``200 - 100 * x / mean`` for a
higher-is-better one (Rotterdam Wijkprofiel style: the reference scores 100). ``target`` is the percentage by
which an area is worse than a fixed target such as the G4 average (the NPRZ uses G4 averages as target values,
extraction 003 S4.2); it does not depend on the other areas, and an indicator without a target falls back to the
reference mean (then it equals ``index - 100``). A reference without spread (sd = 0, max = min) gives the neutral
value, not a missing value.

All five are non-decreasing in the area's own oriented value, also when the area is part of its own reference.
"""

from __future__ import annotations

import numpy as np

from wijklib.urgency.config import NORMALISATIONS
from wijklib.urgency.reference import RefStats

__all__ = ["NEUTRAL", "orient", "winsorise", "zscore", "minmax", "index_score", "distance_to_target",
           "normalise_values"]

#: Score of an area exactly at the reference (used as the base of the explanation).
NEUTRAL = {"zscore": 0.0, "percentile": 50.0, "minmax": 50.0, "index": 100.0, "target": 0.0}


def orient(values: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Multiply each indicator column by its sign so that higher is always worse.

    Parameters
    ----------
    values : ndarray, shape (n, p)
    signs : ndarray, shape (p,)
        +1 (higher is worse) or -1 (higher is better). 0 (context) is rejected.

    Returns
    -------
    ndarray, shape (n, p)

    Examples
    --------
    >>> orient(np.array([[1.0, 2.0]]), np.array([1.0, -1.0])).tolist()
    [[1.0, -2.0]]
    """
    signs = np.asarray(signs, dtype=float)
    if np.any(signs == 0):
        raise ValueError("context indicators (sign 0) are never scored")
    return np.asarray(values, dtype=float) * signs


def winsorise(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Clip values to ``[lo, hi]`` element-wise (NaN stays NaN)."""
    return np.clip(values, lo, hi)


def zscore(v: np.ndarray, mean: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Standard score; 0 where the reference has no spread.

    Examples
    --------
    >>> zscore(np.array([4.0]), np.array([2.0]), np.array([1.0])).tolist()
    [2.0]
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (v - mean) / sd
    return np.where(sd == 0, np.where(np.isnan(v), np.nan, 0.0), z)


def minmax(v: np.ndarray, vmin: np.ndarray, vmax: np.ndarray) -> np.ndarray:
    """Min-max score 0-100 within the reference range, clipped; 50 where max = min.

    Examples
    --------
    >>> minmax(np.array([1.0, 3.0, 9.0]), np.array(1.0), np.array(5.0)).tolist()
    [0.0, 50.0, 100.0]
    """
    rng = vmax - vmin
    with np.errstate(invalid="ignore", divide="ignore"):
        s = 100.0 * (v - vmin) / rng
    s = np.where(rng == 0, np.where(np.isnan(v), np.nan, 50.0), s)
    return np.clip(s, 0.0, 100.0)


def index_score(v: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Index with the reference mean = 100: ``100 + 100 (v - mean) / |mean|``; NaN where the mean is 0.

    Examples
    --------
    >>> index_score(np.array([12.0, -8.0]), np.array([10.0, -10.0])).tolist()
    [120.0, 120.0]
    """
    return 100.0 + _percent_of(v, mean)


def distance_to_target(v: np.ndarray, target_oriented: np.ndarray) -> np.ndarray:
    """Distance to a target in percent of the target (positive = worse than the target); NaN for target 0.

    Parameters
    ----------
    v : ndarray
        Oriented values.
    target_oriented : ndarray
        Oriented targets (sign x target), broadcastable to ``v``.

    Examples
    --------
    >>> distance_to_target(np.array([12.0, -9.0]), np.array([10.0, -10.0])).tolist()
    [20.0, 10.0]
    """
    return _percent_of(v, target_oriented)


def _percent_of(v: np.ndarray, base: np.ndarray) -> np.ndarray:
    """``100 (v - base) / |base|``: the deviation in percent of the base; NaN where the base is 0."""
    ab = np.abs(base)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = 100.0 * (v - base) / ab
    return np.where(ab == 0, np.nan, s)


def normalise_values(v: np.ndarray, stats: RefStats, method: str, *,
                     percentile: "np.ndarray | None" = None,
                     targets_oriented: "np.ndarray | None" = None) -> np.ndarray:
    """Normalise oriented values with reference statistics.

    Parameters
    ----------
    v : ndarray, shape (n, p)
        Oriented values (already winsorised and imputed where wanted).
    stats : RefStats
        Reference statistics of the oriented pool.
    method : str
        One of ``zscore``, ``percentile``, ``minmax``, ``index``, ``target``.
    percentile : ndarray, optional
        Pre-computed percentile ranks (required for ``percentile``; see
        :func:`wijklib.urgency.reference.percentile_of`).
    targets_oriented : ndarray, shape (p,) or (n, p), optional
        Oriented targets for ``target``; NaN entries fall back to the reference mean.

    Returns
    -------
    ndarray, shape (n, p)
    """
    if method not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {method!r}")
    if method == "zscore":
        return zscore(v, stats.mean, stats.sd)
    if method == "percentile":
        if percentile is None:
            raise ValueError("percentile normalisation needs pre-computed percentile ranks")
        return percentile
    if method == "minmax":
        return minmax(v, stats.vmin, stats.vmax)
    if method == "index":
        return index_score(v, stats.mean)
    tgt = stats.mean if targets_oriented is None else np.where(np.isnan(targets_oriented), stats.mean,
                                                               targets_oriented)
    return distance_to_target(v, tgt)
