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

Faults at a write are told, never a traceback (`fault_of`, `FAULT_KEYS`). Another program
holding the write lock (a second Tavle window, a long import, a sync client) is waited for by
SQLite's busy handler for at most the store's busy timeout (5 s): `transaction()` takes the
lock up front with `BEGIN IMMEDIATE`, so that is the one wait – once it holds the lock, the
statements and the `COMMIT` of a write-ahead-log database do not wait again – and a backup
copy gives up after the same time. Then, and on a full disk or a read-only file or folder,
the write is rolled back whole and a `StoreError` says what to do (`store.busy`,
`store.full`, `store.not_writable`, `store.write_failed`). A full disk often shows in SQLite
only as "disk I/O error" (the shared-memory file cannot grow); it is told as full when the
disk has less than `FULL_BELOW` bytes free.

A copy (`copy_to`: the backup before migrating, before an import) is written under a
temporary name no backup pattern matches (`.<name>.<random>.partial`) and renamed when it is
whole; on failure the partial file and its journal are removed. `is_complete_copy` tells a
whole copy from a cut one (an older Tavle could leave one), so only whole ones are counted.

`Store.open(path, read_only=True)` is for commands that only read (`tavle export`, `tavle
import --dry-run`, `tavle report`): it writes nothing, so it works on a full disk or from a
read-only folder. It opens with SQLite's `mode=ro`, which for a write-ahead-log database needs
the `-shm` file beside it, made if missing – impossible on a full disk ("disk I/O error").
Only then, and only when the `-wal` file is missing or empty (every committed change is in
the database file itself), it opens again with `immutable=1`, which reads the file without
any lock or side file. That is safe there: a `-wal` holding changes would be ignored (so it
is never used then), and a writer that starts meanwhile could not write on that disk either.
A read-only store refuses writes (`store.opened_read_only`) and refuses a file that must
first be migrated or given a new replica id (`store.needs_write`; the caller may open it to
write instead). `scratch()` gives a writable copy in memory, for work that writes and throws
the result away (the import preview).
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import os
import shutil
import socket
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from core.clock import WallClock, local_now, observe, system_wall_ms, utc_now
from core.db.logrows import register as register_log_functions
from core.errors import StoreError
from core.ids import new_id
from migrations import LEDGER, MIGRATION_SET, NAMES

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another program's write lock before it is refused."""
FULL_BELOW = 1024 * 1024
"""A disk with less free space than this is told as full when a write fails."""
PARTIAL_SUFFIX = ".partial"
"""The end of a copy's name while it is written (`copy_to`)."""
FAULT_KEYS = frozenset({"store.busy", "store.full", "store.not_writable", "store.write_failed"})
"""The keys of the faults a write may meet that trying again may cure (`fault_of`)."""
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
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


