"""Findings of a trainer preparing a training day (issue #16), each with a test, most serious first."""

from __future__ import annotations

import ast
import itertools
import re

import nbformat
import pytest

from wijklib.training import TRAINING_DIR, check, demo_werkset
from wijklib.training.answers import _entry, _ids, _labels, _options, answer_table_markdown
from wijklib.training.checks import EMPTY_PROMPT_VOILA, fold, fold_variants
from wijklib.training.learner import SOLUTION_TAG

from training_helpers import ACTORS_RIGHT as ACTORS, RELATIONS_RIGHT as RELATIONS

FACILITATOR = TRAINING_DIR / "FACILITATOR.md"
NOTEBOOKS = sorted(p.name for p in TRAINING_DIR.glob("[0-9][0-9]_*.ipynb"))


STARTER_ACTORS = "code; naam; wereld; persoon\nJW; Jongerenwerk Zuiderveld; beide; nee\nWA; wijkagent; systeem; ja\n"


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _fill_and_check(form, text: str) -> str:
    import ipywidgets as w

    area = next(c for c in form.children if isinstance(c, w.Textarea))
    area.value = text
    next(c for c in form.children if isinstance(c, w.Button)).click()
    return form.children[-1].value


# -- 1. the forms share state: 4.2 checks against the actor table of the 4.1 form ------------------------------


@pytest.fixture()
def fresh_forms():
    from wijklib.training.forms import reset_formulieren

    reset_formulieren()
    yield
    reset_formulieren()


def test_relation_form_uses_the_actor_table_of_the_actor_form(fresh_forms):
    from wijklib.training import formulier, formulier_tabel, read_table

    starter = read_table(STARTER_ACTORS, ["code", "naam", "wereld", "persoon"], required=["code", "naam"])
    form_42 = formulier("oefening_4_2", actoren=starter)  # as in the notebook: the code cell's 2-row table
    # without the 4.1 form the starter table is used, and 'BS' is not in it
    assert "staat niet in je actorentabel" in _fill_and_check(form_42, RELATIONS)
    assert "Goed zo" in _fill_and_check(formulier("oefening_4_1"), ACTORS)
    assert len(formulier_tabel("oefening_4_1", starter)) == 11
    feedback = _fill_and_check(form_42, RELATIONS)
    assert "Goed zo" in feedback and "actorentabel" not in feedback


def test_network_button_draws_from_the_form_tables(fresh_forms, monkeypatch):
    from wijklib.training import formulier, netwerkformulier, read_table
    from wijklib.training import network

    starter = read_table(STARTER_ACTORS, ["code", "naam", "wereld", "persoon"], required=["code", "naam"])
    _fill_and_check(formulier("oefening_4_1"), ACTORS)
    _fill_and_check(formulier("oefening_4_2", actoren=starter), RELATIONS)
    used = []
    real = network.map_from_tables
    monkeypatch.setattr(network, "map_from_tables", lambda a, r=None, *args, **kw: used.append((a, r)) or real(a, r))
    box = netwerkformulier(starter, None)
    assert not used, "the cell draws nothing before the button is clicked"
    box.children[0].click()
    assert len(used) == 1 and len(used[0][0]) == 11 and len(used[0][1]) == 11


def test_an_empty_table_form_gets_the_neutral_prompt(fresh_forms):
    from wijklib.training import formulier

    form = formulier("oefening_4_1")
    assert _fill_and_check(form, "code; naam; wereld; persoon\n") == (
        f"<p style='color:#333333'>{EMPTY_PROMPT_VOILA}</p>")


# -- 2. Berkenhof does not contradict itself ---------------------------------------------------------------------


def test_urgency_vignettes_do_not_use_a_demo_buurt_against_the_demo_data():
    items = _entry("oefening_3_4")["items"]
    assert all("Berkenhof" not in item["tekst"] for item in items.values())
    names = [n for n in demo_werkset().names.values() if len(n) > 4]
    in_d = [n for n in names if n in items["D"]["tekst"]]
    assert not in_d, f"vignet D gebruikt een buurt uit de demodata: {in_d}"
    assert "fictieve" in items["D"]["tekst"]
    # the guide keeps its story about Berkenhof (favourable figures)
    assert "Berkenhof (cijfers gunstig" in FACILITATOR.read_text(encoding="utf-8")


