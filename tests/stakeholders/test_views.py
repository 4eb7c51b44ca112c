"""The interactive HTML view and the static plots."""

from __future__ import annotations

import json
import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from wijklib.stakeholders import (build_graph, consensus_network, network_view, plot_krachtenveld, plot_ladder,
                                  plot_network, plot_power_interest, plot_reach_trust, plot_salience)

from .conftest import make_set, rel

EVIL = '<script>alert("x")</script> & "Co" </div>'


@pytest.fixture
def multiplex():
    return make_set([dict(actor_id="A", naam=EVIL, wereld="leef"), dict(actor_id="B", naam="Politie",
                                                                        wereld="systeem"),
                     dict(actor_id="C", naam="Corporatie", wereld="systeem")],
                    [rel("A", "B", "samenwerking", gericht=False), rel("A", "B", "vertrouwen", gericht=False),
                     rel("A", "B", "informatie"), rel("B", "A", "informatie"), rel("B", "C", "conflict",
                                                                                    gericht=False)])


def test_view_keeps_parallel_edges_and_directions(multiplex):
    G = build_graph(multiplex)
    html = network_view(G, uid="t1").fragment
    paths = re.findall(r'<path class="e t-(\w+)"[^>]*>', html)
    assert len(paths) == G.number_of_edges() == 5
    assert sorted(paths) == sorted(["samenwerking", "vertrouwen", "informatie", "informatie", "conflict"])
    arrows = re.findall(r'<path class="e t-(\w+)"[^>]*marker-end', html)
    assert sorted(arrows) == ["informatie", "informatie"]  # only directed ties get an arrowhead
    # the four A-B curves are all different (fanned out), not drawn on top of each other
    ds = re.findall(r'<path class="e t-\w+" data-i="\d+" d="([^"]+)"', html)
    assert len(set(ds)) == 5


def test_view_escapes_names_and_data(multiplex):
    html = network_view(build_graph(multiplex, allow_names=True), uid="t2", title=EVIL).to_html()
    assert '<script>alert("x")' not in html
    assert "&lt;script&gt;alert" in html
    data = re.search(r'<script type="application/json" id="t2-data">(.*?)</script>', html, re.S).group(1)
    parsed = json.loads(data)
    assert len(parsed["nodes"]) == 3 and len(parsed["edges"]) == 5
    assert "<" not in data and ">" not in data


def test_view_is_self_contained_and_saves(multiplex, tmp_path):
    view = network_view(consensus_network(multiplex), uid="t3")
    html = view.to_html()
    assert not re.search(r"<script[^>]+src=", html) and "<link" not in html
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert view._repr_html_() == view.fragment
    out = view.save(tmp_path / "netwerk.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Ronde R1; consensus" in html


def test_view_legend_lists_present_types_only(multiplex):
    html = network_view(build_graph(multiplex, types=["conflict", "informatie"]), uid="t4").fragment
    boxes = re.findall(r'data-type="(\w+)"', html)
    assert boxes == ["informatie", "conflict"]


def test_plot_network_draws_every_edge(multiplex):
    fig = plot_network(build_graph(multiplex))
    assert isinstance(fig, Figure)
    patches = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(patches) == 5
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "heeft conflict met" in legend and "systeemwereld" in legend
    plt.close(fig)


def test_grid_plots_label_every_scored_actor(demo, tmp_path):
    r1, r2 = demo.scores("R1"), demo.scores("R2")
    for fn, kw in ((plot_power_interest, {"previous": r1}), (plot_reach_trust, {}), (plot_krachtenveld, {})):
        fig = fn(r2, **kw)
        texts = {t.get_text() for t in fig.axes[0].texts}
        expected = set(r2.dropna(subset=["macht", "belang"])["label"]) if fn is plot_power_interest else None
        if expected:
            assert expected <= texts
        assert fig.axes[0].get_legend() is not None
        fig.savefig(tmp_path / f"{fn.__name__}.png")
        plt.close(fig)
    fig = plot_salience(r2)
    body = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "gevaarlijk" in body and "Drugsnetwerk" in body
    plt.close(fig)
    fig = plot_ladder(r2, previous=r1)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Moedergroep Zuiderveld" in ticks and "Politie basisteam Lindewaard" not in ticks  # no rung given
    plt.close(fig)


def test_labels_do_not_overlap_much(demo):
    """Greedy placement: in the power-interest grid of the demo, few label boxes overlap."""
    fig = plot_power_interest(demo.scores("R2"))
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in fig.axes[0].texts if t.get_text() and len(t.get_text()) > 3
             and t.get_fontsize() < 8]
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b))
    assert len(boxes) >= 25 and overlaps <= 2
    plt.close(fig)
