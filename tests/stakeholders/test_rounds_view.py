"""The rounds view (slider / side by side) and story fragments on click in the interactive network."""

from __future__ import annotations

import json
import re

from wijklib.stakeholders import consensus_network, network_view, rounds_view
from wijklib.stakeholders.demo import DEMO_PERSON_NAMES
from wijklib.stories import fragments_by_node, load_stories
from wijklib.stakeholders.demo import DEMO_DIR


def test_rounds_view_has_a_pane_per_round_with_one_layout(demo):
    graphs = {r: consensus_network(demo, r) for r in demo.round_ids}
    html = rounds_view(graphs, title="Zuiderveld", uid="wlr").to_html()
    assert html.count('class="wl-rpane"') == 2 and 'data-action="slide"' in html and 'data-action="side"' in html
    # every actor sits at the same place in both rounds
    blocks = re.findall(r'<script type="application/json" id="wlr-\d-data">(.*?)</script>', html)
    nodes = [json.loads(b)["nodes"] for b in blocks]
    assert len(nodes) == 2 and [n[:2] for n in nodes[0]] == [n[:2] for n in nodes[1]]
    assert not any(name in html for name in DEMO_PERSON_NAMES)


def test_fragments_shown_on_click_are_data_not_html(demo):
    stories = load_stories(DEMO_DIR.parent / "verhalen", records=demo)
    frags = fragments_by_node(stories, demo)
    frags["A16"].append({"id": "X", "tekst": "<script>alert(1)</script>", "bronrol": "test", "datum": "",
                         "codes": ""})
    html = network_view(consensus_network(demo, "R2"), fragments=frags, uid="wlf").to_html()
    assert "<script>alert(1)" not in html and "\\u003cscript\\u003e" in html
    assert 'class="wl-frag"' in html and "showFragments" in html
    data = json.loads(re.search(r'id="wlf-data">(.*?)</script>', html).group(1))
    texts = [f["tekst"] for items in data["frag"]["nodes"].values() for f in items]
    assert any("moeders vertellen elkaar alles" in t for t in texts)
    assert not any(name in html for name in DEMO_PERSON_NAMES)
