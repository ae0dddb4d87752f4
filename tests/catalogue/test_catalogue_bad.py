"""Broken copies of the catalogue: each mistake is named by file, line and field, all of a file at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from eipassess.catalogue import criteria_root
from eipassess.catalogue.check import check_path
from eipassess.cli.main import main
from eipassess.errors import Problem


@pytest.fixture
def fw(tmp_path: Path) -> Path:
    """A writable copy of the built-in framework."""
    shutil.copytree(criteria_root() / "eip-v2", tmp_path / "fw")
    return tmp_path / "fw"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of ``old`` in ``path`` by ``new``; return the line where it starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    start = text.index(old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:start].count("\n") + 1


def index_of(path: Path, rid: str) -> int:
    """The position of requirement ``rid`` in its file's list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [r["id"] for r in data["requirements"]].index(rid)


def only(problems: list[Problem], **where: object) -> Problem:
    """The single problem matching every given attribute."""
    found = [p for p in problems if all(getattr(p, k) == v for k, v in where.items())]
    assert len(found) == 1, f"{where} in {[str(p) for p in problems]}"
    return found[0]


def test_unknown_rule_kind(fw: Path) -> None:
    path = fw / "requirements" / "economic.yaml"
    i = index_of(path, "ECO-01")
    line = edit(
        path,
        "      kind: yes_no\n    actors: [park_management, tenants]\n    guidance:\n      en: Ask for the latest employment",
        "      kind: yes-or-no\n    actors: [park_management, tenants]\n    guidance:\n      en: Ask for the latest employment",
    )
    problems, _, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].rule.kind")
    assert (p.file, p.line, p.warning) == (str(path), line, False)
    assert p.found == "'yes-or-no'"
    assert "a rule kind:" in p.expected and "tenant_share" in p.expected


@pytest.mark.parametrize(
    ("file", "rid", "old", "new", "expected", "found"),
    [
        ("economic.yaml", "ECO-04", "min_share: {default: 0.5,", 'min_share: {default: "80%",', "write 0.8, not 80%)", "'80%'"),
        ("social.yaml", "SOC-06", "min_share: {default: 0.6,", "min_share: {default: 60,", "write 0.8, not 80)", "60"),
    ],
    ids=["percent-text", "above-one"],
)
def test_share_written_as_a_percentage(fw: Path, file: str, rid: str, old: str, new: str, expected: str, found: str) -> None:
    path = fw / "requirements" / file
    i = index_of(path, rid)
    line = edit(path, old, new)
    problems, _, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].rule.params.min_share.default")
    assert (p.file, p.line, p.warning) == (str(path), line, False)
    assert p.expected == "a share from 0 to 1 (" + expected
    assert p.found == found


def test_missing_russian_is_only_a_translation_note(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "social.yaml"
    edit(path, "      ru: Работникам доступна базовая социальная инфраструктура\n", "")
    problems, missing, summary = check_path(str(fw))
    assert problems == []
    assert missing == ["missing translation (ru): SOC-03.title"]
    assert "valid" in summary
    assert main(["criteria", "check", str(fw)]) == 0
    out = capsys.readouterr().out
    assert "missing translation (ru): SOC-03.title" in out


def test_unknown_key_warns_with_its_line(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "social.yaml"
    i = index_of(path, "SOC-08")
    line = edit(path, "  - id: SOC-08\n", "  - id: SOC-08\n    colour: green\n") + 1
    problems, missing, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].colour")
    assert (p.file, p.line, p.warning, p.found) == (str(path), line, True, "'colour'")
    assert p.expected.startswith("a known key (")
    assert missing == []
    assert main(["criteria", "check", str(fw)]) == 0
    assert f"{path}:{line}: requirements[{i}].colour: warning: expected a known key" in capsys.readouterr().out


def test_duplicate_id_across_files(fw: Path) -> None:
    social = fw / "requirements" / "social.yaml"
    economic = fw / "requirements" / "economic.yaml"
    first = edit(social, "  - id: SOC-03\n", "  - id: SOC-03\n")
    i = index_of(economic, "ECO-06")
    line = edit(economic, "  - id: ECO-06\n", "  - id: SOC-03\n")
    problems, _, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].id")
    assert (p.file, p.line) == (str(economic), line)
    assert p.expected == "a requirement id used once"
    assert p.found == f"'SOC-03', also in {social}:{first}"


def test_subcategory_of_another_category(fw: Path) -> None:
    path = fw / "requirements" / "economic.yaml"
    i = index_of(path, "ECO-07")
    line = edit(path, "  - id: ECO-07\n    subcategory: eco_value\n", "  - id: ECO-07\n    subcategory: soc_community\n") + 1
    problems, _, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].subcategory")
    assert (p.file, p.line, p.found) == (str(path), line, "'soc_community'")
    assert p.expected == "a sub-category of economic (eco_employment, eco_local_business, eco_value)"


