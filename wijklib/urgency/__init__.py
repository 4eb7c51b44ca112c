"""Urgency scoring engine for the wijkaanpak: pure functions from tables to tables.

Entry point: :func:`run_urgency` (returns an :class:`UrgencyResult` of DataFrames). The building blocks are
public too: reference frames and peer groups (:mod:`.reference`), normalisation (:mod:`.normalise`), weights
and aggregation with exact contributions (:mod:`.aggregate`), stacking (:mod:`.stacking`), trends
(:mod:`.trends`), urgency types of the Praktijkhandboek 003 §4.1 (:mod:`.typology`, with the aanleidingen log of
:mod:`wijklib.aanleidingen`), small and special areas (:mod:`.small_areas`), tellen en vertellen
(:mod:`.divergence`), explanation
(:mod:`.explain`), Monte Carlo uncertainty (:mod:`.uncertainty`), focus-area candidates (:mod:`.focus`) and
diagnostics (:mod:`.diagnostics`). Configuration: :func:`load_config` (YAML validated with pydantic; defaults in
``default_config.yaml``).

Indicator metadata are a plain table (``indicator``, ``domain``, ``direction``, ``min_population``, optional
``weight`` and ``label``), so the engine does not depend on the indicator catalogue.
"""

from wijklib.urgency.aggregate import WeightSet, aggregate, build_weights
from wijklib.urgency.config import DEFAULT_CONFIG_PATH, UrgencyConfig, load_config, validate_config
from wijklib.urgency.diagnostics import UrgencyWarning
from wijklib.urgency.divergence import divergence
from wijklib.urgency.engine import PointScores, UrgencyResult, run_urgency, score_areas, trend_note
from wijklib.urgency.focus import build_adjacency, propose_focus_areas
from wijklib.urgency.inputs import prepare_indicators
from wijklib.urgency.reference import find_peers
from wijklib.urgency.stacking import count_stacking, stacking_flags
from wijklib.urgency.trends import comparability, theil_sen
from wijklib.urgency.small_areas import shrink_rates, special_population
from wijklib.urgency.typology import classify_urgency, count_incidents, log_streams
from wijklib.urgency.uncertainty import monte_carlo

__all__ = [
    "run_urgency", "score_areas", "UrgencyResult", "PointScores",
    "UrgencyConfig", "load_config", "validate_config", "DEFAULT_CONFIG_PATH",
    "prepare_indicators", "build_weights", "WeightSet", "aggregate",
    "stacking_flags", "count_stacking", "theil_sen", "comparability",
    "classify_urgency", "count_incidents", "divergence", "monte_carlo",
    "build_adjacency", "propose_focus_areas", "find_peers", "UrgencyWarning",
    "log_streams", "shrink_rates", "special_population", "trend_note",
]
