"""Immutable result records in the store: add (without duplicates), list, load, export, import, forget."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Connection, delete, func, select

from ..errors import InputError, Problem, UsageError
from ..result import check_record
from .schema import records
from .store import Store


class RecordInfo(NamedTuple):
    """One stored record's metadata and score summary (without the full result)."""

    id: int
    site_id: str
    round_id: str
    round_date: str
    created: str
    recorded: str
    tool_version: str
    framework: str
    profile: str | None
    policy: str
    digest: str
    summary: dict[str, Any]


def _canonical(value: Any) -> str:
    """Serialise compactly and deterministically for hashing."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _content(record: Mapping[str, Any]) -> str:
    """Return the canonical JSON of a record without its creation time (kept in its own column)."""
    return _canonical({k: v for k, v in record.items() if k != "created"})


def content_digest(record: Mapping[str, Any]) -> str:
    """Return the SHA-256 of a record without its creation time: equal results have equal digests."""
    return hashlib.sha256(_content(record).encode("utf-8")).hexdigest()


def input_key(record: Mapping[str, Any]) -> str:
    """Return the SHA-256 of what identifies a run: inputs, framework, profile, policy and tool version."""
    prof = record.get("profile") or {}
    ident = {
        "site": record["site"]["id"],
        "round": record["round"]["id"],
        "inputs": record.get("inputs", {}),
        "framework": record["framework"].get("checksum", ""),
        "profile": [prof.get("id"), prof.get("changes")],
        "policy": record["policy"]["name"],
        "tool": record.get("tool_version", ""),
    }
    return hashlib.sha256(_canonical(ident).encode()).hexdigest()


def _score(s: Mapping[str, Any]) -> dict[str, Any]:
    """Keep what listings and trends show of a score."""
    return {k: s.get(k) for k in ("pc", "points", "possible", "met", "pc_complete")}


def summary(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return the current overall, prerequisite and per-category scores of a record."""
    cur = record["scores"]["current"]
    return {
        "overall": _score(cur["overall"]),
        "prerequisites": _score(cur["prerequisites"]),
        "categories": {k: _score(v) for k, v in cur["categories"].items()},
        "category_order": [c["id"] for c in record.get("categories", [])],
    }


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    """Build the table row of a checked record."""
    fw = record["framework"]
    content = _content(record).encode("utf-8")  # serialised once: hashed, then compressed as the body
    return {
        "site_id": record["site"]["id"],
        "round_id": record["round"]["id"],
        "round_date": str(record["round"].get("date") or ""),
        "created": str(record.get("created") or ""),
        "recorded": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "tool_version": str(record.get("tool_version") or ""),
        "framework_id": str(fw.get("id") or ""),
        "framework_version": str(fw.get("version") or ""),
        "framework_checksum": str(fw.get("checksum") or ""),
        "profile_id": (record.get("profile") or {}).get("id"),
        "policy": record["policy"]["name"],
        "inputs": _canonical(record.get("inputs", {})),
        "input_key": input_key(record),
        "digest": hashlib.sha256(content).hexdigest(),
        "overall_pc": record["scores"]["current"]["overall"].get("pc"),
        "summary": _canonical(summary(record)),
        "body": zlib.compress(content, 3),
    }


def add(conn: Connection, record: Mapping[str, Any]) -> tuple[int, bool]:
    """Insert a record unless an identical one of the site is stored; return (record id, is new)."""
    row = _row(record)
    found = conn.execute(
        select(records.c.id).where(records.c.site_id == row["site_id"], records.c.digest == row["digest"])
    ).scalar()
    if found is not None:
        return int(found), False
    ins = _insert(conn)(records).values(**row).on_conflict_do_nothing(index_elements=["site_id", "digest"])
    new_id = conn.execute(ins.returning(records.c.id)).scalar()
    if new_id is None:  # another client stored the same result between our select and insert
        again = conn.execute(
            select(records.c.id).where(records.c.site_id == row["site_id"], records.c.digest == row["digest"])
        ).scalar_one()
        return int(again), False
    return int(new_id), True


