"""Typed, immutable objects of the framework catalogue.

The catalogue holds every enumerated list of the source documents (preconditions, principles, phases, steps,
checklists, ...) as :class:`Entry` objects. The data live in YAML files (see ``SCHEMA.md`` beside this module);
these pydantic models validate one file's content, and :mod:`wijklib.catalogue.loader` checks what spans files
(unique ids, parents and references that resolve).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Annotated, Any, Literal, Mapping

from pydantic import Field, field_validator, model_validator

from wijklib._models import NAME_PATTERN, matches
from wijklib._models import Frozen as _Frozen

__all__ = ["AttributeSpec", "KindSpec", "DocumentInfo", "Source", "Ref", "Entry", "CatalogueFile"]

ID_PATTERN = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")

_ATTR_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "int": (int,),
    "bool": (bool,),
    "list": (list, tuple),
}


class AttributeSpec(_Frozen):
    """Declared attribute of a kind: its type and whether every entry must have it."""

    type: Literal["text", "int", "bool", "list"]
    required: bool = False
    description: str | None = None


class KindSpec(_Frozen):
    """A kind of catalogue entry, such as ``randvoorwaarde`` or ``checklistvraag``."""

    name: str = ""
    name_nl: str
    name_en: str
    description_nl: str | None = None
    parent_kind: str | None = None
    attributes: Mapping[str, AttributeSpec] = Field(default_factory=dict)
    document: str = ""

    @field_validator("attributes", mode="after")
    @classmethod
    def _freeze_attributes(cls, value: Mapping[str, AttributeSpec]) -> Mapping[str, AttributeSpec]:
        return MappingProxyType(dict(value))


class DocumentInfo(_Frozen):
    """The source document a catalogue file models."""

    id: str
    file: str
    prefix: Annotated[str, matches(NAME_PATTERN, "moet kleine letters/cijfers zijn, bijvoorbeeld 'lk'")]
    title: str
    short_nl: str
    publisher: str | None = None
    year: int | None = None
    data_version: int = 1


class Source(_Frozen):
    """Where an entry comes from: the document file and the section in it."""

    section: str
    file: str = ""
    document: str = ""


class Ref(_Frozen):
    """A cross reference from one entry to another.

    ``interpretation`` is true when the source documents do not state the link themselves.
    """

    rel: Annotated[str, matches(NAME_PATTERN,
                                "relatienaam {value!r} moet snake_case zijn (kleine letters, cijfers, _)")]
    target: str
    interpretation: bool = False
    note: str | None = None


class Entry(_Frozen):
    """One concept of a source document (a precondition, a checklist question, a phase, ...)."""

    id: Annotated[str, matches(ID_PATTERN, "id {value!r} moet bestaan uit delen van kleine letters, cijfers en _ "
                                           "gescheiden door punten, bijvoorbeeld 'lk.rv.urgentiebesef'")]
    kind: str
    name_nl: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    description_nl: str = Field(min_length=1)
    description_en: str | None = None
    source: Source
    parent: str | None = None
    order: int = Field(ge=0)
    interpretation: bool = False
    note: str | None = None
    attributes: Mapping[str, Any] = Field(default_factory=dict)
    refs: tuple[Ref, ...] = ()

    @field_validator("attributes", mode="after")
    @classmethod
    def _freeze(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in value.items()})

    def attr(self, key: str, default: Any = None) -> Any:
        """Return attribute ``key`` or ``default`` when the entry does not have it."""
        return self.attributes.get(key, default)

    @property
    def document(self) -> str:
        """Id of the source document ("000" ... "004")."""
        return self.source.document

    def label(self, lang: str = "nl") -> str:
        """Name in the given language ("nl" or "en")."""
        return self.name_en if lang == "en" else self.name_nl

    def __str__(self) -> str:  # pragma: no cover - convenience
        return f"{self.id} ({self.kind}): {self.name_nl}"


class CatalogueFile(_Frozen):
    """The content of one catalogue YAML file, validated on its own."""

    document: DocumentInfo
    kinds: Mapping[str, KindSpec] = Field(default_factory=dict)
    entries: tuple[Entry, ...]

    @model_validator(mode="before")
    @classmethod
    def _fill_defaults(cls, data: Any) -> Any:
        """Give kinds their names and entries their source file before field validation."""
        if not isinstance(data, dict):
            return data
        doc = data.get("document") or {}
        kinds = data.get("kinds") or {}
        if isinstance(kinds, dict):
            data["kinds"] = {
                name: ({**spec, "name": name, "document": doc.get("id", "")} if isinstance(spec, dict) else spec)
                for name, spec in kinds.items()
            }
        entries = data.get("entries")
        if isinstance(entries, list):
            filled = []
            for entry in entries:
                if isinstance(entry, dict) and isinstance(entry.get("source"), dict):
                    entry = {**entry, "source": {"file": doc.get("file", ""), "document": str(doc.get("id", "")),
                                                 **entry["source"]}}
                filled.append(entry)
            data["entries"] = filled
        return data

    @field_validator("kinds", mode="after")
    @classmethod
    def _kinds_ok(cls, value: Mapping[str, KindSpec]) -> Mapping[str, KindSpec]:
        for name in value:
            if not NAME_PATTERN.match(name):
                raise ValueError(f"soortnaam {name!r} moet snake_case zijn")
        return MappingProxyType(dict(value))


def check_attributes(entry: Entry, spec: KindSpec) -> list[str]:
    """Return problems with ``entry.attributes`` against the declared attributes of its kind."""
    problems = []
    for key, value in entry.attributes.items():
        declared = spec.attributes.get(key)
        if declared is None:
            allowed = ", ".join(sorted(spec.attributes)) or "geen"
            problems.append(f"attribuut {key!r} is niet gedeclareerd voor soort {spec.name!r} (toegestaan: {allowed})")
            continue
        types = _ATTR_TYPES[declared.type]
        ok = isinstance(value, types) and not (declared.type == "int" and isinstance(value, bool))
        if ok and declared.type == "list":
            ok = all(isinstance(item, str) for item in value)
        if not ok:
            problems.append(f"attribuut {key!r} moet van type {declared.type} zijn, maar is {value!r}")
    for key, declared in spec.attributes.items():
        if declared.required and key not in entry.attributes:
            problems.append(f"verplicht attribuut {key!r} ontbreekt")
    return problems
