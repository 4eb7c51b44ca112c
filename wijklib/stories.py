"""Stories as told data: coded fragments (interview quotes, field notes, meeting notes) per buurt and theme.

The *vertellen* side of *tellen en vertellen* is more than survey scores: what residents and professionals say
in interviews, at a wijktafel or on a walk. This module keeps such stories as **fragments** (pseudonymised text
with source role, date, buurt and optionally the informant, round, actors and ties it is about), codes them with a
**codebook** (the catalogue's themes, phenomena, signals and working principles to start with, extendable with
own codes) and turns the codes into tables:

- :meth:`StorySet.code_frequencies` and :meth:`StorySet.cooccurrence` per buurt and code or theme;
- :func:`stories_told_table` in the told-table form of the urgency analysis (``area_code``, ``theme``, ``count``,
  ``n_fragments``, with ``value``/``n``/``source`` so that :func:`wijklib.urgency.divergence.prepare_told` reads
  it), with the small-number rule: counts from fewer than :data:`MIN_SOURCES` distinct sources are withheld;
- exports to CSV and REFI-QDA (a ``.qdc`` codebook and a ``.qdpx`` project that Atlas.ti, MAXQDA, NVivo and
  QDA Miner import).

Input
-----
Plain text or Markdown (:func:`read_stories_markdown`): an optional front-matter block (``---`` lines with
``key: value``) gives defaults for the file; every fragment starts with a heading ``## <id>``, followed by optional
``key: value`` lines (``bron``, ``bronrol``, ``informant``, ``datum``, ``buurt``, ``ronde``, ``soort``) and the
text. Codes are written inline as ``[[code]]``, actors as ``@A16`` and ties as ``@A16~A06``. Without headings
every paragraph is a fragment. A spreadsheet or CSV (:func:`read_stories_table`) has one row per fragment with
the columns of :data:`FRAGMENT_COLUMNS` (codes, actors and ties ``|``-separated).

Privacy: fragments must be pseudonymised before they are entered (no names); columns that look like name fields
are refused, informants are codes, and exports replace the names of natural persons of a stakeholder set when one
is given. A fragment of an informant whose consent does not cover ``verhalen`` (or was withdrawn) leaves every
result (:meth:`StorySet.apply_consent`); without consent for ``citeren`` its text is left out of exports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text
from wijklib.io.csvsafe import safe_csv_text
from wijklib.io.tables import cell_text, is_empty, open_workbook, parse_date, read_csv_rows, read_sheet_rows
from wijklib.errors import InputError, choices_nl, validation_message_nl
from wijklib.format import SURVEY_THEME_LABELS

__all__ = ["MIN_SOURCES", "FRAGMENT_KINDS", "FRAGMENT_COLUMNS", "THEMES", "Code", "Codebook", "Fragment",
           "StorySet", "default_codebook", "read_codebook", "read_stories_markdown", "read_stories_table",
           "load_stories", "stories_told_table", "write_stories_csv", "write_qdc", "write_qdpx",
           "person_scrubber", "NameLikeWarning", "missing_counted_areas",
           "fragments_by_node", "told_beside_counted", "write_templates"]

#: Small-number rule (keuze van wijklib): a count per buurt and theme is only shown when it rests on at least
#: this many distinct sources (interviews, meetings, notes), so that one talkative person or one meeting does not
#: become "what the buurt tells", and so that a single source cannot be recognised from the table.
MIN_SOURCES = 3

FRAGMENT_KINDS: dict[str, str] = {
    "citaat": "citaat uit een interview of gesprek",
    "veldnotitie": "veldnotitie van de onderzoeker (waarneming, schouw, gesprek op straat)",
    "verslag": "notitie of verslag van een bijeenkomst (wijktafel, bewonersavond)",
}

#: The told themes (the same keys as the signals of professionals in :mod:`wijklib.told`), one row per theme:
#: id -> (short name, or None for a survey theme named in :data:`wijklib.format.SURVEY_THEME_LABELS`; description).
_THEME_TABLE: dict[str, tuple[str | None, str]] = {
    "veiligheid": (None, "Onveiligheid, overlast, geweld op straat"),
    "ondermijning": ("Ondermijning", "Signalen van georganiseerde criminaliteit"),
    "jeugd": ("Jeugd", "Jongeren: risicogedrag, ronselen, schooluitval, hangen"),
    "armoede_schulden": ("Armoede en schulden", "Armoede, schulden, geldzorgen"),
    "zorg_welzijn": ("Zorg en welzijn", "Gezondheid, eenzaamheid, verward gedrag"),
    "wonen": ("Wonen", "Woonsituatie en onderhoud"),
    "leefbaarheid": (None, "Schoon, heel, buren en burenoverlast"),
    "sociale_cohesie": (None, "Samenleven, spanningen of juist initiatief en onderlinge steun"),
    "vertrouwen_instanties": (None, "Vertrouwen in gemeente, politie, corporatie"),
}
#: The told themes: id -> description.
THEMES: dict[str, str] = {theme: text for theme, (_, text) in _THEME_TABLE.items()}
_THEME_NAMES = {**{theme: name for theme, (name, _) in _THEME_TABLE.items() if name}, **SURVEY_THEME_LABELS}

#: Catalogue code -> told theme (keuze van wijklib: the documents do not map their domains onto these themes).
_THEME_OF: dict[str, str] = {
    "ph.pd.armoede_bestaanszekerheid": "armoede_schulden", "ph.pd.werk": "armoede_schulden",
    "ph.pd.onderwijs": "jeugd", "ph.pd.gezondheid": "zorg_welzijn", "ph.pd.kwetsbare_huishoudens": "zorg_welzijn",
    "ph.pd.veiligheid": "veiligheid", "ph.pd.ondermijning": "ondermijning", "ph.pd.overlast": "leefbaarheid",
    "ph.pd.sociale_samenhang": "sociale_cohesie", "ph.pd.wonen_leefomgeving": "wonen",
    "dk.fe.leefbaarheid": "leefbaarheid", "dk.fe.overlast": "leefbaarheid", "dk.fe.verloedering": "leefbaarheid",
    "dk.fe.sociale_cohesie": "sociale_cohesie", "dk.fe.intercultureel_werken": "sociale_cohesie",
    "dk.fe.sociale_veiligheid": "veiligheid", "dk.fe.veiligheid": "veiligheid", "dk.fe.woninginbraak": "veiligheid",
    "dk.fe.toezicht": "veiligheid",
}
_KIND_THEME = {"fenomeen_ondermijning": "ondermijning", "signaal": "ondermijning"}
_CODE_KINDS = {"probleemdomein": "thema", "fenomeen": "fenomeen", "fenomeen_ondermijning": "fenomeen",
               "signaal": "signaal", "werkzaam_principe": "principe"}

FRAGMENT_COLUMNS: dict[str, str] = {
    "fragment_id": "Verplicht. Korte unieke code van het fragment, bijvoorbeeld F01.",
    "tekst": "Verplicht. Het citaat of de notitie, gepseudonimiseerd: geen namen van personen.",
    "soort": "citaat, veldnotitie of verslag.",
    "bron": "Verplicht. Code van de bron (interview, bijeenkomst, notitieboek), bijvoorbeeld INT03. Telt voor "
            "de regel voor kleine aantallen: verschillende bronnen, niet fragmenten.",
    "bronrol": "Verplicht. Rol van wie het vertelde: bewoner, jongerenwerker, wijkagent, onderzoeker ...",
    "informant": "Optioneel: code van de informant (blad Informanten); dan geldt diens toestemming.",
    "datum": "Datum van het gesprek of de waarneming (2024-03-12).",
    "buurtcode": "CBS-code van de buurt (BU...) waar het verhaal over gaat.",
    "ronde": "Optioneel: de ronde van de stakeholderkaart.",
    "codes": "Codes uit het codeboek, gescheiden door | (bijvoorbeeld veiligheid|ib.fen.inzet_jongeren).",
    "actoren": "Optioneel: actor_id's waar het fragment over gaat, gescheiden door |.",
    "relaties": "Optioneel: relaties als A16~A06, gescheiden door |.",
}
_FORBIDDEN_COLUMNS = {"naam", "name", "voornaam", "achternaam", "telefoon", "email", "e_mail", "adres"}
_AREA = re.compile(r"^BU\d{8}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def _fold(text: str) -> str:
    from wijklib.stakeholders.vocab import fold

    return fold(text)


# -- codebook -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Code:
    """One code of the codebook.

    Attributes
    ----------
    id : str
        Catalogue id (``ib.fen.inzet_jongeren``), a theme key (``veiligheid``) or an own id.
    naam : str
        Dutch name.
    soort : str
        ``thema``, ``fenomeen``, ``signaal``, ``principe`` or ``eigen``.
    thema : str or None
        The told theme the code counts for (None: counted as a code, not in the told table).
    bron : str
        ``catalogus``, ``wijklib`` (the told themes) or ``eigen``.
    omschrijving : str
        Short description.
    """

    id: str
    naam: str
    soort: str = "eigen"
    thema: str | None = None
    bron: str = "eigen"
    omschrijving: str = ""


@dataclass
class Codebook:
    """Codes with forgiving look-up by id, last id part or Dutch name; extend with :meth:`add`."""

    codes: dict[str, Code] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: dict[str, str] = {}
        for c in self.codes.values():
            self._register(c)

    def _register(self, c: Code) -> None:
        self._index[_fold(c.id)] = c.id
        self._index.setdefault(_fold(c.id.rsplit(".", 1)[-1]), c.id)
        self._index.setdefault(_fold(c.naam), c.id)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def add(self, id: str, naam: str, *, thema: str | None = None, soort: str = "eigen",
            omschrijving: str = "") -> Code:
        """Add an own code (``thema`` must be one of :data:`THEMES` or None)."""
        if thema is not None and thema not in THEMES:
            raise ValueError(f"onbekend thema {thema!r}; kies uit {', '.join(THEMES)} of laat leeg")
        if not _ID.match(id):
            raise ValueError(f"code {id!r} mag alleen letters, cijfers, '_', '-' en '.' bevatten")
        c = Code(id=id, naam=naam, soort=soort, thema=thema, bron="eigen", omschrijving=omschrijving)
        self.codes[id] = c
        self._register(c)
        return c

    def resolve(self, text: str) -> Code:
        """The code for an id, the last part of an id or a Dutch name; KeyError (Dutch) when unknown."""
        key = _fold(text)
        if key in self._index:
            return self.codes[self._index[key]]
        close = sorted({i for k, i in self._index.items() if key and (key in k or k in key)})[:5]
        hint = f"; bedoelde u: {', '.join(close)}" if close else ""
        raise KeyError(f"onbekende code {text!r}{hint}. Voeg eigen codes toe aan codeboek.csv of codeboek.xlsx (blad "
                       "Codeboek; kolommen id, naam, "
                       "thema)")

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([dataclasses.asdict(c) for c in self.codes.values()],
                            columns=["id", "naam", "soort", "thema", "bron", "omschrijving"])


def default_codebook(catalogue=None) -> Codebook:
    """The starting codebook: the told themes plus the catalogue's problem domains, phenomena, signals and
    working principles (each with the told theme it counts for; that mapping is a keuze van wijklib)."""
    codes = {k: Code(id=k, naam=_THEME_NAMES[k], soort="thema", thema=k, bron="wijklib", omschrijving=v)
             for k, v in THEMES.items()}
    try:
        if catalogue is None:
            from wijklib.catalogue import load_catalogue

            catalogue = load_catalogue()
        for kind, soort in _CODE_KINDS.items():
            if kind not in catalogue.kinds:
                continue
            for e in catalogue.by_kind(kind):
                theme = _THEME_OF.get(e.id, _KIND_THEME.get(kind))
                codes[e.id] = Code(id=e.id, naam=e.name_nl, soort=soort, thema=theme, bron="catalogus",
                                   omschrijving=(e.description_nl or "")[:300])
    except Exception:  # a broken catalogue must not block coding with the themes
        pass
    return Codebook(codes)


#: Sheet names (folded) that hold a codebook in a workbook, in order of preference.
CODEBOOK_SHEETS = ("codeboek", "codebook", "codes", "eigen codes")


def _codebook_rows(path: Path) -> tuple[str, list[str], list[tuple[int, dict[str, Any]]]]:
    """(where, header, rows) of a codebook file: a CSV, or the sheet *Codeboek* (or similar) of a workbook."""
    norm = lambda h: _fold(str(h)).replace(" ", "_") if h is not None else ""  # noqa: E731
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        with open_workbook(path) as wb:
            titles = {_fold(ws.title): ws for ws in wb.worksheets}
            ws = next((titles[n] for n in CODEBOOK_SHEETS if n in titles), None)
            if ws is None and len(wb.worksheets) == 1:
                ws = wb.worksheets[0]
            if ws is None:
                raise InputError("het werkboek heeft geen blad 'Codeboek' (ook goed: "
                                 f"{choices_nl(CODEBOOK_SHEETS[1:], quote=True)}); gevonden bladen: "
                                 f"{choices_nl([w.title for w in wb.worksheets], quote=True, last='en')}", file=path)
            where = f"{path} (blad '{ws.title}')"
            header, rows = read_sheet_rows(ws, normalize=norm, file=where)
        return where, header, rows
    if suffix == ".ods":
        raise InputError("een codeboek als .ods kan wijklib niet lezen; sla het op als .xlsx (blad 'Codeboek') of "
                         "als 'CSV UTF-8'", file=path)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise InputError(f"onbekend bestandstype '{suffix}' voor een codeboek; verwacht .csv of .xlsx (blad "
                         "'Codeboek')", file=path)
    header, rows = read_csv_rows(path, normalize=norm)
    return str(path), header, rows


def read_codebook(path: str | Path, base: Codebook | None = None) -> Codebook:
    """Extend a codebook (default :func:`default_codebook`) with own codes.

    Parameters
    ----------
    path : str or Path
        A CSV file, or a workbook (``.xlsx``) with a sheet *Codeboek* (also accepted: *Codebook*, *Codes*,
        *Eigen codes*, or the only sheet). Columns ``id``, ``naam`` and optionally ``thema`` (one of
        :data:`THEMES`) and ``omschrijving``; other columns (``soort``, ``bron``) are ignored. A row that repeats a
        code of ``base`` with the same name (as in the sheet *Codeboek* of the stories template) is skipped.
    base : Codebook, optional

    Raises
    ------
    InputError
        Naming the file (and sheet), the row and the column: a missing column, an unknown theme, a bad id.
    """
    path = Path(path)
    book = base if base is not None else default_codebook()
    where, header, rows = _codebook_rows(path)
    for col in ("id", "naam"):
        if col not in header:
            raise InputError(f"verplichte kolom '{col}' ontbreekt in het codeboek; gevonden: "
                             f"{', '.join(h for h in header if h) or '(geen)'}", file=where, column=col)
    for row_no, raw in rows:
        ident = cell_text(raw.get("id")) if not is_empty(raw.get("id")) else ""
        naam = cell_text(raw.get("naam")) if not is_empty(raw.get("naam")) else ""
        if not ident:
            raise InputError("code zonder id", file=where, row=row_no, column="id")
        if not naam:
            raise InputError(f"code {ident!r} heeft geen naam", file=where, row=row_no, column="naam")
        known = book.codes.get(ident)
        if known is not None and known.bron != "eigen" and _fold(known.naam) == _fold(naam):
            continue  # a code of the starting codebook, listed again (the template's sheet)
        thema = cell_text(raw.get("thema")) if not is_empty(raw.get("thema")) else None
        try:
            book.add(ident, naam, thema=thema,
                     omschrijving=cell_text(raw.get("omschrijving")) if not is_empty(raw.get("omschrijving")) else "")
        except ValueError as exc:
            raise InputError(str(exc), file=where, row=row_no, column="thema" if "thema" in str(exc) else "id") \
                from None
    return book


# -- fragments ----------------------------------------------------------------------------------------------------
class Fragment(BaseModel):
    """One coded fragment of told data (pseudonymised text)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    fragment_id: str
    tekst: str = Field(min_length=1)
    soort: str = "citaat"
    bron: str
    bronrol: str = Field(min_length=1)
    informant: str | None = None
    datum: dt.date | None = None
    buurtcode: str | None = None
    ronde: str | None = None
    codes: tuple[str, ...] = ()
    actoren: tuple[str, ...] = ()
    relaties: tuple[tuple[str, str], ...] = ()

    @field_validator("fragment_id", "bron")
    @classmethod
    def _id_ok(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"code {v!r} mag alleen letters, cijfers, '_', '-' en '.' bevatten (max. 64 tekens)")
        return v

    @field_validator("soort")
    @classmethod
    def _kind_ok(cls, v: str) -> str:
        v = _fold(v)
        if v not in FRAGMENT_KINDS:
            raise ValueError(f"onbekende soort {v!r}; kies uit {choices_nl(FRAGMENT_KINDS)}")
        return v

    @field_validator("buurtcode")
    @classmethod
    def _area_ok(cls, v: str | None) -> str | None:
        if v is not None and not _AREA.match(v):
            raise ValueError(f"buurtcode {v!r} is geen CBS-buurtcode; verwacht bijvoorbeeld BU99010203")
        return v

    @field_validator("codes", "actoren", mode="before")
    @classmethod
    def _split(cls, v):
        from wijklib.stakeholders.vocab import split_list

        return split_list(v, r"[|;]", unique=True)

    @field_validator("relaties", mode="before")
    @classmethod
    def _ties(cls, v):
        if v is None:
            return ()
        items = re.split(r"[|;]", v) if isinstance(v, str) else list(v)
        out = []
        for it in items:
            if isinstance(it, str):
                if not it.strip():
                    continue
                sep = "~" if "~" in it else "-"
                parts = [p.strip() for p in it.strip().split(sep, 1)]
                if len(parts) != 2 or not all(parts):
                    raise ValueError(f"relatie {it!r}: schrijf twee actor_id's als A16~A06")
                out.append(tuple(parts))
            else:
                out.append(tuple(it))
        return tuple(out)


