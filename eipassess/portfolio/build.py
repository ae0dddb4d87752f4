"""The programme view model: one row per park (its latest round or the round nearest a date) and aggregates.

Pure arithmetic over entries and their facts; the writers (text, tables, dashboard, PDF) only lay it out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import UsageError
from ..history.compact import CODE_VERDICT
from .entries import Entry, Pool
from .groups import check_keys, matches, options, peer
from .support import SUPPORT_TYPES, support_type

FORMAT = "eipassess.portfolio"
FORMAT_VERSION = 1
FAILING = ("not_met", "partly_met", "no_data")  # verdicts that leave a requirement open


def parse_date(text: str | None) -> dt.date | None:
    """Parse --date (YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day)."""
    if not text:
        return None
    raw = text.strip()
    padded = raw + "-01-01" if len(raw) == 4 else raw + "-01" if len(raw) == 7 else raw
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        raise UsageError(f"--date {text!r}: expected a date as YYYY-MM-DD, YYYY-MM or YYYY") from None


def _day(entry: Entry) -> dt.date | None:
    """Return the round date of an entry, or None when it has none."""
    try:
        return dt.date.fromisoformat(entry.round_date[:10])
    except ValueError:
        return None


def rounds_by_site(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """Return each site's rounds (the latest record of each round) in time order."""
    latest: dict[tuple[str, str], Entry] = {}
    for e in entries:
        key = (e.site_id, e.round_id)
        if key not in latest or (e.created, e.order) > (latest[key].created, latest[key].order):
            latest[key] = e
    out: dict[str, list[Entry]] = {}
    for e in sorted(latest.values(), key=lambda e: (e.site_id, e.round_date, e.round_id)):
        out.setdefault(e.site_id, []).append(e)
    return out


def shown_round(rounds: Sequence[Entry], date: dt.date | None) -> int:
    """Return the index of the round shown: the latest, or the one nearest ``date`` (the earlier one on a tie)."""
    if date is None:
        return len(rounds) - 1
    dated = [(abs(((_day(e) or dt.date.max) - date).days) if _day(e) else 10**9, i) for i, e in enumerate(rounds)]
    return min(dated)[1]


def _sub(a: float | None, b: float | None) -> float | None:
    """Return a - b rounded to 6 places, or None when either is missing."""
    return None if a is None or b is None else round(a - b, 6)


