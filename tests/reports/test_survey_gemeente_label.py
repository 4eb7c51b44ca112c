"""The survey column 'gemeente' of the buurt report says what it is: the mean of the shown buurt means.

It is not the mean over all respondents of the gemeente (a keuze van wijklib, so that a hidden buurt's mean cannot
be derived by subtraction); the report header and legend must say so where users read it.
"""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def demo_batch(tmp_path_factory):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    out = tmp_path_factory.mktemp("batch")
    inputs = BatchInputs.demo()
    prepare_batch(inputs, out, areas=["BU99010104"])
    return out, inputs


def test_gemeente_value_is_the_mean_of_the_shown_buurt_means(demo_batch):
    from wijklib import told

    out, inputs = demo_batch
    bundle = json.loads((out / "gebieden" / "BU99010104.json").read_text(encoding="utf-8"))
    survey = bundle["told"]["survey"]
    assert survey
    agg = told.aggregate_survey(told.read_survey(inputs.survey))
    for s in survey:
        shown = agg[(agg["thema"] == s["theme"]) & agg["betrouwbaar"]]
        assert s["gemeente_mean"] == pytest.approx(float(shown["gemiddelde"].mean()))


def test_report_labels_the_gemeente_column_honestly(demo_batch, monkeypatch):
    from wijklib.reports import view

    out, _ = demo_batch
    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.load_report("BU99010104", str(out)).counted_vs_told()
    html = "".join(shown)
    assert "Bewonersenquête" in html
    assert "gemeente (gemiddelde van de buurten)" in html
    assert "gemiddelde van de buurten met genoeg respondenten" in html
    assert "niet het gemiddelde van alle respondenten" in html and "keuze van wijklib" in html
    assert "aftrekken" in html
