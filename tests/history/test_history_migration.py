"""A version-1 store (whole compressed records, as the SQLAlchemy store wrote them) is migrated on first use."""

from __future__ import annotations

import json
import zlib
from typing import Any

from eipassess.history import schema
from eipassess.history.compact import canonical, content
from eipassess.history.records import content_digest, input_key, list_records, load_record, record_result, summary
from eipassess.history.store import Store


def v1_store(db: str, records: list[dict[str, Any]]) -> None:
    """Write a store as schema version 1 left it: one row per record with its whole body compressed."""
    store = Store(db)
    if store.path is not None:
        store.path.parent.mkdir(parents=True, exist_ok=True)
    with store._transaction(write=True) as conn:
        conn.ddl(
            "CREATE TABLE eip_schema_version (version INTEGER NOT NULL, applied VARCHAR(40) NOT NULL, "
            "tool_version VARCHAR(40) NOT NULL, PRIMARY KEY (version))"
        )
        schema.MIGRATIONS[0](conn)
        conn.execute("INSERT INTO eip_schema_version VALUES (1, '2026-01-01T00:00:00+00:00', '0.1.0')")
        for rec in records:
            row = (
                rec["site"]["id"],
                rec["round"]["id"],
                rec["round"]["date"],
                rec["created"],
                "2026-01-01T00:00:00+00:00",
                rec["tool_version"],
                rec["framework"]["id"],
                rec["framework"]["version"],
                rec["framework"]["checksum"],
                None,
                rec["policy"]["name"],
                canonical(rec["inputs"]),
                input_key(rec),
                content_digest(rec),
                rec["scores"]["current"]["overall"]["pc"],
                canonical(summary(rec)),
                zlib.compress(content(rec).encode("utf-8"), 3),
            )
            conn.execute(
                "INSERT INTO eip_records (site_id, round_id, round_date, created, recorded, tool_version, framework_id, "
                "framework_version, framework_checksum, profile_id, policy, inputs, input_key, digest, overall_pc, summary, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
    store.dispose()


def columns(db: str) -> list[tuple[Any, ...]]:
    """Return each record's body format, index columns and facts."""
    store = Store(db)
    with store._transaction(False) as conn:
        rows = conn.execute(
            "SELECT body_format, intended_pc, pc_complete, response_rate, gate_passed, country, facts FROM eip_records ORDER BY id"
        ).fetchall()
    store.dispose()
    return [tuple(r) for r in rows]


def test_old_store_is_read_migrated_and_compacted(db: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    v1_store(db, [old, new])
    # A read migrates first (in its own write transaction), then reads the same records back.
    assert load_record(old["site"]["id"], old["round"]["id"], db) == old
    assert load_record(new["site"]["id"], new["round"]["id"], db) == new
    rows = columns(db)
    assert [r[0] for r in rows] == [2, 2]  # both bodies rewritten compactly
    assert rows[1][1] == new["scores"]["intended"]["overall"]["pc"]
    assert rows[1][3] == new["survey"]["response_rate"]
    assert rows[1][4] == int(new["gate"]["passed"])
    facts = json.loads(rows[1][6])
    assert set(facts["verdicts"]) == {r["id"] for r in new["requirements"]}
    store = Store(db)
    with store.session() as conn:
        assert [i.round_id for i in list_records(conn, old["site"]["id"])] == ["2021-07", "2023-06"]
        assert conn is not None
        versions = [r[0] for r in conn.execute("SELECT version FROM eip_schema_version ORDER BY version").fetchall()]
    store.dispose()
    assert versions == list(range(1, schema.SCHEMA_VERSION + 1))
    # The same result recorded again is recognised by its digest across the two body formats.
    assert record_result(new, db)[1] is False


def test_compact_body_is_much_smaller_than_the_whole_record(sqlite_url: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    record_result(old, sqlite_url)
    record_result(new, sqlite_url)
    store = Store(sqlite_url)
    with store.session() as conn:
        assert conn is not None
        bodies = [len(r[0]) for r in conn.execute("SELECT body FROM eip_records").fetchall()]
    store.dispose()
    whole = len(zlib.compress(content(new).encode("utf-8"), 3))
    assert max(bodies) * 4 < whole  # requirement texts are stored once, not in every record
