"""`wijk rapport` stopped with SIGTERM says so in Dutch, exits 130, and the next run makes the rest."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow


def test_sigterm_stops_a_batch_with_a_dutch_line_and_status_130(tmp_path):
    out = tmp_path / "rapporten"
    cmd = [sys.executable, "-m", "wijklib.cli", "rapport", "--demo", "--uit", str(out), "--werkers", "1", "--stil"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "buurten").glob("*.html")):
        time.sleep(0.2)  # stop it once the first report is written
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "wijk: gestopt" in err and "opnieuw" in err
    assert "Traceback" not in err
    areas = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["areas"]
    assert any(e["status"] == "ok" for e in areas.values())
    assert all(e["status"] in ("ok", "failed", "pending") for e in areas.values())
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    areas = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["areas"]
    assert all(e["status"] == "ok" for e in areas.values())
