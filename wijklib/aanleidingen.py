"""The aanleidingen log: events and signals that can make a wijkaanpak urgent, per area.

The Praktijkhandboek wijkaanpak (003, §4.1 "Onderzoek het gevoel van urgentie") describes how urgency arises:
from an incident or unrest that reaches administrators and politicians (often through the media), from persistent
signals of professionals and residents, from political and administrative developments, and also from resident
initiatives (positive urgency). The log records such events per area so that the urgency types of
:mod:`wijklib.urgency.typology` can be based on them and not on figures alone.

One row per event: ``buurtcode``, ``datum``, ``soort`` (:data:`KINDS`), ``omschrijving`` (short, no names of
persons), ``bron`` (where it was reported, e.g. "raadsvragen 12-3", "Noordhollands Dagblad") and optionally
``catalogus_id`` (an entry of kind ``urgentie_aanleiding`` of the catalogue, the vocabulary of the log; default
per kind in :data:`KIND_CATALOGUE`). Template: ``templates/invoer/aanleidingen.csv``.

Examples
--------
>>> from wijklib.aanleidingen import read_aanleidingen, DEMO_FILE
>>> log = read_aanleidingen(DEMO_FILE)
>>> sorted(log["kind"].unique())[:2]
['bestuurlijk', 'bewonersinitiatief']
"""

from __future__ import annotations

import warnings
import datetime as _dt
from pathlib import Path
from typing import Iterable

import pandas as pd

from wijklib import resources
from wijklib.io.tables import cell_text, fold, is_empty, open_workbook, parse_date, read_csv_rows, read_sheet_rows
from wijklib.errors import InputError, InputWarning

__all__ = ["scrub_log", "KINDS", "KIND_LABELS", "KIND_CATALOGUE", "COLUMNS", "DEMO_FILE", "TEMPLATE_FILE",
           "read_aanleidingen", "vocabulary", "empty_log", "write_templates", "domain_evidence"]

DEMO_FILE = resources.demo_dir() / "aanleidingen.csv"
TEMPLATE_FILE = resources.input_templates_dir() / "aanleidingen.csv"

#: Kinds of events in the log (003 §4.1). ``bewonerssignaal`` covers residents who make themselves heard because
#: they feel their area is left behind (003 §4.1 (2)); ``bewonersinitiatief`` is positive urgency (003 §4.1).
KINDS = ("incident", "media", "politiek", "bestuurlijk", "professioneel_signaal", "bewonerssignaal",
         "bewonersinitiatief")

#: Dutch labels of the kinds, for tables and reports.
KIND_LABELS = {"incident": "incident of onrust", "media": "media-aandacht", "politiek": "politiek (raad, motie, "
               "vragen)", "bestuurlijk": "bestuurlijk of ambtelijk (college, Rijk, programma)",
               "professioneel_signaal": "signaal van professionals", "bewonerssignaal": "signaal van bewoners",
               "bewonersinitiatief": "bewonersinitiatief (positieve urgentie)"}

#: Default catalogue entry (``urgentie_aanleiding`` of 003) per kind, when the row gives none.
KIND_CATALOGUE = {"incident": "ph.ua.incident", "media": "ph.ua.negatieve_publiciteit",
                  "politiek": "ph.ua.politiek_besluit", "bestuurlijk": "ph.ua.bestuurlijke_wisseling",
                  "professioneel_signaal": "ph.ua.signalen_professionals",
                  "bewonerssignaal": "ph.ua.bewoners_in_de_steek_gelaten",
                  "bewonersinitiatief": "ph.ua.bewonersinitiatief"}

_KIND_ALIASES = {
    "incident": "incident", "onrust": "incident", "incident/onrust": "incident",
    "media": "media", "pers": "media", "publiciteit": "media",
    "politiek": "politiek", "political": "politiek", "raad": "politiek",
    "bestuurlijk": "bestuurlijk", "administrative": "bestuurlijk", "ambtelijk": "bestuurlijk", "bestuur": "bestuurlijk",
    "professioneel signaal": "professioneel_signaal", "professioneel_signaal": "professioneel_signaal",
    "professional": "professioneel_signaal", "professionals": "professioneel_signaal",
    "signaal professionals": "professioneel_signaal",
    "bewonerssignaal": "bewonerssignaal", "bewoners signaal": "bewonerssignaal", "signaal bewoners": "bewonerssignaal",
    "bewonersinitiatief": "bewonersinitiatief", "bewoners initiatief": "bewonersinitiatief",
    "resident initiative": "bewonersinitiatief",
}

