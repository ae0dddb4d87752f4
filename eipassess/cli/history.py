"""``eipassess history``: list a site's recorded results, its trend, export/import them, forget them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_db_argument

ACTIONS = ("list", "export", "import", "forget")
USAGE = """forms:
  eipassess history SITE [--trend]        list a site's records (or its trend per round)
  eipassess history export SITE [-o F]    write the site's records as JSON lines
  eipassess history import FILE           read JSON lines back (records already present are skipped)
  eipassess history forget SITE [--round R | --record N] --yes
                                          delete records (asks for confirmation without --yes)
SITE is a site id or a site folder. The store is .eipassess/history.sqlite in the current folder,
or --db URL / $EIPASSESS_DB (sqlite:///FILE or postgresql://USER:PASSWORD@HOST/DB)."""


def add_parser(sub: Any) -> None:
    """Register the ``history`` subcommand."""
    p = sub.add_parser(
        "history",
        help="list, export, import or forget recorded results of a site",
        description="The history of recorded assessment results.",
        epilog=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="+", metavar="ARG", help="SITE, or one of list/export/import/forget and its argument")
    add_db_argument(p)
    p.add_argument("--trend", action="store_true", help="show one line per round with changes in percentage points")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the text list and trend (default: en)")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="export: write to FILE instead of standard output")
    p.add_argument("--round", dest="round_id", metavar="R", help="forget: only this round's records")
    p.add_argument("--record", type=int, metavar="N", help="forget: only record N")
    p.add_argument("--yes", action="store_true", help="forget: do not ask for confirmation")
    p.add_argument("--force", action="store_true", help="export: replace FILE if it exists and differs")
    p.set_defaults(run=run)


def site_id_of(arg: str) -> str:
    """Return the site id named by ``arg``: a site folder (its site.yaml id) or the id itself."""
    folder = Path(arg)
    if (folder / "site.yaml").is_file():
        from ..site.load import load_site

        return load_site(folder)[0].id
    return arg


def run(args: argparse.Namespace) -> int:
    """Dispatch to list, export, import or forget."""
    from ..errors import UsageError

    words = list(args.words)
    action = words.pop(0) if words[0] in ACTIONS and len(words) > 1 else "list"
    if len(words) != 1:
        raise UsageError(f"history {action}: expected one argument, found {len(words)}\n{USAGE}")
    if action == "import":
        return _import(args, words[0])
    site = site_id_of(words[0])
    return {"list": _list, "export": _export, "forget": _forget}[action](args, site)


def _list(args: argparse.Namespace, site: str) -> int:
    """Print the records or the trend of a site."""
    from ..history.records import list_records
    from ..history.render import history_text, trend_text
    from ..history.store import Store
    from ..history.trend import trend_points

    store = Store(args.db)
    with store.session() as conn:
        infos = list_records(conn, site)
    if args.trend:
        points = trend_points(infos)
        lines = _action_outcomes(store, site, points, args.lang)
        out = (
            json.dumps(points, indent=1, ensure_ascii=False) + "\n"
            if args.format == "json"
            else trend_text(site, points, args.lang) + "".join(lines)
        )
    elif args.format == "json":
        out = json.dumps([i._asdict() for i in infos], indent=1, ensure_ascii=False) + "\n"
    else:
        out = history_text(site, store.label, infos, args.lang)
    sys.stdout.write(out)
    return exitcodes.OK


def _action_outcomes(store: Any, site: str, points: list[dict[str, Any]], lang: str) -> list[str]:
    """Add to each round's point what became of the previous round's actions; return those lines of text."""
    from ..history.records import get_body
    from ..plan.outcomes import action_outcomes, outcome_counts, outcomes_line

    with store.session() as conn:
        bodies = {p["round"]: get_body(conn, site, p["round"]) for p in points}
    lines = []
    for before, after in zip(points, points[1:]):
        old, new = bodies.get(before["round"]), bodies.get(after["round"])
        if old and new and old.get("actions"):
            after["action_outcomes"] = outcome_counts(action_outcomes(old, new))
            lines.append(outcomes_line(after["action_outcomes"], before["round"], after["round"], lang))
    return lines


def _export(args: argparse.Namespace, site: str) -> int:
    """Write a site's records as JSON lines."""
    from ..errors import UsageError
    from ..fsutil import write_new
    from ..history.records import iter_bodies
    from ..history.store import Store

    store = Store(args.db)
    with store.session() as conn:
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for r in iter_bodies(conn, site)]
    if not lines:
        raise UsageError(f"the history store {store.label} holds no records of site {site!r}")
    if args.output:
        outcome = write_new(args.output, "".join(lines), args.force, "file")
        print(f"{outcome}: exported {len(lines)} records of {site} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write("".join(lines))
    return exitcodes.OK


def _import(args: argparse.Namespace, name: str) -> int:
    """Read JSON lines of records into the store; all are checked before any is written."""
    from ..errors import InputError, Problem
    from ..history.records import add, parse_lines
    from ..history.store import Store

    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(name, None, "", "a readable UTF-8 file of JSON lines", str(exc))) from None
    recs = parse_lines(text.splitlines(), name)
    store = Store(args.db)
    with store.session(write=True) as conn:
        assert conn is not None
        new = sum(add(conn, r)[1] for r in recs)
    print(f"imported {new} new records into {store.label}; {len(recs) - new} were already there", file=sys.stderr)
    return exitcodes.OK


def _forget(args: argparse.Namespace, site: str) -> int:
    """Delete records after confirmation."""
    from ..errors import UsageError
    from ..history.records import count, forget, list_records
    from ..history.store import Store

    store = Store(args.db)
    with store.session() as conn:
        infos = [
            i
            for i in list_records(conn, site)
            if (args.round_id is None or i.round_id == args.round_id) and (args.record is None or i.id == args.record)
        ]
    if not infos:
        raise UsageError(f"the history store {store.label} holds no matching records of site {site!r}; nothing to forget")
    what = f"{len(infos)} record{'s' if len(infos) != 1 else ''} of {site} ({', '.join(sorted({i.round_id for i in infos}))})"
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"history forget would delete {what} from {store.label}: confirm with --yes")
        if input(f"Delete {what} from {store.label}? This cannot be undone. [y/N] ").strip().lower() not in ("y", "yes"):
            print("nothing deleted", file=sys.stderr)
            return exitcodes.OK
    with store.session(write=True) as conn:
        assert conn is not None
        n = forget(conn, site, args.round_id, args.record)
        left = count(conn, site)
    print(f"forgot {n} records of {site}; {left} remain", file=sys.stderr)
    return exitcodes.OK
