"""The versioned, self-contained JSON result of an assessment: what reports and history consume."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__
from .engine.policies import POLICIES
from .errors import InputError, Problem
from .model import RESPONSE_DEFINITION, Assessment, IndicatorSummary, Outcome, RequirementResult, Scores, tr

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


def to_dict(a: Assessment, created: str | None = None) -> dict[str, Any]:
    """Return the versioned JSON-ready record of an assessment."""
    cat = a.catalogue
    survey = a.round.survey
    pol = POLICIES[a.policy]
    return {
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
        },
    }


def dumps(record: Mapping[str, Any]) -> str:
    """Serialise a result record deterministically (sorted keys, UTF-8 kept readable)."""
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def check_record(record: Any, origin: str) -> dict[str, Any]:
    """Check that ``record`` is a result this tool can read; raise InputError otherwise."""
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
    return record


def read(path: Path) -> dict[str, Any]:
    """Read a result JSON file and check its format and version."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(str(path), None, "", "a readable UTF-8 JSON file", str(exc))) from None
    except json.JSONDecodeError as exc:
        raise InputError(Problem(str(path), exc.lineno, "", "valid JSON", exc.msg)) from None
    return check_record(record, str(path))


def site_name(record: Mapping[str, Any], lang: str = "en") -> str:
    """Return the site's name from a result record in ``lang``."""
    return tr(record["site"]["name"], lang)


def gate_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return a record's gate with its certainty, derived from its requirements for records stored before it was recorded."""
    gate = dict(record["gate"])
    reqs = {r["id"]: r for r in record.get("requirements", [])}
    blocking = list(gate.get("blocking", []))
    if "provisional" not in gate:  # results written before the gate said how sure it is
        sourced = [rid for rid in blocking if (reqs.get(rid, {}).get("provenance") or {}).get("status") != "inferred"]
        gate["sourced_blocking"] = sourced
        gate["provisional"] = bool(blocking) and not sourced
        gate["reason"] = "passed" if gate["passed"] else "blocked_provisional" if gate["provisional"] else "blocked"
    titles = dict(gate.get("blocking_titles") or {})
    for rid in blocking:
        titles.setdefault(rid, dict(reqs.get(rid, {}).get("title") or {"en": rid}))
    gate["blocking_titles"] = titles
    return gate


def certainty(record: Mapping[str, Any]) -> dict[str, int]:
    """Count the record's requirements by provenance and its provisional parameters."""
    statuses = [(r.get("provenance") or {}).get("status", "inferred") for r in record.get("requirements", [])]
    params = record.get("parameters", [])
    return {
        "requirements": len(statuses),
        "inferred": statuses.count("inferred"),
        "topic_confirmed": statuses.count("topic_confirmed"),
        "verified": statuses.count("verified"),
        "parameters": len(params),
        "provisional_parameters": sum(1 for p in params if not p.get("confirmed")),
    }
