"""Load a site folder: its profile (site.yaml) and assessment rounds (answers.yaml + tenant survey)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from ..engine.kinds import REGISTRY
from ..errors import InputError, Problem, UsageError, found_repr
from ..fsutil import escapes
from ..model import Answer, Catalogue, Round, SiteProfile
from ..yamlsrc import load
from . import domain
from .actions import ACTIONS_FILE, round_actions
from .rounds import round_dir, round_ids
from .spec import Anything, Date, DictOf, Field, Int, ListOf, Nested, Number, Spec, Text, TextSpec, check

__all__ = ["load_site", "load_round", "parse_answers", "round_dir", "round_ids", "survey_path"]

SURVEY_NAMES = ("tenants.csv", "tenants.xlsx")


class SiteSpec(Spec):
    """The schema of site.yaml."""

    id: str
    name: TextSpec
    country: str
    operator: TextSpec
    area_ha: float | None
    tenants_total: int
    established: int | None
    framework: str
    profile: str | None
    description: TextSpec | None
    sectors: list[str]
    tags: dict[str, str]
    plots: dict[str, Any] | None
    neighbours: list[Any] | None
    FIELDS = {
        "id": Field(Text(pattern=r"^[a-z0-9][a-z0-9_.-]*$")),
        "name": Field(Nested(TextSpec)),
        "country": Field(Text(pattern=r"^[A-Za-z]{2}$")),  # ISO 3166 alpha-2; no control or markup characters
        "operator": Field(Nested(TextSpec)),
        "area_ha": Field(Number(gt=0), None, nullable=True),
        "tenants_total": Field(Int(ge=0)),
        "established": Field(Int(ge=1800, le=2100), None, nullable=True),
        "framework": Field(Text(), "eip-v2"),
        "profile": Field(Text(), None, nullable=True),
        "description": Field(Nested(TextSpec), None, nullable=True),
        "sectors": Field(ListOf(Text()), []),  # the park's dominant sectors as the programme names them
        "tags": Field(DictOf(Text(), Text()), {}),  # peer-group tags a programme defines (region: north, ...)
        "plots": Field(DictOf(Text(), Anything()), None, nullable=True),  # plot positions, read by flows.sitegeo
        "neighbours": Field(ListOf(Anything()), None, nullable=True),  # non-tenant neighbours, read by flows.sitegeo
    }


class AnswerSpec(Spec):
    """The schema of one answer in answers.yaml."""

    value: Any
    intended: Any
    evidence: list[str]
    comment: str
    not_applicable: str | None
    FIELDS = {
        "value": Field(Anything(), None),
        "intended": Field(Anything(), None),
        "evidence": Field(ListOf(Text()), []),
        "comment": Field(Text(), ""),
        "not_applicable": Field(Text(), None, nullable=True),
    }


class RoundSpec(Spec):
    """The schema of answers.yaml."""

    date: dt.date
    assessor: str
    intended_year: int | None
    survey: str | None
    tenants_total: int | None
    answers: dict[str, Any] | None
    calibration: TextSpec | None
    FIELDS = {
        "date": Field(Date()),
        "assessor": Field(Text(min_length=1)),
        "intended_year": Field(Int(ge=2000, le=2100), None, nullable=True),
        "survey": Field(Text(), None, nullable=True),
        "tenants_total": Field(Int(ge=0), None, nullable=True),
        # "answers:" with every entry still commented out reads as null
        "answers": Field(DictOf(Text(), Anything()), None, nullable=True),
        # For a sample written to reproduce a published figure: what it was calibrated to (shown in reports).
        "calibration": Field(Nested(TextSpec), None, nullable=True),
    }


def digest(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_site(folder: Path) -> tuple[SiteProfile, list[Problem]]:
    """Read site.yaml in ``folder``; raise InputError on any error."""
    path = folder / "site.yaml"
    if not path.is_file():
        raise UsageError(f"{folder}: not a site folder (expected {path})")
    outside = escapes(folder, path)
    if outside:
        raise InputError(Problem(str(path), None, "", "a file inside the site folder", outside))
    src = load(path)
    spec, problems = check(src, SiteSpec, src.data)
    problems = src.problems + problems
    if spec is not None:
        problems += reference_problems(folder, src, spec)
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
            profile=str(folder / spec.profile) if spec.profile and is_path(spec.profile) else spec.profile,
            extra={
                **({"description": spec.description.as_text()} if spec.description else {}),
                **({"sectors": list(spec.sectors)} if spec.sectors else {}),
                **({"tags": dict(spec.tags)} if spec.tags else {}),
            },
        ),
        problems,
    )


def is_path(text: str) -> bool:
    """Tell whether a reference in a site file names a file or folder rather than a built-in id."""
    return "/" in text or "\\" in text or text.endswith((".yaml", ".yml")) or text.startswith((".", "~"))


def relative_problem(text: str, allow_sibling: bool = False) -> str:
    """Return why a path written in a site file is not a plain relative path inside the site, or ""."""
    norm = text.replace("\\", "/")
    if norm.startswith(("/", "~")) or (len(norm) > 1 and norm[1] == ":"):
        return f"an absolute path {text!r}"
    parts = [p for p in norm.split("/") if p not in ("", ".")]
    if ".." in parts:
        sibling = allow_sibling and len(parts) == 2 and parts[0] == ".." and parts[1] != ".."
        if not sibling:
            return f"a path leaving the site folder {text!r}"
    return ""


def reference_problems(folder: Path, src: Any, spec: SiteSpec) -> list[Problem]:
    """Check the paths site.yaml names: a profile file inside the site; a framework folder inside it or beside it."""
    out: list[Problem] = []
    if spec.profile:
        target = folder / spec.profile if is_path(spec.profile) else folder / f"{spec.profile}.yaml"
        why = relative_problem(spec.profile) if is_path(spec.profile) else ""
        why = why or (escapes(folder, target) if target.exists() else "")
        if why:
            out.append(src.problem(("profile",), "a profile id, or a YAML file inside the site folder", why))
    why = relative_problem(spec.framework, allow_sibling=True) if is_path(spec.framework) else ""
    target = folder / spec.framework / "framework.yaml"
    if not why and target.exists():
        beside = spec.framework.replace("\\", "/").startswith("..")
        why = escapes(folder.parent if beside else folder, target)
    if why:
        out.append(
            src.problem(("framework",), "a built-in framework id, or a framework folder inside the site or beside it", why)
        )
    return out


ANSWER_KEYS = frozenset(AnswerSpec.FIELDS)


def _answer(raw: Any) -> dict[str, Any]:
    """Expand the shorthand ``ID: value`` (also a bare checklist or document mapping) to ``ID: {value: value}``."""
    if isinstance(raw, dict) and ANSWER_KEYS.intersection(str(k) for k in raw):
        return raw
    return {"value": raw}


def parse_answers(path: Path, catalogue: Catalogue) -> tuple[RoundSpec, dict[str, Answer], list[Problem]]:
    """Read answers.yaml and check every answer against its requirement's rule kind."""
    src = load(path)
    spec, problems = check(src, RoundSpec, src.data)
    problems = src.problems + problems
    if spec is None:
        raise InputError(problems)
    ids = {r.id: r for r in catalogue.requirements}
    answers: dict[str, Answer] = {}
    for rid, raw in (spec.answers or {}).items():
        key = ("answers", rid)
        req = ids.get(str(rid))
        if req is None:
            problems.append(src.problem(key, "a requirement id of the criteria in use", repr(rid)))
            continue
        aspec, aprob = check(src, AnswerSpec, _answer(raw), key)
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
                continue
            bad = domain.check_answer(req, field, given, spec.date)
            if bad:
                problems.append(src.problem((*key, field) if isinstance(raw, dict) else key, *bad))
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
    if spec.survey and relative_problem(spec.survey):
        problems.append(src.problem(("survey",), "a survey file name inside the round folder", relative_problem(spec.survey)))
    if any(not p.warning for p in problems):
        raise InputError(problems)
    return spec, answers, problems