def _insert(conn: Connection) -> Any:
    """Return the dialect's insert construct (both support ON CONFLICT DO NOTHING)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def record_result(record: Mapping[str, Any], db: str | None = None) -> tuple[int, bool]:
    """Store a result record in the history; return (record id, is new) — an unchanged rerun is not duplicated."""
    checked = check_record(dict(record), "result")
    store = Store(db)
    try:
        with store.session(write=True) as conn:
            assert conn is not None
            return add(conn, checked)
    finally:
        store.dispose()


def _info(row: Any) -> RecordInfo:
    """Build a RecordInfo from a result row."""
    return RecordInfo(
        int(row.id),
        row.site_id,
        row.round_id,
        row.round_date,
        row.created,
        row.recorded,
        row.tool_version,
        f"{row.framework_id} {row.framework_version}",
        row.profile_id,
        row.policy,
        row.digest,
        json.loads(row.summary),
    )


_INFO_COLS = [c for c in records.c if c.name not in ("body", "inputs", "input_key")]


def list_records(conn: Connection | None, site_id: str) -> list[RecordInfo]:
    """Return a site's records in round order (by round date, then record id)."""
    if conn is None:
        return []
    q = select(*_INFO_COLS).where(records.c.site_id == site_id).order_by(records.c.round_date, records.c.round_id, records.c.id)
    return [_info(r) for r in conn.execute(q)]


def decode(body: bytes, created: str) -> dict[str, Any]:
    """Return the result record stored in ``body``, with its creation time put back."""
    record = dict(json.loads(zlib.decompress(body).decode("utf-8")))
    if created:
        record["created"] = created
    return record


def get_body(
    conn: Connection | None, site_id: str, round_id: str | None = None, record_id: int | None = None
) -> dict[str, Any] | None:
    """Return the latest record of a site's round (or the record with ``record_id``), or None."""
    if conn is None:
        return None
    q = select(records.c.body, records.c.created).where(records.c.site_id == site_id)
    if record_id is not None:
        q = q.where(records.c.id == record_id)
    if round_id is not None:
        q = q.where(records.c.round_id == round_id)
    row = conn.execute(q.order_by(records.c.id.desc()).limit(1)).first()
    # A newer eipassess may have stored a result format this one cannot read: say so, do not guess.
    return (
        None
        if row is None
        else check_record(decode(row.body, row.created), f"history record of {site_id} {round_id or ''}".rstrip())
    )


def load_record(site_id: str, round_id: str | None = None, db: str | None = None, record_id: int | None = None) -> dict[str, Any]:
    """Return the stored result of a site's round (latest record of it), for regenerating a report."""
    store = Store(db)
    try:
        with store.session() as conn:
            rec = get_body(conn, site_id, round_id, record_id)
    finally:
        store.dispose()
    if rec is None:
        what = f"round {round_id!r}" if round_id else (f"record {record_id}" if record_id else "any round")
        raise UsageError(f"the history store {store.label} holds no record of site {site_id!r}, {what}")
    return rec


def iter_bodies(conn: Connection | None, site_id: str) -> Iterator[dict[str, Any]]:
    """Yield a site's full records in store order."""
    if conn is None:
        return
    q = select(records.c.body, records.c.created).where(records.c.site_id == site_id).order_by(records.c.id)
    for body, created in conn.execute(q):
        yield decode(body, created)


def parse_lines(lines: Iterable[str], origin: str) -> list[dict[str, Any]]:
    """Parse and check JSON lines of result records; every bad line is reported at once."""
    out: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(check_record(json.loads(line), f"{origin}:{n}"))
        except json.JSONDecodeError as exc:
            problems.append(Problem(origin, n, "", "one JSON result record per line", exc.msg))
        except InputError as exc:
            problems.extend(Problem(origin, n, p.field, p.expected, p.found) for p in exc.problems)
    if problems:
        raise InputError(problems)
    return out


def forget(conn: Connection, site_id: str, round_id: str | None = None, record_id: int | None = None) -> int:
    """Delete a site's records (all, one round's, or one record); return how many."""
    cond = [records.c.site_id == site_id]
    if round_id is not None:
        cond.append(records.c.round_id == round_id)
    if record_id is not None:
        cond.append(records.c.id == record_id)
    return int(conn.execute(delete(records).where(*cond)).rowcount or 0)


def count(conn: Connection | None, site_id: str | None = None) -> int:
    """Return how many records the store holds (of one site, when given)."""
    if conn is None:
        return 0
    q = select(func.count()).select_from(records)
    if site_id is not None:
        q = q.where(records.c.site_id == site_id)
    return int(conn.execute(q).scalar() or 0)


def latest_by_round(site_id: str, db: str | None = None) -> dict[str, dict[str, Any]]:
    """Return the latest stored record of each of a site's rounds (empty when the store has none)."""
    store = Store(db)
    try:
        with store.session() as conn:
            out: dict[str, dict[str, Any]] = {}
            for rec in iter_bodies(conn, site_id):  # in store order: a later record of a round wins
                out[rec["round"]["id"]] = check_record(rec, f"history record of {site_id}")
            return out
    finally:
        store.dispose()
