"""Execute every notebook with papermill on small data (the notebook equivalent of nbval).

Each notebook in ``notebooks/`` must appear in ``TEST_PARAMETERS`` so that a new notebook cannot slip in untested.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

#: Parameters per notebook for the test run (small data, fast).
TEST_PARAMETERS: dict[str, dict] = {
    "00_catalogus_rondleiding.ipynb": {"zoekterm": "wijkverbinder"},
    "01_urgentieanalyse.ipynb": {"trekkingen": 100, "uitvoermap": "{tmp}/urgentie"},
    "02_stakeholderkaart.ipynb": {"uitvoermap": "{tmp}/stakeholders", "rondes": ["R1", "R2"]},
    "03_kaart_focusgebieden.ipynb": {"uitvoermap": "{tmp}/kaarten",
                                     "lagen": ["urgentie", "focusgebieden", "wijken", "schouw", "signalen"]},
    "04_randvoorwaarden_quickscan.ipynb": {"formulier_meenemen": False},
    "05_interventies_en_principes.ipynb": {"aantal": 5},
    "06_procesmonitor.ipynb": {},
    "07_weerbare_gemeenschap.ipynb": {"uitvoermap": "{tmp}/gemeenschap"},
    "08_verhalen.ipynb": {"uitvoermap": "{tmp}/verhalen"},
}


def _params(name: str, tmp_path: Path) -> dict:
    """Test parameters with ``{tmp}`` replaced by the test's temporary folder."""
    return json.loads(json.dumps(TEST_PARAMETERS[name]).replace("{tmp}", str(tmp_path)))

NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))


def test_every_notebook_has_test_parameters():
    assert set(NOTEBOOKS) == set(TEST_PARAMETERS)


def _outputs(nb_path: Path) -> list[str]:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                texts.append("ERROR " + out.get("ename", ""))
            texts.append("".join(out.get("text", "")))
            data = out.get("data", {})
            texts.append("".join(data.get("text/plain", "")) + "".join(data.get("text/markdown", "")))
    return texts


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, tmp_path):
    paths = run_notebook(NOTEBOOK_DIR / name, tmp_path, _params(name, tmp_path))
    html = paths["html"].read_text(encoding="utf-8")
    assert "Traceback" not in html
    assert not any(t.startswith("ERROR") for t in _outputs(paths["notebook"]))


def test_catalogue_tour_shows_what_it_promises(tmp_path):
    paths = run_notebook(NOTEBOOK_DIR / "00_catalogus_rondleiding.ipynb", tmp_path,
                         {"zoekterm": "wijkverbinder", "randvoorwaarde": "lk.rv.bestuurskracht"}, html=False)
    text = "\n".join(_outputs(paths["notebook"]))
    assert "treffers voor 'wijkverbinder'" in text
    assert "Bestuurskracht" in text          # the chosen precondition is described
    assert "Beslismoment".lower() in text.lower()


def test_urgency_notebook_writes_focus_areas_for_the_maps(tmp_path):
    import pandas as pd

    run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", tmp_path,
                 {"trekkingen": 100, "k": 4, "uitvoermap": str(tmp_path / "uit")}, html=False)
    focus = pd.read_csv(tmp_path / "uit" / "focusgebieden.csv")
    assert {"area_code", "name", "cluster", "robustness", "decision"} <= set(focus.columns)
    assert len(focus) == 4 and focus["area_code"].str.startswith("BU9901").all()
    assert focus["decision"].isna().all()  # the choice is left to the team


def _amsterdam_project(shared_data: Path, folder: Path, years: list[int]) -> Path:
    """A project file for Amsterdam KWB (the given years) with the 2019 CBS buurt polygons."""
    files = ", ".join(str(shared_data / "amsterdam" / f"kwb_{y}_amsterdam_tidy.csv") for y in years)
    path = folder / "amsterdam.yaml"
    path.write_text(f"gemeente: {{code: GM0363}}\ncijfers: [{files}]\n"
                    f"buurten: {shared_data / 'cbs' / 'buurten_2019_gegeneraliseerd.gpkg'}\n"
                    "urgentie: {k: 10}\nuitvoer: uit\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("years", [[2019], [2017, 2019]], ids=["2019", "2017+2019"])
def test_urgency_notebook_runs_on_real_amsterdam_data(tmp_path, shared_data, years):
    """Real KWB for Amsterdam with the 2019 buurt polygons (filtered on BU0363): one year and two years."""
    import pandas as pd

    project = _amsterdam_project(shared_data, tmp_path, years)
    paths = run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", tmp_path,
                         {"project": str(project), "trekkingen": 100}, html=False)
    text = "\n".join(_outputs(paths["notebook"]))
    assert not any(t.startswith("ERROR") for t in _outputs(paths["notebook"]))
    assert f"Amsterdam: 479 buurten, cijfers over {years}" in text
    if len(years) == 1:
        assert "een trend vraagt minstens twee" in text
    # KWB 2019 has no crime figures: the notebook says so in plain Dutch, with the redistributed weights
    assert "geen cijfers voor het domein" in text.lower() and "verdeeld over" in text
    scores = pd.read_csv(tmp_path / "uit" / "scores.csv")
    assert len(scores) == 479 and scores["area_code"].str.startswith("BU0363").all()
    assert scores["rank"].notna().sum() > 300
    assert (scores["name"] != scores["area_code"]).mean() >= 0.95
    focus = pd.read_csv(tmp_path / "uit" / "focusgebieden.csv")
    assert len(focus) >= 10 and focus["area_code"].isin(scores["area_code"]).all()


def test_stakeholder_notebook_shares_no_names(tmp_path):
    """With the default namen_tonen=False no demo person's name is in the notebook, its HTML or the exports."""
    from wijklib.stakeholders import load_demo

    paths = run_notebook(NOTEBOOK_DIR / "02_stakeholderkaart.ipynb", tmp_path,
                         {"uitvoermap": str(tmp_path / "uit"), "rondes": ["R1", "R2"]})
    names = [a.naam for a in load_demo().actors if a.natuurlijk_persoon]
    assert names, "de demo hoort personen te bevatten"
    files = [paths["notebook"], paths["html"], *[p for p in (tmp_path / "uit").rglob("*") if p.suffix in
                                                  (".csv", ".html", ".txt", ".json")]]
    assert len(files) > 3
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in names:
            assert name not in text, f"{name} staat in {path.name}"
    assert (tmp_path / "uit" / "netwerkkaart_R2.html").exists()
