"""Whole-process benchmark of the command line: what a consultant waits for, as ratios to a floor.

Each figure runs two (or more) whole processes interleaved and paired — in every repetition both sides run
back to back, in alternating order — and prints the median ratio of their wall times (with the range), because
the machine is shared and noisy. The issue's goals are printed beside the ratios.

  startup  `assess` of the sample's CSV round vs `python -c pass`, vs `python -c "import pandas"` and vs a
           process that only imports what `assess` imports; `--help` and `criteria show` wall time.
  report   `assess --report pdf` (fresh store: the earlier round is assessed and recorded too) vs the bare
           `weasyprint` command on the same report's print HTML; `report --lang en,ru --format pdf` vs two
           bare WeasyPrint runs one after the other.
  survey   `assess` of a CSV round with 200 / 20,000 (/ 200,000 with --full) tenant firms: CPU time and
           peak RSS of the whole process.

Run: python benchmarks/bench_cli.py [--full] [--only startup,report,survey] [--reps N]
The catalogue cache is warmed once in a temporary folder (the normal case after a consultant's first run).
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINSK = ROOT / "sample_sites" / "fez-minsk"
CSV_ROUND = "2021-07"
PY = sys.executable


@dataclass(frozen=True)
class Sample:
    """One whole process: wall and CPU seconds, peak resident memory in MiB."""

    wall: float
    cpu: float
    rss: float


class Bench:
    """Runs whole processes in a scratch folder with a private catalogue cache and fresh history stores."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.n = 0
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "EIPASSESS_CACHE": str(work / "cache")}
        self.env.pop("EIPASSESS_DB", None)

    def fresh(self, name: str) -> Path:
        """Return a new empty folder."""
        self.n += 1
        path = self.work / f"{name}-{self.n}"
        path.mkdir()
        return path

    def eip(self, *args: str) -> list[str]:
        """Return an eipassess command line writing its history store into a fresh folder."""
        return [PY, "-m", "eipassess", *args, "--db", str(self.fresh("store") / "h.sqlite")]

    def run(self, cmd: Sequence[str]) -> Sample:
        """Run one process to the end and measure it (wait4 gives this child's own CPU and peak RSS)."""
        err = self.work / "stderr.txt"
        with open(err, "wb") as fh:
            start = time.perf_counter()
            proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=fh, env=self.env, cwd=self.work)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read_text(errors='replace')[-2000:]}")
        return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)

    def runs(self, cmds: Sequence[Sequence[str]]) -> Sample:
        """Run processes one after the other and return their summed figures (peak: the largest)."""
        samples = [self.run(c) for c in cmds]
        return Sample(sum(s.wall for s in samples), sum(s.cpu for s in samples), max(s.rss for s in samples))


Maker = Callable[[], Sequence[Sequence[str]]]


def paired(bench: Bench, reps: int, a: Maker, others: dict[str, Maker]) -> tuple[list[Sample], dict[str, list[Sample]]]:
    """Run ``a`` and each of ``others`` interleaved, in rotating order, ``reps`` times."""
    names = ["@a", *others]
    makers = {"@a": a, **others}
    got: dict[str, list[Sample]] = {n: [] for n in names}
    for rep in range(reps):
        k = rep % len(names)
        for name in names[k:] + names[:k]:
            got[name].append(bench.runs(makers[name]()))
    return got.pop("@a"), got


def ratio_line(label: str, a: list[Sample], b: list[Sample], goal: str = "") -> str:
    """Format the median wall ratio a/b (range) with both medians and the goal."""
    ratios = [x.wall / y.wall for x, y in zip(a, b)]
    cpu = statistics.median(x.cpu / y.cpu for x, y in zip(a, b) if y.cpu > 0)
    text = (
        f"  {label:<58} x{statistics.median(ratios):.2f} wall (x{min(ratios):.2f}-x{max(ratios):.2f}), x{cpu:.2f} CPU"
        f"   [{statistics.median(x.wall for x in a):.2f} s vs {statistics.median(x.wall for x in b):.2f} s]"
    )
    return text + (f"   goal {goal}" if goal else "")


