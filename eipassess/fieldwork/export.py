"""Write the questionnaire workbook (park sheet, tenant survey, instructions, hidden metadata) with openpyxl."""

from __future__ import annotations

from copy import copy
from typing import Any

from .. import __version__
from ..engine.kinds.checklist import item_ids
from ..flows.sheet import write_sheet as write_flows_sheet
from ..model import Catalogue, Requirement, SiteProfile, tr
from ..safetext import sheet_text
from . import labels as L
from .actions_sheet import write_sheet as write_actions_sheet
from .convert import answer_cells, item_cells, number_from_text
from .layout import META_SHEET, PARK_HEADER_ROW, ROUND_FIELD_ROWS, TENANT_HEADER_ROW, Meta
from .prefill import Prefill
from .validation import Validations

WIDTHS = {"id": 12, "requirement": 40, "question": 50, "guidance": 45, "unit": 12, "expected": 28, "answer": 16}
WIDE_INPUT = {"evidence": 36, "comment": 36, "justification": 36}


def park_requirements(catalogue: Catalogue) -> tuple[list[Requirement], list[Requirement]]:
    """Split the requirements into those the park answers and those the tenant survey answers."""
    park = [r for r in catalogue.requirements if r.level in ("park", "both")]
    survey = [r for r in catalogue.requirements if r.level not in ("park", "both")]
    return park, survey