#: Column aliases (normalised headers) -> canonical column.
_HEADERS = {
    "area_code": ("buurtcode", "gebiedscode", "area_code", "code", "wijkcode", "gebied"),
    "date": ("datum", "date"),
    "kind": ("soort", "kind", "type"),
    "description": ("omschrijving", "description", "beschrijving"),
    "source": ("bron", "source"),
    "catalogue_id": ("catalogus_id", "catalogue_id", "catalogus"),
}

#: Columns of the table returned by :func:`read_aanleidingen`.
COLUMNS = ["area_code", "date", "kind", "description", "source", "catalogue_id", "row"]


def empty_log() -> pd.DataFrame:
    """An empty log with the columns of :data:`COLUMNS`."""
    return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "date" else object) for c in COLUMNS})


def vocabulary() -> pd.DataFrame:
    """The catalogue's ``urgentie_aanleiding`` entries (003): ``id``, ``name_nl``, ``section``, ``kind``.

    ``kind`` is the log kind whose default entry it is (empty for entries that only serve as explicit
    ``catalogus_id``).
    """
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()
    default_of = {v: k for k, v in KIND_CATALOGUE.items()}
    rows = [{"id": e.id, "name_nl": e.name_nl, "section": e.source.section, "kind": default_of.get(e.id, "")}
            for e in cat.by_kind("urgentie_aanleiding")]
    return pd.DataFrame(rows)


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        with open_workbook(path) as wb:
            ws = wb["aanleidingen"] if "aanleidingen" in wb.sheetnames else wb.worksheets[0]
            return read_sheet_rows(ws, file=path)
    return read_csv_rows(path)


def read_aanleidingen(source: "str | Path | pd.DataFrame", *, areas: "Iterable[str] | None" = None) -> pd.DataFrame:
    """Read and validate an aanleidingen log (CSV with ``;`` or ``,``, or XLSX).

    Parameters
    ----------
    source : path or DataFrame
        The file (see the module docstring for the columns; Dutch or English headers) or a table with the same
        columns.
    areas : iterable of str, optional
        Known area codes; a row with another code is refused (naming the row).

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`; ``date`` as Timestamp, ``kind`` one of :data:`KINDS`, ``catalogue_id`` an
        ``urgentie_aanleiding`` entry of the catalogue, ``row`` the row of the file as Excel shows it (header = row 1;
        the 1-based row for a DataFrame).

    Raises
    ------
    InputError
        Missing file or column, a column that looks like a person's name or contact detail, an unknown kind,
        unreadable date, unknown area code or catalogue id, an empty description (naming file, row and column).
    """
    from wijklib.told import check_no_person_columns

    file: Path | None = None
    if isinstance(source, pd.DataFrame):
        header = [fold(c).replace(" ", "_") for c in source.columns]
        rows = [(i + 1, dict(zip(header, vals))) for i, vals in enumerate(source.itertuples(index=False, name=None))]
    else:
        file = Path(source)
        if not file.is_file():
            raise InputError("bestand met aanleidingen niet gevonden", file=file)
        header, rows = _rows(file)
    check_no_person_columns(header, file=file, what="het aanleidingenlogboek")
    colmap: dict[str, str] = {}
    for canon, aliases in _HEADERS.items():
        hit = next((h for h in header if h in aliases), None)
        if hit is not None:
            colmap[canon] = hit
        elif canon != "catalogue_id":
            raise InputError(f"kolom '{aliases[0]}' ontbreekt; verwacht de kolommen buurtcode, datum, soort, "
                             "omschrijving, bron (en eventueel catalogus_id)", file=file, column=aliases[0])
    known_areas = {str(a).strip() for a in areas} if areas is not None else None
    valid_ids = set(vocabulary()["id"])
    out = []
    for row, values in rows:
        def get(canon: str) -> str:
            key = colmap.get(canon)
            return "" if key is None or is_empty(values.get(key)) else cell_text(values.get(key)).strip()

        code = get("area_code").upper()
        if not code:
            raise InputError("buurtcode is leeg", file=file, row=row, column=colmap["area_code"])
        if known_areas is not None and code not in known_areas:
            raise InputError(f"onbekende buurtcode {code!r} (niet in de buurten van de analyse)", file=file, row=row,
                             column=colmap["area_code"])
        raw_date = values.get(colmap["date"])
        if is_empty(raw_date):
            raise InputError("datum is leeg; verwacht bv. 2024-03-12 of 12-03-2024", file=file, row=row,
                             column=colmap["date"])
        try:
            date = parse_date(raw_date)
        except (ValueError, InputError) as exc:
            raise InputError(getattr(exc, "message", str(exc)), file=file, row=row, column=colmap["date"]) from None
        kind_txt = get("kind")
        kind = _KIND_ALIASES.get(fold(kind_txt).replace("_", " ")) or _KIND_ALIASES.get(fold(kind_txt))
        if kind is None:
            raise InputError(f"onbekende soort {kind_txt!r}; kies uit: {', '.join(KINDS)}", file=file, row=row,
                             column=colmap["kind"])
        desc = get("description")
        if not desc:
            raise InputError("omschrijving is leeg; beschrijf kort wat er gebeurde (zonder namen van personen)",
                             file=file, row=row, column=colmap["description"])
        cat_id = get("catalogue_id") or KIND_CATALOGUE[kind]
        if cat_id not in valid_ids:
            raise InputError(f"onbekende catalogus_id {cat_id!r}; kies een aanleiding uit de catalogus "
                             "(wijklib.aanleidingen.vocabulary())", file=file, row=row,
                             column=colmap.get("catalogue_id", "catalogus_id"))
        out.append({"area_code": code, "date": pd.Timestamp(date), "kind": kind, "description": desc,
                    "source": get("source"), "catalogue_id": cat_id, "row": row})
    out = _without_future_events(out, file=file, column=colmap["date"])
    if not out:
        return empty_log()
    return pd.DataFrame(out, columns=COLUMNS)


