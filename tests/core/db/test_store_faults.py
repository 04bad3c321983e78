"""Faults at a write: a busy database, a full disk, a read-only store – each a `StoreError` with
a key the UI translates, the database as before, no partial backup left or counted."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db.store import FAULT_KEYS, Store, fault_of, is_complete_copy
from core.errors import StoreError
from core.i18n import Translator
from core.sync.importer import KEEP_BACKUPS, backup_before_import, prune_backups

SHORT_MS = 100


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "tavle.db", busy_timeout_ms=SHORT_MS)
    yield opened
    opened.close()


@pytest.fixture
def held(store: Store) -> Iterator[sqlite3.Connection]:
    """Another program holding the write lock (a second window, a long import)."""
    assert store.path is not None
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def unit(store: Store) -> str:
    return store.unit_name


def test_a_busy_database_is_told_after_the_busy_timeout_and_nothing_is_written(
    store: Store, held: sqlite3.Connection
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreError) as caught:
        store.set_unit_name("Jobcenter Nord")
    assert caught.value.key == "store.busy"
    assert time.monotonic() - started < 2
    assert "Another program is using the database" in caught.value.message(Translator("en"))
    assert store.faults == 1 and store.last_fault is caught.value
    held.execute("ROLLBACK")
    assert unit(store) == ""
    store.set_unit_name("Jobcenter Nord")  # free again: the same write works
    assert unit(store) == "Jobcenter Nord"


def test_a_full_database_rolls_the_whole_transaction_back(store: Store) -> None:
    (pages,) = store.execute("PRAGMA page_count").fetchone()
    store.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError) as caught, store.transaction():
        store.execute("UPDATE sync_replica SET unit_name = 'half' WHERE id = 1")
        store.execute("CREATE TABLE big (x)")
        store.execute("INSERT INTO big VALUES (randomblob(1000000))")
    assert caught.value.key == "store.full"
    assert not store.conn.in_transaction
    assert unit(store) == ""
    assert "big" not in {r["name"] for r in store.query("SELECT name FROM sqlite_master")}


def test_fault_of_tells_the_faults_from_other_errors(tmp_path: Path) -> None:
    db = tmp_path / "tavle.db"
    assert fault_of(OSError(errno.ENOSPC, "No space left"), db).key == "store.full"  # type: ignore[union-attr]
    assert fault_of(OSError(errno.EROFS, "Read-only"), db).key == "store.not_writable"  # type: ignore[union-attr]
    full = fault_of(sqlite3.OperationalError("database or disk is full"), db)
    assert full is not None and full.key == "store.full"
    assert full.params["path"] == str(db)
    busy = fault_of(sqlite3.OperationalError("database is locked"), db)
    assert busy is not None and busy.key == "store.busy"
    io = fault_of(sqlite3.OperationalError("disk I/O error"), db)  # the disk has room here
    assert io is not None and io.key == "store.write_failed"
    assert fault_of(sqlite3.OperationalError("no such table: x"), db) is None
    assert fault_of(ValueError("bug"), db) is None
    assert {"store.busy", "store.full", "store.not_writable", "store.write_failed"} == FAULT_KEYS


def _fail_rename_of_partials(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".partial"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)


def test_a_backup_that_cannot_be_finished_leaves_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_rename_of_partials(monkeypatch)
    target = tmp_path / "tavle.backup-2026-11-24-101502.db"
    with pytest.raises(StoreError) as caught:
        store.copy_to(target)
    assert caught.value.key == "store.full"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("tavle.db")) == []


def test_a_copy_is_whole_and_only_whole_copies_count(store: Store, tmp_path: Path) -> None:
    copy = store.copy_to(tmp_path / "copy.db")
    assert is_complete_copy(copy)
    cut = tmp_path / "cut.db"
    cut.write_bytes(copy.read_bytes()[:4096])
    assert not is_complete_copy(cut)
    assert not is_complete_copy(tmp_path / "missing.db")


def test_the_backup_before_an_import_counts_only_whole_copies(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    whole = store.copy_to(tmp_path / "whole.db").read_bytes()
    for day in range(1, KEEP_BACKUPS + 1):
        (folder / f"tavle.before-import-2026-11-0{day}-000000-000000.db").write_bytes(whole)
    cut = folder / "tavle.before-import-2026-11-09-000000-000000.db"  # newest, but cut off
    cut.write_bytes(whole[:4096])
    backup_before_import(store)
    prune_backups(store)  # as an import does once it has gone through
    complete = sorted(p.name for p in folder.iterdir() if is_complete_copy(p))
    assert len(complete) == KEEP_BACKUPS
    assert "tavle.before-import-2026-11-01-000000-000000.db" not in complete  # the oldest went

    _fail_rename_of_partials(monkeypatch)
    before = sorted(folder.iterdir())
    with pytest.raises(StoreError) as caught:
        backup_before_import(store)
    assert caught.value.key == "store.full"
    assert sorted(folder.iterdir()) == before  # no partial left, nothing rotated out


def test_a_read_only_store_reads_and_refuses_writes(store: Store, tmp_path: Path) -> None:
    store.set_unit_name("Jobcenter Nord")
    assert store.path is not None
    reader = Store.open(store.path, read_only=True)
    try:
        assert reader.read_only and reader.unit_name == "Jobcenter Nord"
        with pytest.raises(StoreError) as caught:
            reader.set_unit_name("Other")
        assert caught.value.key == "store.opened_read_only"
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("UPDATE sync_replica SET unit_name = 'x'")
        with reader.scratch() as copy:  # a writable copy in memory, thrown away
            copy.set_unit_name("Scratch")
            assert copy.unit_name == "Scratch"
        assert reader.unit_name == "Jobcenter Nord"
    finally:
        reader.close()
    assert unit(store) == "Jobcenter Nord"


def test_a_read_only_open_refuses_what_it_cannot_read_without_writing(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "none.db", read_only=True)
    assert caught.value.key == "store.missing"
    assert not (tmp_path / "none.db").exists()
    assert store.path is not None
    with pytest.raises(StoreError) as caught:  # copied to another PC: needs a new replica id
        Store.open(store.path, read_only=True, fingerprint="another-pc/someone")
    assert caught.value.key == "store.needs_write"


def test_a_read_only_store_reads_while_another_program_writes(
    store: Store, held: sqlite3.Connection
) -> None:
    assert store.path is not None
    reader = Store.open(store.path, read_only=True, busy_timeout_ms=SHORT_MS)
    try:
        assert reader.replica_row() is not None
    finally:
        reader.close()


def _mount_small_disk(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                          capture_output=True, check=False)
    return done.returncode == 0


def _fill(folder: Path) -> None:
    with (folder / "fill").open("wb") as handle:
        try:
            while True:
                handle.write(b"x" * 65536)
                handle.flush()
        except OSError:
            pass


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB disk (root only: skipped where it cannot be mounted)."""
    folder = tmp_path / "disk"
    if not hasattr(os, "geteuid") or not _mount_small_disk(folder):
        pytest.skip("mounting a small disk needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_on_a_real_full_disk_writes_are_told_and_reads_still_work(full_disk: Path) -> None:
    path = full_disk / "tavle.db"
    Store.open(path).close()
    _fill(full_disk)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)  # cannot even make the shared-memory file
    assert caught.value.key == "store.full"
    reader = Store.open(path, read_only=True)
    try:
        assert reader.replica_row() is not None
    finally:
        reader.close()
    assert path.read_bytes() == before
    (full_disk / "fill").unlink()
    store = Store.open(path)
    try:
        _fill(full_disk)
        with pytest.raises(StoreError) as caught:
            store.copy_to(full_disk / "tavle.backup-2026-11-24-000000.db")
        assert caught.value.key == "store.full"
        assert sorted(p.name for p in full_disk.iterdir() if ".backup" in p.name
                      or p.name.endswith(".partial")) == []
    finally:
        store.close()
