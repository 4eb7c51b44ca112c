"""``python -m wijklib.gemeenschap <map>``: write the workbench templates to a folder."""

import sys

from .sjablonen import write_templates

if __name__ == "__main__":  # pragma: no cover - thin wrapper
    target = sys.argv[1] if len(sys.argv) > 1 else "templates/invoer/gemeenschap"
    for path in write_templates(target):
        print(path)
