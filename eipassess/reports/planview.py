"""View pieces of the action plan: actions by owner, honest projections with their assumptions, earlier actions' outcomes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..gaps import ranked_gaps
from ..model import ACTORS, tr
from ..plan.draft import draft_actions
from ..plan.outcomes import OUTCOMES, action_outcomes, outcome_counts
from ..plan.projection import Projection, project_plan
from .i18n import Translator
from .viewtypes import SYMBOLS, Status


@dataclass(frozen=True)
class PlanRow:
    """One action as shown: every figure already formatted."""

    id: str
    title: str
    requirements: tuple[str, ...]  # "ENV-12 A water-saving plan is in force"
    organisation: str
    start: str
    due: str
    start_iso: str
    due_iso: str
    cost: str
    support: str
    priority: str
    status: str
    status_id: str
    evidence: str


@dataclass(frozen=True)
class OwnerBlock:
    """The actions of one owner with what they achieve alone and together with partners."""

    id: str
    title: str
    rows: tuple[PlanRow, ...]
    notes: tuple[str, ...]
    cost: str


@dataclass(frozen=True)
class OutcomeRow:
    """What became of one action of the earlier plan."""

    id: str
    title: str
    requirements: tuple[tuple[str, Status | None, Status | None], ...]  # (id and title, before, after)
    status: str
    due: str
    outcome: str
    outcome_label: str


@dataclass(frozen=True)
class PlanView:
    """The action-plan chapter: owners, projections with assumptions, and the outcome of the earlier plan."""

    recorded: bool  # False: no plan was recorded and the actions are drafted from the gaps
    intro: str
    owners: tuple[OwnerBlock, ...]
    projection: tuple[str, ...]
    total_cost: str
    outcomes_heading: str
    outcome_counts: tuple[str, ...]
    outcomes: tuple[OutcomeRow, ...]


def _gain(t: Translator, base: Projection, p: Projection) -> str:
    """Return the change in points between two projections as the shown percentages give it (so it adds up)."""
    if base.pc is None or p.pc is None:
        return "—"
    return t.pp_shown(base.pc, p.pc)


def _costs(t: Translator, actions: Sequence[Mapping[str, Any]]) -> str:
    """Return the summed estimated cost per currency ("470 000 BYN"), or "—" when none is given."""
    sums: dict[str, float] = {}
    for a in actions:
        if a.get("cost") and a["status"] != "dropped":
            sums[a["cost"]["currency"]] = sums.get(a["cost"]["currency"], 0.0) + float(a["cost"]["amount"])
    return "; ".join(f"{t.number(v)} {c}" for c, v in sorted(sums.items())) or "—"


def _row(t: Translator, a: Mapping[str, Any], titles: Mapping[str, str]) -> PlanRow:
    """Return one action as a plan row."""
    cost = a.get("cost")
    return PlanRow(
        id=a["id"],
        title=tr(a["title"], t.lang),
        requirements=tuple(f"{rid} {titles.get(rid, '')}".strip() for rid in a["requirements"]),
        organisation=a["owner"].get("organisation") or "",
        start=t.date_short(a.get("start")),
        due=t.date_short(a.get("due")),
        start_iso=a.get("start") or "",
        due_iso=a.get("due") or "",
        cost="—" if not cost else f"{t.number(cost['amount'])} {cost['currency']}",
        support=t(f"support_{a['support']}"),
        priority=t(f"priority_{a['priority']}"),
        status=t(f"status_{a['status']}"),
        status_id=a["status"],
        evidence="; ".join(a.get("evidence") or ()),
    )


def _outcomes(
    t: Translator, previous: Mapping[str, Any], record: Mapping[str, Any], titles: Mapping[str, str]
) -> tuple[OutcomeRow, ...]:
    """Return the outcome of each action of the previous round's plan."""

    def st(verdict: str | None) -> Status | None:
        return None if verdict is None else Status(verdict, t.verdict(verdict), SYMBOLS.get(verdict, "?"))

    return tuple(
        OutcomeRow(
            id=r["id"],
            title=tr(r["title"], t.lang),
            requirements=tuple(
                (f"{rid} {titles.get(rid, '')}".strip(), st(v["from"]), st(v["to"])) for rid, v in r["requirements"].items()
            ),
            status=t(f"status_{r['status_to']}"),
            due=t.date_short(r["due"]),
            outcome=r["outcome"],
            outcome_label=t(f"o_{r['outcome']}"),
        )
        for r in action_outcomes(previous, record)
    )


