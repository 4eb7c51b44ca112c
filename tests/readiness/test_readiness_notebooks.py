"""Notebooks 04-06 under papermill: they show what they promise, and the widget forms write nothing in batch."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from wijklib.notebooks import NOTEBOOK_DIR, run_notebook


def _texts(nb_path: Path) -> str:
    """Everything a reader sees in the outputs: streams, Markdown, plain text and the cells of HTML tables."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                out.append(f"ERROR {o.get('ename')}: {o.get('evalue')}")
            out.append("".join(o.get("text", "")))
            data = o.get("data", {})
            out.append("".join(data.get("text/plain", "")) + "".join(data.get("text/markdown", "")))
            if "text/html" in data:
                page = re.sub(r"<style.*?</style>", " ", "".join(data["text/html"]), flags=re.S)
                out.append(html.unescape(re.sub(r"<[^>]+>", " | ", page)))
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
    assert "gemiddelde 0,91 is lager dan 1,5" in text and "0.91" not in text
    assert "(alleen zichtbaar in JupyterLab of Voilà)" in text      # text alternative of the form in exports
    assert "wat ziet de een dat de ander niet ziet?" in text and "de ander niet ..." not in text
    assert "aandeel_weet_niet" not in text and "zwakste_score" not in text and "True" not in text
    assert "Welzijnsorganisatie / sociaal werk 1,86" in text


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
    # urgency type from the urgency analysis (Merelhof: meervoudig since the demo aanleidingen log), not hard-coded
    assert "urgentietype uit de urgentieanalyse" in text and "Urgentietype: meervoudige urgentie" in text
    assert "beleidskader" not in text
    assert "signalen van professionals in Merelhof" in text and "in BU99010201" not in text
    assert "Soort gebied: stedelijke buurt" in text
    assert "potentie 0,60" in text and "potentie 0.60" not in text
    # the form's text alternative with a path relative to the project; the principles in full
    assert text.count("(alleen zichtbaar in JupyterLab of Voilà)") >= 2
    from wijklib.notebooks import REPO_ROOT

    assert str(REPO_ROOT) not in text.replace(str(forms), "")  # no absolute paths of this machine
    assert "Waar op letten" in text or "waar op letten" in text
    assert "..." not in text.replace("...)", "")


def test_process_monitor_notebook(tmp_path):
    paths = run_notebook(NOTEBOOK_DIR / "06_procesmonitor.ipynb", tmp_path / "nb",
                         {"uitvoer_map": str(tmp_path / "monitor")}, html=False)
    text = _texts(paths["notebook"])
    assert "ERROR" not in text
    assert "Geweigerd: stap 5.1" in text and "poort **open**" in text
    assert "Stappen die klaar waren, blijven klaar" in text
    assert (tmp_path / "monitor" / "WK990102.yaml").exists()
    # the three gates agree in the demo: the beslismoment waits, as the quickscan says
    assert "poort **dicht**" in text and "De poorten spreken elkaar niet tegen" in text
    assert "Stap 7 mag (nog) niet klaar" in text
    assert "notebook 03" not in text and "notebook 07" not in text
    assert "werken.." not in text and "None" not in text and "True" not in text
    assert "no_go'" not in text and "'eerst_op_orde'" not in text and "na_poort" not in text
    assert "eerst randvoorwaarden op orde" in text
    # 003 at work: involvement A-E per step, success factors, no-go alternatives, M&E with baseline vs now
    assert "alliantie (met bewonersplatform)" in text and "Visiesessie met bewoners" in text
    assert "Bevlogen professionals" in text and "Stimuleren gemeenschapskracht" in text
    assert "Nulmeting 2020 tegenover 2024, 9 buurten van WK990102" in text and "Wat werkt en hoe het werkt" in text
    assert "slechter" in text


def test_interventions_notebook_accepts_beleidskader_and_names_evidence(tmp_path):
    """Urgency through a policy frame (003 §4.1) is accepted; every suggestion names its evidence."""
    paths = run_notebook(NOTEBOOK_DIR / "05_interventies_en_principes.ipynb", tmp_path / "nb",
                         {"formulier_map": str(tmp_path / "werkbladen"), "urgentietype": "beleidskader", "aantal": 3},
                         html=False)
    text = _texts(paths["notebook"])
    assert "ERROR" not in text and "InputError" not in text
    assert "Urgentietype: urgentie door een beleidskader" in text
    assert "het Praktijkhandboek verbindt urgentie door een beleidskader niet aan een soort interventie" in text
    assert "Aanleiding in dit gebied:" in text and "signalen van professionals)" in text
