"""The workshop pack renders in both languages with the bundled fonts only, and the Flows sheet round-trips."""

from __future__ import annotations

import csv
import io
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from eipassess.symbiosis.build import build
from eipassess.symbiosis.pack import render_pack_html, render_pack_pdf
from eipassess.symbiosis.sankey import svg
from eipassess.workflow import site_catalogue

from .conftest import REGISTER, cli, make_park

BUNDLED = ("PT-Sans", "PT-Sans-Bold", "DejaVu-Sans", "DejaVu-Sans-Bold")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    site = make_park(tmp_path_factory.mktemp("pack"), REGISTER)
    _, catalogue, _ = site_catalogue(site)
    return {lang: build(site, None, catalogue, {"en": "Tiny park", "ru": "Малый парк"}, lang) for lang in ("en", "ru")}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pdf_uses_only_bundled_fonts_and_warns_nothing(docs: dict[str, dict[str, Any]], lang: str, caplog: Any) -> None:
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = render_pack_pdf(docs[lang])
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")], [r.getMessage() for r in caplog.records]
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and fonts <= set(BUNDLED), fonts
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages))
    if lang == "ru":
        assert "Итоги по парку" in text and "Что предлагает T1" in text and "Реестр синергий" in text
    else:
        assert "Park totals" in text and "What T1 offers" in text and "What T2 needs" in text
    assert "\ufffd" not in text


def test_sankey_svg_draws_current_and_potential_bands(docs: dict[str, dict[str, Any]]) -> None:
    drawing = svg(docs["en"], "none", "t/yr")
    assert drawing.count("<path") == 1  # T1->T2 is implemented (S1); no other exchange in tonnes fits
    assert 'fill="#1f5f8b"' in drawing and "T1 \u2192 T2: wood offcuts, 100 t/yr" in drawing


def test_html_is_self_contained_with_a_quiet_modebar(docs: dict[str, dict[str, Any]]) -> None:
    html = render_pack_html(docs["ru"])
    assert '"type": "sankey"' in html
    assert "displaylogo: false" in html and "showSendToCloud: false" in html and "showLink: false" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)
    assert "Что нужно T2" in html


def test_command_writes_then_keeps_a_different_file(tmp_path: Path, capsys: Any) -> None:
    site = make_park(tmp_path)
    out = tmp_path / "out"
    assert cli(capsys, "symbiosis", site, "--format", "html", "--out", out)[0] == 0
    target = out / "tiny-park-2023-06-workshop-en.html"
    assert target.is_file()
    target.write_text("someone else's file")
    code, _, err = cli(capsys, "symbiosis", site, "--format", "html", "--out", out)
    assert code == 2 and "it is kept" in err
    assert target.read_text() == "someone else's file"


def test_flows_sheet_round_trips(tmp_path: Path, capsys: Any) -> None:
    site = make_park(tmp_path)
    book = tmp_path / "q.xlsx"
    assert cli(capsys, "template", site, "--round", "2023-06", "--out", book, "--lang", "ru")[0] == 0
    code, _, err = cli(capsys, "import", book, site, "--round", "2024")
    assert code == 0, err

    def rows(path: Path) -> list[dict[str, str]]:
        return [{k: v for k, v in r.items() if v} for r in csv.DictReader(path.open(encoding="utf-8"))]

    before, after = rows(site / "rounds" / "2023-06" / "flows.csv"), rows(site / "rounds" / "2024" / "flows.csv")
    assert before == after and len(after) == 10
    assert cli(capsys, "flows", "check", site, "--round", "2024")[0] == 0


def test_bad_flows_sheet_cell_stops_the_import(tmp_path: Path, capsys: Any) -> None:
    import openpyxl

    site = make_park(tmp_path)
    book = tmp_path / "q.xlsx"
    cli(capsys, "template", site, "--round", "2023-06", "--out", book)
    wb = openpyxl.load_workbook(book)
    wb["Flows"]["H3"] = -5  # quantity of the first flow
    wb.save(book)
    code, _, err = cli(capsys, "import", book, site, "--round", "2024")
    assert code == 2
    assert "Flows!H3 quantity: expected a positive number, found '-5'" in err
    assert not (site / "rounds" / "2024").exists()


def test_formula_like_text_stays_inert_through_the_workbook(tmp_path: Path, capsys: Any) -> None:
    from .conftest import FLOWS

    site = make_park(tmp_path, flows=FLOWS.replace("clean offcuts", "=HYPERLINK(1)"))
    book = tmp_path / "q.xlsx"
    assert cli(capsys, "template", site, "--round", "2023-06", "--out", book)[0] == 0
    import openpyxl

    cell = openpyxl.load_workbook(book)["Flows"]["K3"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"
    assert cli(capsys, "import", book, site, "--round", "2024")[0] == 0
    written = (site / "rounds" / "2024" / "flows.csv").read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1)," in written  # inert in the CSV; the flows reader restores the text
    code, out, _ = cli(capsys, "symbiosis", site, "--round", "2024", "--format", "json")
    assert code == 0 and '"quality": "=HYPERLINK(1)"' in out
