"""The rounds view in headless Chromium: the slider switches rounds and a click on an actor shows its stories."""

from __future__ import annotations

from wijklib.stakeholders import consensus_network, load_demo, rounds_view
from wijklib.stakeholders.demo import DEMO_DIR, DEMO_PERSON_NAMES
from wijklib.stories import fragments_by_node, load_stories


def test_slider_and_fragments_on_click(tmp_path, probe):
    demo = load_demo()
    stories = load_stories(DEMO_DIR.parent / "verhalen", records=demo)
    graphs = {r: consensus_network(demo, r) for r in demo.round_ids}
    path = rounds_view(graphs, title="Zuiderveld", fragments=fragments_by_node(stories, demo),
                       uid="wlr-test").save(tmp_path / "rondes.html")
    page = probe.page
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("g.n", state="attached")
    panes = page.query_selector_all(".wl-rpane")
    assert [p.is_visible() for p in panes] == [False, True]
    page.fill("input[data-action=slide]", "0")
    assert [p.is_visible() for p in panes] == [True, False]
    page.fill("input[data-action=slide]", "1")
    pane = panes[1]
    node = next(n for n in pane.query_selector_all("g.n") if "Moedergroep" in n.query_selector("text").text_content())
    node.query_selector("circle, rect").click()
    panel = pane.query_selector(".wl-frag").inner_text()
    assert "Verhalen over Moedergroep Zuiderveld" in panel and "F07" in panel and "F20" in panel
    assert not any(name in page.content() for name in DEMO_PERSON_NAMES)
    page.check("input[data-action=side]")
    assert all(p.is_visible() for p in panes)
    assert probe.errors == [] and probe.blocked == []
