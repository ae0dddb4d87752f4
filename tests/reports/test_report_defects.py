"""The report defects found reading FEZ "Minsk"'s reports, each pinned so it cannot come back."""

from __future__ import annotations

from typing import Any

import pytest
from reportkit import MINSK, record_of

from eipassess.explain import explain
from eipassess.reports.html import render_html
from eipassess.reports.i18n import Translator
from eipassess.reports.view import build
from eipassess.units import unit_text


@pytest.fixture(scope="module")
def minsk() -> tuple[dict[str, Any], dict[str, Any]]:
    """The sample's two rounds."""
    return record_of(MINSK, "2021-07"), record_of(MINSK, "2023-06")


def test_differences_add_up_from_the_shown_figures(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """69.35% shows as 69 and 88.7% as 89: the change reads +20, not +19 (the unrounded difference)."""
    old, new = minsk
    view = build(new, "en", previous=old)
    potential = view.cards[3]
    shown = int(view.cards[0].value.rstrip("%"))
    intended = int(potential.sentence.split(": ")[1].split("%")[0])
    assert int(potential.value) == intended - shown
    assert view.changes is not None
    for c in view.changes.categories:
        assert int(c.delta) == int(c.after) - int(c.before), c
    t = Translator("ru")
    assert t.pp_shown(33.4, 77.6) == "+45" and t.pp_shown(45.4, 54.6) == "+10"


def test_change_table_has_prerequisites(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = minsk
    view = build(new, "ru", previous=old)
    assert view.changes is not None and view.changes.categories[0].label == "Предварительные условия"


def test_country_names_from_babel_and_ids_with_titles(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, new = minsk
    en, ru = build(new, "en"), build(new, "ru")
    assert ("Country", "Belarus") in en.cover and ("Страна", "Беларусь") in ru.cover
    assert "ENV-P2 “All wastewater is treated to national standards”" in en.cards[1].sentence
    assert "ENV-P2 «" in ru.lead[-2] or "ENV-P2 «" in " ".join(ru.lead)


def test_units_agree_with_their_numbers() -> None:
    assert unit_text("links", 1, "en") == "link" and unit_text("links", 2, "en") == "links"
    assert [unit_text("links", n, "ru") for n in (1, 3, 5)] == ["связь", "связи", "связей"]
    short = explain("value_short", {"value": 0, "threshold": 1, "unit": "links", "direction": "at_least"}, "en")
    assert "1 link." in short and "links" not in short.replace("0 links", "")
    ru = explain("value_short", {"value": 5.89, "threshold": 10, "unit": "%", "direction": "at_least"}, "ru")
    assert "5,89%" in ru and "5.89" not in ru


def test_one_decimal_mark_and_plural_points_in_russian(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    from eipassess.reports.pdf import pdf_html

    _, new = minsk
    en = build(new, "en")
    assert "earns 0 points" in " ".join(en.method)
    text = pdf_html(build(new, "ru"))
    assert "0,5" in text or "0.5" not in text


def test_plotly_modebar_without_cloud_links_and_plain_hover(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = minsk
    html = render_html(build(new, "en", previous=old, history=[old]))
    assert "displaylogo: false" in html and "showSendToCloud: false" in html and '"sendDataToCloud"' in html
    import json
    import re

    for fig in re.findall(r'<script type="application/json" id="fig-[a-z]+">(.*?)</script>', html):
        for trace in json.loads(fig)["data"]:  # hover shows the figures as the report does, never 69.35484%
            assert trace["hoverinfo"] == "text" and "69.35" not in json.dumps(trace["hovertext"])


def test_data_gap_intro_only_with_data_gaps(minsk: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, new = minsk
    html = render_html(build(new, "en"))
    assert "Every applicable requirement has data." in html
    assert "Collecting the data below" not in html
