"""Draft an action plan from a result record's gaps: one action per gap, fitted to the gap's actual state."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from .labels import LABELS
from .projection import OPEN

NO_DATA_REASONS = ("no_answer", "no_value", "no_survey", "low_response")
# A catalogue action fits a draft document when it adopts or approves; otherwise the generic sentence is used.
ADOPT = re.compile(r"\b(adopt|approve)", re.IGNORECASE)


def _texts(key: str, r: Mapping[str, Any]) -> dict[str, str]:
    """Return a plan sentence in both languages, filled with the requirement's title."""
    title = r["title"]
    return {lang: LABELS[lang][key].format(id=r["id"], title=title.get(lang) or title["en"]) for lang in LABELS}


def fitting_action(r: Mapping[str, Any]) -> dict[str, str]:
    """Return the action (en/ru) that fits the requirement's state: adopt a draft, update an old document, collect data."""
    reason = r["current"]["reason"]
    catalogue = [dict(a) for a in r.get("actions") or ()]
    if r["current"]["verdict"] == "no_data" or reason in NO_DATA_REASONS:
        return _texts("collect_data", r)
    if reason == "document_draft":
        fits = [a for a in catalogue if ADOPT.search(a.get("en", ""))]
        return fits[0] if fits else _texts("adopt_draft", r)
    if reason == "document_outdated":
        return _texts("update_document", r)
    return catalogue[0] if catalogue else _texts("close_gap", r)


def support_type(r: Mapping[str, Any]) -> str:
    """Guess the type of support an action needs (the consultant corrects it)."""
    reason = r["current"]["reason"]
    if reason.startswith("document_"):
        return "policy"
    if r["current"]["verdict"] == "no_data" or reason in NO_DATA_REASONS:
        return "advisory"
    if r.get("level") == "tenants":
        return "capacity_building"
    if r.get("kind") == "threshold":
        return "investment"
    return "advisory"


def draft_actions(record: Mapping[str, Any], ranked: list[str]) -> list[dict[str, Any]]:
    """Return one drafted action per open requirement, in gap-priority order; the owner is the requirement's first actor."""
    reqs = {r["id"]: r for r in record["requirements"] if r["current"]["verdict"] in OPEN}
    out = []
    for n, rid in enumerate(i for i in ranked if i in reqs):
        r = reqs[rid]
        out.append(
            {
                "id": f"A-{rid}",
                "title": fitting_action(r),
                "requirements": [rid],
                "owner": {"actor": r["actors"][0] if r["actors"] else "park_management", "organisation": ""},
                "start": None,
                "due": None,
                "cost": None,
                "support": support_type(r),
                "priority": "high" if n < 5 else "medium" if r["current"]["verdict"] == "not_met" else "low",
                "status": "planned",
                "evidence": [],
            }
        )
    return out


HEADER = """\
# Action plan of round {round} of {site}, drafted by eipassess from the round's gaps.
# Edit it: set the owner's organisation, start and due dates (YYYY-MM-DD), the estimated cost
# (cost: {{amount: 15000, currency: USD}}), the type of support (capacity_building, advisory,
# investment, policy), the priority (high, medium, low) and, as work goes on, the status (planned,
# in_progress, done, dropped) with evidence of completion. `eipassess site check` validates this file.
"""


def draft_yaml(record: Mapping[str, Any], ranked: list[str]) -> str:
    """Return the drafted plan as commented YAML (no cost and no dates are invented: they are left empty)."""
    body = yaml.safe_dump({"actions": draft_actions(record, ranked)}, allow_unicode=True, sort_keys=False, width=110)
    return HEADER.format(round=record["round"]["id"], site=record["site"]["id"]) + body
