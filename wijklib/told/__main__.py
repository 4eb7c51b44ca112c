"""told — __main__: part of the former ``wijklib/told.py`` (see the package docstring)."""

from __future__ import annotations

from collections.abc import Sequence


from .templates import (
    write_templates,
)


def _cli(argv: Sequence[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    import argparse

    parser = argparse.ArgumentParser(description="Schrijf de invoersjablonen voor vertelde gegevens.")
    parser.add_argument("map", nargs="?", default="templates/invoer")
    args = parser.parse_args(argv)
    for path in write_templates(args.map):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_cli())
