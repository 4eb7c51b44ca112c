"""Controlled vocabularies of the stakeholder map: actor types, relation types, rungs, scales.

Actor types come from the framework catalogue (kind ``actortype``, ids ``ib.actor.<slug>``); the participation
ladder comes from kind ``participatietrede`` (``dk.trede.informeren`` ... ``dk.trede.zelfbestuur``, levels 1..6).
When the catalogue does not (yet) define actor types, ids of the form ``ib.actor.<slug>`` are accepted without
checking their meaning; ``overig`` with a free-text label is always accepted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, get_args

__all__ = [
    "RELATION_TYPES", "RELATION_LABELS", "POSITIVE_RELATION_TYPES", "WORLDS", "WORLD_LABELS", "LEVELS",
    "RUNG_IDS", "RUNG_NAMES", "SCALES", "OVERIG", "ActorTypeInfo", "ActorTypeVocabulary", "actor_types",
    "parse_rung", "fold", "split_list", "WIJKLIB_ACTOR_TYPES", "RelationType", "World", "Level",
]

#: Relation types between actors (Dutch ids, used as given in the input files).
RelationType = Literal["samenwerking", "informatie", "vertrouwen", "invloed", "conflict", "financiering"]
RELATION_TYPES: tuple[RelationType, ...] = get_args(RelationType)
RELATION_LABELS: Mapping[str, str] = {
    "samenwerking": "werkt samen met",
    "informatie": "deelt informatie met",
    "vertrouwen": "vertrouwt",
    "invloed": "heeft invloed op",
    "conflict": "heeft conflict met",
    "financiering": "financiert",
}
#: Relation types that can carry cooperation, information or support (used for paths, brokers and communities).
POSITIVE_RELATION_TYPES: tuple[str, ...] = tuple(t for t in RELATION_TYPES if t != "conflict")

#: System world / lifeworld (Habermas, as used in the Praktijkhandboek §S4.4) plus the criminal side.
World = Literal["systeem", "leef", "beide", "crimineel"]
WORLDS: tuple[World, ...] = get_args(World)
WORLD_LABELS: Mapping[str, str] = {
    "systeem": "systeemwereld", "leef": "leefwereld", "beide": "beide werelden", "crimineel": "criminele kant",
}
#: Governance levels (Praktijkhandboek §5.6).
Level = Literal["bestuurlijk", "tactisch", "uitvoerend"]
LEVELS: tuple[Level, ...] = get_args(Level)

#: Participation ladder (catalogue kind ``participatietrede``), level 1..6.
RUNG_IDS: tuple[str, ...] = (
    "dk.trede.informeren", "dk.trede.raadplegen", "dk.trede.adviseren",
    "dk.trede.coproduceren", "dk.trede.meebeslissen", "dk.trede.zelfbestuur",
)
RUNG_NAMES: Mapping[int, str] = {
    1: "informeren", 2: "raadplegen", 3: "adviseren", 4: "coproduceren", 5: "meebeslissen", 6: "zelfbestuur",
}

#: Numeric scales of the assessments: (minimum, maximum, Dutch explanation).
SCALES: Mapping[str, tuple[float, float, str]] = {
    "macht": (1, 5, "macht/invloed op het vraagstuk in de wijk (1 = geen, 5 = zeer groot)"),
    "belang": (1, 5, "belang bij / betrokkenheid bij het vraagstuk (1 = geen, 5 = zeer groot)"),
    "houding": (-2, 2, "houding tegenover de aanpak (-2 = zeer negatief, 0 = neutraal, 2 = zeer positief)"),
    "vertrouwen": (1, 5, "vertrouwen in de relatie tussen deze actor en de aanpak (1 = geen, 5 = groot)"),
    "bereik": (0, 3, "bereik in groepen in de wijk (0 = geen, 1 = weinig, 2 = redelijk, 3 = groot)"),
    "legitimiteit": (1, 5, "legitimiteit van de claim of rol (1 = niet erkend, 5 = volledig erkend)"),
    "urgentie": (1, 5, "urgentie van de claim (1 = kan wachten, 5 = vraagt direct aandacht)"),
}

OVERIG = "overig"

#: Actor types of the resident side that the catalogue (001, Inspiratieboek) does not list as such; they are a
#: "keuze van wijklib" (shown as such in the template) so that users need not fall back on ``overig`` + label.
#: id -> (Dutch name, world, formal, group, catalogue entry it is closest to or None)
WIJKLIB_ACTOR_TYPES: Mapping[str, tuple[str, str, bool | None, str, str | None]] = {
    "wl.actor.bewonersorganisatie": ("Bewonersorganisatie of bewonersvereniging", "leef", True, "bewoners", None),
    "wl.actor.huurderscommissie": ("Huurderscommissie of bewonerscommissie", "leef", True, "bewoners", None),
    "wl.actor.bewonersinitiatief": ("Informeel bewonersinitiatief", "leef", False, "bewoners", None),
    "wl.actor.sleutelpersoon": ("Sleutelpersoon", "leef", False, "bewoners", "hr.sp.sleutelpersoon"),
    "wl.actor.buurtvaders": ("Buurtvaders of buurtmoeders (informeel netwerk)", "leef", False, "bewoners",
                             "hr.sp.buurtvader"),
    "wl.actor.geloofsgemeenschap": ("Geloofsgemeenschap", "leef", True, "bewoners", None),
    "wl.actor.winkelier": ("Winkelier of buurtondernemer", "leef", None, "ondernemers", "ib.actor.ondernemer"),
    "wl.actor.buurtsportcoach": ("Buurtsportcoach", "beide", True, "professionals", None),
    "wl.actor.fonds": ("Lokaal fonds", "systeem", True, "financiers", None),
}

_SLUG = re.compile(r"^(ib|wl)\.actor\.[a-z0-9_]+(\.[a-z0-9_]+)*$")


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces/underscores, for forgiving look-ups."""
    norm = unicodedata.normalize("NFKD", str(text).casefold())
    norm = "".join(ch for ch in norm if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-]+", " ", norm).strip()


