"""Shared fixtures: where the real CBS data of ../shared/data is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """The folder with real CBS data: $WIJKLIB_SHARED_DATA or ../shared/data beside the checkout."""
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    candidate = Path(env) if env else ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        reason = "echte CBS-data niet gevonden: zet WIJKLIB_SHARED_DATA of leg ../shared/data naast de checkout"
        if _under_ci():
            pytest.fail(reason + " (onder CI moeten de tests op echte data draaien)")
        pytest.skip(reason)
    return path


def _under_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def shared_domain() -> Path:
    """The folder with the source documents (``../shared/domain``); fails under CI when it is missing."""
    data = shared_data_dir()
    candidate = (data.parent if data is not None else ROOT.parent / "shared") / "domain"
    if not (candidate / "seeds").is_dir():
        reason = f"brondocumenten niet gevonden in {candidate}"
        if _under_ci():
            pytest.fail(reason + " (onder CI moeten de brontests draaien)")
        pytest.skip(reason)
    return candidate


@pytest.fixture(scope="session", autouse=True)
def _pseudonym_key_outside_home(tmp_path_factory):
    """Keep the pseudonym key of the tests in a temporary folder (inherited by notebook kernels)."""
    key = tmp_path_factory.mktemp("sleutel") / "pseudoniem.key"
    old = os.environ.get("WIJKLIB_PSEUDONIEM_KEY")
    os.environ["WIJKLIB_PSEUDONIEM_KEY"] = str(key)
    yield key
    if old is None:
        os.environ.pop("WIJKLIB_PSEUDONIEM_KEY", None)
    else:
        os.environ["WIJKLIB_PSEUDONIEM_KEY"] = old


#: Test files that execute notebooks or report kernels (marked ``notebook`` and ``slow``).
_NOTEBOOK_FILES = ("test_notebooks.py", "test_readiness_notebooks.py", "test_learner.py", "test_notebook_03.py",
                   "test_batch.py")


#: Test files whose tests are end-to-end runs (batches, worker processes, the CLI in a subprocess, whole-demo
#: analyses, scans of the source documents): each test takes about a second or more; measured with
#: ``--durations``. Only ``make test`` / ``pytest -m slow`` runs them.
_SLOW_FILES = (
    "tests/bad_input/test_cli_environment.py",
    "tests/reports/test_aanleidingen_evidence.py",
    "tests/reports/test_batch_safety.py",
    "tests/reports/test_faults.py",
    "tests/reports/test_monitoring_section.py",
    "tests/stakeholders/test_plot_legibility.py",
    "tests/test_attribution_scan.py",
    "tests/test_honest_urgency_everywhere.py",
    "tests/test_stories_integration.py",
)

#: Single tests that take about half a second or more (figures, training derivations, demo analyses); measured
#: with ``--durations`` (a parametrised test is named without its parameters).
_SLOW_TESTS = (
    "tests/stakeholders/test_sharing_consent.py::test_report_summary_counts_only_shared_informants",
    "tests/stakeholders/test_sharing_consent.py::test_other_exports_for_partners_hold_only_shared_statements",
    "tests/training/test_seed_quotes.py::test_document_spelling_passes_the_self_check",
    "tests/stories/test_told_presence.py::test_demo_stories_alone_count_as_told_data_in_the_analysis",
    "tests/bad_input/test_dutch_messages.py::test_draws_on_the_command_line",
    "tests/bad_input/test_dutch_messages.py::test_unknown_year_lists_plain_years",
    "tests/bad_input/test_kobo_in_project.py::test_kobo_export_in_the_project_file",
    "tests/bad_input/test_names_in_free_text.py::test_name_in_a_signal_reaches_no_map_popup_but_buurt_names_stay",
    "tests/bad_input/test_names_in_free_text.py::test_name_in_a_signal_reaches_no_report_bundle_or_map",
    "tests/bad_input/test_values.py::test_demo_with_cbs_codes_never_scores_them",
    "tests/data/test_demo_data.py::test_one_command_remakes_every_demo_file",
    "tests/maps/test_classify.py::test_data_driven_schemes_give_k_increasing_classes_covering_all_values",
    "tests/maps/test_real_data.py::test_demo_indicator_map_hatches_suppressed_buurten",
    "tests/maps/test_review_fixes.py::test_small_multiples_show_every_panel_with_focus_outline_and_own_status",
    "tests/maps/test_review_fixes.py::test_static_map_names_focus_buurten_and_keeps_other_names_apart",
    "tests/maps/test_review_fixes.py::test_static_wijk_boundaries_are_dashed_and_distinct_from_focus_outlines",
    "tests/maps/test_static.py::test_small_multiples_share_one_classification",
    "tests/maps/test_static.py::test_static_map_draws_focus_clusters_with_their_number",
    "tests/readiness/test_forms.py::test_quickscan_answers_survive_a_restart",
    "tests/readiness/test_forms.py::test_two_respondents_in_one_file_are_both_kept",
    "tests/readiness/test_interventions_matching.py::test_demo_urgency_type_of_merelhof_is_what_the_analysis_says",
    "tests/reports/test_units.py::test_papermill_reads_every_parameter_with_its_help",
    "tests/stakeholders/test_helpers.py::test_audit_of_the_demo_exports",
    "tests/stakeholders/test_privacy.py::test_csv_and_xlsx_exports_hide_names",
    "tests/stakeholders/test_privacy.py::test_html_views_hide_names",
    "tests/stakeholders/test_privacy.py::test_plots_hide_names",
    "tests/stakeholders/test_rounds_view.py::test_fragments_shown_on_click_are_data_not_html",
    "tests/stakeholders/test_rounds_view.py::test_rounds_view_has_a_pane_per_round_with_one_layout",
    "tests/stakeholders/test_views.py::test_grid_plots_label_every_scored_actor",
    "tests/stakeholders/test_views.py::test_labels_do_not_overlap_much",
    "tests/stakeholders/test_views.py::test_plot_network_draws_every_edge",
    "tests/stakeholders/test_views.py::test_static_network_has_no_empty_band",
    "tests/stakeholders/test_views.py::test_view_labels_of_the_demo_do_not_overlap",
    "tests/test_analysis.py::test_charts_draw_the_result",
    "tests/test_analysis.py::test_demo_werkset",
    "tests/test_charts.py::test_plot_trend_from_counted_data",
    "tests/test_project.py::test_demo_project_gives_the_same_result_as_the_demo_werkset",
    "tests/training/test_answer_key.py::test_the_key_matches_the_demo_data",
    "tests/training/test_checks.py::test_derived_answers_are_sensible",
    "tests/training/test_checks.py::test_feedback_says_what_is_wrong",
    "tests/training/test_checks.py::test_right_answer_passes",
    "tests/training/test_checks.py::test_wrong_answer_fails_strictly",
    "tests/training/test_checks.py::test_wrong_or_missing_answer_does_not_raise_by_default",
    "tests/training/test_material.py::test_case_texts_are_paraphrased_not_copied",
    "tests/training/test_material.py::test_playground_recomputes_when_a_slider_moves",
    "tests/training/test_trainer_findings.py::test_network_button_draws_from_the_form_tables",
    "tests/training/test_trainer_findings.py::test_playground_computes_once_and_draws_the_map_only_on_interaction",
    "tests/urgency/test_engine.py::test_real_buurten_of_one_gemeente_against_the_country",
    "wijklib/analysis.py::wijklib.analysis",
)


def _relative(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def pytest_collection_modifyitems(config, items):
    """Mark tests by what they need, so that ``pytest -m "not slow"`` gives a fast subset.

    ``browser``: everything under ``tests/browser``; ``realdata``: tests that use the ``shared_data`` fixture;
    ``notebook``: the files that execute notebooks; ``slow``: any of these.
    """
    for item in items:
        path = Path(str(getattr(item, "path", item.fspath)))
        marks = set()
        if "browser" in path.parts:
            marks.add("browser")
        if "shared_data" in getattr(item, "fixturenames", ()):
            marks.add("realdata")
        if path.name in _NOTEBOOK_FILES or "notebook" in item.name:
            marks.add("notebook")
        if marks or item.nodeid.split("[")[0] in _SLOW_TESTS or _relative(path) in _SLOW_FILES:
            marks.add("slow")
        for mark in sorted(marks):
            item.add_marker(getattr(pytest.mark, mark))
