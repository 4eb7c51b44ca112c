"""told — templates: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any


from .spec import (
    BRONROLLEN,
    ColumnSpec,
    ENQUETE_KOLOMMEN,
    ENQUETE_THEMAS,
    ERNST_SCHALEN,
    SCHOUW_CATEGORIEEN,
    SCHOUW_KOLOMMEN,
    SIGNAAL_KOLOMMEN,
    SIGNAAL_THEMAS,
    STANDAARD_VRAGEN,
)


# ----------------------------------------------------------------------------------------------------------------
# Templates
# ----------------------------------------------------------------------------------------------------------------

_TEMPLATES: dict[str, tuple[str, tuple[ColumnSpec, ...], str]] = {
    "enquete": ("Bewonersenquête (lang formaat: één rij per antwoord)", ENQUETE_KOLOMMEN,
                "Inlezen met wijklib.told.read_survey(pad). Een export uit KoboToolbox of ODK (één rij per "
                "respondent) kan direct met wijklib.told.read_kobo_survey(pad)."),
    "schouw": ("Schouw / wijkschouw: waarnemingen als punten", SCHOUW_KOLOMMEN,
               "Inlezen met wijklib.told.read_schouw(pad, buurten=...). GeoJSON ([lengtegraad, breedtegraad]) "
               "en Kobo-geopunten ('breedtegraad lengtegraad hoogte nauwkeurigheid') worden ook gelezen."),
    "signalen": ("Signalen van professionals (zonder namen)", SIGNAAL_KOLOMMEN,
                 "Inlezen met wijklib.told.read_signals(pad). Kolommen met namen of contactgegevens worden "
                 "geweigerd."),
}


def _catalogue_choices(key: str, column: str) -> tuple[str, ...]:
    """Dropdown values taken from the catalogue (the 61 signals of 001 for the ``signaal`` column)."""
    if (key, column) == ("signalen", "signaal"):
        from wijklib.gemeenschap.barrieres import signal_choices

        return signal_choices()
    return ()


def _template_rows(specs: Sequence[ColumnSpec]) -> list[list[str]]:
    return [[s.name, "ja" if s.required else "nee", s.kind, s.uitleg, s.voorbeeld,
             ", ".join(s.keuzes)] for s in specs]


def write_templates(directory: str | Path) -> list[Path]:
    """Write the input templates (CSV + XLSX per kind, an XLSForm and LEESMIJ.md) to ``directory``.

    The CSV files hold only the header (``;``-separated, UTF-8 with BOM, so that Excel with Dutch settings
    opens them in columns). Each XLSX has a sheet ``invoer`` (headers with a comment per column, drop-down
    lists for controlled columns) and a sheet ``uitleg`` explaining every column in Dutch.

    Parameters
    ----------
    directory : str or Path
        Output folder (created when missing).

    Returns
    -------
    list of Path
        The files written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for key, (title, specs, how) in _TEMPLATES.items():
        csv_path = out_dir / f"{key}.csv"
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\n").writerow([s.name for s in specs])
        csv_path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
        written.append(csv_path)

        wb = Workbook()
        ws = wb.active
        ws.title = "invoer"
        lists = wb.create_sheet("lijsten")
        uitleg = wb.create_sheet("uitleg")
        for j, spec in enumerate(specs, start=1):
            cell = ws.cell(row=1, column=j, value=spec.name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7" if spec.required else "F2F2F2")
            comment = Comment(f"{'Verplicht' if spec.required else 'Optioneel'}. {spec.kind}.\n{spec.uitleg}\n"
                              f"Voorbeeld: {spec.voorbeeld}", "wijklib")
            comment.width, comment.height = 320, 160
            cell.comment = comment
            ws.column_dimensions[get_column_letter(j)].width = max(12, min(40, len(spec.voorbeeld) + 4))
            keuzes = spec.keuzes or _catalogue_choices(key, spec.name)
            if keuzes:
                lists.cell(row=1, column=j, value=spec.name).font = Font(bold=True)
                for r, choice in enumerate(keuzes, start=2):
                    lists.cell(row=r, column=j, value=choice)
                letter = get_column_letter(j)
                dv = DataValidation(type="list", formula1=f"=lijsten!${letter}$2:${letter}${len(keuzes) + 1}",
                                    allow_blank=True, showErrorMessage=False)
                dv.promptTitle = spec.name
                dv.prompt = "Kies uit de lijst (tabblad 'lijsten')"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}5000")
        ws.freeze_panes = "A2"
        uitleg["A1"] = title
        uitleg["A1"].font = Font(bold=True, size=13)
        uitleg["A2"] = ("Vul de gegevens in op het tabblad 'invoer', één rij per regel. Laat de kolomnamen "
                        "ongewijzigd. Gebruik geen namen, adressen of andere gegevens waarmee personen herkenbaar "
                        "zijn. " + how)
        uitleg["A2"].alignment = Alignment(wrap_text=True, vertical="top")
        uitleg.merge_cells("A2:F2")
        uitleg.row_dimensions[2].height = 60
        header = ["kolom", "verplicht", "soort waarde", "uitleg", "voorbeeld", "toegestane waarden"]
        for j, text in enumerate(header, start=1):
            uitleg.cell(row=4, column=j, value=text).font = Font(bold=True)
        for r, row in enumerate(_template_rows(specs), start=5):
            for j, text in enumerate(row, start=1):
                c = uitleg.cell(row=r, column=j, value=text)
                c.alignment = Alignment(wrap_text=True, vertical="top")
        for letter, width in zip("ABCDEF", (14, 10, 28, 70, 30, 40), strict=True):
            uitleg.column_dimensions[letter].width = width
        if key == "schouw":
            r = 6 + len(specs)
            uitleg.cell(row=r, column=1, value="Ernst").font = Font(bold=True)
            for k, (score, text) in enumerate(ERNST_SCHALEN[3].items(), start=1):
                uitleg.cell(row=r + k, column=1, value=score)
                uitleg.cell(row=r + k, column=4, value=text)
            r += 5
            uitleg.cell(row=r, column=1, value="Categorieën").font = Font(bold=True)
            for k, (cat, text) in enumerate(SCHOUW_CATEGORIEEN.items(), start=1):
                uitleg.cell(row=r + k, column=1, value=cat)
                uitleg.cell(row=r + k, column=4, value=text)
        if key == "signalen":
            r = 6 + len(specs)
            uitleg.cell(row=r, column=1, value="Thema's").font = Font(bold=True)
            for k, (th, text) in enumerate(SIGNAAL_THEMAS.items(), start=1):
                uitleg.cell(row=r + k, column=1, value=th)
                uitleg.cell(row=r + k, column=4, value=text)
        if key == "enquete":
            r = 6 + len(specs)
            uitleg.cell(row=r, column=1, value="Standaardvragen (schaal 1-5, hoger = positiever)").font = \
                Font(bold=True)
            for k, v in enumerate(STANDAARD_VRAGEN, start=1):
                uitleg.cell(row=r + k, column=1, value=v.id)
                uitleg.cell(row=r + k, column=3, value=v.thema)
                uitleg.cell(row=r + k, column=4, value=v.tekst + (" (omgekeerd scoren: 6 - antwoord)"
                                                                   if v.omgekeerd else ""))
        xlsx_path = out_dir / f"{key}.xlsx"
        _save_workbook(wb, xlsx_path)
        written.append(xlsx_path)
    written.append(write_xlsform(out_dir / "enquete_kobo_xlsform.xlsx"))
    readme = out_dir / "LEESMIJ.md"
    readme.write_text(_templates_readme(), encoding="utf-8")
    written.append(readme)
    return written


