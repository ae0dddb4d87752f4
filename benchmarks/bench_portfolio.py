"""Benchmark the programme view: bulk assess-and-store a synthetic programme, then `portfolio` over the store.

The programme (default 1,250 parks x 90 tenant firms x 3 rounds = 3,750 records) is generated once
into --data (kept for later runs) from the sample sites: each round takes one of the samples' answer
files with its own date, and a survey of firms drawn from the FEZ "Minsk" survey with shuffled answers.
Then, on SQLite and on PostgreSQL (EIPASSESS_TEST_PG_URL or --pg):
  - bulk assess-and-store: worker processes assess every round of their parks and store each park's
    records in one transaction (goal: under 60 s);
  - `portfolio`: the programme view built from the store (library call and whole CLI process; goal: under 2 s);
  - peak memory (this process and its children), store size per record now and in the old format;
  - the analytics engine: the store's plain SQL path against pandas over the same index columns.

usage: python benchmarks/bench_portfolio.py [--parks 1250] [--firms 90] [--rounds 3] [--workers 2] [--data DIR]
       [--only sqlite|postgresql] [--pg URL]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "history"))

from pgtemp import pg_database  # noqa: E402

SAMPLES = ROOT / "sample_sites"
TEMPLATES = [
    SAMPLES / "fez-minsk" / "rounds" / "2021-07" / "answers.yaml",
    SAMPLES / "fez-minsk" / "rounds" / "2023-06" / "answers.yaml",
    SAMPLES / "fez-mogilev" / "rounds" / "2020" / "answers.yaml",
]
FIRMS_FROM = SAMPLES / "fez-minsk" / "rounds" / "2021-07" / "tenants.csv"
COUNTRIES = ("BY", "MD", "UA", "VN", "CO", "PE", "EG", "NG", "ID", "ZA")
REGIONS = ("north", "south", "east", "west")
GOALS = {"bulk": 60.0, "portfolio": 2.0}


def generate(data: Path, parks: int, firms: int, rounds: int) -> None:
    """Write the synthetic programme's site folders into ``data`` (once: a marker names its size)."""
    marker = data / f".complete-{parks}-{firms}-{rounds}"
    if marker.exists():
        return
    rng = random.Random(2026)
    with FIRMS_FROM.open(encoding="utf-8") as fh:
        pool = list(csv.DictReader(fh))
    columns = list(pool[0])
    templates = [t.read_text(encoding="utf-8") for t in TEMPLATES]
    for p in range(parks):
        folder = data / f"park-{p:04d}"
        surveyed = firms
        site = (
            f"id: park-{p:04d}\nname:\n  en: Synthetic park {p}\n  ru: Синтетический парк {p}\n"
            f"country: {COUNTRIES[p % len(COUNTRIES)]}\noperator:\n  en: Operator {p}\n"
            f"area_ha: {rng.choice([40, 80, 150, 300, 700, 1200])}\ntenants_total: {surveyed + rng.randint(0, 40)}\n"
            f"established: {rng.randint(1975, 2018)}\nframework: eip-v2\ntags: {{region: {REGIONS[p % 4]}}}\n"
        )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "site.yaml").write_text(site, encoding="utf-8")
        for r in range(rounds):
            year = 2027 - rounds + r  # after every document date in the sample answers, and not in the future
            rdir = folder / "rounds" / f"{year}"
            rdir.mkdir(parents=True, exist_ok=True)
            text = templates[rng.randrange(len(templates))]
            lines = []
            for line in text.splitlines():
                if line.startswith("date:"):
                    line = f"date: {year}-{rng.randint(1, 11):02d}-15"
                elif line.startswith("intended_year:"):
                    line = f"intended_year: {year + 2}"
                elif line.startswith("survey:"):
                    line = "survey: tenants.csv"
                lines.append(line)
            (rdir / "answers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            for f in range(surveyed):
                row = dict(rng.choice(pool))
                row["firm_id"] = f"P{p:04d}-{f:03d}"
                row["firm_name"] = f"Firm {f} of park {p}"
                for k, v in row.items():
                    if v in ("yes", "no") and rng.random() < 0.3:
                        row[k] = "no" if v == "yes" else "yes"
                w.writerow(row)
            (rdir / "tenants.csv").write_text(buf.getvalue(), encoding="utf-8")
    marker.write_text("ok\n", encoding="utf-8")


def _assess_and_store(args: tuple[str, list[str]]) -> int:
    """Worker: assess every round of each park and store each park's records in one transaction."""
    from eipassess.engine import evaluate
    from eipassess.history.records import add
    from eipassess.history.store import Store
    from eipassess.result import to_dict
    from eipassess.site.load import load_round
    from eipassess.site.rounds import round_ids
    from eipassess.workflow import site_catalogue

    db, folders = args
    store = Store(db)
    n = 0
    try:
        for name in folders:
            folder = Path(name)
            site, catalogue, _ = site_catalogue(folder)
            recs = [to_dict(evaluate(catalogue, site, load_round(folder, rid, site, catalogue)[0])) for rid in round_ids(folder)]
            with store.session(write=True) as conn:
                assert conn is not None
                n += sum(add(conn, r)[1] for r in recs)
    finally:
        store.dispose()
    return n


def children_cpu() -> float:
    """Return the CPU seconds (user + system) of this process's finished children."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bulk(db: str, folders: list[Path], workers: int) -> tuple[float, int, float]:
    """Assess and store the whole programme with ``workers`` processes; return seconds, records stored and worker CPU seconds."""
    from eipassess.history.records import record_result  # creates the schema before the workers race for it
    from eipassess.history.store import Store

    store = Store(db)
    with store.session(write=True):
        pass
    store.dispose()
    del record_result
    chunks = [(db, [str(f) for f in folders[i::workers]]) for i in range(workers)]
    t0, c0 = time.perf_counter(), children_cpu()
    with ProcessPoolExecutor(workers) as ex:
        stored = sum(ex.map(_assess_and_store, chunks))
    return time.perf_counter() - t0, stored, children_cpu() - c0


def portfolio_library(db: str) -> tuple[float, float]:
    """Build the programme view from the store in this process; return wall and CPU seconds."""
    from eipassess.portfolio.build import build
    from eipassess.portfolio.entries import Pool, from_store

    t0, c0 = time.perf_counter(), time.process_time()
    pool = Pool()
    from_store(db, pool)
    view = build(pool)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert view["parks"], "no parks in the view"
    return elapsed, cpu


def portfolio_cli(db: str) -> float:
    """Run `eipassess portfolio --db URL --format json` as a fresh process; return seconds."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "eipassess", "portfolio", "--db", db, "--format", "json"], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def pandas_engine(db: str) -> float:
    """Pick each park's latest round with pandas over the same index columns, then read their facts; return seconds."""
    import pandas as pd

    from eipassess.history.store import Store

    t0 = time.perf_counter()
    store = Store(db)
    with store.session() as conn:
        assert conn is not None
        cur = conn.execute("SELECT id, site_id, round_id, round_date, overall_pc, intended_pc FROM eip_records")
        df = pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])
        latest = df.sort_values(["site_id", "round_date", "id"]).groupby("site_id").tail(1)
        ids = [int(i) for i in latest["id"]]
        facts = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT id, facts FROM eip_records WHERE id IN ({', '.join('?' * len(chunk))})"
            facts.update({rid: json.loads(text) for rid, text in conn.execute(q, chunk).fetchall()})
    store.dispose()
    assert len(facts) == latest.shape[0]
    return time.perf_counter() - t0


