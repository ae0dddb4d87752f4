"""Immutable result records in the store: add (without duplicates), list, load, export, import, forget."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from ..errors import InputError, Problem, UsageError
from . import compact
from .compact import canonical as _canonical
from .compact import content as _content
from .schema import INDEX_COLUMNS
from .store import Connection, Store

BODY_FULL, BODY_PACKED = 1, 2  # body_format: the whole compressed record (version 1 stores), or a skeleton with parts


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


# The result format this eipassess reads (result.FORMAT and result.FORMAT_VERSION; a test keeps them equal).
# Kept here so that reading the store does not import result.py, which loads the engine and the model.
RESULT_FORMAT, RESULT_FORMAT_VERSION = "eipassess.result", 1


def check_record(record: Any, origin: str, full: bool = False) -> dict[str, Any]:
    """Check that a record is a result this tool reads: cheaply for the store's own rows, fully (schema) with ``full``."""
    if (
        not full
        and isinstance(record, dict)
        and record.get("format") == RESULT_FORMAT
        and record.get("format_version") == RESULT_FORMAT_VERSION
    ):
        return record
    from ..result import check_record as check  # the full check, with its messages, only for a bad record

    return check(record, origin)


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


COLUMNS = (
    "site_id",
    "round_id",
    "round_date",
    "created",
    "recorded",
    "tool_version",
    "framework_id",
    "framework_version",
    "framework_checksum",
    "profile_id",
    "policy",
    "inputs",
    "input_key",
    "digest",
    "overall_pc",
    "summary",
    "body",
    "body_format",
    *(name for name, _ in INDEX_COLUMNS),
)
_INSERT = (
    f"INSERT INTO eip_records ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
    "ON CONFLICT (site_id, digest) DO NOTHING RETURNING id"
)


