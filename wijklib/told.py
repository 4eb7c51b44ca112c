"""Told data: resident surveys, neighbourhood walks (*schouw*) and signals from professionals.

"Counted" data (CBS figures) say how a buurt scores on registered facts; "told" data say how residents and
professionals experience it. This module reads the three kinds of told data that a wijkaanpak typically
collects, validates them strictly (every problem is reported as :class:`wijklib.errors.InputError` naming file,
row and column, in Dutch) and returns tidy tables keyed by CBS buurt code.

Three input kinds
-----------------
Resident survey (*enquête*)
    Long format, one row per answer: ``buurtcode``, ``respondent``, ``thema`` and/or ``vraag``, ``score``,
    ``datum`` (see :data:`ENQUETE_KOLOMMEN`). Scores are on a documented scale (default 1-5, higher is always
    more positive; negatively phrased questions must be reversed, see :data:`STANDAARD_VRAGEN`).
    KoboToolbox/ODK CSV or XLSX exports (wide, one row per respondent, group prefixes such as ``groep/vraag``,
    meta columns ``_uuid``, ``_submission_time``, ``_index``) are converted by :func:`read_kobo_survey`.
    :func:`aggregate_survey` gives mean and n per buurt and theme and flags small n as unreliable.
Neighbourhood walk (*schouw*)
    Points with ``categorie``, ``ernst`` (1-3 by default, or 1-5), ``datum`` and an optional ``bijschrift``
    (photo caption), read by :func:`read_schouw` from GeoJSON (``[lon, lat]``), from CSV/XLSX with
    ``lat``/``lon`` columns, or from a Kobo/ODK geopoint column (``"lat lon alt precision"``: latitude first!).
    Coordinates outside the Netherlands, and swapped latitude/longitude, are refused with a clear message.
    Points are assigned to buurten by a spatial join (:func:`assign_buurten`).
Signals from professionals (*signalen*)
    ``tekst``, ``thema``, ``buurtcode``, ``datum``, ``bronrol`` (a role such as ``wijkagent``, never a person's
    name). A column that looks like a person-name field is refused (:func:`read_signals`).

Privacy rules (issue #13)
    Consent: a column ``consent``/``toestemming`` (also in a group, or an XLSForm consent question with
    "toestemming"/"consent" in its name) is read first; respondents without a "ja" (empty counts as no) are left
    out before anything is computed, with a warning and ``attrs["zonder_toestemming"]`` (the number excluded).
    Respondent codes that look like a name, e-mail address or phone number are refused
    (:func:`check_respondent_code`). Small numbers: :func:`aggregate_survey` withholds means of fewer than
    :data:`MIN_N` respondents (shown as :data:`TE_WEINIG`), so no report, CSV, map or table can show them.

Input templates (CSV and XLSX with a Dutch explanation sheet) are generated from the same column specifications
that the loaders check, by :func:`write_templates`, so templates and loaders cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijklib._tables import cell_text, decode_text, parse_date
from wijklib.errors import InputError

__all__ = [
    "ColumnSpec",
    "Vraag",
    "ENQUETE_KOLOMMEN",
    "SCHOUW_KOLOMMEN",
    "SIGNAAL_KOLOMMEN",
    "ENQUETE_THEMAS",
    "STANDAARD_VRAGEN",
    "SCHOUW_CATEGORIEEN",
    "ERNST_SCHALEN",
    "SIGNAAL_THEMAS",
    "BRONROLLEN",
    "LIKERT_LABELS",
    "NL_BBOX",
    "MIN_N",
    "TE_WEINIG",
    "CONSENT_KOLOMMEN",
    "check_respondent_code",
    "read_survey",
    "read_kobo_survey",
    "kobo_to_long",
    "aggregate_survey",
    "read_schouw",
    "parse_geopoint",
    "check_nl_coordinates",
    "assign_buurten",
    "aggregate_schouw",
    "read_signals",
    "aggregate_signals",
    "check_no_person_columns",
    "write_templates",
    "write_xlsform",
]

# ----------------------------------------------------------------------------------------------------------------
# Column specifications (single source of truth for loaders, templates and data/README.md)
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an input file.

    Attributes
    ----------
    name : str
        Column name as it appears in the file.
    required : bool
        Whether the loader refuses a file without this column.
    kind : str
        Dutch description of the expected values (shown in templates and errors).
    uitleg : str
        Dutch explanation for users.
    voorbeeld : str
        An example value.
    keuzes : tuple of str
        Allowed values for a controlled column (empty when free).
    """

    name: str
    required: bool
    kind: str
    uitleg: str
    voorbeeld: str
    keuzes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vraag:
    """A question of the standard resident questionnaire.

    Attributes
    ----------
    id : str
        Question id (XLSForm ``name``; column name in a Kobo export).
    thema : str
        Theme id (one of :data:`ENQUETE_THEMAS`).
    tekst : str
        Dutch statement shown to respondents (own wording, inspired by the CBS Veiligheidsmonitor blocks).
    omgekeerd : bool
        True when agreeing is negative; such scores are reversed so that a higher score is always better.
    """

    id: str
    thema: str
    tekst: str
    omgekeerd: bool = False


#: Minimum number of respondents per buurt and theme below which a told aggregate (mean, sd, 0-100 score) is
#: withheld: shown as :data:`TE_WEINIG` ("te weinig respondenten"), never as a number. The value 10 is a choice of
#: wijklib (*keuze van wijklib*), common in survey research; none of the source documents sets it. Configurable
#: per call (``min_n``) and in the urgency configuration (``told.min_n``).
MIN_N = 10
#: What users read instead of a withheld told aggregate.
TE_WEINIG = "te weinig respondenten"

#: Themes of the standard resident questionnaire (id -> Dutch label).
ENQUETE_THEMAS: dict[str, str] = {
    "veiligheid": "Veiligheid(sbeleving)",
    "leefbaarheid": "Leefbaarheid van de woonomgeving",
    "sociale_cohesie": "Sociale cohesie",
    "vertrouwen_instanties": "Vertrouwen in instanties (gemeente, politie, corporatie)",
    "initiatiefbereidheid": "Bereidheid om zelf iets te doen voor de buurt",
}

#: Standard questionnaire: statements answered on a 5-point agreement scale (1 = helemaal mee oneens ...
#: 5 = helemaal mee eens). Negatively phrased statements are reversed by the loaders.
STANDAARD_VRAGEN: tuple[Vraag, ...] = (
    Vraag("veilig_overdag", "veiligheid", "Overdag voel ik mij veilig in mijn buurt."),
    Vraag("veilig_avond", "veiligheid", "Als het donker is, voel ik mij veilig op straat in mijn buurt."),
    Vraag("overlast_criminaliteit", "veiligheid",
          "In mijn buurt is veel overlast of criminaliteit.", omgekeerd=True),
    Vraag("prettig_wonen", "leefbaarheid", "Ik woon met plezier in deze buurt."),
    Vraag("schoon_heel", "leefbaarheid", "Straten, stoepen en groen in mijn buurt zijn schoon en heel."),
    Vraag("buurt_achteruit", "leefbaarheid",
          "Mijn buurt is het afgelopen jaar achteruitgegaan.", omgekeerd=True),
    Vraag("mensen_kennen", "sociale_cohesie", "De mensen in deze buurt kennen elkaar."),
    Vraag("elkaar_helpen", "sociale_cohesie", "Buren helpen elkaar hier als dat nodig is."),
    Vraag("thuis_voelen", "sociale_cohesie", "Ik voel mij thuis tussen de mensen in deze buurt."),
    Vraag("vertrouwen_gemeente", "vertrouwen_instanties", "Ik heb vertrouwen in wat de gemeente hier doet."),
    Vraag("vertrouwen_politie", "vertrouwen_instanties", "Ik heb vertrouwen in de politie in mijn buurt."),
    Vraag("melden_zin", "vertrouwen_instanties",
          "Het heeft zin om problemen te melden bij gemeente, politie of corporatie."),
    Vraag("bereid_inzetten", "initiatiefbereidheid", "Ik wil mij best inzetten voor mijn buurt."),
    Vraag("meedoen_initiatief", "initiatiefbereidheid",
          "Ik doe mee aan een bewonersinitiatief of buurtactiviteit."),
)

