"""Plain-text views of a site's history, its trend and a comparison (layout only, no arithmetic)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ..fmt import pc, pc_sign, x_of_y
from ..model import tr
from .compare import CHANGES, LABELS
from .records import RecordInfo

SHORT = {"park_management": "PM", "environmental": "ENV", "social": "SOC", "economic": "ECO"}
VERDICTS = {"met": "met", "partly_met": "partly met", "not_met": "not met", "not_applicable": "n/a", "no_data": "no data"}


def _score(s: Mapping[str, Any] | None) -> str:
    """Render "50% (3 of 6)"."""
    if s is None:
        return "-"
    return f"{pc(s.get('pc'))}% ({x_of_y(s['points'], s['possible'])})".replace("n/a% ", "n/a ")


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Left-align columns separated by two spaces."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in rows)


def _categories(summaries: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the category ids in framework order over all summaries."""
    order: dict[str, None] = {}
    for s in summaries:
        for c in s.get("category_order") or s["categories"]:
            order[c] = None
    return list(order)


def history_text(site_id: str, label: str, infos: Sequence[RecordInfo]) -> str:
    """Render a site's records: round, date, overall and per-category percentages."""
    if not infos:
        return f"No records of site {site_id!r} in {label}.\n"
    cats = _categories([i.summary for i in infos])
    head = ["record", "round", "date", "recorded", "overall", *[SHORT.get(c, c) for c in cats], "policy"]
    rows = [head]
    for i in infos:
        s = i.summary
        cells = [pc(s["categories"][c]["pc"]) + "%" if c in s["categories"] else "-" for c in cats]
        rows.append(
            [str(i.id), i.round_id, i.round_date, i.recorded[:16].replace("T", " "), _score(s["overall"]), *cells, i.policy]
        )
    n = len(infos)
    return f"History of {site_id} in {label}: {n} record{'s' if n != 1 else ''}\n" + _table(rows).replace(" n/a%", " n/a ")


def trend_text(site_id: str, points: Sequence[Mapping[str, Any]]) -> str:
    """Render the trend: one line per round with changes in percentage points."""
    if not points:
        return f"No records of site {site_id!r}.\n"
    cats = _categories([p for p in points])
    rows = [["round", "date", "overall", "change", *[SHORT.get(c, c) for c in cats]]]
    for p in points:
        cells = []
        for c in cats:
            v = p["categories"].get(c)
            cells.append("-" if v is None else f"{pc(v['pc'])}%" + ("" if v["pp"] is None else f" ({pc_sign(v['pp'])})"))
        change = "" if p["overall"]["pp"] is None else f"{pc_sign(p['overall']['pp'])} pp"
        rows.append([p["round"], p["date"], _score(p["overall"]), change, *cells])
    return f"Trend of {site_id} (latest record of each round)\n" + _table(rows)


def _figure(f: Mapping[str, Any] | None) -> str:
    """Render the survey figure that decided a verdict."""
    if not f:
        return "-"
    if "share" in f:
        main = f"{pc(100 * f['share'])}% of firms"
    elif "value" in f:
        main = f"{f['value']:.4g} {f.get('unit', '')}".rstrip()
    else:
        main = "no value"
    if "answered" in f:
        main += f", {f['answered']} answered"
    return main


def compare_text(c: Mapping[str, Any], lang: str = "en") -> str:
    """Render a comparison: score changes, then requirements grouped by change class."""
    fa, fb = c["from"], c["to"]
    out = [
        f"{tr(c['site']['name'], lang)} ({c['site']['id']}): round {fa['round']} ({fa['date']}) -> {fb['round']} ({fb['date']})",
        f"framework {fb['framework']}, policy {fb['policy']}" + ("" if not c["notes"] else "; " + "; ".join(c["notes"])),
        "",
    ]
    sc = c["scores"]
    rows = [["", fa["round"], fb["round"], "change"]]
    named = [("Overall", sc["overall"]), ("Prerequisites", sc["prerequisites"]), ("Performance", sc["performance"])]
    named += [(tr(c["category_titles"].get(k), lang) or k, v) for k, v in sc["categories"].items()]
    for name, ch in named:
        rows.append([name, _score(ch["from"]), _score(ch["to"]), "n/a" if ch["pp"] is None else f"{pc_sign(ch['pp'])} pp"])
    out.append(_table(rows))
    for change in CHANGES:
        group = [r for r in c["requirements"] if r["change"] == change]
        if not group:
            continue
        out.append(f"{LABELS[change]} ({len(group)})")
        if change in ("still_open", "still_met", "still_not_applicable"):
            quiet = [r for r in group if r["id"] not in c["survey_changes"] and r["from"] == r["to"]]
            group = [r for r in group if r not in quiet]
            if quiet:
                out.extend(textwrap.wrap(", ".join(r["id"] for r in quiet), 100, initial_indent="  ", subsequent_indent="  "))
        for r in group:
            rid = r["id"] if r["from_id"] in (None, r["to_id"]) or r["to_id"] is None else f"{r['from_id']} -> {r['to_id']}"
            verdicts = " -> ".join(VERDICTS[s["verdict"]] for s in (r["from"], r["to"]) if s is not None)
            line = f"  {rid}  {tr(r['title'], lang)}  [{verdicts}]"
            if r["survey"] is not None and r["id"] in c["survey_changes"]:
                line += f"  survey: {_figure(r['survey']['from'])} -> {_figure(r['survey']['to'])}"
            if r["mapping_note"]:
                line += f"  ({r['mapping_note']})"
            out.append(line)
        out.append("")
    um = c["unmatched"]
    if um["removed"] or um["added"]:
        out.append("Not matched by any mapping table (criteria/mappings/):")
        if um["removed"]:
            out.append("  only in " + fa["round"] + ": " + ", ".join(um["removed"]))
        if um["added"]:
            out.append("  only in " + fb["round"] + ": " + ", ".join(um["added"]))
    return "\n".join(out).rstrip() + "\n"
