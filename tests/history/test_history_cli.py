"""The history and compare commands, and recording from ``eipassess assess``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from eipassess.cli.main import main
from eipassess.fmt import pc
from eipassess.result import dumps

STORE = Path(".eipassess") / "history.sqlite"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit code, stdout and stderr."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder as the current directory, with no store set in the environment."""
    ws = tmp_path / "ws"
    ws.mkdir()
    monkeypatch.chdir(ws)
    monkeypatch.delenv("EIPASSESS_DB", raising=False)
    return ws


def test_assess_records_once_per_distinct_result(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", str(park), "--round", "2021-07")
    assert code == 0 and "recorded as history record 1" in err
    assert (workspace / STORE).is_file()
    code, _, err = run(capsys, "assess", str(park), "--round", "2021-07")
    assert code == 0 and "already recorded (unchanged) as history record 1" in err
    answers = park / "rounds" / "2021-07" / "answers.yaml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace("[canteen, transport]", "[canteen, transport, medical]"), encoding="utf-8"
    )
    code, _, err = run(capsys, "assess", str(park), "--round", "2021-07")
    assert code == 0 and "recorded as history record 2" in err
    code, out, _ = run(capsys, "history", "test-park", "--format", "json")
    listed = json.loads(out)
    assert [r["id"] for r in listed] == [1, 2] and {r["round_id"] for r in listed} == {"2021-07"}


