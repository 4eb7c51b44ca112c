"""The aanleidingen log as named evidence for suggested interventions (issue #18)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from wijklib.reports import BatchInputs
from wijklib.reports.prepare import prepare_batch

BUURT, KADE = "BU99010203", "BU99010103"  # few domains; the demo log has an explosion at the kade


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("aanleidingen")
    inputs = BatchInputs.demo()
    log = tmp / "aanleidingen.csv"
    text = inputs.aanleidingen.read_text(encoding="utf-8").rstrip("\n")
    log.write_text(text + f"\n{BUURT};2024-09-12;incident;Dealen in het portiek van meneer Jansen, Merelstraat 12, "
                          "06-12345678, bewoners voelen zich onveilig;wijkagent;\n", encoding="utf-8")
    out = {}
    for key, inp in (("with", dataclasses.replace(inputs, aanleidingen=log)), ("demo", inputs)):
        prep = prepare_batch(inp, tmp / key, areas=[BUURT, KADE])
        out[key] = {c: json.loads(prep.bundle_path(c).read_text(encoding="utf-8")) for c in (BUURT, KADE)}
    return out


def test_logged_incident_is_named_evidence_of_a_matching_intervention(bundles):
    iv = bundles["with"][BUURT]["interventions"]
    drugs = [label for label, ev in iv["evidence"].items() if "aanleidingenlog: incident of onrust, 2024-09-12" in ev]
    assert drugs and any("drug" in label.lower() for label in drugs)
    assert "het aanleidingenlog" in iv["origin"]
    assert any("aanleidingenlog: incident of onrust, 2024-09-12" in m["explanation"] for m in iv["matches"])
    # the demo log has no drugs event for this buurt: no drugs domain, no log evidence for it
    demo = bundles["demo"][BUURT]["interventions"]
    assert not any("drug" in label.lower() for label in demo.get("evidence", {}))


def test_demo_log_media_event_is_evidence_for_violence(bundles):
    ev = bundles["demo"][KADE]["interventions"]["evidence"]
    assert "aanleidingenlog: media-aandacht, 2024-10-14" in ev["Geweld en wapens"]
    assert not any("aanleidingenlog" in v for k, v in ev.items() if k != "Geweld en wapens")


def test_personal_data_of_the_log_never_reaches_the_bundle(bundles):
    raw = json.dumps(bundles["with"], ensure_ascii=False)
    assert "aanleidingenlog: incident" in raw
    for fragment in ("Jansen", "Merelstraat 12", "06-12345678"):
        assert fragment not in raw
    # the evidence names kind and date only, never the description
    ev = bundles["with"][BUURT]["interventions"]["evidence"]
    assert not any("portiek" in v for v in ev.values())
