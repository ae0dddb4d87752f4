"""Benchmark the history store: records written per second, `history SITE` and `compare` latency.

Fills a fresh store with 10,000 synthetic results across 500 sites (20 rounds each), built by
modifying a real result of the sample site FEZ "Minsk", then times the library calls and the CLI.
SQLite always; PostgreSQL too when EIPASSESS_TEST_PG_URL is set. Targets: `history SITE` and
`compare` under 0.2 s each.

usage: python benchmarks/bench_history.py [--sites 500] [--rounds 20] [--keep DIR] [--clone]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "history"))

from pgtemp import pg_database  # noqa: E402

VERDICTS = ("met", "partly_met", "not_met", "no_data")
BASE_JSON = ""  # the base record as JSON: decoding it is faster than deepcopy


def base_record() -> dict[str, Any]:
    """Assess the sample site's latest round (falling back to the test park) without recording it."""
    from eipassess.result import to_dict
    from eipassess.workflow import assess_site

    for folder in (ROOT / "sample_sites" / "fez-minsk", ROOT / "tests" / "history" / "data" / "park"):
        if (folder / "site.yaml").is_file():
            return to_dict(assess_site(folder)[0])
    raise SystemExit("no sample site to build records from")


def synthetic(base: dict[str, Any], site: int, rnd: int, rng: random.Random) -> dict[str, Any]:
    """Return a copy of ``base`` as round ``rnd`` of site ``site``, with shuffled verdicts and scores."""
    rec = json.loads(BASE_JSON) if BASE_JSON else copy.deepcopy(base)
    rec["site"]["id"] = f"bench-site-{site:04d}"
    rec["round"]["id"] = f"{2000 + rnd:04d}-06"
    rec["round"]["date"] = f"{2000 + rnd:04d}-06-15"
    for req in rec["requirements"]:
        if rng.random() < 0.3:
            req["current"] = dict(req["current"], verdict=rng.choice(VERDICTS))
    cur = rec["scores"]["current"]
    for part in [cur["overall"], cur["prerequisites"], *cur["categories"].values()]:
        if part.get("possible"):
            part["points"] = float(rng.randint(0, int(part["possible"])))
            part["pc"] = round(100.0 * part["points"] / part["possible"], 6)
    return rec


def fill(db: str, base: dict[str, Any], sites: int, rounds: int) -> dict[str, float]:
    """Write every record; time single-transaction writes (as `assess` does) and batched writes."""
    from eipassess.history.records import add, record_result
    from eipassess.history.store import Store

    rng = random.Random(7)
    todo = [(s, r) for r in range(rounds) for s in range(sites)]
    single = todo[:300]
    t_single = 0.0  # only the store's time: building the synthetic records is not counted
    for s, r in single:
        rec = synthetic(base, s, r, rng)
        t0 = time.perf_counter()
        record_result(rec, db)
        t_single += time.perf_counter() - t0
    store = Store(db)
    t_batch = 0.0
    rest = todo[len(single) :]
    for i in range(0, len(rest), 250):
        batch = [synthetic(base, s, r, rng) for s, r in rest[i : i + 250]]
        t0 = time.perf_counter()
        with store.session(write=True) as conn:
            assert conn is not None
            for rec in batch:
                add(conn, rec)
        t_batch += time.perf_counter() - t0
    store.dispose()
    return {"single": len(single) / t_single, "batched": len(rest) / t_batch}


