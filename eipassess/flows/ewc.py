"""European List of Waste codes: format and chapter checks, and their headings in a language."""

from __future__ import annotations

import re

from ..model import tr
from .data import Tables

CODE_RE = re.compile(r"^(\d{2})\s?(\d{2})\s?(\d{2})\s?(\*?)$")


def parse(text: str) -> tuple[str, bool] | None:
    """Return (six digits, marked hazardous with *) for a code such as "13 02 05*", or None when malformed."""
    m = CODE_RE.match(text.strip())
    if not m:
        return None
    return m.group(1) + m.group(2) + m.group(3), bool(m.group(4))


def check(text: str, tables: Tables) -> str | None:
    """Return what was expected when ``text`` is not a List of Waste code of a known chapter, else None."""
    parsed = parse(text)
    if parsed is None:
        return "a 6-digit List of Waste code such as 03 01 05 or 13 02 05* (* marks hazardous)"
    code = parsed[0]
    if code[:2] not in tables.chapters:
        return f"a code in chapters 01-20 of the List of Waste (chapter {code[:2]} does not exist)"
    return None


def pretty(code: str) -> str:
    """Format six digits as "03 01 05"."""
    return f"{code[:2]} {code[2:4]} {code[4:6]}" if len(code) == 6 else code


def heading(code: str, tables: Tables, lang: str) -> str:
    """Return the sub-chapter heading of a code when shipped, else its chapter heading."""
    sub = tables.subchapters.get(code[:4])
    if sub:
        return tr(sub, lang)
    return tr(tables.chapters.get(code[:2]), lang)
