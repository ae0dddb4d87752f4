"""The schema of framework, requirement and profile files (pydantic), with unknown keys kept for warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field


class Node(BaseModel):
    """Base of every schema node: unknown keys are kept so they can be warned about."""

    model_config = ConfigDict(extra="allow", frozen=True)


class TextSpec(Node):
    """A text in English, with optional Russian (and other) translations."""

    en: str = Field(min_length=1)
    ru: Optional[str] = None

    def as_text(self) -> dict[str, str]:
        """Return the translations as a plain mapping."""
        out = {"en": self.en}
        if self.ru:
            out["ru"] = self.ru
        return out


Status = Literal["verified", "topic_confirmed", "inferred"]


class ParamDefault(Node):
    """A named threshold parameter with its default, unit and provenance."""

    default: Any
    unit: str = ""
    provenance: Status = "inferred"
    note: str = ""
    sources: list[str] = Field(default_factory=list)
    topic: Optional[str] = None


class RuleSpec(Node):
    """A rule: its kind (validated against the engine registry) and named parameters."""

    _extras_are_settings: ClassVar[bool] = True
    kind: str
    params: dict[str, ParamDefault] = Field(default_factory=dict)


class ProvenanceSpec(Node):
    """Where a requirement comes from and how sure we are of its wording."""

    status: Status
    source: str = Field(min_length=1)
    sources: list[str] = Field(default_factory=list)
    topic: Optional[str] = None


Actor = Literal["park_management", "tenants", "authority", "utility"]


class RequirementSpec(Node):
    """One requirement as written in a criteria file."""

    id: str = Field(pattern=r"^[A-Z]{2,4}-[A-Z]?[0-9]{1,3}(\.[0-9]{1,2})?$")
    category: Optional[str] = None
    subcategory: str
    type: Literal["prerequisite", "performance"]
    level: Literal["park", "tenants", "both"]
    title: TextSpec
    description: TextSpec
    rule: RuleSpec
    actors: list[Actor] = Field(min_length=1)
    guidance: TextSpec
    evidence: list[TextSpec] = Field(min_length=1)
    actions: list[TextSpec] = Field(min_length=1)
    provenance: ProvenanceSpec
    weight: float = Field(default=1.0, gt=0)


class RequirementFile(Node):
    """A file of requirements belonging to one category."""

    category: str
    # Items are validated one by one (RequirementSpec), so one bad item never hides another's problems.
    requirements: list[Any] = Field(min_length=1)


class SubCategorySpec(Node):
    """A sub-category id with its title."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: TextSpec


class CategorySpec(Node):
    """A category with its sub-categories in order."""

    id: Literal["park_management", "environmental", "social", "economic"]
    title: TextSpec
    subcategories: list[SubCategorySpec] = Field(min_length=1)


class IndicatorSpec(Node):
    """A tenant survey column that aggregates into a park indicator."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: Literal["yes_no", "number"]
    question: TextSpec
    unit: str = ""
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    part_of: Optional[str] = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")  # a firm's value is at most this column's


class FrameworkSpec(Node):
    """The framework file: identity, categories and tenant indicators."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    version: str
    title: TextSpec
    source: str
    categories: list[CategorySpec] = Field(min_length=1)
    tenant_indicators: list[IndicatorSpec] = Field(default_factory=list)
    requirement_files: list[str] = Field(min_length=1)


class ParamOverride(Node):
    """A parameter value set by a profile, with why it can be trusted."""

    value: Any
    provenance: Status = "verified"
    note: str = ""
    sources: list[str] = Field(default_factory=list)
    topic: Optional[str] = None


class ProfileSpec(Node):
    """A tailoring profile: a small diff on a framework or on another profile."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    title: TextSpec
    extends: str
    description: Optional[TextSpec] = None
    parameters: dict[str, ParamOverride] = Field(default_factory=dict)
    drop: list[str] = Field(default_factory=list)
    add: list[RequirementSpec] = Field(default_factory=list)
    weights: dict[str, float] = Field(default_factory=dict)
    retype: dict[str, Literal["prerequisite", "performance"]] = Field(default_factory=dict)
    # Sources this profile cites besides the built-in register (same fields as criteria/sources.yaml).
    sources: list[Any] = Field(default_factory=list)


class SourceSpec(Node):
    """One entry of a source register: a publication, where to find it and what it supports."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    citation: str = Field(min_length=1)
    address: str = Field(min_length=1)
    date: Union[dt.date, int, str]
    language: str = Field(min_length=1)
    read: str = Field(min_length=1)
    official: bool = False
    supports: list[str] = Field(min_length=1)


class SourceFile(Node):
    """A source register file: the list of sources."""

    # Items are validated one by one, so one bad entry never hides another's problems.
    sources: list[Any] = Field(min_length=1)
