"""Widget forms: answers are saved on every change and survive a 'restart' (a new form on the same file)."""

from __future__ import annotations

import os
import stat

import pytest

pytest.importorskip("ipywidgets")

from wijklib.readiness import (InterventionBrowser, QuickscanForm, WorksheetForm, intervention_catalogue,  # noqa: E402
                               load_worksheet, read_answers)

UB = "lk.rv.urgentiebesef"


def test_quickscan_answers_survive_a_restart(tmp_path):
    path = tmp_path / "antwoorden.csv"
    form = QuickscanForm(path, respondent="R06", partner="welzijn")
    assert not path.exists()                                   # building a form never writes
    form.set_answer(f"{UB}.vo1", 2, "zie de cijfers")          # programmatic, as a click
    form.score_widgets[f"{UB}.vo2"].value = "weet niet"        # directly on the widget, as in JupyterLab
    form.score_widgets["lk.rv.bestuurskracht.vo1"].value = 0
    assert path.exists() and form.saves >= 3

    restarted = QuickscanForm(path, respondent="R06")          # a new kernel: same file, same respondent
    assert restarted.partner == "welzijn"
    assert restarted.score_widgets[f"{UB}.vo1"].value == 2
    assert restarted.note_widgets[f"{UB}.vo1"].value == "zie de cijfers"
    assert restarted.score_widgets[f"{UB}.vo2"].value == "weet niet"
    assert restarted.score_widgets["lk.rv.bestuurskracht.vo1"].value == 0
    assert restarted.score_widgets[f"{UB}.vo3"].value is None
    assert restarted.saves == 0 and "3 van 57" in restarted.status.value

    answers = read_answers(path)                               # the file is a valid answers file
    assert len(answers) == 3 and answers["weet_niet"].sum() == 1


def test_two_respondents_in_one_file_are_both_kept(tmp_path):
    path = tmp_path / "antwoorden.csv"
    a = QuickscanForm(path, respondent="R01", partner="gemeente")
    b = QuickscanForm(path, respondent="R02", partner="politie")
    a.set_answer(f"{UB}.vo1", 3)
    b.set_answer(f"{UB}.vo1", 1)        # b re-reads the file before writing: a's answer is not lost
    a.set_answer(f"{UB}.vo2", 2)
    answers = read_answers(path)
    assert sorted(zip(answers["respondent"], answers["item"], answers["score"])) == [
        ("R01", f"{UB}.vo1", 3.0), ("R01", f"{UB}.vo2", 2.0), ("R02", f"{UB}.vo1", 1.0)]


def test_switching_respondent_loads_their_answers(tmp_path):
    path = tmp_path / "antwoorden.csv"
    form = QuickscanForm(path, respondent="R01", partner="gemeente")
    form.set_answer(f"{UB}.vo1", 3)
    form.respondent_box.value = "R02"                          # typing another code shows an empty form
    assert form.score_widgets[f"{UB}.vo1"].value is None
    form.partner_box.value = "politie"
    form.set_answer(f"{UB}.vo1", 1)
    form.respondent_box.value = "R01"
    assert form.score_widgets[f"{UB}.vo1"].value == 3 and form.partner == "gemeente"


def test_no_save_without_respondent_and_bad_values_are_refused(tmp_path):
    path = tmp_path / "antwoorden.csv"
    form = QuickscanForm(path)
    form.set_answer(f"{UB}.vo1", 2)
    assert not path.exists() and "respondentcode" in form.status.value
    form.respondent_box.value = "R01"
    with pytest.raises(ValueError, match="schaal"):
        form.set_answer(f"{UB}.vo1", 4)


def test_saved_file_is_not_private_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "antwoorden.csv"
    form = QuickscanForm(path, respondent="R01", partner="gemeente")
    form.set_answer(f"{UB}.vo1", 1)
    assert os.listdir(tmp_path) == ["antwoorden.csv"]
    assert stat.S_IMODE(path.stat().st_mode) & 0o044              # readable for the team, not 0600


def test_worksheet_form_survives_a_restart(tmp_path):
    form = WorksheetForm(tmp_path, "lk.iv.stadsmarinier_boa", gebied="WK990102")
    assert list(tmp_path.iterdir()) == []
    form.set_answer("passendheid", "Meer meldingen door vaste gezichten.")
    form.set_principle("bekend_maakt_bemind", "ja", "dagelijks dezelfde BOA's")
    form.context_box.value = 4
    again = WorksheetForm(tmp_path, "lk.iv.stadsmarinier_boa")
    assert again.question_widgets["lk.sv.passendheid"].value == "Meer meldingen door vaste gezichten."
    assert again.principle_widgets["lk.wp.bekend_maakt_bemind"][0].value == "ja"
    assert again.principle_widgets["lk.wp.bekend_maakt_bemind"][1].value == "dagelijks dezelfde BOA's"
    assert again.context_box.value == 4
    ws = load_worksheet(form.path)
    assert ws.gebied == "WK990102" and ws.n_beantwoord == 1


def test_intervention_browser_uses_the_pure_filters():
    browser = InterventionBrowser(intervention_catalogue())
    total = len(browser.current())
    browser.filters["probleemdomein"].value = ("drugs",)
    browser.trede.value = (1, 1)
    found = browser.current()
    assert 0 < len(found) < total
    assert all(i.trede_niveau == 1 for i in found)
    assert f"<b>{len(found)}</b>" in browser.count.value


def test_forms_describe_themselves_for_exports_without_widgets(tmp_path):
    from wijklib.notebooks import REPO_ROOT
    from wijklib.readiness.form import shown_path

    assert shown_path(REPO_ROOT / "output" / "werkbladen" / "x.yaml") == "output/werkbladen/x.yaml"
    assert shown_path(tmp_path / "a.csv") == str(tmp_path / "a.csv")          # outside the project: as given
    form = QuickscanForm(tmp_path / "antwoorden.csv", respondent="R06")
    text = form.text_alternative()
    assert "(alleen zichtbaar in JupyterLab of Voilà)" in text and "57 stellingen" in text
    assert "templates/invoer/quickscan/quickscan_antwoorden.xlsx" in text
    sheet = WorksheetForm(REPO_ROOT / "output" / "werkbladen_test_niet_schrijven", "lk.iv.stadsmarinier_boa")
    assert "(alleen zichtbaar in JupyterLab of Voilà)" in sheet.text_alternative()
    assert "output/werkbladen_test_niet_schrijven/werkblad_lk_iv_stadsmarinier_boa.yaml" in sheet.status.value
    assert str(REPO_ROOT) not in sheet.status.value and str(REPO_ROOT) not in sheet.text_alternative()
    assert not (REPO_ROOT / "output" / "werkbladen_test_niet_schrijven").exists()   # nothing written
    browser = InterventionBrowser(intervention_catalogue())
    assert "(alleen zichtbaar in JupyterLab of Voilà)" in browser.text_alternative()
    assert "filter_interventions" in browser.text_alternative()
