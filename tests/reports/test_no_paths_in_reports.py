"""A shared report names its input files, never the folders of the machine it was made on."""

from __future__ import annotations

import pytest

from wijklib.reports import runner

pytestmark = pytest.mark.slow


def test_the_provenance_of_a_report_holds_file_names_not_folders(tmp_path):
    out = tmp_path / "gebruiker_geheim" / "rapporten"
    result = runner.run_reports(out_dir=out, areas=["BU99010101"], workers=1, progress=False)
    html = (out / "buurten" / "BU99010101.html").read_text(encoding="utf-8")
    assert result.made == ["BU99010101"]
    assert "gebruiker_geheim" not in html and str(tmp_path) not in html
    assert "Gegevensbestanden:" in html and "sha256" in html
    herkomst = (out / "_batch" / "herkomst.json").read_text(encoding="utf-8")
    assert "data_files" in herkomst  # the full record stays beside the batch
