"""A small stakeholder map from an interview, entered by learners as text tables (training notebook 04).

Learners type two or three short tables (``;``-separated, one row per line) instead of filling in the full
stakeholder workbook: actors (code, naam, wereld, persoon), relations (bron, doel, soort) and optionally reach and
trust (code, bereik, vertrouwen). :func:`map_from_tables` turns them into a regular
:class:`wijklib.stakeholders.StakeholderSet`, so every method of :mod:`wijklib.stakeholders` works on it.

The answer key of the fictional interview lives in ``wijklib/training/materiaal/interview_zuiderveld.yaml`` and is
read by :func:`load_interview`; its brokers and reach/trust types are computed with the same functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, cast

import pandas as pd

from pydantic import ValidationError

from wijklib.errors import InputError, validation_message_nl
from wijklib.training.cases import load_fictional
from wijklib.io.yesno import parse_yes_no

__all__ = ["read_table", "map_from_tables", "network_summary", "reach_trust_table", "InterviewKey", "KeyActor",
           "load_interview", "INTERVIEW_FILE", "WORLDS"]

#: Worlds an actor can belong to (as in :mod:`wijklib.stakeholders`).
WORLDS = ("systeem", "leef", "beide", "crimineel")
_ROUND, _INFORMANT = "R1", "interview"


def _interview_file() -> Path:
    from wijklib.training.data import CASE_DIR

    return CASE_DIR / "interview_zuiderveld.yaml"


INTERVIEW_FILE = _interview_file()


def read_table(text: str, columns: Iterable[str], *, required: Iterable[str] | None = None,
               name: str = "tabel") -> pd.DataFrame:
    """Read a small ``;``-separated table typed in a notebook cell.

    The first non-empty line is the header; empty lines and lines starting with ``#`` are skipped. Cells are
    stripped; an empty cell becomes an empty string.

    Parameters
    ----------
    text : str
        The table, for example ``"code; naam\\nJW; Jongerenwerk"``.
    columns : iterable of str
        Allowed column names (in this order in the result).
    required : iterable of str, optional
        Columns that must be present and filled (default: all ``columns``).
    name : str
        Name of the table in error messages.

    Raises
    ------
    InputError
        Unknown or missing column, a row with the wrong number of cells, or an empty required cell (the message
        names the table, the row and the column).

    Examples
    --------
    >>> read_table("code; naam\\nJW; Jongerenwerk Zuiderveld", ["code", "naam"])
      code                     naam
    0   JW  Jongerenwerk Zuiderveld
    """
    columns = list(columns)
    required = list(required) if required is not None else columns
    if not isinstance(text, str):
        raise InputError(f"verwacht de tabel als tekst tussen drie aanhalingstekens, niet {type(text).__name__}",
                         file=name)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if not lines:
        return pd.DataFrame(columns=columns)
    header = [h.strip().lower() for h in lines[0].split(";")]
    unknown = [h for h in header if h not in columns]
    if unknown:
        raise InputError(f"onbekende kolom {unknown[0]!r} in de kopregel; gebruik {'; '.join(columns)}", file=name,
                         column=unknown[0])
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"de kopregel mist kolom {missing[0]!r}; verwacht {'; '.join(columns)}", file=name,
                         column=missing[0])
    rows = []
    for i, line in enumerate(lines[1:], start=1):
        cells = [c.strip() for c in line.split(";")]
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} cellen, verwacht {len(header)} ({'; '.join(header)}); staat er een ';' "
                             "te veel of te weinig?", file=name, row=i)
        rec = dict(zip(header, cells))
        for col in required:
            if not rec.get(col):
                raise InputError("lege cel; vul deze kolom in", file=name, row=i, column=col)
        rows.append(rec)
    return pd.DataFrame(rows, columns=header).reindex(columns=[c for c in columns if c in header]).fillna("")


def _yes(value: Any, *, table: str, row: int, column: str) -> bool:
    try:
        return bool(parse_yes_no(value, empty=False))
    except ValueError:
        raise InputError(f"'{value}' is geen ja of nee", file=table, row=row, column=column) from None


def _column(col: str | None, renames: Mapping[str, str]) -> str | None:
    """The learner's column name for a field named in a validation error."""
    return renames.get(col, col) if col is not None else None


