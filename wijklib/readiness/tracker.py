"""Process tracker per area: the phases and steps of the Praktijkhandboek and of the Handreiking, with gates.

Two tracks (*sporen*) are followed side by side, both built from the catalogue:

* ``praktijkhandboek`` - the five phases and 21 steps of the *Praktijkhandboek wijkaanpak* (003) with their
  checklists. Step 4.6 is the **go/no-go** decision (*wel of geen wijkaanpak?*): the steps of phases 2-5 can only
  be marked done after a *go*. The decision needs the first three questions of checklist 4.6 answered.
* ``handreiking`` - the four phases and 12 steps of the *Handreiking weerbare gemeenschappen* (004). The
  **beslismoment** after step 4 has three outcomes (door naar stap 5 / eerst randvoorwaarden op orde /
  (nog) niet passend); steps 5-12 can only be marked done after *door*. *Door* needs the three critical questions
  of step 4 answered *ja*. That is wijklib's rule (keuze van wijklib): the Handreiking only says to go on when the
  preconditions are in order and gives no scoring rule.

003 at work
-----------
* **Bewonersbetrokkenheid A-E** (Praktijkhandboek §6.2, kader over de participatiestructuur in de NPLV-gebieden):
  per step the team records which variant of resident involvement applied, who decided and what was decided
  (:meth:`ProcessTracker.assess_involvement`, :meth:`ProcessTracker.involvement_table`).
* **De tien succesfactoren** (§2.6) are assessed at the go/no-go (:meth:`ProcessTracker.rate_success_factor`);
  a *no go* names the alternatives of 003 it chooses instead (§3.1 figuur 3.1, §4.6: the five *nogo_optie*
  entries), shown with the decision. Linking the success factors to the go/no-go is wijklib's choice.
* **Monitoring en evaluatie** (§6.4) in the *Herijken* phase: :func:`monitoring_table` puts a baseline year next
  to the latest year per indicator and area, from the same counted (and told) tables as the urgency analysis;
  :func:`me_components` lists the six M&E components with the tables that serve them.

Every decision is recorded with its date, outcome, who decided (a body or role) and at least one reason, and
decisions are kept as a history: a later decision (for example a no-go when recalibrating) does not invalidate
steps completed earlier. The rule is: a step after the gate may be *klaar* only if, on its completion date, the
latest decision opened the gate. The rule is checked when a step is set and again when a file is loaded, so a
hand-edited file cannot slip past the gate.

Storage: one YAML file per area (e.g. ``WK990102.yaml``) with only the steps that have information, written
atomically, so a team can keep the files in a shared folder.

Three gates, one story
----------------------
wijklib knows three "gates"; they answer different questions and are meant to agree (:func:`gates_overview`,
:func:`gate_conflicts`):

* the **quickscan gate** (:mod:`wijklib.readiness.quickscan`, wijklib's rule on the Leerkring's 12 preconditions):
  a measurement, not a decision - are the preconditions strong enough to start *choosing interventions*?
* the **go/no-go** of the Praktijkhandboek (step 4.6): a decision whether to start a multi-year integral approach at
  all. A *go* opens phase 2 (*opstarten*: alliance, shared vision, contract, financing), which is where most of
  the Leerkring's coalition preconditions are built; interventions come in phases 3-4. A *go* next to a closed
  quickscan gate is therefore normal: the weak preconditions are the work list of phase 2.
* the **beslismoment** of the Handreiking (after step 4): a decision whether the three critical preconditions
  (support of administrators, people and means, room for citizens' input) are in place to start working with the
  community. It overlaps most with the quickscan; :data:`HR_CRITERIA_RANDVOORWAARDEN` links each of its
  questions to the Leerkring preconditions that measure the same thing (wijklib's reading; PROPOSAL). A *door*
  while the quickscan puts one of those preconditions first is a contradiction to discuss.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from wijklib.errors import InputError

from ._files import atomic_write_yaml, cell_text, is_empty, parse_date, read_yaml

__all__ = ["STATUSSEN", "ANTWOORDEN", "SPOREN", "SPOREN_KORT", "UITKOMSTEN_KORT", "HR_CRITERIA_RANDVOORWAARDEN",
           "StepDef", "GateDef", "Track", "tracks", "ProcessTracker", "GateError", "plot_progress", "folder_overview",
           "gates_overview", "gate_conflicts", "BETROKKENHEID", "succesfactoren", "nogo_opties", "me_components",
           "monitoring_table", "involvement_overview"]

#: Step statuses (id -> Dutch explanation).
STATUSSEN: dict[str, str] = {"open": "nog niet begonnen", "bezig": "loopt", "klaar": "afgerond",
                             "nvt": "niet van toepassing in dit gebied"}
#: Answers to checklist items.
ANTWOORDEN: dict[str, str] = {"open": "nog niet besproken", "ja": "ja / geregeld", "deels": "deels",
                              "nee": "nee / ontbreekt", "nvt": "niet van toepassing"}
#: The two tracks (id -> Dutch name).
SPOREN: dict[str, str] = {"praktijkhandboek": "Praktijkhandboek wijkaanpak (5 fasen)",
                          "handreiking": "Handreiking weerbare gemeenschappen (12 stappen)"}
#: Short names of the tracks, for tables and charts.
SPOREN_KORT: dict[str, str] = {"praktijkhandboek": "Praktijkhandboek", "handreiking": "Handreiking"}
#: Short Dutch names of the decision outcomes (the codes are what the YAML file stores).
UITKOMSTEN_KORT: dict[str, str] = {"go": "go", "no_go": "no-go", "door": "door naar stap 5",
                                   "eerst_op_orde": "eerst randvoorwaarden op orde",
                                   "niet_passend": "(nog) niet passend"}
#: The three critical questions of the Handreiking's beslismoment -> the Leerkring preconditions of the quickscan
#: that measure the same thing (wijklib's crosswalk, PROPOSAL; Handreiking stap 4, Leerkring randvoorwaarden).
HR_CRITERIA_RANDVOORWAARDEN: dict[str, tuple[str, ...]] = {
    "hr.cl.04_0.i01": ("lk.rv.bestuurskracht",),
    "hr.cl.04_0.i02": ("lk.rv.langdurige_aanpak", "lk.rv.juiste_professional"),
    "hr.cl.04_0.i03": ("lk.rv.cultuuromslag", "lk.rv.lokale_kracht"),
}


class GateError(InputError):
    """A step after a gate was marked done while the gate is not open (or a decision does not meet its rule)."""


@dataclass(frozen=True)
class StepDef:
    """A step of a track, from the catalogue."""

    id: str
    nummer: str
    naam: str
    fase: str
    fase_naam: str
    fase_nummer: int
    volgorde: int
    na_poort: bool
    items: tuple[tuple[str, str, str, str | None, bool], ...]
    # (item id, checklist name, item text, condition ('no_go' or None), in-depth tip list (not counted))


@dataclass(frozen=True)
class GateDef:
    """The decision gate of a track."""

    id: str
    naam: str
    stap: str | None                         # the step the decision belongs to (Praktijkhandboek 4.6)
    uitkomsten: Mapping[str, tuple[str, bool, bool]]   # code -> (label, opens gate, stops track)
    criteria: tuple[str, ...]                # checklist items that must be answered before deciding
    alle_ja_voor: tuple[str, ...]            # outcomes that need every criterion answered 'ja'
    uitleg: str


@dataclass(frozen=True)
class Track:
    """A track: its phases, steps and gate."""

    id: str
    naam: str
    fasen: tuple[tuple[str, int, str], ...]   # (phase id, number, name)
    stappen: tuple[StepDef, ...]
    poort: GateDef

    def step(self, step_id: str) -> StepDef:
        for s in self.stappen:
            if s.id == step_id:
                return s
        raise KeyError(step_id)


def _catalogue(cat=None):
    if cat is None:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    return cat


def _praktijkhandboek(cat) -> Track:
    phases, steps = [], []
    gate_step = None
    for f in cat.by_kind("wijkaanpak_fase"):
        phases.append((f.id, f.attr("nummer"), f.name_nl))
        for s in cat.children(f.id, "wijkaanpak_stap"):
            items = tuple((q.id, cl.name_nl, q.description_nl, q.attr("voorwaarde"), False)
                          for cl in cat.children(s.id, "checklist") for q in cat.children(cl.id, "checklistvraag"))
            steps.append([s.id, str(s.attr("nummer")), s.name_nl, f.id, f.name_nl, f.attr("nummer"), items])
            if s.attr("is_besluit"):
                gate_step = s.id
    if gate_step is None:
        raise InputError("catalogus 003 heeft geen stap met is_besluit: true (go/no-go)")
    order = [s[0] for s in steps]
    gate_pos = order.index(gate_step)
    defs = tuple(StepDef(id=s[0], nummer=s[1], naam=s[2], fase=s[3], fase_naam=s[4], fase_nummer=s[5],
                         volgorde=i + 1, na_poort=i > gate_pos, items=s[6]) for i, s in enumerate(steps))
    gate = cat.get(gate_step)
    criteria = tuple(q.id for cl in cat.children(gate_step, "checklist") for q in cat.children(cl.id, "checklistvraag")
                     if q.attr("voorwaarde") is None)
    gate_def = GateDef(
        id=gate_step, naam=f"Go/no-go (stap {gate.attr('nummer')})", stap=gate_step,
        uitkomsten={"go": ("Go: start van een meerjarige integrale wijkaanpak", True, False),
                    "no_go": ("No go: geen integrale wijkaanpak; kies een alternatief om afglijden te voorkomen",
                              False, True)},
        criteria=criteria, alle_ja_voor=(),
        uitleg="Na een go kunnen de stappen van opstarten, ontwerpen, uitvoeren en herijken worden afgerond. "
               "Voor het besluit moeten de eerste drie vragen van de go/no-go-checklist besproken zijn; bij een no-go "
               "horen ook de twee no-go-vragen (afglijden voorkomen, vinger aan de pols) beantwoord te worden.")
    return Track("praktijkhandboek", SPOREN["praktijkhandboek"], tuple(phases), defs, gate_def)


def _handreiking(cat) -> Track:
    phases, steps = [], []
    for f in cat.by_kind("handreiking_fase"):
        phases.append((f.id, f.attr("nummer"), f.name_nl))
        for s in cat.children(f.id, "handreiking_stap"):
            items = tuple((q.id, cl.name_nl, q.description_nl, None, bool(cl.attr("verdiepend", False)))
                          for cl in cat.children(s.id, "handreiking_checklist")
                          for q in cat.children(cl.id, "handreiking_checklistitem"))
            steps.append([s.id, str(s.attr("nummer")), s.name_nl, f.id, f.name_nl, f.attr("nummer"), items])
    moments = cat.by_kind("beslismoment")
    if not moments:
        raise InputError("catalogus 004 heeft geen beslismoment")
    bm = moments[0]
    first_after = int(bm.attr("voor_stap"))
    defs = tuple(StepDef(id=s[0], nummer=s[1], naam=s[2], fase=s[3], fase_naam=s[4], fase_nummer=s[5],
                         volgorde=i + 1, na_poort=int(s[1]) >= first_after, items=s[6]) for i, s in enumerate(steps))
    outcomes = {}
    for o in cat.children(bm.id, "beslisuitkomst"):
        code = o.id.rsplit(".", 1)[-1]
        outcomes[code] = (o.name_nl, o.attr("vervolg") == "door", o.attr("vervolg") == "stoppen")
    criteria = tuple(t.id for t in cat.targets(bm.id, "criterium"))
    gate_def = GateDef(
        id=bm.id, naam=f"Beslismoment (na stap {bm.attr('na_stap')})", stap=None, uitkomsten=outcomes,
        criteria=criteria, alle_ja_voor=tuple(c for c, v in outcomes.items() if v[1]),
        uitleg="Na 'door naar stap 5' kunnen stap 5 tot en met 12 worden afgerond. De Handreiking zegt: door als de "
               "randvoorwaarden op orde zijn, zonder scoringsregel. wijklib vraagt daarvoor dat de drie kritische "
               "vragen van stap 4 (draagvlak bij bestuurders, menskracht en middelen, ruimte voor inbreng van "
               "burgers) met 'ja' zijn beantwoord (keuze van wijklib). Bij 'eerst randvoorwaarden op orde' blijft stap 5 dicht en "
               "volgt later een nieuw besluit; bij '(nog) niet passend' stopt het traject.")
    return Track("handreiking", SPOREN["handreiking"], tuple(phases), defs, gate_def)


def tracks(cat=None) -> dict[str, Track]:
    """The two tracks built from the catalogue (``praktijkhandboek`` and ``handreiking``)."""
    cat = _catalogue(cat)
    return {"praktijkhandboek": _praktijkhandboek(cat), "handreiking": _handreiking(cat)}


@dataclass
class _StepState:
    status: str = "open"
    gestart: dt.date | None = None
    afgerond: dt.date | None = None
    notities: str = ""
    checklist: dict[str, dict[str, str]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return self.status == "open" and not self.gestart and not self.afgerond and not self.notities \
            and not self.checklist


@dataclass(frozen=True)
class Decision:
    """A recorded gate decision (``alternatieven``: the no-go options of 003 chosen instead, ``ph.ng.*``)."""

    uitkomst: str
    datum: dt.date
    redenen: tuple[str, ...]
    besloten_door: str = ""
    alternatieven: tuple[str, ...] = ()


#: The resident-involvement variants A-E of the Praktijkhandboek (§6.2), letter -> catalogue id.
BETROKKENHEID: dict[str, str] = {"A": "ph.bv.a", "B": "ph.bv.b", "C": "ph.bv.c", "D": "ph.bv.d", "E": "ph.bv.e"}


@dataclass(frozen=True)
class Involvement:
    """Resident involvement (variant A-E) in one step: who decided what."""

    stap: str
    variant: str
    besloten_door: str
    wat: str
    datum: dt.date | None = None


def succesfactoren(cat=None) -> list:
    """The ten success factors of the Praktijkhandboek (§2.6), in order."""
    return sorted(_catalogue(cat).by_kind("succesfactor"), key=lambda e: e.order)


def nogo_opties(cat=None) -> list:
    """The five alternatives to an integral approach after a no-go (Praktijkhandboek §3.1, §4.6)."""
    return sorted(_catalogue(cat).by_kind("nogo_optie"), key=lambda e: e.order)


def _date(value: Any, veld: str) -> dt.date | None:
    if is_empty(value):
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{veld}: {exc}") from None


class ProcessTracker:
    """The process of one area on both tracks, stored as one YAML file.

    Create with :meth:`new` or :meth:`load`; change with :meth:`set_step`, :meth:`answer` and :meth:`decide`;
    write with :meth:`save`. Every change is validated at once (errors in Dutch); gate violations raise
    :class:`GateError`.
    """

    def __init__(self, gebied_code: str, gebied_naam: str = "", gemeente: str = "", *,
                 sporen: Iterable[str] = ("praktijkhandboek", "handreiking"), cat=None, path: str | Path | None = None):
        self.cat = _catalogue(cat)
        all_tracks = tracks(self.cat)
        self.sporen = tuple(sporen)
        for s in self.sporen:
            if s not in all_tracks:
                raise InputError(f"onbekend spoor {s!r}; kies uit: {', '.join(all_tracks)}", column="sporen")
        self.tracks = {s: all_tracks[s] for s in self.sporen}
        self.gebied = {"code": gebied_code, "naam": gebied_naam, "gemeente": gemeente}
        self.path = Path(path) if path else None
        self._steps: dict[str, _StepState] = {}
        self._decisions: dict[str, list[Decision]] = {s: [] for s in self.sporen}
        self._step_track = {st.id: t.id for t in self.tracks.values() for st in t.stappen}
        self._item_step = {item[0]: st.id for t in self.tracks.values() for st in t.stappen for item in st.items}
        self._involvement: list[Involvement] = []
        self._success: dict[str, dict[str, str]] = {}

    # -- construction -----------------------------------------------------------------------------------------
    @classmethod
    def new(cls, gebied_code: str, gebied_naam: str = "", gemeente: str = "", **kwargs) -> "ProcessTracker":
        """An empty tracker for an area."""
        return cls(gebied_code, gebied_naam, gemeente, **kwargs)

    @classmethod
    def load(cls, path: str | Path, *, cat=None) -> "ProcessTracker":
        """Read and validate a tracker file (structure, ids, dates, decisions and the gate rule)."""
        path = Path(path)
        data = read_yaml(path, what="procesmonitor")
        if not isinstance(data, dict):
            raise InputError("verwacht een mapping met 'gebied' en 'sporen'", file=path)
        allowed = ("gebied", "sporen", "bijgewerkt", "bewonersbetrokkenheid", "succesfactoren")
        unknown = [k for k in data if k not in allowed]
        if unknown:
            raise InputError(f"onbekend veld {unknown[0]!r}; toegestaan: {', '.join(allowed)}", file=path,
                             column=unknown[0])
        area = data.get("gebied") or {}
        if not isinstance(area, dict) or is_empty(area.get("code")):
            raise InputError("'gebied' moet een mapping zijn met minstens 'code' (bv. WK990102)", file=path,
                             column="gebied.code")
        raw_tracks = data.get("sporen") or {}
        if not isinstance(raw_tracks, dict):
            raise InputError("'sporen' moet een mapping zijn: spoor -> stappen en besluiten", file=path, column="sporen")
        tracker = cls(cell_text(area["code"]), cell_text(area.get("naam") or ""), cell_text(area.get("gemeente") or ""),
                      sporen=list(raw_tracks) or ("praktijkhandboek", "handreiking"), cat=cat, path=path)
        # order matters: checklist answers, then decisions (which check the criteria), then statuses (gate rule)
        statuses = []
        for tid, raw in raw_tracks.items():
            where = f"sporen.{tid}"
            raw = raw or {}
            extra = [k for k in raw if k not in ("stappen", "besluiten")]
            if extra:
                raise InputError(f"onbekend veld {extra[0]!r}; per spoor alleen 'stappen' en 'besluiten'", file=path,
                                 column=f"{where}.{extra[0]}")
            for sid, srec in (raw.get("stappen") or {}).items():
                col = f"{where}.stappen.{sid}"
                if sid not in tracker._step_track or tracker._step_track[sid] != tid:
                    raise InputError(f"onbekende stap {sid!r} in spoor {tid!r}", file=path, column=col)
                srec = srec or {}
                _refuse_unknown_keys(srec, ("status", "gestart", "afgerond", "notities", "checklist"), path, col)
                for iid, irec in (srec.get("checklist") or {}).items():
                    irec = irec if isinstance(irec, dict) else {"antwoord": irec}
                    try:
                        tracker.answer(iid, irec.get("antwoord", "open"), notitie=irec.get("notitie") or "",
                                       _step=sid)
                    except InputError as exc:
                        raise InputError(exc.message, file=path, column=f"{col}.checklist.{iid}") from None
                statuses.append((sid, srec, col))
            raw_decisions = raw.get("besluiten") or []
            if not isinstance(raw_decisions, list):
                raise InputError("'besluiten' moet een lijst zijn", file=path, column=f"{where}.besluiten")
            for n, drec in enumerate(raw_decisions, start=1):
                col = f"{where}.besluiten[{n}]"
                if not isinstance(drec, dict):
                    raise InputError("een besluit is een mapping met uitkomst, datum en redenen", file=path,
                                     column=col)
                _refuse_unknown_keys(drec, ("uitkomst", "datum", "redenen", "besloten_door", "alternatieven"), path,
                                     col)
                try:
                    # the criteria are checked for the decision that governs now (the latest); earlier decisions
                    # are history and may have been taken when the answers were different
                    tracker.decide(tid, drec.get("uitkomst"), datum=drec.get("datum"), redenen=drec.get("redenen"),
                                   besloten_door=drec.get("besloten_door") or "",
                                   alternatieven=drec.get("alternatieven"),
                                   _check_criteria=n == len(raw_decisions))
                except InputError as exc:
                    raise type(exc)(exc.message, file=path, column=col) from None
        for sid, srec, col in statuses:
            try:
                tracker.set_step(sid, status=srec.get("status", "open"), gestart=srec.get("gestart"),
                                 afgerond=srec.get("afgerond"), notities=srec.get("notities"), _default_today=False)
            except InputError as exc:
                raise type(exc)(exc.message, file=path, column=col) from None
        raw_inv = data.get("bewonersbetrokkenheid") or []
        if not isinstance(raw_inv, list):
            raise InputError("'bewonersbetrokkenheid' moet een lijst zijn (stap, variant, besloten_door, wat, datum)",
                             file=path, column="bewonersbetrokkenheid")
        for n, rec in enumerate(raw_inv, start=1):
            col = f"bewonersbetrokkenheid[{n}]"
            if not isinstance(rec, dict):
                raise InputError("verwacht een mapping met stap, variant, besloten_door, wat en datum", file=path,
                                 column=col)
            _refuse_unknown_keys(rec, ("stap", "variant", "besloten_door", "wat", "datum"), path, col)
            try:
                tracker.assess_involvement(rec.get("stap"), rec.get("variant"), besloten_door=rec.get("besloten_door"),
                                           wat=rec.get("wat"), datum=rec.get("datum"))
            except InputError as exc:
                raise InputError(exc.message, file=path, column=col) from None
        raw_sf = data.get("succesfactoren") or {}
        if not isinstance(raw_sf, dict):
            raise InputError("'succesfactoren' moet een mapping zijn: id -> antwoord (en notitie)", file=path,
                             column="succesfactoren")
        for sid, rec in raw_sf.items():
            rec = rec if isinstance(rec, dict) else {"antwoord": rec}
            try:
                tracker.rate_success_factor(sid, rec.get("antwoord", "open"), notitie=rec.get("notitie") or "")
            except InputError as exc:
                raise InputError(exc.message, file=path, column=f"succesfactoren.{sid}") from None
        return tracker

    # -- lookups ------------------------------------------------------------------------------------------------
    def step_id(self, spoor: str, nummer: str | int) -> str:
        """The step id for a step number within a track: ``("praktijkhandboek", "4.6")`` -> ``ph.stap.4_6``."""
        for st in self._track(spoor).stappen:
            if st.nummer == str(nummer):
                return st.id
        raise InputError(f"spoor {spoor!r} heeft geen stap {str(nummer)!r}")

    def _track(self, spoor: str) -> Track:
        if spoor not in self.tracks:
            raise InputError(f"onbekend spoor {spoor!r}; deze monitor volgt: {', '.join(self.tracks)}")
        return self.tracks[spoor]

    def _stepdef(self, step_id: str) -> tuple[Track, StepDef]:
        if step_id not in self._step_track:
            raise InputError(f"onbekende stap {step_id!r}; gebruik een id als ph.stap.4_1 of hr.stap.s05 "
                             "(of step_id(spoor, nummer))")
        track = self.tracks[self._step_track[step_id]]
        return track, track.step(step_id)

    def _state(self, step_id: str) -> _StepState:
        return self._steps.setdefault(step_id, _StepState())

    # -- gate ---------------------------------------------------------------------------------------------------
    def decisions(self, spoor: str) -> list[Decision]:
        """The decisions of a track, oldest first."""
        return list(self._decisions[self._track(spoor).id])

    def gate_open(self, spoor: str, op: dt.date | None = None) -> bool:
        """Whether the gate of a track is open (on date ``op``; default: the latest decision)."""
        track = self._track(spoor)
        decisions = [d for d in self._decisions[track.id] if op is None or d.datum <= op]
        return bool(decisions) and track.poort.uitkomsten[decisions[-1].uitkomst][1]

    def decide(self, spoor: str, uitkomst: str | None, *, datum: Any = None, redenen: Iterable[str] | str | None = None,
               besloten_door: str = "", alternatieven: Iterable[str] | str | None = None,
               _check_criteria: bool = True) -> Decision:
        """Record a gate decision.

        Parameters
        ----------
        spoor : str
        uitkomst : str
            Praktijkhandboek: ``go`` or ``no_go``. Handreiking: ``door``, ``eerst_op_orde`` or ``niet_passend``.
        datum : date or str, optional
            Default today; must not lie before the previous decision of the track.
        redenen : list of str
            At least one reason (why this outcome), in the words of the team.
        besloten_door : str
            The body or role that decided (e.g. ``stuurgroep``), never a person's name.
        alternatieven : list of str, optional
            Only with a *no go* of the Praktijkhandboek: the alternatives of 003 chosen instead (``ph.ng.*`` ids or
            their Dutch names, see :func:`nogo_opties`).

        Raises
        ------
        GateError
            Unknown outcome, no reasons, criteria not answered, or *door* without every criterion answered *ja*.
        """
        track = self._track(spoor)
        gate = track.poort
        code = cell_text(uitkomst).lower().replace("-", "_").replace(" ", "_") if not is_empty(uitkomst) else ""
        code = {"nogo": "no_go", "door_naar_stap_5": "door"}.get(code, code)
        if code not in gate.uitkomsten:
            raise GateError(f"onbekende uitkomst {uitkomst!r} voor {gate.naam}; kies uit: "
                            f"{', '.join(gate.uitkomsten)}")
        if isinstance(redenen, str):
            redenen = [redenen]
        reasons = tuple(cell_text(r) for r in (redenen or []) if not is_empty(r))
        if not reasons:
            raise GateError(f"een besluit bij {gate.naam} vraagt minstens één reden (waarom '{code}'?)")
        day = _date(datum, "datum") or dt.date.today()
        previous = self._decisions[track.id]
        if previous and day < previous[-1].datum:
            raise GateError(f"besluitdatum {day} ligt voor het vorige besluit ({previous[-1].datum}); leg besluiten "
                            "in volgorde vast")
        open_items = [c for c in gate.criteria if self.answer_of(c) == "open"] if _check_criteria else []
        if open_items:
            texts = "; ".join(self._item_text(c) for c in open_items)
            raise GateError(f"{gate.naam}: beantwoord eerst de toetsvragen ({texts})")
        if code in gate.alle_ja_voor and _check_criteria:
            not_yes = [c for c in gate.criteria if self.answer_of(c) != "ja"]
            if not_yes:
                texts = "; ".join(f"{self._item_text(c)} = {self.answer_of(c)}" for c in not_yes)
                raise GateError(f"uitkomst '{code}' kan alleen als alle toetsvragen 'ja' zijn (keuze van wijklib); "
                                f"nu niet: {texts}")
        alts = self._alternatives(alternatieven)
        if alts and code != "no_go":
            raise GateError("alternatieven (na een no-go, Praktijkhandboek §4.6) horen alleen bij uitkomst 'no_go'")
        decision = Decision(code, day, reasons, cell_text(besloten_door or ""), alts)
        previous.append(decision)
        return decision

    def _item_text(self, item_id: str) -> str:
        e = self.cat.get(item_id)
        return e.name_nl

    def _alternatives(self, values: Iterable[str] | str | None) -> tuple[str, ...]:
        if values is None or (not isinstance(values, (list, tuple)) and is_empty(values)):
            return ()
        values = [values] if isinstance(values, str) else list(values)
        options = {e.id: e for e in nogo_opties(self.cat)}
        by_name = {e.name_nl.lower(): e.id for e in options.values()}
        out = []
        for v in values:
            key = cell_text(v)
            key = key if key in options else by_name.get(key.lower(), key)
            if key not in options:
                raise GateError(f"onbekend alternatief {cell_text(v)!r}; kies uit: "
                                + "; ".join(f"{e.id} ({e.name_nl})" for e in options.values()))
            out.append(key)
        return tuple(dict.fromkeys(out))

    # -- 003 at work: resident involvement A-E and the success factors ------------------------------------------
    def assess_involvement(self, stap: str | None, variant: str | None, *, besloten_door: str | None, wat: str | None,
                           datum: Any = None) -> Involvement:
        """Record the resident involvement (variant A-E of Praktijkhandboek §6.2) in one step: who decided what.

        Parameters
        ----------
        stap : str
            Step id (``ph.stap.4_1``, ``hr.stap.s05``) of a track this monitor follows.
        variant : str
            ``A`` (now and then informed or consulted) ... ``E`` (a seat in the alliance board).
        besloten_door : str
            Who decided (a body or role, e.g. ``stuurgroep``, ``bewonersplatform``), never a person's name.
        wat : str
            What was decided in this step.
        """
        self._stepdef(cell_text(stap) if not is_empty(stap) else "")
        letter = cell_text(variant).upper().replace("VARIANT ", "") if not is_empty(variant) else ""
        if letter not in BETROKKENHEID:
            raise InputError(f"variant van bewonersbetrokkenheid moet A, B, C, D of E zijn, niet {variant!r}",
                             column="variant")
        who, what = cell_text(besloten_door or ""), cell_text(wat or "")
        if not who or not what:
            raise InputError("noem bij bewonersbetrokkenheid wie besliste (orgaan of rol) en wat er besloten werd",
                             column="besloten_door" if not who else "wat")
        item = Involvement(cell_text(stap), letter, who, what, _date(datum, "datum"))
        self._involvement = [i for i in self._involvement if i.stap != item.stap] + [item]
        return item

    def involvement_table(self) -> pd.DataFrame:
        """Resident involvement per step (in step order): variant A-E with its meaning, who decided and what."""
        order = {st.id: (t.id, st.volgorde) for t in self.tracks.values() for st in t.stappen}
        rows = []
        for i in sorted(self._involvement, key=lambda x: order.get(x.stap, ("", 0))):
            track, sdef = self._stepdef(i.stap)
            entry = self.cat.get(BETROKKENHEID[i.variant])
            rows.append({"spoor": SPOREN_KORT.get(track.id, track.id), "stap": sdef.nummer, "naam": sdef.naam,
                         "variant": i.variant, "betekenis": entry.description_nl, "besloten_door": i.besloten_door,
                         "wat": i.wat, "datum": i.datum})
        return pd.DataFrame(rows, columns=["spoor", "stap", "naam", "variant", "betekenis", "besloten_door", "wat",
                                           "datum"])

    def rate_success_factor(self, factor: str, antwoord: str, *, notitie: str = "") -> None:
        """Assess one of the ten success factors (``ph.sf.sf1`` ... or its number) at the go/no-go:
        ``ja``, ``deels``, ``nee``, ``nvt`` or ``open``."""
        ids = {e.id: e for e in succesfactoren(self.cat)}
        key = cell_text(factor)
        if key.isdigit():
            key = f"ph.sf.sf{int(key)}"
        if key not in ids:
            raise InputError(f"onbekende succesfactor {factor!r}; gebruik ph.sf.sf1 tot en met ph.sf.sf10")
        value = cell_text(antwoord).lower() if not is_empty(antwoord) else "open"
        if value not in ANTWOORDEN:
            raise InputError(f"antwoord moet {', '.join(ANTWOORDEN)} zijn, niet {antwoord!r}")
        if value == "open" and not notitie:
            self._success.pop(key, None)
        else:
            self._success[key] = {"antwoord": value, "notitie": cell_text(notitie or "")}

    def success_factors_table(self) -> pd.DataFrame:
        """The ten success factors of the Praktijkhandboek (§2.6) with the team's assessment at the go/no-go."""
        return pd.DataFrame([{"nummer": e.attr("nummer"), "succesfactor": e.name_nl, "omschrijving": e.description_nl,
                              "antwoord": self._success.get(e.id, {}).get("antwoord", "open"),
                              "notitie": self._success.get(e.id, {}).get("notitie", ""), "id": e.id}
                             for e in succesfactoren(self.cat)],
                            columns=["nummer", "succesfactor", "omschrijving", "antwoord", "notitie", "id"])

    # -- steps and checklists -------------------------------------------------------------------------------------
    def answer_of(self, item_id: str) -> str:
        """The answer to a checklist item (``open`` when not answered)."""
        step = self._item_step.get(item_id)
        if step is None:
            return "open"
        return self._steps.get(step, _StepState()).checklist.get(item_id, {}).get("antwoord", "open")

    def answer(self, item_id: str, antwoord: str, *, notitie: str = "", _step: str | None = None) -> None:
        """Answer a checklist item of a step: ``ja``, ``deels``, ``nee``, ``nvt`` or ``open``, with a note."""
        step = self._item_step.get(item_id)
        if step is None:
            raise InputError(f"onbekend checklistitem {item_id!r}")
        if _step is not None and step != _step:
            raise InputError(f"checklistitem {item_id!r} hoort bij stap {step!r}, niet bij {_step!r}")
        value = cell_text(antwoord).lower().replace(".", "") if not is_empty(antwoord) else "open"
        value = {"n.v.t.": "nvt", "true": "ja", "false": "nee"}.get(value, value)
        if value not in ANTWOORDEN:
            raise InputError(f"antwoord moet {', '.join(ANTWOORDEN)} zijn, niet {antwoord!r}")
        state = self._state(step)
        note = cell_text(notitie or "")
        if value == "open" and not note:
            state.checklist.pop(item_id, None)
        else:
            state.checklist[item_id] = {"antwoord": value, "notitie": note}

    def set_step(self, step_id: str, *, status: str | None = None, gestart: Any = None, afgerond: Any = None,
                 notities: str | None = None, _default_today: bool = True) -> None:
        """Update a step: status (``open``, ``bezig``, ``klaar``, ``nvt``), dates and notes.

        Marking a step after the gate *klaar* requires that the gate was open on its completion date
        (default today); the gate step of the Praktijkhandboek (4.6) can be *klaar* only after a decision.

        Raises
        ------
        GateError
            When the gate blocks the change (the message gives the reasons and what to do).
        InputError
            Unknown step or status, bad dates, completion before start.
        """
        track, sdef = self._stepdef(step_id)
        state = self._state(step_id)
        new_status = state.status if status is None else cell_text(status).lower()
        if new_status not in STATUSSEN:
            raise InputError(f"status moet {', '.join(STATUSSEN)} zijn, niet {status!r}")
        start = _date(gestart, "gestart") if gestart is not None else state.gestart
        end = _date(afgerond, "afgerond") if afgerond is not None else state.afgerond
        if new_status == "klaar" and end is None:
            if not _default_today:
                raise InputError(f"stap {sdef.nummer} is klaar maar 'afgerond' (datum) ontbreekt")
            end = dt.date.today()
        if new_status in ("open", "bezig") and afgerond is None:
            end = None if new_status == "open" or state.status == "klaar" else end
        if start and end and end < start:
            raise InputError(f"stap {sdef.nummer}: afgerond ({end}) ligt voor gestart ({start})")
        if new_status == "klaar":
            assert end is not None  # set above: a finished step has a completion date
            gate = track.poort
            if sdef.na_poort and not self.gate_open(track.id, op=end):
                last = [d for d in self._decisions[track.id] if d.datum <= end]
                if last:
                    outcome = UITKOMSTEN_KORT.get(last[-1].uitkomst, last[-1].uitkomst)
                    why = (f"het laatste besluit ({last[-1].datum}) was '{outcome}': "
                           f"{'; '.join(r.rstrip('.') for r in last[-1].redenen)}")
                elif self._decisions[track.id]:
                    why = f"op de afronddatum {end} was er nog geen besluit"
                else:
                    why = "er is nog geen besluit genomen"
                raise GateError(f"stap {sdef.nummer} ({sdef.naam}) ligt na {gate.naam} en kan niet klaar zijn "
                                f"zolang de poort dicht is: {why}. {gate.uitleg}")
            if gate.stap == step_id and not [d for d in self._decisions[track.id] if d.datum <= end]:
                raise GateError(f"stap {sdef.nummer} is het go/no-go-besluit: leg eerst het besluit vast met "
                                "decide(...)")
        state.status = new_status
        state.gestart = start
        state.afgerond = end
        if notities is not None:
            state.notities = cell_text(notities)

    # -- views --------------------------------------------------------------------------------------------------
    def steps_table(self, spoor: str) -> pd.DataFrame:
        """All steps of a track with status, dates, checklist progress, gate position and notes.

        ``checklist`` is "answered/total" over the checklist questions to work through (the no-go questions only
        after a no-go; the in-depth tip lists of the Handreiking are not counted).
        """
        track = self._track(spoor)
        gate_open = self.gate_open(spoor)
        rows = []
        for st in track.stappen:
            s = self._steps.get(st.id, _StepState())
            relevant = [i for i in st.items if not i[4] and
                        (i[3] is None or (i[3] == "no_go" and self._last_is(track, "no_go")))]
            answered = sum(1 for i in relevant if s.checklist.get(i[0], {}).get("antwoord", "open") != "open")
            rows.append({"fase": f"{st.fase_nummer} {st.fase_naam}", "stap": st.nummer, "naam": st.naam,
                         "status": s.status, "gestart": s.gestart, "afgerond": s.afgerond,
                         "checklist": f"{answered}/{len(relevant)}" if relevant else "",
                         "na_poort": st.na_poort, "geblokkeerd": st.na_poort and not gate_open and s.status != "klaar",
                         "notities": s.notities, "id": st.id})
        return pd.DataFrame(rows)

    def _last_is(self, track: Track, code: str) -> bool:
        ds = self._decisions[track.id]
        return bool(ds) and ds[-1].uitkomst == code

    def checklist_table(self, step_id: str) -> pd.DataFrame:
        """The checklist items of one step with the answers and notes."""
        _, sdef = self._stepdef(step_id)
        s = self._steps.get(step_id, _StepState())
        return pd.DataFrame([{"id": i[0], "checklist": i[1], "vraag": i[2],
                              "alleen_bij": "no-go" if i[3] == "no_go" else "", "verdiepend": i[4],
                              "antwoord": s.checklist.get(i[0], {}).get("antwoord", "open"),
                              "notitie": s.checklist.get(i[0], {}).get("notitie", "")} for i in sdef.items],
                            columns=["id", "checklist", "vraag", "alleen_bij", "verdiepend", "antwoord", "notitie"])

    def progress(self) -> pd.DataFrame:
        """Progress per track and phase: number of steps per status and the share done (``nvt`` not counted)."""
        rows = []
        for tid, track in self.tracks.items():
            table = self.steps_table(tid)
            for (fid, nr, name) in track.fasen:
                sub = table[table["fase"] == f"{nr} {name}"]
                counts = sub["status"].value_counts()
                relevant = len(sub) - int(counts.get("nvt", 0))
                rows.append({"spoor": tid, "fase": f"{nr} {name}", "stappen": len(sub),
                             "klaar": int(counts.get("klaar", 0)), "bezig": int(counts.get("bezig", 0)),
                             "open": int(counts.get("open", 0)), "nvt": int(counts.get("nvt", 0)),
                             "aandeel_klaar": (int(counts.get("klaar", 0)) / relevant) if relevant else 1.0,
                             "geblokkeerd": int(sub["geblokkeerd"].sum())})
        return pd.DataFrame(rows)

    def gate_status(self, spoor: str) -> dict[str, Any]:
        """The gate of a track: open or not, the latest decision with reasons, and the criteria answers."""
        track = self._track(spoor)
        ds = self._decisions[track.id]
        return {"poort": track.poort.naam, "open": self.gate_open(spoor),
                "laatste_besluit": ds[-1] if ds else None, "aantal_besluiten": len(ds),
                "criteria": {self._item_text(c): self.answer_of(c) for c in track.poort.criteria},
                "uitleg": track.poort.uitleg}

    def gate_markdown(self, spoor: str) -> str:
        """The gate status in Dutch Markdown."""
        g = self.gate_status(spoor)
        track = self._track(spoor)
        lines = [f"**{g['poort']}** ({track.naam}): poort **{'open' if g['open'] else 'dicht'}**"]
        d = g["laatste_besluit"]
        if d is None:
            lines.append("- nog geen besluit genomen")
        else:
            label = track.poort.uitkomsten[d.uitkomst][0]
            lines.append(f"- laatste besluit {d.datum}{' door ' + d.besloten_door if d.besloten_door else ''}: "
                         f"*{label}*")
            lines += [f"  - reden: {r}" for r in d.redenen]
            if d.alternatieven:
                lines.append("  - gekozen alternatief (Praktijkhandboek §4.6): "
                             + ", ".join(self.cat.get(a).name_nl for a in d.alternatieven))
        lines.append("- toetsvragen: " + "; ".join(f"{k}: {v}" for k, v in g["criteria"].items()))
        if spoor == "praktijkhandboek":
            counts = pd.Series([v["antwoord"] for v in self._success.values()]).value_counts()
            n_open = 10 - int(counts.drop("open", errors="ignore").sum())
            lines.append("- de tien succesfactoren (Praktijkhandboek §2.6; bij dit besluit gelegd als keuze van "
                         f"wijklib): ja {int(counts.get('ja', 0))}, deels {int(counts.get('deels', 0))}, "
                         f"nee {int(counts.get('nee', 0))}, nog niet besproken {n_open}")
        lines.append(f"- regel: {g['uitleg']}")
        return "\n".join(lines)

    def decisions_table(self) -> pd.DataFrame:
        """All decisions of all tracks, oldest first, with Dutch names (track, outcome) instead of codes."""
        rows = [{"spoor": SPOREN_KORT.get(tid, tid), "besluitmoment": track.poort.naam, "datum": d.datum,
                 "uitkomst": UITKOMSTEN_KORT.get(d.uitkomst, d.uitkomst), "besloten door": d.besloten_door,
                 "redenen": list(d.redenen),
                 "alternatieven": ", ".join(self.cat.get(a).name_nl for a in d.alternatieven)}
                for tid, track in self.tracks.items() for d in self._decisions[tid]]
        return pd.DataFrame(rows, columns=["spoor", "besluitmoment", "datum", "uitkomst", "besloten door", "redenen",
                                           "alternatieven"])

    def warnings(self, quickscan: Any = None) -> list[str]:
        """Points of attention (Dutch): steps in progress behind a closed gate, unanswered no-go questions, steps
        marked done with open checklist items and, with a quickscan result, contradictions between the gates
        (:func:`gate_conflicts`)."""
        out = []
        for tid, track in self.tracks.items():
            table = self.steps_table(tid)
            ahead = table[table["na_poort"] & (table["status"] == "bezig") & ~table["id"].map(
                lambda _: self.gate_open(tid))]
            for _, r in ahead.iterrows():
                out.append(f"{track.naam}: stap {r['stap']} ({r['naam']}) loopt al terwijl {track.poort.naam} nog "
                           "dicht is; afronden kan pas na een positief besluit.")
            if self._last_is(track, "no_go") and not self._decisions[tid][-1].alternatieven:
                out.append(f"{track.naam}: de no-go noemt geen alternatief; het Praktijkhandboek (§4.6) noemt er vijf "
                           "om afglijden te voorkomen: " + ", ".join(e.name_nl.lower() for e in nogo_opties(self.cat))
                           + ".")
            if tid == "praktijkhandboek" and self._last_is(track, "go"):
                weak = [self.cat.get(k).name_nl for k, v in self._success.items() if v["antwoord"] == "nee"]
                if weak:
                    out.append("Praktijkhandboek: go gegeven terwijl deze succesfactoren op 'nee' staan: "
                               + ", ".join(weak) + ". Maak ze tot werkpunt in de opstartfase.")
            if self._last_is(track, "no_go"):
                cond = [i for st in track.stappen for i in st.items if i[3] == "no_go" and self.answer_of(i[0]) == "open"]
                if cond:
                    out.append(f"{track.naam}: na de no-go zijn nog open: "
                               + "; ".join(self._item_text(i[0]) for i in cond) + ".")
            for _, r in table[(table["status"] == "klaar") & (table["checklist"] != "")].iterrows():
                done, total = (int(x) for x in r["checklist"].split("/"))
                if done < total:
                    out.append(f"{track.naam}: stap {r['stap']} is klaar, maar {total - done} van de {total} "
                               "checklistvragen zijn nog niet besproken.")
        if quickscan is not None:
            out += gate_conflicts(self, quickscan)
        return out

    # -- storage ------------------------------------------------------------------------------------------------
    def to_dict(self, *, bijgewerkt: dt.date | None = None) -> dict[str, Any]:
        """The tracker as plain data (only steps with information)."""
        stamp = (bijgewerkt or dt.date.today()).isoformat()
        out: dict[str, Any] = {"gebied": dict(self.gebied), "bijgewerkt": stamp, "sporen": {}}
        for tid, track in self.tracks.items():
            steps = {}
            for st in track.stappen:
                s = self._steps.get(st.id)
                if s is None or s.is_empty():
                    continue
                rec: dict[str, Any] = {"status": s.status}
                if s.gestart:
                    rec["gestart"] = s.gestart.isoformat()
                if s.afgerond:
                    rec["afgerond"] = s.afgerond.isoformat()
                if s.notities:
                    rec["notities"] = s.notities
                if s.checklist:
                    rec["checklist"] = {k: ({"antwoord": v["antwoord"], "notitie": v["notitie"]} if v["notitie"]
                                            else {"antwoord": v["antwoord"]})
                                        for k, v in sorted(s.checklist.items(), key=lambda kv: self._item_order(kv[0]))}
                steps[st.id] = rec
            decisions = [{"uitkomst": d.uitkomst, "datum": d.datum.isoformat(), "besloten_door": d.besloten_door,
                          "redenen": list(d.redenen), **({"alternatieven": list(d.alternatieven)}
                                                         if d.alternatieven else {})} for d in self._decisions[tid]]
            out["sporen"][tid] = {"stappen": steps, "besluiten": decisions}
        if self._involvement:
            out["bewonersbetrokkenheid"] = [{"stap": i.stap, "variant": i.variant, "besloten_door": i.besloten_door,
                                             "wat": i.wat, **({"datum": i.datum.isoformat()} if i.datum else {})}
                                            for i in self._involvement]
        if self._success:
            out["succesfactoren"] = {k: ({"antwoord": v["antwoord"], "notitie": v["notitie"]} if v["notitie"]
                                         else {"antwoord": v["antwoord"]})
                                     for k, v in sorted(self._success.items(), key=lambda kv: int(kv[0][8:]))}
        return out

    def _item_order(self, item_id: str) -> int:
        for t in self.tracks.values():
            for st in t.stappen:
                for n, i in enumerate(st.items):
                    if i[0] == item_id:
                        return st.volgorde * 1000 + n
        return 10 ** 9

    def save(self, path: str | Path | None = None, *, bijgewerkt: Any = None) -> Path:
        """Write the tracker atomically (default: the file it was loaded from).

        ``bijgewerkt`` is the date written in the file (default today).
        """
        target = Path(path) if path else self.path
        if target is None:
            raise InputError("geef een bestandsnaam op, bv. save('procesmonitor/WK990102.yaml')")
        header = (f"Procesmonitor wijkaanpak (wijklib) voor {self.gebied['code']} {self.gebied['naam']}.\n"
                  "Status: open, bezig, klaar, nvt. Checklist: ja, deels, nee, nvt, open. Geen namen van personen.\n"
                  "Wijzigen kan met de hand; wijklib controleert bij het inlezen ook de besluitpoorten.")
        stamp = _date(bijgewerkt, "bijgewerkt") if bijgewerkt is not None else None
        self.path = atomic_write_yaml(target, self.to_dict(bijgewerkt=stamp), header=header)
        return self.path

    def __repr__(self) -> str:
        return f"ProcessTracker({self.gebied['code']!r}, sporen={list(self.tracks)})"


