"""Batch reports (index page and one report) and the interactive stakeholder network in headless Chromium.

All non-file requests are blocked (see conftest): the pages must work offline and without console errors.
Screenshots go to test-output/browser/ for people to look at.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from wijklib.reports import BatchInputs, run_reports

NORMAL, TINY = "BU99010201", "BU99010401"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("rapporten")
    result = run_reports(BatchInputs.demo(), out, areas=[NORMAL, TINY], workers=2, progress=False, pdf=True)
    assert not result.failed
    return out


def test_index_page_renders_and_links_every_report(batch, probe):
    page = probe.open(batch / "index.html", wait_selector="table")
    links = page.eval_on_selector_all("table a[href$='.html']", "els => els.map(e => e.getAttribute('href'))")
    assert set(links) == {f"buurten/{c}.html" for c in (NORMAL, TINY)}
    assert page.locator("img").count() >= 1  # the overview map
    probe.screenshot("rapporten_index.png")
    assert probe.errors == [] and probe.blocked == []


def test_a_report_renders_with_its_charts_and_no_code(batch, probe):
    page = probe.open(batch / "buurten" / f"{NORMAL}.html", wait_selector="h2")
    assert "Merelhof" in page.inner_text("body")
    images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert len(images) >= 6 and all(w > 0 for w in images)  # every chart decoded
    # markdown cells keep their (rendered) input area; code cells have none
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .highlight").count() == 0
    body = page.inner_text("body")
    assert "load_report(" not in body and "import " not in body and "Traceback" not in body
    probe.screenshot("rapport_merelhof.png")
    assert probe.errors == [] and probe.blocked == []


def test_pdf_has_pages_with_the_report_text(batch):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (Debian: poppler-utils) ontbreekt")
    pdf = batch / "buurten" / f"{NORMAL}.pdf"
    assert pdf.exists(), "de batch is met pdf=True gemaakt"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for heading in ("Samenvatting", "Urgentie-index", "Opstapeling", "Herkomst"):
        assert heading in text


def test_stakeholder_network_view_renders_pseudonymised(tmp_path, probe):
    from wijklib.stakeholders import load_demo, network_view

    sset = load_demo()
    graph = sset.consensus("R2")
    path = network_view(graph, title="Zuiderveld, ronde 2", uid="wlnet-test").save(tmp_path / "netwerk.html")
    page = probe.open(path, wait_selector="svg.wl-main g.n")
    assert page.locator("svg.wl-main g.n").count() == graph.number_of_nodes()
    assert page.locator("svg.wl-main path.e").count() == graph.number_of_edges()
    shown = page.text_content("svg.wl-main")
    for actor in sset.actors:
        if actor.natuurlijk_persoon:
            assert actor.naam not in shown
    # switching a relation type off hides its edges (the legend checkboxes drive the view)
    first = page.locator("input[data-type]").first
    kind = first.get_attribute("data-type")
    first.uncheck()
    hidden = page.eval_on_selector_all(f"path.e.t-{kind}", "els => els.every(e => getComputedStyle(e).display === 'none' "
                                                         "|| getComputedStyle(e).visibility === 'hidden' || e.style.opacity === '0')")
    assert hidden
    probe.screenshot("stakeholder_netwerk.png")
    assert probe.errors == [] and probe.blocked == []
