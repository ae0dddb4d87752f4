"""Pure evaluation: catalogue + site + round (answers and tenant summary) -> ``Assessment``."""

from __future__ import annotations

from ..errors import UsageError
from ..model import (
    Answer,
    Assessment,
    Catalogue,
    Gate,
    Outcome,
    Param,
    Requirement,
    RequirementResult,
    Round,
    Score,
    Scores,
    SiteProfile,
    Verdict,
)
from .kinds import REGISTRY
from .kinds.base import Context
from .policies import DEFAULT_POLICY, POLICIES, Policy, canonical, score_one


def judge(req: Requirement, answer: Answer | None, value: object, ctx: Context) -> Outcome:
    """Give one requirement's outcome for one value (current or intended)."""
    if answer is not None and answer.not_applicable:
        return Outcome(Verdict.NOT_APPLICABLE, "not_applicable", {"justification": answer.not_applicable})
    kind = REGISTRY[req.rule.kind]
    if value is None and not getattr(kind, "USES_SURVEY", False):
        return Outcome(Verdict.NO_DATA, "no_answer", {})
    return kind.evaluate(req.rule, answer, value, ctx)


def evaluate_requirement(req: Requirement, answer: Answer | None, ctx: Context) -> RequirementResult:
    """Judge the current answer and the intended one (falling back to current)."""
    current_value = answer.value if answer else None
    current = judge(req, answer, current_value, ctx)
    if answer is not None and answer.intended is not None:
        intended = judge(req, answer, answer.intended, ctx)
    else:
        intended = current
    return RequirementResult(req, current, intended, answer)


def tally(catalogue: Catalogue, verdicts: list[tuple[Requirement, Verdict]], policy: Policy) -> Scores:
    """Add requirement scores up to sub-categories, categories, prerequisites and overall."""
    # Accumulate plain counters (7 slots in Score field order), then build the frozen scores once.
    slots = {Verdict.MET: 0, Verdict.PARTLY_MET: 1, Verdict.NOT_MET: 2, Verdict.NOT_APPLICABLE: 3, Verdict.NO_DATA: 4}
    acc: dict[str, list[float]] = {"@prereq": [0.0] * 7, "@perf": [0.0] * 7}
    for c in catalogue.categories:
        acc["c:" + c.id] = [0.0] * 7
        for s in c.subcategories:
            acc["s:" + s.id] = [0.0] * 7
    for req, verdict in verdicts:
        one = score_one(req, verdict, policy)
        keys = ("@prereq",) if req.type == "prerequisite" else ("@perf", "c:" + req.category, "s:" + req.subcategory)
        for key in keys:
            row = acc[key]
            row[slots[verdict]] += 1
            row[5] += one.points
            row[6] += one.possible

    def score(key: str) -> Score:
        r = acc[key]
        return Score(int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), r[5], r[6])

    prereq, perf = score("@prereq"), score("@perf")
    cats = {c.id: score("c:" + c.id) for c in catalogue.categories}
    subs = {s.id: score("s:" + s.id) for c in catalogue.categories for s in c.subcategories}
    overall = prereq + perf
    if policy.overall == "category_mean":
        pcs = [s.pc for s in cats.values() if s.pc is not None]
        overall_pc = sum(pcs) / len(pcs) if pcs else None
    else:
        overall_pc = overall.pc
    return Scores(overall, overall_pc, prereq, perf, cats, subs)


def gate(results: tuple[RequirementResult, ...]) -> Gate:
    """The park meets the EIP prerequisites when every applicable prerequisite is met.

    A gate blocked only by ``inferred`` prerequisites is provisional: no source names what blocks it.
    """
    blockers = [
        r.requirement
        for r in results
        if r.requirement.type == "prerequisite" and r.current.verdict not in (Verdict.MET, Verdict.NOT_APPLICABLE)
    ]
    sourced = tuple(req.id for req in blockers if req.provenance != "inferred")
    return Gate(not blockers, tuple(req.id for req in blockers), bool(blockers) and not sourced, sourced)


def evaluate(catalogue: Catalogue, site: SiteProfile, rnd: Round, policy: str = DEFAULT_POLICY) -> Assessment:
    """Evaluate every requirement of ``catalogue`` for one round of one site."""
    policy = canonical(policy)
    if policy not in POLICIES:
        raise UsageError(f"no scoring policy {policy!r}; policies: {', '.join(POLICIES)}")
    pol = POLICIES[policy]
    ctx = Context(rnd.date, rnd.survey)
    results = tuple(evaluate_requirement(r, rnd.answers.get(r.id), ctx) for r in catalogue.requirements)
    current = tally(catalogue, [(r.requirement, r.current.verdict) for r in results], pol)
    same = all(r.intended.verdict is r.current.verdict for r in results)
    intended = current if same else tally(catalogue, [(r.requirement, r.intended.verdict) for r in results], pol)
    params: tuple[tuple[str, Param], ...] = tuple((r.id, p) for r in catalogue.requirements for p in r.rule.params.values())
    return Assessment(catalogue, site, rnd, policy, results, current, intended, gate(results), params)
