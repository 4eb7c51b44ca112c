"""Weights, re-weighting of missing values, imputation, geometric floor and exact contributions."""

from __future__ import annotations

import numpy as np
import pytest

from wijklib.urgency import score_areas
from wijklib.urgency.aggregate import WeightSet, aggregate, aggregate_many, build_weights, domain_blocks
from wijklib.urgency.config import WeightsConfig
from wijklib.urgency.inputs import prepare_indicators

from urgency_helpers import make_meta, quiet, wide_from

META3 = make_meta([
    ("a1", "veiligheid", "hoger_is_slechter", np.nan, 1.0),
    ("a2", "veiligheid", "hoger_is_slechter", np.nan, 3.0),
    ("b1", "wonen", "hoger_is_slechter", np.nan, 2.0),
])


def ws(scheme="equal_domains", **kw):
    return build_weights(prepare_indicators(META3), WeightsConfig(scheme=scheme, **kw))


def test_weight_schemes():
    np.testing.assert_allclose(ws("equal_domains").flat(), [0.25, 0.25, 0.5])
    np.testing.assert_allclose(ws("equal_indicators").flat(), [1 / 3, 1 / 3, 1 / 3])
    np.testing.assert_allclose(ws("expert").flat(), [0.125, 0.375, 0.5])
    np.testing.assert_allclose(ws("equal_domains", domains={"veiligheid": 3.0}).flat(), [0.375, 0.375, 0.25])
    np.testing.assert_allclose(ws("equal_domains", indicators={"a2": 0.0}).flat(), [0.5, 0.0, 0.5])


def test_reweighting_within_domain_first():
    w = ws("equal_domains")
    Z = np.array([
        [1.0, 3.0, 5.0],        # all observed: (2 + 5) / 2
        [1.0, np.nan, 5.0],     # a2 missing: its weight goes to a1 -> (1 + 5) / 2
        [1.0, 3.0, np.nan],     # whole domain wonen missing -> mean of veiligheid only
        [np.nan, np.nan, np.nan],
    ])
    r = aggregate(Z, w)
    np.testing.assert_allclose(r.index[:3], [3.5, 3.0, 2.0])
    assert np.isnan(r.index[3])
    np.testing.assert_allclose(r.weight_share, [1.0, 0.75, 0.5, 0.0])
    np.testing.assert_allclose(r.effective_weights[1], [0.5, 0.0, 0.5])
    np.testing.assert_allclose(r.domain_scores[0], [2.0, 5.0])
    # minimal observed weight share: area 3 (share 0.5) survives 0.5, not 0.6
    assert np.isfinite(aggregate(Z, w, min_weight_share=0.5).index[2])
    assert np.isnan(aggregate(Z, w, min_weight_share=0.6).index[2])


def test_reweighting_end_to_end_and_reported():
    wide = wide_from({"a1": [1.0, 2.0, 3.0, 4.0], "a2": [4.0, np.nan, 2.0, 1.0], "b1": [2.0, 2.0, 8.0, 4.0]})
    ps = score_areas(wide, META3, quiet(normalisation={"method": "index"}, missing={"min_weight_share": 0.0}))
    # area 2: a2 missing -> veiligheid = index of a1 only (2 / 2.5 * 100 = 80); wonen = 2 / 4 * 100 = 50
    assert ps.scores["index"].iloc[1] == pytest.approx((80 + 50) / 2)
    assert ps.scores["n_missing"].tolist() == [0, 1, 0, 0]
    assert ps.scores["weight_share"].iloc[1] == pytest.approx(0.75)
    assert ps.scores["missing_method"].iloc[0].startswith("weggelaten")


def test_impute_reference_mean_reported():
    wide = wide_from({"a1": [1.0, 2.0, 3.0, 4.0], "a2": [4.0, np.nan, 2.0, 1.0], "b1": [2.0, 2.0, 8.0, 4.0]})
    ps = score_areas(wide, META3, quiet(missing={"method": "impute_reference_mean"}))
    assert ps.scores["n_imputed"].tolist() == [0, 1, 0, 0]
    c = ps.contributions.set_index(["area_code", "indicator"])
    row = c.loc[(wide.index[1], "a2")]
    assert bool(row["imputed"]) and row["normalised"] == pytest.approx(0.0)  # z of the mean is 0
    assert row["effective_weight"] == pytest.approx(0.25)  # keeps its full weight
    assert ps.scores["missing_method"].iloc[0].startswith("aangevuld")