def split_list(value: Any, sep: str = r"\|", *, unique: bool = False) -> tuple[Any, ...]:
    """A cell with several values (``"a | b"``) as a tuple of stripped, non-empty items; None gives ``()``.

    A value that is not text (a list or tuple given in code) is returned as a tuple unchanged.

    Parameters
    ----------
    value : str, iterable or None
    sep : str
        Regular expression of the separator (default ``|``).
    unique : bool
        Drop repeated items (the first one stays).

    >>> split_list(" jongeren | ouderen||"), split_list("a;b|a", r"[|;]", unique=True)
    (('jongeren', 'ouderen'), ('a', 'b'))
    """
    if value is None:
        return ()
    if not isinstance(value, str):
        return tuple(value)
    items = (x.strip() for x in re.split(sep, value) if x.strip())
    return tuple(dict.fromkeys(items)) if unique else tuple(items)


def parse_rung(value: object) -> int | None:
    """Return the ladder level 1..6 of a rung given as number, catalogue id or Dutch name.

    Returns None for an empty value and raises ValueError (Dutch message) for anything else.

    >>> parse_rung("dk.trede.coproduceren"), parse_rung("Meebeslissen"), parse_rung(2.0)
    (4, 5, 2)
    """
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= int(value) <= 6:
            return int(value)
        raise ValueError(f"trede {value!r} ligt niet tussen 1 en 6")
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d+([.,]0+)?", text):
        return parse_rung(int(re.split(r"[.,]", text)[0]))
    listed = re.fullmatch(r"(\d)\s+(\w+)", text)  # "4 coproduceren", as in the template's drop-down list
    if listed and parse_rung(listed.group(2)) == int(listed.group(1)):
        return int(listed.group(1))
    key = fold(text)
    for level, name in RUNG_NAMES.items():
        if key in (name, fold(RUNG_IDS[level - 1])):
            return level
    aliases = {"inspreken": 2, "consulteren": 3, "samenwerken": 4, "zelfbeheer": 6}
    if key in aliases:
        return aliases[key]
    raise ValueError(f"onbekende trede {text!r}; gebruik 1-6, een id als 'dk.trede.adviseren' of een naam als "
                     f"{', '.join(RUNG_NAMES.values())}")


@dataclass(frozen=True)
class ActorTypeInfo:
    """What the vocabulary knows about one actor type."""

    id: str
    name_nl: str
    groep: str | None = None
    wereld: str | None = None
    formeel: bool | None = None
    domein: str | None = None
    in_catalogue: bool = True
    bron: str = "catalogus"


