"""told — _common: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.io.tables import cell_text, parse_date, read_table
from wijklib.errors import InputError


# ----------------------------------------------------------------------------------------------------------------
# Generic helpers
# ----------------------------------------------------------------------------------------------------------------

_BUURTCODE_RE = re.compile(r"^BU\d{4}[0-9A-Z]{4}$")
_MISSING_TEXT = {"", "nan", "none", "null", "na", "n/a"}


def _label(source: Any) -> str:
    if isinstance(source, (str, Path)):
        return str(source)
    return "<tabel>"


def _norm_header(name: Any) -> str:
    return str(name).strip().lstrip("\ufeff").strip()


def _read_table(source: str | Path | pd.DataFrame, what: str) -> tuple[pd.DataFrame, str]:
    """Read a CSV/XLSX/ODS file through :func:`wijklib.io.tables.read_table` (or take a DataFrame) as text cells,
    empty cells as ''."""
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        df.columns = [_norm_header(c) for c in df.columns]
        df = df.astype(object).where(df.notna(), "")
        df = df.map(lambda v: v if isinstance(v, str) else ("" if v is None else _cell_to_text(v)))
        return df.reset_index(drop=True), "<tabel>"
    label = str(source)
    df = read_table(source, what=what, sheet="invoer", cell=_cell_to_text)
    return df, label


def _first_row(label: str) -> int:
    """Row number of the first data row in messages: as a spreadsheet shows it for a file (header = row 1), 1 for
    a table passed in Python (label ``<tabel>``)."""
    from wijklib.io.tables import FIRST_DATA_ROW

    return 1 if label == "<tabel>" else FIRST_DATA_ROW


def _cell_to_text(value: Any) -> str:
    """Like :func:`wijklib.io.tables.cell_text`, but text is kept as is, empty cells give '' and times are kept."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, datetime) and not value.hour == value.minute == value.second == 0:
        return value.isoformat()
    return cell_text(value)


def _require_columns(df: pd.DataFrame, required: Iterable[str], label: str, what: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise InputError(
            f"verplichte kolom(men) ontbreken voor {what}: {', '.join(missing)}. Gevonden kolommen: "
            f"{', '.join(map(str, df.columns)) or '(geen)'}. Gebruik het sjabloon in templates/invoer/.",
            file=label, column=missing[0])


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%b %d, %Y %I:%M:%S %p",
                 "%b %d, %Y")


def _parse_date(value: str, *, file: str, row: int, column: str) -> date:
    text = str(value).strip()
    if not text:
        raise InputError("datum ontbreekt; verwacht een datum als JJJJ-MM-DD", file=file, row=row, column=column)
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]\d", text)
    if m:
        text = m.group(1)
    try:
        parsed = parse_date(text, formats=_DATE_FORMATS)
    except ValueError:
        parsed = None
    if parsed is not None:
        if 1900 <= parsed.year <= 2100:
            return parsed
        raise InputError(f"datum '{value}' ligt buiten 1900-2100; verwacht een datum als JJJJ-MM-DD", file=file,
                         row=row, column=column)
    raise InputError(f"'{value}' is geen geldige datum; verwacht JJJJ-MM-DD (bv. 2024-03-15) of DD-MM-JJJJ",
                     file=file, row=row, column=column)


def _parse_float(value: str) -> float | None:
    text = str(value).strip().replace(",", ".")
    if text.lower() in _MISSING_TEXT:
        return None
    try:
        out = float(text)
    except ValueError:
        return None
    return out if math.isfinite(out) else None


def _check_buurtcode(value: str, *, file: str, row: int, column: str,
                     known: set[str] | None = None) -> str:
    code = str(value).strip().upper()
    if not code:
        raise InputError("buurtcode ontbreekt; verwacht een CBS-buurtcode zoals BU03630000",
                         file=file, row=row, column=column)
    if not _BUURTCODE_RE.match(code):
        raise InputError(f"'{value}' is geen CBS-buurtcode; verwacht 'BU' gevolgd door 8 tekens "
                         f"(4 cijfers gemeente + 4 tekens wijk/buurt), bv. BU03630000",
                         file=file, row=row, column=column)
    if known is not None and code not in known:
        raise InputError(f"buurtcode {code} komt niet voor in de opgegeven buurtindeling",
                         file=file, row=row, column=column)
    return code


