"""Community work at work: the wijkverbinder's workbench (Handreiking Weerbare gemeenschappen, 004) and the
signals and barrier model of the Inspiratieboek (001).

See :mod:`wijklib.gemeenschap.werkbank` and :mod:`wijklib.gemeenschap.barrieres`; notebook
``07_weerbare_gemeenschap`` shows them on the demo gemeente Lindewaard.

The package exports the public names of its modules; each module's ``__all__`` is the one list of them.
"""

from . import barrieres, sjablonen, werkbank
from .barrieres import *  # noqa: F403 - the public names are listed once, in the module's __all__
from .sjablonen import *  # noqa: F403
from .werkbank import *  # noqa: F403

__all__ = sorted({*barrieres.__all__, *sjablonen.__all__, *werkbank.__all__})
