"""Open a returned workbook and find its sheets, header rows and columns, even when renamed or reordered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, found_repr
from ..xlsxread import column_letter, open_workbook
from . import labels as L
from .layout import FORMAT, META_SHEET, Meta, read_meta


@dataclass
class Book:
    """An opened workbook with the problems found so far, reported all at once at the end."""

    path: str
    wb: Any
    meta: Meta
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, coord: str, what: str, expected: str, found: str = "", warning: bool = False) -> None:
        """Record a problem at ``sheet!coord`` about ``what`` (a requirement id or column)."""
        where = f"{sheet}!{coord}" if coord else sheet
        self.problems.append(Problem(self.path, None, f"{where} {what}".strip(), expected, found, warning))

    def bad(self, cell: Any, what: str, expected: str, warning: bool = False) -> None:
        """Record a problem with the value of ``cell`` as found."""
        found = "an empty cell" if cell.value is None or str(cell.value).strip() == "" else found_repr(cell.value)
        self.problem(cell.parent.title, cell.coordinate, what, expected, found, warning)


def open_book(path: Path) -> Book:
    """Open ``path`` and read its metadata sheet; raise InputError if it is not our workbook."""
    if not path.exists():
        raise InputError(Problem(str(path), None, "", "an existing .xlsx file", "no such file"))
    wb = open_workbook(path)  # a regular file within the limits, read through python-calamine
    ws = wb[META_SHEET] if META_SHEET in wb.sheetnames else None
    if ws is None:  # a renamed metadata sheet is still recognised by its first row
        ws = next((s for s in wb.worksheets if s.cell(1, 1).value == "format" and s.cell(1, 2).value == FORMAT), None)
    meta = read_meta(ws) if ws is not None else None
    if meta is None:
        raise InputError(
            Problem(str(path), None, "", f"a workbook written by 'eipassess template' (hidden sheet {META_SHEET})", "none")
        )
    return Book(str(path), wb, meta)


def find_sheet(book: Book, name: str, is_it: Callable[[Any], int | None], label: str) -> tuple[Any, int] | None:
    """Find a sheet by its generated name or, when renamed, by its header row; return it and the header row."""
    if name in book.wb.sheetnames:
        ws = book.wb[name]
        row = is_it(ws)
        if row is not None:
            return ws, row
    for ws in book.wb.worksheets:
        if ws.title == name or ws.title == META_SHEET:
            continue
        row = is_it(ws)
        if row is not None:
            book.problem(
                ws.title, "", "", f"the {label} sheet named {name!r}", f"sheet renamed to {ws.title!r} (read anyway)", True
            )
            return ws, row
    book.problem(name, "", "", f"the {label} sheet", "no sheet with its header row")
    return None


def park_header_row(ws: Any) -> int | None:
    """Return the row holding the park sheet's column headers (ID and Answer), if any."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        keys = {L.column_key(c.value) for c in row if isinstance(c.value, str)}
        if "id" in keys and "answer" in keys:
            return row[0].row
    return None


def tenant_header_row(ws: Any) -> int | None:
    """Return the row holding the tenant survey's column ids (with firm_id), if any."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        if any(isinstance(c.value, str) and c.value.strip() == "firm_id" for c in row):
            return row[0].row
    return None


def map_columns(
    book: Book, ws: Any, header: int, expected: list[str], to_key: Callable[[Any], str | None], needed: tuple[str, ...]
) -> dict[str, int]:
    """Map column keys to column numbers by header text; note reordered, duplicated and missing columns."""
    found: dict[str, int] = {}
    for cell in ws[header]:
        key = to_key(cell.value)
        if key is None:
            continue
        if key in found:
            book.problem(
                ws.title, cell.coordinate, key, "each column once", f"column {key!r} also in {column_letter(found[key])}"
            )
        else:
            found[key] = cell.column
    for key in needed:
        if key not in found:
            book.problem(ws.title, f"{header}:{header}", key, f"a column {key!r}", "column missing (deleted or renamed)")
    order = [k for k in sorted(found, key=found.__getitem__) if k in expected]
    if order != [k for k in expected if k in found]:
        book.problem(
            ws.title, f"{header}:{header}", "", "the columns in their generated order", "columns reordered (read by header)", True
        )
    return found


def merged_over(book: Book, ws: Any, first_row: int, columns: set[int], what: str) -> None:
    """Report merged ranges that cover answer cells below ``first_row`` in ``columns``."""
    for rng in ws.merged_cells.ranges:
        if rng.max_row < first_row:
            continue
        if any(rng.min_col <= c <= rng.max_col for c in columns):
            book.problem(ws.title, rng.coord, what, "one value per cell (unmerge these cells)", "merged cells")


def cell_text(value: Any) -> str:
    """Render a cell as the text a CSV would hold (whole floats without '.0', dates as ISO)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()
