"""Benchmark the gap reports: HTML time, PDF time, PDF time over WeasyPrint alone, peak memory, 300-requirement stress.

Run: python benchmarks/bench_reports.py [SITE]  (default: sample_sites/fez-minsk, its latest round compared with the previous)
"""

from __future__ import annotations

import copy
import io
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eipassess.reports.html import render_html  # noqa: E402
from eipassess.reports.pdf import pdf_html, render_pdf  # noqa: E402
from eipassess.reports.render import static_dir  # noqa: E402
from eipassess.reports.view import build  # noqa: E402
from eipassess.result import to_dict  # noqa: E402
from eipassess.site.load import round_ids  # noqa: E402
from eipassess.workflow import assess_site  # noqa: E402

VERDICT_KEYS = ("met", "partly_met", "not_met", "not_applicable", "no_data")


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Return the median wall time of ``fn`` over ``repeat`` runs and its last result."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def weasyprint_alone(html: str) -> bytes:
    """Lay out the same HTML with WeasyPrint's defaults (no view model, no template, no restricted fetcher)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=static_dir().as_uri() + "/").write_pdf()


def _empty() -> dict[str, float]:
    """Return zero counts."""
    return {k: 0 for k in VERDICT_KEYS} | {"points": 0.0, "possible": 0.0}


def _tally(record: dict[str, Any], which: str) -> dict[str, dict[str, float]]:
    """Count verdicts per bucket (overall, prerequisites, performance, categories, sub-categories)."""
    buckets: dict[str, dict[str, float]] = {}
    for r in record["requirements"]:
        v = r[which]["verdict"]
        keys = ["overall"] + (
            ["prerequisites"]
            if r["type"] == "prerequisite"
            else ["performance", "cat:" + r["category"], "sub:" + r["subcategory"]]
        )
        for key in keys:
            b = buckets.setdefault(key, _empty())
            b[v] += 1
            b["points"] += v == "met"
            b["possible"] += v != "not_applicable"
    return buckets


def _score(b: dict[str, float]) -> dict[str, Any]:
    """Return a score mapping like the result record's."""
    assessed = b["possible"] - b["no_data"]
    return {
        **b,
        "pc": 100 * b["points"] / b["possible"] if b["possible"] else None,
        "pc_complete": 100 * assessed / b["possible"] if b["possible"] else None,
    }


def rescore(record: dict[str, Any]) -> None:
    """Recompute the record's published-policy counts after its requirements changed (stress data only)."""
    for which in ("current", "intended"):
        buckets = _tally(record, which)
        s = record["scores"][which]
        for key in ("overall", "prerequisites", "performance"):
            s[key] = _score(buckets.get(key, _empty()))
        s["categories"] = {c: _score(buckets.get("cat:" + c, _empty())) for c in s["categories"]}
        s["subcategories"] = {c: _score(buckets.get("sub:" + c, _empty())) for c in s["subcategories"]}


def synthetic(record: dict[str, Any], n: int) -> dict[str, Any]:
    """Return a copy of ``record`` with ``n`` requirements (copies of its own, renumbered)."""
    rec = copy.deepcopy(record)
    base = rec["requirements"]
    reqs = []
    for i in range(n):
        r = copy.deepcopy(base[i % len(base)])
        r["id"] = f"S-{i + 1:03d}"
        reqs.append(r)
    rec["requirements"] = reqs
    rescore(rec)
    return rec


def main() -> None:
    """Print the figures."""
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "sample_sites" / "fez-minsk"
    ids = round_ids(site)
    records = [to_dict(assess_site(site, r)[0]) for r in ids]
    record, previous = records[-1], (records[-2] if len(records) > 1 else None)
    print(
        f"site {site.name}, round {ids[-1]} ({len(record['requirements'])} requirements), compared with {previous and previous['round']['id']}"
    )
    for lang in ("en", "ru"):
        t_html, html = timed(lambda lang=lang: render_html(build(record, lang, previous, records[:-2])))
        t_pdf, pdf = timed(lambda lang=lang: render_pdf(build(record, lang, previous, records[:-2])))
        print_html = pdf_html(build(record, lang, previous, records[:-2]))
        t_alone, _ = timed(lambda h=print_html: weasyprint_alone(h))
        print(
            f"{lang}: HTML {t_html:.2f} s ({len(html) / 1e6:.1f} MB); PDF {t_pdf:.2f} s ({len(pdf) / 1e3:.0f} kB); "
            f"WeasyPrint alone {t_alone:.2f} s; PDF / WeasyPrint alone = {t_pdf / t_alone:.2f} (target < 1.2)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS so far): {peak:.0f} MB")

    stress = synthetic(record, 300)
    start = time.perf_counter()
    view = build(stress, "en")
    html = render_html(view)
    pdf = render_pdf(view)
    elapsed = time.perf_counter() - start
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    missing_pdf = [r["id"] for r in stress["requirements"] if r["id"] not in text]
    missing_html = [r["id"] for r in stress["requirements"] if r["id"] not in html]
    print(
        f"stress: 300 requirements, HTML + PDF {elapsed:.1f} s (target < 30 s), {len(reader.pages)} pages; "
        f"ids missing from PDF: {len(missing_pdf)}, from HTML: {len(missing_html)}"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, whole run): {peak:.0f} MB")


if __name__ == "__main__":
    main()
