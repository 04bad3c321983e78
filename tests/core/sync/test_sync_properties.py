"""Property tests of sync by file: three units edit one project and mail files in random order.

Hypothesis drives three real SQLite databases (one with a clock a week fast) through random
creates, edits, deletes, restores, conflict resolutions, delta and full exports and imports (some
twice, some never until the end). Invariants (sync-design.md §5.1):

- idempotence: importing a file again changes nothing;
- commutativity: two files imported in either order give the same state;
- delta = full: a delta to a unit that has written to us gives what the full file gives;
- nothing lost: every value ever written is shown, listed as a conflict, or was replaced by a
  change whose writer had seen it;
- cache = log: rebuilding the shown tables from the log alone gives the same state;
- convergence: after a final exchange of full files, all three dumps are equal;
- skew containment: a week-fast clock never pulls another unit's clock more than a minute ahead;
- redaction: a unit may take a personal number out of a record's history at any time; all of the
  above still hold, and after the final exchange no unit holds a value that one unit took out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.clock import MAX_REMOTE_AHEAD_MS, stamp_to_ms
from core.db import changelog
from core.db.heads import heads_of, may_conflict
from core.db.store import Store
from core.errors import NotFoundError
from core.ids import stable_id
from core.models import Action, Project
from core.sync import merge
from core.sync.conflicts import choose, keep_deleted, list_conflicts, restore_record
from core.sync.dump import canonical_dump
from core.sync.exporter import export_scope
from core.sync.importer import apply_import
from core.sync.redaction import REDACTED, redact_history
from core.sync.vectors import peer_vectors

START_MS = int(dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC).timestamp() * 1000)
WEEK_MS = 7 * 24 * 3600 * 1000
SKEWS = (0, WEEK_MS, -3 * 24 * 3600 * 1000)
"""Unit 1's clock runs a week fast, unit 2's three days slow."""
SLOTS = 4
PROJECT = "7d1c0000-0000-4000-8000-000000000001"
FIELDS = {
    "change": ("a", "b", "c"),
    "responsible": ("x", "y", ""),
    "status": ("not_started", "done"),
}
NUMBER = "Ring til 010190-1239"
"""A text with a CPR number, which a unit may take out of the history (`redact` below)."""
EXAMPLES = int(os.environ.get("TAVLE_SYNC_EXAMPLES", "100"))


class Clock:
    """A wall clock that moves one second per reading, with a fixed skew."""

    def __init__(self, skew: int) -> None:
        self.now = START_MS + skew

    def __call__(self) -> int:
        self.now += 1000
        return self.now


@dataclass
class World:
    folder: Path
    stores: list[Store]
    clocks: list[Clock]
    outbox: list[Path] = field(default_factory=list)
    written: list[tuple[int, str]] = field(default_factory=list)

    def record_id(self, slot: int) -> str:
        return stable_id(PROJECT, "test_action", slot)


_TEMPLATE: Path | None = None


def _template() -> Path:
    """One migrated empty database, copied for each unit of each example (migrating is slow)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="tavle-sync-template-"))
        store = Store.open(folder / "template.db", fingerprint="template")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        _TEMPLATE = folder / "template.db"
    return _TEMPLATE


def _world(folder: Path) -> World:
    stores, clocks = [], []
    for unit, skew in enumerate(SKEWS):
        path = folder / f"unit{unit}.db"
        shutil.copy(_template(), path)
        clock = Clock(skew)
        store = Store.open(path, wall_clock=clock, fingerprint=f"unit{unit}")
        with store.transaction():
            store.execute("UPDATE sync_replica SET unit_name = ?", [f"Enhed {unit}"])
        store.author = f"U{unit}"
        stores.append(store)
        clocks.append(clock)
    world = World(folder, stores, clocks)
    with stores[0].transaction():
        changelog.create(stores[0], Project(id=PROJECT, name="Fælles projekt"))
    first = export_scope(stores[0], PROJECT, full=True, folder=folder)
    for store in stores[1:]:
        apply_import(store, first.path)
    return world


# -- operations -------------------------------------------------------------------------------

units = st.integers(0, len(SKEWS) - 1)
slots = st.integers(0, SLOTS - 1)
edit_values = st.sampled_from([(f, v) for f, values in FIELDS.items() for v in values])

