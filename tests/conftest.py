"""Shared fixtures: where the real CBS data of ../shared/data is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path | None:
    """The folder with real CBS data: $WIJKLIB_SHARED_DATA or ../shared/data beside the checkout."""
    env = os.environ.get("WIJKLIB_SHARED_DATA")
    candidate = Path(env) if env else ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        reason = "echte CBS-data niet gevonden: zet WIJKLIB_SHARED_DATA of leg ../shared/data naast de checkout"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason + " (onder CI moeten de tests op echte data draaien)")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session", autouse=True)
def _pseudonym_key_outside_home(tmp_path_factory):
    """Keep the pseudonym key of the tests in a temporary folder (inherited by notebook kernels)."""
    key = tmp_path_factory.mktemp("sleutel") / "pseudoniem.key"
    old = os.environ.get("WIJKLIB_PSEUDONIEM_KEY")
    os.environ["WIJKLIB_PSEUDONIEM_KEY"] = str(key)
    yield key
    if old is None:
        os.environ.pop("WIJKLIB_PSEUDONIEM_KEY", None)
    else:
        os.environ["WIJKLIB_PSEUDONIEM_KEY"] = old
