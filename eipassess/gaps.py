"""Which gaps matter most: one documented ordering of a record's open requirements, each with the reasons it ranks.

The order (docs/reports.md, "Gap priority"): first the prerequisites that block the EIP gate, then requirements
that regressed since the previous round, then the rest by impact x feasibility, where impact is the gain in
overall percentage points if the requirement were met and feasibility is 1, plus 1 when the action plan
addresses it, plus 1 when the park intends to meet it. Ties go to the cheaper planned action, then catalogue order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .fmt import decimal
from .i18n import tables
from .plan.projection import OPEN, plan_owners, project

_RANK = {"met": 2, "partly_met": 1, "not_met": 0, "no_data": 0}


@dataclass(frozen=True)
class RankedGap:
    """An open requirement with the facts that decide its rank."""

    id: str
    requirement: Mapping[str, Any]
    blocker: bool  # blocks the EIP prerequisites gate
    regressed_from: str | None  # its verdict in the previous round, when it was better then
    impact: float  # overall percentage points gained if it were met
    planned: bool
    intended: bool
    cost: float | None  # estimated cost of the actions addressing it, when every one names a cost in one currency
    currency: str

    @property
    def feasibility(self) -> int:
        """Return 1 + planned + intended."""
        return 1 + int(self.planned) + int(self.intended)


def _costs(record: Mapping[str, Any]) -> dict[str, tuple[float, str] | None]:
    """Return per requirement the summed cost of the actions still to do on it, or None when unknown or mixed."""
    out: dict[str, tuple[float, str] | None] = {}
    for a in record.get("actions") or ():
        if a["status"] in ("dropped", "done"):
            continue
        for rid in a["requirements"]:
            cost = a.get("cost")
            prev = out.get(rid, (0.0, cost["currency"]) if cost else None)
            if cost is None or prev is None or prev[1] != cost["currency"]:
                out[rid] = None
            else:
                out[rid] = (prev[0] + float(cost["amount"]), prev[1])
    return out


def verdicts_of(previous: Mapping[str, Any] | None) -> dict[str, str]:
    """Return the verdict per requirement id of an earlier record (empty without one)."""
    return {r["id"]: r["current"]["verdict"] for r in (previous or {}).get("requirements", ())}


def verdicts_before(comparison: Mapping[str, Any] | None) -> dict[str, str]:
    """Return the earlier verdict per requirement id from a comparison (eipassess.history.compare)."""
    rows = (comparison or {}).get("requirements", ())
    return {r["to_id"]: r["from"]["verdict"] for r in rows if r.get("from") and r.get("to_id")}


def ranked_gaps(record: Mapping[str, Any], before: Mapping[str, str] | None = None) -> list[RankedGap]:
    """Return every open requirement of ``record`` in priority order; ``before`` maps ids to the previous round's verdicts."""
    base = project(record).pc or 0.0
    planned = plan_owners(record)
    costs = _costs(record)
    before = before or {}
    blocking = set(record["gate"]["blocking"])
    out = []
    for r in record["requirements"]:
        verdict = r["current"]["verdict"]
        if verdict not in OPEN:
            continue
        gain = project(record, {r["id"]}).pc
        old = before.get(r["id"])
        cost = costs.get(r["id"])
        out.append(
            RankedGap(
                id=r["id"],
                requirement=r,
                blocker=r["id"] in blocking,
                regressed_from=old if old in _RANK and _RANK[old] > _RANK[verdict] else None,
                impact=0.0 if gain is None else gain - base,
                planned=r["id"] in planned,
                intended=r["intended"]["verdict"] == "met",
                cost=cost[0] if cost else None,
                currency=cost[1] if cost else "",
            )
        )
    order = {r["id"]: i for i, r in enumerate(record["requirements"])}
    out.sort(
        key=lambda g: (
            not g.blocker,
            g.regressed_from is None,
            -round(g.impact * g.feasibility, 9),
            g.cost if g.cost is not None else float("inf"),
            order[g.id],
        )
    )
    return out


def top_gaps(record: Mapping[str, Any], n: int, before: Mapping[str, str] | None = None) -> list[Mapping[str, Any]]:
    """Return the requirements of the ``n`` most important gaps, in priority order."""
    return [g.requirement for g in ranked_gaps(record, before)[:n]]


# Why a gap ranks where it does, in the reader's language; joined with "; " into one sentence.
WHY = tables("gaps")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def why(g: RankedGap, lang: str = "en") -> str:
    """Return the sentence saying why a gap ranks where it does."""
    w = WHY.get(lang, WHY["en"])
    parts = []
    if g.blocker:
        parts.append(w["blocker"])
    if g.regressed_from:
        parts.append(w["regressed"].format(before=w.get(f"v_{g.regressed_from}", g.regressed_from)))
    parts.append(w["impact"].format(pp=decimal(round(g.impact, 1), 1, lang, grouped=False)))
    if g.planned and g.cost is not None:
        parts.append(w["planned_cost"].format(cost=decimal(g.cost, 0, lang), currency=g.currency))
    elif g.planned:
        parts.append(w["planned"])
    if g.intended:
        parts.append(w["intended"])
    if not g.planned and not g.intended:
        parts.append(w["neither"])
    return w["lead"].format(reasons="; ".join(parts))
