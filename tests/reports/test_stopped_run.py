"""A batch that is stopped before every report was written again never leaves stale reports marked unchanged."""

from __future__ import annotations

import json

import pytest

from wijklib.reports import runner

pytestmark = pytest.mark.slow

AREAS = ["BU99010101", "BU99010102"]


def _manifest(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["areas"]


def test_a_stopped_rerun_leaves_its_areas_pending_and_the_next_run_makes_them(tmp_path, monkeypatch):
    out = tmp_path / "rapporten"
    first = runner.run_reports(out_dir=out, areas=AREAS, workers=1, progress=False)
    assert sorted(first.made) == AREAS

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt  # the user stops the run before a report is written
    real = runner._run_local
    monkeypatch.setattr(runner, "_run_local", stopped)
    with pytest.raises(KeyboardInterrupt):
        runner.run_reports(out_dir=out, areas=AREAS, workers=1, progress=False, force=True)
    entries = _manifest(out)
    for code in AREAS:
        assert entries[code]["status"] == "failed" and entries[code]["last_action"] == "not_run"
        assert entries[code]["verouderd"] is True  # the last good report stays, marked outdated
        assert "opnieuw" in entries[code]["error"]["evalue"]
    monkeypatch.setattr(runner, "_run_local", real)
    again = runner.run_reports(out_dir=out, areas=AREAS, workers=1, progress=False)
    assert sorted(again.made) == AREAS and again.skipped == []


def test_a_killed_run_leaves_pending_entries_that_the_next_run_renders(tmp_path, monkeypatch):
    out = tmp_path / "rapporten"
    runner.run_reports(out_dir=out, areas=AREAS, workers=1, progress=False)
    seen: dict = {}

    def killed(jobs, config, workers, on_done, pool=None):
        seen.update(_manifest(out))  # what a kill -9 at this moment leaves on disk
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    monkeypatch.setattr(runner, "_run_local", killed)
    runner.run_reports(out_dir=out, areas=AREAS, workers=1, progress=False, force=True)
    assert all(seen[c]["status"] == "pending" for c in AREAS)  # not "ok" under the new hashes
