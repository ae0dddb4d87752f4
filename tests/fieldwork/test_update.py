"""Import into an existing round: refused without --update; with it, a difference, a confirmation and a backup."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from .conftest import cli, find, park_sheet, tenant_sheet


@pytest.fixture
def edited(site: Path, tmp_path: Path, capsys: Any) -> Path:
    """A workbook of round 2021-07 with one answer and one firm changed."""
    path = tmp_path / "w.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    wb = openpyxl.load_workbook(path)
    find(park_sheet(wb), "PM-P1", "answer").value = "partly"
    tenant_sheet(wb)["D4"] = 55  # F2 employees 50 -> 55
    wb.save(path)
    return path


def test_existing_round_needs_update(site: Path, edited: Path, capsys: Any) -> None:
    rdir = site / "rounds" / "2021-07"
    before = {p.name: p.read_bytes() for p in rdir.iterdir()}
    code, _, err = cli(capsys, "import", edited, site, "--round", "2021-07")
    assert code == 2 and "--update" in err
    assert {p.name: p.read_bytes() for p in rdir.iterdir()} == before


def test_update_shows_difference_and_keeps_backup(site: Path, edited: Path, capsys: Any) -> None:
    rdir = site / "rounds" / "2021-07"
    old_answers, old_tenants = (rdir / "answers.yaml").read_bytes(), (rdir / "tenants.csv").read_bytes()
    code, out, err = cli(capsys, "import", edited, site, "--round", "2021-07", "--update", "--yes")
    assert code == 0, err
    assert "PM-P1 value: yes -> partly" in out
    assert "tenant F2 employees: 50 -> 55" in out
    assert "ENV-10" not in out  # unchanged answers are not listed
    backups = list((rdir / "backups").iterdir())
    assert len(backups) == 1
    assert (backups[0] / "answers.yaml").read_bytes() == old_answers
    assert (backups[0] / "tenants.csv").read_bytes() == old_tenants
    data = yaml.safe_load((rdir / "answers.yaml").read_text(encoding="utf-8"))
    assert data["answers"]["PM-P1"] == "partly"
    # the same workbook again: nothing to change, nothing written, no new backup
    code, out, _ = cli(capsys, "import", edited, site, "--round", "2021-07", "--update", "--yes")
    assert code == 0 and "no changes" in out and len(list((rdir / "backups").iterdir())) == 1


def test_update_asks_and_respects_no(site: Path, edited: Path, capsys: Any, monkeypatch: Any) -> None:
    rdir = site / "rounds" / "2021-07"
    before = (rdir / "answers.yaml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _, err = cli(capsys, "import", edited, site, "--round", "2021-07", "--update")
    assert code == 2 and "--yes" in err  # no terminal to ask
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    code, out, _ = cli(capsys, "import", edited, site, "--round", "2021-07", "--update")
    assert code == 0 and "Nothing written" in out
    assert (rdir / "answers.yaml").read_bytes() == before and not (rdir / "backups").exists()


def test_update_replaces_xlsx_survey(site: Path, tmp_path: Path, capsys: Any) -> None:
    """A round whose survey was a workbook gets tenants.csv; the old file moves to the backup, not shadowing it."""
    rdir = site / "rounds" / "2021-07"
    wb = openpyxl.Workbook()
    for line in (rdir / "tenants.csv").read_text().splitlines():
        wb.active.append(line.split(","))
    wb.save(rdir / "tenants.xlsx")
    (rdir / "tenants.csv").unlink()
    path = tmp_path / "w.xlsx"
    assert cli(capsys, "template", site, "--round", "2021-07", "--out", path)[0] == 0
    wb = openpyxl.load_workbook(path)
    find(park_sheet(wb), "PM-P1", "answer").value = "no"
    wb.save(path)
    code, _, err = cli(capsys, "import", path, site, "--round", "2021-07", "--update", "--yes")
    assert code == 0, err
    assert (rdir / "tenants.csv").is_file() and not (rdir / "tenants.xlsx").exists()
    assert (next((rdir / "backups").iterdir()) / "tenants.xlsx").is_file()
