"""The stories counts notebook 01 shows are the shared counts (consent for 'delen'), as in the CSV and reports.

An informant who consented to 'verhalen' but not to 'delen' is counted in the internal story set; if the notebook
showed that count beside ``tellen_en_vertellen.csv`` (shared, 'delen' only), the difference would reveal that
informant's choice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import yaml

from wijklib.analysis import stories_beside_figures, stories_frequencies, told_table
from wijklib.project import DEMO_PROJECT, load_project
from wijklib.stories import stories_told_table

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


def _werkset_with_informant_not_sharing(tmp_path: Path, informant: str = "I1"):
    stakeholders = tmp_path / "stakeholders"
    shutil.copytree(DEMO / "stakeholders", stakeholders)
    consent = pd.read_csv(stakeholders / "toestemming.csv", dtype=str, keep_default_na=False)
    row = consent["informant"] == informant
    consent.loc[row, "reikwijdte"] = consent.loc[row, "reikwijdte"].str.replace("|delen", "", regex=False)
    assert "delen" not in consent.loc[row, "reikwijdte"].iloc[0]
    consent.to_csv(stakeholders / "toestemming.csv", index=False)
    (stakeholders / "stakeholders.xlsx").unlink(missing_ok=True)
    data = yaml.safe_load(DEMO_PROJECT.read_text(encoding="utf-8"))
    data["cijfers"] = [str(DEMO / p) for p in data["cijfers"]]
    for key in ("buurten", "wijken", "aanleidingen"):
        data[key] = str(DEMO / data[key])
    data["vertellen"] = {k: str(DEMO / v) for k, v in data["vertellen"].items() if isinstance(v, str)}
    data["vertellen"]["verhalen"] = {"bron": str(DEMO / "verhalen"), "stakeholders": str(stakeholders)}
    data["urgentie"]["instellingen"] = str(DEMO / data["urgentie"]["instellingen"])
    data["uitvoer"] = str(tmp_path / "uit")
    path = tmp_path / "project.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    project = load_project(path)
    return project, project.load_werkset()


def test_notebook_story_counts_equal_the_shared_told_table(tmp_path):
    project, ws = _werkset_with_informant_not_sharing(tmp_path)
    internal = stories_told_table(ws.stories, min_sources=1).set_index(["area_code", "theme"])["n_fragments"]
    shared = stories_told_table(ws.stories.for_sharing(), min_sources=1).set_index(["area_code", "theme"])[
        "n_fragments"]
    # the case is meaningful: the informant without 'delen' is in the internal set
    assert internal.sum() > shared.sum()

    told = told_table(ws)
    told = told[told["source"] == "verhalen"].set_index(["area_code", "theme"])["value"]
    assert len(told)
    freq = stories_frequencies(ws, by="thema")
    freq = freq[~freq["achtergehouden"]].set_index(["buurtcode", "thema"])["fragmenten"]
    assert dict(freq.astype(float)) == dict(told.astype(float))

    result = project.run(ws, overrides={"uncertainty": {"draws": 0}})
    table = stories_beside_figures(ws, result)
    for (area, theme), value in told.items():
        cols = [c for c in table.columns if c.startswith("verhalen: ")]
        cells = {str(table.at[area, c]) for c in cols}
        assert str(int(value)) in cells, (area, theme, cells)


def test_code_frequencies_leave_out_the_informant_without_delen(tmp_path):
    _, ws = _werkset_with_informant_not_sharing(tmp_path)
    all_codes = ws.stories.code_frequencies(by="code", min_sources=1)["fragmenten"].sum()
    shared_codes = ws.stories.for_sharing().code_frequencies(by="code", min_sources=1)["fragmenten"].sum()
    assert all_codes > shared_codes
    freq = stories_frequencies(ws, by="code")
    expected = ws.stories.for_sharing().code_frequencies(by="code", min_sources=ws.stories_min_sources)
    expected = expected[expected["buurtcode"].isin(set(ws.buurten["area_code"]))]
    assert freq["fragmenten"].sum() == expected["fragmenten"].sum()
