"""The one atomic-write helper that every module uses for user-visible output."""

from __future__ import annotations

import os
import stat

import pytest

from wijklib.io.atomic import atomic_write_bytes, atomic_write_text


def test_writes_text_and_creates_folders(tmp_path):
    path = atomic_write_text(tmp_path / "a" / "b.txt", "één regel\n")
    assert path.read_text(encoding="utf-8") == "één regel\n"
    assert [p.name for p in path.parent.iterdir()] == ["b.txt"]  # no temporary file left behind


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    path = tmp_path / "gedeeld.csv"
    path.write_text("oud", encoding="utf-8")
    os.chmod(path, 0o640)
    atomic_write_text(path, "nieuw")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text(encoding="utf-8") == "nieuw"


def test_new_file_is_not_private(tmp_path):
    """mkstemp makes 0600 files; a report in a shared folder must be readable like any other file."""
    mask = os.umask(0o022)
    try:
        path = atomic_write_bytes(tmp_path / "rapport.html", b"<html></html>")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "antwoorden.csv"
    path.write_text("oud", encoding="utf-8")
    with pytest.raises(TypeError):
        atomic_write_bytes(path, "geen bytes")  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["antwoorden.csv"]
