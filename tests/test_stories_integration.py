"""Coded stories (wijklib.stories) on the told side of the urgency analysis, notebook 01 and the buurt reports.

The demo project file (``data/demo/project.yaml``) gives ``vertellen.verhalen`` with the demo fragments of
``data/demo/verhalen`` and the consent records of ``data/demo/stakeholders``. Informant I4 withdrew consent: the
fragment F10 (Vinkenbuurt, codes ``ib.fen.inzet_jongeren`` and ``jeugd``) must be absent everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from wijklib.analysis import stories_beside_figures, stories_frequencies, told_table
from wijklib.errors import InputError
from wijklib.project import DEMO_PROJECT, load_project
from wijklib.stories import load_stories, stories_told_table

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
VINKENBUURT = "BU99010203"
WITHDRAWN_FRAGMENT = "F10"


@pytest.fixture(scope="module")
def demo_ws():
    project = load_project(DEMO_PROJECT)
    return project, project.load_werkset()


def _project_copy(tmp_path: Path, verhalen) -> Path:
    """The demo project file moved to ``tmp_path`` (absolute paths) with another ``vertellen.verhalen``."""
    data = yaml.safe_load(DEMO_PROJECT.read_text(encoding="utf-8"))
    for key in ("cijfers",):
        data[key] = [str(DEMO / p) for p in data[key]]
    for key in ("buurten", "wijken", "aanleidingen"):
        data[key] = str(DEMO / data[key])
    data["vertellen"] = {k: str(DEMO / v) for k, v in data["vertellen"].items() if isinstance(v, str)}
    data["urgentie"]["instellingen"] = str(DEMO / data["urgentie"]["instellingen"])
    data["uitvoer"] = str(tmp_path / "uit")
    if verhalen is not None:
        data["vertellen"]["verhalen"] = verhalen
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_demo_project_file_names_the_stories_and_the_consent_records(demo_ws):
    project, ws = demo_ws
    assert project.stories == (DEMO / "verhalen").resolve()
    assert project.stories_consent == (DEMO / "stakeholders").resolve()
    assert ws.stories is not None and len(ws.stories) >= 20
    assert ws.stories_min_sources == 3


def test_stories_feed_the_told_side_of_the_urgency_analysis(demo_ws):
    project, ws = demo_ws
    told = told_table(ws)
    st = told[told["source"] == "verhalen"].set_index(["area_code", "theme"])
    assert len(st) > 0
    assert {"bewoners", "schouw", "professionals", "verhalen"} <= set(told["source"])
    # the same numbers as the stories module gives, withheld counts (fewer than 3 sources) left out
    ref = stories_told_table(ws.stories)
    shown = ref[~ref["withheld"]].set_index(["area_code", "theme"])
    assert set(st.index) == set(shown.index)
    assert (st["value"] == shown.loc[st.index, "n_fragments"]).all()
    assert st["value"].notna().all() and (st.loc[:, "n"] >= 3).all()
    withheld = ref[ref["withheld"]].set_index(["area_code", "theme"]).index
    assert len(withheld) and not set(withheld) & set(st.index)
    # and the engine gets them: the told-vs-counted table of the result has rows from the stories
    result = project.run(ws, overrides={"uncertainty": {"draws": 0}})
    div = result.divergence
    assert set(div.loc[div["source"] == "verhalen", "area_code"]) == {a for a, _ in st.index}


def test_withdrawn_informant_leaves_the_told_side(demo_ws, tmp_path):
    _, ws = demo_ws
    assert WITHDRAWN_FRAGMENT not in {f.fragment_id for f in ws.stories.fragments}
    assert any("toestemming" in w for w in ws.stories.warnings)
    # without the consent records the fragment would count: the jeugd count of the Vinkenbuurt is one higher
    unchecked = load_stories(DEMO / "verhalen")
    assert WITHDRAWN_FRAGMENT in {f.fragment_id for f in unchecked.fragments}
    with_consent = told_table(ws).set_index(["area_code", "theme", "source"])["value"]
    without = stories_told_table(unchecked).set_index(["area_code", "theme"])["n_fragments"]
    assert without[(VINKENBUURT, "jeugd")] == with_consent[(VINKENBUURT, "jeugd", "verhalen")] + 1
    codes = stories_frequencies(ws, by="code").set_index(["buurtcode", "code"])["fragmenten"]
    all_codes = unchecked.code_frequencies(by="code").set_index(["buurtcode", "code"])["fragmenten"]
    assert all_codes[(VINKENBUURT, "jeugd")] == codes[(VINKENBUURT, "jeugd")] + 1


def test_project_without_consent_records_warns(tmp_path):
    project = load_project(_project_copy(tmp_path, str(DEMO / "verhalen")))
    assert project.stories_consent is None
    ws = project.load_werkset()
    assert WITHDRAWN_FRAGMENT in {f.fragment_id for f in ws.stories.fragments}
    assert any("geen toestemmingsregistratie" in w for w in ws.stories.warnings)


def test_min_sources_from_the_project_file(tmp_path, demo_ws):
    _, ws = demo_ws
    strict = load_project(_project_copy(tmp_path, {"bron": str(DEMO / "verhalen"),
                                                    "stakeholders": str(DEMO / "stakeholders"),
                                                    "min_bronnen": 5})).load_werkset()
    assert strict.stories_min_sources == 5
    n_default = (told_table(ws)["source"] == "verhalen").sum()
    told = told_table(strict)
    assert 0 < (told["source"] == "verhalen").sum() < n_default
    assert (told.loc[told["source"] == "verhalen", "n"] >= 5).all()


@pytest.mark.parametrize("verhalen, key", [
    ({"bron": "bestaat_niet"}, "vertellen.verhalen"),
    ("bestaat_niet", "vertellen.verhalen"),
    ({"bron": str(DEMO / "verhalen"), "stakeholders": "bestaat_niet"}, "vertellen.verhalen.stakeholders"),
    ({"bron": str(DEMO / "verhalen"), "citaten": True}, "vertellen.verhalen.citaten"),
    ({"stakeholders": str(DEMO / "stakeholders")}, "vertellen.verhalen.bron"),
    ({"bron": str(DEMO / "verhalen"), "min_bronnen": 0}, "vertellen.verhalen.min_bronnen"),
])
def test_bad_verhalen_key_names_the_file_and_key(tmp_path, verhalen, key):
    path = _project_copy(tmp_path, verhalen)  # relative paths resolve against the project file's folder
    with pytest.raises(InputError) as info:
        load_project(path)
    assert info.value.column == key
    assert "project.yaml" in str(info.value)


def test_stories_beside_the_figures_withhold_small_numbers(demo_ws):
    project, ws = demo_ws
    result = project.run(ws, overrides={"uncertainty": {"draws": 0}})
    table = stories_beside_figures(ws, result)
    assert VINKENBUURT in table.index and "urgentie-index" in table.columns
    assert table.at[VINKENBUURT, "naam"] == ws.names[VINKENBUURT]
    assert table.at[VINKENBUURT, "verhalen: Jeugd"] == "5"
    assert table.at[VINKENBUURT, "verhalen: Leefbaarheid"] == "te weinig bronnen"
    freq = stories_frequencies(ws, by="thema")
    withheld = freq[freq["achtergehouden"]]
    assert len(withheld) and withheld["fragmenten"].isna().all() and withheld["bronnen"].isna().all()


# -- reports ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_bundles(tmp_path_factory):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    out = tmp_path_factory.mktemp("batch")
    prepare_batch(BatchInputs.demo(), out, areas=[VINKENBUURT, "BU99010401"])
    return out


def _bundle(folder: Path, code: str) -> dict:
    return json.loads((folder / "gebieden" / f"{code}.json").read_text(encoding="utf-8"))


def test_report_bundle_lists_the_codes_of_the_buurt(demo_bundles):
    s = _bundle(demo_bundles, VINKENBUURT)["stories"]
    codes = {c["code"]: c for c in s["codes"]}
    assert {"jeugd", "veiligheid", "wantrouwen_politie"} <= set(codes)
    # F10 (withdrawn) is not counted: 4 jeugd fragments from consenting informants and notes, not 5
    assert codes["jeugd"]["fragments"] == 4
    assert s["n_codes_withheld"] > 0 and s["min_sources"] == 3
    assert all(c["fragments"] >= 1 for c in s["codes"])
    themes = {t["theme"]: t for t in s["themes"]}
    assert themes["leefbaarheid"]["withheld"] and themes["leefbaarheid"]["fragments"] is None
    # a buurt without stories has an empty stories part, not a missing one
    assert _bundle(demo_bundles, "BU99010401")["stories"] == {"min_sources": 3, "themes": [], "codes": [],
                                                               "n_codes_withheld": 0}


def test_report_shows_codes_but_no_quotes_or_names(demo_bundles, monkeypatch):
    from wijklib.reports import view
    from wijklib.stakeholders import load_demo

    shown: list[str] = []
    monkeypatch.setattr(view, "_show", shown.append)
    report = view.load_report(VINKENBUURT, str(demo_bundles))
    report.stories()
    html = "".join(shown)
    assert "Wantrouwen in de politie" in html and "te weinig bronnen" in html
    assert "keuze van wijklib" in html
    for fragment in load_stories(DEMO / "verhalen").fragments:
        assert fragment.tekst[:40] not in html
    for actor in load_demo().actors:
        if actor.natuurlijk_persoon:
            assert actor.naam not in html
    # a batch without stories says so
    shown.clear()
    report.b = {**report.b, "stories": None}
    report.stories()
    assert "geen gecodeerde verhalen" in shown[0]


def test_report_from_the_project_file_uses_the_project_stories(tmp_path):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    inputs = BatchInputs.from_project(DEMO_PROJECT)
    assert inputs.stories == (DEMO / "verhalen").resolve()
    assert inputs.stories_consent == (DEMO / "stakeholders").resolve()
    prepare_batch(inputs, tmp_path, areas=[VINKENBUURT])
    codes = {c["code"]: c["fragments"] for c in _bundle(tmp_path, VINKENBUURT)["stories"]["codes"]}
    assert codes["jeugd"] == 4


def test_template_has_a_stories_section():
    import nbformat

    nb = nbformat.read(ROOT / "templates" / "rapport" / "rapport_buurt.ipynb", as_version=4)
    sources = [c.source for c in nb.cells]
    assert "rapport.stories()" in sources
    assert sources.index("rapport.stories()") > sources.index("rapport.counted_vs_told()")


def test_notebook_01_shows_the_stories_in_its_vertellen_section(tmp_path):
    from wijklib.notebooks import NOTEBOOK_DIR, run_notebook

    paths = run_notebook(NOTEBOOK_DIR / "01_urgentieanalyse.ipynb", tmp_path,
                         {"trekkingen": 50, "uitvoermap": str(tmp_path / "uit")}, html=False)
    nb = json.loads(paths["notebook"].read_text(encoding="utf-8"))
    cells = {c.get("id"): c for c in nb["cells"]}

    def text(cell_id: str) -> str:
        out = []
        for o in cells[cell_id].get("outputs", []):
            assert o.get("output_type") != "error"
            out.append("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/html", "")))
        return "\n".join(out)

    summary = text("c019b")
    assert "fragmenten uit" in summary and "Vinkenbuurt" in summary and "te weinig bronnen" in summary
    assert "Niet getoond (minder dan 3 bronnen)" in summary
    codes = text("c019d")
    assert "Wantrouwen in de politie" in codes
    told = (tmp_path / "uit" / "tellen_en_vertellen.csv").read_text(encoding="utf-8")
    assert ",verhalen," in told
