"""Monte Carlo determinism and intervals, focus clusters with adjacency, diagnostics warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.urgency import UrgencyWarning, build_adjacency, propose_focus_areas, run_urgency
from wijklib.urgency.diagnostics import correlated_pairs, dominance_shares, topk_overlap
from wijklib.urgency.uncertainty import rank_columns, robustness_class

from urgency_helpers import make_meta, quiet, synthetic_panel, wide_from


def mc_config(**unc):
    base = {"draws": 300, "seed": 7, "top_k": 5, "frames": ["all", "gemeente"]}
    base.update(unc)
    return {"uncertainty": base}


@pytest.fixture(scope="module")
def panel():
    return synthetic_panel(n_areas=40, gemeenten=2, seed=11)


def run(long, meta, cfg):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)
        return run_urgency(long, meta, cfg)


def test_monte_carlo_is_deterministic_with_seed(panel):
    long, meta = panel
    a = run(long, meta, mc_config()).uncertainty
    b = run(long, meta, mc_config()).uncertainty
    pd.testing.assert_frame_equal(a, b)
    c = run(long, meta, mc_config(seed=8)).uncertainty
    assert not a["rank_median"].equals(c["rank_median"]) or not a["p_top_k"].equals(c["p_top_k"])


def test_chunking_does_not_change_results(panel):
    long, meta = panel
    a = run(long, meta, mc_config(chunk_size=7)).uncertainty
    b = run(long, meta, mc_config(chunk_size=1000)).uncertainty
    pd.testing.assert_frame_equal(a, b)


def test_without_variation_the_interval_is_the_point_rank(panel):
    long, meta = panel
    res = run(long, meta, mc_config(frames=[], normalisations=["zscore"], weight_noise=0.0, draws=20))
    u = res.uncertainty
    assert (u["rank_lo"] == u["point_rank"]).all() and (u["rank_hi"] == u["point_rank"]).all()
    assert set(u["p_top_k"]) <= {0.0, 1.0}
    small = res.scores["small_population"].reindex(u.index)
    assert (u.loc[(u["point_rank"] <= 5) & ~small, "robustness"] == "robuust in").all()
    assert (u.loc[small, "robustness"] != "robuust in").all()
    assert (u.loc[u["point_rank"] > 5, "robustness"] == "robuust uit").all()


def test_rank_interval_contains_point_rank_and_clear_leader():
    rng = np.random.default_rng(2)
    n = 60
    meta = make_meta([(f"i{k}", ["veiligheid", "wonen", "werk_uitkeringen"][k % 3], "hoger_is_slechter")
                      for k in range(6)])
    vals = {f"i{k}": rng.normal(0, 1, n) + np.linspace(0, 3, n) for k in range(6)}  # strong common gradient
    for k in range(6):
        vals[f"i{k}"][0] = 12.0                                                      # a clear leader
    wide = wide_from(vals)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)
        res = run_urgency(wide, meta, {"uncertainty": {"draws": 400, "seed": 1, "top_k": 10}})
    u = res.uncertainty
    inside = (u["rank_lo"] <= u["point_rank"]) & (u["point_rank"] <= u["rank_hi"])
    assert inside.mean() >= 0.9
    assert ((u["rank_min"] <= u["rank_lo"]) & (u["rank_hi"] <= u["rank_max"])).all()
    leader = wide.index[0]
    assert u.loc[leader, "point_rank"] == 1 and u.loc[leader, "p_top_k"] == 1.0
    assert u.loc[leader, "robustness"] == "robuust in"
    assert u["p_top_k"].sum() == pytest.approx(10.0)  # every draw has exactly k areas in its top-k
    assert set(res.scenarios["normalisation"]) == {"zscore", "percentile", "minmax"}
    assert res.scenarios["n_draws"].sum() == 400


def test_rank_columns_and_classes():
    S = np.array([[1.0, 5.0], [3.0, np.nan], [2.0, 4.0]])
    assert rank_columns(S).tolist() == [[3, 1], [1, 3], [2, 2]]
    assert robustness_class(np.array([0.95, 0.5, 0.05])).tolist() == ["robuust in", "grensgeval", "robuust uit"]


def test_peers_frame_in_monte_carlo(panel):
    long, meta = panel
    res = run(long, meta, {"uncertainty": {"draws": 50, "seed": 1, "frames": ["all", "peers"]},
                           "reference": {"peers": {"k": 8, "context": ["stedelijkheid", "inwoners"]}}})
    assert set(res.scenarios["frame"]) == {"all", "peers"}
    with pytest.raises(InputError) as exc:
        run(long, meta, {"uncertainty": {"draws": 10, "frames": ["peers"]},
                         "reference": {"peers": {"context": ["bestaat_niet"]}}})
    assert exc.value.column == "uncertainty.frames"


def squares(n_cols=4, n_rows=1):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box
    codes, geoms = [], []
    for r in range(n_rows):
        for c in range(n_cols):
            codes.append(f"BU9901{r:02d}{c:02d}")
            geoms.append(box(c, r, c + 1, r + 1))
    return gpd.GeoDataFrame({"buurtcode": codes}, geometry=geoms, crs="EPSG:28992")


def test_build_adjacency_touches():
    g = squares(3, 2)
    edges = build_adjacency(g)
    pairs = set(zip(edges["a"], edges["b"]))
    assert ("BU99010000", "BU99010001") in pairs          # side by side
    assert ("BU99010000", "BU99010100") in pairs          # above each other
    assert ("BU99010000", "BU99010101") in pairs          # corner touch counts for touches
    assert ("BU99010000", "BU99010002") not in pairs
    assert len(edges) == 11
    with pytest.raises(InputError):
        build_adjacency(g, predicate="near")


def test_focus_clusters_merge_adjacent_candidates():
    g = squares(5, 1)  # a row of five buurten
    codes = list(g["buurtcode"])
    scores = pd.DataFrame({"index": [5.0, 4.0, 1.0, 3.0, 0.5], "rank": [1, 2, 4, 3, 5]}, index=codes)
    f = propose_focus_areas(scores, rule="top_k", k=3, adjacency=g)
    assert f["area_code"].tolist() == [codes[0], codes[1], codes[3]]
    assert f["cluster"].tolist() == [1, 1, 2]
    assert f["cluster_size"].tolist() == [2, 2, 1]
    assert "grenst aan andere kandidaten" in f.loc[0, "reasons"]
    assert (f["decision"] == "").all()
    # without adjacency every candidate is its own cluster
    assert propose_focus_areas(scores, k=3)["cluster"].tolist() == [1, 2, 3]
    # the threshold rule, and an edge list instead of polygons
    t = propose_focus_areas(scores, rule="threshold", threshold=2.0, adjacency=[(codes[3], codes[1])])
    assert t["area_code"].tolist() == [codes[0], codes[1], codes[3]]
    assert t["cluster"].tolist() == [1, 2, 2]  # codes 1 and 3 are linked by the edge list
    with pytest.raises(InputError) as exc:
        propose_focus_areas(scores, rule="threshold")
    assert exc.value.column == "focus.threshold"
    with pytest.raises(InputError) as exc:
        propose_focus_areas(scores, rule="probability")
    assert exc.value.column == "focus.rule"


def test_focus_from_run_with_probability_rule(panel):
    long, meta = panel
    res = run(long, meta, {"uncertainty": {"draws": 100, "seed": 3, "top_k": 5},
                           "focus": {"rule": "probability", "min_probability": 0.5}})
    f = res.focus
    assert len(f) >= 1
    assert (f["p_top_k"] >= 0.5).all()
    assert f["reasons"].str.contains("kans").all()


def test_diagnostics_dominance_and_double_counting():
    rng = np.random.default_rng(0)
    n = 50
    base = rng.normal(size=n)
    wide = wide_from({"a": base, "b": base * 2 + rng.normal(0, 0.01, n), "c": rng.normal(size=n),
                      "d": rng.normal(size=n)})
    meta = make_meta([("a", "veiligheid", "hoger_is_slechter"), ("b", "wonen", "hoger_is_slechter"),
                      ("c", "werk_uitkeringen", "hoger_is_slechter"), ("d", "werk_uitkeringen", "hoger_is_slechter")])
    with pytest.warns(UrgencyWarning) as rec:
        res = run_urgency(wide, meta, quiet(weights={"domains": {"wonen": 10.0}}))
    codes = res.diagnostics["code"].tolist()
    assert "dominantie" in codes and "dubbeltelling" in codes
    msgs = " ".join(str(w.message) for w in rec)
    assert "hangen sterk samen" in msgs and "spreiding van de urgentiescore" in msgs
    row = res.diagnostics.set_index("code").loc["dubbeltelling"]
    assert row["indicators"] == "a, b" and row["value"] > 0.99


def test_no_warnings_for_balanced_independent_indicators():
    rng = np.random.default_rng(1)
    wide = wide_from({k: rng.normal(size=200) for k in "abcd"})
    meta = make_meta([(k, d, "hoger_is_slechter") for k, d in zip("abcd", ["veiligheid", "wonen",
                                                                            "werk_uitkeringen", "gezondheid_zorg"])])
    with warnings.catch_warnings():
        warnings.simplefilter("error", UrgencyWarning)
        res = run_urgency(wide, meta, quiet(diagnostics={"topk_overlap_min": 0.0}))
    assert "waarschuwing" not in res.diagnostics["level"].tolist()


def test_topk_normalisation_warning():
    # percentile ranks ignore the size of a huge outlier, z-scores do not: the top-1 differs
    wide = wide_from({"a": [100.0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "b": [5.0, 1, 2, 3, 4, 5, 6, 7, 8, 9]})
    meta = make_meta([("a", "veiligheid", "hoger_is_slechter"), ("b", "wonen", "hoger_is_slechter")])
    with pytest.warns(UrgencyWarning, match="verandert sterk met de normalisatie"):
        run_urgency(wide, meta, {"uncertainty": {"draws": 0, "top_k": 1, "normalisations": ["percentile"]}})


def test_diagnostic_helpers():
    c = np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    np.testing.assert_allclose(dominance_shares(c, c.sum(axis=1)), [1.0, 0.0])
    df = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 4, 6, 8.5], "c": [1.0, -1, 1, -1]})
    pairs = correlated_pairs(df, min_overlap=3)
    assert pairs[["indicator_a", "indicator_b"]].values.tolist() == [["a", "b"]]
    assert topk_overlap(np.array([3.0, 2, 1]), np.array([3.0, 2, 1]), 2) == 1.0
