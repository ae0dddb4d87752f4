"""The PDF report: text (baseline figure, gaps, Russian), page count, glyphs, page images, optional HarfBuzz subsetting."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportkit import render_watched

from eipassess.fmt import pc
from eipassess.reports.view import build


def pdf_text(data: bytes) -> tuple[int, str]:
    """Return the page count and the extracted text of a PDF."""
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_baseline_figure_and_gaps(baseline: dict[str, Any], baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    pages, text = pdf_text(baseline_pdfs["en"][0])
    overall = baseline["scores"]["current"]["overall"]
    assert pc(overall["pc"]) == "50"  # the published ~50% of FEZ "Minsk" (or the fixture built to match it)
    flat = re.sub(r"\s+", " ", text)
    assert (
        f"{overall['met']} of {overall['met'] + overall['partly_met'] + overall['not_met'] + overall['no_data']} applicable requirements met (50%)"
        in flat
    )
    gaps = [r["id"] for r in baseline["requirements"] if r["current"]["verdict"] in ("not_met", "partly_met")]
    assert gaps
    for rid in gaps:
        assert rid in text
    assert f"Page 1 of {pages}" not in flat  # the cover has no footer
    assert f"Page 2 of {pages}" in flat
    assert "Contents" in text and "Gap analysis" in text and "Method" in text


def test_page_count_within_bounds(baseline: dict[str, Any], baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    n = len(baseline["requirements"])
    for data, _ in baseline_pdfs.values():
        reader = PdfReader(io.BytesIO(data))
        assert 8 <= len(reader.pages) <= 12 + n  # cover, contents, 8 chapters; at most about a page per requirement
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points


def test_russian_text_present(baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    pages, text = pdf_text(baseline_pdfs["ru"][0])
    flat = re.sub(r"\s+", " ", text)
    for phrase in ("Содержание", "Резюме", "Анализ несоответствий", "План действий", "Методика", f"Страница 2 из {pages}"):
        assert phrase in flat
    assert len(re.findall(r"[А-Яа-яЁё]", text)) > 2000


def test_no_missing_glyphs(baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    for lang, (_, warnings) in baseline_pdfs.items():
        assert not [w for w in warnings if "glyph" in w.lower()], lang
        assert not warnings, f"{lang}: WeasyPrint warned: {warnings[:3]}"


def test_fonts_embedded(baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    reader = PdfReader(io.BytesIO(baseline_pdfs["ru"][0]))
    fonts = set()
    for page in reader.pages[:4]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("PTSans" in f.replace(" ", "") or "PT" in f for f in fonts), fonts


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pages_not_blank(baseline_pdfs: dict[str, tuple[bytes, list[str]]], tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(baseline_pdfs["en"][0])
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(PdfReader(io.BytesIO(baseline_pdfs["en"][0])).pages)
    for img in images:
        stat = ImageStat.Stat(Image.open(img))
        assert stat.stddev[0] > 3, f"{img.name} looks blank"


def test_pdf_deterministic(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    from eipassess.reports.pdf import render_pdf

    view = build(fixture_records[0], "en", fingerprint="ab" * 32)
    first = render_pdf(view)
    assert b"eipassess-fingerprint:" + b"ab" * 32 in first
    assert render_pdf(view) == first


def test_works_without_harfbuzz_subset(
    fixture_records: tuple[dict[str, Any], dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.pdf.fonts as wfonts

    monkeypatch.setattr(wfonts, "harfbuzz_subset", None)  # as if libharfbuzz-subset0 were not installed
    data, warnings = render_watched(build(fixture_records[0], "ru"))
    pages, text = pdf_text(data)
    assert pages >= 8 and "Резюме" in text
    assert any("fontTools" in w for w in warnings)  # the fallback path really ran
    assert not [w for w in warnings if "glyph" in w.lower()]


def test_contents_page_numbers_point_at_chapters(baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    reader = PdfReader(io.BytesIO(baseline_pdfs["en"][0]))
    entries = re.findall(r"^(\d) (.+?) \.{3,}\s*(\d+)$", reader.pages[1].extract_text(), re.M)
    assert len(entries) == 8
    for number, title, page in entries:
        text = reader.pages[int(page) - 1].extract_text()
        assert re.search(rf"^{number}\s*{re.escape(title)}", text, re.M), (title, page)


def test_table_header_repeats_on_every_appendix_page(baseline_pdfs: dict[str, tuple[bytes, list[str]]]) -> None:
    reader = PdfReader(io.BytesIO(baseline_pdfs["en"][0]))
    toc = dict(
        (title, int(page)) for _, title, page in re.findall(r"^(\d) (.+?) \.{3,}\s*(\d+)$", reader.pages[1].extract_text(), re.M)
    )
    first, after = toc["Appendix: all requirements"], toc["Appendix: tenant survey"]
    assert after - first >= 2, "the appendix should span several pages for this test to mean anything"
    for n in range(first, after):
        assert "Evidence / Comment" in reader.pages[n - 1].extract_text(), f"page {n} lacks the repeated table header"
