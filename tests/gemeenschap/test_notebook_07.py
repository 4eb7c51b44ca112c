"""Notebook 07 on the demo workbench: it shows what it promises and shares no names of key persons."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "gemeenschap"


def test_notebook_07_runs_on_demo_data_without_names(tmp_path):
    out = tmp_path / "uit"
    paths = run_notebook(NOTEBOOK_DIR / "07_weerbare_gemeenschap.ipynb", tmp_path,
                         {"uitvoermap": str(out), "sjablonen_map": str(tmp_path / "sjablonen")})
    nb = json.loads(paths["notebook"].read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    html = paths["html"].read_text(encoding="utf-8")
    assert "keuze van wijklib" in html and "Sociale kaart" in html and "SP-" in html
    assert "Criminelen die op straat bruikbare jongeren zoeken" in html      # a catalogue signal of 001
    names = [n for n in pd.read_csv(DEMO / "sleutelpersonen.csv", dtype=str, keep_default_na=False)["naam"] if n]
    files = [paths["notebook"], paths["html"], *out.glob("*.csv")]
    assert len(files) >= 7
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in names:
            assert name not in text and name.split()[-1] not in text, f"naam in {path.name}"
    shared = pd.read_csv(out / "sleutelpersonen_gedeeld.csv")
    assert "bescherming" not in shared.columns and shared["pseudoniem"].str.match(r"^SP").all()
    assert len(list((tmp_path / "sjablonen").glob("*.xlsx"))) == 6
