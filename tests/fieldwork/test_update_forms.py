"""An unchanged workbook re-imported with --update writes nothing, whatever form each answer was written in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eipassess.fieldwork.same import answer_changes

from .conftest import cli

# Every answer form a person may write: shorthand and mapping, checklist as mapping and as list,
# yes/no as YAML booleans and as words, numbers with and without decimals, dates as dates and texts.
ANSWERS = """\
date: 2021-07-15
assessor: A. Tester
intended_year: 2024
answers:
  PM-P1: true
  ENV-P1: Yes
  SOC-03: {canteen: yes, medical: no, transport: yes, childcare: no}
  PM-P2: {value: {land_and_zoning: yes, park_permits: yes, tenant_permit_register: no, no_open_violations: yes}, comment: Checked the registry.}
  ENV-24: {value: [], intended: []}
  ENV-10: {value: no, intended: 2023-01}
  ENV-12: "2019-05"
  ENV-09: {value: {date: 2021-03-10, status: draft}}
  ENV-23: 8.0
  SOC-07: {value: 5, intended: 12.5, evidence: [Register of 2021]}
  PM-06: {value: 0.4}
  ECO-09:
    not_applicable: The park runs no shared infrastructure of its own.
"""


@pytest.fixture
def forms_site(site: Path) -> Path:
    """The tiny site with answers written in every form."""
    (site / "rounds" / "2021-07" / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    return site


def test_unchanged_workbook_writes_nothing(forms_site: Path, tmp_path: Path, capsys: Any) -> None:
    rdir = forms_site / "rounds" / "2021-07"
    before = {p.name: p.read_bytes() for p in rdir.iterdir()}
    book = tmp_path / "w.xlsx"
    assert cli(capsys, "template", forms_site, "--round", "2021-07", "--out", book)[0] == 0
    code, out, err = cli(capsys, "import", book, forms_site, "--round", "2021-07", "--update", "--yes")
    assert code == 0, err
    assert "no changes; nothing written" in out, out
    assert {p.name: p.read_bytes() for p in rdir.iterdir()} == before
    assert not (rdir / "backups").exists()


@pytest.mark.parametrize(
    ("rid", "old", "new"),
    [
        ("SOC-03", {"canteen": "yes", "medical": "no", "transport": True}, ["transport", "canteen"]),
        ("SOC-03", {"value": ["canteen"]}, {"canteen": True, "medical": False}),
        ("PM-P1", True, "yes"),
        ("PM-P1", "Yes", {"value": "да"}),
        ("ENV-23", 5, 5.0),
        ("ENV-12", "2019-05", dt.date(2019, 5, 1)),
        ("ENV-12", {"date": "2021-03", "status": "draft"}, {"value": {"date": dt.date(2021, 3, 1), "status": "draft"}}),
        ("ENV-12", "2019", {"value": 2019}),
        ("PM-06", {"value": 0.4, "comment": ""}, 0.4),
        ("SOC-07", {"value": 5, "evidence": ("a",)}, {"value": 5.0, "evidence": ["a"]}),
    ],
)
def test_same_meaning_is_no_change(catalogue: Any, rid: str, old: Any, new: Any) -> None:
    assert answer_changes(catalogue, rid, old, new) == []


@pytest.mark.parametrize(
    ("rid", "old", "new", "field"),
    [
        ("SOC-03", {"canteen": "yes", "medical": "no"}, ["canteen", "medical"], "value"),
        ("PM-P1", True, "partly", "value"),
        ("ENV-23", 5, 5.5, "value"),
        ("ENV-12", "2019-05", "2019-06", "value"),
        ("ENV-12", "2021-03", {"date": "2021-03", "status": "draft"}, "value"),
        ("SOC-07", {"value": 5, "evidence": ["a"]}, {"value": 5, "evidence": ["b"]}, "evidence"),
        ("SOC-07", 5, {"value": 5, "intended": 6}, "intended"),
        ("ECO-09", {"not_applicable": "No shared infrastructure."}, None, "not_applicable"),
    ],
)
def test_a_real_difference_is_found(catalogue: Any, rid: str, old: Any, new: Any, field: str) -> None:
    assert [f for f, _, _ in answer_changes(catalogue, rid, old, new)] == [field]
