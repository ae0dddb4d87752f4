"""Shared fixtures of the core tests: the mini framework and the small site beside it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def site_a(tmp_path: Path) -> Path:
    """A writable copy of the small test site with its mini framework beside it."""
    shutil.copytree(FIXTURES / "mini-fw", tmp_path / "mini-fw")
    shutil.copytree(FIXTURES / "site-a", tmp_path / "site-a")
    return tmp_path / "site-a"
