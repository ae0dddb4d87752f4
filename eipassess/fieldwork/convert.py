"""Turn answers into workbook cell values and cell values back into answers, naming what is wrong."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..engine.kinds import REGISTRY
from ..engine.kinds.checklist import item_ids
from ..engine.kinds.document import parse_date, split
from ..engine.kinds.yes_no import normalise
from ..model import Requirement
from .labels import status_key, word

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_SPACED = re.compile(r"^[+-]?\d{1,3}( \d{3})+(\.\d+)?$")


class CellError(ValueError):
    """A cell value that does not fit: ``expected`` says what would."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def yes_no_cell(value: Any, lang: str) -> str | None:
    """Render a yes/no/partly answer in the workbook language."""
    norm = normalise(value)
    return word(lang, norm) if norm else None


def number_from_text(text: str) -> tuple[float | int | None, bool]:
    """Parse a number typed as text; return (number or None, whether it was text that had to be read)."""
    raw = text.strip().replace("\u00a0", " ")
    if not raw:
        return None, False
    if _PLAIN.match(raw) or _SPACED.match(raw):
        num = float(raw.replace(" ", ""))
    elif raw.count(",") == 1 and "." not in raw and re.match(r"^[+-]?\d+,(\d{1,2}|\d{4,})$", raw.replace(" ", "")):
        num = float(raw.replace(" ", "").replace(",", "."))  # a decimal comma, never a thousands separator
    else:
        raise CellError("a plain number")
    return (int(num) if num.is_integer() and "." not in raw and "," not in raw else num), True


def number_cell(value: Any) -> tuple[float | int | None, bool]:
    """Read a numeric cell: (number or None for blank, True when it was typed as text)."""
    if value is None:
        return None, False
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise CellError("a plain number")
    if isinstance(value, (int, float)):
        return value, False
    return number_from_text(str(value))


def answer_cells(req: Requirement, value: Any, lang: str) -> tuple[Any, str | None]:
    """Return (answer cell, document status cell) for a park answer of ``req``."""
    kind = req.rule.kind
    if value is None or kind == "checklist":  # a checklist is answered on its elements' rows
        return None, None
    if kind == "yes_no":
        return yes_no_cell(value, lang), None
    if kind == "document":
        parsed = split(value)
        if parsed is None:
            return str(value), None
        if parsed[1] == "none":
            return word(lang, "no"), None
        raw = value.get("date") if isinstance(value, dict) else value
        status = word(lang, str(value.get("status", "adopted"))) if isinstance(value, dict) else None
        return (raw if isinstance(raw, (int, dt.date)) else str(raw)), status
    return value, None


def item_cells(req: Requirement, value: Any, lang: str) -> dict[str, str]:
    """Return the yes/no cell per checklist element of a checklist answer (answered elements only)."""
    ids = item_ids(req.rule)
    if isinstance(value, list):
        got = {str(v) for v in value}
        return {i: word(lang, "yes" if i in got else "no") for i in ids}
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            yes = v is True or str(v).strip().lower() in ("yes", "да")
            out[str(key)] = word(lang, "yes" if yes else "no")
        return out
    return {}


def read_answer(req: Requirement, cell: Any, status: Any, today: dt.date | None) -> tuple[Any, bool]:
    """Convert an answer cell (and document status) to an answers.yaml value; raise CellError if it does not fit.

    ``today`` is the latest date a document may carry (None for intended values); the flag tells
    whether a number had to be read from text.
    """
    kind = req.rule.kind
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        if status not in (None, "") and str(status).strip():
            raise CellError("an answer beside a document status")
        return None, False
    texted = False
    if kind == "yes_no":
        norm = normalise(cell)
        if norm is None:
            raise CellError("yes, no or partly (да, нет, частично)")
        value: Any = norm
    elif kind in ("threshold", "tenant_share"):
        if isinstance(cell, str) and cell.strip().endswith("%"):
            hint = "a share from 0 to 1 without a % sign (0.8 for 80%)" if kind == "tenant_share" else "a number without a % sign"
            raise CellError(hint)
        try:
            value, texted = number_cell(cell)
        except CellError:
            raise CellError(REGISTRY[kind].check_answer(req.rule, "?") or "a number") from None
    else:
        value = _document(cell, status, today)
    expected = REGISTRY[kind].check_answer(req.rule, value)
    if expected:
        raise CellError(expected)
    return value, texted


def _document(cell: Any, status: Any, today: dt.date | None) -> Any:
    """Read a document answer: no, a date (cell or text), or a date with its status."""
    if normalise(cell) == "no":
        if str(status or "").strip():
            raise CellError("no status for a document that does not exist")
        return "no"
    if isinstance(cell, dt.datetime):
        value: Any = cell.date()
    elif isinstance(cell, (dt.date, int)) and not isinstance(cell, bool):
        value = cell
    elif isinstance(cell, str) and parse_date(cell.strip()) is not None:
        value = cell.strip()
    else:
        raise CellError("no, or a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    date = parse_date(value)
    if date is None:
        raise CellError("no, or a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    if today is not None and date > today:
        raise CellError(f"a date not after the assessment date {today.isoformat()}")
    key = status_key(status)
    if key is None:
        raise CellError("document status adopted or draft (утверждён, проект)")
    return {"date": value, "status": key} if key else value


def read_items(req: Requirement, cells: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """Turn yes/no cells per element into a checklist answer; return it and the bad cells' expectations."""
    bad: dict[str, str] = {}
    answered: dict[str, str] = {}
    for iid in item_ids(req.rule):
        cell = cells.get(iid)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        norm = normalise(cell)
        if norm not in ("yes", "no"):
            bad[iid] = "yes or no (да, нет)"
            continue
        answered[iid] = norm
    if not answered:
        return None, bad
    if len(answered) == len(item_ids(req.rule)):
        return [i for i, v in answered.items() if v == "yes"], bad
    return answered, bad
