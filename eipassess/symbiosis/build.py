"""Assemble everything the symbiosis outputs show into one plain, JSON-ready document (the view model)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..flows.data import Tables, site_tables
from ..flows.ewc import pretty
from ..flows.load import load_inventory
from ..flows.records import Flow, Inventory, is_disposal
from ..model import Catalogue, tr
from ..recp.figures import FirmFigures, firm_figures, park_figures
from ..recp.measures import read_measures
from ..site.load import parse_answers, round_dir, round_ids, survey_path
from .labels import num, text
from .match import Findings, Operating, Opportunity, Rejected, find
from .register import Entry, read_register

FORMAT = "eipassess.symbiosis"
FORMAT_VERSION = 1


def _flow(f: Flow, tables: Tables, lang: str) -> dict[str, Any]:
    """Serialise a flow with its material's name."""
    return {
        "firm": f.firm,
        "direction": f.direction,
        "type": f.type,
        "material": f.material,
        "material_name": tr(tables.materials.get(f.material), lang),
        "ewc": pretty(f.ewc) if f.ewc else "",
        "quantity": f.quantity,
        "unit": f.unit,
        "hazardous": f.hazardous,
        "quality": f.quality,
        "destination": f.destination,
        "cost": f.cost,
        "where": f.where,
    }


def say(code: str, values: Mapping[str, Any], lang: str, tables: Tables, inv: Inventory) -> str:
    """Render one reason or rejection code with its values as words."""
    v: dict[str, Any] = {}
    for key, value in values.items():
        if key.endswith("material"):
            v[key] = tr(tables.materials.get(str(value)), lang) or value
        elif key == "unit" or key.endswith("_unit"):
            v[key] = text(str(value), lang)
        elif key == "kind":
            v[key] = text(f"p_{value}", lang)
        elif key == "status":
            v[key] = text(f"s_{value}", lang)
        elif key == "ids":
            v[key] = ", ".join(value)
        elif key == "firms":
            v["firm_list"] = ", ".join(value)
            v["count"] = len(value)
        elif key == "destination" and value == "-":
            v[key] = text("dest_none", lang)
        elif key == "ewc":
            v[key] = pretty(str(value)) if value else "—"
        else:
            v[key] = num(value, lang) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
    try:
        return text(code, lang, **v)
    except (KeyError, IndexError):
        return text(code, lang)


def _benefits(o: Opportunity, tables: Tables) -> dict[str, Any]:
    """Serialise an opportunity's benefits, saying whether a provisional parameter went into them."""
    b = o.benefits
    return {
        "diverted_t": round(b.diverted_t, 3),
        "co2e_t": round(b.co2e_t, 3),
        "supplier_saving": round(b.supplier_saving, 2),
        "receiver_saving": round(b.receiver_saving, 2),
        "transport_cost": round(b.transport_cost, 2),
        "net_saving": round(b.net_saving, 2),
        "factors": list(b.factors),
        "provisional": any(tables.params[f].provisional for f in b.factors if f in tables.params),
    }


def operating(entries: list[Entry], day: str) -> list[Operating]:
    """Return the register's synergies implemented on the round date, with their yearly quantities."""
    return [
        Operating(e.synergy.id, e.synergy.supplier, e.synergy.receiver, e.synergy.material, e.quantity, e.unit)
        for e in entries
        if e.synergy.status_on(day) == "implemented"
    ]


def _register_index(entries: list[Entry]) -> dict[tuple[str, str], list[Entry]]:
    """Index register entries by (supplier, receiver)."""
    out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        out[(e.synergy.supplier, e.synergy.receiver)].append(e)
    return out


def _in_register(o: Opportunity, index: Mapping[tuple[str, str], list[Entry]], day: str) -> dict[str, Any] | None:
    """Return the register entry an opportunity already is (same parties, same material if possible), with its status."""
    cands = index.get((o.supplier, o.receiver), [])
    same = [e for e in cands if e.synergy.material == o.supply[0].material] or cands
    for e in same:
        status = e.synergy.status_on(day)
        if status:
            since = max(d for d, s in e.synergy.events if d <= day)
            return {"id": e.synergy.id, "status": status, "since": since}
    return None


