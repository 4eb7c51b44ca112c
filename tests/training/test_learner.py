"""The learner version: no solution cells, no outputs, written atomically, never into the source folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from wijklib.errors import InputError
from wijklib.training import TRAINING_DIR
from wijklib.training.__main__ import main
from wijklib.training.learner import MARKER, SOLUTION_TAG, TRAINER_TAG, learner_version, strip_notebook


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _make_source(folder: Path) -> Path:
    """A small source folder: one notebook with a solution cell and outputs, a case file and a facilitator guide."""
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel"),
                nbformat.v4.new_code_cell("antwoord = None  # vul in"),
                nbformat.v4.new_code_cell("antwoord = 42", metadata={"tags": [SOLUTION_TAG]}),
                nbformat.v4.new_code_cell("print(antwoord)", execution_count=3,
                                          outputs=[nbformat.v4.new_output("stream", text="42\n")])]
    nb.metadata["papermill"] = {"parameters": {}}
    nbformat.write(nb, folder / "01_oefening.ipynb")
    (folder / "casus").mkdir()
    (folder / "casus" / "verhaal.yaml").write_text("fictief: true\n", encoding="utf-8")
    (folder / "FACILITATOR.md").write_text("antwoorden\n", encoding="utf-8")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "01_oefening-checkpoint.ipynb").write_text("{}", encoding="utf-8")
    return folder


def test_strip_notebook_keeps_everything_but_solutions_and_outputs(tmp_path):
    src = _make_source(tmp_path / "bron")
    nb = nbformat.read(src / "01_oefening.ipynb", as_version=4)
    out = strip_notebook(nb)
    assert [c.source for c in out.cells] == ["# Titel", "antwoord = None  # vul in", "print(antwoord)"]
    assert all(not c.outputs and c.execution_count is None for c in out.cells if c.cell_type == "code")
    assert "papermill" not in out.metadata
    assert len(nb.cells) == 4 and nb.cells[3].outputs, "the source notebook object is not changed"


def test_learner_version_of_the_training_collection(tmp_path):
    written = learner_version(TRAINING_DIR, tmp_path / "leer")
    names = sorted(p.name for p in written if p.suffix == ".ipynb")
    assert names == sorted(p.name for p in TRAINING_DIR.glob("*.ipynb")) and len(names) == 7
    assert not (tmp_path / "leer" / "casus").exists(), "casusmateriaal met sleutels hoort niet in de leerversie"
    assert (tmp_path / "leer" / "BEGRIPPEN.md").exists() and (tmp_path / "leer" / "FEEDBACKFORMULIER.md").exists()
    assert not (tmp_path / "leer" / "FACILITATOR.md").exists()
    for path in (tmp_path / "leer").glob("*.ipynb"):
        source = nbformat.read(TRAINING_DIR / path.name, as_version=4)
        learner = nbformat.read(path, as_version=4)
        nbformat.validate(learner)
        assert not [c for c in learner.cells if {SOLUTION_TAG, TRAINER_TAG} & set(_tags(c))], path.name
        n_solutions = sum(SOLUTION_TAG in _tags(c) for c in source.cells)
        n_removed = sum(bool({SOLUTION_TAG, TRAINER_TAG} & set(_tags(c))) for c in source.cells)
        assert n_solutions >= 2, f"{path.name}: verwacht uitwerkingen in de bron"
        assert len(learner.cells) == len(source.cells) - n_removed
        kept = [c.source for c in source.cells if not {SOLUTION_TAG, TRAINER_TAG} & set(_tags(c))]
        assert [c.source for c in learner.cells] == kept  # everything else stays, in order
        assert learner.metadata["kernelspec"]["name"] == "python3"
        assert sum("parameters" in _tags(c) for c in learner.cells) == 1


def test_learner_version_holds_no_answer_text_and_no_key_file(tmp_path, answers, answer_markers):
    target = tmp_path / "leer"
    learner_version(TRAINING_DIR, target)
    files = [p for p in target.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix in (".yaml", ".yml", ".json") and p.name != MARKER]
    assert len(answers) > 100
    for path in files:
        if path.name == MARKER:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        leaked = [a for a in answers if a in text]
        assert not leaked, f"{path.name} bevat antwoordtekst: {leaked[0][:80]}"
        markers = [m for m in answer_markers if m in text]
        assert not markers, f"{path.name} bevat {markers}"


def test_the_check_still_works_in_the_learner_version_because_the_key_is_in_the_package(tmp_path, capsys):
    from wijklib.training import check

    learner_version(TRAINING_DIR, tmp_path / "leer")
    assert check("oefening_1_5", "b")  # the key is read from the package, not from the learner folder
    assert capsys.readouterr().out.startswith("Goed zo")


def test_command_line_writes_the_learner_version(tmp_path, capsys):
    src = _make_source(tmp_path / "bron")
    assert main(["learner", str(src), str(tmp_path / "leer")]) == 0
    assert "1 notebooks" in capsys.readouterr().out
    nb = nbformat.read(tmp_path / "leer" / "01_oefening.ipynb", as_version=4)
    assert "antwoord = 42" not in [c.source for c in nb.cells]
    assert (tmp_path / "leer" / "casus" / "verhaal.yaml").read_text(encoding="utf-8") == "fictief: true\n"
    assert not (tmp_path / "leer" / ".ipynb_checkpoints").exists()
    marker = json.loads((tmp_path / "leer" / MARKER).read_text(encoding="utf-8"))
    assert marker["bestanden"] == ["01_oefening.ipynb", "casus/verhaal.yaml"]
    assert oct((tmp_path / "leer").stat().st_mode & 0o777) != oct(0o700)  # not the private mode of a temp dir


@pytest.mark.parametrize("where", ["same", "inside", "parent"])
def test_refuses_to_write_into_the_source_folder(tmp_path, capsys, where):
    src = _make_source(tmp_path / "notebooks" / "training")
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    target = {"same": src, "inside": src / "leer", "parent": tmp_path / "notebooks"}[where]
    assert main(["learner", str(src), str(target)]) == 2
    assert "bronmap" in capsys.readouterr().err
    with pytest.raises(InputError, match="bronmap"):
        learner_version(src, target, overwrite=True)
    after = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    assert after == before


def test_refuses_the_source_folder_through_a_symlink(tmp_path):
    src = _make_source(tmp_path / "bron")
    os.symlink(src, tmp_path / "koppeling")
    with pytest.raises(InputError, match="bronmap"):
        learner_version(src, tmp_path / "koppeling")


def test_refuses_a_foreign_non_empty_folder_unless_asked(tmp_path):
    src = _make_source(tmp_path / "bron")
    target = tmp_path / "leer"
    target.mkdir()
    (target / "eigen.txt").write_text("van iemand anders", encoding="utf-8")
    with pytest.raises(InputError, match="niet leeg"):
        learner_version(src, target)
    learner_version(src, target, overwrite=True)
    assert (target / "eigen.txt").read_text(encoding="utf-8") == "van iemand anders"
    assert (target / "01_oefening.ipynb").exists()


def test_updating_a_learner_folder_replaces_files_and_removes_stale_ones(tmp_path):
    src = _make_source(tmp_path / "bron")
    target = tmp_path / "leer"
    learner_version(src, target)
    shutil.copy(src / "01_oefening.ipynb", src / "02_tweede.ipynb")
    learner_version(src, target)
    assert (target / "02_tweede.ipynb").exists()
    (src / "02_tweede.ipynb").unlink()
    (target / "notities.txt").write_text("van de deelnemer", encoding="utf-8")
    learner_version(src, target)
    assert not (target / "02_tweede.ipynb").exists()  # stale file of the previous version removed
    assert (target / "notities.txt").exists()  # files the command did not write are left alone


def test_nothing_is_written_when_a_notebook_is_broken(tmp_path):
    src = _make_source(tmp_path / "bron")
    target = tmp_path / "leer"
    learner_version(src, target)
    before = {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    (src / "01_oefening.ipynb").write_text("{dit is geen notebook", encoding="utf-8")
    with pytest.raises(InputError, match="01_oefening.ipynb"):
        learner_version(src, target)
    assert {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
    with pytest.raises(InputError):
        learner_version(src, tmp_path / "nieuw")
    assert not (tmp_path / "nieuw").exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers, f"tijdelijke mappen blijven achter: {leftovers}"


def test_source_without_notebooks_is_an_error(tmp_path):
    (tmp_path / "leeg").mkdir()
    with pytest.raises(InputError, match="geen notebooks"):
        learner_version(tmp_path / "leeg", tmp_path / "leer")
    with pytest.raises(InputError, match="bestaat niet"):
        learner_version(tmp_path / "bestaat_niet", tmp_path / "leer")
