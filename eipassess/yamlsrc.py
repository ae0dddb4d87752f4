"""Safe YAML loading in one bounded pass that remembers the line of every key, for file:line error messages.

libyaml's C parser (pure Python when it is missing) produces the events; this module composes them into
nodes without recursion, counting values (aliases expanded), aliases and depth against the limits in
``limits.py``, records the line of every key, and builds the values with PyYAML's safe constructor: the
values are those ``yaml.safe_load`` returns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import limits
from .errors import InputError, Problem, found_repr

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Key = tuple[Any, ...]

STR_TAG = "tag:yaml.org,2002:str"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
INT_TAG, FLOAT_TAG, BOOL_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"
BOOL_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "y", "n"})


@dataclass
class Source:
    """Parsed YAML data plus the line of each key path, and problems found while parsing."""

    path: str
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    flows: set[Key] = field(default_factory=set)  # one-line lists [a, b]
    plain: dict[Key, str] = field(default_factory=dict)  # unquoted scalars read as something other than text
    sha256: str = ""  # of the bytes parsed, when read from a file

    def line(self, key: Key) -> int | None:
        """Return the line of ``key`` or of its nearest ancestor that has one."""
        key = tuple(key)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def problem(self, key: Key, expected: str, found: str = "", warning: bool = False) -> Problem:
        """Build a problem located at ``key`` in this file."""
        return Problem(self.path, self.line(key), dotted(key), expected, found, warning)

    def slip(self, key: Key, value: Any) -> str:
        """Name the likely YAML slip and its fix when ``value`` at ``key`` is not the text that was expected, or ''."""
        key = tuple(key)
        while key and key not in self.lines:
            key = key[:-1]
        raw = self.plain.get(key)
        if isinstance(value, bool) and raw is not None and raw.lower() in BOOL_WORDS:
            return f'; likely cause: unquoted {raw} is read as {str(value).lower()}; fix: write "{raw}" in quotes if you meant the text'
        if key[:-1] in self.flows and isinstance(key[-1], int) and not isinstance(value, str):
            return (
                "; likely cause: a one-line list [...] splits its items at each comma and reads unquoted numbers or "
                'dates as such; fix: quote each item, e.g. ["Register, 2023"], or write one item per line'
            )
        if key in self.flows and isinstance(value, list):
            return '; likely cause: [...] makes a list; fix: quote the text, e.g. "[draft] plan"'
        if isinstance(value, dict) and len(value) == 1:
            return "; likely cause: a colon and space inside unquoted text start a key; fix: put the whole text in quotes"
        if raw is not None and isinstance(value, (int, float, dt.date)):
            what = "a date" if isinstance(value, dt.date) else "a number"
            return f'; likely cause: unquoted {raw} is read as {what}; fix: write "{raw}" in quotes'
        return ""


def dotted(key: Key) -> str:
    """Render a key path as ``a.b[2].c``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _refuse(path: str, mark: Any, limit: limits.Limit, found: str) -> InputError:
    """Build the error for a YAML file over ``limit`` at ``mark``."""
    return limits.refuse(path, limit, found, line=mark.line + 1 if mark is not None else None)


