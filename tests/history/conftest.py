"""Fixtures of the history tests: result records of a small two-round site, and stores on both backends."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from pgtemp import db, pg_url, sqlite_url  # noqa: F401  (store fixtures shared with tests/portfolio)

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
