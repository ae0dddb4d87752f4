"""Hardening regressions for what the tool writes and reads back (issue 9): injection, result schema, faults, overwrites."""

from __future__ import annotations

import copy
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from eipassess import fsutil
from eipassess.cli.main import main

SITE_YAML = """id: out-park
name: {en: "Park \\e]0;owned\\a\\e[2J\\e]52;c;ZWNobyBoaQ==\\a", ru: Парк}
country: BY
operator: {en: Operator}
tenants_total: 3
framework: eip-v2
"""
ANSWERS = """date: 2024-01-15
assessor: A. Tester
answers:
  PM-P1: {value: yes, comment: "=HYPERLINK(\\"http://evil.invalid\\",\\"click\\")"}
  SOC-07: {value: 40, evidence: ["+cmd|' /C calc'!A0", "@SUM(1+1)"]}
"""
TENANTS = "firm_id,firm_name,sector,employees,women_employees\nF1,=1+2,food,10,4\nF2,Beta,-metal,20,5\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A one-round site whose texts carry formulas and terminal control sequences."""
    folder = tmp_path / "site"
    rdir = folder / "rounds" / "2024-01"
    rdir.mkdir(parents=True)
    (folder / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (rdir / "answers.yaml").write_text(ANSWERS, encoding="utf-8")
    (rdir / "tenants.csv").write_text(TENANTS, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: Any) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit code, stdout, stderr."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- class 4: injection into what the tool writes -------------------------------------------------------


def test_terminal_control_sequences_never_reach_the_terminal(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A site name with title-change, clear-screen and clipboard sequences is printed with visible escapes."""
    code, out, err = run(capsys, "assess", site, "--no-record")
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "Park \\u001b]0;owned\\u0007" in out


def test_workbook_and_csv_hold_no_live_formula(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The questionnaire keeps formula-like texts as quote-prefixed text; import writes them to CSV neutralised."""
    book = tmp_path / "q.xlsx"
    assert run(capsys, "template", site, "--round", "2024-01", "--out", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    risky = [c for c in cells if c.value.startswith(("=", "+", "@"))]
    assert len(risky) >= 3 and all(c.quotePrefix for c in risky)
    code, _, err = run(capsys, "import", book, site, "--round", "2024-02")
    assert code == 0, err
    rows = (site / "rounds" / "2024-02" / "tenants.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("F1,'=1+2,food,10,") and rows[2].startswith("F2,Beta,'-metal,20,")
    answers = yaml.safe_load((site / "rounds" / "2024-02" / "answers.yaml").read_text(encoding="utf-8"))
    assert answers["answers"]["PM-P1"]["comment"].startswith("=HYPERLINK")  # the text itself is kept exactly


def test_json_output_stays_valid_json_with_control_characters(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """C1 controls and bidi overrides in a name are escaped in a way that keeps --format json parseable and exact."""
    name = "Park \u009b2J \u202eevil"
    (site / "site.yaml").write_text(
        SITE_YAML.replace("Park \\e]0;owned", "Park \\u009b2J \\u202eevil \\e]0;owned"), encoding="utf-8"
    )
    code, out, err = run(capsys, "assess", site, "--no-record", "--format", "json")
    assert code == 0, err
    assert "\u009b" not in out and "\u202e" not in out and "\x1b" not in out
    assert json.loads(out)["site"]["name"]["en"].startswith(name)


def test_chart_labels_are_escaped() -> None:
    """A label with markup reaches plotly as text: no <a href> survives into the figure."""
    from eipassess.reports.html import bar_figure, trend_figure
    from eipassess.reports.viewtypes import ScoreRow, TrendRow

    evil = "<a href='javascript:alert(1)'>x</a>"
    bars = bar_figure([ScoreRow("c", evil, "1 of 2", "50", "100", "60", 50.0, 60.0, group=evil)], lambda k: k)  # type: ignore[arg-type]
    trend = trend_figure([TrendRow(evil, 50.0, "50")], lambda k: k)  # type: ignore[arg-type]
    text = json.dumps([bars, trend])
    assert "<a " not in text and "&lt;a href=" in text


# --- class 5: every JSON result read back is checked against the schema ------------------------------------


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    """A result record of a sample site, as the tool writes it."""
    from eipassess.result import to_dict
    from eipassess.workflow import assess_site

    return to_dict(assess_site(Path(__file__).parents[2] / "sample_sites" / "fez-minsk", "2023-06")[0])


@pytest.mark.parametrize(
    "tamper, where",
    [
        (lambda r: r["requirements"][3]["current"].update(verdict="maybe"), "$.requirements[3].current.verdict: expected one of"),
        (lambda r: r["scores"]["current"].pop("overall"), "$.scores.current.overall: expected a key 'overall'"),
        (lambda r: r["site"].update(id=7), "$.site.id: expected string, found 7"),
        (lambda r: r.update(requirements={}), "$.requirements: expected array"),
        (
            lambda r: r["scores"]["current"]["overall"].update(pc=float("inf")),
            "$.scores.current.overall.pc: expected a finite number",
        ),
    ],
)
def test_tampered_result_is_exit_2_naming_the_json_path(
    record: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: Any, where: str
) -> None:
    """compare, report --result and history import refuse a tampered result and name the JSON path."""
    bad = copy.deepcopy(record)
    tamper(bad)
    good, broken = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(record), encoding="utf-8")
    broken.write_text(json.dumps(bad), encoding="utf-8")  # json writes inf as Infinity: the reader must refuse it
    for args in (
        ["compare", good, broken],
        ["report", "--result", broken, "--out", tmp_path / "r", "--format", "json"],
        ["history", "import", broken, "--db", f"sqlite:///{tmp_path / 'h.sqlite'}"],
    ):
        code, _, err = run(capsys, *args)
        assert code == 2, (args, err)
        assert where in err and "Traceback" not in err, (args, err)
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())


def test_results_the_tool_writes_pass_the_schema(record: dict[str, Any]) -> None:
    """The schema accepts what the tool writes, and additional keys (the format grows additively)."""
    from eipassess.result import check_record

    grown = copy.deepcopy(record)
    grown["gate"]["provisional"] = ["ENV-07"]
    grown["new_section"] = {"anything": 1}
    assert check_record(grown, "x") is grown


# --- class 5 (environment) and 6: faults are exit 2 naming the path; sets are all or nothing ----------------


def test_out_and_output_that_cannot_be_written(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out that is a file, --output that is a folder, --db in a folder that cannot be created: exit 2 naming it."""
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "report", site, "--no-record", "--format", "json", "--out", a_file)
    assert code == 2 and str(a_file) in err and "folder" in err
    code, _, err = run(capsys, "assess", site, "--no-record", "--output", tmp_path)
    assert code == 2 and str(tmp_path) in err and "Traceback" not in err
    code, _, err = run(capsys, "report", site, "--no-record", "--format", "json", "--out", a_file / "sub")
    assert code == 2 and str(a_file) in err
    code, _, err = run(capsys, "assess", site, "--db", "sqlite:////proc/eipassess-no/history.sqlite")
    assert code == 2 and "Traceback" not in err and "/proc/eipassess-no" in err


def test_full_disk_leaves_no_half_report_set(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while the second file of a set is written leaves neither file, and no staging folder."""
    real, calls = fsutil._write_bytes, []

    def filling(fd: int, raw: bytes) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, raw)

    monkeypatch.setattr(fsutil, "_write_bytes", filling)
    out = tmp_path / "reports"
    code, _, err = run(capsys, "report", site, "--no-record", "--format", "json,html", "--lang", "en,ru", "--out", out)
    assert code == 2 and "disk is full" in err and str(out) in err
    assert list(out.iterdir()) == []


def test_write_set_is_all_or_nothing_when_a_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the second rename fails, the first target gets its old content back."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    real, n = os.replace, []

    def failing(src: Any, dst: Any) -> None:
        n.append(dst)
        if Path(dst) == b:
            raise OSError(errno.EIO, "I/O error", str(dst))
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", failing)
    with pytest.raises(fsutil.WriteError, match="b.txt"):
        fsutil.write_set([(a, b"new a"), (b, b"new b")])
    assert a.read_text(encoding="utf-8") == "old a" and not b.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_killed_import_update_leaves_a_loadable_round(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill before the swap leaves the old round; after it, the new one; both load and the backup exists."""
    from eipassess.fieldwork import store

    book = tmp_path / "q.xlsx"
    assert run(capsys, "template", site, "--round", "2024-01", "--out", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    (assessor,) = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == "A. Tester"]
    assessor.value = "N. Other"
    wb.save(book)
    rdir = site / "rounds" / "2024-01"
    old = (rdir / "answers.yaml").read_bytes()

    class Killed(BaseException):
        """Stands for SIGKILL: nothing after it runs, not even cleanup that catches Exception."""

    def kill(*_: Any) -> bool:
        raise Killed

    monkeypatch.setattr(store, "exchange", kill)
    with pytest.raises(Killed):
        main(["import", str(book), str(site), "--round", "2024-01", "--update", "--yes"])
    capsys.readouterr()
    assert (rdir / "answers.yaml").read_bytes() == old
    assert run(capsys, "site", "check", site)[0] == 0
    assert len(list((rdir / "backups").iterdir())) == 1
    monkeypatch.undo()
    code, _, err = run(capsys, "import", book, site, "--round", "2024-01", "--update", "--yes")
    assert code == 0, err
    assert b"N. Other" in (rdir / "answers.yaml").read_bytes()
    assert run(capsys, "site", "check", site)[0] == 0
    assert not [p for p in site.iterdir() if p.name.startswith(".eipassess")]


# --- class 7: permissions and the overwrite rule ------------------------------------------------------------


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_written_files_follow_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    """A written file gets 0666 minus the umask, as any program's files do."""
    old = os.umask(mask)
    try:
        fsutil.write_atomic(tmp_path / "f.txt", "x")
        fsutil.write_set([(tmp_path / "g.txt", b"y")])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f.txt").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "g.txt").stat().st_mode) == mode


def test_one_overwrite_rule(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """checklist, history export and template refuse to replace an unrelated file without --force."""
    victim = tmp_path / "notes.html"
    victim.write_text("my notes", encoding="utf-8")
    code, _, err = run(capsys, "checklist", "--out", victim)
    assert code == 2 and "--force" in err and victim.read_text(encoding="utf-8") == "my notes"
    assert run(capsys, "checklist", "--out", victim, "--force")[0] == 0
    assert victim.read_text(encoding="utf-8") != "my notes"
    assert "unchanged" in run(capsys, "checklist", "--out", victim)[1]  # the same checklist again: nothing to do
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    assert run(capsys, "assess", site, "--db", db)[0] == 0
    export = tmp_path / "export.jsonl"
    export.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "history", "export", "out-park", "-o", export, "--db", db)
    assert code == 2 and "--force" in err and export.read_text(encoding="utf-8") == "mine"
    assert run(capsys, "history", "export", "out-park", "-o", export, "--db", db, "--force")[0] == 0
    code, _, err = run(capsys, "template", site, "--round", "2024-01", "--out", export)
    assert code == 2 and "--force" in err