def _compose(loader: Any, path: str) -> Any:
    """Compose the single document of ``loader`` into nodes without recursion, within the limits; None if empty."""
    max_nodes, max_aliases, max_depth = limits.YAML_NODES.value(), limits.YAML_ALIASES.value(), limits.YAML_DEPTH.value()
    loader.get_event()  # stream start
    if loader.check_event(StreamEndEvent):
        loader.get_event()
        return None
    start = loader.get_event()
    assert isinstance(start, DocumentStartEvent)
    anchors: dict[str, Any] = {}
    sizes: dict[int, tuple[int, int]] = {}  # id of an anchored node -> (values when expanded, height)
    open_ids: set[int] = set()
    stack: list[list[Any]] = []  # [node, items, expanded values, height]
    root: Any = None
    count = aliases = 0

    def attach(node: Any, size: int, height: int) -> None:
        nonlocal root
        if stack:
            frame = stack[-1]
            frame[1].append(node)
            frame[2] += size
            frame[3] = max(frame[3], height + 1)
            if frame[2] > max_nodes:
                raise _refuse(path, node.start_mark, limits.YAML_NODES, f"more than {max_nodes:,}")
            if frame[3] > max_depth:
                raise _refuse(path, node.start_mark, limits.YAML_DEPTH, f"more than {max_depth}")
        else:
            root = node

    while True:
        event: Any = loader.get_event()
        what = type(event)
        if what is ScalarEvent:
            count += 1
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            if event.anchor is not None:
                _anchor(anchors, event, node, path)
                sizes[id(node)] = (1, 0)
            attach(node, 1, 0)
        elif what is SequenceStartEvent or what is MappingStartEvent:
            count += 1
            kind: Any = SequenceNode if what is SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                _anchor(anchors, event, node, path)
                open_ids.add(id(node))
            stack.append([node, [], 1, 1])
            if len(stack) > max_depth:
                raise _refuse(path, event.start_mark, limits.YAML_DEPTH, f"more than {max_depth}")
        elif what is AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                raise InputError(_syntax(path, event.start_mark, f"found undefined alias {event.anchor!r}", ""))
            if id(target) in open_ids:
                raise InputError(
                    Problem(path, event.start_mark.line + 1, "", "an alias outside the list or mapping it names", "a loop")
                )
            aliases += 1
            if aliases > max_aliases:
                raise _refuse(path, event.start_mark, limits.YAML_ALIASES, f"more than {max_aliases:,}")
            size, height = sizes[id(target)]
            attach(target, size, height)
        elif what is DocumentEndEvent:
            break
        else:  # the end of a sequence or mapping
            node, items, size, height = stack.pop()
            node.value = items if isinstance(node, SequenceNode) else list(zip(items[::2], items[1::2]))
            node.end_mark = event.end_mark
            if id(node) in open_ids:
                open_ids.discard(id(node))
                sizes[id(node)] = (size, height)
            attach(node, size, height)
        if count > max_nodes:
            raise _refuse(path, event.start_mark, limits.YAML_NODES, f"more than {max_nodes:,}")
    if not loader.check_event(StreamEndEvent):
        extra = loader.get_event()
        raise InputError(_syntax(path, extra.start_mark, "found a second document (---) in the stream", ""))
    loader.get_event()
    return root


def _anchor(anchors: dict[str, Any], event: Any, node: Any, path: str) -> None:
    """Register an anchor, refusing one defined twice as the safe loader does."""
    if event.anchor in anchors:
        raise InputError(_syntax(path, event.start_mark, f"found duplicate anchor {event.anchor!r}", ""))
    anchors[event.anchor] = node


def _walk(root: Any, src: Source) -> None:
    """Record the line of every mapping key and sequence item (aliases expanded, within the value limit)."""
    stack: list[tuple[Any, Key]] = [(root, ())]
    while stack:
        node, key = stack.pop()
        if isinstance(node, MappingNode):
            seen: set[Any] = set()
            if node.flow_style:
                src.flows.add(key)
            for knode, vnode in node.value:
                k = knode.value if isinstance(knode, ScalarNode) else "?"
                if knode.tag.endswith(":int"):
                    try:
                        k = int(k)
                    except ValueError:
                        pass
                child = (*key, k)
                if k in seen:
                    src.problems.append(
                        Problem(src.path, knode.start_mark.line + 1, dotted(child), "each key once", "a duplicate key")
                    )
                seen.add(k)
                src.lines[child] = knode.start_mark.line + 1
                stack.append((vnode, child))
        elif isinstance(node, SequenceNode):
            if node.flow_style:
                src.flows.add(key)
            for i, item in enumerate(node.value):
                child = (*key, i)
                src.lines[child] = item.start_mark.line + 1
                stack.append((item, child))
        elif not node.style and node.tag != STR_TAG:
            src.plain[key] = node.value


CHECKED = {TIMESTAMP_TAG: "a date", INT_TAG: "a whole number", FLOAT_TAG: "a number", BOOL_TAG: "true or false"}