def test_no_record_writes_no_store(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", str(park), "--no-record")
    assert code == 0 and "record" not in err
    assert not (workspace / ".eipassess").exists()


def test_history_lists_rounds_with_percentages(
    workspace: Path, park: Path, rounds: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    for r in rounds:
        run(capsys, "assess", str(park), "--round", r)
    code, out, _ = run(capsys, "history", str(park))
    assert code == 0
    lines = out.splitlines()
    for rid, rec in rounds.items():
        line = next(x for x in lines if f"  {rid}  " in x)
        assert f"{pc(rec['scores']['current']['overall']['pc'])}% (" in line
        env = rec["scores"]["current"]["categories"]["environmental"]["pc"]
        assert f" {pc(env)}% " in line + " "
    code, out, _ = run(capsys, "history", "test-park", "--trend", "--format", "json")
    points = json.loads(out)
    assert [p["round"] for p in points] == sorted(rounds)


def test_export_import_round_trip(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for r in ("2021-07", "2023-06"):
        run(capsys, "assess", str(park), "--round", r)
    code, _, _ = run(capsys, "history", "export", "test-park", "-o", "out.jsonl")
    assert code == 0
    exported = Path("out.jsonl").read_text(encoding="utf-8")
    assert len(exported.splitlines()) == 2
    other = "sqlite:///other.sqlite"
    code, _, err = run(capsys, "history", "import", "out.jsonl", "--db", other)
    assert code == 0 and "imported 2 new" in err
    code, _, err = run(capsys, "history", "import", "out.jsonl", "--db", other)
    assert "imported 0 new" in err
    code, again, _ = run(capsys, "history", "export", "test-park", "--db", other)
    assert again == exported


def test_import_of_bad_lines_writes_nothing(
    workspace: Path, rounds: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(rounds["2021-07"])
    future = dict(rounds["2023-06"], format_version=99)
    Path("in.jsonl").write_text(good + "\n{not json\n" + json.dumps(future) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "history", "import", "in.jsonl")
    assert code == 2
    assert "in.jsonl:2" in err and "in.jsonl:3" in err and "format_version" in err
    assert not (workspace / ".eipassess").exists()


def test_forget_needs_confirmation(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for r in ("2021-07", "2023-06"):
        run(capsys, "assess", str(park), "--round", r)
    code, _, err = run(capsys, "history", "forget", "test-park", "--round", "2021-07")
    assert code == 2 and "--yes" in err
    assert len(json.loads(run(capsys, "history", "test-park", "--format", "json")[1])) == 2
    code, _, err = run(capsys, "history", "forget", "test-park", "--round", "2021-07", "--yes")
    assert code == 0 and "forgot 1 records" in err
    left = json.loads(run(capsys, "history", "test-park", "--format", "json")[1])
    assert [r["round_id"] for r in left] == ["2023-06"]


def test_compare_site_assesses_and_records_missing_rounds(
    workspace: Path, park: Path, rounds: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "compare", str(park), "--from", "2021-07", "--to", "2023-06", "--format", "json")
    assert code == 0 and err.count("recorded it as record") == 2
    c = json.loads(out)
    assert (c["from"]["round"], c["to"]["round"]) == ("2021-07", "2023-06")
    o = rounds["2021-07"]["scores"]["current"]["overall"], rounds["2023-06"]["scores"]["current"]["overall"]
    assert c["scores"]["overall"]["pp"] == pytest.approx(o[1]["pc"] - o[0]["pc"])
    code, text, err = run(capsys, "compare", "test-park")  # now from the store alone, default rounds
    assert code == 0 and "recorded" not in err
    assert "2021-07" in text and "newly met" in text


def test_failed_compare_records_nothing(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = park / "rounds" / "2023-06" / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8") + "  NO-SUCH-REQ: yes\n", encoding="utf-8")
    code, _, err = run(capsys, "compare", str(park), "--from", "2021-07", "--to", "2023-06")
    assert code == 2 and "NO-SUCH-REQ" in err
    assert not (workspace / ".eipassess").exists()  # round 2021-07 was assessed but not recorded


def test_compare_two_files(tmp_path: Path, rounds: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(dumps(rounds["2021-07"]), encoding="utf-8")
    b.write_text(dumps(rounds["2023-06"]), encoding="utf-8")
    code, out, _ = run(capsys, "compare", str(a), str(b), "--format", "json")
    assert code == 0 and json.loads(out)["to"]["round"] == "2023-06"
    other = dict(rounds["2023-06"], site=dict(rounds["2023-06"]["site"], id="elsewhere"))
    b.write_text(dumps(other), encoding="utf-8")
    code, _, err = run(capsys, "compare", str(a), str(b))
    assert code == 2 and "two different sites" in err
    b.write_text(dumps(dict(rounds["2023-06"], format_version=2)), encoding="utf-8")
    code, _, err = run(capsys, "compare", str(a), str(b))
    assert code == 2 and "format_version" in err


def test_store_failures_exit_2_without_traceback(workspace: Path, park: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = workspace / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    for args in (("assess", str(park), "--db", str(bad)), ("history", "test-park", "--db", str(bad))):
        code, _, err = run(capsys, *args)
        assert code == 2 and "not a readable history store" in err and "Traceback" not in err


def test_help_does_not_import_sqlalchemy() -> None:
    code = "import sys\nfrom eipassess.cli.main import build_parser\nbuild_parser()\nprint('sqlalchemy' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_history_and_compare_start_without_heavy_modules(tmp_path: Path, rounds: dict[str, dict[str, Any]]) -> None:
    from eipassess.history.records import record_result

    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    for rec in rounds.values():
        record_result(rec, db)
    heavy = ("sqlalchemy", "pandas", "numpy", "pydantic", "yaml", "weasyprint", "plotly", "eipassess.model")
    probe = (
        "import json, sys\nfrom eipassess.cli.main import main\ncode = main(sys.argv[2:])\n"
        "print(json.dumps([code, [m for m in json.loads(sys.argv[1]) if m in sys.modules], 'eipassess.engine' in sys.modules]))\n"
    )
    for argv in (["history", "test-park", "--db", db], ["compare", "test-park", "--db", db]):
        out = subprocess.run([sys.executable, "-c", probe, json.dumps(heavy), *argv], capture_output=True, text=True, check=True)
        code, loaded, engine = json.loads(out.stdout.strip().splitlines()[-1])
        expected = ["yaml"] if argv[0] == "compare" else []  # compare reads the YAML mapping tables of renamed ids
        assert code == 0 and loaded == expected, (argv, loaded)
        assert engine is False