def _fixed_properties(wb: Any) -> None:
    fixed = datetime(2024, 1, 1)
    wb.properties.creator = "wijklib"
    wb.properties.created = fixed
    wb.properties.modified = fixed


def _save_workbook(wb: Any, path: Path) -> None:
    """Save an openpyxl workbook byte-reproducibly (fixed document dates and zip timestamps)."""
    import zipfile

    _fixed_properties(wb)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)
    Path(path).write_bytes(out.getvalue())


def write_xlsform(path: str | Path) -> Path:
    """Write the standard resident questionnaire as an XLSForm for KoboToolbox/ODK.

    The form has a ``buurtcode`` question and one group per theme, so that a Kobo export (XML names) is read by
    :func:`read_kobo_survey` without extra arguments.

    Parameters
    ----------
    path : str or Path
        Output ``.xlsx`` file.

    Returns
    -------
    Path
    """
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "required", "hint", "relevant"])
    survey.append(["today", "today", "", "", "", ""])
    # consent first: the loaders leave out every respondent without 'ja' (see CONSENT_KOLOMMEN)
    survey.append(["select_one janee", "toestemming", "Doet u mee aan deze buurtenquête? Uw antwoorden worden "
                   "zonder naam verwerkt en alleen per buurt samengevat.", "yes", "", ""])
    survey.append(["text", "buurtcode", "Buurtcode (CBS) van uw buurt", "yes",
                   "Vul de code in die de onderzoeker u heeft gegeven, bv. BU99010101", "${toestemming} = 'ja'"])
    for thema, label in ENQUETE_THEMAS.items():
        survey.append(["begin_group", thema, label, "", "", "${toestemming} = 'ja'"])
        for v in STANDAARD_VRAGEN:
            if v.thema == thema:
                survey.append(["select_one eens5", v.id, v.tekst, "no", "", ""])
        survey.append(["end_group", "", "", "", "", ""])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["janee", "ja", "Ja, ik doe mee"])
    choices.append(["janee", "nee", "Nee"])
    for score, text in ((1, "Helemaal mee oneens"), (2, "Mee oneens"), (3, "Neutraal"), (4, "Mee eens"),
                        (5, "Helemaal mee eens")):
        choices.append(["eens5", score, text])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "default_language"])
    settings.append(["Buurtenquête wijklib", "wijklib_buurtenquete", "Nederlands (nl)"])
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_workbook(wb, out)
    return out


