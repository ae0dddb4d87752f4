"""Plain-text and flat-table views of the programme (layout only: the numbers come from ``build``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..fmt import pc, pc_sign
from ..model import tr
from .labels import labels

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(value: Any) -> str:
    """Return a text without terminal control characters (names and tags come from users' files)."""
    return _CONTROL.sub(" ", str(value))


def pct(value: float | None, L: Mapping[str, Any]) -> str:
    """Render a percentage with its sign, or n/a."""
    return L["na"] if value is None else f"{pc(value)}%"


def pp(value: float | None, L: Mapping[str, Any]) -> str:
    """Render a change in percentage points, or n/a."""
    return L["na"] if value is None else L["pp"].format(pp=pc_sign(value))


def gate_text(gate: Mapping[str, Any], L: Mapping[str, Any]) -> str:
    """Render the prerequisites gate: passed / not passed, and provisional when the result says so."""
    if gate.get("passed") is None:
        return L["na"]
    word = L["gate_passed"] if gate["passed"] else L["gate_failed"]
    return f"{word} ({L['gate_provisional']})" if gate.get("provisional") else word


def _table(rows: Sequence[Sequence[str]]) -> str:
    """Left-align columns separated by two spaces."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in rows)


def header_lines(view: Mapping[str, Any], L: Mapping[str, Any]) -> list[str]:
    """Return the lines saying what is shown: source, round choice, filters, policy mix."""
    out = [L["source"].format(source=clean(view["source"]))] if view["source"] else []
    out.append(L["as_of_date"].format(date=view["date"]) if view["date"] else L["as_of_latest"])
    if view["filters"]:
        shown = "; ".join(f"{clean(k)} = {', '.join(clean(v) for v in vs)}" for k, vs in view["filters"].items())
        out.append(L["filtered"].format(filters=shown, n=len(view["parks"]), total=view["parks_total"]))
    if len(view["policies"]) > 1:
        out.append(L["policies_differ"].format(policies=", ".join(view["policies"])))
    return out


def portfolio_text(view: Mapping[str, Any], lang: str = "en", top: int = 10) -> str:
    """Render the programme: one line per park, then the most often open requirements, categories and support needs."""
    L = labels(lang)
    out = [L["title"] + " — " + L["subtitle"].format(n=len(view["parks"])), *header_lines(view, L), ""]
    if not view["parks"]:
        return "\n".join([*out, L["no_parks"], ""])
    cats = list(view["categories"])
    head = [L[f"col_{k}"] for k in ("park", "country", "round", "overall")]
    head += [L["short"].get(c, c) for c in cats]
    head += [L[f"col_{k}"] for k in ("gate", "complete", "intended", "potential", "response", "change")]
    rows = [head]
    for p in view["parks"]:
        rows.append(
            [
                clean(p["site"]),
                clean(p["country"]),
                clean(p["round"]),
                pct(p["overall"], L),
                *[pct(p["categories"].get(c), L) for c in cats],
                gate_text(p["gate"], L),
                pct(p["completeness"], L),
                pct(p["intended"], L),
                pp(p["potential"], L),
                pct(p["response_rate"], L),
                pp(p["change"], L),
            ]
        )
    out += [_table(rows), L["sec_failed"]]
    reqs = [[L["col_requirement"], L["col_parks"], L["col_support"], ""]]
    for r in view["requirements"][:top]:
        reqs.append([r["id"], str(r["parks"]), L["support"][r["support"]], clean(tr(r["title"], lang))])
    out += [_table(reqs), L["sec_categories"]]
    crow = [[L["col_category"], L["col_mean"], L["col_median"], L["col_range"]]]
    for cid, d in view["categories"].items():
        span = L["na"] if d["min"] is None else f"{pc(d['min'])}–{pc(d['max'])}%"
        crow.append([clean(tr(d["title"], lang)) or cid, pct(d["mean"], L), pct(d["median"], L), span])
    out += [_table(crow), L["sec_support"]]
    srow = [[L["col_support"], L["col_parks"], L["col_gaps"], L["col_examples"]]]
    for s in view["support"]:
        srow.append([L["support"][s["type"]], str(s["parks"]), str(s["gaps"]), ", ".join(s["requirements"])])
    out += [_table(srow), *(f"- {n}" for n in L["notes"]), ""]
    return "\n".join(out)


def flat_rows(view: Mapping[str, Any], lang: str = "en") -> list[dict[str, Any]]:
    """Return one flat record per park for CSV and Parquet: numbers stay numbers, lists are joined with '; '."""
    cats = list(view["categories"])
    tags = sorted({k for p in view["parks"] for k in p["peer"]["tags"]})
    out = []
    for p in view["parks"]:
        row: dict[str, Any] = {
            "site": p["site"],
            "name": tr(p["name"], lang),
            "country": p["country"],
            "round": p["round"],
            "date": p["date"],
            "policy": p["policy"],
            "framework": p["framework"],
            "overall_pc": p["overall"],
            "prerequisites_pc": p["prerequisites"],
            **{f"{c}_pc": p["categories"].get(c) for c in cats},
            "gate_passed": p["gate"]["passed"],
            "gate_provisional": p["gate"]["provisional"],
            "gate_blocking": "; ".join(p["gate"]["blocking"]),
            "completeness_pc": p["completeness"],
            "intended_pc": p["intended"],
            "potential_pp": p["potential"],
            "response_rate_pc": p["response_rate"],
            "previous_round": p["previous_round"],
            "change_pp": p["change"],
            "size": p["peer"]["size"],
            "age": p["peer"]["age"],
            "tenants": p["peer"]["tenants"],
            "sectors": "; ".join(p["peer"]["sector"]),
            **{f"tag_{k}": p["peer"]["tags"].get(k) for k in tags},
            "open_requirements": len(p["open"]),
        }
        out.append(row)
    return out


def _csv_cell(value: Any) -> Any:
    """Neutralise a text cell a spreadsheet would run as a formula, and drop control characters."""
    from ..safetext import neutralise_cell

    if isinstance(value, str):
        return neutralise_cell(clean(value))
    return "" if value is None else value


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """Return the flat rows as CSV (UTF-8 text, a header row, formulas neutralised)."""
    import csv
    import io

    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows({k: _csv_cell(v) for k, v in r.items()} for r in rows)
    return buf.getvalue()


def to_parquet(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """Return the flat rows as a Parquet file (needs pyarrow: the ``parquet`` extra)."""
    import io

    from ..errors import UsageError

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow, which is not installed: pip install 'eipassess[parquet]' (or use --format csv)"
        ) from None
    table = pa.Table.from_pylist([dict(r) for r in rows])
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def template_context(view: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Return what both programme templates (dashboard and print) use: the view, labels and formatters."""
    from .. import __version__

    L = labels(lang)
    return {
        "v": view,
        "L": L,
        "lang": lang,
        "tr": tr,
        "gate": lambda g: gate_text(g, L),
        "pct": lambda x: pct(x, L),
        "pp": lambda x: pp(x, L),
        "header": header_lines(view, L),
        "cats": list(view["categories"]),
        "version": __version__,
    }
