"""Check every cell of a flows table and turn its rows into flow records, or report every problem at once."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

from ..errors import InputError, Problem
from ..fsutil import site_file
from ..site.domain import MAX_FIGURE
from ..yamlsrc import load
from . import ewc
from .data import Tables
from .nace import check_nace
from .read import Row, Table
from .records import (
    DESTINATION_RE,
    INPUT_TYPES,
    OUTPUT_TYPES,
    UNIT_ALIASES,
    UNITS,
    Flow,
    Party,
    Plot,
)

YES = {"yes", "y", "true", "1", "да", "д"}
NO = {"no", "n", "false", "0", "нет", "н", ""}
NATIONAL_FILE = "national_codes.yaml"
UNIT_FOR_TYPE = {"surplus_heat": ("MWh/yr",), "heat": ("MWh/yr",), "wastewater": ("m3/yr",), "water": ("m3/yr",)}


def national_map(folder: Path) -> tuple[str, dict[str, str]]:
    """Read the site's optional mapping of national waste codes to List of Waste codes."""
    path = site_file(folder, folder / NATIONAL_FILE)  # a link out of the site, a device: refused
    if path is None:
        return "", {}
    src = load(path)
    data = src.data if isinstance(src.data, dict) else {}
    codes = data.get("codes")
    problems: list[Problem] = []
    out: dict[str, str] = {}
    if not isinstance(codes, dict):
        raise InputError(src.problem(("codes",), "a mapping of national code to List of Waste code", repr(codes)[:60]))
    for code, target in codes.items():
        parsed = ewc.parse(str(target))
        if parsed is None:
            problems.append(src.problem(("codes", code), "a 6-digit List of Waste code", repr(target)))
            continue
        out[str(code)] = parsed[0]
    if problems:
        raise InputError(problems)
    return str(data.get("system", "")), out


