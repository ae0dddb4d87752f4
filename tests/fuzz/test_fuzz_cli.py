"""Property-based hardening (issue 9): generated broken YAML, CSV, XLSX and JSON through the CLI, in-process.

Every run must end with exit code 0, 1 or 2, print no traceback, and finish in bounded time. The suite is
deterministic (derandomize=True, no example database), so CI sees the same inputs every time.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from eipassess.cli.main import main

FIXTURES = Path(__file__).parents[1] / "core" / "fixtures"
SECONDS = 10.0  # one command on a tiny site takes well under a second; a hang or a blow-up exceeds this
FUZZ = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Fragments a hostile or careless sender puts into YAML: anchors and aliases, tags, deep nesting, odd scalars.
YAML_BITS = [
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system ['true'] ",
    "!!binary AAAA",
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "\t",
    "\x00",
    "\x1b[2J",
    "'",
    '"',
    "? ",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    ".nan",
    ".inf",
    "-.inf",
    "1.0e+400",
    "-1",
    "150",
    "2099-01-01",
    "PM-P1",
    "ENV-10",
    "SOC-03",
    "survey: /etc/passwd\n",
    "survey: ../../x.csv\n",
    "\n  ",
    "\ufeff",
    "~",
    "null",
    "yes",
    "[" * 40,
    "{a: " * 30,
    "é",
    "\\e]0;x\\a",
    "=cmd|' /C calc'!A0",
    "value: ",
    "intended: ",
    "not_applicable: ''",
    "date: 2021-13-45\n",
    "evidence: [",
    "comment: {",
    "a" * 300,
]
CELL_BITS = [
    "",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "-1e400",
    "-5",
    "0",
    "1",
    "3.5",
    "1,5",
    "10%",
    "yes",
    "no",
    "да",
    "maybe",
    "=1+2",
    "+SUM(A1)",
    "@x",
    "-cmd",
    "\t=x",
    "\r=x",
    '"',
    '""',
    ",",
    ";",
    "\n",
    "\x1b]52;c;eA==\x07",
    "\x00",
    "é",
    "F1",
    "F2",
    "food",
    "9" * 40,
    "1" + "0" * 400,
]
COLUMNS = ["firm_id", "firm_name", "sector", "employees", "shares_data", "energy_mwh", "renewable_mwh", "women_employees", "x"]


@contextlib.contextmanager
def site_copy() -> Iterator[Path]:
    """Yield a fresh copy of the small test site (with its mini framework beside it)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(FIXTURES / "mini-fw", Path(tmp) / "mini-fw")
        shutil.copytree(FIXTURES / "site-a", Path(tmp) / "site-a")
        yield Path(tmp) / "site-a"