@dataclass
class StorySet:
    """Coded fragments with their codebook.

    Attributes
    ----------
    fragments : tuple of Fragment
    codebook : Codebook
    warnings : list of str
        Dutch notes (fragments left out for lack of consent, ...).
    """

    fragments: tuple[Fragment, ...]
    codebook: Codebook
    warnings: list[str] = field(default_factory=list)
    records: Any = None

    def __len__(self) -> int:
        return len(self.fragments)

    # -- consent and links -------------------------------------------------------------------------------------
    def apply_consent(self, records) -> "StorySet":
        """Leave out every fragment of an informant whose consent does not cover ``verhalen`` (or was withdrawn).

        Parameters
        ----------
        records : wijklib.stakeholders.records.ResearchRecords or StakeholderSet
            The research records, or a stakeholder set that carries them (``sset.records``).
        """
        records = getattr(records, "records", records) if not hasattr(records, "allowed") else records
        if records is None:
            return self
        keep = tuple(f for f in self.fragments if f.informant is None or records.allowed(f.informant, "verhalen"))
        warns = list(self.warnings)
        if len(keep) < len(self.fragments):
            warns.append(f"toestemming: {len(self.fragments) - len(keep)} fragment(en) weggelaten (toestemming "
                         "ingetrokken, ontbrekend of niet voor verhalen)")
        return dataclasses.replace(self, fragments=keep, warnings=warns, records=records)

    def for_sharing(self, records=None, *, on: dt.date | None = None, warn: bool = False) -> "StorySet":
        """The fragments that may be shared with partners: consent for ``delen`` on ``on`` (default: today).

        Fragments of informants whose consent does not cover ``delen`` on the export date are left out; a Dutch
        note with the number left out (not who) is added to ``warnings`` (and given as a
        :class:`~wijklib.stakeholders.records.SharingWarning` with ``warn``). Fragments without an informant (notes
        of the researcher) stay. Without consent records nothing is checked.

        Parameters
        ----------
        records : ResearchRecords or StakeholderSet, optional
            Default: the records the set was read with (:meth:`apply_consent`).
        on : date, optional
            The export date.
        """
        import warnings as _warnings

        from wijklib.stakeholders.records import SHARE_SCOPE, SharingWarning

        if records is not None:
            records = getattr(records, "records", records) if not hasattr(records, "allowed") else records
        records = records if records is not None else self.records
        if records is None or not records.has_consent_table:
            return self
        on = on or dt.date.today()
        keep = tuple(f for f in self.fragments if f.informant is None or records.allowed(f.informant, SHARE_SCOPE, on))
        if len(keep) == len(self.fragments):
            return self
        gone = {f.informant for f in self.fragments} - {f.informant for f in keep}
        note = (f"delen: van {len(gone)} informant(en) dekt de toestemming op de exportdatum het delen met partners "
                f"niet; hun {len(self.fragments) - len(keep)} verhaalfragment(en) staan niet in deze export.")
        if warn:
            _warnings.warn(note, SharingWarning, stacklevel=2)
        return dataclasses.replace(self, fragments=keep, warnings=[*self.warnings, note], records=records)

    def may_quote(self, fragment: Fragment) -> bool:
        """Whether the text of a fragment may be shown or exported (consent for ``citeren`` when it has an
        informant and consent records are known)."""
        if fragment.informant is None or self.records is None:
            return True
        return self.records.allowed(fragment.informant, "citeren")

    def check_links(self, sset) -> None:
        """Raise InputError when a fragment names an actor, tie end, informant or round the stakeholder set lacks."""
        actors = {a.actor_id for a in sset.actors}
        for f in self.fragments:
            for a in (*f.actoren, *[x for t in f.relaties for x in t]):
                if a not in actors:
                    raise InputError(f"fragment {f.fragment_id}: onbekende actor {a!r}; die staat niet in de "
                                     "actorenlijst", column="actoren")
            if f.ronde is not None and f.ronde not in sset.round_ids:
                raise InputError(f"fragment {f.fragment_id}: onbekende ronde {f.ronde!r}", column="ronde")

    # -- tables ---------------------------------------------------------------------------------------------------
    def frame(self, *, scrub=None) -> pd.DataFrame:
        """One row per fragment (codes, actors and ties ``|``-joined); ``tekst`` scrubbed and withheld without
        consent for quoting."""
        scrub = scrub or (lambda t: t)
        rows = []
        for f in self.fragments:
            row = f.model_dump()
            row["tekst"] = scrub(f.tekst) if self.may_quote(f) else "[geen toestemming om te citeren]"
            row["bronrol"] = scrub(f.bronrol)  # a role, but "wijkagent Jan de Vries" happens
            row["codes"] = "|".join(f.codes)
            row["actoren"] = "|".join(f.actoren)
            row["relaties"] = "|".join(f"{a}~{b}" for a, b in f.relaties)
            row["thema's"] = "|".join(sorted({t for t in (self.codebook.codes[c].thema for c in f.codes) if t}))
            rows.append(row)
        return pd.DataFrame(rows, columns=[*FRAGMENT_COLUMNS, "thema's"])

    def name_warnings(self, *, sset=None, key_persons=None) -> list[str]:
        """Dutch warnings for quotable texts that still hold name-like text after scrubbing.

        Texts are first cleaned of every known person (:func:`person_scrubber`: the stakeholder map and the
        key-person register); what still looks like a first name plus surname (with Dutch tussenvoegsels, see
        :func:`wijklib.stakeholders.privacy.name_like`) is reported by fragment and initials, never in full.
        Organisation names of ``sset`` do not count. A heuristic (keuze van wijklib): check the texts yourself.
        """
        from wijklib.stakeholders.privacy import initials, name_like

        scrub = person_scrubber(sset, key_persons=key_persons)
        known = [w for a in (sset.actors if sset is not None else ()) if not a.natuurlijk_persoon
                 for w in re.findall(r"[\w'\-]+", a.naam)]
        out = []
        for f in self.fragments:
            if not self.may_quote(f):
                continue
            hits = name_like(scrub(f.tekst), known_words=known)
            if hits:
                out.append(f"fragment {f.fragment_id}: tekst die op een naam lijkt ({', '.join(map(initials, hits))}) "
                           "staat in geen register (stakeholderkaart, sleutelpersonen); is het een persoon, vervang "
                           "de naam dan door een rol")
        return out

    def codings(self) -> pd.DataFrame:
        """Long table: one row per fragment and code, with the code's theme, the buurt and the source."""
        rows = []
        for f in self.fragments:
            for c in f.codes:
                code = self.codebook.codes[c]
                rows.append({"fragment_id": f.fragment_id, "buurtcode": f.buurtcode, "bron": f.bron,
                             "bronrol": f.bronrol, "code": c, "code_naam": code.naam, "soort": code.soort,
                             "thema": code.thema})
        return pd.DataFrame(rows, columns=["fragment_id", "buurtcode", "bron", "bronrol", "code", "code_naam",
                                           "soort", "thema"])

    def code_frequencies(self, *, by: str = "code", min_sources: int = MIN_SOURCES) -> pd.DataFrame:
        """How often each code (``by="code"``) or theme (``by="thema"``) was given per buurt.

        Returns
        -------
        DataFrame
            ``buurtcode``, the code or theme (with ``naam``), ``aantal`` (codings), ``fragmenten``, ``bronnen``
            (distinct sources), ``bronrollen`` and ``achtergehouden`` (True when fewer than ``min_sources``
            sources: ``aantal``, ``fragmenten``, ``bronnen`` and ``bronrollen`` are then empty).
        """
        if by not in ("code", "thema"):
            raise ValueError("by moet 'code' of 'thema' zijn")
        c = self.codings()
        if by == "thema":
            c = c.dropna(subset=["thema"]).drop_duplicates(["fragment_id", "thema"])
        c = c.assign(buurtcode=c["buurtcode"].fillna("(geen buurt)"))
        cols = ["buurtcode", by, "naam", "aantal", "fragmenten", "bronnen", "bronrollen", "achtergehouden"]
        if c.empty:
            return pd.DataFrame(columns=cols)
        agg = c.groupby(["buurtcode", by]).agg(aantal=("fragment_id", "size"), fragmenten=("fragment_id", "nunique"),
                                               bronnen=("bron", "nunique"),
                                               bronrollen=("bronrol", lambda s: "; ".join(sorted(set(s)))))
        agg = agg.reset_index()
        agg["naam"] = [self.codebook.codes[k].naam if by == "code" else _THEME_NAMES.get(k, k) for k in agg[by]]
        agg["achtergehouden"] = agg["bronnen"] < min_sources
        for col in ("aantal", "fragmenten", "bronnen"):  # the number of sources is a small number too
            agg[col] = agg[col].astype("Int64").mask(agg["achtergehouden"])
        agg.loc[agg["achtergehouden"], "bronrollen"] = ""
        return agg[cols].sort_values(["buurtcode", by]).reset_index(drop=True)

    def cooccurrence(self, *, by: str = "code", buurtcode: str | None = None,
                     min_sources: int = MIN_SOURCES) -> pd.DataFrame:
        """Pairs of codes (or themes) given to the same fragment, per buurt, with the small-number rule.

        Returns
        -------
        DataFrame
            ``buurtcode``, ``a``, ``b`` (sorted), ``fragmenten``, ``bronnen``, ``achtergehouden`` (then
            ``fragmenten`` and ``bronnen`` are empty).
        """
        rows = []
        for f in self.fragments:
            if buurtcode is not None and f.buurtcode != buurtcode:
                continue
            keys = sorted(k for k in {c if by == "code" else self.codebook.codes[c].thema for c in f.codes}
                          if k is not None)
            for a, b in combinations(keys, 2):
                rows.append({"buurtcode": f.buurtcode or "(geen buurt)", "a": a, "b": b, "fragment_id": f.fragment_id,
                             "bron": f.bron})
        cols = ["buurtcode", "a", "b", "fragmenten", "bronnen", "achtergehouden"]
        if not rows:
            return pd.DataFrame(columns=cols)
        df = pd.DataFrame(rows).groupby(["buurtcode", "a", "b"]).agg(
            fragmenten=("fragment_id", "nunique"), bronnen=("bron", "nunique")).reset_index()
        df["achtergehouden"] = df["bronnen"] < min_sources
        for col in ("fragmenten", "bronnen"):  # withheld rows show neither count
            df[col] = df[col].astype("Int64").mask(df["achtergehouden"])
        return df[cols].sort_values(["buurtcode", "fragmenten"], ascending=[True, False]).reset_index(drop=True)

    def for_actor(self, actor_id: str) -> tuple[Fragment, ...]:
        return tuple(f for f in self.fragments if actor_id in f.actoren)

    def for_tie(self, a: str, b: str) -> tuple[Fragment, ...]:
        return tuple(f for f in self.fragments if (a, b) in f.relaties or (b, a) in f.relaties)

    def summary(self) -> str:
        buurten = {f.buurtcode for f in self.fragments if f.buurtcode}
        return (f"{len(self.fragments)} fragmenten uit {len({f.bron for f in self.fragments})} bronnen, "
                f"{sum(len(f.codes) for f in self.fragments)} coderingen, {len(buurten)} buurten; codeboek met "
                f"{len(self.codebook)} codes")


