"""``eipassess portfolio``: many parks side by side, from site folders and/or the history store."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_db_argument

FORMATS = ("text", "json", "csv", "parquet", "html", "pdf")
BINARY = ("parquet", "pdf")
EPILOG = """examples:
  eipassess portfolio sample_sites/*                      assess every round of each folder (nothing is recorded)
  eipassess portfolio --db postgresql://USER@HOST/DB      the parks recorded in a team's store
  eipassess portfolio --db h.sqlite --date 2022-01-01     each park's round nearest a date
  eipassess portfolio sample_sites/* --filter country=BY --filter size=small,medium
  eipassess portfolio --db h.sqlite --format html -o programme.html   the dashboard (works offline)
  eipassess portfolio --db h.sqlite --format pdf --lang ru -o programme-ru.pdf
With no folder and no --db the default store is read ($EIPASSESS_DB, else .eipassess/history.sqlite).
Filter keys: country, size (small|medium|large), age (young|established|mature), tenants (few|some|many),
sector, and any tag of site.yaml. Output files are written whole and never replace an existing file."""


def add_parser(sub: Any) -> None:
    """Register the ``portfolio`` subcommand."""
    p = sub.add_parser(
        "portfolio",
        help="compare many parks: one row per park, most often open requirements, support needs",
        description="The programme view: each park's latest round (or the round nearest --date) with its "
        "compliance, prerequisites gate, completeness, improvement potential, survey response rate and change.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("folders", nargs="*", type=Path, metavar="SITE", help="site folders to assess (every round of each)")
    add_db_argument(p)
    p.add_argument("--date", metavar="YYYY-MM-DD", help="show each park's round nearest this date (default: its latest)")
    p.add_argument("--filter", action="append", default=[], metavar="KEY=VALUE", help="keep parks of a peer group (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="language of text, CSV names, dashboard and PDF")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE (required for parquet, html and pdf)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="text: how many of the most often open requirements")
    p.set_defaults(run=run)


def collect(folders: list[Path], db: str | None) -> tuple[Any, str]:
    """Return the pool of entries from the folders and/or the store, and a label of the sources."""
    from ..portfolio.entries import Pool, from_folders, from_store

    pool = Pool()
    labels = []
    if db is not None or not folders:
        labels.append(from_store(db, pool))
    if folders:
        from_folders(folders, pool)
        labels.append(", ".join(str(f) for f in folders))
    return pool, "; ".join(labels)


def render(view: dict[str, Any], fmt: str, lang: str, top: int = 10) -> str | bytes:
    """Return the programme view in one output format."""
    from ..portfolio import text

    if fmt == "text":
        return text.portfolio_text(view, lang, top)
    if fmt == "json":
        return json.dumps(view, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if fmt == "csv":
        return text.to_csv(text.flat_rows(view, lang))
    if fmt == "parquet":
        return text.to_parquet(text.flat_rows(view, lang))
    if fmt == "html":
        from ..portfolio.dashboard import render_dashboard

        return render_dashboard(view, lang)
    from ..portfolio.printed import render_pdf

    return render_pdf(view, lang)


def run(args: argparse.Namespace) -> int:
    """Build the programme view and write it."""
    from ..errors import UsageError
    from ..fsutil import write_atomic
    from ..portfolio.build import build, parse_date
    from ..portfolio.groups import parse_filters

    if args.format in (*BINARY, "html") and args.output is None:
        raise UsageError(f"portfolio --format {args.format} writes a file: give --output FILE")
    if args.output is not None and args.output.exists():
        raise UsageError(f"{args.output} exists; nothing was written: remove it or give another --output")
    date, filters = parse_date(args.date), parse_filters(args.filter)
    pool, source = collect(list(args.folders), args.db)
    view = build(pool, date, filters, source)
    out = render(view, args.format, args.lang, args.top)
    if args.output is None:
        sys.stdout.write(out if isinstance(out, str) else out.decode("utf-8"))
        return exitcodes.OK
    try:
        write_atomic(args.output, out, overwrite=False)
    except FileExistsError:
        raise UsageError(f"{args.output} appeared while writing; nothing was written: give another --output") from None
    print(f"wrote the programme view of {len(view['parks'])} parks to {args.output}", file=sys.stderr)
    return exitcodes.OK
