"""The rule-based opportunity finder: outputs matched to other parties' inputs through the compatibility table.

Inputs are indexed by material class and by a grid of cells as wide as the distance limit, so the work grows
with the number of compatible pairs near each other, not with the square of the number of firms.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any

from ..flows.data import Rule, Tables
from ..flows.records import Flow, Inventory, Plot, is_disposal

MIN_MATCH = {"t/yr": "min_match_t", "MWh/yr": "min_match_mwh", "m3/yr": "min_match_m3"}
LIMIT = {"exchange": "max_distance_km", "heat": "max_distance_heat_km", "water": "max_distance_water_km"}
REJECT_ORDER = ("unit", "hazard", "quality", "plot", "distance", "quantity", "exchanged")
CELLS = 2  # grid cells per reporting radius: a finer grid scans less area outside the circle


@dataclass(frozen=True)
class Benefits:
    """Estimated yearly benefits of an opportunity, with the parameters each figure used."""

    diverted_t: float = 0.0
    co2e_t: float = 0.0
    supplier_saving: float = 0.0
    receiver_saving: float = 0.0
    transport_cost: float = 0.0
    factors: tuple[str, ...] = ()

    @property
    def net_saving(self) -> float:
        """Return the savings of both sides less the transport cost."""
        return self.supplier_saving + self.receiver_saving - self.transport_cost


Reasons = tuple[tuple[str, Mapping[str, Any]], ...]


@dataclass(frozen=True)
class Opportunity:
    """A proposed exchange, utility link or shared service, with its score and reasons (codes and values)."""

    kind: str  # exchange, utility or shared_service
    supplier: str
    receiver: str
    supply: tuple[Flow, ...]
    demand: Flow | None
    operation: str
    matched: float
    unit: str
    distance_km: float | None
    score: float
    words: Callable[[], tuple[Reasons, Benefits]] = field(compare=False, repr=False)  # reasons and benefits, built on demand
    provenance: str = "inferred"

    @cached_property
    def _words(self) -> tuple[Reasons, Benefits]:
        return self.words()

    @property
    def reasons(self) -> Reasons:
        """Return the reasons (codes and values), built the first time they are asked for."""
        return self._words[0]

    @property
    def benefits(self) -> Benefits:
        """Return the estimated benefits, computed the first time they are asked for."""
        return self._words[1]

    @property
    def key(self) -> str:
        """Return a stable id: supplier>receiver:material."""
        return f"{self.supplier}>{self.receiver}:{self.supply[0].material}"


@dataclass(frozen=True)
class Rejected:
    """A compatible pair that failed a constraint, with the reason code and the values behind it."""

    supplier: str
    receiver: str
    supply: Flow
    demand: Flow
    reason: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Findings:
    """What the finder found for one inventory: opportunities best first, and rejected candidates."""

    opportunities: tuple[Opportunity, ...]
    rejected: tuple[Rejected, ...]
    pairs_checked: int
    omitted_opportunities: int = 0  # matches beyond the max_per_output best of an output
    omitted_rejected: int = 0  # rejections beyond the max_per_output nearest of an output


@dataclass(frozen=True)
class Operating:
    """A synergy the register shows implemented on the round date: parties, material and yearly quantity (if given)."""

    id: str
    supplier: str
    receiver: str
    material: str
    quantity: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class _Cut:
    """A flow with what implemented synergies already take from it: the flow as left, and (synergy id, quantity) pairs."""

    flow: Flow
    was: float
    taken: tuple[tuple[str, float], ...]


def _cuts(inv: Inventory, rules: Mapping[str, list[Rule]], operating: Sequence[Operating]) -> dict[int, _Cut]:
    """Return, by flow identity, each output and input reduced by the quantities implemented synergies already move."""
    taken: dict[int, list[tuple[str, float]]] = defaultdict(list)
    flows = {id(f): f for f in inv.flows}
    for op in operating:
        if op.quantity is None or op.quantity <= 0:
            continue  # no quantity in the register: the pair is known to operate, nothing can be subtracted
        takes = {r.input for r in rules.get(op.material, ())}
        for side, firm, materials in (("output", op.supplier, {op.material}), ("input", op.receiver, takes)):
            rest = op.quantity
            for f in inv.flows:
                if rest <= 0:
                    break
                if f.firm == firm and f.direction == side and f.unit == op.unit and f.material in materials:
                    used = sum(q for _, q in taken[id(f)])
                    share = min(rest, max(0.0, f.quantity - used))
                    if share > 0:
                        taken[id(f)].append((op.id, share))
                        rest -= share
    out: dict[int, _Cut] = {}
    for key, parts in taken.items():
        f = flows[key]
        left = max(0.0, f.quantity - sum(q for _, q in parts))
        cost = f.cost * left / f.quantity if f.cost and f.quantity else f.cost
        out[key] = _Cut(replace(f, quantity=left, cost=cost), f.quantity, tuple(parts))
    return out


def _limit_name(rule: Rule) -> str:
    """Return the name of the distance limit parameter that applies to a rule."""
    if rule.operation in LIMIT:
        return LIMIT[rule.operation]
    return LIMIT["exchange"]


def _upgrade(out: Flow, rule: Rule) -> float:
    """Return 1 when the output now goes to landfill or disposal (or nowhere known), 0.5 from another recovery, 0 if the same."""
    if not out.destination or is_disposal(out.destination):
        return 1.0
    return 0.0 if out.destination == rule.operation else 0.5


def benefits(out: Flow, inp: Flow, matched: float, km: float, tables: Tables) -> Benefits:
    """Estimate the yearly benefits of moving ``matched`` units of ``out`` to ``inp`` over ``km``."""
    p = tables.param
    factors: list[str] = []
    diverted = co2 = transport = 0.0
    if out.unit == "t/yr":
        factors.append("substitution_co2e_t")
        co2 = matched * p("substitution_co2e_t")
        if is_disposal(out.destination):
            diverted = matched
            co2 += matched * p("landfill_co2e_t")
            factors.append("landfill_co2e_t")
        transport = matched * km * p("transport_cost_t_km")
        factors.append("transport_cost_t_km")
    elif out.unit == "MWh/yr":
        co2 = matched * p("ef_natural_gas") / p("boiler_efficiency")
        factors += ["ef_natural_gas", "boiler_efficiency"]
    supplier = out.cost * matched / out.quantity if out.cost and out.cost > 0 else 0.0
    receiver = inp.cost * matched / inp.quantity if inp.cost and inp.cost > 0 else 0.0
    return Benefits(diverted, co2, supplier, receiver, transport, tuple(factors))


class _Grid:
    """Inputs of one material class bucketed into square cells of a fixed size (km)."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[Flow, Plot]]] = defaultdict(list)
        self.unplaced: list[Flow] = []

    def add(self, flow: Flow, plot: Plot | None) -> None:
        if plot is None:
            self.unplaced.append(flow)
        else:
            self.cells[(math.floor(plot.x_km / self.cell), math.floor(plot.y_km / self.cell))].append((flow, plot))

    def near(self, plot: Plot, radius: float) -> list[tuple[Flow, Plot]]:
        reach = max(1, math.ceil(radius / self.cell))
        cx, cy = math.floor(plot.x_km / self.cell), math.floor(plot.y_km / self.cell)
        out: list[tuple[Flow, Plot]] = []
        cells = self.cells
        for dx in range(-reach, reach + 1):
            for dy in range(-reach, reach + 1):
                found = cells.get((cx + dx, cy + dy))
                if found:
                    out += found
        return out


