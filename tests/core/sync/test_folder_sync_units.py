"""Sync through a shared folder as a synced folder really behaves (`core.sync.folder`).

Each unit has its own local folder, and a simulated file service (`Cloud`, like OneDrive or a
SharePoint library synced to each PC) copies the files between them with the faults real
services produce: files arrive late (rounds later), twice (a file pruned away reappears, a file
is copied again), half-written (the name first holds a truncated prefix of the bytes, completed
at a later step), as zero-length placeholders, beside conflict copies named like OneDrive's
(`<name>-PC-navn.tavle`) and "(1)" copies; deletions (pruning) reach the other folders late.
The simple case – one network share every unit uses directly – is `Share`.

Checked: after a quiet phase (the service delivers everything whole, every unit syncs until
nothing changes) every unit's canonical dump is the same, every unit lists the same conflicts,
and SQLite's integrity check passes; a half-written or empty file is only ever skipped, never
imported; a unit offline for a month catches up in one sync; pruning never takes a file a
writer has not acknowledged; sealed projects stay sealed in the folder; the CPR guard stops a
write; a unit that only mails files with one folder unit converges with everyone.

No test reads the real date: every sync is given `now`, every store a simulated wall clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import shutil
import sqlite3
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as _event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from core.db import changelog
from core.db import store as store_module
from core.db.store import Store
from core.errors import InvalidError, NotFoundError
from core.ids import stable_id
from core.models import Action, Measure, Measurement, Project
from core.sync import passphrase as team
from core.sync.conflicts import choose, keep_deleted, list_conflicts, restore_record
from core.sync.dump import canonical_dump
from core.sync.errors import SyncFileError
from core.sync.exporter import export_scope
from core.sync.fileformat import PAYLOAD, SEALED
from core.sync.folder import (
    FolderEntry,
    FolderScan,
    FolderSync,
    folder_status,
    join_folder,
    newest_files,
    read_others,
    scan_folder,
    set_keep_days,
    set_shared_folder,
    shared_folder,
    sync_scope,
    write_own,
)
from core.sync.importer import apply_import
from core.sync.vectors import seen_vector

PROJECT = "f01d0000-0000-4000-8000-000000000001"
MEASURE = stable_id(PROJECT, "measure", 1)
START = dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC)
START_MS = int(START.timestamp() * 1000)
DAY = dt.timedelta(days=1)
TODAY = dt.date(2026, 11, 24)
PASSPHRASE = "fælles hemmelighed i mappen"
SLOTS = 3
"""Actions per example: few, so that units often edit the same one."""
TEXTS = ("Ring til borgeren", "Skriv til lægen", "Holdmøde")
PEOPLE = ("", "LK", "MH")
STATUSES = ("not_started", "in_progress", "done")
PERIODS = ("2026-W47", "2026-W48")


def event(text: str) -> None:
    """Count a case for hypothesis' statistics (nothing outside a hypothesis test)."""
    if currently_in_test_context():
        _event(text)


# -- units ---------------------------------------------------------------------------------------


class Clock:
    """A wall clock that moves one second per reading and a day when told."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = int(start.timestamp() * 1000)

    def __call__(self) -> int:
        self.now += 1000
        return self.now

    def utc(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.now / 1000, dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self.now += int(delta.total_seconds() * 1000)


def _open(path: Path, clock: Clock, name: str) -> Store:
    store = Store.open(path, wall_clock=clock, fingerprint=name)
    # Durability against power loss is not under test here: commits skip the disk flush.
    store.execute("PRAGMA synchronous = OFF")
    store.author = name[-3:].upper()
    return store


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty migrated database without a replica: each copy gets its own at its first open
    (migrating each unit's database anew is the slow part of a unit)."""
    folder = tmp_path_factory.mktemp("blank")
    store = Store.open(folder / "blank.db", fingerprint="blank")
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    conn = sqlite3.connect(folder / "blank.db")
    with conn:
        conn.execute("DELETE FROM sync_replica")
    conn.close()
    return folder / "blank.db"


def _new_unit(blank: Path, folder: Path, name: str, clock: Clock | None = None) -> Store:
    path = folder / f"{name}.db"
    shutil.copy(blank, path)
    store = _open(path, clock or Clock(), name)
    store.set_unit_name(name)
    return store


def _start_project(store: Store) -> None:
    with store.transaction():
        changelog.create(store, Project(id=PROJECT, name="Fælles mappe", created_on=TODAY))
        changelog.create(store, Measure(id=MEASURE, project_id=PROJECT, name="Ventetid",
                                        unit="dage"))


