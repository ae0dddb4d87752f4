"""The one place percentages and "x of y" figures are formatted."""

from __future__ import annotations

import math


def pc(value: float | None, precision: int = 0, na: str = "n/a") -> str:
    """Format a percentage: never "100" unless exactly 100, never "0" unless exactly 0."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return na
    scale = 10**precision
    shown = math.floor(value * scale + 0.5) / scale  # half up: 62.5 shows as 63, as readers expect
    if shown >= 100 and value < 100:
        shown = 100 - 1 / scale
    elif shown <= 0 < value:
        shown = 1 / scale
    return f"{shown:.{precision}f}"


def pc_sign(value: float | None, precision: int = 0) -> str:
    """Format a change in percentage points with its sign ("+6", "-2", "0")."""
    if value is None:
        return "n/a"
    text = pc(abs(value), precision)
    if text.strip("0.") == "":
        return text
    return ("+" if value > 0 else "-") + text


def x_of_y(points: float, possible: float, of: str = "of") -> str:
    """Format points of possible (``of`` is the word in the reader's language), dropping ".0" for whole numbers."""

    def num(v: float) -> str:
        return f"{v:g}" if v != int(v) else str(int(v))

    return f"{num(points)} {of} {num(possible)}"


def pp_shown(before: float | None, after: float | None, precision: int = 0) -> str:
    """Format the change between two percentages as they are shown ("69" and "89" give "+20"), so the figures add up."""
    if before is None or after is None:
        return "n/a"
    return pc_sign(float(pc(after, precision)) - float(pc(before, precision)), precision)


def decimal(value: float, places: int, lang: str, grouped: bool = True) -> str:
    """Format ``value`` with ``places`` decimals (half to even) and, when ``grouped``, thousands grouped, in the
    marks of ``lang``'s catalogue: the same text as Babel's ``format_decimal`` with the pattern "#,##0.0…" or "0.0…"
    (a test compares them), without loading Babel's locale data; Babel formats it when the catalogue has no marks."""
    from . import i18n

    marks = i18n.own(lang, "format")
    if "decimal_mark" not in marks or "group_mark" not in marks:
        from babel.numbers import format_decimal

        pattern = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
        return str(format_decimal(value, format=pattern, locale=lang))
    text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    return text.replace(",", "\0").replace(".", marks["decimal_mark"]).replace("\0", marks["group_mark"])
