"""Case material on the fictional gemeente Lindewaard (``wijklib/training/materiaal/lindewaard_casussen.yaml``).

Every case is fictional (marked FICTIEF), set in a buurt or wijk of the demo gemeente and inspired by a practice
story of one of the source documents (001 inspiratieboek, 003 Praktijkhandboek, 004 Handreiking), retold in own
words. The loader checks that the file says ``fictief: true``, that every title carries "FICTIEF", that the area
codes exist in the demo gemeente and that every catalogue id (principles, preconditions, practice approaches)
resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from wijklib.errors import InputError
from wijklib.io.yaml import load_yaml

__all__ = ["Case", "load_cases", "load_fictional", "get_case", "cases_frame", "case_markdown", "CASES_FILE",
           "SOURCE_DOCUMENTS"]

#: Source documents the cases may be inspired by.
SOURCE_DOCUMENTS = {"001": "Inspiratieboek Ondermijning in de wijk", "003": "Praktijkhandboek wijkaanpak",
                    "004": "Handreiking weerbare gemeenschappen"}
_REQUIRED = ("id", "titel", "gebied", "geinspireerd_op", "verhaal", "knelpunten", "vragen", "principes",
             "kernprincipe", "randvoorwaarden")


def _cases_file() -> Path:
    from wijklib.training.data import CASE_DIR

    return CASE_DIR / "lindewaard_casussen.yaml"


CASES_FILE = _cases_file()


@dataclass(frozen=True)
class Case:
    """One fictional case."""

    id: str
    titel: str
    gebied: str
    geinspireerd_op: tuple[dict, ...]
    verhaal: str
    knelpunten: tuple[str, ...]
    vragen: tuple[str, ...]
    principes: tuple[str, ...] = field(repr=False)  # the trainer's interpretation: not shown when printed
    kernprincipe: str = field(repr=False)
    randvoorwaarden: tuple[str, ...]


def load_fictional(path: Path, *, what: str) -> dict[str, Any]:
    """Read training material (YAML) that must say ``fictief: true``: cases and interviews are always made up.

    Raises
    ------
    InputError
        What :func:`wijklib.io.yaml.load_yaml` refuses, or the marker ``fictief: true`` missing.
    """
    data: dict[str, Any] = load_yaml(path, what=what)
    if data.get("fictief") is not True:
        raise InputError(f"{what}: het bestand moet 'fictief: true' bevatten: trainingsmateriaal is altijd verzonnen",
                         file=path, column="fictief")
    return data


def load_cases(path: str | Path | None = None, *, check_references: bool = True) -> list[Case]:
    """Read and check the case file.

    Parameters
    ----------
    path : path, optional
        Default :data:`CASES_FILE`.
    check_references : bool
        Check area codes against the demo gemeente and ids against the catalogue.

    Raises
    ------
    InputError
        Naming the file, the case number and the field: missing field, no FICTIEF marker, unknown area or id.
    """
    path = Path(path) if path else CASES_FILE
    data = load_fictional(path, what="casusbestand")
    raw = data.get("casussen")
    if not isinstance(raw, list) or not raw:
        raise InputError("geen casussen gevonden; verwacht een lijst onder 'casussen'", file=path, column="casussen")
    cases: list[Case] = []
    seen: set[str] = set()
    for i, c in enumerate(raw, start=1):
        if not isinstance(c, dict):
            raise InputError("verwacht een casus met velden", file=path, row=i)
        for key in _REQUIRED:
            if not c.get(key):
                raise InputError(f"veld '{key}' ontbreekt of is leeg", file=path, row=i, column=key)
        if c["id"] in seen:
            raise InputError(f"dubbel id {c['id']!r}", file=path, row=i, column="id")
        seen.add(c["id"])
        if "FICTIEF" not in str(c["titel"]):
            raise InputError("de titel moet 'FICTIEF' bevatten", file=path, row=i, column="titel")
        for src in c["geinspireerd_op"]:
            if str(src.get("document")) not in SOURCE_DOCUMENTS or not src.get("onderdeel"):
                raise InputError(f"bron {src!r}: verwacht document 001, 003 of 004 en een onderdeel (paragraaf)",
                                 file=path, row=i, column="geinspireerd_op")
        if c["kernprincipe"] not in c["principes"]:
            raise InputError("het kernprincipe moet ook in 'principes' staan", file=path, row=i, column="kernprincipe")
        cases.append(Case(id=str(c["id"]), titel=str(c["titel"]), gebied=str(c["gebied"]),
                          geinspireerd_op=tuple(dict(s) for s in c["geinspireerd_op"]), verhaal=str(c["verhaal"]),
                          knelpunten=tuple(map(str, c["knelpunten"])), vragen=tuple(map(str, c["vragen"])),
                          principes=tuple(map(str, c["principes"])), kernprincipe=str(c["kernprincipe"]),
                          randvoorwaarden=tuple(map(str, c["randvoorwaarden"]))))
    if check_references:
        _check_references(cases, path)
    return cases


def _check_references(cases: list[Case], path: Path) -> None:
    from wijklib.catalogue import load_catalogue
    from wijklib.training.data import demo_werkset

    cat = load_catalogue()
    ws = demo_werkset()
    areas = set(ws.buurten["area_code"]) | set(ws.wijken["area_code"]) | {ws.gemeente_code}
    expected_kind = {"principes": "werkzaam_principe", "randvoorwaarden": "randvoorwaarde"}
    for i, case in enumerate(cases, start=1):
        if case.gebied not in areas:
            raise InputError(f"gebied {case.gebied!r} bestaat niet in de demogemeente Lindewaard", file=path, row=i,
                             column="gebied")
        for field_name, kind in expected_kind.items():
            for ref in getattr(case, field_name):
                try:
                    entry = cat.get(ref)
                except KeyError:
                    raise InputError(f"onbekend id {ref!r} in de catalogus", file=path, row=i,
                                     column=field_name) from None
                if entry.kind != kind:
                    raise InputError(f"{ref!r} is een {entry.kind}, verwacht {kind}", file=path, row=i,
                                     column=field_name)
        for src in case.geinspireerd_op:
            if src.get("catalogus"):
                try:
                    cat.get(src["catalogus"])
                except KeyError:
                    raise InputError(f"onbekend id {src['catalogus']!r} in de catalogus", file=path, row=i,
                                     column="geinspireerd_op") from None


def get_case(case_id: str, cases: list[Case] | None = None) -> Case:
    """The case with this id (KeyError with the known ids otherwise)."""
    cases = cases if cases is not None else load_cases()
    for c in cases:
        if c.id == case_id:
            return c
    raise KeyError(f"onbekende casus {case_id!r}; bekend: {', '.join(c.id for c in cases)}")


def cases_frame(cases: list[Case] | None = None) -> pd.DataFrame:
    """Overview table: id, titel, gebied (with name), bron, principes (names)."""
    from wijklib.catalogue import load_catalogue
    from wijklib.training.data import demo_werkset

    cases = cases if cases is not None else load_cases()
    cat = load_catalogue()
    names = demo_werkset().names
    return pd.DataFrame([{
        "id": c.id, "titel": c.titel, "gebied": f"{names.get(c.gebied, c.gebied)} ({c.gebied})",
        "geïnspireerd op": "; ".join(f"{SOURCE_DOCUMENTS[s['document']]}, {s['onderdeel']}"
                                     for s in c.geinspireerd_op),
        "randvoorwaarden": ", ".join(cat.get(r).name_nl for r in c.randvoorwaarden),
    } for c in cases])


def case_markdown(case: Case) -> str:
    """A case as Markdown for display in a notebook, without the trainer's interpretation.

    The interpretation (principles, core principle) is answer material: only the trainer's cells show it, with
    ``wijklib.training.answers._interpretation_markdown``.
    """
    from wijklib.training.data import demo_werkset

    name = demo_werkset().names.get(case.gebied, case.gebied)
    lines: list[Any] = [f"### {case.titel}", "",
                        f"*Gebied: {name} ({case.gebied}), fictieve gemeente Lindewaard. Geïnspireerd op: "
                        + "; ".join(f"{SOURCE_DOCUMENTS[s['document']]} ({s['document']}), {s['onderdeel']}"
                                    for s in case.geinspireerd_op) + ".*", "", case.verhaal, "", "**Knelpunten**"]
    lines += [f"- {k}" for k in case.knelpunten] + ["", "**Vragen voor de groep**"]
    lines += [f"{n}. {v}" for n, v in enumerate(case.vragen, start=1)]
    return "\n".join(lines)
