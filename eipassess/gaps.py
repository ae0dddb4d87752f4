"""Which gaps matter most: one ordering of a result record's open requirements for every view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Open verdicts in order of urgency: a requirement not met comes before one without data, then partly met.
VERDICT_RANK = {"not_met": 0, "no_data": 1, "partly_met": 2}


def top_gaps(record: Mapping[str, Any], n: int) -> list[Mapping[str, Any]]:
    """Return the ``n`` most important gaps: prerequisites first, then not met, no data, partly met, heavier first."""
    gaps = [r for r in record["requirements"] if r["current"]["verdict"] in VERDICT_RANK]
    order = {r["id"]: i for i, r in enumerate(record["requirements"])}
    gaps.sort(key=lambda r: (r["type"] != "prerequisite", VERDICT_RANK[r["current"]["verdict"]], -r["weight"], order[r["id"]]))
    return gaps[:n]
