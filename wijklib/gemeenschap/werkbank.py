"""The wijkverbinder's workbench: community work of the Handreiking Weerbare gemeenschappen (004) as tables.

The Handreiking (ESS/SZW, 2024) describes in 12 steps how a gemeente and a community build resilience against
undermining crime together. It gives lists, not instruments; this module turns five of them into spreadsheets a
wijkverbinder keeps per area, each linked to the steps of 004 by catalogue id (``hr.stap.s01`` ... ``s12``):

``kennismaking`` (acquaintance log)
    What was done to get to know the area and community, with one of the 16 methods (004 stap 3, p. 11; stap 6,
    p. 15; stap 7, p. 16; bijlage 1, p. 34). :func:`acquaintance_overview` shows per buurt which methods were used
    and which not yet.
``sleutelpersonen`` (key-person register)
    Key persons (004 stap 6, p. 15: definition) with the networks they reach and protection notes. 004 warns that
    the visibility of network members makes them vulnerable and asks for care and safety agreements (verdiepende
    informatie stap 8, tips). Names stay in the wijkverbinder's own file: :func:`read_key_persons` replaces them by
    a keyed pseudonym (:func:`wijklib.stakeholders.privacy.pseudonym`) and scrubs them from every free text;
    no function of this module returns or writes a name.
``veerkracht`` (resilience factors)
    Several respondents per buurt score the 10 resilience factors of 004 (stap 2, p. 8). 004 gives no scale or
    score; scale, aggregation and the agreement rule are wijklib's choice (*keuze van wijklib*), the same as in the
    quickscan (:mod:`wijklib.readiness.quickscan`, whose item statistics are reused).
``activiteiten`` (activity plan)
    The 14 example activities (verdiepende informatie stap 10) with the cooperation form and the participation
    level chosen in step 10 (p. 20).
``zelfevaluatie`` (self-assessment)
    The tasks and competences 004 gives the wijkverbinder and the gemeenteverbinder (stap 5, p. 13 and
    verdiepende informatie stap 5), scored by the person in the role.

Scale (keuze van wijklib): ``0`` = zwak / nog niet, ``1`` = beperkt, ``2`` = redelijk, ``3`` = sterk / goed, or
``weet niet`` (not a zero: counted separately). Agreement: the range of the respondents' scores; a range of at
least :attr:`wijklib.readiness.GateRule.verschil_gesprek` (2 points) is "geen gedeeld beeld", as in the quickscan.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from wijklib.io.tables import cell_text, fold, is_empty, parse_date
from wijklib.errors import InputError
from wijklib.format import number
from wijklib.readiness._files import read_spec_rows
from wijklib.readiness.quickscan import (
    PARTNERS,
    WEET_NIET,
    GateRule,
    item_scores,
    normalise_partner,
    parse_score,
)
from wijklib.told import ColumnSpec

from . import vocab

__all__ = [
    "SCHAAL",
    "STATUSSEN",
    "TABLE_FILES",
    "WERKBANK_STAPPEN",
    "ZICHTBAARHEID",
    "Werkbank",
    "acquaintance_overview",
    "activity_plan",
    "export_key_persons",
    "load_werkbank",
    "parse_scale",
    "read_acquaintance_log",
    "read_activities",
    "read_key_persons",
    "read_resilience",
    "read_self_assessment",
    "resilience_conversation",
    "resilience_profile",
    "resilience_scores",
    "self_assessment_items",
    "self_assessment_scores",
    "step_overview",
    "table_specs",
]

#: The workbench scale (keuze van wijklib): score -> Dutch label.
SCHAAL: dict[int, str] = {0: "zwak / nog niet", 1: "beperkt", 2: "redelijk", 3: "sterk / goed"}
_SCALE_WORDS = {"zwak": 0, "nog niet": 0, "afwezig": 0, "beperkt": 1, "redelijk": 2, "sterk": 3, "goed": 3}
#: Status of a plan row (keuze van wijklib).
STATUSSEN: tuple[str, ...] = ("idee", "gepland", "loopt", "afgerond", "gestopt")
#: Who may know that someone is a key person (keuze van wijklib; 004 asks for care, not for these levels).
ZICHTBAARHEID: dict[str, str] = {
    "alleen_wijkverbinder": "alleen de wijkverbinder weet het",
    "kernteam": "de wijkverbinder en het kernteam",
    "netwerk": "de deelnemers van het netwerk",
    "openbaar": "de persoon treedt zelf openbaar op",
}
#: Who carries a plan row: the 'partij' values of the catalogue's cooperation forms.
_PARTIJEN_KIND = "samenwerkingsvorm"

#: Which steps of 004 each workbench table serves (keuze van wijklib; the steps are 004's).
WERKBANK_STAPPEN: dict[str, tuple[int, ...]] = {
    "kennismaking": (3, 6, 7),
    "sleutelpersonen": (6, 8),
    "veerkracht": (2, 9),
    "activiteiten": (10,),
    "zelfevaluatie": (5, 6, 7, 8, 9, 10, 11, 12),
}

#: File names of the tables in a workbench folder (CSV or XLSX).
TABLE_FILES: dict[str, str] = {
    "kennismaking": "kennismaking", "sleutelpersonen": "sleutelpersonen", "veerkracht": "veerkracht",
    "activiteiten": "activiteiten", "zelfevaluatie": "zelfevaluatie",
}

_SCALE_TEXT = "0 (zwak / nog niet), 1 (beperkt), 2 (redelijk), 3 (sterk / goed) of 'weet niet'"
_BUURT_RE = re.compile(r"^BU\d{4}[0-9A-Z]{4}$")


# ---------------------------------------------------------------------------------------------------------------
# Column specifications (templates and readers use the same ones)
# ---------------------------------------------------------------------------------------------------------------

def _partijen(cat=None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.attr("partij") for e in vocab.entries(_PARTIJEN_KIND, cat)))


def table_specs(cat=None) -> dict[str, tuple[str, tuple[ColumnSpec, ...]]]:
    """Title and column specifications of the five workbench tables, with dropdown choices from the catalogue."""
    km = vocab.choices("kennismakingsmethode", cat)
    steps = tuple(str(e.attr("nummer")) for e in vocab.entries(vocab.STEP_KIND, cat))
    buurt = ColumnSpec("buurtcode", True, "CBS-buurtcode: BU + 8 tekens", "Buurt waar het over gaat.", "BU99010101")
    scale = tuple(str(k) for k in SCHAAL) + (WEET_NIET,)
    respondent = ColumnSpec("respondent", True, "betekenisloze code", "Code van wie invult, bv. R01. Nooit een naam.",
                            "R01")
    return {
        "kennismaking": ("Kennismakingslogboek: gebied en gemeenschap leren kennen (004, stap 3, 6 en 7)", (
            ColumnSpec("datum", True, "datum JJJJ-MM-DD", "Wanneer je dit deed.", "2025-03-04"),
            buurt,
            ColumnSpec("methode", True, "een van de 16 methoden",
                       "Hoe je het gebied leerde kennen: een van de 16 manieren uit de Handreiking (tabblad "
                       "'lijsten').", km[0], km),
            ColumnSpec("stap", False, "stapnummer 1-12",
                       "Stap van de Handreiking waarin je dit deed. Leeg = de eerste stap waar de methode bij hoort.",
                       "3", steps),
            ColumnSpec("uitvoerder", True, "rol, geen naam", "Wie het deed, als rol (wijkverbinder, ...).",
                       "wijkverbinder"),
            ColumnSpec("bevinding", False, "korte tekst zonder namen", "Wat je leerde. Geen namen of adressen.",
                       "Bewonersvereniging bestaat 30 jaar; trekt vooral oudere bewoners."),
            ColumnSpec("vervolg", False, "korte tekst", "Wat je hierna doet.", "Jongerenwerk vragen om mee te lopen."),
        )),
        "sleutelpersonen": ("Register van sleutelpersonen (004, stap 6 en 8): blijft bij de wijkverbinder", (
            ColumnSpec("code", False, "eigen code",
                       "Eigen code (bv. SP01). Vul 'code' of 'naam' in; wijklib toont alleen een pseudoniem.", "SP01"),
            ColumnSpec("naam", False, "naam (blijft lokaal)",
                       "Naam alleen in je eigen bestand; wijklib vervangt die door een pseudoniem en deelt hem nooit.",
                       "Fenna Fictief"),
            ColumnSpec("type", True, "soort sleutelpersoon", "Soort sleutelpersoon uit de Handreiking.",
                       vocab.choices("sleutelpersoon_type", cat)[0], vocab.choices("sleutelpersoon_type", cat)),
            buurt,
            ColumnSpec("bereikt", False, "groepen of netwerken",
                       "Welke groepen of netwerken deze persoon bereikt (geen namen).", "moeders van de basisschool"),
            ColumnSpec("eerste_contact", False, "datum JJJJ-MM-DD", "Datum van het eerste gesprek.", "2025-02-11"),
            ColumnSpec("via_methode", False, "een van de 16 methoden", "Hoe je deze persoon leerde kennen.",
                       km[9], km),
            ColumnSpec("zichtbaarheid", True, "wie het mag weten",
                       "Wie mag weten dat deze persoon sleutelpersoon is (keuze van wijklib): "
                       + "; ".join(f"{k} = {v}" for k, v in ZICHTBAARHEID.items()) + ".",
                       "kernteam", tuple(ZICHTBAARHEID)),
            ColumnSpec("bescherming", False, "korte tekst",
                       "Afspraken over veiligheid en vertrouwelijkheid (bv. met wijkagent of veiligheidshuis).",
                       "Niet samen met politie zichtbaar op straat."),
        )),
        "veerkracht": ("Weerbaarheidsfactoren per buurt, door meerdere respondenten (004, stap 2 en 9)", (
            buurt, respondent,
            ColumnSpec("partner", True, "soort organisatie", "Namens wie: " + ", ".join(PARTNERS) + ".", "welzijn",
                       tuple(PARTNERS)),
            ColumnSpec("factor", True, "een van de 10 factoren", "De weerbaarheidsfactor uit de Handreiking.",
                       vocab.choices("weerbaarheidsfactor", cat)[0], vocab.choices("weerbaarheidsfactor", cat)),
            ColumnSpec("score", True, "0-3 of 'weet niet'", f"Hoe sterk is deze factor in de buurt? {_SCALE_TEXT}. "
                       "Schaal: keuze van wijklib.", "2", scale),
            ColumnSpec("toelichting", False, "korte tekst zonder namen", "Waarom dit antwoord?", ""),
            ColumnSpec("datum", False, "datum JJJJ-MM-DD", "Datum van invullen.", "2025-04-01"),
        )),
        "activiteiten": ("Activiteitenplan en samenwerkingsvorm (004, stap 10)", (
            buurt,
            ColumnSpec("activiteit", False, "een van de 14 voorbeeldactiviteiten",
                       "Voorbeeldactiviteit uit de Handreiking; leeg als je 'eigen_activiteit' invult.",
                       vocab.choices("weerbaarheidsactiviteit", cat)[0], vocab.choices("weerbaarheidsactiviteit", cat)),
            ColumnSpec("eigen_activiteit", False, "korte tekst", "Een activiteit die niet in de lijst staat.", ""),
            ColumnSpec("doel", False, "korte tekst", "Het (voorlopige) doel uit stap 9, positief geformuleerd.",
                       "Ouders delen tips over opvoeden"),
            ColumnSpec("samenwerkingsvorm", True, "een van de samenwerkingsvormen",
                       "Hoe gemeente, gemeenschap en professionals samenwerken (stap 10).",
                       vocab.choices("samenwerkingsvorm", cat)[0], vocab.choices("samenwerkingsvorm", cat)),
            ColumnSpec("trede", True, "trede van de participatieladder", "Gekozen niveau van samenwerken (stap 10).",
                       vocab.choices("handreiking_ladder_trede", cat)[3],
                       vocab.choices("handreiking_ladder_trede", cat)),
            ColumnSpec("trekker", True, "partij", "Wie trekt de activiteit: " + ", ".join(_partijen(cat)) + ".",
                       "gemeenschap", _partijen(cat)),
            ColumnSpec("status", True, "status", "Stand van zaken (keuze van wijklib): " + ", ".join(STATUSSEN) + ".",
                       "gepland", STATUSSEN),
            ColumnSpec("start", False, "datum JJJJ-MM-DD", "Geplande of werkelijke start.", "2025-09-01"),
            ColumnSpec("eind", False, "datum JJJJ-MM-DD", "Gepland of werkelijk einde.", "2026-06-30"),
        )),
        "zelfevaluatie": ("Zelfevaluatie van wijkverbinder en gemeenteverbinder (004, stap 5)", (
            respondent,
            ColumnSpec("rol", True, "wijkverbinder of gemeenteverbinder", "De rol waarin je jezelf beoordeelt.",
                       "wijkverbinder", tuple(r.rsplit(".", 1)[1] for r in vocab.ROLES)),
            ColumnSpec("item", True, "taak of competentie", "Niet wijzigen: taak of competentie uit de Handreiking.",
                       "hr.rol.wijkverbinder.t01 - " + vocab.catalogue(cat).get("hr.rol.wijkverbinder.t01").name_nl),
            ColumnSpec("score", True, "0-3 of 'weet niet'",
                       f"Hoe goed lukt dit nu? {_SCALE_TEXT}. Schaal: keuze van wijklib.", "2", scale),
            ColumnSpec("toelichting", False, "korte tekst zonder namen", "Voorbeeld of ontwikkelpunt.", ""),
            ColumnSpec("datum", False, "datum JJJJ-MM-DD", "Datum van invullen.", "2025-04-01"),
        )),
    }


# ---------------------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------------------

def _rows(source: str | Path | pd.DataFrame, key: str, cat=None) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """Rows of a workbench table with the required columns checked."""
    specs = table_specs(cat)[key][1]
    return read_spec_rows(source, specs, frame_label=f"tabel {key}", template="in templates/invoer/gemeenschap/")


def _req(raw: Mapping[str, Any], col: str, label: str, row: int, what: str) -> str:
    if is_empty(raw.get(col)):
        raise InputError(f"{col} ontbreekt; verwacht {what}", file=label, row=row, column=col)
    return cell_text(raw[col])


def _buurt(raw, label, row) -> str:
    code = _req(raw, "buurtcode", label, row, "een CBS-buurtcode als BU99010101").upper()
    if not _BUURT_RE.match(code):
        raise InputError(f"{code!r} is geen CBS-buurtcode (BU + 4 cijfers + 4 tekens)", file=label, row=row,
                         column="buurtcode")
    return code


def _date(raw, col, label, row, *, required: bool = False) -> dt.date | None:
    if is_empty(raw.get(col)):
        if required:
            raise InputError(f"{col} ontbreekt; verwacht een datum als 2025-03-04", file=label, row=row, column=col)
        return None
    try:
        return parse_date(raw[col])
    except ValueError as exc:
        raise InputError(str(exc), file=label, row=row, column=col) from None


def _resolve(raw, col, kind, label, row, cat, *, parent=None) -> str:
    try:
        return vocab.resolve(raw[col], kind, cat, parent=parent)
    except ValueError as exc:
        raise InputError(str(exc), file=label, row=row, column=col) from None


def _role_text(raw, col, label, row) -> str:
    text = _req(raw, col, label, row, "een rol, bv. wijkverbinder")
    if "@" in text or len(text.split()) > 4:
        raise InputError(f"{col} {text!r} lijkt een naam of adres; vul alleen een rol in", file=label, row=row,
                         column=col)
    return text.lower()


def _free(raw, col) -> str:
    return "" if is_empty(raw.get(col)) else cell_text(raw[col])


def parse_scale(value: Any) -> float | str | None:
    """Parse a workbench score: 0-3, a scale word (``beperkt``, ``sterk``) or ``weet niet``; empty -> None.

    Numbers and *weet niet* are parsed by :func:`wijklib.readiness.quickscan.parse_score` (same scale 0-3).

    Raises
    ------
    ValueError
        Outside the scale.
    """
    if isinstance(value, str) and fold(value) in _SCALE_WORDS:
        return _SCALE_WORDS[fold(value)]
    if isinstance(value, str):
        head = fold(value).split(" (", 1)[0].split(" / ", 1)[0]
        if head in _SCALE_WORDS:
            return _SCALE_WORDS[head]
    try:
        return parse_score(value)
    except ValueError:
        raise ValueError(f"ongeldige score {cell_text(value)!r}; toegestaan: {_SCALE_TEXT}") from None


def _score(raw, label, row):
    try:
        return parse_scale(raw.get("score"))
    except ValueError as exc:
        raise InputError(str(exc), file=label, row=row, column="score") from None


def _respondent(raw, label, row) -> str:
    text = _req(raw, "respondent", label, row, "een betekenisloze code als R01")
    if "@" in text or len(text) > 40 or len(text.split()) > 2:
        raise InputError(f"respondent {text!r} lijkt een naam of e-mailadres; gebruik een code als R01", file=label,
                         row=row, column="respondent")
    return text


def read_acquaintance_log(source, *, cat=None) -> pd.DataFrame:
    """Read the acquaintance log (*kennismakingslogboek*).

    Returns
    -------
    DataFrame
        ``datum`` (date), ``buurtcode``, ``methode`` (catalogue id), ``methode_naam``, ``code`` (M1-M16),
        ``stap`` (step id ``hr.stap.sNN``), ``uitvoerder`` (role), ``bevinding``, ``vervolg``, ``rij``.

    Raises
    ------
    InputError
        Unknown method, step outside 1-12, bad date or buurt code, missing role; naming file, row and column.
    """
    cat = vocab.catalogue(cat)
    label, rows = _rows(source, "kennismaking", cat)
    out = []
    for n, raw in rows:
        methode = _resolve(raw, "methode", "kennismakingsmethode", label, n, cat)
        if is_empty(raw.get("stap")):
            own = vocab.step_numbers(methode, cat)
            step = own[0] if own else None
        else:
            try:
                step = int(float(cell_text(raw["stap"])))
            except ValueError:
                step = -1
            if not 1 <= step <= 12:
                raise InputError(f"stap {cell_text(raw['stap'])!r} bestaat niet; verwacht een getal 1-12",
                                 file=label, row=n, column="stap")
        entry = cat.get(methode)
        out.append({"datum": _date(raw, "datum", label, n, required=True), "buurtcode": _buurt(raw, label, n),
                    "methode": methode, "methode_naam": entry.name_nl, "code": entry.attr("code"),
                    "stap": vocab.step_id(step) if step else "",
                    "uitvoerder": _role_text(raw, "uitvoerder", label, n), "bevinding": _free(raw, "bevinding"),
                    "vervolg": _free(raw, "vervolg"), "rij": n})
    return pd.DataFrame(out, columns=["datum", "buurtcode", "methode", "methode_naam", "code", "stap", "uitvoerder",
                                      "bevinding", "vervolg", "rij"])


@dataclass(frozen=True)
class _KeyPersons:
    table: pd.DataFrame
    names: Mapping[str, str]  # real name -> pseudonym, never exported


def _read_key_persons(source, *, cat=None, key: bytes | None = None) -> _KeyPersons:
    from wijklib.stakeholders.privacy import Scrubber, load_key, pseudonym

    cat = vocab.catalogue(cat)
    label, rows = _rows(source, "sleutelpersonen", cat)
    names: dict[str, str] = {}
    out = []
    seen: dict[str, int] = {}
    for n, raw in rows:
        naam, code = _free(raw, "naam"), _free(raw, "code")
        if not naam and not code:
            raise InputError("vul 'code' of 'naam' in", file=label, row=n, column="code")
        if naam:
            if key is None:
                key = load_key()
            pid = pseudonym(naam, key, prefix="SP")
            names[naam] = pid
        else:
            if len(code.split()) > 1:
                raise InputError(f"code {code!r} lijkt een naam; zet namen in de kolom 'naam' (die wordt "
                                 "vervangen door een pseudoniem) of gebruik een code als SP01", file=label, row=n,
                                 column="code")
            pid = code
        if pid in seen:
            raise InputError(f"deze sleutelpersoon staat ook al in rij {seen[pid]}", file=label, row=n,
                             column="naam" if naam else "code")
        seen[pid] = n
        zicht = fold(_req(raw, "zichtbaarheid", label, n, "een van " + ", ".join(ZICHTBAARHEID))).replace(" ", "_")
        if zicht not in ZICHTBAARHEID:
            raise InputError(f"zichtbaarheid {cell_text(raw['zichtbaarheid'])!r} is onbekend; kies uit: "
                             + ", ".join(ZICHTBAARHEID), file=label, row=n, column="zichtbaarheid")
        typ = _resolve(raw, "type", "sleutelpersoon_type", label, n, cat)
        via = "" if is_empty(raw.get("via_methode")) else _resolve(raw, "via_methode", "kennismakingsmethode",
                                                                     label, n, cat)
        out.append({"pseudoniem": pid, "type": typ, "type_naam": cat.get(typ).name_nl,
                     "buurtcode": _buurt(raw, label, n), "bereikt": _free(raw, "bereikt"),
                     "eerste_contact": _date(raw, "eerste_contact", label, n), "via_methode": via,
                     "zichtbaarheid": zicht, "bescherming": _free(raw, "bescherming"),
                     "stap": vocab.step_id(6), "rij": n})
    table = pd.DataFrame(out, columns=["pseudoniem", "type", "type_naam", "buurtcode", "bereikt", "eerste_contact",
                                       "via_methode", "zichtbaarheid", "bescherming", "stap", "rij"])
    scrub = Scrubber(names)
    for col in ("bereikt", "bescherming"):
        table[col] = cast("list[Any]", [scrub(v) for v in table[col]])
    return _KeyPersons(table=table, names=names)


def read_key_persons(source, *, cat=None, key: bytes | None = None) -> pd.DataFrame:
    """Read the key-person register and pseudonymise it.

    A name in column ``naam`` is replaced by ``SP-`` plus 8 characters of a keyed HMAC
    (:func:`wijklib.stakeholders.privacy.pseudonym`; key from ``$WIJKLIB_PSEUDONIEM_KEY`` or
    ``~/.config/wijklib/pseudoniem.key`` unless ``key`` is given), so the same person gets the same pseudonym in
    every round; names are also removed from the free-text columns. Without a name the own ``code`` is used.

    Returns
    -------
    DataFrame
        ``pseudoniem``, ``type`` (catalogue id), ``type_naam``, ``buurtcode``, ``bereikt``, ``eerste_contact``,
        ``via_methode`` (catalogue id or ""), ``zichtbaarheid``, ``bescherming``, ``stap`` (``hr.stap.s06``),
        ``rij``. There is no name column.
    """
    return _read_key_persons(source, cat=cat, key=key).table


def _read_scored(source, key: str, cat, *, item_col: str, resolve_item) -> pd.DataFrame:
    label, rows = _rows(source, key, cat)
    out = []
    seen: dict[tuple, int] = {}
    partner_of: dict[str, str] = {}
    for n, raw in rows:
        if is_empty(raw.get("score")) and is_empty(raw.get("toelichting")):
            continue  # template row left empty
        score = _score(raw, label, n)
        if score is None:
            continue
        respondent = _respondent(raw, label, n)
        item, extra = resolve_item(raw, label, n)
        if key == "veerkracht":
            try:
                partner = normalise_partner(_req(raw, "partner", label, n, "een partner"))
            except ValueError as exc:
                raise InputError(str(exc), file=label, row=n, column="partner") from None
            if partner_of.setdefault(respondent, partner) != partner:
                raise InputError(f"respondent {respondent!r} staat eerder als {partner_of[respondent]!r}; één "
                                 "respondent spreekt voor één partner", file=label, row=n, column="partner")
            extra["partner"] = partner
        group = (extra.get("buurtcode", ""), respondent, item)
        if group in seen:
            raise InputError(f"respondent {respondent!r} beantwoordt {item!r} twee keer (ook rij {seen[group]})",
                             file=label, row=n, column=item_col)
        seen[group] = n
        out.append({**extra, "respondent": respondent, "item": item,
                    "score": float("nan") if score == WEET_NIET else float(score), "weet_niet": score == WEET_NIET,
                    "toelichting": _free(raw, "toelichting"), "datum": _date(raw, "datum", label, n), "rij": n})
    return pd.DataFrame(out)


def read_resilience(source, *, cat=None) -> pd.DataFrame:
    """Read the assessment of the 10 resilience factors (long format, one row per answer).

    Returns
    -------
    DataFrame
        ``buurtcode``, ``partner``, ``respondent``, ``item`` (factor id), ``score`` (float, NaN for *weet niet*),
        ``weet_niet``, ``toelichting``, ``datum``, ``rij``. Empty rows of the template are left out.

    Raises
    ------
    InputError
        Unknown factor or partner, score outside the scale, the same respondent twice on one factor in one buurt,
        one respondent under two partners, a respondent code that looks like a name.
    """
    cat = vocab.catalogue(cat)

    def item(raw, label, n):
        return (_resolve(raw, "factor", "weerbaarheidsfactor", label, n, cat), {"buurtcode": _buurt(raw, label, n)})

    df = _read_scored(source, "veerkracht", cat, item_col="factor", resolve_item=item)
    cols = ["buurtcode", "partner", "respondent", "item", "score", "weet_niet", "toelichting", "datum", "rij"]
    return df.reindex(columns=cols) if len(df) else pd.DataFrame(columns=cols)


def read_self_assessment(source, *, cat=None) -> pd.DataFrame:
    """Read the self-assessment of wijkverbinder and gemeenteverbinder.

    Returns
    -------
    DataFrame
        ``rol`` (role id), ``respondent``, ``item`` (task or competence id of that role), ``score``,
        ``weet_niet``, ``toelichting``, ``datum``, ``rij``.
    """
    cat = vocab.catalogue(cat)

    def item(raw, label, n):
        rol_text = fold(_req(raw, "rol", label, n, "wijkverbinder of gemeenteverbinder"))
        rol = next((r for r in vocab.ROLES if r.endswith("." + rol_text) or r == rol_text), None)
        if rol is None:
            raise InputError(f"rol {cell_text(raw['rol'])!r} is onbekend; kies wijkverbinder of gemeenteverbinder",
                             file=label, row=n, column="rol")
        text = _req(raw, "item", label, n, "een taak of competentie uit het sjabloon")
        ids = {e.id for e in cat.children(rol)}
        head = text.split(" - ", 1)[0].strip()
        if head not in ids:
            try:
                head = vocab.resolve(text, "roltaak", cat, parent=rol)
            except ValueError:
                try:
                    head = vocab.resolve(text, "rolcompetentie", cat, parent=rol)
                except ValueError:
                    raise InputError(f"{text!r} is geen taak of competentie van de {rol_text}; gebruik de regels "
                                     "van het sjabloon", file=label, row=n, column="item") from None
        return head, {"rol": rol}

    df = _read_scored(source, "zelfevaluatie", cat, item_col="item", resolve_item=item)
    cols = ["rol", "respondent", "item", "score", "weet_niet", "toelichting", "datum", "rij"]
    return df.reindex(columns=cols) if len(df) else pd.DataFrame(columns=cols)


def read_activities(source, *, cat=None) -> pd.DataFrame:
    """Read the activity plan (step 10).

    Returns
    -------
    DataFrame
        ``buurtcode``, ``activiteit`` (catalogue id or ""), ``activiteit_naam`` (catalogue name or the own
        activity), ``systeemniveau`` (micro/meso/exo from the catalogue, "" for an own activity), ``doel``,
        ``samenwerkingsvorm``, ``samenwerkingsvorm_naam``, ``trede``, ``trede_niveau`` (1-6), ``trekker``,
        ``status``, ``start``, ``eind``, ``stap`` (``hr.stap.s10``), ``rij``.
    """
    cat = vocab.catalogue(cat)
    label, rows = _rows(source, "activiteiten", cat)
    partijen = _partijen(cat)
    out = []
    for n, raw in rows:
        if is_empty(raw.get("activiteit")) and is_empty(raw.get("eigen_activiteit")):
            raise InputError("vul 'activiteit' (uit de lijst) of 'eigen_activiteit' in", file=label, row=n,
                             column="activiteit")
        act = "" if is_empty(raw.get("activiteit")) else _resolve(raw, "activiteit", "weerbaarheidsactiviteit",
                                                                    label, n, cat)
        vorm = _resolve(raw, "samenwerkingsvorm", "samenwerkingsvorm", label, n, cat)
        trede = _resolve(raw, "trede", "handreiking_ladder_trede", label, n, cat)
        trekker = fold(_req(raw, "trekker", label, n, ", ".join(partijen))).replace(" ", "_")
        if trekker not in partijen:
            raise InputError(f"trekker {cell_text(raw['trekker'])!r} is onbekend; kies uit: {', '.join(partijen)}",
                             file=label, row=n, column="trekker")
        status = fold(_req(raw, "status", label, n, ", ".join(STATUSSEN)))
        if status not in STATUSSEN:
            raise InputError(f"status {cell_text(raw['status'])!r} is onbekend; kies uit: {', '.join(STATUSSEN)}",
                             file=label, row=n, column="status")
        start, eind = _date(raw, "start", label, n), _date(raw, "eind", label, n)
        if start and eind and eind < start:
            raise InputError(f"eind ({eind}) ligt voor start ({start})", file=label, row=n, column="eind")
        entry = cat.get(act) if act else None
        out.append({"buurtcode": _buurt(raw, label, n), "activiteit": act,
                    "activiteit_naam": entry.name_nl if entry else _free(raw, "eigen_activiteit"),
                    "systeemniveau": entry.attr("niveau") if entry else "", "doel": _free(raw, "doel"),
                    "samenwerkingsvorm": vorm, "samenwerkingsvorm_naam": cat.get(vorm).name_nl, "trede": trede,
                    "trede_niveau": int(cat.get(trede).attr("niveau")), "trekker": trekker, "status": status,
                    "start": start, "eind": eind, "stap": vocab.step_id(10), "rij": n})
    return pd.DataFrame(out, columns=["buurtcode", "activiteit", "activiteit_naam", "systeemniveau", "doel",
                                      "samenwerkingsvorm", "samenwerkingsvorm_naam", "trede", "trede_niveau",
                                      "trekker", "status", "start", "eind", "stap", "rij"])


# ---------------------------------------------------------------------------------------------------------------
# The workbench as one object
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Werkbank:
    """The five workbench tables of one gemeente (any of them may be empty).

    Free text in every table is scrubbed of the names in the key-person register when loaded with
    :func:`load_werkbank`; the names themselves are not kept.
    """

    kennismaking: pd.DataFrame
    sleutelpersonen: pd.DataFrame
    veerkracht: pd.DataFrame
    activiteiten: pd.DataFrame
    zelfevaluatie: pd.DataFrame
    bestanden: dict[str, str] = field(default_factory=dict)

    @property
    def buurten(self) -> list[str]:
        """All buurt codes in the workbench, sorted."""
        codes: set[str] = set()
        for t in (self.kennismaking, self.sleutelpersonen, self.veerkracht, self.activiteiten):
            if "buurtcode" in t.columns:
                codes |= set(t["buurtcode"])
        return sorted(codes)


def _find(folder: Path, stem: str) -> Path | None:
    for suffix in (".xlsx", ".csv"):
        if (folder / f"{stem}{suffix}").exists():
            return folder / f"{stem}{suffix}"
    return None


def load_werkbank(folder: str | Path, *, cat=None, key: bytes | None = None) -> Werkbank:
    """Read a workbench folder (``kennismaking``, ``sleutelpersonen``, ``veerkracht``, ``activiteiten``,
    ``zelfevaluatie`` as .csv or .xlsx; a missing file gives an empty table).

    Raises
    ------
    InputError
        When the folder does not exist, and every problem of the readers.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("map van de werkbank bestaat niet", file=folder)
    cat = vocab.catalogue(cat)
    files = {k: _find(folder, stem) for k, stem in TABLE_FILES.items()}
    if not any(files.values()):
        raise InputError("map bevat geen werkbankbestanden (kennismaking, sleutelpersonen, veerkracht, activiteiten, "
                         "zelfevaluatie als .csv of .xlsx)", file=folder)
    empty = {k: pd.DataFrame({s.name: [] for s in specs}) for k, (_, specs) in table_specs(cat).items()}

    def src(k):
        return files[k] if files[k] is not None else empty[k]

    kp = _read_key_persons(src("sleutelpersonen"), cat=cat, key=key)
    from wijklib.stakeholders.privacy import Scrubber

    scrub = Scrubber(kp.names)
    bank = Werkbank(kennismaking=read_acquaintance_log(src("kennismaking"), cat=cat), sleutelpersonen=kp.table,
                    veerkracht=read_resilience(src("veerkracht"), cat=cat),
                    activiteiten=read_activities(src("activiteiten"), cat=cat),
                    zelfevaluatie=read_self_assessment(src("zelfevaluatie"), cat=cat),
                    bestanden={k: p.name for k, p in files.items() if p is not None})
    for table, cols in ((bank.kennismaking, ("bevinding", "vervolg")), (bank.veerkracht, ("toelichting",)),
                        (bank.activiteiten, ("doel", "activiteit_naam")), (bank.zelfevaluatie, ("toelichting",))):
        for col in cols:
            if col in table.columns:
                table[col] = cast("list[Any]", [scrub(v) for v in table[col]])
    return bank


