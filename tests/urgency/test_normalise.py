"""Normalisation and reference frames, hand-computed small cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.urgency import score_areas
from wijklib.urgency.normalise import index_score, minmax, orient, zscore
from wijklib.urgency.reference import (find_peers, frame_all, frame_groups, frame_peers, gemeente_of,
                                       percentile_of, reference_stats, sorted_quantile)

from urgency_helpers import make_meta, quiet, wide_from

SD4 = math.sqrt(5 / 3)  # sample sd of 1, 2, 3, 4


def one(direction: str, values, **cfg):
    """Score one indicator in one domain: the index equals the normalised score."""
    meta = make_meta([("x", "veiligheid", direction)])
    ps = score_areas(wide_from({"x": list(values)}), meta, quiet(**cfg))
    return ps.scores["index"].to_numpy()


@pytest.mark.parametrize("method, expected", [
    ("zscore", [-1.5 / SD4, -0.5 / SD4, 0.5 / SD4, 1.5 / SD4]),
    ("percentile", [12.5, 37.5, 62.5, 87.5]),
    ("minmax", [0.0, 100 / 3, 200 / 3, 100.0]),
    ("index", [40.0, 80.0, 120.0, 160.0]),
])
def test_each_normalisation_higher_is_worse(method, expected):
    got = one("hoger_is_slechter", [1, 2, 3, 4], normalisation={"method": method})
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@pytest.mark.parametrize("method, expected", [
    ("zscore", [1.5 / SD4, 0.5 / SD4, -0.5 / SD4, -1.5 / SD4]),
    ("percentile", [87.5, 62.5, 37.5, 12.5]),
    ("minmax", [100.0, 200 / 3, 100 / 3, 0.0]),
    ("index", [160.0, 120.0, 80.0, 40.0]),  # 200 - 100 x / mean
])
def test_each_normalisation_higher_is_better(method, expected):
    got = one("hoger_is_beter", [1, 2, 3, 4], normalisation={"method": method})
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_distance_to_target():
    # target 2: percent worse than the target
    got = one("hoger_is_slechter", [1, 2, 3, 4], normalisation={"method": "target", "targets": {"x": 2.0}})
    np.testing.assert_allclose(got, [-50.0, 0.0, 50.0, 100.0])
    got = one("hoger_is_beter", [1, 2, 3, 4], normalisation={"method": "target", "targets": {"x": 2.0}})
    np.testing.assert_allclose(got, [50.0, 0.0, -50.0, -100.0])
    # no target: falls back to the reference mean (2.5) = index - 100
    got = one("hoger_is_slechter", [1, 2, 3, 4], normalisation={"method": "target"})
    np.testing.assert_allclose(got, [-60.0, -20.0, 20.0, 60.0])


def test_percentile_ties_share_a_value():
    got = one("hoger_is_slechter", [1, 2, 2, 4], normalisation={"method": "percentile"})
    np.testing.assert_allclose(got, [12.5, 50.0, 50.0, 87.5])


def test_no_spread_gives_neutral_value():
    assert zscore(np.array([3.0]), np.array([3.0]), np.array([0.0]))[0] == 0.0
    assert minmax(np.array([3.0]), np.array(3.0), np.array(3.0))[0] == 50.0
    assert np.isnan(index_score(np.array([3.0]), np.array([0.0]))[0])


def test_context_is_never_oriented():
    with pytest.raises(ValueError):
        orient(np.ones((2, 1)), np.array([0.0]))


def test_winsorising_clips_at_reference_quantiles():
    vals = [float(v) for v in range(1, 11)] + [100.0]
    got = one("hoger_is_slechter", vals, normalisation={"method": "zscore", "winsorise": {"lower": 0.0,
                                                                                           "upper": 0.9}})
    clipped = np.array(vals[:10] + [10.0])  # np.quantile(vals, 0.9) = 10
    expected = (clipped - clipped.mean()) / clipped.std(ddof=1)
    np.testing.assert_allclose(got, expected)


def test_gemeente_frame_normalises_within_each_gemeente():
    codes = ["BU00010001", "BU00010002", "BU00010003", "BU00020001", "BU00020002", "BU00020003"]
    meta = make_meta([("x", "veiligheid", "hoger_is_slechter")])
    wide = wide_from({"x": [1.0, 2.0, 3.0, 10.0, 20.0, 30.0]}, codes)
    ps = score_areas(wide, meta, quiet(normalisation={"method": "minmax"}, reference={"frame": "gemeente"}))
    np.testing.assert_allclose(ps.scores["index"], [0, 50, 100, 0, 50, 100])
    ps_all = score_areas(wide, meta, quiet(normalisation={"method": "minmax"}))
    np.testing.assert_allclose(ps_all.scores["index"], np.array([0, 1, 2, 9, 19, 29]) / 29 * 100)


def test_groups_override_gemeente_codes():
    meta = make_meta([("x", "veiligheid", "hoger_is_slechter")])
    wide = wide_from({"x": [1.0, 2.0, 3.0, 10.0]}, ["A", "B", "C", "D"])
    groups = pd.Series({"A": "noord", "B": "noord", "C": "zuid", "D": "zuid"})
    ps = score_areas(wide, meta, quiet(normalisation={"method": "minmax"}, reference={"frame": "gemeente"}),
                     groups=groups)
    np.testing.assert_allclose(ps.scores["index"], [0, 100, 0, 100])
    with pytest.raises(InputError, match="CBS-gebiedscode"):
        score_areas(wide, meta, quiet(reference={"frame": "gemeente"}))


def test_list_frame_and_unknown_code():
    meta = make_meta([("x", "veiligheid", "hoger_is_slechter")])
    wide = wide_from({"x": [1.0, 2.0, 3.0, 5.0]})
    ref = list(wide.index[:2])  # reference: values 1 and 2 -> mean 1.5
    ps = score_areas(wide, meta, quiet(normalisation={"method": "index"},
                                       reference={"frame": "list", "areas": ref}))
    np.testing.assert_allclose(ps.scores["index"], 100 * np.array([1, 2, 3, 5]) / 1.5)
    with pytest.raises(InputError) as exc:
        score_areas(wide, meta, quiet(reference={"frame": "list", "areas": ["BU00000000"]}))
    assert exc.value.column == "reference.areas"


def test_external_reference_data_is_the_pool():
    meta = make_meta([("x", "veiligheid", "hoger_is_slechter")])
    wide = wide_from({"x": [2.0, 6.0]}, ["BU99010001", "BU99010002"])
    nation = wide_from({"x": [1.0, 2.0, 3.0, 4.0, 5.0]}, [f"BU0001000{i}" for i in range(5)])
    ps = score_areas(wide, meta, quiet(normalisation={"method": "percentile"}), reference_data=nation)
    # 2 in [1..5]: 1 below, 1 equal -> 30; 6: all 5 below -> 100
    np.testing.assert_allclose(ps.scores["index"], [30.0, 100.0])
    with pytest.raises(InputError):
        score_areas(wide, meta, quiet(), reference_data=wide_from({"y": [1.0]}))


def test_peers_are_nearest_on_standardised_context():
    ctx = np.array([[1.0, 100.0], [1.1, 110.0], [5.0, 100.0], [5.2, 105.0], [np.nan, 400.0]])
    members, dist = find_peers(ctx, ctx, k=2)
    assert members[0].tolist() == [0, 1]
    assert members[2].tolist() == [2, 3]
    assert dist[0, 0] == 0.0
    assert members.shape == (5, 2)
    # a missing context value counts as the mean: the area with 3.1 (the mean of the others) is nearest to it
    members, _ = find_peers(np.array([[np.nan, 400.0]]), np.vstack([ctx[:4], [[3.075, 400.0]]]), k=1)
    assert members[0].tolist() == [4]


def test_peers_frame_scores_within_peers():
    meta = make_meta([("x", "veiligheid", "hoger_is_slechter"), ("stedelijkheid", "samenstelling", "context")])
    wide = wide_from({"x": [1.0, 3.0, 10.0, 30.0], "stedelijkheid": [1.0, 1.0, 5.0, 5.0]})
    ps = score_areas(wide, meta, quiet(normalisation={"method": "minmax"},
                                       reference={"frame": "peers", "peers": {"k": 2, "context": ["stedelijkheid"]}}))
    np.testing.assert_allclose(ps.scores["index"], [0, 100, 0, 100])
    assert ps.peers is not None and set(ps.peers.loc[wide.index[0], "peers"].split(", ")) == set(wide.index[:2])
    with pytest.raises(InputError) as exc:
        score_areas(wide, meta, quiet(reference={"frame": "peers", "peers": {"context": ["onbekend"]}}))
    assert exc.value.column == "reference.peers.context"


def test_peers_with_all_areas_equals_all_frame():
    rng = np.random.default_rng(3)
    pool = rng.normal(size=(40, 3))
    pool[rng.random(pool.shape) < 0.1] = np.nan
    fa = frame_all(40, 40)
    fp = frame_peers(rng.normal(size=(40, 2)), rng.normal(size=(40, 2)), k=40)  # every area: the whole pool
    for wz in (None, (0.05, 0.95)):
        sa = reference_stats(fa, pool, winsorise=wz, quantiles=(0.9,))
        sp = reference_stats(fp, pool, winsorise=wz, quantiles=(0.9,))
        for attr in ("mean", "sd", "vmin", "vmax", "count"):
            np.testing.assert_allclose(getattr(sa, attr), getattr(sp, attr))
        np.testing.assert_allclose(sa.quantiles[0.9], sp.quantiles[0.9])
        np.testing.assert_allclose(percentile_of(fa, pool, sa, pool), percentile_of(fp, pool, sp, pool))


def test_reference_stats_match_numpy():
    rng = np.random.default_rng(5)
    pool = rng.normal(size=(25, 4))
    pool[rng.random(pool.shape) < 0.2] = np.nan
    s = reference_stats(frame_all(3, 25), pool, quantiles=(0.1, 0.9))
    np.testing.assert_allclose(s.mean[0], np.nanmean(pool, axis=0))
    np.testing.assert_allclose(s.sd[0], np.nanstd(pool, axis=0, ddof=1))
    np.testing.assert_allclose(s.quantiles[0.9][1], np.nanquantile(pool, 0.9, axis=0))
    np.testing.assert_allclose(s.quantiles[0.1][2], np.nanquantile(pool, 0.1, axis=0))


def test_sorted_quantile_matches_numpy():
    rng = np.random.default_rng(9)
    a = rng.normal(size=(7, 11))
    a[rng.random(a.shape) < 0.3] = np.nan
    S = np.sort(a, axis=1)
    cnt = (~np.isnan(S)).sum(axis=1)
    for q in (0.0, 0.1, 0.5, 0.9, 1.0):
        with np.errstate(all="ignore"):
            exp = np.array([np.nanquantile(r, q) if np.isfinite(r).any() else np.nan for r in a])
        np.testing.assert_allclose(sorted_quantile(S, cnt, q, axis=1), exp)


def test_group_frame_without_pool_rows_has_no_reference():
    f = frame_groups(np.array(["GM1", "GM9"]), np.array(["GM1", "GM1"]))
    s = reference_stats(f, np.array([[1.0], [3.0]]))
    assert s.mean[0, 0] == 2.0 and np.isnan(s.mean[1, 0])
    assert f.reference_size().tolist() == [2, 0]


def test_gemeente_of():
    assert gemeente_of(["BU0363AA01", "WK036301"]).tolist() == ["GM0363", "GM0363"]