def probe_imports(bench: Bench) -> Path:
    """Run `assess` once and save the modules it imported, in import order."""
    out = bench.work / "modules.json"
    code = (
        "import json, sys\nfrom eipassess.cli.main import main\n"
        f"main({json.dumps(['assess', str(MINSK), '--round', CSV_ROUND, '--db', str(bench.fresh('store') / 'h.sqlite')])})\n"
        f"json.dump([m for m in sys.modules if m != '__main__'], open({str(out)!r}, 'w'))\n"
    )
    bench.run([PY, "-c", code])
    return out


def startup(bench: Bench, reps: int) -> None:
    """Start-up figures of light and everyday commands."""
    modules = probe_imports(bench)
    imports_only = (
        "import importlib, json\n"
        f"for m in json.load(open({str(modules)!r})):\n"
        "    try:\n        importlib.import_module(m)\n    except Exception:\n        pass\n"
    )
    assess: Maker = lambda: [bench.eip("assess", str(MINSK), "--round", CSV_ROUND)]  # noqa: E731
    a, others = paired(
        bench,
        reps,
        assess,
        {
            "pass": lambda: [[PY, "-c", "pass"]],
            "pandas": lambda: [[PY, "-c", "import pandas"]],
            "imports": lambda: [[PY, "-c", imports_only]],
        },
    )
    print(f"startup ({reps} interleaved repetitions; assess = the sample's CSV round {CSV_ROUND}, fresh history store)")
    print(ratio_line("assess / python -c pass", a, others["pass"]))
    print(ratio_line('assess / python -c "import pandas"', a, others["pandas"], "<= x1.4 (was about x2)"))
    print(ratio_line("assess / a process importing only what assess imports", a, others["imports"], "(was about x1.5)"))
    h, hp = paired(bench, reps, lambda: [[PY, "-m", "eipassess", "--help"]], {"pass": lambda: [[PY, "-c", "pass"]]})
    c, cp = paired(
        bench, reps, lambda: [[PY, "-m", "eipassess", "criteria", "show", "PM-01"]], {"pass": lambda: [[PY, "-c", "pass"]]}
    )
    print(ratio_line("eipassess --help / python -c pass", h, hp["pass"]))
    print(f"  eipassess --help wall: median {statistics.median(s.wall for s in h):.3f} s   goal <= 0.3 s")
    print(ratio_line("criteria show PM-01 / python -c pass", c, cp["pass"]))


def report_html(bench: Bench, lang: str) -> Path:
    """Write the print HTML of the sample's latest report (compared with its earlier round) for bare WeasyPrint."""
    sys.path.insert(0, str(ROOT))
    os.environ["EIPASSESS_CACHE"] = bench.env["EIPASSESS_CACHE"]
    from eipassess.reports.pdf import pdf_html
    from eipassess.reports.sources import from_site
    from eipassess.reports.view import build

    src = from_site(MINSK, None, None, None, "published", None, False)
    path = bench.work / f"report-{lang}.html"
    path.write_text(pdf_html(build(src.record, lang, src.previous, src.trend)), encoding="utf-8")
    return path


