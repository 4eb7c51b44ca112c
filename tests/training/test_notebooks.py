"""All training notebooks run under papermill, in the solution version (every check passes) and the learner version.

The solution version runs with ``WIJKLIB_OEFENINGEN_STRENG=1``: a self-check that does not pass raises, so a
passing run proves that every worked answer is right. The learner version runs without it and must reach the end
with "Nog niet" feedback for every exercise. Notebooks run one after another (parallel kernel starts race for
ports, papermill #511).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

from wijklib.training import EXERCISES, STRICT_ENV, TRAINING_DIR
from wijklib.training.learner import SOLUTION_TAG, TRAINER_TAG, learner_version

NOTEBOOKS = sorted(p.name for p in TRAINING_DIR.glob("*.ipynb"))
#: Seconds one cell may take; a widget cell that waits for input fails the run instead of hanging.
CELL_TIMEOUT = 90
CHECK_CALL = re.compile(r"""check\(\s*["'](oefening_\d+_\d+)["']""")
#: Engine column names that must not appear as headers of the tables a learner sees.
ENGLISH_COLUMNS = re.compile(r"area_code|period|value|actor_id|wijk_code|name|source|theme")


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.fixture(scope="module")
def learner_dir(tmp_path_factory) -> Path:
    return learner_version(TRAINING_DIR, tmp_path_factory.mktemp("training") / "leerversie")[0].parent


def _run(source: Path, out_dir: Path) -> nbformat.NotebookNode:
    import papermill as pm

    out = out_dir / source.name
    # a short per-cell timeout: widget cells (forms, the playground) must never wait for input
    pm.execute_notebook(str(source), str(out), kernel_name="python3", cwd=str(source.parent), progress_bar=False,
                        execution_timeout=CELL_TIMEOUT, start_timeout=90)
    return nbformat.read(out, as_version=4)


def _texts(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                texts.append(f"ERROR {out.get('ename')}: {out.get('evalue')}")
            texts.append("".join(out.get("text", "")))
            texts.append("".join(out.get("data", {}).get("text/plain", "")))
    return texts


def _table_headers(nb) -> list[str]:
    """Header cells (column names, index names) of the HTML tables in the outputs."""
    headers = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            headers += [h.strip() for h in re.findall(r"<th[^>]*>([^<]*)</th>", html)] if "<table" in html else []
    return headers


def _checks_in(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [m for c in nb.cells if c.cell_type == "code" for m in CHECK_CALL.findall(c.source)]


def test_there_are_seven_numbered_training_notebooks():
    assert len(NOTEBOOKS) == 7
    assert [n[:3] for n in NOTEBOOKS] == [f"{i:02d}_" for i in range(1, 8)]


def test_every_exercise_is_checked_once_in_its_own_notebook():
    seen: dict[str, str] = {}
    for name in NOTEBOOKS:
        for ex_id in _checks_in(TRAINING_DIR / name):
            assert ex_id in EXERCISES, f"{name}: onbekende oefening {ex_id}"
            assert ex_id not in seen, f"{ex_id} staat in {seen.get(ex_id)} en {name}"
            assert EXERCISES[ex_id].notebook == name[:2], f"{ex_id} hoort bij notebook {EXERCISES[ex_id].notebook}"
            seen[ex_id] = name
    assert set(seen) == set(EXERCISES)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_exercise_pattern_placeholder_solution_check(name):
    """Each check is preceded by a solution cell, which is preceded by a placeholder that sets the answer to None."""
    cells = nbformat.read(TRAINING_DIR / name, as_version=4).cells
    checks = [i for i, c in enumerate(cells) if c.cell_type == "code" and CHECK_CALL.search(c.source)]
    assert checks
    for i in checks:
        solution, placeholder = cells[i - 1], cells[i - 2]
        assert SOLUTION_TAG in _tags(solution), f"{name}: cel {i - 1} is geen uitwerking"
        assert SOLUTION_TAG not in _tags(placeholder)
        tree = ast.parse(placeholder.source)
        assigns = [n for n in tree.body if isinstance(n, ast.Assign)]
        assert assigns and ("None  # vul in" in placeholder.source or "\"\"\"" in placeholder.source), \
            f"{name}: cel {i - 2} is geen invulcel"
        assert "# Uitwerking" in solution.source
    assert cells[-1].cell_type == "markdown" and "Samenvatting" in cells[-1].source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_solution_version_runs_and_passes_every_check(name, tmp_path, monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")  # inherited by the kernel: a failing check raises
    nb = _run(TRAINING_DIR / name, tmp_path)
    texts = "\n".join(_texts(nb))
    assert "ERROR" not in texts, texts[texts.find("ERROR"):][:800]
    n_checks = len(_checks_in(TRAINING_DIR / name))
    assert texts.count("Goed zo: ") == n_checks
    assert "Nog niet:" not in texts
    english = [h for h in _table_headers(nb) if ENGLISH_COLUMNS.fullmatch(h)]
    assert not english, f"{name}: tabel met Engelse kolomnamen {sorted(set(english))}; gebruik dutch_columns(...)"
    if name.startswith("02_"):  # survey scores of buurten with fewer than 10 respondents are not shown
        assert "< 10" in texts


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_learner_version_runs_without_solutions(name, learner_dir, tmp_path, monkeypatch, answers):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    source = learner_dir / name
    assert not [c for c in nbformat.read(source, as_version=4).cells if SOLUTION_TAG in _tags(c)]
    nb = _run(source, tmp_path)
    texts = "\n".join(_texts(nb))
    assert "ERROR" not in texts, texts[texts.find("ERROR"):][:800]
    # an unanswered exercise gets a neutral prompt, never "Nog niet" (issue #16: seven of them on notebook 01);
    # only the starter tables of 4.1 and 4.2 (two rows each) are real, incomplete answers
    starters = {"04": 2}.get(name[:2], 0)
    assert texts.count("Nog niet: ") == starters
    assert texts.count("Vul je antwoord in") + starters == len(_checks_in(source)) > 0
    assert "Goed zo" not in texts
    leaked = [a for a in answers if a in texts]
    assert not leaked, f"{name}: de leerversie toont antwoordtekst: {leaked[0][:100]}"
    for marker in ("Interpretatie", "Kaart van de trainer", "kernprincipe", "Het duidelijkst"):
        assert marker not in texts, f"{name}: {marker!r} in de uitvoer van de leerversie"


def test_notebook_metadata_is_clean():
    for name in NOTEBOOKS:
        nb = json.loads((TRAINING_DIR / name).read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        assert "papermill" not in nb["metadata"] and "widgets" not in nb["metadata"]


def test_notebook_07_is_self_contained_and_keeps_the_answer_key_for_the_trainer():
    cells = nbformat.read(TRAINING_DIR / "07_ethiek_en_privacy.ipynb", as_version=4).cells
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "notebook 04" not in markdown  # 07 can be run on its own (FACILITATOR.md)
    table = next(i for i, c in enumerate(cells) if c.cell_type == "code" and "pd.DataFrame({\"notitie\"" in c.source)
    last_check = max(i for i, c in enumerate(cells) if c.cell_type == "code"
                     and re.search(r"check\(\"oefening_7_[12]\"", c.source))
    assert table > last_check
    assert "antwoordsleutel" in cells[table - 1].source
    assert TRAINER_TAG in _tags(cells[table]) and TRAINER_TAG in _tags(cells[table - 1])


def test_no_switch_shows_a_key_and_interpretations_are_for_the_trainer():
    for name in NOTEBOOKS:
        nb = nbformat.read(TRAINING_DIR / name, as_version=4)
        params = next(c for c in nb.cells if "parameters" in _tags(c))
        assert "sleutel" not in params.source, f"{name}: parameter die een sleutel toont"
        for cell in nb.cells:
            if re.search(r"interpretation_markdown\(|load_interview\(|SUSPECT_QUIZ\[", cell.source):
                assert TRAINER_TAG in _tags(cell), f"{name}: cel met sleutel of interpretatie zonder tag 'trainer'"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_exercise_has_a_form_for_the_code_free_route(name):
    cells = nbformat.read(TRAINING_DIR / name, as_version=4).cells
    for i, cell in enumerate(cells):
        found = CHECK_CALL.search(cell.source) if cell.cell_type == "code" else None
        if found:
            assert f'formulier("{found.group(1)}"' in cells[i + 1].source, f"{name}: geen formulier na {found.group(1)}"


def test_notebook_02_points_to_07_for_small_numbers_and_warns_about_pointing_at_one_house():
    cells = nbformat.read(TRAINING_DIR / "02_gebied_leren_kennen.ipynb", as_version=4).cells
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "suppress_small(" in code and "notebook 07" in markdown.lower()
    assert "één huis" in markdown
    from wijklib.training.data import demo_signals

    assert not demo_signals()["tekst"].str.contains("woning aan de rand van", case=False).any()


def test_a_cell_that_waits_fails_the_run_instead_of_hanging(tmp_path):
    """A widget cell that blocks (as notebook 03 once did) must fail the run under the cell timeout, not pass."""
    import papermill as pm

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(600)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = tmp_path / "wacht.ipynb"
    nbformat.write(nb, source)
    with pytest.raises(Exception, match="(?i)timed out|timeout"):
        pm.execute_notebook(str(source), str(tmp_path / "uit.ipynb"), kernel_name="python3", progress_bar=False,
                            execution_timeout=10, start_timeout=120)
