"""Spreadsheet templates of the workbench and the barrier worksheet (CSV + XLSX with dropdowns, Dutch help).

The templates are generated from the same column specifications the readers check
(:func:`wijklib.gemeenschap.werkbank.table_specs`, :func:`wijklib.gemeenschap.barrieres.barrier_specs`), with
dropdown values taken from the catalogue. Regenerate with
``python -m wijklib.gemeenschap templates/invoer/gemeenschap``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from wijklib._atomic import atomic_write_bytes, atomic_write_text
from wijklib.told import _save_workbook

from . import vocab
from .barrieres import barrier_specs
from .werkbank import (
    SCHAAL,
    WEET_NIET,
    ZICHTBAARHEID,
    self_assessment_items,
    table_specs,
)

__all__ = ["TEMPLATE_NAMES", "write_templates"]

#: Template file stems, in the order they are written.
TEMPLATE_NAMES = ("kennismaking", "sleutelpersonen", "veerkracht", "activiteiten", "zelfevaluatie", "barrieremodel")

_PRIVACY = ("Gebruik geen namen, adressen of andere gegevens waarmee personen herkenbaar zijn, behalve in de kolom "
            "'naam' van het register van sleutelpersonen: dat bestand blijft bij de wijkverbinder en wijklib toont "
            "alleen pseudoniemen.")


def _prefill(key: str, cat) -> list[list[str]]:
    """Rows already filled in the template (the fixed items respondents score)."""
    if key == "veerkracht":
        return [["", "", "", vocab.choice_label(e), "", "", ""] for e in vocab.entries("weerbaarheidsfactor", cat)]
    if key == "zelfevaluatie":
        items = self_assessment_items(cat)
        return [["", r.rol.rsplit(".", 1)[1], f"{r.item} - {r.naam}", "", "", ""] for r in items.itertuples()]
    return []


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _workbook(title: str, specs, rows: list[list[str]], extra: list[tuple[str, str]]):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "invoer"
    lists = wb.create_sheet("lijsten")
    uitleg = wb.create_sheet("uitleg")
    for j, spec in enumerate(specs, start=1):
        cell = ws.cell(row=1, column=j, value=spec.name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if spec.required else "F2F2F2")
        cell.comment = Comment(f"{'Verplicht' if spec.required else 'Optioneel'}. {spec.kind}.\n{spec.uitleg}",
                               "wijklib")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = 40 if spec.keuzes and len(spec.keuzes) > 8 else 16
        if spec.keuzes:
            lists.cell(row=1, column=j, value=spec.name).font = Font(bold=True)
            for r, choice in enumerate(spec.keuzes, start=2):
                lists.cell(row=r, column=j, value=choice)
            dv = DataValidation(type="list", formula1=f"=lijsten!${letter}$2:${letter}${len(spec.keuzes) + 1}",
                                allow_blank=True, showErrorMessage=spec.name not in ("signaal", "partner", "fenomeen"))
            dv.error = "Kies een waarde uit de lijst (tabblad 'lijsten')"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}2000")
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"
    uitleg["A1"] = title
    uitleg["A1"].font = Font(bold=True, size=13)
    uitleg["A2"] = "Vul het tabblad 'invoer' in, één rij per regel; laat de kolomnamen staan. " + _PRIVACY
    uitleg["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    for j, text in enumerate(["kolom", "verplicht", "soort waarde", "uitleg", "voorbeeld"], start=1):
        uitleg.cell(row=4, column=j, value=text).font = Font(bold=True)
    for r, spec in enumerate(specs, start=5):
        for j, text in enumerate([spec.name, "ja" if spec.required else "nee", spec.kind, spec.uitleg,
                                  spec.voorbeeld], start=1):
            uitleg.cell(row=r, column=j, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    r = 6 + len(specs)
    for key, text in extra:
        uitleg.cell(row=r, column=1, value=key).font = Font(bold=True)
        uitleg.cell(row=r, column=4, value=text).alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    for letter, width in zip("ABCDE", (16, 10, 28, 80, 30)):
        uitleg.column_dimensions[letter].width = width
    return wb


def write_templates(folder: str | Path, *, cat=None) -> list[Path]:
    """Write ``<naam>.csv`` and ``<naam>.xlsx`` for every name in :data:`TEMPLATE_NAMES` plus ``LEESMIJ.md``.

    Returns
    -------
    list of Path
    """
    cat = vocab.catalogue(cat)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs_all = dict(table_specs(cat))
    specs_all["barrieremodel"] = barrier_specs(cat)
    schaal = ", ".join(f"{k} = {v}" for k, v in SCHAAL.items()) + f", of '{WEET_NIET}' (telt niet als 0)"
    extra = {
        "veerkracht": [("Schaal (keuze van wijklib)", schaal),
                       ("Meerdere respondenten", "Kopieer de 10 regels voor elke respondent en elke buurt.")],
        "zelfevaluatie": [("Schaal (keuze van wijklib)", schaal)],
        "sleutelpersonen": [("Zichtbaarheid (keuze van wijklib)", "; ".join(f"{k}: {v}" for k, v in
                                                                            ZICHTBAARHEID.items()))],
    }
    written: list[Path] = []
    lines = ["# Sjablonen voor de werkbank van de wijkverbinder (notebook 07)", "",
             "Gemaakt door `python -m wijklib.gemeenschap templates/invoer/gemeenschap`; niet met de hand aanpassen.",
             "Lijsten komen uit de catalogus (Handreiking Weerbare gemeenschappen en Inspiratieboek). " + _PRIVACY, ""]
    for name in TEMPLATE_NAMES:
        title, specs = specs_all[name]
        header = [s.name for s in specs]
        rows = _prefill(name, cat)
        written.append(atomic_write_bytes(folder / f"{name}.csv", _csv_bytes(header, rows)))
        target = folder / f"{name}.xlsx"
        tmp = folder / f".{name}.xlsx.tmp"
        _save_workbook(_workbook(title, specs, rows, extra.get(name, [])), tmp)  # byte-reproducible
        tmp.replace(target)
        written.append(target)
        lines += [f"## {name}: {title}", "", "| kolom | verplicht | uitleg |", "|---|---|---|"]
        lines += [f"| `{s.name}` | {'ja' if s.required else 'nee'} | {s.uitleg} |" for s in specs]
        lines += [f"\n{k}: {v}" for k, v in extra.get(name, [])] + [""]
    written.append(atomic_write_text(folder / "LEESMIJ.md", "\n".join(lines) + "\n"))
    return written
