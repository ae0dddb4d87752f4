"""Fixtures of the programme-view tests: the sample sites' records, assessed once, and stores on both backends."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "history"))

from pgtemp import db, pg_url, sqlite_url  # noqa: E402, F401  (store fixtures shared with tests/history)

ROOT = Path(__file__).parents[2]
SITES = [ROOT / "sample_sites" / "fez-minsk", ROOT / "sample_sites" / "fez-mogilev"]


@pytest.fixture(scope="session")
def sample_records() -> list[dict[str, Any]]:
    """Every round of both sample sites, assessed once per session (nothing recorded)."""
    from eipassess.result import to_dict
    from eipassess.site.rounds import round_ids
    from eipassess.workflow import assess_site

    return [to_dict(assess_site(folder, rid)[0]) for folder in SITES for rid in round_ids(folder)]
