"""Working-principles worksheet: the seven start questions applied to one intervention.

The Leerkring advises to find out *why* an intervention worked elsewhere before using it in your own area: answer
the seven *startvragen*, preferably with the 'owner' of the intervention, and look for the six *werkzame principes*
in it (Leerkring, sections 'Werkzame principes' and 'Werkzame principes boven tafel krijgen'; extraction 000 §3).
This module keeps one worksheet per intervention in a plain YAML file, so that a team can keep them in a shared
folder. The scale for the principles (``ja``, ``deels``, ``nee``, ``onbekend``) and the context similarity 1-5
(start question 6) are wijklib's additions (extraction 000 §5.2, PROPOSAL).

File format
-----------
.. code-block:: yaml

    interventie: lk.iv.stadsmarinier_boa      # catalogue id, or eigen.<slug> for your own
    interventie_naam: Inzet stadsmarinier of BOA's ondermijning
    gebied: WK990102 Zuiderveld
    datum: 2024-05-14
    ingevuld_door: [gemeente, politie]        # roles, never names of persons
    eigenaar: gemeente elders, team OOV       # who runs the intervention elsewhere (organisation or role)
    startvragen:                              # start question id (short or full) -> answer
      passendheid: ...
    contextgelijkenis: 3                      # 1 (heel anders) .. 5 (vrijwel gelijk); empty = not yet judged
    principes:                                # principle id (short or full) -> presence and how
      bekend_maakt_bemind: {aanwezig: ja, hoe: ...}
    notities: ...
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from wijklib.errors import InputError

from ._files import atomic_write_yaml, cell_text, is_empty, parse_date, read_yaml, slug

__all__ = ["AANWEZIG", "Worksheet", "startquestions_frame", "principles_guide", "new_worksheet", "worksheet_path",
           "save_worksheet", "load_worksheet", "load_worksheets", "worksheet_markdown", "worksheets_frame"]

#: Presence of a working principle in an intervention (id -> Dutch explanation).
AANWEZIG: dict[str, str] = {"ja": "duidelijk aanwezig", "deels": "deels of impliciet aanwezig",
                            "nee": "niet aanwezig", "onbekend": "nog niet bekeken of niet te zeggen"}
CONTEXT_LABELS = {1: "heel anders", 2: "tamelijk anders", 3: "deels vergelijkbaar", 4: "grotendeels vergelijkbaar",
                  5: "vrijwel gelijk"}
_FIELDS = ("interventie", "interventie_naam", "gebied", "datum", "ingevuld_door", "eigenaar", "startvragen",
           "contextgelijkenis", "principes", "notities")


def _catalogue(cat=None):
    if cat is None:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
    return cat


@dataclass
class Worksheet:
    """The worksheet of one intervention (mutable; save with :func:`save_worksheet`)."""

    interventie: str
    interventie_naam: str
    gebied: str = ""
    datum: dt.date | None = None
    ingevuld_door: list[str] = field(default_factory=list)
    eigenaar: str = ""
    startvragen: dict[str, str] = field(default_factory=dict)
    contextgelijkenis: int | None = None
    principes: dict[str, dict[str, str]] = field(default_factory=dict)
    notities: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The worksheet as plain data in file order (full catalogue ids)."""
        return {
            "interventie": self.interventie, "interventie_naam": self.interventie_naam, "gebied": self.gebied,
            "datum": self.datum.isoformat() if self.datum else None, "ingevuld_door": list(self.ingevuld_door),
            "eigenaar": self.eigenaar, "startvragen": dict(self.startvragen),
            "contextgelijkenis": self.contextgelijkenis,
            "principes": {k: {"aanwezig": v.get("aanwezig", "onbekend"), "hoe": v.get("hoe", "")}
                          for k, v in self.principes.items()},
            "notities": self.notities,
        }

    @property
    def n_beantwoord(self) -> int:
        """Number of start questions with an answer."""
        return sum(1 for v in self.startvragen.values() if v and v.strip())


