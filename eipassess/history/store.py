"""Open the history store (SQLite file or PostgreSQL server), check its schema, run transactions."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from .. import __version__
from ..errors import StoreError, UsageError
from .schema import MIGRATIONS, SCHEMA_VERSION, schema_version

ENV_VAR = "EIPASSESS_DB"
DEFAULT_PATH = Path(".eipassess") / "history.sqlite"
BUSY_TIMEOUT_S = 30.0
_PG_LOCK_KEY = 0x45495041  # "EIPA": serialises schema migrations between PostgreSQL clients


def resolve_url(db: str | None = None) -> str:
    """Return the SQLAlchemy URL of the store: ``db``, else $EIPASSESS_DB, else the workspace SQLite file."""
    raw = (db or os.environ.get(ENV_VAR) or "").strip()
    if not raw:
        return f"sqlite:///{DEFAULT_PATH}"
    if "://" not in raw:
        return f"sqlite:///{raw}"
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return f"sqlite://{rest}"
    raise UsageError(f"--db {scheme}://...: expected a sqlite:///FILE or postgresql://USER@HOST/DB URL, or a file path")


class Store:
    """A history store named by a URL; connects lazily and reports every failure as StoreError."""

    def __init__(self, db: str | None = None) -> None:
        self.url = resolve_url(db)
        try:
            parsed = make_url(self.url)
        except sa_exc.ArgumentError as exc:
            raise StoreError(f"history store URL {db!r} is not valid: {exc}") from None
        self.sqlite = parsed.get_backend_name() == "sqlite"
        self.path = Path(parsed.database) if self.sqlite and parsed.database else None
        self.label = str(self.path) if self.path else parsed.render_as_string(hide_password=True)
        self._engine: Engine | None = None

    def exists(self) -> bool:
        """Tell whether the store may hold records (an SQLite file is created only by a write)."""
        return not self.sqlite or (self.path is not None and self.path.exists())

    def engine(self) -> Engine:
        """Return the engine, created on first use."""
        if self._engine is None:
            if self.sqlite:
                self._engine = create_engine(self.url, connect_args={"timeout": BUSY_TIMEOUT_S})
                event.listen(self._engine, "connect", _sqlite_connect)
                event.listen(self._engine, "begin", _sqlite_begin)
            else:
                self._engine = create_engine(self.url, connect_args={"connect_timeout": 10}, pool_pre_ping=False)
        return self._engine

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Connection | None]:
        """Yield a connection inside one transaction with the schema checked; None when a read finds no store."""
        if not write and not self.exists():
            yield None
            return
        if write and self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._translate():
                _ensure_wal(self.path)
        with self._translate():
            with self.engine().connect() as conn:
                conn.info["eip_write"] = write
                with conn.begin():
                    version = self._version(conn)
                    if version is not None and version > SCHEMA_VERSION:
                        raise StoreError(
                            f"the history store {self.label} has schema version {version}, newer than this "
                            f"eipassess {__version__} reads (up to {SCHEMA_VERSION}); upgrade eipassess. Nothing was changed."
                        )
                    if version == SCHEMA_VERSION:
                        yield conn
                        return
                    if not write and version is None:
                        yield None
                        return
                    if write:
                        self._migrate(conn)
                        yield conn
                        return
            # An older schema found by a read: migrate in a write transaction, then read.
            with self.session(write=True):
                pass
            with self.session(write=False) as conn2:
                yield conn2

    def _version(self, conn: Connection) -> int | None:
        """Return the store's schema version, or None when it has no eipassess tables yet."""
        names = inspect(conn).get_table_names()
        if schema_version.name not in names:
            if self.sqlite and names:
                raise StoreError(f"{self.label} is an SQLite database but not an eipassess history store; use another --db")
            return None
        return int(conn.execute(select(func.max(schema_version.c.version))).scalar() or 0)

    def _migrate(self, conn: Connection) -> None:
        """Apply the missing migrations inside the caller's transaction."""
        if not self.sqlite:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        version = self._version(conn)
        if version is None:
            schema_version.create(conn)
            version = 0
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        for number in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[number - 1](conn)
            conn.execute(schema_version.insert().values(version=number, applied=now, tool_version=__version__))

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """Turn driver errors (corrupt file, refused connection, bad password) into StoreError."""
        try:
            yield
        except (sa_exc.IntegrityError, sa_exc.ProgrammingError):
            raise
        except sa_exc.DBAPIError as exc:
            raise StoreError(_describe(self.label, exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(self.label, str(exc))) from None

    def dispose(self) -> None:
        """Close pooled connections."""
        if self._engine is not None:
            self._engine.dispose()


def _describe(label: str, exc: sa_exc.DBAPIError) -> str:
    """Return a one-line message for a driver error, saying what to do next."""
    return _explain(label, str(exc.orig) if exc.orig is not None else str(exc))


def _explain(label: str, message: str) -> str:
    """Return a one-line message for a database error text, saying what to do next."""
    orig = message.strip().splitlines()[0] if message.strip() else message
    low = orig.lower()
    if "not a database" in low or "malformed" in low:
        return f"{label} is not a readable history store ({orig}); move it away or give another --db"
    if "locked" in low or "busy" in low:
        return f"the history store {label} stayed locked by another process for {BUSY_TIMEOUT_S:g} s ({orig})"
    if "password" in low or "authentication" in low:
        return f"the history store {label} refused the credentials ({orig}); check the user and password in --db or ${ENV_VAR}"
    if "connect" in low or "refused" in low or "timeout" in low or "could not translate host" in low:
        return f"cannot reach the history store {label} ({orig}); is the server running and the URL right?"
    return f"the history store {label} failed: {orig}"


def _ensure_wal(path: Path) -> None:
    """Put the SQLite file in WAL mode (persistent) once, serialised across processes by a lock file.

    Two processes switching a new file's journal mode at the same moment can each hold a shared lock
    the other waits on; the lock file makes the first writer do it alone.
    """
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # not POSIX: no cross-process lock, the busy timeout still applies
            pass
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        try:
            if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                con.execute("PRAGMA journal_mode = WAL")
        finally:
            con.close()


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    """Wait for locks, sync fully, and let us issue BEGIN ourselves (WAL is set once by ``_ensure_wal``)."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA synchronous = FULL")
    finally:
        cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the write lock up front (BEGIN IMMEDIATE), so two writers queue instead of failing."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("eip_write") else "BEGIN")
