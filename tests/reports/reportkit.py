"""Helpers shared by the report tests (a plainly named module: test folders share one "conftest" name)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

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
