"""Batch per-area reports: one offline HTML (and optionally PDF) report per buurt, fast, resumable, parallel.

Typical use::

    from wijklib.reports import BatchInputs, run_reports
    result = run_reports(BatchInputs.demo(), "output/rapporten", workers=2)
    print(result.index)                       # output/rapporten/index.html

or from the command line: ``wijk rapport --demo --uit output/rapporten``.

How it works
------------
1. :func:`prepare_batch` precomputes everything ONCE (urgency analysis, classification, told data, stakeholder
   and readiness summaries) and writes one small JSON bundle per buurt plus shared files.
2. The thin template ``templates/rapport/rapport_buurt.ipynb`` only reads and formats a bundle
   (:mod:`wijklib.reports.view`).
3. Worker processes each keep ONE warm kernel (:class:`WarmKernel`) and re-run the template with fresh
   parameters in a clean namespace; HTML is exported without code and offline (:mod:`wijklib.reports.export`),
   written atomically.
4. ``manifest.json`` records every area (hashes for resuming, errors of failed areas) and ``index.html`` links
   all reports (:mod:`wijklib.reports.manifest`).

Modules: :mod:`.inputs`, :mod:`.select`, :mod:`.prepare`, :mod:`.view`, :mod:`.figures`, :mod:`.kernel`,
:mod:`.export`, :mod:`.worker`, :mod:`.manifest`, :mod:`.runner`.
"""

import importlib

# Public names and the module that defines them. Imported lazily, so that the report kernel, which only needs
# ``wijklib.reports.view``, does not load the runner, pandas or nbconvert.
_EXPORTS = {
    "BatchInputs": "inputs", "DEMO_CONFIG": "inputs",
    "prepare_batch": "prepare", "PreparedBatch": "prepare",
    "select_areas": "select",
    "run_reports": "runner", "BatchResult": "runner", "DEFAULT_TEMPLATE": "runner", "BACKENDS": "runner",
    "WarmKernel": "kernel", "inject_parameters": "kernel", "parameter_names": "_util",
    "normalise_outputs": "kernel",
    "load_manifest": "manifest", "template_hash": "manifest", "write_index": "manifest",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"wijklib.reports.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'wijklib.reports' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
