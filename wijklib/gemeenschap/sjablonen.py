"""Spreadsheet templates of the workbench and the barrier worksheet (CSV + XLSX with dropdowns, Dutch help).

The templates are generated from the same column specifications the readers check
(:func:`wijklib.gemeenschap.werkbank.table_specs`, :func:`wijklib.gemeenschap.barrieres.barrier_specs`), with
dropdown values taken from the catalogue. Regenerate with
``python -m wijklib.gemeenschap templates/invoer/gemeenschap``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text, atomic_write_workbook
from wijklib.told.templates import TemplateLayout, template_csv, template_workbook

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
        return [["", str(r.rol).rsplit(".", 1)[1], f"{r.item} - {r.naam}", "", "", ""] for r in items.itertuples()]
    return []


#: Layout of the workbench templates (keuze van wijklib; the lists of signals, partners and phenomena are open).
_LAYOUT = TemplateLayout(column_width=lambda s: 40 if s.keuzes and len(s.keuzes) > 8 else 16,
                         explain_widths=(16, 10, 28, 80, 30), dropdown_rows=2000,
                         error_message="Kies een waarde uit de lijst (tabblad 'lijsten')",
                         soft_columns=frozenset({"signaal", "partner", "fenomeen"}))


def _write_notes(notes: list[tuple[str, str]]) -> Callable[[Any, int], None]:
    """Write ``(key, text)`` notes (scale, visibility) under the column table of the sheet ``uitleg``."""
    def write(sheet: Any, r: int) -> None:
        from openpyxl.styles import Alignment, Font

        for key, text in notes:
            sheet.cell(row=r, column=1, value=key).font = Font(bold=True)
            sheet.cell(row=r, column=4, value=text).alignment = Alignment(wrap_text=True, vertical="top")
            r += 1

    return write


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
        written.append(atomic_write_bytes(folder / f"{name}.csv", template_csv(header, rows)))
        intro = "Vul het tabblad 'invoer' in, één rij per regel; laat de kolomnamen staan. " + _PRIVACY
        wb = template_workbook(title, specs, intro=intro, layout=_LAYOUT, rows=rows,
                               extra=_write_notes(extra.get(name, [])))
        written.append(atomic_write_workbook(folder / f"{name}.xlsx", wb, reproducible=True))
        lines += [f"## {name}: {title}", "", "| kolom | verplicht | uitleg |", "|---|---|---|"]
        lines += [f"| `{s.name}` | {'ja' if s.required else 'nee'} | {s.uitleg} |" for s in specs]
        lines += [f"\n{k}: {v}" for k, v in extra.get(name, [])] + [""]
    written.append(atomic_write_text(folder / "LEESMIJ.md", "\n".join(lines) + "\n"))
    return written