def startquestions_frame(cat=None) -> pd.DataFrame:
    """The seven start questions: ``id``, ``nr``, ``naam``, ``vraag`` (paraphrase), ``doel``, ``bron``."""
    cat = _catalogue(cat)
    return pd.DataFrame([{"id": e.id, "nr": e.order, "naam": e.name_nl, "vraag": e.attr("vraag", ""),
                          "doel": e.description_nl, "bron": f"Leerkring Brabant-Zeeland, {e.source.section}"}
                         for e in cat.by_kind("startvraag")])


def principles_guide(cat=None) -> pd.DataFrame:
    """The six working principles with how they work, how to apply them and what to watch for."""
    cat = _catalogue(cat)
    rows = []
    for e in cat.by_kind("werkzaam_principe"):
        rows.append({"id": e.id, "principe": e.name_nl, "hoe_werkt_het": e.attr("hoe_werkt_het", ""),
                     "hoe_toepassen": list(e.attr("hoe_toepassen", ())),
                     "waar_op_letten": list(e.attr("waar_op_letten", ())),
                     "bron": f"Leerkring Brabant-Zeeland, {e.source.section}"})
    return pd.DataFrame(rows)


def _full_id(key: str, ids: Sequence[str], prefix: str, *, file, what: str) -> str:
    if key in ids:
        return key
    if f"{prefix}{key}" in ids:
        return f"{prefix}{key}"
    adjective = "onbekend" if what == "principe" else "onbekende"
    raise InputError(f"{adjective} {what} {key!r}; toegestaan: {', '.join(i.rsplit('.', 1)[-1] for i in ids)}",
                     file=file, column=f"{'startvragen' if what == 'startvraag' else 'principes'}.{key}")


def _intervention_name(interventie: str, cat, eigen=None) -> str:
    if interventie in cat:
        return cat.get(interventie).name_nl
    for i in eigen or ():
        if i.id == interventie:
            return i.naam
    raise InputError(f"onbekende interventie {interventie!r}; gebruik een catalogus-id (lk.iv.*, ib.aanpak.*) of "
                     "een eigen interventie (eigen.*)", column="interventie")


def new_worksheet(interventie: str, *, gebied: str = "", cat=None, eigen=None) -> Worksheet:
    """An empty worksheet for an intervention of the catalogue view (or one of ``eigen``)."""
    cat = _catalogue(cat)
    ws = Worksheet(interventie=interventie, interventie_naam=_intervention_name(interventie, cat, eigen),
                   gebied=gebied, datum=dt.date.today())
    ws.startvragen = {e.id: "" for e in cat.by_kind("startvraag")}
    ws.principes = {e.id: {"aanwezig": "onbekend", "hoe": ""} for e in cat.by_kind("werkzaam_principe")}
    return ws


def worksheet_path(folder: str | Path, interventie: str) -> Path:
    """The file of an intervention's worksheet in ``folder``: ``werkblad_<slug>.yaml``."""
    return Path(folder) / f"werkblad_{slug(interventie)}.yaml"


def save_worksheet(ws: Worksheet, target: str | Path) -> Path:
    """Save atomically; ``target`` is a folder (file name from the intervention id) or a ``.yaml`` path."""
    target = Path(target)
    path = target if target.suffix.lower() in (".yaml", ".yml") else worksheet_path(target, ws.interventie)
    header = ("Werkblad werkzame principes (wijklib). Beantwoord de startvragen bij voorkeur samen met de "
              "'eigenaar' van de interventie.\nGeen namen van personen: noteer rollen en organisaties.")
    return atomic_write_yaml(path, ws.to_dict(), header=header)


