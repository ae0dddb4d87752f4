"""The shipped JSON Schemas validate real output: the sample sites' results and their comparison."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eipassess.cli.main import main
from eipassess.history.compare import CHANGES

SAMPLES = Path(__file__).parents[2] / "sample_sites"


def schema(name: str) -> jsonschema.Draft202012Validator:
    """Load a schema from the installed package, as a user of the wheel would."""
    doc = json.loads((files("eipassess") / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(doc)
    return jsonschema.Draft202012Validator(doc)


def run_json(capsys: Any, *args: Any) -> Any:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample sites' results written by ``assess --output``: every round of both sites."""
    out = tmp_path_factory.mktemp("results")
    paths = {}
    for site, rnd in (("fez-minsk", "2021-07"), ("fez-minsk", "2023-06"), ("fez-mogilev", "2020")):
        path = out / f"{site}-{rnd}.json"
        assert (
            main(["assess", str(SAMPLES / site), "--round", rnd, "--no-record", "--format", "json", "--output", str(path)]) == 0
        )
        paths[f"{site}/{rnd}"] = path
    return paths


def test_results_match_the_result_schema(results: dict[str, Path], capsys: Any) -> None:
    capsys.readouterr()
    v = schema("result.schema.json")
    for name, path in results.items():
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(json.loads(path.read_text()))]
        assert not errors, f"{name}: " + "; ".join(errors[:5])


def test_comparison_matches_the_compare_schema(results: dict[str, Path], capsys: Any, tmp_path: Path) -> None:
    capsys.readouterr()
    v = schema("compare.schema.json")
    by_files = run_json(capsys, "compare", results["fez-minsk/2021-07"], results["fez-minsk/2023-06"], "--format", "json")
    by_store = run_json(
        capsys,
        "compare",
        SAMPLES / "fez-minsk",
        "--from",
        "2021-07",
        "--to",
        "2023-06",
        "--format",
        "json",
        "--db",
        tmp_path / "h.sqlite",
    )
    for c in (by_files, by_store):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(c)]
        assert not errors, "; ".join(errors[:5])
        assert sum(c["counts"].values()) == len(c["requirements"])
        assert all(c["counts"][k] == sum(r["change"] == k for r in c["requirements"]) for k in CHANGES)
    assert by_files["requirements"] == by_store["requirements"]


def test_the_schemas_can_fail(results: dict[str, Path], capsys: Any) -> None:
    """A percentage out of 0-100, an unknown change class or a share above 1 is rejected."""
    capsys.readouterr()
    c = run_json(capsys, "compare", results["fez-minsk/2021-07"], results["fez-minsk/2023-06"], "--format", "json")
    v = schema("compare.schema.json")
    assert v.is_valid(c)
    bad = json.loads(json.dumps(c))
    bad["scores"]["overall"]["to"]["pc"] = 0.69 * 1000
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(c))
    bad["requirements"][0]["change"] = "improved_still_open"
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(c))
    row = next(r for r in bad["requirements"] if r["survey"] and "share" in (r["survey"]["to"] or {}))
    row["survey"]["to"]["share"] = 47
    assert not v.is_valid(bad)


def test_compare_schema_lists_the_change_classes() -> None:
    doc = json.loads((files("eipassess") / "schemas" / "compare.schema.json").read_text(encoding="utf-8"))
    assert doc["$defs"]["row"]["properties"]["change"]["enum"] == list(CHANGES)
    assert doc["properties"]["counts"]["required"] == list(CHANGES)


def test_comparison_with_added_removed_and_park_figures_matches(results: dict[str, Path]) -> None:
    """Rows present on one side only (null sides), a mapping-table pair and a park figure also fit the schema."""
    from eipassess.history.compare import Rename, compare

    old = json.loads(results["fez-minsk/2021-07"].read_text())
    new = json.loads(results["fez-minsk/2023-06"].read_text())
    for r in new["requirements"]:
        if r["id"] == "SOC-10":
            r["id"] = "SOC-10a"
        if r["id"] == "ECO-09":
            r["id"] = "ECO-09b"
        if r["id"] == "ENV-07":
            r["current"]["values"] = {"source": "park", "value": 6.5, "threshold": 10.0, "unit": "%", "direction": "at_least"}
    c = compare(old, new, [Rename("SOC-10", ("SOC-10a",), "split in v2.1")])
    assert c["unmatched"] == {"removed": ["ECO-09"], "added": ["ECO-09b"]}
    assert any(r["from"] is None for r in c["requirements"]) and any(r["to"] is None for r in c["requirements"])
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema("compare.schema.json").iter_errors(c)]
    assert not errors, "; ".join(errors[:5])
