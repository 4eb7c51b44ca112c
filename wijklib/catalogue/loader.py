"""Load the catalogue YAML files and answer questions about them.

>>> from wijklib.catalogue import load_catalogue
>>> cat = load_catalogue()
>>> cat.get("lk.rv.urgentiebesef").name_nl
'Urgentiebesef'
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, NoReturn

from pydantic import ValidationError

from wijklib.errors import InputError, validation_message_nl
from wijklib.io.yaml import load_yaml

from .model import CatalogueFile, DocumentInfo, Entry, KindSpec, Ref, check_attributes

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Catalogue", "CatalogueError", "load_catalogue", "DATA_DIR"]

DATA_DIR = Path(__file__).with_name("data")


class CatalogueError(InputError):
    """A catalogue file is malformed; the message names the file, the entry and the field.

    ``row`` is the 1-based entry number; the message itself already says "entry N (id ...)".
    """

    def _format(self) -> str:
        where = [self.file] if self.file else []
        if self.column:
            where.append(f"veld '{self.column}'")
        return (", ".join(where) + ": " if where else "") + self.message


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"entry {index + 1} (id {raw['id']!r})"
    return f"entry {index + 1}"


def _format_validation(exc: ValidationError, raw: dict) -> tuple[str, int | None, str | None]:
    """Turn the first pydantic error into (message, entry number, field path)."""
    err = exc.errors()[0]
    loc = list(err["loc"])
    row = None
    where = ""
    if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
        row = loc[1] + 1
        entries = raw.get("entries") or []
        where = _entry_label(entries[loc[1]] if loc[1] < len(entries) else None, loc[1]) + ": "
        loc = loc[2:]
    field_path = ".".join(str(p) for p in loc) or None
    msg = validation_message_nl(err)
    if err["type"] == "missing":
        msg = "verplicht veld ontbreekt"
    elif err["type"] == "extra_forbidden":
        msg = "onbekend veld (zie SCHEMA.md voor de toegestane velden)"
    return f"{where}{msg}", row, field_path


def _read_file(path: Path) -> CatalogueFile:
    raw = load_yaml(path, expect=None, empty=None, error=CatalogueError)
    if not isinstance(raw, dict):
        raise CatalogueError("verwacht een mapping met de sleutels document, kinds en entries", file=path)
    try:
        return CatalogueFile.model_validate(raw)
    except ValidationError as exc:
        msg, row, column = _format_validation(exc, raw)
        raise CatalogueError(msg, file=path, row=row, column=column) from None


def _fold(text: str) -> str:
    """Lower-case and strip accents, so that 'orienteren' finds 'Oriënteren'."""
    norm = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in norm if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Catalogue:
    """All catalogue entries of the source documents, with lookups and cross references.

    Build it with :func:`load_catalogue`; it is immutable.
    """

    documents: Mapping[str, DocumentInfo]
    kinds: Mapping[str, KindSpec]
    _entries: Mapping[str, Entry]
    _files: Mapping[str, Path] = field(repr=False)
    _children: Mapping[str, tuple[str, ...]] = field(repr=False)
    _by_kind: Mapping[str, tuple[str, ...]] = field(repr=False)
    _referrers: Mapping[str, tuple[str, ...]] = field(repr=False)

    # -- lookups -----------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def get(self, entry_id: str) -> Entry:
        """Return the entry with this id.

        Raises
        ------
        KeyError
            When the id is unknown; the message suggests ids that start the same way.
        """
        try:
            return self._entries[entry_id]
        except KeyError:
            stem = entry_id.rsplit(".", 1)[0]
            close = [i for i in self._entries if i.startswith(stem)][:5]
            hint = f"; bedoelde u een van: {', '.join(close)}" if close else ""
            raise KeyError(f"onbekend catalogus-id {entry_id!r}{hint}") from None

    def by_kind(self, kind: str, *, parent: str | None = None) -> tuple[Entry, ...]:
        """Entries of one kind in document order (optionally only the children of ``parent``)."""
        if kind not in self.kinds:
            raise KeyError(f"onbekende soort {kind!r}; bekende soorten: {', '.join(sorted(self.kinds))}")
        entries = tuple(self._entries[i] for i in self._by_kind.get(kind, ()))
        if parent is not None:
            entries = tuple(e for e in entries if e.parent == parent)
        return entries

    def children(self, entry_id: str, kind: str | None = None) -> tuple[Entry, ...]:
        """Direct children of an entry, ordered by ``order``; optionally only of one kind."""
        self.get(entry_id)
        kids = (self._entries[i] for i in self._children.get(entry_id, ()))
        return tuple(k for k in kids if kind is None or k.kind == kind)

    def parent_of(self, entry_id: str) -> Entry | None:
        """The parent entry, or None for a top-level entry."""
        parent = self.get(entry_id).parent
        return self._entries[parent] if parent else None

    def ancestors(self, entry_id: str) -> tuple[Entry, ...]:
        """Parent, grandparent, ... up to the top-level entry."""
        out = []
        current = self.parent_of(entry_id)
        while current is not None:
            out.append(current)
            current = self.parent_of(current.id)
        return tuple(out)

    def refs(self, entry_id: str, rel: str | None = None) -> tuple[Ref, ...]:
        """Outgoing references of an entry, optionally of one relation."""
        return tuple(r for r in self.get(entry_id).refs if rel is None or r.rel == rel)

    def targets(self, entry_id: str, rel: str | None = None) -> tuple[Entry, ...]:
        """Entries that ``entry_id`` refers to (optionally through relation ``rel``)."""
        return tuple(self._entries[r.target] for r in self.refs(entry_id, rel))

    def referrers(self, entry_id: str, rel: str | None = None) -> tuple[Entry, ...]:
        """Entries that refer to ``entry_id`` (optionally through relation ``rel``)."""
        self.get(entry_id)
        found = (self._entries[i] for i in self._referrers.get(entry_id, ()))
        return tuple(e for e in found if rel is None or any(r.rel == rel and r.target == entry_id for r in e.refs))

    def search(self, text: str, *, kind: str | None = None, lang: str | None = None,
               descriptions: bool = True) -> tuple[Entry, ...]:
        """Full-text search, case- and accent-insensitive, all words must occur.

        Parameters
        ----------
        text : str
            One or more words, e.g. ``"urgentie"`` or ``"sense of urgency"``.
        kind : str, optional
            Only entries of this kind.
        lang : {"nl", "en"}, optional
            Search only Dutch or only English texts; both by default.
        descriptions : bool
            Also search the descriptions (default) rather than names only.

        Returns
        -------
        tuple of Entry
            Matches with a name match first, then description matches; document order within each group.
        """
        words = _fold(text).split()
        if not words:
            return ()
        name_hits, text_hits = [], []
        for entry in self._entries.values():
            if kind is not None and entry.kind != kind:
                continue
            names = [entry.name_nl if lang != "en" else "", entry.name_en if lang != "nl" else ""]
            blob_names = _fold(" ".join(names))
            if all(w in blob_names for w in words):
                name_hits.append(entry)
                continue
            if descriptions:
                descs = [entry.description_nl if lang != "en" else "", (entry.description_en or "") if lang != "nl" else ""]
                blob = blob_names + " " + _fold(" ".join(descs))
                if all(w in blob for w in words):
                    text_hits.append(entry)
        return tuple(name_hits + text_hits)

    def file_of(self, entry_id: str) -> Path:
        """The YAML file that defines an entry."""
        return self._files[self.get(entry_id).document]

    # -- views -------------------------------------------------------------------------------------------
    def to_frame(self, kind: str, *, lang: str = "nl", attributes: bool = True):
        """A pandas DataFrame of one kind: id, name, parent, order, description, source and attributes."""
        return self.frame(self.by_kind(kind), lang=lang, attributes=attributes)

    def frame(self, entries: Iterable[Entry | str], *, lang: str = "nl", attributes: bool = False):
        """A pandas DataFrame of any entries (or ids), one row each, with Dutch (or English) column names."""
        import pandas as pd

        nl = lang == "nl"
        rows = []
        for e in entries:
            e = self.get(e) if isinstance(e, str) else e
            row = {
                "id": e.id,
                "soort" if nl else "kind": self.kinds[e.kind].name_nl if nl else self.kinds[e.kind].name_en,
                "naam" if nl else "name": e.label(lang),
                "omschrijving" if nl else "description": e.description_nl if nl else (e.description_en or e.description_nl),
                "bron" if nl else "source": f"{self.documents[e.document].short_nl}, {e.source.section}",
                "interpretatie" if nl else "interpretation": e.interpretation,
            }
            if attributes:
                for key, value in e.attributes.items():
                    row[key] = ", ".join(value) if isinstance(value, tuple) else value
            rows.append(row)
        return pd.DataFrame(rows)

    def markdown(self, entry_id: str, *, depth: int = 1, lang: str = "nl") -> str:
        """A Markdown description of an entry: name, description, source, children and references."""
        e = self.get(entry_id)
        nl = lang == "nl"
        desc = e.description_nl if nl else (e.description_en or e.description_nl)
        lines = [f"**{e.label(lang)}** ({self.kinds[e.kind].name_nl if nl else self.kinds[e.kind].name_en}, `{e.id}`)",
                 "", desc, "",
                 f"*{'Bron' if nl else 'Source'}: {self.documents[e.document].short_nl}, {e.source.section}*"]
        if e.interpretation:
            lines.append(f"*{'Interpretatie' if nl else 'Interpretation'}: {e.note or ''}*")

        def walk(eid: str, level: int) -> None:
            for kid in self.children(eid):
                kid_desc = kid.description_nl if nl else (kid.description_en or kid.description_nl)
                lines.append(f"{'  ' * (level - 1)}- {kid.label(lang)}"
                             + (f": {kid_desc}" if level == 1 and kid_desc != kid.name_nl else ""))
                if level < depth:
                    walk(kid.id, level + 1)

        if depth > 0:
            kids = self.children(entry_id)
            for kind in dict.fromkeys(k.kind for k in kids):  # kinds in order of appearance
                spec = self.kinds[kind]
                lines += ["", f"*{spec.name_nl if nl else spec.name_en}:*", ""]
                for kid in (k for k in kids if k.kind == kind):
                    kid_desc = kid.description_nl if nl else (kid.description_en or kid.description_nl)
                    lines.append(f"- {kid.label(lang)}" + (f": {kid_desc}" if kid_desc != kid.name_nl else ""))
                    if depth > 1:
                        before = len(lines)
                        walk(kid.id, 2)
                        lines[before:] = ["  " + line for line in lines[before:]]
        if e.refs:
            lines += ["", f"{'Verwijst naar' if nl else 'Refers to'}:"]
            for ref in e.refs:
                target = self._entries[ref.target]
                flag = f" ({'interpretatie' if nl else 'interpretation'})" if ref.interpretation else ""
                lines.append(f"- {ref.rel}: {target.label(lang)} (`{target.id}`){flag}")
        return "\n".join(lines)

    def documents_frame(self):
        """The source documents as a DataFrame (id, title, short name, publisher, year)."""
        import pandas as pd

        frame = pd.DataFrame([{"document": d.id, "titel": d.title, "kort": d.short_nl, "uitgever": d.publisher,
                               "jaar": d.year, "bestand": d.file} for d in self.documents.values()])
        frame["jaar"] = frame["jaar"].astype("Int64")
        return frame

    def summary(self) -> pd.DataFrame:
        """Number of entries per document and kind, as a DataFrame."""
        import pandas as pd

        rows = [
            {"document": spec.document, "soort": name, "naam": spec.name_nl, "aantal": len(self._by_kind.get(name, ()))}
            for name, spec in self.kinds.items()
        ]
        return pd.DataFrame(rows).sort_values(["document", "soort"], ignore_index=True)

    def tree(self, entry_id: str, *, depth: int = 3, lang: str = "nl") -> str:
        """An indented text outline of an entry and its descendants."""
        lines: list[str] = []

        def walk(eid: str, level: int) -> None:
            e = self.get(eid)
            lines.append(f"{'  ' * level}- {e.label(lang)}  [{e.id}]")
            if level < depth:
                for child in self.children(eid):
                    walk(child.id, level + 1)

        walk(entry_id, 0)
        return "\n".join(lines)


def _entry_failure(path: Path, index: int, entry: Entry) -> Callable[[str, str], NoReturn]:
    """A function that raises the :class:`CatalogueError` of one entry: ``fail(message, field)``."""

    def fail(msg: str, column: str) -> NoReturn:
        raise CatalogueError(f"entry {index + 1} (id {entry.id!r}): {msg}", file=path, row=index + 1, column=column)

    return fail


def _build(files: Iterable[tuple[Path, CatalogueFile]]) -> Catalogue:
    documents: dict[str, DocumentInfo] = {}
    paths: dict[str, Path] = {}
    kinds: dict[str, KindSpec] = {}
    kind_file: dict[str, Path] = {}
    files = list(files)

    for path, content in files:
        doc = content.document
        if doc.id in documents:
            raise CatalogueError(f"document {doc.id!r} staat ook in {paths[doc.id].name}", file=path,
                                 column="document.id")
        documents[doc.id] = doc
        paths[doc.id] = path
        for name, spec in content.kinds.items():
            if name in kinds:
                raise CatalogueError(f"soort {name!r} is al gedefinieerd in {kind_file[name].name}", file=path,
                                     column=f"kinds.{name}")
            kinds[name] = spec
            kind_file[name] = path

    entries: dict[str, Entry] = {}
    where: dict[str, tuple[Path, int]] = {}
    for path, content in files:
        prefix = content.document.prefix + "."
        for index, entry in enumerate(content.entries):
            fail = _entry_failure(path, index, entry)
            if not entry.id.startswith(prefix):
                fail(f"id moet beginnen met het voorvoegsel {prefix!r} van dit document", "id")
            if entry.id in entries:
                other, other_i = where[entry.id]
                fail(f"dubbel id; ook gebruikt in {other.name}, entry {other_i + 1}", "id")
            entry_kind = kinds.get(entry.kind)
            if entry_kind is None:
                fail(f"onbekende soort {entry.kind!r}; declareer die onder 'kinds'", "kind")
            for problem in check_attributes(entry, entry_kind):
                fail(problem, "attributes")
            entries[entry.id] = entry
            where[entry.id] = (path, index)

    children: dict[str, list[str]] = defaultdict(list)
    by_kind: dict[str, list[str]] = defaultdict(list)
    referrers: dict[str, list[str]] = defaultdict(list)
    sibling_orders: dict[tuple[str | None, str], dict[int, str]] = defaultdict(dict)
    for entry in entries.values():
        path, index = where[entry.id]
        fail = _entry_failure(path, index, entry)

        spec = kinds[entry.kind]
        if spec.parent_kind is not None:
            if entry.parent is None:
                fail(f"soort {entry.kind!r} vraagt een ouder van soort {spec.parent_kind!r}", "parent")
        if entry.parent is not None:
            parent = entries.get(entry.parent)
            if parent is None:
                fail(f"ouder {entry.parent!r} bestaat niet", "parent")
            if spec.parent_kind is not None and parent.kind != spec.parent_kind:
                fail(f"ouder {entry.parent!r} is van soort {parent.kind!r}, verwacht {spec.parent_kind!r}", "parent")
            children[entry.parent].append(entry.id)
        siblings = sibling_orders[(entry.parent, entry.kind)]
        if entry.order in siblings:
            fail(f"volgnummer {entry.order} komt al voor bij {siblings[entry.order]!r} (zelfde soort en ouder)", "order")
        siblings[entry.order] = entry.id
        by_kind[entry.kind].append(entry.id)
        for ref in entry.refs:
            if ref.target not in entries:
                fail(f"verwijzing ({ref.rel}) naar onbekend id {ref.target!r}", "refs")
            if ref.target == entry.id:
                fail("verwijst naar zichzelf", "refs")
            if entry.id not in referrers[ref.target]:
                referrers[ref.target].append(entry.id)

    # parent chains must end (no cycles)
    for entry_id in entries:
        seen = {entry_id}
        current = entries[entry_id].parent
        while current is not None:
            if current in seen:
                path, index = where[entry_id]
                raise CatalogueError(f"entry {index + 1} (id {entry_id!r}): ouderketen is cirkelvormig", file=path,
                                     row=index + 1, column="parent")
            seen.add(current)
            current = entries[current].parent

    kind_rank = {name: i for i, name in enumerate(kinds)}

    def doc_key(eid: str) -> tuple:
        """Document order: by document, then the path of (kind, order) from the root.

        Siblings of different kinds (e.g. the "vraagt om" items and the actions of a precondition) are grouped
        by kind, in the order the kinds are declared.
        """
        chain = []
        current: str | None = eid
        while current is not None:
            chain.append((kind_rank[entries[current].kind], entries[current].order))
            current = entries[current].parent
        return (entries[eid].document, tuple(reversed(chain)), where[eid][1])

    freeze = lambda d: MappingProxyType({k: tuple(sorted(v, key=doc_key)) for k, v in d.items()})  # noqa: E731
    return Catalogue(
        documents=MappingProxyType(dict(sorted(documents.items()))),
        kinds=MappingProxyType(kinds),
        _entries=MappingProxyType(entries),
        _files=MappingProxyType(paths),
        _children=freeze(children),
        _by_kind=freeze(by_kind),
        _referrers=freeze(referrers),
    )


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Load and validate the framework catalogue.

    Parameters
    ----------
    path : str or Path, optional
        A directory with catalogue YAML files, or one file. Defaults to the files shipped with wijklib
        (cached after the first call).

    Returns
    -------
    Catalogue

    Raises
    ------
    CatalogueError
        When a file is malformed: the message names the file, the entry (number and id) and the field.
    """
    if path is None:
        return _load_default()
    return _load(Path(path))


@functools.lru_cache(maxsize=1)
def _load_default() -> Catalogue:
    return _load(DATA_DIR)


def _load(path: Path) -> Catalogue:
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
        if not files:
            raise CatalogueError("geen catalogusbestanden (*.yaml) gevonden", file=path)
    elif path.is_file():
        files = [path]
    else:
        raise CatalogueError("bestand of map bestaat niet", file=path)
    return _build((f, _read_file(f)) for f in files)
