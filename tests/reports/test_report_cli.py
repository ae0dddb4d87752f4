"""``eipassess report``: file names, atomic writes, keeping identical reports, refusing to replace different ones."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportkit import FIXTURE_SITE

from eipassess.cli.main import main
from eipassess.result import dumps


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A private copy of the fixture site and its framework."""
    root = tmp_path / "fx"
    shutil.copytree(FIXTURE_SITE.parent / "fw", root / "fw")
    shutil.copytree(FIXTURE_SITE, root / "fez-test")
    return root / "fez-test"


def test_report_writes_named_files_and_compares_with_previous_round(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["report", str(site), "--format", "html,json", "--lang", "en,ru", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["fez-test-2023-06-en.html", "fez-test-2023-06-ru.html", "fez-test-2023-06.json"]
    html = (out / "fez-test-2023-06-en.html").read_text(encoding="utf-8")
    assert "What changed since 2021-07" in html  # the previous round, found automatically
    assert json.loads((out / "fez-test-2023-06.json").read_text(encoding="utf-8"))["round"]["id"] == "2023-06"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    capsys.readouterr()
    assert main(["report", str(site), "--format", "html,json", "--lang", "en", "--out", str(out)]) == 0
    assert capsys.readouterr().out.count("unchanged:") == 2


def test_different_report_refused_then_forced(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["report", str(site), "--format", "html", "--out", str(out)]) == 0
    target = out / "fez-test-2023-06-en.html"
    before = target.read_bytes()
    args = ["report", str(site), "--format", "html", "--out", str(out), "--policy", "partial-half"]
    assert main(args) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main([*args, "--format", "json,html"]) == 2  # refused as a whole: the new JSON is not written either
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    assert main([*args, "--force"]) == 0
    assert target.read_bytes() != before


def test_round_and_compare_with(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["report", str(site), "--round", "2021-07", "--format", "html", "--out", str(out)]) == 0
    html = (out / "fez-test-2021-07-en.html").read_text(encoding="utf-8")
    assert "What changed since" not in html
    assert main(["report", str(site), "--compare-with", "2099-01", "--format", "html", "--out", str(out)]) == 2


def test_stored_result(site: Path, tmp_path: Path, fixture_records: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(dumps(fixture_records[0]), encoding="utf-8")
    new.write_text(dumps(fixture_records[1]), encoding="utf-8")
    out = tmp_path / "out"
    rc = main(
        ["report", "--result", str(new), "--compare-result", str(old), "--format", "pdf", "--lang", "ru", "--out", str(out)]
    )
    assert rc == 0
    assert (out / "fez-test-2023-06-ru.pdf").read_bytes().startswith(b"%PDF-")
    other = copy.deepcopy(fixture_records[0])
    other["site"]["id"] = "another-park"
    old.write_text(dumps(other), encoding="utf-8")
    assert main(["report", "--result", str(new), "--compare-result", str(old), "--format", "html", "--out", str(out)]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    assert main(["report", "--result", str(bad), "--out", str(out)]) == 2


def test_bad_format_list_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "x", "--format", "pdf,docx"])
    assert exc.value.code == 2
    assert "docx" in capsys.readouterr().err


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys; from eipassess.cli.main import build_parser; build_parser(); print(sorted(m for m in ('weasyprint', 'plotly', 'pandas') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
