"""Entries of the programme view: a record's index columns and facts, from the store or from site folders.

Both sources build an ``Entry`` from the same functions (``history.compact.index_columns`` and
``facts``), so a park reads the same whether its records come from the store or are assessed now.
The store query reads index columns of every record and facts of the shown ones only: never a body.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..history import compact


@dataclass(frozen=True)
class Entry:
    """One result record as the programme view sees it."""

    site_id: str
    round_id: str
    round_date: str
    created: str
    order: int  # store record id (later records of a round win); 0 for a record assessed now
    policy: str
    framework: str
    overall_pc: float | None
    intended_pc: float | None
    pc_complete: float | None
    response_rate: float | None
    gate_passed: bool | None
    gate_provisional: bool | None
    country: str
    facts: Mapping[str, Any] | None = field(default=None, compare=False)


@dataclass
class Pool:
    """Entries of every park and round, the facts of any of them, and requirement metadata by digest."""

    entries: list[Entry] = field(default_factory=list)
    facts: dict[tuple[str, int, str], Mapping[str, Any]] = field(default_factory=dict)
    meta: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    loader: Any = None  # callable(entries) -> None that fills ``facts`` and ``meta`` for entries from the store

    def facts_of(self, entry: Entry) -> Mapping[str, Any]:
        """Return the facts of an entry (loaded with ``need`` first for store entries)."""
        return entry.facts if entry.facts is not None else self.facts[(entry.site_id, entry.order, entry.round_id)]

    def need(self, entries: Iterable[Entry]) -> None:
        """Load the facts (and requirement metadata) of the given store entries."""
        todo = [e for e in entries if e.facts is None and (e.site_id, e.order, e.round_id) not in self.facts]
        if todo and self.loader is not None:
            self.loader(todo)


def _flag(value: Any) -> bool | None:
    """Return a stored 0/1 flag as a bool (None stays None)."""
    return None if value is None else bool(value)


def from_record(record: Mapping[str, Any], order: int = 0) -> tuple[Entry, str, list[dict[str, Any]]]:
    """Return the entry of a full result record, its requirement-metadata digest and the metadata."""
    meta = compact.requirement_meta(record)
    digest = compact.sha(compact.canonical(meta))
    cols = compact.index_columns(record)
    fw = record["framework"]
    entry = Entry(
        site_id=record["site"]["id"],
        round_id=record["round"]["id"],
        round_date=str(record["round"].get("date") or ""),
        created=str(record.get("created") or ""),
        order=order,
        policy=record["policy"]["name"],
        framework=f"{fw['id']} {fw['version']}",
        overall_pc=record["scores"]["current"]["overall"].get("pc"),
        intended_pc=cols["intended_pc"],
        pc_complete=cols["pc_complete"],
        response_rate=cols["response_rate"],
        gate_passed=_flag(cols["gate_passed"]),
        gate_provisional=_flag(cols["gate_provisional"]),
        country=cols["country"],
        facts=json.loads(compact.canonical(compact.facts(record, digest))),  # as the store gives it back
    )
    return entry, digest, meta


def add_records(pool: Pool, records: Iterable[Mapping[str, Any]]) -> None:
    """Add full result records (assessed now, or read from result files) to a pool."""
    for rec in records:
        entry, digest, meta = from_record(rec)
        pool.entries.append(entry)
        pool.meta.setdefault(digest, meta)


def from_folders(folders: Sequence[Path], pool: Pool) -> None:
    """Assess every round of every site folder (nothing is recorded) and add the results to ``pool``."""
    from ..engine import evaluate
    from ..errors import UsageError
    from ..result import to_dict
    from ..site.load import load_round
    from ..site.rounds import round_ids
    from ..workflow import site_catalogue

    for folder in folders:
        if not (folder / "site.yaml").is_file():
            raise UsageError(f"{folder}: not a site folder (expected {folder / 'site.yaml'})")
        site, catalogue, warnings = site_catalogue(folder)  # criteria loaded once per site, not per round
        records = []
        for rid in round_ids(folder):
            rnd, rwarn = load_round(folder, rid, site, catalogue)
            warnings += rwarn
            records.append(to_dict(evaluate(catalogue, site, rnd)))
        for w in warnings:
            print(str(w), file=sys.stderr)
        add_records(pool, records)


_LIGHT = (
    "SELECT id, site_id, round_id, round_date, created, policy, framework_id, framework_version, overall_pc, "
    "intended_pc, pc_complete, response_rate, gate_passed, gate_provisional, country FROM eip_records"
)


def from_store(db: str | None, pool: Pool) -> str:
    """Add the index columns of every stored record to ``pool`` (facts are read on demand); return the store's label."""
    from ..history.records import parts
    from ..history.store import Store

    store = Store(db)
    with store.session() as conn:
        rows = [] if conn is None else conn.execute(_LIGHT).fetchall()
    for r in rows:
        pool.entries.append(
            Entry(
                site_id=r[1],
                round_id=r[2],
                round_date=r[3],
                created=r[4],
                order=int(r[0]),
                policy=r[5],
                framework=f"{r[6]} {r[7]}",
                overall_pc=r[8],
                intended_pc=r[9],
                pc_complete=r[10],
                response_rate=r[11],
                gate_passed=_flag(r[12]),
                gate_provisional=_flag(r[13]),
                country=r[14] or "",
            )
        )

    def load(entries: Sequence[Entry]) -> None:
        ids = [e.order for e in entries]
        with store.session() as conn:
            assert conn is not None
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                q = f"SELECT id, site_id, round_id, facts FROM eip_records WHERE id IN ({', '.join('?' * len(chunk))})"
                for rid, site, rnd, text in conn.execute(q, chunk).fetchall():
                    pool.facts[(site, int(rid), rnd)] = json.loads(text)
            digests = {f["requirements"] for f in pool.facts.values()} - set(pool.meta)
            pool.meta.update(parts(conn, digests))
        store.dispose()

    pool.loader = load
    store.dispose()
    return store.label
