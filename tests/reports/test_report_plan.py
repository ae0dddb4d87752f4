"""The action plan of FEZ "Minsk": loading and checking plans, projections by hand, outcomes, drafting, gap priority."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from reportkit import MINSK, record_of

from eipassess.cli.main import main
from eipassess.gaps import ranked_gaps, verdicts_of, why
from eipassess.model import ACTORS
from eipassess.plan.outcomes import action_outcomes, outcome_counts
from eipassess.plan.projection import project_plan
from eipassess.reports.view import build


@pytest.fixture(scope="module")
def minsk() -> tuple[dict[str, Any], dict[str, Any]]:
    """The sample's 2021-07 and 2023-06 records, both with their action plans."""
    return record_of(MINSK, "2021-07"), record_of(MINSK, "2023-06")


def test_plans_are_in_the_result_records(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = minsk
    assert [a["id"] for a in old["actions"]] == [f"A{n:02d}" for n in range(1, 11)]
    assert {a["status"] for a in old["actions"]} == {"planned"}
    a04 = next(a for a in new["actions"] if a["id"] == "A04")
    assert a04["status"] == "done" and a04["evidence"] and a04["cost"] == {"amount": 18000.0, "currency": "BYN"}
    assert "actions.yaml" in new["inputs"]


def test_projection_of_the_2021_plan_adds_up_by_hand(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """2021-07: 30 of 60 met. The plan's 10 actions address 9 open requirements (A07 is not yet dropped then; A02
    addresses PM-09, already met, since SOC-P2 left the catalogue in 2026-12).

    Park management owns 6 of them; only ENV-01 and SOC-09 name no other actor, so it closes 2 alone:
    (30 + 2) / 60 = 53.3% -> 53%; with its partners 6: 36 / 60 = 60%. The whole plan: 39 / 60 = 65%.
    """
    old, _ = minsk
    p = project_plan(old, ACTORS)
    assert (p.base.points, p.base.possible) == (30, 60)
    assert len(p.covered) == 9 and (p.plan.points, p.plan.possible) == (39, 60)
    pm = next(o for o in p.owners if o.actor == "park_management")
    assert pm.alone == ("ENV-01", "SOC-09")
    assert set(pm.shared) == {"PM-06", "ENV-09", "ENV-10", "ENV-12"}
    assert pm.if_alone.points == 32 and pm.with_partners.points == 36
    tenants = next(o for o in p.owners if o.actor == "tenants")
    assert tenants.alone == () and tenants.shared == ("ENV-14",) and tenants.partners == ("park_management",)
    view = build(old, "en")
    pm_block = next(o for o in view.plan.owners if o.id == "park_management")
    assert (
        pm_block.notes[0]
        == "Park management alone closes 2 requirements: overall compliance 53% (32 of 60), +3 percentage points."
    )
    assert pm_block.notes[1].endswith("60% (36 of 60), +10 percentage points.")
    assert view.plan.projection[0].endswith("from 50% to 65% (39 of 60; +15 percentage points).")
    assert view.plan.projection[1].startswith("Assumptions:")
    ru = build(old, "ru")
    assert "закрывает 2 требования" in ru.plan.owners[0].notes[0]


def test_projection_2023_leaves_done_and_dropped_actions_out(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """2023-06: 41 of 60 met; open requirements addressed by planned or in-progress actions: ENV-P2 (A01), ENV-01 (A05),
    ENV-14 (A08), ENV-12 (B01, not A04 which is done), ENV-04 (B02), SOC-01 and SOC-04 (B03), ENV-07 (B04) = 8."""
    _, new = minsk
    p = project_plan(new, ACTORS)
    assert set(p.covered) == {"ENV-P2", "ENV-01", "ENV-14", "ENV-12", "ENV-04", "SOC-01", "SOC-04", "ENV-07"}
    assert (p.plan.points, p.plan.possible) == (49, 60)
    assert "ECO-08" in p.uncovered  # its only action (A07) was dropped


EXPECTED_OUTCOMES = {
    "A02": "done_closed",
    "A03": "done_closed",
    "A09": "done_closed",
    "A10": "done_closed",
    "A04": "done_open",
    "A06": "closed_anyway",
    "A01": "overdue",
    "A08": "overdue",
    "A07": "dropped",
    "A05": "pending",
}


def test_outcomes_of_the_2021_actions(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    rows = action_outcomes(*minsk)
    assert {r["id"]: r["outcome"] for r in rows} == EXPECTED_OUTCOMES
    assert outcome_counts(rows) == {
        "done_closed": 4,
        "done_open": 1,
        "closed_anyway": 1,
        "overdue": 2,
        "dropped": 1,
        "pending": 1,
    }
    a04 = next(r for r in rows if r["id"] == "A04")
    assert a04["requirements"] == {"ENV-12": {"from": "not_met", "to": "partly_met"}}


def test_report_shows_each_outcome(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = minsk
    for lang, word in (("en", "overdue"), ("ru", "просрочено")):
        view = build(new, lang, previous=old)
        assert {o.id: o.outcome for o in view.plan.outcomes} == EXPECTED_OUTCOMES
        assert any(word in c for c in view.plan.outcome_counts)


def test_compare_prints_and_returns_outcomes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    db = f"sqlite:///{tmp_path / 'h.db'}"
    assert main(["compare", str(MINSK), "--from", "2021-07", "--to", "2023-06", "--no-record", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "Actions of the 2021-07 plan at round 2023-06: done and closed: 4" in text
    assert "  A07  Propose tax relief" in text.split("dropped (1)")[1]
    assert main(["compare", str(MINSK), "--no-record", "--db", db, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["id"]: r["outcome"] for r in data["action_outcomes"]} == EXPECTED_OUTCOMES
    assert data["action_outcome_counts"]["overdue"] == 2


def test_gap_priority_puts_blockers_then_regressions_first(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = minsk
    ranked = ranked_gaps(new, verdicts_of(old))
    assert [g.id for g in ranked[:2]] == ["ENV-P2", "SOC-10"]  # the gate blocker, then the one regression
    assert ranked[0].blocker and ranked[1].regressed_from == "met"
    assert "blocks the EIP prerequisites gate" in why(ranked[0])
    assert "regressed since the previous round (was: met)" in why(ranked[1])
    unplanned = [g for g in ranked[2:] if not g.planned and not g.intended]
    planned = [g for g in ranked[2:] if g.planned]
    assert planned and unplanned and ranked.index(planned[-1]) < ranked.index(unplanned[0])
    view = build(new, "en", previous=old)
    assert [i.id for i in view.top_gaps] == [g.id for g in ranked[:5]]
    assert all(i.why.startswith("Ranks here because") for i in view.top_gaps)


def _site_copy(tmp_path: Path) -> Path:
    """Return a writable copy of the sample site."""
    site = tmp_path / "site"
    shutil.copytree(MINSK, site)
    return site


def test_draft_fits_the_gap_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    site = _site_copy(tmp_path)
    target = site / "rounds" / "2023-06" / "actions.yaml"
    before = target.read_bytes()
    assert main(["plan", "draft", str(site), "--round", "2023-06"]) == 2
    assert "never overwritten" in capsys.readouterr().err
    assert target.read_bytes() == before
    out = tmp_path / "draft.yaml"
    assert main(["plan", "draft", str(site), "--round", "2023-06", "--out", str(out)]) == 0
    drafted = {a["requirements"][0]: a for a in yaml.safe_load(out.read_text(encoding="utf-8"))["actions"]}
    assert drafted["ENV-12"]["title"]["en"].startswith("Adopt the existing draft")  # a draft exists (2023)
    assert drafted["ENV-12"]["title"]["ru"].startswith("Утвердить имеющийся проект")
    assert drafted["ENV-14"]["owner"]["actor"] == "tenants"  # the requirement's first actor
    assert drafted["ENV-P2"]["priority"] == "high"
    assert main(["site", "check", str(site)]) == 0


BAD_PLAN = """\
actions:
  - id: A1
    title: {en: "x"}
    requirements: [ENV-99]
    owner: {actor: mayor}
    start: 2023-05-01
    due: 2023-01-01
    cost: {amount: -5, currency: usd}
    support: money
    status: finished
  - id: A1
    title: {en: "y", ru: "у"}
    requirements: [ENV-12]
    owner: {actor: tenants}
    support: advisory
"""


def test_site_check_reports_every_plan_error_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site_copy(tmp_path)
    path = site / "rounds" / "2023-06" / "actions.yaml"
    path.write_text(BAD_PLAN, encoding="utf-8")
    assert main(["site", "check", str(site)]) == 2
    err = capsys.readouterr().err
    for line, field in (
        (4, "actions[0].requirements[0]"),
        (5, "actions[0].owner.actor"),
        (7, "actions[0].due"),
        (8, "actions[0].cost.currency"),
        (9, "actions[0].support"),
        (10, "actions[0].status"),
        (11, "actions[1].id"),
    ):
        assert f"{path}:{line}: {field}:" in err, field
    assert "8 problems found" in err