def _opportunity(
    rank: int, o: Opportunity, tables: Tables, inv: Inventory, lang: str, reg: dict[str, Any] | None
) -> dict[str, Any]:
    """Serialise one opportunity with its reasons in words."""
    reasons = list(o.reasons) + ([("r_register", reg)] if reg else [])
    return {
        "rank": rank,
        "id": o.key,
        "kind": o.kind,
        "kind_name": text(f"k_{o.kind}", lang),
        "supplier": o.supplier,
        "receiver": o.receiver,
        "flows": [_flow(f, tables, lang) for f in (*o.supply, *([o.demand] if o.demand else []))],
        "operation": o.operation,
        "matched": o.matched,
        "unit": o.unit,
        "distance_km": None if o.distance_km is None else round(o.distance_km, 3),
        "score": o.score,
        "reasons": [say(c, v, lang, tables, inv) for c, v in reasons],
        "reason_codes": [{"code": c, "values": dict(v)} for c, v in reasons],
        "benefits": _benefits(o, tables),
        "provenance": o.provenance,
        "register": reg,
    }


def _rejected(r: Rejected, tables: Tables, inv: Inventory, lang: str) -> dict[str, Any]:
    """Serialise a rejected candidate with its reason in words."""
    return {
        "supplier": r.supplier,
        "receiver": r.receiver,
        "material": r.supply.material,
        "material_name": tr(tables.materials.get(r.supply.material), lang),
        "demand_material": r.demand.material,
        "reason": r.reason,
        "text": say(f"x_{r.reason}", r.values, lang, tables, inv),
        "values": dict(r.values),
    }


def _figures(f: FirmFigures) -> dict[str, Any]:
    """Serialise RECP figures, ratios included."""
    out = {k: getattr(f, k) for k in ("firm", "employees", "energy_mwh", "water_m3", "materials_t", "product_t", "waste_t")}
    out.update(recovered_t=f.recovered_t, hazardous_t=f.hazardous_t, ghg_t=f.ghg_t, ghg_factors=list(f.ghg_factors))
    for k in (
        "energy_per_employee",
        "water_per_employee",
        "materials_per_employee",
        "energy_per_output",
        "recovery_rate",
        "hazardous_share",
    ):
        out[k] = getattr(f, k)
    return out


def _survey_rows(rdir: Path, catalogue: Catalogue) -> dict[str, dict[str, float]]:
    """Return each surveyed firm's employees, energy and water (numbers only)."""
    import math

    spec, _, _ = parse_answers(rdir / "answers.yaml", catalogue)
    spath = survey_path(rdir, spec)
    if spath is None:
        return {}
    from ..site.survey import read_survey

    frame = read_survey(spath, catalogue.indicators)
    keep = [c for c in ("employees", "energy_mwh", "water_m3") if c in frame.columns]
    out: dict[str, dict[str, float]] = {}
    for row in frame.to_dict("records"):
        out[str(row["firm_id"])] = {k: float(row[k]) for k in keep if not math.isnan(float(row[k]))}
    return out