_VRAGEN_BY_ID: dict[str, Vraag] = {v.id: v for v in STANDAARD_VRAGEN}

#: Labels of a 5-point agreement scale as Kobo exports them "with labels" (lower case) -> score.
#: Answers such as "weet niet" / "n.v.t." become missing and are left out.
LIKERT_LABELS: dict[str, float | None] = {
    "helemaal mee oneens": 1, "zeer mee oneens": 1, "mee oneens": 2, "oneens": 2,
    "neutraal": 3, "niet mee eens, niet mee oneens": 3, "niet eens, niet oneens": 3,
    "mee eens": 4, "eens": 4, "helemaal mee eens": 5, "zeer mee eens": 5,
    "weet niet": None, "weet ik niet": None, "geen mening": None, "n.v.t.": None, "nvt": None,
    "niet van toepassing": None, "wil niet zeggen": None,
}

#: Categories of schouw observations (id -> Dutch explanation). "heel, schoon, veilig" plus undermining signs.
SCHOUW_CATEGORIEEN: dict[str, str] = {
    "zwerfvuil": "Zwerfafval, dumpingen, volle containers (schoon)",
    "verloedering": "Achterstallig onderhoud, graffiti, verwaarloosde tuinen of gevels (heel)",
    "vernieling": "Kapot straatmeubilair, vernielde bushokjes of speeltoestellen (heel)",
    "verlichting": "Ontbrekende of kapotte verlichting, donkere plekken (veilig)",
    "onveilige_plek": "Plek zonder zicht of toezicht, slecht overzichtelijk (veilig)",
    "hangplek": "Hangplek met overlast (veilig)",
    "drugsoverlast": "Sporen van drugsgebruik of -handel, lachgas, dealen (veilig/ondermijning)",
    "verdachte_panden": "Pand met signalen van ondermijning: afgeplakte ramen, veel aanloop, "
                        "stankoverlast, leegstaand bedrijfspand met activiteit (ondermijning)",
    "leegstand": "Leegstaande woning of winkel (heel)",
    "verkeer": "Verkeersonveilige situatie, hardrijden, foutparkeren (veilig)",
    "groen_positief": "Positieve plek: goed onderhouden groen, ontmoetingsplek (kracht)",
    "overig": "Anders, licht toe in het bijschrift",
}

#: Severity scales accepted for schouw observations.
ERNST_SCHALEN: dict[int, dict[int, str]] = {
    3: {1: "licht (groen): opvallend, geen directe actie nodig",
        2: "matig (oranje): aanpakken binnen enkele weken",
        3: "ernstig (rood): direct melden of aanpakken"},
    5: {1: "zeer licht", 2: "licht", 3: "matig", 4: "ernstig", 5: "zeer ernstig / acuut"},
}
_ERNST_KLEUREN = {"groen": 1, "oranje": 2, "geel": 2, "rood": 3}

#: Themes for signals from professionals (id -> Dutch explanation).
SIGNAAL_THEMAS: dict[str, str] = {
    "veiligheid": "Onveiligheid, overlast, geweld op straat",
    "ondermijning": "Signalen van georganiseerde criminaliteit: drugs, witwassen, uitbuiting, verdachte panden",
    "jeugd": "Jongeren: risicogedrag, ronselen, schooluitval, hangen",
    "armoede_schulden": "Armoede, schulden, geldzorgen",
    "zorg_welzijn": "Zorgen over gezondheid, eenzaamheid, verward gedrag",
    "wonen": "Woonsituatie: overbewoning, achterstallig onderhoud, huisjesmelkers",
    "leefbaarheid": "Schoon, heel, buren en burenoverlast",
    "sociale_cohesie": "Samenleven, spanningen of juist initiatief en onderlinge steun",
    "overig": "Anders",
}

#: Known roles of professionals (free text allowed as long as it is a role, not a person's name).
BRONROLLEN: tuple[str, ...] = (
    "wijkagent", "jongerenwerker", "buurtwerker", "opbouwwerker", "wijkverbinder", "wijkcoördinator",
    "wijkverpleegkundige", "huisarts", "woonconsulent", "handhaver", "boa", "leerkracht",
    "schoolmaatschappelijk werker", "maatschappelijk werker", "sociaal wijkteam", "schuldhulpverlener",
    "ondernemer", "bewonersvereniging", "gebiedsmanager", "beheerder openbare ruimte", "overig",
)

#: Bounding box of the European Netherlands (WGS84, with a small margin): (lon_min, lat_min, lon_max, lat_max).
NL_BBOX: tuple[float, float, float, float] = (3.2, 50.7, 7.3, 53.7)

ENQUETE_KOLOMMEN: tuple[ColumnSpec, ...] = (
    ColumnSpec("buurtcode", True, "CBS-buurtcode: BU + 8 tekens",
               "Buurt waar de respondent woont (of waarover de vragen gaan).", "BU99010101"),
    ColumnSpec("respondent", True, "tekst (pseudoniem)",
               "Vaste, betekenisloze code per respondent, bv. R0001. Nooit een naam, e-mailadres of adres.",
               "R0001"),
    ColumnSpec("thema", False, "thema-id (kleine letters)",
               "Thema van de vraag, bv. veiligheid, leefbaarheid, sociale_cohesie, vertrouwen_instanties, "
               "initiatiefbereidheid. Mag leeg als 'vraag' een vraag uit de standaardvragenlijst is. "
               "'thema' of 'vraag' moet er zijn.", "veiligheid", tuple(ENQUETE_THEMAS)),
    ColumnSpec("vraag", False, "vraag-id (kleine letters)",
               "Korte code van de vraag, bv. veilig_avond. Bij een eigen vraag ook 'thema' invullen.",
               "veilig_avond"),
    ColumnSpec("score", True, "getal op de schaal (standaard 1-5)",
               "Antwoord als getal. Hoger is altijd positiever: 1 = zeer negatief, 3 = neutraal, 5 = zeer "
               "positief. Negatief geformuleerde stellingen eerst ompolen (6 - antwoord). Leeg = geen antwoord "
               "(weet niet / n.v.t.).", "4"),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD (of DD-MM-JJJJ)", "Datum waarop de vragenlijst is ingevuld.",
               "2024-03-15"),
)

SCHOUW_KOLOMMEN: tuple[ColumnSpec, ...] = (
    ColumnSpec("id", False, "tekst", "Eigen nummer van de waarneming (wordt anders automatisch gemaakt).", "S001"),
    ColumnSpec("lat", True, "breedtegraad WGS84, bv. 52.55",
               "Noord-zuid-coördinaat in graden (in Nederland tussen 50,7 en 53,7). Alternatief: één kolom "
               "'locatie' met een Kobo/ODK-geopunt 'lat lon hoogte nauwkeurigheid'.", "52.5512"),
    ColumnSpec("lon", True, "lengtegraad WGS84, bv. 5.25",
               "Oost-west-coördinaat in graden (in Nederland tussen 3,2 en 7,3). Let op: niet verwisselen "
               "met lat.", "5.2480"),
    ColumnSpec("categorie", True, "een van de vaste categorieën",
               "Soort waarneming: " + ", ".join(SCHOUW_CATEGORIEEN) + ".", "zwerfvuil",
               tuple(SCHOUW_CATEGORIEEN)),
    ColumnSpec("ernst", True, "geheel getal 1-3 (of 1-5)",
               "Ernst: 1 = licht (groen), 2 = matig (oranje), 3 = ernstig (rood). Met de 5-puntsschaal "
               "(ernst_schaal=5): 1 = zeer licht ... 5 = zeer ernstig. De kleuren groen/oranje/rood mogen ook.",
               "2", ("1", "2", "3")),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD", "Datum van de schouw.", "2024-05-21"),
    ColumnSpec("dagdeel", False, "ochtend, middag, avond of nacht",
               "Moment van de waarneming (schouwen op verschillende momenten geeft een vollediger beeld).",
               "avond", ("ochtend", "middag", "avond", "nacht")),
    ColumnSpec("bijschrift", False, "korte tekst",
               "Bijschrift bij de foto of korte toelichting, zonder namen, kentekens of huisnummers.",
               "Hoek speeltuin: kapotte lantaarnpaal, 's avonds erg donker."),
)

