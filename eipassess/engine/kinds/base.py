"""What every rule kind provides: its name, settings and parameters, and a pure evaluation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ...model import Answer, Outcome, Rule, TenantSummary


@dataclass(frozen=True)
class ParamSpec:
    """A parameter a kind reads: whether it is required and the range its value must lie in."""

    name: str
    required: bool = True
    kind: str = "number"  # "number", "share" (0..1) or "integer"
    minimum: float | None = None


@dataclass(frozen=True)
class Context:
    """What a kind may look at besides the answer: the round's date and the tenant summary."""

    round_date: str
    survey: TenantSummary | None


# A check of a kind's settings: returns (key path below "rule", expected, found) per problem.
SettingsCheck = Callable[[Mapping[str, Any], Mapping[str, Any], "CheckEnv"], list[tuple[tuple[Any, ...], str, str]]]


@dataclass(frozen=True)
class CheckEnv:
    """What a settings check may consult: the framework's tenant indicators by id and type."""

    indicators: Mapping[str, str]


class RuleKind(Protocol):
    """The interface of a rule kind module."""

    NAME: str
    PARAMS: tuple[ParamSpec, ...]
    ANSWER: str  # what a park answer looks like, for docs and error messages

    def check(
        self, settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv
    ) -> list[tuple[tuple[Any, ...], str, str]]:
        """Return problems in a rule's settings."""

    def check_answer(self, rule: Rule, value: Any) -> str | None:
        """Return what was expected if ``value`` is not a valid answer, else None."""

    def evaluate(self, rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
        """Give the verdict for ``value`` (the current or intended answer)."""
