"""The Actions sheet: a round's action plan written by ``template`` and read back by ``import``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from eipassess.catalogue import load_catalogue
from eipassess.site.actions import load_actions

from .conftest import cli

SAMPLE = Path(__file__).resolve().parents[2] / "sample_sites" / "fez-minsk"
ROUND = "2023-06"


@pytest.fixture
def minsk(tmp_path: Path) -> Path:
    """A copy of the FEZ "Minsk" sample site."""
    folder = tmp_path / "minsk"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture(scope="module")
def known() -> set[str]:
    """Requirement ids of the built-in criteria (the sample's)."""
    return {r.id for r in load_catalogue("eip-v2")[0].requirements}


def _template(capsys: Any, site: Path, out: Path, *extra: str) -> Path:
    code, _, err = cli(capsys, "template", site, "--round", *extra, "--out", out)
    assert code == 0, err
    return out


def _cell(ws: Any, row: int, column: str) -> Any:
    """Return the cell of ``column`` (a column id of header row 2) in ``row``."""
    names = [c.value for c in ws[2]]
    return ws.cell(row, names.index(column) + 1)


def test_round_trip_gives_an_equal_plan(minsk: Path, tmp_path: Path, capsys: Any, known: set[str]) -> None:
    rdir = minsk / "rounds" / ROUND
    original, _ = load_actions(rdir / "actions.yaml", known)
    book = _template(capsys, minsk, tmp_path / "q.xlsx", "2025-01", "--from", ROUND)
    wb = openpyxl.load_workbook(book)
    assert wb["Actions"].max_row == 2 + len(original) and len(original) > 3
    wb["Park"]["C2"] = "2025-01-20"  # a new round needs its date
    wb.save(book)
    code, _, err = cli(capsys, "import", book, minsk, "--round", "2025-01")
    assert code == 0, err
    written, _ = load_actions(minsk / "rounds" / "2025-01" / "actions.yaml", known)
    assert written == original


def test_russian_workbook_has_russian_labels(minsk: Path, tmp_path: Path, capsys: Any) -> None:
    book = _template(capsys, minsk, tmp_path / "q.xlsx", ROUND, "--lang", "ru")
    ws = openpyxl.load_workbook(book)["Actions"]
    assert "Код мероприятия" in str(ws["A1"].value) and ws["A2"].value == "id"


def test_bad_cells_named_all_at_once(minsk: Path, tmp_path: Path, capsys: Any) -> None:
    rdir = minsk / "rounds" / ROUND
    before = (rdir / "actions.yaml").read_bytes()
    book = _template(capsys, minsk, tmp_path / "q.xlsx", ROUND)
    wb = openpyxl.load_workbook(book)
    ws = wb["Actions"]
    _cell(ws, 3, "status").value = "finished"
    _cell(ws, 4, "due").value = "2020-01-01"  # before its start
    _cell(ws, 5, "requirements").value = "ENV-09, NOPE-1"
    wb.save(book)
    code, _, err = cli(capsys, "import", book, minsk, "--round", ROUND, "--update", "--yes")
    assert code == 2
    for cell in ("M3", "H4", "D5"):
        assert f"Actions!{cell}" in err, err
    assert "finished" in err and "NOPE-1" in err
    assert (rdir / "actions.yaml").read_bytes() == before


def test_unchanged_workbook_writes_nothing(minsk: Path, tmp_path: Path, capsys: Any) -> None:
    rdir = minsk / "rounds" / ROUND
    before = {p.name: p.read_bytes() for p in rdir.iterdir()}
    book = _template(capsys, minsk, tmp_path / "q.xlsx", ROUND)
    code, out, err = cli(capsys, "import", book, minsk, "--round", ROUND, "--update", "--yes")
    assert code == 0, err
    assert "no changes" in out
    assert {p.name: p.read_bytes() for p in rdir.iterdir()} == before


def test_changed_status_is_shown_backed_up_and_written(minsk: Path, tmp_path: Path, capsys: Any, known: set[str]) -> None:
    rdir = minsk / "rounds" / ROUND
    old = (rdir / "actions.yaml").read_bytes()
    book = _template(capsys, minsk, tmp_path / "q.xlsx", ROUND)
    wb = openpyxl.load_workbook(book)
    ws = wb["Actions"]
    aid = _cell(ws, 3, "id").value
    _cell(ws, 3, "status").value = "dropped"
    _cell(ws, 3, "organisation").value = "=HYPERLINK(1)"
    wb.save(book)
    code, out, err = cli(capsys, "import", book, minsk, "--round", ROUND, "--update", "--yes")
    assert code == 0, err
    assert f"actions.yaml {aid} status: in_progress -> dropped" in out
    actions, _ = load_actions(rdir / "actions.yaml", known)
    assert actions[0].status == "dropped" and not actions[0].organisation.startswith("=")
    assert [p.read_bytes() for p in (rdir / "backups").glob("*/actions.yaml")] == [old]


def test_workbook_without_actions_sheet_leaves_plan_alone(minsk: Path, tmp_path: Path, capsys: Any) -> None:
    rdir = minsk / "rounds" / ROUND
    before = (rdir / "actions.yaml").read_bytes()
    book = _template(capsys, minsk, tmp_path / "q.xlsx", ROUND)
    wb = openpyxl.load_workbook(book)
    del wb["Actions"]
    wb.save(book)
    code, out, err = cli(capsys, "import", book, minsk, "--round", ROUND, "--update", "--yes")
    assert code == 0, err
    assert "actions.yaml" not in out
    assert (rdir / "actions.yaml").read_bytes() == before