SIGNAAL_KOLOMMEN: tuple[ColumnSpec, ...] = (
    ColumnSpec("id", False, "tekst", "Eigen nummer van het signaal (wordt anders automatisch gemaakt).", "SG01"),
    ColumnSpec("datum", True, "datum JJJJ-MM-DD", "Datum waarop het signaal is opgetekend.", "2024-02-03"),
    ColumnSpec("buurtcode", True, "CBS-buurtcode: BU + 8 tekens", "Buurt waar het signaal over gaat.",
               "BU99010203"),
    ColumnSpec("thema", True, "een van de vaste thema's",
               "Thema: " + ", ".join(SIGNAAL_THEMAS) + ".", "ondermijning", tuple(SIGNAAL_THEMAS)),
    ColumnSpec("bronrol", True, "rol, geen naam",
               "Rol van de professional die het signaal gaf, bv. wijkagent, jongerenwerker, woonconsulent. "
               "Nooit een persoonsnaam.", "jongerenwerker"),
    ColumnSpec("tekst", True, "korte tekst",
               "Het signaal in eigen woorden, zonder namen, adressen, kentekens of andere herleidbare gegevens.",
               "Jongeren worden bij het winkelcentrum aangesproken om pakketjes rond te brengen."),
    ColumnSpec("signaal", False, "signaal uit het Inspiratieboek, of eigen woorden",
               "Optioneel: welk van de 61 signalen van het Inspiratieboek (SG-01 ... SG-61, tabblad 'lijsten') dit "
               "is. Staat het er niet bij, beschrijf het dan kort in eigen woorden: die tekst blijft bewaard.",
               "SG-27 Criminelen die op straat bruikbare jongeren zoeken"),
)

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
    """Read a CSV/XLSX file (or take a DataFrame) as text cells, empty cells as ''."""
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        df.columns = [_norm_header(c) for c in df.columns]
        df = df.astype(object).where(df.notna(), "")
        df = df.map(lambda v: v if isinstance(v, str) else ("" if v is None else _cell_to_text(v)))
        return df.reset_index(drop=True), "<tabel>"
    path = Path(source)
    label = str(source)
    if not path.exists():
        raise InputError(f"bestand niet gevonden ({what})", file=label)
    if path.is_dir():
        raise InputError(f"verwacht een bestand ({what}), dit is een map", file=label)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            with pd.ExcelFile(path, engine="openpyxl") as book:
                sheets = book.sheet_names
                sheet = "invoer" if "invoer" in sheets else sheets[0]
                df = pd.read_excel(book, sheet_name=sheet, dtype=object)
        except Exception as exc:  # openpyxl raises many types
            raise InputError(f"kan het Excel-bestand niet lezen ({exc})", file=label) from exc
        df.columns = [_norm_header(c) for c in df.columns]
        df = df.astype(object).where(df.notna(), "")
        df = df.map(_cell_to_text)
        df = df.loc[~(df == "").all(axis=1)].reset_index(drop=True)
        return df, label
    if suffix not in (".csv", ".txt", ".tsv"):
        raise InputError(f"onbekend bestandstype '{suffix}' voor {what}; verwacht .csv of .xlsx", file=label)
    text = decode_text(path.read_bytes(), file=label)
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise InputError(f"het bestand is leeg; verwacht een kopregel met kolomnamen ({what})", file=label)
    sep = max((";", ",", "\t"), key=first.count)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quotechar='"',
                         skip_blank_lines=True)
    except Exception as exc:
        raise InputError(f"kan het CSV-bestand niet lezen ({exc})", file=label) from exc
    df.columns = [_norm_header(c) for c in df.columns]
    df = df.astype(object).map(lambda v: "" if v is None else str(v))
    return df, label


def _cell_to_text(value: Any) -> str:
    """Like :func:`wijklib._tables.cell_text`, but text is kept as is, empty cells give '' and times are kept."""
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


# ----------------------------------------------------------------------------------------------------------------
# (a) Resident survey
# ----------------------------------------------------------------------------------------------------------------

_SURVEY_OUT = ["buurtcode", "respondent", "thema", "vraag", "score", "datum"]

#: Column names (lower case, after the last group separator) recognised as a consent question. An XLSForm consent
#: question is usually named ``consent`` or ``toestemming`` (possibly in a group, ``intro/toestemming``); exports
#: with labels as headers are recognised by the words "toestemming" or "consent" in the header.
CONSENT_KOLOMMEN = ("consent", "toestemming", "informed_consent", "consent_given", "toestemming_gegeven",
                    "geeft_toestemming", "akkoord", "instemming")
_CONSENT_YES = {"ja", "yes", "y", "j", "1", "true", "waar", "akkoord", "ik ga akkoord", "ik geef toestemming",
                "toestemming", "agree", "i agree", "accepted", "ok", "oui"}
_CONSENT_NO = {"nee", "no", "n", "0", "false", "onwaar", "niet akkoord", "geen toestemming", "ik geef geen toestemming",
               "disagree", "weigert", "geweigerd", "declined", "non"} | _MISSING_TEXT


def _consent_columns(columns: Iterable[str]) -> list[str]:
    found = []
    for col in columns:
        last = re.split(r"[/\-]", str(col))[-1].strip().lower() if "/" in str(col) else str(col).strip().lower()
        key = re.sub(r"[\s.]+", "_", last)
        if key in CONSENT_KOLOMMEN or "toestemming" in key or "consent" in key:
            found.append(col)
    return found


def _consent_mask(df: pd.DataFrame, columns: Sequence[str], label: str) -> pd.Series:
    """True for rows where every consent column says yes; unknown answers are an error naming row and column."""
    keep = pd.Series(True, index=df.index)
    for col in columns:
        for pos, (idx, value) in enumerate(df[col].items(), start=1):
            text = re.sub(r"\s+", " ", str(value).strip().lower().rstrip("."))
            if text in _CONSENT_YES:
                continue
            if text in _CONSENT_NO:
                keep[idx] = False
                continue
            raise InputError(f"antwoord '{value}' op de toestemmingsvraag is niet te lezen; verwacht ja of nee "
                             "(leeg telt als geen toestemming)", file=label, row=pos, column=str(col))
    return keep


def _drop_without_consent(df: pd.DataFrame, label: str, respondent_col: str | None) -> tuple[pd.DataFrame, int]:
    """Remove rows (and, in long format, all rows of a respondent) without consent; return the rest and the count."""
    cols = _consent_columns(df.columns)
    if not cols:
        return df, 0
    keep = _consent_mask(df, cols, label)
    if respondent_col is not None and respondent_col in df.columns:
        refused = set(df.loc[~keep, respondent_col].astype(str).str.strip())
        keep &= ~df[respondent_col].astype(str).str.strip().isin(refused)
        n = len(refused)
    else:
        n = int((~keep).sum())
    if n:
        warnings.warn(f"{label}: {n} respondent(en) zonder toestemming (kolom {', '.join(map(str, cols))}) "
                      "uitgesloten; hun antwoorden tellen nergens mee.", UserWarning, stacklevel=4)
    return df.loc[keep].drop(columns=cols).reset_index(drop=True), n


_CODE_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_CODE_PHONE_RE = re.compile(r"^(?:\+31|0031|0)[\s\-]?(?:\d[\s\-]?){8,9}$")
_CODE_NAME_RE = re.compile(
    r"^[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:\s+(?:van|de|der|den|van der|van den|te|ten|ter|el|al|'t|in 't|von|da|di|le|la))*"
    r"\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'\-]+)*$")


def check_respondent_code(value: str, *, file: str | None = None, row: int | None = None,
                          column: str | None = "respondent") -> str:
    """Refuse a respondent code that looks like a person's name, e-mail address or phone number.

    Parameters
    ----------
    value : str
        The code (already stripped).
    file, row, column : optional
        Location for the error message.

    Returns
    -------
    str
        The code, unchanged.

    Raises
    ------
    InputError
        For codes such as ``"Jan de Vries"``, ``"mevr. Bakker"``, ``"jan@example.nl"`` or ``"06-12345678"``.
    """
    text = str(value).strip()
    if (_CODE_EMAIL_RE.search(text) or _CODE_PHONE_RE.match(text) or _CODE_NAME_RE.match(text)
            or _HONORIFIC_RE.search(text)):
        raise InputError(f"respondentcode '{text[:3]}...' lijkt een naam, e-mailadres of telefoonnummer; gebruik een "
                         "vaste, betekenisloze code per respondent (bv. R0001), nooit persoonsgegevens",
                         file=file, row=row, column=column)
    return text


