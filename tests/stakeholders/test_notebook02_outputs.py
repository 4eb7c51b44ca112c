"""Notebook 02 on the demo data with two rounds: research records, a GEXF file per round, the rounds view."""

from __future__ import annotations

import networkx as nx
import pandas as pd

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
    coverage = pd.read_csv(out / "toestemming_dekking.csv").set_index("reikwijdte")
    assert list(coverage.index) == ["relaties", "beoordelingen", "verhalen", "citeren", "delen"]
    assert coverage.loc["delen", "informanten_gedekt"] == 3  # I4 withdrew
    assert coverage.loc["delen", "informanten_niet_gedekt"] == 1
    text = (out / "toestemming_dekking.csv").read_text(encoding="utf-8")
    assert "politie (basisteam) (1)" in text and "I1" not in text and "I4" not in text  # roles, not codes
    # the notebook shows the records and the withdrawal
    assert "ingetrokken" in html and "basisschool" in html
    rounds_html = (out / "netwerkkaart_rondes.html").read_text(encoding="utf-8")
    assert "wl-frag" in rounds_html and "moeders vertellen elkaar alles" in rounds_html
    assert privacy.audit(out, load_demo()).ok
    # the shared exports hold no trace of I4, who withdrew: no consent row, no note, no log entry naming I4
    consent = pd.read_csv(out / "csv" / "toestemming.csv")
    assert list(consent["informant"]) == ["I1", "I2", "I3"]
    shared = "".join(p.read_text(encoding="utf-8") for p in (out / "csv").glob("*.csv"))
    assert "I4" not in shared
    sheets = pd.read_excel(out / "stakeholderkaart.xlsx", sheet_name=None, dtype=str)
    assert not any(df.astype(str).apply(lambda col: col.str.contains(r"\bI4\b")).any().any()
                   for df in sheets.values())
