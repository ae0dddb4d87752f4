"""``criteria list``: text with counts per provenance, JSON and CSV, filters by kind, category and provenance."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from eipassess.catalogue import load_catalogue
from eipassess.catalogue.listing import _cell
from eipassess.cli.main import main


def run(capsys: Any, *args: str) -> tuple[int, str, str]:
    code = main(["criteria", "list", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_lists_every_requirement(capsys: Any) -> None:
    cat = load_catalogue("eip-v2")[0]
    code, out, _ = run(capsys, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == [r.id for r in cat.requirements]
    env07 = next(r for r in rows if r["id"] == "ENV-07")
    assert env07["kind"] == "threshold" and env07["parameters"]["threshold"]["unit"] == "%"


def test_filters_combine(capsys: Any) -> None:
    cat = load_catalogue("eip-v2")[0]
    _, out, _ = run(capsys, "--format", "json", "--kind", "threshold", "--kind", "document", "--category", "environmental")
    ids = [r["id"] for r in json.loads(out)]
    expected = [r.id for r in cat.requirements if r.rule.kind in ("threshold", "document") and r.category == "environmental"]
    assert ids == expected and len(ids) > 2
    _, out, _ = run(capsys, "--format", "csv", "--provenance", "topic_confirmed")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["provenance"] for r in rows} == {"topic_confirmed"}
    assert len(rows) == sum(r.provenance == "topic_confirmed" for r in cat.requirements)


def test_text_counts_per_provenance(capsys: Any) -> None:
    cat = load_catalogue("eip-v2")[0]
    _, out, _ = run(capsys)
    counts = {p: sum(r.provenance == p for r in cat.requirements) for p in ("verified", "topic_confirmed", "inferred")}
    assert out.splitlines()[-1] == "provenance: " + ", ".join(f"{p} {n}" for p, n in counts.items())
    _, out, _ = run(capsys, "--kind", "checklist")
    n = sum(r.rule.kind == "checklist" for r in cat.requirements)
    assert f"{n} of {len(cat.requirements)} requirements" in out


@pytest.mark.parametrize(("flag", "value"), [("--kind", "yes-no"), ("--category", "energy"), ("--provenance", "confirmed")])
def test_unknown_filter_value_is_exit_2(capsys: Any, flag: str, value: str) -> None:
    code, _, err = run(capsys, flag, value)
    assert code == 2 and f"{flag} {value!r}: expected one of" in err


def test_csv_cells_are_never_formulas() -> None:
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("-1") == "'-1" and _cell("Plan") == "Plan"


def test_text_summary_in_russian(capsys: Any) -> None:
    _, out, _ = run(capsys, "--lang", "ru", "--kind", "document")
    assert out.splitlines()[-2].startswith("Требований: ") and out.splitlines()[-1].startswith("происхождение: ")
