"""The batch index (``index.html`` of ``wijk rapport``) states its frame near the top, in Dutch: the reference frame
of the urgency with its number of buurten, the years of the counted data, the minimum population (keuze van
wijklib) and how many buurten got a report out of how many the gemeente has. Checked on parsed HTML."""

from __future__ import annotations

import json
import warnings
from types import SimpleNamespace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from wijklib.project import FRAMES_NL
from wijklib.reports.manifest import frame_facts, frame_lines, write_index
from wijklib.urgency import load_config

GM = "GM9901"
CODES = ["BU99010101", "BU99010102", "BU99010201"]


def _entry(code: str, status: str = "ok", **extra) -> dict:
    e = {"code": code, "name": f"Buurt {code[-2:]}", "status": status, "wijk_code": "WK" + code[2:8],
         "wijk_name": "", "html": f"buurten/{code}.html" if status == "ok" else None, "pdf": None,
         "failed_notebook": None, "error": {"ename": "Fout", "evalue": "kapot"} if status != "ok" else None,
         "index": 0.5, "rank": 1, "rank_lo": None, "rank_hi": None, "class": None, "urgency_type": "geen",
         "last_action": "made", "in_last_run": True}
    e.update(extra)
    return e


def _batch(tmp_path, *, gemeente_naam: str = "Lindewaard", reference: str = FRAMES_NL["gemeente"],
           periods=(2022, 2024), n_areas: int = 3, frame: dict | None = None, min_pops=(1, 50, 200, 500)):
    """A prepared batch folder as prepare_batch writes it (only the keys the index reads)."""
    bdir = tmp_path / "_batch"
    (bdir / "gebieden").mkdir(parents=True)
    urgency = {"available": True, "n_areas": n_areas, "n_ranked": n_areas}
    if frame is not None:
        urgency["frame"] = frame
    shared = {"schema": 1, "period": periods[-1], "periods": list(periods), "gemeenten": {GM: gemeente_naam},
              "n_reference": 4, "urgency": urgency, "reference": reference}
    (bdir / "batch.json").write_text(json.dumps(shared), encoding="utf-8")
    kaart = {"buurten": [{"code": c, "gemeente_code": GM, "geometry": None} for c in [*CODES, "BU99010202"]],
             "wijken": [], "gemeenten": []}
    (bdir / "kaart.json").write_text(json.dumps(kaart), encoding="utf-8")
    bundle = {"indicators": [{"id": f"i{n}", "direction": "higher_is_worse", "min_population": n} for n in min_pops]
              + [{"id": "ctx", "direction": "context", "min_population": 5000}]}
    (bdir / "gebieden" / f"{CODES[0]}.json").write_text(json.dumps(bundle), encoding="utf-8")
    return bdir


def _manifest(entries: list[dict], gemeente_naam: str = "Lindewaard", frame: dict | None = None) -> dict:
    m = {"schema": 1, "areas": {e["code"]: e for e in entries}, "gemeenten": {GM: gemeente_naam}, "period": 2024,
         "last_run": {"seconds": 1.0, "workers": 1, "backend": "local", "made": len(entries)},
         "wijklib_version": "test", "template": "t", "template_hash": "h"}
    if frame is not None:
        m["frame"] = frame
    return m


def _kader(index_path) -> tuple[BeautifulSoup, dict[str, str]]:
    soup = BeautifulSoup(index_path.read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="kader")
    assert section is not None
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(section.find_all("dt"), section.find_all("dd"))}
    return soup, facts


NATIONAL = {"kind": "nationaal", "engine_frame": "all", "n_reference_min": 13808, "n_reference_max": 13808,
            "n_areas": 4, "period": 2024, "min_population_rank": 1000, "index_rule": "exclude",
            "min_population_indicators": [200, 200]}


