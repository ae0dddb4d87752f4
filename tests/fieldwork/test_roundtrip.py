"""Round trips: export -> fill -> import -> export gives the same answer cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from eipassess.workflow import assess_site

from .conftest import answer_cells, cli, find, park_sheet, pick, tenant_sheet


def test_prefilled_round_trip(site: Path, tmp_path: Path, capsys: Any) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", first)[0] == 0
    code, out, err = cli(capsys, "import", first, site, "--round", "2022")
    assert code == 0, err
    assert cli(capsys, "template", site, "--round", "2022", "--out", second)[0] == 0
    before, after = answer_cells(first), answer_cells(second)
    assert before == after
    assert before[("PM-P1", "answer")] == "yes"
    assert before[("SOC-03/canteen", "answer")] == "yes" and before[("SOC-03/medical", "answer")] == "no"
    # the imported round assesses exactly like the one it came from
    old, _ = assess_site(site, "2021-07")
    new, _ = assess_site(site, "2022")
    assert old.current.overall == new.current.overall
    assert old.round.survey == new.round.survey


def _fill(path: Path, catalogue: Any) -> None:
    """Fill a blank workbook the way a respondent would, by code."""
    wb = openpyxl.load_workbook(path)
    ws = park_sheet(wb)
    ws["C2"], ws["C3"], ws["C4"] = dt.datetime(2022, 5, 4), "B. Filler", 2026
    yes_no, document = pick(catalogue, "yes_no"), pick(catalogue, "document")
    share = pick(catalogue, "tenant_share", ("tenants",))
    find(ws, yes_no, "answer").value = "partly"
    find(ws, yes_no, "intended").value = "yes"
    find(ws, yes_no, "evidence").value = "Decree 12\nOrganisation chart"
    find(ws, yes_no, "comment").value = "Checked on site"
    find(ws, document, "answer").value = dt.datetime(2020, 5, 1)
    find(ws, document, "status").value = "draft"
    find(ws, document, "intended").value = "2024-06"
    find(ws, share, "answer").value = 0.4
    find(ws, "SOC-03/canteen", "answer").value = "yes"
    find(ws, "SOC-03/medical", "answer").value = "no"
    find(ws, "SOC-03/transport", "intended").value = "yes"
    other = [r.id for r in catalogue.requirements if r.rule.kind == "yes_no" and r.id != yes_no][0]
    find(ws, other, "not_applicable").value = "yes"
    find(ws, other, "justification").value = "No such facility on this site"
    ts = tenant_sheet(wb)
    ts.append(["F1", "Alpha", "food", 120, "yes", "no"])
    ts.append(["F2", "Beta", "metal", 40, None, "yes"])
    wb.save(path)


def test_filled_by_code_round_trip(site: Path, tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    blank, again = tmp_path / "blank.xlsx", tmp_path / "again.xlsx"
    assert cli(capsys, "template", site, "--round", "2022", "--out", blank)[0] == 0
    _fill(blank, catalogue)
    code, _, err = cli(capsys, "import", blank, site)  # the round comes from the workbook's metadata
    assert code == 0, err
    data = yaml.safe_load((site / "rounds" / "2022" / "answers.yaml").read_text(encoding="utf-8"))
    document = pick(catalogue, "document")
    assert data["date"] == dt.date(2022, 5, 4) and data["assessor"] == "B. Filler" and data["intended_year"] == 2026
    assert data["answers"][document]["value"] == {"date": dt.date(2020, 5, 1), "status": "draft"}
    assert data["answers"]["SOC-03"] == {"value": {"canteen": "yes", "medical": "no"}, "intended": {"transport": "yes"}}
    assert cli(capsys, "template", site, "--round", "2022", "--out", again)[0] == 0
    assert answer_cells(blank) == answer_cells(again)
    assessment, _ = assess_site(site, "2022")
    assert assessment.round.survey is not None and assessment.round.survey.firms == 2


def test_hand_edited_workbook(site: Path, tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    """Blank rows, merged title cells and numbers typed as text are read; text numbers are reported as warnings."""
    path = tmp_path / "edited.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    reference = answer_cells(path)
    share = pick(catalogue, "tenant_share", ("tenants",))
    wb = openpyxl.load_workbook(path)
    ws = park_sheet(wb)
    cell = find(ws, share, "answer")
    cell.value = "0.25"  # typed as text
    row = find(ws, "PM-P1", "id").row
    ws.insert_rows(row + 1, 2)  # blank rows inside the table
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)  # requirement + question merged
    ts = tenant_sheet(wb)
    ts.insert_rows(4)  # a blank row between firms
    ts["D3"] = "100"  # employees typed as text
    wb.save(path)
    code, _, err = cli(capsys, "import", path, site, "--round", "2022")
    assert code == 0, err
    assert "0.25" in err and "a number cell" in err  # the text number is named as a warning
    data = yaml.safe_load((site / "rounds" / "2022" / "answers.yaml").read_text(encoding="utf-8"))
    assert data["answers"][share] == 0.25
    again = tmp_path / "again.xlsx"
    assert cli(capsys, "template", site, "--round", "2022", "--out", again)[0] == 0
    expected = {**reference, (share, "answer"): 0.25}
    assert answer_cells(again) == expected


@pytest.mark.parametrize("lang", ["ru"])
def test_russian_workbook_round_trip(site: Path, tmp_path: Path, capsys: Any, lang: str) -> None:
    first, second = tmp_path / "ru.xlsx", tmp_path / "ru2.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", first, "--lang", lang)[0] == 0
    wb = openpyxl.load_workbook(first)
    assert {"Парк", "Резиденты", "Инструкция"} <= set(wb.sheetnames)
    assert find(park_sheet(wb), "PM-P1", "answer").value == "да"
    assert cli(capsys, "import", first, site, "--round", "2022")[0] == 0
    data = yaml.safe_load((site / "rounds" / "2022" / "answers.yaml").read_text(encoding="utf-8"))
    assert data["answers"]["PM-P1"] == "yes"
    assert cli(capsys, "template", site, "--round", "2022", "--out", second, "--lang", lang)[0] == 0
    assert answer_cells(first) == answer_cells(second)


def test_new_round_from_previous(site: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "next.xlsx"
    assert cli(capsys, "template", site, "--round", "2023", "--from", "2021-07", "--out", path)[0] == 0
    cells = answer_cells(path)
    assert cells[("PM-P1", "answer")] == "yes"
    assert cells[("round", "Assessment date")] is None  # a new round gets a new date
    assert cells[("round", "Assessor")] == "A. Tester"
    code, _, err = cli(capsys, "import", path, site)
    assert code == 2 and "Park!C2" in err and not (site / "rounds" / "2023").exists()


def test_protection_and_validation(site: Path, tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    path = tmp_path / "p.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    wb = openpyxl.load_workbook(path)
    ws = park_sheet(wb)
    assert ws.protection.sheet and tenant_sheet(wb).protection.sheet
    assert find(ws, "PM-P1", "answer").protection.locked is False
    assert find(ws, "PM-P1", "requirement").protection.locked is True
    assert find(ws, "SOC-03", "answer").protection.locked is True  # answered on its elements' rows
    answer = find(ws, "PM-P1", "answer").coordinate
    lists = [dv for dv in ws.data_validations.dataValidation if answer in dv.sqref]
    assert lists and lists[0].type == "list" and "partly" in lists[0].formula1
    share = find(ws, pick(catalogue, "tenant_share", ("tenants",)), "answer").coordinate
    assert any(dv.type == "decimal" and dv.formula2 == "1" for dv in ws.data_validations.dataValidation if share in dv.sqref)
    assert wb["_eipassess"].sheet_state == "hidden"


def test_blank_survey_csv(site: Path, tmp_path: Path, capsys: Any, catalogue: Any) -> None:
    path = tmp_path / "survey.csv"
    assert cli(capsys, "template", site, "--round", "x", "--csv", "--out", path)[0] == 0
    header = path.read_text(encoding="utf-8").splitlines()
    assert header == [",".join(["firm_id", "firm_name", "sector", "employees", *(i.id for i in catalogue.indicators)])]


def test_template_refuses_to_overwrite_and_bad_round(site: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "w.xlsx"
    path.write_bytes(b"a filled workbook")
    code, _, err = cli(capsys, "template", site, "--round", "2022", "--out", path)
    assert code == 2 and "--force" in err and path.read_bytes() == b"a filled workbook"
    assert cli(capsys, "template", site, "--round", "2022", "--out", path, "--force")[0] == 0
    assert openpyxl.load_workbook(path).sheetnames[:3] == ["Instructions", "Park", "Tenants"]
    code, _, err = cli(capsys, "template", site, "--round", "../x", "--out", tmp_path / "y.xlsx")
    assert code == 2 and "folder name" in err
    code, _, err = cli(capsys, "import", path, site, "--round", "../x")
    assert code == 2 and "folder name" in err and not (site / "x").exists()
