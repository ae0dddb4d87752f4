"""``eipassess template SITE --round R --out FILE.xlsx``: write the questionnaire workbook (or a blank survey CSV)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from ..i18n import languages
from . import exitcodes
from .options import add_profile_argument

ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def add_parser(sub: Any) -> None:
    """Register the ``template`` subcommand."""
    p = sub.add_parser(
        "template",
        help="write a questionnaire workbook (park sheet, tenant survey) for a round",
        description="Write an Excel questionnaire generated from the site's criteria; pre-filled when the round "
        "exists, or from --from ROUND to start a new round from a previous one.",
    )
    p.add_argument("site", type=Path, help="the site folder (holding site.yaml)")
    p.add_argument("--round", dest="round_id", required=True, metavar="R", help="the round the workbook is for")
    p.add_argument("--out", "-o", type=Path, required=True, metavar="FILE", help="the .xlsx (or, with --csv, .csv) to write")
    p.add_argument("--from", dest="from_round", metavar="PREV", help="pre-fill the answers from round PREV")
    p.add_argument("--lang", choices=languages(), default="en", help="language of the workbook (default: en)")
    add_profile_argument(p)
    p.add_argument("--csv", action="store_true", help="write a blank tenant survey CSV instead of a workbook")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the workbook from the site's catalogue and write it atomically."""
    from ..errors import UsageError
    from ..fieldwork.export import blank_survey_csv, build_workbook, save_workbook
    from ..fieldwork.prefill import read_round
    from ..fsutil import write_atomic
    from ..site.rounds import round_ids
    from ..workflow import site_catalogue

    if not ROUND_ID.match(args.round_id):
        raise UsageError(f"--round {args.round_id!r}: expected a folder name of letters, digits, '-', '_' or '.'")
    if args.out.exists() and not args.force:
        raise UsageError(f"{args.out} exists; choose another --out or add --force (a filled workbook would be lost)")
    site, catalogue, _ = site_catalogue(args.site, args.profile)
    if args.csv:
        write_atomic(args.out, blank_survey_csv(catalogue))
        print(f"{args.out}: blank tenant survey, {len(catalogue.indicators)} indicator columns")
        return exitcodes.OK
    if args.out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out {args.out}: expected a .xlsx file (or --csv for a blank tenant survey)")
    fill = None
    if args.from_round:
        fill = read_round(args.site, args.from_round, catalogue, new_round=True)
    elif args.round_id in round_ids(args.site):
        fill = read_round(args.site, args.round_id, catalogue)
    save_workbook(build_workbook(site, catalogue, args.round_id, args.lang, fill), args.out)
    source = f", pre-filled from round {args.from_round or args.round_id}" if fill else ""
    print(f"{args.out}: questionnaire for {site.id} round {args.round_id} ({args.lang}){source}")
    return exitcodes.OK
