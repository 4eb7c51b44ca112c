"""Notebook 02 on the demo data with two rounds: research records, a GEXF file per round, the rounds view."""

from __future__ import annotations

import networkx as nx

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook
from wijklib.stakeholders import load_demo, privacy


def test_notebook_02_writes_gexf_per_round_and_consent_coverage(tmp_path):
    out = tmp_path / "stakeholders"
    paths = run_notebook(NOTEBOOK_DIR / "02_stakeholderkaart.ipynb", tmp_path,
                         {"uitvoermap": str(out), "rondes": ["R1", "R2"]})
    html = paths["html"].read_text(encoding="utf-8")
    assert "Traceback" not in html
    for r in ("R1", "R2"):
        g = nx.read_gexf(out / "gephi" / f"netwerk_{r}.gexf")
        assert g.number_of_nodes() > 20 and g.number_of_edges() > 10
        assert (out / "gephi" / f"netwerk_{r}.graphml").exists()
    assert (out / "kumu_R2.xlsx").exists() and (out / "netwerkkaart_rondes.html").exists()
    coverage = (out / "toestemming_dekking.csv").read_text(encoding="utf-8")
    assert coverage.splitlines()[0].startswith("informant,rol,toestemming_datum,status,relaties")
    assert "ingetrokken" in coverage
    # the notebook shows the records and the withdrawal
    assert "ingetrokken" in html and "basisschool" in html
    rounds_html = (out / "netwerkkaart_rondes.html").read_text(encoding="utf-8")
    assert "wl-frag" in rounds_html and "moeders vertellen elkaar alles" in rounds_html
    assert privacy.audit(out, load_demo()).ok
