"""The answer key of the training exercises: one YAML file for the self-checks and the facilitator guide.

``wijklib/training/materiaal/antwoorden.yaml`` lists per exercise the accepted answers, why they are right, why
a wrong answer is wrong and the source section the exercise teaches. :func:`wijklib.training.check` judges with
it, and :func:`answer_table_markdown` writes the answer table of ``notebooks/training/FACILITATOR.md`` from it
(``python -m wijklib.training antwoordtabel``; a test checks that the table in the guide is current). The file
lives in the package, outside the notebook folder, so the learner version never contains it.

The key is read through private functions; nothing in the public API of :mod:`wijklib.training` returns an
accepted answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from wijklib.errors import InputError
from wijklib.io.yaml import load_yaml

__all__ = ["KEY_FILE", "answer_table_markdown", "update_facilitator", "TABLE_BEGIN", "TABLE_END"]

#: The answer key (outside the learner folder).
KEY_FILE = Path(__file__).resolve().parent / "materiaal" / "antwoorden.yaml"
#: Markers around the generated answer table in FACILITATOR.md.
TABLE_BEGIN = "<!-- antwoordtabel: begin (gemaakt uit wijklib/training/materiaal/antwoorden.yaml) -->"
TABLE_END = "<!-- antwoordtabel: einde -->"
_REQUIRED = ("notebook", "soort", "vraag", "bron", "antwoorden", "uitleg", "tip")
_ID = re.compile(r"^oefening_\d+_\d+$")


@lru_cache(maxsize=1)
def _key() -> dict[str, dict[str, Any]]:
    data = load_yaml(KEY_FILE, what="antwoordsleutel")
    for ex_id, entry in data.items():
        if not _ID.match(str(ex_id)):
            raise InputError(f"ongeldige naam {ex_id!r}; verwacht oefening_<notebook>_<nummer>", file=KEY_FILE)
        missing = [f for f in _REQUIRED if f not in entry]
        if missing:
            raise InputError(f"veld(en) {', '.join(missing)} ontbreken", file=KEY_FILE, column=str(ex_id))
        if entry["soort"] in ("keuze", "keuzes") and entry["soort"] == "keuze" and "opties" not in entry:
            raise InputError("een meerkeuzevraag heeft 'opties'", file=KEY_FILE, column=str(ex_id))
        if entry["soort"] == "koppeling" and "items" not in entry:
            raise InputError("een koppeloefening heeft 'items'", file=KEY_FILE, column=str(ex_id))
    return data


def _entry(exercise_id: str) -> dict[str, Any]:
    return _key()[exercise_id]


def _ids() -> list[str]:
    return list(_key())


def _labels(exercise_id: str) -> dict[str, str]:
    """Label code -> Dutch text of a matching exercise (from the key or from the catalogue)."""
    entry = _entry(exercise_id)
    if "labels" in entry:
        return {str(k): str(v) for k, v in entry["labels"].items()}
    spec = entry.get("labels_catalogus")
    if spec:
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
        return {e.id: e.name_nl for e in cat.by_kind(spec["kind"]) if e.id.startswith(spec.get("prefix", ""))}
    return {}


def _options(exercise_id: str) -> dict[str, str]:
    """Option code -> Dutch text (multiple choice), without the explanations."""
    entry = _entry(exercise_id)
    if "opties" in entry:
        return {str(k): str(v["tekst"]) for k, v in entry["opties"].items()}
    if entry["soort"] == "keuzes":
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
        kind = cat.get(entry["antwoorden"][0]).kind
        return {e.id: e.name_nl for e in cat.by_kind(kind)}
    return {}


def _items(exercise_id: str) -> dict[str, str]:
    """Item code -> Dutch text of a matching exercise, without the answers."""
    return {str(k): str(v["tekst"]) for k, v in _entry(exercise_id).get("items", {}).items()}


def _accepted_text(ex_id: str, entry: dict[str, Any]) -> str:
    """The accepted answers in words, for the facilitator's table."""
    kind = entry["soort"]
    answers = entry["antwoorden"]
    if kind in ("catalogus", "keuzes"):
        from wijklib.catalogue import load_catalogue

        cat = load_catalogue()
        names = [f"{cat.get(a).name_nl} (`{a}`)" for a in answers]
        if kind == "keuzes":
            return f"elke {entry.get('aantal', 'een aantal')} uit: " + "; ".join(names)
        return " of ".join(names)
    if kind in ("buurt", "buurten"):
        from wijklib.training.data import demo_werkset

        names = demo_werkset().names
        joiner = " of " if kind == "buurt" else ", "
        return joiner.join(f"{names.get(a, a)} ({a})" for a in answers)
    if kind == "keuze":
        return " of ".join(f"{a}: {entry['opties'][a]['tekst']}" for a in answers)
    if kind == "koppeling":
        labels = _labels(ex_id)
        synonyms = entry.get("synoniemen") or {}

        def label_text(a: str) -> str:
            also = [str(x) for x in synonyms.get(a, []) if str(x) != labels.get(a, a)]
            return labels.get(a, a) + (f" (ook: {', '.join(also)})" if also else "")

        parts = []
        for code, item in entry["items"].items():
            parts.append(f"{code}: " + " of ".join(label_text(a) for a in item["antwoorden"]))
        return "; ".join(parts)
    return "; ".join(str(a) for a in answers)


