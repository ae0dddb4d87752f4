"""Command-line options shared by several commands, defined once so their names and help agree."""

from __future__ import annotations

import argparse
import sys

PROFILE_HELP = "a tailoring profile id or YAML file (default: the site's)"


def add_profile_argument(p: argparse.ArgumentParser) -> None:
    """Add ``--profile P``."""
    p.add_argument("--profile", metavar="P", help=PROFILE_HELP)


def policy_name(value: str) -> str:
    """Map a former policy name to its current one, with a note on stderr."""
    from ..engine.policies import ALIASES

    if value in ALIASES:
        print(f"note: policy {value!r} is now called {ALIASES[value]!r}; using {ALIASES[value]!r}", file=sys.stderr)
        return ALIASES[value]
    return value


def add_policy_argument(p: argparse.ArgumentParser) -> None:
    """Add ``--policy NAME`` with the registered scoring policies as choices."""
    from ..engine.policies import DEFAULT_POLICY, POLICIES  # here, not at the top: history and compare need no engine

    p.add_argument(
        "--policy",
        default=DEFAULT_POLICY,
        type=policy_name,
        metavar="NAME",
        help=f"scoring policy: {', '.join(POLICIES)} (default: {DEFAULT_POLICY}; 'published' is the former name of 'strict')",
    )


def add_db_argument(p: argparse.ArgumentParser) -> None:
    """Add ``--db URL`` (the history store)."""
    p.add_argument(
        "--db",
        metavar="URL",
        help="history store: sqlite:///FILE, postgresql://USER:PASSWORD@HOST/DB or a file path "
        "(default: $EIPASSESS_DB, else .eipassess/history.sqlite)",
    )
