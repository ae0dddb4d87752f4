"""Concurrent writers all land; a writer killed mid-transaction leaves the store as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from eipassess.history.records import content_digest, load_body, record_result
from eipassess.history.store import Store, resolve_url
from eipassess.result import check_record

WRITER = Path(__file__).with_name("writer.py")


def start(db: str, record_file: Path, tag: str, n: int, mode: str) -> subprocess.Popen[str]:
    """Start a writer process and wait until it is ready."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), db, str(record_file), tag, str(n), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def go(proc: subprocess.Popen[str]) -> None:
    """Release a writer from its start barrier."""
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()


def stored(db: str) -> list[dict[str, Any]]:
    """Return every stored record after checking that it decodes and matches its digest."""
    store = Store(db)
    out = []
    with store.session() as conn:
        assert conn is not None
        for fmt, body, digest, created in conn.execute("SELECT body_format, body, digest, created FROM eip_records").fetchall():
            rec = check_record(load_body(conn, fmt, body, created), "store")
            assert content_digest(rec) == digest
            out.append(rec)
    store.dispose()
    return out


def record_file(tmp_path: Path, record: dict[str, Any]) -> Path:
    """Write a record for the writer processes."""
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def two_writers(db: str, tmp_path: Path, record: dict[str, Any]) -> None:
    """Two processes released at once each record 25 results; all 50 land whole."""
    src = record_file(tmp_path, record)
    procs = [start(db, src, tag, 25, "loop") for tag in ("a", "b")]
    for p in procs:
        go(p)
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "done"
    rounds = sorted(r["round"]["id"] for r in stored(db))
    assert rounds == sorted([f"a-{i:03d}" for i in range(25)] + [f"b-{i:03d}" for i in range(25)])


def killed_writer(db: str, tmp_path: Path, record: dict[str, Any]) -> None:
    """kill -9 of a writer inside its transaction leaves the store as it was, and unlocked."""
    record_result(record, db)
    before = stored(db)
    proc = start(db, record_file(tmp_path, record), "k", 1, "hang")
    go(proc)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "inserted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert stored(db) == before
    other = dict(record, round=dict(record["round"], id="after-kill"))
    assert record_result(other, db)[1] is True  # the lock died with the writer


def test_two_sqlite_writers(sqlite_url: str, tmp_path: Path, old: dict[str, Any]) -> None:
    two_writers(sqlite_url, tmp_path, old)


def test_two_postgresql_writers(pg_url: str, tmp_path: Path, old: dict[str, Any]) -> None:
    two_writers(pg_url, tmp_path, old)


def test_killed_sqlite_writer(sqlite_url: str, tmp_path: Path, old: dict[str, Any]) -> None:
    killed_writer(sqlite_url, tmp_path, old)
    path = resolve_url(sqlite_url).removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_killed_postgresql_writer(pg_url: str, tmp_path: Path, old: dict[str, Any]) -> None:
    killed_writer(pg_url, tmp_path, old)


def test_two_assess_processes_at_once(park: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite'}"
    cmds = [[sys.executable, "-m", "eipassess", "assess", str(park), "--round", r, "--db", db] for r in ("2021-07", "2023-06")]
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for c in cmds]
    errs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert all("recorded as history record" in e for e in errs)
    assert sorted(r["round"]["id"] for r in stored(db)) == ["2021-07", "2023-06"]
