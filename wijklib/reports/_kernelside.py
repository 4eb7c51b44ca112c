"""Runs INSIDE the report kernel: snapshot and restore the process state that could leak between reports.

Imported once by :class:`wijklib.reports.kernel.WarmKernel`; the module stays in ``sys.modules`` when the user
namespace is reset, so the snapshot survives.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings

_snap: dict | None = None


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
    warnings.filters[:] = _snap["filters"]
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
