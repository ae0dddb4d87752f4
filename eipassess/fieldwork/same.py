"""Compare two answers of one requirement by meaning, so the same answer written differently is no change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine.kinds.checklist import present
from ..engine.kinds.document import split
from ..engine.kinds.yes_no import normalise
from ..model import Catalogue
from ..site.load import ANSWER_KEYS

FIELDS = ("value", "intended", "evidence", "comment", "not_applicable")


def expand(raw: Any) -> dict[str, Any]:
    """Return an answer as a mapping of its fields, reading ``ID: value`` shorthand as the site loader does."""
    if raw is None:
        return {}
    if isinstance(raw, dict) and ANSWER_KEYS.intersection(str(k) for k in raw):
        return raw
    return {"value": raw}


def _value(catalogue: Catalogue, rid: str, value: Any) -> Any:
    """Return what a value or intended value means under its requirement's rule kind."""
    try:
        kind = catalogue.requirement(rid).rule
    except KeyError:
        kind = None
    if kind is not None and kind.kind == "yes_no":
        return normalise(value) or value
    if kind is not None and kind.kind == "document":
        parsed = split(value)
        return value if parsed is None else (parsed[0].isoformat() if parsed[0] else None, parsed[1])
    if kind is not None and kind.kind == "checklist":
        got = present(kind, value)
        return value if got is None else tuple(got)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def meaning(catalogue: Catalogue, rid: str, field: str, value: Any) -> Any:
    """Return a comparable form of one answer field (None for an empty or missing one)."""
    if value is None:
        return None
    if field in ("value", "intended"):
        return _value(catalogue, rid, value)
    if field == "evidence":
        items = value if isinstance(value, (list, tuple)) else [value]
        return tuple(str(e).strip() for e in items) or None
    return str(value).strip() or None


def answer_changes(catalogue: Catalogue, rid: str, old: Any, new: Any) -> list[tuple[str, Any, Any]]:
    """Return (field, old, new) for each field of requirement ``rid`` whose meaning differs between two answers."""
    a, b = expand(old), expand(new)
    return [
        (f, a.get(f), b.get(f)) for f in FIELDS if meaning(catalogue, rid, f, a.get(f)) != meaning(catalogue, rid, f, b.get(f))
    ]
