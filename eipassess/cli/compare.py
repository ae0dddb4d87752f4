"""``eipassess compare``: what changed between two rounds of a site (from the store) or two result files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .history import site_id_of
from .options import add_db_argument


def add_parser(sub: Any) -> None:
    """Register the ``compare`` subcommand."""
    p = sub.add_parser(
        "compare",
        help="compare two rounds of a site, or two result JSON files",
        description="Show what changed between two assessments: score changes in percentage points and "
        "'x of y', and each requirement's change class (newly met, regressed, still open, ...).",
        epilog="examples:\n  eipassess compare sample_sites/fez-minsk --from 2021-07 --to 2023-06\n"
        "  eipassess compare old.json new.json --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("targets", nargs="+", metavar="SITE|FILE", help="a site folder or id, or two result JSON files")
    p.add_argument("--from", dest="from_round", metavar="R1", help="the earlier round (default: the one before --to)")
    p.add_argument("--to", dest="to_round", metavar="R2", help="the later round (default: the latest)")
    add_db_argument(p)
    p.add_argument("--no-record", action="store_true", help="do not record rounds assessed from the site folder")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the text output and titles (default: en)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the two records, compare them and print the comparison."""
    from ..errors import UsageError
    from ..history.compare import compare
    from ..history.mappings import load_renames
    from ..history.render import compare_text
    from ..plan.outcomes import action_outcomes, outcome_counts, outcomes_text

    fresh: list[dict[str, Any]] = []
    if len(args.targets) == 2:
        from ..result import read  # here only: comparing stored rounds starts without the engine

        if args.from_round or args.to_round:
            raise UsageError("compare A.json B.json takes no --from/--to")
        old, new = read(Path(args.targets[0])), read(Path(args.targets[1]))
    elif len(args.targets) == 1:
        old, new, fresh = _from_store(args, args.targets[0])
    else:
        raise UsageError(f"compare: expected a site or two result files, found {len(args.targets)} arguments")
    result = compare(old, new, load_renames())
    # What became of the earlier round's actions: a separate concept from the change classes, added alongside them.
    result["action_outcomes"] = action_outcomes(old, new)
    result["action_outcome_counts"] = outcome_counts(result["action_outcomes"])
    if fresh and not args.no_record:
        _record(args, fresh)  # only once everything else succeeded: a failed compare changes no store
    if args.format == "json":
        sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    else:
        sys.stdout.write(compare_text(result, args.lang))
        if old.get("actions"):
            sys.stdout.write("\n" + outcomes_text(result["action_outcomes"], old["round"]["id"], new["round"]["id"], args.lang))
    return exitcodes.OK


def _from_store(args: argparse.Namespace, target: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """Return the records of the two rounds, and those of them assessed now because the store lacks them."""
    from ..errors import UsageError
    from ..history.records import get_body, list_records
    from ..history.store import Store
    from ..site.rounds import round_ids

    folder = Path(target) if (Path(target) / "site.yaml").is_file() else None
    site = site_id_of(target)
    store = Store(args.db)
    with store.session() as conn:
        dates = {i.round_id: i.round_date for i in list_records(conn, site)}
    if folder is not None:
        for rid in round_ids(folder):
            dates.setdefault(rid, rid)
    rounds = sorted(dates, key=lambda r: (dates[r], r))
    to_round = args.to_round or (rounds[-1] if rounds else None)
    if to_round is None:
        raise UsageError(f"no rounds of site {site!r} in {store.label}; give the site folder or record an assessment first")
    if args.from_round:
        from_round = args.from_round
    else:
        earlier = [r for r in rounds if (dates[r], r) < (dates.get(to_round, to_round), to_round)]
        if not earlier:
            raise UsageError(f"site {site!r} has no round before {to_round!r} to compare with; give --from")
        from_round = earlier[-1]
    picked, fresh = [], []
    for rid in (from_round, to_round):
        with store.session() as conn:
            rec = get_body(conn, site, rid)
        if rec is None:
            rec = _assess(folder, site, rid, store.label)
            fresh.append(rec)
        picked.append(rec)
    store.dispose()
    return picked[0], picked[1], fresh


def _assess(folder: Path | None, site: str, rid: str, label: str) -> dict[str, Any]:
    """Assess a round from the site folder."""
    from ..errors import UsageError
    from ..result import to_dict
    from ..workflow import assess_site

    if folder is None:
        raise UsageError(
            f"the history store {label} holds no record of site {site!r} round {rid!r}; give the site folder to assess it"
        )
    assessment, warnings = assess_site(folder, rid)
    for w in warnings:
        print(str(w), file=sys.stderr)
    return to_dict(assessment)


def _record(args: argparse.Namespace, fresh: list[dict[str, Any]]) -> None:
    """Record the rounds assessed from the site folder, in one transaction."""
    from ..history.records import add, check_record  # the cheap check: these records were made in this process
    from ..history.store import Store

    store = Store(args.db)
    with store.session(write=True) as conn:
        assert conn is not None
        ids = [add(conn, check_record(rec, "result"))[0] for rec in fresh]
    store.dispose()
    for rec, rec_id in zip(fresh, ids):
        print(
            f"assessed round {rec['round']['id']} from the site folder and recorded it as record {rec_id} in {store.label}",
            file=sys.stderr,
        )