@dataclass
class ActorTypeVocabulary:
    """Actor types from the catalogue, with forgiving look-up by id, slug or Dutch name.

    Attributes
    ----------
    available : bool
        True when the catalogue defines kind ``actortype``; otherwise any well-formed ``ib.actor.<slug>`` id is
        accepted without knowing its meaning.
    """

    types: dict[str, ActorTypeInfo] = field(default_factory=dict)
    available: bool = False
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for info in self.types.values():
            self._index[fold(info.id)] = info.id
            self._index[fold(info.id.rsplit(".", 1)[-1])] = info.id
            self._index.setdefault(fold(info.name_nl), info.id)

    def resolve(self, value: str) -> ActorTypeInfo:
        """Return the actor type for an id, a slug or a Dutch name; ``overig`` gives the free category.

        Raises
        ------
        ValueError
            With a Dutch message listing close matches when the value is unknown.
        """
        text = str(value).strip()
        if fold(text) == OVERIG:
            return ActorTypeInfo(id=OVERIG, name_nl="overig", in_catalogue=False)
        key = fold(text)
        if key in self._index:
            return self.types[self._index[key]]
        if not self.available and _SLUG.match(text):
            return ActorTypeInfo(id=text, name_nl=text.rsplit(".", 1)[-1].replace("_", " "), in_catalogue=False)
        close = sorted({i for k, i in self._index.items() if key and (key in k or k in key)})[:6]
        hint = f"; bedoelde u: {', '.join(close)}" if close else ""
        if self.available:
            msg = (f"onbekend actortype {text!r}{hint}. Gebruik een id uit de catalogus (ib.actor.…), de naam ervan, "
                   "of 'overig' met een eigen omschrijving in kolom 'actortype_label'")
        else:
            msg = (f"onbekend actortype {text!r}; de catalogus heeft (nog) geen actortypen, dus gebruik een id van de "
                   "vorm 'ib.actor.<naam>' of 'overig' met een omschrijving in kolom 'actortype_label'")
        raise ValueError(msg)

    def frame(self):
        """The known actor types as a DataFrame (id, naam, groep, wereld, formeel)."""
        import pandas as pd

        return pd.DataFrame([{"id": t.id, "naam": t.name_nl, "groep": t.groep, "wereld": t.wereld,
                              "formeel": t.formeel, "domein": t.domein, "bron": t.bron}
                             for t in self.types.values()],
                            columns=["id", "naam", "groep", "wereld", "formeel", "domein", "bron"])


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    text = fold(str(value))
    if text in ("ja", "true", "waar", "1", "formeel"):
        return True
    if text in ("nee", "false", "onwaar", "0", "informeel"):
        return False
    return None


def actor_types(catalogue=None) -> ActorTypeVocabulary:
    """Build the actor-type vocabulary from the catalogue (the shipped one by default).

    Parameters
    ----------
    catalogue : wijklib.catalogue.Catalogue, optional
        A loaded catalogue; default ``load_catalogue()``.
    """
    if catalogue is None:
        try:
            from wijklib.catalogue import load_catalogue

            catalogue = load_catalogue()
        except Exception:  # a broken or missing catalogue must not block stakeholder work
            return ActorTypeVocabulary()
    if "actortype" not in catalogue.kinds:
        return ActorTypeVocabulary()
    types = _wijklib_types()
    for entry in catalogue.by_kind("actortype"):
        wereld = entry.attr("wereld")
        groep = entry.attr("groep")
        if groep is None and entry.parent is not None:
            groep = catalogue.get(entry.parent).name_nl  # the actor group (kind actorgroep) the type belongs to
        types[entry.id] = ActorTypeInfo(
            id=entry.id, name_nl=entry.name_nl, groep=groep, wereld=wereld if wereld in WORLDS else None,
            formeel=_as_bool(entry.attr("formeel")), domein=entry.attr("domein"),
        )
    return ActorTypeVocabulary(types=types, available=True)


def _wijklib_types() -> dict[str, ActorTypeInfo]:
    out = {}
    for tid, (name, wereld, formeel, groep, near) in WIJKLIB_ACTOR_TYPES.items():
        bron = "keuze van wijklib" + (f" (verwant: {near})" if near else "")
        out[tid] = ActorTypeInfo(id=tid, name_nl=name, groep=groep, wereld=wereld, formeel=formeel,
                                 in_catalogue=False, bron=bron)
    return out
