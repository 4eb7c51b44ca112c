"""A Kobo export in which nobody consented: a Dutch message that says so (how many rows), on every path."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from wijklib.cli import EXIT_INPUT_ERROR, main
from wijklib.errors import InputError
from wijklib.told import read_kobo_survey

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def _kobo(path: Path, consent: list[str]) -> Path:
    rows = ["_uuid;today;groep/buurtcode;intro/toestemming;veiligheid/veilig_avond;veiligheid/veilig_dag;"
            "_submission_time"]
    for i, c in enumerate(consent):
        rows.append(f"u{i:03d};2024-05-0{i + 1};BU99010201;{c};{1 + i % 5};{2 + i % 3};2024-05-0{i + 1}T10:00:00")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_nobody_consented_says_so_with_the_number_of_rows(tmp_path):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(InputError) as exc:
            read_kobo_survey(_kobo(tmp_path / "kobo.csv", ["nee", "nee", "", "Nee"]))
    text = str(exc.value)
    assert "niemand heeft toestemming gegeven" in text and "alle 4 rij(en)" in text
    assert "intro/toestemming" in text and "kobo.csv" in text
    assert "geen antwoordkolommen" not in text
    assert not [w for w in seen if "zonder toestemming" in str(w.message)]  # one message, not a warning too


def test_some_refusals_still_warn_and_the_rest_is_read(tmp_path):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        out = read_kobo_survey(_kobo(tmp_path / "kobo.csv", ["ja", "nee", "ja"]))
    assert out["respondent"].nunique() == 2
    assert any("1 respondent(en) zonder toestemming" in str(w.message) for w in seen)


def test_wijk_analyse_with_a_project_whose_survey_nobody_consented_to(tmp_path, capsys):
    import shutil

    proj = tmp_path / "p"
    shutil.copytree(DEMO, proj)
    _kobo(proj / "kobo_nee.csv", ["nee"] * 5)
    text = (proj / "project.yaml").read_text(encoding="utf-8")
    assert "enquete:" in text
    lines = [("  enquete: kobo_nee.csv" if ln.strip().startswith("enquete:") else ln) for ln in text.splitlines()]
    (proj / "project.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["analyse", str(proj / "project.yaml"), "--uit", str(tmp_path / "uit")]) == EXIT_INPUT_ERROR
    err = capsys.readouterr().err
    assert "niemand heeft toestemming gegeven: alle 5 rij(en)" in err and "Traceback" not in err
    assert not (tmp_path / "uit").exists()
