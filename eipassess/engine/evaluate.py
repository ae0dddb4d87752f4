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
from .policies import DEFAULT_POLICY, POLICIES, Policy, canonical
from .symbiosis import apply_register


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


class _Plan:
    """A catalogue's scoring buckets in order, and which buckets each kind of requirement adds to."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        keys = ["@prereq", "@perf"]
        for c in catalogue.categories:
            keys.append("c:" + c.id)
            keys.extend("s:" + s.id for s in c.subcategories)
        self.keys = keys
        self.index = {k: i for i, k in enumerate(keys)}
        self.rows: dict[tuple[bool, str, str], tuple[int, ...]] = {}
        self.params: tuple[tuple[str, Param], ...] = tuple(
            (r.id, p) for r in catalogue.requirements for p in r.rule.params.values()
        )

    def rows_of(self, req: Requirement) -> tuple[int, ...]:
        """Return the buckets a requirement counts in: prerequisites, or performance, its category and sub-category."""
        key = (req.type == "prerequisite", req.category, req.subcategory)
        rows = self.rows.get(key)
        if rows is None:
            idx = self.index
            rows = (idx["@prereq"],) if key[0] else (idx["@perf"], idx["c:" + req.category], idx["s:" + req.subcategory])
            self.rows[key] = rows
        return rows


_PLANS: dict[int, _Plan] = {}


def plan(catalogue: Catalogue) -> _Plan:
    """Return the scoring plan of ``catalogue``, made once per catalogue object (a few are kept)."""
    found = _PLANS.get(id(catalogue))
    if found is None or found.catalogue is not catalogue:
        if len(_PLANS) >= 8:
            _PLANS.clear()
        found = _PLANS[id(catalogue)] = _Plan(catalogue)
    return found


# Verdict -> its counter slot, in Score field order.
SLOTS = {Verdict.MET: 0, Verdict.PARTLY_MET: 1, Verdict.NOT_MET: 2, Verdict.NOT_APPLICABLE: 3, Verdict.NO_DATA: 4}


def tally(catalogue: Catalogue, verdicts: list[tuple[Requirement, Verdict]], policy: Policy) -> Scores:
    """Add requirement scores up to sub-categories, categories, prerequisites and overall."""
    # Summable counters per bucket (verdict counts, points, possible), added in requirement order with the
    # same float operations as adding per-requirement scores; the frozen Score records are built once per bucket.
    p = plan(catalogue)
    n = len(p.keys)
    counts = [[0, 0, 0, 0, 0] for _ in range(n)]
    points = [0.0] * n
    possible = [0.0] * n
    weighted, partly = policy.weighted, policy.partly
    for req, verdict in verdicts:
        slot = SLOTS[verdict]
        w = req.weight if weighted else 1.0
        got = w if slot == 0 else w * partly if slot == 1 else 0.0
        out_of = 0.0 if slot == 3 else w
        for row in p.rows_of(req):
            counts[row][slot] += 1
            points[row] += got
            possible[row] += out_of

    def score(key: str) -> Score:
        i = p.index[key]
        met, partly_met, not_met, not_applicable, no_data = counts[i]
        return Score(met, partly_met, not_met, not_applicable, no_data, points[i], possible[i])

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
    results = apply_register(results, rnd, ctx.survey.tenants_total if ctx.survey else site.tenants_total, ctx)
    current = tally(catalogue, [(r.requirement, r.current.verdict) for r in results], pol)
    same = all(r.intended.verdict is r.current.verdict for r in results)
    intended = current if same else tally(catalogue, [(r.requirement, r.intended.verdict) for r in results], pol)
    return Assessment(catalogue, site, rnd, policy, results, current, intended, gate(results), plan(catalogue).params)
