"""Red-team findings (low): an output folder outside the project folder is named in a warning (not refused), and
a cijfers file listed twice in a project file is an error naming the project file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from wijklib.cli import EXIT_INPUT_ERROR, _warn_outside_project, main
from wijklib.errors import InputError
from wijklib.project import DEMO_PROJECT, load_project

DEMO = DEMO_PROJECT.parent


def _project(folder: Path, cijfers) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO / "indicatoren.csv", folder / "indicatoren.csv")
    path = folder / "project.yaml"
    path.write_text(yaml.safe_dump({"gemeente": {"code": "GM9901"}, "cijfers": cijfers}), encoding="utf-8")
    return path


@pytest.mark.parametrize("cijfers", [
    ["indicatoren.csv", "indicatoren.csv"],
    ["indicatoren.csv", "./sub/../indicatoren.csv"],
    ["indicatoren.csv", {"bestand": "indicatoren.csv", "periode": 2023}],
])
def test_a_cijfers_file_listed_twice_is_an_error_naming_file_and_key(tmp_path, cijfers):
    (tmp_path / "p" / "sub").mkdir(parents=True)
    path = _project(tmp_path / "p", cijfers)
    with pytest.raises(InputError) as exc:
        load_project(path)
    assert exc.value.file == str(path) and exc.value.key == "cijfers[2]"
    assert "hetzelfde bestand als cijfers[1]" in str(exc.value) and "indicatoren.csv" in str(exc.value)


def test_two_different_cijfers_files_are_fine(tmp_path):
    folder = tmp_path / "p"
    path = _project(folder, ["indicatoren.csv", "ander.csv"])
    shutil.copy(DEMO / "indicatoren.csv", folder / "ander.csv")
    assert len(load_project(path).counted_files) == 2


def test_output_outside_the_project_folder_is_named_in_one_warning(tmp_path, capsys):
    _warn_outside_project(tmp_path / "p" / ".." / "elders", tmp_path / "p")
    err = capsys.readouterr().err
    assert err.startswith("wijk: waarschuwing: ") and str(tmp_path / "elders") in err and err.count("\n") == 1
    _warn_outside_project(tmp_path / "p" / "uitvoer" / "urgentie", tmp_path / "p")
    assert capsys.readouterr().err == ""


def test_wijk_rapport_warns_about_an_output_folder_outside_the_project(tmp_path, capsys, monkeypatch):
    path = _project(tmp_path / "p", ["indicatoren.csv"])
    monkeypatch.chdir(tmp_path / "p")
    # a buurt that does not exist: the run stops at the input, after the warning
    status = main(["rapport", "--project", str(path), "--gebieden", "BU12345678", "--uit", "../elders", "--stil"])
    assert status == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert f"wijk: waarschuwing: de uitvoermap {tmp_path / 'elders'} ligt buiten de projectmap {tmp_path / 'p'}" in err
    status = main(["rapport", "--project", str(path), "--gebieden", "BU12345678", "--uit", "rapporten", "--stil"])
    assert status == EXIT_INPUT_ERROR and "waarschuwing: de uitvoermap" not in capsys.readouterr().err


def test_wijk_analyse_warns_about_an_output_folder_outside_the_project(tmp_path, capsys, monkeypatch):
    path = _project(tmp_path / "p", ["indicatoren.csv"])
    monkeypatch.chdir(tmp_path / "p")
    # a year the figures do not have: the run stops at the input, after the warning
    assert main(["analyse", str(path), "--jaar", "1999", "--uit", "../elders"]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert f"wijk: waarschuwing: de uitvoermap {tmp_path / 'elders'} ligt buiten de projectmap {tmp_path / 'p'}" in err
    assert main(["analyse", str(path), "--jaar", "1999", "--uit", "uit"]) == EXIT_INPUT_ERROR
    assert "waarschuwing: de uitvoermap" not in capsys.readouterr().err