def test_index_states_the_frame_near_the_top(tmp_path):
    bdir = _batch(tmp_path, reference=FRAMES_NL["nationaal"])
    m = _manifest([_entry(CODES[0]), _entry(CODES[1]), _entry(CODES[2], "failed")], frame=NATIONAL)
    soup, facts = _kader(write_index(tmp_path, m, batch_dir=bdir))
    assert list(facts) == ["Referentiekader", "Cijfers", "Minimale bevolking", "Rapporten"]
    assert facts["Referentiekader"].startswith(f"nationaal: {FRAMES_NL['nationaal']} (13.808 buurten).")
    assert facts["Cijfers"] == "peiljaar 2024; de tijdreeksen en trends gebruiken de jaren 2022 en 2024."
    assert facts["Minimale bevolking"] == (
        "keuze van wijklib: cijfers van buurten met minder dan 200 inwoners tellen niet mee in de index; buurten met "
        "minder dan 1.000 inwoners krijgen wel een index, maar hun rang is nooit 'robuust in'.")
    assert facts["Rapporten"] == "2 van de 4 buurten van Lindewaard hebben een rapport; 1 mislukt."
    # near the top: before the overview table and right after the title and the run line
    blocks = [c for c in soup.main.find_all(recursive=False)]
    assert [b.name for b in blocks].index("section") < [b.name for b in blocks].index("table")
    assert blocks.index(soup.find(id="kader")) <= 2


def test_facts_recorded_by_prepare_in_batch_json_are_used(tmp_path):
    """The same facts, recorded by prepare under urgency.frame of batch.json (no copy in the manifest)."""
    peers = dict(NATIONAL, kind="peers", engine_frame="peers", n_reference_min=50, n_reference_max=50)
    bdir = _batch(tmp_path, reference=FRAMES_NL["peers"], frame=peers, periods=(2024,))
    _, facts = _kader(write_index(tmp_path, _manifest([_entry(CODES[0])]), batch_dir=bdir))
    assert facts["Referentiekader"].startswith("peers (vergelijkbare buurten): vergelijkbare buurten")
    assert "(50 buurten per buurt)" in facts["Referentiekader"]
    assert facts["Cijfers"] == "peiljaar 2024; cijfers over één jaar, dus geen trends."
    assert facts["Rapporten"] == "1 van de 4 buurten van Lindewaard heeft een rapport."


def test_without_recorded_facts_the_index_says_what_it_does_not_know(tmp_path):
    """An older batch without frame facts: what batch.json, kaart.json and a bundle hold, and 'niet vastgelegd'."""
    bdir = _batch(tmp_path, reference=FRAMES_NL["nationaal"])
    _, facts = _kader(write_index(tmp_path, _manifest([_entry(CODES[0])]), batch_dir=bdir))
    assert facts["Referentiekader"].startswith(
        f"nationaal: {FRAMES_NL['nationaal']} (aantal buurten in de referentie niet vastgelegd in deze batch)")
    # the minimum per indicator from the bundle: thresholds below 10 (empty buurten) and context left out
    assert "minder inwoners dan de grens van de indicator (50 tot 500 inwoners)" in facts["Minimale bevolking"]
    assert "robuust" not in facts["Minimale bevolking"]  # not recorded: not claimed
    # the gemeente frame: the buurten of the analysis are the reference
    bdir2 = _batch(tmp_path / "g", n_areas=3)
    _, facts2 = _kader(write_index(tmp_path / "g", _manifest([_entry(CODES[0])]), batch_dir=bdir2))
    assert facts2["Referentiekader"].startswith(f"gemeente: {FRAMES_NL['gemeente']} (3 buurten).")


def test_every_value_in_the_frame_is_escaped(tmp_path):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    bdir = _batch(tmp_path, gemeente_naam=hostile, reference=hostile)
    m = _manifest([_entry(CODES[0])], gemeente_naam=hostile)
    soup, facts = _kader(write_index(tmp_path, m, batch_dir=bdir))
    assert hostile in facts["Rapporten"] and hostile in facts["Referentiekader"]  # shown as text ...
    assert not soup.find_all("script") and not soup.find_all("img", onerror=True)  # ... never as markup