@pytest.fixture(autouse=True, scope="module")
def _cheap_scrypt() -> Iterator[None]:
    """Sealed files use the least scrypt cost a reader accepts; keys are derived once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(team, "SCRYPT_N", team.MIN_N)
        patch.setattr(team, "derive", functools.lru_cache(maxsize=1024)(team.derive))
        yield


def _action_id(slot: int) -> str:
    return stable_id(PROJECT, "action", slot)


def _alive(store: Store, model: Any, rid: str) -> bool:
    try:
        changelog.load(store, model, rid)
    except NotFoundError:
        return False
    return True


def _edit(store: Store, op: tuple[Any, ...]) -> None:
    """One edit by a coordinator: create, edit, delete or restore an action, type a
    measurement, or settle a conflict."""
    kind = op[0]
    if kind == "create":
        _, slot, text = op
        if store.execute("SELECT 1 FROM actions WHERE id = ?", [_action_id(slot)]).fetchone():
            return
        with store.transaction():
            changelog.create(store, Action(id=_action_id(slot), project_id=PROJECT, change=text))
    elif kind == "edit":
        _, slot, name, value = op
        if _alive(store, Action, _action_id(slot)):
            with store.transaction():
                changelog.update(store, Action, _action_id(slot), **{name: value})
    elif kind == "delete":
        if _alive(store, Action, _action_id(op[1])):
            with store.transaction():
                changelog.delete(store, Action, _action_id(op[1]))
    elif kind == "restore":
        try:
            with store.transaction():
                changelog.restore(store, Action, _action_id(op[1]))
        except (NotFoundError, InvalidError):
            pass
    elif kind == "measure":
        _, period, value = op
        rid = Measurement.id_for(PROJECT, MEASURE, period)
        with store.transaction():
            if store.execute("SELECT 1 FROM measurements WHERE id = ?", [rid]).fetchone():
                changelog.update(store, Measurement, rid, value=value)
            else:
                changelog.create(store, Measurement(id=rid, project_id=PROJECT,
                                                    measure_id=MEASURE, period=period,
                                                    value=value))
    elif kind == "resolve":
        conflicts = list_conflicts(store, PROJECT)
        if conflicts:
            conflict = conflicts[op[1] % len(conflicts)]
            event(f"resolved a {conflict.kind} conflict")
            if conflict.kind == "deleted_edit":
                (restore_record if op[1] % 2 else keep_deleted)(store, conflict)
            else:
                choose(store, conflict, conflict.others[0])


def edit_ops(pick: Any) -> tuple[Any, ...]:
    """A random edit (`pick(options)` chooses one)."""
    kind = pick(("create", "edit", "edit", "edit", "delete", "restore", "measure", "resolve"))
    if kind == "create":
        return kind, pick(range(SLOTS)), pick(TEXTS)
    if kind == "edit":
        name = pick(("change", "responsible", "status"))
        pool = {"change": TEXTS, "responsible": PEOPLE, "status": STATUSES}[name]
        return kind, pick((0, 0, 1, 2)), name, pick(pool)
    if kind in ("delete", "restore"):
        return kind, pick(range(SLOTS))
    if kind == "measure":
        return kind, pick(PERIODS), float(pick((1, 2, 3)))
    return kind, pick(range(4))


# -- the file services ---------------------------------------------------------------------------


def _is_tavle(name: str) -> bool:
    return name.endswith(".tavle") and not name.startswith(".")


@dataclass
class Share:
    """One network share every unit uses directly."""

    root: Path

    def folder(self, unit: int) -> Path:
        self.root.mkdir(exist_ok=True)
        return self.root

    def step(self, rnd: random.Random | None = None) -> None:
        """Nothing to copy: every unit sees the one folder."""

    def settle(self) -> None:
        """Nothing to deliver."""

    def broken(self, unit: int) -> set[str]:
        return set()


@dataclass
class Cloud:
    """OneDrive-like: each unit its own local folder, and a service that copies files between
    them through the cloud, with faults when given a random generator."""

    root: Path
    units: int
    server: dict[str, bytes] = field(default_factory=dict)
    """What the cloud holds now, by name."""
    gone: dict[str, bytes] = field(default_factory=dict)
    """Files deleted in the cloud (they may come back for a while: a stale client)."""
    placed: list[dict[str, bytes]] = field(default_factory=list)
    """Per unit, what the service last put in (or took from) its folder, by name."""
    pending: list[dict[str, bytes]] = field(default_factory=list)
    """Per unit, files the service started writing and has not finished (prefix or empty)."""
    owned: list[set[str]] = field(default_factory=list)
    """Per unit, the names it wrote itself (uploaded)."""
    pc: list[str] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)
    """The copies the service made, and the file each copies."""

    def __post_init__(self) -> None:
        for unit in range(self.units):
            (self.root / f"pc{unit}").mkdir(parents=True, exist_ok=True)
            self.placed.append({})
            self.pending.append({})
            self.owned.append(set())
            self.pc.append(f"PC-{unit:02d}")

    def folder(self, unit: int) -> Path:
        return self.root / f"pc{unit}"

    def _local(self, unit: int) -> dict[str, Path]:
        return {p.name: p for p in sorted(self.folder(unit).iterdir()) if _is_tavle(p.name)}

    def broken(self, unit: int) -> set[str]:
        """The names in the unit's folder that now hold a prefix or nothing."""
        return set(self.pending[unit])

    def _upload(self, unit: int, rnd: random.Random | None) -> None:
        local = self._local(unit)
        for name, path in local.items():
            if name in self.placed[unit] or name in self.pending[unit]:
                continue  # the service put it there
            if rnd is not None and rnd.random() < 0.25:
                event("cloud: an upload is late")
                continue
            data = path.read_bytes()
            self.server[name] = data
            self.gone.pop(name, None)
            self.owned[unit].add(name)
            self.placed[unit][name] = data
        for name in list(self.placed[unit]):
            if name not in local and name not in self.pending[unit]:
                if rnd is not None and rnd.random() < 0.3:
                    event("cloud: a deletion is late")
                    continue
                del self.placed[unit][name]
                if name in self.server and name in self.owned[unit]:
                    self.gone[name] = self.server.pop(name)

    def _download(self, unit: int, rnd: random.Random | None) -> None:
        folder = self.folder(unit)
        for name, data in list(self.pending[unit].items()):  # finish what was started
            if rnd is not None and rnd.random() < 0.3:
                continue
            (folder / name).write_bytes(data)
            self.placed[unit][name] = data
            del self.pending[unit][name]
        for name, data in sorted(self.server.items()):
            if self.placed[unit].get(name) == data or name in self.pending[unit]:
                continue
            if name in self.owned[unit]:
                continue
            fault = rnd.random() if rnd is not None else 1.0
            if fault < 0.2:
                event("cloud: a file arrives late")
                continue
            if fault < 0.3:
                event("cloud: a file is half-written")
                (folder / name).write_bytes(data[: rnd.randint(1, len(data) - 1)])  # type: ignore[union-attr]
                self.pending[unit][name] = data
                continue
            if fault < 0.38:
                event("cloud: a zero-length placeholder")
                (folder / name).write_bytes(b"")
                self.pending[unit][name] = data
                continue
            (folder / name).write_bytes(data)
            self.placed[unit][name] = data
            if fault < 0.45:
                event("cloud: a OneDrive conflict copy")
                copy = f"{name[: -len('.tavle')]}-{self.pc[unit]}.tavle"
                (folder / copy).write_bytes(data)
                self.placed[unit][copy] = data
                self.copies[copy] = name
            elif fault < 0.5:
                event("cloud: a (1) copy")
                copy = f"{name[: -len('.tavle')]} (1).tavle"
                (folder / copy).write_bytes(data)
                self.placed[unit][copy] = data
                self.copies[copy] = name
            elif fault < 0.55:
                event("cloud: a file copied again")
                (folder / name).write_bytes(data)
        for name in list(self.placed[unit]):  # deletions in the cloud reach this folder
            origin = self.copies.get(name, name)
            if origin in self.server or name in self.owned[unit]:
                continue
            if origin not in self.gone:
                continue
            if rnd is not None and rnd.random() < 0.3:
                continue
            (folder / name).unlink(missing_ok=True)
            del self.placed[unit][name]
        if rnd is not None and self.gone and rnd.random() < 0.15:
            name = rnd.choice(sorted(self.gone))  # a stale client puts a pruned file back
            if name not in self.owned[unit] or rnd.random() < 0.5:
                event("cloud: a pruned file reappears")
                (folder / name).write_bytes(self.gone[name])
                self.placed[unit][name] = self.gone[name]

    def step(self, rnd: random.Random | None = None) -> None:
        """One round of the service: every folder's new files and deletions go up, then the
        cloud's files come down (with faults when `rnd` is given)."""
        order = list(range(self.units))
        if rnd is not None:
            rnd.shuffle(order)
        for unit in order:
            self._upload(unit, rnd)
        for unit in order:
            self._download(unit, rnd)

    def settle(self) -> None:
        """Deliver everything whole: a step without faults."""
        self.step(None)