def find(inv: Inventory, tables: Tables, operating: Sequence[Operating] = ()) -> Findings:
    """Match every output to the inputs it can replace, net of what implemented synergies already move; best first."""
    plots = inv.plots
    where = {pid: plots.get(p.plot) for pid, p in inv.parties.items() if p.plot}
    for f in inv.flows:
        if f.plot and f.firm not in where:
            where[f.firm] = plots.get(f.plot)
    rules: dict[str, list[Rule]] = defaultdict(list)
    for r in tables.rules:
        rules[r.supply].append(r)
    cuts = _cuts(inv, rules, operating)
    running: dict[tuple[str, str], set[str]] = defaultdict(set)  # (supplier, material) -> receivers already supplied
    for op in operating:
        running[(op.supplier, op.material)].add(op.receiver)
    factor = tables.param("report_radius_factor")
    grids: dict[tuple[str, float], _Grid] = {}
    by_material: dict[str, list[Flow]] = defaultdict(list)
    for f in inv.flows:
        if f.direction == "input":
            by_material[f.material].append(f)

    def grid(material: str, cell: float) -> _Grid:
        g = grids.get((material, cell))
        if g is None:
            g = grids[(material, cell)] = _Grid(cell)
            for f in by_material.get(material, ()):
                g.add(f, where.get(f.firm))
        return g

    found: list[Opportunity] = []
    rejected: list[Rejected] = []
    checked = omitted_found = omitted_rejected = 0
    keep = int(tables.param("max_per_output"))
    weights = (tables.param("weight_quantity"), tables.param("weight_distance"), tables.param("weight_upgrade"))
    for out in inv.flows:
        if out.direction != "output" or out.type == "product":
            continue
        here = where.get(out.firm)
        quality = out.quality.lower()
        ops = running.get((out.firm, out.material), ())
        cut = cuts.get(id(out))
        left = cut.flow.quantity if cut else out.quantity
        floor = tables.param(MIN_MATCH[out.unit])
        good: list[tuple[float, float, str, int, Flow, Rule, float, float]] = []  # (-score, -matched, receiver, n, ...)
        bad: list[tuple[float, str, str, int, Flow, Rule, float]] = []  # (squared km, receiver, reason, n, ...)
        for rule in rules.get(out.material, ()):
            limit = tables.param(_limit_name(rule))
            radius = limit * factor
            r2, l2 = radius * radius, limit * limit
            g = grid(rule.input, radius / CELLS)
            pairs: list[tuple[Flow, Plot | None]] = []
            pairs += [(f, pl) for fs in g.cells.values() for f, pl in fs] if here is None else g.near(here, radius)
            pairs += [(f, None) for f in g.unplaced]
            hazard = out.hazardous and not rule.hazardous_ok
            spoilt = bool(rule.quality_excludes) and any(w in quality for w in rule.quality_excludes)
            hx, hy = (here.x_km, here.y_km) if here is not None else (0.0, 0.0)
            me, unit = out.firm, out.unit
            wq, wd, wu = weights[0], weights[1] / limit, weights[2] * _upgrade(out, rule)
            for inp, there in pairs:
                if inp.firm == me:
                    continue
                d2 = 0.0
                if here is not None and there is not None:
                    dx, dy = there.x_km - hx, there.y_km - hy
                    d2 = dx * dx + dy * dy
                    if d2 > r2:
                        continue  # beyond the reporting radius: not a candidate at all
                checked += 1
                qty, need = out.quantity, inp.quantity
                if cuts and inp.firm not in ops:  # an operating pair keeps its own figures; others get what is left
                    qty = left
                    c = cuts.get(id(inp))
                    if c is not None:
                        need = c.flow.quantity
                if inp.unit != unit:
                    reason = "unit"
                elif hazard:
                    reason = "hazard"
                elif spoilt:
                    reason = "quality"
                elif here is None or there is None:
                    reason = "plot"
                elif d2 > l2:
                    reason = "distance"
                elif (qty if qty < need else need) < floor:
                    short = min(out.quantity, inp.quantity) >= floor or inp.firm in ops
                    reason = "exchanged" if short and (qty, need) != (out.quantity, inp.quantity) else "quantity"
                else:
                    km = math.sqrt(d2)
                    fit = qty / need if qty < need else need / qty
                    score = round(100.0 * (wq * fit + weights[1] - wd * km + wu), 1)
                    good.append((-score, -(qty if qty < need else need), inp.firm, len(good), inp, rule, km, limit))
                    continue
                bad.append((d2, inp.firm, reason, len(bad), inp, rule, limit))
        # Only the best few matches and the nearest few rejections of each output are listed; the rest are counted.
        best = heapq.nsmallest(keep, good)  # plain tuples compare in C: best score, larger match, receiver id
        omitted_found += len(good) - len(best)
        for neg, _, _, _, inp, rule, km, limit in best:
            o, i, notes = _net(out, inp, ops, cuts)
            found.append(_opportunity(o, i, rule, km, limit, -neg, inv, tables, notes))
        nearest = heapq.nsmallest(keep, bad)
        omitted_rejected += len(bad) - len(nearest)
        for d2, _, reason, _, inp, rule, limit in nearest:
            o, i, notes = _net(out, inp, ops, cuts)
            values = _why(reason, o, i, rule, math.sqrt(d2), limit, floor, quality)
            if reason == "exchanged":
                values["ids"] = sorted({sid for _, v in notes for sid in v["ids"]})
            rejected.append(Rejected(out.firm, inp.firm, o, i, reason, values))
    found += shared_services(inv, tables)
    found.sort(key=lambda o: (-o.score, -o.matched, o.supplier, o.receiver, o.supply[0].material))
    rejected.sort(key=lambda r: (r.supplier, r.receiver, r.supply.material, REJECT_ORDER.index(r.reason)))
    return Findings(tuple(found), tuple(rejected), checked, omitted_found, omitted_rejected)


