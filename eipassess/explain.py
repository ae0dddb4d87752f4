"""Reasons in words: each outcome's reason code rendered in English or Russian from its values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fmt import pc

# Sentence templates per reason code; values come from the outcome (see engine kinds).
TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "not_applicable": "Not applicable: {justification}",
        "no_answer": "No answer was given.",
        "no_value": "No value was given and the tenant survey does not provide one.",
        "no_survey": "No tenant survey data for this indicator.",
        "low_response": "Too few firms answered: {answered} of {tenants_total} tenant firms ({rate}%); at least {min_rate}% are needed.",
        "not_relevant": "Not applicable to the tenants: all {responded} firms that answered said the question does not apply to them (n/a).",
        "answer_yes": "The park management answered yes.",
        "answer_partly": "The park management answered partly.",
        "answer_no": "The park management answered no.",
        "value_meets": "{value} {unit} meets the requirement ({op} {threshold} {unit}).",
        "value_partial": "{value} {unit} is short of {threshold} {unit} but within the partly-met band ({op} {partial} {unit}).",
        "value_short": "{value} {unit}; the requirement asks for {op} {threshold} {unit}.",
        "share_meets": "{count_text}: {share}%; the requirement asks for at least {min_share}%.",
        "share_partial": "{count_text}: {share}%; the requirement asks for at least {min_share}% (partly met from {partial_share}%).",
        "share_short": "{count_text}: {share}%; the requirement asks for at least {min_share}%.",
        "checklist_complete": "{count} of {of} elements in place (at least {required} required).",
        "checklist_partial": "{count} of {of} elements in place; at least {required} required. Missing: {missing}.",
        "checklist_empty": "None of the {of} elements is in place.",
        "document_current": "Adopted {date}, {age_years} years old (at most {max_age_years} allowed).",
        "document_outdated": "Adopted {date}, {age_years} years old: older than the {max_age_years} years allowed.",
        "document_draft": "Exists only as a draft ({date}).",
        "document_missing": "No such document exists.",
        "count_survey": "{yes} of {answered} surveyed firms",
        "count_park": "Share reported by the park management",
        "at_least": "at least",
        "at_most": "at most",
    },
    "ru": {
        "not_applicable": "Неприменимо: {justification}",
        "no_answer": "Ответ не получен.",
        "no_value": "Значение не указано, и опрос резидентов его не даёт.",
        "no_survey": "Нет данных опроса резидентов по этому показателю.",
        "low_response": "Ответило слишком мало предприятий: {answered} из {tenants_total} резидентов ({rate}%); нужно не менее {min_rate}%.",
        "not_relevant": "Неприменимо к резидентам: все {responded} ответивших предприятий указали, что вопрос к ним не относится (н/п).",
        "answer_yes": "Управляющая компания ответила «да».",
        "answer_partly": "Управляющая компания ответила «частично».",
        "answer_no": "Управляющая компания ответила «нет».",
        "value_meets": "{value} {unit} соответствует требованию ({op} {threshold} {unit}).",
        "value_partial": "{value} {unit} ниже {threshold} {unit}, но в пределах частичного соответствия ({op} {partial} {unit}).",
        "value_short": "{value} {unit}; требуется {op} {threshold} {unit}.",
        "share_meets": "{count_text}: {share}%; требуется не менее {min_share}%.",
        "share_partial": "{count_text}: {share}%; требуется не менее {min_share}% (частично — от {partial_share}%).",
        "share_short": "{count_text}: {share}%; требуется не менее {min_share}%.",
        "checklist_complete": "Выполнено элементов: {count} из {of} (требуется не менее {required}).",
        "checklist_partial": "Выполнено элементов: {count} из {of}; требуется не менее {required}. Отсутствуют: {missing}.",
        "checklist_empty": "Ни один из {of} элементов не выполнен.",
        "document_current": "Утверждён {date}, возраст {age_years} лет (допускается не более {max_age_years}).",
        "document_outdated": "Утверждён {date}, возраст {age_years} лет: старше допустимых {max_age_years} лет.",
        "document_draft": "Существует только в виде проекта ({date}).",
        "document_missing": "Документ отсутствует.",
        "count_survey": "{yes} из {answered} опрошенных предприятий",
        "count_park": "Доля по данным управляющей компании",
        "at_least": "не менее",
        "at_most": "не более",
    },
}


def _num(value: Any) -> str:
    """Render a number compactly (no trailing .0, at most two decimals)."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def explain(reason: str, values: Mapping[str, Any], lang: str = "en") -> str:
    """Render a reason code with its values as a sentence in ``lang`` (English fallback)."""
    table = TEMPLATES.get(lang, TEMPLATES["en"])
    template = table.get(reason) or TEMPLATES["en"].get(reason, reason)
    v: dict[str, Any] = {k: _num(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else x for k, x in values.items()}
    for key in ("share", "min_share", "partial_share"):
        if isinstance(values.get(key), (int, float)):
            v[key] = pc(100 * values[key], 0)
    if "response_rate" in values:
        v["rate"] = pc(100 * values["response_rate"], 0)
        v["min_rate"] = pc(100 * values.get("min_response_rate", 0), 0)
    if "yes" in values and values.get("source") == "survey":
        v["count_text"] = table["count_survey"].format(**v)
    else:
        v["count_text"] = table["count_park"]
    v["op"] = table.get(values.get("direction", "at_least"), "")
    if isinstance(values.get("missing"), list):
        v["missing"] = ", ".join(values["missing"])
    try:
        text = template.format(**v)
    except (KeyError, IndexError, ValueError):
        return template
    return text.replace(" %", "%")
