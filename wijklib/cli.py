"""The ``wijk`` command line.

Subcommands
-----------
rapport
    One report per buurt (HTML, optionally PDF), an overview page and a manifest; see
    :func:`wijklib.reports.run_reports`.
demo
    The demo on the fictional gemeente Lindewaard (reports per buurt and the notebooks); see
    :func:`wijklib.demo.run_demo`.

Exit status of ``wijk rapport``: 0 when every report was made, otherwise the number of failed areas (at most
100); 101 for bad input before any report was made (the message names the file, row or key); 102 for a wrong
command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["main", "EXIT_INPUT_ERROR", "EXIT_USAGE", "MAX_FAILURE_STATUS"]

MAX_FAILURE_STATUS = 100
EXIT_INPUT_ERROR = 101
EXIT_USAGE = 102


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors get their own status (2 could mean "2 failures")
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wijk", description="wijklib: wijkaanpak tegen ondermijning.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    r = sub.add_parser(
        "rapport", help="maak per buurt een rapport (HTML, optioneel PDF) met een overzichtspagina",
        description="Maak per buurt een rapport zonder code (HTML, optioneel PDF), een overzichtspagina index.html "
                    "en manifest.json. Ongewijzigde buurten worden overgeslagen. Exitstatus: het aantal mislukte "
                    f"buurten (hoogstens {MAX_FAILURE_STATUS}); {EXIT_INPUT_ERROR} bij foute invoer; {EXIT_USAGE} "
                    "bij een fout commando.")
    src = r.add_mutually_exclusive_group(required=True)
    src.add_argument("--demo", action="store_true", help="de fictieve demogemeente Lindewaard (data/demo)")
    src.add_argument("--config", metavar="YAML", help="batchconfiguratie: invoerbestanden en urgentie-instellingen "
                                                      "(voorbeeld: templates/rapport/demo_batch.yaml)")
    sel = r.add_argument_group("welke buurten (samen te voegen; zonder keuze: alle buurten)")
    sel.add_argument("--gemeente", action="append", metavar="GM....", help="alle buurten van deze gemeente")
    sel.add_argument("--wijk", action="append", metavar="WK......", help="alle buurten van deze wijk")
    sel.add_argument("--gebieden", "--areas", dest="gebieden", action="append", metavar="CODES",
                     help="buurtcodes, gescheiden door komma's (een wijk- of gemeentecode staat voor al zijn buurten)")
    sel.add_argument("--focus", metavar="CSV", help="CSV met focusgebieden (kolom area_code of buurtcode; met een "
                                                    "kolom decision/besluit alleen de rijen met 'ja')")
    r.add_argument("--uit", "--out", dest="uit", default="output/rapporten", metavar="MAP",
                   help="uitvoermap (standaard output/rapporten)")
    r.add_argument("--werkers", "--workers", dest="werkers", type=int, default=2, metavar="N",
                   help="aantal parallelle werkprocessen (standaard 2)")
    r.add_argument("--pdf", action="store_true", help="ook PDF maken (headless Chromium)")
    r.add_argument("--opnieuw", "--force", dest="opnieuw", action="store_true",
                   help="alle rapporten opnieuw maken, ook als er niets veranderd is")
    r.add_argument("--jaar", "--period", dest="jaar", type=int, help="peiljaar (standaard het laatste jaar)")
    r.add_argument("--taal", "--language", dest="taal", default="nl", help="taal van de rapporten (alleen nl)")
    r.add_argument("--dask", nargs="?", const="", default=None, metavar="ADRES",
                   help="draai op een Dask-cluster: zonder adres een lokaal cluster, anders het adres van de "
                        "scheduler (vraagt dask en distributed)")
    r.add_argument("--bewaar-notebooks", "--keep-notebooks", dest="bewaar", action="store_true",
                   help="bewaar ook de uitgevoerde notebooks van geslaagde buurten")
    r.add_argument("--stil", "--quiet", dest="stil", action="store_true", help="geen voortgangsbalk")
    _add_demo_parser(sub)
    return parser


def _add_demo_parser(sub) -> None:
    d = sub.add_parser(
        "demo", help="maak de demo: rapporten per buurt en de notebooks voor de fictieve gemeente Lindewaard",
        description="Maak de rapporten per buurt (met index.html) voor de fictieve demogemeente Lindewaard en draai "
                    "de notebooks op dezelfde data. Drukt af waar index.html staat. Exitstatus 0 als alles gelukt "
                    "is, anders 1.")
    d.add_argument("--uit", "--out", dest="uit", default="output/demo", metavar="MAP",
                   help="uitvoermap (standaard output/demo)")
    d.add_argument("--zonder-notebooks", action="store_true", help="alleen de rapporten per buurt maken")


def _demo(args: argparse.Namespace) -> int:
    from wijklib.demo import run_demo

    return run_demo(args.uit, notebooks=not args.zonder_notebooks)


def _rapport(args: argparse.Namespace) -> int:
    from wijklib.errors import InputError
    from wijklib.reports import BatchInputs, run_reports

    try:
        inputs = BatchInputs.demo() if args.demo else BatchInputs.from_yaml(args.config)
        codes = ",".join(args.gebieden) if args.gebieden else None
        result = run_reports(inputs, args.uit, areas=codes, gemeente=args.gemeente, wijk=args.wijk, focus=args.focus,
                             period=args.jaar, workers=args.werkers, pdf=args.pdf, force=args.opnieuw,
                             backend="dask" if args.dask is not None else "local", dask_address=args.dask or None,
                             language=args.taal, keep_notebooks=args.bewaar, progress=not args.stil)
    except InputError as exc:
        print(f"wijk rapport: fout in de invoer: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    made, skipped, failed = len(result.made), len(result.skipped), len(result.failed)
    print(f"{made} rapport(en) gemaakt, {skipped} ongewijzigd overgeslagen, {failed} mislukt "
          f"({result.seconds:.1f} s).")
    for code in result.failed:
        o = result.outcomes.get(code)
        err = (o.error or {}) if o else {}
        where = f" -> {o.failed_notebook}" if o and o.failed_notebook else ""
        print(f"  MISLUKT {code}: {err.get('ename', '')}: {str(err.get('evalue', '')).splitlines()[0][:200] if err.get('evalue') else ''}{where}")
    pdf_problems = [o for o in result.outcomes.values() if o.pdf_error]
    if pdf_problems:
        print(f"  PDF niet gemaakt voor {len(pdf_problems)} buurt(en): {pdf_problems[0].pdf_error}")
    print(f"Overzicht: {Path(result.index).resolve()}")
    return min(failed, MAX_FAILURE_STATUS)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wijk`` command; returns the exit status."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help exits 0; usage errors exit EXIT_USAGE
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "rapport":
        return _rapport(args)
    if args.command == "demo":
        return _demo(args)
    return EXIT_USAGE  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