def _without_future_events(events: list[dict], *, file: Path | None, column: str) -> list[dict]:
    """The events dated today or earlier; later ones are left out with one :class:`~wijklib.errors.InputWarning`.

    An event after today cannot have happened yet (a typo such as 2034 for 2024). Kept, it would move the end of the
    windows of the urgency types (the latest date of the log) into the future, so that every real event falls
    outside them.
    """
    today = pd.Timestamp(_dt.date.today())
    future = [e for e in events if e["date"].normalize() > today]
    if not future:
        return events
    shown = ", ".join(f"{e['date']:%d-%m-%Y}" for e in future[:3]) + (" ..." if len(future) > 3 else "")
    warnings.warn(InputWarning(
        f"{len(future)} aanleiding(en) met een datum na vandaag ({today:%d-%m-%Y}): {shown}. Een aanleiding kan nog "
        "niet gebeurd zijn (tikfout in het jaar?); deze rij(en) zijn weggelaten en tellen niet mee voor de "
        "urgentietypen (keuze van wijklib). Verbeter de datum om ze mee te laten tellen",
        file=file, rows=[int(e["row"]) for e in future], column=column), stacklevel=3)
    return [e for e in events if e["date"].normalize() <= today]


_COLUMN_HELP = [
    ("buurtcode", "ja", "CBS-buurtcode (BU + 8 tekens) van het gebied waar het over gaat.", "BU99010103"),
    ("datum", "ja", "Datum van de gebeurtenis of het signaal (JJJJ-MM-DD of DD-MM-JJJJ).", "2024-10-14"),
    ("soort", "ja", "Een van: " + ", ".join(KINDS) + ".", "media"),
    ("omschrijving", "ja", "Korte omschrijving zonder namen, adressen of huisnummers (vrije tekst is "
     "persoonsgegeven: houd het algemeen).", "Regionale krant over onrust aan de kade"),
    ("bron", "nee", "Waar het gemeld of vastgelegd is (raadsvragen, collegebesluit, krant, overleg).", "krant"),
    ("catalogus_id", "nee", "Aanleiding uit de catalogus (tabblad 'catalogus'); leeg = de standaard per soort.",
     "ph.ua.negatieve_publiciteit"),
]


