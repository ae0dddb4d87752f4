"""The "Actions" sheet of the questionnaire workbook: the round's action plan, written by ``template``, read back by ``import``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, found_repr
from ..flows.sheet import HEADER_ROW, write_head
from ..i18n import tables
from ..model import ACTION_STATUSES, ACTORS, PRIORITIES, SUPPORT_TYPES, PlanAction
from ..safetext import neutralise_cell, restore_cell, sheet_text
from ..site.actions import ACTIONS_FILE, check_items, round_actions
from ..yamlsrc import Key, Source

SHEET = "Actions"
COLUMNS = (
    "id",
    "title_en",
    "title_ru",
    "requirements",
    "actor",
    "organisation",
    "start",
    "due",
    "cost",
    "currency",
    "support",
    "priority",
    "status",
    "evidence",
)
LISTS = {
    "actor": ACTORS,
    "support": SUPPORT_TYPES,
    "priority": PRIORITIES,
    "status": ACTION_STATUSES,
}
HELP = tables("actions-sheet")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po
_FIELD_COLUMN = {
    ("title", "en"): "title_en",
    ("title", "ru"): "title_ru",
    ("title",): "title_en",
    ("owner", "actor"): "actor",
    ("owner", "organisation"): "organisation",
    ("owner",): "actor",
    ("cost", "amount"): "cost",
    ("cost", "currency"): "currency",
    ("cost",): "cost",
}


def action_rows(rdir: Path, known: Collection[str]) -> list[dict[str, str]]:
    """Return the round's action plan as text rows (empty when the round has none), for pre-filling."""
    actions, _ = round_actions(rdir, known)  # the same checks as an assessment: a bad plan is not copied on
    return [row_of(a) for a in actions]


def row_of(action: PlanAction) -> dict[str, str]:
    """Render one action as the text cells of its sheet row."""
    cost = "" if action.cost is None else (str(int(action.cost)) if float(action.cost).is_integer() else str(action.cost))
    return {
        "id": action.id,
        "title_en": action.title.get("en", ""),
        "title_ru": action.title.get("ru", ""),
        "requirements": ", ".join(action.requirements),
        "actor": action.actor,
        "organisation": action.organisation,
        "start": action.start or "",
        "due": action.due or "",
        "cost": cost,
        "currency": action.currency,
        "support": action.support,
        "priority": action.priority,
        "status": action.status,
        "evidence": "\n".join(action.evidence),
    }


def write_sheet(wb: Any, lang: str, rows: list[dict[str, str]]) -> None:
    """Add the Actions sheet: a help row, the column ids, list validations, and any pre-filled rows."""
    from openpyxl.styles import Alignment

    ws = wb.create_sheet(SHEET)
    wrap = Alignment(wrap_text=True, vertical="top")
    write_head(ws, COLUMNS, HELP.get(lang, HELP["en"]), {"title_en": 40, "title_ru": 40, "evidence": 40}, LISTS)
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, name in enumerate(COLUMNS, start=1):
            value: Any = row.get(name, "")
            if name == "cost" and value:
                value = float(value)
                value = int(value) if value.is_integer() else value
            if value != "":
                ws.cell(r, col, sheet_text(value)).alignment = wrap  # formula-like text is made inert when saved
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)


@dataclass
class _Cells(Source):
    """A Source whose problems name the sheet cell of each action field instead of a YAML line."""

    sheet: str = SHEET
    rows: list[int] = field(default_factory=list)  # the sheet row of each action, by index

    def problem(self, key: Key, expected: str, found: str = "", warning: bool = False) -> Problem:
        """Build a problem located at the cell of action field ``key`` (actions, i, field, ...)."""
        from ..xlsxread import column_letter  # no openpyxl import on the reading path

        rest = tuple(str(k) for k in key[2:] if not isinstance(k, int))
        name = _FIELD_COLUMN.get(rest[:2], _FIELD_COLUMN.get(rest[:1], rest[0] if rest else "id"))
        name = name if name in COLUMNS else "id"
        cell = f"{column_letter(COLUMNS.index(name) + 1)}{self.rows[key[1]]}"
        return Problem(self.path, None, f"{self.sheet}!{cell} {name}", expected, found, warning)


