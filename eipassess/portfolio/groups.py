"""Peer groups of a park (country, size, age, tenant count, dominant sectors, a programme's tags) and filters.

The size, age and tenant bands are eipassess's own provisional groupings (no source defines them);
every output that shows them says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import UsageError

# band key -> (fact, [(upper bound exclusive, band id)], band id above the last bound); provisional parameters.
BANDS: dict[str, tuple[str, list[tuple[float, str]], str]] = {
    "size": ("area_ha", [(100.0, "small"), (500.0, "medium")], "large"),
    "age": ("age", [(10.0, "young"), (25.0, "established")], "mature"),
    "tenants": ("tenants_total", [(25.0, "few"), (100.0, "some")], "many"),
}
BUILT_IN = ("country", "size", "age", "tenants", "sector")
DOMINANT_SECTORS = 3  # at most this many surveyed sectors with the most firms stand for a park without declared sectors


def band(key: str, value: float | None) -> str:
    """Return the band id of a value (``unknown`` when the park does not give it)."""
    if value is None:
        return "unknown"
    _, bounds, top = BANDS[key]
    for upper, name in bounds:
        if value < upper:
            return name
    return top


def dominant_sectors(facts: Mapping[str, Any]) -> list[str]:
    """Return the park's declared sectors, else the surveyed sectors with the most firms (ties by name)."""
    if facts.get("sectors"):
        return [str(s) for s in facts["sectors"]]
    counts = facts.get("survey_sectors") or {}
    ranked = sorted((k for k, v in counts.items() if v), key=lambda k: (-counts[k], k))
    return ranked[:DOMINANT_SECTORS]


def peer(country: str, round_date: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Return a park's peer-group values: one value per built-in key, a list of sectors, and its tags."""
    year = int(round_date[:4]) if round_date[:4].isdigit() else None
    est = facts.get("established")
    age = None if year is None or est is None else float(year - int(est))
    return {
        "country": country or "unknown",
        "size": band("size", facts.get("area_ha")),
        "age": band("age", age),
        "tenants": band("tenants", facts.get("tenants_total")),
        "sector": dominant_sectors(facts),
        "tags": {str(k): str(v) for k, v in (facts.get("tags") or {}).items()},
    }


def parse_filters(items: Sequence[str]) -> dict[str, set[str]]:
    """Parse ``KEY=VALUE[,VALUE]`` filters; one key given twice widens it (OR), different keys narrow (AND)."""
    out: dict[str, set[str]] = {}
    bad = [i for i in items if "=" not in i or not i.split("=", 1)[0].strip() or not i.split("=", 1)[1].strip()]
    if bad:
        raise UsageError(f"--filter {bad[0]!r}: expected KEY=VALUE (keys: {', '.join(BUILT_IN)} or a tag name of site.yaml)")
    for item in items:
        key, value = (s.strip() for s in item.split("=", 1))
        out.setdefault(key, set()).update(v.strip() for v in value.split(",") if v.strip())
    return out


def value_of(p: Mapping[str, Any], key: str) -> list[str]:
    """Return a park's values for a filter key (several for sectors, none when a tag is missing)."""
    if key == "sector":
        return list(p["sector"])
    if key in BUILT_IN:
        return [str(p[key])]
    return [p["tags"][key]] if key in p["tags"] else []


def matches(p: Mapping[str, Any], filters: Mapping[str, set[str]]) -> bool:
    """Tell whether a park's peer values pass every filter."""
    return all(any(v in wanted for v in value_of(p, key)) for key, wanted in filters.items())


def check_keys(filters: Mapping[str, set[str]], peers: Sequence[Mapping[str, Any]]) -> None:
    """Refuse a filter key that is neither built in nor a tag of any park."""
    tags = {k for p in peers for k in p["tags"]}
    unknown = [k for k in filters if k not in BUILT_IN and k not in tags]
    if unknown:
        known = ", ".join([*BUILT_IN, *sorted(tags)])
        raise UsageError(f"--filter {unknown[0]}=...: expected one of {known}, found {unknown[0]!r}")


def options(peers: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Return every filter key with the values the parks take (for the dashboard's filter menus)."""
    keys = [*BUILT_IN, *sorted({k for p in peers for k in p["tags"]})]
    return {k: sorted({v for p in peers for v in value_of(p, k)}) for k in keys}