class _Styles:
    """The few cell styles of the workbook, created once."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        self.locked = Protection(locked=True)
        self.unlocked = Protection(locked=False)
        self.grey = PatternFill("solid", fgColor="EEEEEE")
        self.head = PatternFill("solid", fgColor="C9DAF8")
        self.section = PatternFill("solid", fgColor="FFF2CC")
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")


def style_array(ws: Any, **styles: Any) -> Any:
    """Return the style array of a cell given ``styles`` (font=, fill=, alignment=, protection=...), for many cells.

    A cell made with ``Cell(ws, style_array=...)`` or given a copy as ``_style`` (as openpyxl's own worksheet
    copier does) has exactly those styles; setting them one by one would look each one up again per cell.
    """
    from openpyxl.cell import Cell

    probe = Cell(ws)
    for name, value in styles.items():
        setattr(probe, name, value)
    return probe._style


def expected_texts(req: Requirement, lang: str) -> tuple[str, str]:
    """Return the unit and the expected-answer text of a requirement."""
    kind = req.rule.kind
    if kind == "yes_no":
        return "", L.word(lang, "x_yes_no")
    if kind == "threshold":
        unit = str(req.rule.settings.get("unit", ""))
        return unit, L.word(lang, "x_number") + (f" ({unit})" if unit else "")
    if kind == "tenant_share":
        return L.word(lang, "u_share"), L.word(lang, "x_share")
    if kind == "document":
        return L.word(lang, "u_date"), L.word(lang, "x_document")
    return "", L.word(lang, "x_checklist")


def _guidance(req: Requirement, lang: str) -> str:
    """Join the guidance and the typical evidence of a requirement."""
    parts = [tr(req.guidance, lang)]
    parts += ["• " + tr(e, lang) for e in req.evidence]
    return "\n".join(p for p in parts if p)


class _ParkWriter:
    """Fills the park sheet row by row and records each row's requirement in the metadata."""

    def __init__(self, ws: Any, lang: str, meta: Meta, st: _Styles) -> None:
        self.ws, self.lang, self.meta, self.st = ws, lang, meta, st
        self.cols = {k: i + 1 for i, k in enumerate(meta.park_columns)}
        self.dv = Validations(ws, lang)
        self.row = PARK_HEADER_ROW + 1
        self.input = style_array(ws, alignment=st.wrap, protection=st.unlocked)
        self.fixed = style_array(ws, alignment=st.wrap, fill=st.grey)

    def _cell(self, key: str, value: Any, editable: bool, check: str | None = None) -> None:
        cell = self.ws.cell(self.row, self.cols[key])
        cell._style = copy(self.input if editable else self.fixed)
        cell.value = sheet_text(value)  # after the style: a date sets its number format
        if editable and check:
            self.dv.add(check, cell.coordinate)

    def section(self, text: str) -> None:
        """Write a section heading row (no requirement)."""
        for key in self.cols:
            self.ws.cell(self.row, self.cols[key]).fill = self.st.section
        self.ws.cell(self.row, self.cols["requirement"], sheet_text(text)).font = self.st.bold
        self.row += 1

    def requirement(self, req: Requirement, answer: Any) -> None:
        """Write one requirement's row, and one row per element for a checklist."""
        lang, kind = self.lang, req.rule.kind
        unit, expected = expected_texts(req, lang)
        self.meta.rows[self.row] = (req.id, "")
        check = {"yes_no": "yes_no", "threshold": "number", "tenant_share": "share", "document": "document"}.get(kind)
        now, now_status = answer_cells(req, answer.value, lang) if answer else (None, None)
        then, then_status = answer_cells(req, answer.intended, lang) if answer else (None, None)
        fixed = {"id": req.id, "requirement": tr(req.title, lang), "question": tr(req.description, lang)}
        fixed.update(guidance=_guidance(req, lang), unit=unit, expected=expected)
        for key, value in fixed.items():
            self._cell(key, value, False)
        self.ws.cell(self.row, self.cols["id"]).font = self.st.bold
        self._cell("answer", now, check is not None, check)
        self._cell("intended", then, check is not None, check)
        doc = kind == "document"
        self._cell("status", now_status, doc, "status" if doc else None)
        self._cell("intended_status", then_status, doc, "status" if doc else None)
        self._cell("evidence", "\n".join(answer.evidence) if answer and answer.evidence else None, True)
        self._cell("comment", answer.comment or None if answer else None, True)
        na = answer.not_applicable if answer else None
        self._cell("not_applicable", L.word(lang, "yes") if na else None, True, "na")
        self._cell("justification", na, True)
        self.row += 1
        if kind == "checklist":
            self._items(req, answer)

    def _items(self, req: Requirement, answer: Any) -> None:
        now = item_cells(req, answer.value, self.lang) if answer else {}
        then = item_cells(req, answer.intended, self.lang) if answer else {}
        titles = {str(i["id"]): i.get("title") for i in req.rule.settings.get("items", [])}
        for iid in item_ids(req.rule):
            self.meta.rows[self.row] = (req.id, iid)
            self._cell("id", f"{req.id}/{iid}", False)
            self._cell("requirement", "    • " + tr(titles.get(iid), self.lang), False)
            for key in ("question", "guidance", "unit", "status", "intended_status", "evidence", "comment"):
                self._cell(key, None, False)
            self._cell("expected", L.word(self.lang, "x_item"), False)
            self._cell("answer", now.get(iid), True, "item")
            self._cell("intended", then.get(iid), True, "item")
            self._cell("not_applicable", None, False)
            self._cell("justification", None, False)
            self.row += 1


