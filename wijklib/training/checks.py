"""Self-checks for the training notebooks: ``check("oefening_2_1", antwoord)`` prints Dutch feedback.

Every exercise is an :class:`Exercise` in a registry. The accepted answers, and why a wrong answer is wrong,
come from the answer key (:mod:`wijklib.training.answers`), the same list the facilitator guide shows; the tests
check that the key still matches the demo data.

A check never raises for a wrong or missing answer unless it is strict: ``streng=True``, or the environment
variable ``WIJKLIB_OEFENINGEN_STRENG=1`` (used by the tests to prove that the solution version passes every
check). A learner version with ``antwoord = None  # vul in`` therefore runs to the end under papermill.

Examples
--------
>>> from wijklib.training import check
>>> r = check("oefening_1_2", 4)      # doctest: +ELLIPSIS
Goed zo: het beslismoment ligt na stap 4 ...
>>> bool(r)
True
>>> _ = check("oefening_1_2", None)   # doctest: +ELLIPSIS
Vul je antwoord in: op de regel met '# vul in' of in het formulier hieronder ...
>>> _ = check("oefening_1_9", 4)      # doctest: +ELLIPSIS
Let op: de oefening 'oefening_1_9' bestaat niet. Kies uit (in dit notebook): oefening_1_1, ...
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from wijklib.errors import choices_nl

__all__ = ["Exercise", "CheckResult", "ExerciseNotPassed", "UnknownExercise", "EXERCISES", "STRICT_ENV", "register", "check",
           "progress", "reset_progress", "fold", "as_list"]

#: Environment variable that makes every check strict (raise on a wrong answer).
STRICT_ENV = "WIJKLIB_OEFENINGEN_STRENG"

#: Neutral prompt for an exercise without an answer (never "Nog niet": nothing was answered wrong).
EMPTY_PROMPT = ("Vul je antwoord in: op de regel met '# vul in' of in het formulier hieronder "
                "(klik dan op Controleer).")
#: The same prompt in Voilà, where there is no code cell to edit.
EMPTY_PROMPT_VOILA = "Vul je antwoord in het formulier in en klik op Controleer."

#: Kinds of answers :func:`check` can compare.
KINDS = ("getal", "buurt", "buurten", "catalogus", "keuze", "keuzes", "koppeling", "tekst", "nummers", "eigen")


class ExerciseNotPassed(AssertionError):
    """Raised by a strict check when the answer is not (yet) right; the message is the Dutch feedback."""


class UnknownExercise(KeyError):
    """Raised by a strict check for an exercise id that does not exist; the message (Dutch) lists the valid ids."""

    def __str__(self) -> str:  # KeyError would show the message in quotes, with escapes
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Exercise:
    """One exercise with a self-check. The accepted answers are not part of it: they live in the answer key
    (:mod:`wijklib.training.answers`), outside the learner folder.

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
        ``keuze`` (a letter of a multiple-choice question), ``keuzes`` (a set of catalogue entries),
        ``koppeling`` (a label per item, as a dict), ``tekst`` (one of several accepted texts), ``nummers`` (a
        set of whole numbers) or ``eigen`` (the ``judge`` function decides).
    tip : str
        Dutch hint shown with "Nog niet".
    judge : callable, optional
        For ``kind="eigen"``: ``judge(answer, context) -> (ok, message)``.
    tolerance : float
        Absolute tolerance for ``getal``.
    """

    id: str
    notebook: str
    question: str
    kind: str
    tip: str = ""
    judge: Callable[[Any, Mapping[str, Any]], tuple[bool, str]] | None = field(default=None, repr=False)
    tolerance: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"onbekende soort oefening {self.kind!r}; kies uit {choices_nl(KINDS)}")
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


def _in_voila() -> bool:
    """True in a kernel started by Voilà (it sets VOILA_* variables): there is no code cell to edit."""
    return bool(os.environ.get("VOILA_REQUEST_URL") or os.environ.get("VOILA_BASE_URL"))


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
        # a neutral prompt, not "Nog niet": an exercise nobody has answered yet is not a wrong answer
        result = CheckResult(ex.id, False, EMPTY_PROMPT_VOILA if _in_voila() else EMPTY_PROMPT, answered=False)
    else:
        try:
            entry = _entry(ex.id)
        except Exception as exc:  # noqa: BLE001 - shown to the learner, re-raised when strict
            result = CheckResult(ex.id, False, f"Nog niet: deze oefening kan nu niet worden nagekeken ({exc}).")
        else:
            ok, detail = _compare(ex, antwoord, entry, context)
            if ok:
                # an open exercise's judge says what it saw (e.g. relations to discuss); the key's text otherwise
                praise = detail if ex.kind == "eigen" and detail else entry.get("uitleg") or detail
                result = CheckResult(ex.id, True, f"Goed zo: {praise}")
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
    return (f"Let op: de oefening {str(exercise_id)!r} bestaat niet. Kies uit ({where}): {choices_nl(valid)}. "
            "Kijk of de naam in check(...) goed is overgenomen.")


#: What progress() shows for an exercise checked right (True) or wrong (False); unchecked is "niet nagekeken".
_STATUS: dict[bool | None, str] = {True: "goed", False: "nog niet"}


def progress(notebook: str | None = None):
    """Table of the exercises (of one notebook) and whether they were checked right in this session."""
    import pandas as pd

    rows = [{"oefening": ex.id, "notebook": ex.notebook, "vraag": ex.question,
             "status": _STATUS.get(_PROGRESS.get(ex.id), "niet nagekeken")}
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


def fold_variants(text: Any) -> set[str]:
    """:func:`fold` of a text with brackets ignored: "(Cultureel) sensitief" also matches "Cultureel sensitief"
    and "sensitief"."""
    raw = str(text)
    return {fold(raw), fold(re.sub(r"[()\[\]]", "", raw)), fold(re.sub(r"\([^)]*\)", " ", raw))} - {""}


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


def _entry(exercise_id: str) -> dict:
    from wijklib.training.answers import _entry as key_entry

    return key_entry(exercise_id)


def _why_wrong(entry: Mapping[str, Any], given: Any, detail: str) -> str:
    """Add the key's explanation of a wrong answer (specific if the key has one for this answer)."""
    specific = (entry.get("waarom_fout") or {}).get(given)
    if specific:
        return f"{detail.rstrip('.')} — {specific}"
    general = entry.get("fout")
    return f"{detail} {general[0].upper() + general[1:]}" if general else detail


