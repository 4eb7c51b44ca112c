"""Several informants and several rounds: layers, consensus network, contested ties, differences between rounds.

For participatory action research the differences between informants' maps are data, not noise: a resident,
a police officer and a housing corporation see different networks. So the raw statements stay available
(per-informant layers), the consensus keeps only ties named by at least ``k`` informants, and a separate list
shows the contested ties.

Ties are compared per unordered pair of actors and relation type: informants often disagree on the direction
of a tie, so direction is resolved afterwards (see :func:`consensus_network`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .methods import _md_escape, krachtenveld, participation_gap, power_interest, reach_trust, salience
from .network import _empty_graph, build_graph, node_labels
from .vocab import POSITIVE_RELATION_TYPES, RELATION_LABELS

__all__ = ["informant_layers", "consensus_network", "contested_ties", "informant_agreement", "compare_rounds",
           "RoundComparison", "default_k", "ContestedTies", "CONTESTED_QUESTIONS"]

#: Reason of a contested tie -> a question to ask at the next wijktafel (Dutch).
CONTESTED_QUESTIONS: dict[str, str] = {
    "tegenstrijdig": "De een ziet een conflict, de ander niet: wat gebeurt er echt tussen hen?",
    "ontkend": "Bestaat deze relatie? Wie ziet haar wel, wie niet, en waarom?",
    "ander type": "Wat voor relatie is het eigenlijk?",
    "andere richting": "Wie gaat naar wie? Is het wederzijds?",
}


def informant_layers(sset, ronde: str | None = None, *, allow_names: bool = False) -> dict[str, nx.MultiDiGraph]:
    """One graph per informant of the round (their own map)."""
    ronde = sset.check_round(ronde)
    return {i: build_graph(sset, ronde, informant=i, allow_names=allow_names) for i in sset.informants_in(ronde)}


def default_k(n_informants: int) -> int:
    """Default consensus threshold: 2 informants, or 1 when the round has only one informant."""
    return max(1, min(2, n_informants))


def _statements(sset, ronde: str, allow_names: bool):
    """Group the round's statements by (unordered pair, type)."""
    ids = sset.public_ids(allow_names)
    named: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    denied: dict[tuple, set] = defaultdict(set)
    for r in sset.relations:
        if r.ronde != ronde:
            continue
        a, b = ids[r.bron], ids[r.doel]
        pair = tuple(sorted((a, b)))
        if r.bestaat:
            named[(pair, r.type)][r.informant].append((a, b, r.gericht, r.sterkte))
        else:
            denied[(pair, r.type)].add(r.informant)
    return named, denied


def _direction(statements: list[tuple]) -> tuple[str, str, bool, bool]:
    """Resolve (source, target, directed, mutual-because-of-disagreement) from several statements on one pair."""
    directed = {(a, b) for a, b, g, _ in statements if g}
    undirected = [s for s in statements if not s[2]]
    a0, b0 = sorted((statements[0][0], statements[0][1]))
    if not undirected and len(directed) == 1:
        a, b = next(iter(directed))
        return a, b, True, False
    return a0, b0, False, bool(directed) and (len(directed) > 1 or bool(undirected))


