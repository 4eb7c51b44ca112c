"""Network analysis of the stakeholder map (networkx ``MultiDiGraph``), with plain-Dutch interpretation.

The graph has one node per actor (export-safe id: natural persons by pseudonym unless ``allow_names``) and one
edge per named tie, keyed and typed (``type``), with ``gericht`` (directed or mutual), ``sterkte`` (1-3),
``informant`` and ``ronde``. Mutual ties are stored once with ``gericht=False``; projections treat them as two
arcs. Conflict ties are kept in the graph but left out of paths, brokers and communities by default, since no
information or support flows through them.

Stakeholder networks are small (8-40 actors) and perceived (from interviews): treat every measure as a prompt
for discussion, not as a verdict.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence, cast

import networkx as nx
import pandas as pd

from .vocab import POSITIVE_RELATION_TYPES, RELATION_LABELS, RELATION_TYPES, WORLD_LABELS

__all__ = ["build_graph", "project", "centrality", "structural_holes", "bridges", "brokerage", "isolates",
           "communities", "CommunityResult", "BridgeResult", "MEASURE_TEXTS", "BROKERAGE_ROLES", "interpret",
           "node_labels"]

#: Plain-Dutch explanation of every measure (shown in notebooks and reports).
MEASURE_TEXTS: dict[str, str] = {
    "graad": "Graad: met hoeveel andere actoren iemand een relatie heeft. Hoog = veel contacten; zegt niets over "
             "de kwaliteit van die contacten.",
    "ingraad": "Ingraad: hoeveel actoren een relatie naar deze actor noemen (bij informatie: van hoeveel anderen "
               "iemand informatie krijgt). Hoog = aanspreekpunt.",
    "uitgraad": "Uitgraad: naar hoeveel actoren deze actor een relatie heeft (bij informatie: aan hoeveel anderen "
                "iemand informatie geeft).",
    "tussenpositie": "Tussenpositie (betweenness): hoe vaak een actor op de kortste route tussen twee anderen "
                     "ligt (0-1). Hoog = makelaar of knelpunt: veel loopt via deze actor, en het netwerk is "
                     "kwetsbaar als die wegvalt.",
    "beperking": "Beperking (Burt's constraint): hoe sterk iemands contacten ook onderling verbonden zijn. Laag = "
                 "iemand overbrugt 'structurele gaten' tussen groepen die elkaar niet kennen.",
    "effectieve_omvang": "Effectieve omvang (Burt): het aantal contacten dat niet overlapt met de andere "
                         "contacten. Hoog = een breed, niet-overlappend netwerk.",
    "brug": "Brug: een relatie die, als ze wegvalt, het netwerk in twee losse delen knipt.",
    "lokale_brug": "Lokale brug: een relatie tussen twee actoren zonder gemeenschappelijke contacten; zonder deze "
                   "relatie wordt de route tussen hen veel langer (span).",
    "scharnierpunt": "Scharnierpunt (articulation point): een actor die, als hij wegvalt, het netwerk in losse "
                     "delen knipt.",
    "makelaarsrollen": "Makelaarsrollen (Gould & Fernandez): in welke rol een actor twee anderen verbindt die "
                       "zelf geen directe relatie hebben, afhankelijk van hun groep (hier: systeem- of leefwereld).",
    "systeem_leef": "Verbindingen systeem-leefwereld: hoe vaak een actor de enige schakel is tussen een actor uit "
                    "de systeemwereld en een uit de leefwereld (route a -> actor -> c zonder directe relatie a -> c).",
    "geisoleerd": "Geïsoleerd: niemand noemt een relatie met deze actor. Kan betekenen dat de actor buiten beeld "
                  "is, of dat de informanten deze actor niet kennen.",
    "gemeenschap": "Gemeenschap (Louvain): groepjes actoren die onderling meer relaties hebben dan met de rest. "
                   "In kleine netwerken is de indeling onzeker; de stabiliteit zegt hoe vaak actoren bij herhaald "
                   "rekenen (andere startwaarde) in dezelfde groep vallen.",
}

#: Gould-Fernandez roles: code -> (Dutch name, explanation). a -> b -> c, b is the broker.
BROKERAGE_ROLES: dict[str, tuple[str, str]] = {
    "coordinator": ("coördinator", "a, b en c in dezelfde groep: makelaar binnen de eigen groep"),
    "consultant": ("consulent", "a en c in dezelfde groep, b in een andere: buitenstaander die een groep "
                                "onderling verbindt"),
    "vertegenwoordiger": ("vertegenwoordiger", "a en b in dezelfde groep, c in een andere: b brengt de eigen "
                                               "groep naar buiten"),
    "poortwachter": ("poortwachter", "b en c in dezelfde groep, a in een andere: b laat iets van buiten toe in de "
                                     "eigen groep"),
    "verbinder": ("verbinder", "a, b en c alle drie in verschillende groepen (liaison)"),
}


def build_graph(sset, ronde: str | None = None, *, informant: str | Sequence[str] | None = None,
                types: Iterable[str] | None = None, allow_names: bool = False) -> nx.MultiDiGraph:
    """The named ties of one round as a MultiDiGraph (every informant's statement is one edge).

    Parameters
    ----------
    sset : StakeholderSet
    ronde : str, optional
        Round id; default the latest round.
    informant : str or list of str, optional
        Only these informants' ties (an informant layer).
    types : iterable of str, optional
        Only these relation types.
    allow_names : bool
        Use real ids and names of natural persons (default: pseudonym ids and role labels).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: every actor, with ``label``, ``wereld``, ``actortype``, ``groep``, ``formeel``, ``domein``,
        ``niveau``, ``gebied``, ``natuurlijk_persoon``. Edges: ``type``, ``gericht``, ``sterkte``, ``informant``,
        ``ronde``, ``steun`` (1). Explicit denials (``bestaat = nee``) are not edges; see ``contested_ties``.
    """
    ronde = sset.check_round(ronde)
    if isinstance(informant, str):
        informant = [informant]
    wanted_types = set(types) if types is not None else set(RELATION_TYPES)
    ids = sset.public_ids(allow_names)
    G = _empty_graph(sset, allow_names, ronde)
    G.graph.update(ronde=ronde, informanten=tuple(informant) if informant else sset.informants_in(ronde),
                   soort="genoemd")
    for r in sset.relations:
        if r.ronde != ronde or not r.bestaat or r.type not in wanted_types:
            continue
        if informant is not None and r.informant not in informant:
            continue
        G.add_edge(ids[r.bron], ids[r.doel], type=r.type, gericht=r.gericht, sterkte=r.sterkte,
                   informant=r.informant, ronde=r.ronde, steun=1)
    return G


def _empty_graph(sset, allow_names: bool, ronde: str | None = None) -> nx.MultiDiGraph:
    ids = sset.public_ids(allow_names)
    labels = sset.labels(allow_names)
    status = sset.round_status(allow_names)[ronde].to_dict() if ronde in sset.round_ids else {}
    G = nx.MultiDiGraph()
    for a in sset.actors:
        G.add_node(ids[a.actor_id], label=labels[a.actor_id], wereld=a.wereld, actortype=a.actortype,
                   actortype_label=sset.actortype_name(a), groep=a.groep, formeel=a.formeel, domein=a.domein,
                   niveau=a.niveau, gebied=a.gebied, natuurlijk_persoon=a.natuurlijk_persoon)
        if status:
            G.nodes[ids[a.actor_id]]["status"] = status[ids[a.actor_id]]
    return G


def node_labels(G: nx.Graph) -> dict[str, str]:
    """node -> label (the node id when there is no label)."""
    return {n: d.get("label", n) for n, d in G.nodes(data=True)}


def project(G: nx.MultiDiGraph, types: Iterable[str] | None = None, *, directed: bool = True) -> nx.Graph:
    """Collapse a typed multigraph into a simple graph for the given relation types.

    Mutual ties (``gericht=False``) become arcs both ways in the directed projection. The weight of an arc or
    edge is the mean ``sterkte`` of the ties collapsed into it; ``n`` counts them.

    Parameters
    ----------
    types : iterable of str, optional
        Relation types to keep; default all positive types (everything but conflict).
    directed : bool
        DiGraph (default) or undirected Graph.
    """
    keep = set(types) if types is not None else set(POSITIVE_RELATION_TYPES)
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    acc: dict[tuple, list[float]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("type") not in keep:
            continue
        s = float(d.get("sterkte", 1))
        if directed:
            acc[(u, v)].append(s)
            if not d.get("gericht", True):
                acc[(v, u)].append(s)
        else:
            acc[tuple(sorted((u, v)))].append(s)
    for (u, v), vals in acc.items():
        H.add_edge(u, v, weight=sum(vals) / len(vals), n=len(vals))
    return H


def centrality(G: nx.MultiDiGraph, types: Iterable[str] | None = None, *, include_all: bool = True,
               wide: bool = False) -> pd.DataFrame:
    """Degree, in-degree, out-degree and betweenness per relation type (and for all positive types together).

    Betweenness is computed on the directed, unweighted projection and normalised (0-1); degree counts distinct
    neighbours in either direction.

    Parameters
    ----------
    types : iterable of str, optional
        Relation types; default every type that occurs in the graph.
    include_all : bool
        Add type ``alle`` = all positive types together.
    wide : bool
        One row per actor with columns ``<measure>_<type>`` instead of the long table.

    Returns
    -------
    DataFrame
        Long: ``actor_id``, ``label``, ``type``, ``graad``, ``ingraad``, ``uitgraad``, ``tussenpositie``.
    """
    present = sorted({d["type"] for _, _, d in G.edges(data=True)}, key=RELATION_TYPES.index)
    types = list(types) if types is not None else present
    groups: list[tuple[str, list[str]]] = [(t, [t]) for t in types]
    if include_all:
        groups.append(("alle", list(POSITIVE_RELATION_TYPES)))
    labels = node_labels(G)
    rows = []
    for name, tlist in groups:
        D = project(G, tlist, directed=True)
        U = D.to_undirected()
        btw = nx.betweenness_centrality(D, normalized=True) if D.number_of_nodes() > 2 else {n: 0.0 for n in D}
        for n in G.nodes:
            rows.append({"actor_id": n, "label": labels[n], "type": name, "graad": U.degree(n),
                         "ingraad": D.in_degree(n), "uitgraad": D.out_degree(n), "tussenpositie": btw.get(n, 0.0)})
    df = pd.DataFrame(rows)
    if not wide:
        return df
    w = df.pivot(index="actor_id", columns="type", values=["graad", "ingraad", "uitgraad", "tussenpositie"])
    w.columns = [f"{m}_{t}" for m, t in cast(pd.MultiIndex, w.columns)]
    w.insert(0, "label", [labels[n] for n in w.index])
    return w.loc[list(G.nodes)]


def structural_holes(G: nx.MultiDiGraph, types: Iterable[str] | None = None, *,
                     weighted: bool = False) -> pd.DataFrame:
    """Burt's constraint and effective size on the undirected projection (positive ties by default).

    Returns
    -------
    DataFrame
        Indexed by ``actor_id``: ``label``, ``graad``, ``beperking`` (NaN for isolated actors),
        ``effectieve_omvang``.
    """
    U = project(G, types, directed=False)
    weight = "weight" if weighted else None
    constraint = nx.constraint(U, weight=weight)
    eff = nx.effective_size(U, weight=weight)
    labels = node_labels(G)
    df = pd.DataFrame({"label": [labels[n] for n in U.nodes], "graad": [U.degree(n) for n in U.nodes],
                       "beperking": [constraint.get(n, float("nan")) for n in U.nodes],
                       "effectieve_omvang": [eff.get(n, float("nan")) for n in U.nodes]},
                      index=pd.Index(list(U.nodes), name="actor_id"))
    return df


@dataclass
class BridgeResult:
    """Bridges, local bridges and articulation points of the undirected projection."""

    bruggen: pd.DataFrame
    lokale_bruggen: pd.DataFrame
    scharnierpunten: pd.DataFrame

    def _repr_html_(self) -> str:  # pragma: no cover - notebook nicety
        return ("<h4>Bruggen</h4>" + self.bruggen.to_html(index=False) + "<h4>Lokale bruggen</h4>"
                + self.lokale_bruggen.to_html(index=False) + "<h4>Scharnierpunten</h4>"
                + self.scharnierpunten.to_html(index=False))


def bridges(G: nx.MultiDiGraph, types: Iterable[str] | None = None) -> BridgeResult:
    """Bridges, local bridges (with span) and articulation points (positive ties by default).

    ``nx.local_bridges`` does not accept directed graphs or multigraphs, so everything is computed on the
    simple undirected projection.
    """
    U = project(G, types, directed=False)
    labels = node_labels(G)
    br = [(u, v) for u, v in nx.bridges(U)]
    lb = [(u, v, s) for u, v, s in nx.local_bridges(U, with_span=True)]
    ap = list(nx.articulation_points(U))
    comps = nx.number_connected_components(U)

    def parts_after_removal(node) -> int:
        H = U.copy()
        H.remove_node(node)
        return nx.number_connected_components(H) - (comps - 1)

    bruggen = pd.DataFrame([{"van": u, "naar": v, "van_label": labels[u], "naar_label": labels[v]} for u, v in br],
                           columns=["van", "naar", "van_label", "naar_label"])
    lokale = pd.DataFrame([{"van": u, "naar": v, "van_label": labels[u], "naar_label": labels[v],
                            "span": (s if s != float("inf") else None)} for u, v, s in lb],
                          columns=["van", "naar", "van_label", "naar_label", "span"])
    scharnier = pd.DataFrame([{"actor_id": n, "label": labels[n], "delen_na_wegvallen": parts_after_removal(n)}
                              for n in ap], columns=["actor_id", "label", "delen_na_wegvallen"])
    return BridgeResult(bruggen, lokale, scharnier)


def brokerage(G: nx.MultiDiGraph, group_attr: str = "wereld", types: Iterable[str] | None = None) -> pd.DataFrame:
    """Gould-Fernandez brokerage roles per actor, plus system world - lifeworld brokerage.

    For every open two-path a -> b -> c (a != c, and no arc a -> c) the broker b gets one count in the role that
    the groups of a, b and c define (see :data:`BROKERAGE_ROLES`). Mutual ties count as arcs both ways. Actors
    without a group are in group ``onbekend``.

    ``systeem_leef`` counts the open two-paths where one end is in the system world and the other in the
    lifeworld (in either order), whatever b's own group: a simple, documented measure of who connects the two
    worlds. ``systeem_leef_paren`` counts distinct unordered (system, life) pairs connected that way.

    Returns
    -------
    DataFrame
        Indexed by ``actor_id``: ``label``, ``groep``, the five role counts, ``totaal``, ``systeem_leef``,
        ``systeem_leef_paren``.
    """
    D = project(G, types, directed=True)
    group = {n: (d.get(group_attr) or "onbekend") for n, d in G.nodes(data=True)}
    labels = node_labels(G)
    counts: dict[str, Counter] = {n: Counter() for n in D.nodes}
    pairs: dict[str, set] = {n: set() for n in D.nodes}
    for b in D.nodes:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a == c or a == b or c == b or D.has_edge(a, c):
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "consultant"
                elif ga == gb:
                    role = "vertegenwoordiger"
                elif gb == gc:
                    role = "poortwachter"
                else:
                    role = "verbinder"
                counts[b][role] += 1
                if {ga, gc} == {"systeem", "leef"}:
                    counts[b]["systeem_leef"] += 1
                    pairs[b].add(frozenset((a, c)))
    rows = []
    for n in G.nodes:
        c = counts.get(n, Counter())
        row = {"actor_id": n, "label": labels[n], "groep": group[n]}
        row.update({r: c[r] for r in BROKERAGE_ROLES})
        row["totaal"] = sum(c[r] for r in BROKERAGE_ROLES)
        row["systeem_leef"] = c["systeem_leef"]
        row["systeem_leef_paren"] = len(pairs.get(n, ()))
        rows.append(row)
    return pd.DataFrame(rows).set_index("actor_id")


def isolates(G: nx.MultiDiGraph, types: Iterable[str] | None = None) -> pd.DataFrame:
    """Actors without any tie of the given types (default: any type, conflict included).

    Actors whose round status (node attribute ``status``) is ``verdwenen`` are not isolated but
    gone from that round: they are left out here (see :meth:`StakeholderSet.round_status`).

    Returns
    -------
    DataFrame
        ``actor_id``, ``label``, ``wereld``, and ``alleen_conflict`` (True when the actor only has conflict ties).
    """
    keep = set(types) if types is not None else set(RELATION_TYPES)
    touched: Counter[str] = Counter()
    conflict_only: Counter[str] = Counter()
    for u, v, d in G.edges(data=True):
        if d["type"] in keep:
            touched[u] += 1
            touched[v] += 1
    for u, v, d in G.edges(data=True):
        if d["type"] != "conflict":
            conflict_only[u] += 1
            conflict_only[v] += 1
    rows = []
    for n, d in G.nodes(data=True):
        if touched[n] == 0 and d.get("status") != "verdwenen":
            rows.append({"actor_id": n, "label": d.get("label", n), "wereld": d.get("wereld"),
                         "alleen_conflict": False})
    if types is None:
        for n, d in G.nodes(data=True):
            if touched[n] > 0 and conflict_only[n] == 0:
                rows.append({"actor_id": n, "label": d.get("label", n), "wereld": d.get("wereld"),
                             "alleen_conflict": True})
    return pd.DataFrame(rows, columns=["actor_id", "label", "wereld", "alleen_conflict"])


@dataclass
class CommunityResult:
    """Louvain communities over several seeds, with co-clustering stability.

    Attributes
    ----------
    membership : DataFrame
        Indexed by ``actor_id``: ``label``, ``gemeenschap`` (1 = largest), ``stabiliteit`` (mean share of runs in
        which the actor sat with the other members of its community; 1 for a community of one), ``geisoleerd``.
    co_clustering : DataFrame
        Share of runs in which two actors were in the same community (actor x actor).
    runs : int
        Number of Louvain runs (seeds 0 .. runs-1).
    n_partitions : int
        Number of distinct partitions found.
    share_same : float
        Share of runs that found exactly the reported partition.
    modularity : float
        Modularity of the reported partition.
    """

    membership: pd.DataFrame
    co_clustering: pd.DataFrame
    runs: int
    n_partitions: int
    share_same: float
    modularity: float

    def summary_nl(self) -> str:
        """A Dutch sentence on the number of communities and their stability."""
        k = int(self.membership.loc[~self.membership["geisoleerd"], "gemeenschap"].nunique())
        iso = int(self.membership["geisoleerd"].sum())
        txt = (f"{k} gemeenschap(pen) gevonden (plus {iso} geïsoleerde actor(en)). In {self.share_same:.0%} van de "
               f"{self.runs} herhalingen kwam precies deze indeling uit; in totaal {self.n_partitions} verschillende "
               f"indelingen. Modulariteit {self.modularity:.2f}.")
        if self.share_same < 0.6:
            txt += " De indeling is onzeker: bespreek haar als mogelijke groepering, niet als vaststaand."
        return txt

    def pairs(self, min_share: float = 0.0) -> pd.DataFrame:
        """Pairs of actors with their co-clustering share (descending)."""
        cc = self.co_clustering
        rows = [{"actor_a": a, "actor_b": b, "samen": cc.at[a, b]} for a, b in itertools.combinations(cc.index, 2)
                if cast(float, cc.at[a, b]) >= min_share]
        return pd.DataFrame(rows, columns=["actor_a", "actor_b", "samen"]).sort_values("samen", ascending=False,
                                                                                       ignore_index=True)


def communities(G: nx.MultiDiGraph, types: Iterable[str] | None = None, *, runs: int = 50,
                resolution: float = 1.0) -> CommunityResult:
    """Louvain communities on the weighted undirected projection, repeated with seeds 0 .. runs-1.

    The reported partition is the run that agrees best with the co-clustering shares of all runs (for every
    pair: together when they co-cluster in most runs). Isolated actors each form their own community and are
    flagged.
    """
    U = project(G, types, directed=False)
    nodes = list(G.nodes)
    idx = {n: i for i, n in enumerate(nodes)}
    iso = {n for n in nodes if U.degree(n) == 0}
    core = U.subgraph([n for n in nodes if n not in iso]).copy()
    partitions = []
    for seed in range(runs):
        if core.number_of_edges():
            parts = nx.community.louvain_communities(core, weight="weight", resolution=resolution, seed=seed)
        else:
            parts = [{n} for n in core.nodes]
        parts = [frozenset(p) for p in parts] + [frozenset({n}) for n in iso]
        partitions.append(frozenset(parts))
    import numpy as np

    co = np.zeros((len(nodes), len(nodes)))
    for part in partitions:
        for block in part:
            ids = [idx[n] for n in block]
            for i in ids:
                co[i, ids] += 1
    co /= max(runs, 1)

    def agreement(part) -> float:
        same = np.zeros_like(co)
        for block in part:
            ids = [idx[n] for n in block]
            for i in ids:
                same[i, ids] = 1
        return float((same * co + (1 - same) * (1 - co)).sum())

    distinct = Counter(partitions)
    best = max(distinct, key=lambda p: (agreement(p), distinct[p]))
    blocks = sorted(best, key=lambda b: (-len(b), min(idx[n] for n in b)))
    labels = node_labels(G)
    rows = []
    for k, block in enumerate(blocks, start=1):
        ids = [idx[n] for n in block]
        for n in block:
            i = idx[n]
            others = [j for j in ids if j != i]
            stab = float(co[i, others].mean()) if others else 1.0
            rows.append({"actor_id": n, "label": labels[n], "gemeenschap": k, "stabiliteit": stab,
                         "geisoleerd": n in iso})
    membership = pd.DataFrame(rows).set_index("actor_id").loc[nodes]
    mod = nx.community.modularity(U, [set(b) for b in blocks], weight="weight") if U.number_of_edges() else 0.0
    cc = pd.DataFrame(co, index=nodes, columns=nodes)
    return CommunityResult(membership=membership, co_clustering=cc, runs=runs, n_partitions=len(distinct),
                           share_same=distinct[best] / max(runs, 1), modularity=float(mod))


def _count(n: int, singular: str, plural: str) -> str:
    """``"1 paar"``, ``"2 paren"``: a number with the Dutch singular or plural noun."""
    return f"{n} {singular if n == 1 else plural}"


def interpret(G: nx.MultiDiGraph, *, top: int = 3) -> str:
    """A plain-Dutch reading of the main measures of a graph (markdown), with the small-network caveat.

    Names the actors with the highest betweenness (overall and per type), the lowest constraint, the
    articulation points and bridges, the strongest system-lifeworld brokers and the isolated actors.
    """
    lines = [f"**Netwerk**: {_count(G.number_of_nodes(), 'actor', 'actoren')}, "
             f"{_count(G.number_of_edges(), 'relatie', 'relaties')} "
             f"(ronde {G.graph.get('ronde', '?')}).", ""]
    if G.number_of_edges() == 0:
        return "\n".join(lines + ["Er zijn geen relaties genoemd; er valt niets te analyseren."])
    cen = centrality(G)
    alle = cen[cen["type"] == "alle"].sort_values("tussenpositie", ascending=False)
    best = [r for _, r in alle.head(top).iterrows() if r["tussenpositie"] > 0]
    if best:
        names = "; ".join(f"{r['label']} ({r['tussenpositie']:.2f})" for r in best)
        lines.append(f"- **Makelaars/knelpunten** (hoogste tussenpositie over alle positieve relaties): {names}. "
                     "Via hen loopt veel; als zij wegvallen wordt het netwerk kwetsbaar.")
    for t in RELATION_TYPES:
        sub = cen[cen["type"] == t]
        if sub.empty or t == "conflict":
            continue
        top_deg = sub.sort_values(["graad", "label"], ascending=[False, True]).iloc[0]
        if top_deg["graad"] > 1:
            lines.append(f"- *{RELATION_LABELS[t]}*: **{top_deg['label']}** heeft de meeste relaties van dit "
                         f"type ({int(top_deg['graad'])}).")
    sh = structural_holes(G).dropna(subset=["beperking"])
    sh = sh[sh["graad"] >= 2].sort_values("beperking")
    if not sh.empty:
        names = "; ".join(f"{r['label']} ({r['beperking']:.2f})" for _, r in sh.head(top).iterrows())
        lines.append(f"- **Overbruggers van structurele gaten** (laagste beperking): {names}.")
    br = bridges(G)
    if not br.scharnierpunten.empty:
        names = "; ".join(br.scharnierpunten["label"])
        lines.append(f"- **Scharnierpunten**: {names}. Zonder hen valt het netwerk uiteen.")
    if not br.bruggen.empty:
        pairs = "; ".join(f"{r['van_label']} - {r['naar_label']}" for _, r in br.bruggen.head(5).iterrows())
        lines.append(f"- **Bruggen** (enige verbinding tussen delen): {pairs}.")
    bro = brokerage(G).sort_values("systeem_leef", ascending=False)
    bro = bro[bro["systeem_leef"] > 0]
    if not bro.empty:
        names = "; ".join(f"{r['label']} ({_count(int(r['systeem_leef_paren']), 'paar', 'paren')})"
                          for _, r in bro.head(top).iterrows())
        lines.append(f"- **Verbinders tussen {WORLD_LABELS['systeem']} en {WORLD_LABELS['leef']}**: {names}.")
    else:
        lines.append("- Niemand verbindt actoren uit de systeemwereld en de leefwereld die elkaar niet direct "
                     "kennen (of de wereld van actoren is niet ingevuld).")
    iso = isolates(G)
    if not iso.empty:
        lost = iso[~iso["alleen_conflict"]]
        if not lost.empty:
            lines.append(f"- **Geïsoleerd**: {'; '.join(lost['label'])}. Niemand noemt een relatie met hen.")
        conf = iso[iso["alleen_conflict"]]
        if not conf.empty:
            lines.append(f"- **Alleen conflictrelaties**: {'; '.join(conf['label'])}.")
    lines += ["", "*Let op*: dit is een waargenomen netwerk uit gesprekken met enkele informanten, met weinig "
                  "actoren. Gebruik de maten als aanleiding voor gesprek, niet als oordeel over personen of "
                  "organisaties."]
    return "\n".join(lines)
