"""``eipassess import FILE.xlsx SITE --round R``: read a filled questionnaire into the round's files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``import`` subcommand."""
    p = sub.add_parser(
        "import",
        help="read a filled questionnaire workbook into a round (answers.yaml, tenants.csv)",
        description="Check every cell of a questionnaire workbook and write rounds/R/answers.yaml and tenants.csv. "
        "An existing round is only replaced with --update, after showing the differences; a backup is kept.",
    )
    p.add_argument("workbook", type=Path, help="the filled .xlsx")
    p.add_argument("site", type=Path, help="the site folder")
    p.add_argument("--round", dest="round_id", metavar="R", help="the round to write (default: the workbook's)")
    add_profile_argument(p)
    p.add_argument("--update", action="store_true", help="replace an existing round after showing the differences")
    p.add_argument("--yes", "-y", action="store_true", help="with --update: write without asking")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read, check, show differences when updating, then write atomically."""
    from ..errors import UsageError
    from ..fieldwork.importer import read_workbook
    from ..fieldwork.read import open_book
    from ..fieldwork.store import diff, round_files, write_round
    from ..workflow import site_catalogue
    from .template import ROUND_ID

    site, catalogue, _ = site_catalogue(args.site, args.profile)
    book = open_book(args.workbook)  # opened once: its metadata names the round when --round is not given
    round_id = args.round_id or book.meta.round
    if not ROUND_ID.match(round_id or ""):
        raise UsageError(f"round {round_id!r}: expected a folder name of letters, digits, '-', '_' or '.'")
    imported = read_workbook(args.workbook, site, catalogue, book)
    for w in imported.warnings:
        print(str(w), file=sys.stderr)
    rdir = args.site / "rounds" / round_id
    existing = round_files(rdir)
    if existing and not args.update:
        names = ", ".join(p.name for p in existing)
        raise UsageError(f"round {round_id} already has {names}; add --update to replace them (the old files are backed up)")
    if existing:
        lines = diff(rdir, imported, catalogue)
        if not lines:
            print(f"{rdir}: no changes; nothing written")
            return exitcodes.OK
        print(f"Changes to round {round_id}:")
        print("\n".join(lines))
        if not args.yes and not _confirm(f"Write these {len(lines)} changes to {rdir}? [y/N] "):
            print("Nothing written.")
            return exitcodes.OK
    saved = write_round(rdir, imported, replace=bool(existing))
    survey = f", {imported.firms} tenant firms" if imported.tenants_csv else ", no tenant survey"
    print(f"{rdir}: {imported.answered} answers{survey}" + (f"; previous files kept in {saved}" if saved else ""))
    return exitcodes.OK


def _confirm(question: str) -> bool:
    """Ask on the terminal; refuse when there is no terminal to ask."""
    from ..errors import UsageError

    if not sys.stdin.isatty():
        raise UsageError("not a terminal: add --yes to confirm the update")
    return input(question).strip().lower() in ("y", "yes", "д", "да")
