"""Self-checks for the training notebooks: ``check("oefening_2_1", antwoord)`` prints Dutch feedback.

Every exercise is an :class:`Exercise` in a registry. Its expected answer is computed from the data (the demo
gemeente, the catalogue, the case material) when the check runs, so a change in the data cannot leave a stale
answer behind; only quiz answers that are a rule or a judgement (not derivable) are written down.

A check never raises for a wrong or missing answer unless it is strict: ``streng=True``, or the environment
variable ``WIJKLIB_OEFENINGEN_STRENG=1`` (used by the tests to prove that the solution version passes every
check). A learner version with ``antwoord = None  # vul in`` therefore runs to the end under papermill.

Examples
--------
>>> from wijklib.training.checks import Exercise, register, check, EXERCISES
>>> _ = register(Exercise("voorbeeld_0_1", "00", "Hoeveel is 2 + 2?", "getal", lambda: 4, tip="Tel op."))
>>> r = check("voorbeeld_0_1", 4)
Goed zo: het antwoord is 4.
>>> bool(r)
True
>>> _ = check("voorbeeld_0_1", None)
Nog niet: je hebt nog geen antwoord ingevuld (de invulcel staat nog op None). Tip: Tel op.
>>> _ = check("voorbeeld_0_9", 4)       # doctest: +NORMALIZE_WHITESPACE
Let op: de oefening 'voorbeeld_0_9' bestaat niet. Kies uit (in dit notebook): voorbeeld_0_1. Kijk of de naam in
check(...) goed is overgenomen.
>>> del EXERCISES["voorbeeld_0_1"]
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

__all__ = ["Exercise", "CheckResult", "ExerciseNotPassed", "UnknownExercise", "EXERCISES", "STRICT_ENV", "register", "check",
           "progress", "reset_progress", "fold", "as_list"]

#: Environment variable that makes every check strict (raise on a wrong answer).
STRICT_ENV = "WIJKLIB_OEFENINGEN_STRENG"

#: Kinds of answers :func:`check` can compare.
KINDS = ("getal", "buurt", "buurten", "catalogus", "keuze", "tekst", "nummers", "eigen")


class ExerciseNotPassed(AssertionError):
    """Raised by a strict check when the answer is not (yet) right; the message is the Dutch feedback."""


class UnknownExercise(KeyError):
    """Raised by a strict check for an exercise id that does not exist; the message (Dutch) lists the valid ids."""

    def __str__(self) -> str:  # KeyError would show the message in quotes, with escapes
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Exercise:
    """One exercise with a self-check.

    Parameters
    ----------
    id : str
        ``oefening_<notebook>_<n>``, the name used in ``check(...)``.
    notebook : str
        Number of the training notebook ("01" ... "07").
    question : str
        The question in Dutch (short; the notebook gives the full text).
    kind : str
        How answers are compared, one of :data:`KINDS`: ``getal`` (number, ``tolerance``), ``buurt`` (one buurt
        by name or code), ``buurten`` (a set of buurten), ``catalogus`` (a catalogue entry by id or name),
        ``keuze`` (a letter of a multiple-choice question), ``tekst`` (one of several accepted texts), ``nummers``
        (a set of whole numbers) or ``eigen`` (the ``judge`` function decides).
    expected : callable
        Computes the expected answer (for ``buurt``/``catalogus``/``tekst``: a string or a set of accepted
        values; for ``buurten``/``nummers``: a set).
    tip : str
        Dutch hint shown with "Nog niet".
    explain : callable, optional
        ``explain(expected) -> str``: Dutch text after "Goed zo:"; default states the answer.
    judge : callable, optional
        For ``kind="eigen"``: ``judge(answer, expected, context) -> (ok, message)``.
    tolerance : float
        Absolute tolerance for ``getal``.
    """

    id: str
    notebook: str
    question: str
    kind: str
    expected: Callable[[], Any]
    tip: str = ""
    explain: Callable[[Any], str] | None = None
    judge: Callable[[Any, Any, Mapping[str, Any]], tuple[bool, str]] | None = None
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"onbekende soort oefening {self.kind!r}; kies uit {', '.join(KINDS)}")
        if self.kind == "eigen" and self.judge is None:
            raise ValueError(f"oefening {self.id}: soort 'eigen' vraagt een beoordelingsfunctie (judge)")


@dataclass
class CheckResult:
    """Outcome of a check: truthy when the answer is right. Displays nothing (the feedback is printed)."""

    exercise: str
    ok: bool
    message: str
    answered: bool = True

    def __bool__(self) -> bool:
        return self.ok

    def _ipython_display_(self) -> None:  # the feedback is already printed; do not show the object as well
        return None


#: All registered exercises by id.
EXERCISES: dict[str, Exercise] = {}
_PROGRESS: dict[str, bool] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to :data:`EXERCISES` (an id may be registered once)."""
    if exercise.id in EXERCISES:
        raise ValueError(f"oefening {exercise.id!r} bestaat al")
    EXERCISES[exercise.id] = exercise
    return exercise


