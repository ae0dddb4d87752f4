"""``eipassess site init FOLDER`` (a new site folder) and ``site check SITE`` (validate a site's files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..i18n import languages, tables
from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``site`` subcommand."""
    p = sub.add_parser("site", help="create a new site folder, or validate a site's files")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add_init_parser(acts)
    ck = acts.add_parser("check", help="validate site.yaml and every round (answers and tenant survey)")
    ck.add_argument("site", type=Path, help="the site folder")
    ck.add_argument("--round", dest="round_id", metavar="R", help="check only this round")
    add_profile_argument(ck)
    ck.set_defaults(run=run_check)


def add_init_parser(acts: Any) -> None:
    """Register ``site init``."""
    it = acts.add_parser(
        "init",
        help="create a new site folder: a commented site.yaml, a first round with a stub per requirement, a blank survey",
        description="Create a site folder from scratch. Asks for what is missing when run on a terminal; otherwise "
        "give every required option. Writes only into a new or empty folder.",
        epilog="example:\n  eipassess site init my-park --name 'My park' --country BY --operator 'Park administration' "
        "--tenants 12 --assessor 'A. Expert, NCPC'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    it.add_argument("folder", type=Path, help="the new site folder (must not exist, or be empty)")
    it.add_argument("--name", help="the park's name in English (required)")
    it.add_argument("--name-ru", help="the park's name in Russian")
    it.add_argument("--id", dest="site_id", help="the site id (default: made from the name)")
    it.add_argument("--country", help="ISO 3166 two-letter country code (required)")
    it.add_argument("--operator", help="the park management entity, in English (required)")
    it.add_argument("--tenants", type=int, metavar="N", help="tenant firms operating at the site (required)")
    it.add_argument("--framework", default="eip-v2", metavar="F", help="framework id or folder (default: eip-v2)")
    add_profile_argument(it)
    it.add_argument("--round", dest="round_id", metavar="R", help="the first round's id (default: this year and month, YYYY-MM)")
    it.add_argument("--date", help="the assessment date YYYY-MM-DD (default: today)")
    it.add_argument("--assessor", help="who assesses: name and organisation (required)")
    it.add_argument("--lang", choices=languages(), default="en", help="language of the comments and stubs (default: en)")
    it.set_defaults(run=run_init)


# Required options of site init and their prompts per language; "name_ru" is asked last and may stay empty.
ASKED = ("name", "country", "operator", "tenants", "assessor")
PROMPTS = tables("site-prompts")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def _ask(args: argparse.Namespace) -> None:
    """Ask on the terminal for every required option not given; without a terminal, name them all."""
    from ..errors import UsageError

    prompts = PROMPTS.get(args.lang, PROMPTS["en"])
    missing = [k for k in ASKED if getattr(args, k) in (None, "")]
    if missing and not sys.stdin.isatty():
        flags = ", ".join("--" + k for k in missing)
        raise UsageError(f"site init: expected {flags} (no terminal to ask on)")
    for key in missing:
        answer = input(f"{prompts[key]}: ").strip()
        if key == "tenants":
            if not answer.isdigit():
                raise UsageError(f"site init: tenant firms: expected a whole number, found {answer!r}")
            setattr(args, key, int(answer))
        else:
            setattr(args, key, answer)
    if sys.stdin.isatty() and args.name_ru is None:
        args.name_ru = input(f"{prompts['name_ru']}: ").strip() or None


def run_init(args: argparse.Namespace) -> int:
    """Create the site folder and say what to do next."""
    import datetime as dt

    from ..catalogue import load_catalogue
    from ..site.init import BLANK_SURVEY, SiteInit, create, slug

    _ask(args)
    catalogue, warnings = load_catalogue(args.framework, args.profile)
    for w in warnings:
        print(str(w), file=sys.stderr)
    today = dt.date.today()
    opts = SiteInit(
        id=args.site_id or slug(args.name),
        name=args.name,
        name_ru=args.name_ru,
        country=args.country,
        operator=args.operator,
        tenants_total=args.tenants,
        round_id=args.round_id or today.strftime("%Y-%m"),
        date=args.date or today.isoformat(),
        assessor=args.assessor,
        framework=args.framework,
        profile=args.profile,
        lang=args.lang,
    )
    create(args.folder, opts, catalogue)
    rdir = args.folder / "rounds" / opts.round_id
    print(
        f"{args.folder}: site {opts.id} created with round {opts.round_id} ({len(catalogue.requirements)} requirements to answer)"
    )
    print(f"  next: answer the stubs in {rdir / 'answers.yaml'}, fill {rdir / BLANK_SURVEY} and save it as tenants.csv,")
    print(f"  then: eipassess site check {args.folder} && eipassess assess {args.folder}")
    return exitcodes.OK


def run_check(args: argparse.Namespace) -> int:
    """Check every file of the site, collecting problems across rounds before reporting."""
    from ..errors import InputError, Problem
    from ..flows.sitegeo import read_geo
    from ..site.init import unanswered
    from ..site.load import load_round, round_ids
    from ..workflow import site_catalogue

    site, catalogue, warnings = site_catalogue(args.site, args.profile)
    problems: list[Problem] = []
    try:
        read_geo(args.site)  # plots and neighbours of site.yaml, once for the site rather than once per round
    except InputError as exc:
        problems += exc.problems
    rounds = [args.round_id] if args.round_id else round_ids(args.site)
    ok = []
    for rid in rounds:
        try:
            rnd, rwarn = load_round(args.site, rid, site, catalogue)
            warnings += rwarn
            survey = f", {rnd.survey.firms} firms in the survey" if rnd.survey else ", no survey"
            open_ = unanswered(catalogue, rnd.answers, rnd.survey is not None)
            todo = f"; {len(open_)} requirements unanswered (no data until answered)" if open_ else ""
            plan = f", {len(rnd.actions)} planned action{'s' if len(rnd.actions) != 1 else ''}" if rnd.actions else ""
            ok.append(f"  round {rnd.id}: {len(rnd.answers)} answers{survey}{plan}{todo}")
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
