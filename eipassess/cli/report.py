"""``eipassess report SITE``: write the PDF and interactive HTML gap reports of a round (or a stored result)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import languages
from . import exitcodes
from .options import add_db_argument, add_policy_argument, add_profile_argument


def _list(choices: tuple[str, ...]) -> Any:
    """Return an argparse type accepting a comma-separated subset of ``choices``."""

    def parse(text: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
        bad = [x for x in items if x not in choices]
        if bad or not items:
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(choices)}; found {text!r}")
        return items

    return parse


def add_parser(sub: Any) -> None:
    """Register the ``report`` subcommand."""
    p = sub.add_parser(
        "report",
        help="write the PDF and interactive HTML gap reports of a round",
        description="Write gap reports of a site's round (default: the latest), compared with the previous round, "
        "or of a stored result file. Files are named SITE-ROUND-LANG.pdf|html and SITE-ROUND.json; "
        "an existing identical report is kept, a different one is never replaced without --force.",
    )
    p.add_argument("site", type=Path, nargs="?", help="the site folder (a site id with --from-history; not needed with --result)")
    p.add_argument("--round", dest="round_id", metavar="R", help="the round to report (default: the latest)")
    p.add_argument("--compare-with", metavar="R0", help="the earlier round to compare with (default: the previous round)")
    p.add_argument("--result", type=Path, metavar="FILE", help="render a stored JSON result instead of assessing the site")
    p.add_argument("--compare-result", type=Path, metavar="FILE", help="a stored JSON result to compare with")
    p.add_argument(
        "--format",
        dest="formats",
        type=_list(("pdf", "html", "json")),
        default=("pdf", "html"),
        metavar="LIST",
        help="pdf, html and/or json, comma-separated (default: pdf,html)",
    )
    p.add_argument(
        "--lang",
        dest="langs",
        type=_list(languages()),
        default=("en",),
        metavar="LANG",
        help="en or ru, or both as en,ru (default: en)",
    )
    p.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR", help="output folder (default: reports/)")
    add_profile_argument(p)
    add_policy_argument(p)
    p.add_argument("--force", action="store_true", help="replace an existing report that differs")
    p.add_argument(
        "--from-history",
        action="store_true",
        help="render the stored results of the history store alone (SITE may be a site id); no site files are read",
    )
    p.add_argument("--no-record", action="store_true", help="do not record the assessed results in the history store")
    add_db_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the reports; the PDF workers start first and warm up while the records are obtained."""
    from ..reports import parallel

    with parallel.warmed(len(args.langs) if "pdf" in args.formats else 0):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Obtain the record(s), render every requested format and language, and say what was written."""
    from ..errors import UsageError
    from ..reports import sources
    from ..reports.output import write_reports
    from ..result import read

    if args.result:
        record = read(args.result)
        history: list[dict[str, Any]] = []
        previous = read(args.compare_result) if args.compare_result else None
    else:
        if args.site is None:
            raise UsageError("give a site folder (or, with --from-history, a site id), or --result FILE")
        if args.from_history:
            src = sources.from_history(str(args.site), args.round_id, args.compare_with, args.db)
        else:
            src = sources.from_site(
                args.site, args.round_id, args.compare_with, args.profile, args.policy, args.db, not args.no_record
            )
        record, previous, history = src.record, src.previous, src.trend
        if args.compare_result:
            previous = read(args.compare_result)
    if previous is not None and previous["site"]["id"] != record["site"]["id"]:
        raise UsageError(f"cannot compare site {record['site']['id']!r} with a result of site {previous['site']['id']!r}")
    done = write_reports(record, args.out, args.formats, args.langs, previous, history, args.force)
    for w in done:
        print(f"{w.outcome}: {w.path}")
    return exitcodes.OK