def _check_scale(schaal: tuple[float, float]) -> tuple[float, float]:
    try:
        lo, hi = float(schaal[0]), float(schaal[1])
    except (TypeError, ValueError, IndexError) as exc:
        raise InputError(f"schaal {schaal!r} is ongeldig; verwacht (minimum, maximum), bv. (1, 5)",
                         column="schaal") from exc
    if not lo < hi:
        raise InputError(f"schaal {schaal!r} is ongeldig; het minimum moet kleiner zijn dan het maximum",
                         column="schaal")
    return lo, hi


def read_survey(source: str | Path | pd.DataFrame, *, schaal: tuple[float, float] = (1, 5),
                buurten: Any = None) -> pd.DataFrame:
    """Read resident survey answers in long format.

    Parameters
    ----------
    source : str, Path or DataFrame
        CSV (``,`` or ``;`` separated, UTF-8) or XLSX file (sheet ``invoer`` or the first sheet) with the
        columns of :data:`ENQUETE_KOLOMMEN`: ``buurtcode``, ``respondent``, ``thema`` and/or ``vraag``,
        ``score``, ``datum``.
    schaal : (min, max)
        Answer scale; scores outside it are refused. Default 1-5 where higher is more positive.
    buurten : GeoDataFrame, DataFrame or iterable of str, optional
        Known buurt codes; a code not in this set is refused.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``respondent``, ``thema``, ``vraag`` (the theme when the file has no question
        column), ``score`` (float), ``datum`` (datetime64). Rows with an empty score (no answer) are dropped.
        ``attrs["schaal"]`` holds the scale.

    Raises
    ------
    InputError
        Missing columns, invalid buurt codes, scores outside the scale, bad dates, a respondent in two buurten,
        a question answered twice by one respondent, or a column holding person names.
    """
    lo, hi = _check_scale(schaal)
    df, label = _read_table(source, "enquête")
    check_no_person_columns(df.columns, file=label, what="de enquête")
    _require_columns(df, ["buurtcode", "respondent", "score", "datum"], label, "de enquête (lang formaat)")
    if "thema" not in df.columns and "vraag" not in df.columns:
        raise InputError("kolom 'thema' of 'vraag' ontbreekt; minstens één van beide is nodig",
                         file=label, column="thema")
    df, excluded = _drop_without_consent(df, label, "respondent")
    known = _known_codes(buurten)
    rows: list[tuple] = []
    buurt_of: dict[str, tuple[str, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(df.to_dict("records"), start=1):
        raw_score = str(rec["score"]).strip()
        if raw_score.lower() in _MISSING_TEXT:
            continue
        code = _check_buurtcode(rec["buurtcode"], file=label, row=i, column="buurtcode", known=known)
        resp = str(rec["respondent"]).strip()
        if not resp:
            raise InputError("respondent ontbreekt; verwacht een vaste pseudoniemcode per respondent",
                             file=label, row=i, column="respondent")
        check_respondent_code(resp, file=label, row=i, column="respondent")
        vraag = _identifier(rec.get("vraag", ""))
        thema = _identifier(rec.get("thema", ""))
        if not thema:
            if vraag in _VRAGEN_BY_ID:
                thema = _VRAGEN_BY_ID[vraag].thema
            else:
                raise InputError(f"thema ontbreekt en vraag '{vraag}' is geen vraag uit de standaardvragenlijst; "
                                 "vul de kolom 'thema' in", file=label, row=i, column="thema")
        if not vraag:
            vraag = thema
        score = _parse_float(raw_score)
        if score is None:
            raise InputError(f"score '{raw_score}' is geen getal; verwacht een getal van {lo:g} tot en met {hi:g}",
                             file=label, row=i, column="score")
        if not lo <= score <= hi:
            raise InputError(f"score {raw_score} valt buiten de schaal {lo:g}-{hi:g}",
                             file=label, row=i, column="score")
        datum = _parse_date(rec["datum"], file=label, row=i, column="datum")
        if resp in buurt_of and buurt_of[resp][0] != code:
            raise InputError(f"respondent {resp} staat ook in buurt {buurt_of[resp][0]} (rij {buurt_of[resp][1]}); "
                             "een respondent hoort bij één buurt", file=label, row=i, column="buurtcode")
        buurt_of.setdefault(resp, (code, i))
        key = (resp, vraag)
        if key in seen:
            raise InputError(f"respondent {resp} heeft vraag '{vraag}' al beantwoord in rij {seen[key]}",
                             file=label, row=i, column="vraag")
        seen[key] = i
        rows.append((code, resp, thema, vraag, score, datum))
    out = _survey_frame(rows, (lo, hi))
    out.attrs["zonder_toestemming"] = excluded
    return out


def _survey_frame(rows: list[tuple], schaal: tuple[float, float]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=_SURVEY_OUT)
    out["score"] = out["score"].astype(float)
    out["datum"] = _to_datetime(out["datum"].tolist()) if len(out) else pd.Series([], dtype="datetime64[ns]")
    for col in ("buurtcode", "respondent", "thema", "vraag"):
        out[col] = out[col].astype(str)
    out.attrs["schaal"] = schaal
    return out


_KOBO_META = {
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid", "phonenumber", "audit",
    "instanceid", "instancename", "uuid", "key", "submissiondate", "submitterid", "submittername",
    "attachmentspresent", "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion",
    "__version__", "version", "note", "calculate", "consent", "toestemming",
}
_RESPONDENT_KEYS = ("_uuid", "meta/instanceID", "KEY", "instanceID", "_id", "_index")
_DATE_KEYS = ("today", "_submission_time", "SubmissionDate", "end", "start")
_BUURT_KEYS = ("buurtcode", "buurt_code", "buurt", "cbs_buurtcode")


def _last(col: str, sep: str) -> str:
    return col.split(sep)[-1] if sep else col


def kobo_to_long(wide: pd.DataFrame, *, file: str = "<tabel>", buurt_kolom: str | None = None,
                 respondent_kolom: str | None = None, datum_kolom: str | None = None,
                 thema_per_vraag: Mapping[str, str] | None = None, omgekeerd: Iterable[str] | None = None,
                 schaal: tuple[float, float] = (1, 5), labels: Mapping[str, float | None] | None = None,
                 buurt_namen: Mapping[str, str] | None = None, negeer: Iterable[str] = (),
                 buurten: Any = None) -> pd.DataFrame:
    """Convert a wide KoboToolbox/ODK export (one row per respondent, text cells) to the long survey format.

    Parameters
    ----------
    wide : DataFrame
        The export with text cells (as read by :func:`read_kobo_survey`).
    file : str
        File name for error messages.
    buurt_kolom, respondent_kolom, datum_kolom : str, optional
        Column names; detected when not given (buurt: a column named ``buurtcode``/``buurt`` in any group;
        respondent: ``_uuid``, ``meta/instanceID``, ``KEY``, ``_id`` or ``_index``; date: ``today``,
        ``_submission_time``, ``SubmissionDate``, ``end`` or ``start``).
    thema_per_vraag : mapping, optional
        Theme per question id; otherwise the standard questionnaire, otherwise the group name
        (``veiligheid/veilig_avond`` -> theme ``veiligheid``).
    omgekeerd : iterable of str, optional
        Question ids whose scores are reversed (``min + max - score``). Default: the negatively phrased
        questions of :data:`STANDAARD_VRAGEN`.
    schaal : (min, max)
        Answer scale.
    labels : mapping, optional
        Answer label (lower case) -> score for exports "with labels"; default :data:`LIKERT_LABELS`.
    buurt_namen : mapping, optional
        Buurt name -> buurt code, for exports whose buurt column holds names instead of codes.
    negeer : iterable of str
        Columns (full name or question id) to leave out.
    buurten : optional
        Known buurt codes (see :func:`read_survey`).

    Returns
    -------
    DataFrame
        Same columns as :func:`read_survey`. ``attrs["overgeslagen_kolommen"]`` lists the columns that were not
        read as answers (free text, geopoints, select-multiple option columns, meta columns).
    """
    lo, hi = _check_scale(schaal)
    label_map = {k.lower(): v for k, v in (labels if labels is not None else LIKERT_LABELS).items()}
    cols = list(wide.columns)
    odk = "KEY" in cols or "SubmissionDate" in cols
    sep = "/" if any("/" in c for c in cols) else ("-" if odk and any("-" in c for c in cols) else "")
    check_no_person_columns([c for c in cols if not c.startswith("_") and _last(c, sep).lower() != "username"],
                            file=file, what="de enquête")

    def find(explicit: str | None, keys: Sequence[str], what: str, by_last: bool) -> str:
        if explicit is not None:
            if explicit not in cols:
                raise InputError(f"kolom '{explicit}' ({what}) bestaat niet in de export", file=file,
                                 column=explicit)
            return explicit
        for key in keys:
            if key in cols:
                return key
        if by_last:
            hits = [c for c in cols if _last(c, sep).lower() in keys]
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                raise InputError(f"meerdere kolommen lijken de {what} te zijn ({', '.join(hits)}); geef de juiste "
                                 "op met het argument voor die kolom", file=file, column=hits[0])
        raise InputError(f"geen kolom voor de {what} gevonden; verwacht een van {', '.join(keys)}",
                         file=file, column=keys[0])

    bcol = find(buurt_kolom, _BUURT_KEYS, "buurt", True)
    rcol = find(respondent_kolom, _RESPONDENT_KEYS, "respondentcode", True)
    dcol = find(datum_kolom, _DATE_KEYS, "datum", True)
    # respondents without consent leave before anything is read or computed (one row per respondent here)
    wide, excluded = _drop_without_consent(wide, file, None)
    cols = list(wide.columns)
    reversed_ids = set(omgekeerd) if omgekeerd is not None else {v.id for v in STANDAARD_VRAGEN if v.omgekeerd}
    themes = dict(thema_per_vraag or {})
    skip = set(negeer)
    known = _known_codes(buurten)
    names = {str(k).strip().lower(): v for k, v in (buurt_namen or {}).items()}

    strict_themes = set(ENQUETE_THEMAS) | {_identifier(t) for t in themes.values()}
    answer_cols: list[tuple[str, str, str]] = []
    skipped: list[str] = []
    not_read: list[str] = []
    for col in cols:
        last = _last(col, sep)
        if col in (bcol, rcol, dcol) or col in skip or last in skip:
            continue
        if col.startswith("_") or last.lower() in _KOBO_META or last.startswith("_") or col.startswith("meta"):
            skipped.append(col)
            continue
        parent = col.rsplit(sep, 1)[0] if sep and sep in col else None
        if parent is not None and parent in cols:  # select_multiple option column: groep/vraag/optie
            skipped.append(col)
            continue
        values = [str(v).strip() for v in wide[col] if str(v).strip()]
        if not values:
            skipped.append(col)
            continue
        scores = [label_map[v.lower()] if v.lower() in label_map else _parse_float(v) for v in values]
        ok = sum(1 for v, sc in zip(values, scores, strict=True) if sc is not None or v.lower() in label_map)
        if ok < 0.5 * len(values):  # free text, geopoints, select_multiple summaries
            skipped.append(col)
            continue
        thema = themes.get(last) or (_VRAGEN_BY_ID[last].thema if last in _VRAGEN_BY_ID else None)
        strict = thema is not None
        if thema is None and parent is not None:
            thema = _last(parent, sep)
            strict = _identifier(thema) in strict_themes
        clean = ok == len(values) and all(sc is None or lo <= sc <= hi for sc in scores)
        if thema is None or (not strict and not clean):
            # background questions (age, household size ...) or questions without a theme: not read as answers
            skipped.append(col)
            not_read.append(col)
            continue
        answer_cols.append((col, _identifier(last), _identifier(thema)))
    if not_read:
        warnings.warn(f"{file}: kolom(men) {', '.join(not_read)} niet als antwoord gelezen: geen bekend thema of "
                      f"waarden buiten de schaal {lo:g}-{hi:g}. Geef thema_per_vraag mee om ze wel te lezen, of "
                      "negeer=[...] om deze melding te vermijden.", UserWarning, stacklevel=3)
    if not answer_cols:
        raise InputError("geen antwoordkolommen met scores gevonden in de export; verwacht vragen in een "
                         "themagroep (groep/vraag), vragen uit de standaardvragenlijst of thema_per_vraag",
                         file=file)

    rows: list[tuple] = []
    seen_resp: dict[str, int] = {}
    for i, rec in enumerate(wide.to_dict("records"), start=1):
        resp = str(rec[rcol]).strip()
        if not resp:
            raise InputError("respondentcode ontbreekt", file=file, row=i, column=rcol)
        check_respondent_code(resp, file=file, row=i, column=rcol)
        if resp in seen_resp:
            raise InputError(f"respondent {resp} komt twee keer voor (ook rij {seen_resp[resp]})",
                             file=file, row=i, column=rcol)
        seen_resp[resp] = i
        braw = str(rec[bcol]).strip()
        if braw.lower() in names:
            braw = names[braw.lower()]
        code = _check_buurtcode(braw, file=file, row=i, column=bcol, known=known)
        datum = _parse_date(rec[dcol], file=file, row=i, column=dcol)
        for col, vraag, thema in answer_cols:
            text = str(rec[col]).strip()
            if not text:
                continue
            if text.lower() in label_map:
                score = label_map[text.lower()]
                if score is None:
                    continue
            else:
                score = _parse_float(text)
                if score is None:
                    raise InputError(f"antwoord '{text}' is geen score of bekend antwoordlabel",
                                     file=file, row=i, column=col)
            if not lo <= score <= hi:
                raise InputError(f"score {text} valt buiten de schaal {lo:g}-{hi:g}", file=file, row=i, column=col)
            if vraag in reversed_ids:
                score = lo + hi - score
            rows.append((code, resp, thema, vraag, float(score), datum))
    out = _survey_frame(rows, (lo, hi))
    out.attrs["overgeslagen_kolommen"] = skipped
    out.attrs["zonder_toestemming"] = excluded
    return out


def read_kobo_survey(source: str | Path | pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """Read a KoboToolbox/ODK survey export (CSV or XLSX, XML names or labels) into the long format.

    Parameters
    ----------
    source : str, Path or DataFrame
        The export. Kobo CSV uses ``;`` or ``,`` and ``/`` between group and question; ODK Briefcase uses ``-``.
    **kwargs
        Passed to :func:`kobo_to_long`.

    Returns
    -------
    DataFrame
        Long survey table (see :func:`read_survey`).
    """
    df, label = _read_table(source, "Kobo-export")
    return kobo_to_long(df, file=label, **kwargs)


def aggregate_survey(survey: pd.DataFrame, *, min_n: int = MIN_N,
                     schaal: tuple[float, float] | None = None) -> pd.DataFrame:
    """Mean score per buurt and theme.

    Each respondent first gets one score per theme (mean of their answers in that theme); the buurt mean is the
    mean over respondents, so a respondent who answered more questions does not weigh more.

    Parameters
    ----------
    survey : DataFrame
        Long survey table from :func:`read_survey` or :func:`read_kobo_survey`.
    min_n : int
        Minimum number of respondents (default :data:`MIN_N`, a choice of wijklib); below it ``betrouwbaar`` is
        False and ``gemiddelde``, ``sd`` and ``score_0_100`` are withheld (NaN), so that no consumer (report,
        CSV, map, notebook table) can show a mean of a handful of residents.
    schaal : (min, max), optional
        Scale for ``score_0_100``; default ``survey.attrs["schaal"]`` or (1, 5).

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``thema``, ``n`` (respondents), ``gemiddelde``, ``sd``, ``score_0_100`` (mean
        rescaled so that the scale minimum is 0 and the maximum 100), ``betrouwbaar`` (n >= min_n) and
        ``status`` (:data:`TE_WEINIG` when withheld, else empty).
    """
    if isinstance(min_n, bool) or not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise InputError(f"min_n {min_n!r} is ongeldig; verwacht een geheel getal van 1 of meer", column="min_n")
    lo, hi = _check_scale(schaal or survey.attrs.get("schaal", (1, 5)))
    cols = ["buurtcode", "thema", "n", "gemiddelde", "sd", "score_0_100", "betrouwbaar", "status"]
    if survey.empty:
        return pd.DataFrame(columns=cols)
    per_resp = survey.groupby(["buurtcode", "thema", "respondent"], as_index=False)["score"].mean()
    agg = per_resp.groupby(["buurtcode", "thema"]).agg(n=("score", "size"), gemiddelde=("score", "mean"),
                                                       sd=("score", "std")).reset_index()
    agg["score_0_100"] = (agg["gemiddelde"] - lo) / (hi - lo) * 100
    agg["betrouwbaar"] = agg["n"] >= min_n
    small = ~agg["betrouwbaar"]
    agg.loc[small, ["gemiddelde", "sd", "score_0_100"]] = np.nan
    agg["status"] = np.where(small, TE_WEINIG, "")
    agg.attrs["min_n"] = min_n
    return agg[cols].sort_values(["buurtcode", "thema"]).reset_index(drop=True)


# ----------------------------------------------------------------------------------------------------------------
# (b) Schouw (neighbourhood walk observations)
# ----------------------------------------------------------------------------------------------------------------


def parse_geopoint(text: str, *, file: str | None = None, row: int | None = None,
                   column: str | None = None) -> tuple[float, float, float | None, float | None]:
    """Parse a Kobo/ODK geopoint string.

    Parameters
    ----------
    text : str
        ``"lat lon [altitude] [precision]"``: space-separated, **latitude first** (the reverse of GeoJSON).
    file, row, column : optional
        Location for error messages.

    Returns
    -------
    tuple
        ``(lat, lon, altitude, precision)``; altitude and precision are None when absent.

    Examples
    --------
    >>> parse_geopoint("52.5512 5.2480 0 4.5")
    (52.5512, 5.248, 0.0, 4.5)
    """
    parts = str(text).replace(",", " ").split()
    nums = [_parse_float(p) for p in parts]
    if not 2 <= len(parts) <= 4 or any(n is None for n in nums):
        raise InputError(f"'{text}' is geen geldig geopunt; verwacht 'breedtegraad lengtegraad [hoogte] "
                         "[nauwkeurigheid]', gescheiden door spaties, bv. '52.5512 5.2480 0 5'",
                         file=file, row=row, column=column)
    lat, lon = float(nums[0]), float(nums[1])  # type: ignore[arg-type]
    alt = float(nums[2]) if len(nums) > 2 else None  # type: ignore[arg-type]
    prec = float(nums[3]) if len(nums) > 3 else None  # type: ignore[arg-type]
    return lat, lon, alt, prec


def _in_bbox(lon: float, lat: float) -> bool:
    x0, y0, x1, y1 = NL_BBOX
    return x0 <= lon <= x1 and y0 <= lat <= y1


def check_nl_coordinates(lat: float, lon: float, *, file: str | None = None, row: int | None = None,
                         column: str | None = None) -> None:
    """Refuse a WGS84 point outside the Netherlands, with a specific message when lat and lon are swapped.

    Raises
    ------
    InputError
        When ``(lon, lat)`` lies outside :data:`NL_BBOX`.
    """
    if _in_bbox(lon, lat):
        return
    if _in_bbox(lat, lon):
        raise InputError(
            f"coördinaten lijken verwisseld: breedtegraad {lat:g} en lengtegraad {lon:g} liggen buiten Nederland, "
            f"maar omgedraaid (breedtegraad {lon:g}, lengtegraad {lat:g}) wel. Controleer de volgorde: GeoJSON "
            "gebruikt [lengtegraad, breedtegraad], een Kobo/ODK-geopunt 'breedtegraad lengtegraad'.",
            file=file, row=row, column=column)
    if abs(lat) > 90 or abs(lon) > 180:
        hint = " Dit lijken RD-coördinaten (EPSG:28992) of meters; verwacht graden WGS84 (EPSG:4326)."
    else:
        hint = ""
    raise InputError(f"punt (breedtegraad {lat:g}, lengtegraad {lon:g}) ligt buiten Nederland "
                     f"(verwacht breedtegraad {NL_BBOX[1]}-{NL_BBOX[3]}, lengtegraad {NL_BBOX[0]}-{NL_BBOX[2]}).{hint}",
                     file=file, row=row, column=column)


def _parse_ernst(value: str, schaal: int, *, file: str, row: int, column: str) -> int:
    text = str(value).strip().lower()
    if schaal == 3 and text in _ERNST_KLEUREN:
        return _ERNST_KLEUREN[text]
    num = _parse_float(text)
    if num is None or not float(num).is_integer() or not 1 <= num <= schaal:
        extra = " of groen/oranje/rood" if schaal == 3 else ""
        raise InputError(f"ernst '{value}' is ongeldig; verwacht een geheel getal 1-{schaal}{extra}"
                         + (" (gebruik ernst_schaal=5 voor een vijfpuntsschaal)" if schaal == 3 and num is not None
                            and float(num).is_integer() and 3 < num <= 5 else ""),
                         file=file, row=row, column=column)
    return int(num)


def _schouw_record(props: Mapping[str, Any], i: int, label: str, ernst_schaal: int,
                   categorieen: Mapping[str, str]) -> dict[str, Any]:
    for col in ("categorie", "ernst", "datum"):
        if col not in props:
            raise InputError(f"verplicht veld '{col}' ontbreekt", file=label, row=i, column=col)
    cat = _identifier(props["categorie"])
    if cat not in categorieen:
        raise InputError(f"categorie '{props['categorie']}' is onbekend; kies uit: {', '.join(categorieen)}",
                         file=label, row=i, column="categorie")
    out: dict[str, Any] = {
        "id": str(props.get("id") or "").strip() or f"W{i:04d}",
        "categorie": cat,
        "ernst": _parse_ernst(props["ernst"], ernst_schaal, file=label, row=i, column="ernst"),
        "datum": _parse_date(props["datum"], file=label, row=i, column="datum"),
        "dagdeel": _identifier(props.get("dagdeel") or "") or None,
        "bijschrift": (str(props.get("bijschrift") or "").strip() or None),
    }
    if out["dagdeel"] is not None and out["dagdeel"] not in ("ochtend", "middag", "avond", "nacht"):
        raise InputError(f"dagdeel '{props.get('dagdeel')}' is onbekend; kies uit ochtend, middag, avond, nacht",
                         file=label, row=i, column="dagdeel")
    if props.get("buurtcode"):
        out["buurtcode_opgegeven"] = _check_buurtcode(props["buurtcode"], file=label, row=i, column="buurtcode")
    return out


def _schouw_from_geojson(path: Path, label: str) -> list[tuple[dict[str, Any], float, float, int]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError(f"kan het GeoJSON-bestand niet lezen ({exc})", file=label) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("verwacht een GeoJSON FeatureCollection", file=label)
    crs_name = str(((data.get("crs") or {}).get("properties") or {}).get("name", ""))
    rd = "28992" in crs_name
    feats = data.get("features") or []
    parsed = []
    transformer = None
    if rd:
        from pyproj import Transformer
        transformer = Transformer.from_crs(28992, 4326, always_xy=True)
    for i, feat in enumerate(feats, start=1):
        geom = (feat or {}).get("geometry") or {}
        if geom.get("type") != "Point":
            raise InputError(f"waarneming {i} heeft geometrie '{geom.get('type')}'; verwacht een Point",
                             file=label, row=i, column="geometry")
        coords = geom.get("coordinates") or []
        if len(coords) < 2 or not all(isinstance(c, (int, float)) for c in coords[:2]):
            raise InputError("ongeldige coördinaten; verwacht [lengtegraad, breedtegraad]",
                             file=label, row=i, column="geometry")
        x, y = float(coords[0]), float(coords[1])
        if transformer is not None:
            x, y = transformer.transform(x, y)
        check_nl_coordinates(y, x, file=label, row=i, column="geometry")
        props = {k: ("" if v is None else v) for k, v in ((feat.get("properties") or {}).items())}
        parsed.append((props, y, x, i))
    return parsed


def _schouw_from_table(df: pd.DataFrame, label: str, geopoint_kolom: str | None, lat_kolom: str | None,
                       lon_kolom: str | None) -> list[tuple[dict[str, Any], float, float, int]]:
    cols = list(df.columns)
    lower = {c.lower(): c for c in cols}
    lat_names = ("lat", "latitude", "breedtegraad", "y_wgs84")
    lon_names = ("lon", "lng", "long", "longitude", "lengtegraad", "x_wgs84")
    lat_col = lat_kolom or next((lower[n] for n in lat_names if n in lower), None)
    lon_col = lon_kolom or next((lower[n] for n in lon_names if n in lower), None)
    gp_col = geopoint_kolom
    if lat_col is None or lon_col is None:
        # Kobo: _<name>_latitude / _<name>_longitude ; ODK: <name>-Latitude / <name>-Longitude
        kl = [c for c in cols if re.search(r"(^_|[-/_])latitude$", c, re.I)]
        if kl and gp_col is None:
            lat_col = kl[0]
            lon_col = re.sub(r"(?i)latitude$", lambda m: "Longitude" if m.group(0)[0] == "L" else "longitude",
                             lat_col)
            if lon_col not in cols:
                raise InputError(f"kolom '{lat_col}' gevonden maar de bijbehorende lengtegraadkolom '{lon_col}' "
                                 "ontbreekt", file=label, column=lon_col)
        elif gp_col is None:
            cands = [c for c in cols if c.split("/")[-1].lower() in ("locatie", "geopunt", "geopoint", "gps",
                                                                      "location", "plek")]
            if not cands:
                for c in cols:
                    vals = [str(v).strip() for v in df[c] if str(v).strip()]
                    if vals and all(re.match(r"^-?\d+(\.\d+)?\s+-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){0,2}$", v)
                                    for v in vals):
                        cands.append(c)
            if not cands:
                raise InputError("geen coördinaten gevonden; verwacht kolommen 'lat' en 'lon' (WGS84) of een "
                                 "geopuntkolom 'locatie' met 'breedtegraad lengtegraad hoogte nauwkeurigheid'",
                                 file=label, column="lat")
            gp_col = cands[0]
    for c in (lat_col if gp_col is None else None, lon_col if gp_col is None else None, gp_col):
        if c is not None and c not in cols:
            raise InputError(f"kolom '{c}' bestaat niet", file=label, column=c)
    parsed = []
    for i, rec in enumerate(df.to_dict("records"), start=1):
        if gp_col is not None:
            lat, lon, _, _ = parse_geopoint(rec[gp_col], file=label, row=i, column=gp_col)
            col = gp_col
        else:
            lat = _parse_float(rec[lat_col])
            lon = _parse_float(rec[lon_col])
            if lat is None or lon is None:
                bad = lat_col if lat is None else lon_col
                raise InputError(f"'{rec[bad]}' is geen coördinaat; verwacht graden als 52.5512",
                                 file=label, row=i, column=bad)
            col = f"{lat_col}/{lon_col}"
        check_nl_coordinates(lat, lon, file=label, row=i, column=col)
        props = {c.split("/")[-1]: v for c, v in rec.items()}
        parsed.append((props, lat, lon, i))
    return parsed


def read_schouw(source: str | Path | pd.DataFrame, *, buurten: Any = None, ernst_schaal: int = 3,
                categorieen: Mapping[str, str] | None = None, geopoint_kolom: str | None = None,
                lat_kolom: str | None = None, lon_kolom: str | None = None):
    """Read schouw observations (points) and assign them to buurten.

    Parameters
    ----------
    source : str, Path or DataFrame
        GeoJSON FeatureCollection of Points (``[lon, lat]`` WGS84, or EPSG:28992 when the file's ``crs`` says
        so), or CSV/XLSX with ``lat`` and ``lon`` columns, Kobo ``_<naam>_latitude``/``_<naam>_longitude``,
        ODK ``<naam>-Latitude``/``<naam>-Longitude``, or a geopoint column (``"lat lon alt precision"``).
        Fields: see :data:`SCHOUW_KOLOMMEN`.
    buurten : GeoDataFrame, optional
        Buurt polygons with a code column (``buurtcode``, ``area_code``, ``code`` or ``statcode``); when given,
        each point gets the ``buurtcode`` of the polygon it lies in.
    ernst_schaal : {3, 5}
        Severity scale: 1-3 (default; colours groen/oranje/rood accepted) or 1-5.
    categorieen : mapping, optional
        Allowed categories (default :data:`SCHOUW_CATEGORIEEN`).
    geopoint_kolom, lat_kolom, lon_kolom : str, optional
        Coordinate columns when automatic detection is not wanted.

    Returns
    -------
    GeoDataFrame
        EPSG:4326 points with ``id``, ``categorie``, ``ernst``, ``datum`` (datetime64), ``dagdeel``,
        ``bijschrift``, ``buurtcode`` (when ``buurten`` is given or the file has one), ``geometry``.

    Raises
    ------
    InputError
        Unknown category, severity outside the scale, bad date, coordinates outside the Netherlands or swapped.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    if ernst_schaal not in ERNST_SCHALEN:
        raise InputError(f"ernst_schaal {ernst_schaal} is ongeldig; kies 3 of 5", column="ernst_schaal")
    cats = dict(categorieen) if categorieen is not None else SCHOUW_CATEGORIEEN
    label = _label(source)
    if isinstance(source, (str, Path)) and Path(source).suffix.lower() in (".geojson", ".json"):
        if not Path(source).exists():
            raise InputError("bestand niet gevonden (schouw)", file=label)
        parsed = _schouw_from_geojson(Path(source), label)
        check_no_person_columns({k for p, *_ in parsed for k in p}, file=label, what="de schouw")
    else:
        df, label = _read_table(source, "schouw")
        check_no_person_columns([c for c in df.columns if not c.startswith("_")], file=label, what="de schouw")
        parsed = _schouw_from_table(df, label, geopoint_kolom, lat_kolom, lon_kolom)
    records, points = [], []
    seen_ids: dict[str, int] = {}
    for props, lat, lon, i in parsed:
        rec = _schouw_record(props, i, label, ernst_schaal, cats)
        if rec["id"] in seen_ids:
            raise InputError(f"id '{rec['id']}' komt al voor in rij {seen_ids[rec['id']]}", file=label, row=i,
                             column="id")
        seen_ids[rec["id"]] = i
        records.append(rec)
        points.append(Point(lon, lat))
    cols = ["id", "categorie", "ernst", "datum", "dagdeel", "bijschrift"]
    frame = pd.DataFrame(records, columns=cols + (["buurtcode_opgegeven"] if any(
        "buurtcode_opgegeven" in r for r in records) else []))
    frame["datum"] = _to_datetime(frame["datum"].tolist()) if len(frame) else pd.Series([], dtype="datetime64[ns]")
    frame["ernst"] = frame["ernst"].astype(int)
    gdf = gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")
    gdf.attrs["ernst_schaal"] = ernst_schaal
    if buurten is not None:
        gdf = assign_buurten(gdf, buurten)
        if "buurtcode_opgegeven" in gdf.columns:
            diff = gdf[gdf["buurtcode_opgegeven"].notna() & (gdf["buurtcode_opgegeven"] != gdf["buurtcode"])]
            if len(diff):
                warnings.warn(f"{label}: bij {len(diff)} waarneming(en) wijkt de opgegeven buurtcode af van de "
                              f"buurt waarin het punt ligt (ids: {', '.join(diff['id'].head(10))}); de ligging "
                              "van het punt is aangehouden.", UserWarning, stacklevel=2)
    elif "buurtcode_opgegeven" in gdf.columns:
        gdf = gdf.rename(columns={"buurtcode_opgegeven": "buurtcode"})
    return gdf


def _code_column(buurten: pd.DataFrame) -> str:
    for col in ("buurtcode", "area_code", "code", "statcode", "BU_CODE", "buurt_code"):
        if col in buurten.columns:
            return col
    raise InputError("de buurtindeling heeft geen codekolom; verwacht 'buurtcode', 'area_code', 'code' of "
                     "'statcode'", column="buurtcode")


def assign_buurten(points, buurten, *, code_column: str | None = None):
    """Assign each point to the buurt polygon it lies in (spatial join).

    Parameters
    ----------
    points : GeoDataFrame
        Points (any CRS).
    buurten : GeoDataFrame or str or Path
        Buurt polygons (any CRS; reprojected to the points' CRS) or a file readable by geopandas.
    code_column : str, optional
        Code column of ``buurten``; detected when not given.

    Returns
    -------
    GeoDataFrame
        ``points`` with a column ``buurtcode`` (missing for points outside every buurt, with a warning).
    """
    import geopandas as gpd

    if isinstance(buurten, (str, Path)):
        buurten = gpd.read_file(buurten)
    col = code_column or _code_column(buurten)
    polys = buurten[[col, "geometry"]].rename(columns={col: "_bu"})
    if polys.crs is not None and points.crs is not None and polys.crs != points.crs:
        polys = polys.to_crs(points.crs)
    pts = points.drop(columns=["buurtcode"], errors="ignore").copy()
    pts["_volgorde"] = np.arange(len(pts))
    joined = gpd.sjoin(pts, polys, how="left", predicate="intersects")
    joined = joined.sort_values("_volgorde").drop_duplicates("_volgorde", keep="first")
    out = pts.copy()
    out["buurtcode"] = joined["_bu"].to_numpy()
    out = out.drop(columns="_volgorde")
    outside = out[out["buurtcode"].isna()]
    if len(outside):
        ids = ", ".join(map(str, outside["id"].head(10))) if "id" in outside.columns else ""
        warnings.warn(f"{len(outside)} punt(en) liggen buiten alle buurten en krijgen geen buurtcode ({ids})",
                      UserWarning, stacklevel=2)
    return out


def aggregate_schouw(schouw: pd.DataFrame) -> pd.DataFrame:
    """Count schouw observations per buurt and category.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``categorie``, ``aantal``, ``ernst_gemiddeld``, ``ernst_max``.
    """
    if "buurtcode" not in schouw.columns:
        raise InputError("de schouwwaarnemingen hebben nog geen buurtcode; lees ze in met buurten=...",
                         column="buurtcode")
    data = schouw[schouw["buurtcode"].notna()]
    agg = data.groupby(["buurtcode", "categorie"]).agg(aantal=("ernst", "size"), ernst_gemiddeld=("ernst", "mean"),
                                                       ernst_max=("ernst", "max")).reset_index()
    return pd.DataFrame(agg)


# ----------------------------------------------------------------------------------------------------------------
# (c) Signals from professionals
# ----------------------------------------------------------------------------------------------------------------


def read_signals(source: str | Path | pd.DataFrame, *, buurten: Any = None,
                 themas: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read signals (short stories) from professionals.

    Parameters
    ----------
    source : str, Path or DataFrame
        CSV or XLSX with the columns of :data:`SIGNAAL_KOLOMMEN`: ``datum``, ``buurtcode``, ``thema``,
        ``bronrol``, ``tekst`` (and optionally ``id``).
    buurten : optional
        Known buurt codes (see :func:`read_survey`).
    themas : mapping, optional
        Allowed themes (default :data:`SIGNAAL_THEMAS`).

    Returns
    -------
    DataFrame
        Columns ``id``, ``datum`` (datetime64), ``buurtcode``, ``thema``, ``bronrol``, ``tekst``, ``signaal``
        (catalogue id of one of the 61 signals of the Inspiratieboek, or "") and ``signaal_vrij`` (the text of
        the optional ``signaal`` column when it is not a catalogue signal; kept, not refused).

    Raises
    ------
    InputError
        A column that looks like a person-name or contact field (``naam``, ``melder``, ``email`` ...), a
        ``bronrol`` that looks like a person's name, unknown theme, bad buurt code or date, empty text.

    Warns
    -----
    UserWarning
        When a text seems to mention a person by name ("meneer Jansen"); such texts should be rewritten.
    """
    from wijklib.gemeenschap.barrieres import match_signal

    allowed = dict(themas) if themas is not None else SIGNAAL_THEMAS
    df, label = _read_table(source, "signalen")
    check_no_person_columns(df.columns, file=label, what="signalen van professionals")
    _require_columns(df, [c.name for c in SIGNAAL_KOLOMMEN if c.required], label, "signalen")
    known = _known_codes(buurten)
    rows = []
    seen_ids: dict[str, int] = {}
    named: list[str] = []
    for i, rec in enumerate(df.to_dict("records"), start=1):
        sid = str(rec.get("id", "")).strip() or f"SG{i:03d}"
        if sid in seen_ids:
            raise InputError(f"id '{sid}' komt al voor in rij {seen_ids[sid]}", file=label, row=i, column="id")
        seen_ids[sid] = i
        datum = _parse_date(rec["datum"], file=label, row=i, column="datum")
        code = _check_buurtcode(rec["buurtcode"], file=label, row=i, column="buurtcode", known=known)
        thema = _identifier(rec["thema"])
        if thema not in allowed:
            raise InputError(f"thema '{rec['thema']}' is onbekend; kies uit: {', '.join(allowed)}",
                             file=label, row=i, column="thema")
        rol_raw = str(rec["bronrol"]).strip()
        rol = rol_raw.lower()
        if not rol:
            raise InputError("bronrol ontbreekt; vul de rol van de professional in (bv. wijkagent)",
                             file=label, row=i, column="bronrol")
        if not any(rol.startswith(r) for r in BRONROLLEN) and _NAME_ROLE_RE.match(rol_raw):
            raise InputError(f"bronrol '{rol_raw}' lijkt een persoonsnaam; vul alleen de rol in (bv. wijkagent, "
                             "jongerenwerker). Namen van professionals of bewoners horen niet in deze gegevens.",
                             file=label, row=i, column="bronrol")
        tekst = str(rec["tekst"]).strip()
        if not tekst:
            raise InputError("tekst ontbreekt", file=label, row=i, column="tekst")
        if _HONORIFIC_RE.search(tekst):
            named.append(sid)
        try:
            signaal, signaal_vrij = match_signal(rec.get("signaal", ""))
        except ValueError as exc:
            raise InputError(str(exc), file=label, row=i, column="signaal") from None
        rows.append((sid, datum, code, thema, rol, tekst, signaal, signaal_vrij))
    if named:
        warnings.warn(f"{label}: tekst van signaal {', '.join(named[:10])} lijkt een persoon bij naam te noemen "
                      "(meneer/mevrouw + naam); herschrijf zonder namen.", UserWarning, stacklevel=2)
    out = pd.DataFrame(rows, columns=["id", "datum", "buurtcode", "thema", "bronrol", "tekst", "signaal",
                                      "signaal_vrij"])
    out["datum"] = _to_datetime(out["datum"].tolist()) if len(out) else pd.Series([], dtype="datetime64[ns]")
    return out


def aggregate_signals(signals: pd.DataFrame) -> pd.DataFrame:
    """Count signals per buurt and theme.

    Returns
    -------
    DataFrame
        Columns ``buurtcode``, ``thema``, ``aantal``, ``eerste``, ``laatste`` (dates), ``bronrollen``
        (distinct roles, ``; ``-separated: several independent roles make a signal stronger).
    """
    if signals.empty:
        return pd.DataFrame(columns=["buurtcode", "thema", "aantal", "eerste", "laatste", "bronrollen"])
    agg = signals.groupby(["buurtcode", "thema"]).agg(
        aantal=("id", "size"), eerste=("datum", "min"), laatste=("datum", "max"),
        bronrollen=("bronrol", lambda s: "; ".join(sorted(set(s))))).reset_index()
    return pd.DataFrame(agg)


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


def _cli(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    import argparse

    parser = argparse.ArgumentParser(description="Schrijf de invoersjablonen voor vertelde gegevens.")
    parser.add_argument("map", nargs="?", default="templates/invoer")
    args = parser.parse_args(argv)
    for path in write_templates(args.map):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_cli())
