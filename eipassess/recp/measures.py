"""The RECP measures register of a round (rounds/R/recp_measures.yaml): measure, firm, technique, money, savings, status."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..fsutil import site_file
from ..model import Text
from ..site.domain import MAX_FIGURE, is_finite
from ..yamlsrc import load

MEASURES_FILE = "recp_measures.yaml"
TECHNIQUES = (
    "good_housekeeping",
    "input_substitution",
    "process_control",
    "equipment_modification",
    "technology_change",
    "onsite_recovery",
    "useful_byproduct",
    "product_modification",
)
STATUSES = ("proposed", "approved", "implemented", "rejected")
SAVINGS = ("energy_mwh", "water_m3", "materials_t", "waste_t")


@dataclass(frozen=True)
class Measure:
    """One RECP measure of a firm, as reported from a RECP assessment."""

    id: str
    firm: str
    title: Text
    technique: str
    status: str
    investment: float | None = None
    annual_saving: float | None = None
    savings: dict[str, float] = field(default_factory=dict)
    co2e_t: float | None = None


def _number(value: Any) -> float | None:
    """Return a finite non-negative number, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not is_finite(value) or not 0 <= value <= MAX_FIGURE:
        return None
    return float(value)


def read_measures(rdir: Path, firms: set[str] | None = None) -> list[Measure] | None:
    """Read a round's RECP measures; None when it has none; InputError naming every bad entry."""
    path = site_file(rdir.parent.parent, rdir / MEASURES_FILE)  # a link out of the site, a device: refused
    if path is None:
        return None
    src = load(path)
    raw = src.data.get("measures") if isinstance(src.data, dict) else None
    if not isinstance(raw, list):
        raise InputError(src.problem(("measures",), "a list of measures", repr(raw)[:60]))
    problems: list[Problem] = list(src.problems)
    out: list[Measure] = []
    for i, spec in enumerate(raw):
        key: tuple[Any, ...] = ("measures", i)
        if not isinstance(spec, dict):
            problems.append(src.problem(key, "a measure {id, firm, title, technique, status}", repr(spec)[:60]))
            continue
        n = len(problems)
        firm = str(spec.get("firm", ""))
        if not firm or (firms and firm not in firms):
            problems.append(src.problem((*key, "firm"), "a firm id of the round's survey or a neighbour", repr(spec.get("firm"))))
        title = spec.get("title")
        if not (isinstance(title, dict) and isinstance(title.get("en"), str)):
            problems.append(src.problem((*key, "title"), "a title with en (and ru)", repr(title)[:60]))
        if spec.get("technique") not in TECHNIQUES:
            problems.append(src.problem((*key, "technique"), "one of " + ", ".join(TECHNIQUES), repr(spec.get("technique"))))
        if spec.get("status") not in STATUSES:
            problems.append(src.problem((*key, "status"), "one of " + ", ".join(STATUSES), repr(spec.get("status"))))
        for name in ("investment", "annual_saving", "co2e_t"):
            if spec.get(name) is not None and _number(spec.get(name)) is None:
                problems.append(src.problem((*key, name), "a number from 0 to 1e12", repr(spec.get(name))))
        savings = spec.get("savings") or {}
        if not isinstance(savings, dict) or any(k not in SAVINGS or _number(v) is None for k, v in savings.items()):
            problems.append(src.problem((*key, "savings"), "numbers for " + ", ".join(SAVINGS), repr(savings)[:60]))
        if len(problems) > n or not isinstance(title, dict):
            continue
        out.append(
            Measure(
                id=str(spec.get("id", f"M-{i + 1}")),
                firm=firm,
                title={k: str(v) for k, v in title.items() if k in ("en", "ru")},
                technique=str(spec["technique"]),
                status=str(spec["status"]),
                investment=_number(spec.get("investment")),
                annual_saving=_number(spec.get("annual_saving")),
                savings={k: float(v) for k, v in savings.items()},
                co2e_t=_number(spec.get("co2e_t")),
            )
        )
    if any(not p.warning for p in problems):
        raise InputError(problems)
    return out
