"""Rule kind ``tenant_share``: the share of surveyed tenant firms meeting a yes/no condition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Answer, Outcome, Rule, Verdict
from .base import CheckEnv, Context, ParamSpec

NAME = "tenant_share"
PARAMS = (
    ParamSpec("min_share", kind="share"),
    ParamSpec("partial_share", required=False, kind="share"),
    ParamSpec("min_response_rate", kind="share"),
)
ANSWER = "nothing (the tenant survey answers it), or a share from 0 to 1 that overrides the survey"
USES_SURVEY = True


def check(settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv) -> list[tuple[tuple[Any, ...], str, str]]:
    """The indicator must be a yes/no tenant indicator of the framework."""
    ind = str(settings.get("indicator"))
    if ind not in env.indicators:
        return [(("indicator",), "a tenant indicator of the framework", repr(ind))]
    if env.indicators[ind] != "yes_no":
        return [(("indicator",), "a yes/no tenant indicator", f"{ind!r} of type {env.indicators[ind]}")]
    return []


def check_answer(rule: Rule, value: Any) -> str | None:
    """Accept a share from 0 to 1 given by the park instead of the survey."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return "a share from 0 to 1 (e.g. 0.4 for 40%)"
    return None


def evaluate(rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
    """Met when the share of answering firms reaches ``min_share`` with enough responses."""
    min_share = float(rule.value("min_share"))
    partial = rule.params.get("partial_share")
    values: dict[str, Any] = {"indicator": rule.settings["indicator"], "min_share": min_share}
    if value is not None:
        share = float(value)
        values.update(share=share, source="park")
    else:
        survey = ctx.survey
        ind = survey.indicators.get(rule.settings["indicator"]) if survey else None
        if survey is None or ind is None:
            return Outcome(Verdict.NO_DATA, "no_survey", {**values, "source": "survey"})
        values.update(yes=ind.yes, answered=ind.answered, firms=survey.firms, tenants_total=survey.tenants_total, source="survey")
        min_rate = float(rule.value("min_response_rate"))
        # The response rate counts every firm that answered this question, "n/a" (not relevant to it) included.
        responded = ind.answered + ind.not_relevant
        rate = responded / survey.tenants_total if survey.tenants_total else 0.0
        values.update(response_rate=rate, min_response_rate=min_rate, not_relevant=ind.not_relevant, responded=responded)
        if responded == 0 or rate < min_rate:
            return Outcome(Verdict.NO_DATA, "low_response", {**values, "answered": responded})
        if ind.answered == 0:  # every answering firm said the question does not apply to it
            return Outcome(Verdict.NOT_APPLICABLE, "not_relevant", values)
        share = ind.yes / ind.answered
        values["share"] = share
    if share >= min_share:
        return Outcome(Verdict.MET, "share_meets", values)
    if partial is not None and partial.value is not None and share >= float(partial.value):
        values["partial_share"] = float(partial.value)
        return Outcome(Verdict.PARTLY_MET, "share_partial", values)
    return Outcome(Verdict.NOT_MET, "share_short", values)
