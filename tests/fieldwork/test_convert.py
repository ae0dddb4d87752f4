"""Cell values to answers and back, kind by kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eipassess.fieldwork.convert import CellError, answer_cells, number_from_text, read_answer

from .conftest import pick


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("12.5", 12.5), ("1 200", 1200), ("1\u00a0200.5", 1200.5), ("12,5", 12.5), ("-3", -3), (" 7 ", 7)],
)
def test_numbers_typed_as_text(text: str, number: float) -> None:
    assert number_from_text(text) == (number, True)


@pytest.mark.parametrize("text", ["80%", "1,000", "about 20", "12.5.1", "1 20", "12 m3"])
def test_ambiguous_text_is_refused(text: str) -> None:
    with pytest.raises(CellError):
        number_from_text(text)


def test_document_cells(catalogue: Any) -> None:
    req = catalogue.requirement(pick(catalogue, "document"))
    today = dt.date(2024, 1, 1)
    assert read_answer(req, dt.datetime(2020, 5, 1), None, today) == (dt.date(2020, 5, 1), False)
    assert read_answer(req, "2021-03", "", today) == ("2021-03", False)
    assert read_answer(req, "нет", None, today) == ("no", False)
    assert read_answer(req, 2019, "проект", today) == ({"date": 2019, "status": "draft"}, False)
    assert read_answer(req, "2030-01-01", None, None)[0] == "2030-01-01"  # intended values may lie ahead
    for bad, status in (("2030-01-01", None), ("soon", None), ("2020", "final"), (None, "draft"), ("no", "draft")):
        with pytest.raises(CellError):
            read_answer(req, bad, status, today)


def test_yes_no_and_share_cells(catalogue: Any) -> None:
    yes_no = catalogue.requirement(pick(catalogue, "yes_no"))
    share = catalogue.requirement(pick(catalogue, "tenant_share", ("tenants",)))
    assert read_answer(yes_no, " Частично ", None, None) == ("partly", False)
    assert answer_cells(yes_no, True, "ru") == ("да", None)
    with pytest.raises(CellError, match="0.8 for 80%"):
        read_answer(share, "80%", None, None)
    with pytest.raises(CellError):
        read_answer(share, 80, None, None)
    with pytest.raises(CellError):
        read_answer(yes_no, "yess", None, None)


@settings(deadline=None, max_examples=60)
@given(value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_threshold_cells_round_trip(catalogue: Any, value: float) -> None:
    req = catalogue.requirement(pick(catalogue, "threshold", ("park", "both", "tenants")))
    cell, status = answer_cells(req, value, "en")
    assert read_answer(req, cell, status, None) == (value, False)
    if "e" not in repr(value):  # plain decimal text is read; scientific notation is refused as ambiguous
        assert read_answer(req, repr(value), None, None) == (value, True)