def consensus_network(sset, ronde: str | None = None, *, min_informants: int | None = None,
                      allow_names: bool = False) -> nx.MultiDiGraph:
    """Ties named by at least ``min_informants`` informants in a round, one edge per pair and type.

    Parameters
    ----------
    ronde : str, optional
        Default the latest round.
    min_informants : int, optional
        The threshold k; default :func:`default_k` (2, or 1 in a round with one informant).

    Returns
    -------
    networkx.MultiDiGraph
        Every actor is a node. Edge key = relation type. Attributes: ``type``, ``gericht`` (directed when all
        informants who gave a direction gave the same one and nobody called it mutual; otherwise mutual),
        ``richting_betwist`` (True when informants disagreed on the direction), ``sterkte`` (mean over informants
        of each informant's mean strength), ``steun`` (number of informants naming it), ``genoemd_door``,
        ``ontkend_door`` (informants who explicitly denied it).
    """
    ronde = sset.check_round(ronde)
    informants = sset.informants_in(ronde)
    k = default_k(len(informants)) if min_informants is None else int(min_informants)
    if k < 1:
        raise ValueError("min_informants moet minstens 1 zijn")
    named, denied = _statements(sset, ronde, allow_names)
    G = _empty_graph(sset, allow_names, ronde)
    G.graph.update(ronde=ronde, informanten=informants, soort="consensus", min_informanten=k)
    for (pair, typ), by_inf in sorted(named.items()):
        if len(by_inf) < k:
            continue
        all_st = [s for sts in by_inf.values() for s in sts]
        u, v, gericht, disputed = _direction(all_st)
        strength = sum(sum(s[3] for s in sts) / len(sts) for sts in by_inf.values()) / len(by_inf)
        G.add_edge(u, v, key=typ, type=typ, gericht=gericht, richting_betwist=disputed, sterkte=strength,
                   steun=len(by_inf), genoemd_door=tuple(sorted(by_inf)),
                   ontkend_door=tuple(sorted(denied.get((pair, typ), ()))), ronde=ronde)
    return G


class ContestedTies(pd.DataFrame):
    """The table of :func:`contested_ties`: a DataFrame with :meth:`summary_nl` for conversation starters.

    Filtering, sorting or copying keeps the type, so ``ties[ties["reden"] == "ontkend"].summary_nl()`` works.
    """

    @property
    def _constructor(self):
        return ContestedTies

    def summary_nl(self, *, roles: dict[str, str] | None = None, per: str = "reden") -> str:
        """Conversation starters: one markdown line per contested pair and reason, with a question to ask.

        Each line names the pair, the reason, the relation type as a Dutch phrase and who named it, who denied
        it and who named another type, followed by the question from :data:`CONTESTED_QUESTIONS`. When one pair
        is contested on several types for the same reason, the first (most serious) row is used.

        Parameters
        ----------
        roles : dict, optional
            Informant code -> role (for example from ``sset.informants_frame()``); informants are then shown as
            ``"I1 (bewoner)"``. Default: codes only.
        per : {"reden", "type"}
            ``"reden"`` (default): one line per pair and reason; ``"type"``: one line per row (pair, type).

        Returns
        -------
        str
            Markdown; ``"Geen betwiste relaties in deze ronde."`` when the table is empty.
        """
        need = ["actor_a", "actor_b", "label_a", "label_b", "type", "reden", "genoemd_door", "ontkend_door",
                "ander_type_door"]
        absent = [c for c in need if c not in self.columns]
        if absent:
            raise KeyError(f"kolom(men) ontbreken in de tabel met betwiste relaties: {', '.join(absent)}")
        if per not in ("reden", "type"):
            raise ValueError(f"per moet 'reden' of 'type' zijn, niet {per!r}")
        if self.empty:
            return "Geen betwiste relaties in deze ronde."
        roles = roles or {}

        def who(codes: str) -> str:
            return ", ".join(f"{c} ({roles[c]})" if roles.get(c) else c for c in str(codes).split(", ") if c)

        def other_types(text: str) -> str:
            parts = []
            for item in str(text).split("; "):
                inf, _, types = item.partition(": ")
                named = " / ".join(RELATION_LABELS.get(t, t) for t in types.split("/") if t)
                parts.append(f"{who(inf)}: {named}" if named else who(inf))
            return "; ".join(parts)

        keys = ["actor_a", "actor_b", "reden"] + (["type"] if per == "type" else [])
        lines = []
        for _, r in pd.DataFrame(self).drop_duplicates(keys).iterrows():
            text = f"*{RELATION_LABELS.get(r['type'], r['type'])}* volgens {who(r['genoemd_door']) or 'niemand'}"
            if r["ontkend_door"]:
                text += f"; ontkend door {who(r['ontkend_door'])}"
            if r["ander_type_door"]:
                text += f"; anders: {other_types(r['ander_type_door'])}"
            question = CONTESTED_QUESTIONS.get(r["reden"], "")
            pair = f"{_md_escape(str(r['label_a']))} – {_md_escape(str(r['label_b']))}"
            lines.append(f"- **{pair}** ({r['reden']}): {text}. {question}".rstrip())
        return "\n".join(lines)