# ---------------------------------------------------------------------------------------------------------------
# Analyses
# ---------------------------------------------------------------------------------------------------------------

def acquaintance_overview(log: pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Per buurt and method: how often and when it was used, and which methods were not used yet.

    Returns
    -------
    DataFrame
        One row per buurt x the 16 methods: ``buurtcode``, ``code``, ``methode``, ``methode_naam``,
        ``stappen`` (steps of 004 the catalogue links to the method, e.g. ``"3, 6"``), ``keer``, ``laatst``
        (last date or None), ``gebruikt`` (bool) and ``bron`` (section in 004).
    """
    cat = vocab.catalogue(cat)
    methods = vocab.entries("kennismakingsmethode", cat)
    rows = []
    for buurt in sorted(set(log["buurtcode"])):
        sub = log[log["buurtcode"] == buurt]
        for m in methods:
            hits = sub[sub["methode"] == m.id]
            rows.append({"buurtcode": buurt, "code": m.attr("code"), "methode": m.id, "methode_naam": m.name_nl,
                         "stappen": ", ".join(str(s) for s in vocab.step_numbers(m.id, cat)),
                         "keer": len(hits), "laatst": max(hits["datum"]) if len(hits) else None,
                         "gebruikt": bool(len(hits)),
                         "bron": f"Handreiking Weerbare gemeenschappen, {m.source.section}"})
    return pd.DataFrame(rows, columns=["buurtcode", "code", "methode", "methode_naam", "stappen", "keer", "laatst",
                                       "gebruikt", "bron"])


def _factor_items(cat) -> pd.DataFrame:
    niveaus = {"individu": "individueel niveau", "sociale_omgeving": "sociale omgeving",
               "kracht_gemeenschap": "kracht van de gemeenschap"}
    return pd.DataFrame([{"nr": i, "item": e.id, "factor": e.name_nl, "niveau": e.attr("niveau"),
                          "niveau_naam": niveaus.get(e.attr("niveau"), e.attr("niveau")),
                          "bron": f"Handreiking Weerbare gemeenschappen, {e.source.section}"}
                         for i, e in enumerate(vocab.entries("weerbaarheidsfactor", cat), start=1)])


def _label(mean: float) -> str:
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "geen antwoorden"
    return SCHAAL[int(min(3, max(0, math.floor(mean + 0.5))))]


def resilience_scores(answers: pd.DataFrame, *, rule: GateRule | None = None, cat=None) -> pd.DataFrame:
    """Scores and agreement per buurt and resilience factor.

    The statistics per factor are those of the quickscan items (:func:`wijklib.readiness.quickscan.item_scores`):
    ``n`` numeric answers, ``n_weet_niet``, ``gemiddelde``, ``sd`` (``ddof=0``), ``min``, ``max``, ``verschil``.

    Returns
    -------
    DataFrame
        One row per buurt x 10 factors, document order: ``buurtcode``, ``nr``, ``item``, ``factor``, ``niveau``,
        ``niveau_naam``, the statistics above, ``oordeel`` (scale label of the mean), ``gedeeld_beeld`` (bool:
        range below ``rule.verschil_gesprek``; False when fewer than two numeric answers) and ``bron``.
    """
    cat = vocab.catalogue(cat)
    rule = rule or GateRule()
    items = _factor_items(cat)
    frames = []
    for buurt in sorted(set(answers["buurtcode"])):
        per = item_scores(answers[answers["buurtcode"] == buurt], items=items)
        per.insert(0, "buurtcode", buurt)
        frames.append(per)
    cols = ["buurtcode", *items.columns, "n", "n_weet_niet", "gemiddelde", "sd", "min", "max", "verschil"]
    if not frames:
        return pd.DataFrame(columns=cols + ["oordeel", "gedeeld_beeld"])
    out = pd.concat(frames, ignore_index=True)[cols]
    out["oordeel"] = [_label(m) for m in out["gemiddelde"]]
    out["gedeeld_beeld"] = [bool(n >= 2 and v < rule.verschil_gesprek - 1e-12) for n, v in
                            zip(out["n"], out["verschil"].fillna(np.inf))]
    return out


def resilience_profile(scores: pd.DataFrame) -> pd.DataFrame:
    """The mean per factor (rows, document order) and buurt (columns): the table behind the heat map."""
    table = scores.pivot_table(index=["nr", "factor"], columns="buurtcode", values="gemiddelde", aggfunc="first",
                               dropna=False)
    table.index = table.index.get_level_values("factor")
    table.columns.name = "buurtcode"
    return table


def resilience_conversation(scores: pd.DataFrame, answers: pd.DataFrame, *,
                            rule: GateRule | None = None) -> pd.DataFrame:
    """Conversation points for step 9 (keuze van wijklib): per buurt the factors without a shared picture, with
    more than ``rule.max_aandeel_weet_niet`` (default a third) *weet niet* answers, or the weakest factor.

    Returns
    -------
    DataFrame
        ``buurtcode``, ``factor``, ``reden`` and ``antwoorden`` (per partner, e.g. ``"welzijn 3, politie 1"``).
    """
    rule = rule or GateRule()
    rows = []
    for buurt, grp in scores.groupby("buurtcode", sort=True):
        scored = grp.dropna(subset=["gemiddelde"])
        weakest = scored.loc[cast(Any, scored["gemiddelde"].idxmin())] if len(scored) else None
        for _, r in grp.iterrows():
            reasons = []
            if r["n"] >= 2 and not r["gedeeld_beeld"]:
                reasons.append(f"geen gedeeld beeld: antwoorden lopen {r['verschil']:.0f} punten uiteen")
            total = r["n"] + r["n_weet_niet"]
            if total and r["n_weet_niet"] / total > rule.max_aandeel_weet_niet + 1e-12:
                reasons.append(f"{r['n_weet_niet']} van de {total} respondenten weet het niet")
            if weakest is not None and r["item"] == weakest["item"]:
                reasons.append(f"zwakste factor in deze buurt (gemiddeld {number(r['gemiddelde'], 1, thousands=False)})")
            if not reasons:
                continue
            sub = answers[(answers["buurtcode"] == buurt) & (answers["item"] == r["item"])]
            parts = [f"{p} " + "/".join(WEET_NIET if wn else f"{int(s)}" for s, wn in zip(g["score"], g["weet_niet"]))
                     for p, g in sub.groupby("partner", sort=False)]
            rows.append({"buurtcode": buurt, "factor": r["factor"], "reden": "; ".join(reasons),
                         "antwoorden": ", ".join(parts)})
    return pd.DataFrame(rows, columns=["buurtcode", "factor", "reden", "antwoorden"])


def activity_plan(plan: pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Per buurt: the activities by system level, the cooperation forms and participation levels chosen.

    004 asks in step 9 how to strengthen resilience at micro, meso and exo level (p. 19). wijklib lists per buurt
    which of these levels have no planned or running activity yet (``open_niveaus``): a conversation point, not a
    norm (keuze van wijklib).

    Returns
    -------
    DataFrame
        ``buurtcode``, ``activiteiten`` (number, not stopped), ``micro``, ``meso``, ``exo`` (activity names),
        ``open_niveaus``, ``samenwerkingsvormen``, ``treden`` (participation levels, lowest-highest) and
        ``trekkers``.
    """
    cat = vocab.catalogue(cat)
    levels = [e.attr("code") for e in vocab.entries("systeemniveau", cat) if e.attr("code") != "macro"]
    rows = []
    for buurt, grp in plan.groupby("buurtcode", sort=True):
        live = grp[grp["status"] != "gestopt"]
        row = {"buurtcode": buurt, "activiteiten": len(live)}
        for lv in levels:
            row[lv] = "; ".join(live.loc[live["systeemniveau"] == lv, "activiteit_naam"])
        row["open_niveaus"] = ", ".join(lv for lv in levels if not row[lv])
        row["samenwerkingsvormen"] = "; ".join(dict.fromkeys(live["samenwerkingsvorm_naam"]))
        names = {int(cat.get(t).attr("niveau")): cat.get(t).name_nl for t in live["trede"]}
        row["treden"] = (f"{names[min(names)]} - {names[max(names)]}" if len(names) > 1 else
                         next(iter(names.values()), ""))
        row["trekkers"] = ", ".join(dict.fromkeys(live["trekker"]))
        rows.append(row)
    return pd.DataFrame(rows, columns=["buurtcode", "activiteiten", *levels, "open_niveaus", "samenwerkingsvormen",
                                       "treden", "trekkers"])


def self_assessment_items(cat=None) -> pd.DataFrame:
    """The tasks and competences of wijkverbinder and gemeenteverbinder (catalogue order).

    Returns
    -------
    DataFrame
        ``nr``, ``rol``, ``rol_naam``, ``item``, ``soort`` (taak / competentie), ``naam``, ``omschrijving``,
        ``stap`` (step id or "" for a competence) and ``bron``.
    """
    cat = vocab.catalogue(cat)
    rows: list[dict[str, Any]] = []
    for rol in vocab.ROLES:
        for e in cat.children(rol):
            if e.kind not in ("roltaak", "rolcompetentie"):
                continue
            steps = vocab.step_numbers(e.id, cat) if e.kind == "roltaak" else ()
            rows.append({"nr": len(rows) + 1, "rol": rol, "rol_naam": cat.get(rol).name_nl, "item": e.id,
                         "soort": "taak" if e.kind == "roltaak" else "competentie", "naam": e.name_nl,
                         "omschrijving": e.description_nl, "stap": vocab.step_id(steps[0]) if steps else "",
                         "bron": f"Handreiking Weerbare gemeenschappen, {e.source.section}"})
    return pd.DataFrame(rows)


def self_assessment_scores(answers: pd.DataFrame, *, cat=None) -> pd.DataFrame:
    """Scores per task and competence (all items, also unanswered), with the item statistics of the quickscan.

    Returns
    -------
    DataFrame
        The columns of :func:`self_assessment_items` plus ``n``, ``n_weet_niet``, ``gemiddelde``, ``sd``,
        ``min``, ``max``, ``verschil`` and ``oordeel``.
    """
    items = self_assessment_items(cat)
    out = item_scores(answers, items=items)
    out["oordeel"] = [_label(m) for m in out["gemiddelde"]]
    return out


def step_overview(bank: Werkbank, *, buurten: Iterable[str] | None = None, cat=None) -> pd.DataFrame:
    """What the workbench holds per step of 004 (the link to the process tracker, by step id).

    ``buurten`` limits the area-bound tables (all but the self-assessment) to these buurt codes, for example the
    buurten of one wijk in the tracker.

    Returns
    -------
    DataFrame
        One row per step 1-12: ``stap`` (id ``hr.stap.sNN``), ``nummer``, ``naam``, ``fase``,
        ``kennismaking`` (log entries in this step), ``sleutelpersonen``, ``veerkracht_antwoorden``,
        ``activiteiten`` and ``zelfevaluatie`` (answered tasks of this step), ``werkbank`` (which workbench
        tables serve this step, keuze van wijklib) and ``bron``.
    """
    cat = vocab.catalogue(cat)
    if buurten is not None:
        keep = set(buurten)
        def kept(table: pd.DataFrame) -> pd.DataFrame:
            return table[table["buurtcode"].isin(keep)]

        bank = Werkbank(kennismaking=kept(bank.kennismaking), sleutelpersonen=kept(bank.sleutelpersonen),
                        veerkracht=kept(bank.veerkracht), activiteiten=kept(bank.activiteiten),
                        zelfevaluatie=bank.zelfevaluatie)
    items = self_assessment_items(cat)
    answered = bank.zelfevaluatie.merge(items[["item", "stap"]], on="item", how="left") if len(
        bank.zelfevaluatie) else pd.DataFrame(columns=["stap"])
    rows = []
    for step in vocab.entries(vocab.STEP_KIND, cat):
        nr = int(step.attr("nummer"))
        sid = step.id
        rows.append({
            "stap": sid, "nummer": nr, "naam": step.name_nl, "fase": cat.parent_of(sid).name_nl,
            "kennismaking": int((bank.kennismaking["stap"] == sid).sum()),
            "sleutelpersonen": int((bank.sleutelpersonen["stap"] == sid).sum()),
            "veerkracht_antwoorden": len(bank.veerkracht) if nr == 9 else 0,
            "activiteiten": int((bank.activiteiten["stap"] == sid).sum()),
            "zelfevaluatie": int((answered["stap"] == sid).sum()),
            "werkbank": ", ".join(k for k, steps in WERKBANK_STAPPEN.items() if nr in steps),
            "bron": f"Handreiking Weerbare gemeenschappen, {step.source.section}",
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------------
# Export of the register (pseudonymised only)
# ---------------------------------------------------------------------------------------------------------------

def export_key_persons(register: pd.DataFrame, path: str | Path, *, buurten: Iterable[str] | None = None,
                       names: Iterable[str] = ()) -> Path:
    """Write the pseudonymised key-person register to CSV, atomically.

    Only entries with ``zichtbaarheid`` other than ``alleen_wijkverbinder`` are written, without the protection
    notes (``bescherming`` stays with the wijkverbinder; keuze van wijklib). ``names`` (for example the names
    in the wijkverbinder's own file) are checked against the text before anything is written.

    Raises
    ------
    InputError
        When the table has a name column, or when one of ``names`` would appear in the file.
    """
    from wijklib.io.atomic import atomic_write_text
    from wijklib.io.csvsafe import safe_csv_text

    bad = [c for c in register.columns if fold(c) in ("naam", "name", "voornaam", "achternaam")]
    if bad:
        raise InputError("het register bevat een kolom met namen; exporteer alleen het gepseudonimiseerde register "
                         "uit read_key_persons", column=bad[0])
    table = register[register["zichtbaarheid"] != "alleen_wijkverbinder"]
    if buurten is not None:
        table = table[table["buurtcode"].isin(list(buurten))]
    cols = ["pseudoniem", "type_naam", "buurtcode", "bereikt", "zichtbaarheid", "stap"]
    text = safe_csv_text(table[cols], index=False, lineterminator="\n")
    low = text.casefold()
    for name in names:
        if name and name.casefold() in low:
            raise InputError("de export zou een naam bevatten; niets geschreven", file=path)
    return atomic_write_text(path, text)
