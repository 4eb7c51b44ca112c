"""Urgency type rules, incident counting, and tellen en vertellen (divergence)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.urgency import classify_urgency, count_incidents, divergence, run_urgency
from wijklib.urgency.divergence import midrank_percentile, told_stream

from urgency_helpers import quiet, synthetic_panel

# one row per rule case: streams -> expected primary type (003 §4.1 as operationalised by wijklib)
CASES = {
    "leeg":            ({}, "geen"),
    # an incident alone has not (yet) reached media, politics or bestuur: not acute
    "incident":        ({"n_incidents": 2, "incident_categories": "explosie"}, "geen"),
    "incident_media":  ({"log_incident": 1, "log_media": 1}, "acuut"),
    "signaal_politiek": ({"n_incidents": 1, "log_politiek": 1}, "acuut"),
    # a spike in the figures is shown but is no incident that reached administrators
    "piek":            ({"spike_max": 2.0, "spike_indicators": "geweld"}, "geen"),
    "daling":          ({"index_trend": "verslechtert"}, "sluimerend"),
    "stagnatie":       ({"index_trend": "stagneert"}, "sluimerend"),
    "deel_slechter":   ({"share_worsening": 0.4, "worsening": "a, b"}, "sluimerend"),
    # any class: a worst-class, stacked, declining buurt without told data is sluimerend
    "slechtste_daling": ({"in_worst_class": True, "stacked": True, "index_trend": "verslechtert"}, "sluimerend"),
    "verteld_niet":    ({"in_worst_class": True, "index_trend": "verslechtert", "told_urgent": False}, "sluimerend"),
    # accumulating professional/resident signals while the figures lag
    "signalen":        ({"n_signals": 2, "log_signals": 1}, "sluimerend"),
    "te_weinig_signalen": ({"n_signals": 1, "log_signals": 1}, "geen"),
    # societal + political + administrative streams in one period
    "drie_stromen":    ({"in_worst_class": True, "log_stream_politiek": 1, "log_stream_bestuurlijk": 1}, "meervoudig"),
    "twee_stromen":    ({"in_worst_class": True, "log_stream_politiek": 1}, "geen"),
    "verteld_drie":    ({"told_urgent": True, "log_politiek": 1, "log_bestuurlijk": 2}, "meervoudig"),
    "geen_maatschappelijk": ({"log_stream_politiek": 1, "log_stream_bestuurlijk": 1}, "geen"),
    "norm":            ({"policy_deviation": "bijstand is 90, hoger dan de lokale norm 60 (bron: Visie)"},
                        "beleidskader"),
    "initiatief":      ({"initiatives": "01-06-2024 bewonersinitiatief: buurtwandelingen"}, "geen"),
    "geteld_verteld":  ({"in_worst_class": True, "told_urgent": True}, "geen"),
}


def test_urgency_type_rules():
    streams = pd.DataFrame([v for v, _ in CASES.values()], index=list(CASES))
    out = classify_urgency(streams, spike_sd=1.5, min_incidents=1, min_share_worsening=0.25, min_signals=3)
    assert out["urgency_type"].to_dict() == {k: t for k, (_, t) in CASES.items()}
    assert out.loc["slechtste_daling", "sluimerend"] and out.loc["slechtste_daling", "stream_counted"]
    assert "003 §4.1 (2)" in out.loc["slechtste_daling", "reasons"]
    assert "al bij de slechtste" in out.loc["slechtste_daling", "reasons"]
    assert "003 §4.1 (1)" in out.loc["incident_media", "reasons"]
    assert "003 §4.1 (3)" in out.loc["drie_stromen", "reasons"]
    assert "Rotterdam Zuid" in out.loc["norm", "reasons"] and "bron: Visie" in out.loc["norm", "reasons"]
    assert "bereikte" in out.loc["incident", "reasons"] and "explosie" in out.loc["incident", "reasons"]
    assert "geen acute urgentie" in out.loc["piek", "reasons"]
    assert "keuze van wijklib" in out.loc["signalen", "reasons"]
    assert "geen bestuurlijke aanleiding" in out.loc["twee_stromen", "reasons"]
    # positive urgency is shown, never a problem type
    assert out.loc["initiatief", "positive_urgency"].startswith("01-06-2024")
    assert "positieve urgentie" in out.loc["initiatief", "reasons"]
    assert not out.loc["initiatief", ["acuut", "sluimerend", "meervoudig", "beleidskader"]].any()
    assert out.loc["verteld_drie", "stream_told"] is True
    assert out.loc["leeg", "stream_told"] is None
    assert out.loc["leeg", "reasons"].startswith("geen van de regels")
    # several types can hold at once; the primary one is listed first by the order meervoudig > acuut > ...
    both = classify_urgency(pd.DataFrame([{"log_incident": 1, "log_media": 1, "index_trend": "verslechtert"}]))
    assert both.iloc[0]["urgency_type"] == "acuut" and both.iloc[0]["sluimerend"]


def test_incident_alone_is_acute_only_when_the_setting_allows_it():
    streams = pd.DataFrame([{"log_incident": 1}])
    assert classify_urgency(streams).iloc[0]["urgency_type"] == "geen"
    out = classify_urgency(streams, acute_requires_attention=False).iloc[0]
    assert out["urgency_type"] == "acuut" and "keuze van wijklib" in out["reasons"]


def test_count_incidents_window_and_categories():
    sig = pd.DataFrame({
        "area_code": ["A", "A", "A", "B", "C"],
        "category": ["explosie", "schietincident", "explosie", "overlast", "explosie"],
        "date": ["2024-06-01", "2024-03-01", "2022-01-01", "2024-05-01", "2024-06-15"],
        "count": [1, 2, 5, 4, 1],
    })
    areas = pd.Index(["A", "B", "C", "D"])
    out = count_incidents(sig, areas, window_months=12)
    assert out["n_incidents"].tolist() == [3.0, 4.0, 1.0, 0.0]
    assert out.loc["A", "incident_categories"] == "schietincident, explosie"
    only = count_incidents(sig, areas, categories=["explosie"], window_months=12)
    assert only["n_incidents"].tolist() == [1.0, 0.0, 1.0, 0.0]
    ref = count_incidents(sig, areas, window_months=3, reference_date="2024-06-30")
    assert ref["n_incidents"].tolist() == [1.0, 4.0, 1.0, 0.0]
    by_year = count_incidents(pd.DataFrame({"area_code": ["A", "B"], "category": ["x", "x"], "period": [2023, 2024]}),
                              areas)
    assert by_year["n_incidents"].tolist() == [0.0, 1.0, 0.0, 0.0]
    with pytest.raises(InputError) as exc:
        count_incidents(sig.assign(date=["2024-06-01", "gisteren", "2022", "2024", "2024"]), areas)
    assert exc.value.row == 2 and exc.value.column == "date"


def counted_frame():
    return pd.DataFrame({"veiligheid": [4.0, 3.0, 2.0, 1.0]}, index=["A", "B", "C", "D"])


def test_divergence_hand_computed_both_ways():
    told = pd.DataFrame({
        "area_code": ["A", "B", "C", "D"],
        "theme": "onveiligheid",
        "value": [1.0, 2.0, 3.0, 4.0],        # told: D most unsafe, counted: A worst
        "n": [50, 50, 50, 50],
        "source": "bewoners",
    })
    div = divergence(counted_frame(), told, theme_domains={"onveiligheid": "veiligheid"}, threshold=25)
    d = div.set_index("area_code")
    np.testing.assert_allclose(d["told_pct"], [12.5, 37.5, 62.5, 87.5])
    np.testing.assert_allclose(d["counted_pct"], [87.5, 62.5, 37.5, 12.5])
    np.testing.assert_allclose(d["divergence"], [-75, -25, 25, 75])
    assert d["signal"].tolist() == ["geteld_ernstiger", "geteld_ernstiger", "verteld_ernstiger",
                                    "verteld_ernstiger"]
    assert "meer problemen dan de cijfers" in d.loc["D", "text"]
    assert "ernstiger dan wat bewoners" in d.loc["A", "text"]


def test_divergence_direction_min_n_and_agreement():
    told = pd.DataFrame({
        "area_code": ["A", "B", "C", "D"],
        "theme": "veiligheid",                      # a domain id maps to itself
        "value": [2.0, 5.0, 7.0, 9.0],              # "veiligheidsgevoel": higher is better
        "direction": "hoger_is_beter",
        "n": [40, 40, 40, 3],                       # D too few respondents
    })
    div = divergence(counted_frame(), told, min_n=10, threshold=25).set_index("area_code")
    assert not div.loc["D", "reliable"] and np.isnan(div.loc["D", "divergence"])
    assert div.loc["D", "signal"] == "niet_vergelijkbaar"
    assert "te weinig waarnemingen" in div.loc["D", "text"]
    np.testing.assert_allclose(div.loc[["A", "B", "C"], "divergence"], [0.0, 0.0, 0.0])
    assert (div.loc[["A", "B", "C"], "signal"] == "overeenkomend").all()


def test_divergence_needs_domain_and_enough_areas():
    told = pd.DataFrame({"area_code": ["A", "B"], "theme": ["eenzaamheid", "veiligheid"], "value": [1.0, 2.0]})
    div = divergence(counted_frame(), told, min_areas=3).set_index("theme")
    assert "hoort bij geen domein" in div.loc["eenzaamheid", "text"]
    assert "te weinig gebieden" in div.loc["veiligheid", "text"]
    with pytest.raises(InputError) as exc:
        divergence(counted_frame(), told.assign(value=["1", "veel"]))
    assert exc.value.row == 2 and exc.value.column == "value"


def test_told_stream():
    told = pd.DataFrame({"area_code": ["A", "B", "C", "D"], "theme": "veiligheid", "value": [1.0, 2.0, 3.0, 4.0]})
    div = divergence(counted_frame(), told)
    s = told_stream(div, pd.Index(["A", "B", "C", "D", "E"]), urgent_percentile=75)
    assert s.tolist()[:4] == [False, False, False, True]
    assert pd.isna(s["E"])
    assert midrank_percentile(np.array([3.0, np.nan, 1.0])).tolist()[::2] == [75.0, 25.0]


def test_types_end_to_end_with_told_signals_and_log():
    from wijklib.aanleidingen import read_aanleidingen

    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    res0 = run_urgency(long, meta, quiet())
    top = res0.scores["rank"].idxmin()
    # worsen the top area over time so the counted and the trend stream agree; residents agree too
    m = (long["area_code"] == top) & long["indicator"].isin(["misdrijven_per_1000", "bijstand_per_1000"])
    long.loc[m, "value"] = long.loc[m, "value"] * long.loc[m, "period"].map({2020: 0.5, 2022: 1.0, 2024: 2.0})
    codes = sorted(long["area_code"].unique())
    told = pd.DataFrame({"area_code": codes, "theme": "veiligheid", "value": np.arange(len(codes), dtype=float),
                         "n": 30})
    told.loc[told["area_code"] == top, "value"] = 100.0
    quiet_area = next(c for c in codes if c != top)
    other = next(c for c in codes if c not in (top, quiet_area))
    signals = pd.DataFrame({"area_code": [quiet_area], "category": ["explosie"], "date": ["2024-05-01"]})
    log = read_aanleidingen(pd.DataFrame({
        "buurtcode": [top, top, quiet_area, other],
        "datum": ["2024-02-01", "2024-06-01", "2024-05-03", "2024-04-01"],
        "soort": ["politiek", "bestuurlijk", "media", "bewonersinitiatief"],
        "omschrijving": ["motie over de buurt", "college start gebiedsaanpak", "krant over de explosie",
                         "buurtmoeders lopen avondrondes"],
        "bron": ["raad", "college", "krant", "bewonersoverleg"]}), areas=codes)
    res = run_urgency(long, meta, quiet(), told=told, signals=signals, aanleidingen=log)
    t = res.types
    assert t.loc[top, "urgency_type"] == "meervoudig" and t.loc[top, "sluimerend"]
    assert t.loc[quiet_area, "urgency_type"] == "acuut"
    assert "1 incident(en)" in t.loc[quiet_area, "reasons"] and "krant over de explosie" in t.loc[quiet_area,
                                                                                                    "reasons"]
    assert t.loc[other, "positive_urgency"] and not t.loc[other, ["acuut", "meervoudig"]].any()
    assert len(res.divergence) == len(codes)
    # without the log the incident alone is not acute
    res2 = run_urgency(long, meta, quiet(), told=told, signals=signals)
    assert res2.types.loc[quiet_area, "urgency_type"] != "acuut"


@pytest.mark.parametrize("frame", ["all", "gemeente", "peers"])
def test_recent_spike_is_shown_but_not_acute(frame):
    long, meta = synthetic_panel(n_areas=24, gemeenten=2, seed=4)
    codes = sorted(long["area_code"].unique())
    spiky = codes[5]
    m = (long["area_code"] == spiky) & (long["indicator"] == "geweld_per_1000") & (long["period"] == 2024)
    long.loc[m, "value"] = long.loc[m, "value"] + 50.0  # far above its own earlier years
    res = run_urgency(long, meta, quiet(reference={"frame": frame, "peers": {"k": 6, "context": ["stedelijkheid"]}}))
    t = res.types.loc[spiky]
    assert not t["acuut"] and not t["stream_incident"]
    assert "recente piek in de cijfers bij geweld_per_1000" in t["reasons"]
    spikes = res.trends.set_index(["area_code", "indicator"])["spike_sd"]
    assert spikes.loc[(spiky, "geweld_per_1000")] >= 1.5


def test_policy_frame_from_a_local_norm():
    long, meta = synthetic_panel(n_areas=20, gemeenten=1, seed=3)
    last = long[(long["period"] == 2024) & (long["indicator"] == "bijstand_per_1000")].set_index("area_code")["value"]
    norm = float(last.median())
    cfg = quiet(types={"policy_norms": {"bijstand_per_1000": {"norm": norm, "source": "Armoedenota 2024, p. 3"}}})
    res = run_urgency(long, meta, cfg)
    t = res.types
    above = last[last > norm].index
    assert len(above) and t.loc[above, "beleidskader"].all()
    assert not t.loc[last[last <= norm].index, "beleidskader"].any()
    a = above[0]
    assert "Armoedenota 2024, p. 3" in t.loc[a, "policy_deviation"] and "lokale norm" in t.loc[a, "reasons"]
    assert (t.loc[t["beleidskader"] & ~t["meervoudig"] & ~t["acuut"], "urgency_type"] == "beleidskader").all()
    # a norm needs its document
    with pytest.raises(InputError) as exc:
        run_urgency(long, meta, quiet(types={"policy_norms": {"bijstand_per_1000": {"norm": 1.0, "source": ""}}}))
    assert "policy_norms" in str(exc.value.column)


def test_unscored_area_gets_no_trend_type_and_structural_backlog_is_explained():
    streams = pd.DataFrame({
        "in_worst_class": [False, True], "stacked": [False, True], "index_trend": ["onvoldoende_jaren", "stabiel"],
        "share_worsening": [0.5, 0.0], "worsening": ["afstand tot huisarts", ""], "scored": [False, True],
    }, index=pd.Index(["BU00010001", "BU00010002"], name="area_code"))
    types = classify_urgency(streams)
    assert types.at["BU00010001", "urgency_type"] == "geen" and not types.at["BU00010001", "sluimerend"]
    assert "te weinig betrouwbare cijfers" in types.at["BU00010001", "reasons"]
    assert "afstand tot huisarts" not in types.at["BU00010001", "reasons"]
    assert types.at["BU00010002", "urgency_type"] == "geen"
    reasons = types.at["BU00010002", "reasons"]
    assert "leg aanleidingen vast" in reasons and "geen apart" not in reasons


def test_divergence_names_a_domain_without_figures_in_the_scored_year():
    # the theme has a domain, but the scored year has no figures for it: say that, not "hoort bij geen domein"
    told = pd.DataFrame({"area_code": ["A", "B", "C"], "theme": "veiligheid", "value": [1.0, 2.0, 3.0]})
    counted = counted_frame().drop(columns="veiligheid")
    div = divergence(counted, told, theme_domains={"veiligheid": "veiligheid"}, period=2019)
    texts = set(div["text"])
    assert texts == {"er zijn geen cijfers voor domein veiligheid in 2019: thema 'veiligheid' is daarom niet met "
                     "de cijfers te vergelijken"}
    assert (div["signal"] == "niet_vergelijkbaar").all() and (div["domain"] == "veiligheid").all()
    # a domain column without any value in that year is the same case
    empty = counted_frame().assign(veiligheid=np.nan)
    div = divergence(empty, told, theme_domains={"veiligheid": "veiligheid"}, period=2019)
    assert all("geen cijfers voor domein veiligheid in 2019" in t for t in div["text"])
    assert not any("hoort bij geen domein" in t for t in div["text"])