def stories_told_table(stories: StorySet, *, min_sources: int = MIN_SOURCES) -> pd.DataFrame:
    """Coded stories per buurt and theme, in the form of the told side of the urgency analysis.

    Parameters
    ----------
    stories : StorySet
    min_sources : int
        Counts resting on fewer distinct sources are withheld (:data:`MIN_SOURCES`, keuze van wijklib).

    Returns
    -------
    DataFrame
        ``area_code``, ``theme``, ``count`` (codings with a code of this theme), ``n_fragments``, ``n_sources``,
        ``withheld``, and for :func:`wijklib.urgency.divergence.prepare_told`: ``value`` (= ``n_fragments``),
        ``n`` (= ``n_sources``), ``source`` (``verhalen``). Withheld rows keep their row with empty counts (also
        ``n_sources`` and ``n``), so a reader sees that something was told but too little to show. Fragments without a buurt are left out.
    """
    c = stories.codings().dropna(subset=["thema", "buurtcode"])
    cols = ["area_code", "theme", "count", "n_fragments", "n_sources", "withheld", "value", "n", "source"]
    if c.empty:
        return pd.DataFrame(columns=cols)
    agg = c.groupby(["buurtcode", "thema"]).agg(count=("fragment_id", "size"), n_fragments=("fragment_id", "nunique"),
                                                n_sources=("bron", "nunique")).reset_index()
    agg = agg.rename(columns={"buurtcode": "area_code", "thema": "theme"})
    agg["withheld"] = agg["n_sources"] < min_sources
    for col in ("count", "n_fragments", "n_sources"):  # the number of sources is withheld as well
        agg[col] = agg[col].astype(float).mask(agg["withheld"])
    agg["value"] = agg["n_fragments"]
    agg["n"] = agg["n_sources"]
    agg["source"] = "verhalen"
    return agg[cols].sort_values(["area_code", "theme"]).reset_index(drop=True)