def _pydantic_message(exc: ValidationError) -> tuple[str, str | None]:
    err = exc.errors()[0]
    loc = err.get("loc") or ()
    return validation_message_nl(err) or str(exc), (str(loc[0]) if loc else None)


def map_from_tables(actoren: pd.DataFrame, relaties: pd.DataFrame | None = None,
                    beoordelingen: pd.DataFrame | None = None, *, key_path: str | Path | None = None):
    """Build a stakeholder map from the learners' tables.

    Parameters
    ----------
    actoren : DataFrame
        ``code``, ``naam`` and optionally ``wereld`` (systeem, leef, beide, crimineel) and ``persoon`` (ja/nee).
        For a person, ``naam`` holds the role (for example "wijkagent"), never the person's name.
    relaties : DataFrame, optional
        ``bron``, ``doel`` (actor codes) and optionally ``soort`` (samenwerking, informatie, vertrouwen,
        invloed, conflict, financiering; default samenwerking). Relations are treated as mutual.
    beoordelingen : DataFrame, optional
        ``code``, ``bereik`` (0-3) and ``vertrouwen`` (1-5).
    key_path : path, optional
        Pseudonym key file (default: the wijklib default outside the project).

    Returns
    -------
    wijklib.stakeholders.StakeholderSet
        One round (``R1``) and one informant (``interview``).

    Raises
    ------
    InputError
        A bad value (named by table, row and column), a relation to an unknown code, or a person of the
        criminal side (wijklib never models named suspects).
    """
    from wijklib.stakeholders import Actor, Assessment, Informant, Relation, Round, StakeholderSet

    actors = []
    for i, rec in enumerate(actoren.to_dict("records"), start=1):
        person = _yes(rec.get("persoon", ""), table="actoren", row=i, column="persoon")
        world = str(rec.get("wereld", "") or "").strip().lower() or None
        if world is not None and world not in WORLDS:
            raise InputError(f"wereld '{world}' is onbekend; kies uit {', '.join(WORLDS)} of laat leeg",
                             file="actoren", row=i, column="wereld")
        naam = str(rec.get("naam", "")).strip()
        try:
            actor = Actor(actor_id=str(rec.get("code", "")).strip(), naam=naam, actortype="overig",
                          actortype_label=naam or "actor uit interview", natuurlijk_persoon=person,
                          rol=naam if person else None, wereld=cast(Any, world))  # checked above
        except ValidationError as exc:
            msg, col = _pydantic_message(exc)
            raise InputError(msg, file="actoren", row=i, column=_column(col, {"actor_id": "code"})) from None
        actors.append(actor.with_origin("actoren", i))
    relations = []
    for i, rec in enumerate((relaties if relaties is not None else pd.DataFrame()).to_dict("records"), start=1):
        soort = str(rec.get("soort", "") or "samenwerking").strip().lower()
        try:
            rel = Relation(ronde=_ROUND, informant=_INFORMANT, bron=str(rec.get("bron", "")).strip(),
                           doel=str(rec.get("doel", "")).strip(), type=cast(Any, soort), gericht=False)
        except ValidationError as exc:
            msg, col = _pydantic_message(exc)
            raise InputError(msg, file="relaties", row=i, column=_column(col, {"type": "soort"})) from None
        relations.append(rel.with_origin("relaties", i))
    assessments = []
    for i, rec in enumerate((beoordelingen if beoordelingen is not None else pd.DataFrame()).to_dict("records"),
                            start=1):
        values: dict[str, Any] = {}
        for col in ("bereik", "vertrouwen"):
            raw = str(rec.get(col, "")).strip().replace(",", ".")
            if raw:
                try:
                    values[col] = float(raw)
                except ValueError:
                    raise InputError(f"'{raw}' is geen getal", file="beoordelingen", row=i, column=col) from None
        try:
            ass = Assessment(ronde=_ROUND, informant=_INFORMANT, actor_id=str(rec.get("code", "")).strip(), **values)
        except ValidationError as exc:
            msg, col = _pydantic_message(exc)
            raise InputError(msg, file="beoordelingen", row=i, column=col) from None
        assessments.append(ass.with_origin("beoordelingen", i))
    return StakeholderSet.from_records(actors, relations, assessments, rounds=[Round(ronde=_ROUND)],
                                       informants=[Informant(informant=_INFORMANT, rol="geïnterviewde")],
                                       key_path=key_path)