def _compare(ex: Exercise, answer: Any, entry: Mapping[str, Any], context: Mapping[str, Any]) -> tuple[bool, str]:
    accepted = entry["antwoorden"]
    if ex.kind == "eigen":
        return ex.judge(answer, context)  # type: ignore[misc]
    if ex.kind == "getal":
        ok, detail = _compare_number(answer, accepted[0], ex.tolerance)
        return (ok, detail) if ok or _to_number(answer) is None else (False, _why_wrong(entry, None, detail))
    if ex.kind == "buurt":
        ok, detail, code = _compare_one(answer, set(accepted), _buurt_resolver(), "buurt van Lindewaard",
                                        "gebruik de naam (bijvoorbeeld 'Merelhof') of de buurtcode (BU...)",
                                        _buurt_name)
        return (ok, detail) if ok or code is None else (False, _why_wrong(entry, code, detail))
    if ex.kind == "buurten":
        ok, detail, recognised = _compare_set(answer, set(accepted), _buurt_resolver(), "buurt van Lindewaard",
                                              _buurt_name)
        return (ok, detail) if ok or not recognised else (False, _why_wrong(entry, None, detail))
    if ex.kind == "catalogus":
        ok, detail, code = _compare_one(answer, set(accepted), _catalogue_resolver(), "ingang van de catalogus",
                                        "gebruik de naam zoals in de tabel of het id (bijvoorbeeld "
                                        f"'{_example_id(accepted)}')", _catalogue_name)
        return (ok, detail) if ok or code is None else (False, _why_wrong(entry, code, detail))
    if ex.kind == "keuze":
        return _compare_choice(answer, entry)
    if ex.kind == "keuzes":
        return _compare_choices(ex.id, answer, entry)
    if ex.kind == "koppeling":
        return _compare_matching(ex.id, answer, entry)
    if ex.kind == "tekst":
        if fold(answer) in {fold(e) for e in accepted}:
            return True, f"het antwoord is {answer}."
        return False, _why_wrong(entry, None, f"'{answer}' is niet het antwoord dat we zoeken.")
    if ex.kind == "nummers":
        ok, detail = _compare_numbers(answer, set(accepted))
        return (ok, detail) if ok or "geef een lijst" in detail else (False, _why_wrong(entry, None, detail))
    raise ValueError(ex.kind)  # pragma: no cover - guarded in Exercise