def _known_codes(buurten: Any) -> set[str] | None:
    if buurten is None:
        return None
    if isinstance(buurten, pd.DataFrame):
        col = _code_column(buurten)
        return set(buurten[col].astype(str).str.strip())
    return {str(c).strip() for c in buurten}


def _identifier(value: str) -> str:
    text = str(value).strip().lower()
    text = re.sub(r"[\s\-]+", "_", text)
    return text


def _to_datetime(dates: Sequence[date]) -> pd.Series:
    return pd.to_datetime(pd.Series(list(dates), dtype=object)).astype("datetime64[ns]")


# ----------------------------------------------------------------------------------------------------------------
# Person-name guard (AVG: data minimisation)
# ----------------------------------------------------------------------------------------------------------------

_PERSON_HEADERS = {
    "naam", "name", "voornaam", "achternaam", "familienaam", "roepnaam", "voorletters", "tussenvoegsel",
    "volledigenaam", "fullname", "firstname", "lastname", "surname", "givenname", "melder", "naammelder",
    "meldernaam", "contactpersoon", "persoon", "persoonsnaam", "medewerker", "medewerkernaam", "ingevulddoor",
    "invuller", "auteur", "author", "respondentnaam", "bewoner", "bewonersnaam", "client", "cliënt",
    "clientnaam", "betrokkene", "verdachte", "dader", "slachtoffer", "email", "emailadres", "e-mail", "mail",
    "telefoon", "telefoonnummer", "tel", "mobiel", "bsn", "geboortedatum", "adres", "huisnummer", "kenteken",
    "bronnaam", "naambron", "gemeld_door", "gemelddoor", "contact",
}
_ALLOWED_NAME_HEADERS = {"buurtnaam", "wijknaam", "gemeentenaam", "themanaam", "categorienaam", "vraagnaam",
                         "bestandsnaam", "formuliernaam"}
_NAME_ROLE_RE = re.compile(
    r"^(?:(?i:dhr|mevr|mw|mr|dr|ir|drs|meneer|mevrouw)\.?\s+(?:[A-Z]\.\s*)*[A-Z][a-zà-ÿ'\-]+.*"
    r"|[A-Z][a-zà-ÿ'\-]+(?:\s+(?:van|de|der|den|van der|van den|te|ten|ter|el|al|'t|in 't))*\s+[A-Z][a-zà-ÿ'\-]+)$")
_HONORIFIC_RE = re.compile(r"\b(?i:meneer|mevrouw|dhr\.?|mevr\.?|mw\.?)\s+[A-Z][a-zà-ÿ'\-]+")


def check_no_person_columns(columns: Iterable[str], *, file: str | Path | None = None,
                            what: str = "deze gegevens") -> None:
    """Refuse columns that look like they hold names or contact details of persons.

    Parameters
    ----------
    columns : iterable of str
        Column names of the input.
    file : str or Path, optional
        File name for the error message.
    what : str
        Dutch description of the data, used in the message.

    Raises
    ------
    InputError
        When a column name (after lower-casing and removing spaces, dots, dashes and group prefixes) is a
        person-name or contact field such as ``naam``, ``voornaam``, ``melder``, ``email`` or ``telefoon``.
    """
    for col in columns:
        last = str(col).split("/")[-1]
        key = re.sub(r"[\s_.\-]", "", last.strip().lower())
        if key in _ALLOWED_NAME_HEADERS:
            continue
        if key in {re.sub(r"[\s_.\-]", "", h) for h in _PERSON_HEADERS} \
                or key.endswith(("naam", "name")) or key.startswith(("naam", "name")):
            raise InputError(
                f"kolom '{col}' lijkt namen of contactgegevens van personen te bevatten. Voor {what} worden "
                "geen persoonsgegevens verwerkt (AVG: dataminimalisatie; signalen en waarnemingen gaan over de "
                "buurt, niet over mensen). Verwijder de kolom; leg bij signalen alleen de rol van de bron vast "
                "in de kolom 'bronrol' (bv. wijkagent, jongerenwerker).",
                file=file, column=str(col))



def _code_column(buurten: pd.DataFrame) -> str:
    for col in ("buurtcode", "area_code", "code", "statcode", "BU_CODE", "buurt_code"):
        if col in buurten.columns:
            return col
    raise InputError("de buurtindeling heeft geen codekolom; verwacht 'buurtcode', 'area_code', 'code' of "
                     "'statcode'", column="buurtcode")
