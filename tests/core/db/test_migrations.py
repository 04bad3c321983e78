"""Migrations and opening files: what `Store.open` migrates, and what it refuses untouched."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from core.db import changelog
from core.db.store import Store
from core.errors import StoreError
from core.models import ENTITIES, Action, Project
from core.project import projects
from migrations import LEDGER, MIGRATION_SET, NAMES
from migrations.migrations import migrations

FINGERPRINT = "test-pc/tester"
TODAY = dt.date(2026, 11, 24)
ALL_MIGRATIONS = [m.name for m in migrations._migrations]
SYNC_TABLES = {
    "sync_replica", "sync_replica_history", "sync_log", "sync_name", "sync_replaced",
    "sync_parked", "sync_open", "sync_peer", "sync_import",
}
"""The sync tables (`sync_change` is a view over `sync_log` since m018)."""
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def open_store(path: Path) -> Store:
    return Store.open(path, fingerprint=FINGERPRINT)


def refused(path: Path) -> StoreError:
    """Open `path`, expect a refusal, and check the file was not touched."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreError) as caught:
        open_store(path)
    if before is not None:
        assert path.read_bytes() == before
    assert not list(path.parent.glob("*.backup-*"))
    return caught.value


# -- from empty ----------------------------------------------------------------------------


def test_every_migration_applies_from_empty() -> None:
    db = Database(memory=True)
    migrations.apply(db)
    assert [m.name for m in migrations.applied(db)] == ALL_MIGRATIONS
    assert not migrations.pending(db)
    tables = set(db.table_names())
    assert tables >= SYNC_TABLES
    assert "sync_change" in db.view_names()
    assert tables >= {model.TABLE for model in ENTITIES.values()}
    assert "idx_measurements_series" in {i.name for i in db["measurements"].indexes}


def test_migration_names_are_numbered_in_order() -> None:
    numbers = [int(name[1:4]) for name in ALL_MIGRATIONS]
    assert numbers == list(range(1, len(ALL_MIGRATIONS) + 1))


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_model_field_has_a_column(entity: str) -> None:
    db = Database(memory=True)
    migrations.apply(db)
    model = ENTITIES[entity]
    columns = db[model.TABLE].columns_dict
    assert set(columns) == set(model.model_fields) | {"_exists"}
    assert db[model.TABLE].pks == ["id"]