def told_beside_counted(told: pd.DataFrame, counted: pd.DataFrame, columns: Iterable[str] | None = None, *,
                        names: dict[str, str] | None = None) -> pd.DataFrame:
    """Story counts per buurt (one column per theme) beside counted figures of the same buurten.

    Parameters
    ----------
    told : DataFrame
        From :func:`stories_told_table`.
    counted : DataFrame
        Counted figures with a code column (``code`` or ``area_code``; with ``jaar``, the latest year is used).
    columns : iterable of str, optional
        Counted columns to show (default: all numeric ones).
    names : dict, optional
        Area code -> name, shown as ``naam``.

    Returns
    -------
    DataFrame
        Indexed by ``area_code``: ``naam``, one column ``verhalen: <theme>`` per theme with the number of fragments
        (``minder dan N bronnen`` when withheld, empty when nothing was told), then the counted columns.
        ``attrs["meldingen"]`` holds Dutch notes, for example which buurten of the stories have no counted
        figures (their counted columns are empty); see also :func:`missing_counted_areas`.
    """
    code_col = "area_code" if "area_code" in counted.columns else "code"
    cnt = counted
    if "jaar" in cnt.columns:
        cnt = cnt.sort_values("jaar").groupby(code_col).tail(1)
    cnt = cnt.set_index(code_col)
    cols = list(columns) if columns is not None else [c for c in cnt.columns
                                                       if c != "jaar" and pd.api.types.is_numeric_dtype(cnt[c])]
    areas = sorted(set(told["area_code"]))
    out = pd.DataFrame(index=pd.Index(areas, name="area_code"))
    if names:
        out["naam"] = [names.get(a, a) for a in areas]
    min_text = "te weinig bronnen"
    for theme in sorted(set(told["theme"])):
        sub = told[told["theme"] == theme].set_index("area_code")
        col = []
        for a in areas:
            if a not in sub.index:
                col.append("")
            elif bool(sub.loc[a, "withheld"]):
                col.append(min_text)
            else:
                col.append(str(int(sub.loc[a, "n_fragments"])))
        out[f"verhalen: {_THEME_NAMES.get(theme, theme)}"] = col
    result = out.join(cnt.reindex(areas)[cols])
    missing = [a for a in areas if a not in cnt.index]
    notes = []
    if missing:
        notes.append(f"geen cijfers voor {len(missing)} buurt(en) uit de verhalen: {', '.join(missing)}; hun "
                     "cijferkolommen blijven leeg. Staan deze buurten in het cijferbestand (kolom "
                     f"'{code_col}'), met dezelfde CBS-code?")
    result.attrs["meldingen"] = notes
    return result


