"""Change classes between two records, per-category point changes, trend order and projections."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eipassess.reports.changes import classify, compare, trend
from eipassess.reports.projection import project


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("not_met", "met", "newly_met"),
        ("partly_met", "met", "newly_met"),
        ("met", "met", "still_met"),
        ("met", "partly_met", "regressed"),
        ("partly_met", "not_met", "regressed"),
        ("met", "no_data", "regressed"),
        ("not_met", "partly_met", "improved"),
        ("not_met", "no_data", "still_open"),
        ("met", "not_applicable", "newly_not_applicable"),
        ("not_applicable", "not_met", "no_longer_applicable"),
        (None, "met", "added"),
        ("met", None, "removed"),
    ],
)
def test_classify(before: str | None, after: str | None, expected: str) -> None:
    assert classify(before, after) == expected


def test_compare_fixture_rounds(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = fixture_records
    ch = compare(old, new)
    by_id = {r.id: r.change for r in ch.requirements}
    assert by_id["PM-08"] == "newly_met"  # no -> adopted master plan
    assert by_id["ENV-14"] == "regressed"  # 10 -> 7 of 16 firms segregate waste
    assert by_id["ENV-03"] == "improved"
    old_pc = old["scores"]["current"]["overall"]["pc"]
    new_pc = new["scores"]["current"]["overall"]["pc"]
    assert ch.overall_delta == pytest.approx(new_pc - old_pc)
    pm = next(c for c in ch.categories if c.id == "park_management")
    assert pm.delta == pytest.approx(
        new["scores"]["current"]["categories"]["park_management"]["pc"]
        - old["scores"]["current"]["categories"]["park_management"]["pc"]
    )


def test_compare_added_and_removed(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = copy.deepcopy(fixture_records[0]), copy.deepcopy(fixture_records[1])
    new["requirements"][0]["id"] = "NEW-1"
    kinds = {r.id: r.change for r in compare(old, new).requirements}
    assert kinds["NEW-1"] == "added"
    assert kinds[old["requirements"][0]["id"]] == "removed"


def test_trend_orders_by_date_and_dedupes(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = fixture_records
    points = trend([new, old, old])
    assert [p.round for p in points] == ["2021-07", "2023-06"]


def test_projection_all_gaps_met_reaches_100(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    rec = fixture_records[0]
    assert project(rec).pc == pytest.approx(rec["scores"]["current"]["overall"]["pc"], abs=1e-4)
    open_ids = {r["id"] for r in rec["requirements"] if r["current"]["verdict"] in ("not_met", "partly_met", "no_data")}
    assert project(rec, open_ids).pc == 100.0
    one = project(rec, {sorted(open_ids)[0]})
    assert one.points == project(rec).points + 1


def test_projection_partly_credit_policy(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    rec = copy.deepcopy(fixture_records[0])
    rec["policy"]["partly_credit"] = 0.5
    partly = sum(1 for r in rec["requirements"] if r["current"]["verdict"] == "partly_met")
    assert partly > 0
    assert project(rec).points == sum(r["current"]["verdict"] == "met" for r in rec["requirements"]) + 0.5 * partly
