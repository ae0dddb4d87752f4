"""Projected compliance when some open requirements become met, and what an action plan would achieve if carried out."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
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


OPEN = ("not_met", "partly_met", "no_data")


@dataclass(frozen=True)
class OwnerProjection:
    """What one owner's actions achieve: alone, and with the partners whose part the same requirements need."""

    actor: str
    alone: tuple[str, ...]  # open requirements the owner's actions close without anyone else
    shared: tuple[str, ...]  # open requirements the owner's actions address that other actors must act on too
    partners: tuple[str, ...]  # those other actors, in framework order
    if_alone: Projection  # only this owner's actions done: the shared requirements stay open
    with_partners: Projection  # the partners do their part of the shared requirements as well


@dataclass(frozen=True)
class PlanProjection:
    """Projected compliance if the action plan is carried out, overall and per owner."""

    base: Projection
    covered: tuple[str, ...]  # open requirements some action still to do (planned or in progress) addresses
    uncovered: tuple[str, ...]  # open requirements no action addresses: they stay as they are
    plan: Projection
    owners: tuple[OwnerProjection, ...]


def plan_owners(record: Mapping[str, Any]) -> dict[str, set[str]]:
    """Return, per open requirement an action still to do addresses, the actors owning such an action."""
    open_ids = {r["id"] for r in record["requirements"] if r["current"]["verdict"] in OPEN}
    owners: dict[str, set[str]] = {}
    for a in record.get("actions") or ():
        if a["status"] in ("dropped", "done"):  # a done action that left its requirement open no longer closes it
            continue
        for rid in a["requirements"]:
            if rid in open_ids:
                owners.setdefault(rid, set()).add(a["owner"]["actor"])
    return owners


def project_plan(record: Mapping[str, Any], actor_order: Sequence[str]) -> PlanProjection:
    """Project the record's action plan: a requirement counts as met only when an action addresses it."""
    owners = plan_owners(record)
    reqs = {r["id"]: r for r in record["requirements"]}
    order = {rid: i for i, rid in enumerate(reqs)}
    covered = tuple(sorted(owners, key=order.__getitem__))
    uncovered = tuple(r for r in reqs if reqs[r]["current"]["verdict"] in OPEN and r not in owners)
    per_owner = []
    for actor in actor_order:
        mine = [rid for rid in covered if actor in owners[rid]]
        if not mine:
            continue
        alone: list[str] = []
        shared: list[str] = []
        partners: set[str] = set()
        for rid in mine:
            others = (set(reqs[rid]["actors"]) | owners[rid]) - {actor}
            (shared if others else alone).append(rid)
            partners |= others
        per_owner.append(
            OwnerProjection(
                actor,
                tuple(alone),
                tuple(shared),
                tuple(a for a in actor_order if a in partners),
                project(record, alone),
                project(record, mine),
            )
        )
    return PlanProjection(project(record), covered, uncovered, project(record, covered), tuple(per_owner))
