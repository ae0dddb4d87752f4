"""Read the park questionnaire sheet: the round fields and one answer per requirement, every bad cell named."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..engine.kinds.checklist import item_ids
from ..engine.kinds.yes_no import normalise
from ..errors import found_repr
from ..model import Catalogue, Requirement
from ..site.domain import check_answer
from . import labels as L
from .convert import CellError, number_cell, read_answer, read_items
from .read import Book, map_columns, merged_over


@dataclass
class ParkAnswers:
    """What the park sheet holds: round fields and answers in answers.yaml form, in catalogue order."""

    date: dt.date | None = None
    assessor: str | None = None
    intended_year: int | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_round_fields(book: Book, ws: Any, header: int, out: ParkAnswers) -> None:
    """Read the assessment date, assessor and intended year from the labelled cells above the header."""
    cells: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1, max_row=header - 1):
        for cell in row:
            key = L.label_key(cell.value) if isinstance(cell.value, str) else None
            if key:
                cells[key] = ws.cell(cell.row, cell.column + 1)
    for key in ("date", "assessor"):
        if key not in cells:
            book.problem(
                ws.title, "", key, f"the labelled cell {L.word(book.meta.lang, key)!r} above the header", "no such label"
            )
    date = cells.get("date")
    if date is not None:
        value = date.value
        try:
            out.date = value.date() if isinstance(value, dt.datetime) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            book.bad(date, "date", "the assessment date (YYYY-MM-DD)")
        if out.date is not None and out.date > dt.date.today():
            book.bad(date, "date", "an assessment date not in the future")
            out.date = None
    who = cells.get("assessor")
    if who is not None:
        if _blank(who.value):
            book.bad(who, "assessor", "the assessor's name")
        else:
            out.assessor = str(who.value).strip()
    year = cells.get("intended_year")
    if year is not None and not _blank(year.value):
        try:
            num, _ = number_cell(year.value)
            if num is None or int(num) != num or not 2000 <= num <= 2100:
                raise CellError("a year")
            out.intended_year = int(num)
        except CellError:
            book.bad(year, "intended_year", "the year of the intended values (2000-2100)")


def read_park(book: Book, ws: Any, header: int, catalogue: Catalogue) -> ParkAnswers:
    """Read every requirement row of the park sheet into answers, recording each bad cell in ``book``."""
    out = ParkAnswers()
    read_round_fields(book, ws, header, out)
    cols = map_columns(book, ws, header, book.meta.park_columns, L.column_key, ("id", *L.INPUT_COLUMNS))
    inputs = {cols[k] for k in L.INPUT_COLUMNS if k in cols}
    merged_over(book, ws, header + 1, inputs, "answer cells")
    if "id" not in cols or any(k not in cols for k in L.INPUT_COLUMNS):
        return out
    known = {r.id: r for r in catalogue.requirements}
    rows: dict[str, dict[str, Any]] = {}
    items: dict[str, dict[str, tuple[Any, Any]]] = {}
    seen: dict[str, int] = {}
    for row in ws.iter_rows(min_row=header + 1, max_row=ws.max_row):
        byk = {k: row[c - 1] if c - 1 < len(row) else ws.cell(row[0].row, c) for k, c in cols.items()}
        ident = byk["id"].value
        if _blank(ident):
            filled = [byk[k] for k in L.INPUT_COLUMNS if not _blank(byk[k].value)]
            if filled:
                book.bad(filled[0], "", "a requirement id in this row's ID cell (rows added by hand are not read)")
            continue
        rid, _, iid = str(ident).strip().partition("/")
        req = known.get(rid)
        if req is None:
            book.bad(byk["id"], rid, "a requirement id of the criteria in use")
            continue
        if iid and iid not in item_ids(req.rule):
            book.bad(byk["id"], rid, "an element id of this checklist: " + ", ".join(item_ids(req.rule)))
            continue
        if str(ident).strip() in seen:
            book.bad(byk["id"], rid, f"each requirement once (also on row {seen[str(ident).strip()]})")
            continue
        seen[str(ident).strip()] = row[0].row
        for key in _unused(req.rule.kind, bool(iid)):
            if not _blank(byk[key].value):
                book.bad(byk[key], str(ident).strip(), "nothing in this cell: " + _why(key))
        if iid:
            items.setdefault(rid, {})[iid] = (byk["answer"], byk["intended"])
        else:
            rows[rid] = byk
    exported = {rid for rid, _ in book.meta.rows.values()}
    for rid in (r for r in known if r not in rows):
        what = "row deleted" if rid in exported else "not in this workbook (the criteria changed since it was made)"
        book.problem(ws.title, "", rid, "a row for every requirement", f"{what}: no answer read", True)
    for req in catalogue.requirements:
        if req.id in rows:
            answer = _answer(book, req, rows[req.id], items.get(req.id, {}), out.date)
            if answer:
                out.answers[req.id] = answer
    return out


def _why(key: str) -> str:
    """Say where a value typed into a cell that should stay blank belongs."""
    if key in ("status", "intended_status"):
        return "a document status only on a document's row"
    if key in ("answer", "intended"):
        return "a checklist is answered yes or no on each element's row below"
    if key in ("evidence", "comment"):
        return "evidence and comments on the checklist's own row"
    return "not applicable chosen on the checklist's own row"


def _unused(kind: str, element: bool) -> tuple[str, ...]:
    """Return the input columns a row of this kind leaves blank (locked in the generated workbook)."""
    if element:
        return ("status", "intended_status", "evidence", "comment", "not_applicable", "justification")
    if kind == "checklist":
        return ("answer", "status", "intended", "intended_status")
    return () if kind == "document" else ("status", "intended_status")


def _answer(
    book: Book, req: Requirement, cells: dict[str, Any], items: dict[str, tuple[Any, Any]], on: dt.date | None
) -> dict[str, Any]:
    """Build one answer (only the fields given) from its row and element rows."""
    out: dict[str, Any] = {}
    if req.rule.kind == "checklist":
        for n, field_ in enumerate(("value", "intended")):
            value, bad = read_items(req, {iid: pair[n].value for iid, pair in items.items()})
            for iid, expected in bad.items():
                book.bad(items[iid][n], f"{req.id}/{iid}", expected)
            if value is not None:
                out[field_] = value
    else:
        for field_, key, status, today in (
            ("value", "answer", "status", on or dt.date.today()),
            ("intended", "intended", "intended_status", None),
        ):
            try:
                value, texted = read_answer(req, cells[key].value, cells[status].value, today)
            except CellError as exc:
                book.bad(cells[key], req.id, exc.expected)
                continue
            if texted:
                book.problem(
                    cells[key].parent.title,
                    cells[key].coordinate,
                    req.id,
                    "a number cell",
                    f"text {found_repr(cells[key].value)} (read as {value})",
                    True,
                )
            wrong = None if value is None else check_answer(req, field_, value, on or dt.date.today())
            if wrong:  # the same domain checks as answers.yaml, named by the cell
                book.bad(cells[key], req.id, wrong[0])
                continue
            if value is not None:
                out[field_] = value
    evidence = cells["evidence"].value
    if not _blank(evidence):
        out["evidence"] = [line.strip() for line in str(evidence).splitlines() if line.strip()]
    if not _blank(cells["comment"].value):
        out["comment"] = str(cells["comment"].value).strip()
    na, why = cells["not_applicable"].value, cells["justification"].value
    chosen = normalise(na) if not _blank(na) else "no"
    if chosen not in ("yes", "no"):
        book.bad(cells["not_applicable"], req.id, "yes (да) or blank")
    elif chosen == "yes" and _blank(why):
        book.bad(cells["justification"], req.id, "a written justification for not applicable")
    elif chosen == "no" and not _blank(why):
        book.bad(cells["not_applicable"], req.id, "'yes' in this cell beside the justification of not applicable")
    elif chosen == "yes":
        out["not_applicable"] = str(why).strip()
    return out