# -- 3. the schedules agree with the table of notebooks --------------------------------------------------------


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(".")
    return int(h) * 60 + int(m)


def _schedules(text: str) -> tuple[dict[str, int], dict[str, list[list[str]]]]:
    table = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| (\d\d) \| `[^`]+` \| (\d+) min \|", text, re.M)}
    blocks: dict[str, list[list[str]]] = {}
    for title in ("Eén dag", "Twee dagdelen"):
        start = text.index(f"**{title}")
        rows = []
        for line in text[start:].splitlines()[1:]:
            if rows and not line.startswith("|"):
                break
            if line.startswith("|") and re.search(r"\d\d\.\d\d–\d\d\.\d\d", line):
                rows.append([c.strip() for c in line.strip("|").split("|")])
        blocks[title] = rows
    return table, blocks


def test_schedules_are_consistent_with_the_table_of_notebooks():
    table, blocks = _schedules(FACILITATOR.read_text(encoding="utf-8"))
    assert set(table) == {f"0{i}" for i in range(1, 8)}
    for title, rows in blocks.items():
        seen: dict[str, tuple[int, str]] = {}
        previous_end = None
        previous_part = None
        for row in rows:
            part, span, what, duration = (row if len(row) == 4 else [None, *row])
            begin, end = (_minutes(t) for t in span.split("–"))
            assert end - begin == int(duration.split()[0]), f"{title}: {span} is geen {duration}"
            if previous_end is not None and part == previous_part:
                assert begin == previous_end, f"{title}: gat of overlap voor {span}"
            previous_end, previous_part = end, part
            nb = re.match(r"(0\d) ", what)
            if nb:
                assert nb.group(1) not in seen, f"{title}: notebook {nb.group(1)} staat er twee keer in"
                seen[nb.group(1)] = (int(duration.split()[0]), what)
        assert set(seen) == set(table), f"{title}: niet elk notebook staat in het rooster"
        for nb, (minutes, what) in seen.items():
            assert minutes <= table[nb], f"{title}: {nb} krijgt meer tijd dan de tabel"
            if title == "Twee dagdelen":
                assert minutes == table[nb], f"volledig rooster: {nb} krijgt {minutes} van {table[nb]} min"
            elif minutes < table[nb]:
                assert "ingekort:" in what, f"{title}: {nb} krijgt {minutes} van {table[nb]} min; zeg wat vervalt"


# -- 4. 3.4 accepts the words learners use; 'beleidskader' is explained ----------------------------------------


@pytest.mark.parametrize("d", ["beleidskader", "beleidsframe", "sterk beleidsframe", "Beleidsframe",
                               "urgentie door een sterk beleidsframe"])
def test_urgency_types_accept_synonyms_from_the_key(d, capsys):
    answer = {"A": "acute", "B": "sluimerende urgentie", "C": "meervoudige", "D": d}
    assert check("oefening_3_4", answer)
    assert "beleidskader" in capsys.readouterr().out  # the short key is explained in the feedback


def test_synonyms_live_in_the_key_and_reach_the_facilitator_table(capsys):
    synonyms = _entry("oefening_3_4")["synoniemen"]
    assert {"beleidsframe", "sterk beleidsframe"} <= set(synonyms["beleidskader"])
    row = next(r for r in answer_table_markdown().splitlines() if r.startswith("| 3.4 "))
    assert "sterk beleidsframe" in row
    assert not check("oefening_3_4", {"A": "acuut", "B": "sluimerend", "C": "meervoudig", "D": "beleid?"})
    out = capsys.readouterr().out
    assert "'beleidskader' (urgentie door een sterk beleidsframe)" in out


# -- 5. placeholders never give an answer away -----------------------------------------------------------------


def _accepted_atoms(ex_id: str) -> set[str]:
    """Every text that counts as (part of) an accepted answer of an exercise, folded."""
    entry = _entry(ex_id)
    kind, accepted = entry["soort"], entry["antwoorden"]
    atoms: set[str] = set()
    if kind == "koppeling":
        labels = _labels(ex_id)
        for item in entry["items"].values():
            for a in item["antwoorden"]:
                for text in [a, labels.get(a, a), *(entry.get("synoniemen") or {}).get(a, [])]:
                    atoms |= fold_variants(text)
    elif kind in ("catalogus", "keuzes"):
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
        for a in accepted:
            atoms |= {fold(a)} | fold_variants(cat.get(a).name_nl)
    elif kind in ("buurt", "buurten"):
        names = demo_werkset().names
        atoms |= {fold(a) for a in accepted} | {fold(names.get(a, a)) for a in accepted}
    elif kind == "keuze":
        atoms |= {fold(a) for a in accepted} | {fold(entry["opties"][a]["tekst"]) for a in accepted}
    elif kind in ("getal", "nummers"):
        atoms |= {fold(a) for a in accepted}
    return atoms


def _placeholder_literals(line: str) -> list[str]:
    comment = line.split("# vul in", 1)[1]
    values = [m.group()[1:-1] for m in re.finditer(r"\"[^\"]*\"|'[^']*'", comment)
              if not comment[m.end():].lstrip().startswith(":")]  # values, not the keys of a dict
    values = [v for v in values if v != "..."]
    values += re.findall(r"(?<![\w.])\d+(?![\w.])", re.sub(r"\"[^\"]*\"|'[^']*'", "", comment))
    return values


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_placeholder_equals_an_accepted_answer(name):
    nb = nbformat.read(TRAINING_DIR / name, as_version=4)
    ids = [i for i in _ids() if i.startswith(f"oefening_{int(name[:2])}_")]
    atoms = set().union(*(_accepted_atoms(i) for i in ids))
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code" or SOLUTION_TAG in _tags(cell):
            continue
        for line in cell.source.splitlines():
            if "# vul in" in line:
                found += [v for v in _placeholder_literals(line) if fold(v) in atoms]
    assert not found, f"{name}: een voorbeeld in een invulregel is een goed antwoord: {found}"


def test_placeholder_scan_would_catch_the_old_placeholders():
    atoms = _accepted_atoms("oefening_3_4") | _accepted_atoms("oefening_4_6")
    old = ['antwoord = None  # vul in: {"A": "acuut", "B": ..., "C": ..., "D": ...}',
           'antwoord = None  # vul in: {"A": "kaart", "B": ..., "C": ..., "D": ..., "E": ...}']
    assert all(any(fold(v) in atoms for v in _placeholder_literals(line)) for line in old)


# -- 6. interpretations are answer material, printed by no learner-facing function -----------------------------


def test_no_learner_facing_function_prints_an_interpretation():
    import wijklib.training as t
    from wijklib.training import cases

    assert not hasattr(t, "interpretation_markdown") and not hasattr(cases, "interpretation_markdown")
    assert not any("interpretation" in n for n in t.__all__)
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()
    for case in t.load_cases():
        core = cat.get(case.kernprincipe).description_nl
        shown = t.case_markdown(case) + repr(case) + t.cases_frame([case]).to_string()
        assert "Het duidelijkst" not in shown and core not in shown and "kernprincipe" not in shown


def test_learner_notebooks_do_not_import_the_interpretation():
    for name in NOTEBOOKS:
        nb = nbformat.read(TRAINING_DIR / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "interpretation_markdown" in cell.source:
                assert "trainer" in _tags(cell), f"{name}: de interpretatie in een cel van de leerversie"


# -- 7. 4.5: every combination the guide calls good passes -----------------------------------------------------


def test_every_combination_of_three_accepted_methods_passes(capsys):
    entry = _entry("oefening_4_5")
    assert "verplicht" not in entry
    for combo in itertools.combinations(entry["antwoorden"], entry["aantal"]):
        assert check("oefening_4_5", list(combo)), combo
    wrong = [m for m in _options("oefening_4_5") if m not in entry["antwoorden"]][0]
    assert not check("oefening_4_5", [wrong, *entry["antwoorden"][:2]])
    row = next(r for r in answer_table_markdown().splitlines() if r.startswith("| 4.5 "))
    assert "elke 3 uit" in row and "verplicht" not in row
    guide = FACILITATOR.read_text(encoding="utf-8")
    assert row in guide and "elke combinatie van drie methoden" in guide


# -- 8. other reasonable answers -------------------------------------------------------------------------------


@pytest.mark.parametrize("ex_id, answer", [
    ("oefening_1_7", "Cultureel sensitief communiceren"),
    ("oefening_1_7", "(Cultureel) sensitief communiceren"),
    ("oefening_1_7", "sensitief communiceren"),
    ("oefening_4_6", {"A": "gedeelde kaart", "B": "kaart", "C": "nergens", "D": "politie", "E": "nergens"}),
    ("oefening_1_2", "stap 4"),
    ("oefening_1_2", "na stap 4"),
    ("oefening_1_5", "Eerst de randvoorwaarden op orde brengen (een wijkverbinder regelen, ruimte maken voor "
                     "inbreng van bewoners) en dan opnieuw beslissen."),
    ("oefening_1_5", "b. Eerst de randvoorwaarden op orde brengen"),
])
def test_reasonable_answers_pass(ex_id, answer, capsys):
    assert check(ex_id, answer), capsys.readouterr().out


def test_reasonable_wrong_answers_still_fail(capsys):
    assert not check("oefening_1_2", "stap 5")
    assert not check("oefening_1_5", _options("oefening_1_5")["a"])
    assert not check("oefening_4_6", {"A": "politie", "B": "kaart", "C": "nergens", "D": "politie", "E": "nergens"})


def test_format_hint_of_1_7_gives_an_example_of_the_right_kind(capsys):
    assert not check("oefening_1_7", "goed luisteren")
    out = capsys.readouterr().out
    assert "lk.rv." not in out
    example = re.search(r"bijvoorbeeld '([^']+)'", out).group(1)
    assert example.startswith("hr.rol.wijkverbinder.c") and example not in _entry("oefening_1_7")["antwoorden"]


# -- 9. an empty answer gets a neutral prompt --------------------------------------------------------------------


def test_empty_answer_prompts_neutrally_in_jupyter_and_voila(capsys, monkeypatch):
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    monkeypatch.delenv("VOILA_BASE_URL", raising=False)
    result = check("oefening_1_1", None)
    out = capsys.readouterr().out
    assert not result and not result.answered
    assert out.startswith("Vul je antwoord in") and "Nog niet" not in out
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    check("oefening_1_1", None)
    assert capsys.readouterr().out.strip() == EMPTY_PROMPT_VOILA
    check("oefening_1_1", 3)
    assert capsys.readouterr().out.startswith("Nog niet")  # a wrong answer still says so


# -- 10. the playground cell does no heavy work at execution -----------------------------------------------------


def test_playground_computes_once_and_draws_the_map_only_on_interaction(monkeypatch):
    from wijklib.training import urgency

    ws = demo_werkset()
    real_compute, real_map = urgency.compute_urgency, urgency.rank_map
    calls = {"compute": 0, "map": 0}

    def compute(*a, **kw):
        calls["compute"] += 1
        return real_compute(*a, **kw)

    def draw(*a, **kw):
        calls["map"] += 1
        return real_map(*a, **kw)

    monkeypatch.setattr(urgency, "compute_urgency", compute)
    monkeypatch.setattr(urgency, "rank_map", draw)
    pg = urgency.UrgencyPlayground(ws)
    assert calls == {"compute": 1, "map": 0}
    assert pg.ranking()["verschuiving"].eq("=").all()
    pg.show_map.click()
    assert calls == {"compute": 1, "map": 1}
    pg.sliders["veiligheid"].value = 2.0
    assert calls == {"compute": 2, "map": 2}


def test_notebook_03_widget_cell_builds_the_playground_only():
    nb = nbformat.read(TRAINING_DIR / "03_urgentie_speeltuin.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "UrgencyPlayground(" in c.source and c.cell_type == "code")
    tree = ast.parse(cell.source)
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert calls == {"UrgencyPlayground"}, f"de cel van de speeltuin rekent meer: {calls}"