def run_cli(*args: Any) -> tuple[int, str]:
    """Run the CLI in-process; assert the contract (exit 0/1/2, no traceback, bounded time); return code and stderr."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    elapsed = time.perf_counter() - start
    text = err.getvalue()
    assert code in (0, 1, 2), (args, code, text[-2000:])
    assert "Traceback" not in text, text[-2000:]
    assert elapsed < SECONDS, (args, elapsed)
    assert "\x1b" not in out.getvalue() + text  # nothing from a file reaches the terminal raw
    return code, text


def mutate(base: str, edits: list[tuple[int, str]], cut: int | None) -> str:
    """Insert fragments at relative positions, then optionally cut the text short."""
    text = base
    for where, bit in edits:
        pos = where % (len(text) + 1)
        text = text[:pos] + bit + text[pos:]
    return text if cut is None else text[: cut % (len(text) + 1)]


edits = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(YAML_BITS)), max_size=6)

ANSWERS = (FIXTURES / "site-a" / "rounds" / "2021-07" / "answers.yaml").read_text(encoding="utf-8")
SITE = (FIXTURES / "site-a" / "site.yaml").read_text(encoding="utf-8")


@FUZZ
@given(edits, st.none() | st.integers(0, 10_000), st.booleans())
def test_broken_yaml(changes: list[tuple[int, str]], cut: int | None, in_site_yaml: bool) -> None:
    """answers.yaml or site.yaml with fragments inserted or cut short: site check and assess stay within the contract."""
    with site_copy() as site:
        target = site / "site.yaml" if in_site_yaml else site / "rounds" / "2021-07" / "answers.yaml"
        target.write_text(mutate(SITE if in_site_yaml else ANSWERS, changes, cut), encoding="utf-8")
        code, _ = run_cli("site", "check", site)
        if code == 0:
            run_cli("assess", site, "--no-record", "--format", "json")


json_scalars = (
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=20) | st.sampled_from(CELL_BITS)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@FUZZ
@given(
    st.dictionaries(st.sampled_from(["PM-P1", "ENV-10", "SOC-03", "ENV-07", "NOPE", "date", "survey"]), json_values, max_size=5)
)
def test_generated_answers(answers: dict[str, Any]) -> None:
    """Answers of any JSON-like shape and value (NaN, infinity, huge numbers, nesting): exit 0, 1 or 2."""
    with site_copy() as site:
        doc = {"date": "2021-07-15", "assessor": "A", "answers": answers}
        (site / "rounds" / "2021-07" / "answers.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        run_cli("assess", site, "--no-record", "--format", "json")


rows = st.lists(st.lists(st.sampled_from(CELL_BITS) | st.text(max_size=12), min_size=0, max_size=10), max_size=8)


@FUZZ
@given(st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=9), rows, st.booleans())
def test_broken_survey_csv_and_xlsx(header: list[str], body: list[list[str]], as_xlsx: bool) -> None:
    """A survey of any header and cells, as CSV text joined naively or as a workbook: site check stays within the contract."""
    with site_copy() as site:
        rdir = site / "rounds" / "2021-07"
        (rdir / "tenants.csv").unlink()
        if as_xlsx:
            wb = openpyxl.Workbook()
            ws = wb.active
            for r, row in enumerate([header, *body], start=1):
                for c, value in enumerate(row, start=1):
                    ws.cell(r, c).value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    ws.cell(r, c).data_type = "s"  # stored as text, as a hostile file may
            wb.save(rdir / "tenants.xlsx")
        else:
            text = "\n".join(",".join(r) for r in [header, *body])
            (rdir / "tenants.csv").write_text(text, encoding="utf-8", errors="surrogatepass")
        run_cli("site", "check", site)


@cache
def blank_workbook() -> bytes:
    """The questionnaire workbook of the small site's round, written once."""
    with site_copy() as site:
        path = site.parent / "q.xlsx"
        assert run_cli("template", site, "--round", "2021-07", "--out", path)[0] == 0
        return path.read_bytes()


@FUZZ
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(1, 40), st.integers(1, 20), json_scalars), max_size=8),
    st.none() | st.tuples(st.integers(0, 100_000), st.binary(min_size=1, max_size=8)),
)
def test_broken_workbook_import(cells: list[tuple[int, int, int, Any]], corrupt: tuple[int, bytes] | None) -> None:
    """A returned questionnaire with cells overwritten (or its bytes corrupted): import stays within the contract."""
    with site_copy() as site:
        path = site.parent / "back.xlsx"
        data = blank_workbook()
        if corrupt is not None:
            pos = corrupt[0] % len(data)
            path.write_bytes(data[:pos] + corrupt[1] + data[pos + len(corrupt[1]) :])
        else:
            wb = openpyxl.load_workbook(io.BytesIO(data))
            for sheet, row, col, value in cells:
                ws = wb.worksheets[sheet % len(wb.worksheets)]
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                ws.cell(row, col).value = value
            wb.save(path)
        run_cli("import", path, site, "--round", "2022-01")


@cache
def result_text() -> str:
    """A result record of the small site, as `assess --format json` prints it."""
    with site_copy() as site:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["assess", str(site), "--no-record", "--format", "json"]) == 0
        return out.getvalue()


