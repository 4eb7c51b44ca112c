"""Dutch number formatting and shared labels (wijklib.format)."""

import math

import numpy as np
import pytest

from wijklib import format as nlfmt
from wijklib.readiness.quickscan import _nl, _nl_g


@pytest.mark.parametrize("value, kwargs, expected", [
    (1234.5, {}, "1.234,5"),
    (1234.5, {"thousands": False}, "1234,5"),
    (0.0523, {"decimals": 2, "sign": True}, "+0,05"),
    (-0.04, {"decimals": 1}, "0,0"),
    (-1.26, {"decimals": 1}, "-1,3"),
    (np.float64(2.0), {"decimals": 0}, "2"),
])
def test_number_dutch_separators(value, kwargs, expected):
    assert nlfmt.number(value, **kwargs) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), math.inf, np.nan, "abc", True])
def test_missing_is_always_the_same_sign(missing):
    assert nlfmt.number(missing) == nlfmt.MISSING == "–"
    assert nlfmt.percentage(missing) == nlfmt.MISSING
    assert nlfmt.compact(missing) == nlfmt.MISSING


def test_percentage_and_compact():
    assert nlfmt.percentage(0.256) == "26%"
    assert nlfmt.percentage(25.64, 1, fraction=False) == "25,6%"
    assert nlfmt.compact(2.50) == "2,5"
    assert nlfmt.compact(3.0) == "3"


def test_theme_labels_single_home():
    from wijklib.reports import view

    assert nlfmt.theme_label("sociale_cohesie") == "Sociale cohesie"
    assert nlfmt.theme_label("eigen_thema") == "eigen thema"
    assert view._THEME_NL is nlfmt.SURVEY_THEME_LABELS


def test_quickscan_nl_does_not_crash_on_none():
    assert _nl(None) == nlfmt.MISSING
    assert _nl(2.345) == "2,35"  # no thousands dot for small means, two decimals by default
    assert _nl_g(1.5) == "1,5"
