"""Training collection for new wijkverbinders and participatory researchers (``notebooks/training/``).

* :func:`check` gives Dutch feedback on an exercise ("Goed zo: ..." / "Nog niet: ... Tip: ..."); the accepted
  answers come from the answer key (:mod:`~wijklib.training.answers`), the list FACILITATOR.md shows too.
  :func:`toon_vraag` shows the options of an exercise and :func:`formulier` a widget form with a *Controleer*
  button (the code-free route, also in Voilà). ``streng=True`` (or the
  environment variable ``WIJKLIB_OEFENINGEN_STRENG=1``) makes a wrong or missing answer raise.
* ``python -m wijklib.training learner notebooks/training OUTDIR`` writes the learner version without the cells
  tagged ``solution`` or ``trainer`` and without outputs (:mod:`~wijklib.training.learner`).
* Notebook helpers: the urgency playground (:mod:`~wijklib.training.urgency`), the interview network
  (:mod:`~wijklib.training.network`), area profiles for interventions (:mod:`~wijklib.training.interventions`),
  privacy screens (:mod:`~wijklib.training.privacy`), Dutch column labels for shown tables
  (:mod:`~wijklib.training.display`) and the FICTIEF case material
  (:mod:`~wijklib.training.cases`).

Examples
--------
>>> from wijklib.training import check
>>> _ = check("oefening_1_1", None)            # doctest: +ELLIPSIS
Vul je antwoord in: op de regel met '# vul in' of in het formulier hieronder ...
"""

from wijklib.training import exercises as _exercises  # noqa: F401 - registers the exercises
from wijklib.training.cases import Case, case_markdown, cases_frame, get_case, load_cases
from wijklib.training.checks import (EXERCISES, STRICT_ENV, CheckResult, Exercise, ExerciseNotPassed, check,
                                     progress, reset_progress)
from wijklib.training.data import CASE_DIR, TRAINING_DIR, demo_quickscan, demo_survey_scores, demo_werkset
from wijklib.training.display import dutch_columns
from wijklib.training.forms import formulier, formulier_tabel, netwerkformulier, toon_vraag
from wijklib.training.exercises import NOTE_NAMES, NOTES, SUSPECT_QUIZ
from wijklib.training.groupwork import group_answers, statement_sheet
from wijklib.training.interventions import buurt_profile, gate_notice, ranked_interventions
from wijklib.training.learner import SOLUTION_TAG, TRAINER_TAG, learner_version, strip_notebook
from wijklib.training.network import (InterviewKey, load_interview, map_from_tables, network_summary,
                                      reach_trust_table, read_table)
from wijklib.training.privacy import find_identifying, suppress_small
from wijklib.training.urgency import (FRAMES, NORMALISATIONS, UrgencyPlayground, compute_urgency, rank_map,
                                      ranking, residential_buurten, top_areas)

__all__ = [
    "check", "progress", "toon_vraag", "formulier", "formulier_tabel", "netwerkformulier", "gate_notice", "TRAINER_TAG",
    "reset_progress", "Exercise", "EXERCISES", "CheckResult", "ExerciseNotPassed", "STRICT_ENV",
    "learner_version", "strip_notebook", "SOLUTION_TAG",
    "dutch_columns", "TRAINING_DIR", "CASE_DIR", "demo_werkset", "demo_quickscan", "demo_survey_scores",
    "Case", "load_cases", "get_case", "cases_frame", "case_markdown",
    "read_table", "map_from_tables", "network_summary", "reach_trust_table", "load_interview", "InterviewKey",
    "buurt_profile", "ranked_interventions", "statement_sheet", "group_answers",
    "find_identifying", "suppress_small", "NOTES", "NOTE_NAMES", "SUSPECT_QUIZ",
    "UrgencyPlayground", "compute_urgency", "ranking", "rank_map", "top_areas", "residential_buurten", "FRAMES",
    "NORMALISATIONS",
]
