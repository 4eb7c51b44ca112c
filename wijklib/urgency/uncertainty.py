"""Monte Carlo uncertainty over method choices: rank intervals, P(top-k) and robustness classes.

Every draw picks a *scenario* (reference frame x normalisation x aggregation, uniformly among the valid
combinations), a stacking quantile, and multiplies every indicator and domain weight by an independent factor
uniform in ``[1 - noise, 1 + noise]``. Normalised score matrices are computed once per scenario; a draw is then
only a weighted aggregation (matrix products) and a ranking, processed in chunks of draws so memory stays
bounded. This is the uncertainty analysis of the OECD/JRC Handbook step 7 and COINr's ``get_sensitivity``
(research note section 1.3), extended with the stability of the *selection* (P in top-k) and of the stacking
flag (research note section 6, points 2 and 3).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijklib.urgency.aggregate import WeightSet, aggregate_many, domain_blocks

__all__ = ["Scenario", "draw_plan", "rank_columns", "monte_carlo", "robustness_class"]


@dataclass
class Scenario:
    """One combination of method choices with its pre-computed score matrix.

    Attributes
    ----------
    frame, normalisation, aggregation : str
    T0 : ndarray, shape (n, p)
        Scores (log of floored scores for geometric aggregation), missing = 0.
    obs : ndarray, shape (n, p)
        1.0 where observed.
    stacked : dict
        Stacking quantile -> boolean array (n,): stacked under this frame and quantile.
    """

    frame: str
    normalisation: str
    aggregation: str
    T0: np.ndarray
    obs: np.ndarray
    stacked: dict[float, np.ndarray]

    @property
    def key(self) -> str:
        """Readable name, e.g. ``all/zscore/arithmetic``."""
        return f"{self.frame}/{self.normalisation}/{self.aggregation}"


def draw_plan(n_draws: int, n_scenarios: int, quantiles: list[float], weights: WeightSet, noise: float,
              seed: "int | None") -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sample the method choices of all draws.

    Returns
    -------
    scenario : ndarray of int, shape (d,)
    quantile : ndarray of int, shape (d,)
        Index into ``quantiles``.
    w_ind : ndarray, shape (p, d)
    w_dom : ndarray, shape (D, d)
    """
    rng = np.random.default_rng(seed)
    scen = rng.integers(0, n_scenarios, size=n_draws)
    qi = rng.integers(0, len(quantiles), size=n_draws)
    p, D = len(weights.indicator), len(weights.domain)
    w_ind = weights.indicator[:, None] * rng.uniform(1 - noise, 1 + noise, size=(p, n_draws))
    w_dom = weights.domain[:, None] * rng.uniform(1 - noise, 1 + noise, size=(D, n_draws))
    return scen, qi, w_ind, w_dom


def rank_columns(S: np.ndarray) -> np.ndarray:
    """Rank every column, 1 = highest score; NaN ranks last (ties: first come first).

    Parameters
    ----------
    S : ndarray, shape (n, d)

    Returns
    -------
    ndarray of int32, shape (n, d)

    Examples
    --------
    >>> rank_columns(np.array([[1.0], [3.0], [np.nan], [2.0]]))[:, 0].tolist()
    [3, 1, 4, 2]
    """
    key = np.where(np.isnan(S), np.inf, -S)
    order = np.argsort(key, axis=0, kind="stable")
    ranks = np.empty(S.shape, dtype=np.int32)
    np.put_along_axis(ranks, order, np.arange(1, S.shape[0] + 1, dtype=np.int32)[:, None], axis=0)
    return ranks


def robustness_class(p_in: np.ndarray, robust_in: float = 0.9, robust_out: float = 0.1) -> np.ndarray:
    """``robuust in`` (p >= robust_in), ``robuust uit`` (p <= robust_out) or ``grensgeval``."""
    out = np.full(np.shape(p_in), "grensgeval", dtype=object)
    out[np.asarray(p_in) >= robust_in] = "robuust in"
    out[np.asarray(p_in) <= robust_out] = "robuust uit"
    return out


