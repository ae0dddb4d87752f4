"""Compare two result records of one site: change class per requirement, score changes, survey-driven changes.

Pure: plain dicts in, plain dicts out, no I/O. This is the one implementation of a comparison;
the CLI, the history trend and the report's "since the last assessment" section all call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..explain import source
from ..fmt import x_of_y
from ..readers import canonical_policy as canonical
from ..readers import gate_of

# Change classes, in the order a reader wants them.
CHANGES = (
    "regressed",
    "newly_met",
    "improved",
    "still_open",
    "still_met",
    "newly_not_applicable",
    "no_longer_applicable",
    "still_not_applicable",
    "added",
    "removed",
)
_RANK = {"met": 2, "partly_met": 1, "not_met": 0, "no_data": 0}
# Outcome values that show the tenant-survey figures behind a verdict.
_SURVEY_KEYS = ("indicator", "share", "value", "unit", "yes", "answered", "firms", "tenants_total", "response_rate")


@dataclass(frozen=True)
class Rename:
    """One entry of a framework mapping table: requirement ``source`` became ``targets``."""

    source: str
    targets: tuple[str, ...]
    note: str = ""
    origin: str = ""


def change_class(old: str, new: str) -> str:
    """Return the change class of a requirement whose verdict went from ``old`` to ``new``."""
    if old == "not_applicable" or new == "not_applicable":
        if old == new:
            return "still_not_applicable"
        return "newly_not_applicable" if new == "not_applicable" else "no_longer_applicable"
    if new == "met":
        return "still_met" if old == "met" else "newly_met"
    if _RANK[new] < _RANK[old]:
        return "regressed"
    if _RANK[new] > _RANK[old]:
        return "improved"
    return "still_open"


def from_survey(outcome: Mapping[str, Any]) -> bool:
    """Tell whether an outcome was decided by tenant-survey figures."""
    return source(outcome.get("values") or {}) == "survey"


def _figures(outcome: Mapping[str, Any]) -> dict[str, Any]:
    """Return the figures behind an outcome and their source ("survey", or "park" for the park's own figure)."""
    values = outcome.get("values") or {}
    return {**{k: values[k] for k in _SURVEY_KEYS if k in values}, "source": source(values)}


def _score_change(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return both scores and the change in percentage points (None when either side has no percentage)."""

    def side(s: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {"pc": s.get("pc"), "points": s["points"], "possible": s["possible"], "x_of_y": x_of_y(s["points"], s["possible"])}

    a, b = side(old), side(new)
    pp = None if a is None or b is None or a["pc"] is None or b["pc"] is None else round(b["pc"] - a["pc"], 6)
    return {"from": a, "to": b, "pp": pp}


def _side(record: Mapping[str, Any]) -> dict[str, Any]:
    """Describe one compared record."""
    prof = record.get("profile") or {}
    return {
        "round": record["round"]["id"],
        "date": record["round"].get("date"),
        "created": record.get("created"),
        "framework": f"{record['framework']['id']} {record['framework']['version']}",
        "profile": prof.get("id"),
        "policy": canonical(record["policy"]["name"]),
        "tool_version": record.get("tool_version"),
    }


def _row(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None, note: str = "") -> dict[str, Any]:
    """Build the comparison row of one requirement (either side may be missing)."""
    ref = new or old
    assert ref is not None
    if old is not None and new is not None:
        change = change_class(old["current"]["verdict"], new["current"]["verdict"])
    else:
        change = "added" if old is None else "removed"
    survey = None
    if (old is not None and from_survey(old["current"])) or (new is not None and from_survey(new["current"])):
        survey = {
            "from": None if old is None else _figures(old["current"]),
            "to": None if new is None else _figures(new["current"]),
        }
    return {
        "id": ref["id"],
        "from_id": None if old is None else old["id"],
        "to_id": None if new is None else new["id"],
        "category": ref["category"],
        "type": ref["type"],
        "title": dict(ref["title"]),
        "change": change,
        "from": None if old is None else {"verdict": old["current"]["verdict"], "reason": old["current"]["reason"]},
        "to": None if new is None else {"verdict": new["current"]["verdict"], "reason": new["current"]["reason"]},
        "mapping_note": note,
        "survey": survey,
    }


def _pairs(
    old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]], renames: Iterable[Rename]
) -> tuple[list[tuple[str | None, str | None, str]], list[str], list[str]]:
    """Pair requirement ids by identity, then through the mapping table; return pairs and unmatched ids."""
    pairs: list[tuple[str | None, str | None, str]] = [(rid, rid, "") for rid in old if rid in new]
    gone = [rid for rid in old if rid not in new]
    fresh = [rid for rid in new if rid not in old]
    matched_new: set[str] = set()
    unmatched_old: list[str] = []
    by_source = {r.source: r for r in renames}
    for rid in gone:
        rename = by_source.get(rid)
        targets = [t for t in rename.targets if t in new and t not in old] if rename else []
        if not targets:
            pairs.append((rid, None, rename.note if rename else ""))
            unmatched_old.append(rid)
            continue
        for t in targets:
            pairs.append((rid, t, rename.note if rename else ""))
            matched_new.add(t)
    unmatched_new = [rid for rid in fresh if rid not in matched_new]
    pairs.extend((None, rid, "") for rid in unmatched_new)
    return pairs, unmatched_old, unmatched_new


def compare(old: Mapping[str, Any], new: Mapping[str, Any], renames: Sequence[Rename] = ()) -> dict[str, Any]:
    """Compare two result records of the same site; raise UsageError for two different sites."""
    if old["site"]["id"] != new["site"]["id"]:
        raise UsageError(f"cannot compare results of two different sites ({old['site']['id']!r} and {new['site']['id']!r})")
    a = {r["id"]: r for r in old["requirements"]}
    b = {r["id"]: r for r in new["requirements"]}
    pairs, unmatched_old, unmatched_new = _pairs(a, b, renames)
    rows = [_row(a.get(x) if x else None, b.get(y) if y else None, note) for x, y, note in pairs]
    order = {c: i for i, c in enumerate(CHANGES)}
    rows.sort(key=lambda r: (order[r["change"]], r["category"], r["id"]))
    sa, sb = old["scores"]["current"], new["scores"]["current"]
    cats = [c["id"] for c in new.get("categories", [])] + [c["id"] for c in old.get("categories", [])]
    notes = []
    for key, label in (("framework", "framework"), ("profile", "profile"), ("policy", "scoring policy")):
        fa, fb = _side(old)[key], _side(new)[key]
        if fa != fb:
            notes.append(f"{label} changed: {fa or 'none'} -> {fb or 'none'}")
    return {
        "format": "eipassess.comparison",
        "format_version": 1,
        "site": {"id": new["site"]["id"], "name": dict(new["site"]["name"])},
        "from": _side(old),
        "to": _side(new),
        "notes": notes,
        "gate": {"from": _gate(old), "to": _gate(new)},
        "scores": {
            "overall": _score_change(sa["overall"], sb["overall"]),
            "prerequisites": _score_change(sa["prerequisites"], sb["prerequisites"]),
            "performance": _score_change(sa["performance"], sb["performance"]),
            "categories": {c: _score_change(sa["categories"].get(c), sb["categories"].get(c)) for c in dict.fromkeys(cats)},
        },
        "counts": {c: sum(1 for r in rows if r["change"] == c) for c in CHANGES},
        "requirements": rows,
        "survey_changes": [r["id"] for r in rows if r["survey"] is not None and _survey_changed(r)],
        "unmatched": {"removed": unmatched_old, "added": unmatched_new},
        "category_titles": {c["id"]: dict(c["title"]) for c in [*old.get("categories", []), *new.get("categories", [])]},
    }


def _gate(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return a record's prerequisites gate: passed, provisional, and the blocking ids."""
    gate = gate_of(record)
    return {"passed": gate["passed"], "provisional": gate["provisional"], "blocking": list(gate["blocking"])}


def _survey_changed(row: Mapping[str, Any]) -> bool:
    """Tell whether a survey-backed requirement changed its verdict or its figures."""
    s = row["survey"]
    if row["change"] not in ("still_met", "still_open", "still_not_applicable"):
        return True
    decisive = [{k: (side or {}).get(k) for k in ("share", "value")} for side in (s["from"], s["to"])]
    return decisive[0] != decisive[1]
