"""The synergy register (site-level synergies.yaml): each synergy's parties, flow and dated lifecycle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..fsutil import site_file
from ..model import Synergy, Text
from ..site.domain import MAX_FIGURE, is_finite
from ..yamlsrc import Source, load

REGISTER_FILE = "synergies.yaml"
STATUSES = ("identified", "discussed", "feasibility", "implemented", "dropped")
RESULT_KEYS = ("diverted_t", "co2e_t", "saving")


@dataclass(frozen=True)
class Entry:
    """A register entry as written: the engine's record plus its texts, quantity, notes and tracked results."""

    synergy: Synergy
    title: Text
    quantity: float | None = None
    unit: str = ""
    notes: tuple[str, ...] = ()
    results: dict[str, float] = field(default_factory=dict)
    line: int | None = None


def _date(value: Any) -> str | None:
    """Return an ISO date from a YAML date or a YYYY-MM(-DD) text, or None."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _events(src: Source, key: tuple[Any, ...], raw: Any, problems: list[Problem]) -> list[tuple[str, str, str]]:
    """Check the lifecycle: known statuses, dates in order, never backwards, nothing after dropped."""
    if not isinstance(raw, list) or not raw:
        problems.append(src.problem((*key, "history"), "a list of {status, date} events", repr(raw)[:60]))
        return []
    out: list[tuple[str, str, str]] = []
    for i, ev in enumerate(raw):
        k = (*key, "history", i)
        if not isinstance(ev, dict):
            problems.append(src.problem(k, "an event {status, date, note}", repr(ev)[:60]))
            continue
        status = str(ev.get("status", ""))
        day = _date(ev.get("date"))
        if status not in STATUSES:
            problems.append(src.problem((*k, "status"), "one of " + ", ".join(STATUSES), repr(ev.get("status"))))
            continue
        if day is None:
            problems.append(src.problem((*k, "date"), "a date YYYY-MM-DD or YYYY-MM", repr(ev.get("date"))))
            continue
        if day > dt.date.today().isoformat():  # an event of the register has happened; a plan is no event
            problems.append(src.problem((*k, "date"), "a date on or before today (an event that has happened)", repr(day)))
            continue
        if out:
            last_day, last = out[-1][0], out[-1][1]
            if day < last_day:
                problems.append(src.problem((*k, "date"), f"a date on or after {last_day} (events in order)", repr(day)))
            elif last == "dropped":
                problems.append(src.problem((*k, "status"), "no event after dropped", repr(status)))
            elif status != "dropped" and STATUSES.index(status) <= STATUSES.index(last):
                problems.append(src.problem((*k, "status"), f"a stage after {last} (or dropped)", repr(status)))
        out.append((day, status, str(ev.get("note", "") or "")))
    return out


def read_register(folder: Path, neighbours: set[str] | None = None) -> list[Entry] | None:
    """Read synergies.yaml of a site; None when the site keeps no register. Raise InputError with every problem."""
    path = site_file(folder, folder / REGISTER_FILE)  # a link out of the site, a device: refused
    if path is None:
        return None
    src = load(path)
    if neighbours is None:  # only the ids tell a neighbour from a tenant here; site check reads the rest
        from ..flows.sitegeo import neighbour_ids

        neighbours = neighbour_ids(folder)
    data = src.data if isinstance(src.data, dict) else {}
    raw = data.get("synergies")
    problems = list(src.problems)
    if not isinstance(raw, list):
        raise InputError(src.problem(("synergies",), "a list of synergies", repr(raw)[:60]))
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, spec in enumerate(raw):
        key: tuple[Any, ...] = ("synergies", i)
        if not isinstance(spec, dict):
            problems.append(src.problem(key, "a synergy {id, supplier, receiver, material, history}", repr(spec)[:60]))
            continue
        sid = str(spec.get("id", "")).strip()
        if not sid or sid in seen:
            problems.append(src.problem((*key, "id"), "a unique id", repr(spec.get("id"))))
        seen.add(sid)
        parties = []
        for role in ("supplier", "receiver"):
            who = str(spec.get(role, "") or "").strip()
            if not who:
                problems.append(src.problem((*key, role), "a firm or neighbour id", "nothing"))
            parties.append(who)
        if parties[0] and parties[0] == parties[1]:
            problems.append(src.problem((*key, "receiver"), "a party other than the supplier", parties[1]))
        title = spec.get("title")
        if not (isinstance(title, dict) and isinstance(title.get("en"), str)):
            problems.append(src.problem((*key, "title"), "a title with en (and ru)", repr(title)[:60]))
            title = {"en": sid}
        qty = spec.get("quantity")
        if qty is not None and (
            isinstance(qty, bool) or not isinstance(qty, (int, float)) or not is_finite(qty) or not 0 < qty <= MAX_FIGURE
        ):
            problems.append(src.problem((*key, "quantity"), "a positive number of at most 1e12 per year", repr(qty)))
            qty = None
        results = spec.get("results") or {}
        if not isinstance(results, dict) or any(
            k not in RESULT_KEYS or isinstance(v, bool) or not isinstance(v, (int, float)) or not is_finite(v)
            for k, v in results.items()
        ):
            problems.append(src.problem((*key, "results"), "finite numbers for " + ", ".join(RESULT_KEYS), repr(results)[:60]))
            results = {}
        events = _events(src, key, spec.get("history"), problems)
        synergy = Synergy(
            id=sid,
            supplier=parties[0],
            receiver=parties[1],
            material=str(spec.get("material", "")),
            events=tuple((d, s) for d, s, _ in events),
            tenants=tuple(p for p in parties if p and p not in neighbours),
        )
        entries.append(
            Entry(
                synergy,
                {k: str(v) for k, v in title.items() if k in ("en", "ru")},
                float(qty) if qty is not None else None,
                str(spec.get("unit", "")),
                tuple(n for _, _, n in events),
                {k: float(v) for k, v in results.items()},
                src.line(key),
            )
        )
    if any(not p.warning for p in problems):
        raise InputError(problems)
    return entries


def engine_register(folder: Path) -> tuple[Synergy, ...] | None:
    """Return the register as the engine reads it (None when the site keeps none)."""
    entries = read_register(folder)
    return None if entries is None else tuple(e.synergy for e in entries)
