"""Rule kind ``checklist``: a list of elements, met when all (or at least k) are in place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Answer, Outcome, Rule, Verdict
from .base import CheckEnv, Context, ParamSpec

NAME = "checklist"
PARAMS = (ParamSpec("min_items", required=False, kind="integer", minimum=1),)
ANSWER = "a list of the element ids in place, or a mapping of element id to yes/no"


def item_ids(rule: Rule) -> list[str]:
    """Return the ids of the rule's checklist elements in order."""
    return [str(item["id"]) for item in rule.settings.get("items", [])]


def check(settings: Mapping[str, Any], params: Mapping[str, Any], env: CheckEnv) -> list[tuple[tuple[Any, ...], str, str]]:
    """Items need an id and an English title; ``min_items`` cannot exceed their number."""
    out: list[tuple[tuple[Any, ...], str, str]] = []
    items = settings.get("items")
    if not isinstance(items, list) or not items:
        return [(("items",), "a non-empty list of elements with id and title", repr(items))]
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            out.append((("items", i, "id"), "an element id as text", repr(item)))
            continue
        if item["id"] in seen:
            out.append((("items", i, "id"), "unique element ids", repr(item["id"])))
        seen.add(item["id"])
        title = item.get("title")
        if not isinstance(title, dict) or not isinstance(title.get("en"), str):
            out.append((("items", i, "title"), "a title with an 'en' text", repr(title)))
        else:
            for lang, value in title.items():
                if not isinstance(value, str) or not value:
                    # An unquoted comma in {en: a, b, ru: c} makes a stray key "b" with no text.
                    out.append(
                        (("items", i, "title", lang), "a text per language (quote texts that contain commas)", repr(value))
                    )
    k = params.get("min_items")
    if isinstance(k, int) and k > len(items):
        out.append((("params", "min_items", "default"), f"at most {len(items)} (the number of items)", str(k)))
    return out


def present(rule: Rule, value: Any) -> list[str] | None:
    """Return the element ids in place, or None when the answer has the wrong shape."""
    ids = item_ids(rule)
    if isinstance(value, list):
        got = [str(v) for v in value]
    elif isinstance(value, dict):
        got = [str(k) for k, v in value.items() if v is True or str(v).lower() in ("yes", "да")]
        if any(str(k) not in ids for k in value):
            return None
    else:
        return None
    if any(g not in ids for g in got):
        return None
    return [i for i in ids if i in got]


def check_answer(rule: Rule, value: Any) -> str | None:
    """Accept a list or mapping naming only the rule's elements."""
    if present(rule, value) is None:
        return "a list of element ids from: " + ", ".join(item_ids(rule))
    return None


def evaluate(rule: Rule, answer: Answer | None, value: Any, ctx: Context) -> Outcome:
    """Met with at least ``min_items`` elements (default all); partly met with at least one."""
    ids = item_ids(rule)
    got = present(rule, value) or []
    param = rule.params.get("min_items")
    need = int(param.value) if param is not None and param.value is not None else len(ids)
    missing = [i for i in ids if i not in got]
    values = {"present": got, "missing": missing, "count": len(got), "of": len(ids), "required": need}
    if len(got) >= need:
        return Outcome(Verdict.MET, "checklist_complete", values)
    if got:
        return Outcome(Verdict.PARTLY_MET, "checklist_partial", values)
    return Outcome(Verdict.NOT_MET, "checklist_empty", values)
