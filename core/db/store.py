"""The local SQLite store: opening, checking, backing up and migrating one Tavle file.

`Store.open(path)` refuses what it must not touch (not a database, another program's database,
a database from a newer Tavle, a path it cannot write) with a `StoreError` whose key the UI
translates. Pending migrations are applied after a dated backup copy is left beside the file.

Secrets stay out of the file. Each database has a `secrets_id` (a random id in `sync_replica`,
made once and kept when the file is copied or its replica id changes) under which its secrets
are kept outside it (`core.secrets`). Team passphrases that an older Tavle kept in the
`sync_passphrase` table are moved out at open, after the migrations (a migration step cannot
reach the operating system's credential store): each is written to the secret store and read
back; only those read back are deleted, in one transaction with `secure_delete` on; then the
file is vacuumed and its write-ahead log truncated, so its bytes no longer hold them. The backup
made before migrating is cleaned the same way. A crash part-way leaves the rows in the table,
and the next open moves them again (writing the same value twice is harmless). If the secret
store cannot keep a passphrase, its row stays and is still read (`core.sync.passphrase`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from core.clock import WallClock, local_now, observe, system_wall_ms, utc_now
from core.errors import StoreError
from core.ids import new_id
from migrations import LEDGER, MIGRATION_SET, NAMES

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024
"""SQLite's page cache per connection: large imports touch many pages of the sync tables."""


