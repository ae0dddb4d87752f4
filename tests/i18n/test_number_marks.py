"""Numbers in the reader's language without Babel's locale data: the catalogue's marks give Babel's very text."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from hypothesis import given, settings
from hypothesis import strategies as st

from eipassess import fmt, i18n

NUMBERS = settings(max_examples=300, derandomize=True, database=None, deadline=None)
FIGURES = st.one_of(
    st.floats(-1e13, 1e13, allow_nan=False),
    st.integers(-(10**12), 10**12).map(float),
    st.integers(-(10**6), 10**6).map(lambda n: n / 2),  # ties: half to even on both sides
)


@pytest.mark.parametrize("lang", i18n.languages())
def test_every_catalogue_has_the_marks_of_its_language(lang: str) -> None:
    """The decimal and group marks a catalogue states are the CLDR marks Babel knows for that language."""
    marks = i18n.own(lang, "format")
    assert (marks["decimal_mark"], marks["group_mark"]) == (get_decimal_symbol(lang), get_group_symbol(lang))


@pytest.mark.parametrize("lang", i18n.languages())
def test_a_grouped_whole_number_reads_as_babel_writes_it(lang: str) -> None:
    """Costs: "#,##0" in every language the tool speaks."""

    @NUMBERS
    @given(value=FIGURES)
    def run(value: float) -> None:
        assert fmt.decimal(value, 0, lang) == format_decimal(value, format="#,##0", locale=lang)

    run()


@pytest.mark.parametrize("lang", i18n.languages())
def test_a_figure_with_one_decimal_reads_as_babel_writes_it(lang: str) -> None:
    """Impacts in points: "0.0" of a figure rounded to one decimal, as the ranking's reasons show it."""

    @NUMBERS
    @given(value=FIGURES)
    def run(value: float) -> None:
        shown = round(value, 1)
        assert fmt.decimal(shown, 1, lang, grouped=False) == format_decimal(shown, format="0.0", locale=lang)

    run()


def test_a_language_without_marks_is_formatted_by_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue dropped in without the marks still gets its language's own marks (from Babel), not English ones."""
    monkeypatch.setattr(i18n, "own", lambda lang, area: {})
    assert fmt.decimal(1234567.5, 0, "ru") == "1\u00a0234\u00a0568"
    assert fmt.decimal(-3.25, 1, "de", grouped=False) == "-3,2"