def missing_counted_areas(told: pd.DataFrame, counted: pd.DataFrame) -> list[str]:
    """Buurt codes of a told table (:func:`stories_told_table`) that have no row in the counted figures."""
    code_col = "area_code" if "area_code" in counted.columns else "code"
    have = set(counted[code_col].astype(str).str.strip())
    return sorted(a for a in set(told["area_code"]) if a not in have)


# -- reading --------------------------------------------------------------------------------------------------------
_META_KEYS = {"bron": "bron", "bronrol": "bronrol", "rol": "bronrol", "informant": "informant", "datum": "datum",
              "buurt": "buurtcode", "buurtcode": "buurtcode", "ronde": "ronde", "soort": "soort", "id": "fragment_id"}
_INLINE_CODE = re.compile(r"\[\[([^\]]+)\]\]")
_INLINE_TIE = re.compile(r"@([A-Za-z0-9_.\-]+?)~([A-Za-z0-9_.\-]+)\b")
_INLINE_ACTOR = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_.\-]*)\b")


def _make_fragment(data: dict, codebook: Codebook, file: str, line: int, column: str | None = None) -> Fragment:
    codes = []
    for raw in data.get("codes", ()):
        try:
            codes.append(codebook.resolve(raw).id)
        except KeyError as exc:
            raise InputError(exc.args[0], file=file, row=line, column=column or "codes") from None
    data = {**data, "codes": tuple(dict.fromkeys(codes))}
    if isinstance(data.get("datum"), str):
        try:
            data["datum"] = parse_date(data["datum"])
        except ValueError as exc:
            raise InputError(str(exc), file=file, row=line, column="datum") from None
    try:
        return Fragment(**data)
    except ValidationError as exc:
        err = exc.errors()[0]
        col = str(err["loc"][0]) if err["loc"] else None
        msg = validation_message_nl(err)
        raise InputError(msg, file=file, row=line, column=col) from None


