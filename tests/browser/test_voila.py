"""Training notebook 03 (learner version) as a Voilà app in headless Chromium: sliders, ranking, map and the
exercise forms appear and react, fully offline.

Voilà runs as a subprocess on 127.0.0.1 with a free port (terminated in a ``finally``) with the template
``wijklib-offline`` (Voilà's lab template without the Font Awesome CDN links); the page may only talk to that
address. Skipped when voila is not installed (it is a dependency of the training collection).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "training" / "03_urgentie_speeltuin.ipynb"
SCREENSHOTS = ROOT / "test-output" / "browser"
STARTUP_SECONDS = 90

pytestmark = pytest.mark.skipif(importlib.util.find_spec("voila") is None,
                                reason="voila is niet geïnstalleerd (pip install voila); Voilà-test overgeslagen")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_serving(port: int, proc: subprocess.Popen, log: Path) -> None:
    """Wait until the server accepts connections (a page request would already start a kernel)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"voila stopte met code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"voila reageerde niet binnen {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def voila_app(tmp_path):
    """URL of the learner version of notebook 03 served by Voilà on 127.0.0.1 with the offline template."""
    with _serve(tmp_path, NOTEBOOK.name) as app:
        yield app


@contextmanager
def _serve(tmp_path, name: str):
    """Serve the learner version of one training notebook with Voilà; yields (url, port)."""
    from wijklib.training import TRAINING_DIR, learner_version
    from wijklib.training.app import voila_command, voila_environment

    learner_version(TRAINING_DIR, tmp_path / "leerversie")
    notebook = tmp_path / "leerversie" / name
    port = _free_port()
    env = voila_environment(dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "jupyter_data"),
                                 JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter_runtime"), PYTHONUNBUFFERED="1"))
    log = tmp_path / "voila.log"
    cmd = voila_command(notebook, port=port, ip="127.0.0.1")
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=str(tmp_path), env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_until_serving(port, proc, log)
        yield url, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def test_urgency_playground_runs_as_voila_app(chromium, voila_app):
    url, port = voila_app
    local = (f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", "data:", "blob:", "about:")
    blocked: list[str] = []
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": 1300, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def route(r):
            if r.request.url.startswith(local):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        # rendered output: one slider per domain, the ranking table and the map of the ranks
        page.wait_for_selector(".widget-slider", timeout=120_000)
        table = page.locator("table.wijklib-ranglijst").first
        table.wait_for(state="visible", timeout=60_000)
        assert page.locator(".widget-slider").count() >= 5
        assert page.get_by_text("Gewicht per domein").first.is_visible()
        first_row = table.locator("tbody tr").first.inner_text()
        assert "Merelhof" in first_row and "BU99010201" in first_row
        # the map is drawn lazily (the widget cell stays cheap): a button shows it
        page.get_by_role("button", name="Toon de kaart").click()
        page.locator(".widget-output img").first.wait_for(state="visible", timeout=60_000)  # a matplotlib PNG

        # choose another reference frame: the caption and the shift column follow
        frame = page.locator(".widget-dropdown", has_text="Vergelijk met").locator("select")
        frame.select_option(label="De 10 meest vergelijkbare buurten")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.wijklib-ranglijst-kader p')]"
            ".some(p => p.textContent.includes('meest vergelijkbare buurten'))", timeout=30_000)
        body = page.locator("table.wijklib-ranglijst").first.inner_text()
        assert "▲" in body or "▼" in body, "na een andere keuze verschuift de ranglijst"
        page.wait_for_timeout(500)  # let the new map image paint before the screenshot

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / "voila_urgentie_speeltuin.png"
        playground = page.locator(".wijklib-speeltuin").first
        playground.scroll_into_view_if_needed()
        playground.screenshot(path=str(shot))
        page.screenshot(path=str(SCREENSHOTS / "voila_urgentie_pagina.png"))
        assert shot.stat().st_size > 20_000

        # unanswered exercises get a neutral prompt, not "Nog niet" (issue #16)
        assert "Nog niet" not in page.locator("body").inner_text()

        # the exercise forms: type an answer, click "Controleer", read the feedback (no cell is re-run)
        form = page.locator(".wijklib-formulier", has_text="Oefening 3.1").first
        form.scroll_into_view_if_needed()
        form.locator("input[type=text]").fill("Merelhof")
        form.get_by_role("button", name="Controleer").click()
        form.get_by_text("Goed zo").wait_for(timeout=30_000)
        form.locator("input[type=text]").fill("Kievitshof")
        form.get_by_role("button", name="Controleer").click()
        form.get_by_text("Nog niet").wait_for(timeout=30_000)
        matching = page.locator(".wijklib-formulier", has_text="Oefening 3.4").first
        selects = matching.locator("select")
        assert selects.count() == 4
        for i, label in enumerate(["acute urgentie", "sluimerende urgentie", "meervoudige urgentie",
                                   "urgentie door een sterk beleidsframe"]):
            selects.nth(i).select_option(label=label)
        matching.get_by_role("button", name="Controleer").click()
        matching.get_by_text("Goed zo").wait_for(timeout=30_000)
        body_text = page.locator("body").inner_text()
        raw = body_text.find("{'")
        assert raw < 0, f"ruwe dict op de pagina: {body_text[max(0, raw - 200):raw + 100]}"
        assert "invulcel" not in body_text and "opnieuw uit" not in body_text  # no dead ends without code cells
        assert "klik op Controleer" in body_text
        page.screenshot(path=str(SCREENSHOTS / "voila_urgentie_formulieren.png"))

        assert not blocked, f"de app probeerde internet te gebruiken: {blocked[:5]}"
        assert not [e for e in errors if e.startswith("Failed to load resource")], errors[:5]
        assert not errors, f"fouten in de browserconsole: {errors[:5]}"
    finally:
        context.close()


ACTORS_41 = """code; naam; wereld; persoon
JW; Jongerenwerk Zuiderveld; beide; nee
WA; wijkagent; systeem; ja
JR; Jongeren bij het Reigersbos; leef; nee
SP; sleutelpersoon moedergroep; leef; ja
MG; Moedergroep Zuiderveld; leef; nee
BS; Basisschool De Merel; systeem; nee
BV; Buurtvaders Zuiderveld; leef; nee
GG; Geloofsgemeenschap De Bron; leef; nee
WT; Sociaal wijkteam Zuiderveld; systeem; nee
WC; Woningcorporatie Lindewoon; systeem; nee
WV; wijkverbinder; systeem; ja
"""
RELATIONS_42 = """bron; doel; soort
JW; WA; samenwerking
JW; JR; vertrouwen
SP; JW; informatie
SP; MG; samenwerking
MG; BS; samenwerking
BV; JW; samenwerking
BV; GG; vertrouwen
JW; WT; informatie
WT; WC; samenwerking
WC; WV; samenwerking
WV; WA; informatie
"""


def test_code_free_route_of_notebook_04_shares_the_actor_table(chromium, tmp_path):
    """Issue #16: the 4.2 form checks against the actor table of the 4.1 form, not the starter table of the code."""
    with _serve(tmp_path, "04_stakeholder_gemeenschapskaart.ipynb") as (url, port):
        context = chromium.new_context(viewport={"width": 1300, "height": 900}, service_workers="block")
        try:
            page = context.new_page()
            page.goto(url, wait_until="domcontentloaded", timeout=60_000)
            form_41 = page.locator(".wijklib-formulier", has_text="Oefening 4.1").first
            form_41.wait_for(state="visible", timeout=180_000)
            page.locator(".wijklib-netwerkformulier").first.wait_for(state="attached", timeout=120_000)
            form_41.scroll_into_view_if_needed()
            form_41.locator("textarea").fill(ACTORS_41)
            form_41.get_by_role("button", name="Controleer").click()
            form_41.get_by_text("Goed zo").wait_for(timeout=30_000)
            form_42 = page.locator(".wijklib-formulier", has_text="Oefening 4.2").first
            form_42.scroll_into_view_if_needed()
            form_42.locator("textarea").fill(RELATIONS_42)
            form_42.get_by_role("button", name="Controleer").click()
            form_42.get_by_text("Goed zo").wait_for(timeout=30_000)
            assert "actorentabel" not in form_42.inner_text()
            network = page.locator(".wijklib-netwerkformulier").first
            network.get_by_role("button", name="Teken het netwerk").click()
            network.get_by_text("de tabellen uit de formulieren").wait_for(timeout=60_000)
            network.locator("img").first.wait_for(state="visible", timeout=60_000)  # the network picture
        finally:
            context.close()
