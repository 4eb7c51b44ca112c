"""The framework catalogue: every enumerated list of the five source documents as typed, immutable entries.

The data are versioned YAML files in ``wijklib/catalogue/data/`` (format: ``SCHEMA.md``).

Examples
--------
>>> from wijklib.catalogue import load_catalogue
>>> cat = load_catalogue()
>>> len(cat.by_kind("randvoorwaarde"))
12
"""

from .loader import DATA_DIR, Catalogue, CatalogueError, load_catalogue
from .model import DocumentInfo, Entry, KindSpec, Ref, Source

__all__ = ["Catalogue", "CatalogueError", "DATA_DIR", "DocumentInfo", "Entry", "KindSpec", "Ref", "Source",
           "load_catalogue"]
