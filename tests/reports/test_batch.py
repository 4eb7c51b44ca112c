"""End-to-end tests of the batch report runner on the fictional demo gemeente.

One module-scoped sequence of runs into the same output folder (2 workers, 3 buurten):

A. first run: Merelhof (normal), Verspreide huizen Waardpolder (many suppressed values) and Bedrijventerrein
   De Zwaan (35 inhabitants, nearly everything suppressed);
B. the same again: everything is skipped;
C. one new (old-dated) signal for Waardpolder: only that buurt is rendered again;
D. a parameter that makes the template raise for Waardpolder: that area fails, the others stay.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import json
import re
from pathlib import Path

import nbformat
import pytest

from wijklib.reports import BatchInputs, WarmKernel, inject_parameters, load_manifest, normalise_outputs, run_reports
from wijklib.reports.export import external_resources, find_chromium, html_to_pdf
from wijklib.reports.runner import DEFAULT_TEMPLATE

NORMAL, SUPPRESSED, TINY = "BU99010201", "BU99010402", "BU99010401"
AREAS = [NORMAL, SUPPRESSED, TINY]
ROOT = Path(__file__).resolve().parents[2]
TIME = re.compile(r"<span class=[\"']wl-time[\"']>[^<]*</span>")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("rapporten")
    inputs = BatchInputs.demo()
    res = {"out": out, "inputs": inputs}
    res["A"] = run_reports(inputs, out, areas=AREAS, workers=2, progress=False)
    res["html_A"] = {c: (out / "buurten" / f"{c}.html").read_text(encoding="utf-8") for c in AREAS}
    res["index_A"] = (out / "index.html").read_text(encoding="utf-8")
    res["manifest_A"] = copy.deepcopy(load_manifest(out / "manifest.json"))
    res["B"] = run_reports(inputs, out, areas=AREAS, workers=2, progress=False)
    # C: one extra signal for SUPPRESSED, dated long before the latest signal (changes only that buurt's bundle)
    signals = out.parent / "signalen_gewijzigd.csv"
    text = Path(inputs.signals).read_text(encoding="utf-8").rstrip("\n")
    signals.write_text(text + f"\nSG99,2021-02-01,{SUPPRESSED},leefbaarheid,dorpsraad,"
                              "Oude melding over zwerfvuil langs de dijk.\n", encoding="utf-8")
    changed = dataclasses.replace(inputs, signals=signals)
    res["C"] = run_reports(changed, out, areas=AREAS, workers=2, progress=False)
    res["manifest_C"] = copy.deepcopy(load_manifest(out / "manifest.json"))
    res["D"] = run_reports(changed, out, areas=AREAS, workers=2, progress=False,
                           parameters={SUPPRESSED: {"language": "xx"}})
    res["manifest_D"] = load_manifest(out / "manifest.json")
    return res


def test_first_run_makes_three_reports_manifest_and_index(runs):
    a = runs["A"]
    assert sorted(a.made) == sorted(AREAS) and not a.failed and not a.skipped
    m = runs["manifest_A"]
    assert set(m["areas"]) == set(AREAS)
    for code in AREAS:
        e = m["areas"][code]
        assert e["status"] == "ok" and e["last_action"] == "made"
        assert e["html"] == f"buurten/{code}.html"
        assert len(e["input_hash"]) == 32 and e["template_hash"] == m["template_hash"]
        assert f'href="buurten/{code}.html"' in runs["index_A"]
    assert m["last_run"]["made"] == 3 and m["period"] == 2024
    assert m["gemeenten"] == {"GM9901": "Lindewaard"}
    assert "Lindewaard" in runs["index_A"] and "data:image/png;base64," in runs["index_A"]


def test_reports_have_content_and_no_code(runs):
    html = runs["html_A"]
    normal = html[NORMAL]
    assert "Merelhof" in normal and "Leestijd: ca. 5 minuten" in normal
    # the same urgency analysis as notebook 01: Merelhof ranks first; the demo aanleidingen log (motion, college
    # decision) makes its urgency meervoudig (Praktijkhandboek 003 §4.1 (3))
    assert "plaats 1 van 28" in normal and "urgentietype: meervoudig" in normal
    assert "003 §4.1 (3)" in normal
    for section in ("Samenvatting", "Opstapeling", "Tellen en vertellen", "Kaart", "Monitoring (Herijken)", "Herkomst"):
        assert f">{section}" in normal
    assert normal.count("data:image/svg+xml;base64,") >= 6  # strip, domains, trends, waterfall, told, map (SVG)
    assert "Stakeholderkaart van wijk Zuiderveld" in normal
    assert "Quickscan van wijk Zuiderveld" in normal
    for page in html.values():
        assert "load_report(" not in page and "rapport.summary()" not in page  # code cells are not exported
        assert 'class="jp-CodeMirrorEditor' not in page and 'class="highlight' not in page
        assert "Traceback" not in page


def test_suppressed_and_tiny_areas_are_reported_honestly(runs):
    tiny, sup = runs["html_A"][TINY], runs["html_A"][SUPPRESSED]
    for page in (tiny, sup):
        assert "Geen urgentie-index" in page
        assert "geheim (CBS)" in page
    assert "Bedrijventerrein De Zwaan" in tiny
    # the tiny buurt has (nearly) everything suppressed: the summary says so with the count
    # every category is named and the parts add up to the total
    m = re.search(r"Van de (\d+) cijfers zijn er (\d+) bruikbaar, (\d+) onbetrouwbaar \(te weinig inwoners\), "
                  r"(\d+) geheim en (\d+) ontbrekend", tiny)
    assert m and int(m[1]) == 23 and int(m[4]) >= 10
    assert sum(int(x) for x in m.groups()[1:]) == int(m[1])
    assert int(m[3]) >= 1  # misdrijven per 1.000 with 35 inhabitants is below its minimum population
    # buurten outside Zuiderveld have no stakeholder map: the section says so instead of disappearing
    assert "geen stakeholderkaart" in tiny


def test_reports_and_index_are_offline(runs):
    pages = list(runs["html_A"].values()) + [runs["index_A"]]
    for page in pages:
        assert external_resources(page) == []
        assert "http://" not in page and "https://" not in page
        assert "require.js" not in page.lower() and "mathjax" not in page.lower()


def test_reports_contain_no_person_names(runs):
    path = ROOT / "data" / "demo" / "stakeholders" / "actoren.csv"
    if not path.exists():
        pytest.skip("geen demo-stakeholderdata")
    with open(path, encoding="utf-8") as fh:
        persons = [r["naam"] for r in csv.DictReader(fh) if r["natuurlijk_persoon"].strip().lower() == "ja"]
    assert persons, "de demo hoort natuurlijke personen te bevatten"
    names = set(persons) | {p.split()[-1] for p in persons if len(p.split()[-1]) >= 4}
    pages = list(runs["html_A"].values()) + [runs["index_A"]]
    pages += [p.read_text(encoding="utf-8") for p in (runs["out"] / "_batch" / "gebieden").glob("*.json")]
    for page in pages:
        for name in names:
            assert name not in page, f"naam {name!r} staat in een rapport"


def test_rerun_skips_unchanged_areas(runs):
    b = runs["B"]
    assert sorted(b.skipped) == sorted(AREAS) and not b.made and not b.failed


def test_changed_area_is_rendered_again(runs):
    c, m = runs["C"], runs["manifest_C"]
    assert c.made == [SUPPRESSED]
    assert sorted(c.skipped) == sorted([NORMAL, TINY])
    assert m["areas"][SUPPRESSED]["input_hash"] != runs["manifest_A"]["areas"][SUPPRESSED]["input_hash"]
    assert m["areas"][NORMAL]["input_hash"] == runs["manifest_A"]["areas"][NORMAL]["input_hash"]
    assert m["areas"][SUPPRESSED]["last_action"] == "made" and m["areas"][NORMAL]["last_action"] == "skipped"


def test_failure_is_isolated_recorded_and_kept(runs):
    d, m, out = runs["D"], runs["manifest_D"], runs["out"]
    assert d.failed == [SUPPRESSED] and sorted(d.skipped) == sorted([NORMAL, TINY])
    e = m["areas"][SUPPRESSED]
    assert e["status"] == "failed" and e["error"]["ename"] == "InputError" and "taal" in e["error"]["evalue"]
    # the last good report stays, marked outdated in the manifest and the index
    assert e["verouderd"] is True and e["html"] == f"buurten/{SUPPRESSED}.html"
    assert (out / "buurten" / f"{SUPPRESSED}.html").exists()
    for code in (NORMAL, TINY):
        assert m["areas"][code]["status"] == "ok" and (out / "buurten" / f"{code}.html").exists()
    assert m["last_run"]["failed"] == 1 and m["last_run"]["skipped"] == 2
    kept = out / e["failed_notebook"]
    nb = nbformat.read(kept, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors and "taal 'xx'" in errors[0]["evalue"]
    assert "mislukt" in nb.cells[0].source  # banner
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index(SUPPRESSED) < index.index(NORMAL)  # failures first
    assert "mislukt" in index and e["failed_notebook"] in index
    assert "rapport verouderd" in index


def test_warm_kernel_output_equals_fresh_kernel(runs):
    batch = str(runs["out"] / "_batch")
    template = nbformat.read(DEFAULT_TEMPLATE, as_version=4)

    def nb(code):
        return inject_parameters(template, {"area_code": code, "batch_dir": batch})

    with WarmKernel(cwd=runs["out"]) as kernel:
        kernel.run(nb(TINY))          # leave state behind: other area, other figures
        kernel.run(nb(SUPPRESSED))
        warm = kernel.run(nb(NORMAL))
        assert kernel.starts == 1     # really the same kernel
    cold = WarmKernel(cwd=runs["out"], fresh=True).run(nb(NORMAL))
    a, b = normalise_outputs(warm), normalise_outputs(cold)
    assert sum(len(x) for x in a) >= 12
    assert a == b


def test_dask_backend_gives_the_same_report(runs, tmp_path):
    pytest.importorskip("distributed", reason="dask/distributed niet geïnstalleerd (optionele extra 'dask')")
    r = run_reports(runs["inputs"], tmp_path, areas=[TINY, NORMAL], workers=2, backend="dask", progress=False)
    assert sorted(r.made) == sorted([TINY, NORMAL]) and not r.failed

    def norm(page, out):
        return TIME.sub("", page).replace(str(Path(out).resolve() / "_batch"), "BATCH")

    for code in (TINY, NORMAL):
        local = norm(runs["html_A"][code], runs["out"])
        dask = norm((tmp_path / "buurten" / f"{code}.html").read_text(encoding="utf-8"), tmp_path)
        assert dask == local


def test_pdf_of_a_report(runs, tmp_path):
    if not find_chromium():
        pytest.skip("geen Chromium voor PDF")
    pdf = html_to_pdf(runs["out"] / "buurten" / f"{NORMAL}.html", tmp_path / "rapport.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left behind


def test_manifest_is_valid_json_with_parameters(runs):
    m = json.loads((runs["out"] / "manifest.json").read_text(encoding="utf-8"))
    assert m["areas"][NORMAL]["parameters"]["area_code"] == NORMAL
    assert m["areas"][NORMAL]["parameters"]["language"] == "nl"


def _summary(page: str) -> str:
    return page.split('class="wl-summary"', 1)[1].split("</div>", 1)[0]


def test_told_vs_counted_summary_names_the_source(runs):
    summ = _summary(runs["html_A"][NORMAL])
    # the chart shows the gaps with the schouw (wonen) and professionals (veiligheid); residents agree
    assert "Tellen en vertellen over wonen (schouw): de cijfers zijn ernstiger dan het beeld van de schouw" in summ
    assert "over veiligheid (professionals): de cijfers zijn ernstiger dan het beeld van professionals" in summ
    assert "beeld van bewoners" not in summ
    assert "kandidaat-focusgebied" in summ  # the badge is explained in the summary
    assert "robuuste helling over alle jaren" in runs["html_A"][NORMAL]


def test_tiny_buurt_unreliable_values_interventions_and_signals(runs):
    tiny = runs["html_A"][TINY]
    table = tiny.split('class="wl-table wl-ind"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in table.split("<tr>") if "Misdrijven" in r or "misdrijven" in r)
    assert "onbetrouwbaar (te weinig inwoners)" in row
    assert "gunstiger" not in row and "ongunstiger" not in row and "verbetert" not in row
    # no keyword-matched interventions for a buurt of 35 inhabitants, with the reason
    assert "Geen suggesties voor interventies" in tiny and "35 inwoners" in tiny
    assert "Persoonsgerichte" not in tiny and "recreatieterreinen" not in tiny
    # signal texts and source roles are withheld in a small buurt; counts per theme remain
    assert "nachts gewerkt" not in tiny and "wijkagent" not in tiny
    assert "teksten en bronnen van de signalen staan niet in dit rapport" in tiny
    for page in runs["html_A"].values():
        assert "onderzoek loopt" not in page
        assert not re.search(r"passing \d", page)  # coarse fit words, no false precision
    assert re.search(r"past (goed|redelijk)\)", runs["html_A"][NORMAL])


def test_index_explains_rank_interval_and_urgency_type(runs):
    idx = runs["index_A"]
    assert "<b>rang (interval)</b>" in idx
    assert "niet getypeerd</i> betekent dat geen type van toepassing is" in idx and "keuze van wijklib" in idx
