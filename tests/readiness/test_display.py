"""Readable tables for users: Dutch labels and decimal comma, ja/nee, empty for missing values, full text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wijklib.readiness import nl_number, readable_frame, readable_table


def test_nl_number():
    assert nl_number(0.905) in ("0,91", "0,90") and nl_number(1.5, 1) == "1,5"
    assert nl_number(12345.678, 1) == "12.345,7" and nl_number(-0.001, 1) == "0,0"
    assert nl_number(float("nan")) == "" and nl_number(None) == "" and nl_number("tekst") == "tekst"


def test_readable_frame_formats_values_and_labels():
    frame = pd.DataFrame({"naam": ["Bestuurskracht", "Cultuuromslag"], "gemiddelde": [1.375, 1.1],
                          "aandeel_weet_niet": [0.35, 0.0], "eerst_aanpakken": [True, False],
                          "afgerond": [dt.date(2024, 4, 4), None], "n_randvoorwaarden": [5, 2],
                          "spoor": ["praktijkhandboek", "handreiking"], "redenen": [["a", "b"], []]})
    out = readable_frame(frame, procent=["aandeel_weet_niet"],
                         values={"spoor": {"praktijkhandboek": "Praktijkhandboek", "handreiking": "Handreiking"}})
    assert list(out.columns) == ["naam", "gemiddelde", "aandeel 'weet niet'", "eerst aanpakken", "afgerond",
                                 "randvoorwaarden", "spoor", "redenen"]
    assert out["gemiddelde"].tolist() == ["1,38", "1,10"]
    assert out["aandeel 'weet niet'"].tolist() == ["35%", "0%"]
    assert out["eerst aanpakken"].tolist() == ["ja", "nee"]
    assert out["afgerond"].tolist() == ["2024-04-04", ""]               # no 'None'
    assert out["randvoorwaarden"].tolist() == ["5", "2"]                # whole numbers stay whole
    assert out["spoor"].tolist() == ["Praktijkhandboek", "Handreiking"]
    assert out["redenen"].tolist() == ["a • b", ""]


def test_readable_table_shows_full_text_left_aligned():
    long = "Welzijnsorganisatie / sociaal werk antwoordt 'op orde', politie 'niet': wat ziet de een dat de ander " \
           "niet ziet?"
    html = readable_table(pd.DataFrame({"gespreksvraag": [long], "score": [2.5]})).to_html()
    assert long.replace("'", "&#x27;") in html or long in html       # not cut off with '...'
    assert "text-align: left" in html and "white-space: normal" in html
    assert "2,50" in html and "None" not in html