Service = Share | Cloud


# -- syncing ---------------------------------------------------------------------------------------


@dataclass
class World:
    service: Service
    stores: list[Store]
    clocks: list[Clock]
    pruned: list[FolderEntry] = field(default_factory=list)
    """The files with changes the units' syncs removed from the folder."""


def _sync(world: World, unit: int, *, check: bool = True) -> FolderSync:
    """`sync_scope` as the scheduled task runs it (no preview), with what must hold of it."""
    store = world.stores[unit]
    broken = world.service.broken(unit)
    before = canonical_dump(store) if broken and check else None
    folder = shared_folder(store, PROJECT)
    assert folder is not None
    seen_before = scan_folder(folder)
    result = sync_scope(store, PROJECT, review=False, now=world.clocks[unit].utc())
    assert result.error is None, result.error.key
    assert result.read is not None and result.write is not None
    assert not result.read.waiting, "review=False: nothing waits (no large deletion here)"
    assert not result.write.hits
    for preview in result.read.imported:
        assert preview.path.name not in broken, "a half-written file was imported"
    skipped = {s.path.name: s.reason for s in result.read.skipped}
    for name in broken:
        if (result.read.folder / name).exists():
            assert skipped.get(name) in ("empty", "damaged"), (name, skipped.get(name))
            event(f"skipped a {skipped[name]} file")
    known = ("copy", "empty", "damaged", "needs_other")
    assert all(reason in known for reason in skipped.values()), skipped
    if before is not None and not result.read.imported:
        assert canonical_dump(store) == before
    world.pruned += _check_pruned(store, seen_before, result.write.removed)
    return result


