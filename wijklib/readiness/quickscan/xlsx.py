"""quickscan — xlsx: part of the former ``wijklib/readiness/quickscan.py`` (see the package docstring)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wijklib.io.atomic import atomic_write_workbook
from wijklib.io.csvsafe import safe_csv_text

from .._files import atomic_write_text
from ._common import (
    PARTNERS,
    SCHAAL,
    WEET_NIET,
    quickscan_items,
)
from .scoring import (
    GateRule,
)


# ---------------------------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------------------------

_EXPLANATION = [
    ("Wat is dit?", "Een quickscan van de 12 randvoorwaarden voor een wijkaanpak ondermijning uit 'Leren van de "
     "wijkaanpak in Brabant-Zeeland' (Leerkring, TNO). Elke stelling is een 'vraagt om'-punt van een "
     "randvoorwaarde, in eigen woorden."),
    ("Wie vult in?", "Meerdere respondenten per wijk, elk namens één partner (gemeente, politie, corporatie, "
     "welzijn, ...). Juist de verschillen tussen partners zijn waardevol als gespreksstof."),
    ("respondent", "Verplicht op elke ingevulde regel. Een betekenisloze code, bv. R01. Nooit een naam of "
     "e-mailadres. Dezelfde code op alle regels van dezelfde persoon."),
    ("partner", "Verplicht. Het type organisatie waarvoor de respondent spreekt; zie het werkblad 'partners'."),
    ("item", "Niet wijzigen: het vaste id van de stelling in de wijklib-catalogus."),
    ("score", "0 = niet, 1 = deels, 2 = grotendeels, 3 = op orde, of 'weet niet'. Leeg = niet beantwoord. "
     "'Weet niet' telt NIET als 0: het wordt apart geteld en is zelf een signaal."),
    ("toelichting", "Optioneel: waarom dit antwoord? Korte zin, geen namen van personen."),
    ("datum", "Optioneel: datum van invullen, bv. 2024-05-14."),
    ("Meerdere respondenten", "Kopieer het blok van 57 regels onder elkaar voor elke respondent, of lever per "
     "respondent een eigen bestand aan en zet ze samen in één map: wijklib leest de hele map."),
    ("Inlezen", "wijklib.readiness.read_answers(pad_of_map); daarna analyse_quickscan(...) of notebook "
     "04_randvoorwaarden_quickscan."),
    ("Foutmeldingen", "Onbekend item, score buiten de schaal, of dezelfde respondent twee keer op één stelling: "
     "wijklib noemt bestand, rij en kolom."),
    ("Poortregel", GateRule().describe()),
]


def write_quickscan_templates(folder: str | Path, *, cat=None) -> list[Path]:
    """Write the answer templates: ``quickscan_antwoorden.csv``, ``quickscan_antwoorden.xlsx`` and ``LEESMIJ.md``.

    The XLSX has the sheets ``antwoorden`` (57 rows, with drop-down lists for score and partner), ``uitleg``,
    ``schaal`` and ``partners``. The files are generated from the catalogue, so they always match the loader.

    Returns
    -------
    list of Path
    """
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    items = quickscan_items(cat)
    columns = ["respondent", "partner", "item", "score", "toelichting", "datum", "nr", "randvoorwaarde", "stelling"]
    frame = pd.DataFrame({"respondent": "", "partner": "", "item": items["item"], "score": "", "toelichting": "",
                          "datum": "", "nr": items["nr"], "randvoorwaarde": items["randvoorwaarde_naam"],
                          "stelling": items["stelling"]})[columns]
    csv_path = atomic_write_text(folder / "quickscan_antwoorden.csv", safe_csv_text(frame, index=False,
                                                                                       lineterminator="\n"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "antwoorden"
    ws.append(columns)
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[1]:
        cell.font = bold
    for col, width in zip("ABCDEFGHI", (12, 18, 34, 12, 40, 12, 5, 30, 90)):
        ws.column_dimensions[col].width = width
    for r in range(2, len(frame) + 2):
        for col in "ABDEF":
            ws[f"{col}{r}"].fill = fill
        ws[f"I{r}"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    dv_score = DataValidation(type="list", formula1='"0,1,2,3,weet niet"', allow_blank=True,
                              errorTitle="Ongeldige score", error="Kies 0, 1, 2, 3 of weet niet")
    dv_partner = DataValidation(type="list", formula1=f'"{",".join(PARTNERS)}"', allow_blank=True,
                                errorTitle="Onbekende partner", error="Kies een partner uit het werkblad 'partners'")
    ws.add_data_validation(dv_score)
    ws.add_data_validation(dv_partner)
    dv_score.add(f"D2:D{len(frame) + 400}")
    dv_partner.add(f"B2:B{len(frame) + 400}")

    info = wb.create_sheet("uitleg")
    info.append(["onderwerp", "uitleg"])
    for key, text in _EXPLANATION:
        info.append([key, text])
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 110
    for row in info.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in info[1]:
        cell.font = bold
    scale = wb.create_sheet("schaal")
    scale.append(["score", "betekenis"])
    for k, v in SCHAAL.items():
        scale.append([k, v])
    scale.append([WEET_NIET, "kan ik niet beoordelen (telt niet als 0)"])
    partners = wb.create_sheet("partners")
    partners.append(["partner", "omschrijving"])
    for partner, text in PARTNERS.items():
        partners.append([partner, text])
    xlsx_path = folder / "quickscan_antwoorden.xlsx"
    atomic_write_workbook(xlsx_path, wb)

    readme = ["# Sjabloon quickscan randvoorwaarden", "",
              "Gemaakt door `wijklib.readiness.write_quickscan_templates`; niet met de hand aanpassen.", "",
              "Bestanden: `quickscan_antwoorden.xlsx` (met keuzelijsten en uitleg) en `quickscan_antwoorden.csv` "
              "(zelfde kolommen). Vul per respondent de gele kolommen in.", "", "| onderwerp | uitleg |", "|---|---|"]
    readme += [f"| {k} | {v} |" for k, v in _EXPLANATION]
    readme += ["", "Schaal: " + ", ".join(f"{k} = {v}" for k, v in SCHAAL.items()) + f", of '{WEET_NIET}'.", "",
               "Partners: " + ", ".join(f"`{k}`" for k in PARTNERS) + "."]
    md_path = atomic_write_text(folder / "LEESMIJ.md", "\n".join(readme) + "\n")
    return [csv_path, xlsx_path, md_path]
