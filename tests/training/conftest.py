"""Shared fixtures of the training tests: the texts that count as 'answers' and may never reach a learner."""

from __future__ import annotations

import os
import sys

import pytest

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # shared answer tables: training_helpers
    sys.path.insert(0, _HERE)


def answer_texts() -> list[str]:
    """Explanations and interpretations from the answer key and the case material (each at least 25 characters)."""
    from wijklib.training.answers import _ids, _entry
    from wijklib.training.answers import _interpretation_markdown
    from wijklib.training.cases import load_cases

    texts: list[str] = []
    for ex_id in _ids():
        entry = _entry(ex_id)
        texts.append(str(entry["uitleg"]))
        texts += [str(v) for v in (entry.get("waarom_fout") or {}).values()]
        texts += [str(o["waarom"]) for o in (entry.get("opties") or {}).values()]
        texts += [str(i["waarom"]) for i in (entry.get("items") or {}).values()]
        if entry["soort"] == "eigen":
            texts += [str(a) for a in entry["antwoorden"]]
    for case in load_cases():
        lines = [ln.strip(" -*") for ln in _interpretation_markdown(case).splitlines()]
        texts += [ln for ln in lines if len(ln) >= 40]
    return sorted({t for t in texts if len(t) >= 25})


#: Markers of answer material in code or files (key files, switches, private key access, worked solutions).
ANSWER_MARKERS = ("antwoorden.yaml", "interview_zuiderveld.yaml", "lindewaard_casussen.yaml", "kernprincipe",
                  "vergelijk_met_sleutel", ".expected(", "SUSPECT_QUIZ[2]", "# Uitwerking", "_entry(",
                  "interpretation_markdown(", "load_interview(", "Het duidelijkst", "Kaart van de trainer")


@pytest.fixture(scope="session")
def answers() -> list[str]:
    return answer_texts()


@pytest.fixture(scope="session")
def answer_markers() -> tuple[str, ...]:
    return ANSWER_MARKERS
