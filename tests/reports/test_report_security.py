"""Text from input files can never make WeasyPrint read a local file or a URL, nor run in the HTML page."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from eipassess.reports import pdf as pdfmod
from eipassess.reports.html import render_html
from eipassess.reports.render import static_dir
from eipassess.reports.view import build

HOSTILE = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css"> http://example.com/a.png'


def hostile(record: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of a record whose park name, comments and evidence carry markup pointing at files and URLs."""
    rec = copy.deepcopy(record)
    rec["site"]["name"] = {"en": "Park " + HOSTILE, "ru": "Парк " + HOSTILE}
    for r in rec["requirements"]:
        if r["answer"] is not None:
            r["answer"]["comment"] = HOSTILE
            r["answer"]["evidence"] = [HOSTILE]
    return rec


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://example.com/x.css", "https://127.0.0.1/", "data:text/css,body{}", "fonts/../../view.py"]
)
def test_fetcher_refuses_everything_but_assets(url: str) -> None:
    with pytest.raises(pdfmod.AssetRefused):
        pdfmod._asset_path(url if ":" in url else (static_dir() / url).as_uri())


def test_fetcher_serves_packaged_assets() -> None:
    assert pdfmod._asset_path((static_dir() / "fonts" / "PTS55F.ttf").as_uri()).name == "PTS55F.ttf"


def test_hostile_text_reads_nothing(
    fixture_records: tuple[dict[str, Any], dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = pdfmod._asset_path

    def spy(url: str) -> Path:
        asked.append(url)
        return real(url)

    monkeypatch.setattr(pdfmod, "_asset_path", spy)
    data = pdfmod.render_pdf(build(hostile(fixture_records[0]), "en"))
    root = static_dir().resolve().as_uri()
    assert asked and all(u.startswith(root) for u in asked), asked
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "file:///etc/passwd" in text  # shown as text, never fetched
    assert "root:x:0:0" not in text


def test_hostile_text_escaped_in_html(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    html = render_html(build(hostile(fixture_records[0]), "en"))
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