def _text(value: Any) -> str:
    """Render a workbook cell as text: dates as YYYY-MM-DD, whole numbers without a decimal point."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(restore_cell(str(value))).strip()


def _date(text: str) -> Any:
    """Return an ISO date as a date, anything else as it is (the schema names it), nothing as None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _number(text: str) -> Any:
    """Return a number as float (whole ones as int), anything else as it is for the schema to name."""
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def raw_action(row: dict[str, str]) -> dict[str, Any]:
    """Return a sheet row as an actions.yaml item (the shape site/actions.py checks)."""
    item: dict[str, Any] = {"id": row["id"], "title": {"en": row["title_en"]}}
    if row["title_ru"]:
        item["title"]["ru"] = row["title_ru"]
    item["requirements"] = [r.strip() for r in row["requirements"].split(",") if r.strip()]
    item["owner"] = {"actor": row["actor"]}
    if row["organisation"]:
        item["owner"]["organisation"] = row["organisation"]
    for name in ("start", "due"):
        if row[name]:
            item[name] = _date(row[name])
    if row["cost"] or row["currency"]:
        item["cost"] = {"amount": _number(row["cost"]) if row["cost"] else None, "currency": row["currency"]}
    item["support"] = row["support"]
    for name in ("priority", "status"):
        if row[name]:
            item[name] = row[name]
    evidence = [e.strip() for e in row["evidence"].splitlines() if e.strip()]
    if evidence:
        item["evidence"] = evidence
    return item


def _inert(value: Any) -> Any:
    """Return ``value`` with every text inside made inert (safetext), for the YAML the tool writes."""
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, list):
        return [_inert(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert(v) for k, v in value.items()}
    return value


def actions_text(items: list[dict[str, Any]]) -> str:
    """Render actions.yaml from checked items."""
    head = "# Written by 'eipassess import' from the Actions sheet of a questionnaire workbook; edit freely.\n"
    doc = {"actions": [_inert(i) for i in items]}
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)


def read_actions_sheet(wb: Any, path: str, known: Collection[str]) -> tuple[str | None, list[Problem]]:
    """Read the Actions sheet back as actions.yaml text (None when absent or empty) and every problem in its cells."""
    if SHEET not in wb.sheetnames:
        return None, []
    ws = wb[SHEET]
    values = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    header = [_text(v) for v in values[0]] if values else []
    while header and not header[-1]:
        header.pop()
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        found = ", ".join([*(f"no {m}" for m in missing), *(f"unknown {found_repr(u)}" for u in unknown)])
        return None, [Problem(path, None, f"{SHEET}!{HEADER_ROW}", "the column ids " + ", ".join(COLUMNS), found)]
    rows: list[dict[str, str]] = []
    src = _Cells(path, None)
    for n, cells in enumerate(values[1:], start=HEADER_ROW + 1):
        texts = dict(zip(header, (_text(v) for v in cells[: len(header)])))
        if not any(texts.values()):
            continue
        rows.append({c: texts.get(c, "") for c in COLUMNS})
        src.rows.append(n)
    if not rows:
        return None, []
    items = [raw_action(r) for r in rows]
    _, problems = check_items(src, items, known)
    if any(not p.warning for p in problems):
        return None, problems
    return actions_text(items), problems


def changes(old: tuple[PlanAction, ...], new: tuple[PlanAction, ...]) -> list[str]:
    """Return one line per added, removed or changed action field, old -> new."""
    before, after = {a.id: row_of(a) for a in old}, {a.id: row_of(a) for a in new}
    out = []
    for aid, row in after.items():
        if aid not in before:
            out.append(f"  {ACTIONS_FILE} {aid}: added")
            continue
        for col in COLUMNS:
            if row[col] != before[aid][col]:
                out.append(f"  {ACTIONS_FILE} {aid} {col}: {before[aid][col] or '(none)'} -> {row[col] or '(none)'}")
    out += [f"  {ACTIONS_FILE} {aid}: removed" for aid in before if aid not in after]
    return out
