"""Money amounts (unit euro) are not corrected for inflation: their trend class compares with the reference."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from urgency_helpers import quiet
from wijklib.urgency import run_urgency


def _case(unit: str | None):
    rng = np.random.default_rng(3)
    areas = [f"BU0001{i:04d}" for i in range(40)]
    rows = []
    for t, year in enumerate((2022, 2023, 2024)):
        for i, a in enumerate(areas):
            # every buurt's WOZ value rises 5 % a year (inflation-like); the first five rise 15 % a year
            growth = 1.15 if i < 5 else 1.05
            rows.append((a, "woz_waarde", year, 200.0 * (1 + i / 100) * growth ** t))
            rows.append((a, "misdrijven_per_1000", year, 40 + rng.normal(0, 5)))
            rows.append((a, "werkloosheid_pct", year, 6 + rng.normal(0, 1)))
            rows.append((a, "inwoners", year, 1500.0))
    long = pd.DataFrame(rows, columns=["area_code", "indicator", "period", "value"])
    meta = pd.DataFrame([("woz_waarde", "wonen", "hoger_is_beter", unit),
                         ("misdrijven_per_1000", "veiligheid", "hoger_is_slechter", None),
                         ("werkloosheid_pct", "werk", "hoger_is_slechter", None),
                         ("inwoners", "samenstelling", "context", None)],
                        columns=["indicator", "domain", "direction", "unit"])
    if unit is None:
        meta = meta.drop(columns="unit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_urgency(long, meta, quiet())
    return res.trends[res.trends["indicator"] == "woz_waarde"].set_index("area_code")["trend"], res.trend_note


def test_a_nominal_rise_like_everyone_elses_is_not_called_an_improvement():
    trend, note = _case("euro_x1000")
    assert (trend.iloc[5:] != "verbetert").all()  # rose like the reference: no improvement
    assert (trend.iloc[:5] == "verbetert").all()  # rose faster than the reference
    assert "niet gecorrigeerd voor inflatie" in note and "keuze van wijklib" in note


def test_without_a_money_unit_the_slope_itself_is_classified():
    trend, note = _case(None)
    assert (trend == "verbetert").all()
    assert "inflatie" not in note


def test_a_domain_with_figures_for_few_areas_is_named_in_the_diagnostics():
    rng = np.random.default_rng(4)
    areas = [f"BU0002{i:04d}" for i in range(30)]
    rows = []
    for i, a in enumerate(areas):
        rows.append((a, "misdrijven_per_1000", 2024, 40 + rng.normal(0, 5)))
        rows.append((a, "werkloosheid_pct", 2024, 6 + rng.normal(0, 1)))
        if i < 6:  # income known for 6 of 30 buurten only
            rows.append((a, "inkomen", 2024, 30 + rng.normal(0, 3)))
    long = pd.DataFrame(rows, columns=["area_code", "indicator", "period", "value"])
    meta = pd.DataFrame([("misdrijven_per_1000", "veiligheid", "hoger_is_slechter"),
                         ("werkloosheid_pct", "werk", "hoger_is_slechter"),
                         ("inkomen", "inkomen_armoede", "hoger_is_beter")],
                        columns=["indicator", "domain", "direction"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = run_urgency(long, meta, quiet())
        full = run_urgency(long, meta, quiet(diagnostics={"domain_coverage_min": 0.1}))
    diag = res.diagnostics.set_index("code")
    assert "domein_weinig_gebieden" in diag.index
    text = diag.loc["domein_weinig_gebieden", "message"]
    assert "inkomen armoede" in text and "6 van de 30" in text and "keuze van wijklib" in text
    assert "domein_weinig_gebieden" not in set(full.diagnostics["code"])
