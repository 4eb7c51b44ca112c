"""A first batch run starts its workers while the batch is prepared (#17); bad input stops them again."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from wijklib.errors import InputError
from wijklib.reports import runner


class _Pool(ThreadPoolExecutor):
    """Stands in for the process pool: records when it was made and whether it was shut down."""

    made: list["_Pool"] = []

    def __init__(self, config, workers, *, warm=False):
        super().__init__(1)
        self.warm, self.workers, self.stopped = warm, workers, False
        _Pool.made.append(self)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.stopped = True
        super().shutdown(wait=wait, cancel_futures=cancel_futures)


@pytest.fixture
def spies(monkeypatch):
    _Pool.made = []
    seen: dict[str, int] = {}

    def prepare(*args, **kwargs):
        seen["pools_when_preparing"] = len(_Pool.made)
        raise InputError("kapotte invoer", column="x")
    monkeypatch.setattr(runner, "_local_pool", _Pool)
    monkeypatch.setattr(runner, "prepare_batch", prepare)
    return seen


def test_a_first_run_starts_the_workers_before_preparing_and_stops_them_after_bad_input(tmp_path, spies):
    with pytest.raises(InputError, match="kapotte invoer"):
        runner.run_reports(out_dir=tmp_path / "uit", workers=2, progress=False)
    assert spies["pools_when_preparing"] == 1
    pool = _Pool.made[0]
    assert pool.warm and pool.workers == 2 and pool.stopped


def test_a_rerun_or_fresh_kernels_or_dask_start_no_workers_early(tmp_path, spies):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "manifest.json").write_text("{}", encoding="utf-8")  # a rerun may skip every report
    with pytest.raises(InputError):
        runner.run_reports(out_dir=out, progress=False)
    with pytest.raises(InputError):
        runner.run_reports(out_dir=tmp_path / "vers", fresh_kernels=True, progress=False)
    with pytest.raises(InputError):
        runner.run_reports(out_dir=tmp_path / "dask", backend="dask", progress=False)
    assert _Pool.made == [] and spies["pools_when_preparing"] == 0
