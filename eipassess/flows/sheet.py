"""The "Flows" sheet of the questionnaire workbook: written pre-filled by ``template``, read back by ``import``."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..i18n import tables
from ..safetext import neutralise_row, sheet_text
from .read import COLUMNS, SHEET, Table, flows_path, read_sheet, read_table
from .records import DIRECTIONS, UNITS

HEADER_ROW = 2  # row 1: what each column holds (in the workbook's language), row 2: column ids, rows 3+: flows
FLOWS_FILE = "flows.csv"
HELP = tables("flows-sheet")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def flow_rows(rdir: Path) -> list[dict[str, str]]:
    """Return the round's flows file as text rows (empty when the round has none), for pre-filling."""
    path = flows_path(rdir)
    if path is None:
        return []
    return [dict(r.cells) for r in read_table(path).rows]


def write_head(ws: Any, columns: tuple[str, ...], texts: dict[str, str], wide: dict[str, int], lists: dict[str, Any]) -> None:
    """Write a sheet's help row (row 1) and column ids (row 2), column widths and list validations of rows 3+."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    head, wrap, bold = PatternFill("solid", fgColor="C9DAF8"), Alignment(wrap_text=True, vertical="top"), Font(bold=True)
    for col, name in enumerate(columns, start=1):
        top, cell = ws.cell(1, col, texts[name]), ws.cell(HEADER_ROW, col, name)
        top.fill = cell.fill = head
        top.alignment = wrap
        cell.font = bold
        ws.column_dimensions[get_column_letter(col)].width = wide.get(name, 14)
    for name, choices in lists.items():
        letter = get_column_letter(columns.index(name) + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        dv.add(f"{letter}{HEADER_ROW + 1}:{letter}5000")
        ws.add_data_validation(dv)


def write_sheet(wb: Any, lang: str, rows: list[dict[str, str]]) -> None:
    """Add the Flows sheet: a help row, the column ids, list validations, and any pre-filled rows."""
    ws = wb.create_sheet(SHEET)
    lists = {"direction": DIRECTIONS, "unit": UNITS, "hazardous": ("yes", "no")}
    write_head(ws, COLUMNS, HELP.get(lang, HELP["en"]), {"quality": 30, "type": 30}, lists)
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, name in enumerate(COLUMNS, start=1):
            value: Any = row.get(name, "")
            if name == "quantity" or (name == "cost" and value):
                try:
                    value = float(value)
                    value = int(value) if value.is_integer() else value
                except ValueError:
                    pass
            if value != "":
                ws.cell(r, col, sheet_text(value))  # formula-like text is made inert when the workbook is saved
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)


def _csv(rows: list[dict[str, str]]) -> str:
    """Render flow rows as flows.csv text (every column, in order)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(neutralise_row([row.get(c, "") for c in COLUMNS]))  # no live formula (safetext)
    return buf.getvalue()


def read_flows_sheet(wb: Any, path: str) -> tuple[str | None, list[Problem]]:
    """Read the Flows sheet back as flows.csv text (None when absent or empty) and every problem in its cells."""
    from .check import check_table
    from .data import builtin

    if SHEET not in wb.sheetnames:
        return None, []
    try:
        table: Table = read_sheet(wb[SHEET], path, HEADER_ROW)
    except InputError as exc:
        return None, exc.problems
    if not table.rows:
        return None, []
    try:
        check_table(table, builtin(), {}, {})  # cell checks; firms and plots are checked against the site by 'flows check'
    except InputError as exc:
        return None, exc.problems
    return _csv([dict(r.cells) for r in table.rows]), []