def contested_ties(sset, ronde: str | None = None, *, allow_names: bool = False) -> ContestedTies:
    """Ties on which informants disagree, one row per (pair, type) with the reason.

    Reasons (``reden``), most serious first:

    * ``tegenstrijdig``: named as conflict by some and as a positive tie (cooperation, trust, ...) by others;
    * ``ontkend``: named by some, explicitly denied (``bestaat = nee``) by others;
    * ``ander type``: others name the same pair, but only with other relation types;
    * ``andere richting``: same type, but informants give opposite directions.

    Returns
    -------
    ContestedTies
        A DataFrame with ``ronde``, ``actor_a``, ``actor_b``, ``label_a``, ``label_b``, ``type``, ``reden``,
        ``alle_redenen``, ``genoemd_door``, ``ontkend_door``, ``ander_type_door`` (informant: types),
        ``niet_genoemd_door`` (active informants of the round who said nothing about the pair), ``steun`` (share
        of the round's informants naming it) and ``vraag`` (the question for the reason, see
        :data:`CONTESTED_QUESTIONS`). ``.summary_nl()`` turns it into conversation starters.
    """
    ronde = sset.check_round(ronde)
    informants = sset.informants_in(ronde)
    named, denied = _statements(sset, ronde, allow_names)
    labels = sset.labels(allow_names)
    ids = sset.public_ids(allow_names)
    label_of = {ids[k]: v for k, v in labels.items()}
    types_by_pair: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for (pair, typ), by_inf in named.items():
        for inf in by_inf:
            types_by_pair[pair][inf].add(typ)
    mentioned_pair: dict[tuple, set] = defaultdict(set)
    for (pair, _), infs in denied.items():
        mentioned_pair[pair] |= infs
    for pair, by_inf in types_by_pair.items():
        mentioned_pair[pair] |= set(by_inf)
    keys = set(named) | set(denied)
    rows = []
    order = {"tegenstrijdig": 0, "ontkend": 1, "ander type": 2, "andere richting": 3}
    for pair, typ in keys:
        namers = set(named.get((pair, typ), {}))
        deniers = denied.get((pair, typ), set())
        others = {i: sorted(ts) for i, ts in types_by_pair[pair].items() if i not in namers and typ not in ts}
        reasons = []
        if namers:
            other_types = {t for ts in others.values() for t in ts}
            if (typ == "conflict" and other_types & set(POSITIVE_RELATION_TYPES)) or (
                    typ != "conflict" and "conflict" in other_types):
                reasons.append("tegenstrijdig")
            if deniers:
                reasons.append("ontkend")
            if others and "tegenstrijdig" not in reasons:
                reasons.append("ander type")
            dirs = {(a, b) for sts in named[(pair, typ)].values() for a, b, g, _ in sts if g}
            if len(dirs) > 1:
                reasons.append("andere richting")
        if not reasons:
            continue
        rows.append({
            "ronde": ronde, "actor_a": pair[0], "actor_b": pair[1], "label_a": label_of[pair[0]],
            "label_b": label_of[pair[1]], "type": typ, "reden": reasons[0], "alle_redenen": ", ".join(reasons),
            "genoemd_door": ", ".join(sorted(namers)), "ontkend_door": ", ".join(sorted(deniers)),
            "ander_type_door": "; ".join(f"{i}: {'/'.join(ts)}" for i, ts in sorted(others.items())),
            "niet_genoemd_door": ", ".join(i for i in informants if i not in mentioned_pair[pair]),
            "steun": len(namers) / len(informants) if informants else float("nan"),
            "vraag": CONTESTED_QUESTIONS[reasons[0]],
        })
    cols = ["ronde", "actor_a", "actor_b", "label_a", "label_b", "type", "reden", "alle_redenen", "genoemd_door",
            "ontkend_door", "ander_type_door", "niet_genoemd_door", "steun", "vraag"]
    df = pd.DataFrame(rows, columns=cols)
    if not df.empty:
        df["_o"] = df["reden"].map(order)
        df = df.sort_values(["_o", "label_a", "label_b", "type"]).drop(columns="_o").reset_index(drop=True)
    return ContestedTies(df)