def survey_path(rdir: Path, spec: RoundSpec) -> Path | None:
    """Return the round's survey file, named in answers.yaml or found by its default name."""
    site = rdir.parent.parent
    if spec.survey:
        path = rdir / spec.survey
        why = relative_problem(spec.survey) or (escapes(site, path) if path.exists() else "")
        if why:
            line = load(rdir / "answers.yaml").line(("survey",))
            raise InputError(Problem(str(rdir / "answers.yaml"), line, "survey", "a survey file inside the site folder", why))
        if not path.is_file():
            raise InputError(Problem(str(rdir / "answers.yaml"), None, "survey", "an existing survey file", spec.survey))
        return path
    for name in SURVEY_NAMES:
        if (rdir / name).is_file():
            why = escapes(site, rdir / name)
            if why:
                raise InputError(Problem(str(rdir / name), None, "", "a survey file inside the site folder", why))
            return rdir / name
    return None


def load_round(folder: Path, round_id: str | None, site: SiteProfile, catalogue: Catalogue) -> tuple[Round, list[Problem]]:
    """Load a round's answers and aggregate its tenant survey (pandas is imported only here)."""
    rdir = round_dir(folder, round_id)
    why = escapes(folder, rdir / "answers.yaml")
    if why:
        raise InputError(Problem(str(rdir / "answers.yaml"), None, "", "a round inside the site folder", why))
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
    from ..symbiosis.register import REGISTER_FILE, engine_register

    synergies = engine_register(folder)  # the site's synergy register, when it keeps one (docs/symbiosis.md)
    if synergies is not None:
        checksums[REGISTER_FILE] = digest(folder / REGISTER_FILE)
    actions, awarn = round_actions(rdir, {r.id for r in catalogue.requirements})
    if actions:
        checksums[ACTIONS_FILE] = digest(rdir / ACTIONS_FILE)
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
            synergies=synergies,
            actions=actions,
        ),
        warnings + awarn,
    )
