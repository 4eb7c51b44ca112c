"""Command line: ``python -m wijklib.training learner BRONMAP DOELMAP [--overschrijven]``, ``antwoordtabel HANDLEIDING``
and ``voila NOTEBOOK [--port] [--ip]``."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from wijklib.errors import InputError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wijklib.training",
        description="Hulpmiddelen voor de trainingsnotebooks van wijklib.")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    learner = sub.add_parser(
        "learner", help="maak de leerversie: zonder uitwerkingen (cellen met tag 'solution') en zonder uitvoer",
        description="Maak de leerversie van de trainingsnotebooks: cellen met de tag 'solution' en alle uitvoer "
                    "gaan eruit, de rest blijft. FACILITATOR.md wordt niet meegekopieerd. Schrijft atomair en "
                    "weigert de bronmap zelf.")
    learner.add_argument("bron", help="map met de notebooks met uitwerkingen, bv. notebooks/training")
    learner.add_argument("doel", help="map voor de leerversie, bv. output/training_leerversie")
    learner.add_argument("--overschrijven", action="store_true",
                         help="ook schrijven in een niet-lege map die geen eerdere leerversie is")
    table = sub.add_parser(
        "antwoordtabel", help="zet de antwoordtabel uit de antwoordsleutel in FACILITATOR.md",
        description="Schrijft de tabel met bronnen en goede antwoorden (uit wijklib/training/materiaal/"
                    "antwoorden.yaml) tussen de markeringen in de handleiding voor trainers.")
    table.add_argument("handleiding", help="bijvoorbeeld notebooks/training/FACILITATOR.md")
    app = sub.add_parser(
        "voila", help="toon een notebook als webapp (Voilà) zonder bronnen van internet",
        description="Start Voilà met het sjabloon wijklib-offline: hetzelfde als Voilà's eigen sjabloon, maar zonder "
                    "pictogrammen van internet. Stoppen met Ctrl+C.")
    app.add_argument("notebook", help="bijvoorbeeld output/training_leerversie/03_urgentie_speeltuin.ipynb")
    app.add_argument("--port", type=int, default=8866, help="poort (standaard 8866)")
    app.add_argument("--ip", default="127.0.0.1",
                     help="adres; 0.0.0.0 maakt de app bereikbaar op het lokale netwerk (alleen op een vertrouwd "
                          "netwerk)")
    args = parser.parse_args(argv)
    if args.opdracht == "voila":
        import subprocess

        from wijklib.training.app import voila_command, voila_environment

        try:
            return subprocess.call(voila_command(args.notebook, port=args.port, ip=args.ip), env=voila_environment())
        except KeyboardInterrupt:  # pragma: no cover - interactive stop
            return 0
    if args.opdracht == "antwoordtabel":
        from wijklib.training.answers import update_facilitator

        try:
            changed = update_facilitator(args.handleiding)
        except InputError as exc:
            print(f"Fout: {exc}", file=sys.stderr)
            return 2
        print("Antwoordtabel bijgewerkt." if changed else "Antwoordtabel was al bij.")
        return 0
    from wijklib.training.learner import learner_version

    try:
        written = learner_version(args.bron, args.doel, overwrite=args.overschrijven)
    except InputError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    notebooks = [p for p in written if p.suffix == ".ipynb"]
    print(f"Leerversie geschreven in {args.doel}: {len(notebooks)} notebooks, "
          f"{len(written) - len(notebooks)} andere bestanden.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
