"""Notebook 08 on the demo stories: codes per buurt beside the counted figures, exports without names."""

from __future__ import annotations

import shutil
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


def test_notebook_08_exports_only_fragments_whose_consent_covers_delen(tmp_path):
    """A map where I2 consents to stories but not to sharing: the exports leave out I2's fragments."""
    kaart = tmp_path / "kaart"
    shutil.copytree(NOTEBOOK_DIR.parent / "data" / "demo" / "stakeholders", kaart)
    consent = pd.read_csv(kaart / "toestemming.csv", dtype=str, keep_default_na=False)
    consent.loc[consent["informant"] == "I2", "reikwijdte"] = "relaties|beoordelingen|verhalen"
    consent.to_csv(kaart / "toestemming.csv", index=False)
    (kaart / "stakeholders.xlsx").unlink()  # the folder is read as CSV files
    out = tmp_path / "verhalen"
    paths = run_notebook(NOTEBOOK_DIR / "08_verhalen.ipynb", tmp_path,
                         {"uitvoermap": str(out), "stakeholders": str(kaart)})
    html = paths["html"].read_text(encoding="utf-8")
    assert "Traceback" not in html
    assert "delen met partners niet; hun 2 verhaalfragment(en) staan niet in deze export" in html
    informants = set(pd.read_csv(out / "csv" / "fragmenten.csv")["informant"].dropna())
    assert informants == {"I1", "I3"}  # I2 (no 'delen') and I4 (withdrawn) are not shared
    with zipfile.ZipFile(out / "verhalen.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    assert 'name="F01"' in qde and 'name="F03"' not in qde and 'name="F04"' not in qde  # F03, F04: I2's
