"""``eipassess plan draft SITE``: draft a round's action plan from its gaps, never overwriting an existing plan."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_policy_argument, add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``plan`` subcommand."""
    p = sub.add_parser("plan", help="draft a round's action plan (rounds/R/actions.yaml) from its gaps")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    d = acts.add_parser(
        "draft",
        help="write rounds/R/actions.yaml with one action per gap, for the consultant to edit",
        description="Assess the round and draft one action per open requirement, in gap-priority order: the action "
        "fits the gap's state (a draft document is adopted, missing data collected), the owner is the requirement's "
        "first actor; dates and costs are left empty. An existing plan is never overwritten.",
    )
    d.add_argument("site", type=Path, help="the site folder")
    d.add_argument("--round", dest="round_id", metavar="R", help="the round (default: the latest)")
    d.add_argument("--out", type=Path, metavar="FILE", help="write here instead of rounds/R/actions.yaml")
    add_profile_argument(d)
    add_policy_argument(d)
    d.set_defaults(run=run_draft)


def run_draft(args: argparse.Namespace) -> int:
    """Assess the round, draft the plan and write it where no plan exists yet."""
    from ..errors import UsageError
    from ..fsutil import write_atomic
    from ..gaps import ranked_gaps
    from ..plan.draft import draft_yaml
    from ..result import to_dict
    from ..site.actions import ACTIONS_FILE
    from ..site.rounds import round_dir
    from ..workflow import assess_site

    rdir = round_dir(args.site, args.round_id)
    target = args.out or rdir / ACTIONS_FILE
    if target.exists():
        raise UsageError(f"{target} exists: an action plan is never overwritten; edit it, or give --out for a new file")
    assessment, warnings = assess_site(args.site, rdir.name, args.profile, args.policy)
    for w in warnings:
        print(str(w), file=sys.stderr)
    record = to_dict(assessment)
    text = draft_yaml(record, [g.id for g in ranked_gaps(record)])
    try:
        write_atomic(target, text, overwrite=False)
    except FileExistsError:
        raise UsageError(f"{target} appeared meanwhile: an action plan is never overwritten") from None
    n = text.count("\n- id: ")
    print(f"drafted {n} action{'s' if n != 1 else ''} in {target}; edit owners, dates, costs, then run eipassess site check")
    return exitcodes.OK
