"""Static plots stay legible at 30+ actors: title inside the figure, no overlapping or clipped labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from wijklib.stakeholders import build_graph, plot_network  # noqa: E402

from .conftest import make_set, rel  # noqa: E402


def _check(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    fb = fig.bbox
    title = ax.title.get_window_extent(renderer)
    assert title.x0 >= 0 and title.x1 <= fb.x1 and title.y1 <= fb.y1 and title.y0 >= 0
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) >= 30
    assert all(b.x0 >= 0 and b.y0 >= 0 and b.x1 <= fb.x1 and b.y1 <= fb.y1 for b in boxes)
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert not overlaps


def test_network_plot_legible_with_36_actors():
    ids = [f"A{i:02d}" for i in range(36)]
    actors = [{"actor_id": a, "naam": f"Bewonersorganisatie nummer {i} met een lange naam"} for i, a in enumerate(ids)]
    rels = [rel(ids[i], ids[(i * 7 + 3) % 36]) for i in range(36)] + [rel(ids[0], ids[i], "informatie")
                                                                       for i in range(1, 12)]
    s = make_set(actors, rels)
    fig = plot_network(build_graph(s), title="Een lange titel voor het netwerk van 36 actoren in de wijk Zuiderveld")
    _check(fig)


def test_demo_network_plot_legible(demo):
    fig = plot_network(demo.consensus("R2", min_informants=1), title="Zuiderveld, ronde R2 (alle genoemde relaties)")
    _check(fig)


def test_crowded_plot_uses_a_numbered_key():
    ids = [f"A{i:02d}" for i in range(36)]
    actors = [{"actor_id": a, "naam": f"Bewonersorganisatie nummer {i} met een lange naam"} for i, a in enumerate(ids)]
    s = make_set(actors, [rel(ids[i], ids[(i + 1) % 36]) for i in range(36)])
    fig = plot_network(build_graph(s), title="Kring")
    texts = [t.get_text() for t in fig.axes[0].texts]
    if fig.legends:  # numbers in the drawing, every name once in the key
        key = [t.get_text() for t in fig.legends[0].get_texts()]
        assert sorted(texts, key=int) == [str(i) for i in range(1, 37)]
        assert len(key) == 36 and all(any(k.endswith(a["naam"]) for k in key) for a in actors)
        fig.canvas.draw()
        lb = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
        assert lb.y0 >= 0 and lb.x0 >= 0 and lb.x1 <= fig.bbox.x1
    else:
        assert len(texts) == 36
