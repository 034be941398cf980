"""The command line: parse arguments, call the library, print.  No logic lives here.

Each command is a module of this package with ``add_arguments(parser)`` and
``run(args, console) -> int``; the table below names them (imported on first use).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import NoReturn

from rich.console import Console
from rich.text import Text

from .. import _gc
from ..errors import SourceCompareError

__all__ = ["COMMANDS", "GC_THRESHOLD", "build_parser", "command", "main", "script"]

#: command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "inspect": (
        "sourcecompare.cli.inspect",
        "show how documents were read: format, script, paragraphs",
    ),
    "claims": ("sourcecompare.cli.claims", "list the figures of documents, with their intervals"),
    "compare": ("sourcecompare.cli.compare", "find discrepancies; write a report"),
    "align": ("sourcecompare.cli.align", "align documents (side by side) or sentence files"),
    "review": ("sourcecompare.cli.review", "review findings in a local web page; verdicts persist"),
    "export": ("sourcecompare.cli.export", "export reviewed findings: CSV, ClaimReview JSON-LD"),
    "fetch": ("sourcecompare.cli.fetch", "fetch Wikipedia articles by title into a corpus folder"),
    "batch": (
        "sourcecompare.cli.batch",
        "compare many topics (local pool or Dask); findings table",
    ),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, given the ``command`` about to run, one that imports
    and fills in that command's module only (the others keep their name and help): a command
    does not import the modules of all the others before it starts."""
    from .._version import __version__

    parser = argparse.ArgumentParser(
        prog="sourcecompare",
        description="Compare accounts of the same events across languages and sources.",
    )
    parser.add_argument("--version", action="version", version=f"sourcecompare {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (-vv: debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if command is None or name == command:
            importlib.import_module(module).add_arguments(cmd)
        cmd.set_defaults(_module=module)
    return parser


def script() -> int:
    """The ``sourcecompare`` command (the console script, and ``python -m sourcecompare``):
    :func:`main`, in a process that runs one job and exits.

    The cyclic garbage collector runs less often there (:func:`sourcecompare._gc.one_job`).
    Callers of :func:`main` in their own process (tests, notebooks) keep their settings.
    """
    _gc.one_job()
    return main()


#: the cyclic collector's first threshold in the ``sourcecompare`` process (Python's is 700)
GC_THRESHOLD = _gc.THRESHOLD


def command() -> NoReturn:
    """The ``sourcecompare`` console script: :func:`script`, then the process ends with its
    status once the exit handlers have run and the output is flushed, without the
    interpreter's teardown, which frees every object of the run one by one (about 0.08 s
    after a comparison of a 50 KB list of figures) when the system frees them all at once.
    An exception (a usage error's ``SystemExit``, Ctrl-C) ends the process the usual way."""
    import atexit

    code = script()
    atexit._run_exitfuncs()  # logging's shutdown among them
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_command(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # A file name that is not valid UTF-8 reaches Python as lone surrogates; show it escaped
    # rather than fail on printing it.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    # Everything printed is plain text: file names, ids and messages may hold "[...]", which
    # rich would otherwise read as markup (and fail on, or style away part of a file name).
    console = Console(markup=False, highlight=False)
    errors = Console(stderr=True, markup=False, highlight=False)
    from ..resources import on_build

    try:
        with on_build(lambda name: _building(errors, name)):
            code: int = importlib.import_module(args._module).run(args, console)
    except SourceCompareError as exc:
        errors.print(Text.assemble(("error: ", "bold red"), str(exc)), soft_wrap=True)
        return 2
    except OSError as exc:
        # a file the command was told to read or write: name it, with the system's reason
        where = f"{exc.filename}: " if exc.filename is not None else ""
        errors.print(Text.assemble(("error: ", "bold red"), where, exc.strerror or str(exc)))
        return 2
    except KeyboardInterrupt:
        errors.print("interrupted")
        return 130
    return code


def _command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first word that is not an option: the options before
    it take no value), or None when it names none of :data:`COMMANDS`."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


@contextlib.contextmanager
def _building(errors: Console, name: str) -> Iterator[None]:
    """Tell the user a resource cache is being built (the first run after installing)."""
    began = time.perf_counter()
    errors.print(f"building the {name} cache (first run)...", markup=False, highlight=False)
    with errors.status(f"building the {name} cache"):
        yield
    errors.print(
        f"built the {name} cache in {time.perf_counter() - began:.1f} s",
        markup=False,
        highlight=False,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
