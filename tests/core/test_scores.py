"""Properties of scoring: bounds, order independence, and scores adding up across levels."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eipassess.catalogue import load_catalogue
from eipassess.engine.evaluate import tally
from eipassess.engine.policies import POLICIES, score_one
from eipassess.fmt import pc
from eipassess.model import Score, Verdict

FW = str(Path(__file__).parent / "fixtures" / "mini-fw")
CAT, _ = load_catalogue(FW)
verdicts = st.lists(st.sampled_from(list(Verdict)), min_size=len(CAT.requirements), max_size=len(CAT.requirements))
policies = st.sampled_from(sorted(POLICIES))


@given(verdicts, policies)
def test_percentages_within_bounds(vs: list[Verdict], policy: str) -> None:
    """Every percentage lies within 0..100 or is None when nothing is applicable."""
    s = tally(CAT, list(zip(CAT.requirements, vs)), POLICIES[policy])
    for score in (s.overall, s.prerequisites, *s.categories.values(), *s.subcategories.values()):
        for value in (score.pc, score.pc_complete):
            assert value is None or 0 <= value <= 100
    assert s.overall_pc is None or 0 <= s.overall_pc <= 100


@given(verdicts, policies, st.randoms())
def test_order_never_changes_a_result(vs: list[Verdict], policy: str, rnd) -> None:
    """Shuffling the requirements gives the same scores."""
    pairs = list(zip(CAT.requirements, vs))
    a = tally(CAT, pairs, POLICIES[policy])
    rnd.shuffle(pairs)
    b = tally(CAT, pairs, POLICIES[policy])
    assert a.overall == b.overall and a.categories == b.categories and a.subcategories == b.subcategories
    assert a.overall_pc == b.overall_pc


@given(verdicts, policies)
def test_scores_add_up(vs: list[Verdict], policy: str) -> None:
    """Sub-categories add up to categories, categories to performance, and with prerequisites to overall."""
    s = tally(CAT, list(zip(CAT.requirements, vs)), POLICIES[policy])
    for cat in CAT.categories:
        total = sum((s.subcategories[sub.id] for sub in cat.subcategories), Score())
        assert total == s.categories[cat.id]
    assert sum(s.categories.values(), Score()) == s.performance
    assert s.performance + s.prerequisites == s.overall
    assert s.overall.total == len(CAT.requirements)


def test_not_applicable_leaves_denominator_and_no_data_counts_zero() -> None:
    """Under the default policy N/A is excluded, no data and partly met count 0 in the denominator."""
    req = CAT.requirements[0]
    pol = POLICIES["strict"]
    total = sum(
        (score_one(req, v, pol) for v in (Verdict.MET, Verdict.NOT_APPLICABLE, Verdict.NO_DATA, Verdict.PARTLY_MET)), Score()
    )
    assert (total.points, total.possible) == (1, 3)
    assert total.pc_complete is not None and round(total.pc_complete, 3) == round(200 / 3, 3)
    half = sum((score_one(req, v, POLICIES["partial-half"]) for v in (Verdict.MET, Verdict.PARTLY_MET)), Score())
    assert half.pc == 75


def test_category_with_nothing_applicable_is_none() -> None:
    """A category whose requirements are all not applicable has no percentage (shown n/a)."""
    vs = [Verdict.NOT_APPLICABLE if r.category == "social" else Verdict.MET for r in CAT.requirements]
    s = tally(CAT, list(zip(CAT.requirements, vs)), POLICIES["strict"])
    assert s.categories["social"].pc is None and pc(s.categories["social"].pc) == "n/a"
    assert s.overall.pc == 100


def test_weighted_policy_uses_weights() -> None:
    """The weighted policy multiplies by each requirement's weight."""
    heavy = [dataclasses.replace(r, weight=3.0) if i == 0 else r for i, r in enumerate(CAT.requirements)]
    vs = [Verdict.MET] + [Verdict.NOT_MET] * (len(heavy) - 1)
    s = tally(dataclasses.replace(CAT, requirements=tuple(heavy)), list(zip(heavy, vs)), POLICIES["weighted"])
    assert s.overall.points == 3 and s.overall.possible == 3 + len(heavy) - 1


def test_category_mean_policy_is_mean_of_categories() -> None:
    """category-mean averages the category percentages instead of pooling requirements."""
    vs = [Verdict.MET if r.category == "park_management" else Verdict.NOT_MET for r in CAT.requirements]
    s = tally(CAT, list(zip(CAT.requirements, vs)), POLICIES["category-mean"])
    pcs = [c.pc for c in s.categories.values() if c.pc is not None]
    assert s.overall_pc == sum(pcs) / len(pcs)


@settings(max_examples=300)
@given(st.floats(min_value=0, max_value=100), st.integers(min_value=0, max_value=2))
def test_pc_never_rounds_to_the_extremes(value: float, precision: int) -> None:
    """pc() shows 100 only for exactly 100 and 0 only for exactly 0."""
    text = pc(value, precision)
    assert (float(text) == 100) == (value == 100)
    assert (float(text) == 0) == (value == 0)
    assert abs(float(text) - value) <= 10**-precision