def test_frame_facts_minimum_populations_from_the_settings_and_the_indicator_list():
    from wijklib.analysis import indicator_table

    cfg = load_config({"small_population": {"min_population": 750, "index": "keep"}})
    scores = pd.DataFrame({"index": [1.0, None], "reference_size": [2, 2]}, index=CODES[:2])
    meta = indicator_table()
    facts = frame_facts(SimpleNamespace(config=cfg, scores=scores, period=2024), meta)
    assert json.loads(json.dumps(facts)) == facts  # JSON-able, for batch.json or the manifest
    assert facts["kind"] == "gemeente" and facts["n_reference_min"] == facts["n_reference_max"] == 2
    assert facts["min_population_rank"] == 750 and facts["index_rule"] == "keep" and facts["period"] == 2024
    pops = [p for p in meta.query("direction != 'context'")["min_population"] if p >= 10]
    assert facts["min_population_indicators"] == [min(pops), max(pops)]
    text = dict(frame_lines({"frame": facts, "areas": {}}))["Minimale bevolking"]
    assert text.startswith("keuze van wijklib: cijfers van een buurt met minder inwoners dan de grens van de "
                           f"indicator ({min(pops)} tot {max(pops)} inwoners) tellen wel mee in de index, niet in "
                           "de opstapeling; buurten met minder dan 750 inwoners")
    # a project's min_inwoners replaces the minimum of every catalogue indicator: one number
    facts = frame_facts(SimpleNamespace(config=cfg, scores=scores, period=2024), indicator_table(min_population=200))
    assert facts["min_population_indicators"] == [200, 200]


@pytest.mark.parametrize("engine_frame, sizes, kind", [("all", [13808, 13808], "nationaal"),
                                                      ("all", [2, 2], "gemeente"), ("peers", [50, 50], "peers"),
                                                      ("list", [12, 12], "lijst")])
def test_frame_kind_follows_the_engine_frame_and_the_reference_size(engine_frame, sizes, kind):
    cfg = load_config({"reference": {"frame": engine_frame, **({"areas": CODES} if engine_frame == "list" else {})}})
    scores = pd.DataFrame({"index": [1.0, 2.0], "reference_size": sizes}, index=CODES[:2])
    facts = frame_facts(SimpleNamespace(config=cfg, scores=scores, period=2024))
    assert facts["kind"] == kind and facts["n_reference_max"] == sizes[0]
    lines = dict(frame_lines({"frame": facts, "areas": {}}))
    assert lines["Referentiekader"].startswith(kind if kind != "peers" else "peers (vergelijkbare buurten)")


def test_national_frame_of_a_small_gemeente_on_real_data(shared_data, tmp_path):
    """Vlieland (GM0096) against every buurt of the country in the national 2024 table."""
    from wijklib.project import load_project

    table = shared_data / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
    path = tmp_path / "vlieland.yaml"
    path.write_text(f"versie: 1\ngemeente:\n  code: GM0096\ncijfers:\n  - {table.as_posix()}\n"
                    "referentie:\n  kader: nationaal\nurgentie:\n  min_inwoners: 200\n  trekkingen: 0\n",
                    encoding="utf-8")
    project = load_project(path)
    ws = project.load_werkset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = project.run(ws)
    facts = frame_facts(res)
    n_national = ws.reference_pool["area_code"].nunique()
    assert facts["kind"] == "nationaal" and facts["n_reference_max"] == n_national > 10_000
    lines = dict(frame_lines({"frame": facts, "areas": {}, "gemeenten": {"GM0096": "Vlieland"}}))
    assert lines["Referentiekader"].startswith(f"nationaal: {FRAMES_NL['nationaal']} ({n_national:,} buurten)"
                                               .replace(",", "."))


def test_batch_without_urgency_gets_an_index_that_says_so(tmp_path):
    """Too few buurten for an urgency analysis (e.g. Vlieland, 2 buurten): the area rows have no index, rank or
    class. The index used to break on them (jinja2 UndefinedError, no index.html); now it shows '–' and the notes."""
    bdir = _batch(tmp_path, reference=FRAMES_NL["nationaal"])
    shared = json.loads((bdir / "batch.json").read_text(encoding="utf-8"))
    shared["urgency"] = {"available": False}
    (bdir / "batch.json").write_text(json.dumps(shared), encoding="utf-8")
    bare = [{"code": c, "name": f"Buurt {c[-2:]}", "status": "ok", "html": f"buurten/{c}.html",
             "wijk_code": "WK" + c[2:8], "settings_hash": "s", "in_last_run": True} for c in CODES[:2]]
    m = {"schema": 1, "areas": {e["code"]: e for e in bare}, "gemeenten": {GM: "Lindewaard"}, "period": 2024,
         "notes": ["Te weinig buurten met telcijfers voor een urgentieanalyse (minstens 3 nodig)."]}
    soup, facts = _kader(write_index(tmp_path, m, batch_dir=bdir))
    assert "In deze batch is geen urgentie-index berekend" in facts["Referentiekader"]
    assert "(minstens 3 nodig)" in soup.find(id="kader").find("ul", class_="notes").get_text()
    rows = soup.find("table").find("tbody").find_all("tr")
    assert len(rows) == 2
    cells = [td.get_text(" ", strip=True) for td in rows[0].find_all("td")]
    assert cells[2:5] == ["–", "–", "–"]  # index, rank, class