def _net(out: Flow, inp: Flow, ops: Any, cuts: Mapping[int, _Cut]) -> tuple[Flow, Flow, list[tuple[str, dict[str, Any]]]]:
    """Return the pair's flows net of implemented synergies (an operating pair keeps its own) and a reason per cut side."""
    if not cuts or inp.firm in ops:
        return out, inp, []
    notes: list[tuple[str, dict[str, Any]]] = []
    flows = []
    for code, f in (("r_exchanged_out", out), ("r_exchanged_in", inp)):
        c = cuts.get(id(f))
        if c is None:
            flows.append(f)
            continue
        flows.append(c.flow)
        values = {"firm": f.firm, "was": c.was, "taken": sum(q for _, q in c.taken), "left": c.flow.quantity}
        notes.append((code, {**values, "unit": f.unit, "ids": [sid for sid, _ in c.taken]}))
    return flows[0], flows[1], notes


def _why(reason: str, out: Flow, inp: Flow, rule: Rule, km: float, limit: float, floor: float, quality: str) -> dict[str, Any]:
    """Return the values behind a rejection, for its sentence."""
    if reason == "unit":
        return {"supply_unit": out.unit, "demand_unit": inp.unit}
    if reason == "hazard":
        return {"operation": rule.operation}
    if reason == "quality":
        return {"word": next(w for w in rule.quality_excludes if w in quality), "quality": out.quality}
    if reason == "plot":
        return {"firm": out.firm if not out.plot else inp.firm}
    if reason == "distance":
        return {"km": km, "limit": limit}
    return {"matched": min(out.quantity, inp.quantity), "minimum": floor, "unit": out.unit}  # quantity, exchanged


