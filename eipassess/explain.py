"""Reasons in words: each outcome's reason code rendered in English or Russian from its values."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import i18n
from .fmt import pc
from .i18n import tables
from .units import unit_text

# Every reason code an outcome can carry, with what it means (docs/result-format.md is generated from
# this table and TEMPLATES; tests/core/test_reason_docs.py fails when they drift apart).
REASONS: Mapping[str, str] = {
    "not_applicable": "any kind: the park marked the requirement not applicable, with a justification",
    "no_answer": "a park-level requirement (yes_no, document, checklist, or a threshold without a survey indicator) with no value",
    "no_survey": "a survey-backed requirement (tenant_share, threshold with an indicator) in a round without a tenant survey, or whose survey lacks the indicator",
    "no_value": "a threshold with a survey indicator: no park value, and the survey gives no figure (no firm answered the question)",
    "low_response": "tenant_share, or a threshold with a survey indicator and min_response_rate: too few firms answered the question (yes, no, a number or n/a; below min_response_rate of all tenant firms)",
    "not_relevant": "tenant_share: every firm that answered the question wrote n/a (not relevant to it), so the requirement does not apply to the tenants",
    "answer_yes": "yes_no: answered yes",
    "answer_partly": "yes_no: answered partly",
    "answer_no": "yes_no: answered no",
    "value_meets": "threshold: the value reaches the threshold in the rule's direction",
    "value_partial": "threshold: the value misses the threshold but reaches the partly-met bound",
    "value_short": "threshold: the value misses the threshold (and the partly-met bound, if any)",
    "share_meets": "tenant_share: the share of yes reaches min_share",
    "share_partial": "tenant_share: the share misses min_share but reaches partial_share",
    "share_short": "tenant_share: the share misses min_share (and partial_share, if any)",
    "checklist_complete": "checklist: at least min_items elements in place (all when no min_items)",
    "checklist_partial": "checklist: some, but fewer than min_items, elements in place",
    "checklist_empty": "checklist: no element in place",
    "document_current": "document: adopted and not older than max_age_years at the round date",
    "document_outdated": "document: adopted but older than max_age_years",
    "document_draft": "document: exists only as a draft",
    "document_missing": "document: answered no",
    "register_value_meets": "threshold on synergy links, counted from the round's synergy register: reaches the threshold",
    "register_value_partial": "threshold on synergy links, counted from the synergy register: misses the threshold, reaches the partly-met bound",
    "register_value_short": "threshold on synergy links, counted from the synergy register: misses the threshold",
    "register_share_meets": "tenant_share on synergy participation, from the synergy register: reaches min_share",
    "register_share_partial": "tenant_share on synergy participation, from the synergy register: misses min_share, reaches partial_share",
    "register_share_short": "tenant_share on synergy participation, from the synergy register: misses min_share",
}

# Sentence templates per reason code; values come from the outcome (see engine kinds). A key
# "CODE.VARIANT" is the sentence for one case of the code (see ``variant``), "CODE" the general one.
TEMPLATES = tables("explain")  # texts: eipassess/locale/*/LC_MESSAGES/eipassess.po


def source(values: Mapping[str, Any]) -> str:
    """Return where a figure came from: "survey", "park" (the park management's own figure) or "register" (synergies)."""
    if values.get("source") in ("survey", "park", "register"):
        return str(values["source"])
    return "survey" if "indicator" in values and "firms" in values else "park"  # records written before "source"


def variant(reason: str, values: Mapping[str, Any]) -> str | None:
    """Return the case of a reason code that has its own sentence (a maximum, a planned document), else None."""
    if reason.startswith(("value_", "register_value_")) and values.get("direction") == "at_most":
        return "at_most"
    if reason == "document_current" and values.get("planned"):
        return "planned"
    return None


def number(value: Any, lang: str = "en") -> str:
    """Render a number compactly: at most two decimals, .5 rounded half up, no trailing zeros, the language's decimal mark."""
    if isinstance(value, float) and math.isfinite(value):
        shown = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{shown:f}".rstrip("0").rstrip(".")
        return text.replace(".", i18n.text(lang, "format", "decimal_mark"))
    return str(value)


# The value whose count a reason's noun follows, where it is not ``count`` ("1 of 1 element", "1 year old").
PLURAL_BY = {
    "checklist_complete": "of",
    "checklist_partial": "of",
    "checklist_empty": "of",
    "document_current": "age_years",
    "document_current.planned": "max_age_years",
    "document_outdated": "max_age_years",
    "not_relevant": "responded",
}


# Reasons whose threshold follows the bound word ({op}: "at least", "at most"), so its unit takes that case.
AFTER_BOUND = frozenset({"register_value_meets", "register_value_short"})


def _is_number(value: Any) -> bool:
    """Tell whether a value is a number (not yes/no)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def explain(reason: str, values: Mapping[str, Any], lang: str = "en") -> str:
    """Render a reason code with its values as a sentence in ``lang`` (English fallback)."""
    table = TEMPLATES.get(lang, TEMPLATES["en"])
    if reason == "no_value" and not values.get("indicator"):
        reason = "no_answer"  # records made before "no_answer" covered park-level thresholds: never blame the survey
    case = variant(reason, values)
    keys = ([f"{reason}.{case}"] if case else []) + [reason]
    used = next((k for k in keys if table.get(k) or TEMPLATES["en"].get(k)), None)
    template = (table.get(used) or TEMPLATES["en"][used]) if used else reason
    v: dict[str, Any] = {
        k: number(x, lang) if isinstance(x, (int, float)) and not isinstance(x, bool) else x for k, x in values.items()
    }
    unit = str(values.get("unit") or "")
    bound = reason in AFTER_BOUND  # "at least 1 link": the unit after the bound word ("не менее 1 связи")
    for key in ("value", "threshold", "partial"):  # each number with its own plural form of the unit
        n = values.get(key)
        number_ = n if _is_number(n) else None
        v[f"{key}_unit"] = unit_text(unit, number_, lang, after_bound=bound and key == "threshold")
    v.setdefault("indicator", "")
    counted = values.get(PLURAL_BY.get(used or reason, "count"))
    if _is_number(counted):  # a sentence with plural forms agrees with the count its noun follows
        v.setdefault("n", counted)
    for key in ("share", "min_share", "partial_share"):
        if isinstance(values.get(key), (int, float)):
            v[key] = pc(100 * values[key], 0)
    if "response_rate" in values:
        v["rate"] = pc(100 * values["response_rate"], 0)
        v["min_rate"] = pc(100 * values.get("min_response_rate", 0), 0)
    surveyed = source(values) == "survey"
    v["count_text"] = (
        table["count_survey"].format(**{**v, "n": values.get("answered")})
        if surveyed and "yes" in values
        else table["count_park"]
    )
    try:
        v["source_text"] = table["source_survey"].format(**{**v, "n": values.get("firms")}) if surveyed else table["source_park"]
    except KeyError:
        v["source_text"] = table["source_park"]
    v["op"] = table.get(values.get("direction", "at_least"), "")
    if values.get("source") == "register":
        v["synergy_list"] = ", ".join(values.get("synergies") or []) or table["register_none"]
        v["stage_text"] = table["stage_or"].join(table.get(f"stage_{s}", s) for s in values.get("stages") or [])
    if isinstance(values.get("missing"), list):
        v["missing"] = ", ".join(values["missing"])
    try:
        text = template.format(**v)
    except (KeyError, IndexError, ValueError):
        return template
    return text.replace(" %", "%").replace(" .", ".").replace("  ", " ")
