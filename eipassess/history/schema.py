"""The history store's one schema: tables, indexes, the schema version and its migrations (plain SQL).

Version 1 is the table the SQLAlchemy-based store created (same names and types, so old stores read
as they are). Version 2 stores a record compactly — the parts every record of a framework shares
(requirement texts, categories, parameters) once in ``eip_parts``, the rest as a small compressed
skeleton — and adds the index columns and ``facts`` the portfolio query reads instead of bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Connection

# The statements that must differ between the databases; everything else is shared SQL.
DIALECT: dict[str, dict[str, str]] = {
    "sqlite": {
        "id": "INTEGER NOT NULL",
        "blob": "BLOB",
        "list_tables": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    },
    "postgresql": {
        "id": "SERIAL NOT NULL",
        "blob": "BYTEA",
        "list_tables": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()",
    },
}

# Index columns added by version 2 (name, SQL type); ``facts`` holds the rest of a portfolio row as JSON.
INDEX_COLUMNS = (
    ("intended_pc", "DOUBLE PRECISION"),
    ("pc_complete", "DOUBLE PRECISION"),
    ("response_rate", "DOUBLE PRECISION"),
    ("gate_passed", "INTEGER"),
    ("gate_provisional", "INTEGER"),
    ("country", "VARCHAR(40)"),
    ("facts", "TEXT"),
)


def _v1(conn: Connection) -> None:
    """Create the records table and its indexes (one immutable row per distinct result)."""
    conn.ddl(
        "CREATE TABLE eip_records (id {id}, site_id VARCHAR(200) NOT NULL, round_id VARCHAR(200) NOT NULL, "
        "round_date VARCHAR(40) NOT NULL, created VARCHAR(40) NOT NULL, recorded VARCHAR(40) NOT NULL, "
        "tool_version VARCHAR(40) NOT NULL, framework_id VARCHAR(200) NOT NULL, framework_version VARCHAR(40) NOT NULL, "
        "framework_checksum VARCHAR(64) NOT NULL, profile_id VARCHAR(200), policy VARCHAR(40) NOT NULL, "
        "inputs TEXT NOT NULL, input_key VARCHAR(64) NOT NULL, digest VARCHAR(64) NOT NULL, overall_pc FLOAT, "
        "summary TEXT NOT NULL, body {blob} NOT NULL, PRIMARY KEY (id), "
        "CONSTRAINT eip_records_site_digest UNIQUE (site_id, digest))"
    )
    conn.ddl("CREATE INDEX eip_records_site_date ON eip_records (site_id, round_date, id)")
    conn.ddl("CREATE INDEX eip_records_site_round ON eip_records (site_id, round_id, id)")


def _v2(conn: Connection) -> None:
    """Add shared parts, the body format and the portfolio's index columns; compact and index every old record."""
    conn.ddl("CREATE TABLE eip_parts (digest VARCHAR(64) NOT NULL, body {blob} NOT NULL, PRIMARY KEY (digest))")
    conn.ddl("ALTER TABLE eip_records ADD COLUMN body_format INTEGER NOT NULL DEFAULT 1")
    for name, kind in INDEX_COLUMNS:
        conn.ddl(f"ALTER TABLE eip_records ADD COLUMN {name} {kind}")
    from .records import compact_all

    compact_all(conn)


# MIGRATIONS[i] brings a store from version i to version i + 1; never edit one that was released.
MIGRATIONS: tuple[Callable[[Any], None], ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)