def write_templates(folder: "str | Path | None" = None) -> list[Path]:
    """Write the input templates ``aanleidingen.csv`` (header only) and ``aanleidingen.xlsx`` (sheet
    ``aanleidingen`` with a drop-down for ``soort`` and ``catalogus_id``, sheets ``uitleg`` and ``catalogus``).

    Parameters
    ----------
    folder : path, optional
        Target folder; default ``templates/invoer`` of the checkout.

    Returns
    -------
    list of Path
        The files written (atomically).
    """
    import io

    import openpyxl
    from openpyxl.worksheet.datavalidation import DataValidation

    from wijklib.io.atomic import atomic_write_bytes

    folder = Path(folder) if folder else TEMPLATE_FILE.parent
    header = [c for c, *_ in _COLUMN_HELP]
    csv_path = folder / "aanleidingen.csv"
    atomic_write_bytes(csv_path, ("\ufeff" + ";".join(header) + "\n").encode("utf-8"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "aanleidingen"
    ws.append(header)
    voc = vocabulary()
    cat = wb.create_sheet("catalogus")
    cat.append(["catalogus_id", "aanleiding", "paragraaf (Praktijkhandboek 003)", "standaard voor soort"])
    for row in voc.itertuples(index=False):
        cat.append([row.id, row.name_nl, row.section, row.kind])
    kinds = DataValidation(type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=False)
    ids = DataValidation(type="list", formula1=f"catalogus!$A$2:$A${len(voc) + 1}", allow_blank=True)
    ws.add_data_validation(kinds)
    ws.add_data_validation(ids)
    kinds.add("C2:C1000")
    ids.add("F2:F1000")
    help_ws = wb.create_sheet("uitleg")
    help_ws.append(["kolom", "verplicht", "uitleg", "voorbeeld"])
    for help_row in _COLUMN_HELP:
        help_ws.append(list(help_row))
    help_ws.append([])
    help_ws.append(["Waarvoor: het aanleidingenlogboek legt per buurt vast wat urgentie kan oproepen "
                    "(Praktijkhandboek 003 §4.1); wijklib gebruikt het voor de urgentietypen."])
    buf = io.BytesIO()
    wb.save(buf)
    xlsx_path = folder / "aanleidingen.xlsx"
    atomic_write_bytes(xlsx_path, buf.getvalue())
    return [csv_path, xlsx_path]


def domain_evidence(log: pd.DataFrame, area_code: str) -> dict[str, list[tuple[str, str]]]:
    """Problem domains of one area that events of the log point to, as evidence for interventions.

    The description of each event is matched with the same words as signals of professionals
    (:func:`wijklib.readiness.matching.domains_from_signals`). Resident initiatives are positive urgency, not
    evidence of a problem, and are skipped.

    Parameters
    ----------
    log : DataFrame
        A log read by :func:`read_aanleidingen`.
    area_code : str
        The area.

    Returns
    -------
    dict
        Domain id -> list of ``("aanleidingen", "aanleidingenlog: <kind label>, <YYYY-MM-DD>")``, in date order.
        The free-text description is never part of the evidence.
    """
    from wijklib.readiness.matching import domains_from_signals

    out: dict[str, list[tuple[str, str]]] = {}
    events = log[(log["area_code"] == area_code) & (log["kind"] != "bewonersinitiatief")]
    for _, ev in events.sort_values(["date", "row"]).iterrows():
        text = "" if is_empty(ev["description"]) else str(ev["description"])
        doms, _ = domains_from_signals(pd.DataFrame({"buurtcode": [area_code], "thema": ["overig"],
                                                     "tekst": [text]}), area_code)
        when = ev["date"].strftime("%Y-%m-%d") if pd.notna(ev["date"]) else "datum onbekend"
        for d in doms:
            label = KIND_LABELS.get(ev["kind"], ev["kind"])
            out.setdefault(d, []).append(("aanleidingen", f"aanleidingenlog: {label}, {when}"))
    return out


def scrub_log(log: pd.DataFrame) -> "tuple[pd.DataFrame, str]":
    """The log with personal data (names, addresses, phone numbers, ...) scrubbed from its free-text columns.

    The one scrubbing step for the aanleidingen log: every path (``wijk analyse``, notebook 01, reports) calls it
    right after :func:`read_aanleidingen`, before the texts reach reasons, evidence or any file.

    Returns
    -------
    (DataFrame, str)
        A scrubbed copy, and a Dutch summary of what was replaced ('' when nothing was).
    """
    from wijklib.privacy import TextScrubber

    scrub = TextScrubber()
    out = log.copy()
    for col in ("description", "source"):
        if col in out.columns:
            out[col] = [scrub(v, place=f"aanleiding {i}") for i, v in enumerate(out[col], start=1)]
    return out, (scrub.report.summary_nl() if scrub.report.total else "")
