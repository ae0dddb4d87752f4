"""``eipassess flows check SITE [--round R]``: check a round's flows inventory, the synergy register and RECP measures."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from . import exitcodes
from .options import add_profile_argument


def add_parser(sub: Any) -> None:
    """Register the ``flows`` subcommand with its ``check`` action."""
    p = sub.add_parser(
        "flows",
        help="check a round's resource-flow inventory (flows.csv or flows.xlsx)",
        description="Check every cell of rounds/R/flows.csv (or .xlsx), the site's synergies.yaml and the round's "
        "recp_measures.yaml; report every problem at once (exit 2).",
    )
    acts = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = acts.add_parser("check", help="check the flows inventory of a round")
    c.add_argument("site", type=Path, help="the site folder")
    c.add_argument("--round", dest="round_id", metavar="R", help="the round id (default: the latest)")
    c.add_argument("--lang", choices=("en", "ru"), default="en", help="language of the summary line")
    add_profile_argument(c)
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load and check the inventory (and the register and measures), then print a one-line summary."""
    from ..flows.load import load_inventory
    from ..recp.measures import read_measures
    from ..site.load import round_dir
    from ..symbiosis.labels import text
    from ..symbiosis.register import read_register
    from ..workflow import site_catalogue

    _, catalogue, _ = site_catalogue(args.site, args.profile)
    inv = load_inventory(args.site, args.round_id, catalogue)
    read_register(args.site, {p for p, party in inv.parties.items() if party.kind != "tenant"})
    read_measures(round_dir(args.site, inv.round_id), set(inv.parties))
    firms = len({f.firm for f in inv.flows})
    print(text("flows_ok", args.lang, path=inv.source, flows=len(inv.flows), firms=firms))
    return exitcodes.OK
