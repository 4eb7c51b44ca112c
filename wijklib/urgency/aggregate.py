"""Weights and aggregation (arithmetic or geometric) with an exact decomposition into contributions.

Weights are hierarchical: every indicator has a weight *within its domain* and every domain has a weight. A
domain score is the weighted mean of its observed indicators; the index is the weighted mean of the observed
domain scores. A missing indicator's weight therefore goes first to the other indicators of its domain, and only
when a whole domain is missing to the other domains ("leave out with re-weighting").

The *effective weight* of an observed indicator in an area is
``e_i = W_d / sum(W of observed domains) * w_i / sum(w of observed indicators in d)``; the effective weights of an
area sum to 1 and

* arithmetic: ``index = sum_i e_i * z_i``, contribution ``c_i = e_i * z_i``;
* geometric: ``index = exp(sum_i e_i * log(max(z_i, floor)))``; contributions use the logarithmic-mean (LMDI)
  decomposition around the neutral score ``B``: ``c_i = e_i * B + e_i * (log z_i - log B) * L(index, B)`` with
  ``L(a, b) = (a - b) / (log a - log b)``.

In both cases the contributions of an area sum exactly to its index, and ``c_i - e_i * B`` (the *deviation
contribution*) says how much indicator i pushes the area above or below the neutral score.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijklib.errors import InputError

__all__ = ["WeightSet", "build_weights", "AggregateResult", "aggregate", "aggregate_many"]


@dataclass
class WeightSet:
    """Hierarchical weights of the scored indicators.

    Attributes
    ----------
    indicators : list of str
        Scored indicator ids (column order of the score matrices).
    domains : list of str
        Domain ids (order of first appearance).
    domain_of : ndarray of int, shape (p,)
        Domain index per indicator.
    indicator : ndarray, shape (p,)
        Weight of each indicator within its domain (not normalised).
    domain : ndarray, shape (D,)
        Domain weights (not normalised).
    """

    indicators: list[str]
    domains: list[str]
    domain_of: np.ndarray
    indicator: np.ndarray
    domain: np.ndarray

    def flat(self) -> np.ndarray:
        """Nominal effective weight per indicator when everything is observed (sums to 1)."""
        within = np.zeros(len(self.domains))
        np.add.at(within, self.domain_of, self.indicator)
        dom_active = np.where(within > 0, self.domain, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(within[self.domain_of] > 0, self.indicator / within[self.domain_of], 0.0)
        return dom_active[self.domain_of] / dom_active.sum() * share

    def one_hot(self) -> np.ndarray:
        """Indicator-to-domain matrix, shape (p, D)."""
        H = np.zeros((len(self.indicators), len(self.domains)))
        H[np.arange(len(self.indicators)), self.domain_of] = 1.0
        return H

    def as_frame(self) -> pd.DataFrame:
        """Table of weights: indicator, domain, weight within domain, domain weight, nominal effective weight."""
        return pd.DataFrame({
            "indicator": self.indicators,
            "domain": [self.domains[d] for d in self.domain_of],
            "weight_in_domain": self.indicator,
            "domain_weight": self.domain[self.domain_of],
            "effective_weight": self.flat(),
        })


def build_weights(meta: pd.DataFrame, weights_config, *, file: "str | None" = None) -> WeightSet:
    """Build hierarchical weights from the scheme and the overrides of the configuration.

    Parameters
    ----------
    meta : DataFrame
        Metadata of the scored indicators (index indicator; columns ``domain``, ``weight``).
    weights_config : WeightsConfig
        ``scheme``: ``equal_indicators`` (every indicator the same nominal weight, so a domain weighs by its
        number of indicators), ``equal_domains`` (every domain the same, indicators equal within it) or
        ``expert`` (indicator weights from the metadata column ``weight``, missing = 1; domains equal).
        ``indicators`` and ``domains`` override single weights.
    file : str, optional
        For error messages.

    Returns
    -------
    WeightSet

    Raises
    ------
    InputError
        All effective weights are zero (key ``weights``).
    """
    inds = list(meta.index)
    domains = list(dict.fromkeys(meta["domain"]))
    dom_idx = {d: i for i, d in enumerate(domains)}
    domain_of = np.array([dom_idx[d] for d in meta["domain"]], dtype=int)
    scheme = weights_config.scheme
    if scheme == "expert":
        w_ind = meta["weight"].fillna(1.0).to_numpy(dtype=float)
    else:
        w_ind = np.ones(len(inds))
    if scheme == "equal_indicators":
        w_dom = np.bincount(domain_of, minlength=len(domains)).astype(float)
    else:
        w_dom = np.ones(len(domains))
    for ind, w in weights_config.indicators.items():
        if ind in inds:
            w_ind[inds.index(ind)] = float(w)
    for dom, w in weights_config.domains.items():
        if dom in dom_idx:
            w_dom[dom_idx[dom]] = float(w)
    within = np.zeros(len(domains))
    np.add.at(within, domain_of, w_ind)
    if not np.any((within > 0) & (w_dom > 0)):
        raise InputError("de som van de gewichten is 0: geef minstens een indicator en zijn domein een gewicht "
                         "groter dan 0", file=file, column="weights")
    return WeightSet(inds, domains, domain_of, w_ind, w_dom)


@dataclass
class AggregateResult:
    """Output of :func:`aggregate` (arrays over n areas, p indicators, D domains).

    Attributes
    ----------
    index : ndarray (n,)
        NaN for areas without enough observed weight.
    domain_scores : ndarray (n, D)
    effective_weights : ndarray (n, p)
        0 for missing indicators; rows sum to 1 where the index exists.
    contributions : ndarray (n, p)
        Rows sum exactly to ``index``.
    deviation : ndarray (n, p)
        ``contributions - effective_weights * neutral``.
    weight_share : ndarray (n,)
        Share of the nominal weight that is observed.
    floored : ndarray of bool (n, p)
        Scores raised to the floor (geometric aggregation).
    """

    index: np.ndarray
    domain_scores: np.ndarray
    effective_weights: np.ndarray
    contributions: np.ndarray
    deviation: np.ndarray
    weight_share: np.ndarray
    floored: np.ndarray


def aggregate(Z: np.ndarray, weights: WeightSet, *, method: str = "arithmetic", floor: float = 1.0,
              neutral: float = 0.0, min_weight_share: float = 0.0) -> AggregateResult:
    """Aggregate normalised scores into domain scores and an index, with contributions.

    Parameters
    ----------
    Z : ndarray, shape (n, p)
        Normalised scores (higher = more urgent); NaN = missing (left out and re-weighted).
    weights : WeightSet
    method : {"arithmetic", "geometric"}
    floor : float
        Geometric aggregation: scores below ``floor`` are raised to it (no log of 0 or of negatives).
    neutral : float
        Neutral score of the normalisation (base of the decomposition; must be > 0 for geometric).
    min_weight_share : float
        Areas with a smaller observed share of the nominal weight get no index (NaN).

    Returns
    -------
    AggregateResult

    Examples
    --------
    >>> from wijklib.urgency.aggregate import WeightSet
    >>> ws = WeightSet(["a", "b"], ["d"], np.array([0, 0]), np.array([1.0, 3.0]), np.array([1.0]))
    >>> float(aggregate(np.array([[2.0, 6.0]]), ws).index[0])
    5.0
    """
    Z = np.asarray(Z, dtype=float)
    n, p = Z.shape
    obs = ~np.isnan(Z)
    floored = np.zeros_like(obs)
    if method == "geometric":
        if neutral <= 0:
            raise ValueError("geometric aggregation needs a positive neutral score")
        floored = obs & (Z < floor)
        T = np.log(np.maximum(np.where(obs, Z, floor), floor))
    elif method == "arithmetic":
        T = Z
    else:
        raise ValueError(f"unknown aggregation {method!r}")
    T0 = np.where(obs, T, 0.0)
    H = weights.one_hot()
    wobs = obs * weights.indicator[None, :]
    den = wobs @ H
    num = (wobs * T0) @ H
    with np.errstate(invalid="ignore", divide="ignore"):
        dom_T = num / den
    W = weights.domain[None, :]
    dom_ok = (den > 0) & (W > 0)
    idx_den = (dom_ok * W).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        agg_T = np.where(dom_ok, dom_T, 0.0) @ weights.domain / idx_den
        eff = wobs * (W[:, weights.domain_of] * dom_ok[:, weights.domain_of]) / idx_den[:, None] \
            / den[:, weights.domain_of]
    eff = np.where(obs & np.isfinite(eff), eff, 0.0)
    weight_share = (obs * weights.flat()[None, :]).sum(axis=1)
    has_index = (idx_den > 0) & (weight_share >= min_weight_share - 1e-12)
    agg_T = np.where(has_index, agg_T, np.nan)
    if method == "geometric":
        index = np.exp(agg_T)
        domain_scores = np.exp(dom_T)
        logB = np.log(neutral)
        with np.errstate(invalid="ignore", divide="ignore"):
            lmean = (index - neutral) / (agg_T - logB)
        lmean = np.where(np.isclose(agg_T, logB, rtol=0, atol=1e-12), index, lmean)
        deviation = eff * (T0 - logB) * lmean[:, None]
        contributions = eff * neutral + deviation
    else:
        index = agg_T
        domain_scores = dom_T
        contributions = eff * T0
        deviation = eff * (T0 - neutral)
    contributions = np.where(has_index[:, None], contributions, np.nan)
    deviation = np.where(has_index[:, None], deviation, np.nan)
    eff = np.where(has_index[:, None], eff, np.nan)
    return AggregateResult(index, domain_scores, eff, contributions, deviation, weight_share, floored)


_BLOCK_CELLS = 1 << 15  # cells of one (rows x draws) block in aggregate_many


def domain_blocks(weights: WeightSet) -> list[np.ndarray]:
    """Column indices of each domain (helper for :func:`aggregate_many`)."""
    return [np.flatnonzero(weights.domain_of == d) for d in range(len(weights.domains))]


def aggregate_many(T0: np.ndarray, obs: np.ndarray, blocks: list[np.ndarray], w_ind: np.ndarray,
                   w_dom: np.ndarray, *, transposed: bool = False) -> np.ndarray:
    """Aggregate one score matrix under many weight draws at once (the Monte Carlo kernel).

    Parameters
    ----------
    T0 : ndarray, shape (n, p)
        Scores (or log scores for geometric aggregation) with missing values set to 0.
    obs : ndarray, shape (n, p)
        1.0 where observed, 0.0 where missing.
    blocks : list of ndarray
        Column indices per domain (:func:`domain_blocks`).
    w_ind : ndarray, shape (p, d)
        Indicator weights within domains, one column per draw.
    w_dom : ndarray, shape (D, d)
        Domain weights per draw.
    transposed : bool
        Return shape (d, n) (one row per draw, C-contiguous), as the Monte Carlo ranks it.

    Returns
    -------
    ndarray, shape (n, d)
        Aggregated score per area and draw (apply ``exp`` for geometric aggregation); NaN without data.
    """
    n, d = T0.shape[0], w_ind.shape[1]
    out = np.empty((d, n) if transposed else (n, d))
    # rows in blocks that keep the temporaries in the CPU cache; every row is computed exactly as before (same
    # products, same order of sums), only with fewer passes over memory
    step = max(64, _BLOCK_CELLS // max(1, d))
    used = [(dd, cols, np.ascontiguousarray(w_ind[cols]), w_dom[dd][None, :]) for dd, cols in enumerate(blocks)
            if len(cols)]
    sub = [(np.ascontiguousarray(T0[:, cols]), np.ascontiguousarray(obs[:, cols])) for _, cols, _, _ in used]
    for r0 in range(0, n, step):
        r1 = min(n, r0 + step)
        num_i = np.zeros((r1 - r0, d))
        den_i = np.zeros((r1 - r0, d))
        for (dd, cols, wi, wd), (Tc, Oc) in zip(used, sub):
            den = Oc[r0:r1] @ wi
            num = Tc[r0:r1] @ wi
            ok = den > 0
            np.divide(num, den, out=num, where=ok)
            num[~ok] = 0.0
            num *= wd
            num_i += num
            np.add(den_i, wd, out=den_i, where=ok)
        has = den_i > 0
        np.divide(num_i, den_i, out=num_i, where=has)
        num_i[~has] = np.nan
        if transposed:
            out[:, r0:r1] = num_i.T
        else:
            out[r0:r1] = num_i
    return out
