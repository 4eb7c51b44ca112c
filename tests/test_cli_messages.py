"""The ``wijk`` command line as an analyst meets it: argparse in Dutch (exit 102), warnings as one Dutch line
(also in spawned worker processes), options named as typed."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import threading
import warnings
from pathlib import Path

import pytest

from wijklib.cli import EXIT_INPUT_ERROR, EXIT_USAGE, _show_warning, main

ROOT = Path(__file__).resolve().parents[1]
DEMO_PROJECT = ROOT / "data" / "demo" / "project.yaml"

USAGE = [
    (["onbekend"], "wijk: fout: commando: ongeldige keuze: 'onbekend' (kies uit 'analyse', 'rapport', 'demo')"),
    (["analyse", "--referentie", "land"], "wijk analyse: fout: argument --referentie: ongeldige keuze: 'land'"),
    (["rapport"], "wijk rapport: fout: verplicht argument ontbreekt: geef een van --demo --config --project"),
    (["analyse", "--onbekend"], "wijk analyse: fout: onbekend argument: --onbekend"),
    (["rapport", "--demo", "extra", "meer"], "wijk rapport: fout: onbekende argumenten: extra meer"),
    (["demo", "--onbekend"], "wijk demo: fout: onbekend argument: --onbekend"),
    (["rapport", "--demo", "--config", "x.yaml"], "argument --config: niet samen te gebruiken met --demo"),
    (["rapport", "--config"], "argument --config: verwacht één waarde"),
    (["rapport", "--demo", "--werkers", "0"], "--werkers/--workers: verwacht een geheel getal van 1 of meer"),
    (["rapport", "--demo", "--werkers", "-2"], "verwacht een geheel getal van 1 of meer (aantal werkprocessen), "
                                               "kreeg '-2'"),
    (["rapport", "--demo", "--werkers", "veel"], "verwacht een geheel getal van 1 of meer, kreeg 'veel'"),
    (["rapport", "--demo", "--jaar", "twintig"], "verwacht een jaartal, bijvoorbeeld 2024, kreeg 'twintig'"),
]


@pytest.mark.parametrize("argv,expected", USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_usage_errors_are_dutch_and_exit_102(argv, expected, capsys):
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err
    assert expected in err
    assert err.startswith("gebruik: wijk")
    for english in ("usage:", "invalid choice", "unrecognized arguments", "is required", "not allowed with",
                    "expected one argument", "invalid int value", "error:"):
        assert english not in err


def test_unknown_argument_of_a_subcommand_shows_that_subcommand_s_usage(capsys):
    assert main(["analyse", "project.yaml", "tweede.yaml"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("gebruik: wijk analyse") and "wijk analyse: fout: onbekend argument: tweede.yaml" in err


def test_help_is_dutch_and_exits_0(capsys):
    assert main(["rapport", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: wijk rapport") and "opties:" in out and "toon deze hulptekst en stop" in out
    assert "show this help" not in out and "options:" not in out


def test_argparse_is_left_as_it_was():
    import argparse

    before = getattr(argparse, "_")
    main(["onbekend"])
    assert getattr(argparse, "_") is before
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: x")


def test_language_option_is_named_as_typed_not_as_a_column(tmp_path, capsys):
    assert main(["rapport", "--demo", "--taal", "en", "--uit", str(tmp_path / "u"), "--stil"]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "optie '--taal'" in err and "kolom" not in err and "'language'" not in err


def test_area_selection_names_the_option(tmp_path, capsys):
    assert main(["rapport", "--demo", "--gebieden", "BU123", "--uit", str(tmp_path / "u"), "--stil"]) \
        == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "optie '--gebieden'" in err and "BU123" in err and "kolom 'gebieden'" not in err


# -------------------------------------------------------------------------------------------------- warnings
def _shown(message, category, filename):
    buf = io.StringIO()
    _show_warning(message, category, filename, 12, file=buf)
    return buf.getvalue()


def test_a_wijklib_user_warning_is_shown_as_its_dutch_message_only():
    import wijklib.analysis

    out = _shown(UserWarning("enquete.csv: 3 respondent(en) zonder toestemming uitgesloten"), UserWarning,
                 wijklib.analysis.__file__)
    assert out == "wijk: waarschuwing: enquete.csv: 3 respondent(en) zonder toestemming uitgesloten\n"


def test_openpyxl_and_pandas_warnings_are_translated_not_shown_raw(monkeypatch):
    monkeypatch.delenv("WIJK_TECHNISCH", raising=False)
    site = "/venv/lib/python3.11/site-packages"
    xl = _shown(UserWarning("Workbook contains no default style, apply openpyxl's default"), UserWarning,
                f"{site}/openpyxl/styles/stylesheet.py")
    assert xl.startswith("wijk: waarschuwing: een Excel-bestand heeft geen standaardopmaak")
    dates = _shown(UserWarning("Could not infer format, so each element will be parsed individually, falling back "
                               "to `dateutil`."), UserWarning, f"{site}/pandas/core/tools/datetimes.py")
    assert dates.startswith("wijk: waarschuwing: datums zonder vaste notatie")
    assert _shown(FutureWarning("Downcasting is deprecated"), FutureWarning, f"{site}/pandas/core/frame.py") == ""
    for out in (xl, dates):
        assert "openpyxl's" not in out and "Could not" not in out and ".py" not in out


def test_an_unknown_foreign_warning_is_one_dutch_line_once_per_package(monkeypatch):
    monkeypatch.delenv("WIJK_TECHNISCH", raising=False)
    import wijklib.cli as cli

    cli._HIDDEN.clear()
    first = _shown(RuntimeWarning("invalid value encountered in divide"), RuntimeWarning,
                   "/venv/lib/python3.11/site-packages/numpy/core/_methods.py")
    assert first.startswith("wijk: waarschuwing: technische melding van het onderdeel numpy")
    assert "invalid value" not in first and "RuntimeWarning" not in first
    assert _shown(RuntimeWarning("again"), RuntimeWarning, "/venv/lib/python3.11/site-packages/numpy/x.py") == ""


def test_a_warning_from_a_thread_during_the_command_is_dutch(capsys):
    """showwarning is process-wide while ``main`` runs, so a thread's warning goes through it as well."""
    import wijklib.cli as cli

    seen = []
    original = cli._main

    def fake_main(argv):
        t = threading.Thread(target=lambda: warnings.warn("Workbook contains no default style", UserWarning))
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            t.start()
            t.join()
        seen.append(True)
        return 0

    cli._main = fake_main
    try:
        assert main([]) == 0
    finally:
        cli._main = original
    err = capsys.readouterr().err
    assert seen and err.startswith("wijk: waarschuwing: een Excel-bestand") and "UserWarning" not in err


