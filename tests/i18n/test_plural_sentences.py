"""Sentences whose noun follows a count that can be 1 agree with it, in English and in Russian."""

from __future__ import annotations

from typing import Any

import pytest

from eipassess.cli.summary import since_line
from eipassess.explain import explain

SHARE = {
    "indicator": "shares_data",
    "min_share": 0.5,
    "yes": 1,
    "answered": 1,
    "firms": 1,
    "tenants_total": 1,
    "source": "survey",
    "response_rate": 1.0,
    "min_response_rate": 0.5,
    "not_relevant": 0,
    "responded": 1,
    "share": 1.0,
}
VALUE = {
    "indicator": "energy_mwh",
    "aggregate": "per_employee",
    "answered": 1,
    "firms": 1,
    "response_rate": 1.0,
    "min_response_rate": 0.5,
    "tenants_total": 1,
    "responded": 1,
    "source": "survey",
    "value": 29.7,
    "threshold": 40.0,
    "unit": "MWh/employee/yr",
    "direction": "at_most",
}


@pytest.mark.parametrize(
    ("reason", "values", "lang", "expected", "absent"),
    [
        ("document_current", {"date": "2022-06-01", "age_years": 1, "max_age_years": 5}, "en", "1 year old", "years old"),
        ("document_current", {"date": "2022-06-01", "age_years": 2.5, "max_age_years": 5}, "en", "2.5 years old", "year old"),
        (
            "document_outdated",
            {"date": "2020-06-01", "age_years": 2.5, "max_age_years": 1},
            "en",
            "the 1 year allowed",
            "1 years",
        ),
        (
            "document_current.planned",
            {"date": "2030-01-01", "max_age_years": 1, "planned": True},
            "en",
            "1 year allowed",
            "1 years",
        ),
        ("checklist_complete", {"count": 1, "of": 1, "required": 1}, "en", "1 of 1 element in place", "elements"),
        ("checklist_partial", {"count": 1, "of": 4, "required": 3, "missing": ["a"]}, "en", "1 of 4 elements", "element in"),
        ("checklist_empty", {"count": 0, "of": 1, "required": 1}, "en", "The 1 element is not", "elements"),
        ("checklist_empty", {"count": 0, "of": 1, "required": 1}, "ru", "из 1 элемента", "элементов"),
        ("not_relevant", {"responded": 1}, "en", "the 1 firm that answered", "firms"),
        ("not_relevant", {"responded": 1}, "ru", "1 ответившее предприятие указало", "все"),
        ("not_relevant", {"responded": 3}, "ru", "все 3 ответивших предприятия указали", "предприятий"),
        ("not_relevant", {"responded": 5}, "ru", "все 5 ответивших предприятий указали", "предприятия "),
        ("share_meets", SHARE, "en", "1 of 1 firm that answered the question", "firms"),
        ("share_meets", SHARE, "ru", "из 1 предприятия, ответившего", "предприятий"),
        ("share_meets", {**SHARE, "answered": 2, "yes": 2}, "en", "2 of 2 firms that answered", "firm that"),
        ("value_meets", VALUE, "en", "(1 of 1 firm in the survey answered)", "firms"),
        ("value_meets", VALUE, "ru", "из 1 предприятия в опросе", "предприятий"),
    ],
)
def test_the_noun_agrees_with_its_count(reason: str, values: dict[str, Any], lang: str, expected: str, absent: str) -> None:
    text = explain(reason, values, lang)
    assert expected in text and absent not in text, text


def _changes(before: float, after: float) -> dict[str, Any]:
    """Return the part of a comparison that the summary's "since" line reads."""
    overall = {"from": {"pc": before}, "to": {"pc": after}, "pp": after - before}
    return {
        "scores": {"overall": overall},
        "requirements": [],
        "counts": {"newly_met": 0},
        "from": {"round": "R1", "date": "2021-07-01"},
    }


@pytest.mark.parametrize(
    ("before", "after", "shown"), [(50.0, 51.0, "(+1 point)"), (50.0, 49.0, "(-1 point)"), (50.0, 53.0, "(+3 points)")]
)
def test_the_summary_counts_points_as_shown(before: float, after: float, shown: str) -> None:
    assert shown in since_line(_changes(before, after), "en")


@pytest.mark.parametrize(
    ("lang", "total", "expected"),
    [
        ("en", 1, "1 of 1 tenant firm answered"),
        ("en", 3, "1 of 3 tenant firms answered"),
        ("ru", 1, "из 1 предприятия-резидента"),
    ],
)
def test_the_report_counts_the_parks_tenant_firms(lang: str, total: int, expected: str) -> None:
    from eipassess.reports.i18n import Translator
    from eipassess.reports.sections import _survey_sentence

    survey = {"firms": 1, "respondents": 1, "tenants_total": total}
    assert expected in _survey_sentence(Translator(lang), survey, 100.0 / total)


@pytest.mark.parametrize(
    ("threshold", "expected"), [(1, "не менее 1 связи."), (3, "не менее 3 связей."), (21, "не менее 21 связи.")]
)
def test_a_unit_after_at_least_takes_the_genitive_in_russian(threshold: int, expected: str) -> None:
    """ "требуется не менее 1 связь" read wrong: after the bound word the unit is genitive; the count stays nominative."""
    values = {"source": "register", "value": 2.0, "threshold": float(threshold), "unit": "links", "direction": "at_least"}
    values |= {"count": 2, "synergies": ["SYN-01", "SYN-02"], "on": "2021-07-06", "stages": ["implemented"], "answered": 2}
    text = explain("register_value_meets", values, "ru")
    assert expected in text and "реализованы 2 синергии" in text, text
    assert "at least 1 link." in explain("register_value_meets", {**values, "threshold": 1.0}, "en")
