"""The history store's one schema: tables, indexes, the schema version and its migrations."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# One row per migration applied; the store's version is the highest.
schema_version = Table(
    "eip_schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied", String(40), nullable=False),
    Column("tool_version", String(40), nullable=False),
)

# One immutable row per distinct result record; ``body`` is the zlib-compressed canonical JSON of the
# result without its ``created`` time (kept in its own column), and ``digest`` is the SHA-256 of that JSON.
records = Table(
    "eip_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site_id", String(200), nullable=False),
    Column("round_id", String(200), nullable=False),
    Column("round_date", String(40), nullable=False),
    Column("created", String(40), nullable=False),
    Column("recorded", String(40), nullable=False),
    Column("tool_version", String(40), nullable=False),
    Column("framework_id", String(200), nullable=False),
    Column("framework_version", String(40), nullable=False),
    Column("framework_checksum", String(64), nullable=False),
    Column("profile_id", String(200)),
    Column("policy", String(40), nullable=False),
    Column("inputs", Text, nullable=False),
    Column("input_key", String(64), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("overall_pc", Float),
    Column("summary", Text, nullable=False),
    Column("body", LargeBinary, nullable=False),
    UniqueConstraint("site_id", "digest", name="eip_records_site_digest"),
)

Index("eip_records_site_round", records.c.site_id, records.c.round_id, records.c.id)
Index("eip_records_site_date", records.c.site_id, records.c.round_date, records.c.id)


def _v1(conn: Connection) -> None:
    """Create the records table and its indexes."""
    records.create(conn)


# MIGRATIONS[i] brings a store from version i to version i + 1; never edit one that was released.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1,)
SCHEMA_VERSION = len(MIGRATIONS)
