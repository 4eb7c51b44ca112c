"""The ``wijk`` command line.

Subcommands
-----------
analyse
    The urgency analysis of one gemeente from a project file (or flags): ``scores.csv``, ``focusgebieden.csv`` and
    the other tables; see :func:`wijklib.analysis.run_project`. Exit status 0, or 101 for bad input.
rapport
    One report per buurt (HTML, optionally PDF), an overview page and a manifest; see
    :func:`wijklib.reports.run_reports`.
demo
    The demo on the fictional gemeente Lindewaard (reports per buurt and the notebooks); see
    :func:`wijklib.demo.run_demo`.

Exit status of ``wijk rapport``: 0 when every report was made, otherwise the number of failed areas (at most
100); 101 for bad input before any report was made (the message names the file, row or key); 102 for a wrong
command line; 103 for a problem of the environment (no permission, disk full, read-only output folder); 130 when
the run was stopped (Ctrl-C or SIGTERM: a Dutch line says so; the next run makes what was not made).
After bad input (101) the output folder of ``wijk rapport`` is as it was before the run.

Everything the command prints is Dutch: argparse's own messages and help headings (:func:`_dutch_argparse`), and
every warning as one line ``wijk: waarschuwing: ...`` (:func:`_show_warning`), also in the report workers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from typing import Any, Iterator, NoReturn
import warnings as _warnings
from pathlib import Path

__all__ = ["main", "EXIT_INPUT_ERROR", "EXIT_USAGE", "EXIT_ENVIRONMENT", "MAX_FAILURE_STATUS"]

MAX_FAILURE_STATUS = 100
EXIT_INPUT_ERROR = 101
EXIT_USAGE = 102
EXIT_ENVIRONMENT = 103
#: Stopped by the user (Ctrl-C) or by the system (SIGTERM), as shells report a SIGINT.
EXIT_STOPPED = 130


#: argparse's own texts (its gettext message ids) in Dutch; see :func:`_dutch_argparse`.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "onbekend argument: %s",
    "the following arguments are required: %s": "verplicht argument ontbreekt: %s",
    "one of the arguments %s is required": "verplicht argument ontbreekt: geef een van %s",
    "not allowed with argument %s": "niet samen te gebruiken met %s",
    "ignored explicit argument %r": "overbodige waarde %r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r (verwacht type %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekend commando %(parser_name)r (kies uit %(choices)s)",
}


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse's messages and help headings in Dutch while the command line is built and read.

    argparse looks its texts up through the module-level ``argparse._`` (gettext) at the moment it needs them;
    that lookup is swapped for :data:`_ARGPARSE_NL` and restored afterwards.
    """
    previous = getattr(argparse, "_")
    setattr(argparse, "_", lambda text: _ARGPARSE_NL.get(text, previous(text)))
    try:
        yield
    finally:
        setattr(argparse, "_", previous)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors get their own status (2 could mean "2 failures")
        message = message.replace("argument command: ", "commando: ")
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wijk", description="wijklib: wijkaanpak tegen ondermijning.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    parser.set_defaults(_subparsers=sub.choices)
    a = sub.add_parser(
        "analyse", help="urgentieanalyse van de buurten van één gemeente (scores.csv, focusgebieden.csv, ...)",
        description="Urgentieanalyse van alle buurten van één gemeente uit een projectbestand (voorbeeld: "
                    "templates/project/voorbeeld_project.yaml). Opties gaan voor op het projectbestand. Zonder "
                    "projectbestand zijn --gemeente en --cijfers verplicht. Buurtgrenzen zijn optioneel: zonder "
                    "grenzen werkt alles behalve clusters van aangrenzende buurten en kaarten. Exitstatus 0, "
                    f"{EXIT_INPUT_ERROR} bij foute invoer, {EXIT_USAGE} bij een fout commando.")
    a.add_argument("project", nargs="?", metavar="PROJECT.yaml", help="projectbestand van de gemeente")
    a.add_argument("--gemeente", metavar="GM....", help="CBS-gemeentecode, bijvoorbeeld GM0363")
    a.add_argument("--cijfers", nargs="+", metavar="BESTAND", help="een of meer bestanden met cijfers")
    a.add_argument("--buurten", metavar="GEOBESTAND", help="buurtgrenzen (optioneel)")
    a.add_argument("--referentie", choices=["gemeente", "nationaal", "peers"],
                   help="waarmee elke buurt vergeleken wordt (standaard uit het projectbestand, anders gemeente)")
    a.add_argument("--uit", "--out", dest="uit", metavar="MAP", help="uitvoermap (standaard uit het projectbestand, "
                                                                      "anders uitvoer/urgentie)")
    a.add_argument("--jaar", type=_year, help="peiljaar (standaard het laatste jaar)")
    a.add_argument("--trekkingen", type=_whole_number, metavar="N", help="aantal trekkingen van de onzekerheidsanalyse")

    r = sub.add_parser(
        "rapport", help="maak per buurt een rapport (HTML, optioneel PDF) met een overzichtspagina",
        description="Maak per buurt een rapport zonder code (HTML, optioneel PDF), een overzichtspagina index.html "
                    "en manifest.json. Ongewijzigde buurten worden overgeslagen. Exitstatus: het aantal mislukte "
                    f"buurten (hoogstens {MAX_FAILURE_STATUS}); {EXIT_INPUT_ERROR} bij foute invoer; {EXIT_USAGE} "
                    f"bij een fout commando; {EXIT_ENVIRONMENT} bij een probleem met de omgeving (rechten, schijf vol).")
    src = r.add_mutually_exclusive_group(required=True)
    src.add_argument("--demo", action="store_true", help="de fictieve demogemeente Lindewaard (data/demo)")
    src.add_argument("--config", metavar="YAML", help="batchconfiguratie: invoerbestanden en urgentie-instellingen "
                                                      "(voorbeeld: templates/rapport/demo_batch.yaml)")
    src.add_argument("--project", metavar="YAML", help="projectbestand van de gemeente (voorbeeld: "
                                                       "templates/project/voorbeeld_project.yaml); dezelfde "
                                                       "scores en focusgebieden als notebook 01 en wijk analyse")
    sel = r.add_argument_group("welke buurten (samen te voegen; zonder keuze: alle buurten)")
    sel.add_argument("--gemeente", action="append", metavar="GM....", help="alle buurten van deze gemeente")
    sel.add_argument("--wijk", action="append", metavar="WK......", help="alle buurten van deze wijk")
    sel.add_argument("--gebieden", "--areas", dest="gebieden", action="append", metavar="CODES",
                     help="buurtcodes, gescheiden door komma's (een wijk- of gemeentecode staat voor al zijn buurten)")
    sel.add_argument("--alles", action="store_true",
                     help="echt alle buurten van het bestand (nodig bij meer dan 500 buurten of meerdere gemeenten)")
    sel.add_argument("--focus", metavar="CSV", help="CSV met focusgebieden (kolom area_code of buurtcode; rijen "
                                                    "met besluit 'nee' vallen af, 'ja' en 'open' blijven)")
    r.add_argument("--uit", "--out", dest="uit", default="output/rapporten", metavar="MAP",
                   help="uitvoermap (standaard output/rapporten)")
    r.add_argument("--werkers", "--workers", dest="werkers", type=_workers, default=2, metavar="N",
                   help="aantal parallelle werkprocessen (standaard 2)")
    r.add_argument("--pdf", action="store_true", help="ook PDF maken (headless Chromium)")
    r.add_argument("--opnieuw", "--force", dest="opnieuw", action="store_true",
                   help="alle rapporten opnieuw maken, ook als er niets veranderd is")
    r.add_argument("--jaar", "--period", dest="jaar", type=_year, help="peiljaar (standaard het laatste jaar)")
    r.add_argument("--taal", "--language", dest="taal", default="nl", help="taal van de rapporten (alleen nl)")
    r.add_argument("--dask", nargs="?", const="", default=None, metavar="ADRES",
                   help="draai op een Dask-cluster: zonder adres een lokaal cluster, anders het adres van de "
                        "scheduler (vraagt dask en distributed)")
    r.add_argument("--bewaar-notebooks", "--keep-notebooks", dest="bewaar", action="store_true",
                   help="bewaar ook de uitgevoerde notebooks van geslaagde buurten")
    r.add_argument("--stil", "--quiet", dest="stil", action="store_true", help="geen voortgangsbalk")
    _add_demo_parser(sub)
    return parser