def test_warnings_in_a_spawned_worker_process_are_dutch(tmp_path):
    """A report worker is a spawned process that imports the main module (the ``wijk`` script imports
    wijklib.cli): its warnings must not reach the terminal raw."""
    script = tmp_path / "wijk_script.py"
    script.write_text(textwrap.dedent("""
        import multiprocessing as mp, warnings
        from concurrent.futures import ProcessPoolExecutor
        from wijklib.cli import main  # what the console script 'wijk' does

        if __name__ == "__main__":
            with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
                pool.submit(warnings.warn, "Workbook contains no default style, apply openpyxl's default").result()
    """), encoding="utf-8")
    import os

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("WIJK_TECHNISCH", None)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "wijk: waarschuwing: een Excel-bestand heeft geen standaardopmaak; de inhoud " \
                                  "wordt gewoon gelezen"


def test_the_worker_hook_changes_nothing_in_the_main_process():
    import wijklib.cli as cli

    before = warnings.showwarning
    cli._install_in_worker_process()
    assert warnings.showwarning is before


# ------------------------------------------------------------------ batch file keys are keys, not table columns
@pytest.mark.parametrize("text,expected", [
    ("areas: {demo}/buurten.geojson\nindicatorz: x.csv\n", "batch.yaml, sleutel 'indicatorz': onbekende sleutel"),
    ("areas: {demo}/buurten.geojson\n", "batch.yaml, sleutel 'indicators': verplichte sleutel 'indicators' ontbreekt"),
    ("areas: {demo}/buurten.geojson\nindicators: {tmp}/weg.csv\n",
     "batch.yaml, sleutel 'indicators': invoerbestand voor 'indicators' bestaat niet ("),
])
def test_batch_file_errors_say_sleutel(tmp_path, capsys, text, expected):
    config = tmp_path / "batch.yaml"
    config.write_text(text.format(demo=ROOT / "data" / "demo", tmp=tmp_path), encoding="utf-8")
    assert main(["rapport", "--config", str(config), "--uit", str(tmp_path / "u"), "--stil"]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert expected in err and "kolom" not in err
    assert not (tmp_path / "u").exists()


def test_a_user_warning_pointing_past_the_package_keeps_its_text():
    """A wijklib warning whose stacklevel points above the package (e.g. at runpy of ``python -m``) is still
    shown as its (Dutch) text, not hidden as a technical notice."""
    out = _shown(UserWarning("signalen.csv: 2 rij(en) zonder buurtcode overgeslagen"), UserWarning, "<frozen runpy>")
    assert out == "wijk: waarschuwing: signalen.csv: 2 rij(en) zonder buurtcode overgeslagen\n"


def test_the_same_warning_is_shown_once_per_run():
    from wijklib import cli
    from wijklib.errors import InputWarning

    cli._SHOWN.clear()
    out = io.StringIO()
    for _ in range(2):
        _show_warning(InputWarning("signalen.csv, rij 3, kolom bronrol: lijkt een naam"), InputWarning,
                          "x.py", 1, file=out)
    _show_warning(InputWarning("iets anders"), InputWarning, "x.py", 1, file=out)
    lines = out.getvalue().splitlines()
    assert lines == ["wijk: waarschuwing: signalen.csv, rij 3, kolom bronrol: lijkt een naam",
                     "wijk: waarschuwing: iets anders"]
