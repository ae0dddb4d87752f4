"""Projected compliance when some open requirements become met, computed from a result record."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Projection:
    """Overall compliance after the projected changes: points of possible and percent."""

    points: float
    possible: float
    pc: float | None


def _credit(verdict: str, weight: float, policy: Mapping[str, Any]) -> tuple[float, float]:
    """Return (points, possible) of one requirement under the record's policy, as the engine scores it."""
    w = float(weight) if policy.get("weighted") else 1.0
    if verdict == "met":
        return w, w
    if verdict == "partly_met":
        return w * float(policy.get("partly_credit", 0.0)), w
    if verdict in ("not_met", "no_data"):
        return 0.0, w
    return 0.0, 0.0


def project(record: Mapping[str, Any], now_met: Collection[str] = ()) -> Projection:
    """Return overall compliance if the requirements with ids in ``now_met`` were met."""
    policy = record["policy"]
    total_p = total_q = 0.0
    cats: dict[str, list[float]] = {}
    for r in record["requirements"]:
        verdict = "met" if r["id"] in now_met and r["current"]["verdict"] != "not_applicable" else r["current"]["verdict"]
        p, q = _credit(verdict, r.get("weight", 1.0), policy)
        total_p += p
        total_q += q
        if r["type"] != "prerequisite":
            acc = cats.setdefault(r["category"], [0.0, 0.0])
            acc[0] += p
            acc[1] += q
    if policy.get("overall") == "category_mean":
        pcs = [100.0 * p / q for p, q in cats.values() if q > 0]
        value = sum(pcs) / len(pcs) if pcs else None
    else:
        value = 100.0 * total_p / total_q if total_q > 0 else None
    return Projection(total_p, total_q, value)
