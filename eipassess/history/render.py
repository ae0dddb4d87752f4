"""Plain-text views of a site's history, its trend and a comparison (layout only, no arithmetic)."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..fmt import pc, pc_sign, pp_shown, x_of_y
from .labels import LABELS, labels

if TYPE_CHECKING:  # only an annotation: comparing two result files needs no store library
    from .records import RecordInfo

SHORT = LABELS["en"]["short"]
VERDICTS = LABELS["en"]["verdicts"]


def tr(text: Mapping[str, str] | None, lang: str = "en") -> str:
    """Return a text in ``lang``, else English, else "" (as ``model.tr``, without importing the model's many classes)."""
    return "" if not text else text.get(lang) or text.get("en") or ""


def _score(s: Mapping[str, Any] | None, L: Mapping[str, Any] = LABELS["en"]) -> str:
    """Render "50% (3 of 6)"."""
    if s is None:
        return "-"
    na = L["na"]
    figure = x_of_y(s["points"], s["possible"], L["of"])
    return f"{pc(s.get('pc'), na=na)}% ({figure})".replace(f"{na}% ", f"{na} ")


def _pp(pp: float | None, L: Mapping[str, Any], after: float | None = None) -> str:
    """Render a change in percentage points ("+6 pp") as the shown figures give it (``after`` is the later one), or "n/a"."""
    if pp is None:
        return L["na"]
    return L["pp"].format(pp=pc_sign(pp) if after is None else pp_shown(after - pp, after))


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


def history_text(site_id: str, label: str, infos: Sequence[RecordInfo], lang: str = "en") -> str:
    """Render a site's records: round, date, overall and per-category percentages."""
    L = labels(lang)
    if not infos:
        return L["no_records_in"].format(site=site_id, label=label) + "\n"
    cats = _categories([i.summary for i in infos])
    na = L["na"]
    head = [L[f"col_{k}"] for k in ("record", "round", "date", "recorded", "overall")]
    rows = [[*head, *[L["short"].get(c, c) for c in cats], L["col_policy"]]]
    for i in infos:
        s = i.summary
        cells = [pc(s["categories"][c]["pc"], na=na) + "%" if c in s["categories"] else "-" for c in cats]
        recorded = i.recorded[:16].replace("T", " ")
        rows.append([str(i.id), i.round_id, i.round_date, recorded, _score(s["overall"], L), *cells, i.policy])
    title = L["history_one" if len(infos) == 1 else "history_many"].format(site=site_id, label=label, n=len(infos))
    return title + "\n" + _table(rows).replace(f" {na}%", f" {na} ")


def trend_text(site_id: str, points: Sequence[Mapping[str, Any]], lang: str = "en") -> str:
    """Render the trend: one line per round with changes in percentage points."""
    L = labels(lang)
    if not points:
        return L["no_records"].format(site=site_id) + "\n"
    cats = _categories([p for p in points])
    rows = [[L["col_round"], L["col_date"], L["col_overall"], L["col_change"], *[L["short"].get(c, c) for c in cats]]]
    for p in points:
        cells = []
        for c in cats:
            v = p["categories"].get(c)
            shown = "-" if v is None else f"{pc(v['pc'], na=L['na'])}%"
            cells.append(shown if v is None or v["pp"] is None else f"{shown} ({pp_shown(v['pc'] - v['pp'], v['pc'])})")
        change = "" if p["overall"]["pp"] is None else _pp(p["overall"]["pp"], L, p["overall"]["pc"])
        rows.append([p["round"], p["date"], _score(p["overall"], L), change, *cells])
    return L["trend"].format(site=site_id) + "\n" + _table(rows)


def _figure(f: Mapping[str, Any] | None, L: Mapping[str, Any]) -> str:
    """Render the figure that decided a verdict: the survey's (with how many firms answered) or the park's own."""
    if not f:
        return "-"
    if "share" in f:
        main = f"{pc(100 * f['share'], na=L['na'])}%"
    elif "value" in f:
        main = f"{f['value']:.4g} {f.get('unit', '')}".rstrip()
    else:
        return L["no_value"]
    if f.get("source") == "survey" and "answered" in f:
        main += L["answered"].format(n=f["answered"])
    return main


def _figures(s: Mapping[str, Any], L: Mapping[str, Any]) -> str:
    """Render "survey: A -> B", naming each side's source when the park's own figure is on either side."""
    a, b = s["from"], s["to"]
    sa, sb = ((f or {}).get("source", "survey") for f in (a, b))
    if sa == sb:
        return L["figures"].format(source=L[f"from_{sa}"], old=_figure(a, L), new=_figure(b, L))
    old = L["figure"].format(source=L[f"from_{sa}"], figure=_figure(a, L))
    return old + " -> " + L["figure"].format(source=L[f"from_{sb}"], figure=_figure(b, L))


def _head(c: Mapping[str, Any], L: Mapping[str, Any], lang: str) -> list[str]:
    """Render the two heading lines: site and rounds, then framework, policy and what changed between them."""
    fa, fb = c["from"], c["to"]
    name = tr(c["site"]["name"], lang)
    head = L["compare_head"].format(name=name, site=c["site"]["id"], r1=fa["round"], d1=fa["date"], r2=fb["round"], d2=fb["date"])
    notes = [
        L["note"].format(what=what, old=fa[key] or L["none"], new=fb[key] or L["none"])
        for key, what in L["notes"].items()
        if fa[key] != fb[key]
    ]
    basis = L["compare_basis"].format(framework=fb["framework"], policy=fb["policy"])
    return [head, basis + ("" if not notes else "; " + "; ".join(notes)), ""]


def _gate(g: Mapping[str, Any], L: Mapping[str, Any]) -> str:
    """Render one side's prerequisites gate."""
    if g["passed"]:
        return str(L["gate_passed"])
    return str(L["gate_provisional" if g["provisional"] else "gate_blocked"].format(ids=", ".join(g["blocking"])))


def compare_text(c: Mapping[str, Any], lang: str = "en") -> str:
    """Render a comparison: score changes, then requirements grouped by change class."""
    from .compare import CHANGES

    L = labels(lang)
    fa, fb = c["from"], c["to"]
    out = _head(c, L, lang)
    sc = c["scores"]
    rows = [["", fa["round"], fb["round"], L["col_change"]]]
    named = [(L[k], sc[k]) for k in ("overall", "prerequisites", "performance")]
    named += [(tr(c["category_titles"].get(k), lang) or k, v) for k, v in sc["categories"].items()]
    for name, ch in named:
        rows.append([name, _score(ch["from"], L), _score(ch["to"], L), _pp(ch["pp"], L, (ch["to"] or {}).get("pc"))])
    out.append(_table(rows))
    if "gate" in c:
        out.append(
            L["gate_line"].format(r1=fa["round"], g1=_gate(c["gate"]["from"], L), r2=fb["round"], g2=_gate(c["gate"]["to"], L))
        )
    for change in CHANGES:
        group = [r for r in c["requirements"] if r["change"] == change]
        if not group:
            continue
        out.append(f"{L['changes'][change]} ({len(group)})")
        if change in ("still_open", "still_met", "still_not_applicable"):
            quiet = [r for r in group if r["id"] not in c["survey_changes"] and r["from"] == r["to"]]
            group = [r for r in group if r not in quiet]
            if quiet:
                out.extend(textwrap.wrap(", ".join(r["id"] for r in quiet), 100, initial_indent="  ", subsequent_indent="  "))
        for r in group:
            rid = r["id"] if r["from_id"] in (None, r["to_id"]) or r["to_id"] is None else f"{r['from_id']} -> {r['to_id']}"
            verdicts = " -> ".join(L["verdicts"][s["verdict"]] for s in (r["from"], r["to"]) if s is not None)
            line = f"  {rid}  {tr(r['title'], lang)}  [{verdicts}]"
            if r["survey"] is not None and r["id"] in c["survey_changes"]:
                line += "  " + _figures(r["survey"], L)
            if r["mapping_note"]:
                line += f"  ({r['mapping_note']})"
            out.append(line)
        out.append("")
    um = c["unmatched"]
    if um["removed"] or um["added"]:
        out.append(L["unmatched"])
        for key, rnd in (("removed", fa["round"]), ("added", fb["round"])):
            if um[key]:
                out.append("  " + L["only_in"].format(round=rnd, ids=", ".join(um[key])))
    return "\n".join(out).rstrip() + "\n"
