"""The faster urgency steps of issue #17.3 give exactly what the straightforward versions gave.

Each test compares a vectorised function with a plain reference implementation (the code it replaced, kept here)
on a modest synthetic input: 3 gemeenten, about 400 buurten, 3 periods, with missing values, ties and small
populations.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from urgency_helpers import quiet, synthetic_panel
from wijklib.errors import InputError
from wijklib.urgency import engine, inputs
from wijklib.urgency.engine import run_urgency, score_areas
from wijklib.urgency.explain import fmt_nl, fmt_nl_many, top_drivers
from wijklib.urgency.inputs import check_long, long_to_panel, panel_and_presence, to_wide
from wijklib.urgency.reference import _moments, _take_at, frame_all, frame_groups, percentile_of, reference_stats
from wijklib.urgency.trends import comparability, comparability_of_presence


@pytest.fixture(scope="module")
def panel():
    """Long table (3 gemeenten x 133 buurten x 3 periods) with NaN, tied values and small populations."""
    long, meta = synthetic_panel(n_areas=399, gemeenten=3, seed=7)
    rng = np.random.default_rng(7)
    long = long.copy()
    scored = long["indicator"] != "inwoners"
    long.loc[scored & (rng.random(len(long)) < 0.06), "value"] = np.nan
    ties = long["indicator"] == "corporatiewoningen_pct"
    long.loc[ties, "value"] = long.loc[ties, "value"].round(-1)  # many equal values
    small = (long["indicator"] == "inwoners") & (rng.random(len(long)) < 0.1)
    long.loc[small, "value"] = 40.0  # below min_population 100 of the crime indicators
    long["status"] = np.where(long["value"].isna(), "ontbreekt", "waarde")
    # one buurt without 2020 and one without 2024 (codes that appear and disappear)
    long = long[~((long["area_code"] == "BU99010100") & (long["period"] == 2020))]
    long = long[~((long["area_code"] == "BU99020100") & (long["period"] == 2024))]
    return long.reset_index(drop=True), meta


# ------------------------------------------------------------------------------------ reference implementations


def _top_drivers_plain(deviation, values, reference, *, areas, indicators, labels=None, n_top=3, index=None):
    """The per-area loop that :func:`top_drivers` replaced."""
    labels = labels or {}
    n, p = deviation.shape
    dev = np.where(np.isnan(deviation), 0.0, deviation)
    order_up = np.argsort(-dev, axis=1, kind="stable")[:, :n_top]
    order_down = np.argsort(dev, axis=1, kind="stable")[:, :n_top]
    pos_total = np.where(dev > 0, dev, 0.0).sum(axis=1)
    lab = [labels.get(i, i) for i in indicators]
    cols: dict[str, list] = {f"driver_{k + 1}": [] for k in range(min(n_top, p))}
    share, up_txt, down_txt = [], [], []
    no_score = np.isnan(deviation).all(axis=1)
    for a in range(n):
        if no_score[a]:
            for k in cols:
                cols[k].append(None)
            share.append(np.nan)
            up_txt.append("geen score: te weinig gegevens")
            down_txt.append("")
            continue
        parts, covered = [], 0.0
        for rank, j in enumerate(order_up[a]):
            d = dev[a, j]
            cols[f"driver_{rank + 1}"].append(indicators[j] if d > 0 else None)
            if d > 0:
                covered += d
                parts.append(f"{lab[j]} ({fmt_nl(values[a, j])} tegen {fmt_nl(reference[a, j])} in de referentie; "
                             f"bijdrage +{fmt_nl(d, 2)})")
        share.append(covered / pos_total[a] if pos_total[a] > 0 else np.nan)
        if parts:
            head = "Score vooral hoog door " if index is None else f"Score {fmt_nl(index[a], 2)}, vooral door "
            up_txt.append(head + "; ".join(parts))
        else:
            up_txt.append("Geen indicator ligt ongunstiger dan de referentie")
        strong = [f"{lab[j]} ({fmt_nl(values[a, j])} tegen {fmt_nl(reference[a, j])})"
                  for j in order_down[a] if dev[a, j] < 0]
        down_txt.append("Gunstiger dan de referentie: " + "; ".join(strong) if strong else "")
    out = pd.DataFrame(cols, index=areas)
    out["drivers_share"] = share
    out["drivers_text"] = up_txt
    out["strengths_text"] = down_txt
    out.index.name = "area_code"
    return out


def _to_wide_pivot(long: pd.DataFrame, period: int):
    """The two pivots that the long path of :func:`to_wide` replaced."""
    sub = long[long["period"] == period]
    wide = sub.pivot(index="area_code", columns="indicator", values="value").astype(float)
    status = sub.pivot(index="area_code", columns="indicator", values="status").reindex_like(wide)
    status = status.where(status.notna(), "ontbreekt")
    wide.columns.name = None
    status.columns.name = None
    return wide, status


def _presence_groupby(long: pd.DataFrame) -> pd.DataFrame:
    """Presence per code and period as the groupby-size-unstack that :func:`comparability` replaced."""
    periods = sorted(int(p) for p in long["period"].unique())
    return (long.assign(area_code=long["area_code"].astype(str))
            .groupby(["area_code", "period"]).size().unstack("period").reindex(columns=periods).notna())


# ------------------------------------------------------------------------------------------------------- tests


def test_fmt_nl_many_equals_fmt_nl_value_by_value():
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(0, 1e4, 300), rng.normal(0, 0.05, 300),
                        [np.nan, np.inf, -np.inf, -0.0, 0.0, -0.04, -0.05, -0.5, -0.95, 999.95, -999.95, 1e15]])
    for digits in (0, 1, 2):
        assert fmt_nl_many(x, digits) == [fmt_nl(v, digits) for v in x]
    assert fmt_nl_many(np.array([-0.04, 1234.5])) == ["0,0", "1.234,5"]  # no "-0,0"; Dutch separators
    assert fmt_nl_many(np.array([])) == []


def test_top_drivers_equal_the_per_area_loop(panel):
    long, meta = panel
    ps = score_areas(long, meta, quiet())
    dev = ps.aggregate.deviation
    raw = ps.extra["values"]
    ref = ps.frame_data.stats.mean * ps.extra["signs"]
    labels = ps.meta["label"].to_dict()
    dev = dev.copy()
    dev[:3] = np.nan  # areas without a score
    dev[3:6] = -np.abs(dev[3:6])  # only strengths
    for n_top, index in ((3, ps.aggregate.index), (1, None), (10, ps.aggregate.index)):
        got = top_drivers(dev, raw, ref, areas=ps.scores.index, indicators=ps.indicators, labels=labels,
                          n_top=n_top, index=index)
        want = _top_drivers_plain(dev, raw, ref, areas=ps.scores.index, indicators=ps.indicators, labels=labels,
                                  n_top=n_top, index=index)
        assert_frame_equal(got, want, check_exact=True)
    assert got["drivers_text"].iloc[0] == "geen score: te weinig gegevens"
    assert got["drivers_text"].iloc[3] == "Geen indicator ligt ongunstiger dan de referentie"


def test_to_wide_equals_the_pivots_including_memory_layout(panel):
    long, _ = panel
    checked = check_long(long)
    for period in (2020, 2024):
        wide, status = to_wide(checked, period=period, checked=True)
        want_wide, want_status = _to_wide_pivot(checked, period)
        assert_frame_equal(wide, want_wide, check_exact=True)
        assert_frame_equal(status, want_status, check_exact=True)
        # the reference sums depend on the memory layout (numpy sums along contiguous rows pairwise): keep it
        cols = list(wide.columns)[:4]
        assert wide[cols].to_numpy().flags.c_contiguous == want_wide[cols].to_numpy().flags.c_contiguous
    assert "BU99010100" not in to_wide(checked, period=2020, checked=True)[0].index


def test_check_long_still_names_the_first_duplicate_row(panel):
    long, _ = panel
    dup = pd.concat([long, long.iloc[[10]]], ignore_index=True)
    with pytest.raises(InputError) as err:
        check_long(dup)
    assert err.value.row == len(long) + 1
    assert long["area_code"].iloc[10] in str(err.value)
    spaced = long.copy()
    spaced.loc[0, "area_code"] = " " + spaced.loc[0, "area_code"] + " "  # stripping makes it a duplicate of none
    assert check_long(spaced)["area_code"].iloc[0] == long["area_code"].iloc[0]


def test_comparability_presence_equals_the_groupby(panel):
    long, _ = panel
    comp = comparability(long, changed_areas=["BU99030101"])
    present = _presence_groupby(long)
    assert list(comp.index) == list(present.index.astype(str))
    np.testing.assert_array_equal(comp["n_periods"].to_numpy(), present.to_numpy().sum(axis=1))
    assert comp.at["BU99010100", "status"] == "nieuwe_code"
    assert comp.at["BU99020100", "status"] == "vervallen_code"
    assert comp.at["BU99030101", "status"] == "indeling_gewijzigd"


def test_run_urgency_is_reproducible_with_gemeente_frames_and_monte_carlo(panel):
    long, meta = panel
    cfg = {"uncertainty": {"draws": 60, "frames": ["all", "gemeente"], "top_k": 20, "seed": 5},
           "focus": {"k": 10}}
    a = run_urgency(long, meta, cfg)
    b = run_urgency(long.sample(frac=1.0, random_state=3), meta, cfg)  # row order of the long table is irrelevant
    for name in ("scores", "explanations", "stacking", "trends", "types", "uncertainty", "scenarios", "focus"):
        assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)
    unc = a.uncertainty
    assert len(unc) > 300
    assert (unc["rank_lo"] <= unc["rank_median"]).all() and (unc["rank_median"] <= unc["rank_hi"]).all()
    assert (unc["rank_min"] <= unc["rank_lo"]).all() and (unc["rank_hi"] <= unc["rank_max"]).all()


def test_trend_comparability_from_the_panel_equals_the_long_table(panel):
    long, _ = panel
    checked = check_long(long)
    periods, areas, values, present = panel_and_presence(checked, ["woz_waarde", "geweld_per_1000"])
    old_periods, old_areas, old_values, _ = long_to_panel(checked, ["woz_waarde", "geweld_per_1000"], checked=True)
    assert (periods, areas) == (old_periods, old_areas)
    np.testing.assert_array_equal(values, old_values)
    np.testing.assert_array_equal(present, _presence_groupby(checked).to_numpy())
    kw = {"changed_areas": ["BU99030101"], "code_changes": pd.DataFrame({"old_code": ["BU99020100"],
                                                                         "new_code": ["BU99020199"]})}
    assert_frame_equal(comparability_of_presence(pd.Index(areas), periods, present, **kw),
                       comparability(checked, **kw), check_exact=True)


def test_percentile_of_a_large_group_equals_counting():
    rng = np.random.default_rng(11)
    pool = np.round(rng.normal(size=(700, 3)), 1)  # ties
    pool[rng.random(pool.shape) < 0.05] = np.nan
    values = np.round(rng.normal(size=(600, 3)), 1)
    values[:5] = np.nan
    frame = frame_all(600, 700)
    got = percentile_of(frame, pool, reference_stats(frame, pool), values)
    want = np.full(values.shape, np.nan)
    for j in range(3):
        col = pool[~np.isnan(pool[:, j]), j]
        for i in range(600):
            if not np.isnan(values[i, j]):
                want[i, j] = 100.0 * ((col < values[i, j]).sum() + 0.5 * (col == values[i, j]).sum()) / len(col)
    np.testing.assert_array_equal(got, want)


def _moments_nansum(sorted_values, counts, axis, ddof):
    """The two np.nansum calls that :func:`wijklib.urgency.reference._moments` replaced."""
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.nansum(sorted_values, axis=axis)
        mean = np.where(counts > 0, total / np.maximum(counts, 1), np.nan)
        dev = sorted_values - np.expand_dims(mean, axis)
        ss = np.nansum(dev * dev, axis=axis)
        sd = np.where(counts > ddof, np.sqrt(ss / np.maximum(counts - ddof, 1)), np.nan)
    return mean, sd


@pytest.mark.parametrize("shape, axis", [((300, 5), 0), ((300, 1), 0), ((40, 50, 4), 1)])
@pytest.mark.parametrize("ddof", [0, 1])
def test_moments_equal_the_nansum_version(shape, axis, ddof):
    rng = np.random.default_rng(5)
    x = rng.normal(0, 1, shape) * 10.0 ** rng.integers(-3, 4, shape)
    x[rng.random(shape) < 0.1] = np.nan
    x[(slice(None),) * axis + (slice(None), 0)] = np.nan  # a column without values
    S = np.sort(x, axis=axis)
    cnt = (~np.isnan(S)).sum(axis=axis)
    mean, sd, vmin, vmax = _moments(S, cnt, axis, ddof)
    want_mean, want_sd = _moments_nansum(S, cnt, axis, ddof)
    np.testing.assert_array_equal(mean, want_mean)
    np.testing.assert_array_equal(sd, want_sd)
    assert np.isnan(np.take(sd, 0, axis=-1)).all()


class _Cores:
    """Stand-in for ``os`` in :mod:`wijklib.urgency.engine`: a machine with ``n`` cores."""

    def __init__(self, n: int):
        self.n = n

    def cpu_count(self) -> int:
        return self.n


_MC_FRAMES_CFG = {"reference": {"peers": {"k": 15, "context": ["stedelijkheid", "inwoners"]}},
                  "uncertainty": {"draws": 40, "frames": ["all", "gemeente", "peers"], "top_k": 20, "seed": 9},
                  "focus": {"k": 10}}


def test_mc_frames_in_a_background_thread_equal_the_sequential_run(panel, monkeypatch):
    long, meta = panel
    started: list[str] = []
    start = engine._start_mc_frames

    def spy(run, pool, **inputs):
        out = start(run, pool, **inputs)
        started.extend(out)
        return out
    monkeypatch.setattr(engine, "_start_mc_frames", spy)
    monkeypatch.setattr(engine, "os", _Cores(1))
    seq = run_urgency(long, meta, _MC_FRAMES_CFG)
    assert started == []  # one core: no thread, every frame prepared in _uncertainty
    monkeypatch.setattr(engine, "os", _Cores(2))
    par = run_urgency(long, meta, _MC_FRAMES_CFG)
    assert started == ["gemeente", "peers"]  # the main frame 'all' is reused, the other two ran in the thread
    assert set(par.scenarios["frame"]) == {"all", "gemeente", "peers"}
    for name in ("scores", "trends", "types", "uncertainty", "scenarios", "focus", "diagnostics"):
        assert_frame_equal(getattr(par, name), getattr(seq, name), check_exact=True, obj=name)


def test_a_bad_mc_frame_gives_the_same_error_with_or_without_thread(panel, monkeypatch):
    long, meta = panel
    cfg = {**_MC_FRAMES_CFG, "reference": {"peers": {"k": 15, "context": ["stedelijkheid", "bestaat_niet"]}}}
    messages = []
    for cores in (1, 2):
        monkeypatch.setattr(engine, "os", _Cores(cores))
        with pytest.raises(InputError) as err:
            run_urgency(long, meta, cfg)
        messages.append((str(err.value), err.value.column))
    assert messages[0] == messages[1]
    assert "bestaat_niet" in messages[0][0] and messages[0][1] == "uncertainty.frames"


@pytest.mark.parametrize("shape, axis", [((7, 5), 0), ((7, 5), 1), ((4, 6, 3), 1), ((4, 6, 3), -1), ((9,), 0)])
def test_take_at_equals_take_along_axis(shape, axis):
    rng = np.random.default_rng(3)
    a = rng.normal(size=shape)
    idx_shape = tuple(n for d, n in enumerate(shape) if d != axis % len(shape))
    idx = rng.integers(0, shape[axis], size=idx_shape)
    want = np.take_along_axis(a, np.expand_dims(idx, axis), axis=axis).squeeze(axis)
    np.testing.assert_array_equal(_take_at(a, idx, axis), want)
    np.testing.assert_array_equal(_take_at(np.asfortranarray(a), idx, axis), want)


def test_monte_carlo_runs_beside_the_trends_and_gives_the_sequential_result(panel, monkeypatch):
    long, meta = panel
    threads: list[str] = []
    mc = engine.monte_carlo

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return mc(*args, **kwargs)
    monkeypatch.setattr(engine, "monte_carlo", spy)
    monkeypatch.setattr(engine, "os", _Cores(1))
    seq = run_urgency(long, meta, _MC_FRAMES_CFG)
    monkeypatch.setattr(engine, "os", _Cores(2))
    par = run_urgency(long, meta, _MC_FRAMES_CFG)
    assert threads[0] == threading.main_thread().name and threads[1] != threading.main_thread().name
    for name in ("uncertainty", "scenarios", "diagnostics", "focus", "types"):
        assert_frame_equal(getattr(par, name), getattr(seq, name), check_exact=True, obj=name)


def test_an_error_in_the_monte_carlo_thread_reaches_the_caller(panel, monkeypatch):
    long, meta = panel

    def broken(*args, **kwargs):
        raise InputError("kapot in de trekking", column="uncertainty.draws")
    monkeypatch.setattr(engine, "monte_carlo", broken)
    monkeypatch.setattr(engine, "os", _Cores(2))
    with pytest.raises(InputError, match="kapot in de trekking"):
        run_urgency(long, meta, _MC_FRAMES_CFG)


def test_remembered_factor_codes_give_the_same_tables_and_are_dropped_when_a_column_changes(panel):
    long, _ = panel
    checked = check_long(long)
    assert inputs._sorted_factor(checked, "area_code") is not None
    wide, status = to_wide(checked, checked=True)
    fresh = checked.copy()  # another object: factorised anew
    assert inputs._sorted_factor(fresh, "area_code") is None
    wide2, status2 = to_wide(fresh, checked=True)
    assert_frame_equal(wide, wide2, check_exact=True)
    assert_frame_equal(status, status2, check_exact=True)
    p1 = panel_and_presence(checked, sorted(checked["indicator"].unique()))
    p2 = panel_and_presence(fresh, sorted(fresh["indicator"].unique()))
    assert p1[0] == p2[0] and p1[1] == p2[1]
    np.testing.assert_array_equal(p1[2], p2[2])
    np.testing.assert_array_equal(p1[3], p2[3])
    # a replaced column no longer matches the remembered codes: the new values are used
    renamed = checked["area_code"].map(lambda c: "X" + c)
    checked["area_code"] = renamed
    assert inputs._sorted_factor(checked, "area_code") is None
    wide3, _ = to_wide(checked, checked=True)
    assert list(wide3.index) == sorted("X" + c for c in wide.index)
    # only the scored indicators go into the panel (others left out), as without remembered codes
    some = sorted(fresh["indicator"].unique())[:2]
    q1, q2 = panel_and_presence(check_long(long), some), panel_and_presence(fresh, some)
    np.testing.assert_array_equal(q1[2], q2[2])


def test_percentile_of_many_groups_equals_counting_per_group():
    """Groups of every size (also one without any reference value, and areas whose group has no pool), ties,
    -0.0 beside 0.0, winsorised bounds: all groups of a column at once give the counts of a search per group."""
    rng = np.random.default_rng(5)
    n_pool, n = 900, 800
    pool_keys = rng.choice(["GM01", "GM02", "GM03", "GM04", "GM05"], size=n_pool, p=[0.5, 0.3, 0.15, 0.04, 0.01])
    area_keys = rng.choice(["GM01", "GM02", "GM03", "GM04", "GM05", "GM09"], size=n)
    pool = np.round(rng.normal(size=(n_pool, 3)), 1)
    pool[rng.random(pool.shape) < 0.05] = np.nan
    pool[pool_keys == "GM04", 1] = np.nan  # no reference values in one group for one column
    pool[:20, 2] = -0.0
    values = np.round(rng.normal(size=(n, 3)), 1)
    values[:7] = np.nan
    values[7:30, 2] = 0.0
    frame = frame_groups(area_keys, pool_keys)
    stats = reference_stats(frame, pool)
    got = percentile_of(frame, pool, stats, values)
    clipped = np.clip(values, stats.lo, stats.hi) if stats.lo is not None else values
    want = np.full(values.shape, np.nan)
    for j in range(3):
        for i in range(n):
            v = clipped[i, j]
            col = pool[(pool_keys == area_keys[i]) & ~np.isnan(pool[:, j]), j]
            if stats.lo is not None:
                col = np.clip(col, stats.lo[i, j], stats.hi[i, j])
            if not np.isnan(v) and len(col):
                want[i, j] = 100.0 * ((col < v).sum() + 0.5 * (col == v).sum()) / len(col)
    np.testing.assert_array_equal(got, want)
    assert np.isnan(got[area_keys == "GM09"]).all()
    assert np.isnan(got[area_keys == "GM04", 1]).all()
