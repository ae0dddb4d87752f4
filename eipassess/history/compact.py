"""Pure helpers of the compact record format: canonical JSON, shared parts, and the facts a portfolio row needs.

A result record is stored as a skeleton (its own verdicts, answers, scores, survey, site and round)
plus references to parts that many records share (each requirement's texts and rule settings, the
categories, the parameters). ``unpack(pack(r))`` gives ``r`` back exactly; the content digest is
always taken over the whole canonical record, so a reassembled record proves itself.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Mapping
from typing import Any

PART_KEYS = ("categories", "parameters")  # whole top-level values stored as shared parts
REQ_OWN = ("current", "intended", "answer")  # what stays in the skeleton of a requirement
REF = "$part"
VERDICT_CODE = {"met": "m", "partly_met": "p", "not_met": "n", "no_data": "d", "not_applicable": "a"}
CODE_VERDICT = {v: k for k, v in VERDICT_CODE.items()}
ZLEVEL = 6


def canonical(value: Any) -> str:
    """Serialise compactly and deterministically for hashing."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content(record: Mapping[str, Any]) -> str:
    """Return the canonical JSON of a record without its creation time (kept in its own column)."""
    return canonical({k: v for k, v in record.items() if k != "created"})


def sha(text: str) -> str:
    """Return the SHA-256 of a text as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def squeeze(text: str) -> bytes:
    """Compress a JSON text for storage."""
    return zlib.compress(text.encode("utf-8"), ZLEVEL)


def unsqueeze(body: bytes) -> Any:
    """Decompress and parse a stored JSON body."""
    return json.loads(zlib.decompress(bytes(body)).decode("utf-8"))


def pack(record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Split a record (without ``created``) into its skeleton and its shared parts {digest: canonical JSON}."""
    parts: dict[str, str] = {}

    def ref(value: Any) -> dict[str, str]:
        text = canonical(value)
        key = sha(text)
        parts[key] = text
        return {REF: key}

    skeleton = {k: v for k, v in record.items() if k != "created"}
    for key in PART_KEYS:
        if key in skeleton:
            skeleton[key] = ref(skeleton[key])
    skeleton["requirements"] = [
        {**{k: r[k] for k in REQ_OWN if k in r}, **ref({k: v for k, v in r.items() if k not in REQ_OWN})}
        for r in record.get("requirements", [])
    ]
    return skeleton, parts


def unpack(skeleton: Mapping[str, Any], part: Callable[[str], Any]) -> dict[str, Any]:
    """Reassemble a record from its skeleton; ``part(digest)`` returns a shared part's value."""
    record = dict(skeleton)
    for key in PART_KEYS:
        value = record.get(key)
        if isinstance(value, dict) and REF in value:
            record[key] = part(value[REF])
    reqs = []
    for r in record.get("requirements", []):
        own = {k: v for k, v in r.items() if k != REF}
        reqs.append({**part(r[REF]), **own} if REF in r else own)
    record["requirements"] = reqs
    return record


def requirement_meta(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return what the programme view needs of each requirement: id, category, type, title, actors, actions."""
    keys = ("id", "category", "subcategory", "type", "level", "kind", "title", "actors", "actions")
    return [{k: r.get(k) for k in keys} for r in record.get("requirements", [])]


def index_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return the index columns of a record: what portfolio queries filter and sort on."""
    cur, intended = record["scores"]["current"], record["scores"]["intended"]
    gate = record.get("gate") or {}
    survey = record.get("survey") or {}
    provisional = gate.get("provisional")
    return {
        "intended_pc": intended["overall"].get("pc"),
        "pc_complete": cur["overall"].get("pc_complete"),
        "response_rate": survey.get("response_rate"),
        "gate_passed": None if gate.get("passed") is None else int(bool(gate["passed"])),
        "gate_provisional": None if provisional is None else int(bool(provisional)),
        "country": str(record["site"].get("country") or ""),
    }


def facts(record: Mapping[str, Any], meta_digest: str) -> dict[str, Any]:
    """Return the rest of a record's portfolio row: site profile, category scores, verdicts, blocking prerequisites."""
    site = record["site"]
    cur, intended = record["scores"]["current"], record["scores"]["intended"]
    survey = record.get("survey") or {}
    return {
        "name": dict(site.get("name") or {}),
        "area_ha": site.get("area_ha"),
        "established": site.get("established"),
        "tenants_total": site.get("tenants_total"),
        "tags": dict(site.get("tags") or {}),
        "sectors": list(site.get("sectors") or []),
        "survey_sectors": dict(survey.get("sectors") or {}),
        "firms": survey.get("firms"),
        "prerequisites": cur["prerequisites"].get("pc"),
        "categories": {
            k: [v.get("pc"), (intended["categories"].get(k) or {}).get("pc"), v.get("pc_complete")]
            for k, v in cur["categories"].items()
        },
        "category_titles": {c["id"]: dict(c.get("title") or {}) for c in record.get("categories", [])},
        "category_order": [c["id"] for c in record.get("categories", [])],  # JSON keys are sorted: keep the framework's order
        "verdicts": {
            r["id"]: VERDICT_CODE.get(r["current"]["verdict"], "d") + VERDICT_CODE.get(r["intended"]["verdict"], "d")
            for r in record.get("requirements", [])
        },
        "blocking": list((record.get("gate") or {}).get("blocking") or []),
        "requirements": meta_digest,
    }