def park_row(rounds: Sequence[Entry], index: int, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Return one park's row: scores of the shown round, change since the round before it, peer groups, open requirements."""
    e = rounds[index]
    prev = rounds[index - 1] if index > 0 else None
    verdicts = facts.get("verdicts") or {}
    return {
        "site": e.site_id,
        "name": dict(facts.get("name") or {}),
        "country": e.country,
        "round": e.round_id,
        "date": e.round_date,
        "policy": e.policy,
        "framework": e.framework,
        "overall": e.overall_pc,
        "prerequisites": facts.get("prerequisites"),
        "categories": {k: v[0] for k, v in (facts.get("categories") or {}).items()},
        "categories_intended": {k: v[1] for k, v in (facts.get("categories") or {}).items()},
        "gate": {"passed": e.gate_passed, "provisional": e.gate_provisional, "blocking": list(facts.get("blocking") or [])},
        "completeness": e.pc_complete,
        "intended": e.intended_pc,
        "potential": _sub(e.intended_pc, e.overall_pc),
        "response_rate": None if e.response_rate is None else round(100 * e.response_rate, 6),
        "firms": facts.get("firms"),
        "previous_round": None if prev is None else prev.round_id,
        "change": None if prev is None else _sub(e.overall_pc, prev.overall_pc),
        "peer": peer(e.country, e.round_date, facts),
        "open": {rid: CODE_VERDICT.get(code[:1], "no_data") for rid, code in sorted(verdicts.items()) if code[:1] in "pnd"},
        "requirements": facts.get("requirements"),
        "rounds": [{"round": r.round_id, "date": r.round_date, "overall": r.overall_pc} for r in rounds],
    }


def _meta_index(pool: Pool, rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return requirement metadata by id over the parks' frameworks (the first framework naming an id wins)."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        for m in pool.meta.get(str(row["requirements"]), []):
            out.setdefault(m["id"], {**m, "support": support_type(m)})
    return out


def _failing(rows: Sequence[Mapping[str, Any]], meta: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return per requirement how many parks leave it open (by verdict), most often open first."""
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        for rid, verdict in row["open"].items():
            c = counts.setdefault(rid, dict.fromkeys(FAILING, 0))
            c[verdict] += 1
    out = []
    for rid, c in counts.items():
        m = meta.get(rid, {})
        out.append(
            {
                "id": rid,
                "category": m.get("category"),
                "type": m.get("type"),
                "title": dict(m.get("title") or {}),
                "support": m.get("support", "advisory"),
                "parks": sum(c.values()),
                **c,
            }
        )
    return sorted(out, key=lambda r: (-r["parks"], r["id"]))


def _distribution(values: Sequence[float]) -> dict[str, Any]:
    """Return count, mean, quartiles and a four-band histogram of percentages."""
    if not values:
        return {"n": 0, "mean": None, "min": None, "q1": None, "median": None, "q3": None, "max": None, "bins": [0, 0, 0, 0]}
    v = sorted(values)
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0], v[0], v[0]]
    bins = [0, 0, 0, 0]
    for x in v:
        bins[min(int(x // 25), 3)] += 1
    return {
        "n": len(v),
        "mean": round(statistics.fmean(v), 6),
        "min": v[0],
        "q1": round(q[0], 6),
        "median": round(q[1], 6),
        "q3": round(q[2], 6),
        "max": v[-1],
        "bins": bins,
    }


def _support(rows: Sequence[Mapping[str, Any]], failing: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return technical-assistance needs per support type: parks needing it, open requirements, the most common ones."""
    kind = {f["id"]: f["support"] for f in failing}
    out = []
    for t in SUPPORT_TYPES:
        parks = sum(1 for row in rows if any(kind.get(rid) == t for rid in row["open"]))
        reqs = [f for f in failing if f["support"] == t]
        out.append(
            {
                "type": t,
                "parks": parks,
                "gaps": sum(f["parks"] for f in reqs),
                "requirements": [f["id"] for f in reqs[:5]],
            }
        )
    return out


def build(
    pool: Pool, date: dt.date | None = None, filters: Mapping[str, set[str]] | None = None, source: str = ""
) -> dict[str, Any]:
    """Return the programme view of the pool's parks: rows, aggregates, filter options and notes."""
    by_site = rounds_by_site(pool.entries)
    picked = {site: shown_round(rs, date) for site, rs in by_site.items()}
    pool.need(rs[picked[site]] for site, rs in by_site.items())
    all_rows = [park_row(rs, picked[site], pool.facts_of(rs[picked[site]])) for site, rs in sorted(by_site.items())]
    check_keys(filters or {}, [r["peer"] for r in all_rows])
    rows = [r for r in all_rows if matches(r["peer"], filters or {})]
    meta = _meta_index(pool, rows)
    failing = _failing(rows, meta)
    order: dict[str, dict[str, str]] = {}
    for row in rows:
        facts = pool.facts_of(by_site[row["site"]][picked[row["site"]]])
        titles = facts.get("category_titles") or {}
        for cid in facts.get("category_order") or titles:
            order.setdefault(cid, dict(titles.get(cid) or {}))
    categories = {
        cid: {"title": title, **_distribution([r["categories"][cid] for r in rows if r["categories"].get(cid) is not None])}
        for cid, title in order.items()
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "source": source,
        "date": None if date is None else date.isoformat(),
        "filters": {k: sorted(v) for k, v in sorted((filters or {}).items())},
        "parks_total": len(all_rows),
        "parks": rows,
        "overall": _distribution([r["overall"] for r in rows if r["overall"] is not None]),
        "potential": _distribution([r["potential"] for r in rows if r["potential"] is not None]),
        "categories": categories,
        "requirements": failing,
        "support": _support(rows, failing),
        "options": options([r["peer"] for r in all_rows]),
        "policies": sorted({r["policy"] for r in rows}),
        "frameworks": sorted({r["framework"] for r in rows}),
        "requirement_titles": {rid: dict(m.get("title") or {}) for rid, m in sorted(meta.items())},
    }