def load_worksheet(path: str | Path, *, cat=None) -> Worksheet:
    """Read and validate a worksheet file.

    Raises
    ------
    InputError
        Unknown keys, start questions or principles, a presence value other than ja/deels/nee/onbekend, a context
        similarity outside 1-5, a bad date; naming the file and the key.
    """
    cat = _catalogue(cat)
    path = Path(path)
    data = read_yaml(path, what="werkblad")
    if not isinstance(data, dict):
        raise InputError("verwacht een mapping met onder meer 'interventie', 'startvragen' en 'principes'", file=path)
    unknown = [k for k in data if k not in _FIELDS]
    if unknown:
        raise InputError(f"onbekend veld {unknown[0]!r}; toegestaan: {', '.join(_FIELDS)}", file=path,
                         column=unknown[0])
    if is_empty(data.get("interventie")):
        raise InputError("verplicht veld 'interventie' ontbreekt", file=path, column="interventie")
    sq_ids = [e.id for e in cat.by_kind("startvraag")]
    wp_ids = [e.id for e in cat.by_kind("werkzaam_principe")]
    answers = {i: "" for i in sq_ids}
    raw_sq = data.get("startvragen") or {}
    if not isinstance(raw_sq, dict):
        raise InputError("'startvragen' moet een mapping zijn: startvraag -> antwoord", file=path, column="startvragen")
    for key, value in raw_sq.items():
        answers[_full_id(str(key), sq_ids, "lk.sv.", file=path, what="startvraag")] = \
            "" if is_empty(value) else cell_text(value)
    principles = {i: {"aanwezig": "onbekend", "hoe": ""} for i in wp_ids}
    raw_wp = data.get("principes") or {}
    if not isinstance(raw_wp, dict):
        raise InputError("'principes' moet een mapping zijn: principe -> {aanwezig, hoe}", file=path, column="principes")
    for key, value in raw_wp.items():
        wid = _full_id(str(key), wp_ids, "lk.wp.", file=path, what="principe")
        value = value if isinstance(value, dict) else {"aanwezig": value}
        extra = [k for k in value if k not in ("aanwezig", "hoe")]
        if extra:
            raise InputError(f"onbekend veld {extra[0]!r}; per principe alleen 'aanwezig' en 'hoe'", file=path,
                             column=f"principes.{key}.{extra[0]}")
        presence = "onbekend" if is_empty(value.get("aanwezig")) else cell_text(value["aanwezig"]).lower()
        presence = {"true": "ja", "false": "nee"}.get(presence, presence)
        if presence not in AANWEZIG:
            raise InputError(f"aanwezig moet {', '.join(AANWEZIG)} zijn, niet {value.get('aanwezig')!r}", file=path,
                             column=f"principes.{key}.aanwezig")
        principles[wid] = {"aanwezig": presence, "hoe": "" if is_empty(value.get("hoe")) else cell_text(value["hoe"])}
    sim = data.get("contextgelijkenis")
    if not is_empty(sim):
        if isinstance(sim, bool) or not isinstance(sim, int) or not 1 <= sim <= 5:
            raise InputError(f"contextgelijkenis moet een geheel getal van 1 tot en met 5 zijn (of leeg), niet {sim!r}",
                             file=path, column="contextgelijkenis")
    else:
        sim = None
    datum = None
    if not is_empty(data.get("datum")):
        try:
            datum = parse_date(data["datum"])
        except ValueError as exc:
            raise InputError(str(exc), file=path, column="datum") from None
    roles = data.get("ingevuld_door") or []
    if isinstance(roles, str):
        roles = [r.strip() for r in roles.split(",") if r.strip()]
    return Worksheet(interventie=cell_text(data["interventie"]),
                     interventie_naam=cell_text(data.get("interventie_naam") or data["interventie"]),
                     gebied=cell_text(data.get("gebied") or ""), datum=datum,
                     ingevuld_door=[cell_text(r) for r in roles], eigenaar=cell_text(data.get("eigenaar") or ""),
                     startvragen=answers, contextgelijkenis=sim, principes=principles,
                     notities=cell_text(data.get("notities") or ""))


