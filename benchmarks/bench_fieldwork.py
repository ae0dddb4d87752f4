"""Time the questionnaire export and import for 60 park requirements and 2,000 tenant rows; print peak memory.

Run: python benchmarks/bench_fieldwork.py [--firms N] [--requirements N] [--repeat N]
Goals (issue 14) on the 2-core reference machine: export <= 1 s and import <= 1 s of CPU each. CPU time
(time.process_time) and wall time are printed apart, as the median and best of --repeat runs, with the
load average: the machine is shared, so the wall time moves with the other processes and the CPU time less.
Import time of openpyxl and pandas is not part of either figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from eipassess.catalogue import load_catalogue
from eipassess.engine.kinds.checklist import item_ids
from eipassess.fieldwork.export import build_workbook, park_requirements, save_workbook
from eipassess.fieldwork.importer import read_workbook
from eipassess.fieldwork.prefill import Prefill
from eipassess.model import Answer, Catalogue, SiteProfile

GOAL_S = 1.0  # issue 14: export and import of 2,000 rows, each


def catalogue_with(n: int) -> Catalogue:
    """Return the built-in catalogue with exactly ``n`` park-level requirements (copies get new ids)."""
    base, _ = load_catalogue("eip-v2")
    park, survey = park_requirements(base)
    reqs = [dataclasses.replace(park[i % len(park)], id=f"{park[i % len(park)].id}-{i // len(park)}") for i in range(n)]
    return dataclasses.replace(base, requirements=tuple(reqs + survey))


def answer(req: object, rng: random.Random) -> Answer:
    """Return a plausible answer for a requirement by its rule kind."""
    kind = req.rule.kind  # type: ignore[attr-defined]
    if kind == "yes_no":
        return Answer(value=rng.choice(["yes", "no", "partly"]), intended="yes", evidence=("Register 2021",))
    if kind == "document":
        return Answer(value=dt.date(2019, 3, 1), intended="2025-01", comment="Plan under review")
    if kind == "checklist":
        ids = item_ids(req.rule)  # type: ignore[attr-defined]
        return Answer(value=ids[: len(ids) // 2 + 1])
    if kind == "tenant_share":
        return Answer(value=0.4)
    return Answer(value=round(rng.uniform(0, 100), 1))


def tenants(catalogue: Catalogue, firms: int, rng: random.Random) -> list[dict[str, str]]:
    """Return ``firms`` survey rows as text."""
    rows = []
    for n in range(firms):
        row = {"firm_id": f"F{n:05d}", "firm_name": f"Firm {n}", "sector": rng.choice(["food", "metal", "wood"])}
        row["employees"] = str(rng.randint(5, 900))
        for ind in sorted(catalogue.indicators, key=lambda i: bool(i.part_of)):  # wholes first: a part never exceeds its whole
            if ind.type == "yes_no":
                row[ind.id] = rng.choice(["yes", "no", ""])
            else:
                row[ind.id] = str(rng.randint(0, int(row[ind.part_of]) if ind.part_of else 5000))
        rows.append(row)
    return rows


def timed(step: Callable[[], object]) -> tuple[float, float]:
    """Run ``step``; return its CPU and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    step()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firms", type=int, default=2000)
    parser.add_argument("--requirements", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    catalogue = catalogue_with(args.requirements)
    site = SiteProfile(id="bench-park", name={"en": "Bench park"}, country="BY", operator={"en": "x"}, tenants_total=args.firms)
    park, _ = park_requirements(catalogue)
    fill = Prefill(
        date=dt.date(2024, 5, 1),
        assessor="Bench",
        intended_year=2027,
        answers={r.id: answer(r, rng) for r in park},
        tenants=tenants(catalogue, args.firms, rng),
    )
    import openpyxl  # noqa: F401  (import time is not part of either figure)
    import pandas  # noqa: F401

    runs: dict[str, list[tuple[float, float]]] = {"export": [], "import": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        for _ in range(args.repeat):
            runs["export"].append(timed(lambda: save_workbook(build_workbook(site, catalogue, "2024", "en", fill), path)))
            runs["import"].append(timed(lambda: read_workbook(path, site, catalogue)))
        imported = read_workbook(path, site, catalogue)
        size = path.stat().st_size
        tracemalloc.start()
        save_workbook(build_workbook(site, catalogue, "2024", "en", fill), path)
        export_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        read_workbook(path, site, catalogue)
        import_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"park requirements: {len(park)} (+ {len(catalogue.requirements) - len(park)} survey-answered rows), tenant rows: {args.firms}"
    )
    print(f"workbook size: {size / 1024:.0f} KiB; imported answers: {imported.answered}, firms: {imported.firms}")
    print(f"median (best) of {args.repeat} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for name, figures in runs.items():
        cpu = statistics.median(c for c, _ in figures)
        wall = statistics.median(w for _, w in figures)
        best_cpu, best_wall = min(c for c, _ in figures), min(w for _, w in figures)
        verdict = "within goal" if cpu <= GOAL_S else "** over goal **"
        print(
            f"{name}: CPU {cpu:.2f} s ({best_cpu:.2f}), wall {wall:.2f} s ({best_wall:.2f}); goal <= {GOAL_S:g} s CPU: {verdict}"
        )
    print(
        f"peak Python heap: export {export_peak / 2**20:.0f} MiB, import {import_peak / 2**20:.0f} MiB; process peak RSS {rss:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
