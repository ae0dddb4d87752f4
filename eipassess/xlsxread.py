"""Read .xlsx workbooks within the limits, through python-calamine, as small read-only sheets.

Before anything is parsed, the zip's parts are counted and their declared sizes summed, and each sheet's
XML is streamed once to find its last cell holding a value: a workbook over a limit, or a stray cell far
below the data, is refused naming the sheet and cell, so a claimed used range cannot cost memory.
The sheets offer the small part of openpyxl's reading interface the tool uses (``iter_rows``, ``cell``,
``ws[row]``, ``merged_cells.ranges``, ``max_row``); openpyxl stays the writer.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import limits
from .errors import InputError, Problem

EXPECTED = "an Excel workbook (.xlsx)"
CHUNK = 1 << 20
# What a damaged zip raises while its parts are listed or inflated.
DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError, KeyError)
# A cell holding something: <c r="B7" ...> not closed at once (a styled empty cell is <c r="B7" s="1"/>).
# The fast pattern takes the reference as the first attribute, as Excel, LibreOffice and openpyxl write it;
# a sheet with any other cell tag is scanned with the general pattern and the row tags.
VALUED_CELL_FAST = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')
VALUED_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')
OTHER_CELL = re.compile(rb'<c(?:>|\s(?!r="))')
# A cell without its reference (allowed: it follows the previous one) and a row holding cells.
UNREFERENCED_CELL = re.compile(rb'<c(?=[\s>])(?:(?!\br=")[^>])*(?<!/)>')
ROW_WITH_CELLS = re.compile(rb'<row\s[^>]*?\br="([0-9]{1,7})"[^>]*?(?<!/)>')
SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
ATTR = re.compile(rb'([\w:]+)="([^"]*)"')


def column_letter(column: int) -> str:
    """Return the letters of a 1-based column number (1 -> A, 28 -> AB)."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """Return the 1-based column number of letters such as ``AB``."""
    out = 0
    for char in letters:
        out = out * 26 + ord(char) - 64
    return out


@dataclass(frozen=True)
class MergedRange:
    """A merged range of cells, 1-based and inclusive, as openpyxl names its bounds."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def coord(self) -> str:
        """Return the range as ``A1:B2``."""
        return f"{column_letter(self.min_col)}{self.min_row}:{column_letter(self.max_col)}{self.max_row}"


@dataclass(frozen=True)
class MergedCells:
    """The merged ranges of a sheet."""

    ranges: tuple[MergedRange, ...] = ()


class Cell:
    """One cell: its value, row, column and sheet."""

    __slots__ = ("parent", "row", "column", "value")

    def __init__(self, parent: Sheet, row: int, column: int, value: Any) -> None:
        self.parent, self.row, self.column, self.value = parent, row, column, value

    @property
    def coordinate(self) -> str:
        """Return the cell's reference such as ``B7``."""
        return f"{column_letter(self.column)}{self.row}"


@dataclass
class Sheet:
    """A sheet's values by row (1-based), with its merged ranges."""

    title: str
    rows: list[list[Any]]
    merged_cells: MergedCells = field(default_factory=MergedCells)

    @property
    def max_row(self) -> int:
        """Return the last row number (at least 1)."""
        return max(len(self.rows), 1)

    @property
    def max_column(self) -> int:
        """Return the last column number (at least 1)."""
        return max((len(r) for r in self.rows), default=1) or 1

    def value(self, row: int, column: int) -> Any:
        """Return the value at ``row``, ``column`` (None when empty or outside the sheet)."""
        if 0 < row <= len(self.rows):
            values = self.rows[row - 1]
            if 0 < column <= len(values):
                return values[column - 1]
        return None

    def cell(self, row: int, column: int) -> Cell:
        """Return the cell at ``row``, ``column``."""
        return Cell(self, row, column, self.value(row, column))

    def __getitem__(self, row: int) -> tuple[Cell, ...]:
        """Return the cells of ``row`` from column A to the last column."""
        return tuple(self.cell(row, c) for c in range(1, self.max_column + 1))

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, values_only: bool = False) -> Iterator[tuple[Any, ...]]:
        """Yield rows from ``min_row`` to ``max_row`` as cells, or as values when ``values_only``."""
        width = self.max_column
        for row in range(min_row, (self.max_row if max_row is None else max_row) + 1):
            if values_only:
                values = self.rows[row - 1] if row <= len(self.rows) else []
                yield tuple(values) + (None,) * (width - len(values))
            else:
                yield self[row]


class Workbook:
    """An opened workbook: sheet names in order, each sheet read when first asked for."""

    def __init__(self, path: Path, book: Any, names: list[str]) -> None:
        self.path, self._book, self.sheetnames = path, book, names
        self._sheets: dict[str, Sheet] = {}

    def __getitem__(self, name: str) -> Sheet:
        """Return the sheet named ``name``."""
        if name not in self._sheets:
            self._sheets[name] = _read_sheet(self.path, self._book, name)
        return self._sheets[name]

    @property
    def worksheets(self) -> list[Sheet]:
        """Return every sheet in order."""
        return [self[name] for name in self.sheetnames]


def _printable(exc: BaseException) -> str:
    """Return an error's message, short and without control characters (it may quote names from the file)."""
    text = f"{type(exc).__name__}: {exc}"
    return "".join(c if c.isprintable() else "?" for c in text)[:160]


