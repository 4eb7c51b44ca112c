"""wijklib: the Dutch neighbourhood approach (wijkaanpak) against liveability problems and undermining crime.

Subpackages
-----------
catalogue
    Every enumerated list of the five source documents as typed, immutable entries.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wijklib")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installation
    __version__ = "0.0.0+onbekend"

__all__ = ["__version__"]
