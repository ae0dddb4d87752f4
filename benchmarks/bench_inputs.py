"""Time the input readers: the built-in criteria through the one-pass YAML loader against the former two passes,
and an xlsx survey through the bounded calamine reader against openpyxl. Prints its figures; no targets.

Run: python benchmarks/bench_inputs.py [--repeat N] [--rows N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import yaml

from eipassess import yamlsrc
from eipassess.catalogue.load import load_framework
from eipassess.catalogue.locate import criteria_root, framework_dir
from eipassess.xlsxread import open_workbook


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Return the fastest and the median wall time of ``fn`` over ``repeat`` runs, interleaving nothing."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def two_pass(texts: list[str]) -> None:
    """Parse as the loader did before: a pure Python compose for lines, then safe_load for values."""
    for text in texts:
        yaml.compose(text, Loader=yaml.SafeLoader)
        yaml.safe_load(text)


def reference_parse(text: str, path: str) -> yamlsrc.Source:
    """Parse as before: values from safe_load, lines from a pure Python compose (a second pass)."""
    src = yamlsrc.Source(path, yaml.safe_load(text))
    stack = [(yaml.compose(text, Loader=yaml.SafeLoader), ())]
    while stack:
        node, key = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for knode, vnode in node.value:
                src.lines[(*key, knode.value)] = knode.start_mark.line + 1
                stack.append((vnode, (*key, knode.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                src.lines[(*key, i)] = item.start_mark.line + 1
                stack.append((item, (*key, i)))
    return src


def one_pass(texts: list[str]) -> None:
    """Parse through the project's loader (values and line map in one bounded pass)."""
    for text in texts:
        yamlsrc.parse(text, "x.yaml")


def survey_book(rows: int, folder: Path) -> Path:
    """Write a survey workbook of ``rows`` firms and 28 columns."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("tenants")
    ws.append(["firm_id", "firm_name", "sector", "employees", *(f"ind{i}" for i in range(24))])
    for n in range(rows):
        ws.append([f"F{n}", f"Firm {n}", "food", 10 + n % 90, *(("yes" if (n + i) % 3 else "no") for i in range(12)), *range(12)])
    path = folder / f"survey-{rows}.xlsx"
    wb.save(path)
    return path


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()

    files = sorted(criteria_root().rglob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode()) for t in texts)
    print(f"YAML: {len(files)} built-in files, {size / 1024:.0f} kB; libyaml: {yaml.__with_libyaml__}")
    new, old = [], []
    for _ in range(args.repeat):  # interleaved pairs: the machine is noisy
        new.append(best(lambda: one_pass(texts), 1)[0])
        old.append(best(lambda: two_pass(texts), 1)[0])
    print(f"  parse, two passes (before): median {statistics.median(old) * 1000:.0f} ms, best {min(old) * 1000:.0f} ms")
    print(f"  parse, one pass (now):      median {statistics.median(new) * 1000:.0f} ms, best {min(new) * 1000:.0f} ms")
    print(f"  ratio now/before (medians): {statistics.median(new) / statistics.median(old):.2f}")
    root = framework_dir(None)
    now_parse = yamlsrc.parse
    loads_new, loads_old = [], []
    for _ in range(args.repeat):  # the whole uncached load (read, parse, validate, build), interleaved
        yamlsrc.parse = now_parse
        loads_new.append(best(lambda: load_framework(root), 1)[0])
        yamlsrc.parse = reference_parse
        loads_old.append(best(lambda: load_framework(root), 1)[0])
    yamlsrc.parse = now_parse
    print(f"  load_framework (uncached), before: median {statistics.median(loads_old) * 1000:.0f} ms")
    print(f"  load_framework (uncached), now:    median {statistics.median(loads_new) * 1000:.0f} ms")
    print(f"  ratio now/before (medians): {statistics.median(loads_new) / statistics.median(loads_old):.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        path = survey_book(args.rows, Path(tmp))
        print(f"xlsx survey: {args.rows:,} rows x 28 columns, {path.stat().st_size / 1024:.0f} kB")

        def calamine() -> None:
            rows = list(open_workbook(path).worksheets[0].iter_rows(values_only=True))
            assert len(rows) == args.rows + 1

        def openpyxl_full() -> None:
            wb = openpyxl.load_workbook(path, data_only=True)
            assert len(list(wb.worksheets[0].iter_rows(values_only=True))) == args.rows + 1

        cal, pyx = [], []
        for _ in range(max(args.repeat // 2, 1)):
            cal.append(best(calamine, 1)[0])
            pyx.append(best(openpyxl_full, 1)[0])
        print(f"  openpyxl (before):                median {statistics.median(pyx):.2f} s")
        print(f"  checked + calamine (now):         median {statistics.median(cal):.2f} s")
        print(f"  ratio now/before (medians): {statistics.median(cal) / statistics.median(pyx):.2f}")


if __name__ == "__main__":
    main()
