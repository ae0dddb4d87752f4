"""Safe YAML loading that remembers the line of every key, for file:line error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

Key = tuple[Any, ...]


@dataclass
class Source:
    """Parsed YAML data plus the line of each key path, and problems found while parsing."""

    path: str
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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


def _quote_bad_dates(text: str, node: yaml.Node | None) -> str:
    """Quote scalars that look like dates but are not real ones (2019-13-45), so validation can name them."""
    spans = []
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            stack.extend(v for pair in n.value for v in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.ScalarNode) and n.tag.endswith(":timestamp"):
            try:
                yaml.safe_load(n.value)
            except ValueError:
                spans.append((n.start_mark.index, n.end_mark.index))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + '"' + text[start:end] + '"' + text[end:]
    return text


def dotted(key: Key) -> str:
    """Render a key path as ``a.b[2].c``."""
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _walk(node: yaml.Node, key: Key, src: Source) -> None:
    """Record the line of every mapping key and sequence item below ``node``."""
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for knode, vnode in node.value:
            k = knode.value
            if isinstance(knode, yaml.ScalarNode) and knode.tag.endswith(":int"):
                k = int(k)
            child = (*key, k)
            if k in seen:
                src.problems.append(
                    Problem(src.path, knode.start_mark.line + 1, dotted(child), "each key once", "a duplicate key")
                )
            seen.add(k)
            src.lines[child] = knode.start_mark.line + 1
            _walk(vnode, child, src)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = (*key, i)
            src.lines[child] = item.start_mark.line + 1
            _walk(item, child, src)


def parse(text: str, path: str) -> Source:
    """Parse YAML text safely; a syntax error raises InputError with its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        try:
            data = yaml.safe_load(text)
        except ValueError:  # an impossible date such as 2019-13-45: keep it as text for validation
            data = yaml.safe_load(_quote_bad_dates(text, node))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(Problem(path, line, "", "valid YAML", str(what))) from None
    src = Source(path, data)
    if node is not None:
        src.lines[()] = node.start_mark.line + 1
        _walk(node, (), src)
    return src


def load(path: Path) -> Source:
    """Read and parse a YAML file; unreadable or non-UTF-8 files raise InputError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(str(path), None, "", "a readable file", exc.strerror or str(exc))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(str(path), line, "", "UTF-8 text", f"byte 0x{raw[exc.start]:02x}")) from None
    return parse(text, str(path))
