"""The store: immutable records without duplicates, schema version, failures that change nothing."""

from __future__ import annotations

import copy
import hashlib
import socket
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from eipassess.errors import StoreError, UsageError
from eipassess.history import schema
from eipassess.history import store as store_mod
from eipassess.history.records import content_digest, list_records, load_record, record_result
from eipassess.history.store import Store, resolve_url


def changed(record: dict[str, Any], tag: str) -> dict[str, Any]:
    """Return a copy of ``record`` with different content."""
    out = copy.deepcopy(record)
    out["round"]["assessor"] = f"{record['round']['assessor']} {tag}"
    return out


def rows(db: str) -> list[tuple[Any, ...]]:
    """Return every stored record's id, site, round and digest."""
    return sql(db, "SELECT id, site_id, round_id, digest FROM eip_records ORDER BY id")


def sql(db: str, statement: str, write: bool = False) -> list[tuple[Any, ...]]:
    """Run one statement on the store's tables directly (no schema check) and return its rows."""
    store = Store(db)
    try:
        with store._transaction(write) as conn:
            cur = conn.execute(statement)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    finally:
        store.dispose()


def test_rerun_adds_no_duplicate_and_changed_round_adds_a_record(db: str, old: dict[str, Any]) -> None:
    first = record_result(old, db)
    rerun = copy.deepcopy(old)
    rerun["created"] = "2031-01-01T00:00:00+00:00"  # only the time differs: the same result
    again = record_result(rerun, db)
    edited = record_result(changed(old, "edited"), db)
    assert first[1] is True and again == (first[0], False)
    assert edited[1] is True and edited[0] != first[0]
    stored = rows(db)
    assert [r[0] for r in stored] == [first[0], edited[0]]  # the old record is kept
    assert stored[0][3] == content_digest(old)


def test_stored_record_loads_back_identical(db: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    record_result(old, db)
    record_result(new, db)
    assert load_record(old["site"]["id"], old["round"]["id"], db) == old
    assert load_record(new["site"]["id"], None, db, record_id=2) == new
    with pytest.raises(UsageError):
        load_record("no-such-site", "2021-07", db)


def test_listing_summarises_each_record(db: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    record_result(new, db)
    record_result(old, db)
    store = Store(db)
    with store.session() as conn:
        infos = list_records(conn, old["site"]["id"])
    store.dispose()
    assert [i.round_id for i in infos] == ["2021-07", "2023-06"]  # round order, not insertion order
    for info, rec in zip(infos, (old, new)):
        assert info.summary["overall"]["pc"] == rec["scores"]["current"]["overall"]["pc"]
        assert info.summary["categories"].keys() == rec["scores"]["current"]["categories"].keys()


def test_schema_version_is_recorded(db: str, old: dict[str, Any]) -> None:
    record_result(old, db)
    versions = [r[0] for r in sql(db, "SELECT version FROM eip_schema_version ORDER BY version")]
    assert versions == list(range(1, schema.SCHEMA_VERSION + 1))


def test_newer_schema_is_refused_and_left_alone(db: str, old: dict[str, Any]) -> None:
    record_result(old, db)
    sql(db, "INSERT INTO eip_schema_version VALUES (99, 'future', '9.9')", write=True)
    before = rows(db)
    with pytest.raises(StoreError, match="schema version 99") as info:
        record_result(changed(old, "x"), db)
    assert info.value.exit_code == 2
    with pytest.raises(StoreError):
        load_record(old["site"]["id"], old["round"]["id"], db)
    assert rows(db) == before


def test_failed_migration_leaves_the_store_as_it_was(
    sqlite_url: str, old: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: Any) -> None:
        raise RuntimeError("migration 2 fails")

    monkeypatch.setattr(store_mod, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        record_result(old, sqlite_url)
    path = Path(resolve_url(sqlite_url).removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert tables == []  # migration 1 ran in the same transaction and was rolled back too


def test_reading_a_missing_store_creates_nothing(sqlite_url: str) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with pytest.raises(UsageError):
        load_record("test-park", "2021-07", sqlite_url)
    assert not path.exists() and not path.parent.exists()


def digest_of(path: Path) -> str:
    """Return the SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_corrupt_sqlite_file_is_reported_and_kept(tmp_path: Path, old: dict[str, Any]) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is not a database\n" * 200)
    before = digest_of(path)
    with pytest.raises(StoreError, match="not a readable history store"):
        record_result(old, str(path))
    assert digest_of(path) == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path, old: dict[str, Any]) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    with pytest.raises(StoreError, match="not an eipassess history store"):
        record_result(old, f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["invoices"]


def test_unreachable_server_is_a_store_error(old: dict[str, Any]) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot reach") as info:
        record_result(old, f"postgresql://nobody:secret@127.0.0.1:{port}/nothing")
    assert "secret" not in str(info.value)


def test_wrong_password_is_a_store_error(pg_url: str, old: dict[str, Any]) -> None:
    parts = urlsplit(pg_url)
    bad = urlunsplit(parts._replace(netloc=f"{parts.username}:definitely-wrong@{parts.hostname}:{parts.port}"))
    with pytest.raises(StoreError, match="refused the credentials") as info:
        record_result(old, bad)
    assert "definitely-wrong" not in str(info.value)


def test_urls_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EIPASSESS_DB", raising=False)
    assert resolve_url(None) == "sqlite:///.eipassess/history.sqlite"
    assert resolve_url("x/h.sqlite") == "sqlite:///x/h.sqlite"
    assert resolve_url("postgresql://u@h/d") == "postgresql://u@h/d"
    assert resolve_url("postgresql+psycopg://u@h/d") == "postgresql://u@h/d"
    monkeypatch.setenv("EIPASSESS_DB", "postgres://u@h/e")
    assert resolve_url(None) == "postgresql://u@h/e"
    with pytest.raises(UsageError):
        resolve_url("mysql://u@h/d")


def test_store_reads_the_result_format_result_py_writes() -> None:
    from eipassess import result
    from eipassess.history import records

    assert (records.RESULT_FORMAT, records.RESULT_FORMAT_VERSION) == (result.FORMAT, result.FORMAT_VERSION)