def answer_table_markdown() -> str:
    """The facilitator's answer table (Markdown), one row per exercise, in notebook order.

    Examples
    --------
    >>> answer_table_markdown().splitlines()[0]
    '| oefening | vraag | bron (wat het oefent) | goede antwoorden |'
    """
    rows = ["| oefening | vraag | bron (wat het oefent) | goede antwoorden |", "|---|---|---|---|"]

    def order(ex_id: str) -> tuple[int, int]:
        _, nb, n = ex_id.split("_")
        return int(nb), int(n)

    for ex_id in sorted(_key(), key=order):
        entry = _entry(ex_id)
        cells = [ex_id.replace("oefening_", "").replace("_", "."), entry["vraag"], entry["bron"],
                 _accepted_text(ex_id, entry)]
        rows.append("| " + " | ".join(str(c).replace("|", "/").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def update_facilitator(path: str | Path) -> bool:
    """Rewrite the answer table between the markers of a facilitator guide; True when the file changed."""
    from wijklib.io.atomic import atomic_write_text

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if TABLE_BEGIN not in text or TABLE_END not in text:
        raise InputError(f"de markeringen van de antwoordtabel ontbreken ({TABLE_BEGIN} ... {TABLE_END})", file=path)
    head, rest = text.split(TABLE_BEGIN, 1)
    _, tail = rest.split(TABLE_END, 1)
    new = f"{head}{TABLE_BEGIN}\n{answer_table_markdown()}{TABLE_END}{tail}"
    if new == text:
        return False
    atomic_write_text(path, new)
    return True


def _interpretation_markdown(case: Any) -> str:
    """The trainer's interpretation of a case (principles, the core principle, preconditions) as Markdown.

    Answer material for the trainer's cells only (exercise 6.3 asks for the core principle); it is private so that
    no learner-facing function of :mod:`wijklib.training` shows it.
    """
    from wijklib.catalogue import load_catalogue

    cat = load_catalogue()
    return "\n".join([
        "**Mogelijke werkzame principes** (interpretatie): " + ", ".join(cat.get(p).name_nl for p in case.principes),
        "", f"**Het duidelijkst:** {cat.get(case.kernprincipe).name_nl}. {cat.get(case.kernprincipe).description_nl}",
        "", "**Randvoorwaarden die hier spelen** (interpretatie): "
        + ", ".join(cat.get(r).name_nl for r in case.randvoorwaarden)])
