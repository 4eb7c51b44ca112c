"""Stakeholder mapping for the wijkaanpak: one actor record, all methods, rounds and informants, privacy by design.

Input is a workbook or CSV folder (templates in ``templates/invoer/stakeholders/``) with actors, relations
(per informant and round) and assessments (per informant and round). From the same records wijklib derives the
power-interest grid, Mitchell salience, krachtenveld and Block's opstelling, reach x trust, the participation
ladder, network measures (centrality per relation type, brokers, bridges, system world - lifeworld brokerage,
communities), consensus and contested ties across informants, and differences between rounds.

Research records (consent with withdrawal, member checks, a reflexive log) sit beside the map
(:mod:`wijklib.stakeholders.records`); rounds get a per-actor status and a full comparison in Dutch; networks go
to Gephi (GEXF, GraphML), Kumu and back, and Net-Map sheets can be read (:mod:`wijklib.stakeholders.interop`);
:func:`rounds_view` shows all rounds on one layout, with story fragments (:mod:`wijklib.stories`) on click.

Natural persons are shown by role or pseudonym everywhere unless ``allow_names=True`` is passed; named suspects
are refused. See :mod:`wijklib.stakeholders.privacy`; ``privacy.audit(folder, sset)`` checks exported files for
person names before they are shared.

Examples
--------
>>> from wijklib.stakeholders import load_demo, power_interest
>>> sset = load_demo()                                   # doctest: +SKIP
>>> power_interest(sset.scores("R2"))["strategie"].value_counts()   # doctest: +SKIP
"""

from .consensus import (CONTESTED_QUESTIONS, ContestedTies, RoundComparison, compare_rounds, consensus_network,
                        contested_ties, informant_agreement, informant_layers)
from .demo import DEMO_DIR, build_demo, load_demo, write_demo
from .io import load_stakeholders, write_csv, write_templates, write_xlsx
from .methods import (class_summary, classify, krachtenveld, krachtenveld_balance, opstelling, participation_gap,
                      power_interest, reach_groups, reach_trust, salience)
from .model import Actor, Assessment, Informant, Relation, Round, StakeholderSet, area_relation
from .network import (BROKERAGE_ROLES, MEASURE_TEXTS, BridgeResult, CommunityResult, bridges, brokerage,
                      build_graph, centrality, communities, interpret, isolates, project, structural_holes)
from .plots import (plot_krachtenveld, plot_ladder, plot_network, plot_power_interest, plot_reach_trust,
                    plot_salience)
from .privacy import PrivacyAudit, default_key_path, pseudonym
from .interop import (export_rounds, read_kumu, read_netmap, write_gephi_csv, write_gexf, write_graphml,
                      write_kumu)
from .records import CONSENT_SCOPES, SHARE_SCOPE, ResearchRecords, SharingWarning, apply_consent, for_sharing
from .view import NetworkView, network_view, rounds_view
from .vocab import RELATION_LABELS, RELATION_TYPES, RUNG_NAMES, SCALES, actor_types

__all__ = [
    "Actor", "Assessment", "Informant", "Relation", "Round", "StakeholderSet", "load_stakeholders", "write_csv",
    "write_xlsx", "write_templates", "load_demo", "build_demo", "write_demo", "DEMO_DIR", "area_relation",
    "power_interest", "salience", "krachtenveld", "krachtenveld_balance", "opstelling", "reach_trust",
    "reach_groups", "participation_gap", "classify", "class_summary",
    "build_graph", "project", "centrality", "structural_holes", "bridges", "brokerage", "isolates", "communities",
    "interpret", "MEASURE_TEXTS", "BROKERAGE_ROLES", "BridgeResult", "CommunityResult",
    "informant_layers", "consensus_network", "contested_ties", "informant_agreement", "compare_rounds",
    "RoundComparison", "ContestedTies", "CONTESTED_QUESTIONS",
    "plot_power_interest", "plot_salience", "plot_krachtenveld", "plot_reach_trust", "plot_ladder", "plot_network",
    "network_view", "NetworkView", "rounds_view", "export_rounds", "write_gexf", "write_graphml", "write_gephi_csv",
    "write_kumu", "read_kumu", "read_netmap", "ResearchRecords", "apply_consent", "CONSENT_SCOPES", "SHARE_SCOPE", "SharingWarning", "for_sharing", "pseudonym", "default_key_path", "PrivacyAudit", "RELATION_TYPES",
    "RELATION_LABELS", "SCALES", "RUNG_NAMES", "actor_types",
]
