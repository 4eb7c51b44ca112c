"""A person's name in the aanleidingen log never reaches the outputs of ``wijk analyse`` / notebook 01 (reviewer)."""

from __future__ import annotations

import warnings

from wijklib.aanleidingen import scrub_log
from wijklib.analysis import load_demo, run_analysis

NAME = "Karin de Vries"
LOG = (
    "buurtcode;datum;soort;omschrijving;bron;catalogus_id\n"
    f"BU99010103;2024-10-14;incident;Schietincident bij het winkelplein, {NAME} was als eerste ter plaatse;"
    "regionale krant;\n"
    "BU99010103;2024-10-17;politiek;Raadsvragen over de veiligheid aan de kade;gemeenteraad;\n"
)


def test_scrub_log_replaces_the_name_and_says_so(tmp_path):
    from wijklib.aanleidingen import read_aanleidingen

    path = tmp_path / "aanleidingen.csv"
    path.write_text(LOG, encoding="utf-8")
    log, summary = scrub_log(read_aanleidingen(path))
    assert NAME not in " ".join(log["description"])
    assert "winkelplein" in log["description"].iloc[0]  # the rest of the text stays
    assert summary  # the user is told something was replaced


def test_run_analysis_reasons_carry_no_person_name(tmp_path):
    path = tmp_path / "aanleidingen.csv"
    path.write_text(LOG, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_analysis(load_demo(), aanleidingen=path, overrides={"uncertainty": {"draws": 0}})
    text = result.types.astype(str).to_csv()
    assert "Vries" not in text
    assert "BU99010103" in set(result.types.index.astype(str)) | set(result.types.get("area_code", []))
