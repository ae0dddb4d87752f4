"""The PDF programme report in English and Russian: the table, SVG charts, packaged fonts, nothing fetched."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from eipassess.portfolio.build import build
from eipassess.portfolio.entries import Pool, add_records
from eipassess.portfolio.printed import heat_colour, print_html, render_pdf


@pytest.fixture(scope="module")
def view(sample_records: list[dict[str, Any]]) -> dict[str, Any]:
    """The sample programme's view, with a hostile source label."""
    pool = Pool()
    add_records(pool, sample_records)
    return build(pool, source='<img src="http://example.invalid/x.png">')


@pytest.mark.parametrize("lang, title, word", [("en", "Programme view", "not passed"), ("ru", "Обзор программы", "не пройден")])
def test_pdf_in_each_language(view: dict[str, Any], lang: str, title: str, word: str) -> None:
    html = print_html(view, lang)
    assert html.count("<svg") == 2  # the scatter and the most often open requirements
    assert "<img" not in html and "&lt;img" in html  # the label is text, not markup: nothing to fetch
    reader = PdfReader(io.BytesIO(render_pdf(view, lang)))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert title in flat and word in flat
    assert "Shabany" in flat or "Шабаны" in flat
    assert "ENV-P2" in flat
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("PTSans" in f.replace(" ", "") or "PT" in f for f in fonts), fonts


def test_heat_colours_run_from_red_to_green() -> None:
    assert heat_colour(0.0) == "#b3261e" and heat_colour(100.0) == "#1b7f3b" and heat_colour(None) == "#c9ced6"
    assert heat_colour(50.0) == "#d68c14"