def _whole_number(text: str) -> int:
    """A whole number >= 0 for argparse; ``1e11`` is read as the number it is (the bound is checked later)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal, kreeg {text!r}") from None
    if not (value == value and abs(value) != float("inf")) or value != int(value) or value < 0:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal van 0 of meer, kreeg {text!r}")
    return int(value)


def _workers(text: str) -> int:
    """The number of worker processes for argparse: a whole number of at least 1."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal van 1 of meer, kreeg {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal van 1 of meer (aantal werkprocessen), "
                                         f"kreeg {text!r}")
    return value


def _year(text: str) -> int:
    """A year for argparse (``2024``); whether the data have it is checked later."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"verwacht een jaartal, bijvoorbeeld 2024, kreeg {text!r}") from None


_WIJKLIB_DIR = Path(__file__).resolve().parent

#: Warnings of other packages that a user can meet (reading Excel, dates), in Dutch: (pattern, text).
_FOREIGN_WARNINGS_NL = [
    (re.compile(r"Workbook contains no default style", re.I),
     "een Excel-bestand heeft geen standaardopmaak; de inhoud wordt gewoon gelezen"),
    (re.compile(r"(Data Validation|Conditional Formatting) extension is not supported", re.I),
     "een Excel-bestand bevat gegevensvalidatie of voorwaardelijke opmaak; die wordt niet gelezen, de waarden wel"),
    (re.compile(r"Unknown extension is not supported", re.I),
     "een Excel-bestand bevat een onbekende uitbreiding; die wordt niet gelezen, de waarden wel"),
    (re.compile(r"Could not infer format|parsed individually|dayfirst", re.I),
     "datums zonder vaste notatie: elke datum is apart gelezen; controleer de datums in de invoer"),
    (re.compile(r"have mixed types", re.I),
     "een kolom bevat zowel getallen als tekst; controleer de invoer"),
]
#: Packages of which a hidden technical warning was already mentioned (once per run of :func:`main`).
_HIDDEN: set[str] = set()
#: Warning lines already shown in this run (each is shown once).
_SHOWN: set[str] = set()


def _package_of(filename: str) -> str:
    parts = Path(str(filename)).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1].removesuffix(".py")
    return "python"


def _is_wijklib(filename: str) -> bool:
    try:
        return Path(str(filename)).resolve().is_relative_to(_WIJKLIB_DIR)
    except (OSError, ValueError):
        return False


def _why_no_index(scores) -> str:
    """Why buurten have no urgency index, per status in the scores table (Dutch, for the console)."""
    from wijklib.urgency.engine import REFERENCE_TOO_SMALL

    status = scores.loc[scores["index"].isna(), "status"].astype(str) if "status" in scores else None
    if status is None or status.empty:
        return "te weinig betrouwbare cijfers of te weinig inwoners"
    counts = status.value_counts()
    parts = []
    n = int(counts.get("te weinig gegevens", 0))
    if n:
        parts.append(f"{n} wegens te weinig betrouwbare cijfers of te weinig inwoners")
    n = int(counts.get(REFERENCE_TOO_SMALL, 0))
    if n:
        size = int(scores["reference_size"].max()) if "reference_size" in scores else 0
        parts.append(f"{n} met genoeg eigen cijfers maar een te kleine referentie: {size} buurten, per indicator te "
                     "weinig buurten met een waarde om mee te vergelijken, status 'te kleine referentie'")
    n = int(counts.get("geen referentie", 0))
    if n:
        parts.append(f"{n} zonder referentie om mee te vergelijken")
    if len(parts) == 1:
        return parts[0].split(" ", 1)[1]
    return "; ".join(parts)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Show a warning as one Dutch line starting with ``wijk: waarschuwing:`` (no source file, line or code).

    Warnings of wijklib (:class:`~wijklib.errors.InputWarning` or raised in the package) are Dutch already and
    shown as their message. Warnings of other packages (pandas, openpyxl, ...) are never shown raw: a known one
    in Dutch, a deprecation notice not at all, any other as one Dutch line naming the package (once per package;
    the environment variable ``WIJK_TECHNISCH=1`` shows the original text as well).
    """
    from wijklib.errors import InputWarning

    out = file or sys.stderr
    text = str(message).strip()
    if issubclass(category, InputWarning) or _is_wijklib(filename):
        shown = text
    elif issubclass(category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
        return  # about a package's future, not about the user's input
    else:
        shown = next((nl for pattern, nl in _FOREIGN_WARNINGS_NL if pattern.search(text)), "")
        if not shown and category is UserWarning and _package_of(filename) == "python" \
                and not str(filename).startswith(sys.base_prefix):
            # not from an installed package: wijklib's own text with a stacklevel that points past the package
            shown = text
        if not shown:
            package = _package_of(filename)
            if package in _HIDDEN and not os.environ.get("WIJK_TECHNISCH"):
                return
            _HIDDEN.add(package)
            shown = (f"technische melding van het onderdeel {package} (niet over uw invoer); zet WIJK_TECHNISCH=1 "
                     "om de oorspronkelijke tekst te zien")
        if os.environ.get("WIJK_TECHNISCH"):
            shown += f" [{category.__name__}: {text}]"
    if shown in _SHOWN:  # the same input read twice (analysis and report) says the same thing once
        return
    _SHOWN.add(shown)
    try:
        print(f"wijk: waarschuwing: {shown}", file=out)
    except (OSError, ValueError):  # a closed or broken stderr: never fail over a warning
        pass


def _install_in_worker_process() -> None:
    """In a process started by the ``wijk`` command (a report worker, spawned: it imports this module as part
    of its main module) warnings are shown the same Dutch way as in the command itself."""
    import multiprocessing

    # a spawned child imports its main module while it is still "inheriting" (before parent_process() is set)
    if multiprocessing.parent_process() is not None or getattr(multiprocessing.current_process(), "_inheriting",
                                                                 False):
        _warnings.showwarning = _show_warning


def _os_problem(exc: OSError) -> str:
    import errno

    what = {errno.EACCES: "geen toestemming", errno.EPERM: "geen toestemming", errno.EROFS: "alleen-lezen map",
            errno.ENOSPC: "schijf vol", errno.EDQUOT: "schijfquotum op",
            errno.EEXIST: "bestaat al en is geen map", errno.ENOTDIR: "een deel van het pad is geen map",
            errno.ENOENT: "bestaat niet of kan hier niet worden gemaakt", errno.EISDIR: "is een map, geen bestand",
            errno.ETIMEDOUT: "geen verbinding (time-out)", errno.ECONNREFUSED: "verbinding geweigerd",
            }.get(exc.errno or 0, exc.strerror or str(exc))
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{what}{where}"


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


def _warn_outside_project(out: Path, project_dir: Path) -> None:
    """One ``wijk: waarschuwing:`` line when the output folder is not inside the project folder (not refused:
    the user may mean it, but results with sensitive content then end up elsewhere without notice)."""
    out, base = Path(out).expanduser().resolve(), Path(project_dir).expanduser().resolve()
    if not out.is_relative_to(base):
        print(f"wijk: waarschuwing: de uitvoermap {out} ligt buiten de projectmap {base}; controleer of de "
              "resultaten daar horen", file=sys.stderr)


def _rapport(args: argparse.Namespace) -> int:
    from wijklib.errors import InputError
    from wijklib.reports import BatchInputs, run_reports

    out_dir = Path(args.uit).expanduser().resolve()
    source = args.project or (args.config if not args.demo else None)
    _warn_outside_project(out_dir, Path(source).expanduser().resolve().parent if source else Path.cwd())
    before = _folder_contents(out_dir)
    try:
        if args.demo:
            inputs = BatchInputs.demo()
        elif args.project:
            inputs = BatchInputs.from_project(args.project)
        else:
            inputs = BatchInputs.from_yaml(args.config)
        codes = ",".join(args.gebieden) if args.gebieden else ("*" if args.alles else None)
        result = run_reports(inputs, args.uit, areas=codes, gemeente=args.gemeente, wijk=args.wijk, focus=args.focus,
                             period=args.jaar, workers=args.werkers, pdf=args.pdf, force=args.opnieuw,
                             backend="dask" if args.dask is not None else "local", dask_address=args.dask or None,
                             language=args.taal, keep_notebooks=args.bewaar, progress=not args.stil)
    except InputError as exc:
        _remove_new(out_dir, before)
        print(f"wijk rapport: fout in de invoer: {_as_option(exc, args)}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:  # permissions, disk full, read-only folder: the environment, not the input
        # no clean-up here: the runner records such a failed run in manifest.json and index.html on purpose
        print(f"wijk rapport: probleem met de omgeving: {_os_problem(exc)}", file=sys.stderr)
        return EXIT_ENVIRONMENT
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


def _folder_contents(folder: Path) -> set[str] | None:
    """Relative paths of everything in ``folder`` (not following links); None when it does not exist."""
    import os

    if not folder.is_dir():
        return None
    found: set[str] = set()
    try:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                found.add(os.path.relpath(os.path.join(root, name), folder))
    except OSError:
        pass
    return found


def _remove_new(folder: Path, before: set[str] | None) -> None:
    """After ``wijk rapport`` stopped on bad input: remove what this run created in the output folder (an empty
    ``_batch``, half output), so the folder is as before. Nothing is removed while another batch holds the folder's lock
    (its new files are not ours); files that existed before are never touched."""
    import os

    if (folder / ".wijk-rapport.lock").exists() or not folder.is_dir():
        return
    now = _folder_contents(folder) or set()
    new = sorted(now - (before or set()), key=lambda p: p.count(os.sep), reverse=True)  # deepest first
    for rel in new:
        path = folder / rel
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()
        except OSError:  # not empty (something old inside) or no permission: leave it
            pass
    if before is None:
        try:
            folder.rmdir()  # the run made the folder itself
        except OSError:
            pass


#: Settings of :func:`wijklib.reports.run_reports` -> the option of ``wijk rapport`` that gives them.
_RAPPORT_OPTIONS = {"workers": "--werkers", "language": "--taal", "backend": "--dask", "period": "--jaar",
                    "focus": "--focus"}


def _as_option(exc, args: argparse.Namespace) -> str:
    """The text of an InputError about a setting that came from the command line, naming the option the user
    typed (``optie '--werkers'``) instead of the internal setting (``kolom 'workers'``); others unchanged."""
    config = Path(args.config).expanduser().resolve() if getattr(args, "config", None) else None
    if config is not None and exc.key is None and exc.column is not None and exc.file is not None:
        import dataclasses

        from wijklib.reports.inputs import BatchInputs

        column = str(exc.column)
        where = (f"{args.config}, " + (f"rij {exc.row}, " if exc.row is not None else "") +
                 f"sleutel '{column}': ")
        if Path(exc.file).expanduser().resolve() == config:  # a key of the batch file: not a table column
            return where + exc.message
        if column in {f.name for f in dataclasses.fields(BatchInputs)}:  # an input file named under that key
            return where + f"{exc.message} ({exc.file})"
    option = _RAPPORT_OPTIONS.get(str(exc.column)) if exc.file is None and exc.key is None else None
    if exc.file is None and exc.key is None and exc.column == "gebieden":
        given = [f"--{name}" for name in ("gebieden", "gemeente", "wijk", "focus") if getattr(args, name, None)]
        option = "/".join(given) if given else None
        if option is None:
            return f"selectie van buurten: {exc.message}"
    if option is None:
        return str(exc)
    return (f"rij {exc.row}, " if exc.row is not None else "") + f"optie '{option}': {exc.message}"


def _analyse(args: argparse.Namespace) -> int:
    import warnings

    from wijklib.analysis import save_results
    from wijklib.errors import InputError
    from wijklib.project import load_project, project_from_mapping

    try:
        if args.project:
            project = load_project(args.project)
        else:
            if not args.gemeente or not args.cijfers:
                print("wijk analyse: geef een projectbestand, of --gemeente en --cijfers (zie wijk analyse --help)",
                      file=sys.stderr)
                return EXIT_USAGE
            for name in args.cijfers:  # named as the option the user typed (not as a key of a project file)
                if not (Path.cwd() / Path(name).expanduser()).exists():
                    raise InputError("optie --cijfers: bestand niet gevonden", file=name)
            project = project_from_mapping({"gemeente": {"code": args.gemeente}, "cijfers": args.cijfers},
                                           base=Path.cwd())
        project = project.with_overrides(gemeente=args.gemeente, cijfers=args.cijfers, buurten=args.buurten,
                                         referentie=args.referentie, uit=args.uit)
        _warn_outside_project(project.output, project.base)
        ws = project.load_werkset()
        extra = {"uncertainty": {"draws": args.trekkingen}} if args.trekkingen is not None else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # warnings are in diagnose.csv
            result = project.run(ws, overrides=extra, period=args.jaar)
        written = save_results(result, project.output, ws, frame=project.describe_frame())
    except InputError as exc:
        print(f"wijk analyse: fout in de invoer: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:  # output folder is a file, cannot be made, read-only, disk full: the environment
        print(f"wijk analyse: probleem met de omgeving: {_os_problem(exc)}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    sc = result.scores
    n_scored = int(sc["index"].notna().sum())
    ref = sc["reference_size"]
    ref_txt = f"{int(ref.max())} buurten" if len(ref) and ref.nunique() == 1 else         f"{int(ref.min())} tot {int(ref.max())} buurten" if len(ref) else "0 buurten"
    print(f"{ws.gemeente_naam} ({ws.gemeente_code}), jaar {result.period}: {len(sc)} buurten, {n_scored} met een "
          f"urgentie-index.")
    print(f"Referentie: {project.describe_frame()} ({ref_txt}).")
    missing = len(sc) - n_scored
    if missing:
        print(f"  {missing} buurt(en) zonder index ({_why_no_index(sc)}); ze staan wel in scores.csv met de reden "
              "in de kolom status.")
    if project.reference_frame == "gemeente" and len(sc) < 10:
        print(f"  Let op: {ws.gemeente_naam} heeft maar {len(sc)} buurten; vergelijken binnen de gemeente zegt dan "
              "weinig. Probeer --referentie nationaal (een landelijke tabel) of peers.")
    reference_warning = project.reference_warning(ws)
    if reference_warning:
        print("  " + reference_warning)
    for line in _honest_summary(result):
        print("  " + line)
    names = sum(sc["name"].astype(str) != sc.index.astype(str))
    print(f"Namen gevonden voor {names} van de {len(sc)} buurten.")
    if not ws.has_polygons:
        print("Zonder buurtgrenzen: geen clusters van aangrenzende buurten en geen kaarten (geef --buurten of "
              "'buurten' in het projectbestand).")
    print(f"Tabellen geschreven in {Path(project.output).resolve()}: {', '.join(written)}")
    return 0


def _honest_summary(result) -> list[str]:
    """Plain-Dutch lines on the limits of an urgency result: missing domains, what the years allow, special and
    small buurten, beleidskader and positive urgency (the same facts as notebook 01 and the reports)."""
    lines = []
    if result.missing_domains_text():
        lines.append("Ontbrekend domein: " + result.missing_domains_text())
    if result.trend_note:
        lines.append("Trends: " + result.trend_note)
    sc = result.scores
    if "special_population" in sc:
        special = sc[sc["special_population"].fillna(False).astype(bool)]
        if len(special):
            shown = "; ".join(f"{r['name']} ({code}): {r['special_reason']}" for code, r in special.head(5).iterrows())
            more = f" en {len(special) - 5} meer" if len(special) > 5 else ""
            lines.append(f"Bijzondere bevolking ({len(special)} buurt(en), kolom special_reason): {shown}{more}.")
    if "small_population" in sc:
        n_small = int(sc["small_population"].fillna(False).astype(bool).sum())
        if n_small:
            lines.append(f"Weinig inwoners: {n_small} buurt(en) onder de minimumgrens (keuze van wijklib; kolom "
                         "small_population); hun rang is nooit 'robuust in'.")
    ty = result.types
    if "urgency_type" in ty:
        n_policy = int((ty["urgency_type"] == "beleidskader").sum())
        if n_policy:
            lines.append(f"Beleidskader: {n_policy} buurt(en) wijken af van een lokale norm (typen.csv, kolom "
                         "policy_deviation).")
    if "positive_urgency" in ty:
        n_pos = int(ty["positive_urgency"].fillna("").astype(str).str.len().gt(0).sum())
        if n_pos:
            lines.append(f"Positieve urgentie (initiatieven van bewoners, geen probleem): {n_pos} buurt(en) "
                         "(typen.csv, kolom positive_urgency).")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wijk`` command; returns the exit status."""
    previous, _warnings.showwarning = _warnings.showwarning, _show_warning
    _HIDDEN.clear()
    _SHOWN.clear()
    old_term = _stop_on_sigterm()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("wijk: gestopt: de opdracht is onderbroken. Wat klaar was, staat in de uitvoermap; draai dezelfde "
              "opdracht opnieuw om de rest te maken.", file=sys.stderr)
        return EXIT_STOPPED
    finally:
        _warnings.showwarning = previous
        if old_term is not None:
            import signal

            signal.signal(signal.SIGTERM, old_term)


def _stop_on_sigterm() -> Any:
    """Treat SIGTERM (``kill``, a scheduler stopping a job) like Ctrl-C: stop cleanly and say so in Dutch.

    Returns the previous handler (None when no handler could be set: not in the main thread).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt
    return signal.signal(signal.SIGTERM, stop)


def _parse(argv: list[str] | None) -> argparse.Namespace | int:
    """Read the command line with argparse speaking Dutch; an int is the exit status (help or a usage error)."""
    with _dutch_argparse():
        parser = _build_parser()
        try:
            args, extra = parser.parse_known_args(argv)
            if extra:  # named by the subcommand they were given to, with its usage line
                subparsers = getattr(args, "_subparsers", None) or {}
                (subparsers.get(getattr(args, "command", None)) or parser).error(
                    ("onbekend argument: " if len(extra) == 1 else "onbekende argumenten: ") + " ".join(extra))
        except SystemExit as exc:  # --help exits 0; usage errors exit EXIT_USAGE
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
    return args


def _main(argv: list[str] | None) -> int:
    args = _parse(argv)
    if isinstance(args, int):
        return args
    if args.command == "rapport":
        return _rapport(args)
    if args.command == "analyse":
        return _analyse(args)
    if args.command == "demo":
        return _demo(args)
    return EXIT_USAGE  # pragma: no cover


_install_in_worker_process()

if __name__ == "__main__":
    sys.exit(main())