def sizes(db: str, sqlite_path: Path | None) -> tuple[float, float, int]:
    """Return bytes per record now (whole store), in the old format (whole compressed record + columns), and records."""
    from eipassess.history.compact import content
    from eipassess.history.records import load_body
    from eipassess.history.store import Store

    store = Store(db)
    with store.session() as conn:
        assert conn is not None
        n = int(conn.scalar("SELECT count(*) FROM eip_records"))
        if sqlite_path is not None:
            conn.raw.execute("COMMIT")
            conn.raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.raw.execute("BEGIN")
            total = sqlite_path.stat().st_size
        else:
            total = int(conn.scalar("SELECT pg_total_relation_size('eip_records') + pg_total_relation_size('eip_parts')"))
        # The old format kept each record whole: zlib level 3 of its canonical JSON, plus the same metadata columns.
        rows = conn.execute("SELECT body_format, body, created, summary, inputs FROM eip_records ORDER BY id LIMIT 50").fetchall()
        old = [
            len(zlib.compress(content(load_body(conn, f, b, c)).encode("utf-8"), 3)) + len(s) + len(i) + 400
            for f, b, c, s, i in rows
        ]
    store.dispose()
    return total / n, sum(old) / len(old), n


def peak_mib() -> tuple[float, float]:
    """Return the peak resident memory of this process and of its largest child, in MiB."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )


def flag(value: float, goal: float) -> str:
    """Say whether a figure meets its goal."""
    return "ok" if value < goal else f"OVER {goal:g} s"


def run_backend(name: str, db: str, folders: list[Path], workers: int, sqlite_path: Path | None) -> None:
    """Measure one store and print its figures."""
    print(f"\n== {name} ==")
    seconds, stored, cpu = bulk(db, folders, workers)
    print(
        f"bulk assess-and-store: {stored} records in {seconds:.1f} s wall ({stored / seconds:.0f} per s, {workers} workers; "
        f"{cpu:.1f} s CPU in the workers, {1000 * cpu / max(stored, 1):.0f} ms per record)   {flag(seconds, GOALS['bulk'])}"
    )
    print(f"  load average while it ran: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    lib, lib_cpu = sorted(portfolio_library(db) for _ in range(3))[1]
    cli = portfolio_cli(db)
    print(f"portfolio (library, median of 3): {lib:.2f} s wall, {lib_cpu:.2f} s CPU   {flag(lib, GOALS['portfolio'])}")
    print(f"portfolio (CLI process, JSON):   {cli:.2f} s   {flag(cli, GOALS['portfolio'])}")
    pan = sorted(pandas_engine(db) for _ in range(3))[1]
    print(f"engine check: pandas picking latest rounds over the same columns (no aggregates): {pan:.2f} s")
    now, old, n = sizes(db, sqlite_path)
    print(
        f"store size per record: {now / 1024:.1f} KiB now (whole store / {n} records); old format {old / 1024:.1f} KiB (whole record, zlib 3)"
    )
    me, child = peak_mib()
    print(f"peak memory: this process {me:.0f} MiB, largest child process {child:.0f} MiB")


def main() -> None:
    """Generate the programme once, then measure SQLite and (when a server is given) PostgreSQL."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--parks", type=int, default=1250)
    ap.add_argument("--firms", type=int, default=90)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "eipassess-bench-programme")
    ap.add_argument("--pg", metavar="URL", default=os.environ.get("EIPASSESS_TEST_PG_URL"), help="PostgreSQL server URL")
    ap.add_argument("--only", choices=("sqlite", "postgresql"), help="measure one store only")
    args = ap.parse_args()
    if not 1 <= args.rounds <= 3:
        raise SystemExit("--rounds: 1 to 3 (rounds are dated 2024-2026: after the sample documents, not in the future)")
    t0 = time.perf_counter()
    generate(args.data, args.parks, args.firms, args.rounds)
    folders = sorted(args.data / f"park-{p:04d}" for p in range(args.parks))
    from eipassess.site.rounds import round_ids
    from eipassess.workflow import assess_site

    for rid in round_ids(folders[0]):  # fail fast on a generator bug, before the workers start
        assess_site(folders[0], rid)
    print(
        f"programme: {args.parks} parks x {args.firms} firms x {args.rounds} rounds in {args.data} ({time.perf_counter() - t0:.1f} s to generate or find)"
    )
    try:
        import duckdb  # noqa: F401

        print("DuckDB is installed but not used: the plain SQL path meets the goal (see docs/history.md)")
    except ImportError:
        print("DuckDB: not installed, not measured")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "programme.sqlite"
            run_backend("SQLite", f"sqlite:///{path}", folders, args.workers, path)
    if args.only == "sqlite":
        return
    if args.pg:
        url, drop = pg_database(args.pg, "eip_bench")
        try:
            run_backend("PostgreSQL", url, folders, args.workers, None)
        finally:
            drop()
    else:
        print("\nPostgreSQL: skipped (set EIPASSESS_TEST_PG_URL or give --pg URL)")


if __name__ == "__main__":
    main()