def _strict_from_env() -> bool:
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "ja", "yes")


def check(exercise_id: str, antwoord: Any, *, streng: bool | None = None, **context: Any) -> CheckResult:
    """Check an answer and print Dutch feedback ("Goed zo: ..." or "Nog niet: ... Tip: ...").

    Parameters
    ----------
    exercise_id : str
        For example ``"oefening_2_1"``.
    antwoord : any
        The learner's answer; ``None`` means "not filled in yet".
    streng : bool, optional
        Raise :class:`ExerciseNotPassed` when the answer is not right. Default: the environment variable
        ``WIJKLIB_OEFENINGEN_STRENG``.
    **context
        Extra input some exercises need (for example the actor table for the relation exercise).

    Returns
    -------
    CheckResult

    Raises
    ------
    UnknownExercise
        Only when strict and the exercise id does not exist (a :class:`KeyError` with a Dutch message listing
        the valid ids). Otherwise that message is printed and the result is not ok.
    ExerciseNotPassed
        Only when strict and the answer is missing or wrong.
    """
    strict = _strict_from_env() if streng is None else bool(streng)
    if exercise_id not in EXERCISES:
        message = _unknown_message(exercise_id)
        if strict:
            raise UnknownExercise(message)
        print(message)
        return CheckResult(str(exercise_id), False, message, answered=False)
    ex = EXERCISES[exercise_id]
    tip = f" Tip: {ex.tip}" if ex.tip else ""
    if _is_empty(antwoord):
        result = CheckResult(ex.id, False,
                             f"Nog niet: je hebt nog geen antwoord ingevuld (de invulcel staat nog op None).{tip}",
                             answered=False)
    else:
        try:
            expected = ex.expected()
        except Exception as exc:  # noqa: BLE001 - shown to the learner, re-raised when strict
            result = CheckResult(ex.id, False, f"Nog niet: deze oefening kan nu niet worden nagekeken ({exc}).")
        else:
            ok, detail = _compare(ex, antwoord, expected, context)
            if ok:
                text = ex.explain(expected) if ex.explain else detail
                result = CheckResult(ex.id, True, f"Goed zo: {text}")
            else:
                result = CheckResult(ex.id, False, f"Nog niet: {detail}{tip}")
    _PROGRESS[ex.id] = result.ok
    print(result.message)
    if strict and not result.ok:
        raise ExerciseNotPassed(f"{ex.id}: {result.message}")
    return result


def _unknown_message(exercise_id: Any) -> str:
    """Dutch message for an unknown id: the ids of the same notebook if recognisable, otherwise all ids."""
    prefix = str(exercise_id).rsplit("_", 1)[0]
    same = sorted(k for k in EXERCISES if k.rsplit("_", 1)[0] == prefix)
    valid = same or sorted(EXERCISES)
    where = "in dit notebook" if same else "bekend"
    return (f"Let op: de oefening {str(exercise_id)!r} bestaat niet. Kies uit ({where}): {', '.join(valid)}. "
            "Kijk of de naam in check(...) goed is overgenomen.")


def progress(notebook: str | None = None):
    """Table of the exercises (of one notebook) and whether they were checked right in this session."""
    import pandas as pd

    rows = [{"oefening": ex.id, "notebook": ex.notebook, "vraag": ex.question,
             "status": {True: "goed", False: "nog niet"}.get(_PROGRESS.get(ex.id), "niet nagekeken")}
            for ex in sorted(EXERCISES.values(), key=lambda e: e.id) if notebook is None or ex.notebook == notebook]
    return pd.DataFrame(rows, columns=["oefening", "notebook", "vraag", "status"])