def _compare_choice(answer: Any, entry: Mapping[str, Any]) -> tuple[bool, str]:
    options = entry.get("opties", {})
    given = fold(answer).strip("()")
    by_text = {fold(v["tekst"]): str(k) for k, v in options.items()}
    if given in by_text:  # the full text of an option counts as its letter
        given = by_text[given]
    elif len(given) > 2 and given[1] in ".):" and given[0].isalpha():  # "b. Luisteren ..." or "b) ..."
        given = given[0]
    if len(given) != 1 or not given.isalpha():
        return False, f"geef de letter van je keuze (bijvoorbeeld 'b'), niet {answer!r}."
    if given not in options:
        return False, f"kies de letter {choices_nl(sorted(options))}."
    if given in {fold(a) for a in entry["antwoorden"]}:
        return True, f"antwoord {given}."
    return False, f"{given} is niet het beste antwoord: {options[given]['waarom']}"


def _compare_choices(exercise_id: str, answer: Any, entry: Mapping[str, Any]) -> tuple[bool, str]:
    from wijklib.training.answers import _options

    options = _options(exercise_id)
    by_name = {fold(v): k for k, v in options.items()} | {fold(k): k for k in options}
    got: list[str] = []
    for item in as_list(answer):
        code = by_name.get(fold(item))
        if code is None:
            return False, f"'{item}' herken ik niet; gebruik de naam zoals in de tabel of het id."
        if code not in got:
            got.append(code)
    n = entry.get("aantal")
    if n and len(got) != n:
        return False, f"kies er precies {n}; je gaf er {len(got)}."
    accepted = set(entry["antwoorden"])
    wrong = [c for c in got if c not in accepted]
    if wrong:
        why = (entry.get("waarom_fout") or {}).get(wrong[0]) or entry.get("fout", "")
        return False, f"{_catalogue_name(wrong[0])} past hier minder: {why}"
    return True, "je keuze past bij de situatie."


def _compare_matching(exercise_id: str, answer: Any, entry: Mapping[str, Any]) -> tuple[bool, str]:
    from wijklib.training.answers import _labels

    labels = _labels(exercise_id)
    by_text: dict[str, str] = {}
    for k, v in labels.items():
        for text in [k, v, *(entry.get("synoniemen") or {}).get(k, [])]:
            by_text.update({variant: k for variant in fold_variants(text)})
    items = entry["items"]
    if not isinstance(answer, Mapping):
        example = "{" + ", ".join(f"{k!r}: ..." for k in list(items)[:2]) + ", ...}"
        return False, f"geef per onderdeel een antwoord, als woordenboek: {example}."
    given = {fold(k): v for k, v in answer.items()}
    wrong = []
    for code, item in items.items():
        value = given.get(fold(code))
        if value is None or not str(value).strip():
            return False, f"onderdeel {code} heeft nog geen antwoord."
        label = next((by_text[v] for v in fold_variants(value) if v in by_text), None)
        if label is None and entry.get("labels_catalogus"):
            resolved = _catalogue_resolver()(value)
            label = resolved if resolved in labels else None
        if label is None:
            return False, (f"'{value}' bij {code} herken ik niet; kies uit: "
                           + "; ".join(f"'{k}' ({v})" if fold(k) != fold(v) else v for k, v in labels.items())
                           + ".")
        if label not in item["antwoorden"]:
            wrong.append((code, item))
    if wrong:
        code, item = wrong[0]
        return False, (f"{len(items) - len(wrong)} van de {len(items)} goed. Kijk nog eens naar {code}: "
                       f"{item['waarom']}")
    return True, "alles goed gekoppeld."


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
            pass
        found = re.findall(r"-?\d+(?:[.,]\d+)?", value)
        if len(found) == 1:  # "stap 4", "na stap 4": one number in a short text
            return float(found[0].replace(",", "."))
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
                 name: Callable[[str], str]) -> tuple[bool, str, str | None]:
    items = as_list(answer)
    if len(items) != 1:
        return False, f"geef één antwoord, geen lijst van {len(items)}.", None
    code = resolve(items[0])
    if isinstance(code, list):
        return False, _ambiguous(items[0], code, name), None
    if code is None:
        return False, f"'{items[0]}' herken ik niet als {what}; {how}.", None
    if code in accepted:
        return True, f"het is {name(code)}.", code
    return False, f"{name(code)} is niet het antwoord dat we zoeken.", code


