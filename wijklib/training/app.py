"""Serve training notebooks as a Voilà app that works offline (no CDN resources).

Voilà's own ``lab`` page template links the Font Awesome stylesheets from a CDN. The template ``wijklib-offline``
(in ``jupyter_data/voila/templates/``) is that template without those two links; the training notebooks use no
icons. :func:`voila_command` and :func:`voila_environment` give the command line and the environment (the template
folder on ``JUPYTER_PATH``); ``python -m wijklib.training voila NOTEBOOK`` runs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Mapping

__all__ = ["TEMPLATE", "JUPYTER_DATA", "voila_command", "voila_environment"]

#: Name of the offline Voilà template.
TEMPLATE = "wijklib-offline"
#: Jupyter data folder that holds the template (added to ``JUPYTER_PATH``).
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter_data"


def voila_command(notebook: str | Path, *, port: int = 8866, ip: str = "127.0.0.1") -> list[str]:
    """The command that serves ``notebook`` with the offline template (no browser is opened).

    Examples
    --------
    >>> voila_command("03_urgentie_speeltuin.ipynb", port=9000)[-1]
    '--template=wijklib-offline'
    """
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={int(port)}", f"--Voila.ip={ip}",
            f"--template={TEMPLATE}"]


def voila_environment(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of ``base`` (default: ``os.environ``) with the template folder first on ``JUPYTER_PATH``."""
    env = dict(os.environ if base is None else base)
    rest = env.get("JUPYTER_PATH", "")
    env["JUPYTER_PATH"] = str(JUPYTER_DATA) + (os.pathsep + rest if rest else "")
    return env