def build(folder: Path, round_id: str | None, catalogue: Catalogue, site_name: Mapping[str, str], lang: str) -> dict[str, Any]:
    """Find the opportunities of a round and return the whole document: opportunities, rejections, register, RECP."""
    rdir = round_dir(folder, round_id)
    tables = site_tables(folder)
    inv = load_inventory(folder, rdir.name, catalogue, tables)
    entries = read_register(folder, {p for p, party in inv.parties.items() if party.kind != "tenant"}) or []
    day = inv.round_date
    findings: Findings = find(inv, tables, operating(entries, day))
    index = _register_index(entries)
    opps = [_opportunity(i, o, tables, inv, lang, _in_register(o, index, day)) for i, o in enumerate(findings.opportunities, 1)]
    dates = {}
    for rid in round_ids(folder):
        dates[rid] = parse_answers(folder / "rounds" / rid / "answers.yaml", catalogue)[0].date.isoformat()
    register = [
        {
            "id": e.synergy.id,
            "title": tr(e.title, lang),
            "supplier": e.synergy.supplier,
            "receiver": e.synergy.receiver,
            "material": e.synergy.material,
            "material_name": tr(tables.materials.get(e.synergy.material), lang),
            "quantity": e.quantity,
            "unit": e.unit,
            "status": e.synergy.status_on(day),
            "history": [{"date": d, "status": s, "note": n} for (d, s), n in zip(e.synergy.events, e.notes)],
            "status_by_round": {rid: e.synergy.status_on(d) for rid, d in dates.items()},
            "results": e.results,
        }
        for e in entries
    ]
    survey = _survey_rows(rdir, catalogue)
    by_firm: dict[str, list[Flow]] = defaultdict(list)
    for f in inv.flows:
        by_firm[f.firm].append(f)
    firms = [firm_figures(fid, by_firm.get(fid, []), survey.get(fid, {}), tables) for fid in sorted(set(by_firm) | set(survey))]
    measures = read_measures(rdir, set(inv.parties)) or []
    waste = [f for f in inv.flows if f.direction == "output" and f.type in ("waste", "by_product") and f.unit == "t/yr"]
    live = {o["id"] for o in opps if o["register"] and o["register"]["status"] == "implemented"}
    pairs = [o for o in findings.opportunities if o.kind != "shared_service" and o.key not in live]
    totals = {
        "parties": len(by_firm),
        "outputs": sum(1 for f in inv.flows if f.direction == "output"),
        "inputs": sum(1 for f in inv.flows if f.direction == "input"),
        "waste_t": sum(f.quantity for f in waste),
        "landfill_t": sum(f.quantity for f in waste if is_disposal(f.destination)),
        "opportunities": len(findings.opportunities),
        "diverted_t": _best_per_supply(pairs, "diverted_t"),
        "co2e_t": _best_per_supply(pairs, "co2e_t"),
        "implemented": sum(1 for r in register if r["status"] == "implemented"),
        "pairs_checked": findings.pairs_checked,
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool_version": __version__,
        "lang": lang,
        "site": {"id": folder.name, "name": tr(site_name, lang), "folder": str(folder)},
        "round": {"id": inv.round_id, "date": day},
        "inputs": [inv.source, *tables.origins[1:]],
        "parties": {
            pid: {
                "name": tr(p.name, lang),
                "kind": p.kind,
                "kind_name": text(f"p_{p.kind}", lang),
                "nace": p.nace,
                "plot": p.plot,
            }
            for pid, p in sorted(inv.parties.items())
            if pid in by_firm
        },
        "plots": {pid: {"x_km": p.x_km, "y_km": p.y_km} for pid, p in sorted(inv.plots.items())},
        "flows": [_flow(f, tables, lang) for f in inv.flows],
        "opportunities": opps,
        "rejected": [_rejected(r, tables, inv, lang) for r in findings.rejected],
        "register": register,
        "totals": totals,
        "recp": {"firms": [_figures(f) for f in firms], "park": _figures(park_figures(firms))},
        "measures": [
            {
                "id": m.id,
                "firm": m.firm,
                "title": tr(m.title, lang),
                "technique": m.technique,
                "technique_name": text(f"te_{m.technique}", lang),
                "status": m.status,
                "status_name": text(f"ms_{m.status}", lang),
                "investment": m.investment,
                "annual_saving": m.annual_saving,
                "savings": m.savings,
                "co2e_t": m.co2e_t,
            }
            for m in measures
        ],
        "parameters": [
            {"name": p.name, "value": p.value, "unit": p.unit, "provenance": p.provenance, "source": p.source, "note": p.note}
            for p in tables.params.values()
        ],
    }


def _best_per_supply(opps: list[Opportunity], field: str) -> float:
    """Add up a benefit counting each output once (its best-scored opportunity), so alternatives are not summed."""
    seen: set[str] = set()
    total = 0.0
    for o in opps:  # best first
        key = o.supply[0].where or f"{o.supplier}:{o.supply[0].material}"
        if key in seen:
            continue
        seen.add(key)
        total += getattr(o.benefits, field)
    return round(total, 3)