def _compare_set(answer: Any, expected: set, resolve: Callable[[Any], Any], what: str,
                 name: Callable[[str], str]) -> tuple[bool, str, bool]:
    if isinstance(answer, str) and "," in answer and resolve(answer) is None:
        parts = [p.strip() for p in answer.split(",") if p.strip()]
        example = "[" + ", ".join(repr(p) for p in parts[:3]) + "]"
        return False, (f"je gaf één tekst met komma's. Geef de namen als lijst, met elke naam tussen eigen "
                       f"aanhalingstekens: {example}."), False
    got: set[str] = set()
    for item in as_list(answer):
        code = resolve(item)
        if isinstance(code, list):
            return False, _ambiguous(item, code, name), False
        if code is None:
            return (False, f"'{item}' herken ik niet als {what}; gebruik namen of codes, bijvoorbeeld ['Merelhof'].",
                    False)
        got.add(code)
    if got == expected:
        names = sorted(name(c) for c in expected)
        return True, ("het is " if len(names) == 1 else "het zijn ") + ", ".join(names) + ".", True
    return False, _set_feedback(len(got & expected), len(expected - got), len(got - expected)), True


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
    entries = list(_all_entries(cat))
    by_tail: dict[str, list[str]] = {}
    for entry in entries:  # the last part of an id ("handhavingsknelpunt"), when only one entry has it
        by_tail.setdefault(fold(entry.id.rsplit(".", 1)[-1].replace("_", " ")), []).append(entry.id)

    def resolve(value: Any) -> str | None:
        text = str(value).strip()
        try:
            return cat.get(text).id
        except KeyError:
            pass
        keys = _name_keys(text)
        for entry in entries:
            if keys & (_name_keys(entry.name_nl) | _name_keys(entry.name_en or "")):
                return entry.id
        for key in keys:
            hit = by_tail.get(key.replace("_", " "))
            if hit is not None and len(hit) == 1:
                return hit[0]
        return None

    return resolve


def _name_keys(text: str) -> set[str]:
    """:func:`fold_variants` of a name, with '&' read as 'en' and a word broken over a line ('handhavings-
    knelpunt') joined: the documents write 'Reflectie en evaluatie' where the catalogue has 'Reflectie & evaluatie'."""
    raw = re.sub(r"(\w)-\s+(\w)", r"\1\2", str(text))
    out = set()
    for variant in (raw, raw.replace("&", " en ")):
        out |= fold_variants(variant)
    return out


def _example_id(accepted: Iterable[str]) -> str:
    """An id of the same kind as the accepted answers that is itself not accepted (for the format hint)."""
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()
    accepted = list(accepted)
    first = cat.get(accepted[0])
    prefix = first.id.rsplit(".", 1)[0] + "."
    same = [e.id for e in cat.by_kind(first.kind) if e.id not in accepted]
    return next((i for i in same if i.startswith(prefix)), same[0] if same else first.id.rsplit(".", 1)[0] + ".…")


def _all_entries(cat) -> Iterable:
    for kind in cat.kinds:
        yield from cat.by_kind(kind)


def _catalogue_name(entry_id: str) -> str:
    from wijklib.catalogue import load_catalogue

    return f"{load_catalogue().get(entry_id).name_nl} ({entry_id})"