def _opportunity(
    out: Flow,
    inp: Flow,
    rule: Rule,
    km: float,
    limit: float,
    score: float,
    inv: Inventory,
    tables: Tables,
    notes: Sequence[tuple[str, Mapping[str, Any]]] = (),
) -> Opportunity:
    """Build a listed opportunity; its reasons and benefits are worked out only when asked for."""
    return Opportunity(
        kind=rule.kind,
        supplier=out.firm,
        receiver=inp.firm,
        supply=(out,),
        demand=inp,
        operation=rule.operation,
        matched=min(out.quantity, inp.quantity),
        unit=out.unit,
        distance_km=km,
        score=score,
        words=partial(_words, out, inp, rule, km, limit, inv, tables, notes),
        provenance=rule.provenance,
    )


def _words(
    out: Flow, inp: Flow, rule: Rule, km: float, limit: float, inv: Inventory, tables: Tables, notes: Sequence[Any]
) -> tuple[Reasons, Benefits]:
    """Return an opportunity's reasons (codes and values) and its estimated benefits."""
    matched = min(out.quantity, inp.quantity)
    kinds = {f: inv.parties[f].kind if f in inv.parties else "tenant" for f in (out.firm, inp.firm)}
    reasons: list[tuple[str, Mapping[str, Any]]] = [
        (
            "r_match",
            {
                "supplier": out.firm,
                "supply_qty": out.quantity,
                "unit": out.unit,
                "supply_material": out.material,
                "receiver": inp.firm,
                "demand_qty": inp.quantity,
                "demand_material": inp.material,
            },
        ),
        ("r_distance", {"km": km, "limit": limit}),
    ]
    if all(k == "tenant" for k in kinds.values()):
        reasons.append(("r_survey_both", {"round": inv.round_id}))
    else:
        for firm, k in kinds.items():
            if k != "tenant":
                reasons.append(("r_neighbour", {"firm": firm, "kind": k}))
    if rule.operation in ("heat", "water"):
        reasons.append((f"r_{rule.operation}", {}))
    else:
        reasons.append(("r_operation", {"operation": rule.operation, "destination": out.destination or "-"}))
    if out.hazardous:
        reasons.append(("r_hazardous_ok", {"operation": rule.operation}))
    reasons += notes
    return tuple(reasons), benefits(out, inp, matched, km, tables)


def _given(reasons: Reasons, benefits: Benefits) -> tuple[Reasons, Benefits]:
    """Return reasons and benefits that are already known."""
    return reasons, benefits


def shared_services(inv: Inventory, tables: Tables) -> list[Opportunity]:
    """Propose joint collection for a waste (same List of Waste code) that several firms produce."""
    groups: dict[str, list[Flow]] = defaultdict(list)
    for f in inv.flows:
        if (
            f.direction == "output"
            and f.type in ("waste", "by_product")
            and f.unit == "t/yr"
            and is_disposal(f.destination or "D")
        ):
            groups[f.ewc or f.material].append(f)
    need = int(tables.param("joint_min_firms"))
    out: list[Opportunity] = []
    for flows in groups.values():
        firms = sorted({f.firm for f in flows})
        if len(firms) < need:
            continue
        total = sum(f.quantity for f in flows)
        flows = sorted(flows, key=lambda f: f.firm)
        reasons: tuple[tuple[str, Mapping[str, Any]], ...] = (
            ("r_joint", {"firms": firms, "material": flows[0].material, "ewc": flows[0].ewc, "total": total, "unit": "t/yr"}),
        )
        out.append(
            Opportunity(
                kind="shared_service",
                supplier=",".join(firms),
                receiver="",
                supply=tuple(flows),
                demand=None,
                operation="collection",
                matched=total,
                unit="t/yr",
                distance_km=None,
                score=round(100.0 * (1.0 - 1.0 / len(firms)), 1),
                words=partial(_given, reasons, Benefits(factors=("joint_min_firms",))),
            )
        )
    return out