def reset_progress() -> None:
    """Forget which exercises were checked (for tests)."""
    _PROGRESS.clear()


# -- comparison ---------------------------------------------------------------------------------------------------


def fold(text: Any) -> str:
    """Lower case, no accents, single spaces, no surrounding punctuation: for lenient comparison of names."""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" .,;:!?'\"")


def as_list(value: Any) -> list:
    """A learner's answer as a list: strings and numbers become one-item lists; sets, tuples, Series stay items."""
    if isinstance(value, (str, bytes, int, float)):
        return [value]
    if isinstance(value, Mapping):
        return list(value)
    try:
        return list(value)
    except TypeError:
        return [value]


def _is_empty(value: Any) -> bool:
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def _as_set(expected: Any) -> set:
    if isinstance(expected, (set, frozenset)):
        return set(expected)
    if isinstance(expected, (list, tuple)):
        return set(expected)
    return {expected}


def _compare(ex: Exercise, answer: Any, expected: Any, context: Mapping[str, Any]) -> tuple[bool, str]:
    if ex.kind == "eigen":
        return ex.judge(answer, expected, context)  # type: ignore[misc]
    if ex.kind == "getal":
        return _compare_number(answer, expected, ex.tolerance)
    if ex.kind == "buurt":
        return _compare_one(answer, _as_set(expected), _buurt_resolver(), "buurt van Lindewaard",
                            "gebruik de naam (bijvoorbeeld 'Merelhof') of de buurtcode (BU...)", _buurt_name)
    if ex.kind == "buurten":
        return _compare_set(answer, set(expected), _buurt_resolver(), "buurt van Lindewaard", _buurt_name)
    if ex.kind == "catalogus":
        return _compare_one(answer, _as_set(expected), _catalogue_resolver(), "ingang van de catalogus",
                            "gebruik de naam zoals in de tabel of het id (bijvoorbeeld 'lk.rv.urgentiebesef')",
                            _catalogue_name)
    if ex.kind == "keuze":
        return _compare_choice(answer, expected)
    if ex.kind == "tekst":
        accepted = {fold(e) for e in _as_set(expected)}
        if fold(answer) in accepted:
            return True, f"het antwoord is {answer}."
        return False, f"'{answer}' is niet het antwoord dat we zoeken."
    if ex.kind == "nummers":
        return _compare_numbers(answer, set(expected))
    raise ValueError(ex.kind)  # pragma: no cover - guarded in Exercise


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return float(value)
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}".replace(".", ",")


def _compare_number(answer: Any, expected: Any, tolerance: float) -> tuple[bool, str]:
    value = _to_number(answer)
    if value is None:
        return False, f"verwacht een getal, maar het antwoord is {answer!r}."
    exp = float(expected)
    if abs(value - exp) <= tolerance + 1e-9:
        return True, f"het antwoord is {_fmt(exp)}."
    return False, f"{_fmt(value)} is te {'hoog' if value > exp else 'laag'}."


def _compare_choice(answer: Any, expected: Any) -> tuple[bool, str]:
    given = fold(answer).strip("()")
    if len(given) != 1 or not given.isalpha():
        return False, f"geef de letter van je keuze (bijvoorbeeld 'b'), niet {answer!r}."
    if given == fold(expected):
        return True, f"het juiste antwoord is {fold(expected)}."
    return False, f"{given} is niet het beste antwoord."


def _compare_numbers(answer: Any, expected: set) -> tuple[bool, str]:
    got = set()
    for item in as_list(answer):
        v = _to_number(item)
        if v is None or not float(v).is_integer():
            return False, f"geef een lijst met nummers, bijvoorbeeld [1, 3]; {item!r} is geen nummer."
        got.add(int(v))
    exp = {int(e) for e in expected}
    if got == exp:
        return True, f"het zijn de nummers {', '.join(map(str, sorted(exp)))}."
    return False, _set_feedback(len(got & exp), len(exp - got), len(got - exp))


def _set_feedback(right: int, missing: int, extra: int) -> str:
    parts = [f"{right} goed"]
    if missing:
        parts.append(f"je mist er nog {missing}")
    if extra:
        parts.append(f"{extra} {'hoort' if extra == 1 else 'horen'} er niet bij")
    return ", ".join(parts) + "."


