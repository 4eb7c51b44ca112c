"""The vectorised Monte Carlo kernels give exactly the results of the straightforward versions (issue #17.3)."""

from __future__ import annotations

import numpy as np

from wijklib.urgency.aggregate import WeightSet, aggregate_many, domain_blocks
from wijklib.urgency.uncertainty import Scenario, monte_carlo, rank_columns


def _reference_ranks(S: np.ndarray) -> np.ndarray:
    """Stable sort down every column: 1 = highest, NaN last, ties in row order."""
    out = np.empty(S.shape, dtype=np.int32)
    for j in range(S.shape[1]):
        key = np.where(np.isnan(S[:, j]), np.inf, -S[:, j])
        out[np.argsort(key, kind="stable"), j] = np.arange(1, S.shape[0] + 1)
    return out


def test_rank_columns_equals_a_stable_sort_also_with_ties_and_nan():
    rng = np.random.default_rng(3)
    S = rng.normal(size=(500, 40))
    S[:, 5:15] = np.round(S[:, 5:15], 1)  # many ties in these draws
    S[rng.random(S.shape) < 0.02] = np.nan
    S[:, 20] = np.nan  # a draw without any score
    R = rank_columns(S)
    assert R.dtype == np.int32
    np.testing.assert_array_equal(R, _reference_ranks(S))
    assert sorted(R[:, 7].tolist()) == list(range(1, 501))  # a permutation, ties included


def _weights(p: int, D: int) -> WeightSet:
    dom_of = np.arange(p) % D
    ind = np.ones(p)
    for d in range(D):
        ind[dom_of == d] /= (dom_of == d).sum()
    return WeightSet([f"i{k}" for k in range(p)], [f"d{k}" for k in range(D)], dom_of, ind, np.full(D, 1.0 / D))


def test_aggregate_many_blocks_and_transposed_output_are_exact():
    rng = np.random.default_rng(5)
    n, p, D, d = 3000, 12, 4, 37
    w = _weights(p, D)
    Z = rng.normal(size=(n, p))
    Z[rng.random(Z.shape) < 0.3] = np.nan
    Z[:3] = np.nan  # rows without data stay NaN
    T0, obs = np.nan_to_num(Z), (~np.isnan(Z)).astype(float)
    w_ind = w.indicator[:, None] * rng.uniform(0.75, 1.25, size=(p, d))
    w_dom = w.domain[:, None] * rng.uniform(0.75, 1.25, size=(D, d))
    S = aggregate_many(T0, obs, domain_blocks(w), w_ind, w_dom)
    assert np.isnan(S[:3]).all() and np.isfinite(S[3:]).all()
    St = aggregate_many(T0, obs, domain_blocks(w), w_ind, w_dom, transposed=True)
    assert St.shape == (d, n) and St.flags.c_contiguous
    np.testing.assert_array_equal(St, S.T)
    # one column on its own gives the same numbers as inside a batch of draws (up to rounding: BLAS may take
    # another summation path for a single column)
    one = aggregate_many(T0, obs, domain_blocks(w), w_ind[:, [9]], w_dom[:, [9]])[:, 0]
    np.testing.assert_allclose(one, S[:, 9], rtol=1e-12, atol=1e-14)
    # and the value is the weighted mean of domain means
    a = 10
    doms = [np.nansum(Z[a, w.domain_of == k] * w_ind[w.domain_of == k, 0]) /
            np.sum(~np.isnan(Z[a, w.domain_of == k]) * w_ind[w.domain_of == k, 0]) for k in range(D)]
    ok = [k for k in range(D) if np.isfinite(doms[k])]
    expect = sum(doms[k] * w_dom[k, 0] for k in ok) / sum(w_dom[k, 0] for k in ok)
    assert np.isclose(S[a, 0], expect)


def test_monte_carlo_same_with_one_or_two_threads(monkeypatch):
    import wijklib.urgency.uncertainty as unc

    rng = np.random.default_rng(11)
    n, p, D = 400, 8, 3
    w = _weights(p, D)
    scen = []
    for k in range(3):
        Z = rng.normal(size=(n, p))
        scen.append(Scenario("all", f"m{k}", "arithmetic", Z, np.ones((n, p)),
                             {0.1: (Z.mean(axis=1) > 0.3).astype(float)}))
    areas = np.array([f"BU{k:08d}" for k in range(n)])
    import pandas as pd

    kw = dict(areas=pd.Index(areas), point_rank=np.arange(1, n + 1), n_draws=250, seed=7, top_k=20, chunk_size=30)
    two, two_s = monte_carlo(scen, w, **kw)
    monkeypatch.setattr(unc.os, "cpu_count", lambda: 1)
    one, one_s = monte_carlo(scen, w, **kw)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    pd.testing.assert_frame_equal(one_s, two_s, check_exact=True)
    assert one_s["n_draws"].sum() == 250
    assert ((one["rank_lo"] <= one["rank_median"]) & (one["rank_median"] <= one["rank_hi"])).all()
    assert one["p_top_k"].between(0, 1).all() and np.isclose(one["p_top_k"].sum(), 20)
