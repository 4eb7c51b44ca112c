"""Research records of a participatory action research (PAR) project: consent, member checks, reflexive log.

Three small tables sit beside the stakeholder map (sheets in the same workbook, or CSV files in the same folder):

``toestemming`` (informed consent, one row per informant)
    ``informant``, ``datum`` (date consent was given), ``reikwijdte`` (what the consent covers, ``|``-separated
    from :data:`CONSENT_SCOPES`), ``ingetrokken`` (date of withdrawal, empty = not withdrawn), ``notitie``.
``ledencheck`` (member checks: what was shown to whom, their response and what changed)
    ``datum``, ``ronde``, ``getoond``, ``aan`` (a role or group, never a name), ``reactie``, ``veranderd``,
    ``actor_id``, ``thema``.
``logboek`` (reflexive log of the researcher)
    ``datum``, ``auteur_rol``, ``tekst``, ``ronde``, ``actor_id``, ``thema``.

Withdrawal is honoured everywhere: :func:`apply_consent` removes every relation and assessment of an informant
who withdrew (or whose consent does not cover that kind of statement) before any analysis;
:func:`wijklib.stakeholders.load_stakeholders` does so automatically when the consent table is present, and
:mod:`wijklib.stories` drops that informant's fragments in the same way.

Sharing with partners is a use of its own (scope ``delen``): :func:`for_sharing` leaves out the statements
(relations, assessments and their notes, the informant's own note) of every informant whose consent does not cover
``delen`` on the export date, and says in Dutch how many informants and statements were left out (not who). The
pseudonymised exports (``write_csv``, ``write_xlsx``, ``export_rounds``, ``write_kumu``; stories through
:meth:`wijklib.stories.StorySet.for_sharing`) apply it themselves. :meth:`ResearchRecords.coverage_frame` counts
per scope how many informants cover it (with their roles, never names).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Callable, Iterable, Mapping

import pandas as pd
from pydantic import BeforeValidator

from wijklib.errors import choices_nl

from .model import DEFAULT_INFORMANT, Code, _Record
from .vocab import split_list

__all__ = ["CONSENT_SCOPES", "SHARE_SCOPE", "Consent", "MemberCheck", "LogEntry", "ResearchRecords", "apply_consent",
           "for_sharing", "sharing_note_nl", "SharingWarning"]

#: What an informant can consent to (id -> Dutch explanation shown in templates and exports).
CONSENT_SCOPES: dict[str, str] = {
    "relaties": "de relaties die de informant noemde, gebruiken in de netwerkanalyse",
    "beoordelingen": "de beoordelingen (macht, belang, vertrouwen, ...) gebruiken",
    "verhalen": "verhalen, citaten en notities van of over het gesprek coderen en tellen",
    "citeren": "letterlijk citeren (gepseudonimiseerd) in rapporten en presentaties",
    "delen": "gepseudonimiseerde gegevens delen met partners in de wijkaanpak",
}
#: The scope an export for partners needs.
SHARE_SCOPE = "delen"


class SharingWarning(UserWarning):
    """An export for partners left out statements of informants whose consent does not cover ``delen``."""


def _scopes(value: object) -> tuple[str, ...]:
    out: list[str] = []
    for item in split_list(value):
        key = str(item).strip().casefold()
        if not key:
            continue
        if key in ("alles", "alle"):
            out.extend(CONSENT_SCOPES)
            continue
        if key not in CONSENT_SCOPES:
            raise ValueError(f"onbekende reikwijdte {item!r}; kies uit {choices_nl([*CONSENT_SCOPES, 'alles'])} "
                             "(meerdere gescheiden door |)")
        out.append(key)
    return tuple(dict.fromkeys(out))


class Consent(_Record):
    """Informed consent of one informant: when, what it covers, and whether it was withdrawn."""

    informant: Code
    datum: dt.date
    reikwijdte: Annotated[tuple[str, ...], BeforeValidator(_scopes)] = ()
    ingetrokken: dt.date | None = None
    notitie: str | None = None

    def covers(self, scope: str, on: dt.date | None = None) -> bool:
        """True when the consent covers ``scope`` and was not withdrawn (on or before ``on``, default: ever).

        With ``on``, consent given after that date does not cover it yet.
        """
        if self.ingetrokken is not None and (on is None or self.ingetrokken <= on):
            return False
        if on is not None and self.datum > on:
            return False
        return scope in self.reikwijdte


class MemberCheck(_Record):
    """A member check: what was shown to whom, their response and what changed as a result."""

    datum: dt.date
    getoond: str
    aan: str
    reactie: str | None = None
    veranderd: str | None = None
    ronde: str | None = None
    actor_id: str | None = None
    thema: str | None = None


class LogEntry(_Record):
    """One entry of the researcher's reflexive log, optionally linked to a round, an actor or a theme."""

    datum: dt.date
    auteur_rol: str
    tekst: str
    ronde: str | None = None
    actor_id: str | None = None
    thema: str | None = None


