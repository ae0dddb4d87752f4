"""A small declarative schema for the site's own files, checked without a schema library (docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, ClassVar, TypeVar

from ..errors import Problem, found_repr
from ..yamlsrc import Key, Source

__all__ = ["Spec", "Field", "Text", "Int", "Number", "Date", "Anything", "ListOf", "DictOf", "OneOf", "Nested", "check"]

REQUIRED: Any = object()  # a field without a default
FAILED: Any = object()  # what a kind returns for a value it refused (its problem is recorded)

S = TypeVar("S", bound="Spec")


class Ctx:
    """Collects the problems of one check, located in the file they were read from."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.problems: list[Problem] = []

    def fail(self, loc: Key, expected: str, value: Any, text: bool = False) -> Any:
        """Record that ``value`` at ``loc`` is not ``expected``; return FAILED."""
        found = found_repr(value)
        if text:  # text expected: name the YAML slip that made something else
            found += self.src.slip(loc, value)
        self.problems.append(self.src.problem(loc, expected, found))
        return FAILED


class Kind:
    """What a field accepts: converts a value read from YAML, or records why not (plain classes: cheap to import)."""

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Return the converted value, or FAILED after recording the problem."""
        raise NotImplementedError


class Text(Kind):
    """A text, optionally of a minimum length and matching a regular expression."""

    def __init__(self, pattern: str = "", min_length: int = 0) -> None:
        self.pattern, self.min_length = pattern, min_length
        self.regex = _regex(pattern) if pattern else None

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept a string only (a YAML number, date or yes/no is not text)."""
        if not isinstance(value, str):
            return ctx.fail(loc, "a valid string", value, text=True)
        if len(value) < self.min_length:
            unit = "character" if self.min_length == 1 else "characters"
            return ctx.fail(loc, f"have at least {self.min_length} {unit}", value)
        if self.regex is not None and not self.regex.search(value):
            return ctx.fail(loc, f"match pattern '{self.pattern}'", value)
        return value


def _regex(pattern: str) -> re.Pattern[str]:
    """Compile a field pattern so that ``$`` means the very end (a trailing newline does not match)."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


_INT_TEXT = re.compile(r"\s*[+-]?[0-9](?:_?[0-9])*(?:\.0*)?\s*\Z")


class Int(Kind):
    """A whole number within bounds; a float with no fraction and a numeral in quotes are read as numbers."""

    def __init__(self, ge: int | None = None, le: int | None = None) -> None:
        self.ge, self.le = ge, le

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept an int (not yes/no), a whole float or a numeral; check the bounds."""
        if isinstance(value, bool):
            return ctx.fail(loc, "a valid integer", value)
        if isinstance(value, float):
            if not math.isfinite(value):
                return ctx.fail(loc, "a finite number", value)
            if not value.is_integer():
                return ctx.fail(loc, "a valid integer, got a number with a fractional part", value)
            if abs(value) >= 2**63:  # as pydantic words it: the float is too large to be read as a whole number
                return ctx.fail(loc, "Unable to parse input string as an integer, exceeded maximum size", value)
            number = int(value)
        elif isinstance(value, int):
            number = value
        elif isinstance(value, str):
            if not _INT_TEXT.match(value):
                return ctx.fail(loc, "a valid integer, unable to parse string as an integer", value)
            number = int(value.strip().split(".")[0])
        else:
            return ctx.fail(loc, "a valid integer", value)
        return _bounded(number, value, self.ge, None, self.le, loc, ctx)


