"""Survey semantics with hand-computed expectations: a blank row is not a response, n/a is neither no nor missing.

The park below has 6 tenant firms; its survey has 5 rows (employees, ems_certified, wastewater_pretreatment,
energy_mwh):

    F1  10  yes  yes   200
    F2  30  no   n/a   600
    F3  50  -    -     -        every indicator blank: not a response
    F4  20  no   n/a   -
    F5  40  -    no    2000

By hand (built-in criteria, default parameters):
- respondents 4 (F3 is not one), response rate 4/6 = 66.7%;
- ENV-02 (ems_certified, at least 30%, floor 50%): 3 firms answered (3/6 = 50%, at the floor), 1 yes: 1/3 = 33% -> met;
- ENV-14 (wastewater_pretreatment, at least 90%, partly from 60%): 2 answered yes/no and 2 said n/a, so
  4/6 = 67% responded; share 1/2 = 50% -> not met. Had F2 and F4 left the cell blank, 2/6 = 33% < 50% -> no data;
- ENV-06 (energy per employee, at most 40, floor 50%): F1, F2, F5 answered: 2800 MWh / 80 employees = 35 -> met;
  without F5's answer only 2/6 = 33% answered -> no data (too few firms).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eipassess.cli.main import main
from eipassess.model import Verdict
from eipassess.result import to_dict
from eipassess.workflow import assess_site

HEADER = "firm_id,firm_name,sector,employees,ems_certified,wastewater_pretreatment,energy_mwh\n"
ROWS = {
    "F1": "F1,One,food,10,yes,yes,200\n",
    "F2": "F2,Two,food,30,no,n/a,600\n",
    "F3": "F3,Three,metal,50,,,\n",
    "F4": "F4,Four,metal,20,no,n/a,\n",
    "F5": "F5,Five,wood,40,,no,2000\n",
}


def site(tmp_path: Path, rows: dict[str, str]) -> Path:
    """Write a park of 6 tenant firms with one round and the given survey rows."""
    root = tmp_path / "park"
    (root / "rounds" / "r1").mkdir(parents=True)
    (root / "site.yaml").write_text(
        "id: park\nname: {en: Park, ru: Парк}\ncountry: BY\noperator: {en: Op, ru: Оп}\ntenants_total: 6\n", encoding="utf-8"
    )
    (root / "rounds" / "r1" / "answers.yaml").write_text("date: 2024-05-01\nassessor: Test\nanswers: {}\n", encoding="utf-8")
    (root / "rounds" / "r1" / "tenants.csv").write_text(HEADER + "".join(rows.values()), encoding="utf-8")
    return root


def verdicts(root: Path) -> dict[str, tuple[Verdict, str]]:
    """The current verdict and reason of every requirement."""
    a, _ = assess_site(root, "r1")
    return {r.requirement.id: (r.current.verdict, r.current.reason) for r in a.results}


def test_blank_row_is_not_a_response_and_na_counts_as_an_answer(tmp_path: Path) -> None:
    root = site(tmp_path, ROWS)
    a, _ = assess_site(root, "r1")
    survey = a.round.survey
    assert survey is not None
    assert (survey.firms, survey.responding, survey.tenants_total) == (5, 4, 6)
    assert survey.response_rate == pytest.approx(4 / 6)
    ww = survey.indicators["wastewater_pretreatment"]
    assert (ww.answered, ww.not_relevant, ww.missing, ww.yes) == (2, 2, 1, 1)
    got = verdicts(root)
    assert got["ENV-02"] == (Verdict.MET, "share_meets")
    assert got["ENV-14"] == (Verdict.NOT_MET, "share_short")
    assert got["ENV-06"] == (Verdict.MET, "value_meets")
    result = {r.requirement.id: r.current for r in a.results}
    assert result["ENV-14"].values["share"] == pytest.approx(0.5)
    assert result["ENV-14"].values["response_rate"] == pytest.approx(4 / 6)
    assert result["ENV-06"].values["value"] == pytest.approx(2800 / 80)
    record = to_dict(a)
    assert record["survey"]["respondents"] == 4 and "blank is not a response" in record["survey"]["response_rate_definition"]


def test_blank_instead_of_na_drops_under_the_floor(tmp_path: Path) -> None:
    rows = dict(ROWS, F2="F2,Two,food,30,no,,600\n", F4="F4,Four,metal,20,no,,\n")
    assert verdicts(site(tmp_path, rows))["ENV-14"] == (Verdict.NO_DATA, "low_response")


def test_a_surveyed_threshold_has_a_response_floor_too(tmp_path: Path) -> None:
    rows = dict(ROWS, F5="F5,Five,wood,40,,no,\n")  # energy now from F1 and F2 only: 2 of 6 firms
    assert verdicts(site(tmp_path, rows))["ENV-06"] == (Verdict.NO_DATA, "low_response")


def test_a_question_nobody_it_concerns_is_not_applicable(tmp_path: Path) -> None:
    # Every firm that answered the wastewater question said it does not concern it: 4 of 6 responded, none yes/no.
    rows = dict(ROWS, F1="F1,One,food,10,yes,n/a,200\n", F5="F5,Five,wood,40,,n/a,2000\n")
    assert verdicts(site(tmp_path, rows))["ENV-14"] == (Verdict.NOT_APPLICABLE, "not_relevant")


def test_assess_text_states_the_definition_and_the_blank_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(site(tmp_path, ROWS)), "--no-record"]) == 0
    out = capsys.readouterr().out
    assert (
        "Tenant survey: 4 of 6 tenant firms answered (response rate 67%); a firm counts when it answered at least one question "
        "(yes, no, a number or n/a); rows with no answer at all, not counted: 1"
    ) in out


def test_na_in_a_number_cell_is_read_and_bad_text_still_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = dict(ROWS, F4="F4,Four,metal,20,no,n/a,н/п\n", F5="F5,Five,wood,40,maybe,no,2000\n")
    root = site(tmp_path, rows)
    assert main(["site", "check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "tenants.csv:6: ems_certified: expected yes, no or n/a (blank if not answered), found 'maybe'" in err
    assert "energy_mwh" not in err
