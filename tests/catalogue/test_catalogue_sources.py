"""The source register and the labelling rule: every label rests on a registered source that supports it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from eipassess.catalogue import criteria_root, load_catalogue
from eipassess.catalogue.check import check_path
from eipassess.catalogue.sources import DOC_BEGIN, DOC_END, load_register, markdown
from eipassess.cli.main import main
from eipassess.model import Catalogue

ROOT = Path(__file__).resolve().parents[2]
# Sources that report what an assessment against the framework found (named gaps, named features).
ASSESSMENTS = {"EU4ENV-BY-2020", "EU4ENV-MD", "MDPI-50"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The built-in framework."""
    return load_catalogue()[0]


@pytest.fixture
def fw(tmp_path: Path) -> Path:
    """A writable copy of the built-in framework (it still reads the built-in register)."""
    shutil.copytree(criteria_root() / "eip-v2", tmp_path / "fw")
    return tmp_path / "fw"


def test_register_loads_clean_with_an_address_for_every_source() -> None:
    register, problems = load_register()
    assert problems == []
    assert len(register) >= 10
    for ref in register.values():
        assert re.match(r"https?://\S+$", ref.address), ref.id
        assert ref.citation and ref.read and ref.supports and ref.language, ref.id


def test_every_requirement_cites_registered_sources(catalogue: Catalogue) -> None:
    for r in catalogue.requirements:
        assert r.sources, f"{r.id} names no source id"
        assert all(s in catalogue.sources for s in r.sources), r.id


def test_topic_confirmed_rests_on_an_assessment_that_names_the_topic(catalogue: Catalogue) -> None:
    confirmed = [r for r in catalogue.requirements if r.provenance == "topic_confirmed"]
    assert confirmed
    for r in confirmed:
        backing = [s for s in r.sources if r.topic in catalogue.sources[s].supports]
        assert backing, f"{r.id}: no cited source supports {r.topic!r}"
        # The framework's abstract and national rules name no specific international requirement.
        assert set(backing) & ASSESSMENTS, f"{r.id} rests only on {backing}"
        assert "sub-category" not in r.source.lower() or "assessment" in r.source.lower(), r.id


def test_labels_built_on_names_or_national_law_are_inferred(catalogue: Catalogue) -> None:
    # The audit's two bases that no source supports: a sub-category name, and "national law is a prerequisite".
    for r in catalogue.requirements:
        text = r.source.lower()
        if "sub-category name" in text or "national law" in text:
            assert r.provenance == "inferred", r.id


def test_the_ten_assessment_topics_are_the_only_confirmed_ones(catalogue: Catalogue) -> None:
    confirmed = {r.id for r in catalogue.requirements if r.provenance != "inferred"}
    assert confirmed == {"PM-P1", "PM-P3", "PM-05", "PM-06", "PM-07", "PM-08", "ENV-01", "ENV-04", "ENV-10", "ENV-12"}


def test_docs_list_every_source_as_generated_from_the_register() -> None:
    register, _ = load_register()
    doc = (ROOT / "docs" / "criteria.md").read_text(encoding="utf-8")
    block = doc[doc.index(DOC_BEGIN) : doc.index(DOC_END) + len(DOC_END)]
    assert block == markdown(register), "regenerate the table: python -c 'from eipassess.catalogue.sources import ...'"
    for ref in register.values():
        assert ref.address in doc, ref.id


def test_readme_points_to_the_sources_in_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/criteria.md#sources" in readme


def _replace_in(path: Path, rid: str, key: str, new: str) -> int:
    """Replace the line of provenance ``key`` of requirement ``rid`` by ``new``; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {rid}\n")
    for n in range(start, len(lines)):
        if lines[n].startswith(f"      {key}:"):
            lines[n] = new + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return n + 1
    raise AssertionError(f"{key} not found for {rid}")


def test_a_confirmed_label_its_sources_do_not_support_fails_the_check(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "environmental.yaml"
    line = _replace_in(path, "ENV-12", "sources", "      sources: [OKR-V2]")
    assert main(["criteria", "check", str(fw)]) == 2
    err = capsys.readouterr().err
    assert (
        f"{path}:{line + 1}: requirements[" in err
        and ".provenance.topic: expected a topic one of the cited sources (OKR-V2)" in err
    )
    assert "found 'water_saving_plan'" in err


def test_an_unknown_source_id_fails_the_check_with_file_and_line(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "social.yaml"
    line = _replace_in(path, "SOC-03", "sources", "      sources: [OKR-V2, NO-SUCH-SOURCE]")
    assert main(["criteria", "check", str(fw)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{line}: " in err
    assert "provenance.sources[1]: expected a source id of the register (criteria/sources.yaml), found 'NO-SUCH-SOURCE'" in err


def _relabel(path: Path, rid: str, old: str, new: str) -> None:
    """Replace the first ``old`` after requirement ``rid``'s id by ``new``."""
    text = path.read_text(encoding="utf-8")
    cut = text.index(old, text.index(f"  - id: {rid}"))
    path.write_text(text[:cut] + new + text[cut + len(old) :], encoding="utf-8")


def test_verified_needs_an_official_text(fw: Path) -> None:
    _relabel(fw / "requirements" / "environmental.yaml", "ENV-12", "status: topic_confirmed", "status: verified")
    problems, _, _ = check_path(str(fw))
    bad = [p for p in problems if p.field.endswith("provenance.status")]
    assert len(bad) == 1 and not bad[0].warning
    assert "official text" in bad[0].expected


def test_a_parameter_cannot_claim_more_than_its_sources(fw: Path) -> None:
    _relabel(fw / "requirements" / "environmental.yaml", "ENV-23", "provenance: inferred", "provenance: topic_confirmed")
    problems, _, _ = check_path(str(fw))
    assert any(p.field.endswith("rule.params.threshold.sources") and not p.warning for p in problems), [str(p) for p in problems]


def test_a_framework_without_any_source_ids_only_gets_warnings(tmp_path: Path) -> None:
    fixture = ROOT / "tests" / "reports" / "fixtures" / "fw"
    problems, _, summary = check_path(str(fixture))
    assert problems and all(p.warning for p in problems)
    assert "valid" in summary
    load_catalogue(str(fixture))  # loading for an assessment stays silent and works


@pytest.mark.parametrize("path", sorted((criteria_root() / "profiles").glob("*.yaml")), ids=lambda p: p.stem)
def test_profile_labels_rest_on_supporting_sources(path: Path) -> None:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    register, _ = load_register()
    own = {s["id"]: s for s in spec.get("sources", [])}
    for key, override in (spec.get("parameters") or {}).items():
        status = override.get("provenance", "verified")
        if status == "inferred":
            continue
        supports = {t for sid in override["sources"] for t in (own[sid]["supports"] if sid in own else register[sid].supports)}
        assert override["topic"] in supports, key
        if status == "verified":
            assert any(own.get(sid, {}).get("official") for sid in override["sources"]), key
