"""Rule kind ``threshold``: a measured value (with unit) at least or at most a threshold."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Answer, Outcome, Rule, Verdict
from .base import CheckEnv, Context, ParamSpec

NAME = "threshold"
PARAMS = (
    ParamSpec("threshold"),
    ParamSpec("partial", required=False),
    # For a value aggregated from the tenant survey: below this response rate the verdict is no data.
    ParamSpec("min_response_rate", required=False, kind="share"),
)
ANSWER = "a number in the rule's unit"
USES_SURVEY = True

AGGREGATES = ("share", "total", "mean", "per_employee", "employee_share", "ratio")


def check(settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv) -> list[tuple[tuple[Any, ...], str, str]]:
    """Check direction, unit, and the tenant indicator and aggregate when the value is surveyed."""
    out: list[tuple[tuple[Any, ...], str, str]] = []
    if settings.get("direction", "at_least") not in ("at_least", "at_most"):
        out.append((("direction",), "at_least or at_most", repr(settings.get("direction"))))
    if not isinstance(settings.get("unit", ""), str):
        out.append((("unit",), "a unit as text", repr(settings.get("unit"))))
    ind = settings.get("indicator")
    if ind is not None:
        if ind not in env.indicators:
            out.append((("indicator",), "a tenant indicator of the framework", repr(ind)))
        agg = settings.get("aggregate", "total")
        if agg not in AGGREGATES:
            out.append((("aggregate",), " or ".join(AGGREGATES), repr(agg)))
        elif agg == "share" and env.indicators.get(ind) not in (None, "yes_no"):
            out.append((("aggregate",), "a yes/no indicator for aggregate 'share'", repr(ind)))
        elif agg in ("per_employee", "employee_share") and env.indicators.get(ind) not in (None, "number"):
            out.append((("aggregate",), f"a number indicator for aggregate {agg!r}", repr(ind)))
        elif agg == "ratio" and env.indicators.get(str(settings.get("denominator"))) != "number":
            out.append((("denominator",), "a numeric tenant indicator for aggregate 'ratio'", repr(settings.get("denominator"))))
    return out


def check_answer(rule: Rule, value: Any) -> str | None:
    """Accept a plain number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"a number in {rule.settings.get('unit') or 'the rule unit'}"
    return None


def surveyed_value(rule: Rule, ctx: Context) -> tuple[float | None, dict[str, Any]]:
    """Return the park value aggregated from the tenant survey, with the figures behind it."""
    ind_id = rule.settings.get("indicator")
    survey = ctx.survey
    if ind_id is None or survey is None or ind_id not in survey.indicators:
        return None, {}
    ind = survey.indicators[ind_id]
    agg = rule.settings.get("aggregate", "total")
    figures: dict[str, Any] = {"indicator": ind_id, "aggregate": agg, "answered": ind.answered, "firms": survey.firms}
    den = survey.indicators.get(rule.settings.get("denominator", "")) if agg == "ratio" else None
    responded = ind.responded if den is None else min(ind.responded, den.responded)
    floor = rule.params.get("min_response_rate")
    if floor is not None and floor.value is not None:
        rate = responded / survey.tenants_total if survey.tenants_total else 0.0
        figures.update(
            response_rate=rate, min_response_rate=float(floor.value), tenants_total=survey.tenants_total, responded=responded
        )
        if responded == 0 or rate < float(floor.value):
            figures["low_response"] = True
            return None, figures
    if agg == "ratio":
        if den is None or not den.total or ind.total is None:
            return None, figures
        figures.update(numerator=ind.total, denominator=den.total)
        return 100.0 * ind.total / den.total, figures
    value = {"share": ind.share, "total": ind.total, "mean": ind.mean, "per_employee": ind.per_employee}.get(agg)
    if agg == "employee_share":  # percent of the employees of the firms that answered the column
        value = None if ind.per_employee is None else 100.0 * ind.per_employee
    if agg == "share" and value is not None:
        value *= 100.0
    return value, figures


def evaluate(rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
    """Compare the value with the threshold; the optional ``partial`` bound gives partly met."""
    figures: dict[str, Any] = {"source": "park"}
    if value is None:
        indicator = rule.settings.get("indicator")
        if indicator is None:  # a park-level figure nobody gave: the survey is not to blame
            return Outcome(Verdict.NO_DATA, "no_answer", {})
        value, figures = surveyed_value(rule, ctx)
        figures = {"indicator": indicator, **figures, "source": "survey"}
        if value is None:
            if figures.pop("low_response", False):
                figures["answered"] = figures["responded"]  # the sentence counts every firm that answered
                return Outcome(Verdict.NO_DATA, "low_response", figures)
            covered = ctx.survey is not None and indicator in ctx.survey.indicators
            return Outcome(Verdict.NO_DATA, "no_value" if covered else "no_survey", figures)
    unit = rule.settings.get("unit", "")
    limit = float(rule.value("threshold"))
    at_most = rule.settings.get("direction", "at_least") == "at_most"
    values = {
        **figures,
        "value": float(value),
        "threshold": limit,
        "unit": unit,
        "direction": "at_most" if at_most else "at_least",
    }
    ok = value <= limit if at_most else value >= limit
    if ok:
        return Outcome(Verdict.MET, "value_meets", values)
    partial = rule.params.get("partial")
    if partial is not None and partial.value is not None:
        bound = float(partial.value)
        values["partial"] = bound
        if (value <= bound) if at_most else (value >= bound):
            return Outcome(Verdict.PARTLY_MET, "value_partial", values)
    return Outcome(Verdict.NOT_MET, "value_short", values)
