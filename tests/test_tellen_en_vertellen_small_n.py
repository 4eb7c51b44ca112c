"""tellen_en_vertellen.csv: stories count only informants who consent to sharing and use their own minimum
(distinct sources); an exact count below the minimum is never written (researcher review)."""

from __future__ import annotations

import datetime as dt
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from wijklib.analysis import Werkset, load_demo, run_analysis, save_results, told_table
from wijklib.indicators import load_indicators
from wijklib.stakeholders.records import Consent, ResearchRecords
from wijklib.stories import Fragment, StorySet, default_codebook
from wijklib.urgency.divergence import divergence

CODES = ["BU99010101", "BU99010102", "BU99010103"]


def _ws_with_stories() -> Werkset:
    buurten = gpd.GeoDataFrame({"area_code": CODES, "name": ["Noord", "Midden", "Zuid"]},
                               geometry=[box(i, 0, i + 1, 1) for i in range(3)], crs="EPSG:28992")
    records = ResearchRecords(consents=(
        Consent(informant="I1", datum=dt.date(2024, 1, 1), reikwijdte="alles"),
        Consent(informant="I2", datum=dt.date(2024, 1, 1), reikwijdte="relaties|verhalen")))  # no 'delen'
    frags = tuple(Fragment(fragment_id=f"F{i}", tekst="tekst", bron=f"B{i}", bronrol="bewoner", informant=inf,
                           buurtcode="BU99010101", codes=("veiligheid",))
                  for i, inf in enumerate(["I1", "I1", None, "I2", "I2"], start=1))
    counted = pd.DataFrame(columns=["area_code", "indicator", "period", "value", "status"])
    return Werkset(gemeente_code="GM9901", gemeente_naam="Test", buurten=buurten, wijken=None, counted=counted,
                   indicators=load_indicators(), stories=StorySet(frags, default_codebook()).apply_consent(records),
                   stories_min_sources=3)


def test_stories_count_only_informants_who_consent_to_sharing_with_their_own_minimum():
    told = told_table(_ws_with_stories())
    row = told[told["source"] == "verhalen"].set_index(["area_code", "theme"]).loc[("BU99010101", "veiligheid")]
    assert row["value"] == 3 and row["n"] == 3  # I2's two fragments (no 'delen') are not counted
    assert row["min_n"] == 3  # the stories' own minimum (distinct sources), not the survey's 10


def test_divergence_uses_a_rows_own_minimum_and_never_prints_a_small_exact_n():
    told = pd.DataFrame({"area_code": CODES * 2, "theme": "veiligheid",
                         "source": ["verhalen"] * 3 + ["bewoners"] * 3, "value": [4.0, 3.0, 5.0, 60, 70, 50],
                         "n": [4, 3, 5, 12, 9, 15], "min_n": [3, 3, 3, np.nan, np.nan, np.nan],
                         "direction": ["hoger_is_slechter"] * 3 + ["hoger_is_beter"] * 3})
    counted = pd.DataFrame({"veiligheid": [50.0, 10.0, 90.0]}, index=CODES)
    div = divergence(counted, told, min_n=10, min_areas=2).set_index(["source", "area_code"])
    stories = div.loc["verhalen"]
    assert stories["reliable"].all() and (stories["min_n"] == 3).all()  # 3-5 sources count for stories
    assert stories["told_pct"].notna().all()
    small = div.loc[("bewoners", "BU99010102")]
    assert not small["reliable"] and small["min_n"] == 10
    assert "n < 10" in small["text"] and "n=9" not in small["text"] and " 9" not in small["text"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uit")
    ws = load_demo()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(ws, overrides={"uncertainty": {"draws": 0}})
    save_results(result, folder, ws)
    return result, folder


def test_csv_shows_below_the_minimum_as_less_than_and_says_which_minimum(saved):
    result, folder = saved
    engine = result.divergence
    small = engine[engine["n"].notna() & ~engine["reliable"].astype(bool)]
    assert len(small)  # the demo survey has buurten with fewer than 10 respondents
    csv = pd.read_csv(folder / "tellen_en_vertellen.csv", dtype=str, keep_default_na=False)
    assert "min_n" in csv.columns
    shown = csv[csv["reliable"] == "False"]
    assert (shown.loc[shown["n"] != "", "n"] == "< 10").all() and (shown["n"] == "< 10").any()
    assert (shown.loc[shown["n"] != "", "min_n"] == "10").all()
    exact = pd.to_numeric(csv["n"], errors="coerce")
    assert not ((exact < 10) & exact.notna()).any()  # no exact count below the minimum anywhere
    assert not csv["text"].str.contains(r"n=[0-9]\b").any()
    readme = (folder / "LEESMIJ.md").read_text(encoding="utf-8")
    assert "min_n is de minimumgrens" in readme
