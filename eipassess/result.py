"""The versioned, self-contained JSON result of an assessment: what reports and history consume."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import __version__
from .engine.policies import POLICIES
from .errors import InputError, Problem, found_repr
from .model import RESPONSE_DEFINITION, Assessment, IndicatorSummary, Outcome, PlanAction, RequirementResult, Scores, tr

FORMAT = "eipassess.result"
FORMAT_VERSION = 1


def _outcome(o: Outcome) -> dict[str, Any]:
    """Serialise an outcome."""
    return {"verdict": o.verdict.value, "reason": o.reason, "values": dict(o.values)}


def _requirement(r: RequirementResult) -> dict[str, Any]:
    """Serialise one requirement with its texts, so reports never need the criteria files."""
    req = r.requirement
    a = r.answer
    return {
        "id": req.id,
        "category": req.category,
        "subcategory": req.subcategory,
        "type": req.type,
        "level": req.level,
        "kind": req.rule.kind,
        "weight": req.weight,
        "title": dict(req.title),
        "description": dict(req.description),
        "guidance": dict(req.guidance),
        "evidence_hints": [dict(e) for e in req.evidence],
        "actions": [dict(x) for x in req.actions],
        "actors": list(req.actors),
        "provenance": {"status": req.provenance, "source": req.source, "sources": list(req.sources), "topic": req.topic},
        "settings": _plain(dict(req.rule.settings)),
        "current": _outcome(r.current),
        "intended": _outcome(r.intended),
        "answer": None
        if a is None
        else {
            "value": _plain(a.value),
            "intended": _plain(a.intended),
            "evidence": list(a.evidence),
            "comment": a.comment,
            "not_applicable": a.not_applicable,
        },
    }


def _plain(value: Any) -> Any:
    """Make YAML values (dates, nested maps) JSON-safe."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _scores(s: Scores) -> dict[str, Any]:
    """Serialise scores at every level."""
    return {
        "overall": {**s.overall.as_dict(), "pc": None if s.overall_pc is None else round(s.overall_pc, 6)},
        "prerequisites": s.prerequisites.as_dict(),
        "performance": s.performance.as_dict(),
        "categories": {k: v.as_dict() for k, v in s.categories.items()},
        "subcategories": {k: v.as_dict() for k, v in s.subcategories.items()},
    }


def _indicator(i: IndicatorSummary) -> dict[str, Any]:
    """Serialise one aggregated tenant indicator."""
    return {
        "type": i.type,
        "answered": i.answered,
        "missing": i.missing,
        "yes": i.yes,
        "not_relevant": i.not_relevant,
        "share": None if i.share is None else round(i.share, 6),
        "total": i.total,
        "mean": i.mean,
        "per_employee": i.per_employee,
    }


def _action(x: PlanAction) -> dict[str, Any]:
    """Serialise one action of the round's action plan."""
    return {
        "id": x.id,
        "title": dict(x.title),
        "requirements": list(x.requirements),
        "owner": {"actor": x.actor, "organisation": x.organisation},
        "start": x.start,
        "due": x.due,
        "cost": None if x.cost is None else {"amount": x.cost, "currency": x.currency},
        "support": x.support,
        "priority": x.priority,
        "status": x.status,
        "evidence": list(x.evidence),
    }


def to_dict(a: Assessment, created: str | None = None) -> dict[str, Any]:
    """Return the versioned JSON-ready record of an assessment."""
    cat = a.catalogue
    survey = a.round.survey
    pol = POLICIES[a.policy]
    plan = {"actions": [_action(x) for x in a.round.actions]} if a.round.actions else {}
    return {
        **plan,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "created": created or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "site": {
            "id": a.site.id,
            "name": dict(a.site.name),
            "country": a.site.country,
            "operator": dict(a.site.operator),
            "area_ha": a.site.area_ha,
            "tenants_total": a.site.tenants_total,
            "established": a.site.established,
            **{k: a.site.extra[k] for k in ("sectors", "tags") if a.site.extra.get(k)},  # only when site.yaml gives them
        },
        "round": {
            "id": a.round.id,
            "date": a.round.date,
            "assessor": a.round.assessor,
            "intended_year": a.round.intended_year,
            **({"calibration": dict(a.round.calibration)} if a.round.calibration else {}),
        },
        "framework": {
            "id": cat.framework_id,
            "version": cat.framework_version,
            "title": dict(cat.title),
            "checksum": cat.checksum,
        },
        "profile": None
        if cat.profile_id is None
        else {
            "id": cat.profile_id,
            "title": dict(cat.profile_title or {}),
            "changes": list(cat.profile_changes),
        },
        "policy": {
            "name": pol.name,
            "summary": pol.summary,
            "formula": pol.formula,
            "partly_credit": pol.partly,
            "weighted": pol.weighted,
            "overall": pol.overall,
        },
        "inputs": dict(a.round.checksums),
        "categories": [
            {"id": c.id, "title": dict(c.title), "subcategories": [{"id": s.id, "title": dict(s.title)} for s in c.subcategories]}
            for c in cat.categories
        ],
        "parameters": [
            {
                "requirement": rid,
                "name": p.name,
                "value": p.value,
                "unit": p.unit,
                "provenance": p.provenance,
                "note": p.note,
                "source": p.source,
                "sources": list(p.sources),
                "confirmed": p.confirmed,
            }
            for rid, p in a.parameters
        ],
        "requirements": [_requirement(r) for r in a.results],
        "scores": {"current": _scores(a.current), "intended": _scores(a.intended)},
        "gate": {
            "passed": a.gate.passed,
            "blocking": list(a.gate.blocking),
            "provisional": a.gate.provisional,
            "reason": a.gate.reason,
            "sourced_blocking": list(a.gate.sourced_blocking),
            "blocking_titles": {
                r.requirement.id: dict(r.requirement.title) for r in a.results if r.requirement.id in a.gate.blocking
            },
        },
        "survey": None
        if survey is None
        else {
            "firms": survey.firms,
            "respondents": survey.responding,
            "response_rate_definition": RESPONSE_DEFINITION,
            "tenants_total": survey.tenants_total,
            "response_rate": None if survey.response_rate is None else round(survey.response_rate, 6),
            "employees": survey.employees,
            "sectors": dict(survey.sectors),
            "indicators": {k: _indicator(v) for k, v in survey.indicators.items()},
            "questions": {i.id: dict(i.question) for i in cat.indicators if i.id in survey.indicators},
        },
    }


