"""Open the history store (SQLite file or PostgreSQL server) on the DB-API, check its schema, run transactions.

One set of SQL statements serves both databases: they are written with ``?`` placeholders and
``Connection.execute`` turns them into psycopg's ``%s`` in one place. Only the few statements that
must differ (DDL column types, the table listing, the migration lock) live in ``DIALECT``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from .. import __version__
from ..errors import StoreError, UsageError
from .schema import DIALECT, MIGRATIONS, SCHEMA_VERSION

ENV_VAR = "EIPASSESS_DB"
DEFAULT_PATH = Path(".eipassess") / "history.sqlite"
BUSY_TIMEOUT_S = 30.0
_PG_LOCK_KEY = 0x45495041  # "EIPA": serialises schema migrations between PostgreSQL clients
_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_SQLITE_SCHEMES = ("sqlite", "sqlite+pysqlite")
_QMARK = re.compile(r"\?")


def resolve_url(db: str | None = None) -> str:
    """Return the URL of the store: ``db``, else $EIPASSESS_DB, else the workspace SQLite file."""
    raw = (db or os.environ.get(ENV_VAR) or "").strip()
    if not raw:
        return f"sqlite:///{DEFAULT_PATH}"
    if "://" not in raw:
        return f"sqlite:///{raw}"
    scheme, rest = raw.split("://", 1)
    if scheme in _PG_SCHEMES:
        return f"postgresql://{rest}"
    if scheme in _SQLITE_SCHEMES:
        return f"sqlite://{rest}"
    raise UsageError(f"--db {scheme}://...: expected a sqlite:///FILE or postgresql://USER@HOST/DB URL, or a file path")


def _hide_password(url: str) -> str:
    """Return a PostgreSQL URL with its password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{unquote(parts.username or '')}:***@{host}"))


