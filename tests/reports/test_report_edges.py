"""Reports of unusual records: no survey, no gaps, nothing applicable, other scoring policies."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from eipassess.reports.html import render_html
from eipassess.reports.pdf import pdf_html
from eipassess.reports.view import build


def variant(record: dict[str, Any], name: str) -> dict[str, Any]:
    """Return a copy of ``record`` changed as ``name`` says."""
    rec = copy.deepcopy(record)
    if name == "no_survey":
        rec["survey"] = None
    elif name in ("all_met", "all_na"):
        verdict = "met" if name == "all_met" else "not_applicable"
        for r in rec["requirements"]:
            r["current"] = {"verdict": verdict, "reason": "answer_yes", "values": {}}
        for s in (rec["scores"]["current"]["overall"], *rec["scores"]["current"]["categories"].values()):
            s["pc"] = 100.0 if name == "all_met" else None
        rec["gate"] = {"passed": True, "blocking": []}
    elif name == "partial_half":
        rec["policy"].update(name="partial-half", partly_credit=0.5)
    return rec


@pytest.mark.parametrize("name", ["no_survey", "all_met", "all_na", "partial_half"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_variants_render(fixture_records: tuple[dict[str, Any], dict[str, Any]], name: str, lang: str) -> None:
    rec = variant(fixture_records[0], name)
    view = build(rec, lang)
    html, pdf = render_html(view), pdf_html(view)
    if name == "no_survey":
        assert view.survey is None and view.low_indicators == ()
    if name in ("all_met", "all_na"):
        assert all(not g.items for g in view.gaps)
        assert view.plan.owners == () and view.plan.projection == ()
        assert view.top_gaps == ()
    if name == "all_na":
        assert view.cards[0].value == "—"
    if name == "partial_half":
        assert ("partial-half" if lang == "en" else "половина балла") in view.policy_title
    for text in (html, pdf):
        assert 'id="sec-survey"' in text


def test_unknown_language_refused(fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    with pytest.raises(ValueError):
        build(fixture_records[0], "de")