def _check_pruned(store: Store, scan: FolderScan, removed: list[Path]) -> list[FolderEntry]:
    """A file with changes is removed only when every other writer's newest file in the
    folder (as this unit saw it) says it holds all the file carries; return those removed."""
    pruned: list[FolderEntry] = []
    if not removed:
        return pruned
    others = newest_files(e for e in scan.entries if e.sender != store.replica_id)
    for entry in scan.entries:
        if entry.path not in removed or not entry.n_changes:
            continue
        event("pruned a file with changes")
        pruned.append(entry)
        assert others, "pruned with no other writer to acknowledge it"
        for scope in entry.manifest.scopes:
            for ack in others.values():
                said = ack.scope(scope.id)
                assert said is not None
                assert all(said.seen.get(r, 0) >= last for r, last in scope.seen.items()), (
                    f"{entry.path.name} pruned before {ack.manifest.sender.unit} had it")
    return pruned


def _quiet(world: World, *, rounds: int = 12) -> None:
    """The service delivers everything whole and every unit syncs, until nothing changes."""
    for _ in range(rounds):
        world.service.settle()
        changed = False
        for unit in range(len(world.stores)):
            world.clocks[unit].advance(dt.timedelta(minutes=5))
            result = _sync(world, unit)
            assert result.read is not None and result.write is not None
            changed |= bool(result.read.imported or result.write.path or result.write.removed)
        world.service.settle()
        if not changed:
            return
    raise AssertionError(f"still changing after {rounds} quiet rounds")


def _check_converged(world: World) -> None:
    dumps = [canonical_dump(store) for store in world.stores]
    assert all(dump == dumps[0] for dump in dumps[1:])
    conflicts = [list_conflicts(store, PROJECT) for store in world.stores]
    assert all(c == conflicts[0] for c in conflicts[1:])
    if conflicts[0]:
        event(f"converged with {sorted({c.kind for c in conflicts[0]})} conflicts")
    for store in world.stores:
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _world(blank: Path, root: Path, service: Service, n: int, *, joined: int = 0) -> World:
    """`n` units; unit 0 starts the project in the folder, the others join it (only the first
    `joined` of them, when given: the others have an empty database and join later)."""
    clocks = [Clock() for _ in range(n)]
    stores = [_new_unit(blank, root, f"Enhed {unit:02d}", clocks[unit]) for unit in range(n)]
    _start_project(stores[0])
    world = World(service, stores, clocks)
    set_shared_folder(stores[0], PROJECT, service.folder(0), now=clocks[0].utc())
    _sync(world, 0)
    service.settle()
    for unit in range(1, joined or n):
        _join(world, unit)
    return world