def read_stories_markdown(path: str | Path, codebook: Codebook | None = None) -> StorySet:
    """Read fragments from a plain-text or Markdown file with inline codes (see the module description).

    The ``row`` of an error is the line number in the file.
    """
    path = Path(path)
    codebook = codebook if codebook is not None else default_codebook()
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    defaults: dict[str, str] = {}
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() == "---":
                for k in range(1, j):
                    _meta_line(lines[k], defaults, str(path), k + 1, strict=True)
                i = j + 1
                break
    has_headings = any(line.startswith("## ") for line in lines[i:])
    blocks: list[tuple[int, str | None, list[tuple[int, str]]]] = []
    if has_headings:
        current: tuple[int, str | None, list[tuple[int, str]]] | None = None
        for n in range(i, len(lines)):
            line = lines[n]
            if line.startswith("## "):
                current = (n + 1, line[3:].strip(), [])
                blocks.append(current)
            elif current is not None:
                current[2].append((n + 1, line))
    else:
        para: list[tuple[int, str]] = []
        for n in range(i, len(lines) + 1):
            line = lines[n] if n < len(lines) else ""
            if line.strip():
                para.append((n + 1, line))
            elif para:
                blocks.append((para[0][0], None, para))
                para = []
    fragments = []
    seen: dict[str, int] = {}
    for number, (line_no, heading, body) in enumerate(blocks, start=1):
        meta = dict(defaults)
        text_lines: list[str] = []
        for ln, line in body:
            if not text_lines and _meta_line(line, meta, str(path), ln, strict=False):
                continue
            text_lines.append(line.strip().lstrip(">").strip())
        tekst = " ".join(t for t in text_lines if t).strip()
        if not tekst:
            continue
        fid = heading or meta.pop("fragment_id", None) or f"{re.sub(r'[^A-Za-z0-9]+', '_', path.stem)}-{number}"
        meta.pop("fragment_id", None)
        if fid in seen:
            raise InputError(f"dubbele fragmentcode {fid!r} (ook op regel {seen[fid]})", file=path, row=line_no)
        seen[fid] = line_no
        codes = _INLINE_CODE.findall(tekst)
        ties = _INLINE_TIE.findall(tekst)
        no_ties = _INLINE_TIE.sub("", tekst)
        actors = _INLINE_ACTOR.findall(no_ties)
        clean = _INLINE_CODE.sub("", tekst)
        clean = _INLINE_TIE.sub(lambda m: "", clean)
        clean = _INLINE_ACTOR.sub("", clean)
        clean = re.sub(r"\s{2,}", " ", clean).strip()
        data = {"fragment_id": fid, "tekst": clean, "codes": codes,
                "actoren": tuple(dict.fromkeys([*actors, *[x for t in ties for x in t]])), "relaties": ties, **meta}
        fragments.append(_make_fragment(data, codebook, str(path), line_no))
    return StorySet(tuple(fragments), codebook)


def _meta_line(line: str, meta: dict, file: str, line_no: int, *, strict: bool) -> bool:
    m = re.match(r"^\s*([A-Za-z_]+)\s*:\s*(.*)$", line)
    if not m or _fold(m.group(1)).replace(" ", "_") not in _META_KEYS:
        if strict and line.strip():
            raise InputError(f"onbekende regel in de kop: {line.strip()!r}; gebruik "
                             f"{', '.join(sorted(set(_META_KEYS)))}", file=file, row=line_no)
        return False
    key = _fold(m.group(1)).replace(" ", "_")
    if key in _FORBIDDEN_COLUMNS:
        raise InputError("namen horen niet in verhalen; gebruik een code en een rol", file=file, row=line_no)
    value = m.group(2).strip()
    if value:
        meta[_META_KEYS[key]] = value
    return True


def read_stories_table(path: str | Path, codebook: Codebook | None = None) -> StorySet:
    """Read fragments from a CSV file or the sheet *Fragmenten* (or the first sheet) of a workbook.

    Columns: :data:`FRAGMENT_COLUMNS`; codes, actors and ties ``|``-separated. Name-like columns are refused.
    """
    path = Path(path)
    codebook = codebook if codebook is not None else default_codebook()
    norm = lambda h: _fold(str(h)).replace(" ", "_")  # noqa: E731
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        with open_workbook(path) as wb:
            sheets = {_fold(ws.title): ws for ws in wb.worksheets}
            ws = sheets.get("fragmenten", wb.worksheets[0])
            where = f"{path} (blad '{ws.title}')"
            header, rows = read_sheet_rows(ws, normalize=norm)
    else:
        where = str(path)
        header, rows = read_csv_rows(path, normalize=norm)
    bad = sorted(_FORBIDDEN_COLUMNS & set(header))
    if bad:
        raise InputError(f"kolom {bad[0]!r} hoort hier niet: verhalen worden zonder namen of contactgegevens "
                         "vastgelegd. Verwijder de kolom", file=where, column=bad[0])
    for col in ("fragment_id", "tekst", "bron", "bronrol"):
        if col not in header:
            raise InputError(f"verplichte kolom '{col}' ontbreekt; gevonden: {', '.join(h for h in header if h)}",
                             file=where, column=col)
    fragments: list[Fragment] = []
    seen: dict[str, int] = {}
    for row_no, raw in rows:
        data: dict[str, Any] = {k: cell_text(v) for k, v in raw.items() if k in FRAGMENT_COLUMNS and not is_empty(v)}
        if "codes" in data:
            data["codes"] = [c.strip() for c in re.split(r"[|;]", data["codes"]) if c.strip()]
        f = _make_fragment(data, codebook, where, row_no)
        if f.fragment_id in seen:
            raise InputError(f"dubbele fragmentcode {f.fragment_id!r} (ook in rij {seen[f.fragment_id]})",
                             file=where, row=row_no, column="fragment_id")
        seen[f.fragment_id] = row_no
        fragments.append(f)
    return StorySet(tuple(fragments), codebook)


_CODEBOOK_FILES = ("codeboek.csv", "codeboek.xlsx")


def load_stories(path: str | Path, *, codebook: Codebook | None = None, records=None) -> StorySet:
    """Read all stories of a folder (``*.md``, ``*.txt``, ``*.csv`` except ``codeboek.csv``, ``*.xlsx``) or one file.

    A ``codeboek.csv`` or ``codeboek.xlsx`` (sheet *Codeboek*) in the folder extends the starting codebook. ``records`` (research records or a
    stakeholder set carrying them) applies consent: fragments of informants without consent for ``verhalen``
    are left out.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    book_files = [folder / n for n in _CODEBOOK_FILES if (folder / n).exists()]
    if codebook is None:
        codebook = read_codebook(book_files[0]) if book_files else default_codebook()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".md", ".txt", ".csv", ".xlsx")
                       and p.name.lower() not in _CODEBOOK_FILES and p.name.lower() not in ("readme.md", "leesmij.md"))
    elif path.exists():
        files = [path]
    else:
        raise InputError("bestand of map bestaat niet", file=path)
    fragments: list[Fragment] = []
    seen: dict[str, str] = {}
    for f in files:
        part = read_stories_table(f, codebook) if f.suffix.lower() in (".csv", ".xlsx") else \
            read_stories_markdown(f, codebook)
        for frag in part.fragments:
            if frag.fragment_id in seen:
                raise InputError(f"fragmentcode {frag.fragment_id!r} komt ook voor in {seen[frag.fragment_id]}",
                                 file=f, column="fragment_id")
            seen[frag.fragment_id] = f.name
            fragments.append(frag)
    out = StorySet(tuple(fragments), codebook)
    if records is not None:
        out = out.apply_consent(records)
    return out


# -- exporting ------------------------------------------------------------------------------------------------------
class NameLikeWarning(UserWarning):
    """A story text holds something that looks like a person's name and is in no register."""


def _known_persons(key_persons) -> dict[str, str]:
    from wijklib.stakeholders.privacy import key_person_names

    return key_person_names(key_persons) if key_persons is not None else {}