def _value(value: Any) -> Any:
    """Convert a calamine value to what openpyxl reads: None for empty, whole numbers as int, dates as datetime."""
    if value == "" and isinstance(value, str):
        return None
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if type(value) is dt.date:
        return dt.datetime(value.year, value.month, value.day)
    return value


def _read_sheet(path: Path, book: Any, name: str) -> Sheet:
    """Read one sheet's values (the zip was checked and the sheet's extent is within the limits)."""
    try:
        raw = book.get_sheet_by_name(name)
        first_col = raw.start[1] if raw.start else 0
        pad = [None] * first_col
        rows = [pad + [_value(v) for v in row] for row in raw.iter_rows()]
        merged = tuple(MergedRange(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in raw.merged_cell_ranges or ())
    except BaseException as exc:  # calamine raises its own kinds, a Rust panic included, for a damaged sheet
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise InputError(
            Problem(str(path), None, f"sheet {name!r}", EXPECTED, f"an unreadable sheet ({_printable(exc)})")
        ) from None
    while rows and not any(v is not None for v in rows[-1]):
        rows.pop()
    return Sheet(name, rows, MergedCells(merged))


def _attrs(tag: bytes) -> dict[str, str]:
    """Return the attributes of one XML start tag, namespace prefixes dropped."""
    return {k.decode().rpartition(":")[2]: html.unescape(v.decode("utf-8", "replace")) for k, v in ATTR.findall(tag)}


def _sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Return (sheet name, zip part) for every sheet of the workbook, in order."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return []
    targets = {}
    for tag in REL_TAG.findall(rels):
        a = _attrs(tag)
        target = a.get("Target", "")
        targets[a.get("Id", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    out = []
    for tag in SHEET_TAG.findall(book):
        a = _attrs(tag)
        name = "".join(c if c.isprintable() else "?" for c in a.get("name", ""))  # it is printed in messages
        out.append((name, targets.get(a.get("id", ""), "")))
    return out


def _extent(zf: zipfile.ZipFile, part: str) -> tuple[int, int, str]:
    """Stream a sheet's XML once; return the last row and column holding a value and the cell at the last row."""
    last_row = last_col = 0
    where = ""
    tail = b""
    with zf.open(part) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            unusual = OTHER_CELL.search(data) is not None
            found = (VALUED_CELL if unusual else VALUED_CELL_FAST).findall(data)
            if found:
                top = max(map(int, (digits for _, digits in found)))
                if top > last_row:
                    last_row = top
                    where = next(letters for letters, digits in found if int(digits) == top).decode() + str(top)
                last_col = max(last_col, max(column_number(letters.decode()) for letters in {m[0] for m in found}))
            if unusual and UNREFERENCED_CELL.search(data):  # such a cell is in its row: count the rows holding cells
                rows = [int(r) for r in ROW_WITH_CELLS.findall(data)]
                if rows and max(rows) > last_row:
                    last_row = max(rows)
                    where = f"A{last_row}"
            cut = data.rfind(b"<")
            tail = data[cut:] if cut >= 0 and len(data) - cut < CHUNK else b""  # a tag cut by the chunk border
    return last_row, last_col, where


def _check_zip(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts, sizes, sheets or sheet extents are over the limits."""
    members = zf.infolist()
    if len(members) > limits.XLSX_MEMBERS.value():
        raise limits.refuse(path, limits.XLSX_MEMBERS, f"{len(members):,} parts")
    inflated = sum(m.file_size for m in members)
    if inflated > limits.XLSX_INFLATED.value():
        raise limits.refuse(path, limits.XLSX_INFLATED, f"{inflated:,} bytes uncompressed")
    parts = _sheet_parts(zf)
    if len(parts) > limits.XLSX_SHEETS.value():
        raise limits.refuse(path, limits.XLSX_SHEETS, f"{len(parts)} sheets")
    names = set(zf.namelist())
    for name, part in parts:
        if part not in names:
            continue
        rows, cols, where = _extent(zf, part)
        if rows > limits.XLSX_ROWS.value():
            found = f"a value in row {rows:,} (delete stray cells below the data)"
            raise limits.refuse(path, limits.XLSX_ROWS, found, field=f"{name}!{where}")
        if cols > limits.XLSX_COLUMNS.value():
            raise limits.refuse(path, limits.XLSX_COLUMNS, f"a value in column {column_letter(cols)}", field=name)
        if rows * cols > limits.XLSX_CELLS.value():
            found = f"{rows:,} rows by {cols:,} columns (last value at {where})"
            raise limits.refuse(path, limits.XLSX_CELLS, found, field=name)


def open_workbook(path: Path) -> Workbook:
    """Check a workbook against the limits and open it; raise InputError naming the file (and sheet, cell)."""
    limits.check_size(path, limits.XLSX_BYTES)
    try:
        zf = zipfile.ZipFile(path)
    except DAMAGED as exc:
        raise InputError(Problem(str(path), None, "", EXPECTED, f"not a workbook ({type(exc).__name__})")) from None
    try:
        with zf:
            _check_zip(path, zf)
    except DAMAGED as exc:
        raise InputError(Problem(str(path), None, "", EXPECTED, f"a damaged workbook ({_printable(exc)})")) from None
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except BaseException as exc:  # calamine raises its own kinds, a Rust panic included, for a damaged file
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise InputError(Problem(str(path), None, "", EXPECTED, f"not a workbook ({type(exc).__name__})")) from None
    return Workbook(path, book, list(book.sheet_names))
