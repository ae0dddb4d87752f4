"""The comparison of two result records: change classes, score changes, survey figures, mappings."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eipassess.errors import InputError, UsageError
from eipassess.history.compare import CHANGES, Rename, change_class, compare
from eipassess.history.mappings import load_renames
from eipassess.history.trend import trend_points

VERDICTS = ("met", "partly_met", "not_met", "not_applicable", "no_data")


def test_change_classes_follow_the_verdicts() -> None:
    rank = {"met": 2, "partly_met": 1, "not_met": 0, "no_data": 0}
    for a in VERDICTS:
        for b in VERDICTS:
            got = change_class(a, b)
            assert got in CHANGES
            if "not_applicable" in (a, b):
                assert got.endswith("applicable")
            elif b == "met":
                assert got == ("still_met" if a == "met" else "newly_met")
            elif rank[b] < rank[a]:
                assert got == "regressed"
            else:
                assert got in ("still_open", "improved")


def test_real_rounds_compare(old: dict[str, Any], new: dict[str, Any]) -> None:
    c = compare(old, new)
    before = {r["id"]: r["current"]["verdict"] for r in old["requirements"]}
    after = {r["id"]: r["current"]["verdict"] for r in new["requirements"]}
    assert len(c["requirements"]) == len(before)
    for row in c["requirements"]:
        assert row["from"]["verdict"] == before[row["id"]] and row["to"]["verdict"] == after[row["id"]]
        assert row["change"] == change_class(before[row["id"]], after[row["id"]])
    assert sum(c["counts"].values()) == len(before)
    o = c["scores"]["overall"]
    assert o["pp"] == pytest.approx(new["scores"]["current"]["overall"]["pc"] - old["scores"]["current"]["overall"]["pc"])
    cur = new["scores"]["current"]["categories"]
    for cat, ch in c["scores"]["categories"].items():
        assert ch["to"]["points"] == cur[cat]["points"] and ch["to"]["possible"] == cur[cat]["possible"]
    assert c["counts"]["newly_met"] >= 1  # the 2023 round meets more (the fixture was written so)


def test_survey_changes_show_both_values(old: dict[str, Any], new: dict[str, Any]) -> None:
    c = compare(old, new)
    assert c["survey_changes"]
    rows = {r["id"]: r for r in c["requirements"]}
    olds = {r["id"]: r for r in old["requirements"]}
    for rid in c["survey_changes"]:
        s = rows[rid]["survey"]
        assert s["from"] is not None and s["to"] is not None
        old_values = olds[rid]["current"]["values"]
        assert all(s["from"][k] == old_values[k] for k in s["from"])


def test_two_sites_cannot_be_compared(old: dict[str, Any], new: dict[str, Any]) -> None:
    new["site"]["id"] = "another-park"
    with pytest.raises(UsageError, match="two different sites"):
        compare(old, new)


def test_added_removed_and_renamed(old: dict[str, Any], new: dict[str, Any]) -> None:
    ids = [r["id"] for r in new["requirements"]]
    renamed, dropped, split = ids[0], ids[1], ids[2]
    for r in new["requirements"]:
        if r["id"] == renamed:
            r["id"] = renamed + "-v3"
        elif r["id"] == dropped:
            r["id"] = "BRAND-NEW"
    split_req = next(r for r in new["requirements"] if r["id"] == split)
    twin = copy.deepcopy(split_req)
    split_req["id"], twin["id"] = split + "a", split + "b"
    new["requirements"].append(twin)
    renames = [Rename(renamed, (renamed + "-v3",), "renamed in v3"), Rename(split, (split + "a", split + "b"), "split")]
    c = compare(old, new, renames)
    rows = {(r["from_id"], r["to_id"]): r for r in c["requirements"]}
    assert rows[(renamed, renamed + "-v3")]["mapping_note"] == "renamed in v3"
    assert (split, split + "a") in rows and (split, split + "b") in rows
    assert rows[(dropped, None)]["change"] == "removed"
    assert rows[(None, "BRAND-NEW")]["change"] == "added"
    assert c["unmatched"] == {"removed": [dropped], "added": ["BRAND-NEW"]}
    without = compare(old, new)  # no mapping: nothing is guessed, everything unmatched is listed
    assert set(without["unmatched"]["removed"]) == {renamed, dropped, split}
    assert set(without["unmatched"]["added"]) == {renamed + "-v3", "BRAND-NEW", split + "a", split + "b"}


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_requirement_order_does_not_change_the_comparison(rounds: dict[str, dict[str, Any]], seed: int) -> None:
    old, new = rounds["2021-07"], rounds["2023-06"]
    shuffled = copy.deepcopy(new)
    random.Random(seed).shuffle(shuffled["requirements"])
    assert compare(old, shuffled) == compare(old, new)


def test_mapping_files_are_read_and_checked(tmp_path: Path) -> None:
    (tmp_path / "v2-to-v3.yaml").write_text(
        "- from: ENV-01\n  to: [ENV-01a, ENV-01b]\n  note: split\n- from: PM-09\n  to: []\n  note: dropped\n", encoding="utf-8"
    )
    got = load_renames(tmp_path)
    assert [(r.source, r.targets) for r in got] == [("ENV-01", ("ENV-01a", "ENV-01b")), ("PM-09", ())]
    (tmp_path / "z-bad.yaml").write_text("- from: X\n  to: Y\n- {from: ENV-01, to: [Z]}\n- 7\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_renames(tmp_path)
    problems = info.value.problems
    assert {(p.line, p.field) for p in problems} == {(2, "[0].to"), (3, "[1].from"), (4, "[2]")}
    assert all(p.file.endswith("z-bad.yaml") for p in problems)


def test_builtin_mappings_load() -> None:
    for r in load_renames():
        assert r.source and all(r.targets)


def test_trend_takes_the_latest_record_of_each_round(rounds: dict[str, dict[str, Any]]) -> None:
    from eipassess.history.records import RecordInfo, summary

    def info(rid: int, rec: dict[str, Any]) -> RecordInfo:
        return RecordInfo(rid, "p", rec["round"]["id"], rec["round"]["date"], "", "", "", "", None, "published", "", summary(rec))

    a, b = rounds["2021-07"], rounds["2023-06"]
    stale = copy.deepcopy(b)
    stale["scores"]["current"]["overall"]["pc"] = -1.0
    points = trend_points([info(3, b), info(1, a), info(2, stale)])
    assert [p["round"] for p in points] == ["2021-07", "2023-06"]
    assert points[1]["record"] == 3
    assert points[1]["overall"]["pp"] == pytest.approx(
        b["scores"]["current"]["overall"]["pc"] - a["scores"]["current"]["overall"]["pc"]
    )
    assert points[0]["overall"]["pp"] is None


def test_records_trend_matches_the_store_trend(rounds: dict[str, dict[str, Any]]) -> None:
    from eipassess.history.trend import records_trend

    a, b = rounds["2021-07"], rounds["2023-06"]
    points = records_trend([b, a])
    assert [p["round"] for p in points] == ["2021-07", "2023-06"]
    for p, rec in zip(points, (a, b)):
        cats = rec["scores"]["current"]["categories"]
        assert {k: v["pc"] for k, v in p["categories"].items()} == {k: v["pc"] for k, v in cats.items()}
