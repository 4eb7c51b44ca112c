"""The national batch path on Dask gives the same reports as the local runner (issue #17.4).

A project file for one gemeente with the NATIONAL 2024 table (all 14,574 buurten; reference frame 'nationaal') and
NO buurt polygons is run for two buurten, once with the local process pool and once on a ``dask.distributed``
LocalCluster with two worker processes. The reports must be the same apart from the time stamp and the output
folder. Without polygons a report has everything but the maps, so the national batch needs no geometry at all
(the 2024 tables have no matching 2024 buurt polygons in ``shared/data``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from wijklib.reports import BatchInputs, run_reports

AREAS = ["BU03440223", "BU03440521"]  # two Utrecht buurten of the 2024 national table
TIME = re.compile(r"<span class=[\"']wl-time[\"']>[^<]*</span>")


def _project(shared_data: Path, folder: Path) -> Path:
    """A project file with the national 2024 table, reference frame 'nationaal' and no 'buurten' key."""
    path = folder / "landelijk_project.yaml"
    table = shared_data / "derived" / "kwb_2024_selectie_misdrijven_gezondheid_woonikveilig.csv"
    path.write_text("versie: 1\n"
                    "gemeente:\n  code: GM0344\n"
                    f"cijfers:\n  - {table.as_posix()}\n"
                    "referentie:\n  kader: nationaal\n"
                    "urgentie:\n  k: 5\n  trekkingen: 50\n", encoding="utf-8")
    return path


def _page(out: Path, code: str) -> str:
    page = (out / "buurten" / f"{code}.html").read_text(encoding="utf-8")
    return TIME.sub("", page).replace(str(out.resolve() / "_batch"), "BATCH").replace(str(out.resolve()), "OUT")


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_national_batch_without_polygons_on_dask_local_cluster_equals_local_runner(shared_data, tmp_path):
    pytest.importorskip("distributed", reason="dask/distributed niet geïnstalleerd (optionele extra 'dask')")
    inputs = BatchInputs.from_project(_project(shared_data, tmp_path))
    assert inputs.areas is None  # no polygons anywhere in the batch
    local = run_reports(inputs, tmp_path / "lokaal", areas=AREAS, workers=1, progress=False)
    dask = run_reports(inputs, tmp_path / "dask", areas=AREAS, workers=2, backend="dask", progress=False)
    assert sorted(local.made) == sorted(dask.made) == sorted(AREAS)
    assert not local.failed and not dask.failed
    manifest = json.loads((tmp_path / "dask" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["last_run"]["backend"] == "dask" and manifest["last_run"]["made"] == 2
    # the reports were made by worker processes of the cluster, not by this process
    assert all(o.pid != os.getpid() for o in dask.outcomes.values())
    for code in AREAS:
        a, b = _page(tmp_path / "lokaal", code), _page(tmp_path / "dask", code)
        assert code in a and len(a) > 10_000
        assert a == b, f"rapport {code} verschilt tussen lokaal en Dask"
