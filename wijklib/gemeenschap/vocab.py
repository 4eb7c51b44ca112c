"""The workbench's vocabulary, taken from the catalogue (never retyped).

Every list a user picks from in the workbench is a set of catalogue entries of the Handreiking Weerbare
gemeenschappen (004) or the Inspiratieboek (001):

==========================  =========================================================================
kind                        used for
==========================  =========================================================================
``kennismakingsmethode``    the acquaintance log (16 ways of getting to know area and community)
``sleutelpersoon_type``     the key-person register
``weerbaarheidsfactor``     the assessment of the 10 resilience factors
``weerbaarheidsactiviteit`` the activity plan (14 example activities, step 10)
``samenwerkingsvorm``       the cooperation form of a plan row (step 10)
``handreiking_ladder_trede`` the participation level of a plan row (step 10)
``roltaak``/``rolcompetentie`` the self-assessment of wijkverbinder and gemeenteverbinder
``handreiking_stap``        the 12 steps every record links to
``signaal``                 the 61 signals of 001 (signals table, barrier worksheet)
``fenomeen_ondermijning``   the phenomena of 001 (barrier worksheet)
==========================  =========================================================================

:func:`resolve` accepts a catalogue id, a code (``M4``, ``SG-07``), the Dutch name, or a dropdown value
``"<code> <name>"``/``"<id> - <name>"`` and returns the catalogue id.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wijklib.io.tables import fold

__all__ = [
    "ROLES",
    "STEP_KIND",
    "catalogue",
    "choice_label",
    "choices",
    "entries",
    "resolve",
    "step_id",
    "step_numbers",
]

#: The kind of the 12 steps of 004.
STEP_KIND = "handreiking_stap"
#: The two roles whose tasks and competences are self-assessed (catalogue ids).
ROLES = ("hr.rol.wijkverbinder", "hr.rol.gemeenteverbinder")


@lru_cache(maxsize=1)
def _default_catalogue():
    from wijklib.catalogue import load_catalogue

    return load_catalogue()


def catalogue(cat=None):
    """The given catalogue or the default one (loaded once)."""
    return _default_catalogue() if cat is None else cat


def entries(kind: str, cat=None, *, parent: str | None = None):
    """Catalogue entries of one kind, in document order."""
    return catalogue(cat).by_kind(kind, parent=parent)


def _code(entry) -> str:
    code = entry.attr("code")
    return str(code) if code else ""


def choice_label(entry) -> str:
    """The dropdown text of an entry: ``"M4 Sociale kaart"``, ``"SG-07 ..."`` or ``"<id> - <name>"``.

    :func:`resolve` reads every form back.
    """
    code = _code(entry)
    if re.fullmatch(r"[A-Z]{1,3}-?\d{1,3}", code):
        return f"{code} {entry.name_nl}"
    return f"{entry.id} - {entry.name_nl}"


def choices(kind: str, cat=None, *, parent: str | None = None) -> tuple[str, ...]:
    """The dropdown texts of all entries of a kind (see :func:`choice_label`)."""
    return tuple(choice_label(e) for e in entries(kind, cat, parent=parent))


def _norm_code(text: str) -> str:
    return re.sub(r"[\s\-_.]", "", text.casefold())


def resolve(value: object, kind: str, cat=None, *, parent: str | None = None) -> str:
    """The catalogue id of an entry of ``kind`` named by ``value``.

    Parameters
    ----------
    value : object
        An id (``hr.km.sociale_kaart``), a code (``M4``, ``sg07``, ``SG-07``), the Dutch name (any case or
        accents) or a dropdown text ``"M4 Sociale kaart"`` / ``"hr.sv.x - Naam"``.
    kind : str
        The catalogue kind.
    parent : str, optional
        Only entries with this parent (for example the tasks of one role).

    Raises
    ------
    ValueError
        With a Dutch message when nothing matches (lists some of the allowed values).
    """
    text = str(value).strip()
    pool = entries(kind, cat, parent=parent)
    by_id = {e.id: e.id for e in pool}
    if text in by_id:
        return text
    head = text.split(" - ", 1)[0].strip()
    if head in by_id:
        return head
    codes = {_norm_code(_code(e)): e.id for e in pool if _code(e)}  # M4, SG-07, also long codes
    first = text.split(" ", 1)[0]
    for candidate in (text, first):
        if _norm_code(candidate) in codes:
            return codes[_norm_code(candidate)]
    names = {fold(e.name_nl): e.id for e in pool}
    if fold(text) in names:
        return names[fold(text)]
    shown = ", ".join(choice_label(e) for e in pool[:6])
    more = f" (en {len(pool) - 6} meer)" if len(pool) > 6 else ""
    raise ValueError(f"onbekende waarde {text!r}; kies uit de lijst, bv. {shown}{more}")


def step_id(number: int) -> str:
    """The catalogue id of step ``number`` (1-12) of 004: ``hr.stap.s05``."""
    return f"hr.stap.s{int(number):02d}"


def step_numbers(entry_id: str, cat=None) -> tuple[int, ...]:
    """The steps (1-12) of 004 an entry belongs to, from the catalogue itself.

    Uses, in this order: the entry's ``stap`` references, the step of the action it belongs to (``bij_actie``),
    its parent step, and the ``stap`` attribute of a role task. Empty when the catalogue links no step.
    """
    cat = catalogue(cat)
    entry = cat.get(entry_id)
    found: list[int] = []

    def add_step(eid: str) -> None:
        node = cat.get(eid)
        while node is not None and node.kind != STEP_KIND:
            node = cat.parent_of(node.id)
        if node is not None and node.attr("nummer") not in found:
            found.append(int(node.attr("nummer")))

    for ref in entry.refs:
        if ref.rel in ("stap", "bij_actie"):
            add_step(ref.target)
    if entry.parent:
        add_step(entry.parent)
    if entry.kind == "roltaak" and entry.attr("stap") and int(entry.attr("stap")) not in found:
        found.append(int(entry.attr("stap")))
    return tuple(sorted(found))
