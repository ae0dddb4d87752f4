"""``eipassess site check SITE``: validate a site's profile and every round's files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``site`` subcommand."""
    p = sub.add_parser("site", help="validate a site's files")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ck = acts.add_parser("check", help="validate site.yaml and every round (answers and tenant survey)")
    ck.add_argument("site", type=Path, help="the site folder")
    ck.add_argument("--round", dest="round_id", metavar="R", help="check only this round")
    add_profile_argument(ck)
    ck.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Check every file of the site, collecting problems across rounds before reporting."""
    from ..errors import InputError, Problem
    from ..site.load import load_round, round_ids
    from ..workflow import site_catalogue

    site, catalogue, warnings = site_catalogue(args.site, args.profile)
    problems: list[Problem] = []
    rounds = [args.round_id] if args.round_id else round_ids(args.site)
    ok = []
    for rid in rounds:
        try:
            rnd, rwarn = load_round(args.site, rid, site, catalogue)
            warnings += rwarn
            survey = f", {rnd.survey.firms} firms in the survey" if rnd.survey else ", no survey"
            plan = f", {len(rnd.actions)} planned action{'s' if len(rnd.actions) != 1 else ''}" if rnd.actions else ""
            ok.append(f"  round {rnd.id}: {len(rnd.answers)} answers{survey}{plan}")
        except InputError as exc:
            problems += exc.problems
            warnings += exc.warnings
    for w in warnings:
        print(str(w), file=sys.stderr)
    if problems:
        raise InputError(problems)
    print(
        f"{args.site}: site {site.id} valid against {catalogue.framework_id}{' / ' + catalogue.profile_id if catalogue.profile_id else ''}"
    )
    print("\n".join(ok) if ok else "  no rounds yet")
    return exitcodes.OK