def informant_agreement(sset, ronde: str | None = None, *, allow_names: bool = False) -> pd.DataFrame:
    """Jaccard similarity of the informants' tie sets (pair, type) in a round: 1 = identical maps.

    Returns a symmetric informant x informant DataFrame.
    """
    ronde = sset.check_round(ronde)
    named, _ = _statements(sset, ronde, allow_names)
    sets: dict[str, set[tuple]] = {i: set() for i in sset.informants_in(ronde)}
    for key, by_inf in named.items():
        for i in by_inf:
            sets.setdefault(i, set()).add(key)
    inf = list(sets)
    data = [[(len(sets[a] & sets[b]) / len(sets[a] | sets[b])) if (sets[a] | sets[b]) else float("nan")
             for b in inf] for a in inf]
    return pd.DataFrame(data, index=inf, columns=inf)


#: Scores compared between rounds, with the Dutch word used in the summary.
COMPARED_SCORES: dict[str, str] = {"macht": "macht", "belang": "belang", "houding": "houding",
                                   "vertrouwen": "vertrouwen", "bereik": "bereik", "legitimiteit": "legitimiteit",
                                   "urgentie": "urgentie"}
#: Positions (derived classes) compared between rounds, with the Dutch name of the method.
COMPARED_POSITIONS: dict[str, str] = {"kwadrant": "het macht-belangrooster", "klasse": "de saliëntie",
                                      "krachtenveld": "het krachtenveld", "bereik_vertrouwen": "bereik x vertrouwen"}
#: A mean score that changes by at least this much counts as a change (keuze van wijklib: half a scale point,
#: so that one informant's single step among three informants is not reported as movement).
SCORE_STEP = 0.5


