"""Read and write stakeholder maps: an XLSX workbook or a folder of CSV files, plus the empty input templates.

Input layout (sheet names in the workbook, file names in a CSV folder):

=============  ======================  ==================================================================
sheet          CSV file                 required columns (other columns: see the template's 'Uitleg' sheet)
=============  ======================  ==================================================================
Actoren        actoren.csv              actor_id, naam, actortype
Relaties       relaties.csv             bron, doel, type
Beoordelingen  beoordelingen.csv        actor_id
Rondes         rondes.csv               ronde
Informanten    informanten.csv          informant
Toestemming    toestemming.csv          informant, datum (consent; see :mod:`wijklib.stakeholders.records`)
Ledencheck     ledencheck.csv           datum, getoond, aan (member checks)
Logboek        logboek.csv              datum, auteur_rol, tekst (reflexive log)
=============  ======================  ==================================================================

Only *Actoren* is required. When a consent table is present, the statements of informants who withdrew (or whose
consent does not cover them) are removed while loading, so no result can contain them. CSV files may use ``;`` or
``,`` as separator and UTF-8 or Windows-1252 encoding (what Dutch Excel writes). Yes/no cells accept ja/nee, j/n, waar/onwaar, 1/0, x. Decimal commas are accepted.
Every error names the file (and sheet), the row as Excel shows it (header = row 1) and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

import pandas as pd
from pydantic import ValidationError

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text
from wijklib.io.csvsafe import neutralise_workbook, safe_csv_text
from wijklib.io.tables import cell_text, is_empty, open_workbook, parse_date, read_csv_rows, read_sheet_rows
from wijklib.io.yesno import parse_yes_no
from wijklib.errors import InputError, literal_choices_nl

from . import privacy
from .model import Actor, Assessment, Informant, Relation, Round, StakeholderSet
from .records import CONSENT_SCOPES, Consent, LogEntry, MemberCheck, apply_consent, for_sharing, records_from_tables
from .vocab import LEVELS, RELATION_LABELS, RELATION_TYPES, RUNG_NAMES, SCALES, WORLD_LABELS, WORLDS, actor_types, fold

__all__ = ["load_stakeholders", "write_csv", "write_xlsx", "write_templates", "TABLES"]

# name -> (model, sheet name, required columns, optional columns, column kinds)
_BOOL = "bool"
_NUM = "num"
_INT = "int"
_DATE = "date"
_TEXT = "text"

TABLES: dict[str, dict[str, Any]] = {
    "actoren": {
        "model": Actor, "sheet": "Actoren", "required": ["actor_id", "naam", "actortype"],
        "columns": {
            "actor_id": _TEXT, "naam": _TEXT, "actortype": _TEXT, "actortype_label": _TEXT,
            "natuurlijk_persoon": _BOOL, "rol": _TEXT, "formeel": _BOOL, "wereld": _TEXT, "groep": _TEXT,
            "domein": _TEXT, "niveau": _TEXT, "gebied": _TEXT, "nodig": _BOOL, "notitie": _TEXT,
        },
    },
    "relaties": {
        "model": Relation, "sheet": "Relaties", "required": ["bron", "doel", "type"],
        "columns": {
            "ronde": _TEXT, "informant": _TEXT, "bron": _TEXT, "doel": _TEXT, "type": _TEXT, "gericht": _BOOL,
            "sterkte": _INT, "bestaat": _BOOL, "notitie": _TEXT,
        },
    },
    "beoordelingen": {
        "model": Assessment, "sheet": "Beoordelingen", "required": ["actor_id"],
        "columns": {
            "ronde": _TEXT, "informant": _TEXT, "actor_id": _TEXT, "macht": _NUM, "belang": _NUM, "houding": _NUM,
            "vertrouwen": _NUM, "bereik": _NUM, "bereik_groepen": _TEXT, "legitimiteit": _NUM, "urgentie": _NUM,
            "trede_huidig": _TEXT, "trede_doel": _TEXT, "notitie": _TEXT,
        },
    },
    "rondes": {
        "model": Round, "sheet": "Rondes", "required": ["ronde"],
        "columns": {"ronde": _TEXT, "datum": _DATE, "soort": _TEXT, "omschrijving": _TEXT},
    },
    "informanten": {
        "model": Informant, "sheet": "Informanten", "required": ["informant"],
        "columns": {"informant": _TEXT, "rol": _TEXT, "actor_id": _TEXT, "notitie": _TEXT},
    },
    "toestemming": {
        "model": Consent, "sheet": "Toestemming", "required": ["informant", "datum"],
        "columns": {"informant": _TEXT, "datum": _DATE, "reikwijdte": _TEXT, "ingetrokken": _DATE,
                    "notitie": _TEXT},
    },
    "ledencheck": {
        "model": MemberCheck, "sheet": "Ledencheck", "required": ["datum", "getoond", "aan"],
        "columns": {"datum": _DATE, "ronde": _TEXT, "getoond": _TEXT, "aan": _TEXT, "reactie": _TEXT,
                    "veranderd": _TEXT, "actor_id": _TEXT, "thema": _TEXT},
    },
    "logboek": {
        "model": LogEntry, "sheet": "Logboek", "required": ["datum", "auteur_rol", "tekst"],
        "columns": {"datum": _DATE, "auteur_rol": _TEXT, "tekst": _TEXT, "ronde": _TEXT, "actor_id": _TEXT,
                    "thema": _TEXT},
    },
}
#: the research-record tables (read beside the map, not part of the network records)
RECORD_TABLES = ("toestemming", "ledencheck", "logboek")

_ALIASES = {"id": "actor_id", "van": "bron", "naar": "doel", "persoon": "natuurlijk_persoon", "label": "naam",
            "relatietype": "type", "soort_relatie": "type", "huidige_trede": "trede_huidig",
            "doel_trede": "trede_doel", "doeltrede": "trede_doel"}
#: columns that must never be read in (informants are known by code and role only)
_FORBIDDEN = {name: {"naam", "name", "achternaam", "voornaam"}
              for name in ("informanten", "toestemming", "ledencheck", "logboek")}


def _norm_col(name: object) -> str:
    key = fold(str(name)).replace(" ", "_")
    return _ALIASES.get(key, key)


def _parse_bool(value: Any) -> bool:
    answer = parse_yes_no(value)  # the one yes/no vocabulary (wijklib.io.yesno)
    if answer is None:
        raise ValueError(f"verwacht ja of nee, niet {value!r}")
    return answer


def _parse_num(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"verwacht een getal, niet {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if re.fullmatch(r"[+-]?\d+(,\d+)?", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"verwacht een getal, niet {value!r}") from None


def _parse_int(value: Any) -> int:
    num = _parse_num(value)
    if not float(num).is_integer():
        raise ValueError(f"verwacht een geheel getal, niet {value!r}")
    return int(num)


_PARSERS: dict[str, Callable[[Any], Any]] = {_BOOL: _parse_bool, _NUM: _parse_num, _INT: _parse_int,
                                             _DATE: parse_date, _TEXT: cell_text}


def _pydantic_message(exc: ValidationError, spec: dict) -> tuple[str, str | None]:
    err = exc.errors()[0]
    column = str(err["loc"][0]) if err["loc"] else None
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "verplichte waarde ontbreekt", column
    if kind == "literal_error":
        allowed = literal_choices_nl(err.get("ctx", {}).get("expected", ""))
        return f"ongeldige waarde {value!r}; toegestaan: {allowed}", column
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = {"sterkte": (1, 3)}.get(column or "", (None, None))
        rng = f" (toegestaan: {lo} tot en met {hi})" if lo is not None else ""
        return f"waarde {value!r} ligt buiten het bereik{rng}", column
    if kind == "string_too_short":
        return "mag niet leeg zijn", column
    msg = err.get("msg", "")
    msg = re.sub(r"^(Value error|Assertion failed), ", "", msg)
    return msg, column


def _records(rows: list[tuple[int, dict[str, Any]]], name: str, where: str, excel: bool,
             warnings: list[str]) -> list:
    spec = TABLES[name]
    model = spec["model"]
    out = []
    for row_no, raw in rows:
        data: dict[str, Any] = {}
        for col, value in raw.items():
            kind = spec["columns"].get(col)
            if kind is None or is_empty(value):
                continue
            try:
                data[col] = _PARSERS[kind](value)
            except ValueError as exc:
                raise InputError(str(exc), file=where, row=row_no, column=col) from None
        if name == "actoren":
            if "wereld" in data:
                key = fold(data["wereld"])
                data["wereld"] = {"leefwereld": "leef", "systeemwereld": "systeem", "beide werelden": "beide",
                                  "criminele kant": "crimineel"}.get(key, key)
            if "niveau" in data:
                data["niveau"] = fold(data["niveau"])
        if name == "relaties" and "type" in data:
            data["type"] = fold(data["type"])
        try:
            rec = model(**data)
        except ValidationError as exc:
            msg, column = _pydantic_message(exc, spec)
            raise InputError(msg, file=where, row=row_no, column=column) from None
        out.append(rec.with_origin(where, row_no))
    return out


def _check_columns(header: list[str], name: str, where: str, warnings: list[str]) -> None:
    spec = TABLES[name]
    missing = [c for c in spec["required"] if c not in header]
    if missing:
        raise InputError(
            f"verplichte kolom(men) ontbreken: {', '.join(missing)}. Gevonden kolommen: "
            f"{', '.join(h for h in header if h) or '(geen)'}. Gebruik het sjabloon in templates/invoer/stakeholders/",
            file=where, column=missing[0])
    forbidden = _FORBIDDEN.get(name, set()) & set(header)
    if forbidden:
        raise InputError(
            f"kolom {sorted(forbidden)[0]!r} hoort hier niet: informanten worden alleen met een code en een rol "
            "vastgelegd, nooit met hun naam. Verwijder de kolom", file=where, column=sorted(forbidden)[0])
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        raise InputError(f"kolom {dupes[0]!r} komt meer dan eens voor", file=where, column=dupes[0])
    extra = [h for h in header if h and h not in spec["columns"]]
    if extra:
        warnings.append(f"{where}: kolom(men) genegeerd: {', '.join(extra)}")


def load_stakeholders(path: str | Path, *, vocabulary=None, key_path: str | Path | None = None) -> StakeholderSet:
    """Read a stakeholder map from an XLSX workbook or a folder with CSV files and validate it.

    Parameters
    ----------
    path : str or Path
        ``*.xlsx`` workbook with sheets Actoren, Relaties, Beoordelingen, Rondes, Informanten (only Actoren is
        required), or a folder with ``actoren.csv`` and optionally ``relaties.csv``, ``beoordelingen.csv``,
        ``rondes.csv``, ``informanten.csv``.
    vocabulary : ActorTypeVocabulary, optional
        Actor types to validate against; default: from the shipped catalogue.
    key_path : str or Path, optional
        Pseudonym key file; default ``$WIJKLIB_PSEUDONIEM_KEY`` or ``~/.config/wijklib/pseudoniem.key``.

    Returns
    -------
    StakeholderSet

    Raises
    ------
    InputError
        With the file (and sheet), row and column of the first problem: missing columns, values out of range,
        duplicate ids, unknown actors in relations, unknown actor types, named suspects.
    """
    path = Path(path)
    warnings: list[str] = []
    tables: dict[str, list] = {}
    present: set[str] = set()
    if path.is_dir():
        for name in TABLES:
            file = path / f"{name}.csv"
            if not file.exists():
                continue
            header, rows = read_csv_rows(file, normalize=_norm_col)
            _check_columns(header, name, str(file), warnings)
            tables[name] = _records(rows, name, str(file), False, warnings)
            present.add(name)
        if "actoren" not in present:
            raise InputError("map bevat geen actoren.csv (verplicht); zie templates/invoer/stakeholders/", file=path)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        with open_workbook(path) as wb:
            sheets = {fold(ws.title): ws for ws in wb.worksheets}
            for name, spec in TABLES.items():
                ws = sheets.get(fold(spec["sheet"]))
                if ws is None:
                    continue
                where = f"{path} (blad '{ws.title}')"
                header, rows = read_sheet_rows(ws, normalize=_norm_col, allow_empty=True)
                if not header:
                    continue
                _check_columns(header, name, where, warnings)
                tables[name] = _records(rows, name, where, True, warnings)
                present.add(name)
        if "actoren" not in present:
            raise InputError("werkboek heeft geen blad 'Actoren' (verplicht); zie templates/invoer/stakeholders/",
                             file=path)
    elif path.suffix.lower() == ".csv":
        raise InputError("geef de map met actoren.csv, relaties.csv, ... op, niet één CSV-bestand", file=path)
    else:
        raise InputError("verwacht een .xlsx-werkboek of een map met CSV-bestanden", file=path)

    sset = StakeholderSet.from_records(
        tables["actoren"], tables.get("relaties", []), tables.get("beoordelingen", []),
        tables.get("rondes") if tables.get("rondes") else None,
        tables.get("informanten") if tables.get("informanten") else None,
        vocabulary=vocabulary, source=path, key_path=key_path, warnings=warnings)
    if any(tables.get(n) for n in RECORD_TABLES):
        records = records_from_tables(tables)
        _check_record_refs(sset, records)
        sset = apply_consent(sset, records)  # withdrawal honoured before anything else sees the statements
    return sset


def _check_record_refs(sset: StakeholderSet, records) -> None:
    known_inf, known_act, known_rnd = set(sset.informant_ids), {a.actor_id for a in sset.actors}, set(sset.round_ids)
    for c in records.consents:
        if c.informant not in known_inf and c.ingetrokken is None:  # a withdrawn informant may be gone already
            raise InputError(f"onbekende informant {c.informant!r} in de toestemming; die staat niet in de lijst "
                             "met informanten", file=c.origin[0], row=c.origin[1], column="informant")
    for rec in (*records.member_checks, *records.log):
        if rec.actor_id is not None and rec.actor_id not in known_act:
            raise InputError(f"onbekende actor {rec.actor_id!r}", file=rec.origin[0], row=rec.origin[1],
                             column="actor_id")
        if rec.ronde is not None and rec.ronde not in known_rnd:
            raise InputError(f"onbekende ronde {rec.ronde!r}; bekend: {', '.join(sset.round_ids)}",
                             file=rec.origin[0], row=rec.origin[1], column="ronde")
    missing = sorted(set(sset.informant_ids) - {c.informant for c in records.consents} - {"groep"})
    if records.consents and missing:
        sset.warnings.append(f"geen toestemming geregistreerd voor informant(en) {', '.join(missing)}: hun "
                             "uitspraken tellen niet mee")


# -- writing ----------------------------------------------------------------------------------------------------
def _frames(sset: StakeholderSet, allow_names: bool) -> dict[str, pd.DataFrame]:
    actors = sset.actors_frame(allow_names).drop(columns=["label", "actortype_naam"])
    relations = sset.relations_frame(allow_names).drop(columns=["bron_label", "doel_label"])
    assessments = sset.assessments_frame(allow_names).drop(columns=["label"])
    out = {"actoren": actors, "relaties": relations, "beoordelingen": assessments,
           "rondes": sset.rounds_frame(), "informanten": sset.informants_frame(allow_names)}
    records = sset.records
    if records is not None:
        scrub = sset.scrubber(allow_names)
        ids = sset.public_ids(allow_names)
        present = set(sset.informant_ids)  # informants left out for sharing take their consent row with them
        # the researcher's own copy (with names) keeps the row of an informant who withdrew, so that a reload
        # still honours the withdrawal; an export to share never holds that informant's row or note
        gone = {c.informant for c in records.consents if c.informant not in present}
        consent = pd.DataFrame([{**c.model_dump(), "reikwijdte": "|".join(c.reikwijdte)} for c in records.consents
                                if c.informant in present or (allow_names and c.ingetrokken is not None)],
                               columns=list(TABLES["toestemming"]["columns"]))
        consent["notitie"] = consent["notitie"].map(scrub)
        out["toestemming"] = consent
        for name, frame in (("ledencheck", records.member_checks_frame(scrub)), ("logboek", records.log_frame(scrub))):
            frame["actor_id"] = frame["actor_id"].map(lambda a: ids.get(a, a) if isinstance(a, str) else a)
            if not allow_names and gone and len(frame):
                frame = frame[~frame.apply(lambda row: _mentions(row, gone), axis=1)].reset_index(drop=True)
            out[name] = frame
    return out


def _mentions(row: pd.Series, codes: set[str]) -> bool:
    """Whether a text cell of a member check or log entry names one of the informant ``codes`` (whole word)."""
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(codes)) + r")(?![\w-])")
    return any(isinstance(v, str) and pattern.search(v) for v in row.to_numpy())


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def write_csv(sset: StakeholderSet, folder: str | Path, *, allow_names: bool = False,
              on: dt.date | None = None) -> list[Path]:
    """Write the set as CSV files (UTF-8, ``,``) in the loader's format; persons pseudonymised by default.

    With ``allow_names=False`` natural persons appear by pseudonym id and role, and person names are removed
    from notes, so the files can be shared; they can be read back with :func:`load_stakeholders`. The content
    is checked for person names before anything is written (:func:`wijklib.stakeholders.privacy.refuse_names`).
    Such an export is meant for partners, so it only holds the statements of informants whose consent covers
    ``delen`` on ``on`` (default: today; :func:`wijklib.stakeholders.records.for_sharing`); a
    :class:`~wijklib.stakeholders.records.SharingWarning` says how many were left out. ``allow_names=True``
    is the researcher's own copy: everything, with names.

    Raises
    ------
    PrivacyLeakError
        When a person name would end up in a file (without ``allow_names``); nothing is written then.
    """
    folder = Path(folder)
    if not allow_names:
        sset = for_sharing(sset, on, warn=True)
    frames = _frames(sset, allow_names)
    texts = {f"{name}.csv": safe_csv_text(df.map(_cell), index=False) for name, df in frames.items()}
    if not allow_names:  # privacy audit on the content before anything is written; then the key's fingerprint
        privacy.check_frames(frames, sset)
        privacy.refuse_names(texts, sset)
    folder.mkdir(parents=True, exist_ok=True)
    if not allow_names and sset.pseudonyms():
        privacy.record_fingerprint(folder, sset._pseudonym_key(), key_path=sset.key_path)
    return [atomic_write_text(folder / name, text) for name, text in texts.items()]


def write_xlsx(sset: StakeholderSet, path: str | Path, *, allow_names: bool = False,
               on: dt.date | None = None) -> Path:
    """Write the set as a workbook in the template layout (with the explanation sheet); persons pseudonymised.

    As :func:`write_csv`: without ``allow_names`` only statements whose consent covers ``delen`` on ``on``.
    """
    path = Path(path)
    if not allow_names:
        sset = for_sharing(sset, on, warn=True)
    frames = _frames(sset, allow_names)
    if not allow_names:  # privacy audit on the content before anything is written; then the key's fingerprint
        privacy.check_frames(frames, sset)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not allow_names and sset.pseudonyms():
        privacy.record_fingerprint(path.parent, sset._pseudonym_key(), key_path=sset.key_path)

    def check(data: bytes) -> None:
        if not allow_names:
            privacy.refuse_names({path.name: data}, sset)

    _write_workbook(path, {TABLES[n]["sheet"]: frames[n].map(_cell) for n in TABLES if n in frames},
                    sset.vocabulary, before_write=check)
    return path


# -- templates --------------------------------------------------------------------------------------------------
_HELP: dict[str, dict[str, str]] = {
    "actoren": {
        "actor_id": "Verplicht. Korte unieke code, bijvoorbeeld A01. Geen namen van personen in de code.",
        "naam": "Verplicht. Naam van de organisatie of groep. Bij een persoon: de naam (wordt nooit getoond "
                "zonder uitdrukkelijke toestemming; zie 'rol').",
        "actortype": "Verplicht. Id of naam uit de catalogus (blad Keuzelijsten), of 'overig'.",
        "actortype_label": "Omschrijving als actortype 'overig' is.",
        "natuurlijk_persoon": "ja/nee. 'ja' voor een individueel persoon (sleutelpersoon, wijkagent). "
                              "Personen worden in kaarten en exports getoond met hun rol of een pseudoniem.",
        "rol": "Rol van een persoon, zoals 'wijkagent Oost' of 'sleutelpersoon moedergroep'. Dit label wordt "
               "getoond in plaats van de naam.",
        "formeel": "ja/nee: formele organisatie of informeel verband. Leeg = uit de catalogus.",
        "wereld": "systeem, leef of beide (systeemwereld/leefwereld); crimineel alleen voor een contextknoop. "
                  "Leeg = uit de catalogus.",
        "groep": "Stakeholdergroep, bijvoorbeeld bewoners, ondernemers, professionals. Leeg = uit de catalogus.",
        "domein": "Domein, bijvoorbeeld veiligheid, zorg, wonen, onderwijs, jeugd.",
        "niveau": "bestuurlijk, tactisch of uitvoerend (leeg bij bewoners en groepen).",
        "gebied": "CBS-code van buurt (BU…), wijk (WK…) of gemeente (GM…).",
        "nodig": "ja/nee: hoort deze partij bij de 'coalitie van de noodzakelijken'?",
        "notitie": "Vrije tekst. Schrijf hier geen namen van personen.",
    },
    "relaties": {
        "ronde": "Code van de ronde (blad Rondes). Leeg = R1.",
        "informant": "Code van wie deze relatie noemde (blad Informanten). Leeg = 'groep'.",
        "bron": "Verplicht. actor_id van de ene kant (bij een gerichte relatie: van wie de relatie uitgaat).",
        "doel": "Verplicht. actor_id van de andere kant.",
        "type": "Verplicht. " + ", ".join(f"{k} ({v})" for k, v in RELATION_LABELS.items()) + ".",
        "gericht": "ja/nee. ja = van bron naar doel (pijl); nee = wederzijds. Leeg = ja.",
        "sterkte": "1 (zwak), 2 (gemiddeld) of 3 (sterk). Leeg = 2.",
        "bestaat": "ja/nee. 'nee' = de informant zegt uitdrukkelijk dat deze relatie er NIET is. Leeg = ja.",
        "notitie": "Vrije tekst. Schrijf hier geen namen van personen.",
    },
    "beoordelingen": {
        "ronde": "Code van de ronde. Leeg = R1.",
        "informant": "Code van de informant die deze inschatting gaf. Leeg = 'groep'.",
        "actor_id": "Verplicht. Welke actor wordt beoordeeld.",
        **{k: f"{v[2]}. Schaal {v[0]:g} tot {v[1]:g}; leeg = niet beoordeeld." for k, v in SCALES.items()},
        "bereik_groepen": "Welke groepen in de wijk deze actor bereikt, gescheiden door | (bijv. jongeren|moeders).",
        "trede_huidig": "Huidige trede op de participatieladder: 1-6 of "
                        + ", ".join(RUNG_NAMES.values()) + ".",
        "trede_doel": "Gewenste trede (zelfde waarden). Let op: hoger is niet vanzelf beter.",
        "notitie": "Vrije tekst. Schrijf hier geen namen van personen.",
    },
    "rondes": {
        "ronde": "Verplicht. Korte code, bijvoorbeeld R1.",
        "datum": "Datum van de wijktafel of het interview (2024-03-12).",
        "soort": "Bijvoorbeeld wijktafel, interview, Net-Map-sessie.",
        "omschrijving": "Vrije tekst.",
    },
    "informanten": {
        "informant": "Verplicht. Code, bijvoorbeeld I1. Nooit een naam.",
        "rol": "Rol van de informant, bijvoorbeeld 'bewoner', 'wijkagent'.",
        "actor_id": "Optioneel: de actor (organisatie) waar de informant bij hoort.",
        "notitie": "Vrije tekst. Schrijf hier geen namen van personen.",
    },
}

_HELP["toestemming"] = {
    "informant": "Verplicht. Code van de informant (blad Informanten). Nooit een naam.",
    "datum": "Verplicht. Datum waarop de informant toestemming gaf (2024-03-12).",
    "reikwijdte": "Waarvoor de toestemming geldt, gescheiden door | : " + "; ".join(
        f"{k} ({v})" for k, v in CONSENT_SCOPES.items()) + ". 'alles' = alle vijf. Leeg = nergens voor.",
    "ingetrokken": "Datum waarop de informant de toestemming introk. Dan tellen al zijn of haar relaties, "
                   "beoordelingen en verhalen nergens meer mee.",
    "notitie": "Vrije tekst, bijvoorbeeld hoe de toestemming is gevraagd. Geen namen.",
}
_HELP["ledencheck"] = {
    "datum": "Verplicht. Wanneer de uitkomst is voorgelegd.",
    "ronde": "Bij welke ronde de voorgelegde uitkomst hoort (blad Rondes).",
    "getoond": "Verplicht. Wat is voorgelegd, bijvoorbeeld 'netwerkkaart ronde 1' of 'samenvatting verhalen'.",
    "aan": "Verplicht. Aan wie: een rol of groep (bijv. 'moedergroep', 'informant I2'), nooit een naam.",
    "reactie": "Hun reactie, in eigen woorden samengevat. Geen namen.",
    "veranderd": "Wat daardoor is veranderd in de gegevens of de analyse.",
    "actor_id": "Optioneel: de actor waar het over ging.",
    "thema": "Optioneel: het thema of de code waar het over ging.",
}
_HELP["logboek"] = {
    "datum": "Verplicht. Datum van de aantekening.",
    "auteur_rol": "Verplicht. Rol van wie schrijft, bijvoorbeeld 'onderzoeker' of 'co-onderzoeker bewoner'.",
    "tekst": "Verplicht. De reflectie: eigen positie, aannames, twijfels, keuzes. Geen namen van personen.",
    "ronde": "Optioneel: de ronde waar de aantekening bij hoort.",
    "actor_id": "Optioneel: de actor waar de aantekening over gaat.",
    "thema": "Optioneel: het thema of de code.",
}

_INTRO = [
    "Invulsjabloon stakeholderkaart (wijklib)",
    "",
    "Vul per blad één regel per actor, relatie, beoordeling, ronde of informant in. Alleen het blad Actoren is "
    "verplicht. De kopregel (rij 1) niet veranderen; extra kolommen worden genegeerd.",
    "Eén record, alle methoden: uit dezelfde gegevens maakt wijklib het macht-belangrooster, de "
    "saliëntieklassen (Mitchell), het krachtenveld, bereik x vertrouwen, de participatieladder en de "
    "netwerkanalyse.",
    "Relaties en beoordelingen worden per informant en per ronde vastgelegd. Zo blijven verschillen tussen "
    "informanten en veranderingen tussen rondes zichtbaar.",
    "Privacy: natuurlijke personen worden in alle kaarten en exports met hun rol of een pseudoniem getoond. "
    "Leg nooit personen vast als verdachte of lid van een crimineel netwerk: dat weigert wijklib. Een "
    "abstracte contextknoop 'crimineel netwerk' (geen persoon) mag wel.",
    "Ja/nee-kolommen: ja/nee (of j/n, 1/0). Decimale komma mag.",
    "",
]


def _write_workbook(path: Path, frames: dict[str, pd.DataFrame], vocabulary,
                    before_write: Callable[[bytes], None] | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from wijklib.io.workbook import wrap_sheet
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Uitleg"
    for line in _INTRO:
        ws.append([line])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        if len(line) > 100:
            ws.row_dimensions[ws.max_row].height = 15 * (len(line) // 130 + 1)
    ws["A1"].font = Font(bold=True, size=14)
    for name, spec in TABLES.items():
        ws.append([f"Blad {spec['sheet']}"])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=3)
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(["kolom", "verplicht", "uitleg"])
        for col in spec["columns"]:
            ws.append([col, "ja" if col in spec["required"] else "", _HELP[name].get(col, "")])
        ws.append([])
    wrap_sheet(ws, (22, 10, 110))

    lists = wb.create_sheet("Keuzelijsten")
    types = vocabulary.frame() if vocabulary is not None else pd.DataFrame(columns=["id", "naam"])
    columns = {
        "actortype": list(types["id"]) + ["overig"],
        "actortype_naam": list(types["naam"]) + ["overig (vul actortype_label in)"],
        "actortype_bron": [str(b) for b in types.get("bron", pd.Series(dtype=object)).fillna("catalogus")]
                          + ["eigen omschrijving"],
        "relatietype": list(RELATION_TYPES),
        "wereld": [w for w in WORLDS],
        "wereld_uitleg": [WORLD_LABELS[w] for w in WORLDS],
        "niveau": list(LEVELS),
        "trede": [f"{k} {v}" for k, v in RUNG_NAMES.items()],
        "ja_nee": ["ja", "nee"],
        "sterkte": ["1", "2", "3"],
        "schaal_1_5": ["1", "2", "3", "4", "5"],
        "houding": ["-2", "-1", "0", "1", "2"],
        "bereik": ["0", "1", "2", "3"],
        "soort_ronde": ["wijktafel", "interview", "Net-Map-sessie", "focusgroep", "schouw", "bijeenkomst"],
        "reikwijdte": ["alles", *CONSENT_SCOPES, "relaties|beoordelingen", "relaties|beoordelingen|verhalen"],
    }
    for j, (head, values) in enumerate(columns.items(), start=1):
        lists.cell(1, j, head).font = Font(bold=True)
        for i, v in enumerate(values, start=2):
            lists.cell(i, j, v)
        lists.column_dimensions[lists.cell(1, j).column_letter].width = 28
    if not vocabulary.available:
        lists.cell(1, len(columns) + 2, "Let op: de catalogus heeft nog geen actortypen; gebruik ib.actor.<naam> "
                                         "of overig.")

    def letter(n: int) -> str:
        return lists.cell(1, n).column_letter

    list_ref = {k: f"Keuzelijsten!${letter(j)}$2:${letter(j)}${max(2, len(v) + 1)}"
                for j, (k, v) in enumerate(columns.items(), start=1)}
    # references to the codes on the other sheets (actors, rounds, informants) are lists as well
    list_ref["actor"] = "Actoren!$A$2:$A$1000"
    list_ref["ronde"] = "Rondes!$A$2:$A$200"
    list_ref["informant"] = "Informanten!$A$2:$A$500"
    validations = {
        "actoren": {"natuurlijk_persoon": "ja_nee", "formeel": "ja_nee", "nodig": "ja_nee", "wereld": "wereld",
                    "niveau": "niveau", "actortype": "actortype"},
        "relaties": {"type": "relatietype", "gericht": "ja_nee", "bestaat": "ja_nee", "sterkte": "sterkte",
                     "ronde": "ronde", "informant": "informant", "bron": "actor", "doel": "actor"},
        "beoordelingen": {"ronde": "ronde", "informant": "informant", "actor_id": "actor",
                          "macht": "schaal_1_5", "belang": "schaal_1_5", "houding": "houding",
                          "vertrouwen": "schaal_1_5", "bereik": "bereik", "legitimiteit": "schaal_1_5",
                          "urgentie": "schaal_1_5", "trede_huidig": "trede", "trede_doel": "trede"},
        "rondes": {"soort": "soort_ronde"},
        "informanten": {"actor_id": "actor"},
        "toestemming": {"informant": "informant", "reikwijdte": "reikwijdte"},
        "ledencheck": {"ronde": "ronde", "actor_id": "actor"},
        "logboek": {"ronde": "ronde", "actor_id": "actor"},
    }
    # free combinations and decimals stay possible: only warn for these lists
    soft = {"actortype", "reikwijdte", "soort_ronde", "schaal_1_5", "houding", "bereik"}
    for name, spec in TABLES.items():
        sheet = wb.create_sheet(spec["sheet"])
        df = frames.get(spec["sheet"])
        cols = list(spec["columns"])
        sheet.append(cols)
        for c in range(1, len(cols) + 1):
            sheet.cell(1, c).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(1, c).column_letter].width = max(12, len(cols[c - 1]) + 4)
        if df is not None:
            for rec in df.to_dict("records"):
                sheet.append([rec.get(c, "") for c in cols])
        sheet.freeze_panes = "A2"
        for col, lst in validations.get(name, {}).items():
            c = cols.index(col) + 1
            lt = sheet.cell(1, c).column_letter
            dv = DataValidation(type="list", formula1=f"={list_ref[lst]}", allow_blank=True,
                                showErrorMessage=lst not in soft)
            dv.error = "Kies een waarde uit de lijst (blad Keuzelijsten)."
            dv.errorStyle = "warning"
            sheet.add_data_validation(dv)
            dv.add(f"{lt}2:{lt}1000")
        # comments with the explanation on the header cells
        from openpyxl.comments import Comment

        for c, col in enumerate(cols, start=1):
            text = _HELP[name].get(col)
            if text:
                sheet.cell(1, c).comment = Comment(text, "wijklib")
    import io

    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)  # user text that begins with '=' stays text, never a formula
    if before_write is not None:
        before_write(buf.getvalue())
    atomic_write_bytes(path, buf.getvalue())


def write_templates(folder: str | Path, *, vocabulary=None) -> list[Path]:
    """Write the empty input templates: ``stakeholders_sjabloon.xlsx`` and one CSV per table (header only).

    The workbook has the explanation sheet 'Uitleg' (Dutch) and a sheet 'Keuzelijsten' with the actor types of
    the catalogue, the relation types, worlds, levels and rungs; columns with a fixed list get a drop-down.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = vocabulary if vocabulary is not None else actor_types()
    xlsx = folder / "stakeholders_sjabloon.xlsx"
    _write_workbook(xlsx, {}, vocabulary)
    out = [xlsx]
    for name, spec in TABLES.items():
        file = folder / f"{name}.csv"
        atomic_write_text(file, ",".join(spec["columns"]) + "\n")
        out.append(file)
    readme = folder / "LEESMIJ.md"
    lines = ["# Invulsjablonen stakeholderkaart", "",
             "Vul `stakeholders_sjabloon.xlsx` in (uitleg op het eerste blad), of de CSV-bestanden in een eigen map.",
             "Inlezen: `wijklib.stakeholders.load_stakeholders(pad)`. Alleen `actoren` is verplicht.", ""]
    for name, spec in TABLES.items():
        lines += [f"## {name}.csv (blad {spec['sheet']})", "", "| kolom | verplicht | uitleg |", "|---|---|---|"]
        lines += [f"| `{c}` | {'ja' if c in spec['required'] else ''} | {_HELP[name].get(c, '')} |"
                  for c in spec["columns"]]
        lines.append("")
    atomic_write_text(readme, "\n".join(lines))
    out.append(readme)
    return out
