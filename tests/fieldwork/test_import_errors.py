"""Bad workbooks: every problem is named at once with sheet, cell and requirement; nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import answer_cells, cli, find, park_sheet, pick, tenant_sheet


@pytest.fixture
def workbook(site: Path, tmp_path: Path, capsys: Any) -> Path:
    """A workbook pre-filled from the site's round."""
    path = tmp_path / "w.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    return path


def test_every_problem_at_once(site: Path, workbook: Path, capsys: Any, catalogue: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = park_sheet(wb)
    share = pick(catalogue, "tenant_share", ("tenants",))
    document = pick(catalogue, "document")
    other = [r.id for r in catalogue.requirements if r.rule.kind == "yes_no" and r.id != "PM-P1"][0]
    bad = {
        "typo": find(ws, "PM-P1", "answer"),
        "percent": find(ws, share, "answer"),
        "future": find(ws, document, "answer"),
        "item": find(ws, "SOC-03/canteen", "answer"),
        "na": find(ws, other, "justification"),
    }
    bad["typo"].value = "yess"
    bad["percent"].value = "80%"
    bad["future"].value = dt.datetime.now() + dt.timedelta(days=400)
    bad["item"].value = "partly"
    find(ws, other, "not_applicable").value = "yes"  # without a justification
    threshold = [r for r in catalogue.requirements if r.rule.kind == "threshold"]
    text_cell = find(ws, threshold[0].id, "answer") if threshold else None
    if text_cell is not None:
        text_cell.value = "about 20"
    unknown = find(ws, "PM-P1", "id").row
    ws.cell(ws.max_row + 1, 1, "XX-99")
    ts = tenant_sheet(wb)
    ts.append(["F1", "Copy", "food", 10])  # a duplicated firm
    ts["E3"] = "maybe"  # a yes/no indicator column
    wb.save(workbook)
    code, out, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 2
    assert not (site / "rounds" / "2022").exists()
    for cell in bad.values():
        assert f"Park!{cell.coordinate}" in err, (cell.coordinate, err)
    assert "'yess'" in err and "'80%'" in err and "0.8 for 80%" in err
    assert "not after the assessment date" in err
    assert "written justification" in err
    assert f"Park!A{ws.max_row} XX-99" in err and unknown
    assert "each firm once" in err and "Tenants!A6" in err
    assert "Tenants!E3" in err and "'maybe'" in err
    if text_cell is not None:
        assert f"Park!{text_cell.coordinate}" in err and "'about 20'" in err
    assert "nothing was written" in err


def test_renamed_sheet_and_reordered_columns_are_read(site: Path, workbook: Path, tmp_path: Path, capsys: Any) -> None:
    reference = answer_cells(workbook)
    wb = openpyxl.load_workbook(workbook)
    ws = park_sheet(wb)
    ws.title = "Answers"
    evidence, comment = find(ws, "PM-P1", "evidence").column, find(ws, "PM-P1", "comment").column
    for row in range(1, ws.max_row + 1):  # swap the evidence and comment columns, headers included
        a, b = ws.cell(row, evidence), ws.cell(row, comment)
        a.value, b.value = b.value, a.value
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 0, err
    assert "renamed to 'Answers'" in err and "columns reordered" in err
    again = tmp_path / "again.xlsx"
    assert cli(capsys, "template", site, "--round", "2022", "--out", again)[0] == 0
    assert answer_cells(again) == reference


def test_merged_answer_cells_are_refused(site: Path, workbook: Path, capsys: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = park_sheet(wb)
    first = find(ws, "PM-P1", "comment")
    ws.merge_cells(start_row=first.row, start_column=first.column, end_row=first.row + 2, end_column=first.column)
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 2 and f"{first.coordinate}:" in err and "merged cells" in err


def test_other_site_or_foreign_file(site: Path, workbook: Path, tmp_path: Path, capsys: Any) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "site.yaml").write_text((site / "site.yaml").read_text().replace("test-park", "other-park"))
    code, _, err = cli(capsys, "import", workbook, other, "--round", "2022")
    assert code == 2 and "site 'other-park'" in err
    foreign = tmp_path / "foreign.xlsx"
    openpyxl.Workbook().save(foreign)
    code, _, err = cli(capsys, "import", foreign, site, "--round", "2022")
    assert code == 2 and "eipassess template" in err
    notxlsx = tmp_path / "bad.xlsx"
    notxlsx.write_text("not a workbook")
    code, _, err = cli(capsys, "import", notxlsx, site, "--round", "2022")
    assert code == 2 and "Traceback" not in err


def test_missing_round_fields(site: Path, workbook: Path, capsys: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = park_sheet(wb)
    ws["C2"] = dt.datetime.now() + dt.timedelta(days=3)
    ws["C3"] = None
    ws["C4"] = "soon"
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 2
    assert "Park!C2 date" in err and "Park!C3 assessor" in err and "Park!C4 intended_year" in err


def test_deleted_row_is_a_warning(site: Path, workbook: Path, capsys: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = park_sheet(wb)
    ws.delete_rows(find(ws, "PM-P1", "id").row)
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 0 and "PM-P1" in err and "row deleted" in err
    assert "PM-P1" not in (site / "rounds" / "2022" / "answers.yaml").read_text(encoding="utf-8")
