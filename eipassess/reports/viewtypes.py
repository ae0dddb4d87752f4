"""Plain records the report templates lay out; every figure in them is already formatted text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .planview import PlanView

SYMBOLS = {"met": "✓", "partly_met": "◐", "not_met": "✗", "not_applicable": "–", "no_data": "?"}


@dataclass(frozen=True)
class Status:
    """A verdict as shown: word, symbol and CSS class (colour never carries meaning alone)."""

    verdict: str
    label: str
    symbol: str


@dataclass(frozen=True)
class Card:
    """A headline figure of the executive summary."""

    label: str
    value: str
    sentence: str
    state: str  # good, warn, bad, neutral


@dataclass(frozen=True)
class ScoreRow:
    """One row of a score table, also the data of one chart bar."""

    id: str
    label: str
    x_of_y: str
    pc: str
    complete: str
    intended: str
    value: float | None
    intended_value: float | None
    group: str = ""


@dataclass(frozen=True)
class Item:
    """A requirement as shown in the gap analysis, action plan, data gaps and appendix."""

    id: str
    title: str
    description: str
    category_id: str
    category: str
    subcategory: str
    kind: str
    prerequisite: bool
    status: Status
    finding: str
    actor_ids: tuple[str, ...]
    actors: tuple[str, ...]
    actions: tuple[str, ...]
    evidence: tuple[str, ...]
    to_collect: tuple[str, ...]
    comment: str
    intended: Status
    why: str = ""  # why it ranks where it does (top gaps only)


@dataclass(frozen=True)
class Group:
    """A titled list of items (a category of gaps, or an actor of the action plan)."""

    id: str
    title: str
    items: tuple[Item, ...]
    note: str = ""


@dataclass(frozen=True)
class ChangeRow:
    """A requirement whose verdict changed since the earlier round."""

    id: str
    title: str
    before: Status | None
    after: Status | None
    change: str
    change_label: str


@dataclass(frozen=True)
class CategoryDelta:
    """A category's compliance before, now and the change in percentage points."""

    label: str
    before: str
    after: str
    delta: str


@dataclass(frozen=True)
class ChangesView:
    """The "since the last assessment" block."""

    heading: str
    overall: str
    counts: tuple[str, ...]
    categories: tuple[CategoryDelta, ...]
    requirements: tuple[ChangeRow, ...]


@dataclass(frozen=True)
class ParamRow:
    """One threshold parameter used, with whether it is confirmed."""

    requirement: str
    name: str
    value: str
    unit: str
    status: str
    provisional: bool
    note: str
    note_lang: str = ""  # "en" when the note is shown untranslated, as the criteria wrote it


@dataclass(frozen=True)
class IndicatorRow:
    """One aggregated tenant-survey indicator."""

    id: str
    answered: str
    missing: str
    value: str
    low: bool
    label: str = ""  # the survey question in the reader's language


@dataclass(frozen=True)
class SurveyView:
    """The tenant survey summary."""

    sentence: str
    facts: tuple[tuple[str, str], ...]
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class TrendRow:
    """One round on the trend line."""

    label: str
    value: float | None
    pc: str


@dataclass(frozen=True)
class Report:
    """Everything a report shows, in one language; templates only lay this out."""

    lang: str
    title: str
    subtitle: str
    park: str
    round_id: str
    round_date: str  # ISO
    cover: tuple[tuple[str, str], ...]
    generated: str
    cards: tuple[Card, ...]
    lead: tuple[str, ...]
    categories: tuple[ScoreRow, ...]
    subcategories: tuple[ScoreRow, ...]
    top_gaps: tuple[Item, ...]
    changes: ChangesView | None
    trend: tuple[TrendRow, ...]
    gaps: tuple[Group, ...]
    plan: PlanView
    data_gaps: tuple[Item, ...]
    survey: SurveyView | None
    low_indicators: tuple[IndicatorRow, ...]
    method: tuple[str, ...]
    formula: str
    policy_title: str
    framework_line: str
    profile_changes: tuple[str, ...]
    parameters: tuple[ParamRow, ...]
    provisional_note: str
    inputs: tuple[tuple[str, str], ...]
    appendix: tuple[Group, ...]
    actors: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    verdicts: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    legend: tuple[Status, ...] = field(default_factory=tuple)
    fingerprint: str = ""
