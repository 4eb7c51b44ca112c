"""Time the figures of the buurt report per report (the kernel-side drawing of ``wijklib.reports.figures``).

Prepares the demo batch once, then draws every figure of every demo buurt the way the report template does and
prints the mean time per report and per figure. ``--compare FILE`` also times another version of ``figures.py``
(e.g. ``git show <commit>:wijklib/reports/figures.py > /tmp/figures_old.py``) in the same run, interleaved, so
the ratio holds on a loaded machine. A measurement, not a test: nothing fails on a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

FIGURES = ("index_strip", "domain_bars", "trend_panel", "waterfall", "told_vs_counted", "area_map")


def _load(path: str | None) -> Any:
    if path is None:
        from wijklib.reports import figures

        return figures
    spec = importlib.util.spec_from_file_location("figures_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _calls(fg: Any, batch: Path) -> list[tuple[str, Callable[[], Any]]]:
    """The figure calls of every report in ``batch``, with the arguments the template gives them."""
    shared = json.loads((batch / "batch.json").read_text(encoding="utf-8"))
    kaart = json.loads((batch / "kaart.json").read_text(encoding="utf-8"))
    cls = shared.get("urgency", {}).get("classification")
    calls: list[tuple[str, Callable[[], Any]]] = []
    for path in sorted((batch / "gebieden").glob("*.json")):
        b = json.loads(path.read_text(encoding="utf-8"))
        u, a = b.get("urgency"), b["area"]
        if u is not None and u.get("index") is not None:
            calls.append(("index_strip", lambda u=u, a=a: fg.index_strip(
                shared["urgency"]["index_values"], u["index"], cls, name=a["name"])))
            calls.append(("domain_bars", lambda u=u: fg.domain_bars(u["domains"])))
            if u["contributions"]:
                calls.append(("waterfall", lambda u=u: fg.waterfall(u["contributions"], u["index"])))
            rows = [d for d in u.get("divergence", []) if d.get("told_pct") is not None
                    and d.get("counted_pct") is not None]
            if rows:
                calls.append(("told_vs_counted", lambda rows=rows: fg.told_vs_counted(rows)))
        items = [r for r in b["indicators"] if r.get("series")][:6]
        if items and len(b["periods"]) > 1:
            calls.append(("trend_panel", lambda items=items, b=b: fg.trend_panel(items, b["periods"])))
        calls.append(("area_map", lambda a=a: fg.area_map(kaart, a["code"], a["wijk_code"], cls)))
    return calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="FIGURES_PY", help="another figures.py to time in the same run")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from wijklib.reports.inputs import BatchInputs
    from wijklib.reports.prepare import prepare_batch

    with tempfile.TemporaryDirectory(prefix="wijklib-bench-figures-") as tmp:
        return _run(args, Path(tmp), prepare_batch, BatchInputs)


def _run(args: argparse.Namespace, batch: Path, prepare_batch: Callable, BatchInputs: Any) -> int:  # noqa: N803
    prepare_batch(BatchInputs.demo(), batch)
    versions = {"huidig": _load(None)}
    if args.compare:
        versions["vergelijk"] = _load(args.compare)
    calls = {name: _calls(fg, batch) for name, fg in versions.items()}
    n_reports = len(list((batch / "gebieden").glob("*.json")))
    for fns in calls.values():  # warm up: imports, font cache
        for _, fn in fns[: len(FIGURES)]:
            fn()
    totals: dict[str, dict[str, float]] = {name: dict.fromkeys(FIGURES, 0.0) for name in versions}
    sizes: dict[str, int] = dict.fromkeys(versions, 0)
    for _ in range(args.rounds):
        for name, fns in calls.items():  # interleaved, so both versions see the same load
            for fig, fn in fns:
                t0 = time.perf_counter()
                out = fn()
                totals[name][fig] += time.perf_counter() - t0
                sizes[name] += len(out if isinstance(out, (bytes, str)) else str(out))
    print(f"{n_reports} demo buurten, {args.rounds} rondes; tijd per rapport (ms)")
    print(f"{'figuur':<18}" + "".join(f"{name:>12}" for name in versions))
    for fig in FIGURES:
        print(f"{fig:<18}" + "".join(f"{1000 * totals[n][fig] / (n_reports * args.rounds):>12.1f}"
                                     for n in versions))
    print(f"{'totaal':<18}" + "".join(f"{1000 * sum(totals[n].values()) / (n_reports * args.rounds):>12.1f}"
                                     for n in versions))
    print(f"{'kB per rapport':<18}" + "".join(f"{sizes[n] / 1024 / (n_reports * args.rounds):>12.1f}"
                                             for n in versions))
    if len(versions) == 2:
        now, before = (sum(totals[n].values()) for n in versions)
        print(f"huidig / vergelijk: {now / before:.4f} ({before / now:.0f}x zo snel)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
