"""Monte Carlo uncertainty over method choices: rank intervals, P(top-k) and robustness classes.

Every draw picks a *scenario* (reference frame x normalisation x aggregation, uniformly among the valid
combinations), a stacking quantile, and multiplies every indicator and domain weight by an independent factor
uniform in ``[1 - noise, 1 + noise]``. Normalised score matrices are computed once per scenario; a draw is then
only a weighted aggregation (matrix products) and a ranking. The draws of one scenario are aggregated together
(in chunks of ``chunk_size`` draws, so memory stays bounded, spread over two threads) and ranked row by row with
numpy's fast sort; there is no Python loop per draw or per area. This is the uncertainty analysis of the OECD/JRC Handbook step 7 and COINr's ``get_sensitivity``
(research note section 1.3), extended with the stability of the *selection* (P in top-k) and of the stacking
flag (research note section 6, points 2 and 3).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
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
    return _rank_rows(np.ascontiguousarray(np.asarray(S, dtype=float).T)).T


def _rank_rows(St: np.ndarray) -> np.ndarray:
    """Rank every ROW of ``St`` (shape (d, n): one draw per row), 1 = highest; NaN last; ties by position.

    Sorting contiguous rows with numpy's fast (SIMD, unstable) sort is much quicker than a stable sort down the
    columns. Without ties the sorted order is unique, so the result equals the stable sort; rows that do have
    ties (equal scores, or more than one NaN) are sorted again with the stable sort, so ties still rank in row
    order, exactly as before.
    """
    key = np.negative(St)
    key[np.isnan(key)] = np.inf
    order = np.argsort(key, axis=1)
    if key.shape[1] > 1:
        ks = np.take_along_axis(key, order, axis=1)
        tied = np.flatnonzero((ks[:, 1:] == ks[:, :-1]).any(axis=1))
        if len(tied):
            order[tied] = np.argsort(key[tied], axis=1, kind="stable")
    ranks = np.empty(key.shape, dtype=np.int32)
    np.put_along_axis(ranks, order, np.arange(1, key.shape[1] + 1, dtype=np.int32)[None, :], axis=1)
    return ranks


def robustness_class(p_in: np.ndarray, robust_in: float = 0.9, robust_out: float = 0.1) -> np.ndarray:
    """``robuust in`` (p >= robust_in), ``robuust uit`` (p <= robust_out) or ``grensgeval``."""
    out = np.full(np.shape(p_in), "grensgeval", dtype=object)
    out[np.asarray(p_in) >= robust_in] = "robuust in"
    out[np.asarray(p_in) <= robust_out] = "robuust uit"
    return out


def _resolved(scenario: "Scenario | Future[Scenario]") -> Scenario:
    return scenario.result() if isinstance(scenario, Future) else scenario


def monte_carlo(scenarios: "Sequence[Scenario | Future[Scenario]]", weights: WeightSet, *, areas: pd.Index,
                point_rank: np.ndarray,
                n_draws: int = 1000, seed: "int | None" = None, weight_noise: float = 0.25,
                stacking_quantiles: "list[float] | None" = None, top_k: int = 20,
                interval: tuple[float, float] = (0.05, 0.95), robust_in: float = 0.9, robust_out: float = 0.1,
                chunk_size: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the Monte Carlo over method choices.

    Parameters
    ----------
    scenarios : list of Scenario or Future of Scenario
        Valid method combinations (all on the same n scored areas). A scenario may still be in the making (a
        future): the draws of the scenarios that are ready are ranked meanwhile; the result does not depend on it.
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
    # stacking flag: integer counts, so summing per (scenario, quantile) pair equals summing draw by draw
    pair_count = np.zeros((len(scenarios), len(quantiles)), dtype=np.int64)
    np.add.at(pair_count, (scen, qi), 1)
    # ranks, one row per draw: the draws of one scenario are aggregated together (a few large matrix products
    # instead of many small ones), in chunks of ``chunk_size`` draws so memory stays bounded; chunks run on two
    # threads (numpy releases the GIL in matrix products, sorting and element-wise work)
    ranks_t = np.empty((n_draws, n), dtype=np.int32)
    tasks = []
    for s_idx in range(len(scenarios)):
        J_all = np.flatnonzero(scen == s_idx)
        for c0 in range(0, len(J_all), max(1, chunk_size)):
            tasks.append((s_idx, J_all[c0:c0 + max(1, chunk_size)]))

    def work(task: tuple[int, np.ndarray]) -> None:
        s_idx, J = task
        sc = _resolved(scenarios[s_idx])
        ranks_t[J] = _rank_rows(aggregate_many(sc.T0, sc.obs, blocks, w_ind[:, J], w_dom[:, J], transposed=True))

    n_threads = min(2, os.cpu_count() or 1, len(tasks))
    if n_threads > 1:
        with ThreadPoolExecutor(n_threads) as pool:
            list(pool.map(work, tasks))
    else:
        for task in tasks:
            work(task)
    done = [_resolved(sc) for sc in scenarios]
    stacked_count = np.zeros(n)
    for s_idx, q_idx in zip(*np.nonzero(pair_count)):
        stacked_count += pair_count[s_idx, q_idx] * np.asarray(done[s_idx].stacked[quantiles[q_idx]], float)
    point_top = point_rank <= top_k
    in_top_t = ranks_t <= top_k
    top_count = in_top_t.sum(axis=0).astype(float)
    hits = (in_top_t & point_top[None, :]).sum(axis=1) / max(1, min(top_k, n))
    overlap = np.zeros(len(scenarios))
    np.add.at(overlap, scen, hits)  # draw order, as before: the float sums are identical
    ranks = np.ascontiguousarray(ranks_t.T)
    # free the per-draw arrays (the closure above keeps the name)
    ranks_t, in_top_t = np.empty((0, 0), dtype=np.int32), np.empty((0, 0), dtype=bool)
    ranks.sort(axis=1)  # the same order statistics; np.quantile selects much faster in sorted rows
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
        "scenario": [s.key for s in done],
        "frame": [s.frame for s in done],
        "normalisation": [s.normalisation for s in done],
        "aggregation": [s.aggregation for s in done],
        "n_draws": counts,
        "mean_topk_overlap": np.where(counts > 0, overlap / np.maximum(counts, 1), np.nan),
    })
    return table, scen_table
