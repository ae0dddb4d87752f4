"""The plain-text listing of a symbiosis document: opportunities with reasons, rejections and the register."""

from __future__ import annotations

from typing import Any

from .labels import num, text


def benefit_words(b: dict[str, Any], lang: str) -> str:
    """Return an opportunity's benefits as a short phrase (a dagger marks provisional factors)."""
    parts = []
    if b["diverted_t"]:
        parts.append(text("b_diverted", lang, value=num(b["diverted_t"], lang)))
    if b["co2e_t"]:
        parts.append(text("b_co2e", lang, value=num(b["co2e_t"], lang)))
    if b["net_saving"]:
        parts.append(text("b_saving", lang, value=num(b["net_saving"], lang)))
    mark = " \u2020" if b["provisional"] and parts else ""
    return "; ".join(parts) + mark if parts else "—"


def render_text(doc: dict[str, Any], lang: str, limit: int = 0) -> str:
    """Render the document as text: one numbered block per opportunity, then rejections and the register."""
    out = [
        text("title", lang),
        text("subtitle", lang, site=doc["site"]["name"], round=doc["round"]["id"], date=doc["round"]["date"]),
        "",
    ]
    opps = doc["opportunities"][:limit] if limit else doc["opportunities"]
    out.append(f"{text('h_opportunities', lang)} ({len(doc['opportunities'])})")
    for o in opps:
        parties = f"{o['supplier']} \u2192 {o['receiver']}" if o["receiver"] else o["supplier"]
        out.append(f"{o['rank']:>3}. [{num(o['score'], lang)}] {o['kind_name']}: {parties}")
        for r in o["reasons"]:
            out.append(f"       - {r}")
        out.append(f"       {text('c_benefits', lang)}: {benefit_words(o['benefits'], lang)}")
    if limit and len(doc["opportunities"]) > limit:
        out.append(f"     … (+{len(doc['opportunities']) - limit})")
    out += ["", f"{text('h_rejected', lang)} ({len(doc['rejected'])})"]
    for r in doc["rejected"]:
        out.append(f"  {r['supplier']} \u2192 {r['receiver']} ({r['material_name']}): {r['text']}")
    out += ["", text("h_register", lang)]
    for s in doc["register"]:
        status = text(f"s_{s['status']}", lang) if s["status"] else text("s_none", lang)
        rounds = ", ".join(f"{rid}: {text(f's_{st}', lang) if st else '—'}" for rid, st in s["status_by_round"].items())
        out.append(f"  {s['id']} {s['supplier']} \u2192 {s['receiver']}: {s['title']} — {status} ({rounds})")
    t = doc["totals"]
    out += [
        "",
        text("h_totals", lang),
        f"  {text('tot_waste', lang)}: {num(t['waste_t'], lang)}",
        f"  {text('tot_landfill', lang)}: {num(t['landfill_t'], lang)}",
        f"  {text('tot_diverted', lang)}: {num(t['diverted_t'], lang)} \u2020",
        f"  {text('tot_co2e', lang)}: {num(t['co2e_t'], lang)} \u2020",
        f"  {text('tot_register', lang)}: {t['implemented']}",
        "",
        text("provisional_note", lang),
    ]
    return "\n".join(out) + "\n"