def _join(world: World, unit: int) -> None:
    (joined,) = join_folder(world.stores[unit], world.service.folder(unit), [PROJECT],
                            review=False, now=world.clocks[unit].utc())
    if joined.error is not None:  # the service has not brought a whole file of it yet
        assert joined.error.key == "sync.error.no_such_scope", joined.error.key
        assert not scan_folder(world.service.folder(unit)).of_scope(PROJECT)
        event("joined before the service brought a whole file")


def _close(world: World) -> None:
    for store in world.stores:
        store.close()


# -- three units under hypothesis ----------------------------------------------------------------

Step = tuple[Any, ...]


@st.composite
def histories(draw: st.DrawFn) -> tuple[bool, int | None, list[Step]]:
    """Whether the units share one network folder (else a cloud with faults), the step at
    which unit 2 joins with an empty database (None: it is there from the start), and a
    history of edits, syncs and rounds of the file service."""

    def pick(options: Sequence[Any]) -> Any:
        return draw(st.sampled_from(options))

    share = draw(st.integers(0, 4)) == 0
    steps: list[Step] = []
    for _ in range(draw(st.integers(0, 50))):
        kind = pick(("edit", "edit", "edit", "sync", "sync", "cloud", "cloud", "later"))
        if kind == "edit":
            steps.append(("edit", pick(range(3)), edit_ops(pick)))
        elif kind == "sync":
            steps.append(("sync", pick(range(3))))
        elif kind == "cloud":
            steps.append(("cloud", draw(st.integers(0, 2**32 - 1))))
        else:
            steps.append(("later", pick((1, 2, 5, 40))))
    late = draw(st.one_of(st.none(), st.integers(0, len(steps))))
    return share, late, steps


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(histories())
def test_three_units_on_a_flaky_synced_folder_converge(
    tmp_path_factory: pytest.TempPathFactory, blank: Path,
    history: tuple[bool, int | None, list[Step]],
) -> None:
    share, late, steps = history
    root = tmp_path_factory.mktemp("three")
    service: Service = Share(root / "share") if share else Cloud(root / "cloud", 3)
    world = _world(blank, root, service, 3, joined=3 if late is None else 2)
    away = set() if late is None else {2}
    try:
        for unit in range(3 - len(away)):
            set_keep_days(world.stores[unit], PROJECT, 2)
        for index, step in enumerate(steps):
            if index == late:
                event("a unit joined with an empty database")
                _join(world, 2)
                away.clear()
            if step[0] in ("edit", "sync") and step[1] in away:
                continue
            if step[0] == "edit":
                _edit(world.stores[step[1]], step[2])
            elif step[0] == "sync":
                _sync(world, step[1])
            elif step[0] == "cloud":
                service.step(random.Random(step[1]))
            else:
                for clock in world.clocks:
                    clock.advance(dt.timedelta(days=step[1]))
        if away:
            _join(world, 2)
        _quiet(world)
        _check_converged(world)
    finally:
        _close(world)
        shutil.rmtree(root, ignore_errors=True)


# -- thirty-three units --------------------------------------------------------------------------


