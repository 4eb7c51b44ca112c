"""One year and many years, small and special areas, missing domains (issue #12 items 3, 7 and 8)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from wijklib.urgency import UrgencyWarning, run_urgency
from wijklib.urgency.engine import TREND_COLUMNS
from wijklib.urgency.small_areas import shrink_rates, special_population
from wijklib.urgency.config import load_config

from urgency_helpers import quiet, synthetic_panel


# ------------------------------------------------------------------------------------------ one and many years


def test_one_year_runs_every_step_and_says_why_there_is_no_trend():
    long, meta = synthetic_panel(n_areas=20, periods=(2024,), seed=2)
    res = run_urgency(long, meta, quiet())
    assert list(res.trends.columns) == TREND_COLUMNS and res.trends.empty
    # what notebook 01 does in its trends cell: no KeyError on an empty trend table
    assert res.trends[res.trends["indicator"] == "urgentie_index"].empty
    assert "één jaar (2024)" in res.trend_note and "minstens twee" in res.trend_note
    assert "minstens 3 voor een robuuste helling" in res.trend_note
    assert "trend_jaren" in set(res.diagnostics["code"])
    assert not res.types["sluimerend"].any() and len(res.focus)


def test_two_years_give_a_difference_never_a_robust_slope():
    long, meta = synthetic_panel(n_areas=20, periods=(2022, 2024), seed=2)
    res = run_urgency(long, meta, quiet())  # min_periods 3 (default) is kept, not lowered to 2
    assert res.config.trends.min_periods == 3
    tr = res.trends
    assert (tr["trend"] == "onvoldoende_jaren").all()
    assert set(tr["trend_kind"]) == {"verschil"}
    assert set(tr["difference"]) <= {"verslechtert", "verbetert", "stabiel", "stagneert"} and tr["difference"].ne("").all()
    assert "verschil tussen jaren, geen robuuste helling" in res.trend_note
    # a difference does not make an area sluimerend by default ...
    assert not res.types["stream_trend"].any()
    assert res.types["reasons"].str.contains("verschil tussen twee jaren").any()
    # ... unless the user chooses so
    res2 = run_urgency(long, meta, quiet(trends={"differences_count": True}))
    assert res2.types["stream_trend"].any()


def test_three_years_give_robust_slopes():
    long, meta = synthetic_panel(n_areas=20, seed=2)
    res = run_urgency(long, meta, quiet())
    idx = res.trends[res.trends["indicator"] == "urgentie_index"]
    assert set(idx["trend_kind"]) == {"helling"} and (idx["difference"] == "").all()
    assert idx["trend"].isin(["verslechtert", "verbetert", "stabiel", "stagneert"]).all()


def test_index_over_the_years_uses_only_shared_indicators():
    long, meta = synthetic_panel(n_areas=20, seed=2)
    # woz_waarde exists only in the last year: comparing indices over years must leave it out
    long = long[~((long["indicator"] == "woz_waarde") & (long["period"] < 2024))]
    res = run_urgency(long, meta, quiet())
    assert "woz_waarde" not in res.trend_indicators and "bijstand_per_1000" in res.trend_indicators
    assert len(res.trend_indicators) == 5
    assert "weggelaten omdat ze niet in alle jaren voorkomen: woz_waarde" in res.trend_note
    # the index series is the same as when woz_waarde is not there at all
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UrgencyWarning)  # dominance of one indicator with only 5 left
        ref = run_urgency(long[long["indicator"] != "woz_waarde"], meta, quiet())
    a = res.trends[res.trends["indicator"] == "urgentie_index"].set_index("area_code")["slope"]
    b = ref.trends[ref.trends["indicator"] == "urgentie_index"].set_index("area_code")["slope"]
    pd.testing.assert_series_equal(a, b)


# ---------------------------------------------------------------------------------------------- missing domains


def test_a_domain_without_data_is_disclosed_with_the_redistributed_weights():
    long, meta = synthetic_panel(n_areas=20, periods=(2024,), seed=2)
    no_safety = long[~long["indicator"].isin(["misdrijven_per_1000", "geweld_per_1000"])]
    with pytest.warns(UrgencyWarning, match="geen cijfers voor het domein veiligheid"):
        res = run_urgency(no_safety, meta, quiet())
    md = res.missing_domains.set_index("domain")
    assert md.loc["veiligheid", "missing"] and not md.loc["wonen", "missing"]
    assert md.loc["veiligheid", "weight_nominal"] == pytest.approx(1 / 3)
    assert md.loc["wonen", "weight_used"] == pytest.approx(0.5) and md.loc["veiligheid", "weight_used"] == 0
    text = res.missing_domains_text()
    assert text.startswith("In 2024 zijn er geen cijfers voor het domein veiligheid (2 indicatoren")
    assert "33%" in text and "wonen 33% -> 50%" in text
    assert "domein_ontbreekt" in set(res.diagnostics["code"])
    full = run_urgency(long, meta, quiet())
    assert full.missing_domains_text() == "" and not full.missing_domains["missing"].any()


# ------------------------------------------------------------------------------------------ small and special


def test_empirical_bayes_pulls_small_areas_more():
    rng = np.random.default_rng(3)
    pop = np.r_[np.full(40, 3000.0), 80.0, 80.0]
    vals = np.r_[rng.normal(20, 3, 40), 60.0, 5.0][:, None]
    s, _, w = shrink_rates(vals, pop, vals, pop, ["laag_inkomen_pct"])
    mean = np.average(vals[:, 0], weights=pop)
    assert w[-1, 0] < 0.9 and w[-1, 0] < w[0, 0] <= 1
    assert abs(s[-2, 0] - mean) < abs(vals[-2, 0] - mean) and abs(s[-1, 0] - mean) < abs(vals[-1, 0] - mean)
    # a level (not a rate) is never shrunk
    s2, _, w2 = shrink_rates(vals, pop, vals, pop, ["woz_waarde"])
    np.testing.assert_array_equal(s2, vals) and np.testing.assert_array_equal(w2, 1.0)


def test_small_areas_are_never_robust_in_and_the_minimum_is_settable():
    long, meta = synthetic_panel(n_areas=20, seed=2)
    codes = sorted(long["area_code"].unique())
    tiny = codes[0]
    long.loc[(long["area_code"] == tiny) & (long["indicator"] == "inwoners"), "value"] = 250.0
    # make the tiny area extreme on every rate: top of the ranking in every scenario
    for ind, f in (("misdrijven_per_1000", 4.0), ("geweld_per_1000", 4.0), ("bijstand_per_1000", 4.0),
                   ("corporatiewoningen_pct", 1.4)):
        m = (long["area_code"] == tiny) & (long["indicator"] == ind)
        long.loc[m, "value"] *= f
    cfg = {"uncertainty": {"draws": 200, "seed": 1, "top_k": 5}}
    res = run_urgency(long, meta, cfg)
    assert res.scores.at[tiny, "small_population"] and res.scores.at[tiny, "population"] == 250
    u = res.uncertainty
    assert u.at[tiny, "p_top_k"] > 0.9 and u.at[tiny, "robustness"] == "grensgeval"
    assert "nooit 'robuust in'" in u.at[tiny, "robustness_note"]
    assert not ((u["robustness"] == "robuust in") & res.scores["small_population"].reindex(u.index)).any()
    # shrinkage moved the tiny area's rates toward the mean, its value column keeps the raw figure
    c = res.contributions[(res.contributions["area_code"] == tiny)].set_index("indicator")
    assert c.at["bijstand_per_1000", "shrunk_value"] < c.at["bijstand_per_1000", "value"]
    # the minimum is a setting
    res0 = run_urgency(long, meta, {**cfg, "small_population": {"min_population": 0}})
    assert res0.uncertainty.at[tiny, "robustness"] == "robuust in"
    # per indicator minimum population overrides the indicator list
    res_ind = run_urgency(long, meta, quiet(small_population={"indicators": {"bijstand_per_1000": 300}}))
    ci = res_ind.contributions.set_index(["area_code", "indicator"])
    assert ci.at[(tiny, "bijstand_per_1000"), "unreliable"]


def test_special_population_rules_with_reasons():
    profile = pd.DataFrame({"inwoners": [1000, 500, 400, 2000, 300],
                            "huishoudens": [450, 100, 390, 900, 150],
                            "jongeren_15_25_pct": [12, 10, 70, 11, 8],
                            "bedrijfsvestigingen": [50, 20, 10, 80, 900]},
                           index=pd.Index(["A", "B", "C", "D", "E"], name="area_code"))
    cfg = load_config(None).small_population.special
    out = special_population(profile, cfg, names={"D": "Sportpark Noord"})
    assert out["special_population"].tolist() == [False, True, True, True, True]
    assert "inwoners per huishouden" in out.at["B", "special_reason"]
    assert "15-25 jaar" in out.at["C", "special_reason"]
    assert "sportpark" in out.at["D", "special_reason"] and "keuze van wijklib" in out.at["D", "special_reason"]
    assert "bedrijfsvestigingen per inwoner" in out.at["E", "special_reason"]
    # with the average household size the share outside private households is used
    prof2 = profile.assign(huishoudensgrootte=[2.2, 2.0, 1.0, 2.2, 2.0])
    out2 = special_population(prof2, cfg)
    assert out2.at["B", "special_population"] and "particulier huishouden" in out2.at["B", "special_reason"]
    assert not out2.at["A", "special_population"]


def test_amsterdam_2019_small_and_special_buurten(shared_data):
    from wijklib.analysis import load_gemeente, run_analysis

    ws = load_gemeente(shared_data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg",
                       [shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"], gemeente="GM0363")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_analysis(ws, overrides={"uncertainty": {"draws": 200}})
    sc = res.scores.join(res.uncertainty[["robustness", "p_top_k"]])
    minimum = res.config.small_population.min_population
    small = sc["population"] < minimum
    assert small.sum() > 50
    assert not (small & (sc["robustness"] == "robuust in")).any()
    # the sports park with student housing (250 inhabitants) that used to lead as "robuust in"
    assert sc.at["BU03635604", "special_population"] and sc.at["BU03635604", "robustness"] != "robuust in"
    assert "15-25 jaar" in sc.at["BU03635604", "special_reason"]
    top20 = sc.sort_values("rank").head(20)
    assert top20["special_population"].sum() >= 2
    # KWB 2019 has no crime figures: the safety domain is disclosed as missing
    assert "veiligheid" in res.missing_domains_text() and res.missing_domains_text().startswith("In 2019")
    assert "één jaar (2019)" in res.trend_note and res.trends.empty


def test_worst_class_declining_buurt_without_told_data_is_sluimerend_end_to_end():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    top = run_urgency(long, meta, quiet()).scores["rank"].idxmin()
    m = (long["area_code"] == top) & long["indicator"].isin(["misdrijven_per_1000", "bijstand_per_1000",
                                                               "corporatiewoningen_pct"])
    long.loc[m, "value"] *= long.loc[m, "period"].map({2020: 0.6, 2022: 1.0, 2024: 1.6})
    res = run_urgency(long, meta, quiet())
    t = res.types.loc[top]
    assert res.scores.at[top, "in_worst_class"] and t["stream_told"] is None
    assert t["urgency_type"] == "sluimerend" and t["sluimerend"] and t["stream_counted"]
    assert "al bij de slechtste" in t["reasons"] and "robuuste helling" in t["reasons"]


def test_focus_list_carries_small_and_special_flags():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    res = run_urgency(long, meta, quiet(focus={"k": 20}))
    f = res.focus.set_index("area_code")
    assert {"population", "small_population", "special_population", "special_reason"} <= set(f.columns)
    small = f[f["small_population"]]
    assert len(small) and small["reasons"].str.contains("kleine buurt").all()


def test_special_population_office_parks_and_dutch_thousands():
    """Office, industrial and recreation areas are named as special; numbers in the reasons are Dutch (1.250)."""
    profile = pd.DataFrame({"inwoners": [800, 300, 90, 1000, 600],
                            "misdrijven_per_1000": [20, 25, 30, 1250, 40]},
                           index=pd.Index(["A", "B", "C", "D", "E"], name="area_code"))
    cfg = load_config(None).small_population.special
    names = {"A": "Kantorenterrein Oosterenk", "B": "Industriegebied Vleddermond", "C": "Recreatiepark Pittelo",
             "D": "Stationsgebied", "E": "Natuurkundigenbuurt"}
    out = special_population(profile, cfg, names=names)
    assert out["special_population"].tolist() == [True, True, True, True, False]
    assert "'kantorenterrein'" in out.at["A", "special_reason"]
    assert "'industriegebied'" in out.at["B", "special_reason"]
    assert "'recreatiepark'" in out.at["C", "special_reason"]
    assert out.at["D", "special_reason"].startswith("1.250 misdrijven per 1.000 inwoners")
    # the yaml defaults and the model defaults agree
    from wijklib.urgency.config import SpecialPopulationConfig
    assert "kantorenterrein" in SpecialPopulationConfig().name_words


def test_special_population_scattered_houses_by_wijk_or_own_name():
    """A nature area in CBS's "Wijk 98 Verspreide bebouwing" and buurten named 'buitengebied'/'verspreide huizen'
    are special areas (keuze van wijklib), with the reason; an ordinary buurt in an ordinary wijk is not."""
    profile = pd.DataFrame({"inwoners": [390, 700, 500, 900]},
                           index=pd.Index(["BU05059804", "BU01069914", "BU00470109", "BU05050101"],
                                          name="area_code"))
    cfg = load_config(None).small_population.special
    names = {"BU05059804": "Dordtse Biesbosch", "WK050598": "Wijk 98 Verspreide bebouwing",
             "BU01069914": "Buitengebied Anreep", "WK010699": "Wijk 99",
             "BU00470109": "Verspreide huizen", "WK004701": "Wijk 01",
             "BU05050101": "Binnenstad", "WK050501": "Wijk 01 Binnenstad"}
    out = special_population(profile, cfg, names=names)
    assert out["special_population"].tolist() == [True, True, True, False]
    reason = out.at["BU05059804", "special_reason"]
    assert "Wijk 98 Verspreide bebouwing" in reason and "wijk_name_words" in reason and "keuze van wijklib" in reason
    assert "'buitengebied'" in out.at["BU01069914", "special_reason"]
    assert "'verspreide'" in out.at["BU00470109", "special_reason"]
    from wijklib.urgency.config import SpecialPopulationConfig
    assert SpecialPopulationConfig().wijk_name_words == cfg.wijk_name_words == ["verspreide"]
    assert {"buitengebied", "verspreide"} <= set(SpecialPopulationConfig().name_words) & set(cfg.name_words)


def test_engine_flags_a_buurt_in_a_verspreide_bebouwing_wijk_in_scores_and_focus():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    target = "BU99019804"  # the synthetic buurten are all in WK990101: move one to its own wijk WK990198
    long["area_code"] = long["area_code"].replace({sorted(long["area_code"].unique())[0]: target})
    codes = sorted(long["area_code"].unique())
    names = {c: f"Buurt {i}" for i, c in enumerate(codes)}
    names["WK" + target[2:8]] = "Wijk 98 Verspreide bebouwing"
    res = run_urgency(long, meta, quiet(focus={"k": 20}), names=names)
    sc = res.scores.set_index("area_code") if "area_code" in res.scores.columns else res.scores
    assert bool(sc.at[target, "special_population"])
    assert "Verspreide bebouwing" in sc.at[target, "special_reason"]
    others = [c for c in codes if c != target]
    assert others and not any("wijk_name_words" in str(sc.at[c, "special_reason"]) for c in others)
    f = res.focus.set_index("area_code")
    if target in f.index:
        assert "Verspreide bebouwing" in f.at[target, "reasons"]


def test_buurt_with_enough_figures_but_a_reference_of_two_gets_status_te_kleine_referentie():
    """Vlieland-like: 2 buurten, one with all figures and one with one figure. The first has enough figures of its
    own; its index fails on the reference (one buurt with a value per indicator), and the status says so."""
    long, meta = synthetic_panel(n_areas=2, gemeenten=1, periods=(2024,), seed=2)
    full, sparse = sorted(long["area_code"].unique())
    one = sorted(long["indicator"].unique())[0]
    long = long[(long["area_code"] == full) | (long["indicator"] == one)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_urgency(long, meta, quiet())
    st = res.scores["status"]
    assert st[full] == "te kleine referentie"
    assert st[sparse] == "te weinig gegevens"  # few figures of its own: the old reason stays
    msg = res.diagnostics.loc[res.diagnostics["code"] == "geen_score", "message"].iloc[0]
    assert "te weinig buurten met een waarde" in msg


def test_console_names_the_small_reference_as_the_reason():
    from wijklib.cli import _why_no_index

    sc = pd.DataFrame({"index": [np.nan, np.nan, 1.0], "reference_size": [2, 2, 2],
                       "status": ["te kleine referentie", "te weinig gegevens", "gescoord"]})
    text = _why_no_index(sc)
    assert "1 met genoeg eigen cijfers maar een te kleine referentie: 2 buurten" in text
    assert "1 wegens te weinig betrouwbare cijfers" in text
    only = _why_no_index(sc.iloc[[0, 2]])
    assert only.startswith("met genoeg eigen cijfers maar een te kleine referentie")
    assert "te weinig inwoners" not in only


def test_domains_are_named_by_their_dutch_label_in_focus_reasons_and_missing_domains():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    res = run_urgency(long, meta, quiet(focus={"k": 20}))
    reasons = " ".join(res.focus["reasons"])
    assert "in de slechtste groep" in reasons  # the sentence is there to check
    assert "werk_uitkeringen" not in reasons and "werk uitkeringen" not in reasons
    assert "werk en uitkeringen" in reasons
    # a domain without figures in the scored year: its label in the text, never the id with spaces
    long2 = long[~long["indicator"].isin(["bijstand_per_1000", "arbeidsparticipatie_pct"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res2 = run_urgency(long2, meta, quiet())
    text = res2.missing_domains_text()
    assert "geen cijfers voor het domein werk en uitkeringen" in text
    assert "werk uitkeringen" not in text and "veiligheid 33% -> 50%" in text
