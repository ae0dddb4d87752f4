"""What changed between two result records: per requirement (change class) and per category (points)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

OPEN = ("partly_met", "not_met", "no_data")
RANK = {"met": 3, "partly_met": 2, "not_met": 1, "no_data": 1}


@dataclass(frozen=True)
class RequirementChange:
    """One requirement's verdict before and after, with its change class."""

    id: str
    before: str | None
    after: str | None
    change: str  # newly_met, regressed, improved, still_open, still_met, newly_na, now_applicable, added, removed


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
    if after == "not_applicable":
        return "still_na" if before == "not_applicable" else "newly_na"
    if before == "not_applicable":
        return "now_applicable"
    if after == "met":
        return "still_met" if before == "met" else "newly_met"
    if RANK[after] < RANK[before]:
        return "regressed"
    if RANK[after] > RANK[before]:
        return "improved"
    return "still_open"


def _delta(a: float | None, b: float | None) -> float | None:
    """Return b - a, or None when either is missing."""
    return None if a is None or b is None else b - a


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """Compare two result records of the same site (requirements keyed by their stable ids)."""
    old = {r["id"]: r["current"]["verdict"] for r in before["requirements"]}
    new = {r["id"]: r["current"]["verdict"] for r in after["requirements"]}
    ids = [r["id"] for r in after["requirements"]] + [i for i in old if i not in new]
    reqs = tuple(RequirementChange(i, old.get(i), new.get(i), classify(old.get(i), new.get(i))) for i in ids)
    b_cats = before["scores"]["current"]["categories"]
    a_cats = after["scores"]["current"]["categories"]
    cat_ids = [c["id"] for c in after["categories"]] + [c for c in b_cats if c not in a_cats]
    cats = tuple(
        CategoryChange(
            c,
            b_cats.get(c, {}).get("pc"),
            a_cats.get(c, {}).get("pc"),
            _delta(b_cats.get(c, {}).get("pc"), a_cats.get(c, {}).get("pc")),
        )
        for c in cat_ids
    )
    ob = before["scores"]["current"]["overall"]["pc"]
    oa = after["scores"]["current"]["overall"]["pc"]
    return Changes(before["round"]["id"], before["round"]["date"], ob, oa, _delta(ob, oa), cats, reqs)


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
