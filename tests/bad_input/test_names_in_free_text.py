"""Red-team issue 13, item 1: a person's name in free text never reaches shared output (reports, bundles, maps)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from wijklib.privacy import (PersonalDataError, TextScrubber, check_before_write, find_personal_data, name_like,
                             scrub_text)

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
NAME_SIGNAL = "Jan de Vries, Lindelaan 12, tel. 06-12345678 zag drugshandel"


@pytest.mark.parametrize("text, expected", [
    (NAME_SIGNAL, "[naam], [adres], tel. [telefoon] zag drugshandel"),
    ("Ahmed El Amrani verkoopt drugs bij de kade", "[naam] verkoopt drugs bij de kade"),
    ("J. de Vries belt vaak over de speeltuin", "[naam] belt vaak over de speeltuin"),
    ("Gisteren zag Pieter van der Berg een auto", "Gisteren zag [naam] een auto"),
    ("Bewoonster Zeynep Yilmaz klaagt", "Bewoonster [naam] klaagt"),
])
def test_free_names_are_scrubbed(text, expected):
    assert scrub_text(text) == expected
    assert "naam" not in find_personal_data(scrub_text(text))


@pytest.mark.parametrize("text", [
    "Overlast bij de Oude Kern en rond het Lindeplein",
    "Hoek Lindelaan Merelhof is slecht verlicht",  # street names, not a person
    "Jongeren hangen rond bij Winkelcentrum Zuid",
    "Melding via wijkagent Zuiderveld en jongerenwerker Noord.",
])
def test_place_names_are_not_names(text):
    assert scrub_text(text) == text


def test_allowlist_of_buurt_and_wijk_names_is_honoured():
    text = "Overlast in Bloemrijk Noorderhout en bij Karel Doorman"
    assert scrub_text(text) == "Overlast in [naam] en bij [naam]"  # without the allowlist: a false positive
    assert scrub_text(text, allow=["Bloemrijk Noorderhout"]) == "Overlast in Bloemrijk Noorderhout en bij [naam]"
    scrub = TextScrubber(allow=["Bloemrijk", "Noorderhout"])
    assert scrub(text, place="signaal 1") == "Overlast in Bloemrijk Noorderhout en bij [naam]"
    assert scrub.report.as_records() == [{"plek": "signaal 1", "soort": "naam", "aantal": 1}]


def test_before_write_check_refuses_name_like_text_without_showing_it():
    with pytest.raises(PersonalDataError) as exc:
        check_before_write({"gebieden/BU1.json signaal 1": "Ahmed El Amrani verkoopt drugs"})
    assert "naam" in str(exc.value) and "Amrani" not in str(exc.value) and "Ahmed" not in str(exc.value)
    check_before_write({"index.html": "Overlast in Bloemrijk"}, allow=["Bloemrijk"])  # a place passes


def test_one_name_like_implementation_for_stories_and_scrubber():
    from wijklib.stakeholders import privacy as sp

    assert sp.name_like is name_like
    assert name_like("Ahmed El Amrani verkoopt drugs bij de kade") == ["Ahmed El Amrani"]
    assert name_like("Gisteren sprak ik met Fenna de Vries bij Buurthuis Noord.") == ["Fenna de Vries"]
    assert name_like("Overleg met Fenna de Vries", known_words=["Fenna", "Vries"]) == []


def test_demo_signal_texts_and_area_names_have_no_false_names():
    import geopandas as gpd

    areas = gpd.read_file(DEMO / "buurten.geojson")
    allow = sorted({v for col in ("buurtnaam", "wijknaam", "gemeentenaam") for v in areas[col].dropna()})
    for v in allow:
        assert scrub_text(f"Overlast in {v} gemeld", allow=allow) == f"Overlast in {v} gemeld"
    with (DEMO / "signalen.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert scrub_text(row["tekst"], allow=allow) == row["tekst"]


def test_name_in_a_signal_reaches_no_report_bundle_or_map(tmp_path):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    code = "BU99010201"
    with (DEMO / "signalen.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows.append({"id": "SGX1", "datum": "2024-12-30", "buurtcode": code, "thema": rows[0]["thema"],
                 "bronrol": "bewoner", "tekst": "Ahmed El Amrani verkoopt drugs bij de kade; " + NAME_SIGNAL})
    sig = tmp_path / "signalen.csv"
    with sig.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header)
        w.writeheader()
        w.writerows(rows)
    import dataclasses

    inputs = dataclasses.replace(BatchInputs.demo(), signals=sig)
    prepare_batch(inputs, tmp_path / "batch", areas=[code])
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "batch").rglob("*.json"))
    for value in ("Ahmed", "Amrani", "Jan de Vries", "Lindelaan 12", "06-12345678"):
        assert value not in text
    bundle = json.loads((tmp_path / "batch" / "gebieden" / f"{code}.json").read_text(encoding="utf-8"))
    recent = [r["text"] for r in bundle["told"]["signals"]["recent"]]
    assert any(t.startswith("[naam] verkoopt drugs") for t in recent)


def test_name_in_a_signal_reaches_no_map_popup_but_buurt_names_stay():
    import folium
    import pandas as pd

    from wijklib.geo import load_areas
    from wijklib.maps.layers import add_signals

    areas = load_areas(DEMO / "buurten.geojson", level="buurt")
    signals = pd.DataFrame({"buurtcode": ["BU99010201", "BU99010201"], "thema": ["veiligheid", "veiligheid"],
                            "datum": pd.to_datetime(["2024-12-30", "2024-12-29"]), "bronrol": ["bewoner", "wijkagent"],
                            "tekst": [NAME_SIGNAL, "Overlast bij Bedrijventerrein De Zwaan en in Merelhof"]})
    m = folium.Map(location=[52, 5], zoom_start=12)
    add_signals(m, areas, signals, max_texts=5)
    page = m.get_root().render()
    assert "Jan de Vries" not in page and "Lindelaan 12" not in page and "06-12345678" not in page
    assert "[naam], [adres], tel. [telefoon] zag drugshandel" in page
    assert "Bedrijventerrein De Zwaan" in page  # a buurt name of the werkset is not a person
