"""End-to-end behaviour of run_urgency and property tests over random cases (hypothesis is not installed, so
the properties are checked on seeded random cases over the method space)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.urgency import UrgencyWarning, run_urgency, score_areas

from urgency_helpers import make_meta, quiet, synthetic_panel, wide_from

NORMS = ["zscore", "percentile", "minmax", "index", "target"]
METHODS = [(n, "arithmetic") for n in NORMS] + [(n, "geometric") for n in ("percentile", "minmax", "index")]


def random_case(seed: int, n: int = 24):
    rng = np.random.default_rng(seed)
    doms = ["veiligheid", "wonen", "werk_uitkeringen"]
    dirs = ["hoger_is_slechter", "hoger_is_beter"]
    meta = make_meta([(f"i{k}", doms[k % 3], dirs[int(rng.integers(0, 2))]) for k in range(5)]
                     + [("stedelijkheid", "samenstelling", "context")])
    vals = {f"i{k}": rng.uniform(1, 100, n) for k in range(5)}
    for k in range(5):
        vals[f"i{k}"][rng.random(n) < 0.1] = np.nan
    vals["stedelijkheid"] = rng.integers(1, 6, n).astype(float)
    codes = [f"BU99{1 + i % 2:02d}01{i:02d}" for i in range(n)]
    return wide_from(vals, codes), meta, rng


def config_for(norm, agg, frame, extra=None):
    cfg = quiet(normalisation={"method": norm, "targets": {"i0": 50.0, "i1": 20.0}},
                aggregation={"method": agg, "floor": 1.0}, reference={"frame": frame,
                                                                      "peers": {"k": 6, "context": ["stedelijkheid"]}},
                missing={"min_weight_share": 0.0})
    if extra:
        cfg.update(extra)
    return cfg


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("frame", ["all", "gemeente", "peers"])
@pytest.mark.parametrize("norm, agg", METHODS)
def test_worsening_an_indicator_never_lowers_urgency(seed, frame, norm, agg):
    wide, meta, rng = random_case(seed)
    cfg = config_for(norm, agg, frame)
    base = score_areas(wide, meta, cfg).scores["index"]
    for trial in range(4):
        area = wide.index[int(rng.integers(0, len(wide)))]
        ind = f"i{int(rng.integers(0, 5))}"
        if np.isnan(wide.at[area, ind]):
            continue
        sign = 1.0 if meta.set_index("indicator").at[ind, "direction"] == "hoger_is_slechter" else -1.0
        worse = wide.copy()
        step = rng.uniform(0.5, 60.0)
        worse.at[area, ind] = max(0.5, worse.at[area, ind] + sign * step)  # stays positive
        after = score_areas(worse, meta, cfg).scores["index"]
        assert after[area] >= base[area] - 1e-9, (norm, agg, frame, area, ind)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("norm, agg", [("percentile", "arithmetic"), ("minmax", "arithmetic"),
                                       ("percentile", "geometric"), ("minmax", "geometric")])
def test_bounded_scores_stay_in_range(seed, norm, agg):
    wide, meta, _ = random_case(seed, n=30)
    ps = score_areas(wide, meta, config_for(norm, agg, "gemeente"))
    z = ps.normalised[~np.isnan(ps.normalised)]
    assert (z >= 0).all() and (z <= 100).all()
    idx = ps.scores["index"].dropna()
    assert ((idx >= 0) & (idx <= 100)).all()
    assert ps.scores["rank"].dropna().astype(int).sort_values().tolist() == list(range(1, len(idx) + 1))


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("norm, agg", METHODS)
def test_contributions_sum_to_index_end_to_end(seed, norm, agg):
    wide, meta, _ = random_case(seed)
    ps = score_areas(wide, meta, config_for(norm, agg, "all"))
    sums = ps.contributions.groupby("area_code")["contribution"].sum(min_count=1).reindex(ps.scores.index)
    np.testing.assert_allclose(sums, ps.scores["index"], rtol=1e-10, atol=1e-9)


def test_full_run_on_synthetic_gemeente():
    long, meta = synthetic_panel(n_areas=30, gemeenten=2, seed=5)
    codes = sorted(long["area_code"].unique())
    told = pd.DataFrame({"area_code": codes, "theme": "onveiligheid", "value": np.linspace(1, 9, len(codes)),
                         "n": 25, "source": "bewoners"})
    signals = pd.DataFrame({"area_code": codes[:2], "category": "explosie", "date": ["2024-03-01", "2024-04-01"]})
    adjacency = [(codes[i], codes[i + 1]) for i in range(len(codes) - 1)]
    cfg = {"uncertainty": {"draws": 100, "seed": 1, "top_k": 5, "frames": ["all", "gemeente"]},
           "told": {"theme_domains": {"onveiligheid": "veiligheid"}}, "focus": {"k": 5}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)
        res = run_urgency(long, meta, cfg, told=told, signals=signals, adjacency=adjacency)
    assert len(res.scores) == len(codes) and res.scores["index"].notna().all()
    assert {"domain_veiligheid", "domain_werk_uitkeringen", "domain_wonen"} <= set(res.scores.columns)
    assert len(res.contributions) == len(codes) * 6
    assert len(res.trends) == len(codes) * 7
    assert len(res.uncertainty) == len(codes) and len(res.divergence) == len(codes)
    assert set(res.types["urgency_type"]) <= {"acuut", "sluimerend", "meervoudig", "beleidskader", "geen"}
    # an incident in the signals alone is not acute urgency (003 §4.1 (1): it must reach media/politics/bestuur)
    assert not res.types.loc[codes[0], "acuut"] and res.types.loc[codes[0], "stream_incident"]
    assert "bereikte" in res.types.loc[codes[0], "reasons"]
    assert len(res.focus) == 5 and res.focus["cluster"].min() == 1
    assert res.weights["effective_weight"].sum() == pytest.approx(1.0)
    assert res.config.uncertainty.draws == 100
    top = res.scores["rank"].idxmin()
    expl = res.explanations.loc[top]
    assert expl["drivers_text"].startswith("Score ")
    driver = expl["driver_1"]
    c = res.contributions[res.contributions["area_code"] == top].set_index("indicator")
    assert c["deviation"].idxmax() == driver
    assert meta.set_index("indicator").loc[driver, "direction"] != "context"
    assert driver in expl["drivers_text"]  # no labels given: the id is the label


def test_wide_data_with_trend_data_and_yaml_config(tmp_path):
    long, meta = synthetic_panel(n_areas=12, gemeenten=1, seed=9)
    wide = long[long["period"] == 2024].pivot(index="area_code", columns="indicator", values="value")
    f = tmp_path / "urgentie.yaml"
    f.write_text("normalisation:\n  method: percentile\nuncertainty:\n  draws: 0\n", encoding="utf-8")
    res = run_urgency(wide, meta, f, trend_data=long)
    assert res.config.normalisation.method == "percentile"
    assert not res.trends.empty and res.period == 2024
    assert res.uncertainty.empty
    with pytest.raises(InputError) as exc:
        run_urgency(wide, meta, f, trend_data=wide)
    assert exc.value.column == "trend_data"


def test_context_indicators_are_never_scored():
    long, meta = synthetic_panel(n_areas=10, gemeenten=1)
    res = run_urgency(long, meta, quiet())
    assert "stedelijkheid" not in set(res.contributions["indicator"])
    assert "inwoners" not in set(res.weights["indicator"])


def test_areas_without_enough_data_get_no_score():
    meta = make_meta([("a", "veiligheid", "hoger_is_slechter"), ("b", "wonen", "hoger_is_slechter")])
    wide = wide_from({"a": [1.0, 2.0, np.nan, 4.0], "b": [1.0, np.nan, np.nan, 2.0]})
    res = run_urgency(wide, meta, quiet(missing={"min_weight_share": 0.6}))
    assert res.scores["status"].tolist() == ["gescoord", "te weinig gegevens", "te weinig gegevens", "gescoord"]
    assert res.scores["rank"].isna().tolist() == [False, True, True, False]
    assert "geen_score" in res.diagnostics["code"].tolist()
    assert res.explanations["drivers_text"].iloc[1].startswith("geen score")


def shared_file() -> "Path | None":
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    base = Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
    f = base / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
    return f if f.is_file() else None


@pytest.mark.skipif(shared_file() is None, reason="echte CBS-gegevens niet gevonden (zet WIJKLIB_SHARED_DATA)")
def test_real_buurten_of_one_gemeente_against_the_country():
    raw = pd.read_csv(shared_file(), dtype={"code": str, "postcode": str})
    b = raw[raw["niveau"] == "buurt"].set_index("code")
    cols = {"inwoners": "inwoners", "stedelijkheid": "stedelijkheid", "wozWaarde": "woz_waarde",
            "koopwoningen": "koopwoningen_pct", "goed_ervaren_gezondheid_pct": "goed_ervaren_gezondheid_pct",
            "afstandHuisarts": "afstand_huisarts_km", "afstandSupermarkt": "afstand_supermarkt_km"}
    nation = b[list(cols)].rename(columns=cols).apply(pd.to_numeric, errors="coerce")
    nation["misdrijven_per_1000"] = pd.to_numeric(b["misdrijven_2024"], errors="coerce") / nation["inwoners"] * 1000
    meta = make_meta([("inwoners", "samenstelling", "context"), ("stedelijkheid", "samenstelling", "context"),
                      ("woz_waarde", "wonen", "hoger_is_beter", 50),
                      ("koopwoningen_pct", "wonen", "hoger_is_beter", 50),
                      ("goed_ervaren_gezondheid_pct", "gezondheid_zorg", "hoger_is_beter", 100),
                      ("afstand_huisarts_km", "voorzieningen", "hoger_is_slechter"),
                      ("afstand_supermarkt_km", "voorzieningen", "hoger_is_slechter"),
                      ("misdrijven_per_1000", "veiligheid", "hoger_is_slechter", 200)])
    gm = nation[nation.index.str.startswith("BU0363")]  # Amsterdam
    assert len(gm) > 400
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)
        res = run_urgency(gm, meta, {"uncertainty": {"draws": 50, "top_k": 20}}, reference_data=nation)
    sc = res.scores
    assert sc["index"].notna().mean() > 0.8
    # national frame: the reference of every buurt is the whole country
    assert (sc["reference_size"] == len(nation)).all()
    sums = res.contributions.groupby("area_code")["contribution"].sum(min_count=1).reindex(sc.index)
    np.testing.assert_allclose(sums, sc["index"], atol=1e-9)
    small = sc["n_unreliable"] > 0
    assert small.any()  # buurten with few inhabitants exist and are reported


def test_divergence_has_its_columns_without_told_data():
    """Without told data the divergence table is empty but keeps its columns, so callers can filter it."""
    import pandas as pd

    from wijklib.urgency import run_urgency
    from wijklib.urgency.engine import DIVERGENCE_COLUMNS

    wide = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 2.0, 1.0], "inwoners": [1000] * 4},
                        index=pd.Index(["BU00010001", "BU00010002", "BU00010003", "BU00010004"], name="area_code"))
    meta = {"a": {"domain": "wonen", "direction": "hoger_is_slechter"},
            "b": {"domain": "veiligheid", "direction": "hoger_is_beter"}}
    result = run_urgency(wide, meta, {"uncertainty": {"draws": 10, "top_k": 2}, "focus": {"k": 2}})
    assert list(result.divergence.columns) == DIVERGENCE_COLUMNS
    assert result.divergence.empty
