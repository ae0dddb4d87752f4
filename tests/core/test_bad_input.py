"""Every bad-input case of issue 2: a clear message naming file, line/row, field, expected and found; exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from eipassess.cli.main import main

ROUND = Path("rounds") / "2021-07"


def run_check(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `eipassess site check` and return its exit code and stderr."""
    code = main(["site", "check", str(site)])
    return code, capsys.readouterr().err


def write(site: Path, name: str, text: str) -> Path:
    """Replace a file of the round with ``text``."""
    path = site / ROUND / name
    path.write_text(text, encoding="utf-8")
    return path


ANSWERS_HEAD = "date: 2021-07-15\nassessor: A. Tester\nanswers:\n"


def test_malformed_yaml_names_line(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A YAML syntax error names the file and line."""
    path = write(site_a, "answers.yaml", ANSWERS_HEAD + "  PM-P1: [yes\n  ECO-01: no\n")
    code, err = run_check(site_a, capsys)
    assert code == 2
    assert f"{path}:5:" in err and "expected valid YAML" in err
    assert "Traceback" not in err


def test_all_answer_errors_in_one_run(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown id, wrong type, '80%' share, missing N/A justification and a bad checklist come together."""
    path = write(
        site_a,
        "answers.yaml",
        ANSWERS_HEAD
        + "  PM-99: yes\n"  # line 4: unknown requirement id
        + "  ECO-01: maybe\n"  # line 5: yes/no typo
        + "  PM-06: 80%\n"  # line 6: a share written as a percentage string
        + "  ENV-07:\n    not_applicable: ''\n"  # line 7-8: no justification
        + "  SOC-03: {value: [canteen, sauna]}\n"  # line 9: unknown checklist element
        + "  ENV-10: {value: 2019-13-45}\n",  # line 10: not a date
    )
    code, err = run_check(site_a, capsys)
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith(str(path))]
    assert f"{path}:4: answers.PM-99: expected a requirement id of the criteria in use, found 'PM-99'" in lines
    assert f"{path}:5: answers.ECO-01: expected yes, no or partly, found 'maybe'" in lines
    assert f"{path}:6: answers.PM-06: expected a share from 0 to 1 (e.g. 0.4 for 40%), found '80%'" in lines
    assert any(line.startswith(f"{path}:8: answers.ENV-07.not_applicable: expected a written justification") for line in lines)
    assert any(line.startswith(f"{path}:9: answers.SOC-03.value: expected a list of element ids from: canteen") for line in lines)
    assert any(line.startswith(f"{path}:10: answers.ENV-10.value: expected no, or the date") for line in lines)
    assert "6 problems found" in err


