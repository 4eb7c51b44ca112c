"""The report section "Monitoring (Herijken)": baseline versus now per indicator (issue #18, 003 §6.4)."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from wijklib.reports import BatchInputs, view
from wijklib.reports.prepare import _monitoring, prepare_batch
from wijklib.reports.runner import DEFAULT_TEMPLATE

BUURT = "BU99010201"  # Merelhof


def _render(bundle: dict, monkeypatch) -> str:
    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.AreaReport(bundle, {}, ".", {}).monitoring()
    return "".join(shown)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    prep = prepare_batch(BatchInputs.demo(), tmp_path_factory.mktemp("mon"), areas=[BUURT])
    return json.loads(prep.bundle_path(BUURT).read_text(encoding="utf-8"))


def test_demo_bundle_has_baseline_and_now_per_indicator(bundle, monkeypatch):
    m = bundle["monitoring"]
    assert m["available"] and m["baseline"] == 2020 and m["now"] == 2024
    by_label = {r["label"]: r for r in m["rows"]}
    # the same values as the indicators part of the bundle
    ind = next(i for i in bundle["indicators"] if i["label"] in by_label and i["series"].get("2020") is not None
               and i["series"].get("2024") is not None)
    row = by_label[ind["label"]]
    assert row["baseline"] == ind["series"]["2020"] and row["now"] == ind["series"]["2024"]
    plain = {r["verdict"] for r in m["rows"] if not r["money"]}
    assert plain <= {"beter", "slechter", "gelijk", "geen oordeel (context)", "geen oordeel (waarde ontbreekt)"}
    # WOZ value and income rose in euros in the demo: compared with the gemeente, never 'beter'
    money = {r["label"]: r["verdict"] for r in m["rows"] if r["money"]}
    assert len(money) == 2 and all(v.endswith("gestegen als de gemeente (bedrag, niet gecorrigeerd voor inflatie)")
                                   for v in money.values())
    html = _render(bundle, monkeypatch)
    assert "nulmeting 2020" in html and "003 §6.4" in html and "keuze van wijklib" in html
    assert "niet gecorrigeerd voor inflatie" in html and "sneller of trager is gestegen dan de gemeente" in html
    assert ind["label"].split(" (")[0] in html


def test_one_year_only_gives_a_dutch_sentence(monkeypatch):
    inds = [{"id": "x", "series": {"2024": 3.0}}]
    meta = pd.DataFrame({"indicator": ["x"], "direction": ["hoger_is_slechter"], "label": ["X"]})
    m = _monitoring("BU1", inds, meta, [2024], 2024)
    assert m["available"] is False and m["rows"] == []
    # two years but the baseline value is unreliable (blanked): also no monitoring
    inds = [{"id": "x", "series": {"2020": None, "2024": 3.0}}]
    assert _monitoring("BU1", inds, meta, [2020, 2024], 2024)["available"] is False
    html = _render({"area": {"name": "Test"}, "monitoring": m}, monkeypatch)
    assert "nulmeting en een latere meting" in html and "<table" not in html


def test_verdict_uses_direction_and_labels_are_escaped(monkeypatch):
    inds = [{"id": "x", "series": {"2020": 10.0, "2022": 11.0, "2024": 12.0}},
            {"id": "y", "series": {"2020": 10.0, "2024": 10.2}}]
    meta = pd.DataFrame({"indicator": ["x", "y"], "direction": ["hoger_is_slechter", "hoger_is_beter"],
                         "label": ["<b>X</b>", "Y"]})
    m = _monitoring("BU1", inds, meta, [2020, 2022, 2024], 2024)
    verdicts = {r["label"]: r["verdict"] for r in m["rows"]}
    assert verdicts == {"<b>X</b>": "slechter", "Y": "gelijk"}
    html = _render({"area": {"name": "Test"}, "monitoring": m}, monkeypatch)
    assert "&lt;b&gt;X&lt;/b&gt;" in html and "<b>X</b>" not in html


def test_template_has_the_section_after_readiness():
    nb = nbformat.read(DEFAULT_TEMPLATE, as_version=4)
    src = [c.source for c in nb.cells]
    i = src.index("rapport.monitoring()")
    assert src[i - 1].startswith("## Monitoring (Herijken)")
    assert src.index("rapport.readiness()") < i < src.index("rapport.interventions()")


def test_money_amounts_are_compared_with_the_gemeente_never_called_better(monkeypatch):
    """A nominal rise of the WOZ value or income is no improvement: the buurt's change is compared with the
    gemeente's over the same years (analyst finding on real gemeenten)."""
    meta = pd.DataFrame({"indicator": ["woz_waarde", "inkomen_per_inwoner", "x"],
                         "direction": ["hoger_is_beter", "hoger_is_beter", "hoger_is_beter"],
                         "label": ["WOZ", "Inkomen", "X"], "unit": ["euro_x1000", "euro_x1000", "pct"]})
    inds = [{"id": "woz_waarde", "series": {"2020": 200.0, "2024": 260.0},
             "gemeente_series": {"2020": 250.0, "2024": 300.0}},
            {"id": "inkomen_per_inwoner", "series": {"2020": 25.0, "2024": 26.0},
             "gemeente_series": {"2020": 30.0, "2024": 36.0}},
            {"id": "x", "series": {"2020": 10.0, "2024": 20.0}, "gemeente_series": {"2020": 10.0, "2024": 10.0}}]
    m = _monitoring("BU1", inds, meta, [2020, 2024], 2024, gemeente="GM1")
    verdicts = {r["label"]: r["verdict"] for r in m["rows"]}
    assert verdicts == {"WOZ": "sneller gestegen dan de gemeente (bedrag, niet gecorrigeerd voor inflatie)",
                        "Inkomen": "trager gestegen dan de gemeente (bedrag, niet gecorrigeerd voor inflatie)",
                        "X": "beter"}
    # without gemeente values: no verdict at all for an amount
    alone = _monitoring("BU1", [{k: v for k, v in r.items() if k != "gemeente_series"} for r in inds], meta,
                        [2020, 2024], 2024)
    assert {r["label"]: r["verdict"] for r in alone["rows"]}["WOZ"] == \
        "geen oordeel (bedrag, niet gecorrigeerd voor inflatie)"
    html = _render({"area": {"name": "Test"}, "monitoring": m}, monkeypatch)
    assert "niet gecorrigeerd voor inflatie" in html and ">beter<" not in html.split("WOZ")[1].split("</tr>")[0]


def test_money_amounts_get_no_trend_class_in_the_report(bundle, monkeypatch):
    """In the trend panel and the table of all figures a money amount shows its change against the gemeente,
    not 'verbetert'; it is left out of the count of improving indicators."""
    from bs4 import BeautifulSoup

    money = [r for r in bundle["indicators"] if r["money"]]
    assert {r["id"] for r in money} == {"woz_waarde", "inkomen_per_inwoner"}
    assert all(r["trend"] is None and r["nominal_change"] == "2020-2024: ongeveer even snel gestegen als de "
               "gemeente" for r in money)
    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.AreaReport(bundle, {}, ".", {}).indicators()
    rows = BeautifulSoup("".join(shown), "html.parser").find("table").find("tbody").find_all("tr")
    woz = next(r for r in rows if "WOZ" in r.get_text())
    assert woz.find_all("td")[-1].get_text() == "2020-2024: ongeveer even snel gestegen als de gemeente"
    assert "niet gecorrigeerd voor inflatie" in "".join(shown)
