"""The register rule: implemented synergies decide ENV-20/21/22, and the reason text says so."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from eipassess.explain import explain
from eipassess.model import Verdict
from eipassess.workflow import assess_site

from .conftest import REGISTER, cli, make_park

MINSK = Path(__file__).resolve().parents[2] / "sample_sites" / "fez-minsk"


def outcome(site: Path, rid: str, round_id: str | None = None) -> Any:
    a, _ = assess_site(site, round_id)
    return next(r for r in a.results if r.requirement.id == rid)


def test_without_register_the_answer_decides(park: Path) -> None:
    r = outcome(park, "ENV-20")
    assert r.current.verdict is Verdict.NOT_MET and r.current.reason == "value_short"  # answered 0 links
    assert outcome(park, "ENV-21").current.reason == "share_short"  # every surveyed firm said no


def test_implemented_synergy_meets_env20_against_the_answer(tmp_path: Path) -> None:
    site = make_park(tmp_path, REGISTER)
    r = outcome(site, "ENV-20")
    assert r.current.verdict is Verdict.MET
    assert r.current.reason == "register_value_meets"
    assert r.current.values["count"] == 1 and r.current.values["answered"] == 0
    text = explain(r.current.reason, r.current.values)
    assert text.startswith("From the synergy register, not the answered number: 1 synergies implemented on 2023-06-01 (S1)")
    assert explain(r.current.reason, r.current.values, "ru").startswith("По реестру синергий, а не по указанному числу")


def test_register_share_replaces_the_survey_yes_no(tmp_path: Path) -> None:
    site = make_park(tmp_path, REGISTER)
    r = outcome(site, "ENV-21")
    # T1 and T2 (tenants) operate S1: 2 of the park's 5 tenant firms = 40% >= 20%, though all said "no"
    assert r.current.verdict is Verdict.MET
    assert (r.current.values["yes"], r.current.values["tenants_total"]) == (2, 5)
    assert r.current.values["firms"] == ["T1", "T2"]


def test_status_is_taken_on_the_round_date(tmp_path: Path) -> None:
    later = REGISTER.replace("date: 2023-01}", "date: 2023-09}")  # implemented only after the round
    site = make_park(tmp_path, later)
    r20, r22 = outcome(site, "ENV-20"), outcome(site, "ENV-22")
    assert r20.current.verdict is Verdict.NOT_MET and r20.current.values["count"] == 0
    # still "discussed" on 2023-06-01: both firms count as preparing an exchange (2 of 5 >= 10%)
    assert r22.current.verdict is Verdict.MET and r22.current.values["stages"] == ["discussed", "feasibility", "implemented"]


def test_neighbours_count_as_links_not_as_tenants(tmp_path: Path) -> None:
    reg = REGISTER.replace("receiver: T2", "receiver: NB-1")
    site = make_park(tmp_path, reg)
    assert outcome(site, "ENV-20").current.values["count"] == 1
    assert outcome(site, "ENV-21").current.values["firms"] == ["T1"]


def test_lifecycle_going_backwards_is_refused_with_line(tmp_path: Path, capsys: Any) -> None:
    bad = REGISTER.replace("{status: discussed, date: 2021-10}", "{status: identified, date: 2021-10}").replace(
        "date: 2023-01}", "date: 2020-01}"
    )
    site = make_park(tmp_path, bad)
    code, _, err = cli(capsys, "assess", site, "--no-record")
    assert code == 2
    assert (
        "synergies.yaml:11: synergies[0].history[1].status: expected a stage after identified (or dropped), found 'identified'"
        in err
    )
    assert (
        "synergies.yaml:12: synergies[0].history[2].date: expected a date on or after 2021-10-01 (events in order), found '2020-01-01'"
        in err
    )


def test_sample_register_keeps_the_calibrated_verdicts() -> None:
    """Calibration check (not evidence): the sample register agrees with the rounds' answers."""
    for rnd, verdicts in (("2021-07", ("met", "partly_met", "met")), ("2023-06", ("met", "met", "met"))):
        a, _ = assess_site(MINSK, rnd)
        got = tuple(next(r for r in a.results if r.requirement.id == rid).current for rid in ("ENV-20", "ENV-21", "ENV-22"))
        assert tuple(o.verdict.value for o in got) == verdicts
        assert all(o.reason.startswith("register_") for o in got)
    assert assess_site(MINSK, "2021-07")[0].current.overall_pc == 50.0


def test_dropping_the_heat_synergy_changes_env21(tmp_path: Path) -> None:
    site = tmp_path / "minsk"
    shutil.copytree(MINSK, site)
    text = (site / "synergies.yaml").read_text(encoding="utf-8")
    (site / "synergies.yaml").write_text(text.replace("{status: implemented, date: 2023-02,", "{status: dropped, date: 2023-02,"))
    r = outcome(site, "ENV-21", "2023-06")
    assert r.current.verdict is Verdict.PARTLY_MET  # 3 of 24 tenant firms (12.5%) instead of 5 (20.8%)
    assert r.current.values["yes"] == 3


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_symbiosis_lists_register_status_by_round(lang: str, capsys: Any) -> None:
    code, out, _ = cli(capsys, "symbiosis", MINSK, "--lang", lang, "--limit", "3")
    assert code == 0
    assert "SYN-03 MN-05 → MN-06" in out
    assert ("2021-07: identified, 2023-06: implemented" if lang == "en" else "2021-07: выявлена, 2023-06: реализована") in out
