"""The batch runner keeps slow, unused imports out of its processes (#17): no nbformat in the main process, no
IRI grammar in the workers, no matplotlib in the kernels."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest

from wijklib.errors import InputError
from wijklib.reports import parameter_names
from wijklib.reports.kernel import WARM_IMPORTS
from wijklib.reports.runner import DEFAULT_TEMPLATE, _read_template


def test_the_template_read_as_json_gives_the_parameters_nbformat_gives():
    plain = _read_template(DEFAULT_TEMPLATE)
    assert isinstance(plain, dict)  # plain JSON, no nbformat needed
    assert parameter_names(plain) == parameter_names(nbformat.read(DEFAULT_TEMPLATE, as_version=4))
    assert parameter_names(plain)[:3] == ["area_code", "batch_dir", "language"]


def test_a_template_that_is_not_plain_v4_json_goes_through_nbformat(tmp_path):
    broken = tmp_path / "kapot.ipynb"
    broken.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(Exception) as err:  # nbformat's own error, as before
        _read_template(broken)
    assert not isinstance(err.value, InputError)
    v3 = tmp_path / "oud.ipynb"
    v3.write_text(json.dumps({"nbformat": 3, "nbformat_minor": 0, "cells": []}), encoding="utf-8")
    with pytest.raises(Exception) as err:  # not a v4 notebook: nbformat reads (and here refuses) it
        _read_template(v3)
    assert "worksheets" in str(err.value)


def _in_fresh_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_workers_skip_the_iri_grammar_and_still_validate_notebooks():
    assert _in_fresh_python(
        "import sys\nfrom wijklib.reports.worker import skip_iri_grammar\nskip_iri_grammar()\n"
        "import nbformat\nnbformat.validate(nbformat.v4.new_notebook())\n"
        "print(sys.modules.get('rfc3987_syntax') is None)\n") == "True"


def test_the_main_process_of_a_batch_does_not_import_nbformat():
    assert _in_fresh_python(
        "import sys\nfrom wijklib.reports.runner import _read_template, DEFAULT_TEMPLATE\n"
        "from wijklib.reports import parameter_names\n"
        "parameter_names(_read_template(DEFAULT_TEMPLATE))\nprint('nbformat' in sys.modules)\n") == "False"


def test_kernels_do_not_import_matplotlib_at_start():
    assert not any(m.startswith("matplotlib") for m in WARM_IMPORTS)
    assert "wijklib.reports.view" in WARM_IMPORTS