def test_rapport_scores_a_small_gemeente_against_the_national_frame_like_analyse(shared_data, tmp_path):
    """Vlieland has 2 buurten: `wijk analyse` scores them against the national frame, and so does the batch of
    `wijk rapport` (it used to skip urgency below 3 buurten of the gemeente). The batch records its frame and the
    buurt report states it in one sentence ('Waarmee is vergeleken')."""
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch
    from wijklib.reports.view import _frame_sentence

    table = shared_data / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
    path = tmp_path / "vlieland.yaml"
    path.write_text(f"versie: 1\ngemeente:\n  code: GM0096\ncijfers:\n  - {table.as_posix()}\n"
                    "referentie:\n  kader: nationaal\nurgentie:\n  min_inwoners: 200\n  trekkingen: 0\n",
                    encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepared = prepare_batch(BatchInputs.from_project(path), tmp_path / "_batch")
    assert len(prepared.areas) == 2 and prepared.urgency is not None
    assert prepared.urgency.scores["index"].notna().any()
    shared = json.loads((tmp_path / "_batch" / "batch.json").read_text(encoding="utf-8"))
    frame = shared["urgency"]["frame"]
    assert shared["urgency"]["available"] and frame["kind"] == "nationaal" and frame["n_reference_max"] > 10_000
    sentence = _frame_sentence(shared)
    n = f"{frame['n_reference_max']:,}".replace(",", ".")
    assert sentence == (f"Waarmee is vergeleken: de index en de rang zijn berekend ten opzichte van buurten uit heel "
                        f"Nederland ({n} buurten in de landelijke referentie), met de cijfers van 2024.")


@pytest.mark.parametrize("kind,expected", [
    ("gemeente", "ten opzichte van de buurten van Lindewaard (12 buurten)"),
    ("peers", "ten opzichte van per buurt de 50 meest gelijkende buurten (op stedelijkheid"),
    ("lijst", "ten opzichte van een eigen lijst van buurten uit het projectbestand (12 buurten)")])
def test_frame_sentence_of_the_buurt_report(kind, expected):
    from wijklib.reports.view import _frame_sentence

    n = 50 if kind == "peers" else 12
    shared = {"gemeenten": {GM: "Lindewaard"}, "period": 2024,
              "urgency": {"frame": {"kind": kind, "n_reference_min": n, "n_reference_max": n, "period": 2024}}}
    assert expected in _frame_sentence(shared)
    # an older batch without recorded facts falls back to its description of the reference
    old = {"reference": "de buurten van de gemeente", "urgency": {}, "period": 2024}
    assert _frame_sentence(old).startswith("Waarmee is vergeleken: de index en de rang zijn berekend ten opzichte "
                                           "van de buurten van de gemeente")


def test_buurt_report_urgency_section_says_what_was_compared(tmp_path, monkeypatch):
    from wijklib.reports import BatchInputs, view
    from wijklib.reports.prepare import prepare_batch

    prep = prepare_batch(BatchInputs.demo(), tmp_path / "_batch", areas=["BU99010201"])
    bundle = json.loads(prep.bundle_path("BU99010201").read_text(encoding="utf-8"))
    shared = json.loads((tmp_path / "_batch" / "batch.json").read_text(encoding="utf-8"))
    assert shared["urgency"]["frame"]["kind"] == "gemeente"
    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    view.AreaReport(bundle, shared, tmp_path / "_batch", {}).urgency()
    text = BeautifulSoup("".join(shown), "html.parser").get_text(" ")
    n = shared["urgency"]["frame"]["n_reference_max"]
    assert (f"Waarmee is vergeleken: de index en de rang zijn berekend ten opzichte van de buurten van Lindewaard "
            f"({n} buurten), met de cijfers van {shared['period']}.") in text
