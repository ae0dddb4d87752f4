"""Load a site folder: its profile (site.yaml) and assessment rounds (answers.yaml + tenant survey)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Optional

from pydantic import Field

from ..catalogue.schema import Node, TextSpec
from ..catalogue.validate import validate
from ..engine.kinds import REGISTRY
from ..errors import InputError, Problem, UsageError, found_repr
from ..model import Answer, Catalogue, Round, SiteProfile
from ..yamlsrc import load
from .rounds import round_dir, round_ids

__all__ = ["load_site", "load_round", "parse_answers", "round_dir", "round_ids", "survey_path"]

SURVEY_NAMES = ("tenants.csv", "tenants.xlsx")


class SiteSpec(Node):
    """The schema of site.yaml."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: TextSpec
    country: str = Field(min_length=2)
    operator: TextSpec
    area_ha: Optional[float] = Field(default=None, gt=0)
    tenants_total: int = Field(ge=0)
    established: Optional[int] = Field(default=None, ge=1800, le=2100)
    framework: str = "eip-v2"
    profile: Optional[str] = None
    description: Optional[TextSpec] = None


class AnswerSpec(Node):
    """The schema of one answer in answers.yaml."""

    value: Any = None
    intended: Any = None
    evidence: list[str] = Field(default_factory=list)
    comment: str = ""
    not_applicable: Optional[str] = None


class RoundSpec(Node):
    """The schema of answers.yaml."""

    date: dt.date
    assessor: str = Field(min_length=1)
    intended_year: Optional[int] = Field(default=None, ge=2000, le=2100)
    survey: Optional[str] = None
    tenants_total: Optional[int] = Field(default=None, ge=0)
    answers: dict[str, Any] = Field(default_factory=dict)
    # For a sample written to reproduce a published figure: what it was calibrated to (shown in reports).
    calibration: Optional[TextSpec] = None


def digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_site(folder: Path) -> tuple[SiteProfile, list[Problem]]:
    """Read site.yaml in ``folder``; raise InputError on any error."""
    path = folder / "site.yaml"
    if not path.is_file():
        raise UsageError(f"{folder}: not a site folder (expected {path})")
    src = load(path)
    spec, problems = validate(src, SiteSpec, src.data)
    problems = src.problems + problems
    if spec is None or any(not p.warning for p in problems):
        raise InputError(problems)
    return (
        SiteProfile(
            id=spec.id,
            name=spec.name.as_text(),
            country=spec.country,
            operator=spec.operator.as_text(),
            area_ha=spec.area_ha,
            tenants_total=spec.tenants_total,
            established=spec.established,
            framework=spec.framework,
            profile=spec.profile,
            extra={"description": spec.description.as_text()} if spec.description else {},
        ),
        problems,
    )


ANSWER_KEYS = frozenset(AnswerSpec.model_fields)


def _answer(raw: Any) -> dict[str, Any]:
    """Expand the shorthand ``ID: value`` (also a bare checklist or document mapping) to ``ID: {value: value}``."""
    if isinstance(raw, dict) and ANSWER_KEYS.intersection(str(k) for k in raw):
        return raw
    return {"value": raw}


def parse_answers(path: Path, catalogue: Catalogue) -> tuple[RoundSpec, dict[str, Answer], list[Problem]]:
    """Read answers.yaml and check every answer against its requirement's rule kind."""
    src = load(path)
    spec, problems = validate(src, RoundSpec, src.data)
    problems = src.problems + problems
    if spec is None:
        raise InputError(problems)
    ids = {r.id: r for r in catalogue.requirements}
    answers: dict[str, Answer] = {}
    for rid, raw in spec.answers.items():
        key = ("answers", rid)
        req = ids.get(str(rid))
        if req is None:
            problems.append(src.problem(key, "a requirement id of the criteria in use", repr(rid)))
            continue
        aspec, aprob = validate(src, AnswerSpec, _answer(raw), key)
        problems += aprob
        if aspec is None:
            continue
        if aspec.not_applicable is not None:
            if not str(aspec.not_applicable).strip():
                problems.append(
                    src.problem((*key, "not_applicable"), "a written justification for not applicable", "an empty text")
                )
                continue
        kind = REGISTRY[req.rule.kind]
        for field in ("value", "intended"):
            given = getattr(aspec, field)
            if given is None:
                continue
            expected = kind.check_answer(req.rule, given)
            if expected:
                problems.append(src.problem((*key, field) if isinstance(raw, dict) else key, expected, found_repr(given)))
        if (
            aspec.not_applicable is None
            and aspec.value is None
            and aspec.intended is None
            and not getattr(kind, "USES_SURVEY", False)
        ):
            if not aspec.evidence and not aspec.comment:
                problems.append(src.problem(key, "a value, or not_applicable with a justification", "neither", warning=True))
        answers[str(rid)] = Answer(
            value=aspec.value,
            intended=aspec.intended,
            evidence=tuple(aspec.evidence),
            comment=aspec.comment,
            not_applicable=aspec.not_applicable.strip() if aspec.not_applicable else None,
        )
    if spec.date > dt.date.today():
        problems.append(src.problem(("date",), "an assessment date not in the future", spec.date.isoformat()))
    if any(not p.warning for p in problems):
        raise InputError(problems)
    return spec, answers, problems


def survey_path(rdir: Path, spec: RoundSpec) -> Path | None:
    """Return the round's survey file, named in answers.yaml or found by its default name."""
    if spec.survey:
        path = rdir / spec.survey
        if not path.is_file():
            raise InputError(Problem(str(rdir / "answers.yaml"), None, "survey", "an existing survey file", spec.survey))
        return path
    for name in SURVEY_NAMES:
        if (rdir / name).is_file():
            return rdir / name
    return None


def load_round(folder: Path, round_id: str | None, site: SiteProfile, catalogue: Catalogue) -> tuple[Round, list[Problem]]:
    """Load a round's answers and aggregate its tenant survey (pandas is imported only here)."""
    rdir = round_dir(folder, round_id)
    spec, answers, warnings = parse_answers(rdir / "answers.yaml", catalogue)
    checksums = {"answers.yaml": digest(rdir / "answers.yaml")}
    summary = None
    spath = survey_path(rdir, spec)
    if spath is not None:
        from .survey import aggregate, read_survey

        frame = read_survey(spath, catalogue.indicators)
        # The number of tenants at the time of the round, when it differs from today's site.yaml.
        total = spec.tenants_total if spec.tenants_total is not None else site.tenants_total
        summary = aggregate(frame, total, catalogue.indicators)
        checksums[spath.name] = digest(spath)
    return (
        Round(
            id=rdir.name,
            date=spec.date.isoformat(),
            assessor=spec.assessor,
            answers=answers,
            survey=summary,
            intended_year=spec.intended_year,
            checksums=checksums,
            calibration=spec.calibration.as_text() if spec.calibration else None,
        ),
        warnings,
    )
