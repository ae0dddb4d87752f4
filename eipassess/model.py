"""Plain, frozen records shared by every layer: criteria, answers, verdicts and scores."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# A translated text: language code -> text ("en" is always present).
Text = Mapping[str, str]

CATEGORY_IDS = ("park_management", "environmental", "social", "economic")
ACTORS = ("park_management", "tenants", "authority", "utility")
LEVELS = ("park", "tenants", "both")
REQUIREMENT_TYPES = ("prerequisite", "performance")
PROVENANCE = ("verified", "topic_confirmed", "inferred")
# What the survey's response rate counts, stated in every result.
RESPONSE_DEFINITION = (
    "firms that answered at least one indicator question (yes, no, a number or n/a) / tenant firms of the park; "
    "a row with every indicator cell blank is not a response"
)


def tr(text: Text | None, lang: str = "en") -> str:
    """Return the text in ``lang``, falling back to English, or "" when there is none."""
    if not text:
        return ""
    return text.get(lang) or text.get("en") or ""


class Verdict(str, enum.Enum):
    """The outcome of one requirement."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Param:
    """A named threshold parameter of a rule, with its unit and provenance."""

    name: str
    value: Any
    unit: str = ""
    provenance: str = "inferred"
    note: str = ""
    source: str = "framework"  # "framework" or the id of the profile that set it
    sources: tuple[str, ...] = ()  # ids of the source register behind the value

    @property
    def confirmed(self) -> bool:
        """Tell whether the value was read in an official text (not provisional)."""
        return self.provenance == "verified"


@dataclass(frozen=True)
class Rule:
    """A rule kind with its parameters and kind-specific settings."""

    kind: str
    params: Mapping[str, Param] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        """Return the current value of parameter ``name``."""
        return self.params[name].value


@dataclass(frozen=True)
class Requirement:
    """One prerequisite or performance requirement of the framework."""

    id: str
    category: str
    subcategory: str
    type: str
    level: str
    title: Text
    description: Text
    rule: Rule
    actors: tuple[str, ...]
    guidance: Text
    evidence: tuple[Text, ...]
    actions: tuple[Text, ...]
    provenance: str
    source: str
    weight: float = 1.0
    sources: tuple[str, ...] = ()  # ids of the source register (criteria/sources.yaml)
    topic: str = ""  # the topic key its sources must support when topic_confirmed or verified


@dataclass(frozen=True)
class SourceRef:
    """One publication of the source register: citation, address and what it supports."""

    id: str
    citation: str
    address: str
    date: str
    language: str
    read: str = ""
    official: bool = False
    supports: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubCategory:
    """A sub-category of a framework category."""

    id: str
    title: Text


@dataclass(frozen=True)
class Category:
    """One of the four performance categories, with its sub-categories in order."""

    id: str
    title: Text
    subcategories: tuple[SubCategory, ...]


@dataclass(frozen=True)
class TenantIndicator:
    """A column of the tenant survey and how it aggregates to a park indicator."""

    id: str
    type: str  # "yes_no" or "number"
    question: Text
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    part_of: str | None = None  # the survey column (a number indicator or employees) this one is a part of


@dataclass(frozen=True)
class Catalogue:
    """A framework with a tailoring profile applied: everything the engine needs."""

    framework_id: str
    framework_version: str
    title: Text
    categories: tuple[Category, ...]
    requirements: tuple[Requirement, ...]
    indicators: tuple[TenantIndicator, ...]
    profile_id: str | None = None
    profile_title: Text | None = None
    profile_changes: tuple[str, ...] = ()
    checksum: str = ""
    sources: Mapping[str, SourceRef] = field(default_factory=dict)

    def requirement(self, rid: str) -> Requirement:
        """Return the requirement with id ``rid``."""
        for req in self.requirements:
            if req.id == rid:
                return req
        raise KeyError(rid)

    def indicator(self, iid: str) -> TenantIndicator:
        """Return the tenant indicator with id ``iid``."""
        for ind in self.indicators:
            if ind.id == iid:
                return ind
        raise KeyError(iid)


@dataclass(frozen=True)
class Answer:
    """The park management's answer to one requirement."""

    value: Any = None
    intended: Any = None
    evidence: tuple[str, ...] = ()
    comment: str = ""
    not_applicable: str | None = None  # the justification when not applicable

    @property
    def has_value(self) -> bool:
        """Tell whether a current value was given."""
        return self.value is not None


@dataclass(frozen=True)
class IndicatorSummary:
    """One tenant indicator aggregated over the surveyed firms."""

    id: str
    type: str
    answered: int
    missing: int
    yes: int = 0
    total: float | None = None
    mean: float | None = None
    per_employee: float | None = None
    not_relevant: int = 0  # firms that answered n/a: the question does not apply to them

    @property
    def responded(self) -> int:
        """Return the firms that gave any answer to this indicator, n/a included."""
        return self.answered + self.not_relevant

    @property
    def share(self) -> float | None:
        """Return the share of answering firms that said yes (yes/no indicators)."""
        if self.type != "yes_no" or self.answered == 0:
            return None
        return self.yes / self.answered


@dataclass(frozen=True)
class TenantSummary:
    """The tenant survey aggregated into park indicators, with its response figures."""

    firms: int
    tenants_total: int
    employees: int
    indicators: Mapping[str, IndicatorSummary]
    sectors: Mapping[str, int] = field(default_factory=dict)
    respondents: int | None = None  # rows answering at least one indicator (None: every row counts)

    @property
    def responding(self) -> int:
        """Return the firms that answered at least one indicator question (a blank row is not a response)."""
        return self.firms if self.respondents is None else self.respondents

    @property
    def response_rate(self) -> float | None:
        """Return responding firms as a share of all tenant firms of the park."""
        if self.tenants_total <= 0:
            return None
        return min(1.0, self.responding / self.tenants_total)