def cpu_now() -> float:
    """Return the CPU seconds of this process and its finished children (user + system)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Any, n: int = 15) -> tuple[float, float, float]:
    """Return the median and maximum wall time and the median CPU time of ``fn`` (and its processes) over ``n`` runs."""
    times, cpus = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), cpu_now()
        fn()
        times.append(time.perf_counter() - t0)
        cpus.append(cpu_now() - c0)
    return statistics.median(times), max(times), statistics.median(cpus)


def latencies(db: str, sites: int, rounds: int) -> dict[str, tuple[float, float, float]]:
    """Time `history SITE` and `compare` in-process (one fresh store object per call) and as CLI processes."""
    from eipassess.history.compare import compare
    from eipassess.history.mappings import load_renames
    from eipassess.history.records import get_body, list_records
    from eipassess.history.render import compare_text, history_text
    from eipassess.history.store import Store

    rng = random.Random(11)

    def history_call() -> None:
        site = f"bench-site-{rng.randrange(sites):04d}"
        store = Store(db)
        with store.session() as conn:
            infos = list_records(conn, site)
        assert len(infos) == rounds
        history_text(site, store.label, infos)
        store.dispose()

    def compare_call() -> None:
        site = f"bench-site-{rng.randrange(sites):04d}"
        store = Store(db)
        with store.session() as conn:
            a = get_body(conn, site, f"{2000 + rounds - 2:04d}-06")
            b = get_body(conn, site, f"{2000 + rounds - 1:04d}-06")
        assert a is not None and b is not None
        compare_text(compare(a, b, load_renames()))
        store.dispose()

    def cli(*args: str) -> None:
        site = f"bench-site-{rng.randrange(sites):04d}"
        subprocess.run(
            [sys.executable, "-m", "eipassess", args[0], site, *args[1:], "--db", db], check=True, stdout=subprocess.DEVNULL
        )

    return {
        "history SITE (library)": timed(history_call),
        "compare (library)": timed(compare_call),
        "history SITE (CLI process)": timed(lambda: cli("history"), 7),
        "compare (CLI process)": timed(
            lambda: cli("compare", "--from", f"{2000 + rounds - 2:04d}-06", "--to", f"{2000 + rounds - 1:04d}-06"), 7
        ),
    }


def clone_fill(db: str, base: dict[str, Any], sites: int, rounds: int) -> None:
    """Record the rounds of the first site, then copy its rows to every other site in SQL (fast; bodies repeat)."""
    from eipassess.history.records import COLUMNS, add
    from eipassess.history.store import Store

    rng = random.Random(7)
    store = Store(db)
    with store.session(write=True) as conn:
        assert conn is not None
        for r in range(rounds):
            add(conn, synthetic(base, 0, r, rng))
        rest = ", ".join(c for c in COLUMNS if c != "site_id")
        for s in range(1, sites):
            conn.execute(
                f"INSERT INTO eip_records (site_id, {rest}) SELECT ?, {rest} FROM eip_records WHERE site_id = ?",
                (f"bench-site-{s:04d}", "bench-site-0000"),
            )
    store.dispose()


def baseline() -> dict[str, tuple[float, float, float]]:
    """Time bare interpreters as processes, to read the CLI figures against on a loaded machine."""
    return {
        "python -c pass (process)": timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 7),
        "python -c 'import eipassess.cli.main'": timed(
            lambda: subprocess.run([sys.executable, "-c", "import eipassess.cli.main"], check=True), 7
        ),
    }


def report(name: str, db: str, base: dict[str, Any], sites: int, rounds: int, clone: bool = False) -> None:
    """Fill one store and print its figures."""
    print(f"\n== {name}: {sites * rounds} records across {sites} sites ==")
    t0 = time.perf_counter()
    if clone:
        clone_fill(db, base, sites, rounds)
        print(f"filled in {time.perf_counter() - t0:.1f} s by copying the first site's {rounds} records in SQL (--clone)")
    else:
        rates = fill(db, base, sites, rounds)
        print(f"filled in {time.perf_counter() - t0:.1f} s")
        print(f"records written per second, one transaction each (as `assess` does): {rates['single']:.0f}")
        print(f"records written per second, 250 per transaction (as `history import` does): {rates['batched']:.0f}")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, (median, worst, cpu) in baseline().items():
        print(f"{label:38s} median {median * 1000:7.1f} ms   max {worst * 1000:7.1f} ms   CPU {cpu * 1000:6.1f} ms")
    for label, (median, worst, cpu) in latencies(db, sites, rounds).items():
        flag = "ok" if median < 0.2 else "OVER 0.2 s"
        print(f"{label:38s} median {median * 1000:7.1f} ms   max {worst * 1000:7.1f} ms   CPU {cpu * 1000:6.1f} ms   {flag}")


def main() -> None:
    """Run the benchmark on SQLite and, when a server is given, PostgreSQL."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--keep", type=Path, help="keep the SQLite store in this folder")
    ap.add_argument("--clone", action="store_true", help="fill fast: record one site, copy its rows to the others in SQL")
    args = ap.parse_args()
    global BASE_JSON
    base = base_record()
    BASE_JSON = json.dumps(base)
    print(f"base record: {base['site']['id']} {base['round']['id']}, {len(base['requirements'])} requirements")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / "bench-history.sqlite"
        if path.exists():
            raise SystemExit(f"{path} exists; remove it or choose another --keep folder")
        report("SQLite", f"sqlite:///{path}", base, args.sites, args.rounds, args.clone)
        print(f"store size: {path.stat().st_size / 1e6:.0f} MB")
    admin = os.environ.get("EIPASSESS_TEST_PG_URL")
    if admin:
        url, drop = pg_database(admin, "eip_bench")
        try:
            report("PostgreSQL", url, base, args.sites, args.rounds, args.clone)
        finally:
            drop()
    else:
        print("\nPostgreSQL: skipped (set EIPASSESS_TEST_PG_URL to a server URL to include it)")


if __name__ == "__main__":
    main()
