"""Turn pydantic validation errors and unknown keys into file:line problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem, found_repr
from ..yamlsrc import Key, Source

M = TypeVar("M", bound=BaseModel)


def _expected(err: Any) -> tuple[str, str]:
    """Return (expected, found) in plain words for one pydantic error."""
    msg: str = err["msg"]
    etype: str = err["type"]
    if etype == "missing":
        return "this field (it is required)", "nothing"
    for prefix in ("Input should be ", "Value error, ", "String should ", "List should "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
            break
    if etype == "literal_error":
        msg = "one of " + msg.removeprefix("Input should be ")
    return msg, found_repr(err.get("input"))


def validate(src: Source, model: type[M], data: Any, prefix: Key = ()) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` (found at ``prefix`` in ``src``) against ``model``; return all problems."""
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = (*prefix, *err["loc"])
            expected, found = _expected(err)
            if err["type"] == "string_type":  # text expected: name the YAML slip that made something else
                found += src.slip(key, err.get("input"))
            problems.append(src.problem(key, expected, found))
        return None, problems
    return obj, unknown_keys(src, obj, prefix)


def unknown_keys(src: Source, obj: Any, key: Key, skip_extras: bool = False) -> list[Problem]:
    """Warn about every key the schema does not know, anywhere below ``obj``."""
    out: list[Problem] = []
    if isinstance(obj, BaseModel):
        extras = obj.model_extra or {}
        if not skip_extras and not getattr(obj, "_extras_are_settings", False):
            for name in extras:
                known = ", ".join(type(obj).model_fields)
                out.append(src.problem((*key, name), f"a known key ({known})", repr(name), warning=True))
        for name in type(obj).model_fields:
            out += unknown_keys(src, getattr(obj, name), (*key, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            out += unknown_keys(src, item, (*key, i))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out += unknown_keys(src, v, (*key, k))
    return out
