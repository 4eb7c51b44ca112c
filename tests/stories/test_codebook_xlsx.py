"""A researcher's own codebook as a workbook (sheet 'Codeboek'), read beside the CSV form."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from wijklib.errors import InputError
from wijklib.stories import load_stories, read_codebook, write_templates


def _book(path, sheet="Codeboek", rows=(), extra_sheet=True):
    wb = Workbook()
    if extra_sheet:
        wb.active.title = "Uitleg"
        ws = wb.create_sheet(sheet)
    else:
        ws = wb.active
        ws.title = sheet
    ws.append(["Id", "Naam", "Thema", "Omschrijving"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_codebook_sheet_is_read(tmp_path):
    path = _book(tmp_path / "mijn_codes.xlsx", "codeboek", [("eigen.hangplek", "Hangplek", "jeugd", "plek"),
                                                           (None, None, None, None),
                                                           ("eigen.buurtapp", "Buurtapp", None, None)])
    book = read_codebook(path)
    assert book.codes["eigen.hangplek"].thema == "jeugd" and book.codes["eigen.hangplek"].bron == "eigen"
    assert book.resolve("buurtapp").id == "eigen.buurtapp"


def test_codebook_sheet_errors_name_sheet_and_row(tmp_path):
    path = _book(tmp_path / "fout.xlsx", rows=[("eigen.a", "A", "jeugd", ""), ("eigen.b", "B", "onzin", "")])
    with pytest.raises(InputError, match=r"fout\.xlsx \(blad 'Codeboek'\), rij 3, kolom 'thema': onbekend thema"):
        read_codebook(path)
    wb = Workbook()
    wb.active.title = "Blad1"
    wb.create_sheet("Blad2")
    wb.save(tmp_path / "geen.xlsx")
    with pytest.raises(InputError, match="geen blad 'Codeboek'.*'Blad1' en 'Blad2'"):
        read_codebook(tmp_path / "geen.xlsx")
    with pytest.raises(InputError, match="rij 2, kolom 'naam'"):
        read_codebook(_book(tmp_path / "leeg.xlsx", "Codes", [("eigen.c", None, None, None)], extra_sheet=False))


def test_codeboek_xlsx_in_stories_folder_extends_codes_and_is_not_a_story(tmp_path):
    _book(tmp_path / "codeboek.xlsx", rows=[("eigen.hangplek", "Hangplek", "jeugd", "")])
    (tmp_path / "v.md").write_text("## F1\nbron: INT1\nbronrol: bewoner\nbuurt: BU99010203\n"
                                   "Op de hoek [[Hangplek]] is het onrustig.\n", encoding="utf-8")
    stories = load_stories(tmp_path)
    assert [f.fragment_id for f in stories.fragments] == ["F1"]
    assert stories.fragments[0].codes == ("eigen.hangplek",)


def test_template_workbook_sheet_adds_no_duplicate_own_codes(tmp_path):
    write_templates(tmp_path)
    book = read_codebook(tmp_path / "verhalen_sjabloon.xlsx")
    assert not [c for c in book.codes.values() if c.bron == "eigen"]
