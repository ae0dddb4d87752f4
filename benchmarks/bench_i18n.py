"""What the message catalogues cost a process: import, first load of each language, every table rebuilt.

Each figure is the median over fresh interpreters (a process parses a catalogue once and caches it), beside
the alternative of reading the .po with Babel at run time. Run: python benchmarks/bench_i18n.py [--reps N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, time
t0 = time.perf_counter()
from eipassess import i18n
t1 = time.perf_counter()
for lang in i18n.languages():
    i18n.catalogue(lang)
t2 = time.perf_counter()
areas = {a for lang in i18n.languages() for a in i18n.catalogue(lang).areas}
for lang in i18n.languages():
    for area in areas:
        i18n.table(lang, area)
t3 = time.perf_counter()
i18n.text("ru", "report", "lead", park="P", x_of_y="1 из 2", framework="F", pc="50")
t4 = time.perf_counter()
from babel.messages.pofile import read_po
t5 = time.perf_counter()
for lang in i18n.languages():
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "eipassess.po").open("rb") as fh:
        read_po(fh)
t6 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "tables": t3 - t2, "lookup": t4 - t3,
                  "babel_import": t5 - t4, "babel_read_po": t6 - t5, "messages": sum(
                      len(v) for lang in i18n.languages() for v in i18n.catalogue(lang).areas.values())}))
"""


def main() -> None:
    """Print the median of each figure over fresh processes."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reps", type=int, default=7)
    reps = ap.parse_args().reps
    runs = [
        json.loads(subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        for _ in range(reps)
    ]
    print(f"messages in all catalogues: {runs[0]['messages']}  ({reps} fresh processes, medians)")
    for key, what in (
        ("import", "import eipassess.i18n"),
        ("load", "parse every language's .mo (once per process)"),
        ("tables", "rebuild every area's table in every language"),
        ("lookup", "one lookup after loading"),
        ("babel_import", "alternative: import babel.messages.pofile"),
        ("babel_read_po", "alternative: read_po of every .po"),
    ):
        print(f"{what:50s} {1000 * statistics.median(r[key] for r in runs):8.2f} ms")


if __name__ == "__main__":
    main()