def test_wrong_types_and_out_of_range_in_site_yaml(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Wrong types and out-of-range values in site.yaml are named with line and field."""
    path = site_a / "site.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("tenants_total: 4", "tenants_total: many\narea_ha: -3"), encoding="utf-8"
    )
    code, err = run_check(site_a, capsys)
    assert code == 2
    assert f"{path}:5: tenants_total: expected a valid integer" in err and "'many'" in err
    assert f"{path}:6: area_ha: expected greater than 0, found -3" in err


def test_unknown_key_warns_but_passes(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown key in site.yaml is a warning, not an error."""
    path = site_a / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: green\n", encoding="utf-8")
    code, err = run_check(site_a, capsys)
    assert code == 0
    assert f"{path}:7: colour: warning: expected a known key" in err


def test_future_date(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An assessment dated in the future is refused."""
    path = write(site_a, "answers.yaml", "date: 2999-01-01\nassessor: A. Tester\nanswers: {}\n")
    code, err = run_check(site_a, capsys)
    assert code == 2 and f"{path}:1: date: expected an assessment date not in the future, found 2999-01-01" in err


SURVEY_HEAD = "firm_id,firm_name,sector,employees,shares_data,energy_mwh,renewable_mwh\n"


def test_survey_cell_errors_all_at_once(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad cells (percent string, yes/no typo, text in a number, negative) and duplicate firms are each named by row."""
    path = write(
        site_a,
        "tenants.csv",
        SURVEY_HEAD
        + "F1,Alpha,food,100,yes,80%,0\n"  # line 2
        + "F2,Beta,metal,50,yse,2000,0\n"  # line 3
        + "F1,Gamma,wood,20,no,lots,-5\n",  # line 4
    )
    code, err = run_check(site_a, capsys)
    assert code == 2
    assert f"{path}:2: energy_mwh: expected a number in MWh/yr or n/a (no % sign, no other text), found '80%'" in err
    assert f"{path}:3: shares_data: expected yes, no or n/a (blank if not answered), found 'yse'" in err
    assert f"{path}:4: firm_id: expected each firm once, found 'F1', also on row 2" in err
    assert f"{path}:4: energy_mwh: expected a number" in err and "'lots'" in err
    assert f"{path}:4: renewable_mwh: expected at least 0, found '-5'" in err


def test_rows_after_blank_lines_keep_their_file_line(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Blank lines are skipped but counted, so an error names the real line of its row; short rows are named."""
    path = write(site_a, "tenants.csv", SURVEY_HEAD + "\nF1,Alpha,food,100,yes,1,0\n\n\nF2,Beta,metal,50,yse,2,0\nF3,Gamma\n")
    code, err = run_check(site_a, capsys)
    assert code == 2
    assert f"{path}:6: shares_data: expected yes, no or n/a (blank if not answered), found 'yse'" in err
    assert f"{path}:7: expected 7 cells as in the header, found 2 cells" in err


def test_round_may_state_its_own_tenant_count(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tenants_total in answers.yaml (the count at the time of the round) sets the response rate."""
    path = site_a / ROUND / "answers.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("intended_year: 2024", "intended_year: 2024\ntenants_total: 6"), encoding="utf-8"
    )
    args = ["assess", str(site_a), "--no-record"]
    assert main(args) == 0
    assert "Tenant survey: 3 of 6 tenant firms answered (response rate 50%)" in capsys.readouterr().out


def test_unknown_and_missing_columns(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown column and a missing required column are named in the header line."""
    path = write(site_a, "tenants.csv", "firm_id,firm_name,employees,colour\nF1,Alpha,10,red\n")
    code, err = run_check(site_a, capsys)
    assert code == 2
    assert f"{path}:1: colour: expected a survey column" in err
    assert f"{path}:1: sector: expected a column 'sector', found no such column" in err


def test_empty_survey(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A survey with a header and no rows is refused."""
    path = write(site_a, "tenants.csv", SURVEY_HEAD)
    code, err = run_check(site_a, capsys)
    assert code == 2 and f"{path}:2: expected one row per surveyed firm, found no rows" in err


def test_other_encoding(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Windows-1251 CSV is named as such with the line of the first bad byte."""
    path = site_a / ROUND / "tenants.csv"
    path.write_bytes((SURVEY_HEAD + "F1,Альфа,food,10,yes,1,0\n").encode("cp1251"))
    code, err = run_check(site_a, capsys)
    assert code == 2 and f"{path}:2: expected UTF-8 text, found byte 0xc0" in err and "Windows-1251" in err


def test_semicolon_separators(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV saved with ';' separators is named as such."""
    path = write(site_a, "tenants.csv", SURVEY_HEAD.replace(",", ";") + "F1;Alpha;food;10;yes;1;0\n")
    code, err = run_check(site_a, capsys)
    assert code == 2 and f"{path}:1: expected comma-separated columns, found ';' separators" in err


def test_xlsx_merged_header(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An XLSX survey with merged header cells is refused, naming the sheet and cells."""
    import openpyxl

    (site_a / ROUND / "tenants.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Survey"
    ws.append(["firm_id", "firm_name", "sector", "employees", "shares_data"])
    ws.append(["F1", "Alpha", "food", 10, "yes"])
    ws.merge_cells("B1:C1")
    path = site_a / ROUND / "tenants.xlsx"
    wb.save(path)
    code, err = run_check(site_a, capsys)
    assert code == 2 and f"{path}:1: sheet 'Survey' cells B1:C1: expected one header cell per column, found merged cells" in err


def test_xlsx_survey_is_read(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A well-formed XLSX survey is read like the CSV (numbers typed as numbers or text)."""
    import openpyxl

    (site_a / ROUND / "tenants.csv").unlink()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["firm_id", "firm_name", "sector", "employees", "shares_data", "energy_mwh"])
    ws.append(["F1", "Alpha", "food", 10, "yes", 100.5])
    ws.append(["F2", "Beta", "food", "20", "no", "200"])
    wb.save(site_a / ROUND / "tenants.xlsx")
    assert main(["site", "check", str(site_a)]) == 0
    assert "round 2021-07: 3 answers, 2 firms in the survey" in capsys.readouterr().out


def test_input_files_are_never_rewritten(site_a: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Assessing reads the inputs and leaves every byte of them as it was."""
    files = sorted(p for p in site_a.rglob("*") if p.is_file())
    before = {p: p.read_bytes() for p in files}
    assert main(["assess", str(site_a), "--no-record"]) == 0
    assert {p: p.read_bytes() for p in sorted(p for p in site_a.rglob("*") if p.is_file())} == before
