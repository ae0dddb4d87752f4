"""``eipassess assess SITE``: evaluate a round and print the compliance summary and top gaps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..i18n import languages
from . import exitcodes
from .options import add_db_argument, add_policy_argument, add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``assess`` subcommand."""
    p = sub.add_parser(
        "assess",
        help="assess a site's round and print compliance and top gaps",
        description="Assess one round of a site (default: its latest round).",
    )
    p.add_argument("site", type=Path, help="the site folder (holding site.yaml and rounds/)")
    p.add_argument("--round", dest="round_id", metavar="R", help="the round id (default: the latest)")
    add_profile_argument(p)
    add_policy_argument(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="also write the JSON result to FILE")
    p.add_argument("--fail-under", type=float, metavar="N", help="exit 1 when overall compliance is below N%%")
    p.add_argument("--lang", choices=languages(), default="en", help="language of the text summary")
    p.add_argument("--gaps", type=int, default=10, metavar="N", help="how many top gaps to list (default 10)")
    p.add_argument("--no-record", action="store_true", help="do not record the result in the history store")
    add_db_argument(p)
    p.add_argument(
        "--report",
        nargs="?",
        const="pdf,html",
        metavar="LIST",
        help="also write the gap reports (pdf,html by default; json too if listed) in --lang, compared with the previous round",
    )
    p.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR", help="report folder (default: reports/)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Assess, print, and apply --fail-under; PDF report workers warm up meanwhile."""
    pdfs = int("pdf" in (x.strip() for x in args.report.split(","))) if args.report else 0
    if not pdfs:  # no PDF to lay out: no worker processes to warm up (nor their modules to import)
        return _run(args)
    from ..reports import parallel

    with parallel.warmed(pdfs):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Assess, print, write the reports asked for, and apply --fail-under."""
    from ..result import dumps, to_dict
    from ..workflow import assess_site
    from .summary import render_text

    assessment, warnings = assess_site(args.site, args.round_id, args.profile, args.policy)
    for w in warnings:
        print(str(w), file=sys.stderr)
    record = to_dict(assessment)
    if not args.no_record:
        from ..history.records import load_record, record_result

        rec_id, is_new = record_result(record, args.db)
        print(f"{'recorded' if is_new else 'already recorded (unchanged)'} as history record {rec_id}", file=sys.stderr)
        if not is_new:
            record = load_record(record["site"]["id"], record_id=rec_id, db=args.db)  # as first recorded
    if args.output:
        _write_result(args.output, dumps(record))
    if args.format == "json":
        sys.stdout.write(dumps(record))
    else:
        changes = _since_previous(record, args.db)  # reads the store only; nothing is written with --no-record
        sys.stdout.write(render_text(record, args.lang, args.gaps, changes))
    if args.report:
        _write_reports(args, record)
    overall = record["scores"]["current"]["overall"]["pc"]
    if args.fail_under is not None and (overall is None or overall < args.fail_under):
        print(f"eipassess: overall compliance below --fail-under {args.fail_under:g}%", file=sys.stderr)
        return exitcodes.BELOW_THRESHOLD
    return exitcodes.OK


def _write_reports(args: argparse.Namespace, record: dict[str, Any]) -> None:
    """Write the gap reports of the assessed round, compared with the previous round, and say where."""
    from ..errors import UsageError
    from ..reports.output import FORMATS, write_reports
    from ..reports.sources import with_earlier

    formats = tuple(dict.fromkeys(x.strip() for x in args.report.split(",") if x.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--report: expected a comma-separated list of {', '.join(FORMATS)}; found {args.report!r}")
    src = with_earlier(args.site, record, None, args.profile, args.policy, args.db, not args.no_record)
    for w in write_reports(src.record, args.out, formats, (args.lang,), src.previous, src.trend, False):
        print(f"{w.outcome}: {w.path}", file=sys.stderr)


def _write_result(path: Path, text: str) -> None:
    """Write the JSON result atomically; a different file already at ``path`` is never overwritten."""
    from ..errors import UsageError
    from ..fsutil import write_new

    try:
        write_new(path, text, force=False, what="file")
    except UsageError:
        raise UsageError(f"{path} already holds another result; it is kept. Give another --output file name.") from None


def _since_previous(record: dict[str, Any], db: str | None) -> dict[str, Any] | None:
    """Compare with the stored record of the round before this one (same policy), if the store has one."""
    from ..history.records import latest_by_round
    from ..readers import canonical_policy as canonical

    rnd = record["round"]
    key = (str(rnd.get("date") or ""), rnd["id"])
    earlier = [
        r
        for r in latest_by_round(record["site"]["id"], db).values()
        if (str(r["round"].get("date") or ""), r["round"]["id"]) < key
        and canonical(r["policy"]["name"]) == canonical(record["policy"]["name"])
    ]
    if not earlier:
        return None
    from ..history.compare import compare

    previous = max(earlier, key=lambda r: (str(r["round"].get("date") or ""), r["round"]["id"]))
    return compare(previous, record)