def monte_carlo(scenarios: list[Scenario], weights: WeightSet, *, areas: pd.Index, point_rank: np.ndarray,
                n_draws: int = 1000, seed: "int | None" = None, weight_noise: float = 0.25,
                stacking_quantiles: "list[float] | None" = None, top_k: int = 20,
                interval: tuple[float, float] = (0.05, 0.95), robust_in: float = 0.9, robust_out: float = 0.1,
                chunk_size: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the Monte Carlo over method choices.

    Parameters
    ----------
    scenarios : list of Scenario
        Valid method combinations (all on the same n scored areas).
    weights : WeightSet
        Nominal weights (perturbed per draw).
    areas : Index
        Codes of the n areas (rows of the scenario matrices).
    point_rank : ndarray, shape (n,)
        Rank under the configured method (for the report).
    n_draws, seed, weight_noise : see :class:`wijklib.urgency.config.UncertaintyConfig`
    stacking_quantiles : list of float
        Quantiles drawn for the stacking flag (must be keys of every ``Scenario.stacked``).
    top_k : int
    interval : (float, float)
        Probabilities of the rank interval.
    robust_in, robust_out : float
        Class boundaries on P(top-k).
    chunk_size : int
        Draws processed at once.

    Returns
    -------
    table : DataFrame
        Index area code: ``point_rank``, ``rank_median``, ``rank_lo``, ``rank_hi`` (interval, rounded outward),
        ``rank_min``, ``rank_max``, ``p_top_k``, ``p_stacked``, ``robustness``.
    scenario_table : DataFrame
        One row per scenario: number of draws, mean top-k overlap with the point estimate.
    """
    n = len(areas)
    quantiles = list(stacking_quantiles or [0.1])
    scen, qi, w_ind, w_dom = draw_plan(n_draws, len(scenarios), quantiles, weights, weight_noise, seed)
    blocks = domain_blocks(weights)
    ranks = np.empty((n, n_draws), dtype=np.int32)
    top_count = np.zeros(n)
    stacked_count = np.zeros(n)
    overlap = np.zeros(len(scenarios))
    point_top = point_rank <= top_k
    for c0 in range(0, n_draws, chunk_size):
        c1 = min(n_draws, c0 + chunk_size)
        S = np.empty((n, c1 - c0))
        for s_idx in np.unique(scen[c0:c1]):
            J = np.flatnonzero(scen[c0:c1] == s_idx)
            sc = scenarios[s_idx]
            S[:, J] = aggregate_many(sc.T0, sc.obs, blocks, w_ind[:, c0 + J], w_dom[:, c0 + J])
            for j in J:
                stacked_count += sc.stacked[quantiles[qi[c0 + j]]]
        R = rank_columns(S)
        ranks[:, c0:c1] = R
        in_top = R <= top_k
        top_count += in_top.sum(axis=1)
        hits = (in_top & point_top[:, None]).sum(axis=0) / max(1, min(top_k, n))
        np.add.at(overlap, scen[c0:c1], hits)
    lo_q, hi_q = interval
    qs = np.quantile(ranks, [lo_q, 0.5, hi_q], axis=1) if n_draws else np.full((3, n), np.nan)
    p_top = top_count / max(1, n_draws)
    table = pd.DataFrame({
        "point_rank": point_rank,
        "rank_median": qs[1],
        "rank_lo": np.floor(qs[0]),
        "rank_hi": np.ceil(qs[2]),
        "rank_min": ranks.min(axis=1) if n_draws else np.nan,
        "rank_max": ranks.max(axis=1) if n_draws else np.nan,
        "p_top_k": p_top,
        "p_stacked": stacked_count / max(1, n_draws),
        "robustness": robustness_class(p_top, robust_in, robust_out),
    }, index=areas)
    table.index.name = "area_code"
    counts = np.bincount(scen, minlength=len(scenarios))
    scen_table = pd.DataFrame({
        "scenario": [s.key for s in scenarios],
        "frame": [s.frame for s in scenarios],
        "normalisation": [s.normalisation for s in scenarios],
        "aggregation": [s.aggregation for s in scenarios],
        "n_draws": counts,
        "mean_topk_overlap": np.where(counts > 0, overlap / np.maximum(counts, 1), np.nan),
    })
    return table, scen_table
