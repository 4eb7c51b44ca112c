"""Red-team issue 13, item 3: environment problems exit 103 with one Dutch line, never a raw traceback."""

from __future__ import annotations

import json
import re
import socket
import threading
from pathlib import Path

import pytest

from wijklib.cli import EXIT_ENVIRONMENT, main

ROOT = Path(__file__).resolve().parents[2]
DEMO_PROJECT = ROOT / "data" / "demo" / "project.yaml"


def test_analyse_output_folder_that_is_a_file_exits_103(tmp_path, capsys):
    target = tmp_path / "bestaand.txt"
    target.write_text("niet overschrijven", encoding="utf-8")
    assert main(["analyse", str(DEMO_PROJECT), "--uit", str(target)]) == EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert "probleem met de omgeving" in err and "geen map" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "niet overschrijven"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs a folder where nothing can be made (/proc)")
def test_analyse_output_folder_that_cannot_be_made_exits_103(capsys):
    assert main(["analyse", str(DEMO_PROJECT), "--uit", "/proc/wijk"]) == EXIT_ENVIRONMENT
    err = capsys.readouterr().err
    assert "probleem met de omgeving" in err and "/proc/wijk" in err and "Traceback" not in err


@pytest.fixture
def not_a_scheduler():
    """A local TCP server that answers like an HTTP proxy (what the red team's 1.2.3.4:1 reached)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    srv.close()


def test_unreachable_dask_scheduler_exits_103_and_manifest_and_index_agree(tmp_path, capsys, monkeypatch,
                                                                           not_a_scheduler):
    pytest.importorskip("distributed")
    from wijklib.reports import runner

    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 3.0)
    out = tmp_path / "rapporten"
    status = main(["rapport", "--demo", "--dask", not_a_scheduler, "--gebieden", "BU99010101", "--uit", str(out),
                   "--stil"])
    err = capsys.readouterr().err
    assert status == EXIT_ENVIRONMENT
    assert "geen dask-scheduler bereikbaar" in err and "Traceback" not in err and "EiB" not in err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["last_run"]["failed"] == 1
    text = (out / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r"(\d+) mislukt", text)) == {"1"}
