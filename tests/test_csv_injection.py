"""Red-team finding: CSV outputs opened in Excel/LibreOffice ran text cells as formulas (CSV injection).

Text cells that begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return get a leading ``'`` in every CSV
wijklib writes for users; numeric columns (negative numbers!) stay numbers, and wijklib reads its own files back
unchanged."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from wijklib.io.csvsafe import neutralise_cell, restore_cell, safe_csv_text, safe_frame
from wijklib.io.tables import read_csv_rows, read_table

ROOT = Path(__file__).resolve().parents[1]
FORMULA = '=HYPERLINK("http://x","klik")'
PAYLOADS = (FORMULA, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "\t=1+1", "\r=1+1")


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_text_gets_a_quote_and_reads_back(payload):
    assert neutralise_cell(payload) == "'" + payload
    assert restore_cell(neutralise_cell(payload)) == payload


@pytest.mark.parametrize("value", ["-3,5", "-12", "+12%", "-0.25", "1e-3", "gewoon", "'t Hofje", "", "a=b"])
def test_numbers_as_text_and_ordinary_text_are_left_alone(value):
    assert neutralise_cell(value) == value and restore_cell(value) == value


def test_numeric_columns_stay_numbers_and_text_columns_index_and_header_are_neutralised():
    frame = pd.DataFrame({"notitie": [FORMULA, "- overlast", "ok"], "score": [-1.5, 0.0, 2.25],
                          "aantal": [-3, 4, 5], "=kop": ["a", "b", "c"]},
                         index=pd.Index(["@buurt", "BU99010201", "-"], name="area_code"))
    safe = safe_frame(frame, index=True)
    assert safe["score"].dtype == frame["score"].dtype and safe["aantal"].dtype == frame["aantal"].dtype
    rows = _rows(safe_csv_text(frame, lineterminator="\n"))
    assert rows[0] == ["area_code", "notitie", "score", "aantal", "'=kop"]
    assert rows[1] == ["'@buurt", "'" + FORMULA, "-1.5", "-3", "a"]
    assert rows[2] == ["BU99010201", "'- overlast", "0.0", "4", "b"]
    assert rows[3][0] == "'-"
    assert frame.loc["@buurt", "notitie"] == FORMULA  # the caller's frame is not changed


def test_wijklib_readers_take_the_quote_off(tmp_path):
    frame = pd.DataFrame({"code": ["BU1", "BU2"], "notitie": [FORMULA, "-nvt-"], "waarde": [-1.5, 3.0]})
    path = tmp_path / "uit.csv"
    path.write_text(safe_csv_text(frame, index=False), encoding="utf-8")
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8")
    back = read_table(path)
    assert back["notitie"].tolist() == [FORMULA, "-nvt-"] and back["waarde"].tolist() == ["-1.5", "3.0"]
    _, rows = read_csv_rows(path)
    assert [r["notitie"] for _, r in rows] == [FORMULA, "-nvt-"]


def test_story_with_a_formula_reaches_the_csv_export_as_text(tmp_path):
    from wijklib.stories import read_stories_markdown, write_stories_csv

    md = tmp_path / "verhalen.md"
    md.write_text("---\nsoort: citaat\nbronrol: bewoner\ndatum: 2024-05-01\n---\n"
                  f"## F1\nbron: INT1\nbuurt: BU99010201\n{FORMULA} [[jeugd]]\n\n"
                  "## F2\nbron: INT2\nbuurt: BU99010201\n-1 punt voor de speeltuin [[jeugd]]\n", encoding="utf-8")
    write_stories_csv(read_stories_markdown(md), tmp_path / "csv")
    rows = _rows((tmp_path / "csv" / "fragmenten.csv").read_text(encoding="utf-8"))
    cells = [c for r in rows[1:] for c in r]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert any(c.startswith("'-1 punt") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-\D", c)]


def test_focus_file_keeps_negative_scores_and_reads_notes_back(tmp_path):
    from wijklib.focus_file import write_focus_file

    focus = pd.DataFrame({"area_code": ["BU99010201", "BU99010202"], "score": [-0.75, 1.25],
                          "toelichting": [FORMULA, "rustig"]})
    path = write_focus_file(focus, tmp_path / "focusgebieden.csv")
    rows = _rows(path.read_text(encoding="utf-8"))
    assert rows[1][1] == "-0.75" and rows[1][2] == "'" + FORMULA
    assert read_table(path)["toelichting"].tolist() == [FORMULA, "rustig"]


def test_quickscan_answers_round_trip_with_a_formula_in_the_remark(tmp_path):
    from wijklib.readiness.quickscan import answers_to_csv, quickscan_items, read_answers

    item = quickscan_items()["item"].iloc[0]
    answers = read_answers(pd.DataFrame({"respondent": ["R01"], "partner": ["gemeente"], "item": [item],
                                         "score": ["3"], "toelichting": [FORMULA], "datum": ["2024-05-01"]}))
    path = tmp_path / "antwoorden.csv"
    path.write_text(answers_to_csv(answers), encoding="utf-8")
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8")
    assert read_answers(path)["toelichting"].tolist() == [FORMULA]


def test_every_csv_writer_of_wijklib_goes_through_the_helper():
    """A bare ``.to_csv(`` in wijklib would bypass the protection (the counted cache is internal, read back by
    wijklib only); notebooks write their CSV files with :func:`safe_csv_text` too."""
    allowed = {"wijklib/io/csvsafe.py", "wijklib/counted.py"}
    bare = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "wijklib").rglob("*.py"))
            if str(p.relative_to(ROOT)) not in allowed
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
            if ".to_csv(" in line and not line.lstrip().startswith(("#", ">>>"))]
    assert bare == []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert ".to_csv(" not in nb.read_text(encoding="utf-8"), nb.name


def test_formula_after_leading_spaces_is_neutralised():
    import csv
    import io

    import pandas as pd

    from wijklib.io.csvsafe import safe_csv_text

    text = safe_csv_text(pd.DataFrame({"notitie": [' =HYPERLINK("http://x","klik")', "  +1+1", "gewoon"]}),
                         index=False)
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert all(not c.lstrip(" \n").startswith(("=", "+", "-", "@")) for c in cells)


def test_neutralised_leading_space_formula_reads_back_unchanged():
    from wijklib.io.csvsafe import neutralise_cell, restore_cell

    assert restore_cell(neutralise_cell(" =1+1")) == " =1+1"