def _ambiguous(item: Any, candidates: list[str], name: Callable[[str], str]) -> str:
    shown = ", ".join(name(c) for c in candidates[:5]) + (", ..." if len(candidates) > 5 else "")
    return f"'{item}' past bij meer dan één naam ({shown}); schrijf de naam voluit."


def _compare_one(answer: Any, accepted: set, resolve: Callable[[Any], Any], what: str, how: str,
                 name: Callable[[str], str]) -> tuple[bool, str]:
    items = as_list(answer)
    if len(items) != 1:
        return False, f"geef één antwoord, geen lijst van {len(items)}."
    code = resolve(items[0])
    if isinstance(code, list):
        return False, _ambiguous(items[0], code, name)
    if code is None:
        return False, f"'{items[0]}' herken ik niet als {what}; {how}."
    if code in accepted:
        return True, f"het is {name(code)}."
    return False, f"{name(code)} is niet het antwoord dat we zoeken."


def _compare_set(answer: Any, expected: set, resolve: Callable[[Any], Any], what: str,
                 name: Callable[[str], str]) -> tuple[bool, str]:
    if isinstance(answer, str) and "," in answer and resolve(answer) is None:
        parts = [p.strip() for p in answer.split(",") if p.strip()]
        example = "[" + ", ".join(repr(p) for p in parts[:3]) + "]"
        return False, (f"je gaf één tekst met komma's. Geef de namen als lijst, met elke naam tussen eigen "
                       f"aanhalingstekens: {example}.")
    got: set[str] = set()
    for item in as_list(answer):
        code = resolve(item)
        if isinstance(code, list):
            return False, _ambiguous(item, code, name)
        if code is None:
            return False, f"'{item}' herken ik niet als {what}; gebruik namen of codes, bijvoorbeeld ['Merelhof']."
        got.add(code)
    if got == expected:
        names = sorted(name(c) for c in expected)
        return True, ("het is " if len(names) == 1 else "het zijn ") + ", ".join(names) + "."
    return False, _set_feedback(len(got & expected), len(expected - got), len(got - expected))


# -- resolvers for buurten and catalogue entries (lazy: only load data when such a check runs) -----------------


#: Shortest text accepted as part of a buurt name ("Zwaan" for "Bedrijventerrein De Zwaan").
MIN_PARTIAL = 4


def _buurt_resolver() -> Callable[[Any], str | list[str] | None]:
    """Resolve a buurt by code, full name or an unambiguous part of its name (case and accents ignored).

    The resolver returns the code, ``None`` when nothing matches, or the sorted list of candidate codes when a
    part of a name fits more than one buurt.
    """
    from wijklib.training.data import demo_werkset

    ws = demo_werkset()
    codes = set(ws.buurten["area_code"])
    by_name = {fold(n): c for c, n in zip(ws.buurten["area_code"], ws.buurten["name"])}

    def resolve(value: Any) -> str | list[str] | None:
        text = str(value).strip()
        if text.upper() in codes:
            return text.upper()
        key = fold(text)
        if key in by_name:
            return by_name[key]
        if len(key) < MIN_PARTIAL:
            return None
        candidates = sorted({c for n, c in by_name.items() if key in n})
        if not candidates:
            return None
        return candidates[0] if len(candidates) == 1 else candidates

    return resolve


def _buurt_name(code: str) -> str:
    from wijklib.training.data import demo_werkset

    return f"{demo_werkset().names.get(code, code)} ({code})"


def _catalogue_resolver() -> Callable[[Any], str | None]:
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()

    def resolve(value: Any) -> str | None:
        text = str(value).strip()
        try:
            return cat.get(text).id
        except KeyError:
            pass
        key = fold(text)
        for entry in _all_entries(cat):
            if key in (fold(entry.name_nl), fold(entry.name_en or "")):
                return entry.id
        return None

    return resolve


def _all_entries(cat) -> Iterable:
    for kind in cat.kinds:
        yield from cat.by_kind(kind)


def _catalogue_name(entry_id: str) -> str:
    from wijklib.catalogue import load_catalogue

    return f"{load_catalogue().get(entry_id).name_nl} ({entry_id})"