def load_worksheets(folder: str | Path, *, cat=None) -> list[Worksheet]:
    """All worksheets (``werkblad_*.yaml``) in a folder, sorted by file name."""
    folder = Path(folder)
    if not folder.exists():
        return []
    return [load_worksheet(p, cat=cat) for p in sorted(folder.glob("werkblad_*.yaml"))]


def worksheet_markdown(ws: Worksheet, *, cat=None) -> str:
    """A Dutch summary: answers, principles found, the context comparison and what to do next."""
    cat = _catalogue(cat)
    lines = [f"### Werkblad: {ws.interventie_naam}", ""]
    meta = [f"gebied: {ws.gebied}" if ws.gebied else "", f"datum: {ws.datum}" if ws.datum else "",
            f"ingevuld door: {', '.join(ws.ingevuld_door)}" if ws.ingevuld_door else "",
            f"eigenaar elders: {ws.eigenaar}" if ws.eigenaar else ""]
    if any(meta):
        lines += ["*" + "; ".join(m for m in meta if m) + "*", ""]
    lines.append(f"**Startvragen** ({ws.n_beantwoord} van {len(ws.startvragen)} beantwoord)")
    for e in cat.by_kind("startvraag"):
        answer = ws.startvragen.get(e.id, "").strip()
        lines.append(f"{e.order}. *{e.attr('vraag', e.name_nl)}*  \n   {answer or '— nog niet beantwoord'}")
    lines.append("")
    found = [(cat.get(k).name_nl, v) for k, v in ws.principes.items() if v["aanwezig"] in ("ja", "deels")]
    lines.append("**Werkzame principes in deze interventie**")
    if found:
        lines += [f"- {name} ({v['aanwezig']}){': ' + v['hoe'] if v['hoe'] else ''}" for name, v in found]
    else:
        lines.append("- nog geen principe herkend")
    unknown = [cat.get(k).name_nl for k, v in ws.principes.items() if v["aanwezig"] == "onbekend"]
    if unknown:
        lines.append(f"- nog niet bekeken: {', '.join(unknown)}")
    if ws.interventie in cat:
        linked = [t.name_nl for t in cat.targets(ws.interventie, "principe")]
        if linked:
            lines.append(f"- de catalogus koppelt (interpretatie): {', '.join(linked)}")
    lines.append("")
    if ws.contextgelijkenis is None:
        lines.append("**Context**: nog niet ingeschat (startvraag 6).")
    else:
        advice = ("de situatie verschilt sterk: neem alleen de werkzame principes over en ontwerp de uitvoering "
                  "opnieuw" if ws.contextgelijkenis <= 2 else
                  "deels vergelijkbaar: pas doelgroep en plek bewust aan (startvraag 7)" if ws.contextgelijkenis == 3
                  else "goed vergelijkbaar: overnemen met kleine aanpassingen ligt voor de hand")
        lines.append(f"**Context**: {ws.contextgelijkenis} van 5 ({CONTEXT_LABELS[ws.contextgelijkenis]}); {advice}.")
    if ws.notities:
        lines += ["", f"**Notities**: {ws.notities}"]
    return "\n".join(lines)


def worksheets_frame(worksheets: Sequence[Worksheet], *, cat=None) -> pd.DataFrame:
    """Overview of several worksheets: intervention, answered questions, principles found, context."""
    cat = _catalogue(cat)
    rows = []
    for ws in worksheets:
        found = [cat.get(k).name_nl for k, v in ws.principes.items() if v["aanwezig"] == "ja"]
        partly = [cat.get(k).name_nl for k, v in ws.principes.items() if v["aanwezig"] == "deels"]
        rows.append({"interventie": ws.interventie_naam, "gebied": ws.gebied,
                     "startvragen": f"{ws.n_beantwoord}/{len(ws.startvragen)}", "principes_ja": ", ".join(found),
                     "principes_deels": ", ".join(partly), "contextgelijkenis": ws.contextgelijkenis,
                     "datum": ws.datum})
    return pd.DataFrame(rows)
