"""The bundled sample sites behave as documented.

The tests named ``test_calibration_*`` are CALIBRATION CHECKS, not evidence: the sample answers were
written to reproduce the published figures (FEZ "Mogilev" 2020, assessed against v1.0; FEZ "Minsk"
2021's preliminary 50% from the 12 October 2021 workshop agenda). They guard the engine and the sample
data against unnoticed change; they say nothing about whether the catalogue matches the framework.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from eipassess.cli.main import main
from eipassess.fmt import pc
from eipassess.history.compare import compare
from eipassess.model import Assessment, Score, Verdict
from eipassess.result import to_dict
from eipassess.workflow import assess_site

SAMPLES = Path(__file__).resolve().parents[2] / "sample_sites"
MINSK = SAMPLES / "fez-minsk"
MOGILEV = SAMPLES / "fez-mogilev"


def ratio(score: Score) -> Fraction:
    """Return compliance as an exact fraction, so 2/3 and 1/6 are compared without rounding."""
    assert score.possible > 0
    return Fraction(score.points).limit_denominator(1000) / Fraction(score.possible).limit_denominator(1000)


@pytest.fixture(scope="module")
def minsk_2021() -> Assessment:
    return assess_site(MINSK, "2021-07")[0]


@pytest.fixture(scope="module")
def minsk_2023() -> Assessment:
    return assess_site(MINSK, "2023-06")[0]


@pytest.fixture(scope="module")
def mogilev() -> Assessment:
    return assess_site(MOGILEV, "2020")[0]


def test_calibration_minsk_2021_overall_is_the_published_half(minsk_2021: Assessment) -> None:
    assert minsk_2021.policy == "strict"
    assert ratio(minsk_2021.current.overall) == Fraction(1, 2)
    assert minsk_2021.current.overall_pc == 50.0


def test_minsk_2021_overall_counts_prerequisites_and_performance(minsk_2021: Assessment) -> None:
    cur = minsk_2021.current
    assert cur.overall == cur.prerequisites + cur.performance
    assert cur.overall.total == len(minsk_2021.catalogue.requirements)


def test_minsk_2021_survey_has_16_firms_of_the_named_sectors(minsk_2021: Assessment) -> None:
    survey = minsk_2021.round.survey
    assert survey is not None
    assert survey.firms == 16
    assert set(survey.sectors) == {"food", "machinery and equipment", "vehicles", "metal products", "wood products"}
    assert any(ind.missing > 0 for ind in survey.indicators.values()), "some cells are left unanswered"


def test_minsk_2021_has_a_justified_not_applicable_and_intended_values(minsk_2021: Assessment) -> None:
    na = [r for r in minsk_2021.results if r.current.verdict is Verdict.NOT_APPLICABLE]
    assert na and all(r.answer and r.answer.not_applicable for r in na)
    improved = [
        r for r in minsk_2021.results if r.answer and r.answer.intended is not None and r.intended.verdict != r.current.verdict
    ]
    assert len(improved) >= 5
    assert minsk_2021.round.intended_year == 2024


@pytest.mark.parametrize("rid", ["ENV-01", "ENV-04", "ENV-10", "ENV-12", "PM-05", "PM-06", "PM-08"])
def test_minsk_2021_named_gaps_are_gaps(minsk_2021: Assessment, rid: str) -> None:
    verdict = next(r.current.verdict for r in minsk_2021.results if r.requirement.id == rid)
    assert verdict in (Verdict.NOT_MET, Verdict.PARTLY_MET)


def test_minsk_2023_survey_is_a_workbook_of_16_to_18_firms(minsk_2023: Assessment) -> None:
    assert "tenants.xlsx" in minsk_2023.round.checksums
    assert minsk_2023.round.survey is not None and 16 <= minsk_2023.round.survey.firms <= 18
    assert (MINSK / "rounds" / "2021-07" / "tenants.csv").is_file()


def test_minsk_2023_closes_gaps_and_regresses_exactly_one(minsk_2021: Assessment, minsk_2023: Assessment) -> None:
    diff = compare(to_dict(minsk_2021), to_dict(minsk_2023))
    assert diff["counts"]["newly_met"] >= 1
    assert diff["counts"]["regressed"] == 1
    regressed = next(r for r in diff["requirements"] if r["change"] == "regressed")
    before = next(r for r in minsk_2021.results if r.requirement.id == regressed["id"])
    after = next(r for r in minsk_2023.results if r.requirement.id == regressed["id"])
    assert (before.current.verdict, after.current.verdict) == (Verdict.MET, Verdict.NOT_MET)
    assert after.answer is not None and "regressed" in after.answer.comment.lower()


@pytest.mark.parametrize("rid", ["PM-06", "ENV-10", "ENV-02"])
def test_minsk_2023_closed_the_planned_gaps(minsk_2021: Assessment, minsk_2023: Assessment, rid: str) -> None:
    before = next(r.current.verdict for r in minsk_2021.results if r.requirement.id == rid)
    after = next(r.current.verdict for r in minsk_2023.results if r.requirement.id == rid)
    assert before is not Verdict.MET and after is Verdict.MET


def test_calibration_mogilev_reproduces_the_published_figures(mogilev: Assessment) -> None:
    cur = mogilev.current
    assert ratio(cur.prerequisites) == Fraction(1, 2)
    assert ratio(cur.categories["park_management"]) == Fraction(2, 3)
    assert ratio(cur.categories["environmental"]) == Fraction(1, 6)
    assert ratio(cur.categories["social"]) == Fraction(1, 2)
    assert ratio(cur.categories["economic"]) == Fraction(3, 4)


def test_calibration_mogilev_figures_display_as_published(mogilev: Assessment) -> None:
    cats = mogilev.current.categories
    assert pc(mogilev.current.prerequisites.pc) == "50"
    assert pc(cats["park_management"].pc) == "67"
    assert pc(cats["environmental"].pc, 1) == "16.7"
    assert pc(cats["social"].pc) == "50"
    assert pc(cats["economic"].pc) == "75"


@pytest.mark.parametrize("rid", ["PM-05", "ENV-10", "ENV-12", "ENV-01", "ENV-04"])
def test_mogilev_named_gaps_are_not_met(mogilev: Assessment, rid: str) -> None:
    verdict = next(r.current.verdict for r in mogilev.results if r.requirement.id == rid)
    assert verdict is Verdict.NOT_MET


@pytest.mark.parametrize("site", [MINSK, MOGILEV], ids=["fez-minsk", "fez-mogilev"])
def test_site_check_passes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["site", "check", str(site)]) == 0
    captured = capsys.readouterr()
    assert "valid against eip-v2" in captured.out
    assert "sample_sites" not in captured.err, "the sample sites' own files raise no warnings"
