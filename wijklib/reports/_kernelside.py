"""Runs INSIDE the report kernel: snapshot and restore the process state that could leak between reports.

Imported once by :class:`wijklib.reports.kernel.WarmKernel`; the module stays in ``sys.modules`` when the user
namespace is reset, so the snapshot survives.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings
from typing import cast

_snap: dict | None = None
_watchdog = None


def die_with_parent(interval: float = 0.5, *, expected: int | None = None, pdeathsig: bool = True) -> None:
    """End this process as soon as its parent is gone (so no kernel or worker outlives a killed batch).

    On Linux the kernel is asked to send SIGKILL when the parent dies (``prctl(PR_SET_PDEATHSIG)``); on every
    system a daemon thread also checks every ``interval`` seconds whether the parent process id changed (the
    process was re-parented) and then exits at once, without cleanup that could write files.

    Parameters
    ----------
    interval : float
        Seconds between checks.
    expected : int, optional
        The parent's process id; default the current parent.
    pdeathsig : bool
        Also use ``PR_SET_PDEATHSIG`` (Linux). Linux sends it when the parent *thread* that started this process
        ends, so pass False when that was not the parent's main thread (e.g. a Dask task thread).
    """
    global _watchdog
    import threading

    parent = os.getppid() if expected is None else int(expected)
    if pdeathsig and sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except Exception:  # pragma: no cover - no libc prctl: the watchdog below still works
            pass
    if os.getppid() != parent:  # the parent died before we were ready
        os._exit(1)
    if _watchdog is not None and _watchdog.is_alive():
        return

    def _watch() -> None:
        import time

        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    _watchdog = threading.Thread(target=_watch, name="wijklib-parent-watchdog", daemon=True)
    _watchdog.start()


def parent_alive(expected: int) -> bool:
    """True while the process that started this one still runs (this process was not re-parented)."""
    return os.getppid() == int(expected)


def warm_up() -> None:
    """Do once what the first chart would otherwise pay for (font cache, Agg canvas)."""
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("warm")
    fig.savefig(io.BytesIO(), format="png")


def snapshot() -> None:
    """Remember the state of a freshly started kernel (after the warm imports)."""
    global _snap
    import matplotlib
    import numpy as np

    _snap = {"rc": dict(matplotlib.rcParams), "filters": list(warnings.filters), "cwd": os.getcwd(),
             "path": list(sys.path), "np_err": np.geterr(), "modules": set(sys.modules)}
    # everything alive now (imported modules, caches) lives as long as the kernel: move it out of the garbage
    # collector's sight, so the full collections between reports (restore() and IPython's reset) only scan what
    # a report created (about 0.1 s less per report)
    gc.collect()
    if hasattr(gc, "freeze"):
        gc.freeze()


def restore() -> None:
    """Put the state back as it was after :func:`snapshot` and free memory."""
    if _snap is None:
        return
    import matplotlib
    import numpy as np

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dict.update(matplotlib.rcParams, _snap["rc"])
        if "pandas" in sys.modules:
            sys.modules["pandas"].reset_option("all")
    cast(list, warnings.filters)[:] = _snap["filters"]  # typeshed says Sequence; it is the module's list
    for name in ("_filters_mutated", "_filters_mutated_lock_held"):  # invalidate the warnings cache
        fn = getattr(warnings, name, None)
        if fn is not None:
            try:
                fn()
                break
            except Exception:
                continue
    if os.getcwd() != _snap["cwd"]:
        os.chdir(_snap["cwd"])
    sys.path[:] = _snap["path"]
    np.seterr(**_snap["np_err"])
    gc.collect()