def network_summary(sset) -> pd.DataFrame:
    """Per actor: label, wereld, number of contacts, betweenness and system world - lifeworld brokerage.

    Sorted by betweenness (highest first). Works on maps with few or no relations.
    """
    from wijklib.stakeholders import brokerage, build_graph, centrality

    G = build_graph(sset, _ROUND)
    cen = centrality(G, wide=True)
    brok = brokerage(G)
    out = pd.DataFrame({
        "actor": cen["label"],
        "wereld": [G.nodes[n].get("wereld") or "" for n in cen.index],
        "contacten": cen.get("graad_alle", pd.Series(0, index=cen.index)).astype(int),
        "tussenpositie": cen.get("tussenpositie_alle", pd.Series(0.0, index=cen.index)).astype(float).round(3),
        "verbindt systeem en leefwereld": brok["systeem_leef_paren"].reindex(cen.index).fillna(0).astype(int),
    }, index=cen.index)
    out.index.name = "actor_id"
    return out.sort_values(["tussenpositie", "contacten"], ascending=False)


def reach_trust_table(sset) -> pd.DataFrame:
    """Reach x trust types (sleutelpositie, onbenut bereik, ...) of the assessed actors; empty without scores."""
    from wijklib.stakeholders import reach_trust

    scores = sset.scores(_ROUND)
    if scores.empty:
        return pd.DataFrame(columns=["actor", "bereik", "vertrouwen", "type", "advies"])
    rt = reach_trust(scores)
    return rt.rename(columns={"label": "actor"})[["actor", "bereik", "vertrouwen", "type", "advies"]]


# -- the answer key of the interview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyActor:
    """An actor of the interview's answer key with the words that identify it in a learner's table."""

    id: str
    naam: str
    wereld: str
    persoon: bool
    herkenning: tuple[str, ...]
    alinea: str = ""
    #: Other worlds that are defensible for this actor, each with the explanation the self-check gives (Dutch).
    ook_goed: tuple[tuple[str, str], ...] = ()


