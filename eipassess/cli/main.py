"""The ``eipassess`` command: an explicit registry of subcommands and a top-level error handler."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from .. import __version__
from . import exitcodes

# Subcommand name -> module with ``add_parser(subparsers)`` and ``run(args) -> int``.
# Modules import heavy libraries (pandas, WeasyPrint, plotly) inside ``run`` only, and ``main`` imports
# the module of the command that runs alone (every module only for the overall help).
COMMANDS: dict[str, str] = {
    "assess": "eipassess.cli.assess",
    "criteria": "eipassess.cli.criteria",
    "site": "eipassess.cli.site",
    "template": "eipassess.cli.template",
    "import": "eipassess.cli.importer",
    "checklist": "eipassess.cli.checklist",
    "history": "eipassess.cli.history",
    "compare": "eipassess.cli.compare",
    "report": "eipassess.cli.report",
    "portfolio": "eipassess.cli.portfolio",
    "flows": "eipassess.cli.flows",
    "symbiosis": "eipassess.cli.symbiosis",
    "plan": "eipassess.cli.plan",
}

EPILOG = """exit codes: 0 ok, 1 compliance below --fail-under, 2 bad input (files, arguments, store),
3 internal error. Documentation: docs/ in the source distribution."""


def command_of(argv: Sequence[str]) -> str | None:
    """Return the registered command named by ``argv`` (its first word not starting with "-"), if any."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def build_parser(command: str | None = None, commands: bool = True) -> argparse.ArgumentParser:
    """Build the argument parser with ``command`` alone, or with every registered subcommand (none if not ``commands``)."""
    parser = argparse.ArgumentParser(
        prog="eipassess",
        description="Assess an industrial park against the International Framework for Eco-Industrial Parks.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eipassess {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if (command is None and commands) or name == command:
            importlib.import_module(module).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with control characters made visible in everything it prints (see safetext)."""
    from ..safetext import SafeStream

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
    """Run the command line; user errors print a message and return 2, bugs return 3."""
    from ..errors import EipError, InputError
    from ..fsutil import describe

    argv = sys.argv[1:] if argv is None else list(argv)
    # "--version" first prints the version and stops: no subcommand module needs importing for it.
    parser = build_parser(command_of(argv), commands=argv[:1] != ["--version"])
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return exitcodes.OK
    try:
        return int(args.run(args))
    except InputError as exc:
        for p in exc.warnings:
            print(str(p), file=sys.stderr)
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        n = len(exc.problems)
        print(f"eipassess: {n} problem{'s' if n != 1 else ''} found; nothing was written.", file=sys.stderr)
        return exc.exit_code
    except EipError as exc:
        print(f"eipassess: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("eipassess: interrupted", file=sys.stderr)
        return exitcodes.INTERRUPTED
    except BrokenPipeError:
        return exitcodes.OK
    except RecursionError:  # only input nested beyond any real file gets here (JSON lines, mappings)
        print(
            "eipassess: an input file is nested too deeply to read (lists or objects within each other); nothing was written.",
            file=sys.stderr,
        )
        return exitcodes.BAD_INPUT
    except OSError as exc:  # the environment, not the input: a folder, a disk, a permission
        print(
            f"eipassess: {describe(exc, exc.filename or '(unnamed file)', 'read or write')}; nothing more was written.",
            file=sys.stderr,
        )
        return exitcodes.BAD_INPUT
    except Exception:
        traceback.print_exc()
        print(f"eipassess {__version__}: internal error (a bug); please report it with the traceback above.", file=sys.stderr)
        return exitcodes.INTERNAL


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
