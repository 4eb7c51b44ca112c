"""Headless Chromium (Debian package ``chromium``) driven by Playwright for Python.

The browser is never downloaded (no ``playwright install``): Playwright drives the system Chromium at
``/usr/bin/chromium`` (or ``$WIJKLIB_CHROMIUM``). Every request that is not a local file is blocked and recorded,
so a test can assert that a page works offline. Tests here are skipped with a clear reason when Chromium or
Playwright is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("WIJKLIB_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
#: Screenshots for people to look at (gitignored).
SCREENSHOTS = ROOT / "test-output" / "browser"


def _unavailable(reason: str) -> None:
    """Skip, except under CI (``CI=true``), where `make test` must have installed everything: then fail."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; onder CI moeten de browsertests draaien (zie scripts/install_system_packages.sh)")
    pytest.skip(f"{reason}; browsertests overgeslagen")


@pytest.fixture(scope="session")
def chromium():
    """A launched headless Chromium (session-wide)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright (pip-pakket) is niet geïnstalleerd")
    if not CHROMIUM.exists():
        _unavailable(f"Chromium niet gevonden op {CHROMIUM} (Debian: apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class PageProbe:
    """A page with all non-file requests blocked; collects console errors and blocked URLs."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: Path, wait_selector: str = "path.leaflet-interactive"):
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector(wait_selector, timeout=15000)
        return self.page

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOTS / name
        self.page.screenshot(path=str(out))
        return out


@pytest.fixture
def probe(chromium):
    context = chromium.new_context(viewport={"width": 1200, "height": 800}, service_workers="block")
    page = context.new_page()
    try:
        yield PageProbe(page)
    finally:
        context.close()
