"""Light readers of stored result records: the gate's certainty, provenance counts, former policy names.

Plain dicts in, plain values out; no heavy imports, so ``history`` and ``compare`` can use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Former names of scoring policies, still read from stored results and accepted on the command line.
POLICY_ALIASES: Mapping[str, str] = {"published": "strict"}


def canonical_policy(name: str) -> str:
    """Return the current name of a policy, mapping a former name (``published``) to its new one."""
    return POLICY_ALIASES.get(name, name)


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
