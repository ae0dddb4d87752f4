"""Read a flows table (CSV or the "Flows" sheet of a workbook) as text cells that know where they are."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem, found_repr
from ..safetext import restore_cell

COLUMNS = (
    "firm",
    "nace",
    "direction",
    "type",
    "material",
    "ewc",
    "national_code",
    "quantity",
    "unit",
    "hazardous",
    "quality",
    "destination",
    "cost",
    "plot",
)
REQUIRED = ("firm", "direction", "type", "material", "quantity", "unit")
FLOW_NAMES = ("flows.csv", "flows.xlsx")
SHEET = "Flows"
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Row:
    """One data row: its cells as text, and where it is (a CSV line, or a sheet row)."""

    cells: dict[str, str]
    line: int | None = None
    sheet: str = ""
    row: int = 0
    letters: tuple[tuple[str, str], ...] = ()  # column name -> column letter (workbooks)


@dataclass
class Table:
    """A read flows table and the problems found, reported together."""

    path: str
    rows: list[Row]
    problems: list[Problem]

    def problem(self, row: Row, column: str, expected: str, found: Any = None, warning: bool = False) -> None:
        """Record a problem at a cell: file:line for CSV, file sheet!A5 for a workbook."""
        shown = "an empty cell" if found is None or str(found).strip() == "" else found_repr(found)
        if row.sheet:
            letter = dict(row.letters).get(column, "")
            where = f"{row.sheet}!{letter}{row.row} {column}" if letter else f"{row.sheet}!{row.row} {column}"
            self.problems.append(Problem(self.path, None, where, expected, shown, warning))
        else:
            self.problems.append(Problem(self.path, row.line, column, expected, shown, warning))


def _header(names: list[str], path: str, where: str) -> list[Problem]:
    """Check a header row: known columns, each once, the required ones present."""
    problems = []
    for name in names:
        if name and name not in COLUMNS:
            problems.append(
                Problem(path, 1 if not where else None, where or name, "a flows column: " + ", ".join(COLUMNS), repr(name))
            )
    for name in REQUIRED:
        if name not in names:
            problems.append(Problem(path, 1 if not where else None, where or name, f"a column {name!r}", "no such column"))
    for name in sorted({n for n in names if n and names.count(n) > 1}):
        problems.append(
            Problem(path, 1 if not where else None, where or name, "each column once", f"{names.count(name)} columns")
        )
    return problems


def read_csv_text(text: str, path: str) -> Table:
    """Parse flows CSV text; a bad header stops reading, bad rows are recorded."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in record):
                continue
            if header is None:
                header = [c.strip() for c in record]
                problems += _header(header, path, "")
                if problems:
                    raise InputError(problems)
                continue
            if len(record) != len(header):
                problems.append(Problem(path, line, "", f"{len(header)} cells as in the header", f"{len(record)} cells"))
            cells = dict(zip(header, (restore_cell(c.strip()) for c in record + [""] * len(header))))
            rows.append(Row(cells, line))
            if len(rows) > MAX_ROWS:
                raise InputError(Problem(path, line, "", f"at most {MAX_ROWS} flows", "more"))
    except csv.Error as exc:
        raise InputError(Problem(path, reader.line_num, "", "a well-formed CSV row", str(exc))) from None
    if header is None:
        raise InputError(Problem(path, 1, "", "a header row and one row per flow", "an empty file"))
    return Table(path, rows, problems)


def read_csv(path: Path) -> Table:
    """Read flows.csv (UTF-8, comma-separated)."""
    from ..limits import CSV_BYTES, read_bytes

    raw = read_bytes(path, CSV_BYTES)  # a regular file within the size limit
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(str(path), line, "", "UTF-8 text", f"byte 0x{raw[exc.start]:02x}")) from None
    return read_csv_text(text, str(path))


def cell_text(value: Any) -> str:
    """Render a workbook cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(ws: Any, path: str, header_row: int = 1) -> Table:
    """Read a worksheet whose ``header_row`` holds the column ids and whose later rows hold flows."""
    from ..xlsxread import column_letter as get_column_letter  # no openpyxl import on the reading path

    sheet = ws.title
    values = list(ws.iter_rows(min_row=header_row, values_only=True))
    if not values:
        raise InputError(Problem(path, None, sheet, "a header row of flow columns", "an empty sheet"))
    header = [cell_text(v) for v in values[0]]
    while header and not header[-1]:
        header.pop()
    problems = _header(header, path, f"{sheet}!{header_row}")
    if problems:
        raise InputError(problems)
    letters = tuple((name, get_column_letter(i + 1)) for i, name in enumerate(header) if name)
    rows = []
    for n, cells in enumerate(values[1:], start=header_row + 1):
        texts = [restore_cell(cell_text(v)) for v in cells[: len(header)]]
        if not any(texts):
            continue
        rows.append(Row(dict(zip(header, texts + [""] * len(header))), None, sheet, n, letters))
        if len(rows) > MAX_ROWS:
            raise InputError(Problem(path, None, f"{sheet}!{n}", f"at most {MAX_ROWS} flows", "more"))
    return Table(path, rows, [])


def read_xlsx(path: Path) -> Table:
    """Read the sheet named "Flows" (else the first sheet) of a flows workbook."""
    from ..xlsxread import open_workbook

    wb = open_workbook(path)  # within the limits; a claimed used range costs nothing
    if not wb.sheetnames:
        raise InputError(Problem(str(path), None, "", "a workbook with a sheet", "no sheet"))
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    return read_sheet(ws, str(path))


def flows_path(rdir: Path) -> Path | None:
    """Return the round's flows file (flows.csv, else flows.xlsx), or None."""
    from ..fsutil import site_file

    for name in FLOW_NAMES:
        path = site_file(rdir.parent.parent, rdir / name)  # a link out of the site, a device: refused
        if path is not None:
            return path
    return None


def read_table(path: Path) -> Table:
    """Read a flows file by its extension."""
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    return read_csv(path)