@dataclass(frozen=True)
class SiteProfile:
    """A park: who runs it, where, how large."""

    id: str
    name: Text
    country: str
    operator: Text
    area_ha: float | None = None
    tenants_total: int = 0
    established: int | None = None
    framework: str = "eip-v2"
    profile: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Synergy:
    """One entry of a site's synergy register: an exchange between two parties and its dated lifecycle."""

    id: str
    supplier: str
    receiver: str
    material: str
    events: tuple[tuple[str, str], ...]  # (ISO date, status) in order: identified, discussed, feasibility, implemented, dropped
    tenants: tuple[str, ...] = ()  # the parties that are tenant firms of the park (not neighbours)

    def status_on(self, day: str) -> str | None:
        """Return the status on an ISO date (the latest event dated on or before it), or None before the first."""
        status = None
        for date, what in self.events:
            if date <= day:
                status = what
        return status


@dataclass(frozen=True)
class PlanAction:
    """One action of a round's action plan (rounds/R/actions.yaml), as the consultant wrote it."""

    id: str
    title: Text
    requirements: tuple[str, ...]
    actor: str
    organisation: str = ""
    start: str | None = None  # ISO dates
    due: str | None = None
    cost: float | None = None
    currency: str = ""
    support: str = ""  # one of SUPPORT_TYPES
    priority: str = "medium"  # one of PRIORITIES
    status: str = "planned"  # one of ACTION_STATUSES
    evidence: tuple[str, ...] = ()


# The four kinds UNIDO's lessons-learnt report groups technical assistance into, and an action's states.
SUPPORT_TYPES = ("capacity_building", "advisory", "investment", "policy")
PRIORITIES = ("high", "medium", "low")
ACTION_STATUSES = ("planned", "in_progress", "done", "dropped")


@dataclass(frozen=True)
class Round:
    """One assessment round of a site: park answers and, optionally, a tenant survey."""

    id: str
    date: str  # ISO date of the assessment
    assessor: str
    answers: Mapping[str, Answer]
    survey: TenantSummary | None = None
    intended_year: int | None = None
    checksums: Mapping[str, str] = field(default_factory=dict)
    calibration: Text | None = None  # what a calibrated sample's answers were written to reproduce
    synergies: tuple[Synergy, ...] | None = None  # the site's synergy register; None when it keeps none
    actions: tuple[PlanAction, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A verdict with the reason code and the values that decided it."""

    verdict: Verdict
    reason: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    """Summable counts of verdicts and points under one policy."""

    met: int = 0
    partly_met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    no_data: int = 0
    points: float = 0.0
    possible: float = 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.met + other.met,
            self.partly_met + other.partly_met,
            self.not_met + other.not_met,
            self.not_applicable + other.not_applicable,
            self.no_data + other.no_data,
            self.points + other.points,
            self.possible + other.possible,
        )

    @property
    def total(self) -> int:
        """Return the number of requirements counted, applicable or not."""
        return self.met + self.partly_met + self.not_met + self.not_applicable + self.no_data

    @property
    def applicable(self) -> int:
        """Return the number of applicable requirements."""
        return self.total - self.not_applicable

    @property
    def assessed(self) -> int:
        """Return the number of applicable requirements that had data."""
        return self.applicable - self.no_data

    @property
    def pc(self) -> float | None:
        """Return compliance in percent, or None when nothing is applicable."""
        if self.possible <= 0:
            return None
        return 100.0 * self.points / self.possible

    @property
    def pc_complete(self) -> float | None:
        """Return completeness (applicable requirements with data) in percent."""
        if self.applicable == 0:
            return None
        return 100.0 * self.assessed / self.applicable

    def as_dict(self) -> dict[str, Any]:
        """Return the counts and percentages as plain data."""
        return {
            "met": self.met,
            "partly_met": self.partly_met,
            "not_met": self.not_met,
            "not_applicable": self.not_applicable,
            "no_data": self.no_data,
            "points": round(self.points, 6),
            "possible": round(self.possible, 6),
            "pc": None if self.pc is None else round(self.pc, 6),
            "pc_complete": None if self.pc_complete is None else round(self.pc_complete, 6),
        }


@dataclass(frozen=True)
class RequirementResult:
    """A requirement's current and intended outcome with its answer."""

    requirement: Requirement
    current: Outcome
    intended: Outcome
    answer: Answer | None


@dataclass(frozen=True)
class Scores:
    """Scores at every level for one set of outcomes."""

    overall: Score
    overall_pc: float | None
    prerequisites: Score
    performance: Score
    categories: Mapping[str, Score]
    subcategories: Mapping[str, Score]


@dataclass(frozen=True)
class Gate:
    """Whether the park meets every applicable EIP prerequisite, and how sure that verdict is.

    ``provisional`` is true when the gate is blocked only by ``inferred`` prerequisites (no source
    names them), so "not passed" is our inference, not a verdict the framework's sources support.
    """

    passed: bool
    blocking: tuple[str, ...]
    provisional: bool = False
    sourced_blocking: tuple[str, ...] = ()  # blocking prerequisites whose topic a source confirms

    @property
    def reason(self) -> str:
        """Return the reason code: passed, blocked (a source-backed prerequisite) or blocked_provisional."""
        if self.passed:
            return "passed"
        return "blocked_provisional" if self.provisional else "blocked"


@dataclass(frozen=True)
class Assessment:
    """Everything one evaluation produced: the pure engine's whole output."""

    catalogue: Catalogue
    site: SiteProfile
    round: Round
    policy: str
    results: tuple[RequirementResult, ...]
    current: Scores
    intended: Scores
    gate: Gate
    parameters: tuple[tuple[str, Param], ...]
