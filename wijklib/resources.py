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


def demo_dir() -> Path:
    """The demo data of the fictional gemeente Lindewaard (``data/demo``)."""
    return root() / "data" / "demo"


def notebooks_dir() -> Path:
    """The project's notebooks (``notebooks``), e.g. ``01_urgentieanalyse.ipynb``."""
    return root() / "notebooks"


def templates_dir() -> Path:
    """All templates (``templates``): input templates and the report template."""
    return root() / "templates"


def input_templates_dir() -> Path:
    """Empty input templates for users (``templates/invoer``)."""
    return templates_dir() / "invoer"


def report_template_dir() -> Path:
    """The report template folder (``templates/rapport``): notebook, nbconvert template, index template."""
    return templates_dir() / "rapport"


def report_template() -> Path:
    """The notebook that makes one buurt report (``templates/rapport/rapport_buurt.ipynb``)."""
    return report_template_dir() / "rapport_buurt.ipynb"


def demo_batch_config() -> Path:
    """The batch configuration of the demo gemeente (``templates/rapport/demo_batch.yaml``)."""
    return report_template_dir() / "demo_batch.yaml"
