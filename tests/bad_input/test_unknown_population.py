"""Red-team issue 13, item 2: a buurt whose population is unknown is treated like a small buurt."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "urgency"))

from urgency_helpers import synthetic_panel  # noqa: E402

from wijklib.urgency import run_urgency  # noqa: E402


@pytest.mark.parametrize("marker", [np.nan, -99999999.0])
def test_unknown_population_is_never_robust_in_and_flagged(marker):
    long, meta = synthetic_panel(n_areas=20, seed=2)
    codes = sorted(long["area_code"].unique())
    lost = codes[0]
    long.loc[(long["area_code"] == lost) & (long["indicator"] == "inwoners"), "value"] = marker
    for ind, f in (("misdrijven_per_1000", 4.0), ("geweld_per_1000", 4.0), ("bijstand_per_1000", 4.0),
                   ("corporatiewoningen_pct", 1.4)):  # extreme on every rate: top of the ranking everywhere
        m = (long["area_code"] == lost) & (long["indicator"] == ind)
        long.loc[m, "value"] *= f
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = run_urgency(long, meta, {"uncertainty": {"draws": 200, "seed": 1, "top_k": 5}})
    sc = res.scores
    assert bool(sc.at[lost, "population_unknown"]) and bool(sc.at[lost, "small_population"])
    assert np.isnan(sc.at[lost, "population"]) and np.isnan(sc.at[lost, "shrinkage"])
    assert not sc.drop(index=lost)["population_unknown"].any()  # the others keep their population
    u = res.uncertainty
    assert u.at[lost, "robustness"] != "robuust in"
    assert "inwonertal onbekend" in u.at[lost, "robustness_note"]
    assert any("onbekend inwonertal" in str(w.message) for w in caught)
    assert "inwonertal_onbekend" in set(res.diagnostics["code"])


def test_without_any_population_there_is_no_small_population_check():
    long, meta = synthetic_panel(n_areas=12, seed=3)
    long = long[long["indicator"] != "inwoners"]
    meta = meta[meta["indicator"] != "inwoners"] if "indicator" in meta.columns else meta.drop(index="inwoners",
                                                                                                 errors="ignore")
    res = run_urgency(long, meta, {"uncertainty": {"draws": 50, "seed": 1}})
    assert not res.scores["population_unknown"].any() and not res.scores["small_population"].any()
