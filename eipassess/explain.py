"""Reasons in words: each outcome's reason code rendered in English or Russian from its values."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .fmt import pc
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
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "not_applicable": "Not applicable: {justification}",
        "no_answer": "The park management gave no answer.",
        "no_value": "No value: the park management gave none, and the tenant survey gives no figure for the question ({indicator}).",
        "no_survey": "No value: the park management gave none, and this round's tenant survey does not cover the question ({indicator}).",
        "low_response": "Too few firms answered the question: {answered} of {tenants_total} tenant firms of the park ({rate}%); at least {min_rate}% are needed.",
        "not_relevant": "Not applicable to the tenants: all {responded} firms that answered said the question does not apply to them (n/a).",
        "answer_yes": "The park management answered yes.",
        "answer_partly": "The park management answered partly.",
        "answer_no": "The park management answered no.",
        "value_meets": "{source_text}: {value} {value_unit} reaches the minimum of {threshold} {threshold_unit}.",
        "value_meets.at_most": "{source_text}: {value} {value_unit} is within the maximum of {threshold} {threshold_unit}.",
        "value_partial": "{source_text}: {value} {value_unit} is short of the minimum of {threshold} {threshold_unit} but reaches the partly-met bound of {partial} {partial_unit}.",
        "value_partial.at_most": "{source_text}: {value} {value_unit} exceeds the maximum of {threshold} {threshold_unit} but is within the partly-met bound of {partial} {partial_unit}.",
        "value_short": "{source_text}: {value} {value_unit} is short of the minimum of {threshold} {threshold_unit}.",
        "value_short.at_most": "{source_text}: {value} {value_unit} exceeds the maximum of {threshold} {threshold_unit}.",
        "share_meets": "{count_text}: {share}%; the requirement asks for at least {min_share}%.",
        "share_partial": "{count_text}: {share}%; the requirement asks for at least {min_share}% (partly met from {partial_share}%).",
        "share_short": "{count_text}: {share}%; the requirement asks for at least {min_share}%.",
        "checklist_complete": "{count} of {of} elements in place (at least {required} required).",
        "checklist_partial": "{count} of {of} elements in place; at least {required} required. Missing: {missing}.",
        "checklist_empty": "None of the {of} elements is in place.",
        "document_current": "Adopted {date}, {age_years} years old (at most {max_age_years} allowed).",
        "document_current.planned": "To be adopted {date}, after the assessment date: counted as current (at most {max_age_years} years allowed).",
        "document_outdated": "Adopted {date}, {age_years} years old: older than the {max_age_years} years allowed.",
        "document_draft": "Exists only as a draft ({date}).",
        "document_missing": "No such document exists.",
        # Terms the sentences above are built from.
        "count_survey": "{yes} of {answered} firms that answered the question",
        "count_park": "The park management's figure",
        "source_survey": "Tenant survey ({answered} of {firms} firms in the survey answered)",
        "source_park": "The park management's figure",
        "at_least": "at least",
        "at_most": "at most",
        "register_value_meets": "From the synergy register, not the answered number: {count} synergies implemented on {on} ({synergy_list}); the requirement asks for {op} {threshold} {threshold_unit}.",
        "register_value_partial": "From the synergy register, not the answered number: {count} synergies implemented on {on} ({synergy_list}); short of {threshold} {threshold_unit}, partly met from {partial} {partial_unit}.",
        "register_value_short": "From the synergy register, not the answered number: {count} synergies implemented on {on} ({synergy_list}); the requirement asks for {op} {threshold} {threshold_unit}.",
        "register_value_partial.at_most": "From the synergy register, not the answered number: {count} synergies implemented on {on} ({synergy_list}); above the maximum of {threshold} {threshold_unit}, partly met up to {partial} {partial_unit}.",
        "register_share_meets": "From the synergy register, not the survey's yes/no answers: {yes} of {tenants_total} tenant firms in synergies {stage_text} on {on}: {share}%; the requirement asks for at least {min_share}%.",
        "register_share_partial": "From the synergy register, not the survey's yes/no answers: {yes} of {tenants_total} tenant firms in synergies {stage_text} on {on}: {share}%; the requirement asks for at least {min_share}% (partly met from {partial_share}%).",
        "register_share_short": "From the synergy register, not the survey's yes/no answers: {yes} of {tenants_total} tenant firms in synergies {stage_text} on {on}: {share}%; the requirement asks for at least {min_share}%.",
        "register_none": "none",
        "stage_discussed": "discussed",
        "stage_feasibility": "in feasibility study",
        "stage_implemented": "implemented",
        "stage_or": " or ",
    },
    "ru": {
        "not_applicable": "Неприменимо: {justification}",
        "no_answer": "Управляющая компания не дала ответа.",
        "no_value": "Нет значения: управляющая компания его не указала, а опрос резидентов не даёт значения по вопросу ({indicator}).",
        "no_survey": "Нет значения: управляющая компания его не указала, а опрос резидентов этого раунда не содержит вопроса ({indicator}).",
        "low_response": "На вопрос ответило слишком мало предприятий: {answered} из {tenants_total} предприятий-резидентов парка ({rate}%); нужно не менее {min_rate}%.",
        "not_relevant": "Неприменимо к резидентам: все {responded} ответивших предприятий указали, что вопрос к ним не относится (н/п).",
        "answer_yes": "Управляющая компания ответила «да».",
        "answer_partly": "Управляющая компания ответила «частично».",
        "answer_no": "Управляющая компания ответила «нет».",
        "value_meets": "{source_text}: {value} {value_unit} — не ниже минимума {threshold} {threshold_unit}.",
        "value_meets.at_most": "{source_text}: {value} {value_unit} — не выше максимума {threshold} {threshold_unit}.",
        "value_partial": "{source_text}: {value} {value_unit} — ниже минимума {threshold} {threshold_unit}, но не ниже границы частичного соответствия {partial} {partial_unit}.",
        "value_partial.at_most": "{source_text}: {value} {value_unit} — выше максимума {threshold} {threshold_unit}, но не выше границы частичного соответствия {partial} {partial_unit}.",
        "value_short": "{source_text}: {value} {value_unit} — ниже минимума {threshold} {threshold_unit}.",
        "value_short.at_most": "{source_text}: {value} {value_unit} — выше максимума {threshold} {threshold_unit}.",
        "share_meets": "{count_text}: {share}%; требуется не менее {min_share}%.",
        "share_partial": "{count_text}: {share}%; требуется не менее {min_share}% (частично — от {partial_share}%).",
        "share_short": "{count_text}: {share}%; требуется не менее {min_share}%.",
        "checklist_complete": "Выполнено элементов: {count} из {of} (требуется не менее {required}).",
        "checklist_partial": "Выполнено элементов: {count} из {of}; требуется не менее {required}. Отсутствуют: {missing}.",
        "checklist_empty": "Ни один из {of} элементов не выполнен.",
        "document_current": "Утверждён {date}; возраст (лет): {age_years}, допускается не более {max_age_years}.",
        "document_current.planned": "Будет утверждён {date}, после даты оценки: считается действующим (допустимый возраст, лет: не более {max_age_years}).",
        "document_outdated": "Утверждён {date}; возраст (лет): {age_years} — больше допустимых {max_age_years}.",
        "document_draft": "Существует только в виде проекта ({date}).",
        "document_missing": "Документ отсутствует.",
        "count_survey": "{yes} из {answered} предприятий, ответивших на вопрос",
        "count_park": "Данные управляющей компании",
        "source_survey": "Опрос резидентов (ответили {answered} из {firms} предприятий в опросе)",
        "source_park": "Данные управляющей компании",
        "at_least": "не менее",
        "at_most": "не более",
        "register_value_meets": "По реестру синергий, а не по указанному числу: на {on} реализовано синергий: {count} ({synergy_list}); требуется {op} {threshold} {threshold_unit}.",
        "register_value_partial": "По реестру синергий, а не по указанному числу: на {on} реализовано синергий: {count} ({synergy_list}); меньше {threshold} {threshold_unit}, частично — от {partial} {partial_unit}.",
        "register_value_short": "По реестру синергий, а не по указанному числу: на {on} реализовано синергий: {count} ({synergy_list}); требуется {op} {threshold} {threshold_unit}.",
        "register_value_partial.at_most": "По реестру синергий, а не по указанному числу: на {on} реализовано синергий: {count} ({synergy_list}); больше максимума {threshold} {threshold_unit}, частично — до {partial} {partial_unit}.",
        "register_share_meets": "По реестру синергий, а не по ответам «да/нет» опроса: {yes} из {tenants_total} резидентов участвуют в синергиях (статус: {stage_text}) на {on}: {share}%; требуется не менее {min_share}%.",
        "register_share_partial": "По реестру синергий, а не по ответам «да/нет» опроса: {yes} из {tenants_total} резидентов участвуют в синергиях (статус: {stage_text}) на {on}: {share}%; требуется не менее {min_share}% (частично — от {partial_share}%).",
        "register_share_short": "По реестру синергий, а не по ответам «да/нет» опроса: {yes} из {tenants_total} резидентов участвуют в синергиях (статус: {stage_text}) на {on}: {share}%; требуется не менее {min_share}%.",
        "register_none": "нет",
        "stage_discussed": "обсуждается",
        "stage_feasibility": "изучается осуществимость",
        "stage_implemented": "реализована",
        "stage_or": " или ",
    },
}


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
        return text.replace(".", ",") if lang == "ru" else text
    return str(value)


def explain(reason: str, values: Mapping[str, Any], lang: str = "en") -> str:
    """Render a reason code with its values as a sentence in ``lang`` (English fallback)."""
    table = TEMPLATES.get(lang, TEMPLATES["en"])
    if reason == "no_value" and not values.get("indicator"):
        reason = "no_answer"  # records made before "no_answer" covered park-level thresholds: never blame the survey
    case = variant(reason, values)
    keys = ([f"{reason}.{case}"] if case else []) + [reason]
    template = next((t for k in keys for t in (table.get(k), TEMPLATES["en"].get(k)) if t), reason)
    v: dict[str, Any] = {
        k: number(x, lang) if isinstance(x, (int, float)) and not isinstance(x, bool) else x for k, x in values.items()
    }
    unit = str(values.get("unit") or "")
    for key in ("value", "threshold", "partial"):  # each number with its own plural form of the unit
        n = values.get(key)
        v[f"{key}_unit"] = unit_text(unit, n if isinstance(n, (int, float)) and not isinstance(n, bool) else None, lang)
    v.setdefault("indicator", "")
    for key in ("share", "min_share", "partial_share"):
        if isinstance(values.get(key), (int, float)):
            v[key] = pc(100 * values[key], 0)
    if "response_rate" in values:
        v["rate"] = pc(100 * values["response_rate"], 0)
        v["min_rate"] = pc(100 * values.get("min_response_rate", 0), 0)
    surveyed = source(values) == "survey"
    v["count_text"] = table["count_survey"].format(**v) if surveyed and "yes" in values else table["count_park"]
    try:
        v["source_text"] = table["source_survey"].format(**v) if surveyed else table["source_park"]
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
