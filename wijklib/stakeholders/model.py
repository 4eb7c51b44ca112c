"""The stakeholder records: actors, relations, assessments, rounds and informants, and the set that holds them.

One actor record feeds every method (power-interest grid, salience, krachtenveld, reach x trust, participation
ladder, network analysis); assessments are given per informant and per round, so that disagreement and change
stay visible instead of being averaged away at input time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterable, Mapping, NoReturn, TypeVar

import pandas as pd
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationInfo,
                      field_validator, model_validator)

from wijklib.errors import InputError, choices_nl

from . import privacy
from .vocab import OVERIG, SCALES, ActorTypeVocabulary, Level, RelationType, World, actor_types, parse_rung, split_list

if TYPE_CHECKING:
    from .records import ResearchRecords

__all__ = ["Actor", "Relation", "Assessment", "Round", "Informant", "StakeholderSet", "DEFAULT_ROUND",
           "DEFAULT_INFORMANT", "NUMERIC_FIELDS", "AREA_LEVELS", "area_relation"]

DEFAULT_ROUND = "R1"
DEFAULT_INFORMANT = "groep"
NUMERIC_FIELDS = ("macht", "belang", "houding", "vertrouwen", "bereik", "legitimiteit", "urgentie")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_AREA = re.compile(r"^(BU\d{8}|WK\d{6}|GM\d{4})$")

#: CBS code prefix -> Dutch name of the area level.
AREA_LEVELS = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}


def _check_area(value: str, what: str) -> str:
    if not _AREA.match(value):
        raise ValueError(f"{what} {value!r} is geen CBS-code; verwacht bijvoorbeeld BU99010101 (buurt), "
                         "WK990101 (wijk) of GM9901 (gemeente)")
    return value


#: A CBS area code (BU/WK/GM); the error names the field.
AreaCode = Annotated[str, AfterValidator(lambda v, info: _check_area(v, info.field_name or "gebied"))]


def area_relation(code: str | None, gebied: str | None, gebiedsnaam: str | None = None) -> str:
    """Where an actor's area lies relative to the chosen area, as a short Dutch label.

    CBS codes nest by their digits: ``GM9901`` (gemeente) contains ``WK990102`` (wijk), which contains
    ``BU99010203`` (buurt). So an actor area lies *in* the chosen area when its digits start with the chosen
    area's digits, and is *wider* when the chosen area's digits start with its own.

    Parameters
    ----------
    code : str or None
        The actor's CBS code (``Actor.gebied``); None or empty when not filled in (regional actors, for example).
    gebied : str or None
        The chosen area (BU/WK/GM code); None or empty means no area was chosen.
    gebiedsnaam : str, optional
        Name of the chosen area, used in the label (default: the code).

    Returns
    -------
    str
        ``"in <gebiedsnaam>"`` (same area or a part of it), ``"breder (gemeente)"`` / ``"breder (wijk)"`` (an area
        that contains the chosen one), ``"ander gebied"``, ``"onbekend (regionaal of niet ingevuld)"`` (no actor
        code) or ``"niet bepaald (geen gebied gekozen)"``.

    Raises
    ------
    ValueError
        When ``gebied`` or ``code`` is not empty and not a CBS code.

    Examples
    --------
    >>> area_relation("BU99010203", "WK990102", "Zuiderveld")
    'in Zuiderveld'
    >>> area_relation("GM9901", "WK990102"), area_relation("WK990103", "WK990102")
    ('breder (gemeente)', 'ander gebied')
    """
    if gebied is None or (isinstance(gebied, str) and not gebied.strip()):
        return "niet bepaald (geen gebied gekozen)"
    gebied = _check_area(str(gebied).strip(), "gebied")
    if code is None or not isinstance(code, str) or not code.strip():
        return "onbekend (regionaal of niet ingevuld)"
    code = _check_area(code.strip(), "gebied van de actor")
    mine, chosen = code[2:], gebied[2:]
    if mine.startswith(chosen):
        return f"in {gebiedsnaam or gebied}"
    if chosen.startswith(mine):
        return f"breder ({AREA_LEVELS[code[:2]]})"
    return "ander gebied"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    _origin: tuple[str | None, int | None] = PrivateAttr(default=(None, None))

    def with_origin(self, file: str | None, row: int | None):
        """Remember where the record came from (file/sheet and the row as Excel shows it) for later error messages."""
        self._origin = (file, row)
        return self

    @property
    def origin(self) -> tuple[str | None, int | None]:
        return self._origin

    def __eq__(self, other: object) -> bool:  # where a record came from is not part of its value
        return type(self) is type(other) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self.model_dump().items())))


def _check_id(value: str, what: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{what} {value!r} mag alleen letters, cijfers, '_', '-' en '.' bevatten (max. 64 tekens)")
    return value


def _code(value: str, info: ValidationInfo) -> str:
    return _check_id(value, info.field_name or "code")


#: An id column (actor_id, ronde, informant): letters, digits, '_', '-', '.'; the error names the field.
Code = Annotated[str, AfterValidator(_code)]


class Actor(_Record):
    """One actor (organisation, group, role or natural person) of the stakeholder map."""

    actor_id: Code
    naam: str = Field(min_length=1)
    actortype: str
    actortype_label: str | None = None
    natuurlijk_persoon: bool = False
    rol: str | None = None
    formeel: bool | None = None
    wereld: World | None = None
    groep: str | None = None
    domein: str | None = None
    niveau: Level | None = None
    gebied: AreaCode | None = None
    nodig: bool | None = None
    notitie: str | None = None

    @model_validator(mode="after")
    def _overig_needs_label(self):
        if self.actortype == OVERIG and not self.actortype_label:
            raise ValueError("actortype 'overig' vraagt een omschrijving in kolom 'actortype_label'")
        return self

    @property
    def type_label(self) -> str:
        """The free-text label for 'overig', else the type id."""
        return self.actortype_label or self.actortype


class Round(_Record):
    """A round of data collection: a wijktafel, an interview series, a Net-Map session."""

    ronde: Code
    datum: dt.date | None = None
    soort: str | None = None
    omschrijving: str | None = None


class Informant(_Record):
    """Who gave a map or an assessment. Deliberately has no name field: informants are known by code and role."""

    informant: Code
    rol: str | None = None
    actor_id: str | None = None
    notitie: str | None = None


class Relation(_Record):
    """A tie named (or explicitly denied, ``bestaat=False``) by one informant in one round."""

    ronde: str = DEFAULT_ROUND
    informant: str = DEFAULT_INFORMANT
    bron: str
    doel: str
    type: RelationType
    gericht: bool = True
    sterkte: int = Field(default=2, ge=1, le=3)
    bestaat: bool = True
    notitie: str | None = None

    @model_validator(mode="after")
    def _no_loop(self):
        if self.bron == self.doel:
            raise ValueError(f"een relatie van een actor met zichzelf ({self.bron!r}) kan niet")
        return self


class Assessment(_Record):
    """One informant's assessment of one actor in one round; every score is optional."""

    ronde: str = DEFAULT_ROUND
    informant: str = DEFAULT_INFORMANT
    actor_id: str
    macht: float | None = None
    belang: float | None = None
    houding: float | None = None
    vertrouwen: float | None = None
    bereik: float | None = None
    bereik_groepen: Annotated[tuple[str, ...], BeforeValidator(split_list)] = ()
    legitimiteit: float | None = None
    urgentie: float | None = None
    trede_huidig: int | None = None
    trede_doel: int | None = None
    notitie: str | None = None

    @field_validator(*NUMERIC_FIELDS)
    @classmethod
    def _in_range(cls, v: float | None, info) -> float | None:
        if v is None:
            return v
        lo, hi, text = SCALES[info.field_name]
        if not lo <= v <= hi:
            raise ValueError(f"waarde {v:g} ligt buiten de schaal {lo:g} tot {hi:g} ({text})")
        return v

    @field_validator("trede_huidig", "trede_doel", mode="before")
    @classmethod
    def _rung(cls, v):
        return parse_rung(v)