def _check_file(path: Path, *, read_only: bool = False) -> None:
    """Refuse a path that is a folder, not a SQLite file, or cannot be written (read, and
    exist, when `read_only`)."""
    if path.is_dir():
        raise StoreError("store.is_directory", path=str(path))
    folder = _folder_of(path)
    if read_only and not path.exists():
        raise StoreError("store.missing", path=str(path))
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError:
            raise StoreError("store.not_readable", path=str(path)) from None
        if header and header != SQLITE_HEADER:
            raise StoreError("store.not_a_database", path=str(path))
        if read_only:
            return
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise StoreError("store.not_writable", path=str(path))
    elif not folder.is_dir():
        raise StoreError("store.no_folder", path=str(path), folder=str(folder))
    elif not os.access(folder, os.W_OK):
        raise StoreError("store.not_writable", path=str(path))


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def disk_is_full(folder: Path) -> bool:
    """Whether the disk holding `folder` has (almost) no free space left."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def fault_of(error: BaseException, path: Path | None) -> StoreError | None:
    """The fault a failed write at `path` (the database, or a copy being written) means for
    the user – busy, disk full, read-only, a drive that did not answer – as a `StoreError`
    with one of `FAULT_KEYS`; None for any other error (a bug, a damaged file)."""
    if isinstance(error, StoreError):
        return error if error.key in FAULT_KEYS else None
    where = path or Path("")
    folder = _folder_of(where)
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return StoreError("store.full", path=str(where))
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StoreError("store.not_writable", path=str(where))
        return None
    if not isinstance(error, sqlite3.OperationalError):
        return None
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError("store.busy", path=str(where))
    if "readonly" in text or "read-only" in text:
        return StoreError("store.not_writable", path=str(where))
    full = StoreError("store.full", path=str(where))
    if "full" in text:
        return full
    if "i/o error" in text:
        return full if disk_is_full(folder) else StoreError("store.write_failed", path=str(where))
    if "unable to open" in text and disk_is_full(folder):
        return full
    return None


def is_complete_copy(path: Path) -> bool:
    """Whether `path` is a whole SQLite file: its header, its size the page count its header
    gives, and no journal beside it (a copy cut off part-way fails one of these)."""
    if Path(f"{path}-journal").exists():
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return page_size > 0 and pages > 0 and size == page_size * pages


def _remove_partial(temp: Path) -> None:
    for name in (str(temp), f"{temp}-journal", f"{temp}-wal", f"{temp}-shm"):
        with suppress(OSError):
            os.unlink(name)


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
        wall_clock: WallClock = system_wall_ms, read_only: bool = False,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self.conn = conn
        register_log_functions(conn)
        self.path = path
        self.wall_clock = wall_clock
        self.read_only = read_only
        """Opened only to read: every write is refused (`store.opened_read_only`)."""
        self.busy_timeout_ms = busy_timeout_ms
        """How long a write waits for another program's lock before `store.busy`."""
        self.faults = 0
        """Counts the faults a write met (`fault_of`), told or not: the app compares it
        before and after an action to offer trying again even when a screen showed the
        message itself."""
        self.last_fault: StoreError | None = None
        """The last of those faults."""
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
        read_only: bool = False,
        busy_timeout_ms: int | None = None,
    ) -> Store:
        """Open (creating or migrating) the Tavle database at `path`; with `read_only`, open
        an existing one only to read (see the module's docstring). A write waits at most
        `busy_timeout_ms` (`BUSY_TIMEOUT_MS` when None) for another program's lock."""
        path = Path(path)
        if busy_timeout_ms is None:
            busy_timeout_ms = BUSY_TIMEOUT_MS
        _check_file(path, read_only=read_only)
        if read_only:
            conn = _connect_read_only(path, busy_timeout_ms)
        else:
            try:
                conn = sqlite3.connect(
                    path, check_same_thread=False, timeout=busy_timeout_ms / 1000,
                    isolation_level=None,
                )
            except sqlite3.Error:
                raise StoreError("store.cannot_open", path=str(path)) from None
        try:
            store = cls(conn, path, wall_clock=wall_clock, read_only=read_only,
                        busy_timeout_ms=busy_timeout_ms)
            store._prepare(fingerprint or host_fingerprint())
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as error:
            conn.close()
            if "not a database" in str(error) or "malformed" in str(error):
                raise StoreError("store.not_a_database", path=str(path)) from None
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError("store.locked", path=str(path)) from None
            fault = fault_of(error, path)
            if fault is not None:
                raise fault from None
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
        self.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
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
        if self.read_only:
            self._check_readable(fingerprint, pending)
            return
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

    def _check_readable(self, fingerprint: str, pending: list[str]) -> None:
        """Refuse to read, without writing, a file that must be written first: migrated, or
        given its replica row or a new replica id (copied from another PC)."""
        self.execute("PRAGMA temp_store = MEMORY")  # no temporary file on a full disk
        row = self.replica_row() if not pending else None
        if pending or row is None or row["secrets_id"] is None or (
            row["host_fingerprint"] != fingerprint
        ):
            raise StoreError("store.needs_write", path=str(self.path))

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
        """Write a consistent copy of the database to `target` (SQLite's backup API), whole
        or not at all: under a temporary name beside it, renamed when complete. A fault (a
        full disk, a read-only folder, the database busy for longer than the busy timeout)
        removes the partial file and raises its `StoreError`."""
        folder = _folder_of(target)
        try:
            handle, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=folder)
            os.close(handle)
        except OSError as error:
            raise self.fault(error, target) from None
        temp = Path(name)
        deadline = time.monotonic() + self.busy_timeout_ms / 1000

        def give_up_when_late(status: int, _remaining: int, _total: int) -> None:
            if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
                raise StoreError("store.busy", path=str(self.path))

        try:
            copy = sqlite3.connect(temp)
            try:
                self.conn.backup(copy, progress=give_up_when_late)
            finally:
                copy.close()
            os.replace(temp, target)
        except (sqlite3.Error, OSError, StoreError) as error:
            _remove_partial(temp)
            raise self.fault(error, target) from None
        except BaseException:
            _remove_partial(temp)
            raise
        return target

    def fault(self, error: BaseException, path: Path) -> BaseException:
        """The `StoreError` to raise for a failed write at `path` (counted in `faults`), or
        the error itself when it is no fault a user can cure."""
        fault = fault_of(error, path)
        if fault is None:
            return error
        self.faults += 1
        self.last_fault = fault
        return fault

    @contextmanager
    def scratch(self) -> Iterator[Store]:
        """A writable copy of this database in memory, for work whose writes are thrown away
        (an import's preview on a read-only store); closed afterwards."""
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        try:
            self.conn.backup(conn)
            copy = Store(conn, None, wall_clock=self.wall_clock)
            copy.author = self.author
            copy.execute("PRAGMA foreign_keys = ON")
            yield copy
        finally:
            conn.close()

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
        the busy timeout instead of failing with "database is locked" mid-way. A fault – the
        lock not had in that time, a full disk, a read-only file – rolls the whole transaction
        back and raises its `StoreError` (`fault_of`); a read-only store refuses at once.
        """
        conn = self.conn
        if self.read_only:
            raise StoreError("store.opened_read_only", path=str(self.path))
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        where = self.path or Path("")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self.fault(error, where) from None
        try:
            yield self.db
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(error, (sqlite3.OperationalError, OSError)):
                fault = self.fault(error, where)
                if fault is not error:
                    raise fault from None
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


def _connect_read_only(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection that only reads `path`: `mode=ro`, else – only where that cannot work
    and the `-wal` file holds nothing – `immutable=1` (see the module's docstring)."""
    uri = path.resolve().as_uri()
    try:
        return _read_connection(f"{uri}?mode=ro", busy_timeout_ms)
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise StoreError("store.not_a_database", path=str(path)) from None
        if "locked" in str(error) or "busy" in str(error):
            raise StoreError("store.locked", path=str(path)) from None
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StoreError("store.not_readable", path=str(path)) from None
    try:
        return _read_connection(f"{uri}?mode=ro&immutable=1", busy_timeout_ms)
    except sqlite3.Error:
        raise StoreError("store.not_readable", path=str(path)) from None


def _read_connection(uri: str, busy_timeout_ms: int) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False,
                           timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # opens the file now
    except sqlite3.Error:
        conn.close()
        raise
    return conn


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
