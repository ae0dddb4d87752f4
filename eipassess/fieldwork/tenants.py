"""Read the tenant survey sheet and check it with the survey reader's own validation, cell by cell."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import InputError, found_repr
from ..model import Catalogue
from ..site.survey import CORE, NO, NOT_RELEVANT, YES, validate_frame
from .read import Book, cell_text, map_columns, merged_over


def read_tenants(book: Book, ws: Any, header: int, catalogue: Catalogue) -> tuple[list[str], list[list[str]]]:
    """Return the survey's columns and its firm rows as text (blank rows skipped); bad cells go to ``book``."""
    import pandas as pd

    from ..xlsxread import column_letter as get_column_letter  # no openpyxl import on the reading path

    expected = book.meta.tenant_columns or [*CORE, *(i.id for i in catalogue.indicators)]
    known = set(expected) | set(CORE) | {i.id for i in catalogue.indicators}

    def key(value: Any) -> str | None:
        text = cell_text(value)
        return text if text in known else None

    before = len(book.problems)
    cols = map_columns(book, ws, header, expected, key, ())
    for cell in ws[header]:
        if cell_text(cell.value) and key(cell.value) is None:
            book.bad(cell, "header", "a survey column id: " + ", ".join(expected))
    merged_over(book, ws, header + 1, set(range(1, ws.max_column + 1)), "survey cells")
    if any(not p.warning for p in book.problems[before:]):
        return [], []
    names = sorted(cols, key=cols.__getitem__)
    body: list[list[str]] = []
    rows: list[int] = []
    for number, row in enumerate(ws.iter_rows(min_row=header + 1, max_row=ws.max_row, values_only=True), start=header + 1):
        texts = [cell_text(row[cols[n] - 1]) if cols[n] - 1 < len(row) else "" for n in names]
        if any(texts):  # blank rows between firms are skipped
            body.append(texts)
            rows.append(number)
    if not body:
        return names, []
    frame = pd.DataFrame(body, columns=names, dtype=str)
    try:
        validate_frame(frame, book.path, 2, catalogue.indicators)
    except InputError as exc:
        for p in exc.problems:
            col = cols.get(p.field)
            letter = get_column_letter(col) if col else ""
            row = header if p.line in (None, 1) else rows[(p.line or 2) - 2]
            found = re.sub(r"row (\d+)", lambda m: f"row {rows[int(m.group(1)) - 2]}", p.found)  # file line -> sheet row
            book.problem(ws.title, f"{letter}{row}" if letter else str(row), p.field, p.expected, found)
        return names, []  # nothing to convert: the import stops with these problems
    if not _distinct_when_saved(book, ws, [row[names.index("firm_id")] for row in body], rows, cols["firm_id"]):
        return names, []
    return names, body


def _distinct_when_saved(book: Book, ws: Any, ids: list[str], rows: list[int], column: int) -> bool:
    """Tell whether the firm ids stay distinct in the CSV, where formula-like text gets an apostrophe; record those that do not."""
    from ..safetext import neutralise_cell
    from ..xlsxread import column_letter

    seen: dict[str, int] = {}
    fine = True
    for fid, row in zip(ids, rows):
        saved = neutralise_cell(fid.strip())
        if saved in seen:
            expected = "each firm once (text starting with = + - @ is saved with a leading apostrophe)"
            book.problem(
                ws.title,
                f"{column_letter(column)}{row}",
                "firm_id",
                expected,
                f"{found_repr(fid)}, the same as row {seen[saved]} once saved",
            )
            fine = False
        seen.setdefault(saved, row)
    return fine


def canonical(names: list[str], body: list[list[str]], catalogue: Catalogue) -> tuple[list[str], list[list[str]]]:
    """Return validated survey rows with yes/no as 'yes'/'no' and numbers in plain form, columns in framework order."""
    kinds = {i.id: i.type for i in catalogue.indicators}
    order = [c for c in (*CORE, *(i.id for i in catalogue.indicators)) if c in names]
    index = [names.index(c) for c in order]
    convert = [_converter(kinds.get(col), col == "employees") for col in order]
    return order, [[f(row[i]) for i, f in zip(index, convert)] for row in body]


def _converter(kind: str | None, staff: bool) -> Callable[[str], str]:
    """Return the cell conversion of one column, each distinct text converted once."""
    seen: dict[str, str] = {}

    def convert(cell: str) -> str:
        out = seen.get(cell)
        if out is None:
            out = seen[cell] = _convert(cell.strip(), kind, staff)
        return out

    return convert


def _convert(text: str, kind: str | None, staff: bool) -> str:
    """Convert one stripped cell as the survey reader reads it: n/a, yes/no, or a number in plain form."""
    low = text.lower()
    if low in NOT_RELEVANT and kind is not None:
        return "n/a"
    if kind == "yes_no" and text:
        return "yes" if low in YES else "no" if low in NO else text
    if (kind == "number" or staff) and text:
        number = text.replace("\u00a0", "").replace(" ", "")  # as the survey reader parses it
        return "n/a" if kind is not None and number.lower() in NOT_RELEVANT else _plain(float(number))
    return text


def _plain(num: float | int | None) -> str:
    """Render a number without a trailing '.0'."""
    if num is None:
        return ""
    if isinstance(num, float) and num.is_integer():
        return str(int(num))
    return repr(num) if isinstance(num, float) else str(num)
