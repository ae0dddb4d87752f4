"""Reports and the history store: a stored result re-renders byte for byte after the criteria changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eipassess.cli.main import main

CORE_FIXTURES = Path(__file__).parents[1] / "core" / "fixtures"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A writable copy of the small core test site and its mini framework."""
    shutil.copytree(CORE_FIXTURES / "mini-fw", tmp_path / "mini-fw")
    shutil.copytree(CORE_FIXTURES / "site-a", tmp_path / "site-a")
    return tmp_path / "site-a"


def test_stored_result_rerenders_identically_after_criteria_change(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report --from-history renders the stored record, not today's criteria, byte-identical to the first report."""
    assert main(["report", str(site), "--format", "html,json", "--out", str(tmp_path / "first")]) == 0
    first = (tmp_path / "first" / "test-park-2021-07-en.html").read_bytes()
    reqs = tmp_path / "mini-fw" / "requirements" / "social.yaml"
    reqs.write_text(
        reqs.read_text(encoding="utf-8").replace("Basic social infrastructure", "Renamed infrastructure"), encoding="utf-8"
    )

    assert main(["report", "test-park", "--from-history", "--format", "html", "--out", str(tmp_path / "again")]) == 0
    again = (tmp_path / "again" / "test-park-2021-07-en.html").read_bytes()
    assert again == first
    assert b"Basic social infrastructure" in again

    assert main(["report", str(site), "--format", "html", "--out", str(tmp_path / "fresh"), "--no-record"]) == 0
    fresh = (tmp_path / "fresh" / "test-park-2021-07-en.html").read_bytes()
    assert b"Renamed infrastructure" in fresh and fresh != first


def test_from_history_without_records_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Asking for stored results of a site the store does not hold exits 2 and says what to do."""
    assert main(["report", "nowhere-park", "--from-history"]) == 2
    assert "run 'eipassess assess' first" in capsys.readouterr().err


def test_assess_report_compares_with_stored_previous_round(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """assess --report records the round and writes a report that compares with the earlier stored round."""
    minsk = Path(__file__).parents[2] / "sample_sites" / "fez-minsk"
    assert main(["assess", str(minsk), "--round", "2021-07"]) == 0
    capsys.readouterr()
    out = tmp_path / "r"
    assert main(["assess", str(minsk), "--round", "2023-06", "--report", "html", "--out", str(out)]) == 0
    assert "written: " in capsys.readouterr().err
    html = (out / "fez-minsk-shabany-2023-06-en.html").read_text(encoding="utf-8")
    assert '<tr class="ch-regressed"><td data-label="Requirement"><span class="rid">SOC-10</span>' in html
