"""``eipassess checklist [SITE] --out FILE.pdf|FILE.html``: a blank printable checklist for a site visit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``checklist`` subcommand."""
    p = sub.add_parser(
        "checklist",
        help="write a blank printable checklist of all requirements (PDF or HTML)",
        description="Write a blank checklist of every requirement of the criteria in use, for a site visit.",
    )
    p.add_argument("site", type=Path, nargs="?", help="a site folder (default: the built-in criteria, no site)")
    p.add_argument("--out", "-o", type=Path, required=True, metavar="FILE", help="FILE.pdf or FILE.html")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="language (default: en)")
    add_profile_argument(p)
    p.add_argument("--framework", metavar="F", help="without SITE: a framework id or folder (default: eip-v2)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists and differs")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the checklist and write it atomically."""
    from ..catalogue import load_catalogue
    from ..errors import UsageError
    from ..fieldwork.checklist import render_html, render_pdf
    from ..fsutil import write_new
    from ..workflow import site_catalogue

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise UsageError(f"--out {args.out}: expected a .pdf or .html file")
    if args.site is not None:
        site, catalogue, _ = site_catalogue(args.site, args.profile)
    else:
        site, (catalogue, _) = None, load_catalogue(args.framework, args.profile)
    data = render_pdf(catalogue, site, args.lang) if suffix == ".pdf" else render_html(catalogue, site, args.lang)
    outcome = write_new(args.out, data, args.force, "file")
    print(f"{args.out}: {outcome}, checklist of {len(catalogue.requirements)} requirements ({args.lang})")
    return exitcodes.OK
