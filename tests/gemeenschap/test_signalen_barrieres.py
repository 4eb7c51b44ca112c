"""001 at work: the signaal column of the signals table, phenomena from signals, the barrier worksheet, templates."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from wijklib import told
from wijklib.errors import InputError
from wijklib.gemeenschap import (
    TEMPLATE_NAMES,
    barrier_components,
    barrier_gaps,
    barrier_starter,
    barrier_table,
    match_signal,
    read_barrier_worksheet,
    signal_choices,
    signal_phenomena,
    table_specs,
    write_templates,
)
from wijklib.gemeenschap.barrieres import barrier_specs

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "gemeenschap"
TEMPLATES = ROOT / "templates" / "invoer"


def _csv(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_signal_choices_are_the_61_catalogue_signals():
    choices = signal_choices()
    assert len(choices) == 61 and choices[0].startswith("SG-01 ") and choices[-1].startswith("SG-61 ")


@pytest.mark.parametrize("value, expected", [
    ("SG-27", ("ib.sig.sg27", "")), ("sg27", ("ib.sig.sg27", "")), ("ib.sig.sg27", ("ib.sig.sg27", "")),
    ("SG-30 Vastlopen op school", ("ib.sig.sg30", "")), ("vastlopen op school", ("ib.sig.sg30", "")),
    ("oproepen in een online groep", ("", "oproepen in een online groep")), ("", ("", "")),
])
def test_match_signal(value, expected):
    assert match_signal(value) == expected


def test_match_signal_refuses_a_code_that_does_not_exist():
    with pytest.raises(ValueError, match="bestaat niet in het Inspiratieboek"):
        match_signal("SG-99")


def test_read_signals_maps_the_signaal_column_and_keeps_free_text(tmp_path):
    path = _csv(tmp_path, "s.csv", "id,datum,buurtcode,thema,bronrol,tekst,signaal\n"
                "A,2024-02-03,BU99010101,jeugd,jongerenwerker,Geld voor klusjes,SG-27\n"
                "B,2024-02-04,BU99010101,jeugd,leerkracht,Verzuim,Eigen omschrijving van iets nieuws\n"
                "C,2024-02-05,BU99010102,jeugd,leerkracht,Niets,\n")
    sig = told.read_signals(path)
    assert sig["signaal"].tolist() == ["ib.sig.sg27", "", ""]
    assert sig["signaal_vrij"].tolist() == ["", "Eigen omschrijving van iets nieuws", ""]
    bad = _csv(tmp_path, "b.csv", "id,datum,buurtcode,thema,bronrol,tekst,signaal\n"
               "A,2024-02-03,BU99010101,jeugd,jongerenwerker,Tekst,SG-27\n"
               "B,2024-02-03,BU99010101,jeugd,jongerenwerker,Tekst,SG-62\n")
    with pytest.raises(InputError) as exc:
        told.read_signals(bad)
    assert (exc.value.row, exc.value.column) == (3, "signaal")


def test_signals_without_signaal_column_still_load(tmp_path):
    path = _csv(tmp_path, "s.csv", "datum,buurtcode,thema,bronrol,tekst\n2024-02-03,BU99010101,jeugd,leerkracht,x\n")
    sig = told.read_signals(path)
    assert sig["signaal"].tolist() == [""] and sig["signaal_vrij"].tolist() == [""]


def test_phenomena_come_from_the_catalogue_links_of_the_signals():
    sig = told.read_signals(DEMO / "signalen.csv")
    ph = signal_phenomena(sig)
    merel = ph[ph["buurtcode"] == "BU99010201"].set_index("fenomeen")
    # SG-27 is linked to 'inzet van kwetsbare jongeren', SG-32 to 'woningovername' in the catalogue
    assert "ib.fen.inzet_jongeren" in merel.index and "ib.fen.woningovername" in merel.index
    assert "GS01" in merel.loc["ib.fen.inzet_jongeren", "meldingen"]
    assert merel.loc["ib.fen.inzet_jongeren", "bron"].startswith("Inspiratieboek, ")
    # the free-text signal (GS04, Kievitshof) gives no phenomenon
    assert "BU99010202" not in set(ph["buurtcode"])
    starter = barrier_starter(ph[ph["buurtcode"] == "BU99010201"], sig)
    assert set(starter["onderdeel"]) == {"signalen"} and len(starter) >= len(merel)
    # the starter rows are a valid worksheet
    assert len(read_barrier_worksheet(starter)) == len(starter)


def test_barrier_worksheet_table_and_gaps():
    assert list(barrier_components()) == ["gelegenheid", "signalen", "faciliteerders", "barrieres"]
    ws = read_barrier_worksheet(DEMO / "barrieremodel.csv")
    assert ws["fenomeen"].unique().tolist() == ["ib.fen.inzet_jongeren"]
    assert "ib.sig.sg27" in set(ws["signaal"]) and "ib.actor.jongerenwerk" in set(ws["partner"])
    table = barrier_table(ws).set_index("processtap")
    assert table.loc["werven", "heeft_barriere"] and not table.loc["uitvoeren van klusjes", "heeft_barriere"]
    assert "Jongerenwerk" in table.loc["werven", "partners"]
    assert "Oudergroep over ronselen" in table.loc["werven", "maatregelen"]
    assert table.loc["werven", "buurten"] == "BU99010201, BU99010202"
    gaps = barrier_gaps(barrier_table(ws))
    assert gaps["processtap"].tolist() == ["uitvoeren van klusjes"]
    assert "gelegenheid" in gaps["wat_er_is"].iloc[0]


@pytest.mark.parametrize("row, column, fragment", [
    ("Drugslabs,opslag,schuilplaats,x,,,,", "onderdeel", "onbekend"),
    ("Drugslabs,opslag,barrieres,x,SG-99,,,", "signaal", "bestaat niet"),
    ("Drugslabs,,barrieres,x,,,,", "processtap", "ontbreekt"),
    ("Drugslabs,opslag,barrieres,x,,,,BU123", "buurtcode", "geen CBS-buurtcode"),
])
def test_barrier_worksheet_errors(tmp_path, row, column, fragment):
    text = "fenomeen,processtap,onderdeel,omschrijving,signaal,partner,maatregel,buurtcode\n" \
           "Drugslabs,opslag,signalen,Stank,,,,\n" + row + "\n"
    with pytest.raises(InputError) as exc:
        read_barrier_worksheet(_csv(tmp_path, "b.csv", text))
    assert (exc.value.row, exc.value.column) == (3, column)
    assert fragment in exc.value.message


def test_own_phenomenon_and_partner_are_kept(tmp_path):
    text = "fenomeen,processtap,onderdeel,omschrijving,partner\nAfvaldumping in de polder,vervoer,barrieres,x," \
           "Stichting Polderwacht\n"
    ws = read_barrier_worksheet(_csv(tmp_path, "b.csv", text))
    assert ws.loc[0, "fenomeen"] == "" and ws.loc[0, "fenomeen_naam"] == "Afvaldumping in de polder"
    assert ws.loc[0, "partner"] == "" and ws.loc[0, "partner_naam"] == "Stichting Polderwacht"


# ------------------------------------------------------------------------------------------------ templates

def test_signals_template_has_the_signal_dropdown():
    header = (TEMPLATES / "signalen.csv").read_text(encoding="utf-8-sig").strip().split(";")
    assert header[-1] == "signaal"
    wb = load_workbook(TEMPLATES / "signalen.xlsx")
    col = header.index("signaal") + 1
    values = [r[col - 1].value for r in wb["lijsten"].iter_rows(min_row=2) if r[col - 1].value]
    assert values == list(signal_choices())
    refs = [str(dv.sqref) for dv in wb["invoer"].data_validations.dataValidation]
    assert any(ref.startswith("G2") for ref in refs)


def test_committed_workbench_templates_match_the_readers(tmp_path):
    written = write_templates(tmp_path)
    assert len(written) == 2 * len(TEMPLATE_NAMES) + 1
    specs = dict(table_specs())
    specs["barrieremodel"] = barrier_specs()
    for name in TEMPLATE_NAMES:
        committed = TEMPLATES / "gemeenschap" / f"{name}.csv"
        assert committed.read_bytes() == (tmp_path / f"{name}.csv").read_bytes(), (
            f"{name}.csv is verouderd: draai `python -m wijklib.gemeenschap templates/invoer/gemeenschap`")
        assert committed.with_suffix(".xlsx").read_bytes() == (tmp_path / f"{name}.xlsx").read_bytes(), (
            f"{name}.xlsx is verouderd: draai `python -m wijklib.gemeenschap templates/invoer/gemeenschap`")
        wb_old = load_workbook(committed.with_suffix(".xlsx"))
        assert [c.value for c in wb_old["invoer"][1]] == [s.name for s in specs[name][1]]
        dropdowns = [s for s in specs[name][1] if s.keuzes]
        assert len(wb_old["invoer"].data_validations.dataValidation) == len(dropdowns)
    assert (TEMPLATES / "gemeenschap" / "LEESMIJ.md").read_text(encoding="utf-8") == \
        (tmp_path / "LEESMIJ.md").read_text(encoding="utf-8")


def test_prefilled_templates_load_once_filled(tmp_path):
    from wijklib.gemeenschap import read_resilience, read_self_assessment

    with (TEMPLATES / "gemeenschap" / "veerkracht.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert len(rows) == 11
    assert read_resilience(TEMPLATES / "gemeenschap" / "veerkracht.csv").empty   # empty template loads
    filled = [rows[0]] + [["BU99010201", "R01", "welzijn", r[3], "2", "", ""] for r in rows[1:]]
    path = tmp_path / "v.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(filled)
    assert len(read_resilience(path)) == 10
    assert read_self_assessment(TEMPLATES / "gemeenschap" / "zelfevaluatie.csv").empty


def test_barrier_worksheet_missing_column_names_its_template(tmp_path):
    with pytest.raises(InputError) as exc:
        read_barrier_worksheet(_csv(tmp_path, "b.csv", "fenomeen,processtap\nDrugslabs,opslag\n"))
    assert exc.value.column == "onderdeel"
    assert "verplichte kolom" in exc.value.message and "barrieremodel.xlsx" in exc.value.message
