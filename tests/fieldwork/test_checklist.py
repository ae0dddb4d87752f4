"""The blank printable checklist: every requirement, both languages, escaped text, a PDF with its text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eipassess.fieldwork.checklist import render_html

from .conftest import cli


def test_html_lists_every_requirement(site: Path, tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    out = tmp_path / "c.html"
    code, stdout, _ = cli(capsys, "checklist", site, "--out", out)
    assert code == 0 and f"{len(catalogue.requirements)} requirements" in stdout
    html = out.read_text(encoding="utf-8")
    for req in catalogue.requirements:
        assert f'<span class="id">{req.id}</span>' in html
    assert "Test park" in html and "http" not in html.split("<body>")[1]


def test_text_is_escaped(catalogue: Any) -> None:
    import dataclasses

    from eipassess.model import SiteProfile

    site = SiteProfile(id="x", name={"en": "<script>alert(1)</script>"}, country="BY", operator={"en": "o"})
    html = render_html(dataclasses.replace(catalogue), site, "en")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_pdf_in_russian(tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    from pypdf import PdfReader

    out = tmp_path / "c.pdf"
    assert cli(capsys, "checklist", "--out", out, "--lang", "ru")[0] == 0  # no site: the built-in criteria
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Контрольный лист" in text
    first = catalogue.requirements[0]
    assert first.id in text and first.title["ru"].split()[0] in text


def test_bad_output_name(tmp_path: Path, capsys: Any) -> None:
    code, _, err = cli(capsys, "checklist", "--out", tmp_path / "c.docx")
    assert code == 2 and ".pdf or .html" in err
