"""Throwaway stores for the store and portfolio tests and the benchmarks: helpers and fixtures, not a test module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_ENV = "EIPASSESS_TEST_PG_URL"


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


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (skipped without a server)."""
    admin = os.environ.get(PG_ENV) or None
    if admin is None:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} (as .ci/run does) to run the PostgreSQL tests")
    url, drop = pg_database(admin, "eip_test")
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A store URL of a not yet existing SQLite file."""
    return f"sqlite:///{tmp_path / 'store' / 'history.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> str:
    """A store URL on each backend."""
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))
