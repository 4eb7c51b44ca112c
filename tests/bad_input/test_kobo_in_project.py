"""Red-team issue 13, item 4: a KoboToolbox/ODK export as ``vertellen.enquete`` is read as one (consent honoured)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from wijklib.analysis import read_survey_file
from wijklib.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
CODES = ["BU99010101", "BU99010102", "BU99010201"]


def _kobo_csv(path: Path, consents: list[str]) -> Path:
    n = len(consents)
    df = pd.DataFrame({"today": ["2024-03-01"] * n, "algemeen/buurtcode": [CODES[i % 3] for i in range(n)],
                       "intro/toestemming": consents,
                       "veiligheid/veilig_overdag": [str(1 + i % 5) for i in range(n)],
                       "_id": [str(100 + i) for i in range(n)], "_uuid": [f"uuid-{i:03d}" for i in range(n)],
                       "_submission_time": ["2024-03-01T10:00:00"] * n, "_index": [str(i + 1) for i in range(n)]})
    df.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


def test_kobo_export_is_read_and_consent_honoured(tmp_path):
    path = _kobo_csv(tmp_path / "kobo.csv", ["ja"] * 5 + ["nee"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        survey = read_survey_file(path, buurten=CODES)
    assert survey["respondent"].nunique() == 5 and "uuid-005" not in set(survey["respondent"])
    assert survey.attrs["zonder_toestemming"] == 1


def test_other_files_keep_the_template_error(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(InputError, match="verplichte kolom") as exc:
        read_survey_file(path, buurten=CODES)
    assert "Kobo" not in str(exc.value)


def test_broken_kobo_export_says_it_was_read_as_one(tmp_path):
    path = tmp_path / "kobo.csv"
    pd.DataFrame({"_uuid": ["u1"], "_submission_time": ["2024-03-01"], "opmerking": ["x"]}).to_csv(path, index=False)
    with pytest.raises(InputError, match="KoboToolbox/ODK"):
        read_survey_file(path, buurten=CODES)


def test_kobo_export_in_the_project_file(tmp_path):
    from wijklib.project import load_project

    proj = tmp_path / "project"
    shutil.copytree(DEMO, proj)
    _kobo_csv(proj / "enquete.csv", ["ja"] * 11 + ["nee"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = load_project(proj / "project.yaml").load_werkset()
    assert ws.survey["respondent"].nunique() == 11
    assert "uuid-011" not in set(ws.survey["respondent"])