def _packed(record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the compact columns of a record (body, index columns, facts) and the shared parts it needs."""
    skeleton, parts = compact.pack(record)
    meta = _canonical(compact.requirement_meta(record))
    meta_key = compact.sha(meta)
    parts[meta_key] = meta
    cols = {
        "body": compact.squeeze(_canonical(skeleton)),
        "body_format": BODY_PACKED,
        **compact.index_columns(record),
        "facts": _canonical(compact.facts(record, meta_key)),
    }
    return cols, parts


def _row(record: Mapping[str, Any], digest: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Build the table row of a checked record (whose content digest may be given) and the shared parts it refers to."""
    fw = record["framework"]
    packed, parts = _packed(record)
    row = {
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
        "digest": digest or content_digest(record),
        "overall_pc": record["scores"]["current"]["overall"].get("pc"),
        "summary": _canonical(summary(record)),
        **packed,
    }
    return row, parts


def put_parts(conn: Connection, parts: Mapping[str, str]) -> None:
    """Store the shared parts not yet in the store (two writers storing the same part get one row)."""
    known = conn.known_parts
    todo = [k for k in parts if k not in known]
    for i in range(0, len(todo), 500):
        chunk = todo[i : i + 500]
        q = f"SELECT digest FROM eip_parts WHERE digest IN ({', '.join('?' * len(chunk))})"
        have = {r[0] for r in conn.execute(q, chunk).fetchall()}
        missing = [(k, compact.squeeze(parts[k])) for k in chunk if k not in have]
        conn.executemany("INSERT INTO eip_parts (digest, body) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING", missing)
    known.update(todo)


def _find(conn: Connection, site_id: str, digest: str) -> Any:
    """Return the id of the site's record with this digest, or None."""
    return conn.scalar("SELECT id FROM eip_records WHERE site_id = ? AND digest = ?", (site_id, digest))


def add(conn: Connection, record: Mapping[str, Any]) -> tuple[int, bool]:
    """Insert a record unless an identical one of the site is stored; return (record id, is new)."""
    digest = content_digest(record)
    found = _find(conn, record["site"]["id"], digest)
    if found is not None:
        return int(found), False
    row, parts = _row(record, digest)  # the record is serialised once for its digest
    put_parts(conn, parts)
    new_id = conn.scalar(_INSERT, [row[c] for c in COLUMNS])
    if new_id is None:  # another client stored the same result between our select and insert
        return int(_find(conn, row["site_id"], row["digest"])), False
    return int(new_id), True


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


_INFO_COLS = (
    "id, site_id, round_id, round_date, created, recorded, tool_version, framework_id, framework_version, "
    "profile_id, policy, digest, summary"
)


def _info(row: Sequence[Any]) -> RecordInfo:
    """Build a RecordInfo from a row of _INFO_COLS."""
    return RecordInfo(
        int(row[0]),
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        f"{row[7]} {row[8]}",
        row[9],
        row[10],
        row[11],
        json.loads(row[12]),
    )


def list_records(conn: Connection | None, site_id: str) -> list[RecordInfo]:
    """Return a site's records in round order (by round date, then record id)."""
    if conn is None:
        return []
    q = f"SELECT {_INFO_COLS} FROM eip_records WHERE site_id = ? ORDER BY round_date, round_id, id"
    return [_info(r) for r in conn.execute(q, (site_id,)).fetchall()]


def decode(body: bytes, created: str) -> dict[str, Any]:
    """Return the result record stored whole in ``body`` (body format 1), with its creation time put back."""
    record = dict(json.loads(zlib.decompress(bytes(body)).decode("utf-8")))
    if created:
        record["created"] = created
    return record


def parts(conn: Connection, digests: Iterable[str]) -> dict[str, Any]:
    """Return shared parts by digest, read once per connection."""
    cache = conn.part_cache
    todo = [d for d in dict.fromkeys(digests) if d not in cache]
    for i in range(0, len(todo), 500):
        chunk = todo[i : i + 500]
        q = f"SELECT digest, body FROM eip_parts WHERE digest IN ({', '.join('?' * len(chunk))})"
        for key, body in conn.execute(q, chunk).fetchall():
            cache[key] = compact.unsqueeze(body)
    return cache


def _refs(skeleton: Mapping[str, Any]) -> list[str]:
    """Return the part digests a skeleton refers to."""
    out = [v[compact.REF] for k in compact.PART_KEYS if isinstance(v := skeleton.get(k), dict) and compact.REF in v]
    out += [r[compact.REF] for r in skeleton.get("requirements", []) if compact.REF in r]
    return out


def load_body(conn: Connection, body_format: int, body: bytes, created: str) -> dict[str, Any]:
    """Return the whole record stored in a row's body, in either body format."""
    if int(body_format or BODY_FULL) == BODY_FULL:
        return decode(body, created)
    skeleton = compact.unsqueeze(body)
    cache = parts(conn, _refs(skeleton))
    record = compact.unpack(skeleton, cache.__getitem__)
    if created:
        record["created"] = created
    return record


def get_body(
    conn: Connection | None, site_id: str, round_id: str | None = None, record_id: int | None = None
) -> dict[str, Any] | None:
    """Return the latest record of a site's round (or the record with ``record_id``), or None."""
    if conn is None:
        return None
    q = "SELECT body_format, body, created FROM eip_records WHERE site_id = ?"
    params: list[Any] = [site_id]
    if record_id is not None:
        q, params = q + " AND id = ?", [*params, record_id]
    if round_id is not None:
        q, params = q + " AND round_id = ?", [*params, round_id]
    row = conn.execute(q + " ORDER BY id DESC LIMIT 1", params).fetchone()
    # A newer eipassess may have stored a result format this one cannot read: say so, do not guess.
    return None if row is None else check_record(load_body(conn, *row), f"history record of {site_id} {round_id or ''}".rstrip())


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
    rows = conn.execute("SELECT body_format, body, created FROM eip_records WHERE site_id = ? ORDER BY id", (site_id,)).fetchall()
    for row in rows:
        yield load_body(conn, *row)


def compact_all(conn: Connection) -> None:
    """Rewrite every whole-record body in the compact format and fill its index columns (migration to version 2)."""
    ids = [r[0] for r in conn.execute("SELECT id FROM eip_records WHERE body_format = ? ORDER BY id", (BODY_FULL,)).fetchall()]
    names = ["body", "body_format", *(name for name, _ in INDEX_COLUMNS)]
    update = f"UPDATE eip_records SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?"
    for rid in ids:
        body, created = conn.execute("SELECT body, created FROM eip_records WHERE id = ?", (rid,)).fetchone()
        cols, shared = _packed(decode(body, created))
        put_parts(conn, shared)
        conn.execute(update, [*(cols[n] for n in names), rid])


def parse_lines(lines: Iterable[str], origin: str) -> list[dict[str, Any]]:
    """Parse and check JSON lines of result records; every bad line is reported at once."""
    out: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(check_record(json.loads(line), f"{origin}:{n}", full=True))  # a file from elsewhere
        except json.JSONDecodeError as exc:
            problems.append(Problem(origin, n, "", "one JSON result record per line", exc.msg))
        except InputError as exc:
            problems.extend(Problem(origin, n, p.field, p.expected, p.found) for p in exc.problems)
    if problems:
        raise InputError(problems)
    return out


def forget(conn: Connection, site_id: str, round_id: str | None = None, record_id: int | None = None) -> int:
    """Delete a site's records (all, one round's, or one record); return how many (shared parts stay)."""
    q = "DELETE FROM eip_records WHERE site_id = ?"
    params: list[Any] = [site_id]
    if round_id is not None:
        q, params = q + " AND round_id = ?", [*params, round_id]
    if record_id is not None:
        q, params = q + " AND id = ?", [*params, record_id]
    return int(conn.execute(q, params).rowcount or 0)


def count(conn: Connection | None, site_id: str | None = None) -> int:
    """Return how many records the store holds (of one site, when given)."""
    if conn is None:
        return 0
    if site_id is None:
        return int(conn.scalar("SELECT count(*) FROM eip_records") or 0)
    return int(conn.scalar("SELECT count(*) FROM eip_records WHERE site_id = ?", (site_id,)) or 0)


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
