"""Faults of the batch runner (issue #13, item 7): a killed batch leaves nothing behind that runs or writes,
told codes outside the area file are reported, unknown scopes are refused, environment problems get exit 103."""

from __future__ import annotations

import dataclasses
import errno
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from wijklib import cli
from wijklib.errors import InputError, InputWarning
from wijklib.reports import BatchInputs
from wijklib.reports.prepare import prepare_batch

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="leest /proc (Linux)")


def _proc_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, start time) of every running (non-zombie) process."""
    out = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":
            continue
        out[int(d.name)] = (int(fields[1]), fields[19])
    return out


def _descendants(pid: int) -> dict[int, str]:
    table = _proc_table()
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, start) in table.items():
            if ppid == parent and child not in found:
                found[child] = start
                frontier.append(child)
    return found


def _alive(procs: dict[int, str]) -> list[int]:
    table = _proc_table()
    return [p for p, start in procs.items() if p in table and table[p][1] == start]


@linux_only
def test_kill_9_of_a_running_batch_leaves_no_process_alive(tmp_path):
    out = tmp_path / "rapporten"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    runner = subprocess.Popen([sys.executable, "-m", "wijklib.cli", "rapport", "--demo", "--uit", str(out),
                               "--werkers", "2", "--stil", "--opnieuw"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # wait until the workers run and have started their kernels (runner -> workers -> kernels)
        deadline = time.monotonic() + 240
        procs: dict[int, str] = {}
        while time.monotonic() < deadline and runner.poll() is None:
            procs = _descendants(runner.pid)
            kernels = [p for p in procs if _proc_table().get(p, (0,))[0] in procs]
            if len(kernels) >= 2:
                break
            time.sleep(0.5)
        assert runner.poll() is None, "de batch was al klaar voordat hij gestopt kon worden"
        assert len(procs) >= 4, f"verwacht werkers en kernels, zag {procs}"
        os.kill(runner.pid, signal.SIGKILL)
        runner.wait(timeout=10)
        t0 = time.monotonic()
        while _alive(procs) and time.monotonic() - t0 < 8:
            time.sleep(0.2)
        assert _alive(procs) == [], "processen van de gestopte batch leven nog"
        # nothing writes after the kill
        before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
        time.sleep(1.5)
        after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
        assert after == before
    finally:
        if runner.poll() is None:
            runner.kill()
        for p in _alive(_descendants(runner.pid)):
            os.kill(p, signal.SIGKILL)


@pytest.fixture(scope="module")
def demo_inputs():
    return BatchInputs.demo()


def test_told_codes_not_in_the_area_file_are_listed(demo_inputs, tmp_path):
    signals = tmp_path / "signalen.csv"
    text = Path(demo_inputs.signals).read_text(encoding="utf-8").rstrip("\n")
    signals.write_text(text + "\nSG98,2024-02-01,BU99019999,leefbaarheid,wijkagent,Zwerfvuil bij het plein.\n",
                       encoding="utf-8")
    inputs = dataclasses.replace(demo_inputs, signals=signals)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prepared = prepare_batch(inputs, tmp_path / "_batch", areas=["BU99010201"])
    ours = [w.message for w in caught if isinstance(w.message, InputWarning) and "BU99019999" in str(w.message)]
    assert len(ours) == 1 and ours[0].file == str(signals) and ours[0].column == "buurtcode"
    assert any("BU99019999" in n and "signals" in n for n in prepared.notes)


@pytest.mark.parametrize("key", ["stakeholders", "quickscan"])
@pytest.mark.parametrize("scope", ["WK990199", "WK99010", "BU99019999", "GM9902", "WK99O102"])
def test_unknown_scope_is_an_error(demo_inputs, tmp_path, key, scope):
    current = getattr(demo_inputs, key)
    path = next(iter(current.values()))
    inputs = dataclasses.replace(demo_inputs, **{key: {scope: path}})
    with pytest.raises(InputError) as exc:
        prepare_batch(inputs, tmp_path / "_batch", areas=["BU99010201"])
    assert exc.value.column == f"{key}.{scope}" and "staat niet in het buurtenbestand" in str(exc.value)


@pytest.mark.parametrize("code,word", [(errno.ENOSPC, "schijf vol"), (errno.EROFS, "alleen-lezen"),
                                       (errno.EACCES, "geen toestemming"), (errno.EDQUOT, "quotum")])
def test_environment_problems_exit_103(monkeypatch, capsys, tmp_path, code, word):
    import wijklib.reports as reports

    def broken(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / "manifest.json"))

    monkeypatch.setattr(reports, "run_reports", broken)
    status = cli.main(["rapport", "--demo", "--uit", str(tmp_path), "--stil"])
    err = capsys.readouterr().err
    assert status == cli.EXIT_ENVIRONMENT == 103
    assert word in err and "manifest.json" in err and "Traceback" not in err


def test_output_folder_under_a_file_is_an_environment_error(tmp_path, capsys):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    status = cli.main(["rapport", "--demo", "--uit", str(blocker / "rapporten"), "--stil"])
    assert status == 103 and "omgeving" in capsys.readouterr().err
    assert blocker.read_text() == "x"


def test_bad_input_from_python_leaves_no_empty_folders(demo_inputs, tmp_path):
    """run_reports with a selection that matches nothing raises and leaves neither ``_batch/gebieden`` nor an empty
    output folder behind; an existing output folder is kept."""
    from wijklib.reports import run_reports

    out = tmp_path / "nieuw" / "rapporten"
    with pytest.raises(InputError):
        run_reports(demo_inputs, out, areas=["BU99019999"])
    assert not (out / "_batch").exists() and not out.exists() and not (tmp_path / "nieuw").exists()
    kept = tmp_path / "bestaand"
    kept.mkdir()
    with pytest.raises(InputError):
        prepare_batch(demo_inputs, kept / "_batch", areas=["BU99019999"])
    with pytest.raises(InputError):
        run_reports(demo_inputs, kept, areas=["BU99019999"])
    assert kept.is_dir() and list(kept.iterdir()) == []