class Connection:
    """A DB-API connection inside one transaction; ``execute`` adapts the placeholders of the shared SQL."""

    def __init__(self, raw: Any, dialect: str, part_cache: dict[str, Any] | None = None) -> None:
        self.raw = raw
        self.dialect = dialect
        self.known_parts: set[str] = set()  # shared parts seen stored in this transaction
        self.part_cache: dict[str, Any] = {} if part_cache is None else part_cache  # parts never change: kept per store

    def sql(self, statement: str) -> str:
        """Return ``statement`` with ``?`` placeholders in the driver's style (the one place they differ)."""
        return statement if self.dialect == "sqlite" else _QMARK.sub("%s", statement)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""
        cur = self.raw.cursor()
        cur.execute(self.sql(statement), tuple(params))
        return cur

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if rows:
            cur = self.raw.cursor()
            cur.executemany(self.sql(statement), [tuple(r) for r in rows])
            cur.close()

    def scalar(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Return the first column of the first row, or None."""
        row = self.execute(statement, params).fetchone()
        return None if row is None else row[0]

    def ddl(self, statement: str) -> None:
        """Run a DDL statement after putting in the dialect's column types."""
        self.execute(statement.format(**DIALECT[self.dialect]))

    def tables(self) -> list[str]:
        """Return the names of the tables in the store's schema."""
        return [r[0] for r in self.execute(DIALECT[self.dialect]["list_tables"]).fetchall()]


class Store:
    """A history store named by a URL; connects lazily and reports every failure as StoreError."""

    def __init__(self, db: str | None = None) -> None:
        self.url = resolve_url(db)
        self.sqlite = self.url.startswith("sqlite:")
        self.dialect = "sqlite" if self.sqlite else "postgresql"
        if self.sqlite:
            path = self.url.removeprefix("sqlite://")
            if not path.startswith("/") or path == "/":
                raise StoreError(f"history store URL {db!r} is not valid: expected sqlite:///FILE")
            self.path: Path | None = Path(path[1:])  # sqlite:///rel/file or sqlite:////abs/file
            if self.path.exists() and not self.path.is_file():  # a device, pipe or folder is no store
                raise StoreError(f"{self.path}: expected a history store file, found a device, pipe or folder")
            self.label = str(self.path)
        else:
            try:
                parts = urlsplit(self.url)
                parts.port  # noqa: B018  (a port that is no number raises here, not later)
            except ValueError as exc:
                raise StoreError(f"history store URL {db!r} is not valid ({exc}): expected postgresql://USER@HOST/DB") from None
            if not parts.hostname and not parts.path.strip("/"):
                raise StoreError(f"history store URL {db!r} is not valid: expected postgresql://USER@HOST/DB")
            self.path = None
            self.label = _hide_password(self.url)
        self._raw: Any = None
        self._parts: dict[str, Any] = {}

    def exists(self) -> bool:
        """Tell whether the store may hold records (an SQLite file is created only by a write)."""
        return not self.sqlite or (self.path is not None and self.path.exists())

    def _connect(self) -> Any:
        """Return the open DB-API connection, made on first use."""
        if self._raw is None:
            raw: Any
            if self.sqlite:
                assert self.path is not None
                raw = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                raw.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                raw.execute("PRAGMA synchronous = FULL")
            else:
                import psycopg

                raw = psycopg.connect(self.url, connect_timeout=10)
            self._raw = raw
        return self._raw

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Connection]:
        """Run the block in one transaction: committed when it ends normally, rolled back otherwise."""
        raw = self._connect()
        conn = Connection(raw, self.dialect, self._parts)
        if self.sqlite:
            raw.execute("BEGIN IMMEDIATE" if write else "BEGIN")  # writers queue for the lock up front
        try:
            yield conn
        except BaseException:
            raw.rollback() if not self.sqlite else raw.execute("ROLLBACK")
            raise
        if self.sqlite:
            raw.execute("COMMIT")
        else:
            raw.commit()

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
        migrate = False
        with self._translate(), self._transaction(write) as conn:
            version = self._version(conn)
            if version is not None and version > SCHEMA_VERSION:
                raise StoreError(
                    f"the history store {self.label} has schema version {version}, newer than this "
                    f"eipassess {__version__} reads (up to {SCHEMA_VERSION}); upgrade eipassess. Nothing was changed."
                )
            if write and version != SCHEMA_VERSION:
                self._migrate(conn)
            if write or version == SCHEMA_VERSION:
                yield conn
                return
            migrate = version is not None  # an older schema found by a read: migrate first, then read
            if not migrate:
                yield None
                return
        if migrate:
            with self.session(write=True):
                pass
            with self.session(write=False) as again:
                yield again

    def _version(self, conn: Connection) -> int | None:
        """Return the store's schema version, or None when it has no eipassess tables yet."""
        names = conn.tables()
        if "eip_schema_version" not in names:
            if self.sqlite and names:
                raise StoreError(f"{self.label} is an SQLite database but not an eipassess history store; use another --db")
            return None
        return int(conn.scalar("SELECT max(version) FROM eip_schema_version") or 0)

    def _migrate(self, conn: Connection) -> None:
        """Apply the missing migrations inside the caller's transaction."""
        if not self.sqlite:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK_KEY,))
        version = self._version(conn)
        if version is None:
            conn.ddl(
                "CREATE TABLE eip_schema_version (version INTEGER NOT NULL, applied VARCHAR(40) NOT NULL, "
                "tool_version VARCHAR(40) NOT NULL, PRIMARY KEY (version))"
            )
            version = 0
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        for number in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[number - 1](conn)
            conn.execute(
                "INSERT INTO eip_schema_version (version, applied, tool_version) VALUES (?, ?, ?)", (number, now, __version__)
            )

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """Turn driver errors (corrupt file, refused connection, bad password, lock timeout) into StoreError."""
        try:
            yield
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(_explain(self.label, str(exc))) from None
        except Exception as exc:
            if type(exc).__module__.startswith("psycopg") and _is_operational(exc):
                raise StoreError(_explain(self.label, str(exc))) from None
            raise

    def dispose(self) -> None:
        """Close the connection."""
        if self._raw is not None:
            try:
                self._raw.close()
            finally:
                self._raw = None


def _is_operational(exc: Exception) -> bool:
    """Tell whether a psycopg error is about the server or the connection (not a bug in our SQL)."""
    import psycopg

    return isinstance(exc, (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege))


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
