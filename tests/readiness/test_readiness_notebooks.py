"""Notebooks 04-06 under papermill: they show what they promise, and the widget forms write nothing in batch."""

from __future__ import annotations

import json
from pathlib import Path

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook


def _texts(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"ERROR {o.get('ename')}: {o.get('evalue')}")
            out.append("".join(o.get("text", "")))
            data = o.get("data", {})
            out.append("".join(data.get("text/plain", "")) + "".join(data.get("text/markdown", "")))
    return "\n".join(out)


def test_quickscan_notebook(tmp_path):
    form_file = tmp_path / "formulier.csv"
    paths = run_notebook(NOTEBOOK_DIR / "04_randvoorwaarden_quickscan.ipynb", tmp_path / "nb",
                         {"formulier_pad": str(form_file), "uitvoer_map": str(tmp_path / "uit")}, html=False)
    text = _texts(paths["notebook"])
    assert "ERROR" not in text
    assert not form_file.exists()                                   # the form wrote nothing in batch
    assert "285 antwoorden van 5 respondenten" in text
    assert "Poort dicht" in text and "Bestuurskracht" in text and "'weet niet'" in text
    assert "Succesindicatoren helder maken" in text                 # an 'aan de slag' action of the weakest one
    assert (tmp_path / "uit" / "randvoorwaarden_profiel.csv").exists()


def test_interventions_notebook(tmp_path):
    forms = tmp_path / "werkbladen"
    paths = run_notebook(NOTEBOOK_DIR / "05_interventies_en_principes.ipynb", tmp_path / "nb",
                         {"formulier_map": str(forms)}, html=False)
    text = _texts(paths["notebook"])
    assert "ERROR" not in text
    assert not forms.exists()
    assert "Gebiedsprofiel Merelhof" in text and "initiatiefbereidheid uit de bewonersenquête" in text
    assert "meer participatie is niet vanzelf beter" in text
    assert "Werkblad: Inzet stadsmarinier of BOA's ondermijning" in text


def test_process_monitor_notebook(tmp_path):
    paths = run_notebook(NOTEBOOK_DIR / "06_procesmonitor.ipynb", tmp_path / "nb",
                         {"uitvoer_map": str(tmp_path / "monitor")}, html=False)
    text = _texts(paths["notebook"])
    assert "ERROR" not in text
    assert "Geweigerd: stap 5.1" in text and "poort **open**" in text
    assert "Stappen die klaar waren, blijven klaar" in text
    assert (tmp_path / "monitor" / "WK990102.yaml").exists()
