"""Target lines of the benchmarks (issue #17 "Done when"), collected for the summary of ``run_all.py``.

Every benchmark prints its own table; the lines that say whether a target of issue #17 was met (or give a figure
the issue asks for, such as the Dask throughput) go through :func:`target` or :func:`figure`, which print them at
once and keep them, so that ``run_all.py`` can repeat them together in one block at the end. Benchmarks never fail
on a time: a target that is not met is printed as "NIET gehaald", nothing more.
"""

from __future__ import annotations

#: (script, line) of every target or figure printed in this process, in order.
LINES: list[tuple[str, str]] = []

#: Name of the benchmark script that is running (set by ``run_all.py``; empty when a script runs on its own).
CURRENT = [""]


def verdict(met: bool) -> str:
    """Dutch verdict for a target: ``gehaald`` or ``NIET gehaald``."""
    return "gehaald" if met else "NIET gehaald"


def target(label: str, measured: str, goal: str, met: bool | None) -> str:
    """Print and keep one target line: what was measured, the goal and (when measurable) the verdict.

    Parameters
    ----------
    label : str
        What the target is about (Dutch), e.g. ``"runner vs papermill-pool"``.
    measured : str
        The measured figure with its unit, e.g. ``"4,2x sneller"``.
    goal : str
        The goal with its unit, e.g. ``">= 4x"``.
    met : bool or None
        Whether the goal was met; None when it could not be measured in this run (then ``measured`` says why).
    """
    tail = "niet te meten in deze run" if met is None else verdict(met)
    line = f"DOEL {label}: {measured} (doel {goal}): {tail}"
    print(f"  {line}", flush=True)
    LINES.append((CURRENT[0], line))
    return line


def figure(label: str, text: str) -> str:
    """Print and keep one figure the issue asks for without a target (e.g. the Dask throughput)."""
    line = f"MEETWAARDE {label}: {text}"
    print(f"  {line}", flush=True)
    LINES.append((CURRENT[0], line))
    return line


def nl(x: float, digits: int = 2) -> str:
    """A number with a decimal comma (Dutch), e.g. ``nl(0.153) == '0,15'``."""
    return f"{x:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")
