"""Working-principles worksheet: file round trip, validation and the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from wijklib.errors import InputError
from wijklib.readiness import (load_worksheet, load_worksheets, new_worksheet, principles_guide, save_worksheet,
                               startquestions_frame, worksheet_markdown, worksheet_path, worksheets_frame)

ROOT = Path(__file__).resolve().parents[2]


def test_guides_list_seven_questions_and_six_principles():
    sq = startquestions_frame()
    assert sq["nr"].tolist() == list(range(1, 8))
    assert sq["vraag"].str.endswith("?").all()
    guide = principles_guide()
    assert guide["principe"].tolist()[0] == "Bekend maakt bemind" and len(guide) == 6
    assert all(len(x) >= 1 for x in guide["hoe_toepassen"]) and all(len(x) >= 1 for x in guide["waar_op_letten"])


def test_round_trip_per_intervention(tmp_path):
    ws = new_worksheet("lk.iv.jongerenwerk", gebied="BU99010201")
    assert ws.interventie_naam == "Uitbreiden jongerenwerk"
    ws.startvragen["lk.sv.aanpassing"] = "Met de sportvereniging samen."
    ws.principes["lk.wp.soort_zoekt_soort"] = {"aanwezig": "deels", "hoe": "jongerenwerkers uit de buurt"}
    ws.contextgelijkenis = 2
    path = save_worksheet(ws, tmp_path)
    assert path == worksheet_path(tmp_path, "lk.iv.jongerenwerk") and path.name == "werkblad_lk_iv_jongerenwerk.yaml"
    back = load_worksheet(path)
    assert back.to_dict() == ws.to_dict()
    md = worksheet_markdown(back)
    assert "1 van 7 beantwoord" in md and "Soort zoekt soort (deels)" in md and "2 van 5" in md
    assert "de catalogus koppelt (interpretatie): Bekend maakt bemind, Soort zoekt soort" in md
    other = new_worksheet("ib.aanpak.back_on_track")
    save_worksheet(other, tmp_path)
    assert [w.interventie for w in load_worksheets(tmp_path)] == ["ib.aanpak.back_on_track", "lk.iv.jongerenwerk"]
    assert worksheets_frame(load_worksheets(tmp_path))["startvragen"].tolist() == ["0/7", "1/7"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "werkblad_x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text,match", [
    ("interventie: lk.iv.jongerenwerk\nstartvragen: {waarom: x}\n", "onbekende startvraag 'waarom'"),
    ("interventie: lk.iv.jongerenwerk\nprincipes: {bekend_maakt_bemind: {aanwezig: misschien}}\n",
     "aanwezig moet ja, deels, nee, onbekend"),
    ("interventie: lk.iv.jongerenwerk\nprincipes: {bekend: {aanwezig: ja}}\n", "onbekend principe 'bekend'"),
    ("interventie: lk.iv.jongerenwerk\ncontextgelijkenis: 7\n", "contextgelijkenis moet een geheel getal van 1"),
    ("interventie: lk.iv.jongerenwerk\ndatum: 31-31-2024\n", "verwacht een datum"),
    ("interventie: lk.iv.jongerenwerk\nkleur: rood\n", "onbekend veld 'kleur'"),
    ("startvragen: {}\n", "verplicht veld 'interventie'"),
    ("interventie: [unclosed\n", "geen geldige YAML"),
])
def test_validation_errors_name_file_and_key(tmp_path, text, match):
    with pytest.raises(InputError, match=match) as err:
        load_worksheet(_write(tmp_path, text))
    assert "werkblad_x.yaml" in str(err.value)


def test_short_keys_are_accepted(tmp_path):
    ws = load_worksheet(_write(tmp_path, "interventie: eigen.buurtschouw\nstartvragen: {passendheid: omdat}\n"
                                         "principes: {timing_is_everything: deels}\ningevuld_door: gemeente, politie\n"))
    assert ws.startvragen["lk.sv.passendheid"] == "omdat" and len(ws.startvragen) == 7
    assert ws.principes["lk.wp.timing_is_everything"] == {"aanwezig": "deels", "hoe": ""}
    assert ws.ingevuld_door == ["gemeente", "politie"]


def test_demo_worksheet_is_complete():
    ws = load_worksheet(ROOT / "data" / "demo" / "quickscan" / "werkbladen" / "werkblad_lk_iv_stadsmarinier_boa.yaml")
    assert ws.principes["lk.wp.bekend_maakt_bemind"]["aanwezig"] == "ja"
    assert ws.n_beantwoord == 7 and ws.contextgelijkenis == 3


def test_unknown_intervention_is_refused():
    with pytest.raises(InputError, match="onbekende interventie"):
        new_worksheet("lk.iv.bestaat_niet")
