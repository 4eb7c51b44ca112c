"""Packaging glue that pyproject.toml cannot express: ship the repository's ``data/demo``, ``notebooks`` and
``templates`` folders inside the package, as ``wijklib/_resources/...`` in the same layout, without moving them.

Everything else (metadata, dependencies, package data, also of these folders) is in pyproject.toml.
``wijklib.resources`` finds the folders in a checkout or in the installed package.
"""

import warnings

from setuptools import find_namespace_packages, setup

# the subfolders of the mapped folders are data, not packages: no "Package would be ignored" warning for them
warnings.filterwarnings("ignore", message=r"\s*Package 'wijklib\._resources\.")

#: installed package -> folder in the repository (see wijklib.resources.RESOURCE_FOLDERS)
RESOURCES = {
    "wijklib._resources.data.demo": "data/demo",
    "wijklib._resources.notebooks": "notebooks",
    "wijklib._resources.templates": "templates",
}

setup(
    packages=find_namespace_packages(include=["wijklib", "wijklib.*"]) + list(RESOURCES),
    package_dir=RESOURCES,
)
