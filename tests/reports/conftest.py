"""Fixtures of the report tests: result records (fixture site and, when present, the FEZ "Minsk" sample) and rendered PDFs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from eipassess.result import to_dict
from eipassess.workflow import assess_site

HERE = Path(__file__).parent
FIXTURE_SITE = HERE / "fixtures" / "fez-test"
MINSK = HERE.parents[1] / "sample_sites" / "fez-minsk"
CREATED = "2026-01-02T03:04:05+00:00"


def record_of(site: Path, round_id: str) -> dict[str, Any]:
    """Assess one round and return its result record with a fixed creation time."""
    assessment, _ = assess_site(site, round_id)
    return to_dict(assessment, created=CREATED)


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


class GlyphWatch(logging.Handler):
    """Collect WeasyPrint's warnings (missing glyphs, refused URLs) during a render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_watched(view: Any) -> tuple[bytes, list[str]]:
    """Render a view to PDF and return the bytes with WeasyPrint's warnings."""
    from eipassess.reports.pdf import render_pdf

    watch = GlyphWatch()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        data = render_pdf(view)
    finally:
        logger.removeHandler(watch)
    return data, watch.messages


@pytest.fixture(scope="session")
def baseline_pdfs(baseline: dict[str, Any]) -> dict[str, tuple[bytes, list[str]]]:
    """The baseline's PDF report in English and Russian, with WeasyPrint's warnings."""
    from eipassess.reports.view import build

    return {lang: render_watched(build(baseline, lang)) for lang in ("en", "ru")}
