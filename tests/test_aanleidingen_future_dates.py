"""An aanleiding dated after today is left out of the log with a warning (red team: 2034 for 2024)."""

from __future__ import annotations

import datetime as dt

import pytest

from wijklib.aanleidingen import read_aanleidingen
from wijklib.errors import InputWarning


def test_an_event_after_today_is_left_out_with_a_warning_naming_file_row_and_column(tmp_path):
    future = dt.date.today() + dt.timedelta(days=3650)
    path = tmp_path / "aanleidingen.csv"
    path.write_text("buurtcode;datum;soort;omschrijving;bron\n"
                    f"BU99010103;{future:%Y-%m-%d};media;Krant over onrust aan de kade;krant\n"
                    "BU99010103;2024-10-17;politiek;Raadsvragen over de kade;gemeenteraad\n", encoding="utf-8")
    with pytest.warns(InputWarning, match="na vandaag") as rec:
        log = read_aanleidingen(path)
    assert log["kind"].tolist() == ["politiek"] and log["row"].tolist() == [3]
    warning = next(w.message for w in rec if "na vandaag" in str(w.message))
    assert warning.file == str(path) and warning.rows == [2] and warning.column == "datum"
    assert "weggelaten" in str(warning) and "keuze van wijklib" in str(warning)
