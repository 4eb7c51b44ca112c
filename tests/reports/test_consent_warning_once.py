"""`wijk rapport` with a project file says once how many survey respondents lack consent, not twice.

The project's werkset reads the survey and the report batch reads it again; the second read must not repeat the
warning (it would read as a second file or a second group of respondents).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import yaml

from wijklib.project import DEMO_PROJECT

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"


def _project_with_refused_consent(tmp_path: Path) -> Path:
    survey = pd.read_csv(DEMO / "enquete.csv", dtype=str)
    survey.insert(2, "toestemming", "ja")
    survey.loc[survey["respondent"] == survey["respondent"].iloc[0], "toestemming"] = "nee"
    survey.to_csv(tmp_path / "enquete.csv", index=False)
    data = yaml.safe_load(DEMO_PROJECT.read_text(encoding="utf-8"))
    data["cijfers"] = [str(DEMO / p) for p in data["cijfers"]]
    for key in ("buurten", "wijken", "aanleidingen"):
        data[key] = str(DEMO / data[key])
    data["vertellen"] = {k: str(DEMO / v) for k, v in data["vertellen"].items() if isinstance(v, str)}
    data["vertellen"]["enquete"] = str(tmp_path / "enquete.csv")
    data["urgentie"]["instellingen"] = str(DEMO / data["urgentie"]["instellingen"])
    data["uitvoer"] = str(tmp_path / "uit")
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_consent_warning_given_once_for_a_project_batch(tmp_path):
    from wijklib.reports import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    inputs = BatchInputs.from_project(_project_with_refused_consent(tmp_path))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prepare_batch(inputs, tmp_path / "batch", areas=["BU99010104"])
    consent = [str(w.message) for w in caught if "zonder toestemming" in str(w.message)]
    assert len(consent) == 1, consent
    assert "1 respondent(en) zonder toestemming" in consent[0]