@dataclass
class ResearchRecords:
    """Consent records, member checks and the reflexive log of one project.

    Attributes
    ----------
    consents, member_checks, log : tuple
        The records as read.
    """

    consents: tuple[Consent, ...] = ()
    member_checks: tuple[MemberCheck, ...] = ()
    log: tuple[LogEntry, ...] = ()
    warnings: list[str] = field(default_factory=list)

    @property
    def has_consent_table(self) -> bool:
        return bool(self.consents)

    def consent(self, informant: str) -> Consent | None:
        for c in self.consents:
            if c.informant == informant:
                return c
        return None

    def withdrawn(self) -> tuple[str, ...]:
        """Informants who withdrew their consent (their statements leave every result)."""
        return tuple(c.informant for c in self.consents if c.ingetrokken is not None)

    def allowed(self, informant: str, scope: str, on: dt.date | None = None) -> bool:
        """Whether ``informant``'s material may be used for ``scope``.

        Without a consent table nothing is checked (True). With one, an informant without a consent row, or
        whose consent was withdrawn or does not cover ``scope``, is not allowed. The group code ``groep``
        (statements made together at a table, without one informant) is allowed unless it has a row itself.
        ``on`` checks the consent on that date (given by then, not withdrawn by then); default: ever withdrawn.
        """
        if not self.consents:
            return True
        c = self.consent(informant)
        if c is None:
            return informant == DEFAULT_INFORMANT
        return c.covers(scope, on)

    # -- tables for display and export ------------------------------------------------------------------------
    def consent_frame(self, roles: dict[str, str] | None = None) -> pd.DataFrame:
        """What consent covers, per informant (Dutch columns; lists every scope with ja/nee)."""
        rows = []
        for c in self.consents:
            row = {"informant": c.informant, "rol": (roles or {}).get(c.informant, ""),
                   "toestemming_datum": c.datum.isoformat(),
                   "status": f"ingetrokken op {c.ingetrokken.isoformat()}" if c.ingetrokken else "geldig"}
            for scope in CONSENT_SCOPES:
                row[scope] = "ja" if c.covers(scope) else "nee"
            rows.append(row)
        return pd.DataFrame(rows, columns=["informant", "rol", "toestemming_datum", "status", *CONSENT_SCOPES])

    def coverage_frame(self, roles: Mapping[str, str] | None = None, *, on: dt.date | None = None) -> pd.DataFrame:
        """How many informants each scope covers, with their roles (never names or codes).

        Parameters
        ----------
        roles : mapping, optional
            Informant code -> role (``sset.informants_frame().set_index("informant")["rol"]``); an informant
            without a role counts as ``rol onbekend``.
        on : date, optional
            The date the coverage is about (default: today): consent given later or withdrawn by then does not
            count.

        Returns
        -------
        DataFrame
            One row per scope of :data:`CONSENT_SCOPES`: ``reikwijdte``, ``betekenis``, ``informanten_gedekt``,
            ``informanten_niet_gedekt`` (of the registered informants), ``rollen_gedekt`` (``rol (aantal)``,
            ``;``-separated) and ``peildatum``.
        """
        on = on or dt.date.today()
        roles = dict(roles or {})
        rows = []
        for scope, meaning in CONSENT_SCOPES.items():
            yes = [c for c in self.consents if c.covers(scope, on)]
            counts: dict[str, int] = {}
            for c in yes:
                role = str(roles.get(c.informant) or "").strip() or "rol onbekend"
                counts[role] = counts.get(role, 0) + 1
            rows.append({"reikwijdte": scope, "betekenis": meaning, "informanten_gedekt": len(yes),
                         "informanten_niet_gedekt": len(self.consents) - len(yes),
                         "rollen_gedekt": "; ".join(f"{r} ({n})" for r, n in sorted(counts.items())),
                         "peildatum": on.isoformat()})
        return pd.DataFrame(rows, columns=["reikwijdte", "betekenis", "informanten_gedekt", "informanten_niet_gedekt",
                                           "rollen_gedekt", "peildatum"])

    def write_coverage(self, path, roles: Mapping[str, str] | None = None, *, on: dt.date | None = None):
        """Write :meth:`coverage_frame` as CSV (UTF-8), atomically; returns the path."""
        from pathlib import Path

        from wijklib.io.atomic import atomic_write_text
        from wijklib.io.csvsafe import safe_csv_text

        return atomic_write_text(Path(path), safe_csv_text(self.coverage_frame(roles, on=on), index=False))

    def member_checks_frame(self, scrub: Callable[[str], str] | None = None) -> pd.DataFrame:
        """The member checks, one row each; ``scrub`` is applied to every text cell."""
        return _text_frame(self.member_checks, list(MemberCheck.model_fields), scrub)

    def log_frame(self, scrub: Callable[[str], str] | None = None) -> pd.DataFrame:
        """The reflexive log, one row per entry; ``scrub`` is applied to every text cell."""
        return _text_frame(self.log, list(LogEntry.model_fields), scrub)

    def consent_summary_nl(self) -> str:
        """Dutch text: who gave consent for what, who withdrew, and what that means for the results."""
        if not self.consents:
            return "Geen toestemmingsregistratie: wijklib controleert niet welke uitspraken gebruikt mogen worden."
        lines = [f"**Toestemming**: {len(self.consents)} informant(en) geregistreerd."]
        for c in self.consents:
            if c.ingetrokken:
                lines.append(f"- {c.informant}: toestemming ingetrokken op {c.ingetrokken.isoformat()}; alle "
                             "uitspraken, beoordelingen en verhalen van deze informant zijn uit elke uitkomst gehaald.")
            else:
                dekt = ", ".join(c.reikwijdte) or "niets"
                lines.append(f"- {c.informant}: toestemming van {c.datum.isoformat()} voor {dekt}.")
        return "\n".join(lines)


