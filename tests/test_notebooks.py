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
}

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
    paths = run_notebook(NOTEBOOK_DIR / name, tmp_path, TEST_PARAMETERS[name])
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
