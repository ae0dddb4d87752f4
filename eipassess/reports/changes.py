"""What changed between two result records: per requirement (change class) and per category (points)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..history.compare import Rename, change_class
from ..history.compare import compare as compare_records


@dataclass(frozen=True)
class RequirementChange:
    """One requirement's verdict before and after, with its change class."""

    id: str
    before: str | None
    after: str | None
    change: str  # a change class of eipassess.history.compare.CHANGES


@dataclass(frozen=True)
class CategoryChange:
    """One category's compliance before and after, in percent, with the change in points."""

    id: str
    before_pc: float | None
    after_pc: float | None
    delta: float | None


@dataclass(frozen=True)
class Changes:
    """All changes from an earlier record to a later one."""

    before_round: str
    before_date: str
    overall_before: float | None
    overall_after: float | None
    overall_delta: float | None
    categories: tuple[CategoryChange, ...]
    requirements: tuple[RequirementChange, ...]

    def count(self, change: str) -> int:
        """Return how many requirements fall in change class ``change``."""
        return sum(1 for r in self.requirements if r.change == change)


def classify(before: str | None, after: str | None) -> str:
    """Return the change class of a requirement that went from verdict ``before`` to ``after``."""
    if before is None:
        return "added"
    if after is None:
        return "removed"
    return change_class(before, after)


def compare(before: Mapping[str, Any], after: Mapping[str, Any], renames: Sequence[Rename] = ()) -> Changes:
    """Lay out the canonical comparison (eipassess.history.compare) of two records of one site for the report."""
    c = compare_records(before, after, renames)
    reqs = tuple(
        RequirementChange(
            r["id"], r["from"]["verdict"] if r["from"] else None, r["to"]["verdict"] if r["to"] else None, r["change"]
        )
        for r in c["requirements"]
    )
    pre = c["scores"]["prerequisites"]
    cats = (CategoryChange("prerequisites", (pre["from"] or {}).get("pc"), (pre["to"] or {}).get("pc"), pre["pp"]),) + tuple(
        CategoryChange(cid, (s["from"] or {}).get("pc"), (s["to"] or {}).get("pc"), s["pp"])
        for cid, s in c["scores"]["categories"].items()
    )
    overall = c["scores"]["overall"]
    return Changes(
        before["round"]["id"], before["round"]["date"], overall["from"]["pc"], overall["to"]["pc"], overall["pp"], cats, reqs
    )


@dataclass(frozen=True)
class TrendPoint:
    """One round's overall compliance for the trend line."""

    round: str
    date: str
    pc: float | None


def trend(records: Sequence[Mapping[str, Any]]) -> tuple[TrendPoint, ...]:
    """Return the overall compliance of each round, one point per round id, ordered by date."""
    seen: dict[str, TrendPoint] = {}
    for rec in records:
        rid = rec["round"]["id"]
        seen[rid] = TrendPoint(rid, rec["round"]["date"], rec["scores"]["current"]["overall"]["pc"])
    return tuple(sorted(seen.values(), key=lambda p: (p.date, p.round)))