def test_a_new_file_is_created_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    store = open_store(path)
    try:
        assert path.is_file()
        assert [m.name for m in migrations.applied(store.db)] == ALL_MIGRATIONS
        assert store.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
        assert store.query("PRAGMA foreign_keys")[0]["foreign_keys"] == 1
        assert store.backup is None
        assert store.replica_id
    finally:
        store.close()


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    path.write_bytes(b"")
    store = open_store(path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == ALL_MIGRATIONS
        projects.create_project(store, "Sygefravær")
        assert [p.name for p in projects.list_projects(store, today=TODAY)] == ["Sygefravær"]
    finally:
        store.close()


def test_a_first_open_that_stopped_before_the_first_step_is_finished(tmp_path: Path) -> None:
    # Tavle created the migrations ledger, then stopped (power cut) before m001 committed.
    path = tmp_path / "tavle.db"
    db = Database(path)
    migrations.ensure_migrations_table(db)
    db.close()
    store = open_store(path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == ALL_MIGRATIONS
        assert store.backup is None
    finally:
        store.close()


def test_reopening_keeps_data_and_replica(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    store = open_store(path)
    project = projects.create_project(store, "Hurtigere afklaring")
    replica = store.replica_id
    store.close()
    store = open_store(path)
    try:
        assert store.replica_id == replica
        assert store.backup is None
        assert projects.get_project(store, project.id).name == "Hurtigere afklaring"
    finally:
        store.close()


def test_a_database_copied_to_another_pc_gets_a_new_replica(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    store = Store.open(path, fingerprint="pc-1/anne")
    project = projects.create_project(store, "Kopieret")
    old_replica = store.replica_id
    store.close()

    store = Store.open(path, fingerprint="pc-2/bo")
    try:
        assert store.replica_id != old_replica
        history = store.query("SELECT replica_id, host_fingerprint FROM sync_replica_history")
        assert history == [{"replica_id": old_replica, "host_fingerprint": "pc-1/anne"}]
        projects.rename_project(store, project.id, "Rettet på den anden pc")
        rows = store.query("SELECT replica_id, seq FROM sync_change ORDER BY hlc")
        assert rows == [
            {"replica_id": old_replica, "seq": 1}, {"replica_id": store.replica_id, "seq": 1},
        ]
    finally:
        store.close()


def test_an_in_memory_store_works_like_a_file() -> None:
    store = Store.memory()
    try:
        project = projects.create_project(store, "I hukommelsen")
        assert projects.get_project(store, project.id).name == "I hukommelsen"
        assert store.path is None and store.backup is None
    finally:
        store.close()


# -- an older database -----------------------------------------------------------------------


def make_old_database(path: Path) -> tuple[str, str]:
    """Build a file at the schema before m003 with a project and an action, written as a Tavle
    of that time wrote them (plain rows, so later fields of today's models play no part)."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    migrations.apply(db, stop_before="m003_indexes")
    project_id, action_id = "0b0e2c1a-0000-4000-8000-000000000001", "0b0e2c1a-0000-4000-8000-0002"
    with db.atomic():
        db["sync_replica"].insert(
            {"id": 1, "replica_id": "old-replica", "unit_name": "Jobcenter Nord",
             "host_fingerprint": FINGERPRINT, "hlc_last": 2 << 16,
             "created_at": "2026-01-05T08:00:00+00:00"}
        )
        db["projects"].insert(
            {"id": project_id, "name": "Borgerforløb på tværs", "unit": "Jobcenter",
             "leader": "", "current_phase": 1, "archived": 0, "created_on": "2026-01-05",
             "_exists": 1}
        )
        db["actions"].insert(
            {"id": action_id, "project_id": project_id, "change": "Fælles visitation",
             "responsible": "KL", "effect": "", "how": "", "deadline": None,
             "status": "not_started", "measure_id": None, "idea_id": None, "step_id": None,
             "order": "", "_exists": 1}
        )
        for seq, (entity, record_id) in enumerate(
            (("project", project_id), ("action", action_id)), start=1
        ):
            db["sync_change"].insert(
                {"scope_id": project_id, "replica_id": "old-replica", "seq": seq,
                 "hlc": seq << 16, "entity": entity, "record_id": record_id,
                 "set_json": '{"_exists":true}', "prev_json": "{}", "covers_json": None,
                 "author": "AB", "vocab": 1, "content_hash": b"old", "via_export": None}
            )
    db.close()
    return project_id, action_id


def test_an_older_database_is_backed_up_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    project_id, action_id = make_old_database(path)

    store = open_store(path)
    try:
        assert [m.name for m in migrations.applied(store.db)] == ALL_MIGRATIONS
        assert "idx_actions_project" in {i.name for i in store.db["actions"].indexes}
        assert store.replica_id == "old-replica"
        assert store.unit_name == "Jobcenter Nord"
        assert projects.get_project(store, project_id).name == "Borgerforløb på tværs"
        assert changelog.load(store, Action, action_id).responsible == "KL"
        changes = store.query("SELECT author, entity FROM sync_change ORDER BY seq")
        assert changes == [
            {"author": "AB", "entity": "project"}, {"author": "AB", "entity": "action"},
        ]
        # The migrated file is writable through the API.
        projects.rename_project(store, project_id, "Nyt navn")
        backup = store.backup
    finally:
        store.close()

    assert backup is not None and backup.parent == tmp_path
    assert [p.name for p in tmp_path.glob("*.backup-*")] == [backup.name]
    assert backup.name.startswith("tavle.backup-") and backup.suffix == ".db"
    old = Database(backup)
    try:
        assert [m.name for m in migrations.applied(old)] == ALL_MIGRATIONS[:2]
        assert "idx_actions_project" not in {i.name for i in old["actions"].indexes}
        assert old.execute("SELECT name FROM projects").fetchall() == [("Borgerforløb på tværs",)]
        assert old.execute("SELECT COUNT(*) FROM sync_change").fetchone() == (2,)
    finally:
        old.close()


def test_a_current_database_is_not_backed_up_again(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    make_old_database(path)
    open_store(path).close()
    open_store(path).close()
    assert len(list(tmp_path.glob("*.backup-*"))) == 1


# -- refusals --------------------------------------------------------------------------------


def test_a_database_from_a_newer_tavle_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    store = open_store(path)
    projects.create_project(store, "Fra fremtiden")
    store.db["_sqlite_migrations"].insert(
        {"migration_set": "tavle", "name": "m999_from_the_future",
         "applied_at": "2030-01-01 00:00:00+00:00"}
    )
    store.close()
    error = refused(path)
    assert error.key == "store.newer_version"
    assert error.params == {"path": str(path)}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Dette er en tekstfil.\n" * 20, id="text"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), id="png"),
        pytest.param(bytes(range(256)) * 16, id="random"),
        pytest.param(b"SQLite format 3\x00" + b"\xff" * 2000, id="damaged-sqlite"),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "tavle.db"
    path.write_bytes(content)
    assert refused(path).key == "store.not_a_database"


def test_a_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "andet.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (bar TEXT)")
    conn.execute("INSERT INTO foo VALUES ('baz')")
    conn.commit()
    conn.close()
    assert refused(path).key == "store.not_tavle"


def test_another_sqlite_utils_program_is_not_tavle(tmp_path: Path) -> None:
    path = tmp_path / "andet.db"
    db = Database(path)
    db["_sqlite_migrations"].insert(
        {"migration_set": "other", "name": "m001_initial", "applied_at": "2026-01-01"}
    )
    db.close()
    assert refused(path).key == "store.not_tavle"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tavle.db"
    folder.mkdir()
    error = refused(folder)
    assert error.key == "store.is_directory"
    assert not list(folder.iterdir())


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "findes-ikke" / "tavle.db"
    error = refused(path)
    assert error.key == "store.no_folder"
    assert error.params == {"path": str(path), "folder": str(path.parent)}
    assert not path.parent.exists()


@pytest.mark.skipif(IS_ROOT, reason="root can write to read-only files; cannot test as root")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    open_store(path).close()
    path.chmod(0o444)
    try:
        assert refused(path).key == "store.not_writable"
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(IS_ROOT, reason="root can write to read-only folders; cannot test as root")
def test_a_new_file_in_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        error = refused(folder / "tavle.db")
        assert error.key == "store.not_writable"
        assert not (folder / "tavle.db").exists()
    finally:
        folder.chmod(0o755)


# -- two windows on one file -------------------------------------------------------------------


def test_two_stores_on_one_file_can_both_write(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    first, second = open_store(path), open_store(path)
    try:
        assert first.replica_id == second.replica_id
        projects.create_project(first, "Fra første vindue")
        projects.create_project(second, "Fra andet vindue")
        projects.create_project(first, "Igen fra første")
        for store in (first, second):
            assert sorted(p.name for p in projects.list_projects(store, today=TODAY)) == [
                "Fra andet vindue", "Fra første vindue", "Igen fra første",
            ]
        seqs = [r["seq"] for r in first.query("SELECT seq FROM sync_change ORDER BY hlc")]
        assert seqs == [1, 1, 1]  # one scope per project
    finally:
        first.close()
        second.close()


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "tavle.db"
    first, second = open_store(path), open_store(path)
    done: list[str] = []
    errors: list[BaseException] = []

    def write_from_second() -> None:
        try:
            done.append(projects.create_project(second, "Ventede").name)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    try:
        with first.transaction():
            changelog.create(first, Project(name="Holder låsen"))
            worker = threading.Thread(target=write_from_second)
            worker.start()
            time.sleep(0.3)
            assert not done  # blocked by BEGIN IMMEDIATE, waiting on the busy timeout
        worker.join(timeout=10)
        assert not errors
        assert done == ["Ventede"]
        assert len(projects.list_projects(first, today=TODAY)) == 2
    finally:
        first.close()
        second.close()


def test_the_list_of_step_names_matches_the_steps() -> None:
    assert [m.name for m in migrations._migrations] == list(NAMES)
    assert migrations.name == MIGRATION_SET
    assert migrations.migrations_table == LEDGER


# -- team passphrases move out of the file (m015) ------------------------------------------------

OLD_SECRET, SECRET, SECOND = "Gammel kode fra sidste år", "Grøn kaffe på tirsdag", "Anden kode 2026"
REMOVED = "Fjernet kode fra et lukket projekt"
BEFORE_M015 = "m015_secrets_outside_the_database"


def make_database_with_passphrases(path: Path) -> None:
    """A file as the Tavle before m015 left it: WAL, two passphrases in `sync_passphrase`, one
    of them changed once, and many more removed (closed projects). Written without
    `secure_delete` (Windows' SQLite does not turn it on), so the removed ones (and perhaps the
    changed one's first value) linger in the file's free pages."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA secure_delete = OFF")
    db = Database(conn)
    migrations.apply(db, stop_before=BEFORE_M015)
    with db.atomic():
        db["sync_replica"].insert(
            {"id": 1, "replica_id": "old-replica", "unit_name": "Jobcenter Nord",
             "host_fingerprint": FINGERPRINT, "hlc_last": 0,
             "created_at": "2026-01-05T08:00:00+00:00"}
        )
        for scope, value in (("p1", OLD_SECRET), ("p2", SECOND)):
            db.execute("INSERT INTO sync_passphrase VALUES (?, ?, '2026-01-05')", [scope, value])
        for n in range(200):
            db.execute("INSERT INTO sync_passphrase VALUES (?, ?, '2026-01-05')",
                       [f"closed-{n:03}", f"{REMOVED} {n:03}"])
    db.execute("UPDATE sync_passphrase SET passphrase = ? WHERE scope_id = 'p1'", [SECRET])
    db.execute("DELETE FROM sync_passphrase WHERE scope_id LIKE 'closed-%'")
    conn.close()


def file_bytes(path: Path) -> bytes:
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists()
    )


def test_an_older_databases_passphrases_move_out_of_its_bytes(tmp_path: Path) -> None:
    from core import secrets
    from core.sync.passphrase import passphrase_for

    path = tmp_path / "tavle.db"
    make_database_with_passphrases(path)
    for word in (REMOVED, SECRET, SECOND):  # the test sees them where they are (the removed
        assert word.encode() in file_bytes(path), word  # one in free space)

    store = open_store(path)
    try:
        assert store.query("SELECT * FROM sync_passphrase") == []
        assert passphrase_for(store, "p1") == SECRET
        assert passphrase_for(store, "p2") == SECOND
        kept = {f"{store.secrets_id}/p1": SECRET, f"{store.secrets_id}/p2": SECOND}
        assert {k: secrets.get(k) for k in kept} == kept
        assert store.replica_id == "old-replica"
        backup = store.backup
    finally:
        store.close()
    for word in (REMOVED, OLD_SECRET, SECRET, SECOND):
        assert word.encode() not in file_bytes(path)
        # The copy made before migrating is cleaned too, and stays a database of that time.
        assert backup is not None and word.encode() not in file_bytes(backup)
    old = Database(backup)
    try:
        assert BEFORE_M015 not in {m.name for m in migrations.applied(old)}
        assert old.execute("SELECT COUNT(*) FROM sync_passphrase").fetchone() == (0,)
    finally:
        old.close()


def test_a_move_cut_short_is_finished_at_the_next_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.db import store as store_module
    from core.sync.passphrase import passphrase_for

    path = tmp_path / "tavle.db"
    make_database_with_passphrases(path)
    with monkeypatch.context() as cut:
        # Stopped after the secret store has the passphrases, before the rows are deleted.
        cut.setattr(store_module, "forget_rows", lambda conn, rows: None)
        open_store(path).close()
    store = open_store(path)
    try:
        assert [r["scope_id"] for r in store.query("SELECT scope_id FROM sync_passphrase")] == []
        assert passphrase_for(store, "p1") == SECRET
    finally:
        store.close()
    for word in (REMOVED, OLD_SECRET, SECRET, SECOND):
        assert word.encode() not in file_bytes(path)


def test_a_passphrase_the_secret_store_cannot_keep_stays_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.sync.passphrase import passphrase_for, set_passphrase

    path = tmp_path / "tavle.db"
    make_database_with_passphrases(path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with monkeypatch.context() as nowhere:
        nowhere.setenv("TAVLE_CONFIG_DIR", str(blocker / "config"))
        store = open_store(path)  # opens without an error; the rows stay for the next open
        try:
            assert len(store.query("SELECT * FROM sync_passphrase")) == 2
            assert passphrase_for(store, "p1") == SECRET
        finally:
            store.close()
    store = open_store(path)
    try:
        assert store.query("SELECT * FROM sync_passphrase") == []
        assert passphrase_for(store, "p2") == SECOND
        set_passphrase(store, "p2", None)
        assert passphrase_for(store, "p2") is None
    finally:
        store.close()
    for word in (REMOVED, OLD_SECRET, SECRET, SECOND):
        assert word.encode() not in file_bytes(path)


def test_a_new_database_has_a_secrets_id_of_its_own(tmp_path: Path) -> None:
    first, second = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    try:
        assert first.secrets_id != second.secrets_id
        assert first.secrets_id not in (first.replica_id, second.replica_id)
    finally:
        first.close()
        second.close()


BEFORE_M017 = "m017_heads_from_the_log"


def make_database_with_head_table(path: Path) -> None:
    """A file as the Tavle before m017 left it: every field's heads in `sync_head` beside the
    log. Record a has two heads of its status (a conflict), record b is deleted, record c has
    one head per field; a change from a newer Tavle (vocabulary 99) is parked (no head), one of
    vocabulary 10 that this version could read is a head; 3,000 more records fill the table."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    db = Database(conn)
    migrations.apply(db, stop_before=BEFORE_M017)
    changes: list[tuple[Any, ...]] = []
    heads: list[tuple[Any, ...]] = []

    def change(replica: str, seq: int, record: str, values: dict[str, Any], vocab: int = 9,
               head: bool = True) -> None:
        changes.append(("p", replica, seq, seq << 16, "action", record, json.dumps(values),
                        "{}", None, "AB", vocab, b"h", None))
        if head:
            heads.extend(("p", "action", record, field, replica, seq, seq << 16,
                          json.dumps(value)) for field, value in values.items())

    change("r1", 1, "a", {"_exists": True, "status": "done"})
    change("r2", 1, "a", {"status": "not_started"})
    change("r1", 2, "b", {"_exists": False})
    change("r1", 3, "c", {"_exists": True, "change": "Kortere ventetid"})
    change("r1", 4, "c", {"future_field": 1}, vocab=99, head=False)
    change("r1", 5, "c", {"how": "Sådan"}, vocab=10)
    for n in range(3000):
        change("r3", n + 1, f"x{n:05}", {"_exists": True, "change": "x" * 1000})
    with db.atomic():
        conn.executemany(f"INSERT INTO sync_change VALUES ({','.join('?' * 13)})", changes)
        conn.executemany(f"INSERT INTO sync_head VALUES ({','.join('?' * 8)})", heads)
        db["sync_replica"].insert(
            {"id": 1, "replica_id": "old-replica", "unit_name": "Jobcenter Nord",
             "host_fingerprint": FINGERPRINT, "hlc_last": 0,
             "created_at": "2026-01-05T08:00:00+00:00", "secrets_id": "s"})
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_heads_move_from_their_table_to_the_log(tmp_path: Path) -> None:
    from core.db.heads import heads_of

    path = tmp_path / "tavle.db"
    make_database_with_head_table(path)
    size_before = path.stat().st_size
    store = open_store(path)
    try:
        tables = {r["name"] for r in store.query("SELECT name FROM sqlite_master")}
        assert "sync_head" not in tables
        assert store.query("SELECT * FROM sync_parked") == [
            {"scope_id": "p", "replica_id": "r1", "seq": 4}]
        assert store.execute("SELECT * FROM sync_open ORDER BY 3").fetchall() == [
            ("p", "action", "a"), ("p", "action", "b")]
        found = heads_of(store, [("p", "action", key) for key in "abc"])
        assert [(h[1], h[3]) for h in found[("p", "action", "a")]["status"]] == [
            ("r2", "not_started"), ("r1", "done")]
        assert found[("p", "action", "b")] == {"_exists": [(2 << 16, "r1", 2, False)]}
        assert set(found[("p", "action", "c")]) == {"_exists", "change", "how"}
        (free,) = store.execute("PRAGMA freelist_count").fetchone()
        assert free == 0  # the dropped table's pages went back to the disk
    finally:
        store.close()
    assert path.stat().st_size < size_before


# -- m018: the compact change log ----------------------------------------------------------

BEFORE_M018 = "m018_compact_change_log"


def test_m018_keeps_every_change_exactly(tmp_path: Path) -> None:
    """Changes of every shape written to the old table come back from the view unchanged."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = Database(conn)
    migrations.apply(db, stop_before=BEFORE_M018)
    shapes: list[tuple[str, dict[str, object] | str, str, str | None, int, str | None]] = [
        ("measurement", {"_exists": True, "value": 0.1 + 0.2, "note": "", "numerator": None,
                         "period": "2026-W01"}, "{}", None, 9, "export-1"),
        ("measurement", {"value": 1e-7, "denominator": 12345678901234567890}, '{"value":'
         '[["r1",1]]}', None, 9, "export-1"),
        ("action", {"_exists": False}, "{}", '[["r1",1],["r2",3]]', 9, None),
        ("action", {"change": "Færre dage 🙂 \u2028 \"quoted\" \\ tab\t", "done": True,
                    "order": "00000001", "tags": ["a", {"b": 2.5, "a": False}]}, "{}", None, 9,
         None),
        ("action", {"how": "[redacted]"}, "{}", None, 9, None),
        ("future_thing", {"future_field": 1, "z": -0.0}, "{}", None, 99, "export-2"),
        ("project", {}, "{}", None, 9, None),
        ("project", '{"b":1,"a":2}', "{}", None, 9, None),  # not canonical: kept as it is
    ]
    rows = []
    for seq, (entity, values, prev, covers, vocab, via) in enumerate(shapes, start=1):
        set_json = values if isinstance(values, str) else changelog.canonical_json(values)
        rows.append(("scope-1" if seq % 2 else "scope-2", f"r{seq % 3}", seq, seq << 16,
                     entity, f"rec-{seq % 4}", set_json, prev, covers, "AB", vocab,
                     bytes([seq]) * 32, via))
    conn.executemany(f"INSERT INTO sync_change VALUES ({','.join('?' * 13)})", rows)
    query = "SELECT * FROM sync_change ORDER BY scope_id, replica_id, seq"
    before = conn.execute(query).fetchall()
    assert sorted(before) == sorted(rows)
    conn.close()

    store = open_store(path)
    try:
        assert "sync_change" in store.db.view_names()
        after = store.execute(query).fetchall()
        assert after == before
        assert [tuple(r) for r in store.execute(
            "SELECT * FROM sync_change WHERE scope_id = ? AND entity = ? AND record_id = ?",
            ["scope-1", "measurement", "rec-1"])] == [r for r in before if r[0] == "scope-1"
                                                       and r[4] == "measurement"
                                                       and r[5] == "rec-1"]
        (kept_whole,) = store.execute(
            "SELECT COUNT(*) FROM sync_log WHERE keyset IS NULL").fetchone()
        assert kept_whole == 1
    finally:
        store.close()


def test_m018_new_changes_read_back_as_written() -> None:
    """A change written after m018 reads back with the text `canonical_json` gives."""
    store = Store.memory()
    with store.transaction():
        project = projects.create_project(store, name="Kortere ventetid", unit="Nord")
    (set_json,) = store.execute(
        "SELECT set_json FROM sync_change WHERE record_id = ?", [project.id]).fetchone()
    values = json.loads(set_json)
    assert set_json == changelog.canonical_json(values)
    assert values["name"] == "Kortere ventetid"
