"""The workbook import validates the tenant rows once, and what it writes still loads (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

import eipassess.fieldwork.tenants as tenants
import eipassess.site.survey as survey
from eipassess.site.load import parse_answers
from eipassess.site.survey import read_survey

from .conftest import cli, tenant_sheet


@pytest.fixture
def workbook(site: Path, tmp_path: Path, capsys: Any) -> Path:
    """A workbook pre-filled from the site's round (three firms)."""
    path = tmp_path / "w.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    return path


def _column(ws: Any, name: str) -> int:
    """Return the tenant sheet column holding survey column ``name``."""
    return next(c.column for c in ws[2] if c.value == name)


def test_tenant_rows_validated_once(site: Path, workbook: Path, capsys: Any, monkeypatch: Any, catalogue: Any) -> None:
    calls: list[int] = []
    real = survey.validate_frame

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(survey, "validate_frame", counted)
    monkeypatch.setattr(tenants, "validate_frame", counted)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 0, err
    assert calls == [3]
    rdir = site / "rounds" / "2022"
    # what the import wrote loads with the site loader and the survey reader themselves
    parse_answers(rdir / "answers.yaml", catalogue)
    assert len(read_survey(rdir / "tenants.csv", catalogue.indicators)) == 3


def test_spaced_not_relevant_in_a_number_column(site: Path, workbook: Path, capsys: Any, catalogue: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = tenant_sheet(wb)
    ws.cell(3, _column(ws, "energy_mwh"), "N / A")  # the survey reader reads it as n/a (spaces dropped)
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 0, err
    frame = read_survey(site / "rounds" / "2022" / "tenants.csv", catalogue.indicators)
    assert frame["energy_mwh"].tolist()[0] == survey.NA_VALUE


def test_firm_ids_equal_once_saved_are_named(site: Path, workbook: Path, capsys: Any) -> None:
    wb = openpyxl.load_workbook(workbook)
    ws = tenant_sheet(wb)
    ws["A3"], ws["A4"] = "=F1", "'=F1"  # the first is saved as the second: one firm in tenants.csv
    ws["A3"].data_type, ws["A3"].quotePrefix = "s", True  # text, as the template stores formula-like text
    wb.save(workbook)
    code, _, err = cli(capsys, "import", workbook, site, "--round", "2022")
    assert code == 2 and not (site / "rounds" / "2022").exists()
    assert "Tenants!A4 firm_id: expected each firm once" in err and '"\'=F1", the same as row 3 once saved' in err