class Number(Kind):
    """A finite number within bounds; a numeral in quotes is read as a number."""

    def __init__(self, gt: float | None = None, ge: float | None = None) -> None:
        self.gt, self.ge = gt, ge

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept an int or float (not yes/no) or a numeral; refuse infinity and NaN; check the bounds."""
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return ctx.fail(loc, "a valid number", value)
        try:
            number = float(value)
        except ValueError:
            return ctx.fail(loc, "a valid number, unable to parse string as a number", value)
        except OverflowError:  # an integer too large for a float
            return ctx.fail(loc, "a valid number", value)
        if not math.isfinite(number):
            return ctx.fail(loc, "a finite number", value)
        return _bounded(number, value, self.ge, self.gt, None, loc, ctx)


def _bounded(number: Any, value: Any, ge: Any, gt: Any, le: Any, loc: Key, ctx: Ctx) -> Any:
    """Return ``number`` when it lies within the bounds given, else record which bound it breaks."""
    if gt is not None and not number > gt:
        return ctx.fail(loc, f"greater than {gt}", value)
    if ge is not None and not number >= ge:
        return ctx.fail(loc, f"greater than or equal to {ge}", value)
    if le is not None and not number <= le:
        return ctx.fail(loc, f"less than or equal to {le}", value)
    return number


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Date(Kind):
    """A calendar date: a YAML date, or the text YYYY-MM-DD (a midnight timestamp is read as its date)."""

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept a date, a datetime at midnight or its ISO text; refuse numbers (not timestamps)."""
        if isinstance(value, str):
            if not _ISO_DAY.match(value):
                return ctx.fail(loc, "a valid date in the format YYYY-MM-DD", value)
            try:
                value_read: Any = dt.date.fromisoformat(value) if len(value) == 10 else dt.datetime.fromisoformat(value)
            except ValueError:
                return ctx.fail(loc, "a valid date in the format YYYY-MM-DD", value)
        else:
            value_read = value
        if isinstance(value_read, dt.datetime):
            if value_read.time() != dt.time(0):
                return ctx.fail(loc, "Datetimes provided to dates should have zero time - e.g. be exact dates", value)
            return value_read.date()
        if isinstance(value_read, dt.date):
            return value_read
        return ctx.fail(loc, "a valid date", value)


class Anything(Kind):
    """Any value; checked later by the rule kind that reads it."""

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept the value unchanged."""
        return value


class ListOf(Kind):
    """A list whose items are each of one kind, optionally with a minimum number of items."""

    def __init__(self, item: Kind, min_length: int = 0) -> None:
        self.item, self.min_length = item, min_length

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept a list (or a YAML pair list); check every item and the length."""
        if not isinstance(value, (list, tuple)):
            return ctx.fail(loc, "a valid list", value)
        out = [self.item(v, (*loc, i), ctx) for i, v in enumerate(value)]
        if any(v is FAILED for v in out):
            return FAILED
        if len(out) < self.min_length:
            unit = "item" if self.min_length == 1 else "items"
            return ctx.fail(loc, f"have at least {self.min_length} {unit} after validation, not {len(out)}", value)
        return out


class DictOf(Kind):
    """A mapping whose keys and values are each of one kind."""

    def __init__(self, key: Kind, value: Kind) -> None:
        self.key, self.value = key, value

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept a mapping; check every key and value."""
        if not isinstance(value, dict):
            return ctx.fail(loc, "a valid dictionary", value)
        out = {}
        failed = False
        for k, v in value.items():
            name = k if isinstance(k, str) else _loc_key(k)
            key = self.key(k, (*loc, name, "[key]"), ctx)
            item = self.value(v, (*loc, name), ctx)
            failed = failed or key is FAILED or item is FAILED
            out[key] = item
        return FAILED if failed else out


class OneOf(Kind):
    """One of a fixed set of words."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept exactly one of the words (a string, not a number or yes/no)."""
        if isinstance(value, str) and value in self.choices:
            return value
        words = [repr(c) for c in self.choices]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        return ctx.fail(loc, "one of " + listed, value)


class Nested(Kind):
    """A mapping checked against a spec of its own."""

    def __init__(self, spec: type[Spec]) -> None:
        self.spec = spec

    def __call__(self, value: Any, loc: Key, ctx: Ctx) -> Any:
        """Accept a mapping that passes the nested spec."""
        return _build(self.spec, value, loc, ctx)


