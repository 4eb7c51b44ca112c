"""`prepare_batch` computes some parts once per batch (issue #17): the results equal the per-area computation."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from wijklib._offline import external_urls
from wijklib.reports import BatchInputs
from wijklib.reports.export import external_resources
from wijklib.reports.prepare import _load_stories, _monitoring, _monitoring_many, _stories_bundle, prepare_batch

AREAS = ["BU99010201", "BU99010401", "BU99010402"]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    inputs = BatchInputs.demo()
    prep = prepare_batch(inputs, tmp_path_factory.mktemp("steps"), areas=AREAS)
    bundles = {c: json.loads(prep.bundle_path(c).read_text(encoding="utf-8")) for c in AREAS}
    return inputs, prep, bundles


def test_stories_counted_once_per_batch_equal_per_area_counts(prepared):
    inputs, _, bundles = prepared
    stories, min_sources, scrub = _load_stories(inputs, None)
    assert stories is not None
    shown = 0
    for code in AREAS:
        alone = json.loads(json.dumps(_stories_bundle(stories, code, min_sources, scrub)))
        assert bundles[code]["stories"] == alone
        shown += len(alone["themes"])
    assert shown > 0  # the demo has coded stories in these buurten: the comparison is not between empty parts


def test_monitoring_of_several_areas_equals_one_by_one():
    meta = pd.DataFrame({"indicator": ["x", "y", "z"], "label": ["X", "Y", "Z"],
                         "direction": ["hoger_is_slechter", "hoger_is_beter", "context"]})
    inds = {
        "BU1": [{"id": "x", "series": {"2020": 10.0, "2024": 12.0}}, {"id": "y", "series": {"2020": 5.0, "2024": None}}],
        "BU2": [{"id": "y", "series": {"2020": 10.0, "2024": 10.2}}, {"id": "z", "series": {"2020": 1.0, "2024": 2.0}}],
        "BU3": [{"id": "x", "series": {"2020": None, "2024": 3.0}}],  # no baseline: no monitoring for this buurt
    }
    many = _monitoring_many(inds, meta, [2020, 2022, 2024], 2024)
    for code, rows in inds.items():
        assert many[code] == _monitoring(code, rows, meta, [2020, 2022, 2024], 2024)
    assert many["BU3"]["available"] is False
    assert [r["verdict"] for r in many["BU1"]["rows"]] == ["slechter", "geen oordeel (waarde ontbreekt)"]
    assert [r["label"] for r in many["BU2"]["rows"]] == ["Y", "Z"]  # only its own indicators, in catalogue order


def test_one_offline_check_for_maps_and_reports():
    page = ('<script src="https://cdn.example/a.js"></script><video src="//media.example/v.mp4"></video>'
            "<style>@import url('https://fonts.example/f.css');</style>"
            "L.tileLayer('https://tile.example/{z}/{x}/{y}.png')<a href=\"https://example.nl\">link</a>")
    assert external_resources is external_urls
    assert external_urls(page) == ["https://cdn.example/a.js", "//media.example/v.mp4",
                                   "https://fonts.example/f.css", "https://tile.example/{z}/{x}/{y}.png"]
    assert external_urls("<p>offline</p>") == []