def person_scrubber(sset=None, *, key_persons=None):
    """One function that replaces every known person in free text: the persons of the stakeholder map (by role
    or pseudonym) and those of the key-person register of notebook 07 (by their ``SP-`` pseudonym).

    The pattern scrubber of :mod:`wijklib.privacy` always runs after that, also without ``sset`` and
    ``key_persons``: a title or role plus a name, addresses, postcodes, phone numbers, e-mail addresses, BSN,
    IBAN and kentekens are replaced in every exported text.

    Parameters
    ----------
    sset : StakeholderSet, optional
    key_persons : str, Path, DataFrame or mapping, optional
        The key-person register (file or workbench folder) or a mapping name -> pseudonym; see
        :func:`wijklib.stakeholders.privacy.key_person_names`.
    """
    from wijklib.stakeholders.privacy import Scrubber

    extra = _known_persons(key_persons)
    if sset is not None:
        return sset.scrubber(False, extra=extra)
    # without registers the pattern scrubber of wijklib.privacy still runs (titles + names, addresses, phone
    # numbers, e-mail, BSN, IBAN, kentekens): it is never skipped for text that is shared
    return Scrubber(extra)


def _roles_scrubbed(stories: StorySet, scrub) -> StorySet:
    """``stories`` with every ``bronrol`` scrubbed: a role, but "wijkagent Jan de Vries" is typed too."""
    return dataclasses.replace(stories, fragments=tuple(f.model_copy(update={"bronrol": scrub(f.bronrol)})
                                                        for f in stories.fragments))


def _check_names(stories: StorySet, contents: dict, sset, extra: dict) -> None:
    """Refuse to write content with a known person name; warn about name-like text in no register."""
    import warnings

    from wijklib.stakeholders.privacy import refuse_names

    refuse_names(contents, sset, extra_names=extra)
    for msg in stories.name_warnings(sset=sset, key_persons=extra):
        warnings.warn(msg, NameLikeWarning, stacklevel=3)


def write_stories_csv(stories: StorySet, folder: str | Path, *, sset=None, key_persons=None,
                      on: dt.date | None = None) -> list[Path]:
    """Write ``fragmenten.csv``, ``coderingen.csv``, ``codefrequenties.csv`` (per buurt, small numbers withheld)
    and ``codeboek.csv``.

    The files are meant for partners: only fragments of informants whose consent covers ``delen`` on ``on``
    (default: today) are written (:meth:`StorySet.for_sharing`; a
    :class:`~wijklib.stakeholders.records.SharingWarning` says how many were left out, not whose).

    Person names of ``sset`` and of the key-person register ``key_persons`` are replaced by role or pseudonym;
    texts of informants without consent to be quoted are left out; a column ``toestemming`` says what consent
    covers per fragment. Before writing, the content is searched for the known names (nothing is written when
    one is found, :class:`~wijklib.stakeholders.privacy.PrivacyLeakError`), and a :class:`NameLikeWarning` is
    given for each fragment with name-like text that is in no register (:meth:`StorySet.name_warnings`).
    """
    folder = Path(folder)
    stories = stories.for_sharing(on=on, warn=True)
    extra = _known_persons(key_persons)
    scrub = person_scrubber(sset, key_persons=extra)
    stories = _roles_scrubbed(stories, scrub)
    frags = stories.frame(scrub=scrub)
    frags["toestemming"] = [_consent_text(stories, f) for f in stories.fragments]
    if sset is not None:
        ids = sset.public_ids(False)
        frags["actoren"] = frags["actoren"].map(lambda s: "|".join(ids.get(a, a) for a in s.split("|") if a))
        frags["relaties"] = frags["relaties"].map(
            lambda s: "|".join("~".join(ids.get(x, x) for x in t.split("~")) for t in s.split("|") if t))
    texts = {"fragmenten.csv": safe_csv_text(frags, index=False),
             "coderingen.csv": safe_csv_text(stories.codings(), index=False),
             "codefrequenties.csv": safe_csv_text(stories.code_frequencies(), index=False),
             "codeboek.csv": safe_csv_text(stories.codebook.frame(), index=False)}
    _check_names(stories, texts, sset, extra)
    return [atomic_write_text(folder / name, text) for name, text in texts.items()]


def _consent_text(stories: StorySet, f: Fragment) -> str:
    if f.informant is None:
        return "geen informant (notitie van de onderzoeker)"
    if stories.records is None or not stories.records.has_consent_table:
        return "niet geregistreerd"
    c = stories.records.consent(f.informant)
    return "|".join(s for s in c.reikwijdte if c.covers(s)) if c else "niet geregistreerd"


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "wijklib:" + ":".join(parts))).upper()


def _codes_xml(codes: Iterable[Code], used_only: set[str] | None = None) -> str:
    items = []
    for c in codes:
        if used_only is not None and c.id not in used_only:
            continue
        desc = f"{c.omschrijving} [id {c.id}; soort {c.soort}; thema {c.thema or '-'}; bron {c.bron}]"
        items.append(f'<Code guid="{_guid("code", c.id)}" name="{html.escape(c.naam, quote=True)}" '
                     f'isCodable="true"><Description>{html.escape(desc)}</Description></Code>')
    return "<Codes>" + "".join(items) + "</Codes>"


def write_qdc(codebook: Codebook, path: str | Path, *, used_only: set[str] | None = None, sset=None,
              key_persons=None) -> Path:
    """Write the codebook in the REFI-QDA codebook format (``.qdc``, urn:QDA-XML:codebook:1.0).

    With ``sset`` and/or ``key_persons`` the file is checked for their person names before it is written (an
    own code named after a person is refused, :class:`~wijklib.stakeholders.privacy.PrivacyLeakError`).
    """
    from wijklib.stakeholders.privacy import refuse_names

    xml = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="wijklib">'
           f"{_codes_xml(codebook.codes.values(), used_only)}</CodeBook>\n")
    refuse_names({Path(path).name: xml}, sset, extra_names=_known_persons(key_persons))
    return atomic_write_text(path, xml)


def write_qdpx(stories: StorySet, path: str | Path, *, sset=None, name: str = "wijklib verhalen",
               key_persons=None, on: dt.date | None = None) -> Path:
    """Write a REFI-QDA project (``.qdpx``: a zip with ``project.qde`` and one text source per fragment).

    As :func:`write_stories_csv`, only fragments whose informant's consent covers ``delen`` on ``on`` are written.

    Each fragment is a text source; its codes are codings of the whole text. Only codes in use are written.
    Texts are scrubbed of person names (of ``sset`` and the key-person register ``key_persons``) and left out
    without consent to quote. As :func:`write_stories_csv`, the project is checked for known names before it is
    written and name-like text in no register gives a :class:`NameLikeWarning`.
    """
    stories = stories.for_sharing(on=on, warn=True)
    extra = _known_persons(key_persons)
    scrub = person_scrubber(sset, key_persons=extra)
    used = {c for f in stories.fragments for c in f.codes}
    user = _guid("user", "wijklib")
    sources, files = [], {}
    for f in stories.fragments:
        text = scrub(f.tekst) if stories.may_quote(f) else "[geen toestemming om te citeren]"
        sg = _guid("source", f.fragment_id)
        files[f"sources/{sg}.txt"] = text
        codings = "".join(f'<Coding guid="{_guid("coding", f.fragment_id, c)}" creatingUser="{user}">'
                          f'<CodeRef targetGUID="{_guid("code", c)}"/></Coding>' for c in f.codes)
        meta = html.escape(f"bronrol {scrub(f.bronrol)}; buurt {f.buurtcode or '-'}; datum {f.datum or '-'}; soort {f.soort}; "
                           f"toestemming {_consent_text(stories, f)}")
        sources.append(f'<TextSource guid="{sg}" name="{html.escape(f.fragment_id, quote=True)}" '
                       f'plainTextPath="internal://{sg}.txt" creatingUser="{user}">'
                       f"<Description>{meta}</Description>"
                       f'<PlainTextSelection guid="{_guid("sel", f.fragment_id)}" name="{html.escape(f.fragment_id)}" '
                       f'startPosition="0" endPosition="{len(text)}" creatingUser="{user}">{codings}'
                       "</PlainTextSelection></TextSource>")
    project = ('<?xml version="1.0" encoding="utf-8"?>\n'
               f'<Project xmlns="urn:QDA-XML:project:1.0" name="{html.escape(name, quote=True)}" origin="wijklib">'
               f'<Users><User guid="{user}" name="wijklib"/></Users>'
               f"<CodeBook>{_codes_xml(stories.codebook.codes.values(), used)}</CodeBook>"
               f"<Sources>{''.join(sources)}</Sources></Project>\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", project)
        for name_, text in files.items():
            zf.writestr(name_, text)
    _check_names(stories, {Path(path).name: buf.getvalue()}, sset, extra)
    return atomic_write_bytes(path, buf.getvalue())