def host_fingerprint() -> str:
    """Identify this PC and OS user, to notice a database copied to another machine."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name in some locked-down sessions
        user = ""
    return f"{socket.gethostname()}/{user}"


def _utc_now_text() -> str:
    return utc_now().isoformat(timespec="seconds")


def _check_file(path: Path) -> None:
    """Refuse a path that is a folder, not a SQLite file, or cannot be written."""
    if path.is_dir():
        raise StoreError("store.is_directory", path=str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError:
            raise StoreError("store.not_readable", path=str(path)) from None
        if header and header != SQLITE_HEADER:
            raise StoreError("store.not_a_database", path=str(path))
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise StoreError("store.not_writable", path=str(path))
    elif not folder.is_dir():
        raise StoreError("store.no_folder", path=str(path), folder=str(folder))
    elif not os.access(folder, os.W_OK):
        raise StoreError("store.not_writable", path=str(path))


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    """Return the dated backup name beside `path` (tavle.backup-2026-11-24-101502.db)."""
    stamp = (now or local_now()).strftime("%Y-%m-%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix or '.db'}")
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.backup-{stamp}-{counter}{path.suffix or '.db'}")
        counter += 1
    return candidate


class Store:
    """One open Tavle database. Writes go through `core.db.changelog` inside `transaction()`."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, *,
        wall_clock: WallClock = system_wall_ms,
    ) -> None:
        self.conn = conn
        self.path = path
        self.wall_clock = wall_clock
        self.author = ""
        """Initials stamped on every change written through this store."""
        self.backup: Path | None = None
        """The backup copy made before migrating, if one was made at open."""
        self.generation = 0
        """Counts the committed writes this window has seen: its own, and each time
        `notice_other_writes` found another connection's; screens and caches compare it to know
        when to read again."""
        self._data_version = 0
        """`PRAGMA data_version` when last looked (first at the end of opening)."""

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        wall_clock: WallClock = system_wall_ms,
        fingerprint: str | None = None,
    ) -> Store:
        """Open (creating or migrating) the Tavle database at `path`."""
        path = Path(path)
        _check_file(path)
        try:
            conn = sqlite3.connect(
                path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        except sqlite3.Error:
            raise StoreError("store.cannot_open", path=str(path)) from None
        try:
            store = cls(conn, path, wall_clock=wall_clock)
            store._prepare(fingerprint or host_fingerprint())
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            if "not a database" in str(error) or "malformed" in str(error):
                raise StoreError("store.not_a_database", path=str(path)) from None
            if "readonly" in str(error) or "read-only" in str(error):
                raise StoreError("store.not_writable", path=str(path)) from None
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError("store.locked", path=str(path)) from None
            raise
        return store

    @classmethod
    def memory(cls, *, wall_clock: WallClock = system_wall_ms) -> Store:
        """Open a fresh in-memory database (for previews and quick tests)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        store = cls(conn, None, wall_clock=wall_clock)
        store._prepare(host_fingerprint())
        return store

    def _prepare(self, fingerprint: str) -> None:
        """Check what the file is, back it up and migrate it if a step is pending.

        An up-to-date database is checked with plain SQL; sqlite-utils is imported only when a
        step must be applied, or at the first write.
        """
        self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.execute("PRAGMA foreign_keys = ON")
        # A value overwritten or deleted (a personal number redacted) is zeroed on disk, not
        # left in a free page of the file.
        self.execute("PRAGMA secure_delete = ON")
        self.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        tables = {
            row["name"]
            for row in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        applied: set[str] = set()
        if LEDGER in tables:
            applied = {
                row["name"]
                for row in self.query(
                    f"SELECT name FROM {LEDGER} WHERE migration_set = ?", [MIGRATION_SET]
                )
            }
        # Only an empty ledger: a first open that stopped before m001 committed; start again.
        interrupted = (
            tables == {LEDGER} and not self.execute(f"SELECT COUNT(*) FROM {LEDGER}").fetchone()[0]
        )
        if tables and not applied and not interrupted:
            raise StoreError("store.not_tavle", path=str(self.path))
        if applied - set(NAMES):
            raise StoreError("store.newer_version", path=str(self.path))
        pending = [name for name in NAMES if name not in applied]
        if pending and applied and self.path is not None:
            self.backup = self.copy_to(backup_path(self.path))
        if self.path is not None:
            (mode,) = self.execute("PRAGMA journal_mode").fetchone()
            if mode != "wal":
                self.execute("PRAGMA journal_mode = WAL")
        if pending:
            from migrations.migrations import migrations

            migrations.apply(self.db)
            self._compact()
        self._ensure_replica(fingerprint)
        self._move_secrets_out()
        # Opening (a new file turned to WAL, migrations) is not another window's write.
        (self._data_version,) = self.execute("PRAGMA data_version").fetchone()

    def _compact(self) -> None:
        """Give the space a step freed back to the disk (m017 dropped a table that held most of
        an older file): vacuum when more than a quarter of the file is free pages."""
        (free,) = self.execute("PRAGMA freelist_count").fetchone()
        (pages,) = self.execute("PRAGMA page_count").fetchone()
        if free > 256 and free * 4 > pages:
            with suppress(sqlite3.OperationalError):  # another connection reading: next time
                self.execute("VACUUM")
                self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _move_secrets_out(self) -> None:
        """Move the team passphrases an older Tavle kept in the file to the secret store."""
        rows = self.execute("SELECT scope_id, passphrase FROM sync_passphrase").fetchall()
        if not rows:
            return
        from core import secrets

        moved: list[tuple[str, str]] = []
        for scope_id, passphrase in rows:
            key = secrets.key_for(self.secrets_id, scope_id)
            try:
                secrets.put(key, passphrase)
            except secrets.SecretsError:
                continue  # kept in the table for now; the next open tries again
            if secrets.get(key) == passphrase:
                moved.append((scope_id, passphrase))
        if moved:
            forget_rows(self.conn, moved)
            if self.backup is not None:
                _forget_in_copy(self.backup, moved)

    def copy_to(self, target: Path) -> Path:
        """Write a consistent copy of the database to `target` (SQLite's backup API)."""
        copy = sqlite3.connect(target)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        return target

    def _ensure_replica(self, fingerprint: str) -> None:
        row = self.replica_row()
        if row is None:
            with self.transaction():
                self.execute(
                    "INSERT INTO sync_replica (id, replica_id, unit_name, host_fingerprint, "
                    "hlc_last, created_at, secrets_id) VALUES (1, ?, '', ?, 0, ?, ?)",
                    [new_id(), fingerprint, _utc_now_text(), new_id()],
                )
            return
        if row["secrets_id"] is None:  # a database from before m015
            with self.transaction():
                self.execute("UPDATE sync_replica SET secrets_id = ? WHERE id = 1", [new_id()])
        if row["host_fingerprint"] != fingerprint:
            # A database copied to another PC or user must not write under the same replica id.
            with self.transaction():
                self.execute(
                    "INSERT INTO sync_replica_history VALUES (?, ?, ?)",
                    [row["replica_id"], row["host_fingerprint"], _utc_now_text()],
                )
                self.execute(
                    "UPDATE sync_replica SET replica_id = ?, host_fingerprint = ? WHERE id = 1",
                    [new_id(), fingerprint],
                )

    # -- state --------------------------------------------------------------------------

    @property
    def secrets_id(self) -> str:
        """The name this database's secrets are kept under outside it (`core.secrets`)."""
        row = self.execute("SELECT secrets_id FROM sync_replica WHERE id = 1").fetchone()
        assert row is not None and row[0]
        return str(row[0])

    def replica_row(self) -> dict[str, Any] | None:
        """Return this database's replica row (id, unit name, clock)."""
        rows = self.query("SELECT * FROM sync_replica WHERE id = 1")
        return rows[0] if rows else None

    @property
    def replica_id(self) -> str:
        """This database's replica id (the author of its changes in the log)."""
        row = self.replica_row()
        assert row is not None
        return str(row["replica_id"])

    @property
    def unit_name(self) -> str:
        """The unit this database belongs to, as other units will see it."""
        row = self.replica_row()
        return str(row["unit_name"]) if row else ""

    def set_unit_name(self, name: str) -> None:
        """Name the unit this database belongs to, as other units will see it in files."""
        with self.transaction():
            self.execute("UPDATE sync_replica SET unit_name = ? WHERE id = 1", [name.strip()[:200]])

    def observe_clock(self, remote_stamp: int) -> None:
        """Move this database's clock past a stamp seen in another unit's file.

        A stamp more than a minute ahead of our wall clock is not adopted (a PC whose clock
        runs fast must not make everyone's clock fast); the change itself keeps its stamp.
        """
        with self.transaction():
            row = self.replica_row()
            assert row is not None
            last = observe(row["hlc_last"], remote_stamp, self.wall_clock())
            if last != row["hlc_last"]:
                self.execute("UPDATE sync_replica SET hlc_last = ? WHERE id = 1", [last])

    def notice_other_writes(self) -> bool:
        """Whether another connection committed to the file since the last look (another Tavle
        window, another process); if so, `generation` advances.

        One `PRAGMA data_version`, cheap enough to ask every few seconds: SQLite changes it when
        another connection commits, never for this connection's own commits (those advance
        `generation` in `transaction()`). Advancing `generation` itself, not a second counter,
        is the simplest that is correct: every screen and cache that must not show stale data
        (the alerts, the benchmark, the portfolio's signals, the workers' results) is already
        keyed on `generation`, so each sees the other window's writes with no key moved."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        if version == self._data_version:
            return False
        self._data_version = version
        self.generation += 1
        return True

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Run a block in one `BEGIN IMMEDIATE` transaction (a savepoint when nested).

        IMMEDIATE takes the write lock up front, so a second window on the same file waits for
        the busy timeout instead of failing with "database is locked" mid-way.
        """
        conn = self.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.generation += 1

    @cached_property
    def db(self) -> Database:
        """The sqlite-utils view of the connection (created on first use: writes, migrations)."""
        from sqlite_utils import Database

        return Database(self.conn)

    def execute(self, sql: str, params: Any = None) -> sqlite3.Cursor:
        """Run one statement on the connection."""
        return self.conn.execute(sql, params or [])

    def query(self, sql: str, params: Any = None) -> list[dict[str, Any]]:
        """Run a read query and return its rows as dicts."""
        cursor = self.conn.execute(sql, params or [])
        names = [column[0] for column in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def forget_rows(conn: sqlite3.Connection, rows: list[tuple[str, str]]) -> None:
    """Delete rows of `sync_passphrase` (scope id, passphrase) so that the file's bytes no
    longer hold them: deleted with `secure_delete` on (SQLite overwrites the freed space),
    then the file vacuumed (no earlier value left in a free page) and its write-ahead log
    truncated. The delete commits first; a vacuum that cannot run now (another connection
    reading, or the caller's transaction still open) is left for later."""
    (secure,) = conn.execute("PRAGMA secure_delete").fetchone()
    conn.execute("PRAGMA secure_delete = ON")
    try:
        if conn.in_transaction:  # the caller's transaction commits it
            _delete_rows(conn, rows)
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            _delete_rows(conn, rows)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(secure)}")
    with suppress(sqlite3.OperationalError):
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _delete_rows(conn: sqlite3.Connection, rows: list[tuple[str, str]]) -> None:
    conn.executemany("DELETE FROM sync_passphrase WHERE scope_id = ? AND passphrase = ?", rows)


def _forget_in_copy(path: Path, rows: list[tuple[str, str]]) -> None:
    """Clean a copy of the file (the backup made before migrating) the same way."""
    with suppress(sqlite3.Error):  # if it cannot be cleaned, the database itself still is
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            forget_rows(conn, rows)
        finally:
            conn.close()


T = TypeVar("T")


def read_on(path: str | Path | None, store: Store | None, work: Callable[[Store], T]) -> T:
    """Run `work` on a connection of its own when the database is a file (a worker's thread),
    else on `store` (an in-memory database has one connection, the caller's)."""
    if path is None:
        assert store is not None
        return work(store)
    with reading(path) as reader:
        return work(reader)


@contextmanager
def reading(path: str | Path) -> Iterator[Store]:
    """The database at `path` on a connection of its own, for reading in a worker's thread (a
    `Store`'s own connection belongs to the thread that opened it)."""
    conn = sqlite3.connect(path, check_same_thread=False)
    try:
        yield Store(conn, None)
    finally:
        conn.close()