@dataclass
class RoundComparison:
    """Differences between two rounds.

    Attributes
    ----------
    ties : DataFrame
        One row per (pair, type) present in either consensus network: ``status`` nieuw, verdwenen, sterker,
        zwakker or gelijk, with strengths in both rounds.
    actors : DataFrame
        One row per actor present in either round: ``status`` (nieuw, verdwenen, gebleven), every score, the
        position in each method (quadrant, salience class, krachtenveld type, reach x trust type) and the rungs in
        both rounds, with change flags (``<x>_veranderd``) and score differences (``<score>_verschil``).
    score_step : float
        The smallest change in a mean score that counts (default :data:`SCORE_STEP`, keuze van wijklib).
    """

    van: str
    naar: str
    ties: pd.DataFrame
    actors: pd.DataFrame
    score_step: float = SCORE_STEP

    def new_ties(self) -> pd.DataFrame:
        return self.ties[self.ties["status"] == "nieuw"]

    def lost_ties(self) -> pd.DataFrame:
        return self.ties[self.ties["status"] == "verdwenen"]

    def new_actors(self) -> pd.DataFrame:
        return self.actors[self.actors["status"] == "nieuw"]

    def gone_actors(self) -> pd.DataFrame:
        return self.actors[self.actors["status"] == "verdwenen"]

    def moved(self) -> pd.DataFrame:
        """Actors that are new or gone, or whose position, scores or rungs changed.

        A change of position is a change of quadrant, salience class, krachtenveld type or reach x trust type;
        a score change is a change of at least ``score_step`` in power, interest, attitude, trust, reach,
        legitimacy or urgency; a rung change is a change of the current or target rung.
        """
        a = self.actors
        flags = [c for c in a.columns if c.endswith("_veranderd")]
        mask = a["status"].isin(["nieuw", "verdwenen"])
        for c in flags:
            mask = mask | a[c].astype(bool)
        return a[mask]

    def changes(self) -> list[str]:
        """Every change as one Dutch sentence (actors first, then ties)."""
        lines: list[str] = []
        v, n = self.van, self.naar
        for _, r in self.actors.iterrows():
            if r["status"] == "nieuw":
                lines.append(f"{r['label']}: nieuw in ronde {n} (in ronde {v} niet genoemd of beoordeeld)")
                continue
            if r["status"] == "verdwenen":
                lines.append(f"{r['label']}: verdwenen in ronde {n} (niet meer genoemd of beoordeeld)")
                continue
            for col, method in COMPARED_POSITIONS.items():
                if r[f"{col}_veranderd"]:
                    lines.append(f"{r['label']}: in {method} van {r[f'{col}_{v}'] or '?'} naar "
                                 f"{r[f'{col}_{n}'] or '?'}")
            for col, word in COMPARED_SCORES.items():
                if r[f"{col}_veranderd"]:
                    diff = r[f"{col}_verschil"]
                    lines.append(f"{r['label']}: {word} {'gestegen' if diff > 0 else 'gedaald'} van "
                                 f"{_num(r[f'{col}_{v}'])} naar {_num(r[f'{col}_{n}'])}")
            for col, word in (("trede_huidig", "huidige participatietrede"), ("trede_doel", "gewenste trede")):
                if r[f"{col}_veranderd"]:
                    lines.append(f"{r['label']}: {word} van {_rung(r[f'{col}_{v}'])} naar {_rung(r[f'{col}_{n}'])}")
        for _, r in self.ties.iterrows():
            if r["status"] == "gelijk":
                continue
            word = {"nieuw": "nieuwe relatie", "verdwenen": "verdwenen relatie", "sterker": "sterkere relatie",
                    "zwakker": "zwakkere relatie"}[r["status"]]
            lines.append(f"{word}: {r['label_a']} - {r['label_b']} ({r['type']})")
        return lines

    def summary_nl(self) -> str:
        """Dutch text reporting every change between the rounds (actors, positions, scores, rungs, ties)."""
        n_new, n_lost = len(self.new_ties()), len(self.lost_ties())
        lines = [f"**Van ronde {self.van} naar {self.naar}**: {n_new} nieuwe en {n_lost} verdwenen relaties; "
                 f"{len(self.new_actors())} nieuwe en {len(self.gone_actors())} verdwenen actoren; "
                 f"{len(self.moved())} actoren met een verandering. Een gemiddelde score telt als veranderd vanaf "
                 f"{_num(self.score_step)} punt verschil (keuze van wijklib)."]
        lines += [f"- {_md_escape(t)}" for t in self.changes()]
        return "\n".join(lines)


