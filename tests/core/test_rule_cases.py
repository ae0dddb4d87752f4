"""Run the YAML rule-kind cases through the real engine: schema, kind check and evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eipassess.catalogue.load import build_requirement
from eipassess.catalogue.schema import RequirementSpec
from eipassess.engine.evaluate import evaluate_requirement
from eipassess.engine.kinds import REGISTRY
from eipassess.engine.kinds.base import Context
from eipassess.explain import explain
from eipassess.model import Answer, IndicatorSummary, TenantSummary

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))
TEXT = {"en": "x", "ru": "х"}


def requirement(rule: dict[str, Any]) -> Any:
    """Build a requirement around a case's rule, through the same schema the loader uses."""
    spec = RequirementSpec.model_validate(
        {
            "id": "ENV-99",
            "subcategory": "env_energy",
            "type": "performance",
            "level": "both",
            "title": TEXT,
            "description": TEXT,
            "guidance": TEXT,
            "evidence": [TEXT],
            "actions": [TEXT],
            "actors": ["park_management"],
            "provenance": {"status": "inferred", "source": "test"},
            "rule": rule,
        }
    )
    return build_requirement(spec, "environmental")


def survey(raw: dict[str, Any] | None) -> TenantSummary | None:
    """Build a tenant summary from a case's figures."""
    if raw is None:
        return None
    inds = {}
    for iid, f in raw["indicators"].items():
        kind = "yes_no" if "yes" in f else "number"
        inds[iid] = IndicatorSummary(
            iid,
            kind,
            f["answered"],
            raw["firms"] - f["answered"],
            yes=f.get("yes", 0),
            total=f.get("total"),
            per_employee=f.get("per_employee"),
        )
    return TenantSummary(raw["firms"], raw["tenants_total"], 100, inds)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case: dict[str, Any]) -> None:
    """Each case gives its expected verdict and decisive values, and its answer passes the kind's check."""
    req = requirement(case["rule"])
    value = case.get("answer")
    if value is not None:
        assert REGISTRY[req.rule.kind].check_answer(req.rule, value) is None
    answer = Answer(value=value, not_applicable=case.get("not_applicable"))
    ctx = Context(case.get("round_date", "2021-07-15"), survey(case.get("survey")))
    result = evaluate_requirement(req, answer, ctx)
    assert result.current.verdict.value == case["expect"], result.current
    for key, expected in case.get("values", {}).items():
        assert (
            result.current.values[key] == pytest.approx(expected)
            if isinstance(expected, float)
            else result.current.values[key] == expected
        )
    if "reason" in case:
        assert result.current.reason == case["reason"]
    for lang, text in case.get("text", {}).items():
        assert explain(result.current.reason, result.current.values, lang) == text


def test_every_kind_has_cases() -> None:
    """The cases exercise every registered rule kind and every verdict."""
    assert {c["rule"]["kind"] for c in CASES} == set(REGISTRY)
    assert {c["expect"] for c in CASES} == {"met", "partly_met", "not_met", "not_applicable", "no_data"}


def test_reason_sentences_cover_both_languages_and_every_branch() -> None:
    """Every sentence case is given in English and Russian; maximum and park/survey branches are all there."""
    texts = [c for c in CASES if "text" in c]
    assert texts and all(set(c["text"]) == {"en", "ru"} for c in texts)
    reasons = {(c["reason"], c["rule"].get("direction", "at_least")) for c in texts}
    for code in ("value_meets", "value_partial", "value_short"):
        assert {(code, "at_least"), (code, "at_most")} <= reasons
    assert {c["reason"] for c in texts} >= {"no_answer", "no_survey", "no_value", "low_response", "share_short", "share_partial"}


@pytest.mark.parametrize(
    ("value", "shown"), [(41.325, "41.33"), (0.125, "0.13"), (2.5, "2.5"), (3.0, "3"), (7, "7"), (float("inf"), "inf")]
)
def test_numbers_in_reasons_round_half_up(value: float, shown: str) -> None:
    """Figures in reason sentences show at most two decimals, .5 rounded up, no trailing zeros (docs/result-format.md)."""
    from eipassess.explain import number

    assert number(value) == shown


def test_an_older_record_of_an_unanswered_park_threshold_does_not_blame_the_survey() -> None:
    """Records made before the fix carry "no_value" with no indicator: they now read as an unanswered park item."""
    from eipassess.explain import explain

    assert explain("no_value", {}, "en") == "The park management gave no answer."
    assert explain("no_value", {}, "ru") == "Управляющая компания не дала ответа."
    assert "survey" in explain("no_value", {"indicator": "energy_mwh", "source": "survey"}, "en")
