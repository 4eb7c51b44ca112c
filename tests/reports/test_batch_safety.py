"""Safe batches: no accidental thousands of reports, settings in the resume key, deterministic preparation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from wijklib.errors import InputError
from wijklib.reports import BatchInputs
from wijklib.reports.manifest import write_index
from wijklib.reports.prepare import prepare_batch
from wijklib.reports.select import ALL_AREAS, MAX_AREAS_WITHOUT_SELECTION, select_areas


def _areas(gemeenten: dict[str, int]) -> pd.DataFrame:
    rows = []
    for gm, n in gemeenten.items():
        for i in range(n):
            code = f"BU{gm[2:]}{i // 100:02d}{i % 100:02d}"
            rows.append({"area_code": code, "wijk_code": "WK" + code[2:8], "gemeente_code": gm})
    return pd.DataFrame(rows)


def test_more_than_500_buurten_without_selection_is_refused():
    areas = _areas({"GM0363": MAX_AREAS_WITHOUT_SELECTION + 1})
    with pytest.raises(InputError) as exc:
        select_areas(areas)
    assert "--gemeente" in str(exc.value) and "--alles" in str(exc.value) and "501" in str(exc.value)
    assert len(select_areas(areas, codes=ALL_AREAS)) == MAX_AREAS_WITHOUT_SELECTION + 1
    assert len(select_areas(areas, gemeente="GM0363")) == MAX_AREAS_WITHOUT_SELECTION + 1


def test_several_gemeenten_without_selection_are_refused():
    areas = _areas({"GM0088": 3, "GM0096": 4})
    with pytest.raises(InputError) as exc:
        select_areas(areas)
    assert "2 gemeenten" in str(exc.value) and "--gemeente" in str(exc.value) and "--alles" in str(exc.value)
    assert select_areas(areas, gemeente="GM0096") == sorted(areas["area_code"][3:])
    assert len(select_areas(areas, codes=[ALL_AREAS])) == 7


def test_small_single_gemeente_needs_no_selection():
    assert len(select_areas(_areas({"GM9901": 30}))) == 30


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))
            if p.name != "herkomst.json"}  # provenance holds the preparation time


@pytest.fixture(scope="module")
def demo_inputs() -> BatchInputs:
    inputs = BatchInputs.demo()
    return dataclasses.replace(inputs, urgency_config={"uncertainty": {"draws": 50}, "focus": {"k": 5}})


def test_prepare_batch_is_deterministic(tmp_path, demo_inputs):
    a = prepare_batch(demo_inputs, tmp_path / "a")
    b = prepare_batch(demo_inputs, tmp_path / "b")
    assert a.input_hashes == b.input_hashes
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert fa.keys() == fb.keys() and len(fa) > 30
    assert [k for k in fa if fa[k] != fb[k]] == []


def test_a_changed_setting_changes_every_resume_key(tmp_path, demo_inputs):
    a = prepare_batch(demo_inputs, tmp_path / "a")
    changed = dataclasses.replace(demo_inputs, urgency_config={"uncertainty": {"draws": 50}, "focus": {"k": 6}})
    b = prepare_batch(changed, tmp_path / "b")
    assert all(a.input_hashes[c] != b.input_hashes[c] for c in a.areas)
    assert a.rows[a.areas[0]]["settings_hash"] != b.rows[b.areas[0]]["settings_hash"]


def test_index_never_mixes_ranks_of_other_settings(tmp_path):
    manifest = {"schema": 1, "gemeenten": {"GM9901": "Lindewaard"}, "period": 2024,
                "last_run": {"seconds": 1.0, "workers": 1, "made": 1, "skipped": 0, "failed": 0}, "areas": {
        "BU99010101": {"code": "BU99010101", "name": "Oude Kern", "status": "ok", "rank": 1.0, "in_last_run": True,
                       "index": 0.5, "rank_lo": 1, "rank_hi": 2, "settings_hash": "nieuw",
                       "html": "buurten/BU99010101.html"},
        "BU99010102": {"code": "BU99010102", "name": "Marktkwartier", "status": "ok", "rank": 1.0, "index": 0.7,
                       "in_last_run": False, "settings_hash": "oud", "html": "buurten/BU99010102.html"}}}
    html = write_index(tmp_path, manifest).read_text(encoding="utf-8")
    assert "1 met andere instellingen" in html and "niet vergelijkbaar" in html
    assert html.index("Oude Kern") < html.index("Marktkwartier")  # the current run first
    row = html[html.index("Marktkwartier"):].split("</tr>")[0]
    assert "<td>1" not in row  # its old rank is not shown beside the current ranks


def test_national_polygons_refused_without_selection_and_named_with_one(shared_data, tmp_path):
    """Real CBS data: 13,594 buurt polygons of 355 gemeenten are refused; one wijk of Amsterdam gets KWB names."""
    inputs = BatchInputs(areas=shared_data / "cbs" / "buurten_2019_gegeneraliseerd.gpkg",
                         indicators=[shared_data / "amsterdam" / "kwb_2019_amsterdam_tidy.csv"],
                         urgency_config={"uncertainty": {"draws": 20}})
    with pytest.raises(InputError) as exc:
        prepare_batch(inputs, tmp_path / "alles")
    assert "13594" in str(exc.value) and "--gemeente" in str(exc.value) and "--alles" in str(exc.value)
    assert not list((tmp_path / "alles" / "gebieden").glob("*.json"))  # nothing written before the refusal
    prepared = prepare_batch(inputs, tmp_path / "wijk", wijk="WK036300")
    assert prepared.areas and all(prepared.names[c] != c for c in prepared.areas)  # polygons have codes only
    assert prepared.shared["gemeenten"] == {"GM0363": "Amsterdam"}
    assert prepared.shared["wijken"]["WK036300"] == "Burgwallen-Oude Zijde"
