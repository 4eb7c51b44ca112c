"""Stacking counts, small-population handling, Theil-Sen against scipy, comparability and trend classes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import theilslopes

from wijklib.errors import InputError
from wijklib.urgency import comparability, run_urgency, score_areas, theil_sen
from wijklib.urgency.trends import classify_slopes, spike_size

from urgency_helpers import make_meta, quiet, synthetic_panel, wide_from

META = make_meta([
    ("a", "veiligheid", "hoger_is_slechter", 500),
    ("b", "veiligheid", "hoger_is_beter"),
    ("c", "wonen", "hoger_is_slechter"),
    ("d", "gezondheid_zorg", "hoger_is_slechter"),
])


def stack_case():
    # five areas; the worst 20% (quantile 0.8 of 5 values = the 4th/5th interpolation) is flagged
    wide = wide_from({
        "a": [1.0, 2.0, 3.0, 4.0, 10.0],
        "b": [5.0, 4.0, 3.0, 2.0, 1.0],   # higher is better: area 5 is worst
        "c": [9.0, 1.0, 1.0, 1.0, 8.0],
        "d": [1.0, 1.0, 1.0, 1.0, 1.0],   # no spread: everybody at the threshold
        "inwoners": [1000.0, 1000.0, 1000.0, 1000.0, 1000.0],
    })
    return wide


def test_stacking_counts_hand_computed():
    ps = score_areas(stack_case(), META, quiet(stacking={"quantile": 0.2, "min_domains": 2}))
    s = ps.stacking
    # thresholds (oriented): a: q0.8 of [1,2,3,4,10] = 5.2; b: q0.8 of [-5..-1] = -1.8;
    # c: q0.8 of [1,1,1,8,9] = 8.2; d has no spread: at the best value, never flagged
    assert s["n_flagged"].tolist() == [1, 0, 0, 0, 2]
    assert s["n_domains_flagged"].tolist() == [1, 0, 0, 0, 1]
    assert s["stacked"].tolist() == [False] * 5
    assert s.loc[s.index[4], "flagged_indicators"] == "a; b"
    assert s.loc[s.index[0], "flagged_domains"] == "wonen"
    assert s["n_evaluated"].tolist() == [4] * 5
    s1 = score_areas(stack_case(), META, quiet(stacking={"quantile": 0.4, "min_domains": 2})).stacking
    # q0.6: a 3.4 -> areas 4, 5; b -2.6 -> areas 4, 5; c 3.8 -> areas 1, 5; d: nobody
    assert s1["n_flagged"].tolist() == [1, 0, 0, 2, 3]
    assert s1["n_domains_flagged"].tolist() == [1, 0, 0, 1, 2]
    assert s1["stacked"].tolist() == [False, False, False, False, True]


def test_small_population_flagged_unreliable_not_counted():
    wide = stack_case()
    wide["inwoners"] = [1000.0, 1000.0, 1000.0, 1000.0, 100.0]  # area 5 below min_population 500 of "a"
    ps = score_areas(wide, META, quiet(stacking={"quantile": 0.2}))
    s = ps.stacking
    assert s["n_unreliable"].tolist() == [0, 0, 0, 0, 1]
    last = s.loc[s.index[4], "flagged_indicators"].split("; ")
    assert "a" not in last and "b" in last
    assert ps.scores["n_unreliable"].iloc[4] == 1
    # excluded from the index as well (default), kept with small_population.index = keep
    c = ps.contributions.set_index(["area_code", "indicator"])
    assert c.loc[(wide.index[4], "a"), "effective_weight"] == 0.0
    keep = score_areas(wide, META, quiet(small_population={"index": "keep"}))
    c2 = keep.contributions.set_index(["area_code", "indicator"])
    assert c2.loc[(wide.index[4], "a"), "effective_weight"] > 0.0


def test_absolute_thresholds_override_quantile():
    ps = score_areas(stack_case(), META, quiet(stacking={"quantile": 0.2, "absolute": {"a": 2.5, "b": 3.5}}))
    flagged = ps.stacking["flagged_indicators"].str.split("; ")
    assert ["a" in f for f in flagged] == [False, False, True, True, True]
    assert ["b" in f for f in flagged] == [False, False, True, True, True]  # b <= 3.5 is worse


def test_suppressed_values_counted_separately():
    wide = pd.DataFrame({"code": ["BU99010001", "BU99010002", "BU99010003"], "a": ["1", ".", "3"],
                         "c": [1.0, 2.0, np.nan], "naam": ["Noord", "Zuid", "Oost"]})
    meta = make_meta([("a", "veiligheid", "hoger_is_slechter"), ("c", "wonen", "hoger_is_slechter")])
    ps = score_areas(wide, meta, quiet(missing={"min_weight_share": 0.0}))
    assert ps.scores["n_suppressed"].tolist() == [0, 1, 0]
    assert ps.scores["n_missing"].tolist() == [0, 0, 1]
    assert ps.scores["name"].tolist() == ["Noord", "Zuid", "Oost"]
    with pytest.raises(InputError) as exc:
        score_areas(pd.DataFrame({"code": ["BU1", "BU2", "BU3"], "a": ["1", "x", "3"]}), meta, quiet())
    assert exc.value.column == "a" and exc.value.row == 2


@pytest.mark.parametrize("seed", range(8))
def test_theil_sen_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    T = int(rng.integers(3, 9))
    x = np.sort(rng.choice(np.arange(2010, 2030), size=T, replace=False)).astype(float)
    y = rng.normal(size=(5, T)) + 0.3 * x
    y[rng.random(y.shape) < 0.15] = np.nan
    slope, inter, n = theil_sen(y, x)
    for i in range(5):
        ok = ~np.isnan(y[i])
        assert n[i] == ok.sum()
        if ok.sum() >= 2:
            ref = theilslopes(y[i, ok], x[ok])
            assert slope[i] == pytest.approx(ref.slope)
            assert inter[i] == pytest.approx(ref.intercept)


def test_theil_sen_is_robust_and_handles_too_few_points():
    s, _, _ = theil_sen(np.array([[1.0, 2.0, 30.0, 4.0, 5.0], [np.nan, np.nan, 1.0, np.nan, np.nan]]),
                        [1, 2, 3, 4, 5])
    assert s[0] == pytest.approx(1.0)
    assert np.isnan(s[1])


def test_comparability_reports_and_never_joins():
    rows = []
    for per in (2020, 2022, 2024):
        for code in ("BU01", "BU02"):
            rows.append((code, "a", per, 1.0))
    rows += [("BU03", "a", 2022, 1.0), ("BU03", "a", 2024, 1.0),   # new code
             ("BU04", "a", 2020, 1.0),                              # ended
             ("BU05", "a", 2020, 1.0), ("BU05", "a", 2024, np.nan)]  # gap (row with missing value counts)
    long = pd.DataFrame(rows, columns=["area_code", "indicator", "period", "value"])
    comp = comparability(long, code_changes=pd.DataFrame({"old_code": ["BU02"], "new_code": ["BU06"]}))
    st = comp["status"].to_dict()
    assert st == {"BU01": "vergelijkbaar", "BU02": "indeling_gewijzigd", "BU03": "nieuwe_code",
                  "BU04": "vervallen_code", "BU05": "ontbreekt_in_sommige_jaren"}
    assert comp.loc["BU05", "missing_periods"] == "2022"
    assert comp.loc["BU02", "note"] == "code vervangen door BU06"
    assert comp["comparable"].sum() == 1
    with pytest.raises(InputError):
        comparability(long, code_changes=pd.DataFrame({"oud": ["BU02"]}))


def test_classify_slopes():
    got = classify_slopes(np.array([0.2, 0.0, 0.0, -0.3, np.nan, 0.2]), np.array([0.0, -0.2, 0.0, 0.0, 0.0, 0.0]),
                          np.array([3, 3, 3, 3, 3, 2]), min_periods=3, threshold=0.05)
    assert got.tolist() == ["verslechtert", "stagneert", "stabiel", "verbetert", "onvoldoende_jaren",
                            "onvoldoende_jaren"]


def test_spike_size():
    panel = np.array([[1.0, 1.0, 4.0], [1.0, np.nan, 1.5], [np.nan, np.nan, 3.0]])
    np.testing.assert_allclose(spike_size(panel, np.array([1.0, 0.5, 1.0])), [3.0, 1.0, np.nan])


def test_trends_end_to_end_only_on_comparable_codes():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1)
    codes = sorted(long["area_code"].unique())
    worse, gone = codes[0], codes[1]
    # area 0: crime rises strongly each period; area 1 is missing in 2022 (code gap)
    m = (long["area_code"] == worse) & (long["indicator"] == "misdrijven_per_1000")
    long.loc[m, "value"] = long.loc[m, "period"].map({2020: 10.0, 2022: 60.0, 2024: 140.0})
    long = long[~((long["area_code"] == gone) & (long["period"] == 2022))]
    res = run_urgency(long, meta, quiet(trends={"min_periods": 3}))
    tr = res.trends.set_index(["area_code", "indicator"])
    row = tr.loc[(worse, "misdrijven_per_1000")]
    assert row["slope"] == pytest.approx(32.5)  # Theil-Sen of (2020,10), (2022,60), (2024,140)
    assert row["trend"] == "verslechtert" and row["relative_slope_sd"] > 0
    assert (tr.loc[gone, "trend"] == "onvoldoende_jaren").all()
    assert tr.loc[gone, "slope"].isna().all()
    assert res.comparability.loc[gone, "status"] == "ontbreekt_in_sommige_jaren"
    assert "trend_vergelijkbaarheid" in res.diagnostics["code"].tolist()
    assert res.period == 2024
    assert "urgentie_index" in res.trends["indicator"].unique()
