"""Readiness for a wijkaanpak: preconditions quickscan, working-principles worksheet, intervention choice, tracker.

Modules
-------
quickscan
    The 57 "vraagt om" items of the Leerkring's 12 preconditions as statements scored by several partners;
    aggregation per precondition and building block, agreement between respondents, readiness profile, next
    actions and the gate statement (:func:`analyse_quickscan`). Templates: :func:`write_quickscan_templates`.
worksheet
    The seven start questions applied to one intervention, with the six working principles (one YAML file per
    intervention).
interventions
    One catalogue view of the Leerkring examples, the Inspiratieboek approaches and your own interventions, with
    facets and pure filter functions.
matching
    Ranking of interventions for an area profile (problem domains, urgency type, participation potential,
    readiness), each match explained in Dutch.
tracker
    Per area the phases and steps of the Praktijkhandboek and the Handreiking, with checklists, notes, dates and
    the decision gates, stored as one YAML file per area.
form
    ipywidgets forms (quickscan, worksheet, intervention browser) that save every change to a file.
display
    Readable tables for the notebooks (Dutch labels, decimal comma, ja/nee, wrapped text).

All scoring rules are wijklib's own design (the documents give none); they are documented in each module.
"""

from .interventions import (DOMEIN_ALIASSEN, GEBIEDSTYPE_FACETTEN, GEBIEDSTYPEN, PRAKTIJK_FACETTEN, PROBLEEMDOMEINEN,
                            Intervention, ProblemDomain, domain_evidence, domains_of, facet_options,
                            filter_interventions, intervention_catalogue, interventions_frame, normalise_area_types,
                            normalise_domains, read_own_interventions, with_facets, write_own_interventions_template)
from .matching import (BEWIJSBRONNEN, FENOMEEN_DOMEINEN, SOORTEN, TREDE_BIJ_POTENTIE, URGENTIETYPES, AreaProfile, Match, MatchWeights, area_profile,
                       area_profile_from_mapping, area_type_from_urbanity, domains_from_signals, fitting_rung,
                       match_interventions, matches_frame, participation_fit, potential_from_score,
                       potential_from_survey, urgency_from_analysis)
from .quickscan import *  # noqa: F403
from .quickscan import __all__ as _quickscan_all
from .display import KOLOMLABELS, nl_number, readable_frame, readable_table
from .tracker import (ANTWOORDEN, BETROKKENHEID, HR_CRITERIA_RANDVOORWAARDEN, involvement_overview, me_components,
                      monitoring_table, nogo_opties, succesfactoren, SPOREN, SPOREN_KORT, STATUSSEN, UITKOMSTEN_KORT,
                      GateError, ProcessTracker, folder_overview, gate_conflicts, gates_overview, plot_progress, tracks)
from .worksheet import (AANWEZIG, Worksheet, load_worksheet, load_worksheets, new_worksheet, principles_guide,
                        save_worksheet, startquestions_frame, worksheet_markdown, worksheet_path, worksheets_frame)


#: The widget classes of :mod:`.form`; they import ipywidgets, so they are loaded only when asked for.
_FORMS = ("QuickscanForm", "WorksheetForm", "InterventionBrowser")


def __getattr__(name: str):
    if name in _FORMS:
        from . import form

        return getattr(form, name)
    raise AttributeError(f"module 'wijklib.readiness' has no attribute {name!r}")


__all__ = [
    *_quickscan_all,
    # worksheet
    "AANWEZIG", "Worksheet", "startquestions_frame", "principles_guide", "new_worksheet", "worksheet_path",
    "save_worksheet", "load_worksheet", "load_worksheets", "worksheet_markdown", "worksheets_frame",
    # interventions and matching
    "Intervention", "ProblemDomain", "PROBLEEMDOMEINEN", "DOMEIN_ALIASSEN", "PRAKTIJK_FACETTEN", "GEBIEDSTYPEN",
    "GEBIEDSTYPE_FACETTEN", "normalise_area_types", "domains_of", "SOORTEN", "urgency_from_analysis",
    "area_type_from_urbanity",
    "intervention_catalogue", "read_own_interventions", "interventions_frame", "filter_interventions",
    "facet_options", "normalise_domains", "domain_evidence", "write_own_interventions_template", "with_facets",
    "AreaProfile", "MatchWeights", "Match", "TREDE_BIJ_POTENTIE", "URGENTIETYPES", "fitting_rung",
    "participation_fit", "potential_from_score", "area_profile", "area_profile_from_mapping",
    "potential_from_survey", "domains_from_signals", "match_interventions", "matches_frame",
    "FENOMEEN_DOMEINEN", "BEWIJSBRONNEN",
    # tracker
    "STATUSSEN", "ANTWOORDEN", "SPOREN", "GateError", "ProcessTracker", "tracks", "plot_progress", "folder_overview",
    "SPOREN_KORT", "UITKOMSTEN_KORT", "HR_CRITERIA_RANDVOORWAARDEN", "gates_overview", "gate_conflicts",
    "BETROKKENHEID", "succesfactoren", "nogo_opties", "me_components", "monitoring_table", "involvement_overview",
    # display
    "KOLOMLABELS", "nl_number", "readable_frame", "readable_table",
    # forms
    *_FORMS,
]