def _check_scalars(root: Any, loader: Any, path: str) -> None:
    """Read impossible dates (2019-13-45) as text, for validation to name; refuse other scalars their tag cannot hold."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(v for pair in node.value for v in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif node.tag in CHECKED:
            try:
                loader.yaml_constructors[node.tag](loader, node)
            except Exception:  # the constructors raise ValueError, KeyError, AttributeError for text they cannot read
                if node.tag != TIMESTAMP_TAG:
                    line = node.start_mark.line + 1
                    raise InputError(Problem(path, line, "", CHECKED[node.tag], found_repr(node.value))) from None
                node.tag = STR_TAG


SLIPS = (
    ("\t", "a tab character; fix: indent with spaces only"),
    ("mapping values are not allowed", "an unquoted colon and space inside a text; fix: put the text in quotes"),
    ("undefined alias", "text starting with * is read as an alias; fix: put the text in quotes"),
    ("alphabetic or numeric character", "text starting with * or & is read as an alias or anchor; fix: put the text in quotes"),
    ("did not find expected key", "an indentation that does not match the lines above; fix: align the keys"),
    ("expected <block end>", "an indentation that does not match the lines above; fix: align the keys"),
    ("expected ',' or ']'", "an unclosed [ or a colon inside a one-line list; fix: close it or quote its items"),
)


def _syntax(path: str, mark: Any, what: str, text: str) -> Problem:
    """Build a syntax problem at ``mark``, naming the likely slip and its fix when it is a common one."""
    line = mark.line + 1 if mark is not None else None
    row = text.splitlines()[mark.line] if mark is not None and text and mark.line < len(text.splitlines()) else ""
    char = row[mark.column] if mark is not None and mark.column < len(row) else ""
    hint = ""
    if "\t" in row[: len(row) - len(row.lstrip())] or char == "\t" or "tab" in what:
        hint = SLIPS[0][1]
    elif "cannot start any token" in what and char in "@`%|>":
        hint = f"text starting with {char} must be quoted; fix: put the text in quotes"
    else:
        hint = next((fix for cue, fix in SLIPS[1:] if cue in what), "")
    what = what.removeprefix("found ")
    found = f"{what}; likely cause: {hint}" if hint else what
    return Problem(path, line, "", "valid YAML", found)


def parse(text: str, path: str) -> Source:
    """Parse YAML text safely within the limits; a syntax error or a limit raises InputError with its line."""
    loader = Loader(text)
    try:
        try:
            root = _compose(loader, path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            if "maximum nesting depth" in str(what):  # newer libyaml refuses deep nesting itself, before our count
                raise _refuse(path, mark, limits.YAML_DEPTH, "nesting deeper than the YAML parser (libyaml) allows") from None
            raise InputError(_syntax(path, mark, str(what), text)) from None
        src = Source(path, None)
        if root is None:
            return src
        src.lines[()] = root.start_mark.line + 1
        _walk(root, src)
        _check_scalars(root, loader, path)
        try:
            src.data = loader.construct_document(root)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise InputError(_syntax(path, mark, str(what), text)) from None
        except RecursionError:
            raise limits.refuse(path, limits.YAML_DEPTH, "merge keys (<<) nested too deep") from None
        return src
    finally:
        loader.dispose()


# Open read logs (path -> SHA-256 of the bytes parsed): a cache of what is built from YAML files
# (catalogue/cache.py) opens one to learn every file a load read.
READ_LOGS: list[dict[str, str]] = []


def load(path: Path) -> Source:
    """Read and parse a YAML file (a regular file within the size limit); bad files raise InputError."""
    raw = limits.read_bytes(path, limits.YAML_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(str(path), line, "", "UTF-8 text", f"byte 0x{raw[exc.start]:02x}")) from None
    src = parse(text, str(path))
    src.sha256 = hashlib.sha256(raw).hexdigest()
    if READ_LOGS:
        READ_LOGS[-1][str(path)] = src.sha256
    return src


__all__ = ["Key", "Source", "dotted", "found_repr", "load", "parse"]
