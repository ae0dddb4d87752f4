"""Rule kind ``document``: a plan or certificate that exists, is adopted, and is not too old."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from ...model import Answer, Outcome, Rule, Verdict
from .base import CheckEnv, Context, ParamSpec
from .yes_no import normalise

NAME = "document"
PARAMS = (ParamSpec("max_age_years", kind="number", minimum=0),)
ANSWER = "no, or the date the document was adopted or last updated (YYYY, YYYY-MM or YYYY-MM-DD), or {date: ..., status: adopted|draft}"
STATUSES = ("adopted", "draft")


def check(settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv) -> list[tuple[tuple[Any, ...], str, str]]:
    """Document rules have no settings beyond their parameters."""
    return []


def parse_date(value: Any) -> dt.date | None:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (or a YAML date) into a date, else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1900 <= value <= 2200:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
        parts = value.strip().split("-")
        try:
            nums = [int(p) for p in parts]
            if len(nums) == 1:
                return dt.date(nums[0], 1, 1)
            if len(nums) == 2:
                return dt.date(nums[0], nums[1], 1)
            if len(nums) == 3:
                return dt.date(nums[0], nums[1], nums[2])
        except ValueError:
            return None
    return None


def split(value: Any) -> tuple[dt.date | None, str] | None:
    """Return (date, status) of a document answer; (None, "none") for no; None when malformed."""
    if isinstance(value, dict):
        status = str(value.get("status", "adopted"))
        date = parse_date(value.get("date"))
        if status not in STATUSES or date is None:
            return None
        return date, status
    if normalise(value) == "no":
        return None, "none"
    date = parse_date(value)
    return (date, "adopted") if date else None


def age_years(date: dt.date, on: dt.date) -> float:
    """Return the age in years (days / 365.25) at ``on``, rounded half up to one decimal; 0 for a later date."""
    days = max(0, (on - date).days)
    return math.floor(days / 365.25 * 10 + 0.5) / 10


def check_answer(rule: Rule, value: Any) -> str | None:
    """Accept no, a date, or a date with status."""
    return None if split(value) is not None else ANSWER


def evaluate(rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
    """Met when adopted and no older than ``max_age_years`` at the round date; partly when draft or old."""
    parsed = split(value)
    if parsed is None or parsed[1] == "none":
        return Outcome(Verdict.NOT_MET, "document_missing", {})
    date, status = parsed
    assert date is not None
    on = parse_date(ctx.round_date) or dt.date.today()
    limit = float(rule.value("max_age_years"))
    values: dict[str, Any] = {
        "date": date.isoformat(),
        "status": status,
        "age_years": age_years(date, on),
        "max_age_years": limit,
    }
    if date > on:  # an intended (planned) date after the assessment: new when adopted, never a negative age
        values["planned"] = True
    if status == "draft":
        return Outcome(Verdict.PARTLY_MET, "document_draft", values)
    if values["age_years"] > limit:
        return Outcome(Verdict.PARTLY_MET, "document_outdated", values)
    return Outcome(Verdict.MET, "document_current", values)
