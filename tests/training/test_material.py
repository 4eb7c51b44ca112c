"""Case material, interview key and the notebook helpers (tables, network, urgency playground, privacy screens)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from wijklib.errors import InputError
from wijklib.training import (NOTE_NAMES, NOTES, TRAINING_DIR, UrgencyPlayground, compute_urgency, demo_werkset,
                              find_identifying, group_answers, load_cases, load_interview, map_from_tables,
                              network_summary, read_table, residential_buurten, statement_sheet, suppress_small,
                              top_areas)
from wijklib.training.cases import CASES_FILE, case_markdown, cases_frame
from wijklib.training.network import INTERVIEW_FILE

SOURCE_DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "domain"


# -- case material ------------------------------------------------------------------------------------------------

def test_cases_are_fictional_and_refer_to_existing_areas_and_ids():
    cases = load_cases()
    assert len(cases) == 9
    assert all("FICTIEF" in c.titel for c in cases)
    docs = {s["document"] for c in cases for s in c.geinspireerd_op}
    assert docs == {"001", "003", "004"}, "casussen uit alle drie de praktijkbronnen"
    areas = {c.gebied for c in cases}
    assert {"BU99010201", "BU99010302", "WK990102"} <= areas
    table = cases_frame(cases)
    assert list(table["id"]) == [c.id for c in cases]
    text = case_markdown(cases[0])
    assert "Lindewaard" in text and "Het duidelijkst" not in text


def test_case_texts_are_paraphrased_not_copied():
    """No run of eight words of a case story, the interview or a note occurs literally in the source documents."""
    files = sorted(SOURCE_DOCS.glob("seeds/*.txt")) + sorted(SOURCE_DOCS.glob("extractions/*.md"))
    if not files:
        pytest.skip("brondocumenten (shared/domain) niet gevonden naast de checkout")
    sources = re.sub(r"\s+", " ", " ".join(p.read_text(encoding="utf-8", errors="replace").lower() for p in files))
    texts = {c.id: c.verhaal for c in load_cases()} | {"interview": _interview_text()} | {"notities": " ".join(NOTES)}
    for name, text in texts.items():
        words = re.sub(r"[\s*\"#>]+", " ", text.lower()).split()
        for i in range(len(words) - 7):
            assert " ".join(words[i:i + 8]) not in sources, f"{name}: '{' '.join(words[i:i + 8])}'"


def _broken_copy(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "casussen.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message, where", [
    (lambda d: d.pop("fictief"), "fictief: true", "kolom 'fictief'"),
    (lambda d: d["casussen"][1].update(titel="Echt gebeurd"), "FICTIEF", "rij 2, kolom 'titel'"),
    (lambda d: d["casussen"][2].update(gebied="BU03630000"), "bestaat niet in de demogemeente",
     "rij 3, kolom 'gebied'"),
    (lambda d: d["casussen"][0].update(principes=["lk.wp.bestaat_niet"], kernprincipe="lk.wp.bestaat_niet"),
     "onbekend id", "rij 1, kolom 'principes'"),
    (lambda d: d["casussen"][0].update(randvoorwaarden=["lk.wp.soort_zoekt_soort"]), "verwacht randvoorwaarde",
     "rij 1, kolom 'randvoorwaarden'"),
    (lambda d: d["casussen"][3].pop("verhaal"), "'verhaal' ontbreekt", "rij 4, kolom 'verhaal'"),
])
def test_bad_case_file_names_case_and_field(tmp_path, change, message, where):
    with pytest.raises(InputError, match=message) as err:
        load_cases(_broken_copy(tmp_path, change))
    assert "casussen.yaml" in str(err.value) and where in str(err.value)


# -- interview key ------------------------------------------------------------------------------------------------

def _interview_text() -> str:
    nb = nbformat.read(TRAINING_DIR / "04_stakeholder_gemeenschapskaart.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "markdown" and "Het interview (FICTIEF)" in c.source)


def test_interview_key_matches_the_interview_in_the_notebook():
    key = load_interview()
    text = _interview_text().lower()
    for actor in key.actors:
        assert any(w in text for w in actor.herkenning), f"{actor.naam} komt niet voor in het interview"
        assert actor.alinea.lower() in text
    for name in key.names:
        assert name.lower() in text
    assert len(key.relations) == 11 and len(key.actors) == 11
    assert key.main_broker() == "JW"
    assert key.untapped_reach() == {"MG"}


def test_key_matches_learner_names_by_longest_word():
    key = load_interview()
    assert key.match("Jongerenwerk Zuiderveld") == "JW"
    assert key.match("jongeren bij het Reigersbos") == "JR"
    assert key.match("sleutelpersoon moedergroep", persoon=True) == "SP"
    assert key.match("moedergroep") == "MG"
    assert key.match("de bakker") is None
    assert key.names_in("gesprek met Fenna") == ["Fenna"] and key.names_in("Fennaweg") == []


def test_interview_key_must_be_fictional(tmp_path):
    data = yaml.safe_load(INTERVIEW_FILE.read_text(encoding="utf-8"))
    data["fictief"] = False
    path = tmp_path / "interview.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="fictief"):
        load_interview(path)


# -- text tables and the small network ----------------------------------------------------------------------------

def test_read_table_names_row_and_column_of_problems():
    t = read_table("code; naam\n# opmerking\nJW; Jongerenwerk\n\nWA; wijkagent", ["code", "naam", "wereld"],
                   required=["code", "naam"])
    assert t.to_dict("records") == [{"code": "JW", "naam": "Jongerenwerk"}, {"code": "WA", "naam": "wijkagent"}]
    with pytest.raises(InputError, match=r"actoren, rij 2: 3 cellen"):
        read_table("code; naam\nA; a\nB; b; c", ["code", "naam"], name="actoren")
    with pytest.raises(InputError, match=r"rij 1, kolom 'naam': lege cel"):
        read_table("code; naam\nA; ", ["code", "naam"])
    with pytest.raises(InputError, match="onbekende kolom 'kleur'"):
        read_table("code; kleur\nA; rood", ["code", "naam"])
    assert read_table("", ["code"]).empty


def test_map_from_tables_builds_a_network_and_refuses_named_suspects():
    actors = read_table("code; naam; wereld; persoon\nA; Jongerenwerk; beide; nee\nB; Moedergroep; leef; nee\n"
                        "C; wijkagent; systeem; ja", ["code", "naam", "wereld", "persoon"])
    rel = read_table("bron; doel; soort\nA; B; vertrouwen\nA; C; samenwerking", ["bron", "doel", "soort"])
    summary = network_summary(map_from_tables(actors, rel))
    assert summary.iloc[0]["actor"] == "Jongerenwerk"  # the only actor between the other two
    assert summary.iloc[0]["tussenpositie"] > 0 and summary.iloc[0]["verbindt systeem en leefwereld"] == 1
    assert "wijkagent" in set(summary["actor"]) and not any(i == "C" for i in summary.index)  # person: pseudonym id
    with pytest.raises(InputError, match="onbekende actor 'X'"):
        map_from_tables(actors, read_table("bron; doel\nA; X", ["bron", "doel", "soort"], required=["bron", "doel"]))
    with pytest.raises(InputError, match="relaties, rij 1, kolom 'soort'"):
        map_from_tables(actors, read_table("bron; doel; soort\nA; B; vriendschap", ["bron", "doel", "soort"]))
    suspect = pd.DataFrame([{"code": "X", "naam": "dealer", "wereld": "crimineel", "persoon": "ja"}])
    with pytest.raises(InputError, match="verdachten"):
        map_from_tables(pd.concat([actors, suspect]), rel)
    with pytest.raises(InputError, match="wereld 'straat' is onbekend"):
        map_from_tables(pd.DataFrame([{"code": "A", "naam": "a", "wereld": "straat", "persoon": ""}]))


def test_network_summary_of_a_map_without_relations():
    actors = read_table("code; naam\nA; Jongerenwerk", ["code", "naam", "wereld", "persoon"], required=["code", "naam"])
    summary = network_summary(map_from_tables(actors))
    assert summary["contacten"].tolist() == [0] and summary["tussenpositie"].tolist() == [0.0]


# -- quickscan group work -----------------------------------------------------------------------------------------

def test_group_answers_become_quickscan_answers():
    sheet = statement_sheet(["lk.rv.urgentiebesef"])
    assert list(sheet["nr"]) == [1, 2, 3, 4]
    answers = group_answers("respondent; partner; nr; score\nR1; gemeente; 1; 2\nR2; bewoners; 4; weet niet")
    assert list(answers["item"]) == ["lk.rv.urgentiebesef.vo1", "lk.rv.urgentiebesef.vo4"]
    assert answers["weet_niet"].tolist() == [False, True]
    with pytest.raises(InputError, match="rij 1, kolom 'nr'"):
        group_answers("respondent; partner; nr; score\nR1; gemeente; 99; 2")
    with pytest.raises(InputError, match="onbekende randvoorwaarde"):
        statement_sheet(["lk.rv.bestaat_niet"])


# -- urgency playground -------------------------------------------------------------------------------------------

def test_playground_recomputes_when_a_slider_moves():
    ws = demo_werkset()
    pg = UrgencyPlayground(ws)
    base = pg.ranking()
    assert base["verschuiving"].eq("=").all()
    pg.sliders["veiligheid"].value = 3.0  # the observer recomputes
    moved = pg.ranking()
    assert pg.settings()["gewichten"]["veiligheid"] == 3.0
    assert list(moved["buurtcode"][:5]) == top_areas(compute_urgency(ws, {"veiligheid": 3}), 5)
    assert (moved["verschuiving"] != "=").any()
    pg.frame.value = "woonbuurten"
    assert pg.settings()["referentiekader"] == "woonbuurten"
    pg._reset(None)
    assert pg.ranking()["verschuiving"].eq("=").all()


def test_playground_rejects_unknown_domains_and_choices():
    ws = demo_werkset()
    with pytest.raises(InputError, match="onbekend domein 'sport'"):
        UrgencyPlayground(ws, {"sport": 2})
    with pytest.raises(InputError, match="referentiekader"):
        compute_urgency(ws, frame="provincie")
    with pytest.raises(InputError, match="gewicht van 'wonen'"):
        compute_urgency(ws, {"wonen": -1})


def test_residential_buurten_leave_out_the_smallest_areas():
    codes = residential_buurten(demo_werkset())
    assert len(codes) == 28 and "BU99010401" not in codes and "BU99010402" not in codes


# -- privacy helpers ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kinds", [
    ("Mevrouw de Vries belt elke week", ["naam met aanspreekvorm"]),
    ("Auto 12-ABC-3 staat bij de school", ["kenteken"]),
    ("Bel 06 12345678 of mail a.b@example.nl", ["telefoonnummer", "e-mailadres"]),
    ("Overlast bij Dorpsstraat 14a", ["adres (straat en huisnummer)"]),
    ("geboren op 3 mei 2001", ["geboortedatum"]),
    ("Jongeren hangen 's avonds bij het speelveld in de Merelhof", []),
])
def test_find_identifying(text, kinds):
    assert find_identifying(text) == kinds


def test_notes_exercise_has_clean_and_identifying_notes():
    flagged = [i for i, t in enumerate(NOTES, start=1) if find_identifying(t, NOTE_NAMES)]
    assert flagged == [2, 3, 4, 6]
    assert find_identifying(NOTES[3], NOTE_NAMES) == ["bekende naam"]


def test_suppress_small_hides_values_and_exact_counts():
    table = pd.DataFrame({"buurt": ["a", "b"], "n": [4, 25], "score": [71.0, 55.0]})
    out = suppress_small(table, "n", min_n=10)
    assert out["score"].isna().tolist() == [True, False]
    assert out["n"].tolist() == ["< 10", 25] and out["getoond"].tolist() == [False, True]
    assert table["score"].tolist() == [71.0, 55.0], "the input is not changed"
    with pytest.raises(KeyError, match="aantallen ontbreekt"):
        suppress_small(table, "respondenten")


def test_facilitator_guide_covers_the_session():
    guide = (TRAINING_DIR / "FACILITATOR.md").read_text(encoding="utf-8")
    for needed in ("python -m wijklib.training learner notebooks/training", "--no-browser --port 8866",
                   "--Voila.ip=0.0.0.0", "zonder internet", "03_urgentie_speeltuin"):
        assert needed in guide
    for name in sorted(p.stem for p in TRAINING_DIR.glob("*.ipynb")):
        assert name in guide, f"{name} ontbreekt in de tijdtabel"


def test_facilitator_guide_has_schedules_with_breaks_and_every_exercise_has_a_source():
    guide = (TRAINING_DIR / "FACILITATOR.md").read_text(encoding="utf-8")
    assert "**Eén dag" in guide and "**Twee dagdelen" in guide
    one_day = guide.split("**Eén dag", 1)[1].split("**Twee dagdelen", 1)[0]
    two_halves = guide.split("**Twee dagdelen", 1)[1].split("## ", 1)[0]
    assert one_day.count("**pauze**") >= 3 and "**lunch**" in one_day
    assert two_halves.count("| 1 |") >= 5 and two_halves.count("| 2 |") >= 5 and two_halves.count("**pauze**") >= 2
    for schedule in (one_day, two_halves):
        for nb in ("01 ", "02 ", "03 ", "04 ", "05 ", "06 ", "07 "):
            assert f"| {nb}" in schedule, f"notebook {nb.strip()} ontbreekt in een rooster"
        assert "feedbackformulier" in schedule
    assert "BEGRIPPEN.md" in guide and "FEEDBACKFORMULIER.md" in guide


def test_glossary_uses_the_dutch_terms_of_the_documents_with_their_source():
    text = (TRAINING_DIR / "BEGRIPPEN.md").read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r.startswith("| **")]
    assert len(rows) >= 20
    for term in ("beslismoment", "randvoorwaarde", "wijkverbinder", "sleutelpersoon", "kennismakingsmethode",
                 "urgentie: sluimerend", "werkzaam principe", "tellen en vertellen"):
        assert f"**{term}" in text
    for row in rows:
        source = row.rstrip(" |").rsplit("|", 1)[1]
        assert re.search(r"00[0-4]|CBS|keuze van wijklib", source), row


def test_feedback_form_is_anonymous_and_covers_every_notebook():
    text = (TRAINING_DIR / "FEEDBACKFORMULIER.md").read_text(encoding="utf-8")
    assert "geen naam" in text
    for name in sorted(p.stem for p in TRAINING_DIR.glob("*.ipynb")):
        assert f"| {name[:2]} " in text


def test_offline_voila_template_has_no_cdn_links():
    from wijklib.training.app import JUPYTER_DATA, TEMPLATE, voila_command, voila_environment

    folder = JUPYTER_DATA / "voila" / "templates" / TEMPLATE
    template = (folder / "index.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"""(href|src)=["']?https?://""", template), "geen stylesheets of scripts van internet"
    assert "fontawesome" not in template.lower()
    assert "block notebook_css" in template
    assert f"--template={TEMPLATE}" in voila_command("x.ipynb")
    assert voila_environment({"JUPYTER_PATH": "/elders"})["JUPYTER_PATH"].startswith(str(JUPYTER_DATA))


def test_rank_map_marks_ranks_with_numbers_and_lists_the_names_beside_the_map():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from wijklib.training import rank_map, top_areas

    ws = demo_werkset()
    result = compute_urgency(ws)
    fig = rank_map(ws, result)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    assert [t for t in texts if t.isdigit()] == ["1", "2", "3", "4", "5"]  # short labels cannot overlap
    listing = next(t for t in texts if t.startswith("Top 5"))
    for rank, code in enumerate(top_areas(result, 5), start=1):
        assert f"{rank}. {ws.names[code]}" in listing