def _park_sheet(ws: Any, site: SiteProfile, catalogue: Catalogue, meta: Meta, fill: Prefill | None, st: _Styles) -> None:
    """Write the park questionnaire: title, round fields, header and one row per requirement."""
    lang = meta.lang
    ws.cell(1, 1, sheet_text(f"{L.word(lang, 'title')}: {tr(site.name, lang)} — {tr(catalogue.title, lang)}")).font = st.bold
    values = {"date": fill.date if fill else None, "assessor": fill.assessor if fill else None}
    values["intended_year"] = fill.intended_year if fill else None
    writer = _ParkWriter(ws, lang, meta, st)
    for key, row in ROUND_FIELD_ROWS.items():
        ws.cell(row, 2, L.word(lang, key)).font = st.bold
        cell = ws.cell(row, 3, sheet_text(values[key]))
        cell.protection = st.unlocked
        if key == "date":
            cell.number_format = "yyyy-mm-dd"
            writer.dv.add("date", cell.coordinate)
        elif key == "intended_year":
            writer.dv.add("year", cell.coordinate)
    for key, col in writer.cols.items():
        cell = ws.cell(PARK_HEADER_ROW, col, L.header(lang, key))
        cell.font, cell.fill, cell.alignment = st.bold, st.head, st.wrap
        ws.column_dimensions[cell.column_letter].width = WIDTHS.get(key, WIDE_INPUT.get(key, 16))
    answers = fill.answers if fill else {}
    park, survey = park_requirements(catalogue)
    for req in park:
        writer.requirement(req, answers.get(req.id))
    if survey:
        writer.section(L.word(lang, "survey_section"))
        for req in survey:
            writer.requirement(req, answers.get(req.id))
    ws.freeze_panes = ws.cell(PARK_HEADER_ROW + 1, writer.cols["answer"])
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False


def _tenant_sheet(ws: Any, catalogue: Catalogue, meta: Meta, fill: Prefill | None, st: _Styles) -> None:
    """Write the tenant survey: a question row, an id row, validations, and any pre-filled firms."""
    from openpyxl.utils import get_column_letter

    lang = meta.lang
    dv = Validations(ws, lang)
    kinds: dict[str, str] = {"employees": "number"}
    for col, key in enumerate(meta.tenant_columns, start=1):
        if key in L.TENANT_CORE:
            question = L.word(lang, key)
        else:
            ind = catalogue.indicator(key)
            question = tr(ind.question, lang) + (f" ({ind.unit})" if ind.unit else "")
            kinds[key] = ind.type
        letter = get_column_letter(col)
        top, head = ws.cell(1, col, sheet_text(question)), ws.cell(TENANT_HEADER_ROW, col, key)
        for cell in (top, head):
            cell.fill, cell.alignment, cell.protection = st.head, st.wrap, st.locked
        head.font = st.bold
        dim = ws.column_dimensions[letter]
        dim.width, dim.protection = (24 if col <= 3 else 16), st.unlocked
        span = f"{letter}{TENANT_HEADER_ROW + 1}:{letter}1048576"
        if key == "employees":
            dv.add("min:0", span)
        elif kinds.get(key) == "yes_no":
            dv.add("tenant_yes_no", span)
        elif key in kinds:
            ind = catalogue.indicator(key)
            dv.add(f"tenant:{-1e15 if ind.minimum is None else ind.minimum:g}", span)
    _tenant_rows(ws, meta, fill.tenants if fill else [], kinds, st)
    ws.freeze_panes = ws.cell(TENANT_HEADER_ROW + 1, 3)
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.insertRows = ws.protection.deleteRows = False


def _tenant_rows(ws: Any, meta: Meta, rows: list[dict[str, str]], kinds: dict[str, str], st: _Styles) -> None:
    """Append the pre-filled firms below the header rows: one unlocked cell per value, blanks left empty.

    The fast path of a normal sheet: each cell is made with its style array copied from one styled cell
    (openpyxl's own way of copying styles) and appended a row at a time, and each distinct text of a
    column is converted once. It writes the same cells as setting ``protection`` cell by cell.
    """
    if not rows:
        return
    from openpyxl.cell import Cell

    from ..site.survey import NO, YES  # the survey reader's own yes/no words (imports pandas: only here)

    unlocked = style_array(ws, protection=st.unlocked)
    columns: list[tuple[str, str | None, dict[str, Any]]] = [(key, kinds.get(key), {}) for key in meta.tenant_columns]
    for row in rows:
        cells: list[Any] = []
        for key, kind, seen in columns:
            text = row.get(key, "")
            if text not in seen:
                seen[text] = sheet_text(_tenant_value(text, kind, meta.lang, (YES, NO)))
            value = seen[text]
            cells.append(None if value is None else Cell(ws, value=value, style_array=unlocked))
        # appended below the header rows, written just before; a row of blanks keeps its place
        ws.append(cells if any(c is not None for c in cells) else [])