SUBCATEGORY = ("  - id: ECO-07\n    subcategory: eco_value\n", "  - id: ECO-07\n    subcategory: nowhere\n", 1)
KIND = (
    "      kind: checklist\n      items:\n        - {id: advisory",
    "      kind: tick-list\n      items:\n        - {id: advisory",
    0,
)
SHARE = ("min_share: {default: 0.5,", "min_share: {default: 1.5,", 0)
LEVEL = (
    "    level: park\n    title:\n      en: The park creates jobs",
    "    level: district\n    title:\n      en: The park creates jobs",
    0,
)
TYPE = (
    "    type: performance\n    level: park\n    title:\n      en: The park's industrial land",
    "    type: optional\n    level: park\n    title:\n      en: The park's industrial land",
    0,
)
NO_ACTORS = ("    actors: [park_management, utility]\n", "    actors: []\n", 0)


def break_file(path: Path, *cases: tuple[str, str, int]) -> set[int]:
    """Apply each (old, new, offset) edit to ``path``; return the lines where the errors are expected."""
    return {edit(path, old, new) + offset for old, new, offset in cases}


def errors_in(fw: Path, path: Path) -> set[int]:
    """The lines of the errors ``criteria check`` reports in ``path``."""
    problems, _, _ = check_path(str(fw))
    return {p.line for p in problems if not p.warning and p.file == str(path) and p.line is not None}


def test_every_rule_error_of_a_file_in_one_run(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "economic.yaml"
    lines = break_file(path, SUBCATEGORY, KIND, SHARE)
    assert errors_in(fw, path) == lines
    assert main(["criteria", "check", str(fw)]) == 2
    err = capsys.readouterr().err
    for line in lines:
        assert f"{path}:{line}: " in err
    assert err.rstrip().endswith("eipassess: 3 errors found.")


def test_every_schema_error_of_a_file_in_one_run(fw: Path) -> None:
    path = fw / "requirements" / "economic.yaml"
    lines = break_file(path, LEVEL, TYPE, NO_ACTORS)
    assert errors_in(fw, path) == lines


def test_errors_in_several_files_in_one_run(fw: Path) -> None:
    economic = fw / "requirements" / "economic.yaml"
    social = fw / "requirements" / "social.yaml"
    eco_lines = break_file(economic, SUBCATEGORY, KIND)
    soc_line = edit(social, "min_share: {default: 0.6,", "min_share: {default: 60,")
    assert errors_in(fw, economic) == eco_lines
    assert errors_in(fw, social) == {soc_line}


def test_schema_and_rule_errors_of_a_file_in_one_run(fw: Path) -> None:
    path = fw / "requirements" / "economic.yaml"
    lines = break_file(path, LEVEL, SUBCATEGORY, KIND)
    assert errors_in(fw, path) == lines


def test_cli_prints_file_line_field_expected_found(fw: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = fw / "requirements" / "economic.yaml"
    i = index_of(path, "ECO-07")
    line = edit(path, "  - id: ECO-07\n    subcategory: eco_value\n", "  - id: ECO-07\n    subcategory: soc_community\n") + 1
    assert main(["criteria", "check", str(fw)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:{line}: requirements[{i}].subcategory: expected a sub-category of economic "
        "(eco_employment, eco_local_business, eco_value), found 'soc_community'",
        "eipassess: 1 error found.",
    ]


def write_profile(tmp_path: Path, body: str) -> Path:
    """Write a profile file extending the built-in framework."""
    path = tmp_path / "tailored.yaml"
    path.write_text("id: tailored\ntitle: {en: Tailored, ru: Адаптированный}\nextends: eip-v2\n" + body, encoding="utf-8")
    return path


def test_profile_dropping_an_unknown_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_profile(tmp_path, "drop:\n  - ECO-01\n  - ECO-99\n")
    problems, _, _ = check_path(str(path))
    p = only(problems, field="drop[1]")
    assert (p.file, p.line, p.warning) == (str(path), 6, False)
    assert p.expected == "a requirement id of the base"
    assert p.found == "'ECO-99'"
    assert main(["criteria", "check", str(path)]) == 2
    assert f"{path}:6: drop[1]: expected a requirement id of the base, found 'ECO-99'" in capsys.readouterr().err


def test_profile_errors_all_at_once(tmp_path: Path) -> None:
    path = write_profile(
        tmp_path,
        "drop: [XX-01]\n"
        "parameters:\n"
        "  SOC-02.min_share: {value: '80%'}\n"
        "  SOC-99.threshold: {value: 3}\n"
        "  SOC-07.min_items: {value: 2}\n",
    )
    problems, _, _ = check_path(str(path))
    got = {(p.line, p.field) for p in problems}
    assert got == {
        (4, "drop[0]"),
        (6, "parameters.SOC-02.min_share.value"),
        (7, "parameters.SOC-99.threshold"),
        (8, "parameters.SOC-07.min_items"),
    }
    assert only(problems, line=6).found == "'80%'"
    assert only(problems, line=8).expected == "a parameter of threshold (threshold, partial, min_response_rate)"


def test_requirement_category_other_than_its_file(fw: Path) -> None:
    path = fw / "requirements" / "economic.yaml"
    i = index_of(path, "ECO-01")
    line = edit(path, "  - id: ECO-01\n", "  - id: ECO-01\n    category: nowhere\n") + 1
    problems, _, _ = check_path(str(fw))
    p = only(problems, field=f"requirements[{i}].category")
    assert (p.file, p.line, p.warning) == (str(path), line, False)