class Field:
    """One key of a spec: its kind, its default (REQUIRED when it must be given) and whether null is allowed."""

    def __init__(self, kind: Kind, default: Any = REQUIRED, nullable: bool = False) -> None:
        self.kind, self.default, self.nullable = kind, default, nullable


class Spec:
    """Base of the site files' schema nodes: the checked values as attributes, unknown keys kept for warnings."""

    FIELDS: ClassVar[dict[str, Field]] = {}
    extras: dict[Any, Any]

    def __init__(self, values: dict[str, Any], extras: dict[Any, Any]) -> None:
        self.__dict__.update(values)
        self.extras = extras

    def __init_subclass__(cls) -> None:
        """Refuse a spec whose annotated attributes and declared fields differ (a slip when editing one of them)."""
        super().__init_subclass__()
        named = {k for k in cls.__dict__.get("__annotations__", {}) if k != "FIELDS"}
        if named != set(cls.FIELDS):
            raise TypeError(f"{cls.__name__}: attributes {sorted(named)} differ from FIELDS {sorted(cls.FIELDS)}")


def _build(spec: type[S], data: Any, loc: Key, ctx: Ctx) -> Any:
    """Return a spec built from ``data``, or FAILED after recording every problem found in it."""
    if not isinstance(data, dict):
        return ctx.fail(loc, f"a valid dictionary or instance of {spec.__name__}", data)
    values: dict[str, Any] = {}
    failed = False
    for name, field in spec.FIELDS.items():
        if name not in data:
            if field.default is REQUIRED:
                ctx.problems.append(ctx.src.problem((*loc, name), "this field (it is required)", "nothing"))
                failed = True
            else:
                values[name] = type(field.default)() if isinstance(field.default, (list, dict)) else field.default
            continue
        raw = data[name]
        value = None if raw is None and field.nullable else field.kind(raw, (*loc, name), ctx)
        failed = failed or value is FAILED
        values[name] = value
    for k in data:
        if not isinstance(k, str):  # a YAML key read as a number, date or yes/no
            ctx.problems.append(ctx.src.problem((*loc, _loc_key(k)), "Keys should be strings", found_repr(k)))
            failed = True
    if failed:
        return FAILED
    return spec(values, {k: v for k, v in data.items() if k not in spec.FIELDS})


def _loc_key(key: Any) -> Any:
    """Return a mapping key as a location: an int stays a list-like index, anything else becomes its text."""
    return key if isinstance(key, int) and not isinstance(key, bool) else str(key)


def check(src: Source, spec: type[S], data: Any, prefix: Key = ()) -> tuple[S | None, list[Problem]]:
    """Check ``data`` (found at ``prefix`` in ``src``) against ``spec``; return it or None, and every problem."""
    ctx = Ctx(src)
    obj = _build(spec, data, tuple(prefix), ctx)
    if obj is FAILED:
        return None, ctx.problems
    return obj, unknown_keys(src, obj, tuple(prefix))


def unknown_keys(src: Source, obj: Any, key: Key) -> list[Problem]:
    """Warn about every key a spec does not know, anywhere below ``obj``."""
    out: list[Problem] = []
    if isinstance(obj, Spec):
        known = ", ".join(type(obj).FIELDS)
        for name in obj.extras:
            out.append(src.problem((*key, name), f"a known key ({known})", repr(name), warning=True))
        for name in type(obj).FIELDS:
            out += unknown_keys(src, getattr(obj, name), (*key, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            out += unknown_keys(src, item, (*key, i))
    return out


class TextSpec(Spec):
    """A text in English, with optional Russian (and other) translations."""

    en: str
    ru: str | None
    # Field names, not texts: written as dict(...) so the i18n test's search for tables keyed by language skips it.
    FIELDS = dict(en=Field(Text(min_length=1)), ru=Field(Text(), None, nullable=True))  # noqa: C408

    def as_text(self) -> dict[str, str]:
        """Return the translations as a plain mapping."""
        out = {"en": self.en}
        if self.ru:
            out["ru"] = self.ru
        return out
