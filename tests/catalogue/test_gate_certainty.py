"""The prerequisites gate says how sure it is: blocked by a source-backed prerequisite, or only by inferred ones."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from eipassess.cli.main import main
from eipassess.cli.summary import render_text
from eipassess.engine.evaluate import gate
from eipassess.history.compare import compare
from eipassess.model import Outcome, Requirement, RequirementResult, Rule, Verdict
from eipassess.readers import certainty, gate_of
from eipassess.reports.view import build
from eipassess.result import check_record, to_dict
from eipassess.workflow import assess_site

SAMPLES = Path(__file__).resolve().parents[2] / "sample_sites"
TEXT = {"en": "A prerequisite", "ru": "Условие"}


def prereq(rid: str, provenance: str) -> Requirement:
    """A yes/no prerequisite with the given provenance."""
    return Requirement(
        rid, "park_management", "pm_services", "prerequisite", "park", {"en": f"Title {rid}", "ru": f"Название {rid}"},
        TEXT, Rule("yes_no"), ("park_management",), TEXT, (TEXT,), (TEXT,), provenance, "test",
    )  # fmt: skip


def result(req: Requirement, verdict: Verdict) -> RequirementResult:
    """A requirement result with the same current and intended verdict."""
    out = Outcome(verdict, "test")
    return RequirementResult(req, out, out, None)


@pytest.mark.parametrize(
    ("verdicts", "passed", "provisional", "sourced", "reason"),
    [
        ({"PM-P1": Verdict.MET, "PM-P2": Verdict.MET}, True, False, (), "passed"),
        ({"PM-P1": Verdict.MET, "PM-P2": Verdict.NOT_MET}, False, True, (), "blocked_provisional"),
        ({"PM-P1": Verdict.PARTLY_MET, "PM-P2": Verdict.NOT_MET}, False, False, ("PM-P1",), "blocked"),
        ({"PM-P1": Verdict.NO_DATA, "PM-P2": Verdict.NOT_APPLICABLE}, False, False, ("PM-P1",), "blocked"),
        ({"PM-P1": Verdict.NOT_APPLICABLE, "PM-P2": Verdict.NO_DATA}, False, True, (), "blocked_provisional"),
    ],
)
def test_gate_is_provisional_only_when_every_blocker_is_inferred(
    verdicts: dict[str, Verdict], passed: bool, provisional: bool, sourced: tuple[str, ...], reason: str
) -> None:
    reqs = {"PM-P1": prereq("PM-P1", "topic_confirmed"), "PM-P2": prereq("PM-P2", "inferred")}
    g = gate(tuple(result(reqs[rid], v) for rid, v in verdicts.items()))
    assert (g.passed, g.provisional, g.sourced_blocking, g.reason) == (passed, provisional, sourced, reason)


@pytest.fixture(scope="module")
def minsk() -> dict[str, Any]:
    """The FEZ "Minsk" 2021 record: blocked only by ENV-P2, an inferred prerequisite."""
    return to_dict(assess_site(SAMPLES / "fez-minsk", "2021-07")[0])


def test_result_json_gate_says_provisional_and_why(minsk: dict[str, Any]) -> None:
    g = minsk["gate"]
    assert g["passed"] is False and g["blocking"] == ["ENV-P2"]
    assert g["provisional"] is True and g["reason"] == "blocked_provisional" and g["sourced_blocking"] == []
    assert g["blocking_titles"]["ENV-P2"]["en"] == "All wastewater is treated to national standards"


def test_a_stored_result_without_the_new_fields_still_loads_and_derives_them(minsk: dict[str, Any]) -> None:
    old = copy.deepcopy(minsk)
    old["gate"] = {"passed": False, "blocking": ["ENV-P2"]}  # as written before the gate said how sure it is
    old["policy"]["name"] = "published"  # the former name of the strict policy
    check_record(old, "old.json")
    g = gate_of(old)
    assert (g["provisional"], g["reason"], g["blocking_titles"]["ENV-P2"]["en"]) == (
        True,
        "blocked_provisional",
        "All wastewater is treated to national standards",
    )
    assert "(provisional)" in render_text(old)
    assert compare(old, minsk)["notes"] == []  # "published" and "strict" are one policy


def test_a_source_backed_blocker_makes_the_gate_firm(minsk: dict[str, Any]) -> None:
    firm = copy.deepcopy(minsk)
    for r in firm["requirements"]:
        if r["id"] == "PM-P1":
            r["current"]["verdict"] = "not_met"
    firm["gate"] = {"passed": False, "blocking": ["PM-P1", "ENV-P2"]}
    g = gate_of(firm)
    assert (g["provisional"], g["sourced_blocking"]) == (False, ["PM-P1"])
    text = render_text(firm)
    assert "Meets the EIP prerequisites: no — blocked by PM-P1 A park management entity is established; ENV-P2" in text


def test_assess_text_names_blockers_by_title_and_counts_the_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(SAMPLES / "fez-minsk"), "--round", "2021-07", "--no-record"]) == 0
    out = capsys.readouterr().out
    assert (
        "Meets the EIP prerequisites: no (provisional) — blocked only by inferred prerequisites, which no source we "
        "read names: ENV-P2 All wastewater is treated to national standards"
    ) in out
    assert (
        "Provenance: 51 of 61 requirements are inferred (no source we read names them) and 95 of 95 parameters are provisional"
        in out
    )


def test_both_reports_show_the_provisional_gate_and_the_counts_on_the_summary(minsk: dict[str, Any]) -> None:
    sure = certainty(minsk)
    assert (sure["requirements"], sure["inferred"], sure["topic_confirmed"], sure["verified"]) == (61, 51, 10, 0)
    for lang, word in (("en", "provisional"), ("ru", "предварительно")):
        view = build(minsk, lang)
        card = next(c for c in view.cards if c.value.startswith(("Not passed", "Не выполнены")))
        assert word in card.value and card.state == "warn"
        assert "ENV-P2" in card.sentence
        assert any(str(sure["inferred"]) in line and str(sure["requirements"]) in line for line in view.lead)
        assert any(line.startswith(("Calibrated sample", "Калиброванный пример")) for line in view.method)


def test_compare_shows_the_gate_of_both_rounds(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    assert main(["compare", str(SAMPLES / "fez-minsk"), "--from", "2021-07", "--to", "2023-06", "--db", db]) == 0
    out = capsys.readouterr().out
    assert (
        "Prerequisites gate: 2021-07 not passed (provisional: blocked only by inferred prerequisites ENV-P2); "
        "2023-06 not passed (provisional: blocked only by inferred prerequisites ENV-P2)"
    ) in out


def test_a_profile_changes_what_the_sourceless_prerequisites_do() -> None:
    # The built-in catalogue dropped SOC-P2 and ECO-P1; the profile restores them as provisional prerequisites.
    a, _ = assess_site(SAMPLES / "fez-mogilev", "2020", "provisional-prerequisites")
    assert {"SOC-P2", "ECO-P1"} <= {r.requirement.id for r in a.results if r.requirement.type == "prerequisite"}
    assert a.gate.provisional and not a.gate.passed
    assert a.catalogue.requirement("SOC-P2").provenance == "inferred"


def test_a_profile_can_turn_a_prerequisite_into_a_performance_requirement(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("id: p\ntitle: {en: P, ru: П}\nextends: eip-v2\nretype: {ENV-P2: performance}\n", encoding="utf-8")
    a, _ = assess_site(SAMPLES / "fez-minsk", "2021-07", str(path))
    assert a.catalogue.requirement("ENV-P2").type == "performance"
    assert a.gate.passed and a.gate.reason == "passed"
    assert "ENV-P2 is a performance requirement" in a.catalogue.profile_changes
