"""One way to read and write user files: YAML (:mod:`wijklib.io.yaml`) and atomic writes (:mod:`wijklib.io.atomic`)."""
