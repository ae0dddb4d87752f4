"""Domain checks of answers and survey cells: finite numbers, ranges from the unit, parts within their whole, no future documents.

The rules come from the criteria: a threshold's unit gives its range (``%`` is 0 to 100, a ``% change`` is
at least -100, any other quantity is at least 0, unless the rule sets ``minimum``/``maximum``), and a
tenant indicator's ``part_of`` names the survey column it cannot exceed for one firm.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..engine.kinds.document import split
from ..errors import Problem, found_repr
from ..model import Requirement, TenantIndicator

# Largest yearly quantity or cost a flow row or a register entry may state: 10^12 is ten times the world's
# yearly material extraction in tonnes; anything larger is a typo, and sums of such figures would overflow.
MAX_FIGURE = 1e12
NOT_FINITE = "a finite number (not NaN, infinity or an overflowing figure like 1e400)"


def is_finite(value: Any) -> bool:
    """Tell whether a number is finite (booleans and non-numbers count as finite: other checks handle them)."""
    return not isinstance(value, float) or math.isfinite(value)


def value_range(req: Requirement) -> tuple[float | None, float | None]:
    """Return the (minimum, maximum) a threshold answer may take, from the rule's settings or its unit."""
    settings = req.rule.settings
    unit = str(settings.get("unit", "")).strip().lower()
    low: float | None = 0.0
    high: float | None = None
    if unit == "%":
        high = 100.0
    elif "change" in unit:
        low = -100.0 if unit.startswith("%") else None
    low = float(settings["minimum"]) if isinstance(settings.get("minimum"), (int, float)) else low
    high = float(settings["maximum"]) if isinstance(settings.get("maximum"), (int, float)) else high
    return low, high


def check_answer(req: Requirement, field: str, value: Any, round_date: dt.date) -> tuple[str, str] | None:
    """Return (expected, found) when an answer's ``value`` or ``intended`` cannot be right, else None."""
    if not is_finite(value):
        return NOT_FINITE, found_repr(value)
    kind = req.rule.kind
    if kind == "threshold" and isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = value_range(req)
        unit = req.rule.settings.get("unit") or ""
        if low is not None and value < low:
            return f"at least {low:g} {unit}".rstrip(), found_repr(value)
        if high is not None and value > high:
            return f"at most {high:g} {unit} (a part cannot exceed its whole)".replace("  ", " "), found_repr(value)
    if kind == "document" and field == "value":
        parsed = split(value)
        if parsed is not None and parsed[0] is not None and parsed[0] > round_date:
            return (
                f"a document dated on or before the assessment date {round_date.isoformat()} (a planned one goes under intended)",
                parsed[0].isoformat(),
            )
    return None


def _number(text: str) -> float | None:
    """Read a survey cell as a number, or None when it is blank or not a number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    try:
        return float(cleaned) if cleaned else None
    except ValueError:
        return None


def survey_problems(
    columns: Mapping[str, tuple[Any, Sequence[str]]], lines: Sequence[int], path: str, indicators: Sequence[TenantIndicator]
) -> list[Problem]:
    """Return the domain problems of survey rows: non-finite numbers, and parts larger than their whole, per cell.

    ``columns`` gives each column as its cells' codes (an integer array) and the text of each code, so every
    distinct text is judged once; the problems come in row order, then column order, as a row-by-row pass would.
    """
    import numpy as np

    numeric = [i for i in indicators if i.type == "number"]
    cols = [c for c in ("employees", *(i.id for i in numeric)) if c in columns]
    found: list[tuple[int, int, Problem]] = []  # (row, rank in the row, problem)
    values: dict[str, Any] = {}
    for rank, col in enumerate(cols):
        codes, texts = columns[col]
        judged = [_finite(t) for t in texts]
        values[col] = np.array([math.nan if v is None else v for v, _ in judged], dtype=float)[codes]
        bad = np.array([not ok for _, ok in judged], dtype=bool)
        for n in np.flatnonzero(bad[codes]).tolist():
            found.append((n, rank, Problem(path, lines[n], col, NOT_FINITE, found_repr(texts[codes[n]]))))
    for j, ind in enumerate(numeric, start=len(cols)):
        if not ind.part_of or ind.id not in values or ind.part_of not in values:
            continue
        part, whole = values[ind.id], values[ind.part_of]
        for n in np.flatnonzero(part > whole).tolist():  # NaN (blank, unreadable, not finite) never compares
            found.append(
                (
                    n,
                    j,
                    Problem(
                        path,
                        lines[n],
                        ind.id,
                        f"at most {ind.part_of} of the same firm ({float(whole[n]):g}): a part cannot exceed its whole",
                        f"{float(part[n]):g}",
                    ),
                )
            )
    found.sort(key=lambda t: (t[0], t[1]))
    return [p for _, _, p in found]


def _finite(text: str) -> tuple[float | None, bool]:
    """Read a survey cell's number (None: blank or not a number) and tell whether it is not a non-finite one."""
    if text.strip().lower() in ("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"):
        return None, False
    number = _number(text)
    if number is not None and not math.isfinite(number):
        return None, False
    return number, True
