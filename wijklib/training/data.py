"""Cached access to the demo data and the catalogue for the training notebooks and their self-checks."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from wijklib import resources

__all__ = ["TRAINING_DIR", "CASE_DIR", "demo_werkset", "demo_quickscan", "demo_signals", "demo_survey_scores",
           "QUICKSCAN_ANSWERS"]

#: The training notebooks (source of truth, with solutions).
TRAINING_DIR = resources.notebooks_dir() / "training"
#: Case material and answer keys (fictional gemeente Lindewaard); outside the notebook folder, so never in the
#: learner version.
CASE_DIR = Path(__file__).resolve().parent / "materiaal"
#: The fictional quickscan answers of five partners in Zuiderveld.
QUICKSCAN_ANSWERS = resources.demo_dir() / "quickscan" / "antwoorden.csv"


@lru_cache(maxsize=1)
def demo_werkset():
    """The fictional demo gemeente Lindewaard (loaded once per session)."""
    from wijklib.analysis import load_demo

    return load_demo()


@lru_cache(maxsize=1)
def demo_signals() -> pd.DataFrame:
    """Signals of professionals in the demo gemeente."""
    return demo_werkset().signals


@lru_cache(maxsize=2)
def demo_survey_scores(min_n: int = 10) -> pd.DataFrame:
    """Survey means per buurt and theme, with ``betrouwbaar`` (at least ``min_n`` respondents)."""
    from wijklib.told import aggregate_survey

    return aggregate_survey(demo_werkset().survey, min_n=min_n)


@lru_cache(maxsize=4)
def demo_quickscan(min_average: float = 1.5, path: str | Path | None = None):
    """The quickscan analysis of the demo answers with gate threshold ``min_average``."""
    from wijklib.catalogue import load_catalogue
    from wijklib.readiness import GateRule, analyse_quickscan

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyse_quickscan(Path(path) if path else QUICKSCAN_ANSWERS, rule=GateRule(min_gemiddelde=min_average),
                                 cat=load_catalogue())
