"""Load and check a round's action plan (rounds/R/actions.yaml): every problem at once, each with its file:line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..model import ACTORS, PlanAction
from ..yamlsrc import Source, load
from .spec import Anything, Date, DictOf, Field, ListOf, Nested, Number, OneOf, Spec, Text, TextSpec, check

ACTIONS_FILE = "actions.yaml"


class OwnerSpec(Spec):
    """Who carries an action out: an actor of the framework, optionally a named organisation or firm."""

    actor: str
    organisation: str
    FIELDS = {"actor": Field(OneOf(ACTORS)), "organisation": Field(Text(), "")}


class CostSpec(Spec):
    """An estimated cost with its currency (ISO 4217 code)."""

    amount: float
    currency: str
    FIELDS = {"amount": Field(Number(ge=0)), "currency": Field(Text(pattern=r"^[A-Z]{3}$"))}


class ActionSpec(Spec):
    """The schema of one action of actions.yaml."""

    id: str
    title: TextSpec
    requirements: list[str]
    owner: OwnerSpec
    start: dt.date | None
    due: dt.date | None
    cost: CostSpec | None
    support: str
    priority: str
    status: str
    evidence: list[str]
    FIELDS = {
        "id": Field(Text(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")),
        "title": Field(Nested(TextSpec)),
        "requirements": Field(ListOf(Text(), min_length=1)),
        "owner": Field(Nested(OwnerSpec)),
        "start": Field(Date(), None, nullable=True),
        "due": Field(Date(), None, nullable=True),
        "cost": Field(Nested(CostSpec), None, nullable=True),
        "support": Field(OneOf(("capacity_building", "advisory", "investment", "policy"))),
        "priority": Field(OneOf(("high", "medium", "low")), "medium"),
        "status": Field(OneOf(("planned", "in_progress", "done", "dropped")), "planned"),
        "evidence": Field(ListOf(Text()), []),
    }


class PlanSpec(Spec):
    """The schema of actions.yaml: a list of actions."""

    actions: list[dict[str, Any]]
    FIELDS = {"actions": Field(ListOf(DictOf(Text(), Anything())), [])}


def _check(src: Source, key: tuple[object, ...], raw: Mapping[str, Any], known: Collection[str], seen: set[str]) -> list[Problem]:
    """Return the problems a schema cannot see (duplicate ids, unknown requirements, due before start), read from the raw item."""
    out = []
    aid = raw.get("id")
    if isinstance(aid, str):
        if aid in seen:
            out.append(src.problem((*key, "id"), "each action id once", repr(aid)))
        seen.add(aid)
    reqs = raw.get("requirements")
    for n, rid in enumerate(reqs if isinstance(reqs, list) else ()):
        if isinstance(rid, str) and rid not in known:
            out.append(src.problem((*key, "requirements", n), "a requirement id of the criteria in use", repr(rid)))
    start, due = raw.get("start"), raw.get("due")
    if isinstance(start, dt.date) and isinstance(due, dt.date) and due < start:
        out.append(src.problem((*key, "due"), f"a due date on or after the start ({start.isoformat()})", due.isoformat()))
    return out


def _warnings(src: Source, key: tuple[object, ...], spec: ActionSpec) -> list[Problem]:
    """Return what a valid action should still have: evidence when done, a Russian title."""
    out = []
    if spec.status == "done" and not spec.evidence:
        out.append(src.problem((*key, "evidence"), "evidence of completion for a done action", "none", warning=True))
    if not spec.title.ru:
        out.append(src.problem((*key, "title"), "a Russian title (ru) beside the English one", "English only", warning=True))
    return out


def _action(spec: ActionSpec) -> PlanAction:
    """Return the model of a checked action."""
    return PlanAction(
        id=spec.id,
        title=spec.title.as_text(),
        requirements=tuple(spec.requirements),
        actor=spec.owner.actor,
        organisation=spec.owner.organisation,
        start=spec.start.isoformat() if spec.start else None,
        due=spec.due.isoformat() if spec.due else None,
        cost=spec.cost.amount if spec.cost else None,
        currency=spec.cost.currency if spec.cost else "",
        support=spec.support,
        priority=spec.priority,
        status=spec.status,
        evidence=tuple(spec.evidence),
    )


def load_actions(path: Path, known: Collection[str]) -> tuple[tuple[PlanAction, ...], list[Problem]]:
    """Read an action plan; raise InputError listing every problem of the file, return actions and warnings."""
    src = load(path)
    spec, problems = check(src, PlanSpec, src.data if src.data is not None else {})
    actions, more = check_items(src, spec.actions if spec else [], known)
    problems = src.problems + problems + more
    if any(not p.warning for p in problems):
        raise InputError(problems)
    return actions, problems


def check_items(src: Source, items: list[dict[str, Any]], known: Collection[str]) -> tuple[tuple[PlanAction, ...], list[Problem]]:
    """Check raw actions (the items of actions.yaml, or the rows of the workbook's Actions sheet); return actions and problems."""
    problems: list[Problem] = []
    actions: list[PlanAction] = []
    seen: set[str] = set()
    for i, raw in enumerate(items):
        key = ("actions", i)
        aspec, aprob = check(src, ActionSpec, raw, key)
        problems += aprob + _check(src, key, raw, known, seen)
        if aspec is not None:
            problems += _warnings(src, key, aspec)
            actions.append(_action(aspec))
    return tuple(actions), problems


def round_actions(rdir: Path, known: Collection[str]) -> tuple[tuple[PlanAction, ...], list[Problem]]:
    """Return the action plan of a round folder (none when it has no actions.yaml) and its warnings."""
    from ..fsutil import site_file

    path = site_file(rdir.parent.parent, rdir / ACTIONS_FILE)  # a link out of the site, a device: refused
    if path is None:
        return (), []
    return load_actions(path, known)
