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


# -- label collisions and empty space ----------------------------------------------------------------------------
def test_separate_labels_by_hand():
    from wijklib.stakeholders.view import _node_box, separate_labels

    # two nodes on the same spot, labels 100 px wide: boxes are 30 px high (r 7 above, r 7 + 16 below), so the
    # cheapest way out is vertical: 30 + gap 6 = 36 px apart, half each way, x unchanged
    (x1, y1), (x2, y2) = separate_labels([(100, 100), (100, 100)], [7, 7], [100, 100])
    assert (x1, x2) == (100, 100) and (y1, y2) == (82, 118)
    # far apart: nothing moves
    assert separate_labels([(0, 0), (500, 0)], [7, 7], [100, 100]) == [(0, 0), (500, 0)]
    # a crowded row of ten long labels ends without any overlap
    out = separate_labels([(10 * i, 50) for i in range(10)], [7] * 10, [120] * 10)
    boxes = [_node_box(x, y, 7, 120) for x, y in out]
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])


@pytest.mark.parametrize("k", [1, 2])
def test_view_labels_of_the_demo_do_not_overlap(demo, k):
    from wijklib.stakeholders.view import _node_box, _text_width

    html = network_view(consensus_network(demo, "R2", min_informants=k), uid="lab").fragment
    nodes = re.findall(r'<g class="n" data-i="\d+" transform="translate\(([-\d.]+),([-\d.]+)\)">.*?'
                       r'<text y="([-\d.]+)" text-anchor="middle">([^<]*)</text>', html)
    assert len(nodes) == len(demo.actors)
    boxes = [_node_box(float(x), float(y), float(ty) - 12, _text_width(html_unescape(label)))
             for x, y, ty, label in nodes]
    clashes = [(nodes[i][3], nodes[j][3]) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j
               and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert clashes == []
    vx, vy, vw, vh = map(float, re.search(r'class="wl-main" viewBox="([^"]+)"', html).group(1).split())
    assert all(vx <= b[0] and b[2] <= vx + vw and vy <= b[1] and b[3] <= vy + vh for b in boxes)
    data = json.loads(re.search(r'id="lab-data">(.*?)</script>', html, re.S).group(1))
    assert data["view"] == [vx, vy, vw, vh]  # "herstel weergave" returns to the same view


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_static_network_has_no_empty_band(demo):
    import networkx as nx

    from wijklib.stakeholders import centrality

    G = consensus_network(demo, "R2")
    nx.set_node_attributes(G, centrality(G, wide=True)["tussenpositie_alle"].to_dict(), "tussenpositie")
    fig = plot_network(G, title="Zuiderveld", node_size_by="tussenpositie")
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    # the equal-aspect axes fills the space the layout gave it (the figure was trimmed to the network's shape)
    full, used = ax.get_position(original=True), ax.get_position(original=False)
    assert used.height / full.height > 0.9 and used.width / full.width > 0.9
    assert fig.get_size_inches()[1] < 9  # shorter than the requested maximum: the network is wider than high
    # the limits follow the drawing: labels span (almost) the whole axes and none is cut off
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    axbox = ax.get_window_extent(renderer)
    assert len(boxes) == G.number_of_nodes()
    assert (max(b.x1 for b in boxes) - min(b.x0 for b in boxes)) / axbox.width > 0.92
    assert (max(b.y1 for b in boxes) - min(b.y0 for b in boxes)) / axbox.height > 0.92
    assert all(axbox.x0 - 1 <= b.x0 and b.x1 <= axbox.x1 + 1 and axbox.y0 - 1 <= b.y0 and b.y1 <= axbox.y1 + 1
               for b in boxes)
    plt.close(fig)


def test_static_network_into_a_given_axes_keeps_the_figure_size(multiplex):
    fig, ax = plt.subplots(figsize=(6, 6))
    assert plot_network(build_graph(multiplex), ax=ax) is fig
    assert tuple(fig.get_size_inches()) == (6, 6)
    plt.close(fig)