def plan_view(t: Translator, record: Mapping[str, Any], previous: Mapping[str, Any] | None) -> PlanView:
    """Return the action-plan chapter of a record; without a recorded plan, one action per gap is drafted and said so."""
    titles = {r["id"]: tr(r["title"], t.lang) for r in record["requirements"]}
    if previous:
        titles = {**{r["id"]: tr(r["title"], t.lang) for r in previous["requirements"]}, **titles}
    recorded = bool(record.get("actions"))
    actions = list(record.get("actions") or ()) or draft_actions(record, [g.id for g in ranked_gaps(record)])
    outcomes = _outcomes(t, previous, record, titles) if previous and previous.get("actions") else ()
    counts = outcome_counts([{"outcome": o.outcome} for o in outcomes]) if outcomes else {}
    heading = t("outcomes_heading", round=previous["round"]["id"]) if outcomes and previous else ""
    shown = tuple(t("outcome_count", label=t(f"o_{o}"), n=n) for o in OUTCOMES if (n := counts.get(o, 0)))
    if not actions:
        return PlanView(False, t("no_actions"), (), (), "—", heading, shown, outcomes)
    subject = record if recorded else {**record, "actions": actions}
    proj = project_plan(subject, ACTORS)
    owners = []
    for actor in ACTORS:
        mine = [a for a in actions if a["owner"]["actor"] == actor]
        if not mine:
            continue
        notes = []
        op = next((o for o in proj.owners if o.actor == actor), None)
        if op is not None:
            notes.append(
                t("plan_alone_none", actor=t.actor(actor))
                if not op.alone
                else t(
                    "plan_alone",
                    actor=t.actor(actor),
                    n=len(op.alone),
                    pc=t.pc(op.if_alone.pc),
                    x_of_y=t.x_of_y(op.if_alone.points, op.if_alone.possible),
                    delta=_gain(t, proj.base, op.if_alone),
                )
            )
            if op.shared:
                notes.append(
                    t(
                        "plan_shared",
                        partners=", ".join(t.actor(a) for a in op.partners),
                        ids=", ".join(op.shared),
                        pc=t.pc(op.with_partners.pc),
                        x_of_y=t.x_of_y(op.with_partners.points, op.with_partners.possible),
                        delta=_gain(t, proj.base, op.with_partners),
                    )
                )
        owners.append(OwnerBlock(actor, t.actor(actor), tuple(_row(t, a, titles) for a in mine), tuple(notes), _costs(t, mine)))
    projection = (
        t(
            "plan_projection",
            n=len(proj.covered),
            pc=t.pc(proj.plan.pc),
            x_of_y=t.x_of_y(proj.plan.points, proj.plan.possible),
            base=t.pc(proj.base.pc),
            delta=_gain(t, proj.base, proj.plan),
        ),
        t("plan_assumption"),
        t("plan_uncovered", n=len(proj.uncovered), ids=", ".join(proj.uncovered)) if proj.uncovered else t("plan_all_covered"),
    )
    return PlanView(
        recorded=recorded,
        intro=t("plan_intro") if recorded else t("plan_drafted"),
        owners=tuple(owners),
        projection=projection,
        total_cost=_costs(t, actions),
        outcomes_heading=heading,
        outcome_counts=shown,
        outcomes=outcomes,
    )


def plan_rows(view: Any) -> tuple[PlanRow, ...]:
    """Return every action of a report's plan, owner by owner (the rows of the timeline)."""
    return tuple(row for owner in view.plan.owners for row in owner.rows)


def status_legend(t: Translator) -> tuple[tuple[str, str], ...]:
    """Return (status, label) of every action status, for chart legends."""
    return tuple((s, t(f"status_{s}")) for s in ("planned", "in_progress", "done", "dropped"))
