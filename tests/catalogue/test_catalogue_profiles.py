"""Built-in tailoring profiles and the version mapping table: each loads and does what it says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from eipassess.catalogue import criteria_root, load_catalogue
from eipassess.catalogue.check import check_path
from eipassess.model import Catalogue

PROFILES = sorted((criteria_root() / "profiles").glob("*.yaml"))
MAPPINGS = sorted((criteria_root() / "mappings").glob("*.yaml"))


@pytest.fixture(scope="module")
def base() -> Catalogue:
    """The built-in framework without tailoring."""
    return load_catalogue()[0]


def raw(path: Path) -> Any:
    """A YAML file as plain data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_two_documented_profiles_ship() -> None:
    assert {p.stem for p in PROFILES} >= {"vn-decree-82", "confirmed-example"}


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_profile_checks_clean(path: Path) -> None:
    problems, missing, summary = check_path(str(path))
    assert [str(p) for p in problems] == []
    assert missing == []
    assert f"profile {raw(path)['id']} valid" in summary


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_profile_changes_what_it_says(path: Path, base: Catalogue) -> None:
    spec = raw(path)
    cat, warnings = load_catalogue(profile=str(path))
    assert warnings == []
    assert cat.profile_id == spec["id"]
    assert cat.checksum != base.checksum
    ids = {r.id for r in cat.requirements}
    base_ids = {r.id for r in base.requirements}
    added = {a["id"] for a in spec.get("add", [])}
    dropped = set(spec.get("drop", []))
    assert ids == (base_ids - dropped) | added
    for key, override in (spec.get("parameters") or {}).items():
        rid, _, name = key.rpartition(".")
        param = cat.requirement(rid).rule.params[name]
        assert param.value == override["value"], key
        assert param.provenance == override.get("provenance", "verified"), key
        assert param.source == spec["id"], key
        assert param.confirmed == (param.provenance == "verified"), key
    for key in spec.get("parameters") or {}:
        assert any(change.startswith(key + " = ") for change in cat.profile_changes), key
    assert len(cat.profile_changes) == len(spec.get("parameters") or {}) + len(added) + len(dropped) + len(
        spec.get("weights") or {}
    ) + len(spec.get("retype") or {})
    untouched = base_ids - dropped - {k.rpartition(".")[0] for k in spec.get("parameters") or {}}
    for rid in untouched:
        assert cat.requirement(rid).rule.params == base.requirement(rid).rule.params, rid


def test_vietnam_profile_claims_no_more_than_its_summaries(base: Catalogue) -> None:
    # The Decrees' figures were read in summaries (register: VN-DECREE-82, VN-DECREE-35), not in the
    # Decrees' text, so none may be verified (confirmed) and each must cite the Decree it comes from.
    cat, _ = load_catalogue(profile="vn-decree-82")
    mine = [(r, p) for r in cat.requirements for p in r.rule.params.values() if p.source == "vn-decree-82"]
    assert mine
    for r, p in mine:
        assert p.provenance == "topic_confirmed" and not p.confirmed, (r.id, p.name)
        assert p.sources and all(s.startswith("VN-DECREE-") for s in p.sources), (r.id, p.name)
    assert all(r.provenance != "verified" for r in cat.requirements)


def test_vietnam_basic_services_are_the_decree_list_not_ours(base: Catalogue) -> None:
    # PM-01's six services are our list; the Decree's list names information/telecom, which ours lacks.
    cat, _ = load_catalogue(profile="vn-decree-82")
    assert "PM-01" not in {r.id for r in cat.requirements}
    services = cat.requirement("VN-02")
    items = {i["id"] for i in services.rule.settings["items"]}
    assert "information" in items and "information" not in {i["id"] for i in base.requirement("PM-01").rule.settings["items"]}
    assert services.rule.value("min_items") == len(items)
    land = cat.requirement("VN-01")
    assert land.rule.kind == "threshold" and land.rule.value("threshold") == 25


def test_vietnam_profile_figures_are_the_ones_its_sources_support() -> None:
    register = load_catalogue()[0].sources
    spec = raw(criteria_root() / "profiles" / "vn-decree-82.yaml")
    for key, override in spec["parameters"].items():
        assert "Decree 82/2018" in override["note"], key
        assert override["topic"] in register["VN-DECREE-82"].supports, key


def test_example_profile_is_marked_as_an_example() -> None:
    path = criteria_root() / "profiles" / "confirmed-example.yaml"
    text = path.read_text(encoding="utf-8")
    spec = raw(path)
    assert text.startswith("# EXAMPLE ONLY")
    assert spec["title"]["en"].startswith("EXAMPLE")
    assert spec["title"]["ru"].startswith("ПРИМЕР")
    for override in spec["parameters"].values():
        assert "EXAMPLE" in override["note"]


@pytest.mark.parametrize("path", MAPPINGS, ids=lambda p: p.stem)
def test_mapping_table_is_well_formed(path: Path, base: Catalogue) -> None:
    entries = raw(path)
    assert isinstance(entries, list) and entries
    ids = {r.id for r in base.requirements}
    seen: set[str] = set()
    for entry in entries:
        assert set(entry) == {"from", "to", "note"}, entry
        assert entry["from"] not in seen, entry["from"]
        seen.add(entry["from"])
        assert entry["from"].startswith("V1-"), entry["from"]
        assert isinstance(entry["to"], list), entry["from"]
        assert all(t in ids for t in entry["to"]), entry
        assert entry["note"].strip(), entry["from"]


def test_mapping_table_records_splits_and_a_removal() -> None:
    entries = raw(criteria_root() / "mappings" / "eip-v1-to-v2.yaml")
    assert any(len(e["to"]) > 1 for e in entries)
    assert any(e["to"] == [] for e in entries)
    # Every assumed correspondence says so.
    for e in entries:
        assert "assumed" in e["note"] or "assessment" in e["note"], e["from"]


def test_mapping_marks_the_v1_side_as_our_reconstruction_without_an_item_count() -> None:
    # The only verified v1.0 count is the 51 items UNIDO assessed (MDPI-50); our labels are not v1.0's items.
    text = (criteria_root() / "mappings" / "eip-v1-to-v2.yaml").read_text(encoding="utf-8")
    header = text[: text.index("- from:")]
    assert "reconstruction" in header and "51" in header and "MDPI-50" in header
    assert not re.search(r"\b5[0-9] (v1\.0 )?(items|requirements)\b", header.replace("51 items", ""))