def _text_frame(records: Iterable[_Record], columns: list[str], scrub: Callable[[str], str] | None) -> pd.DataFrame:
    """Records as a table for people to read: every text cell through ``scrub``, empty cells as empty text."""
    clean = scrub or (lambda t: t)
    rows = [{k: clean(v) if isinstance(v, str) else v for k, v in rec.model_dump().items()} for rec in records]
    return _blank(pd.DataFrame(rows, columns=columns))


def _blank(df: pd.DataFrame) -> pd.DataFrame:
    """Empty cells as empty text (not a mix of None and NaN) in a table for people to read."""
    return df.astype(object).where(df.notna(), "")


def apply_consent(sset, records: ResearchRecords):
    """The stakeholder set without the statements that consent does not cover.

    Relations of informants whose consent does not cover ``relaties`` and assessments of informants whose consent
    does not cover ``beoordelingen`` are removed; an informant who withdrew loses both, and is removed from the
    informant list. The set's ``records`` are set to ``records`` and a Dutch warning names what was removed.

    Parameters
    ----------
    sset : StakeholderSet
    records : ResearchRecords

    Returns
    -------
    StakeholderSet
        A new set; ``sset`` is not changed.
    """
    relations = tuple(r for r in sset.relations if records.allowed(r.informant, "relaties"))
    assessments = tuple(s for s in sset.assessments if records.allowed(s.informant, "beoordelingen"))
    gone = set(records.withdrawn())
    warnings = list(sset.warnings)
    removed_rel = len(sset.relations) - len(relations)
    removed_ass = len(sset.assessments) - len(assessments)
    if removed_rel or removed_ass:
        warnings.append(f"toestemming: {removed_rel} relatie-uitspraken en {removed_ass} beoordelingen weggelaten "
                        "(toestemming ingetrokken, ontbrekend of niet voor dit gebruik)")
    if gone:
        warnings.append(f"toestemming ingetrokken door {', '.join(sorted(gone))}: hun uitspraken tellen nergens mee")
    used = {r.informant for r in relations} | {s.informant for s in assessments}
    informants = tuple(i for i in sset.informants if i.informant not in gone or i.informant in used)
    return dataclasses.replace(sset, relations=relations, assessments=assessments, informants=informants,
                               warnings=warnings, records=records)