def json_path(parts: Any) -> str:
    """Render a path of keys and indexes as ``$.requirements[3].verdict``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _non_finite(value: Any, parts: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every NaN or infinite number in a JSON-like value."""
    if isinstance(value, float) and not math.isfinite(value):
        yield parts
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _non_finite(v, (*parts, k))
    elif isinstance(value, (list, tuple)):
        for n, v in enumerate(value):
            yield from _non_finite(v, (*parts, n))


def dumps(record: Mapping[str, Any]) -> str:
    """Serialise a result record deterministically (sorted keys, UTF-8 kept readable); never NaN or Infinity."""
    bad = next(_non_finite(dict(record)), None)
    if bad is not None:
        raise ValueError(f"internal error: the result holds a non-finite number at {json_path(bad)}; it is not written")
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


@cache
def _validator() -> Any:
    """Return the compiled JSON Schema validator of the result format (eipassess/schemas/result.schema.json)."""
    import jsonschema

    schema = json.loads((files("eipassess") / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(_inline(schema, schema.get("$defs", {})))


def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    """Replace each local ``$ref`` by its definition: the same schema, validated about twice as fast by jsonschema."""
    if isinstance(node, dict):
        if set(node) == {"$ref"} and str(node["$ref"]).startswith("#/$defs/"):
            return _inline(defs[node["$ref"].split("/")[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _short(error: Any) -> tuple[str, str]:
    """Return (expected, found) for one schema error, in the words of an error message."""
    found = "nothing" if error.validator == "required" else _found(error.instance)
    if error.validator == "enum":
        return "one of " + ", ".join(map(repr, error.validator_value)), found
    if error.validator == "const":
        return repr(error.validator_value), found
    if error.validator == "type":
        kinds = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return " or ".join(kinds), found
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a key"
        return f"a key {missing!r}", "none"
    if error.validator in ("minimum", "maximum"):
        return f"{'at least' if error.validator == 'minimum' else 'at most'} {error.validator_value}", found
    return error.message.split(" is ")[-1] if " is " in error.message else error.message, found


def _found(value: Any) -> str:
    """Render a found JSON value briefly."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return found_repr(value)


def schema_problems(record: Any, origin: str) -> list[Problem]:
    """Return one problem per place where ``record`` departs from the result schema, named by its JSON path."""
    problems = [Problem(origin, None, json_path(p), "a finite number", "NaN or Infinity") for p in _non_finite(record)]
    for error in sorted(_validator().iter_errors(record), key=lambda e: [str(x) for x in e.absolute_path])[:50]:
        path = list(error.absolute_path)
        if error.validator == "required" and "'" in error.message:
            path.append(error.message.split("'")[1])
        expected, found = _short(error)
        problems.append(Problem(origin, None, json_path(path), expected, found))
    return problems


def check_record(record: Any, origin: str) -> dict[str, Any]:
    """Check that ``record`` is a result this tool can read; raise InputError naming each bad JSON path."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise InputError(
            Problem(
                origin,
                None,
                "format",
                f"an eipassess result ({FORMAT!r})",
                repr(record.get("format") if isinstance(record, dict) else type(record).__name__),
            )
        )
    version = record.get("format_version")
    if version != FORMAT_VERSION:
        raise InputError(
            Problem(
                origin,
                None,
                "format_version",
                f"format version {FORMAT_VERSION} (this is eipassess {__version__})",
                repr(version),
            )
        )
    problems = schema_problems(record, origin)
    if problems:
        raise InputError(problems)
    return record


def read(path: Path) -> dict[str, Any]:
    """Read a result JSON file and check it against the result schema."""
    if path.is_dir() or (path.exists() and not path.is_file()):
        raise InputError(Problem(str(path), None, "", "a result JSON file", "a folder or a device"))
    try:
        record = json.loads(path.read_text(encoding="utf-8"))  # NaN/Infinity are named by their JSON path below
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, "", "a readable UTF-8 JSON file", str(exc))) from None
    except json.JSONDecodeError as exc:
        raise InputError(Problem(str(path), exc.lineno, "", "valid JSON", exc.msg)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(Problem(str(path), None, "", "valid JSON", str(exc)[:80])) from None
    return check_record(record, str(path))


def site_name(record: Mapping[str, Any], lang: str = "en") -> str:
    """Return the site's name from a result record in ``lang``."""
    return tr(record["site"]["name"], lang)
