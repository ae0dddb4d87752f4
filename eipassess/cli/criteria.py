"""``eipassess criteria list|show|check``: browse and validate criteria catalogues and profiles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..engine.kinds import REGISTRY
from ..model import PROVENANCE
from . import exitcodes

KINDS = tuple(REGISTRY)


def add_parser(sub: Any) -> None:
    """Register the ``criteria`` subcommand and its actions."""
    p = sub.add_parser("criteria", help="list, show or check criteria catalogues and profiles")
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = acts.add_parser("list", help="list the requirements, one line each")
    ls.add_argument("--framework", metavar="F", help="framework id or folder (default: eip-v2)")
    ls.add_argument("--profile", metavar="P", help="a tailoring profile id or YAML file")
    ls.add_argument("--lang", choices=("en", "ru"), default="en")
    ls.add_argument("--format", choices=("text", "json", "csv"), default="text", help="output format (default: text)")
    ls.add_argument("--kind", action="append", metavar="KIND", help="only this rule kind (repeatable): " + ", ".join(KINDS))
    ls.add_argument("--category", action="append", metavar="C", help="only this category id (repeatable), e.g. environmental")
    ls.add_argument(
        "--provenance", action="append", metavar="P", help="only this provenance status (repeatable): " + ", ".join(PROVENANCE)
    )
    ls.set_defaults(run=run_list)
    sh = acts.add_parser("show", help="show one requirement in full")
    sh.add_argument("id", help="the requirement id, e.g. ENV-10")
    sh.add_argument("--framework", metavar="F")
    sh.add_argument("--profile", metavar="P")
    sh.add_argument("--lang", choices=("en", "ru"), default="en")
    sh.set_defaults(run=run_show)
    ck = acts.add_parser("check", help="validate a framework folder or a profile file; report every problem")
    ck.add_argument("path", nargs="?", help="framework folder, framework id or profile YAML (default: the built-in framework)")
    ck.set_defaults(run=run_check)


def _load(args: argparse.Namespace) -> Any:
    """Load the catalogue named by --framework/--profile and print its warnings."""
    from ..catalogue import load_catalogue

    cat, warnings = load_catalogue(args.framework, args.profile)
    for w in warnings:
        print(str(w), file=sys.stderr)
    return cat


def run_list(args: argparse.Namespace) -> int:
    """Print the requirements, filtered by kind, category and provenance, as text, JSON or CSV."""
    from ..catalogue.listing import listing, render

    cat = _load(args)
    rows = listing(cat, args.lang, kinds=args.kind, categories=args.category, provenances=args.provenance)
    sys.stdout.write(render(rows, args.format, len(cat.requirements), args.lang))
    return exitcodes.OK


def run_show(args: argparse.Namespace) -> int:
    """Print one requirement with rule, parameters, guidance, evidence, actions and provenance."""
    from ..errors import UsageError
    from ..model import tr

    cat = _load(args)
    try:
        r = cat.requirement(args.id)
    except KeyError:
        raise UsageError(
            f"no requirement {args.id!r} in {cat.framework_id}{' / ' + cat.profile_id if cat.profile_id else ''}"
        ) from None
    lang = args.lang
    print(f"{r.id}: {tr(r.title, lang)}")
    print(f"  {r.category} / {r.subcategory}; {r.type}; answered by: {r.level}; who must act: {', '.join(r.actors)}")
    print(f"  {tr(r.description, lang)}")
    print(f"  rule: {r.rule.kind}" + "".join(f"; {k}={v}" for k, v in r.rule.settings.items() if k != "items"))
    for item in r.rule.settings.get("items", []):
        print(f"    - {item['id']}: {tr(item['title'], lang)}")
    for p in r.rule.params.values():
        status = "confirmed" if p.confirmed else "provisional"
        print(f"  parameter {p.name} = {p.value} {p.unit} ({p.provenance}, {status}){': ' + p.note if p.note else ''}")
    print(f"  guidance: {tr(r.guidance, lang)}")
    for e in r.evidence:
        print(f"  evidence: {tr(e, lang)}")
    for a in r.actions:
        print(f"  action: {tr(a, lang)}")
    print(f"  provenance: {r.provenance}{' (topic: ' + r.topic + ')' if r.topic else ''} — {r.source}")
    cited = dict.fromkeys([*r.sources, *(s for p in r.rule.params.values() for s in p.sources)])
    for sid in cited:
        ref = cat.sources.get(sid)
        print(f"  source {sid}: {ref.citation} <{ref.address}>" if ref else f"  source {sid}: (not in the register)")
    return exitcodes.OK


def run_check(args: argparse.Namespace) -> int:
    """Validate a framework or profile, listing every error, warning and missing translation."""
    from ..catalogue.check import check_path

    problems, missing, summary = check_path(args.path)
    for p in problems:
        print(str(p), file=sys.stderr if not p.warning else sys.stdout)
    for m in missing:
        print(m)
    errors = [p for p in problems if not p.warning]
    if errors:
        print(f"eipassess: {len(errors)} error{'s' if len(errors) != 1 else ''} found.", file=sys.stderr)
        return exitcodes.BAD_INPUT
    print(summary)
    return exitcodes.OK