def _number(text: str) -> float | None:
    """Return a finite number from a cell (spaces as thousands separators allowed), or None."""
    try:
        value = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class _Checker:
    """Checks one row at a time and remembers per-firm facts (plot, NACE) to check their consistency."""

    def __init__(self, table: Table, tables: Tables, plots: Mapping[str, Plot], parties: Mapping[str, Party]) -> None:
        self.t, self.tables, self.plots, self.parties = table, tables, plots, parties
        self.firm_plot: dict[str, tuple[str, Row]] = {}
        self.firm_nace: dict[str, tuple[str, Row]] = {}
        self.national: dict[str, str] = {}

    def _consistent(self, seen: dict[str, tuple[str, Row]], firm: str, value: str, row: Row, column: str) -> None:
        if not value:
            return
        first = seen.setdefault(firm, (value, row))
        if first[0] != value:
            at = f"line {first[1].line}" if first[1].line else f"row {first[1].row}"
            self.t.problem(row, column, f"the same {column} for every row of {firm} ({first[0]!r} on {at})", value)

    def row(self, row: Row) -> Flow | None:
        """Check one row; return its flow when it has no error."""
        c = row.cells
        before = len([p for p in self.t.problems if not p.warning])
        firm = c.get("firm", "")
        if not firm:
            self.t.problem(row, "firm", "a firm id (a tenant of the survey or a neighbour of site.yaml)", firm)
        elif self.parties and firm not in self.parties:
            self.t.problem(row, "firm", "a firm id of the round's survey or a neighbour listed in site.yaml", firm)
        direction = c.get("direction", "").lower()
        ftype = c.get("type", "").lower().replace("-", "_").replace(" ", "_")
        if direction == "output" and ftype not in OUTPUT_TYPES:
            self.t.problem(row, "type", "for an output: " + ", ".join(OUTPUT_TYPES), c.get("type"))
        elif direction == "input" and ftype not in INPUT_TYPES:
            self.t.problem(row, "type", "for an input: " + ", ".join(INPUT_TYPES), c.get("type"))
        elif direction not in ("output", "input"):
            self.t.problem(row, "direction", "output or input", c.get("direction"))
        material = c.get("material", "")
        if material not in self.tables.materials:
            self.t.problem(row, "material", "a material class of the compatibility table (see docs/symbiosis.md)", material)
        quantity = _number(c.get("quantity", ""))
        if quantity is None or quantity <= 0:
            self.t.problem(row, "quantity", "a positive number", c.get("quantity"))
        elif quantity > MAX_FIGURE:
            self.t.problem(row, "quantity", "a positive number of at most 1e12 per year", c.get("quantity"))
        unit = UNIT_ALIASES.get(c.get("unit", "").strip().lower(), "")
        allowed = UNIT_FOR_TYPE.get(ftype, UNITS if ftype == "fuel" or ftype == "product" else ("t/yr",))
        if unit not in allowed:
            self.t.problem(row, "unit", f"{' or '.join(allowed)} for a {ftype or 'flow'}", c.get("unit"))
        haz_text = c.get("hazardous", "").lower()
        if haz_text not in YES and haz_text not in NO:
            self.t.problem(row, "hazardous", "yes or no (blank means no)", c.get("hazardous"))
        hazardous = haz_text in YES
        code = self._ewc(row, ftype, hazardous)
        dest = c.get("destination", "")
        if dest and (direction == "input" or not DESTINATION_RE.match(dest)):
            want = "nothing for an input" if direction == "input" else "landfill, R1-R13 or D1-D15 (blank if none)"
            self.t.problem(row, "destination", want, dest)
        cost = _number(c["cost"]) if c.get("cost") else None
        if c.get("cost") and (cost is None or abs(cost) > MAX_FIGURE):
            self.t.problem(row, "cost", "a number of at most 1e12 (the current annual cost; blank if unknown)", c.get("cost"))
        plot = c.get("plot", "")
        party = self.parties.get(firm)
        if not plot and party is not None:
            plot = party.plot
        if plot and self.plots and plot not in self.plots:
            self.t.problem(row, "plot", "a plot id listed under plots: in site.yaml", plot)
        self._consistent(self.firm_plot, firm, plot, row, "plot")
        nace = c.get("nace", "")
        expected = check_nace(nace) if nace else None
        if expected:
            self.t.problem(row, "nace", expected, nace)
        else:
            self._consistent(self.firm_nace, firm, nace, row, "nace")
        if len([p for p in self.t.problems if not p.warning]) > before or quantity is None:
            return None
        where = f"{self.t.path}:{row.line}" if row.line else f"{self.t.path} {row.sheet}!{row.row}"
        return Flow(
            firm=firm,
            direction=direction,
            type=ftype,
            material=material,
            quantity=quantity,
            unit=unit,
            ewc=code,
            national_code=c.get("national_code", ""),
            hazardous=hazardous,
            quality=c.get("quality", ""),
            destination=dest,
            cost=cost,
            plot=plot,
            nace=nace,
            where=where,
        )

    def _ewc(self, row: Row, ftype: str, hazardous: bool) -> str:
        """Check the List of Waste code (required for wastes) and the optional national code."""
        c = row.cells
        text = c.get("ewc", "")
        national = c.get("national_code", "")
        mapped = self.national.get(national, "") if national else ""
        if national and self.national and not mapped:
            self.t.problem(row, "national_code", f"a code listed in {NATIONAL_FILE}", national)
        if not text:
            if ftype == "waste" and not mapped:
                self.t.problem(row, "ewc", "a List of Waste code for a waste (e.g. 03 01 05)", text)
            return mapped
        expected = ewc.check(text, self.tables)
        if expected:
            self.t.problem(row, "ewc", expected, text)
            return ""
        parsed = ewc.parse(text)
        assert parsed is not None
        code, starred = parsed
        if starred and not hazardous:
            self.t.problem(
                row, "hazardous", f"yes: {ewc.pretty(code)}* is a hazardous entry of the List of Waste", c.get("hazardous")
            )
        if mapped and mapped != code:
            self.t.problem(row, "ewc", f"{ewc.pretty(mapped)}, the code {national} maps to in {NATIONAL_FILE}", text)
        return code


def check_table(
    table: Table,
    tables: Tables,
    plots: Mapping[str, Plot],
    parties: Mapping[str, Party],
    national: Mapping[str, str] | None = None,
) -> list[Flow]:
    """Check every row; raise InputError with every problem of the file, else return the flows."""
    checker = _Checker(table, tables, plots, parties)
    checker.national = dict(national or {})
    flows = [f for f in (checker.row(r) for r in table.rows) if f is not None]
    if any(not p.warning for p in table.problems):
        raise InputError(table.problems)
    return flows
