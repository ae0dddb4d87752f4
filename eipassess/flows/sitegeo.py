"""Plots (positions on the site's local km grid) and non-tenant neighbours, read from site.yaml."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..yamlsrc import load
from .nace import check_nace
from .records import PARTY_KINDS, Party, Plot

# Plot and neighbour ids: letters (any script), digits, '_', '-', '.', inner spaces; never a control
# character or a leading = + - @ that a spreadsheet would run as a formula (docs/security.md).
GEO_ID = re.compile(r"\w[\w .-]*")
GEO_ID_EXPECTED = "an id of letters, digits, '_', '-', '.' or spaces, starting with a letter or digit"


def _number(value: Any) -> float | None:
    """Return a finite number, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def read_geo(folder: Path) -> tuple[dict[str, Plot], dict[str, Party]]:
    """Read ``plots:`` and ``neighbours:`` of site.yaml; raise InputError naming every bad entry."""
    src = load(folder / "site.yaml")
    data = src.data if isinstance(src.data, dict) else {}
    problems: list[Problem] = []
    plots: dict[str, Plot] = {}
    raw_plots = data.get("plots") or {}
    if not isinstance(raw_plots, dict):
        problems.append(src.problem(("plots",), "a mapping of plot id to {x_km, y_km}", type(raw_plots).__name__))
        raw_plots = {}
    for pid, spec in raw_plots.items():
        key = ("plots", pid)
        x = _number(spec.get("x_km")) if isinstance(spec, dict) else None
        y = _number(spec.get("y_km")) if isinstance(spec, dict) else None
        if not GEO_ID.fullmatch(str(pid)):
            problems.append(src.problem(key, GEO_ID_EXPECTED, repr(str(pid))[:60]))
            continue
        if x is None or y is None:
            problems.append(src.problem(key, "x_km and y_km in km on the site's local grid", repr(spec)[:60]))
            continue
        plots[str(pid)] = Plot(str(pid), x, y)
    parties: dict[str, Party] = {}
    raw_nb = data.get("neighbours") or []
    if not isinstance(raw_nb, list):
        problems.append(src.problem(("neighbours",), "a list of neighbours", type(raw_nb).__name__))
        raw_nb = []
    for i, spec in enumerate(raw_nb):
        key = ("neighbours", i)
        if not isinstance(spec, dict):
            problems.append(src.problem(key, "a neighbour {id, name, kind, nace, plot}", repr(spec)[:60]))
            continue
        nid = str(spec.get("id", "")).strip()
        name = spec.get("name")
        if not nid:
            problems.append(src.problem((*key, "id"), "an id", "nothing"))
        elif not GEO_ID.fullmatch(nid):
            problems.append(src.problem((*key, "id"), GEO_ID_EXPECTED, repr(nid)[:60]))
        elif nid in parties:
            problems.append(src.problem((*key, "id"), "each neighbour id once", repr(nid)))
        if not (isinstance(name, dict) and isinstance(name.get("en"), str)) and not isinstance(name, str):
            problems.append(src.problem((*key, "name"), "a name (text, or en/ru)", repr(name)[:60]))
            name = {"en": nid}
        kind = str(spec.get("kind", "other"))
        if kind not in PARTY_KINDS[1:]:
            problems.append(src.problem((*key, "kind"), "one of " + ", ".join(PARTY_KINDS[1:]), repr(kind)))
        nace = str(spec.get("nace", "") or "")
        if nace:
            expected = check_nace(nace)
            if expected:
                problems.append(src.problem((*key, "nace"), expected, repr(nace)))
        plot = str(spec.get("plot", "") or "")
        if plot and plot not in plots:
            problems.append(src.problem((*key, "plot"), "a plot id listed under plots:", repr(plot)))
        text = {"en": name} if isinstance(name, str) else {k: str(v) for k, v in name.items() if k in ("en", "ru")}
        if nid:
            parties[nid] = Party(nid, text, kind, nace, plot)
    if problems:
        raise InputError(problems)
    return plots, parties


def neighbour_ids(folder: Path) -> set[str]:
    """Return the ids under ``neighbours:`` of site.yaml, unchecked (``site check`` and ``flows check`` check them)."""
    data = load(folder / "site.yaml").data
    raw = data.get("neighbours") if isinstance(data, dict) else None
    return {str(n.get("id", "")).strip() for n in raw if isinstance(n, dict)} if isinstance(raw, list) else set()


def distance_km(a: Plot, b: Plot) -> float:
    """Return the straight-line distance between two plots."""
    return math.hypot(a.x_km - b.x_km, a.y_km - b.y_km)