def test_thirty_three_units_on_a_flaky_synced_folder_converge(
    tmp_path: Path, blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A learning network's 33 units: a seeded week of edits in every unit, the service's
    faults, syncs at random times; after the quiet phase every unit holds the same. The
    replica ids are drawn from the seed too (they name the files, and so order the faults),
    so every run plays the same history."""
    rnd = random.Random(20261124)
    monkeypatch.setattr(store_module, "new_id",
                        lambda: str(uuid.UUID(int=rnd.getrandbits(128), version=4)))
    service = Cloud(tmp_path / "cloud", 33)
    world = _world(blank, tmp_path, service, 33)
    monkeypatch.undo()
    try:
        for _day in range(5):
            for unit in range(33):
                for _ in range(rnd.randint(0, 3)):
                    _edit(world.stores[unit], edit_ops(rnd.choice))
            service.step(rnd)
            for unit in rnd.sample(range(33), 20):
                _sync(world, unit)
            service.step(rnd)
            for clock in world.clocks:
                clock.advance(DAY)
        _quiet(world)
        _check_converged(world)
        changes = world.stores[0].execute("SELECT COUNT(*) FROM sync_change").fetchone()[0]
        writers = world.stores[0].execute(
            "SELECT COUNT(DISTINCT replica_id) FROM sync_change").fetchone()[0]
        assert changes > 80 and writers > 20
    finally:
        _close(world)


# -- a month offline, pruning, a late joiner -------------------------------------------------------


def _daily(world: World, units: Sequence[int], days: int, rnd: random.Random) -> list[Path]:
    """The units edit and sync every day for `days` days (the service delivering whole);
    return the files their syncs removed."""
    removed: list[Path] = []
    for _day in range(days):
        for clock in world.clocks:
            clock.advance(DAY)
        for unit in units:
            for _ in range(rnd.randint(1, 3)):
                _edit(world.stores[unit], edit_ops(rnd.choice))
            result = _sync(world, unit)
            assert result.write is not None
            removed += result.write.removed
            world.service.settle()
    for _ in range(3):  # the day's last files go both ways
        for unit in units:
            _sync(world, unit)
            world.service.settle()
    return removed


def _services(root: Path, kind: str, n: int) -> Service:
    return Share(root / "share") if kind == "share" else Cloud(root / "cloud", n)


@pytest.mark.parametrize("kind", ["share", "cloud"])
def test_a_unit_offline_for_a_month_catches_up_in_one_sync(
    tmp_path: Path, blank: Path, kind: str
) -> None:
    service = _services(tmp_path, kind, 3)
    world = _world(blank, tmp_path, service, 3)
    try:
        for store in world.stores:
            set_keep_days(store, PROJECT, 7)
        _quiet(world)
        away = seen_vector(world.stores[2], PROJECT)
        removed = _daily(world, (0, 1), 30, random.Random(7))
        assert canonical_dump(world.stores[0]) == canonical_dump(world.stores[1])
        # Unit 2 wrote to the folder and then was away: of the files with changes, only
        # those that carry nothing it lacks were pruned (the project's first, a month old).
        assert len(removed) > 10  # acknowledgements replaced by newer ones
        for entry in world.pruned:
            (scope,) = entry.manifest.scopes
            assert all(last <= away.get(r, 0) for r, last in scope.seen.items())
        world.service.settle()  # the PC comes back on; the service downloads first
        world.clocks[2].advance(31 * DAY)
        result = _sync(world, 2)
        assert result.read is not None and result.read.n_new > 30
        assert canonical_dump(world.stores[2]) == canonical_dump(world.stores[0])
        assert list_conflicts(world.stores[2], PROJECT) == list_conflicts(world.stores[0],
                                                                          PROJECT)
        _quiet(world)
        _check_converged(world)
        # Now that unit 2 has acknowledged everything, the old files go.
        for clock in world.clocks:
            clock.advance(8 * DAY)
        _quiet(world)
        assert len(world.pruned) > 20
        left = scan_folder(service.folder(0)).entries
        assert sum(1 for e in left if e.n_changes) <= 3
    finally:
        _close(world)


@pytest.mark.parametrize("kind", ["share", "cloud"])
def test_pruning_waits_for_every_writer_and_a_late_joiner_gets_a_catch_up_file(
    tmp_path: Path, blank: Path, kind: str
) -> None:
    """Two units sync daily for a month, keeping files a week: files every writer has go.
    A unit that then joins – one that had the project by email a month ago – writes what it
    holds, and the others' next files carry what it lacks."""
    service = _services(tmp_path, kind, 3)
    world = _world(blank, tmp_path, service, 2)
    late = _new_unit(blank, tmp_path, "Enhed sen", Clock())
    world.stores.append(late)
    world.clocks.append(late.wall_clock)  # type: ignore[arg-type]
    try:
        mailed = export_scope(world.stores[0], PROJECT, full=True, folder=tmp_path,
                              today=TODAY, now=world.clocks[0].utc())
        apply_import(late, mailed.path, backup=False)
        for store in world.stores[:2]:
            set_keep_days(store, PROJECT, 7)
        _daily(world, (0, 1), 30, random.Random(8))
        assert len(world.pruned) > 20, "a month of daily files, kept a week: most are gone"
        for clock in world.clocks:
            clock.advance(DAY)
        (joined,) = join_folder(late, service.folder(2), [PROJECT], review=False,
                                now=world.clocks[2].utc())
        assert joined.error is None and joined.write is not None and joined.write.path
        _quiet(world)
        _check_converged(world)
    finally:
        _close(world)


def test_a_new_unit_joins_a_pruned_folder_and_converges(tmp_path: Path, blank: Path) -> None:
    """A unit with an empty database joins the folder after a month of pruning: it takes in
    what the files bring and writes what it holds; the others write it a catch-up file."""
    service = Share(tmp_path / "share")
    world = _world(blank, tmp_path, service, 2)
    try:
        for store in world.stores:
            set_keep_days(store, PROJECT, 7)
        _daily(world, (0, 1), 30, random.Random(9))
        new = _new_unit(blank, tmp_path, "Enhed ny", Clock(world.clocks[0].utc()))
        world.stores.append(new)
        world.clocks.append(new.wall_clock)  # type: ignore[arg-type]
        (joined,) = join_folder(new, service.folder(2), [PROJECT], review=False,
                                now=world.clocks[2].utc())
        # The files that create the project are gone: it writes what it holds all the same.
        assert joined.error is None and joined.write is not None and joined.write.path
        _quiet(world)
        _check_converged(world)
    finally:
        _close(world)


def test_a_half_written_file_is_skipped_and_read_when_whole(tmp_path: Path, blank: Path) -> None:
    """Every prefix the sync program may leave under the file's name is skipped at the scan
    (as the importer refuses it, leaving nothing); the whole file then goes in."""
    service = Cloud(tmp_path / "cloud", 2)
    world = _world(blank, tmp_path, service, 2)
    try:
        writer, reader = world.stores
        _edit(writer, ("create", 0, "Ring til borgeren"))
        _edit(writer, ("measure", "2026-W47", 2.0))
        written = write_own(writer, PROJECT, now=world.clocks[0].utc())
        assert written.path is not None
        data = written.path.read_bytes()
        target = service.folder(1) / written.path.name
        before = canonical_dump(reader)
        for cut in sorted({0, 1, 30, len(data) // 2, len(data) - 22, len(data) - 1}):
            target.write_bytes(data[:cut])
            with pytest.raises(SyncFileError):
                apply_import(reader, target, backup=False)
            outcome = read_others(reader, PROJECT, now=world.clocks[1].utc())
            assert not outcome.imported and not outcome.waiting
            assert {s.path: s.reason for s in outcome.skipped} == {
                target: "empty" if cut == 0 else "damaged"}
            assert canonical_dump(reader) == before
        target.write_bytes(data)
        outcome = read_others(reader, PROJECT, now=world.clocks[1].utc())
        assert outcome.n_new == written.n_changes and not outcome.skipped
        assert outcome.arrivals() == [("Enhed 00", written.n_changes)]
    finally:
        _close(world)


def test_a_file_that_needs_another_writers_file_goes_in_in_the_same_read(
    tmp_path: Path, blank: Path
) -> None:
    """The files are read by writer and number; one that restores a record a later-read file
    creates is refused as incomplete on its own, and tried again once that file is in (it was
    skipped as damaged, and the unit needed another sync)."""
    service = Share(tmp_path / "share")
    world = _world(blank, tmp_path, service, 3)
    try:
        *writers, reader = world.stores
        order = sorted(writers, key=lambda s: s.replica_id)
        _edit(order[1], ("create", 0, "Oprettet af den sidste"))
        sync_scope(order[1], PROJECT, now=world.clocks[0].utc())
        sync_scope(order[0], PROJECT, now=world.clocks[0].utc())
        _edit(order[0], ("delete", 0))
        _edit(order[0], ("restore", 0))  # alive without its fields: refused on its own
        sync_scope(order[0], PROJECT, now=world.clocks[0].utc())
        outcome = read_others(reader, PROJECT, review=False, now=world.clocks[2].utc())
        assert (not outcome.skipped and outcome.n_new == 2 + len(TEXTS[0]) * 0) or outcome.n_new
        assert not outcome.skipped
        assert canonical_dump(reader) == canonical_dump(order[0])
    finally:
        _close(world)


# -- sealed projects, the CPR guard, email beside the folder -------------------------------------


def test_a_sealed_project_stays_sealed_in_the_folder(tmp_path: Path, blank: Path) -> None:
    service = Share(tmp_path / "share")
    world = _world(blank, tmp_path, service, 3)
    try:
        sealer, keeper, outsider = world.stores
        plain = set(service.root.iterdir())  # written before the project had a passphrase
        team.set_passphrase(sealer, PROJECT, PASSPHRASE)
        team.set_passphrase(keeper, PROJECT, PASSPHRASE)
        _edit(sealer, ("create", 0, "Forseglet handling"))
        _edit(sealer, ("measure", "2026-W47", 4.0))
        written = sync_scope(sealer, PROJECT, now=world.clocks[0].utc()).write
        assert written is not None and written.path is not None and written.n_changes >= 2
        before = canonical_dump(outsider)
        kept = sync_scope(keeper, PROJECT, review=False, now=world.clocks[1].utc())
        assert kept.read is not None and kept.read.n_new == written.n_changes
        out = sync_scope(outsider, PROJECT, review=False, now=world.clocks[2].utc())
        assert out.error is None and out.read is not None
        assert out.read.n_new == 0 and not out.read.imported
        reasons = {s.path.name: s.reason for s in out.read.skipped}
        assert reasons[written.path.name] == "passphrase"
        assert canonical_dump(outsider) == before
        assert canonical_dump(keeper) == canonical_dump(sealer)
        for entry in scan_folder(service.folder(0)).entries:
            if entry.sender == outsider.replica_id or entry.path in plain:
                continue
            event("a sealed file in the folder")
            with zipfile.ZipFile(entry.path) as archive:
                names = archive.namelist()
            assert SEALED in names and PAYLOAD not in names, names
            assert b"Forseglet" not in entry.path.read_bytes()
        # Given the passphrase, the outsider takes the files in at its next sync.
        team.set_passphrase(outsider, PROJECT, PASSPHRASE)
        again = sync_scope(outsider, PROJECT, review=False, now=world.clocks[2].utc())
        assert again.read is not None and again.read.n_new == written.n_changes
        assert canonical_dump(outsider) == canonical_dump(sealer)
    finally:
        _close(world)


def test_the_cpr_guard_stops_a_write_to_the_folder(tmp_path: Path, blank: Path) -> None:
    service = Share(tmp_path / "share")
    world = _world(blank, tmp_path, service, 2)
    try:
        store = world.stores[0]
        _edit(store, ("create", 0, "Borger 010190-1234 ringede"))
        files = sorted(service.root.iterdir())
        outcome = write_own(store, PROJECT, now=world.clocks[0].utc())
        assert outcome.hits and outcome.path is None and outcome.n_changes == 0
        assert sorted(service.root.iterdir()) == files
        result = sync_scope(store, PROJECT, now=world.clocks[0].utc())
        assert result.write is not None and result.write.hits and result.write.path is None
        assert sorted(service.root.iterdir()) == files
        # Once the number is edited away, the next write goes through (the old text is in
        # the history the file carries, so the guard still names it there).
        _edit(store, ("edit", 0, "change", "Borger ringede"))
        assert write_own(store, PROJECT, now=world.clocks[0].utc()).hits
    finally:
        _close(world)


def test_a_unit_on_email_converges_with_the_folder_through_one_folder_unit(
    tmp_path: Path, blank: Path
) -> None:
    """Enhed 00 and 01 use the folder; Enhed post only mails files with Enhed 00."""
    service = Cloud(tmp_path / "cloud", 2)
    world = _world(blank, tmp_path, service, 2)
    mail = tmp_path / "mail"
    mail.mkdir()
    post = _new_unit(blank, tmp_path, "Enhed post", Clock())
    hub = world.stores[0]
    rnd = random.Random(25)

    def exchange() -> None:
        to_hub = export_scope(post, PROJECT, folder=mail, today=TODAY, now=START)
        apply_import(hub, to_hub.path, backup=False)
        to_post = export_scope(hub, PROJECT, folder=mail, today=TODAY, now=START)
        apply_import(post, to_post.path, backup=False)

    try:
        first = export_scope(hub, PROJECT, full=True, folder=mail, today=TODAY, now=START)
        apply_import(post, first.path, backup=False)
        for _round in range(6):
            for store in (*world.stores, post):
                for _ in range(rnd.randint(1, 3)):
                    _edit(store, edit_ops(rnd.choice))
            exchange()
            for unit in (0, 1):
                _sync(world, unit)
                service.step(rnd)
        _quiet(world)
        exchange()
        _quiet(world)
        assert shared_folder(post, PROJECT) is None
        dumps = {canonical_dump(s) for s in (*world.stores, post)}
        assert len(dumps) == 1
        assert list_conflicts(post, PROJECT) == list_conflicts(world.stores[1], PROJECT)
        # The folder unit says what the mailing unit's changes are: relayed in its files.
        post_changes = post.execute("SELECT COUNT(*) FROM sync_change WHERE replica_id = ?",
                                    [post.replica_id]).fetchone()[0]
        assert post_changes > 0
        status = folder_status(world.stores[1], PROJECT, scan_folder(service.folder(1)))
        assert [s.unit for s in status] == ["Enhed 00"] and status[0].seen_all
    finally:
        _close(world)
        post.close()
