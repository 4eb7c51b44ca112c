"""One classification for the whole gemeente: schemes, labels, colours, reuse and serialisation."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from wijklib.errors import InputError
from wijklib.maps.classify import (
    LEEFBAAROMETER_NAMES,
    Classification,
    category_colors,
    classify,
    format_number,
    palette_colors,
)

VALUES = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50])


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"], ids=str)
def test_data_driven_schemes_give_k_increasing_classes_covering_all_values(scheme):
    c = classify(VALUES, scheme, k=4)
    assert c.k == 4 and len(c.colors) == 4 and len(c.labels) == 4
    assert list(c.bins) == sorted(c.bins)
    assert c.bins[-1] == pytest.approx(50.0)
    idx = c.assign(VALUES)
    assert idx.min() == 0 and idx.max() == 3
    assert c.n == 12 and c.minimum == 1.0 and c.maximum == 50.0


def test_quantiles_put_equal_numbers_in_each_class():
    c = classify(np.arange(1.0, 21.0), "quantiles", k=4)
    counts = np.bincount(c.assign(np.arange(1.0, 21.0)), minlength=4)
    assert counts.tolist() == [5, 5, 5, 5]


def test_natural_breaks_separate_clear_groups():
    values = np.r_[np.full(5, 1.0), np.full(5, 10.0), np.full(5, 100.0)] + np.tile(np.arange(5) * 0.1, 3)
    c = classify(values, "natural_breaks", k=3)
    assert c.assign(values).tolist() == [0] * 5 + [1] * 5 + [2] * 5


def test_fixed_bins_and_open_end_classes():
    c = classify([], "fixed", bins=[10, 20, 30], title="Bijstand", unit="per 1.000 inwoners")
    assert c.labels == ("≤ 10", "10 – 20", "> 20")
    # values outside the reference range go to the end classes, NaN to -1
    assert c.assign([-5, 10, 10.5, 20, 25, 30, 999, np.nan]).tolist() == [0, 0, 1, 1, 2, 2, 2, -1]
    assert c.format(12.25) == "12 per 1.000 inwoners"
    assert classify([], "fixed", bins=[0.5, 1.5], unit="%").format(12.26) == "12,3%"


def test_labels_are_dutch_and_distinct():
    c = classify([0.101, 0.102, 0.103, 0.104, 0.2], "quantiles", k=4)
    assert len(set(c.labels)) == c.k
    assert all("." not in lab for lab in c.labels)  # decimal comma
    assert format_number(1234567.891, 2) == "1.234.567,89"


def test_leefbaarometer_scheme_has_nine_named_classes_symmetric_around_the_mean():
    rng = np.random.default_rng(1)
    values = rng.normal(50, 10, 500)
    c = classify(values, "leefbaarometer", title="Urgentie")
    assert c.k == 9
    assert [lab.split(" (")[0] for lab in c.labels] == list(LEEFBAAROMETER_NAMES)
    mean, sd = values.mean(), values.std(ddof=1)
    assert c.extra["mean"] == pytest.approx(mean)
    # the middle class is mean +- 0.25 sd
    assert c.bins[3] == pytest.approx(mean - 0.25 * sd) and c.bins[4] == pytest.approx(mean + 0.25 * sd)
    assert c.assign([mean]).tolist() == [4]
    # diverging palette: the middle colour is the lightest
    from matplotlib.colors import to_rgb

    lightness = [sum(to_rgb(col)) for col in c.colors]
    assert lightness[4] > 2.5 and lightness[0] < 2.0 and lightness[8] < 2.0  # light middle, dark ends


def test_classes_computed_once_mean_the_same_in_a_subset_and_another_year():
    city = np.linspace(0, 100, 101)
    c = classify(city, "quantiles", k=5)
    subset = city[81:]  # a per-wijk report only sees high values
    assert set(c.assign(subset)) == {4}  # still the top class, not spread over five new classes
    next_year = city + 10
    assert c.assign([next_year.max()]).tolist() == [4]
    assert c.color_of([0.0])[0] == c.colors[0]


def test_ties_reduce_the_number_of_classes_with_a_warning():
    with pytest.warns(UserWarning, match="klassen in plaats van 5"):
        c = classify([1, 1, 1, 1, 1, 1, 2, 3], "quantiles", k=5)
    assert c.k < 5
    assert len(set(c.labels)) == c.k


def test_roundtrip_through_json_keeps_everything(tmp_path):
    c = classify(VALUES, "quantiles", k=5, title="Urgentie-index", unit="%", basis="12 buurten")
    path = tmp_path / "klassen.json"
    c.to_json(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["labels"] == list(c.labels) and data["scheme"] == "quantiles"
    back = Classification.from_json(path)
    assert back == c
    assert back.assign(VALUES).tolist() == c.assign(VALUES).tolist()
    assert Classification.from_json(c.to_json()) == c


def test_from_dict_errors_name_the_key(tmp_path):
    c = classify(VALUES, "quantiles", k=3)
    d = c.to_dict()
    del d["colors"]
    with pytest.raises(InputError, match="colors"):
        Classification.from_dict(d)
    d = c.to_dict()
    d["kleur"] = "rood"
    with pytest.raises(InputError, match="kleur") as err:
        Classification.from_dict(d)
    assert err.value.column == "kleur"
    d = c.to_dict()
    d["bins"] = [3, 2, 1]
    with pytest.raises(InputError, match="oplopen"):
        Classification.from_dict(d)
    bad = tmp_path / "kapot.json"
    bad.write_text("{nee", encoding="utf-8")
    with pytest.raises(InputError, match="kapot.json"):
        Classification.from_json(bad)


def test_bad_input_gives_clear_errors():
    with pytest.raises(InputError, match="onbekende klassenindeling"):
        classify(VALUES, "jenks-ish")
    with pytest.raises(InputError, match="bins"):
        classify(VALUES, "fixed")
    with pytest.raises(InputError, match="geen enkele waarde"):
        classify([np.nan, np.nan], "quantiles")
    with pytest.raises(InputError, match="kleurenpalet"):
        classify(VALUES, "quantiles", palette="regenboog")
    with pytest.raises(InputError, match="labels"):
        classify(VALUES, "quantiles", k=3, labels=["a", "b"])


def test_palettes_are_sampled_at_class_centres_and_can_be_reversed():
    cols = palette_colors("viridis", 3)
    assert len(cols) == 3 and all(c.startswith("#") and len(c) == 7 for c in cols)
    assert palette_colors("viridis", 3, reverse=True) == tuple(reversed(cols))
    higher_is_better = classify(VALUES, "quantiles", k=4, reverse=True)
    assert higher_is_better.colors == tuple(reversed(classify(VALUES, "quantiles", k=4).colors))


def test_category_colours_are_stable_and_respect_fixed_colours():
    a = category_colors(["b", "a", "c"], {"c": "#000000"})
    b = category_colors(["c", "b", "a", "a"], {"c": "#000000"})
    assert a == b and a["c"] == "#000000" and a["a"] != a["b"]


def test_explore_kwargs_reproduce_the_colours(grid):
    c = classify(np.arange(1.0, 13.0), "quantiles", k=4)
    kw = c.explore_kwargs()
    assert kw["scheme"] == "UserDefined" and kw["classification_kwds"]["bins"][-1] == np.inf
    g = grid.assign(v=np.arange(1.0, 13.0) * 2)  # values above the reference range: no extra class
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = g.explore(column="v", tiles=None, **kw)
    html = m.get_root().render()
    used = {col.lower() for col in c.colors}
    found = {h.lower() for h in __import__("re").findall(r'"fillColor": "(#[0-9a-fA-F]{6})"', html)}
    found.discard("#3388ff")  # folium default style, not a class colour
    assert found == used


def test_legend_rows_are_the_classes_then_the_special_rows_asked_for():
    from wijklib.maps.classify import MISSING_COLOR, MISSING_LABEL, SMALL_LABEL, SUPPRESSED_LABEL

    c = classify(VALUES, "quantiles", k=3)
    assert c.legend_rows() == [("fill", col, lab) for col, lab in zip(c.colors, c.labels)]
    rows = c.legend_rows(suppressed=True, small=True, missing=True)
    assert [(kind, lab) for kind, _, lab in rows[3:]] == [("hatch", SUPPRESSED_LABEL), ("hatch", SMALL_LABEL),
                                                          ("fill", MISSING_LABEL)]
    assert rows[-1][1] == MISSING_COLOR
    assert [lab for _, _, lab in c.legend_rows(missing=True)][3:] == [MISSING_LABEL]