@dataclass
class InterviewKey:
    """Answer key of the fictional interview: actors, relations, reach and trust, and names that must not be noted."""

    title: str
    actors: tuple[KeyActor, ...]
    relations: tuple[tuple[str, str, str], ...]
    assessments: Mapping[str, Mapping[str, float]]
    names: tuple[str, ...]
    source: Path | None = None
    #: Pairs of actor ids the interview also supports (not required, accepted without counting as unfounded).
    optional_relations: tuple[tuple[str, str], ...] = ()
    _sset: Any = field(default=None, repr=False)

    def actor(self, actor_id: str) -> KeyActor:
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(f"onbekende actor {actor_id!r} in de sleutel")

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The key as the three learner tables (actoren, relaties, beoordelingen)."""
        act = pd.DataFrame([{"code": a.id, "naam": a.naam, "wereld": a.wereld, "persoon": "ja" if a.persoon else "nee"}
                            for a in self.actors])
        rel = pd.DataFrame([{"bron": b, "doel": d, "soort": s} for b, d, s in self.relations],
                           columns=["bron", "doel", "soort"])
        ass = pd.DataFrame([{"code": k, "bereik": str(v["bereik"]), "vertrouwen": str(v["vertrouwen"])}
                            for k, v in self.assessments.items()], columns=["code", "bereik", "vertrouwen"])
        return act, rel, ass

    def stakeholder_set(self):
        """The key as a stakeholder map (built with :func:`map_from_tables`)."""
        if self._sset is None:
            self._sset = map_from_tables(*self.tables())
        return self._sset

    def main_broker(self) -> str:
        """Key actor id with the highest betweenness in the key network."""
        summary = network_summary(self.stakeholder_set())
        labels = {a.naam: a.id for a in self.actors}
        return labels[summary["actor"].iloc[0]]

    def untapped_reach(self) -> set[str]:
        """Key actor ids of type 'onbenut bereik' (large reach, little trust)."""
        rt = reach_trust_table(self.stakeholder_set())
        labels = {a.naam: a.id for a in self.actors}
        return {labels[a] for a in rt.loc[rt["type"] == "onbenut bereik", "actor"]}

    def names_in(self, text: str) -> list[str]:
        """Person names of the interview that occur (as whole words) in ``text``."""
        return [n for n in self.names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", str(text), flags=re.I)]

    def match(self, naam: str, persoon: bool | None = None) -> str | None:
        """The key actor a learner's actor name refers to (longest recognition word wins), or None.

        When ``persoon`` is given, actors of the same kind (person or not) are tried first.
        """
        text = str(naam).casefold()

        def best(candidates) -> str | None:
            hits = [(len(w), a.id) for a in candidates for w in a.herkenning if w.casefold() in text]
            return max(hits)[1] if hits else None

        if persoon is not None:
            found = best([a for a in self.actors if a.persoon == persoon])
            if found:
                return found
        return best(self.actors)


def load_interview(path: str | Path | None = None) -> InterviewKey:
    """Read and check the answer key of the interview (``casus/interview_zuiderveld.yaml``).

    Raises
    ------
    InputError
        Missing fields, the FICTIEF marker missing, unknown actor ids in relations or assessments, or a bad world.
    """
    path = Path(path) if path else INTERVIEW_FILE
    data = load_fictional(path, what="interviewsleutel")
    actors = []
    for i, a in enumerate(data.get("actoren") or [], start=1):
        try:
            actors.append(KeyActor(id=str(a["id"]), naam=str(a["naam"]), wereld=str(a["wereld"]),
                                   persoon=bool(a.get("persoon", False)),
                                   herkenning=tuple(str(w) for w in a["herkenning"]),
                                   alinea=str(a.get("alinea", "")),
                                   ook_goed=tuple((str(w), str(why)) for w, why in (a.get("ook_goed") or {}).items())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"actor mist veld {exc}", file=path, row=i, column="actoren") from None
        if actors[-1].wereld not in WORLDS:
            raise InputError(f"wereld {actors[-1].wereld!r} is onbekend", file=path, row=i, column="wereld")
        for world, _why in actors[-1].ook_goed:
            if world not in WORLDS:
                raise InputError(f"wereld {world!r} bij ook_goed is onbekend", file=path, row=i, column="ook_goed")
    if not actors:
        raise InputError("geen actoren", file=path, column="actoren")
    ids = {a.id for a in actors}
    relations = []
    for i, r in enumerate(data.get("relaties") or [], start=1):
        if not isinstance(r, list) or len(r) != 3 or r[0] not in ids or r[1] not in ids:
            raise InputError(f"relatie {r!r}: verwacht [bron, doel, soort] met bekende actor-ids", file=path, row=i,
                             column="relaties")
        relations.append((str(r[0]), str(r[1]), str(r[2])))
    optional = []
    for i, r in enumerate(data.get("mogelijke_relaties") or [], start=1):
        if not isinstance(r, list) or len(r) != 2 or r[0] not in ids or r[1] not in ids:
            raise InputError(f"mogelijke relatie {r!r}: verwacht [actor, actor] met bekende actor-ids", file=path,
                             row=i, column="mogelijke_relaties")
        optional.append((str(r[0]), str(r[1])))
    assessments = data.get("beoordelingen") or {}
    for k in assessments:
        if k not in ids:
            raise InputError(f"beoordeling van onbekende actor {k!r}", file=path, column="beoordelingen")
    return InterviewKey(title=str(data.get("titel", "")), actors=tuple(actors), relations=tuple(relations),
                        assessments=assessments, names=tuple(str(n) for n in data.get("namen_in_interview") or ()),
                        source=path, optional_relations=tuple(optional))