def plot_progress(tracker: ProcessTracker, *, ax=None):
    """Stacked bars per track and phase: steps done, in progress, open and not applicable; gates marked."""
    import matplotlib.pyplot as plt

    prog = tracker.progress()
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 0.55 * len(prog) + 2.2))
    labels = [f"{'PH' if r.spoor == 'praktijkhandboek' else 'HR'} {r.fase}" for r in prog.itertuples()]
    y = list(range(len(prog)))[::-1]
    left = [0] * len(prog)
    colours = {"klaar": "#55A868", "bezig": "#F0B429", "open": "#D0D0D0", "nvt": "#FFFFFF"}
    for status, colour in colours.items():
        vals = prog[status].tolist()
        ax.barh(y, vals, left=left, color=colour, edgecolor="#888888", label=STATUSSEN[status] + f" ({status})")
        left = [a + b for a, b in zip(left, vals)]
    for yy, blocked in zip(y, prog["geblokkeerd"]):
        if blocked:
            ax.text(0.1, yy, f"{blocked} stap(pen) achter de poort", va="center", fontsize=9, color="#b00020",
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5})
    longest = int(prog["stappen"].max()) if len(prog) else 1
    ax.set_xlim(0, longest + 0.5)
    ax.set_xticks(range(0, longest + 1))
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=10)
    ax.tick_params(axis="x", labelsize=10)
    ax.set_xlabel("aantal stappen", fontsize=10)
    ax.set_title(f"Voortgang {tracker.gebied['code']} {tracker.gebied['naam']}\n(PH = Praktijkhandboek, "
                 "HR = Handreiking)", fontsize=12)
    gates = []
    for tid, track in tracker.tracks.items():
        last = tracker.decisions(tid)[-1] if tracker.decisions(tid) else None
        state = "open" if tracker.gate_open(tid) else "dicht"
        gates.append(f"{'PH' if tid == 'praktijkhandboek' else 'HR'} {track.poort.naam}: {state}"
                     + (f"\n   ({UITKOMSTEN_KORT.get(last.uitkomst, last.uitkomst)}, {last.datum})" if last
                        else "\n   (nog geen besluit)"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, frameon=False,
              title="\n".join(gates), title_fontsize=9, alignment="left")
    return ax


def folder_overview(folder: str | Path, *, cat=None, leesbaar: bool = False) -> pd.DataFrame:
    """One row per area file (``*.yaml``) and track in a folder: share done, gate, latest decision, resident
    involvement A-E per step (who decided what), the success factors at the go/no-go and the no-go alternatives.

    With ``leesbaar=True`` the track and the outcome are Dutch names and the gate is ``ja``/``nee`` (for people);
    the default keeps the codes and booleans (for code and reports).
    """
    folder = Path(folder)
    rows = []
    for path in sorted(folder.glob("*.yaml")):
        tr = ProcessTracker.load(path, cat=cat)
        prog = tr.progress()
        for tid in tr.tracks:
            sub = prog[prog["spoor"] == tid]
            relevant = int(sub["stappen"].sum() - sub["nvt"].sum())
            last = tr.decisions(tid)[-1] if tr.decisions(tid) else None
            inv = tr.involvement_table()
            inv = inv[inv["spoor"] == SPOREN_KORT.get(tid, tid)]
            sf = tr.success_factors_table()["antwoord"].value_counts() if tid == "praktijkhandboek" else None
            rows.append({"gebied": tr.gebied["code"], "naam": tr.gebied["naam"], "spoor": tid,
                         "klaar": int(sub["klaar"].sum()), "stappen": relevant,
                         "aandeel_klaar": int(sub["klaar"].sum()) / relevant if relevant else 1.0,
                         "poort_open": tr.gate_open(tid),
                         "laatste_besluit": f"{last.uitkomst} ({last.datum})" if last else "",
                         "bewonersbetrokkenheid": "; ".join(f"stap {r['stap']}: {r['variant']} ({r['besloten_door']}: "
                                                            f"{r['wat']})" for _, r in inv.iterrows()),
                         "succesfactoren": "" if sf is None or int(sf.get("open", 0)) == 10 else
                         ", ".join(f"{ANTWOORDEN[k].split(' /')[0]} {int(sf.get(k, 0))}"
                                   for k in ("ja", "deels", "nee", "open") if int(sf.get(k, 0))),
                         "alternatieven": ", ".join(tr.cat.get(a).name_nl for a in last.alternatieven)
                         if last else "",
                         "bestand": path.name})
            if leesbaar:
                label = f"{UITKOMSTEN_KORT.get(last.uitkomst, last.uitkomst)} ({last.datum})" if last else ""
                rows[-1].update({"spoor": SPOREN_KORT.get(tid, tid), "laatste_besluit": label,
                                 "poort_open": "ja" if tr.gate_open(tid) else "nee"})
    return pd.DataFrame(rows)


def _quickscan_parts(quickscan: Any) -> tuple[bool, dict[str, str], dict[str, float]]:
    """(gate open, precondition id -> Dutch name of those put first, precondition id -> mean) of a quickscan
    result (:func:`wijklib.readiness.analyse_quickscan`)."""
    if not (hasattr(quickscan, "poort") and hasattr(quickscan, "randvoorwaarden")):
        raise InputError("verwacht een quickscan-resultaat van analyse_quickscan(...)", column="quickscan")
    first = dict(zip(quickscan.poort.eerst_aanpakken["randvoorwaarde"], quickscan.poort.eerst_aanpakken["naam"]))
    means = dict(zip(quickscan.randvoorwaarden["randvoorwaarde"], quickscan.randvoorwaarden["gemiddelde"]))
    return bool(quickscan.poort.klaar), first, means


def _refuse_unknown_keys(record: Mapping[str, Any], allowed: tuple[str, ...], path: Any, column: str) -> None:
    """Raise an InputError naming the first key of ``record`` that is not in ``allowed``."""
    bad = [k for k in record if k not in allowed]
    if bad:
        raise InputError(f"onbekend veld {bad[0]!r}; toegestaan: {', '.join(allowed)}", file=path,
                         column=f"{column}.{bad[0]}")


def _nl(value: float | None, decimals: int = 1) -> str:
    from wijklib.format import number

    return number(value, decimals, thousands=False)


def gate_conflicts(tracker: ProcessTracker, quickscan: Any) -> list[str]:
    """Contradictions between the quickscan gate and the decisions in the tracker (Dutch), or an empty list.

    * Handreiking beslismoment on *door* while the quickscan puts a precondition first that belongs to one of its
      three questions (:data:`HR_CRITERIA_RANDVOORWAARDEN`);
    * a question of the beslismoment answered *ja* while the quickscan puts its preconditions first;
    * Praktijkhandboek steps of phases 3-5 (designing and carrying out interventions) started while the quickscan
      gate is closed.
    """
    open_, first, means = _quickscan_parts(quickscan)
    out: list[str] = []
    if "handreiking" in tracker.tracks:
        for crit, rvs in HR_CRITERIA_RANDVOORWAARDEN.items():
            weak = [r for r in rvs if r in first]
            if not weak:
                continue
            names = ", ".join(f"{first[r]} ({_nl(means[r])})" for r in weak)
            question = tracker._item_text(crit)
            if tracker.gate_open("handreiking"):
                out.append(f"Beslismoment (Handreiking) staat op 'door naar stap 5', maar de quickscan zet {names} "
                           f"op eerst aanpakken; die hoort bij de vraag '{question}'. Bespreek of het besluit nog "
                           "klopt.")
            elif tracker.answer_of(crit) == "ja":
                out.append(f"Toetsvraag '{question}' van het beslismoment is 'ja', maar de quickscan zet {names} op "
                           "eerst aanpakken.")
    if "praktijkhandboek" in tracker.tracks and not open_:
        table = tracker.steps_table("praktijkhandboek")
        started = table[(table["fase"].str[0].astype(int) >= 3) & table["status"].isin(["bezig", "klaar"])]
        for _, r in started.iterrows():
            out.append(f"Praktijkhandboek stap {r['stap']} ({r['naam']}) is {r['status']}, terwijl de poort van de "
                       "quickscan dicht is: ontwerpen en uitvoeren van interventies wacht op de randvoorwaarden.")
    return out


def gates_overview(tracker: ProcessTracker, quickscan: Any = None) -> pd.DataFrame:
    """The three gates of an area side by side: what each decides and where it stands (Dutch).

    Parameters
    ----------
    tracker : ProcessTracker
    quickscan : QuickscanResult, optional
        The quickscan of the same area (:func:`wijklib.readiness.analyse_quickscan`).

    Returns
    -------
    DataFrame
        ``poort``, ``bron``, ``vraag`` (what it decides), ``stand`` (open/dicht) and ``toelichting``.
    """
    rows = []
    if quickscan is not None:
        open_, first, means = _quickscan_parts(quickscan)
        detail = ("alle randvoorwaarden voldoende op orde" if open_ else
                  f"{len(first)} randvoorwaarde(n) eerst aanpakken: "
                  + ", ".join(f"{n} ({_nl(means[r])})" for r, n in first.items()))
        rows.append({"poort": "Quickscan randvoorwaarden", "bron": "Leerkring Brabant-Zeeland; regel van wijklib",
                     "vraag": "Staan de randvoorwaarden stevig genoeg om interventies te kiezen? (meting, geen "
                              "besluit)", "stand": "open" if open_ else "dicht", "toelichting": detail})
    questions = {"praktijkhandboek": "Starten we een meerjarige integrale wijkaanpak? Na een go bouw je in fase 2 "
                                     "(opstarten) aan alliantie, visie, contract en financiering.",
                 "handreiking": "Zijn draagvlak bij bestuurders, menskracht en middelen en ruimte voor inbreng van "
                                "burgers geregeld om met de gemeenschap te gaan samenwerken (stap 5-12)?"}
    for tid, track in tracker.tracks.items():
        ds = tracker.decisions(tid)
        last = ds[-1] if ds else None
        detail = (f"laatste besluit {last.datum}: {UITKOMSTEN_KORT.get(last.uitkomst, last.uitkomst)}; "
                  + " ".join(last.redenen)) if last else "nog geen besluit"
        rows.append({"poort": track.poort.naam, "bron": SPOREN_KORT.get(tid, tid), "vraag": questions.get(tid, ""),
                     "stand": "open" if tracker.gate_open(tid) else "dicht", "toelichting": detail})
    return pd.DataFrame(rows, columns=["poort", "bron", "vraag", "stand", "toelichting"])



def involvement_overview(tracker: ProcessTracker) -> dict[str, Any]:
    """Summary of the resident involvement A-E of one area for reports: per step the variant, who decided and what,
    and the latest and highest variant (Praktijkhandboek §6.2)."""
    table = tracker.involvement_table()
    if table.empty:
        return {"steps": [], "latest": None, "highest": None}
    return {"steps": [{"track": r["spoor"], "step": r["stap"], "name": r["naam"], "variant": r["variant"],
                       "decided_by": r["besloten_door"], "what": r["wat"],
                       "date": r["datum"].isoformat() if hasattr(r["datum"], "isoformat") else None}
                      for _, r in table.iterrows()],
            "latest": table["variant"].iloc[-1], "highest": max(table["variant"])}


def me_components(cat=None) -> pd.DataFrame:
    """The six components of monitoring and evaluation of the Praktijkhandboek (§6.4) for the *Herijken* phase,
    with the wijklib table or notebook that serves each (that link is wijklib's choice)."""
    served = {"ph.me.uitvoeringsplannen": "procesmonitor: notities en checklists van fase 3 (ontwerpen)",
              "ph.me.proces": "procesmonitor: stappen, besluiten en bewonersbetrokkenheid A-E",
              "ph.me.doelbereik": "monitoring_table: nulmeting tegenover nu per indicator en gebied (geteld en "
                                  "verteld)",
              "ph.me.samenhang": "gezamenlijk duiden met partners: monitoring_table naast de procesmonitor",
              "ph.me.wat_werkt": "werkblad werkzame principes (notebook 05)",
              "ph.me.leren": "rapporten per buurt delen en bespreken"}
    rows = [{"component": e.name_nl, "kernvraag": e.attr("kernvraag"), "omschrijving": e.description_nl,
             "in wijklib": served.get(e.id, ""), "id": e.id}
            for e in sorted(_catalogue(cat).by_kind("me_component"), key=lambda x: x.order)]
    return pd.DataFrame(rows, columns=["component", "kernvraag", "omschrijving", "in wijklib", "id"])


def monitoring_table(counted: pd.DataFrame, meta: pd.DataFrame, gebieden: Iterable[str], *, basisjaar: int,
                     peiljaar: int | None = None, told_basis: pd.DataFrame | None = None,
                     told_nu: pd.DataFrame | None = None, names: Mapping[str, str] | None = None,
                     drempel: float = 0.05, referentie: str | Mapping[str, str] | None = None,
                     referentie_naam: str = "de gemeente") -> pd.DataFrame:
    """Baseline versus now per indicator and area, for the *doelbereik* component of M&E in the Herijken phase.

    Uses the same tables as the urgency analysis, so the monitoring counts what the analysis counted.

    Money amounts (unit ``euro_x1000``: WOZ value, income) are nominal, not corrected for inflation: a rise in
    euros is never called *beter*. Their verdict compares the change of the area with the change of the reference
    area (``referentie``, e.g. the gemeente) over the same years ("sneller gestegen dan de gemeente", see
    :func:`wijklib.format.change_versus_reference`), or reads *geen oordeel (bedrag, niet gecorrigeerd voor
    inflatie)* without reference values.

    Parameters
    ----------
    counted : DataFrame
        Tidy counted table (``area_code``, ``indicator``, ``period``, ``value``, ``status``).
    meta : DataFrame
        Indicator table (``indicator``, ``label``, ``direction``), e.g. :func:`wijklib.analysis.indicator_table`.
    gebieden : list of str
        Area codes.
    basisjaar : int
        Year of the baseline (nulmeting), usually the year of the go.
    peiljaar : int, optional
        Year of the current measurement (default the latest year in ``counted``).
    told_basis, told_nu : DataFrame, optional
        Told tables (``area_code``, ``theme``, ``value``, optionally ``n``, ``direction``) of the baseline and now,
        e.g. the survey at the start and now (:func:`wijklib.analysis.told_table`).
    drempel : float
        Relative change (default 5%) below which the verdict is *gelijk* (keuze van wijklib); for money amounts
        the relative difference between the growth of the area and of the reference below which they changed
        "ongeveer even snel".
    referentie : str or mapping, optional
        Code of the reference area in ``counted`` (one for all areas, or area code -> reference code), whose
        change over the same years is the yardstick for money amounts.
    referentie_naam : str
        Dutch name of the reference in the verdicts (default "de gemeente").

    Returns
    -------
    DataFrame
        ``gebied``, ``naam``, ``bron`` (geteld/verteld), ``indicator``, ``label``, ``nulmeting``, ``nu``,
        ``verschil`` and ``oordeel`` (beter, slechter, gelijk, or *geen oordeel* for context indicators and
        missing values; for money amounts the comparison with the reference; CBS missing codes are never values).

    Raises
    ------
    InputError
        Missing columns, or a year that is not in the table.
    """
    need = {"area_code", "indicator", "period", "value"}
    if not need <= set(counted.columns):
        raise InputError(f"tabel met cijfers mist kolommen: {', '.join(sorted(need - set(counted.columns)))}",
                         column="counted")
    if not {"indicator", "direction"} <= set(meta.columns):
        raise InputError("indicatortabel mist de kolommen 'indicator' en 'direction'", column="meta")
    from wijklib.format import NOMINAL_NOTE, change_versus_reference, is_money_unit

    if "unit" in meta.columns:
        money = {str(i) for i, u in zip(meta["indicator"], meta["unit"]) if is_money_unit(u)}
    else:  # an indicator table without units: the catalogue knows the units of its own indicators
        from wijklib.indicators import load_indicators

        units = {ind.id: ind.unit for ind in load_indicators().indicators}
        money = {str(i) for i in meta["indicator"] if is_money_unit(units.get(str(i)))}
    years = sorted(int(p) for p in counted["period"].dropna().unique())
    now = int(peiljaar) if peiljaar is not None else (years[-1] if years else None)
    for label, year in (("basisjaar", basisjaar), ("peiljaar", now)):
        if year not in years:
            raise InputError(f"{label} {year} staat niet in de cijfers (jaren: {', '.join(map(str, years))})",
                             column=label)
    assert now is not None  # checked above: it is one of the years
    areas = [str(g) for g in gebieden]
    names = dict(names or {})
    ok = counted["status"].eq("waarde") if "status" in counted.columns else counted["value"].notna()
    refs = ([str(referentie)] if isinstance(referentie, str) else [str(v) for v in referentie.values()]) \
        if referentie is not None else []
    data = counted[ok & counted["area_code"].astype(str).isin(areas + refs)]
    vals = {(str(code), ind, int(period)): float(value)
            for code, ind, period, value in zip(data["area_code"], data["indicator"], data["period"], data["value"])}
    info = meta.set_index("indicator")

    def verdict(before: float | None, after: float | None, direction: str) -> tuple[float | None, str]:
        if before is None or after is None or pd.isna(before) or pd.isna(after):
            return None, "geen oordeel (waarde ontbreekt)"
        diff = after - before
        if direction not in ("hoger_is_beter", "hoger_is_slechter"):
            return diff, "geen oordeel (context)"
        scale = max(abs(before), 1e-9)
        if abs(diff) / scale < drempel:
            return diff, "gelijk"
        better = (diff > 0) == (direction == "hoger_is_beter")
        return diff, "beter" if better else "slechter"

    def ref_code(area: str) -> str | None:
        if referentie is None:
            return None
        return str(referentie) if isinstance(referentie, str) else (
            str(referentie[area]) if area in referentie else None)

    def money_verdict(area: str, ind: str, before: float | None, after: float | None) -> tuple[float | None, str]:
        if before is None or after is None or pd.isna(before) or pd.isna(after):
            return None, "geen oordeel (waarde ontbreekt)"
        ref = ref_code(area)
        text = None if ref is None else change_versus_reference(
            before, after, vals.get((ref, ind, int(basisjaar))), vals.get((ref, ind, now)),
            reference=referentie_naam, threshold=drempel)
        return after - before, (f"{text} ({NOMINAL_NOTE})" if text else f"geen oordeel ({NOMINAL_NOTE})")

    rows = []
    for area in areas:
        for ind in info.index:
            before, after = vals.get((area, ind, int(basisjaar))), vals.get((area, ind, now))
            if before is None and after is None:
                continue
            if str(ind) in money and str(info.at[ind, "direction"]) != "context":
                diff, word = money_verdict(area, str(ind), before, after)
            else:
                diff, word = verdict(before, after, str(info.at[ind, "direction"]))
            rows.append({"gebied": area, "naam": names.get(area, area), "bron": "geteld", "indicator": ind,
                         "label": info.at[ind, "label"] if "label" in info.columns else ind,
                         "nulmeting": before, "nu": after, "verschil": diff, "oordeel": word})
        if told_basis is not None and told_nu is not None:
            tb = told_basis[told_basis["area_code"].astype(str) == area].set_index("theme")
            tn = told_nu[told_nu["area_code"].astype(str) == area].set_index("theme")
            tb_value, tn_value = tb["value"].astype(float), tn["value"].astype(float)
            for theme in sorted(set(tb.index) | set(tn.index)):
                before = float(tb_value[theme]) if theme in tb.index else None
                after = float(tn_value[theme]) if theme in tn.index else None
                src = tn if theme in tn.index else tb
                direction = str(src.at[theme, "direction"]) if "direction" in src.columns else "hoger_is_beter"
                diff, word = verdict(before, after, direction)
                rows.append({"gebied": area, "naam": names.get(area, area), "bron": "verteld", "indicator": theme,
                             "label": theme.replace("_", " "), "nulmeting": before, "nu": after, "verschil": diff,
                             "oordeel": word})
    table = pd.DataFrame(rows, columns=["gebied", "naam", "bron", "indicator", "label", "nulmeting", "nu",
                                        "verschil", "oordeel"])
    table.attrs.update({"basisjaar": int(basisjaar), "peiljaar": now})
    return table