operations = st.one_of(
    st.tuples(st.just("create"), units, slots, st.sampled_from(FIELDS["change"])),
    st.tuples(st.just("edit"), units, slots, edit_values),
    st.tuples(st.just("edit"), units, slots, edit_values),
    st.tuples(st.just("delete"), units, slots),
    st.tuples(st.just("restore"), units, slots),
    st.tuples(st.just("resolve"), units, st.integers(0, 5), st.sampled_from(["other", "restore",
                                                                            "keep"])),
    st.tuples(st.just("export"), units, st.booleans()),
    st.tuples(st.just("export"), units, st.booleans()),
    st.tuples(st.just("import"), units, st.integers(0, 50)),
    st.tuples(st.just("import"), units, st.integers(0, 50)),
    st.tuples(st.just("commute"), units, st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("delta_is_full"), units, units),
    st.tuples(st.just("create"), units, slots, st.just(NUMBER)),
    st.tuples(st.just("edit"), units, slots, st.just(("change", NUMBER))),
    st.tuples(st.just("redact"), units, slots),
    st.tuples(st.just("redact"), units, slots),
)


def _alive(store: Store, record_id: str) -> bool:
    row = store.execute("SELECT _exists FROM actions WHERE id = ?", [record_id]).fetchone()
    return bool(row and row[0])


def _run(world: World, op: tuple) -> None:
    kind, unit = op[0], op[1]
    store = world.stores[unit]
    if kind == "create":
        record_id = world.record_id(op[2])
        if store.execute("SELECT 1 FROM actions WHERE id = ?", [record_id]).fetchone():
            return
        with store.transaction():
            changelog.create(store, Action(id=record_id, project_id=PROJECT, change=op[3]))
    elif kind == "edit":
        record_id, (name, value) = world.record_id(op[2]), op[3]
        if _alive(store, record_id):
            with store.transaction():
                changelog.update(store, Action, record_id, **{name: value})
    elif kind == "delete":
        record_id = world.record_id(op[2])
        if _alive(store, record_id):
            with store.transaction():
                changelog.delete(store, Action, record_id)
    elif kind == "restore":
        record_id = world.record_id(op[2])
        try:
            with store.transaction():
                changelog.restore(store, Action, record_id)
        except NotFoundError:
            pass
    elif kind == "resolve":
        _resolve(store, op[2], op[3])
    elif kind == "export":
        world.outbox.append(export_scope(store, PROJECT, full=op[2], folder=world.folder).path)
    elif kind == "import" and world.outbox:
        _import_twice(store, world.outbox[op[2] % len(world.outbox)])
        _check_clock(world, unit)
    elif kind == "commute" and world.outbox:
        first = world.outbox[op[2] % len(world.outbox)]
        second = world.outbox[op[3] % len(world.outbox)]
        _check_commutes(world, unit, first, second)
    elif kind == "delta_is_full":
        _check_delta_is_full(world, unit, op[2])
    elif kind == "redact":  # as the CPR guard fixes a hit: edit the number away, take it out
        shown = [row[0] for row in store.execute(
            "SELECT id FROM actions WHERE _exists = 1 AND change LIKE '%010190%' ORDER BY id")]
        record_id = shown[op[2] % len(shown)] if shown else world.record_id(op[2])
        if shown:
            with store.transaction():
                changelog.update(store, Action, record_id, change="b")
        redact_history(store, PROJECT, "action", record_id, "change")


def _resolve(store: Store, index: int, how: str) -> None:
    conflicts = list_conflicts(store, PROJECT)
    if not conflicts:
        return
    conflict = conflicts[index % len(conflicts)]
    if conflict.kind == "deleted_edit":
        (restore_record if how == "restore" else keep_deleted)(store, conflict)
    else:
        choose(store, conflict, conflict.others[0])


def _import_twice(store: Store, path: Path) -> None:
    apply_import(store, path)
    once = canonical_dump(store)
    again = apply_import(store, path)
    assert again.already_imported and not again.applied
    assert canonical_dump(store) == once


def _check_clock(world: World, unit: int) -> None:
    store = world.stores[unit]
    (last,) = store.execute("SELECT hlc_last FROM sync_replica").fetchone()
    assert stamp_to_ms(last) <= world.clocks[unit].now + MAX_REMOTE_AHEAD_MS + 1000


def _copy(world: World, unit: int, name: str) -> Store:
    """A copy of a unit's database that keeps its replica (same fingerprint)."""
    path = world.folder / f"{name}.db"
    target = sqlite3.connect(path)
    world.stores[unit].conn.backup(target)
    target.close()
    return Store.open(path, wall_clock=world.clocks[unit], fingerprint=f"unit{unit}")


