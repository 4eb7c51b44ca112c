"""Where wijklib's own files are: demo data, notebooks, input templates and the report template.

In a checkout (also an editable install) they are the folders ``data/demo``, ``notebooks`` and ``templates`` of the
repository. An installed wheel carries copies of the same folders, in the same layout, under
``wijklib/_resources/`` (see the ``package-dir`` mapping in ``setup.py``). :func:`root` returns the folder that holds
them, so ``root() / "data" / "demo"`` is the demo data in both cases; notebook parameters such as
``"data/demo/buurten.geojson"`` are read relative to it.

Every lookup of these folders in wijklib goes through this module; nothing else uses ``Path(__file__).parents``.

Examples
--------
>>> (demo_dir() / "buurten.geojson").is_file()
True
>>> report_template().name
'rapport_buurt.ipynb'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources as _ilr
from pathlib import Path
from typing import Callable

__all__ = ["root", "is_checkout", "checkout_root", "demo_dir", "notebooks_dir", "templates_dir",
           "input_templates_dir", "report_template_dir", "report_template", "demo_batch_config", "RESOURCE_FOLDERS"]

#: Folders of the repository shipped with the package, relative to :func:`root` (and to the checkout).
RESOURCE_FOLDERS = ("data/demo", "notebooks", "templates")

_PACKAGE_DIR = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The repository root when wijklib runs from a checkout (or an editable install), else None."""
    top = _PACKAGE_DIR.parent
    if (top / "pyproject.toml").is_file() and all((top / f).is_dir() for f in RESOURCE_FOLDERS):
        return top
    return None


def is_checkout() -> bool:
    """True when wijklib runs from a checkout of the repository (the resource folders are the repository's)."""
    return checkout_root() is not None


@lru_cache(maxsize=None)
def root() -> Path:
    """The folder holding ``data/demo``, ``notebooks`` and ``templates``: the checkout or the installed copy.

    Raises
    ------
    FileNotFoundError
        When neither exists (an incomplete installation); the message says what to do (in Dutch).
    """
    top = checkout_root()
    if top is not None:
        return top
    installed = Path(str(_ilr.files("wijklib").joinpath("_resources")))
    if all((installed / f).is_dir() for f in RESOURCE_FOLDERS):
        return installed
    raise FileNotFoundError(
        f"wijklib is onvolledig geïnstalleerd: de map {installed} met demodata, notebooks en sjablonen ontbreekt. "
        "Installeer wijklib opnieuw vanuit de broncode (pip install .) of werk in een checkout.")


def _under_root(name: str, relative: str, what: str) -> Callable[[], Path]:
    """The accessor ``name()`` of one resource: ``root() / relative``, documented as ``what``."""

    def locate() -> Path:
        return root() / relative

    locate.__name__ = locate.__qualname__ = name
    locate.__doc__ = f"{what} (``{relative}``)."
    return locate


#: the resources by the accessor that returns them: one table of where wijklib's own files are
demo_dir = _under_root("demo_dir", "data/demo", "The demo data of the fictional gemeente Lindewaard")
notebooks_dir = _under_root("notebooks_dir", "notebooks", "The project's notebooks, e.g. ``01_urgentieanalyse.ipynb``")
templates_dir = _under_root("templates_dir", "templates", "All templates: input templates and the report template")
input_templates_dir = _under_root("input_templates_dir", "templates/invoer", "Empty input templates for users")
report_template_dir = _under_root("report_template_dir", "templates/rapport",
                                  "The report template folder: notebook, nbconvert template, index template")
report_template = _under_root("report_template", "templates/rapport/rapport_buurt.ipynb",
                              "The notebook that makes one buurt report")
demo_batch_config = _under_root("demo_batch_config", "templates/rapport/demo_batch.yaml",
                                "The batch configuration of the demo gemeente")