def tamper(record: Any, path: list[int], value: Any, delete: bool) -> Any:
    """Replace (or delete) the value at a path chosen by successive indexes into keys or items."""
    node = record
    for step in path:
        if isinstance(node, dict) and node:
            key = sorted(node)[step % len(node)]
            child = node[key]
            if not isinstance(child, (dict, list)) or not child:
                if delete:
                    del node[key]
                else:
                    node[key] = value
                return record
            node = child
        elif isinstance(node, list) and node:
            child = node[step % len(node)]
            if not isinstance(child, (dict, list)) or not child:
                node[step % len(node)] = value
                return record
            node = child
    return record


@FUZZ
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=6), json_scalars, st.booleans(), st.none() | st.integers(0, 200_000))
def test_tampered_result_json(path: list[int], value: Any, delete: bool, cut: int | None) -> None:
    """A result with one value replaced or removed, or cut short: compare, report --result and history import obey the contract."""
    good = json.loads(result_text())
    bad = tamper(copy.deepcopy(good), path, value, delete)
    text = json.dumps(bad)
    text = text if cut is None else text[: cut % (len(text) + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.json", Path(tmp) / "b.json"
        a.write_text(result_text(), encoding="utf-8")
        b.write_text(text, encoding="utf-8")
        run_cli("compare", a, b)
        run_cli("report", "--result", b, "--format", "json", "--out", Path(tmp) / "out")
        run_cli("history", "import", b, "--db", f"sqlite:///{Path(tmp) / 'h.sqlite'}")


# --- the inputs added later: flows.csv, actions.yaml, synergies.yaml of the sample site --------------------

SAMPLE = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
NEW_ROUND = Path("rounds", "2023-06")
NEW_FUZZ = settings(FUZZ, max_examples=10)  # three commands per example on the sample park: keep each test a few seconds
FLOWS_HEAD = "firm,nace,direction,type,material,ewc,national_code,quantity,unit,hazardous,quality,destination,cost,plot"
FLOWS_CELLS = [*CELL_BITS, "MN-01", "NB-01", "10.51", "output", "input", "waste", "whey", "02 05 01", "t/yr", "D8", "P-01"]


@contextlib.contextmanager
def sample_copy() -> Iterator[Path]:
    """Yield a fresh copy of the sample park (flows, register, RECP measures, action plans)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(shutil.copytree(SAMPLE, Path(tmp) / "fez-minsk"))


@NEW_FUZZ
@given(st.lists(st.lists(st.sampled_from(FLOWS_CELLS), min_size=1, max_size=16), min_size=1, max_size=6), st.booleans())
def test_broken_flows_csv(body: list[list[str]], keep_real: bool) -> None:
    """A flows.csv of generated cells (NaN, 1e400, formulas, escapes, ragged rows): flows check and symbiosis obey the contract."""
    with sample_copy() as site:
        path = site / NEW_ROUND / "flows.csv"
        real = path.read_text(encoding="utf-8").splitlines()[1:4] if keep_real else []
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([FLOWS_HEAD.split(","), *(r.split(",") for r in real), *body])
        run_cli("flows", "check", site)
        run_cli("symbiosis", site, "--format", "json")


@NEW_FUZZ
@given(edits, st.none() | st.integers(0, 10_000), st.booleans())
def test_broken_actions_and_register(changes: list[tuple[int, str]], cut: int | None, register: bool) -> None:
    """actions.yaml or synergies.yaml with fragments inserted or cut short: site check, flows check and symbiosis obey the contract."""
    with sample_copy() as site:
        target = site / "synergies.yaml" if register else site / NEW_ROUND / "actions.yaml"
        target.write_text(mutate(target.read_text(encoding="utf-8"), changes, cut), encoding="utf-8")
        run_cli("site", "check", site)
        if register:
            run_cli("flows", "check", site)
            run_cli("symbiosis", site)
