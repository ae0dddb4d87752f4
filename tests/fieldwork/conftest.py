"""Fixtures of the field-work tests: a tiny site built in tmp_path, and helpers to read workbook cells."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from eipassess.catalogue import load_catalogue
from eipassess.cli.main import main
from eipassess.fieldwork.labels import INPUT_COLUMNS, column_key
from eipassess.fieldwork.layout import META_SHEET, read_meta
from eipassess.fieldwork.read import park_header_row, tenant_header_row

SITE = """\
id: test-park
name: {en: Test park, ru: Тестовый парк}
country: BY
operator: {en: Test operator}
tenants_total: 4
"""
ANSWERS = """\
date: 2021-07-15
assessor: A. Tester
intended_year: 2024
answers:
  PM-P1: yes
  ENV-10: {value: no, intended: 2023-01}
  SOC-03: {value: [canteen, transport], evidence: [site visit]}
"""
TENANTS = """\
firm_id,firm_name,sector,employees,shares_data,energy_mwh,renewable_mwh
F1,Alpha,food,100,yes,1000,50
F2,Beta,metal,50,no,2000,0
F3,Gamma,wood,20,,500,
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny site with one round (answers and a tenant survey), assessed against the built-in criteria."""
    folder = tmp_path / "site"
    rdir = folder / "rounds" / "2021-07"
    rdir.mkdir(parents=True)
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    (rdir / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (rdir / "tenants.csv").write_text(TENANTS, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def catalogue() -> Any:
    """The built-in catalogue the tiny site uses."""
    return load_catalogue("eip-v2")[0]


def pick(catalogue: Any, kind: str, levels: tuple[str, ...] = ("park", "both")) -> str:
    """Return the id of the first requirement of ``kind`` at one of ``levels``."""
    for req in catalogue.requirements:
        if req.rule.kind == kind and req.level in levels:
            return str(req.id)
    pytest.skip(f"no {kind} requirement at level {levels} in the catalogue")


def cli(capsys: Any, *args: Any) -> tuple[int, str, str]:
    """Run the command line and return (exit code, stdout, stderr)."""
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def park_sheet(wb: Any) -> Any:
    """Return the park sheet named in the metadata."""
    return wb[read_meta(wb[META_SHEET]).park_sheet]


def tenant_sheet(wb: Any) -> Any:
    """Return the tenant sheet named in the metadata."""
    return wb[read_meta(wb[META_SHEET]).tenant_sheet]


def columns(ws: Any, header: int) -> dict[str, int]:
    """Map park column keys to column numbers by header text."""
    return {k: c.column for c in ws[header] if (k := column_key(c.value))}


def find(ws: Any, ident: str, key: str) -> Any:
    """Return the park sheet cell of row ``ident`` (a requirement or 'ID/element') in column ``key``."""
    header = park_header_row(ws)
    cols = columns(ws, header)
    for row in range(header + 1, ws.max_row + 1):
        if ws.cell(row, cols["id"]).value == ident:
            return ws.cell(row, cols[key])
    raise KeyError(ident)


def answer_cells(path: Path) -> dict[tuple[str, ...], Any]:
    """Return every answer cell's value of a workbook, keyed by row id and column (not by address)."""
    wb = openpyxl.load_workbook(path)
    out: dict[tuple[str, ...], Any] = {}
    ws = park_sheet(wb)
    header = park_header_row(ws)
    for row in range(1, header):
        out[("round", str(ws.cell(row, 2).value))] = ws.cell(row, 3).value
    cols = columns(ws, header)
    for row in range(header + 1, ws.max_row + 1):
        ident = ws.cell(row, cols["id"]).value
        if ident:
            for key in INPUT_COLUMNS:
                out[(str(ident), key)] = ws.cell(row, cols[key]).value
    ts = tenant_sheet(wb)
    theader = tenant_header_row(ts)
    names = [c.value for c in ts[theader]]
    for row in ts.iter_rows(min_row=theader + 1, values_only=True):
        if any(v is not None for v in row):
            for name, value in zip(names, row):
                out[("tenant", str(row[0]), str(name))] = value
    return out


def write_answers(path: Path, text: str) -> None:
    """Write an answers.yaml from an indented literal."""
    path.write_text(textwrap.dedent(text), encoding="utf-8")
