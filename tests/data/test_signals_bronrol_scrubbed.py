"""Red-team finding: a name in the bronrol column of signals reached the shared report lowercased ("wijkagent jan
de vries"), past the scrubber. The reader now scrubs the role before lowercasing it."""

from __future__ import annotations

import warnings

import pytest

from wijklib import told

HEADER = "datum,buurtcode,thema,bronrol,tekst\n"


def _read(tmp_path, rows: list[str]):
    path = tmp_path / "signalen.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return told.read_signals(path), path


def test_name_in_bronrol_is_scrubbed_before_lowercasing(tmp_path):
    with pytest.warns(UserWarning, match=r"signalen\.csv, kolom bronrol, rij 2, 3: .*hoort een rol, geen persoon"):
        df, _ = _read(tmp_path, ["2024-02-01,BU99010101,jeugd,wijkagent Jan de Vries,Hangjongeren bij het plein.",
                                 "2024-02-02,BU99010101,jeugd,buurtwerker Anouk Smit 06-12345678,Veel overlast.",
                                 "2024-02-03,BU99010101,jeugd,leerkracht,Kinderen spelen buiten."])
    assert df["bronrol"].tolist() == ["wijkagent [naam]", "buurtwerker [naam] [telefoon]", "leerkracht"]
    agg = told.aggregate_signals(df)
    for text in [*df.astype(str).to_numpy().ravel(), *agg.astype(str).to_numpy().ravel()]:
        for leak in ("vries", "anouk", "smit", "jan ", "12345678"):
            assert leak not in text.lower()


@pytest.mark.parametrize("role", ["Maatschappelijk Werker", "Beheerder Openbare Ruimte", "Sociaal Wijkteam",
                                  "Wijkagent", "wijkagent Noord", "schoolmaatschappelijk werker"])
def test_roles_are_not_taken_for_names(tmp_path, role):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df, _ = _read(tmp_path, [f"2024-02-01,BU99010101,jeugd,{role},Hangjongeren bij het plein."])
    assert df["bronrol"].tolist() == [role.lower()]


@pytest.mark.parametrize("column, value", [("vraag", "vraag van mevrouw Bakker"), ("thema", "wijkagent Jan de Vries"),
                                           ("vraag", "bellen 06-12345678")])
def test_survey_question_or_theme_naming_a_person_is_refused(tmp_path, column, value):
    from wijklib.errors import InputError

    row = {"buurtcode": "BU99010101", "respondent": "R1", "thema": "veiligheid", "vraag": "eigen_vraag",
           "score": "4", "datum": "2024-03-01"}
    ok = ",".join(row.values())
    row[column] = value
    path = tmp_path / "enquete.csv"
    path.write_text(",".join(row) + "\n" + ok.replace("R1", "R2") + "\n" + ",".join(row.values()) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        told.read_survey(path)
    assert (exc.value.row, exc.value.column) == (3, column)
    assert "geen persoon" in exc.value.message and value not in exc.value.message


def test_ordinary_survey_questions_and_themes_pass(tmp_path):
    path = tmp_path / "enquete.csv"
    path.write_text("buurtcode,respondent,thema,vraag,score,datum\n"
                    "BU99010101,R1,Sociale Cohesie,Prettig Wonen,4,2024-03-01\n"
                    "BU99010101,R1,veiligheid,veilig_avond,4,2024-03-01\n", encoding="utf-8")
    assert told.read_survey(path)["thema"].tolist() == ["sociale_cohesie", "veiligheid"]
