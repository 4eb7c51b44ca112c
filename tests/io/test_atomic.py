"""The one atomic-write helper that every module uses for user-visible output."""

from __future__ import annotations

import os
import stat

import pytest

from wijklib.io import atomic
from wijklib.io.atomic import atomic_write_bytes, atomic_write_text, atomic_write_workbook, workbook_bytes


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


# ------------------------------------------------------------------------------------------------ crash mid-write
def test_a_crash_mid_write_leaves_the_old_file_intact_and_no_temporary_file(tmp_path, monkeypatch):
    """The data is fully written to the temporary file, then the process 'dies' before the replace."""
    path = tmp_path / "rapport.html"
    path.write_text("oude versie", encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # an interrupt is a BaseException: the temporary file must still go

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "nieuwe versie " * 1000)
    assert path.read_text(encoding="utf-8") == "oude versie"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]


def test_a_crash_while_writing_the_data_leaves_no_new_file(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "schijf vol")))
    with pytest.raises(OSError, match="schijf vol"):
        atomic_write_bytes(tmp_path / "sub" / "nieuw.csv", b"a;b\n")
    assert list((tmp_path / "sub").iterdir()) == []


# ------------------------------------------------------------------------------------------------ workbooks
def _workbook():
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["buurtcode", "score"])
    wb.active.append(["BU99010201", 3])
    return wb


def test_workbook_is_written_atomically_and_reads_back(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "antwoorden.xlsx"
    path.write_bytes(b"oud")
    assert atomic_write_workbook(path, _workbook()) == path
    assert [[c.value for c in row] for row in load_workbook(path).active.iter_rows()] == \
        [["buurtcode", "score"], ["BU99010201", 3]]
    assert [p.name for p in tmp_path.iterdir()] == ["antwoorden.xlsx"]


def test_reproducible_workbook_has_no_clock_in_it():
    """Committed templates must come out byte-identical on every run: no time stamp of 'now' anywhere."""
    import io
    import zipfile

    data = workbook_bytes(_workbook(), reproducible=True)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode("utf-8")
    assert core.count("2024-01-01T00:00:00Z") == 2 and "wijklib" in core  # created and modified, creator
    assert workbook_bytes(_workbook(), reproducible=True) == data
