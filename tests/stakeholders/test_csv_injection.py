"""CSV injection (red team): a stakeholder note with a formula reaches the partner export as text, and the export
reads back unchanged."""

from __future__ import annotations

import csv
import io

from wijklib.stakeholders import build_graph, write_csv
from wijklib.stakeholders.interop import write_gephi_csv

from .conftest import make_set, rel

FORMULA = '=HYPERLINK("http://x","klik")'


def _cells(path) -> list[str]:
    return [c for row in list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))[1:] for c in row]


def _set():
    return make_set([dict(actor_id="A", naam="Buurthuis", notitie=FORMULA),
                     dict(actor_id="B", naam="+Sportclub", notitie="-1 voor de opkomst")],
                    [rel("A", "B", notitie="+31 belt nooit terug", sterkte=2)])


def test_stakeholder_note_with_a_formula_is_text_in_the_csv_export(tmp_path):
    from wijklib.stakeholders import load_stakeholders
    from wijklib.stakeholders.vocab import ActorTypeVocabulary

    paths = write_csv(_set(), tmp_path / "csv")
    cells = [c for p in paths for c in _cells(p)]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert "'+Sportclub" in cells and "'-1 voor de opkomst" in cells and "'+31 belt nooit terug" in cells
    assert "2" in cells  # the tie strength is still a number
    back = load_stakeholders(tmp_path / "csv", vocabulary=ActorTypeVocabulary())
    notes = {a.actor_id: a.notitie for a in back.actors}
    assert notes["A"] == FORMULA and notes["B"] == "-1 voor de opkomst"
    assert {a.naam for a in back.actors} >= {"+Sportclub"}


def test_gephi_tables_neutralise_formulas(tmp_path):
    s = _set()
    paths = write_gephi_csv(build_graph(s), tmp_path, sset=s)
    cells = [c for p in paths for c in _cells(p)]
    assert "'+Sportclub" in cells and "+Sportclub" not in cells  # the node label
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert "2" in cells  # the weight stays a number


def _formula_cells(path) -> list[str]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def test_xlsx_exports_keep_a_formula_note_as_text(tmp_path):
    """openpyxl saves text that begins with '=' as a formula; the partner workbooks save it as text."""
    from openpyxl import load_workbook

    from wijklib.stakeholders import write_xlsx
    from wijklib.stakeholders.interop import write_kumu

    s = _set()
    path = write_xlsx(s, tmp_path / "kaart.xlsx")
    assert _formula_cells(path) == []
    values = [c.value for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
    assert FORMULA in values  # kept as written, typed as text
    s = make_set([dict(actor_id="A", naam=FORMULA), dict(actor_id="B", naam="Buurthuis")], [rel("A", "B")])
    assert _formula_cells(write_kumu(s, tmp_path / "kumu.xlsx")) == []