def fragments_by_node(stories: StorySet, sset=None, *, max_per_item: int = 5,
                      key_persons=None) -> dict[str, list[dict]]:
    """Fragments per actor (key: export-safe actor id) and per tie (key ``"a~b"``, ids sorted) for the network view.

    Each item is ``{"id", "tekst", "bronrol", "datum", "codes"}``; texts are scrubbed and withheld without consent
    to quote (persons of ``sset`` and of the key-person register ``key_persons`` are replaced). At most
    ``max_per_item`` fragments per actor or tie.
    """
    ids = sset.public_ids(False) if sset is not None else {}
    scrub = person_scrubber(sset, key_persons=key_persons)
    out: dict[str, list[dict]] = {}
    for f in stories.fragments:
        item = {"id": f.fragment_id, "tekst": scrub(f.tekst) if stories.may_quote(f) else
                "[geen toestemming om te citeren]", "bronrol": scrub(f.bronrol),
                "datum": f.datum.isoformat() if f.datum else "",
                "codes": ", ".join(stories.codebook.codes[c].naam for c in f.codes)}
        keys = [ids.get(a, a) for a in f.actoren]
        keys += ["~".join(sorted((ids.get(a, a), ids.get(b, b)))) for a, b in f.relaties]
        for k in dict.fromkeys(keys):
            lst = out.setdefault(k, [])
            if len(lst) < max_per_item:
                lst.append(item)
    return out


# -- templates ------------------------------------------------------------------------------------------------------
_EXAMPLE_MD = """---
soort: citaat
ronde: R1
---
<!-- Voorbeeld. Elk fragment begint met '## <code>'; daaronder eventueel regels 'sleutel: waarde' en dan de tekst.
     Codes: [[veiligheid]], actoren: @A16, relaties: @A16~A06. Schrijf geen namen van personen. -->

## F01
bron: INT01
bronrol: bewoner
informant: I1
datum: 2024-03-05
buurt: BU99010203
"Als het donker wordt, loop je liever om het pleintje heen." [[veiligheid]] [[jeugd]] @A20
"""


def write_templates(folder: str | Path) -> list[Path]:
    """Write the input templates for stories: ``verhalen_sjabloon.xlsx`` (with drop-downs and an explanation
    sheet), ``fragmenten.csv`` (header only), ``voorbeeld.md``, ``codeboek.csv`` (header only) and ``LEESMIJ.md``."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from wijklib.io.workbook import wrap_sheet

    folder = Path(folder)
    book = default_codebook()
    wb = Workbook()
    ws = wb.active
    ws.title = "Uitleg"
    intro = ["Invulsjabloon verhalen (wijklib)", "",
             "Eén regel per fragment: een citaat, een veldnotitie of een stuk verslag. Schrijf geen namen van "
             "personen; gebruik rollen en codes.",
             f"Aantallen uit minder dan {MIN_SOURCES} verschillende bronnen worden niet getoond (keuze van wijklib).",
             "Codes: kies uit het blad Codeboek (meerdere gescheiden door |); eigen codes in codeboek.csv.", ""]
    for line in intro:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["kolom", "uitleg"])
    for col, text in FRAGMENT_COLUMNS.items():
        ws.append([col, text])
    wrap_sheet(ws, (16, 110))
    frag = wb.create_sheet("Fragmenten")
    cols = list(FRAGMENT_COLUMNS)
    frag.append(cols)
    for j, col in enumerate(cols, start=1):
        frag.cell(1, j).font = Font(bold=True)
        frag.cell(1, j).comment = Comment(FRAGMENT_COLUMNS[col], "wijklib")
        frag.column_dimensions[frag.cell(1, j).column_letter].width = 60 if col == "tekst" else 16
    frag.freeze_panes = "A2"
    lists = wb.create_sheet("Codeboek")
    lists.append(["id", "naam", "soort", "thema", "bron"])
    for c in book.codes.values():
        lists.append([c.id, c.naam, c.soort, c.thema or "", c.bron])
    kinds = wb.create_sheet("Keuzelijsten")
    kinds.append(["soort"])
    for k in FRAGMENT_KINDS:
        kinds.append([k])
    n_codes = len(book.codes) + 1
    for col, formula, strict in (("soort", f"=Keuzelijsten!$A$2:$A${len(FRAGMENT_KINDS) + 1}", True),
                                 ("codes", f"=Codeboek!$A$2:$A${n_codes}", False)):
        letter = frag.cell(1, cols.index(col) + 1).column_letter
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=strict)
        dv.error = "Kies een waarde uit de lijst."
        dv.errorStyle = "warning"
        frag.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}2000")
    buf = io.BytesIO()
    wb.save(buf)
    out = [atomic_write_bytes(folder / "verhalen_sjabloon.xlsx", buf.getvalue()),
           atomic_write_text(folder / "fragmenten.csv", ",".join(cols) + "\n"),
           atomic_write_text(folder / "codeboek.csv", "id,naam,thema,omschrijving\n"),
           atomic_write_text(folder / "voorbeeld.md", _EXAMPLE_MD)]
    lines = ["# Invulsjablonen verhalen", "",
             "Verhalen (citaten, veldnotities, verslagen) als vertelde gegevens. Inlezen: "
             "`wijklib.stories.load_stories(map, records=stakeholderkaart)`; zie notebook `08_verhalen`.", "",
             "- `verhalen_sjabloon.xlsx` of `fragmenten.csv`: één regel per fragment;",
             "- of Markdown/tekst zoals `voorbeeld.md`: codes als `[[code]]`, actoren als `@A16`, relaties als "
             "`@A16~A06`;",
             "- `codeboek.csv`: eigen codes (`id`, `naam`, `thema` uit: " + ", ".join(THEMES) + ").", "",
             f"Aantallen uit minder dan {MIN_SOURCES} verschillende bronnen worden niet getoond (keuze van wijklib). "
             "Schrijf geen namen van personen.", "", "| kolom | uitleg |", "|---|---|"]
    lines += [f"| `{c}` | {t} |" for c, t in FRAGMENT_COLUMNS.items()]
    out.append(atomic_write_text(folder / "LEESMIJ.md", "\n".join(lines) + "\n"))
    return out