def _tenant_value(text: str, kind: str | None, lang: str, words: tuple[set[str], set[str]]) -> Any:
    """Turn a survey file's text cell into the workbook value (localised yes/no, numbers as numbers)."""
    if not text.strip():
        return None
    if kind == "yes_no":
        norm = text.strip().lower()
        return L.word(lang, "yes") if norm in words[0] else L.word(lang, "no") if norm in words[1] else text
    if kind == "number":
        try:
            return number_from_text(text)[0]
        except ValueError:
            return text
    return text


def _instructions(ws: Any, meta: Meta, st: _Styles) -> None:
    """Write the instructions, one paragraph per row."""
    ws.column_dimensions["A"].width = 120
    for n, line in enumerate(L.INSTRUCTIONS.get(meta.lang, L.INSTRUCTIONS["en"]), start=1):
        cell = ws.cell(n, 1, line.format(park=meta.park_sheet, tenants=meta.tenant_sheet))
        cell.alignment = st.wrap
        if n == 1:
            cell.font = st.bold
    ws.protection.sheet = True


def tenant_columns(catalogue: Catalogue) -> list[str]:
    """Return the tenant survey's columns: the core columns, then one per tenant indicator."""
    return [*L.TENANT_CORE, *(i.id for i in catalogue.indicators)]


def build_workbook(site: SiteProfile, catalogue: Catalogue, round_id: str, lang: str, fill: Prefill | None = None) -> Any:
    """Return an openpyxl workbook for ``round_id`` of ``site``, pre-filled from ``fill`` when given."""
    import openpyxl

    from ..gcpause import gc_paused

    st = _Styles()
    meta = Meta(
        framework=catalogue.framework_id,
        framework_version=catalogue.framework_version,
        profile=catalogue.profile_id or "",
        site=site.id,
        round=round_id,
        lang=lang,
        tool_version=__version__,
        park_sheet=L.word(lang, "park_sheet"),
        tenant_sheet=L.word(lang, "tenant_sheet"),
        park_columns=list(L.PARK_COLUMNS),
        tenant_columns=tenant_columns(catalogue),
    )
    wb = openpyxl.Workbook()
    instructions = wb.active
    instructions.title = L.word(lang, "instructions_sheet")
    with gc_paused():  # tens of thousands of cells that all stay alive: collection passes over them only cost
        _park_sheet(wb.create_sheet(meta.park_sheet), site, catalogue, meta, fill, st)
        _tenant_sheet(wb.create_sheet(meta.tenant_sheet), catalogue, meta, fill, st)
        write_flows_sheet(wb, lang, fill.flows if fill else [])
        write_actions_sheet(wb, lang, fill.actions if fill else [])
        _instructions(instructions, meta, st)
    hidden = wb.create_sheet(META_SHEET)
    meta.write(hidden)
    hidden.sheet_state = "hidden"
    hidden.protection.sheet = True
    wb.active = 1
    return wb


def save_workbook(wb: Any, path: Any) -> None:
    """Save a workbook atomically."""
    import io

    from ..fsutil import write_atomic
    from ..gcpause import gc_paused
    from ..safetext import neutralise_workbook

    buf = io.BytesIO()
    with gc_paused():  # an XML element per cell, freed as it is written: no cycles for the collector to find
        neutralise_workbook(wb)  # no text from a site file becomes a live formula
        wb.save(buf)
    write_atomic(path, buf.getvalue())


def blank_survey_csv(catalogue: Catalogue) -> str:
    """Return a blank tenant survey CSV: the header row only."""
    from .importer import csv_text

    return csv_text(tenant_columns(catalogue), [])
