"""Open the programme dashboard in headless Chromium: four charts drawn, peer-group filters working, no script error, offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browserkit import chromium, needs_chromium

from eipassess.portfolio.build import build
from eipassess.portfolio.dashboard import _script_json, render_dashboard
from eipassess.portfolio.entries import Pool, add_records

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, sample_records: list[dict[str, Any]]) -> Path:
    """The sample programme's dashboard (Russian, to exercise non-Latin text) written to disk."""
    pool = Pool()
    add_records(pool, sample_records)
    path = tmp_path_factory.mktemp("dash") / "programme.html"
    path.write_text(render_dashboard(build(pool, source="sample </script> sites"), "ru"), encoding="utf-8")
    return path


def tag(dom: str, name: str) -> str:
    """Return the start tag of ``name`` in a dumped DOM."""
    match = re.search(rf"<{name}[ >][^>]*>?", dom)
    assert match, f"no <{name}> in the dumped DOM"
    return match.group(0)


def test_dashboard_draws_four_charts_without_errors(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, page.as_uri(), "--dump-dom")
    body = tag(dom, "body")
    assert 'data-report-ready="1"' in body and 'data-plots="4"' in body, body
    assert 'data-shown="2"' in body
    assert "data-report-errors" not in tag(dom, "html")
    for plot in ("plot-scatter", "plot-failed", "plot-heat", "plot-trend"):
        section = dom[dom.find(f'id="{plot}"') :]
        assert 'class="main-svg"' in section[:30000], f"plotly drew nothing in {plot}"
    assert "Обзор программы" in dom


def test_peer_group_filter_from_link_hides_parks(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, page.as_uri() + "#size=small", "--dump-dom")
    assert 'data-shown="1"' in tag(dom, "body")
    assert len(re.findall(r'<tr data-site="[^"]+" class="hidden"', dom)) == 1
    assert 'data-site="fez-mogilev-site-4" class="hidden"' not in dom
    assert "data-report-errors" not in tag(dom, "html")
    none = chromium(tmp_path, page.as_uri() + "#size=medium&age=established", "--dump-dom")  # no park is both
    assert 'data-shown="0"' in tag(none, "body") and "data-report-errors" not in tag(none, "html")


def test_a_script_error_would_be_seen(page: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        page.read_text(encoding="utf-8").replace("</body>", "<script>noSuchFunction();</script></body>"), encoding="utf-8"
    )
    assert "noSuchFunction" in tag(chromium(tmp_path, broken.as_uri(), "--dump-dom"), "html")


def test_dashboard_needs_no_network(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "sample &lt;/script&gt; sites" in html  # texts from the user are escaped
    assert "</" not in str(_script_json({"name": "</script><!--"}))  # data cannot close its script element
    assert html.count("</script>") == html.count("<script")