def _templates_readme() -> str:
    lines = ["# Invoersjablonen voor vertelde gegevens (told data)", "",
             "Deze map wordt gemaakt door `wijklib.told.write_templates()`; wijzig de bestanden niet met de hand "
             "maar pas de kolomdefinities in `wijklib/told.py` aan en draai de functie opnieuw.", "",
             "Per soort gegevens is er een CSV (alleen de kopregel, `;`-gescheiden, UTF-8) en een Excel-bestand "
             "met een tabblad `invoer`, een tabblad `uitleg` en keuzelijsten. `enquete_kobo_xlsform.xlsx` is de "
             "standaardvragenlijst als XLSForm om in KoboToolbox of ODK te laden.", "",
             "Algemene regels: geen namen, adressen, telefoonnummers of e-mailadressen; datums als JJJJ-MM-DD; "
             "buurtcodes als CBS-code (BU + 8 tekens).", ""]
    for key, (title, specs, how) in _TEMPLATES.items():
        lines += [f"## {key}: {title}", "", how, "",
                  "| kolom | verplicht | soort waarde | uitleg | voorbeeld |", "|---|---|---|---|---|"]
        for s in specs:
            lines.append(f"| `{s.name}` | {'ja' if s.required else 'nee'} | {s.kind} | {s.uitleg} | "
                         f"`{s.voorbeeld}` |")
        lines.append("")
    lines += ["## Standaardvragenlijst (enquête)", "",
              "Schaal 1-5 (1 = helemaal mee oneens ... 5 = helemaal mee eens). Bij omgekeerde stellingen "
              "betekent 'eens' iets negatiefs; de inleesfuncties polen die om (6 - antwoord) bij Kobo-exports. "
              "In het lange formaat vult u de al omgepoolde score in.", "",
              "| vraag | thema | stelling | omgekeerd |", "|---|---|---|---|"]
    for v in STANDAARD_VRAGEN:
        lines.append(f"| `{v.id}` | {v.thema} | {v.tekst} | {'ja' if v.omgekeerd else 'nee'} |")
    lines += ["", "## Schouwcategorieën", "", "| categorie | uitleg |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in SCHOUW_CATEGORIEEN.items()]
    lines += ["", "Ernst (standaard, schaal 1-3): " + "; ".join(f"{k} = {v}" for k, v in ERNST_SCHALEN[3].items())
              + ". Met `ernst_schaal=5`: 1 = zeer licht ... 5 = zeer ernstig / acuut.", "",
              "## Thema's van signalen", "", "| thema | uitleg |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in SIGNAAL_THEMAS.items()]
    lines += ["", "Bekende bronrollen: " + ", ".join(BRONROLLEN) + ".", ""]
    return "\n".join(lines)
