"""The built-in catalogue: loads clean, is complete, and never passes an inferred figure off as verified."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from eipassess.catalogue import criteria_root, load_catalogue
from eipassess.catalogue.check import check_path
from eipassess.cli.main import main
from eipassess.engine.kinds import REGISTRY
from eipassess.model import Catalogue

FRAMEWORK = criteria_root() / "eip-v2"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The built-in framework, loaded once."""
    cat, warnings = load_catalogue()
    assert warnings == []
    return cat


def requirement_files() -> list[Path]:
    """Every requirement file the framework lists."""
    fw = yaml.safe_load((FRAMEWORK / "framework.yaml").read_text(encoding="utf-8"))
    return [FRAMEWORK / name for name in fw["requirement_files"]]


def raw_requirements() -> list[tuple[Path, dict[str, Any]]]:
    """Every requirement as written in its file (before schema defaults are filled in)."""
    out = []
    for path in requirement_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(path, req) for req in data["requirements"]]
    return out


def test_check_reports_no_error_warning_or_missing_translation() -> None:
    problems, missing, summary = check_path(str(FRAMEWORK))
    assert [str(p) for p in problems] == []
    assert missing == []
    assert "valid" in summary


def test_cli_check_exits_zero_with_only_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["criteria", "check"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip().splitlines() == [out.strip()]
    assert "framework eip-v2 2.0 valid" in out


def test_every_subcategory_holds_a_requirement(catalogue: Catalogue) -> None:
    used = {(r.category, r.subcategory) for r in catalogue.requirements}
    for cat in catalogue.categories:
        for sub in cat.subcategories:
            assert (cat.id, sub.id) in used, f"no requirement in {cat.id}/{sub.id}"


def test_ids_follow_the_convention_of_their_category(catalogue: Catalogue) -> None:
    prefix = {"park_management": "PM", "environmental": "ENV", "social": "SOC", "economic": "ECO"}
    for r in catalogue.requirements:
        head, _, tail = r.id.partition("-")
        assert head == prefix[r.category], r.id
        assert tail.startswith("P") == (r.type == "prerequisite"), r.id


def test_every_rule_kind_is_used(catalogue: Catalogue) -> None:
    assert {r.rule.kind for r in catalogue.requirements} == set(REGISTRY)


def test_every_parameter_states_its_provenance_and_a_note() -> None:
    for path, req in raw_requirements():
        for name, spec in (req["rule"].get("params") or {}).items():
            where = f"{path.name} {req['id']}.{name}"
            assert spec.get("provenance") in ("verified", "topic_confirmed", "inferred"), where
            assert str(spec.get("note", "")).strip(), where
            assert "unit" in spec, where


def test_no_builtin_figure_is_marked_verified(catalogue: Catalogue) -> None:
    # No source in the register is the official text read in full, so nothing built in may be verified.
    for r in catalogue.requirements:
        assert r.provenance != "verified", r.id
        for p in r.rule.params.values():
            assert p.provenance != "verified", f"{r.id}.{p.name}"
            assert not p.confirmed, f"{r.id}.{p.name}"


def test_inferred_requirements_have_only_inferred_parameters(catalogue: Catalogue) -> None:
    for r in catalogue.requirements:
        if r.provenance == "inferred":
            assert all(p.provenance == "inferred" for p in r.rule.params.values()), r.id


def test_every_requirement_is_complete_in_both_languages(catalogue: Catalogue) -> None:
    for r in catalogue.requirements:
        for text in (r.title, r.description, r.guidance, *r.evidence, *r.actions):
            assert text.get("en", "").strip() and text.get("ru", "").strip(), r.id
            assert text["en"] != text["ru"], r.id
        assert r.evidence and r.actions and r.actors, r.id
        assert r.source.strip(), r.id


def test_checklist_items_have_exactly_english_and_russian_titles(catalogue: Catalogue) -> None:
    # An unquoted comma inside a YAML flow mapping splits a title silently into extra keys.
    for r in catalogue.requirements:
        for item in r.rule.settings.get("items", []):
            assert set(item) == {"id", "title"}, (r.id, item)
            assert set(item["title"]) == {"en", "ru"}, (r.id, item["id"], item["title"])


def test_texts_hold_no_unquoted_flow_comma_damage() -> None:
    # The schema warns about extra keys in evidence and actions; this catches them in the raw files too.
    for path, req in raw_requirements():
        for group in ("evidence", "actions"):
            for text in req[group]:
                assert set(text) == {"en", "ru"}, (path.name, req["id"], text)


def test_recp_or_symbiosis_actions_are_recommended(catalogue: Catalogue) -> None:
    words = ("RECP", "symbiosis", "by-product")
    hits = [r.id for r in catalogue.requirements if any(w in a["en"] for a in r.actions for w in words)]
    for category in ("park_management", "environmental", "social", "economic"):
        assert any(catalogue.requirement(rid).category == category for rid in hits), category


def test_every_survey_column_feeds_a_requirement(catalogue: Catalogue) -> None:
    # A column asked of every firm and scored nowhere is a burden without a purpose (docs/criteria.md).
    used = {r.rule.settings.get(k) for r in catalogue.requirements for k in ("indicator", "denominator")}
    figures = {"water_m3"}  # feeds the RECP figures per firm and per employee (docs/recp.md), not a requirement
    assert {i.id for i in catalogue.indicators} <= used | figures
    assert "climate_risk_assessed" not in {i.id for i in catalogue.indicators}


def test_every_figure_from_the_survey_has_a_response_floor(catalogue: Catalogue) -> None:
    surveyed = [r for r in catalogue.requirements if r.rule.settings.get("indicator")]
    assert surveyed
    for r in surveyed:
        floor = r.rule.params.get("min_response_rate")
        assert floor is not None and 0 < floor.value <= 1, r.id
