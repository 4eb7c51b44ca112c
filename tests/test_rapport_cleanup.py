"""A failed ``wijk rapport`` leaves the output folder as it was: no empty ``_batch``, no half output."""

from __future__ import annotations

import os
from pathlib import Path

from wijklib.cli import EXIT_INPUT_ERROR, main


def _state(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            out[str(p.relative_to(folder))] = (p.read_bytes() if p.is_file() else None, p.stat().st_mtime_ns)
    return out


def _bad_focus(tmp_path: Path) -> Path:
    focus = tmp_path / "focus.csv"
    focus.write_text("area_code;besluit\nBU99019999;ja\n", encoding="utf-8")  # not a buurt of the demo
    return focus


def test_a_new_output_folder_is_not_left_behind(tmp_path, capsys):
    out = tmp_path / "rapporten"
    assert main(["rapport", "--demo", "--focus", str(_bad_focus(tmp_path)), "--uit", str(out), "--stil"]) \
        == EXIT_INPUT_ERROR
    assert "BU99019999" in capsys.readouterr().err
    assert not out.exists()  # before the fix: rapporten/_batch/gebieden stayed behind, empty


def test_an_existing_output_folder_is_as_before(tmp_path, capsys):
    out = tmp_path / "rapporten"
    (out / "_batch" / "gebieden").mkdir(parents=True)
    (out / "_batch" / "gebieden" / "BU99010201.json").write_text("{}", encoding="utf-8")
    (out / "buurten").mkdir()
    (out / "buurten" / "BU99010201.html").write_text("<p>vorig rapport</p>", encoding="utf-8")
    (out / "manifest.json").write_text('{"vorige": true}', encoding="utf-8")
    (out / "eigen notities.txt").write_text("van de gebruiker", encoding="utf-8")
    before = _state(out)
    assert main(["rapport", "--demo", "--focus", str(_bad_focus(tmp_path)), "--uit", str(out), "--stil"]) \
        == EXIT_INPUT_ERROR
    capsys.readouterr()
    assert _state(out) == before


def test_nothing_is_removed_while_another_batch_holds_the_folder(tmp_path, capsys):
    out = tmp_path / "rapporten"
    out.mkdir()
    lock = out / ".wijk-rapport.lock"
    lock.write_text(str(os.getpid()), encoding="utf-8")  # a live process: "another batch runs here"
    (out / "_batch").mkdir()  # made by that other batch after our snapshot would be taken: not ours to remove
    assert main(["rapport", "--demo", "--uit", str(out), "--stil"]) == EXIT_INPUT_ERROR
    assert "draait al een rapportbatch" in capsys.readouterr().err
    assert lock.exists() and (out / "_batch").is_dir()
