"""Rule kind ``yes_no``: the park has it (met), partly (partly met) or not (not met)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Answer, Outcome, Rule, Verdict
from .base import CheckEnv, Context, ParamSpec

NAME = "yes_no"
PARAMS: tuple[ParamSpec, ...] = ()
ANSWER = "yes, no or partly"

_YES = {True, "yes", "да"}
_NO = {False, "no", "нет"}
_PARTLY = {"partly", "partial", "частично"}


def normalise(value: Any) -> str | None:
    """Map an answer to "yes", "no" or "partly", or None when it is none of them."""
    if isinstance(value, str):
        value = value.strip().lower()
    if isinstance(value, bool) or isinstance(value, str):
        if value in _YES:
            return "yes"
        if value in _NO:
            return "no"
        if value in _PARTLY:
            return "partly"
    return None


def check(settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv) -> list[tuple[tuple[Any, ...], str, str]]:
    """Yes/no rules have no settings to check."""
    return []


def check_answer(rule: Rule, value: Any) -> str | None:
    """Accept yes, no or partly."""
    return None if normalise(value) else ANSWER


def evaluate(rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
    """Met for yes, partly met for partly, not met for no."""
    v = normalise(value)
    if v == "yes":
        return Outcome(Verdict.MET, "answer_yes", {"answer": "yes"})
    if v == "partly":
        return Outcome(Verdict.PARTLY_MET, "answer_partly", {"answer": "partly"})
    return Outcome(Verdict.NOT_MET, "answer_no", {"answer": "no"})