def test_geometric_floor():
    w = WeightSet(["a", "b"], ["d"], np.array([0, 0]), np.array([1.0, 1.0]), np.array([1.0]))
    r = aggregate(np.array([[0.0, 100.0], [25.0, 100.0]]), w, method="geometric", floor=1.0, neutral=50.0)
    np.testing.assert_allclose(r.index, [10.0, 50.0])  # sqrt(1 * 100), sqrt(25 * 100)
    assert r.floored.tolist() == [[True, False], [False, False]]
    r2 = aggregate(np.array([[0.0, 100.0]]), w, method="geometric", floor=4.0, neutral=50.0)
    assert r2.index[0] == pytest.approx(20.0)


def test_geometric_end_to_end_with_zero_minmax():
    meta = make_meta([("a", "veiligheid", "hoger_is_slechter"), ("b", "wonen", "hoger_is_slechter")])
    wide = wide_from({"a": [0.0, 5.0, 10.0], "b": [10.0, 5.0, 0.0]})
    ps = score_areas(wide, meta, quiet(normalisation={"method": "minmax"},
                                       aggregation={"method": "geometric", "floor": 1.0}))
    np.testing.assert_allclose(ps.scores["index"], [10.0, 50.0, 10.0])


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("method, neutral", [("arithmetic", 0.0), ("geometric", 50.0), ("geometric", 100.0)])
def test_contributions_sum_exactly_to_index(seed, method, neutral):
    rng = np.random.default_rng(seed)
    p, n = 7, 40
    w = WeightSet([f"i{k}" for k in range(p)], ["d0", "d1", "d2"], rng.integers(0, 3, p),
                  rng.uniform(0.1, 2, p), rng.uniform(0.1, 2, 3))
    Z = rng.uniform(0, 100, (n, p)) if method == "geometric" else rng.normal(size=(n, p))
    Z[rng.random(Z.shape) < 0.2] = np.nan
    r = aggregate(Z, w, method=method, floor=1.0, neutral=neutral)
    ok = np.isfinite(r.index)
    assert ok.sum() > 30
    np.testing.assert_allclose(np.nansum(r.contributions[ok], axis=1), r.index[ok], rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(r.effective_weights[ok].sum(axis=1), 1.0)
    np.testing.assert_allclose(r.deviation[ok], r.contributions[ok] - r.effective_weights[ok] * neutral,
                               atol=1e-9)


def test_geometric_contribution_at_neutral_point():
    w = WeightSet(["a", "b"], ["d"], np.array([0, 0]), np.array([1.0, 1.0]), np.array([1.0]))
    r = aggregate(np.array([[50.0, 50.0], [20.0, 125.0]]), w, method="geometric", neutral=50.0)
    np.testing.assert_allclose(r.contributions[0], [25.0, 25.0])   # index == neutral: no deviation
    assert r.index[1] == pytest.approx(50.0)
    np.testing.assert_allclose(r.contributions[1].sum(), 50.0)
    assert r.deviation[1, 0] < 0 < r.deviation[1, 1]


def test_aggregate_many_equals_aggregate():
    rng = np.random.default_rng(4)
    w = WeightSet([f"i{k}" for k in range(5)], ["d0", "d1"], np.array([0, 0, 1, 1, 1]), rng.uniform(0.5, 2, 5),
                  np.array([1.0, 2.0]))
    Z = rng.normal(size=(20, 5))
    Z[rng.random(Z.shape) < 0.25] = np.nan
    many = aggregate_many(np.nan_to_num(Z), (~np.isnan(Z)).astype(float), domain_blocks(w),
                          w.indicator[:, None], w.domain[:, None])[:, 0]
    np.testing.assert_allclose(many, aggregate(Z, w).index, equal_nan=True)


def test_contributions_table_sums_per_area():
    wide = wide_from({"a1": [1.0, 2.0, 3.0, 9.0], "a2": [4.0, np.nan, 2.0, 1.0], "b1": [2.0, 2.0, 8.0, 4.0]})
    ps = score_areas(wide, META3, quiet(missing={"min_weight_share": 0.0}))
    sums = ps.contributions.groupby("area_code")["contribution"].sum()
    np.testing.assert_allclose(sums.reindex(ps.scores.index), ps.scores["index"], atol=1e-12)
