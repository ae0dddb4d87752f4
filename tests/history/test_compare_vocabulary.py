"""One vocabulary of change classes with the same counts in compare (text, JSON), the reports; figures named by source."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from eipassess.history.compare import CHANGES, compare
from eipassess.history.labels import CHANGE_LABELS
from eipassess.history.render import compare_text
from eipassess.reports.messages import MESSAGES
from eipassess.reports.view import build, finding
from eipassess.result import to_dict
from eipassess.workflow import assess_site

SITE = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"


@pytest.fixture(scope="module")
def records() -> tuple[dict[str, Any], dict[str, Any]]:
    """The sample site's two rounds as result records."""
    return to_dict(assess_site(SITE, "2021-07")[0]), to_dict(assess_site(SITE, "2023-06")[0])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_same_labels_and_counts_everywhere(records: tuple[dict[str, Any], dict[str, Any]], lang: str) -> None:
    old, new = records
    c = compare(old, new)
    text = compare_text(c, lang)
    labels = CHANGE_LABELS[lang]
    assert set(labels) == set(CHANGES)
    for change in CHANGES:
        assert MESSAGES[lang][f"c_{change}"] == labels[change]  # the report's label is compare's
        if c["counts"][change]:
            assert f"{labels[change]} ({c['counts'][change]})" in text.splitlines()
    counts = build(new, lang, previous=old).changes.counts  # type: ignore[union-attr]
    for key, change in (
        ("n_newly_met", "newly_met"),
        ("n_regressed", "regressed"),
        ("n_improved", "improved"),
        ("n_still_open", "still_open"),
    ):
        assert MESSAGES[lang][key].format(n=c["counts"][change]) in counts
    assert c["counts"]["improved"] == 4 and c["counts"]["still_open"] == 14  # not merged into one "still open: 18"


def test_a_park_figure_is_never_labelled_survey(records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """ENV-07 from the survey in 2021, then the park's own figure overriding the survey in 2023."""
    old, new = records
    new = copy.deepcopy(new)
    env07 = next(r for r in new["requirements"] if r["id"] == "ENV-07")
    env07["current"]["values"] = {
        "source": "park",
        "value": 6.5,
        "threshold": 10.0,
        "partial": 5.0,
        "unit": "%",
        "direction": "at_least",
    }
    c = compare(old, new)
    row = next(r for r in c["requirements"] if r["id"] == "ENV-07")
    assert row["survey"]["from"]["source"] == "survey" and row["survey"]["to"]["source"] == "park"
    line = next(x for x in compare_text(c, "en").splitlines() if "ENV-07" in x)
    assert line.endswith("survey: 2.884 % (firms that answered: 16) -> park's figure: 6.5 %")
    line = next(x for x in compare_text(c, "ru").splitlines() if "ENV-07" in x)
    assert line.endswith("опрос: 2.884 % (ответивших предприятий: 16) -> данные управляющей компании: 6.5 %")
    assert finding(env07, "en").startswith("The park management's figure: 6.5%")  # the report says which source
    assert finding(env07, "ru").startswith("Данные управляющей компании: 6,5%")
    survey_row = next(r for r in old["requirements"] if r["id"] == "ENV-07")
    assert finding(survey_row, "en").startswith("Tenant survey (16 of 16 firms in the survey answered)")
