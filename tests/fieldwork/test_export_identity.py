"""The questionnaire workbook and the workbook import stay what they were before the fast paths (issue 14).

The gold workbooks under gold/ were written by the writer before it was made faster; each new workbook is
read back with openpyxl and compared with its gold cell by cell (value, type, number format, font, fill,
alignment, protection, quote prefix), with every sheet's widths, validations, frozen panes, protection and
state. The gold import messages and files were produced by the importer before it validated once.
Regenerate only when the workbook is meant to change: EIPASSESS_REGOLD=1 pytest tests/fieldwork/test_export_identity.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from eipassess.errors import InputError
from eipassess.fieldwork.export import build_workbook, park_requirements, save_workbook
from eipassess.fieldwork.importer import read_workbook
from eipassess.fieldwork.layout import META_SHEET
from eipassess.fieldwork.prefill import Prefill
from eipassess.model import Answer, SiteProfile

from .conftest import tenant_sheet

GOLD = Path(__file__).parent / "gold"
REGOLD = os.environ.get("EIPASSESS_REGOLD") == "1"
SITE = SiteProfile(id="gold-park", name={"en": "Gold park", "ru": "Золотой парк"}, country="BY", operator={"en": "x"})
# Tenant rows as a survey file holds them: formula-like text, yes/no in both languages, n/a, spaced and
# decimal numbers, text where a number belongs, blanks and a control character.
TENANTS = [
    {"firm_id": "F1", "firm_name": '=HYPERLINK("http://x")', "sector": "food", "employees": "120", "ems_certified": "yes"},
    {"firm_id": "F2", "firm_name": "-minus", "sector": "+plus", "employees": "1 000", "enms": "Да", "energy_mwh": "12.5"},
    {"firm_id": "-5", "firm_name": "@at", "sector": "metal", "employees": "40", "cp_aware": "n/a", "water_m3": "n/a"},
    {"firm_id": "F4", "firm_name": "Tab\there", "sector": "", "employees": "7", "waste_t": "3,5", "ghg_tco2e": "about 3"},
    {"firm_id": "F5", "firm_name": " spaced ", "sector": "wood", "employees": "", "training": "maybe", "energy_mwh": "0"},
    {"firm_id": "F6", "firm_name": "Bell\x07", "sector": "wood", "employees": "9", "women_employees": "4"},
]
FLOWS = [
    {"firm": "=F1", "nace": "10.51", "direction": "output", "type": "waste", "material": "paper_packaging"},
    {"firm": "F2", "direction": "output", "type": "by_product", "material": "whey", "ewc": "02 05 01", "quantity": "5400"},
]
FLOWS[0].update(ewc="15 01 01", quantity="12.5", unit="t/yr", hazardous="no", quality="+baled", cost="0", plot="P-01")
FLOWS[1].update(unit="t/yr", hazardous="no")
ACTIONS = [
    {"id": "A1", "title_en": "Plan", "title_ru": "План", "requirements": "PM-P1", "actor": "park_management", "cost": "1500"},
]
ACTIONS[0].update(currency="EUR", support="advisory", priority="high", status="planned", evidence="=x\nMinutes")


def _answers(catalogue: Any) -> dict[str, Answer]:
    """Answer one park requirement of each kind, with evidence, comments and a not-applicable one."""
    park, survey = park_requirements(catalogue)
    out: dict[str, Answer] = {}
    for req in park + survey:
        kind = req.rule.kind
        if kind in {r.rule.kind for r in catalogue.requirements if r.id in out}:
            continue
        if kind == "yes_no":
            out[req.id] = Answer("partly", "yes", ("Decree 12", "=SUM(A1)"), "Checked\non site")
        elif kind == "document":
            out[req.id] = Answer({"date": dt.date(2019, 3, 1), "status": "draft"}, "2025-01", comment="+ under review")
        elif kind == "checklist":
            out[req.id] = Answer(["canteen"] if req.id == "SOC-03" else [], {}, ())
        else:
            out[req.id] = Answer(0.4 if kind == "tenant_share" else 12.5)
    na = next(r.id for r in park if r.rule.kind == "yes_no" and r.id not in out)
    out[na] = Answer(not_applicable="No such facility")
    return out


def _workbook(catalogue: Any, lang: str, path: Path) -> None:
    """Write the gold-sample workbook in ``lang``."""
    fill = Prefill(dt.date(2024, 5, 1), "A. Tester", 2027, _answers(catalogue), TENANTS, FLOWS, ACTIONS)
    save_workbook(build_workbook(SITE, catalogue, "2024", lang, fill), path)


def _style(cell: Any) -> tuple[Any, ...]:
    """Return what a person sees of a cell besides its value (each style object as its full parameter text)."""
    return (
        cell.number_format,
        *map(repr, (cell.font, cell.fill, cell.alignment, cell.protection, cell.border)),
        cell.quotePrefix,
    )


def _sheet(ws: Any) -> dict[str, Any]:
    """Describe a sheet: its settings, widths, validations and every cell with its style."""
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        for c in row:
            version = ws.title == META_SHEET and c.column == 2 and row[0].value == "tool_version"
            cells[c.coordinate] = ("(any tool version)" if version else c.value, c.data_type, _style(c))
    validations = sorted(
        (
            str(dv.sqref),
            dv.type,
            dv.operator,
            dv.formula1,
            dv.formula2,
            dv.allow_blank,
            dv.showErrorMessage,
            dv.showInputMessage,
            dv.error,
            dv.errorStyle,
            dv.prompt,
        )
        for dv in ws.data_validations.dataValidation
    )
    dims = {k: (d.width, d.customWidth, repr(d.protection), d.hidden) for k, d in ws.column_dimensions.items()}
    prot = ws.protection
    return {
        "state": ws.sheet_state,
        "freeze": ws.freeze_panes,
        "protection": (prot.sheet, prot.formatColumns, prot.formatRows, prot.insertRows, prot.deleteRows, prot.selectLockedCells),
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": dims,
        "validations": validations,
        "size": (ws.max_row, ws.max_column),
        "cells": cells,
    }


def describe(path: Path) -> dict[str, Any]:
    """Read a workbook with openpyxl: sheet order, the active sheet and each sheet described."""
    wb = openpyxl.load_workbook(path)
    return {"sheets": wb.sheetnames, "active": wb.active.title, **{ws.title: _sheet(ws) for ws in wb.worksheets}}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_workbook_identical_to_gold(catalogue: Any, tmp_path: Path, lang: str) -> None:
    gold = GOLD / f"questionnaire-{lang}.xlsx"
    new = tmp_path / "new.xlsx"
    _workbook(catalogue, lang, new)
    if REGOLD:
        gold.parent.mkdir(exist_ok=True)
        gold.write_bytes(new.read_bytes())
    want, got = describe(gold), describe(new)
    assert got["sheets"] == want["sheets"] and got["active"] == want["active"]
    for name in want["sheets"]:
        for key in ("state", "freeze", "protection", "merged", "widths", "validations", "size"):
            assert got[name][key] == want[name][key], (name, key)
        diff = {k: (v, got[name]["cells"].get(k)) for k, v in want[name]["cells"].items() if got[name]["cells"].get(k) != v}
        assert not diff, (name, list(diff.items())[:5])
        assert got[name]["cells"].keys() == want[name]["cells"].keys(), name
    tenants = got[want["sheets"][2]]["cells"]
    assert tenants["B3"][0] == '=HYPERLINK("http://x")' and tenants["B3"][2][-1] is True  # stored as quoted text
    assert tenants["D4"][0] == 1000 and tenants["A5"][0] == "-5" and tenants["B8"][0] == "Bell\\u0007"


def _import_result(catalogue: Any, path: Path) -> str:
    """Import a workbook; return its files, or its error messages, as one text."""
    site = SiteProfile(id="gold-park", name={"en": "Gold park"}, country="BY", operator={"en": "x"})
    try:
        got = read_workbook(path, site, catalogue)
    except InputError as exc:
        return "ERRORS\n" + "\n".join(str(p) for p in exc.problems).replace(str(path), "WORKBOOK") + "\n"
    warnings = "\n".join(str(p) for p in got.warnings).replace(str(path), "WORKBOOK")
    parts = [got.answers_yaml, got.tenants_csv or "", got.flows_csv or "", got.actions_yaml or "", warnings]
    return f"firms {got.firms} answered {got.answered}\n" + "\n----\n".join(parts) + "\n"


def _valid_tenants(ws: Any) -> None:
    """Make the sample's tenant rows valid: ids, numbers and yes/no a survey accepts, in both languages."""
    for coord, value in {"S7": "no", "D7": 5, "Y6": "n/a", "AA6": None, "Y3": " 1 000 ", "G3": "НЕТ", "E3": " Yes "}.items():
        ws[coord] = value


@pytest.mark.parametrize("case", ["valid", "invalid"])
def test_import_identical_to_gold(catalogue: Any, tmp_path: Path, case: str) -> None:
    path = tmp_path / "w.xlsx"
    _workbook(catalogue, "en", path)
    wb = openpyxl.load_workbook(path)
    ws = tenant_sheet(wb)
    if case == "valid":
        _valid_tenants(ws)
    else:  # every kind of tenant problem at once, on several rows
        ws.append(["F1", "Again", "food", "-3", "yes", "x", None, None, None, None, None, None, None, None, None, None, None])
        ws["T8"], ws["D8"] = 40, 9  # women_employees above employees
        ws["V3"], ws["W3"] = 10, 20  # renewable_mwh above energy_mwh
        ws["X4"] = "1e999"
    wb.save(path)
    text = _import_result(catalogue, path)
    gold = GOLD / f"import-{case}.txt"
    if REGOLD:
        gold.write_text(text, encoding="utf-8")
    assert text == gold.read_text(encoding="utf-8")
    assert text.startswith("firms 6" if case == "valid" else "ERRORS")
