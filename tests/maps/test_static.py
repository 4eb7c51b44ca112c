"""Static maps for reports: same classes and colours as the interactive map, saved as PNG."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from wijklib.errors import InputError  # noqa: E402
from wijklib.maps import MISSING_LABEL, SUPPRESSED_LABEL, classify, save_png, small_multiples, static_map  # noqa: E402


def _facecolours(ax):
    out = set()
    for coll in ax.collections:
        for fc in coll.get_facecolors():
            out.add(to_hex(fc))
    return out


def test_static_map_uses_the_classification_colours_and_labels(grid, grid_scores, tmp_path):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Urgentie-index", basis="12 testbuurten")
    fig = static_map(grid, grid_scores, value="index", classification=cls, status="status")
    ax = fig.axes[0]
    colours = _facecolours(ax)
    assert set(cls.colors) <= colours
    assert "#f0f0f0" in colours and "#d9d9d9" in colours  # suppressed (hatched) and missing
    hatched = [c for c in ax.collections if c.get_hatch()]
    assert len(hatched) == 1 and len(hatched[0].get_paths()) == 1  # exactly one suppressed buurt
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[: cls.k] == list(cls.labels)
    assert SUPPRESSED_LABEL in labels and MISSING_LABEL in labels
    assert ax.get_legend().get_title().get_text() == "Urgentie-index"
    path = save_png(fig, tmp_path / "sub" / "kaart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


def test_static_map_counts_buurten_per_class(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=2)
    fig = static_map(grid, grid_scores, value="index", classification=cls, boundaries=None, legend=False)
    ax = fig.axes[0]
    per_colour = {}
    for coll in ax.collections:
        fcs = [to_hex(fc) for fc in coll.get_facecolors()]
        if len(fcs) == 1:
            fcs = fcs * len(coll.get_paths())
        for fc in fcs:
            per_colour[fc] = per_colour.get(fc, 0) + 1
    expected = pd.Series(cls.assign(grid_scores["index"].dropna())).value_counts()
    assert per_colour[cls.colors[0]] == expected[0] and per_colour[cls.colors[1]] == expected[1]


def test_static_map_draws_focus_clusters_with_their_number(grid, grid_scores):
    cls = classify(grid_scores["index"], "quantiles", k=3)
    clusters = pd.Series([1, 1, 2], index=grid_scores.index[-3:], name="cluster")
    fig = static_map(grid, grid_scores, value="index", classification=cls, clusters=clusters)
    texts = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text() in {"1", "2"})
    assert texts == ["1", "2"]
    assert "focusgebied (met nummer)" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_small_multiples_share_one_classification(grid, grid_scores, tmp_path):
    cls = classify(grid_scores["index"], "quantiles", k=4, title="Index")
    later = grid_scores.assign(index=grid_scores["index"] * 3)
    fig = small_multiples(grid, {"2020": grid_scores, "2024": later}, value="index", classification=cls,
                          status="status", title="Vergelijking")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in visible] == ["2020", "2024"]
    # 2024 values are higher: with the SAME classes more buurten fall in the top class
    top = cls.colors[-1]

    def n_top(ax):
        return sum(list(map(to_hex, c.get_facecolors())).count(top) * (len(c.get_paths()) if len(
            c.get_facecolors()) == 1 else 1) for c in ax.collections)

    assert n_top(visible[1]) > n_top(visible[0])
    assert len(fig.legends) == 1
    save_png(fig, tmp_path / "panelen.png")
    with pytest.raises(InputError, match="paneel"):
        small_multiples(grid, {}, value="index", classification=cls)
