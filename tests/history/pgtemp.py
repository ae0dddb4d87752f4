"""Throwaway PostgreSQL databases for the store tests and the benchmarks (a helper module, not a test)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit


def pg_database(admin: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """Create a throwaway database on the server of ``admin``; return its URL and a function dropping it."""
    import psycopg

    conninfo = admin.replace("postgresql+psycopg://", "postgresql://", 1)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(urlsplit(conninfo)._replace(path=f"/{name}")), drop
