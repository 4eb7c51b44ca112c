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
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Callable, Iterable, Mapping

import pandas as pd
from pydantic import BeforeValidator

from .model import DEFAULT_INFORMANT, Code, _Record
from .vocab import split_list

__all__ = ["CONSENT_SCOPES", "Consent", "MemberCheck", "LogEntry", "ResearchRecords", "apply_consent"]

#: What an informant can consent to (id -> Dutch explanation shown in templates and exports).
CONSENT_SCOPES: dict[str, str] = {
    "relaties": "de relaties die de informant noemde, gebruiken in de netwerkanalyse",
    "beoordelingen": "de beoordelingen (macht, belang, vertrouwen, ...) gebruiken",
    "verhalen": "verhalen, citaten en notities van of over het gesprek coderen en tellen",
    "citeren": "letterlijk citeren (gepseudonimiseerd) in rapporten en presentaties",
    "delen": "gepseudonimiseerde gegevens delen met partners in de wijkaanpak",
}


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
            raise ValueError(f"onbekende reikwijdte {item!r}; kies uit {', '.join(CONSENT_SCOPES)} of 'alles' "
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
        """True when the consent covers ``scope`` and was not withdrawn (on or before ``on``, default: ever)."""
        if self.ingetrokken is not None and (on is None or self.ingetrokken <= on):
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

    def allowed(self, informant: str, scope: str) -> bool:
        """Whether ``informant``'s material may be used for ``scope``.

        Without a consent table nothing is checked (True). With one, an informant without a consent row, or
        whose consent was withdrawn or does not cover ``scope``, is not allowed. The group code ``groep``
        (statements made together at a table, without one informant) is allowed unless it has a row itself.
        """
        if not self.consents:
            return True
        c = self.consent(informant)
        if c is None:
            return informant == DEFAULT_INFORMANT
        return c.covers(scope)

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
