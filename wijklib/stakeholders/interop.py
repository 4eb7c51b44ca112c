"""Exchange with other network tools: Gephi (GEXF, GraphML, CSV), Kumu (elements/connections) and Net-Map sheets.

Exports are per round and use the same privacy rules as every other export: natural persons appear by pseudonym
id and role label, never by name (unless ``allow_names=True``). Attributes are cleaned for the file formats: no
None values (left out), no tuples (joined with ``|``), booleans kept as booleans. In GEXF the edge attribute
``type`` is reserved for the direction, so the relation type is written as ``relatietype``.

Imports return a :class:`~wijklib.stakeholders.StakeholderSet` like :func:`load_stakeholders` does, so the Kumu
export reads back into the same actors and ties (round trip).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

import networkx as nx
import pandas as pd

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text
from wijklib.io.csvsafe import neutralise_workbook, safe_csv_text
from wijklib.io.tables import cell_text, is_empty, open_workbook, read_csv_rows, read_sheet_rows
from wijklib.io.yesno import is_yes
from wijklib.errors import InputError

from . import privacy
from .model import Actor, Assessment, Informant, Relation, Round, StakeholderSet
from .records import _not_sharing, for_sharing
from .vocab import RELATION_LABELS, RELATION_TYPES, RelationType, fold

__all__ = ["export_graph", "write_gexf", "write_graphml", "write_gephi_csv", "write_kumu", "read_kumu",
           "read_netmap", "NETMAP_INFLUENCE_RULE", "export_rounds"]

#: How Net-Map influence towers become the power score (keuze van wijklib): the highest tower of the session
#: is 5, a tower of 0 is 1, others proportionally in between (rounded to one decimal).
NETMAP_INFLUENCE_RULE = ("keuze van wijklib: macht = 1 + 4 x torenhoogte / hoogste toren van de sessie "
                         "(0 = geen invloed = 1, de hoogste toren = 5)")


def _clean(value: Any) -> Any:
    if isinstance(value, (tuple, list, set, frozenset)):
        return "|".join(str(v) for v in value)
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return None if value is None else str(value)


def export_graph(G: nx.MultiDiGraph, *, for_gexf: bool = False) -> nx.MultiDiGraph:
    """A copy of a stakeholder graph that GEXF and GraphML writers (and Gephi) accept.

    None and NaN attributes are left out, tuples become ``|``-joined text; with ``for_gexf`` the relation type
    moves from ``type`` to ``relatietype`` and ``type`` holds the GEXF direction (directed, or mutual for a
    tie without direction).
    """
    H = nx.MultiDiGraph()
    for key, value in G.graph.items():
        v = _clean(value)
        if v is not None:
            H.graph[key] = v
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _clean(v) for k, v in d.items() if _clean(v) is not None})
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {a: _clean(x) for a, x in d.items() if _clean(x) is not None}
        if for_gexf:
            attrs["relatietype"] = attrs.pop("type", "")
            attrs["type"] = "directed" if attrs.get("gericht", True) else "mutual"
            attrs.setdefault("weight", float(attrs.get("sterkte", 1)))
            attrs["label"] = RELATION_LABELS.get(attrs["relatietype"], attrs["relatietype"])
        H.add_edge(u, v, key=str(k), **attrs)
    return H


_CHECK_DOC = """
    With ``sset`` (and/or ``extra_names``) the content is searched for person names before anything is written
    (:func:`wijklib.stakeholders.privacy.refuse_names`): a file with a name is not written and
    :class:`~wijklib.stakeholders.privacy.PrivacyLeakError` is raised. With ``sset``, a graph that still holds
    ties named by informants whose consent does not cover ``delen`` (on ``on``, default today) is refused
    (:class:`~wijklib.errors.InputError`): build it from :func:`wijklib.stakeholders.records.for_sharing`."""


def _check_shareable(G: nx.MultiDiGraph, sset: StakeholderSet | None, on: dt.date | None, path: str | Path) -> None:
    """Refuse a graph with ties of informants whose consent does not cover ``delen`` (counts only in the message)."""
    if sset is None:
        return
    out = _not_sharing(sset, on or dt.date.today())
    if not out:
        return
    hits = [d for _, _, d in G.edges(data=True)
            if out & (set(d.get("genoemd_door") or ()) | set(d.get("ontkend_door") or ()))]
    if hits:
        raise InputError(f"niet geschreven: {len(hits)} relatie(s) in dit netwerk zijn (mede) genoemd door "
                         f"informanten van wie de toestemming het delen met partners niet dekt. Maak het netwerk "
                         "van for_sharing(kaart) (wijklib.stakeholders.records) en schrijf het opnieuw",
                         file=path)


def write_gexf(G: nx.MultiDiGraph, path: str | Path, *, sset: StakeholderSet | None = None,
               extra_names=(), on: dt.date | None = None) -> Path:
    """Write a stakeholder graph as GEXF 1.2 (Gephi), atomically."""
    import io

    _check_shareable(G, sset, on, path)
    buf = io.BytesIO()
    nx.write_gexf(export_graph(G, for_gexf=True), buf, version="1.2draft")
    privacy.refuse_names({Path(path).name: buf.getvalue()}, sset, extra_names=extra_names)
    return atomic_write_bytes(path, buf.getvalue())


def write_graphml(G: nx.MultiDiGraph, path: str | Path, *, sset: StakeholderSet | None = None,
                  extra_names=(), on: dt.date | None = None) -> Path:
    """Write a stakeholder graph as GraphML (Gephi, yEd, Cytoscape), atomically."""
    import io

    _check_shareable(G, sset, on, path)
    buf = io.BytesIO()
    nx.write_graphml(export_graph(G), buf)
    privacy.refuse_names({Path(path).name: buf.getvalue()}, sset, extra_names=extra_names)
    return atomic_write_bytes(path, buf.getvalue())


write_gexf.__doc__ = (write_gexf.__doc__ or "") + _CHECK_DOC
write_graphml.__doc__ = (write_graphml.__doc__ or "") + _CHECK_DOC


def write_gephi_csv(G: nx.MultiDiGraph, folder: str | Path, *, stem: str = "gephi",
                    sset: StakeholderSet | None = None, extra_names=(), on: dt.date | None = None) -> list[Path]:
    """Node and edge tables with Gephi's column names (Id, Label / Source, Target, Type, Weight, Label).

    With ``sset`` (and/or ``extra_names``) both tables are checked for person names before either is written,
    and a graph with ties of informants whose consent does not cover ``delen`` is refused (see :func:`write_gexf`).
    """
    folder = Path(folder)
    _check_shareable(G, sset, on, folder)
    nodes = pd.DataFrame([{"Id": n, "Label": d.get("label", n),
                           **{k: _clean(v) for k, v in d.items() if k != "label"}} for n, d in G.nodes(data=True)])
    edges = pd.DataFrame([{"Source": u, "Target": v, "Type": "Directed" if d.get("gericht", True) else "Undirected",
                           "Weight": d.get("sterkte", 1), "Label": d.get("type"),
                           **{k: _clean(x) for k, x in d.items() if k not in ("type", "sterkte")}}
                          for u, v, d in G.edges(data=True)],
                         columns=["Source", "Target", "Type", "Weight", "Label"] if not G.number_of_edges() else None)
    texts = {f"{stem}_knopen.csv": safe_csv_text(nodes, index=False),
             f"{stem}_verbindingen.csv": safe_csv_text(edges, index=False)}
    privacy.refuse_names(texts, sset, extra_names=extra_names)
    return [atomic_write_text(folder / name, text) for name, text in texts.items()]


def export_rounds(sset: StakeholderSet, folder: str | Path, *, min_informants: int | None = None,
                  formats: tuple[str, ...] = ("gexf", "graphml"), extra_names=(),
                  on: dt.date | None = None) -> list[Path]:
    """Write the consensus network of every round as GEXF and/or GraphML (pseudonymised), for sharing.

    Files are named ``netwerk_<ronde>.gexf`` / ``.graphml``; each node carries its round ``status`` (nieuw,
    aanwezig, verdwenen, afwezig), so Gephi can filter the actors of a round. Every file is checked for person
    names of ``sset`` (and ``extra_names``) before any file is written. Only statements of informants whose
    consent covers ``delen`` on ``on`` (default: today) are used (:func:`~wijklib.stakeholders.records.for_sharing`;
    a :class:`~wijklib.stakeholders.records.SharingWarning` says how many were left out).

    Raises
    ------
    PrivacyLeakError
        When a person name would be in a file; then no file is written.
    """
    import io

    from .consensus import consensus_network

    folder = Path(folder)
    sset = for_sharing(sset, on, warn=True)
    contents: dict[str, bytes] = {}
    for r in sset.round_ids:
        k = min_informants
        if k is not None:
            k = max(1, min(k, len(sset.informants_in(r)) or 1))
        G = consensus_network(sset, r, min_informants=k)
        if "gexf" in formats:
            buf = io.BytesIO()
            nx.write_gexf(export_graph(G, for_gexf=True), buf, version="1.2draft")
            contents[f"netwerk_{r}.gexf"] = buf.getvalue()
        if "graphml" in formats:
            buf = io.BytesIO()
            nx.write_graphml(export_graph(G), buf)
            contents[f"netwerk_{r}.graphml"] = buf.getvalue()
    privacy.refuse_names(contents, sset, extra_names=extra_names)
    return [atomic_write_bytes(folder / name, data) for name, data in contents.items()]


# -- Kumu ---------------------------------------------------------------------------------------------------------
def write_kumu(sset: StakeholderSet, path: str | Path, *, ronde: str | None = None,
               min_informants: int | None = None, allow_names: bool = False, on: dt.date | None = None) -> Path:
    """Write one round in Kumu's import format: a workbook with sheets *Elements* and *Connections*.

    Elements: ``ID``, ``Label``, ``Type`` (actor type name), ``Description``, ``Tags`` (world, group),
    ``Wereld``, ``Persoon`` (ja/nee), ``Status``. Connections: ``From``, ``To`` (element IDs), ``Type`` (relation type),
    ``Direction`` (directed or mutual), ``Strength``, ``Support`` (number of informants), ``Tags`` (round).
    Persons appear by pseudonym id and role label. Without ``allow_names`` the workbook is checked for person
    names before it is written (:class:`~wijklib.stakeholders.privacy.PrivacyLeakError`, nothing written) and
    only holds statements of informants whose consent covers ``delen`` on ``on`` (default: today; see
    :func:`~wijklib.stakeholders.records.for_sharing`).
    """
    from openpyxl import Workbook

    from .consensus import consensus_network

    ronde = sset.check_round(ronde)
    if not allow_names:
        sset = for_sharing(sset, on, warn=True)
    G = consensus_network(sset, ronde, min_informants=min_informants, allow_names=allow_names)
    wb = Workbook()
    el = wb.active
    el.title = "Elements"
    el.append(["ID", "Label", "Type", "Description", "Tags", "Wereld", "Persoon", "Status"])
    by_pub = {pid: a for a, pid in zip(sset.actors, [sset.public_ids(allow_names)[a.actor_id] for a in sset.actors])}
    for n, d in G.nodes(data=True):
        a = by_pub[n]
        tags = "|".join(t for t in (d.get("wereld"), d.get("groep")) if t)
        el.append([n, d.get("label", n), sset.actortype_name(a), a.actortype_label or "", tags,
                   d.get("wereld") or "", "ja" if d.get("natuurlijk_persoon") else "nee", d.get("status") or ""])
    con = wb.create_sheet("Connections")
    con.append(["From", "To", "Type", "Direction", "Strength", "Support", "Tags"])
    for u, v, d in G.edges(data=True):
        con.append([u, v, d["type"], "directed" if d.get("gericht", True) else "mutual",
                    round(float(d.get("sterkte", 2)), 2), int(d.get("steun", 1)), ronde])
    import io

    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)  # user text that begins with '=' stays text, never a formula
    if not allow_names:
        privacy.refuse_names({Path(path).name: buf.getvalue()}, sset)
    return atomic_write_bytes(path, buf.getvalue())


def _sheets(path: Path, wanted: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, list]]:
    """Read the wanted tables (key -> accepted sheet or file names) from a workbook or a CSV folder."""
    out: dict[str, tuple[str, list]] = {}
    norm = lambda h: fold(str(h)).replace(" ", "_")  # noqa: E731
    if path.is_dir():
        csvs = {fold(p.stem): p for p in sorted(path.glob("*.csv"))}
        for key, names in wanted.items():
            for name in names:
                file = csvs.get(fold(name))
                if file is not None:
                    header, rows = read_csv_rows(file, normalize=norm)
                    out[key] = (str(file), rows)
                    break
        return out
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise InputError("verwacht een .xlsx-werkboek of een map met CSV-bestanden", file=path)
    with open_workbook(path) as wb:
        sheets = {fold(ws.title): ws for ws in wb.worksheets}
        for key, names in wanted.items():
            for name in names:
                ws = sheets.get(fold(name))
                if ws is not None:
                    header, rows = read_sheet_rows(ws, normalize=norm, allow_empty=True)
                    out[key] = (f"{path} (blad '{ws.title}')", rows)
                    break
    return out


def _relation_type(value: Any, where: str, row: int, column: str) -> RelationType:
    key = fold(cell_text(value))
    for t in RELATION_TYPES:
        if key in (t, fold(RELATION_LABELS[t])):
            return t
    aliases: dict[str, RelationType] = {
        "cooperation": "samenwerking", "collaboration": "samenwerking", "information": "informatie",
        "trust": "vertrouwen", "influence": "invloed", "command": "invloed", "money": "financiering",
        "funding": "financiering", "geld": "financiering", "steun": "samenwerking",
        "support": "samenwerking", "conflict": "conflict", "verstoring": "conflict", "disturbing": "conflict"}
    if key in aliases:
        return aliases[key]
    raise InputError(f"onbekend relatietype {cell_text(value)!r}; gebruik {', '.join(RELATION_TYPES)}",
                     file=where, row=row, column=column)


def _pick(raw: dict[str, Any], *names: str) -> Any:
    """The first non-empty cell of ``names`` in a row, or None."""
    for n in names:
        if not is_empty(raw.get(n)):
            return raw.get(n)
    return None


def _read_ties(table: tuple[str, list[tuple[int, dict[str, Any]]]] | None, by_key: dict[str, str],
               ends: tuple[tuple[str, tuple[str, ...]], ...], unknown: str,
               tie: Callable[[dict[str, Any], str, int], dict[str, Any]], *, ronde: str,
               informant: str) -> list[Relation]:
    """The imported ties of one sheet (none when the sheet is absent), all for one round and one informant.

    ``ends`` gives per end of a tie the column named in an error and the cells to look in (first non-empty wins);
    ``by_key`` maps actor ids and labels to actor ids; a missing or unknown end raises :class:`InputError` with
    ``unknown`` (a format string for the quoted value). ``tie(row, where, row_no)`` gives the other fields of the
    :class:`Relation` (type, direction, strength).
    """
    if table is None:
        return []
    where, rows = table
    relations = []
    for row_no, raw in rows:
        ids = []
        for col, names in ends:
            v = _pick(raw, *names)
            if v is None or cell_text(v) not in by_key:
                raise InputError(unknown.format(repr(cell_text(v) if v is not None else "")), file=where, row=row_no,
                                 column=col)
            ids.append(by_key[cell_text(v)])
        relations.append(Relation(ronde=ronde, informant=informant, bron=ids[0], doel=ids[1], **tie(raw, where, row_no))
                         .with_origin(where, row_no))
    return relations


def _slug_id(label: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "_", fold(label)).strip("_")[:40] or "actor"
    out, i = base, 2
    while out in used:
        out, i = f"{base}_{i}", i + 1
    used.add(out)
    return out


def _actor_type(value: Any) -> tuple[str, str | None]:
    from .vocab import actor_types

    text = cell_text(value) if not is_empty(value) else ""
    if not text:
        return "overig", "onbekend (uit import)"
    try:
        return actor_types().resolve(text).id, None
    except ValueError:
        return "overig", text


def read_kumu(path: str | Path, *, ronde: str = "R1", informant: str = "kumu", key_path=None) -> StakeholderSet:
    """Read a Kumu export (workbook with sheets Elements and Connections, or a folder with elements.csv and
    connections.csv) into a stakeholder set.

    Elements need ``Label``; ``ID`` is used as actor id when present. ``Type`` is matched against the actor
    types (unknown types become ``overig`` with the Kumu type as label). Connections need ``From`` and ``To``
    (IDs or labels) and ``Type`` (a relation type); ``Direction`` mutual/undirected gives an undirected tie and
    ``Strength`` (1-3) the strength. All ties are recorded for one ``ronde`` and one ``informant``.

    Raises
    ------
    InputError
        Naming the file or sheet, row and column.
    """
    path = Path(path)
    tables = _sheets(path, {"elements": ("Elements", "elementen"), "connections": ("Connections", "verbindingen")})
    if "elements" not in tables:
        raise InputError("geen blad of bestand 'Elements' gevonden (Kumu-export)", file=path)
    where, rows = tables["elements"]
    actors: list[Actor] = []
    by_key: dict[str, str] = {}
    used: set[str] = set()
    for row_no, raw in rows:
        label = raw.get("label")
        if is_empty(label):
            raise InputError("verplichte waarde ontbreekt", file=where, row=row_no, column="Label")
        label = cell_text(label)
        aid = cell_text(raw["id"]) if not is_empty(raw.get("id")) else _slug_id(label, used)
        used.add(aid)
        typ, type_label = _actor_type(raw.get("type"))
        wereld: Any = fold(cell_text(raw.get("wereld"))) if not is_empty(raw.get("wereld")) else None
        person = is_yes(raw.get("persoon"))
        try:
            actors.append(Actor(actor_id=aid, naam=label, actortype=typ, actortype_label=type_label,
                                wereld=wereld or None, natuurlijk_persoon=person, rol=label if person else None,
                                notitie=cell_text(raw["description"]) if not is_empty(raw.get("description"))
                                else None).with_origin(where, row_no))
        except ValueError as exc:
            raise InputError(str(exc).splitlines()[-1], file=where, row=row_no) from None
        by_key[aid] = aid
        by_key.setdefault(label, aid)

    def tie(raw: dict[str, Any], where: str, row_no: int) -> dict[str, Any]:
        typ = _relation_type(raw.get("type"), where, row_no, "Type")
        direction = cell_text(raw.get("direction")).strip().casefold() if not is_empty(raw.get("direction")) \
            else "directed"
        strength = raw.get("strength")
        sterkte = 2 if is_empty(strength) else min(3, max(1, round(float(str(strength).replace(",", ".")))))
        return {"type": typ, "gericht": direction not in ("mutual", "undirected", "wederzijds", "<->"),
                "sterkte": sterkte}

    relations = _read_ties(tables.get("connections"), by_key, (("From", ("from",)), ("To", ("to",))),
                           "onbekend element {}; From en To moeten een ID of Label uit het blad Elements zijn", tie,
                           ronde=ronde, informant=informant)
    return StakeholderSet.from_records(actors, relations, (), [Round(ronde=ronde, soort="import uit Kumu")],
                                       [Informant(informant=informant, rol="import uit Kumu")], source=path,
                                       key_path=key_path)


def read_netmap(path: str | Path, *, ronde: str = "R1", informant: str = "netmap",
                informant_rol: str = "Net-Map-sessie", key_path=None) -> StakeholderSet:
    """Read a Net-Map session recorded in a spreadsheet into a stakeholder set.

    Sheets (or CSV files in a folder): *Actoren* / *actors* with ``actor`` (name), optional ``id``, ``type``,
    ``toren`` / ``influence`` (height of the influence tower, 0 or more) and ``doelen`` / ``goals``; and
    *Verbindingen* / *links* with ``van`` / ``from``, ``naar`` / ``to``, ``soort`` / ``link_type`` and optional
    ``richting`` (``<->``, ``wederzijds`` or ``mutual`` for an exchange). The tower height becomes the power
    score by :data:`NETMAP_INFLUENCE_RULE`; the goals are kept as a note on the assessment.
    """
    path = Path(path)
    tables = _sheets(path, {"actors": ("Actoren", "actors"), "links": ("Verbindingen", "links", "relaties")})
    if "actors" not in tables:
        raise InputError("geen blad of bestand 'Actoren' (of 'actors') gevonden (Net-Map)", file=path)
    where, rows = tables["actors"]
    actors: list[Actor] = []
    heights: dict[str, float] = {}
    goals: dict[str, str] = {}
    by_key: dict[str, str] = {}
    used: set[str] = set()
    for row_no, raw in rows:
        name = _pick(raw, "actor", "naam", "name", "label")
        if name is None:
            raise InputError("verplichte waarde ontbreekt", file=where, row=row_no, column="actor")
        name = cell_text(name)
        aid = cell_text(_pick(raw, "id", "actor_id")) if _pick(raw, "id", "actor_id") is not None \
            else _slug_id(name, used)
        used.add(aid)
        typ, type_label = _actor_type(_pick(raw, "type", "actortype"))
        h = _pick(raw, "toren", "influence", "invloed", "tower")
        if h is not None:
            try:
                h = float(str(h).replace(",", "."))
            except ValueError:
                raise InputError(f"verwacht een torenhoogte (0 of meer), niet {h!r}", file=where, row=row_no,
                                 column="toren") from None
            if h < 0:
                raise InputError("een invloedstoren kan niet negatief zijn", file=where, row=row_no, column="toren")
            heights[aid] = h
        g = _pick(raw, "doelen", "goals", "doel")
        if g is not None:
            goals[aid] = cell_text(g)
        actors.append(Actor(actor_id=aid, naam=name, actortype=typ, actortype_label=type_label)
                      .with_origin(where, row_no))
        by_key[aid] = aid
        by_key.setdefault(name, aid)

    def tie(raw: dict[str, Any], where: str, row_no: int) -> dict[str, Any]:
        typ = _relation_type(_pick(raw, "soort", "link_type", "type", "linktype"), where, row_no, "soort")
        richting = cell_text(_pick(raw, "richting", "direction") or "").strip().casefold()
        return {"type": typ, "gericht": richting not in ("<->", "wederzijds", "mutual", "beide")}

    relations = _read_ties(tables.get("links"), by_key,
                           (("van", ("van", "from", "bron")), ("naar", ("naar", "to", "doel"))),
                           "onbekende actor {}; gebruik een naam of id uit het blad Actoren", tie, ronde=ronde,
                           informant=informant)
    top = max(heights.values(), default=0)
    assessments = [Assessment(ronde=ronde, informant=informant, actor_id=a,
                              macht=round(1 + 4 * h / top, 1) if top else 1.0,
                              notitie=f"doelen: {goals[a]}" if a in goals else None)
                   for a, h in heights.items()]
    sset = StakeholderSet.from_records(actors, relations, assessments, [Round(ronde=ronde, soort="Net-Map-sessie")],
                                       [Informant(informant=informant, rol=informant_rol)], source=path,
                                       key_path=key_path)
    if heights:
        sset.warnings.append(f"invloedstorens omgezet naar macht ({NETMAP_INFLUENCE_RULE})")
    return sset
