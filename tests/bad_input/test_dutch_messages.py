"""Red-team issue 13, item 5: error messages in Dutch, without Python internals."""

from __future__ import annotations

import io
import shutil
import warnings
from pathlib import Path

import pytest

from wijklib.cli import EXIT_INPUT_ERROR, EXIT_USAGE, _show_warning, main
from wijklib.errors import InputError, InputWarning

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"


def test_project_key_that_is_no_whole_number(tmp_path, capsys):
    proj = tmp_path / "p"
    shutil.copytree(DEMO, proj)
    text = (proj / "project.yaml").read_text(encoding="utf-8")
    lines = [("  k: vijf" if ln.strip().startswith("k:") else ln) for ln in text.splitlines()]
    assert "  k: vijf" in lines
    (proj / "project.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["analyse", str(proj / "project.yaml"), "--uit", str(tmp_path / "uit")]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "urgentie.k" in err and "verwacht een geheel getal (kreeg 'vijf')" in err
    assert "Input should" not in err and not (tmp_path / "uit").exists()


@pytest.mark.parametrize("value, expected, status", [
    ("vijf", "verwacht een geheel getal, kreeg 'vijf'", EXIT_USAGE),
    ("-3", "verwacht een geheel getal van 0 of meer", EXIT_USAGE),
    ("1e11", "hoogstens", EXIT_INPUT_ERROR),
])
def test_draws_on_the_command_line(tmp_path, capsys, value, expected, status):
    assert main(["analyse", str(DEMO / "project.yaml"), "--trekkingen", value, "--uit", str(tmp_path / "u")]) == status
    err = capsys.readouterr().err
    assert expected in err and "invalid int value" not in err


@pytest.mark.parametrize("value", ["1e11", 1e11])
def test_draws_in_yaml_say_too_large(value):
    from wijklib.urgency.config import MAX_DRAWS, load_config

    with pytest.raises(InputError, match=f"hoogstens {MAX_DRAWS}") as exc:
        load_config({"uncertainty": {"draws": value}})
    assert "verwacht een getal" not in str(exc.value)
    assert load_config({"uncertainty": {"draws": "2000"}}).uncertainty.draws == 2000


def test_unknown_year_lists_plain_years(tmp_path, capsys):
    assert main(["analyse", str(DEMO / "project.yaml"), "--jaar", "1800", "--uit", str(tmp_path / "u")]) \
        == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "periode 1800" in err and "np.int64" not in err and "2024" in err


def test_input_warnings_show_only_their_message():
    buf = io.StringIO()
    _show_warning(InputWarning("indicatoren.csv, rij 3, kolom 'woz': '-99999999' is geen waarde"), InputWarning,
                  "/x/wijklib/counted.py", 455, file=buf)
    out = buf.getvalue()
    assert out == "wijk: waarschuwing: indicatoren.csv, rij 3, kolom 'woz': '-99999999' is geen waarde\n"
    other = io.StringIO()
    _show_warning(UserWarning("iets anders"), UserWarning, "x.py", 1, file=other)
    assert other.getvalue().startswith("wijk: waarschuwing: ")  # other warnings are never shown raw
    assert "x.py:1" not in other.getvalue() and "UserWarning" not in other.getvalue()


def test_cli_restores_the_warning_display():
    before = warnings.showwarning
    main([])
    assert warnings.showwarning is before
