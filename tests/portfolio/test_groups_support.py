"""Peer-group bands, dominant sectors, filters, round choice and the derived support types."""

from __future__ import annotations

import datetime as dt

import pytest

from eipassess.errors import UsageError
from eipassess.portfolio.build import parse_date, shown_round
from eipassess.portfolio.entries import Entry
from eipassess.portfolio.groups import band, dominant_sectors, matches, parse_filters, peer
from eipassess.portfolio.support import support_type


def test_bands_have_closed_lower_bounds() -> None:
    assert [band("size", v) for v in (None, 99.9, 100, 499, 500)] == ["unknown", "small", "medium", "medium", "large"]
    assert [band("age", v) for v in (0, 10, 24.5, 25)] == ["young", "established", "established", "mature"]
    assert [band("tenants", v) for v in (24, 25, 100)] == ["few", "some", "many"]


def test_declared_sectors_win_over_the_survey() -> None:
    survey = {"food": 4, "metal": 4, "wood": 1, "glass": 2, "none": 0}
    assert dominant_sectors({"survey_sectors": survey}) == ["food", "metal", "glass"]
    assert dominant_sectors({"survey_sectors": survey, "sectors": ["textiles"]}) == ["textiles"]


def test_filters_and_or() -> None:
    p = peer("BY", "2023-06-20", {"area_ha": 50, "established": 2000, "tenants_total": 30, "tags": {"region": "north"}})
    assert p["age"] == "established" and p["size"] == "small" and p["tenants"] == "some"
    assert matches(p, parse_filters(["country=BY,MD", "region=north"]))
    assert not matches(p, parse_filters(["country=BY", "region=south"]))
    assert not matches(p, parse_filters(["phase=pilot"]))  # a tag the park does not have
    with pytest.raises(UsageError, match="KEY=VALUE"):
        parse_filters(["country="])


def entry(rid: str, date: str) -> Entry:
    """A minimal entry of one round."""
    return Entry("s", rid, date, "", 0, "published", "eip-v2 2.0", None, None, None, None, None, None, "BY")


def test_round_nearest_a_date_and_date_forms() -> None:
    rounds = [entry("a", "2019-06-01"), entry("b", "2021-06-01"), entry("c", "2023-06-01")]
    assert shown_round(rounds, None) == 2
    assert shown_round(rounds, dt.date(2020, 6, 1)) == 1  # 365 days from b, 366 from a
    assert shown_round([entry("a", "2020-01-01"), entry("b", "2020-01-11")], dt.date(2020, 1, 6)) == 0  # a tie: the earlier
    assert shown_round(rounds, dt.date(2022, 12, 1)) == 2
    assert parse_date("2021") == dt.date(2021, 1, 1) and parse_date("2021-07") == dt.date(2021, 7, 1)
    with pytest.raises(UsageError):
        parse_date("2021-13")


@pytest.mark.parametrize(
    "action, kind",
    [
        ("Install rooftop solar on shared buildings", "investment"),
        ("Train tenants' energy managers in a joint programme", "capacity_building"),
        ("Revise the zoning plan to group firms", "policy"),
        ("Draft a water-saving plan", "advisory"),
    ],
)
def test_support_type_is_derived_from_actions(action: str, kind: str) -> None:
    assert support_type({"actions": [{"en": action, "ru": "..."}]}) == kind
