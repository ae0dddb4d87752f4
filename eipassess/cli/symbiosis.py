"""``eipassess symbiosis SITE``: symbiosis opportunities, the synergy register and RECP figures; the workshop pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``symbiosis`` subcommand."""
    p = sub.add_parser(
        "symbiosis",
        help="list industrial-symbiosis opportunities and write the workshop pack",
        description="Match the round's outputs to other firms' inputs (compatibility table, quantity, distance, hazard, "
        "quality), show the synergy register and RECP figures; as text, JSON, or the workshop pack (HTML, PDF).",
    )
    p.add_argument("site", type=Path, help="the site folder")
    p.add_argument("--round", dest="round_id", metavar="R", help="the round id (default: the latest)")
    p.add_argument("--format", choices=("text", "json", "html", "pdf"), default="text", help="output format (default: text)")
    p.add_argument("--out", type=Path, metavar="DIR", help="folder for the files (html and pdf: default reports/; json: stdout)")
    p.add_argument("--lang", choices=("en", "ru"), default="en", help="language (default: en)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="text: list only the N best opportunities")
    p.add_argument("--force", action="store_true", help="replace an existing, different file")
    add_profile_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the document and write it in the chosen format."""
    import json

    from ..symbiosis.build import build
    from ..symbiosis.text import render_text
    from ..workflow import site_catalogue

    site, catalogue, _ = site_catalogue(args.site, args.profile)
    doc = build(args.site, args.round_id, catalogue, site.name, args.lang)
    doc["site"]["id"] = site.id
    if args.format == "text":
        sys.stdout.write(render_text(doc, args.lang, args.limit))
        return exitcodes.OK
    if args.format == "json":
        data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        if args.out is None:
            sys.stdout.write(data)
            return exitcodes.OK
        _write(args.out / f"{_base(doc)}-symbiosis.json", data, args.force)
        return exitcodes.OK
    from ..symbiosis.pack import render_pack_html, render_pack_pdf

    out = args.out or Path("reports")
    name = out / f"{_base(doc)}-workshop-{args.lang}.{args.format}"
    payload: str | bytes = render_pack_html(doc) if args.format == "html" else render_pack_pdf(doc)
    _write(name, payload, args.force)
    return exitcodes.OK


def _base(doc: dict[str, Any]) -> str:
    """Return the file-name stem SITE-ROUND."""
    import re

    return "-".join(re.sub(r"[^A-Za-z0-9._-]+", "_", str(x)).strip("._") or "x" for x in (doc["site"]["id"], doc["round"]["id"]))


def _write(path: Path, data: str | bytes, force: bool) -> None:
    """Write under the overwrite rule (fsutil.write_new): an existing file with other content is kept unless --force."""
    from ..fsutil import write_new

    print(f"{write_new(path, data, force)}: {path}", file=sys.stderr)
