"""Fixtures of the history tests: result records of a small two-round site, and stores on both backends."""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pgtemp import pg_database

DATA = Path(__file__).parent / "data"
PG_ENV = "EIPASSESS_TEST_PG_URL"


@pytest.fixture
def park(tmp_path: Path) -> Path:
    """A writable copy of the two-round test park (rounds 2021-07 and 2023-06)."""
    shutil.copytree(DATA / "park", tmp_path / "park")
    return tmp_path / "park"


@pytest.fixture(scope="session")
def rounds() -> dict[str, dict[str, Any]]:
    """The result records of both rounds of the test park, assessed once per session."""
    from eipassess.result import to_dict
    from eipassess.workflow import assess_site

    return {r: to_dict(assess_site(DATA / "park", r)[0]) for r in ("2021-07", "2023-06")}


@pytest.fixture
def old(rounds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A private copy of the 2021-07 record."""
    return copy.deepcopy(rounds["2021-07"])


@pytest.fixture
def new(rounds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A private copy of the 2023-06 record."""
    return copy.deepcopy(rounds["2023-06"])


def pg_admin_url() -> str | None:
    """Return the PostgreSQL URL given to the tests, or None."""
    return os.environ.get(PG_ENV) or None


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (skipped without a server)."""
    admin = pg_admin_url()
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