_R = TypeVar("_R", bound=_Record)


@dataclass(frozen=True)
class _Safe:
    """What an export table needs to show records safely: public ids, labels and the free-text scrubber."""

    ids: dict[str, str]
    labels: dict[str, str]
    scrub: Callable[[Any], Any]


@dataclass
class StakeholderSet:
    """Validated actors, relations, assessments, rounds and informants of one stakeholder map.

    Build it with :func:`wijklib.stakeholders.load_stakeholders` or :meth:`from_records`; both check that every
    reference resolves, that ids are unique, that actor types are known and that no named suspect is modelled.

    Attributes
    ----------
    warnings : list of str
        Dutch notes about the input that are not errors (ignored columns, rounds made up from references).
    """

    actors: tuple[Actor, ...]
    relations: tuple[Relation, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    rounds: tuple[Round, ...] = ()
    informants: tuple[Informant, ...] = ()
    vocabulary: ActorTypeVocabulary = field(default_factory=ActorTypeVocabulary, repr=False)
    source: Path | None = None
    warnings: list[str] = field(default_factory=list)
    key_path: Path | None = field(default=None, repr=False)
    _key: bytes | None = field(default=None, repr=False)
    #: research records (consent, member checks, reflexive log); see :mod:`wijklib.stakeholders.records`
    records: ResearchRecords | None = field(default=None, repr=False)

    # -- construction ---------------------------------------------------------------------------------------
    @classmethod
    def from_records(cls, actors: Iterable[Actor], relations: Iterable[Relation] = (),
                     assessments: Iterable[Assessment] = (), rounds: Iterable[Round] | None = None,
                     informants: Iterable[Informant] | None = None, *, vocabulary: ActorTypeVocabulary | None = None,
                     source: str | Path | None = None, key_path: str | Path | None = None,
                     warnings: list[str] | None = None) -> "StakeholderSet":
        """Check the records against each other and return the set.

        ``rounds`` / ``informants`` of None mean "not given": they are then made from the ids used in relations
        and assessments (with a warning). Given lists must contain every id that is used.

        Raises
        ------
        InputError
            Naming the file, row and column of the first problem.
        """
        vocabulary = vocabulary if vocabulary is not None else actor_types()
        warns = list(warnings or [])
        actors = tuple(_resolve_actor(a, vocabulary) for a in actors)
        relations, assessments = tuple(relations), tuple(assessments)

        def fail(rec: _Record, msg: str, column: str | None) -> NoReturn:
            file, row = rec.origin
            raise InputError(msg, file=file, row=row, column=column)

        seen: dict[str, Actor] = {}
        for a in actors:
            if a.actor_id in seen:
                other = seen[a.actor_id].origin[1]
                fail(a, f"dubbel actor_id {a.actor_id!r}" + (f" (ook in rij {other})" if other else ""), "actor_id")
            seen[a.actor_id] = a

        def check_list(items: tuple[_Record, ...] | None, id_attr: str, label: str,
                       used: set[str]) -> dict[str, _Record] | None:
            if items is None:
                made = sorted(used)
                if made:
                    warns.append(f"geen lijst met {label} gegeven; aangemaakt uit de gebruikte codes: {', '.join(made)}")
                return None
            ids: dict[str, _Record] = {}
            for it in items:
                key = getattr(it, id_attr)
                if key in ids:
                    fail(it, f"dubbele code {key!r} in de lijst met {label}", id_attr)
                ids[key] = it
            return ids

        used_rounds = {r.ronde for r in relations} | {s.ronde for s in assessments}
        used_informants = {r.informant for r in relations} | {s.informant for s in assessments}
        rounds = tuple(rounds) if rounds is not None else None
        informants = tuple(informants) if informants is not None else None
        round_ids = check_list(rounds, "ronde", "rondes", used_rounds)
        informant_ids = check_list(informants, "informant", "informanten", used_informants)
        if rounds is None:
            rounds = tuple(Round(ronde=r) for r in sorted(used_rounds or {DEFAULT_ROUND}))
        if informants is None:
            informants = tuple(Informant(informant=i) for i in sorted(used_informants))
        for inf in informants:
            if inf.actor_id is not None and inf.actor_id not in seen:
                fail(inf, f"onbekende actor {inf.actor_id!r}; die staat niet in de actorenlijst", "actor_id")

        plural = {"ronde": "rondes", "informant": "informanten"}

        def check_ref(rec: _Record, value: str, known: Mapping[str, _Record] | None, column: str, what: str) -> None:
            if known is not None and value not in known:
                fail(rec, f"onbekende {what} {value!r}; voeg die toe aan de lijst met {plural[what]} of corrigeer "
                          "de code", column)

        for rel in relations:
            for col in ("bron", "doel"):
                value = getattr(rel, col)
                if value not in seen:
                    fail(rel, f"onbekende actor {value!r} in de relatie; elke bron en elk doel moet in de "
                              "actorenlijst staan (kolom actor_id)", col)
            check_ref(rel, rel.ronde, round_ids, "ronde", "ronde")
            check_ref(rel, rel.informant, informant_ids, "informant", "informant")
        dup: dict[tuple, Assessment] = {}
        for ass in assessments:
            if ass.actor_id not in seen:
                fail(ass, f"onbekende actor {ass.actor_id!r}; die staat niet in de actorenlijst", "actor_id")
            check_ref(ass, ass.ronde, round_ids, "ronde", "ronde")
            check_ref(ass, ass.informant, informant_ids, "informant", "informant")
            key = (ass.ronde, ass.informant, ass.actor_id)
            if key in dup:
                other = dup[key].origin[1]
                fail(ass, f"dubbele beoordeling van {ass.actor_id!r} door informant {ass.informant!r} in ronde "
                          f"{ass.ronde!r}" + (f" (ook in rij {other})" if other else ""), "actor_id")
            dup[key] = ass
            if ass.trede_doel is not None and ass.trede_huidig is None:
                warns.append(f"beoordeling van {ass.actor_id!r} ({ass.informant}, {ass.ronde}): doeltrede zonder "
                             "huidige trede; het verschil kan niet worden berekend")

        rounds = tuple(sorted(rounds, key=lambda r: (r.datum is None, r.datum or dt.date.min, r.ronde)))
        return cls(actors=actors, relations=relations, assessments=assessments, rounds=rounds,
                   informants=tuple(informants), vocabulary=vocabulary,
                   source=Path(source) if source is not None else None, warnings=warns,
                   key_path=Path(key_path) if key_path is not None else None)

    def subset(self, *, informants: str | Iterable[str] | None = None,
               rounds: str | Iterable[str] | None = None) -> "StakeholderSet":
        """The same actors with only the statements of some informants and/or rounds.

        Relations and assessments of other informants or rounds are left out, and so are those informants and
        rounds themselves. Actors, vocabulary, source, key and warnings are kept, so labels and pseudonyms stay
        the same.

        Parameters
        ----------
        informants : str or iterable of str, optional
            Informant codes to keep; None or empty keeps every informant.
        rounds : str or iterable of str, optional
            Round ids to keep; None or empty keeps every round.

        Returns
        -------
        StakeholderSet
            A new set; this one is not changed.

        Raises
        ------
        KeyError
            With a Dutch message naming unknown informant codes or round ids and the known ones.

        Examples
        --------
        >>> kaart_i1 = sset.subset(informants=["I1"])          # doctest: +SKIP
        >>> kaart_i1.informant_ids                              # doctest: +SKIP
        ('I1',)
        """
        def chosen(value, known: tuple[str, ...], what: str) -> set[str] | None:
            if value is None:
                return None
            wanted = [value] if isinstance(value, str) else list(value)
            if not wanted:
                return None
            unknown = sorted(set(wanted) - set(known))
            withdrawn = set(self.records.withdrawn()) if what.startswith("informant") and self.records else set()
            gone = [u for u in unknown if u in withdrawn]
            if gone:
                raise KeyError(f"{'informant' if len(gone) == 1 else 'informanten'} {', '.join(map(repr, gone))} "
                               f"{'heeft' if len(gone) == 1 else 'hebben'} de toestemming ingetrokken; alle "
                               "uitspraken, beoordelingen en verhalen zijn bij het inlezen verwijderd en tellen "
                               f"nergens meer mee. Kies uit: {choices_nl(known)}")
            if unknown:
                raise KeyError(f"onbekende {what} {', '.join(map(repr, unknown))}; kies uit: "
                               f"{choices_nl(known)}")
            return set(wanted)

        inf = chosen(informants, self.informant_ids, "informant(en)")
        rnd = chosen(rounds, self.round_ids, "ronde(s)")

        def keep(rec) -> bool:
            return (inf is None or rec.informant in inf) and (rnd is None or rec.ronde in rnd)

        return dataclasses.replace(
            self, relations=tuple(r for r in self.relations if keep(r)),
            assessments=tuple(s for s in self.assessments if keep(s)),
            informants=tuple(i for i in self.informants if inf is None or i.informant in inf),
            rounds=tuple(r for r in self.rounds if rnd is None or r.ronde in rnd),
            warnings=list(self.warnings))

    # -- look-ups -------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.actors)

    def actor(self, actor_id: str) -> Actor:
        for a in self.actors:
            if a.actor_id == actor_id:
                return a
        raise KeyError(f"onbekende actor {actor_id!r}")

    @property
    def round_ids(self) -> tuple[str, ...]:
        """Round ids in time order (rounds without a date last)."""
        return tuple(r.ronde for r in self.rounds)

    @property
    def informant_ids(self) -> tuple[str, ...]:
        return tuple(i.informant for i in self.informants)

    def informants_in(self, ronde: str) -> tuple[str, ...]:
        """Informants who named ties or assessed actors in a round."""
        used = {r.informant for r in self.relations if r.ronde == ronde}
        used |= {s.informant for s in self.assessments if s.ronde == ronde}
        return tuple(i for i in self.informant_ids if i in used)

    def check_round(self, ronde: str | None) -> str:
        """Return ``ronde``, or the latest round when None; raise a Dutch KeyError for an unknown round."""
        if ronde is None:
            if not self.rounds:
                raise KeyError("er zijn geen rondes")
            return self.round_ids[-1]
        if ronde not in self.round_ids:
            raise KeyError(f"onbekende ronde {ronde!r}; bekende rondes: {', '.join(self.round_ids)}")
        return ronde

    def present_in(self, ronde: str) -> set[str]:
        """actor_ids assessed in ``ronde`` or named in a tie (not a denial) of ``ronde``."""
        out = {s.actor_id for s in self.assessments if s.ronde == ronde}
        for r in self.relations:
            if r.ronde == ronde and r.bestaat:
                out.update((r.bron, r.doel))
        return out

    def round_status(self, allow_names: bool = False) -> pd.DataFrame:
        """Per actor and round whether the actor is ``nieuw``, ``aanwezig``, ``verdwenen`` or ``afwezig``.

        An actor is present in a round when an informant assessed it or named a tie with it. Compared with the
        previous round it is *nieuw* (present now, not before), *aanwezig* (present in both), *verdwenen*
        (present before, not now) or *afwezig* (in neither). In the first round a present actor is *aanwezig*.

        Returns
        -------
        DataFrame
            Indexed by the export-safe ``actor_id``, with ``label`` and one column per round (time order).
        """
        ids, labels = self.public_ids(allow_names), self.labels(allow_names)
        present = {r: self.present_in(r) for r in self.round_ids}
        rows = []
        for a in self.actors:
            row = {"actor_id": ids[a.actor_id], "label": labels[a.actor_id]}
            prev = None
            for r in self.round_ids:
                now = a.actor_id in present[r]
                if prev is None:
                    row[r] = "aanwezig" if now else "afwezig"
                else:
                    row[r] = ("aanwezig" if prev else "nieuw") if now else ("verdwenen" if prev else "afwezig")
                prev = now
            rows.append(row)
        return pd.DataFrame(rows, columns=["actor_id", "label", *self.round_ids]).set_index("actor_id")

    # -- privacy --------------------------------------------------------------------------------------------
    def _pseudonym_key(self) -> bytes:
        if self._key is None:
            forbidden = [self.source.parent if self.source.is_file() else self.source] if self.source else []
            self._key = privacy.load_key(self.key_path, forbidden_dirs=forbidden)
        return self._key

    def pseudonyms(self) -> dict[str, str]:
        """actor_id -> stable pseudonym, for natural persons only (reads or creates the key)."""
        persons = [a for a in self.actors if a.natuurlijk_persoon]
        if not persons:
            return {}
        key = self._pseudonym_key()
        return {a.actor_id: privacy.pseudonym(a.naam, key) for a in persons}

    def public_ids(self, allow_names: bool = False) -> dict[str, str]:
        """actor_id -> id used in exports: natural persons get their pseudonym unless ``allow_names``."""
        ids = {a.actor_id: a.actor_id for a in self.actors}
        if not allow_names:
            ids.update(self.pseudonyms())
        return ids

    def labels(self, allow_names: bool = False) -> dict[str, str]:
        """actor_id -> label shown in tables, plots and views.

        Organisations show their name. Natural persons show their role (``rol``), with the pseudonym added when
        two persons share a role, or only the pseudonym when no role is given; with ``allow_names=True`` they
        show their name.
        """
        out = {a.actor_id: a.naam for a in self.actors}
        if allow_names:
            return out
        pseud = self.pseudonyms()
        roles: dict[str, int] = {}
        for a in self.actors:
            if a.natuurlijk_persoon and a.rol:
                roles[a.rol.casefold()] = roles.get(a.rol.casefold(), 0) + 1
        for a in self.actors:
            if not a.natuurlijk_persoon:
                continue
            if a.rol and roles[a.rol.casefold()] == 1:
                out[a.actor_id] = a.rol
            elif a.rol:
                out[a.actor_id] = f"{a.rol} ({pseud[a.actor_id]})"
            else:
                out[a.actor_id] = pseud[a.actor_id]
        return out

    def scrubber(self, allow_names: bool = False, *, extra: Mapping[str, str] | None = None):
        """A function that replaces person names and person actor ids in free text (identity when allowed).

        ``extra`` adds other known persons, name -> replacement (for example the key-person register of
        notebook 07, see :func:`wijklib.stakeholders.privacy.key_person_names`).
        """
        if allow_names:
            return lambda text: text
        labels = self.labels(False)
        pub = self.public_ids(False)
        repl = dict(extra or {})
        for a in self.actors:
            if a.natuurlijk_persoon:
                repl[a.naam] = labels[a.actor_id]
                if a.actor_id != pub[a.actor_id]:
                    repl.setdefault(a.actor_id, pub[a.actor_id])
        return privacy.Scrubber(repl)

    # -- tables ---------------------------------------------------------------------------------------------
    def actors_frame(self, allow_names: bool = False, *, gebied: str | None = None,
                     gebiedsnaam: str | None = None) -> pd.DataFrame:
        """The actors as a DataFrame, with a safe ``label`` and the Dutch name of the actor type.

        Parameters
        ----------
        allow_names : bool
            Show natural persons by name; by default ``label`` and ``naam`` hold their role or pseudonym, their
            ``actor_id`` is the pseudonym and person names are removed from notes.
        gebied : str, optional
            A CBS code (BU/WK/GM). When given (also as an empty string), a column ``ligging`` says for every actor
            whether it works in this area, in a wider one, elsewhere or has no code; see :func:`area_relation`.
        gebiedsnaam : str, optional
            Name of the area for the ``ligging`` labels (default: the code).

        Returns
        -------
        DataFrame
            ``actor_id``, ``label``, every :class:`Actor` field, ``actortype_naam`` (the free label for
            ``overig``, else the Dutch name from the vocabulary) and, with ``gebied``, ``ligging``.
        """
        def fill(row: dict[str, Any], a: Actor, safe: _Safe) -> None:
            row["actor_id"] = safe.ids[a.actor_id]
            row["label"] = safe.labels[a.actor_id]
            if a.natuurlijk_persoon and not allow_names:
                row["naam"] = safe.labels[a.actor_id]
            row["actortype_naam"] = self.actortype_name(a)
            if gebied is not None:
                row["ligging"] = area_relation(a.gebied, gebied, gebiedsnaam)

        cols = ["actor_id", "label"] + [c for c in Actor.model_fields if c != "actor_id"] + ["actortype_naam"]
        if gebied is not None:
            cols.append("ligging")
        return self._export_table(self.actors, cols, allow_names, fill)

    def actortype_name(self, actor: Actor | str) -> str:
        """The Dutch name of an actor's type: the free label for ``overig``, else the vocabulary's name.

        Parameters
        ----------
        actor : Actor or str
            An actor of this set or its ``actor_id``.
        """
        a = self.actor(actor) if isinstance(actor, str) else actor
        if a.actortype_label:
            return a.actortype_label
        try:
            return self.vocabulary.resolve(a.actortype).name_nl
        except ValueError:  # cannot happen for a validated set; keep the id rather than fail on display
            return a.actortype

    def relations_frame(self, allow_names: bool = False, *, ronde: str | None = None) -> pd.DataFrame:
        """All named and denied ties (one row per informant statement), with export-safe ids and labels."""
        def fill(row: dict[str, Any], r: Relation, safe: _Safe) -> None:
            row["bron_label"], row["doel_label"] = safe.labels[r.bron], safe.labels[r.doel]
            row["bron"], row["doel"] = safe.ids[r.bron], safe.ids[r.doel]

        chosen = [r for r in self.relations if ronde is None or r.ronde == ronde]
        return self._export_table(chosen, list(Relation.model_fields) + ["bron_label", "doel_label"], allow_names,
                                  fill)

    def assessments_frame(self, allow_names: bool = False) -> pd.DataFrame:
        """All assessments, one row per (round, informant, actor); ``bereik_groepen`` joined with '|'."""
        def fill(row: dict[str, Any], s: Assessment, safe: _Safe) -> None:
            row["label"] = safe.labels[s.actor_id]
            row["actor_id"] = safe.ids[s.actor_id]
            row["bereik_groepen"] = "|".join(s.bereik_groepen)

        df = self._export_table(self.assessments, list(Assessment.model_fields) + ["label"], allow_names, fill)
        for c in NUMERIC_FIELDS:
            df[c] = pd.to_numeric(df[c])
        for c in ("trede_huidig", "trede_doel"):
            df[c] = df[c].astype("Int64")
        return df

    def rounds_frame(self) -> pd.DataFrame:
        return pd.DataFrame([r.model_dump() for r in self.rounds], columns=list(Round.model_fields))

    def informants_frame(self, allow_names: bool = False) -> pd.DataFrame:
        def fill(row: dict[str, Any], i: Informant, safe: _Safe) -> None:
            row["actor_id"] = safe.ids.get(i.actor_id, i.actor_id) if i.actor_id else None
            row["rol"] = safe.scrub(row["rol"])

        return self._export_table(self.informants, list(Informant.model_fields), allow_names, fill)

    def _export_table(self, records: Iterable[_R], columns: list[str], allow_names: bool,
                      fill: Callable[[dict[str, Any], _R, _Safe], None]) -> pd.DataFrame:
        """One row per record, safe to show: its fields with the note scrubbed, completed by ``fill``.

        ``fill(row, record, safe)`` replaces ids and adds labels with the export-safe ids, labels and scrubber of
        ``safe``; the scrubbing of ``notitie`` happens here, so that no export table can forget it.
        """
        safe = _Safe(self.public_ids(allow_names), self.labels(allow_names), self.scrubber(allow_names))
        rows = []
        for rec in records:
            row = rec.model_dump()
            row["notitie"] = safe.scrub(row["notitie"])
            fill(row, rec, safe)
            rows.append(row)
        return pd.DataFrame(rows, columns=columns)

    def scores(self, ronde: str | None = None, *, informant: str | None = None,
               allow_names: bool = False) -> pd.DataFrame:
        """Assessments of one round aggregated over informants, one row per assessed actor.

        Parameters
        ----------
        ronde : str, optional
            Round id; default the latest round.
        informant : str, optional
            Only this informant's assessments (no aggregation).
        allow_names : bool
            Show natural persons by name in ``label``.

        Returns
        -------
        DataFrame
            Indexed by ``actor_id`` (the export-safe id: natural persons get their pseudonym unless
            ``allow_names``), with ``label``, ``wereld``, ``actortype``, ``groep``; per score
            the mean over informants (``macht``, ...), its spread max-min (``macht_spreiding``) and number of
            informants (``macht_n``); ``trede_huidig``/``trede_doel`` as the lower median; ``bereik_groepen`` as the
            union; ``n_informanten``.
        """
        ronde = self.check_round(ronde)
        if informant is not None and informant not in self.informant_ids:
            raise KeyError(f"onbekende informant {informant!r}; bekend: {', '.join(self.informant_ids)}")
        chosen = [s for s in self.assessments if s.ronde == ronde and (informant is None or s.informant == informant)]
        labels = self.labels(allow_names)
        ids = self.public_ids(allow_names)
        actors = {a.actor_id: a for a in self.actors}
        rows = []
        for actor_id in [a.actor_id for a in self.actors]:
            mine = [s for s in chosen if s.actor_id == actor_id]
            if not mine:
                continue
            a = actors[actor_id]
            row: dict = {"actor_id": ids[actor_id], "label": labels[actor_id], "actortype": a.actortype,
                         "wereld": a.wereld, "groep": a.groep, "natuurlijk_persoon": a.natuurlijk_persoon,
                         "ronde": ronde, "n_informanten": len({s.informant for s in mine})}
            for col in NUMERIC_FIELDS:
                vals = [getattr(s, col) for s in mine if getattr(s, col) is not None]
                row[col] = sum(vals) / len(vals) if vals else float("nan")
                row[f"{col}_spreiding"] = (max(vals) - min(vals)) if vals else float("nan")
                row[f"{col}_n"] = len(vals)
            for col in ("trede_huidig", "trede_doel"):
                vals = sorted(getattr(s, col) for s in mine if getattr(s, col) is not None)
                row[col] = vals[(len(vals) - 1) // 2] if vals else pd.NA
            row["bereik_groepen"] = "|".join(sorted({g for s in mine for g in s.bereik_groepen}))
            rows.append(row)
        cols = ["actor_id", "label", "actortype", "wereld", "groep", "natuurlijk_persoon", "ronde", "n_informanten"]
        for col in NUMERIC_FIELDS:
            cols += [col, f"{col}_spreiding", f"{col}_n"]
        cols += ["trede_huidig", "trede_doel", "bereik_groepen"]
        df = pd.DataFrame(rows, columns=cols)
        for col in ("trede_huidig", "trede_doel"):
            df[col] = df[col].astype("Int64")
        return df.set_index("actor_id")

    # -- shortcuts to the analysis modules ----------------------------------------------------------------------
    def graph(self, ronde: str | None = None, *, informant=None, types=None, allow_names: bool = False):
        """All ties named in a round (one edge per statement); see :func:`wijklib.stakeholders.build_graph`."""
        from .network import build_graph

        return build_graph(self, ronde, informant=informant, types=types, allow_names=allow_names)

    def consensus(self, ronde: str | None = None, *, min_informants: int | None = None, allow_names: bool = False):
        """Ties named by at least k informants; see :func:`wijklib.stakeholders.consensus_network`."""
        from .consensus import consensus_network

        return consensus_network(self, ronde, min_informants=min_informants, allow_names=allow_names)

    def contested(self, ronde: str | None = None, *, allow_names: bool = False):
        """Ties informants disagree on (a ``ContestedTies`` table); see :func:`wijklib.stakeholders.contested_ties`."""
        from .consensus import contested_ties

        return contested_ties(self, ronde, allow_names=allow_names)

    def summary(self) -> str:
        """A short Dutch description of the set."""
        persons = sum(a.natuurlijk_persoon for a in self.actors)
        return (f"{len(self.actors)} actoren ({persons} natuurlijke personen), {len(self.relations)} relatie-"
                f"uitspraken, {len(self.assessments)} beoordelingen, {len(self.rounds)} ronde(s): "
                f"{', '.join(self.round_ids)}; {len(self.informants)} informant(en)")

    def _repr_html_(self) -> str:  # pragma: no cover - notebook nicety
        import html

        return f"<p><b>Stakeholderkaart</b>: {html.escape(self.summary())}</p>"


def _resolve_actor(a: Actor, vocabulary: ActorTypeVocabulary) -> Actor:
    """Resolve the actor type against the vocabulary, fill defaults from the type, apply the suspect rule."""
    file, row = a.origin
    try:
        info = vocabulary.resolve(a.actortype)
    except ValueError as exc:
        raise InputError(str(exc), file=file, row=row, column="actortype") from None
    updates: dict = {"actortype": info.id}
    if a.wereld is None and info.wereld is not None:
        updates["wereld"] = info.wereld
    if a.formeel is None and info.formeel is not None:
        updates["formeel"] = info.formeel
    if a.groep is None and info.groep is not None:
        updates["groep"] = info.groep
    if a.domein is None and info.domein is not None:
        updates["domein"] = info.domein
    criminal = (info.wereld == "crimineel" or updates.get("wereld", a.wereld) == "crimineel"
                or (info.id == OVERIG and privacy.looks_criminal(a.actortype_label)))
    if criminal and a.natuurlijk_persoon:
        raise InputError(
            f"actor {a.actor_id!r} is een natuurlijk persoon van een crimineel actortype ({info.name_nl}). wijklib "
            "legt geen namen of personen van verdachten vast: dat is opsporingsinformatie, hoort niet in een "
            "stakeholderkaart en kan mensen in gevaar brengen (AVG, en de wijkkaart wordt vaak gedeeld). Neem "
            "hoogstens een abstracte contextknoop op, bijvoorbeeld 'crimineel netwerk' met natuurlijk_persoon = nee",
            file=file, row=row, column="natuurlijk_persoon")
    if criminal and updates.get("wereld", a.wereld) is None:
        updates["wereld"] = "crimineel"
    new = a.model_copy(update=updates)
    new._origin = a.origin
    return new