def records_from_tables(tables: Mapping[str, Iterable]) -> ResearchRecords:
    """Build :class:`ResearchRecords` from loaded record lists (keys toestemming, ledencheck, logboek)."""
    return ResearchRecords(consents=tuple(tables.get("toestemming", ())),
                           member_checks=tuple(tables.get("ledencheck", ())), log=tuple(tables.get("logboek", ())))


def _not_sharing(sset, on: dt.date) -> set[str]:
    """Informants with statements in ``sset`` whose consent does not cover ``delen`` on ``on``."""
    records = sset.records
    if records is None or not records.has_consent_table:
        return set()
    stated = {r.informant for r in sset.relations} | {s.informant for s in sset.assessments} | set(sset.informant_ids)
    return {i for i in stated if not records.allowed(i, SHARE_SCOPE, on)}


def sharing_note_nl(n_informants: int, n_relations: int, n_assessments: int, n_fragments: int = 0) -> str:
    """Dutch note for an export: how many informants and statements were left out for lack of ``delen``."""
    parts = [f"{n_relations} relatie-uitspraken", f"{n_assessments} beoordelingen"]
    if n_fragments:
        parts.append(f"{n_fragments} verhaalfragmenten")
    return (f"delen: van {n_informants} informant(en) dekt de toestemming op de exportdatum het delen met partners "
            f"niet; hun {', '.join(parts[:-1])} en {parts[-1]} (met hun notities) staan niet in deze export.")


def for_sharing(sset, on: dt.date | None = None, *, warn: bool = False):
    """The stakeholder set as it may be shared with partners: only statements covered by ``delen`` on ``on``.

    Relations and assessments (with their notes) of informants whose consent does not cover ``delen`` on the
    export date are removed, and so are those informants (their role and note; the exports leave out their
    consent rows too). The research records stay as they are, so applying it twice changes nothing. A Dutch
    note (:func:`sharing_note_nl`, counts only, no informant codes) is added to the set's warnings. Without a
    consent table nothing is checked.

    Parameters
    ----------
    sset : StakeholderSet
    on : date, optional
        The export date (default: today).
    warn : bool
        Also give the note as a :class:`SharingWarning` when something was left out.

    Returns
    -------
    StakeholderSet
        A new set; ``sset`` is not changed.
    """
    import warnings as _warnings

    on = on or dt.date.today()
    out = _not_sharing(sset, on)
    if not out:
        return sset
    relations = tuple(r for r in sset.relations if r.informant not in out)
    assessments = tuple(s for s in sset.assessments if s.informant not in out)
    note = sharing_note_nl(len(out), len(sset.relations) - len(relations), len(sset.assessments) - len(assessments))
    if warn:
        _warnings.warn(note, SharingWarning, stacklevel=3)
    return dataclasses.replace(sset, relations=relations, assessments=assessments,
                               informants=tuple(i for i in sset.informants if i.informant not in out),
                               warnings=[*sset.warnings, note])
