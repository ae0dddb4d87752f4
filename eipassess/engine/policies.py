"""Named scoring policies: how verdicts turn into points, and how the overall figure is formed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Requirement, Score, Verdict
from ..readers import POLICY_ALIASES, canonical_policy


@dataclass(frozen=True)
class Policy:
    """A scoring policy: credit for partly met, whether weights count, and how overall is formed."""

    name: str
    partly: float
    weighted: bool
    overall: str  # "flat": all requirements pooled; "category_mean": mean of category percentages
    summary: str
    formula: str


POLICIES: Mapping[str, Policy] = {
    "strict": Policy(
        "strict",
        0.0,
        False,
        "flat",
        "Only a met requirement earns a point: requirements met out of requirements applicable; partly met and "
        "no data count 0; not applicable leaves the denominator; prerequisites are reported as their own bucket "
        "and gate. Our choice: no source says how published assessments counted partly met.",
        "compliance = met / (met + partly met + not met + no data)",
    ),
    "partial-half": Policy(
        "partial-half",
        0.5,
        False,
        "flat",
        "Like the strict policy, but a partly met requirement earns half a point.",
        "compliance = (met + 0.5 x partly met) / (met + partly met + not met + no data)",
    ),
    "category-mean": Policy(
        "category-mean",
        0.0,
        False,
        "category_mean",
        "Each category scored as met / assessed; the overall figure is the mean of the category "
        "percentages, so every category weighs the same.",
        "overall = mean over categories of (met / assessed in the category)",
    ),
    "weighted": Policy(
        "weighted",
        0.5,
        True,
        "flat",
        "Each requirement weighs its weight from the criteria or profile; partly met earns half its weight.",
        "compliance = sum(weight x credit) / sum(weight), credit = 1 met, 0.5 partly met, 0 otherwise",
    ),
}
DEFAULT_POLICY = "strict"
ALIASES = POLICY_ALIASES
canonical = canonical_policy


def score_one(req: Requirement, verdict: Verdict, policy: Policy) -> Score:
    """Return the one-requirement score of ``verdict`` under ``policy``."""
    w = req.weight if policy.weighted else 1.0
    if verdict is Verdict.MET:
        return Score(met=1, points=w, possible=w)
    if verdict is Verdict.PARTLY_MET:
        return Score(partly_met=1, points=w * policy.partly, possible=w)
    if verdict is Verdict.NOT_MET:
        return Score(not_met=1, possible=w)
    if verdict is Verdict.NO_DATA:
        return Score(no_data=1, possible=w)
    return Score(not_applicable=1)
