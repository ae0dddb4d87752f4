"""Type of technical assistance a requirement calls for, derived from its actions (the catalogue has no such field).

The rule is ours, not the framework's: the first support type whose keywords occur in the English text
of the requirement's actions wins, in the order of ``RULES``; a requirement whose actions match none
is advisory. Reports say that these types are derived.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SUPPORT_TYPES = ("investment", "capacity_building", "policy", "advisory")

# (support type, keywords) in priority order: money for assets first, then skills, then rules.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "investment",
        (
            "install",
            "upgrade",
            "extend missing networks",
            "connect the park",
            "solar",
            "meter",
            "plant tree",
            "harvest",
            "switch process heat",
            "heat pump",
            "boiler",
            "light the walkways",
            "recover waste heat",
            "cascade waste heat",
        ),
    ),
    ("capacity_building", ("train", "workshop", "seminar", "awareness", "drill", "course", "job fair", "skills")),
    (
        "policy",
        (
            "approved",
            "zoning",
            "regulat",
            "mandate",
            "require ",
            "register",
            "residency agreements",
            "tariff",
            "rent discount",
            "waive",
            "permit",
        ),
    ),
)


def support_type(meta: Mapping[str, Any]) -> str:
    """Return the derived support type of a requirement (its ``actions`` as stored in a result record)."""
    text = " ".join(str((a or {}).get("en", "")) for a in meta.get("actions") or []).lower()
    for kind, words in RULES:
        if any(w in text for w in words):
            return kind
    return "advisory"