def _num(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "?"
    return f"{float(v):.1f}".replace(".", ",").replace(",0", "")


def _rung(v) -> str:
    from .vocab import RUNG_NAMES

    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "?"
    return f"{int(v)} ({RUNG_NAMES.get(int(v), '?')})"


def _fmt(v) -> str:
    return "?" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(int(v))


def _tie_table(G: nx.MultiDiGraph) -> dict[tuple, dict]:
    out = {}
    for u, v, d in G.edges(data=True):
        out[(tuple(sorted((u, v))), d["type"])] = d
    return out


def compare_rounds(sset, van: str, naar: str, *, min_informants: int | None = None, allow_names: bool = False,
                   cut: float = 3.0, strength_step: float = 0.5, score_step: float = SCORE_STEP) -> RoundComparison:
    """Compare two rounds: actors new or gone, every change of position, score and rung, and ties gained or lost.

    Parameters
    ----------
    van, naar : str
        Round ids (earlier, later).
    min_informants : int, optional
        Consensus threshold per round (default :func:`default_k` of each round).
    strength_step : float
        A change in mean strength of at least this much is ``sterker``/``zwakker``.
    score_step : float
        A change in a mean score of at least this much is reported (default :data:`SCORE_STEP`).
    """
    van, naar = sset.check_round(van), sset.check_round(naar)
    g1 = consensus_network(sset, van, min_informants=min_informants, allow_names=allow_names)
    g2 = consensus_network(sset, naar, min_informants=min_informants, allow_names=allow_names)
    labels = node_labels(g1)
    t1, t2 = _tie_table(g1), _tie_table(g2)
    rows = []
    for key in sorted(set(t1) | set(t2)):
        (a, b), typ = key
        s1 = t1[key]["sterkte"] if key in t1 else float("nan")
        s2 = t2[key]["sterkte"] if key in t2 else float("nan")
        if key not in t1:
            status = "nieuw"
        elif key not in t2:
            status = "verdwenen"
        elif s2 - s1 >= strength_step:
            status = "sterker"
        elif s1 - s2 >= strength_step:
            status = "zwakker"
        else:
            status = "gelijk"
        rows.append({"actor_a": a, "actor_b": b, "label_a": labels[a], "label_b": labels[b], "type": typ,
                     "status": status, f"sterkte_{van}": s1, f"sterkte_{naar}": s2})
    ties = pd.DataFrame(rows, columns=["actor_a", "actor_b", "label_a", "label_b", "type", "status",
                                       f"sterkte_{van}", f"sterkte_{naar}"])

    per_round = {}
    for r in (van, naar):
        sc = sset.scores(r, allow_names=allow_names)
        pi = power_interest(sc, cut=cut)
        sal = salience(sc, cut=cut)
        kv = krachtenveld(sc, cut=cut)
        rt = reach_trust(sc, trust_cut=cut)
        pg = participation_gap(sc)
        frame = pd.DataFrame({"label": sc["label"], "kwadrant": pi["kwadrant_naam"], "klasse": sal["klasse"],
                              "krachtenveld": kv["type"], "bereik_vertrouwen": rt["type"],
                              "trede_huidig": pg["trede_huidig"], "trede_doel": pg["trede_doel"]})
        for col in COMPARED_SCORES:
            frame[col] = sc[col]
        per_round[r] = frame
    ids = sset.public_ids(allow_names)
    present = {r: {ids[a] for a in sset.present_in(r)} for r in (van, naar)}
    order = [ids[a.actor_id] for a in sset.actors]
    index = [i for i in order if i in present[van] or i in present[naar]
             or i in per_round[van].index or i in per_round[naar].index]
    act = pd.DataFrame(index=pd.Index(index, name="actor_id"))
    act["label"] = [labels.get(i, i) for i in index]
    act["status"] = ["nieuw" if i not in present[van] else "verdwenen" if i not in present[naar] else "gebleven"
                     for i in index]
    cols = [*COMPARED_SCORES, *COMPARED_POSITIONS, "trede_huidig", "trede_doel"]
    for r in (van, naar):
        df = per_round[r].reindex(index)
        for col in cols:
            act[f"{col}_{r}"] = df[col]

    def changed(col: str) -> pd.Series:
        a, b = act[f"{col}_{van}"], act[f"{col}_{naar}"]
        return (a.notna() & b.notna() & (a.astype(object) != b.astype(object))).astype(bool)

    for col in COMPARED_POSITIONS:
        act[f"{col}_veranderd"] = changed(col)
    act["trede_veranderd"] = changed("trede_huidig")
    act["trede_huidig_veranderd"] = act["trede_veranderd"]
    act["trede_doel_veranderd"] = changed("trede_doel")
    for col in COMPARED_SCORES:
        diff = pd.to_numeric(act[f"{col}_{naar}"]) - pd.to_numeric(act[f"{col}_{van}"])
        act[f"{col}_verschil"] = diff
        act[f"{col}_veranderd"] = (diff.abs() >= score_step - 1e-9).fillna(False).astype(bool)
    still = act["status"] == "gebleven"
    for c in [c for c in act.columns if c.endswith("_veranderd")]:
        act[c] = act[c] & still
    return RoundComparison(van=van, naar=naar, ties=ties, actors=act, score_step=score_step)
