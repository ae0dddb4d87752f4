"""Open the HTML report in headless Chromium: charts drawn by plotly, filters working, no script error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import chromium, needs_chromium

from eipassess.reports.html import render_html
from eipassess.reports.view import build

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> Path:
    """The fixture site's interactive report (with a trend) written to disk."""
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(build(fixture_records[1], "en", previous=fixture_records[0])), encoding="utf-8")
    return path


def body_tag(dom: str) -> str:
    """Return the report's <body> start tag from a dumped DOM."""
    match = re.search(r'<body class="screen"[^>]*>', dom)
    assert match, "no report body in the dumped DOM"
    return match.group(0)


def html_tag(dom: str) -> str:
    """Return the <html> start tag, where the page's error handler records script errors."""
    match = re.search(r"<html[^>]*>", dom)
    assert match
    return match.group(0)


def test_error_handler_records_errors(page: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    html = page.read_text(encoding="utf-8")
    broken.write_text(html.replace("</body>", "<script>undefinedFunction();</script></body>"), encoding="utf-8")
    assert "undefinedFunction" in html_tag(chromium(tmp_path, broken.as_uri(), "--dump-dom"))


def test_charts_render_without_script_errors(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, page.as_uri(), "--dump-dom")
    body = body_tag(dom)
    assert 'data-report-ready="1"' in body, body
    assert 'data-plots="3"' in body
    assert "data-report-errors" not in html_tag(dom)
    for plot in ("plot-categories", "plot-subcategories", "plot-trend"):
        section = dom[dom.find(f'id="{plot}"') :]
        assert 'class="main-svg"' in section[:20000], f"plotly drew no SVG in {plot}"
    assert re.search(r'class="bars"|class="point"', dom)


def test_filter_preset_from_link(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, page.as_uri() + "#verdict=not_met", "--dump-dom")
    body = body_tag(dom)
    shown = int(re.search(r'data-shown="(\d+)"', body).group(1))  # type: ignore[union-attr]
    total = dom.count('class="gap filterable') + dom.count('class="filterable')
    assert 0 < shown < total
    assert "data-report-errors" not in html_tag(dom)


def test_screenshot(page: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    shot = tmp_path / "report.png"
    chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1200,1800")
    image = Image.open(shot)
    assert image.size == (1200, 1800)
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 10