def report(bench: Bench, reps: int) -> None:
    """The PDF report against the floor: WeasyPrint laying out the same HTML."""
    from eipassess.reports.render import static_dir

    base = static_dir().resolve().as_uri() + "/"
    html = {lang: report_html(bench, lang) for lang in ("en", "ru")}

    def bare(lang: str) -> list[str]:
        return [PY, "-m", "weasyprint", "-u", base, str(html[lang]), str(bench.fresh("bare") / "r.pdf")]

    a, b = paired(
        bench,
        reps,
        lambda: [bench.eip("assess", str(MINSK), "--report", "pdf", "--out", str(bench.fresh("out")))],
        {"bare": lambda: [bare("en")]},
    )
    print(f"report ({reps} interleaved repetitions; fresh history store and output folder each run)")
    print(ratio_line("assess --report pdf / bare weasyprint on its HTML", a, b["bare"], "<= x1.2 (was about x1.6)"))
    a, b = paired(
        bench,
        reps,
        lambda: [bench.eip("report", str(MINSK), "--lang", "en,ru", "--format", "pdf", "--out", str(bench.fresh("out")))],
        {"bare2": lambda: [bare("en"), bare("ru")]},
    )
    print(ratio_line("report --lang en,ru --format pdf / two bare weasyprint runs", a, b["bare2"], "<= x0.8"))


def survey_site(bench: Bench, firms: int) -> Path:
    """Copy the sample site with its CSV round's survey grown to ``firms`` rows (sample rows with new firm ids)."""
    site = bench.work / f"site-{firms}"
    if site.exists():
        return site
    shutil.copytree(MINSK, site)
    for other in (site / "rounds").iterdir():
        if other.name != CSV_ROUND:
            shutil.rmtree(other)
    path = site / "rounds" / CSV_ROUND / "tenants.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for i in range(firms):
            row = list(body[i % len(body)])
            row[0] = f"F{i:07d}"
            out.writerow(row)
    return site


def survey(bench: Bench, reps: int, sizes: Sequence[int]) -> None:
    """CPU time and peak memory of `assess` as the tenant survey grows."""
    print(f"survey ({reps} interleaved repetitions; assess of a CSV round, whole process)")
    sites = {n: survey_site(bench, n) for n in sizes}
    smallest = min(sizes)
    for n in sizes:
        a, b = paired(
            bench,
            reps,
            lambda n=n: [bench.eip("assess", str(sites[n]), "--round", CSV_ROUND)],  # type: ignore[misc]
            {"small": lambda: [bench.eip("assess", str(sites[smallest]), "--round", CSV_ROUND)]},
        )
        cpu, rss = statistics.median(s.cpu for s in a), max(s.rss for s in a)
        goal = "   goal <= 4 s CPU and <= 400 MiB" if n >= 200_000 else ""
        print(
            f"  {n:>9,} firms: CPU {cpu:6.2f} s, peak RSS {rss:6.0f} MiB, wall {statistics.median(s.wall for s in a):6.2f} s"
            f", CPU x{statistics.median(x.cpu / y.cpu for x, y in zip(a, b['small'])):.2f} of {smallest:,} firms{goal}"
        )


def main() -> None:
    """Run the chosen sections and print their figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="more repetitions and the 200,000-firm survey")
    ap.add_argument("--only", default="startup,report,survey", help="comma-separated sections to run")
    ap.add_argument("--reps", type=int, help="repetitions of each pair (default: 3 quick, 7 full; reports 1 / 3)")
    args = ap.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    reps = args.reps or (7 if args.full else 3)
    report_reps = args.reps or (3 if args.full else 1)
    sizes = (200, 20_000, 200_000) if args.full else (200, 20_000)
    # An installed package has its bytecode (pip compiles it); a source checkout under PYTHONDONTWRITEBYTECODE=1
    # (as on the reference machine) would compile every module of the tool in every run, about 0.1 s.
    compiled = compileall.compile_dir(str(ROOT / "eipassess"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        bench = Bench(Path(tmp))
        bench.run([PY, "-m", "eipassess", "criteria", "list"])  # warm the catalogue cache
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {'full' if args.full else 'quick'} run")
        print(f"load average {os.getloadavg()[0]:.2f} at the start; the tool's bytecode compiled first: {bool(compiled)}")
        if "startup" in only:
            startup(bench, reps)
        if "report" in only:
            report(bench, report_reps)
        if "survey" in only:
            survey(bench, reps, sizes)


if __name__ == "__main__":
    main()
