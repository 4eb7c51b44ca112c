"""Community work at work: the wijkverbinder's workbench (Handreiking Weerbare gemeenschappen, 004) and the
signals and barrier model of the Inspiratieboek (001).

See :mod:`wijklib.gemeenschap.werkbank` and :mod:`wijklib.gemeenschap.barrieres`; notebook
``07_weerbare_gemeenschap`` shows them on the demo gemeente Lindewaard.
"""

from .barrieres import (
                        barrier_components,
                        barrier_gaps,
                        barrier_starter,
                        barrier_table,
                        match_signal,
                        read_barrier_worksheet,
                        signal_choices,
                        signal_phenomena,
)
from .sjablonen import TEMPLATE_NAMES, write_templates
from .werkbank import (
                        SCHAAL,
                        STATUSSEN,
                        WERKBANK_STAPPEN,
                        ZICHTBAARHEID,
                        Werkbank,
                        acquaintance_overview,
                        activity_plan,
                        export_key_persons,
                        load_werkbank,
                        read_acquaintance_log,
                        read_activities,
                        read_key_persons,
                        read_resilience,
                        read_self_assessment,
                        resilience_conversation,
                        resilience_profile,
                        resilience_scores,
                        self_assessment_items,
                        self_assessment_scores,
                        step_overview,
                        table_specs,
)

__all__ = [
                        "SCHAAL",
                        "STATUSSEN",
                        "TEMPLATE_NAMES",
                        "WERKBANK_STAPPEN",
                        "ZICHTBAARHEID",
                        "Werkbank",
                        "acquaintance_overview",
                        "activity_plan",
                        "barrier_components",
                        "barrier_gaps",
                        "barrier_starter",
                        "barrier_table",
                        "export_key_persons",
                        "load_werkbank",
                        "match_signal",
                        "read_acquaintance_log",
                        "read_activities",
                        "read_barrier_worksheet",
                        "read_key_persons",
                        "read_resilience",
                        "read_self_assessment",
                        "resilience_conversation",
                        "resilience_profile",
                        "resilience_scores",
                        "self_assessment_items",
                        "self_assessment_scores",
                        "signal_choices",
                        "signal_phenomena",
                        "step_overview",
                        "table_specs",
                        "write_templates",
]
