"""told — templates: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text, atomic_write_workbook

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


def _choices(key: str) -> Callable[[ColumnSpec], tuple[str, ...]]:
    """Drop-down values of a column of template ``key``: its own list, else the catalogue's."""
    return lambda spec: spec.keuzes or _catalogue_choices(key, spec.name)


def _catalogue_choices(key: str, column: str) -> tuple[str, ...]:
    """Dropdown values taken from the catalogue (the 61 signals of 001 for the ``signaal`` column)."""
    if (key, column) == ("signalen", "signaal"):
        from wijklib.gemeenschap.barrieres import signal_choices

        return signal_choices()
    return ()


@dataclass(frozen=True)
class TemplateLayout:
    """The look of a template workbook: the details in which the families of templates differ.

    Attributes
    ----------
    column_width : callable
        Width of a column of the sheet ``invoer``, from its :class:`ColumnSpec`.
    explain_widths : tuple of int
        Widths of the columns of the sheet ``uitleg``; their number (5 or 6) says whether the last column
        "toegestane waarden" is shown.
    dropdown_rows : int
        Last row of the sheet ``invoer`` that gets a drop-down list.
    example_in_comment : bool
        Put the example value in the comment of the header cell (and make the comment larger).
    prompt : bool
        Show a prompt when a cell with a drop-down is selected.
    error_message : str or None
        Refuse values outside the list with this message; ``None`` accepts any value (the list only helps).
    soft_columns : frozenset of str
        Columns whose list only helps even when ``error_message`` is given (open lists such as the signals).
    wide_intro : bool
        Merge the introduction over all columns of ``uitleg`` and give it a taller row.
    """

    column_width: Callable[[ColumnSpec], int]
    explain_widths: tuple[int, ...]
    dropdown_rows: int
    example_in_comment: bool = False
    prompt: bool = False
    error_message: str | None = None
    soft_columns: frozenset[str] = frozenset()
    wide_intro: bool = False


#: Header of the column table on the sheet ``uitleg`` (the first ``len(explain_widths)`` are shown).
_EXPLAIN_HEADER = ("kolom", "verplicht", "soort waarde", "uitleg", "voorbeeld", "toegestane waarden")


def _explain_row(spec: ColumnSpec) -> tuple[str, ...]:
    return (spec.name, "ja" if spec.required else "nee", spec.kind, spec.uitleg, spec.voorbeeld,
            ", ".join(spec.keuzes))