def _check_commutes(world: World, unit: int, first: Path, second: Path) -> None:
    one, two = _copy(world, unit, "one"), _copy(world, unit, "two")
    try:
        apply_import(one, first)
        apply_import(one, second)
        apply_import(two, second)
        apply_import(two, first)
        assert canonical_dump(one) == canonical_dump(two)
    finally:
        for store in (one, two):
            store.close()
        for name in ("one", "two"):
            for suffix in (".db", ".db-wal", ".db-shm"):
                (world.folder / f"{name}{suffix}").unlink(missing_ok=True)


def _check_delta_is_full(world: World, sender: int, receiver: int) -> None:
    if sender == receiver:
        return
    source = world.stores[sender]
    peers = peer_vectors(source, PROJECT)
    if peers and world.stores[receiver].replica_id not in peers:
        return  # the delta is cut to what the units that wrote to us hold; not to this one
    delta = export_scope(source, PROJECT, folder=world.folder)
    full = export_scope(source, PROJECT, full=True, folder=world.folder)
    one, two = _copy(world, receiver, "one"), _copy(world, receiver, "two")
    try:
        apply_import(one, delta.path)
        apply_import(two, full.path)
        assert canonical_dump(one) == canonical_dump(two)
    finally:
        for store in (one, two):
            store.close()
        for name in ("one", "two"):
            for suffix in (".db", ".db-wal", ".db-shm"):
                (world.folder / f"{name}{suffix}").unlink(missing_ok=True)


def _check_nothing_lost(store: Store) -> None:
    """Every value of every change is a head (shown or in conflict), was knowingly replaced, or
    is parked; and the records listed as open to conflict are exactly those that may be."""
    keys = store.execute("SELECT DISTINCT scope_id, entity, record_id FROM sync_change").fetchall()
    heads = heads_of(store, keys)
    replaced = set(store.execute("SELECT * FROM sync_replaced").fetchall())
    parked = set(store.execute("SELECT * FROM sync_parked").fetchall())
    for scope, replica, seq, entity, record_id, set_json in store.execute(
        "SELECT scope_id, replica_id, seq, entity, record_id, set_json FROM sync_change"
    ):
        if (scope, replica, seq) in parked:
            continue
        fields = heads.get((scope, entity, record_id), {})
        for name in json.loads(set_json):
            assert (replica, seq) in {(h[1], h[2]) for h in fields.get(name, [])} or (
                scope, entity, record_id, name, replica, seq) in replaced
    listed = set(store.execute("SELECT * FROM sync_open").fetchall())
    assert listed == {key for key, fields in heads.items() if may_conflict(fields)}


def _check_redacted_everywhere(world: World) -> None:
    """Every value any unit took out is taken out at every unit, and nothing else is."""
    refs = [set(store.execute("SELECT scope_id, replica_id, seq, field FROM sync_redaction"))
            for store in world.stores]
    assert refs[0] == refs[1] == refs[2]
    for store in world.stores:
        for scope, replica, seq, name in refs[0]:
            (values,) = store.execute(
                "SELECT set_json FROM sync_change WHERE scope_id = ? AND replica_id = ? "
                "AND seq = ?", [scope, replica, seq]).fetchone()
            assert json.loads(values)[name] == REDACTED
            event("a value was taken out")


def _check_cache_is_log(store: Store) -> None:
    before = canonical_dump(store)
    with store.transaction():
        merge.rebuild(store)
    assert canonical_dump(store) == before


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(operations, min_size=0, max_size=40))
def test_units_that_exchange_files_converge_and_lose_nothing(ops: list[tuple]) -> None:
    with tempfile.TemporaryDirectory(prefix="tavle-sync-") as folder:
        world = _world(Path(folder))
        try:
            for op in ops:
                _run(world, op)
            for store in world.stores:
                _check_nothing_lost(store)
            finals = [
                export_scope(store, PROJECT, full=True, folder=world.folder).path
                for store in world.stores
            ]
            for unit, store in enumerate(world.stores):
                for other, path in enumerate(finals):
                    if other != unit:
                        _import_twice(store, path)
                        _check_clock(world, unit)
            dumps = {canonical_dump(store) for store in world.stores}
            assert len(dumps) == 1
            for store in world.stores:
                _check_nothing_lost(store)
                _check_cache_is_log(store)
            _check_redacted_everywhere(world)
            conflicts = [list_conflicts(store, PROJECT) for store in world.stores]
            assert conflicts[0] == conflicts[1] == conflicts[2]
        finally:
            for store in world.stores:
                store.close()
