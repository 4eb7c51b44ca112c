"""Notebook 08 on the demo stories: codes per buurt beside the counted figures, exports without names."""

from __future__ import annotations

import zipfile

import pandas as pd

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook


def test_notebook_08_runs_and_exports(tmp_path):
    out = tmp_path / "verhalen"
    figures = pd.read_csv(NOTEBOOK_DIR.parent / "data" / "demo" / "indicatoren.csv", dtype={"code": str})
    figures[figures["code"] != "BU99010204"].to_csv(tmp_path / "cijfers.csv", index=False)  # a buurt without figures
    paths = run_notebook(NOTEBOOK_DIR / "08_verhalen.ipynb", tmp_path,
                         {"uitvoermap": str(out), "cijfers": str(tmp_path / "cijfers.csv")})
    html = paths["html"].read_text(encoding="utf-8")
    assert "Traceback" not in html
    assert "geen cijfers voor 1 buurt(en) uit de verhalen: BU99010204" in html
    assert "geen namen van personen gevonden" in html
    assert "te weinig bronnen" in html and "misdrijven_per_1000" in html
    freq = pd.read_csv(out / "csv" / "codefrequenties.csv")
    assert freq["achtergehouden"].any() and not freq["achtergehouden"].all()
    frags = pd.read_csv(out / "csv" / "fragmenten.csv")
    assert "I4" not in set(frags["informant"].dropna())  # withdrawn consent
    with zipfile.ZipFile(out / "verhalen.qdpx") as zf:
        assert "project.qde" in zf.namelist()
    assert (out / "codeboek.qdc").exists()
