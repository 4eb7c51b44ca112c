"""Input templates for stories and stakeholders: shipped files match the code, drop-downs on enumerated columns."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from wijklib.stories import FRAGMENT_COLUMNS, FRAGMENT_KINDS, write_templates

ROOT = Path(__file__).resolve().parents[2]


def _validated_columns(ws) -> dict[str, str]:
    header = [c.value for c in ws[1]]
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[header[rng.min_col - 1]] = dv.formula1
    return out


def test_story_templates_match_the_code(tmp_path):
    made = write_templates(tmp_path)
    shipped = ROOT / "templates" / "invoer" / "verhalen"
    for p in made:
        if p.suffix != ".xlsx":
            assert (shipped / p.name).read_text(encoding="utf-8") == p.read_text(encoding="utf-8"), p.name
    wb = load_workbook(shipped / "verhalen_sjabloon.xlsx")
    ws = wb["Fragmenten"]
    assert [c.value for c in ws[1]] == list(FRAGMENT_COLUMNS)
    dv = _validated_columns(ws)
    assert {"soort", "codes"} <= set(dv)
    assert [r[0].value for r in wb["Keuzelijsten"].iter_rows(min_row=2)] == list(FRAGMENT_KINDS)


def test_stakeholder_template_has_drop_downs_for_every_enumerated_column():
    wb = load_workbook(ROOT / "templates" / "invoer" / "stakeholders" / "stakeholders_sjabloon.xlsx")
    expected = {
        "Actoren": {"actortype", "natuurlijk_persoon", "formeel", "wereld", "niveau", "nodig"},
        "Relaties": {"ronde", "informant", "bron", "doel", "type", "gericht", "sterkte", "bestaat"},
        "Beoordelingen": {"ronde", "informant", "actor_id", "macht", "belang", "houding", "vertrouwen", "bereik",
                          "legitimiteit", "urgentie", "trede_huidig", "trede_doel"},
        "Toestemming": {"informant", "reikwijdte"},
        "Ledencheck": {"ronde", "actor_id"},
        "Logboek": {"ronde", "actor_id"},
    }
    for sheet, cols in expected.items():
        assert cols <= set(_validated_columns(wb[sheet])), sheet
    names = [r[0].value for r in wb["Keuzelijsten"].iter_rows(min_row=2)]
    for new_type in ("wl.actor.huurderscommissie", "wl.actor.sleutelpersoon", "wl.actor.geloofsgemeenschap",
                     "wl.actor.bewonersorganisatie", "wl.actor.winkelier", "ib.actor.sportvereniging"):
        assert new_type in names
    header = [c.value for c in wb["Keuzelijsten"][1]]
    bron = [r[header.index("actortype_bron")].value for r in wb["Keuzelijsten"].iter_rows(min_row=2)]
    assert bron[names.index("wl.actor.sleutelpersoon")].startswith("keuze van wijklib")


def test_rung_from_the_drop_down_is_read():
    from wijklib.stakeholders.vocab import parse_rung

    assert parse_rung("4 coproduceren") == 4
