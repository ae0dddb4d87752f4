"""Fixtures of the report tests: result records (fixture site and, when present, the FEZ "Minsk" sample) and rendered PDFs."""

from __future__ import annotations

from typing import Any

import pytest
from reportkit import FIXTURE_SITE, MINSK, record_of, render_watched


@pytest.fixture(scope="session")
def fixture_records() -> tuple[dict[str, Any], dict[str, Any]]:
    """The fixture site's two rounds: (2021-07 baseline at 50%, 2023-06 follow-up)."""
    return record_of(FIXTURE_SITE, "2021-07"), record_of(FIXTURE_SITE, "2023-06")


@pytest.fixture(scope="session")
def baseline() -> dict[str, Any]:
    """The FEZ "Minsk" 2021 baseline record (the fixture site's baseline until the sample site exists)."""
    if (MINSK / "rounds" / "2021-07" / "answers.yaml").is_file():
        return record_of(MINSK, "2021-07")
    return record_of(FIXTURE_SITE, "2021-07")


@pytest.fixture(scope="session")
def baseline_pdfs(baseline: dict[str, Any]) -> dict[str, tuple[bytes, list[str]]]:
    """The baseline's PDF report in English and Russian, with WeasyPrint's warnings."""
    from eipassess.reports.view import build

    return {lang: render_watched(build(baseline, lang)) for lang in ("en", "ru")}
