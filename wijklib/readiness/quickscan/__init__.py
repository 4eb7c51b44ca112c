"""Quickscan of the 12 preconditions (*randvoorwaarden*) of the Leerkring Brabant-Zeeland.

The Leerkring asks municipalities to check, building block by building block, which of the twelve preconditions of
a *wijkaanpak ondermijning* are already in order before they choose interventions (Leerkring, section
'Randvoorwaarden', extraction 000 §1.4 and §5.1). The document gives no scale, weights or thresholds. This module
turns its 57 "vraagt om" items into statements that several respondents (partners such as gemeente, politie,
woningcorporatie, welzijn) score, and aggregates them. All rules below are wijklib's own design (PROPOSAL,
extraction 000 §5.2), documented here and in the notebook ``04_randvoorwaarden_quickscan``.

Scale
-----
``0`` = niet, ``1`` = deels, ``2`` = grotendeels, ``3`` = op orde, plus ``weet niet``. *Weet niet* is not a zero:
it is left out of every mean and counted separately, because not knowing is itself a signal (a precondition that
many partners cannot judge is not in order as a *shared* picture). An empty score means "not answered" and is
ignored.

Aggregation
-----------
* **Item**: mean, standard deviation (population, ``ddof=0``) and range (max - min) of the numeric answers.
* **Precondition**: the unweighted mean of its item means (so a precondition with eight items does not outweigh
  one with two); the *dekking* (share of its items with at least one numeric answer); the share of *weet niet*
  among all its answers; and the agreement between respondents: each respondent gets a precondition score (the
  mean of their own numeric answers on its items), *spreiding* is the standard deviation (``ddof=0``) of these
  respondent scores and *verschil* their range.
* **Bouwsteen**: the mean of its preconditions and its weakest precondition.
* **Status**: the nearest scale label of the mean (``< 0.5`` niet, ``< 1.5`` deels, ``< 2.5`` grotendeels,
  otherwise op orde).

Gate (*poort*)
--------------
A precondition must be addressed before interventions are chosen when (defaults of :class:`GateRule`)
its mean is below **1.5**, or **more than a third** of its answers is *weet niet*, or fewer than **half** of its
items have a numeric answer. A large difference between respondents (range of respondent scores >= 2) is reported
as a conversation point but does not close the gate. The scan is "klaar voor interventies" when no precondition
fails the gate.

Answers file
------------
Long format, one row per answer: ``respondent`` (a meaningless code such as ``R01``, never a name), ``partner``
(organisation type, see :data:`PARTNERS`), ``item`` (catalogue id such as ``lk.rv.urgentiebesef.vo1``),
``score`` (0-3 or ``weet niet``; empty = not answered) and optionally ``toelichting`` and ``datum``. Help columns of
the template (``nr``, ``randvoorwaarde``, ``stelling`` ...) are ignored. :func:`write_quickscan_templates` writes the
CSV and XLSX templates with a Dutch explanation.
"""

from __future__ import annotations

from ._common import (  # noqa: F401
    SCHAAL,
    WEET_NIET,
    PARTNERS,
    ANSWER_COLUMNS,
    quickscan_items,
    status_label,
    _nl,
    _nl_g,
)
from .gate import (  # noqa: F401
    GateResult,
    QuickscanResult,
    apply_gate,
    next_actions,
    analyse_quickscan,
)
from .parsing import (  # noqa: F401
    parse_score,
    normalise_partner,
    read_answers,
    validate_answers,
    answers_to_csv,
    _check_respondent,
)
from .plots import (  # noqa: F401
    plot_profile,
    plot_partner_heatmap,
    _BLOCK_COLOURS,
    _THRESHOLD_COLOUR,
)
from .scoring import (  # noqa: F401
    GateRule,
    item_scores,
    precondition_scores,
    block_scores,
    partner_scores,
    disagreements,
)
from .xlsx import (  # noqa: F401
    write_quickscan_templates,
)

__all__ = [
    "SCHAAL", "WEET_NIET", "PARTNERS", "ANSWER_COLUMNS", "GateRule", "GateResult", "QuickscanResult",
    "quickscan_items", "parse_score", "normalise_partner", "read_answers", "validate_answers", "answers_to_csv",
    "item_scores", "precondition_scores", "block_scores", "partner_scores", "disagreements", "apply_gate",
    "next_actions", "analyse_quickscan", "plot_profile", "plot_partner_heatmap", "write_quickscan_templates",
    "status_label",
]