def template_csv(header: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> bytes:
    """A CSV template as bytes: ``;``-separated, UTF-8 with BOM (so Excel with Dutch settings opens it)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def template_workbook(title: str, specs: Sequence[ColumnSpec], *, intro: str, layout: TemplateLayout,
                      rows: Sequence[Sequence[Any]] = (),
                      choices: Callable[[ColumnSpec], tuple[str, ...]] | None = None,
                      extra: Callable[[Any, int], None] | None = None) -> Any:
    """Build a template workbook from column specifications: the one builder of every input template.

    The sheet ``invoer`` has the header (required columns shaded, a comment per column) and drop-down lists
    (values on the sheet ``lijsten``); the sheet ``uitleg`` has the title, ``intro`` and a table explaining every
    column.

    Parameters
    ----------
    title : str
        Dutch title on the sheet ``uitleg``.
    specs : sequence of ColumnSpec
        The columns, as the reader checks them.
    intro : str
        Dutch instruction under the title.
    layout : TemplateLayout
    rows : sequence of rows, optional
        Rows already filled in (fixed items respondents score).
    choices : callable, optional
        The drop-down values of a column; default its ``keuzes``.
    extra : callable, optional
        ``extra(uitleg_sheet, first_free_row)`` writes further explanations under the column table.

    Returns
    -------
    openpyxl.Workbook
    """
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
        text = f"{'Verplicht' if spec.required else 'Optioneel'}. {spec.kind}.\n{spec.uitleg}"
        comment = Comment(text + f"\nVoorbeeld: {spec.voorbeeld}" if layout.example_in_comment else text, "wijklib")
        if layout.example_in_comment:
            comment.width, comment.height = 320, 160
        cell.comment = comment
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = layout.column_width(spec)
        keuzes = choices(spec) if choices is not None else spec.keuzes
        if keuzes:
            lists.cell(row=1, column=j, value=spec.name).font = Font(bold=True)
            for r, choice in enumerate(keuzes, start=2):
                lists.cell(row=r, column=j, value=choice)
            strict = layout.error_message is not None and spec.name not in layout.soft_columns
            dv = DataValidation(type="list", formula1=f"=lijsten!${letter}$2:${letter}${len(keuzes) + 1}",
                                allow_blank=True, showErrorMessage=strict)
            if layout.error_message is not None:
                dv.error = layout.error_message
            if layout.prompt:
                dv.promptTitle = spec.name
                dv.prompt = "Kies uit de lijst (tabblad 'lijsten')"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{layout.dropdown_rows}")
    for row in rows:
        ws.append(list(row))
    ws.freeze_panes = "A2"
    uitleg["A1"] = title
    uitleg["A1"].font = Font(bold=True, size=13)
    uitleg["A2"] = intro
    uitleg["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    n_cols = len(layout.explain_widths)
    if layout.wide_intro:
        uitleg.merge_cells(f"A2:{get_column_letter(n_cols)}2")
        uitleg.row_dimensions[2].height = 60
    for j, text in enumerate(_EXPLAIN_HEADER[:n_cols], start=1):
        uitleg.cell(row=4, column=j, value=text).font = Font(bold=True)
    for r, spec in enumerate(specs, start=5):
        for j, text in enumerate(_explain_row(spec)[:n_cols], start=1):
            uitleg.cell(row=r, column=j, value=text).alignment = Alignment(wrap_text=True, vertical="top")
    if extra is not None:
        extra(uitleg, 6 + len(specs))
    for j, width in enumerate(layout.explain_widths, start=1):
        uitleg.column_dimensions[get_column_letter(j)].width = width
    return wb


#: Layout of the told-data templates (survey, schouw, signals).
_TOLD_LAYOUT = TemplateLayout(column_width=lambda s: max(12, min(40, len(s.voorbeeld) + 4)),
                              explain_widths=(14, 10, 28, 70, 30, 40), dropdown_rows=5000,
                              example_in_comment=True, prompt=True, wide_intro=True)


def _sections(key: str) -> list[tuple[str, list[tuple[Any, str | None, str]]]]:
    """Further explanations per told template: (heading, rows of (first column, theme, text))."""
    if key == "schouw":
        return [("Ernst", [(score, None, text) for score, text in ERNST_SCHALEN[3].items()]),
                ("Categorieën", [(cat, None, text) for cat, text in SCHOUW_CATEGORIEEN.items()])]
    if key == "signalen":
        return [("Thema's", [(th, None, text) for th, text in SIGNAAL_THEMAS.items()])]
    if key == "enquete":
        return [("Standaardvragen (schaal 1-5, hoger = positiever)",
                 [(v.id, v.thema, v.tekst + (" (omgekeerd scoren: 6 - antwoord)" if v.omgekeerd else ""))
                  for v in STANDAARD_VRAGEN])]
    return []


def _write_sections(sections: list[tuple[str, list[tuple[Any, str | None, str]]]]) -> Callable[[Any, int], None]:
    def write(sheet: Any, r: int) -> None:
        from openpyxl.styles import Font

        for heading, rows in sections:
            sheet.cell(row=r, column=1, value=heading).font = Font(bold=True)
            for k, (first, theme, text) in enumerate(rows, start=1):
                sheet.cell(row=r + k, column=1, value=first)
                if theme is not None:
                    sheet.cell(row=r + k, column=3, value=theme)
                sheet.cell(row=r + k, column=4, value=text)
            r += len(rows) + 2  # a blank row between sections

    return write


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
    out_dir = Path(directory)
    written: list[Path] = []
    for key, (title, specs, how) in _TEMPLATES.items():
        written.append(atomic_write_bytes(out_dir / f"{key}.csv", template_csv([s.name for s in specs])))
        intro = ("Vul de gegevens in op het tabblad 'invoer', één rij per regel. Laat de kolomnamen ongewijzigd. "
                 "Gebruik geen namen, adressen of andere gegevens waarmee personen herkenbaar zijn. " + how)
        wb = template_workbook(title, specs, intro=intro, layout=_TOLD_LAYOUT, choices=_choices(key),
                               extra=_write_sections(_sections(key)))
        written.append(atomic_write_workbook(out_dir / f"{key}.xlsx", wb, reproducible=True))
    written.append(write_xlsform(out_dir / "enquete_kobo_xlsform.xlsx"))
    written.append(atomic_write_text(out_dir / "LEESMIJ.md", _templates_readme()))
    return written


def _save_workbook(wb: Any, path: Path) -> None:
    """Save an openpyxl workbook byte-reproducibly and atomically (fixed document dates and zip timestamps)."""
    atomic_write_workbook(path, wb, reproducible=True)


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
    return atomic_write_workbook(path, wb, reproducible=True)


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
