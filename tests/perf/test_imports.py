"""Imports only where used: light commands never load pandas, numpy, openpyxl, SQLAlchemy, WeasyPrint or plotly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MINSK = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
HEAVY = ("pandas", "numpy", "openpyxl", "sqlalchemy", "weasyprint", "plotly")

# Run the command line in a fresh interpreter, then write the heavy libraries it imported to a file.
PROBE = """
import json, sys
from eipassess.cli.main import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
heavy = [m for m in json.loads(sys.argv[1]) if m in sys.modules]
with open(__import__("os").environ["PROBE_OUT"], "w") as fh:
    json.dump({"code": code, "heavy": heavy}, fh)
"""


def imported(tmp_path: Path, *argv: str, watch: tuple[str, ...] = HEAVY) -> list[str]:
    """Return the libraries of ``watch`` a whole ``eipassess ARGV`` process imported (it must exit 0)."""
    out = tmp_path / "probe.json"
    env = {**os.environ, "PROBE_OUT": str(out), "EIPASSESS_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(watch), *argv], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(out.read_text(encoding="utf-8"))
    assert found["code"] in (0, None), proc.stderr
    return list(found["heavy"])


def test_help_imports_none(tmp_path: Path) -> None:
    assert imported(tmp_path, "--help") == []


@pytest.mark.parametrize("run", ["cold", "cached"])
def test_criteria_show_imports_none(tmp_path: Path, run: str) -> None:
    if run == "cached":
        imported(tmp_path, "criteria", "list")
        assert list((tmp_path / "cache").glob("*.json"))
    assert imported(tmp_path, "criteria", "show", "PM-01", "--lang", "ru") == []


def test_a_command_module_is_imported_only_when_it_runs(tmp_path: Path) -> None:
    code = (
        "import json, sys\nfrom eipassess.cli.main import main\nmain(['criteria', 'list'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('eipassess.cli.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    loaded = json.loads(out.strip().splitlines()[-1])
    assert "eipassess.cli.criteria" in loaded
    assert not {"eipassess.cli.assess", "eipassess.cli.report", "eipassess.cli.history", "eipassess.cli.template"} & set(loaded)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two stored result files of the sample site."""
    from eipassess.result import dumps, to_dict
    from eipassess.workflow import assess_site

    folder = tmp_path_factory.mktemp("results")
    paths = []
    for rid in ("2021-07", "2023-06"):
        path = folder / f"{rid}.json"
        path.write_text(dumps(to_dict(assess_site(MINSK, rid)[0])), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def test_compare_of_stored_results_imports_none(tmp_path: Path, results: tuple[Path, Path]) -> None:
    assert imported(tmp_path, "compare", str(results[0]), str(results[1])) == []


def test_report_json_of_a_stored_result_imports_none(tmp_path: Path, results: tuple[Path, Path]) -> None:
    assert imported(tmp_path, "report", "--result", str(results[0]), "--format", "json", "--out", str(tmp_path)) == []


def test_history_imports_none(tmp_path: Path) -> None:
    assert imported(tmp_path, "history", "fez-minsk") == []


def test_a_csv_round_needs_no_workbook_or_report_library(tmp_path: Path) -> None:
    heavy = imported(tmp_path, "assess", str(MINSK), "--round", "2021-07")
    assert "pandas" in heavy  # the survey engine, where a survey is read
    assert not {"openpyxl", "weasyprint", "plotly", "sqlalchemy"} & set(heavy)


def test_assess_with_the_catalogue_cached_needs_no_schema_library_or_worker_pool(tmp_path: Path) -> None:
    """The site's files are checked by site/spec.py; pydantic only validates a catalogue the cache does not hold."""
    watch = ("pydantic", "pydantic_core", "jsonschema", "multiprocessing", "sqlalchemy", "stdnum")  # pandas: concurrent.futures
    first = imported(tmp_path, "assess", str(MINSK), "--round", "2021-07", "--no-record", watch=watch)
    assert "pydantic" in first  # the cold run validates the criteria files: the probe sees the library
    assert list((tmp_path / "cache").glob("*.json"))
    assert imported(tmp_path, "assess", str(MINSK), "--round", "2021-07", "--no-record", watch=watch) == []


def test_version_imports_no_command_module(tmp_path: Path) -> None:
    """``eipassess --version`` prints the version without building any subcommand."""
    code = (
        "import json, sys\nfrom eipassess.cli.main import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('eipassess.cli.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    lines = out.strip().splitlines()
    assert lines[0].startswith("eipassess ") and json.loads(lines[-1]) == ["eipassess.cli.exitcodes", "eipassess.cli.main"]
