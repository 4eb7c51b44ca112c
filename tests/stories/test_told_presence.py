"""Coded stories count as told data for a buurt: "is er vertelde data voor deze buurt?" """

from __future__ import annotations

import pandas as pd

from wijklib.urgency.engine import told_sources
from wijklib.urgency.typology import classify_urgency


def test_told_sources_names_stories_per_area():
    told = pd.DataFrame({"area_code": ["BU1", "BU1", "BU2", "BU3"], "theme": ["jeugd", "wonen", "jeugd", "jeugd"],
                         "source": ["verhalen", "bewoners", "verhalen", "bewoners"],
                         "value": [4.0, 60.0, 3.0, float("nan")]})
    out = told_sources(told, ["BU1", "BU2", "BU3", "BU4"])
    assert out["BU1"] == "enquête, verhalen" and out["BU2"] == "verhalen"
    assert out["BU3"] == "" and out["BU4"] == ""  # a withheld survey mean (no value) is no told data
    assert (told_sources(None, ["BU1"]) == "").all()


def test_reason_does_not_say_no_told_data_when_there_are_stories():
    streams = pd.DataFrame({"stacked": [True, True], "told_sources": ["verhalen", ""]}, index=["BU1", "BU2"])
    reasons = classify_urgency(streams)["reasons"]
    assert "geen vertelde gegevens" not in reasons["BU1"]
    assert "er zijn vertelde gegevens (verhalen)" in reasons["BU1"]
    assert "geen vertelde gegevens" in reasons["BU2"]


def test_demo_stories_alone_count_as_told_data_in_the_analysis():
    from wijklib.analysis import add_stories, load_demo, run_analysis

    ws = load_demo()
    ws.survey = ws.schouw = ws.signals = None  # only the coded stories are told data
    add_stories(ws, _demo() / "verhalen", consent=_demo() / "stakeholders")
    types = run_analysis(ws).types
    with_stories = {f.buurtcode for f in ws.stories.fragments}
    assert "BU99010203" in with_stories
    assert "geen vertelde gegevens" not in types.at["BU99010203", "reasons"]
    others = [c for c in types.index if c not in with_stories and "vertelde" in types.at[c, "reasons"]]
    assert all("geen vertelde gegevens" in types.at[c, "reasons"] for c in others)


def _demo():
    from wijklib.analysis import DEMO_DIR

    return DEMO_DIR
