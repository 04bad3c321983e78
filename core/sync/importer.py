"""Importing a `.tavle` file: check and apply it in one transaction, a batch of changes at a time.

The file's container, manifest and payload checksum are checked before anything is written;
its changes are then read as a stream, each batch checked and applied, and anything wrong
further on (a bad line, counts that do not match) rolls the whole transaction back. Memory stays
bounded whatever the number of changes: what the import must remember across batches (each
record's state before its first change, to count what changed) is kept in a temporary table.
`preview_import` runs exactly the code of `apply_import` inside a transaction it rolls back, so
the preview cannot disagree with the import. A file whose changes are all here already reports
"already imported" and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import clock
from core.clock import parse_utc, stamp_to_ms
from core.db.heads import CHUNK, Heads, RecordKey, chunks, heads_of
from core.db.store import FAULT_KEYS, Store, is_complete_copy
from core.errors import StoreError
from core.sync.checks import check_changes, incomplete_records, latest_ms
from core.sync.conflicts import conflicts_of
from core.sync.cpr_guard import count_warning, scan_changes
from core.sync.errors import SyncFileError
from core.sync.fileformat import ChangeLine, Manifest, SyncFile, read_file
from core.sync.merge import (
    apply_changes,
    content_hash,
    known_hashes,
)
from core.sync.outcomes import ChangeId, Conflict, EntityCounts, ImportPreview
from core.sync.passphrase import passphrase_for
from core.sync.redaction import redact, redacted_line, redactions_for
from core.sync.vectors import own_replicas, seen_vector

Progress = Callable[[int, int], None]
CLOCK_WARN_MS = 3600 * 1000
LARGE_DELETE_SHARE = 0.2
LARGE_DELETE_MIN = 10
KEEP_BACKUPS = 5
LARGE_IMPORT = 10_000
"""Changes; after an import of this many the write-ahead log is checkpointed and truncated."""
MAX_INCOMPLETE = 50_000
"""Records a file may leave without a required field until a later batch of it brings the
field (a file Tavle writes has none: each record's first change sets every field)."""


class _Rollback(Exception):
    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview


def preview_import(store: Store, path: Path, *, passphrase: str | None = None) -> ImportPreview:
    """What importing the file would do; nothing is written.

    A sealed file opens with `passphrase`, else with the passphrase set for its project here;
    without either it is refused with `sync.error.passphrase_needed` (ask, then call again).
    It writes and rolls back, so its memory stays bounded by a batch of the file. On a
    read-only store, or one that cannot take a write now (busy in another program, a full
    disk), it runs on a copy in memory (`Store.scratch`), which grows with the database and
    the file.
    """
    if store.read_only:
        with store.scratch() as copy:
            return preview_import(copy, path, passphrase=passphrase)
    file = _read(store, path, passphrase)
    try:
        with store.transaction():
            raise _Rollback(_apply(store, Path(path), file, None))
    except _Rollback as rollback:
        return rollback.preview
    except StoreError as error:
        if error.key not in FAULT_KEYS or store.path is None:
            raise
    with store.scratch() as copy:
        return preview_import(copy, path, passphrase=passphrase)


def apply_import(
    store: Store,
    path: Path,
    *,
    progress: Progress | None = None,
    passphrase: str | None = None,
    backup: bool = True,
) -> ImportPreview:
    """Import the file in one transaction; `progress(done, total)` reports the changes applied.

    A copy of the database from before the import is kept (`backup_before_import`); when the
    file is refused part-way (the transaction rolls back), that copy is removed again. After a
    large import the write-ahead log is given back to the disk.
    """
    file = _read(store, path, passphrase)
    copy = backup_before_import(store) if backup else None
    try:
        with store.transaction():
            recorded = store.execute(
                "SELECT 1 FROM sync_import WHERE export_id = ?", [file.manifest.export_id]
            ).fetchone()
            preview = _apply(store, Path(path), file, progress)
            if preview.n_new or not recorded:
                _remember(store, file, preview)
    except BaseException:
        if copy is not None:
            copy.unlink(missing_ok=True)
        raise
    if copy is not None:
        prune_backups(store)
    if preview.n_new >= LARGE_IMPORT:
        with suppress(sqlite3.OperationalError):  # another connection reading: it shrinks later
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    preview.applied = preview.n_new > 0
    return preview


def _read(store: Store, path: Path, passphrase: str | None) -> SyncFile:
    def known(manifest: Manifest) -> str | None:
        if passphrase is not None:
            return passphrase
        return next(filter(None, (passphrase_for(store, s.id) for s in manifest.scopes)), None)

    return read_file(Path(path), known)


@dataclass
class _Run:
    """What an import learns as it goes, batch by batch, in bounded memory: the shown state of
    each record before its first change (a temporary table), the conflicts those records had,
    records still missing a required field, the latest stamps and the numbers that look like a
    personal number."""

    store: Store
    conflicts_before: set[tuple[Any, ...]] = field(default_factory=set)
    incomplete: dict[RecordKey, str] = field(default_factory=dict)
    latest_new: int = 0
    cpr_hits: int = 0

    def __post_init__(self) -> None:
        self.store.execute(
            "CREATE TEMP TABLE IF NOT EXISTS import_before (scope_id TEXT, entity TEXT, "
            "record_id TEXT, alive INTEGER, shown INTEGER, "
            "PRIMARY KEY (scope_id, entity, record_id)) WITHOUT ROWID"
        )
        self.store.execute("DELETE FROM temp.import_before")

    def before(self, keys: set[RecordKey]) -> None:
        """Keep the shown state of the records this batch touches first (alive, a digest of
        the row; NULL when there is none), and the conflicts they had."""
        store = self.store
        first = keys - self._touched(keys)
        if not first:
            return
        rows = _rows(store, first)
        store.conn.executemany(
            "INSERT INTO temp.import_before VALUES (?, ?, ?, ?, ?)",
            [(*key, *_state(rows.get(key))) for key in sorted(first)],
        )
        open_keys = _open(store, first)
        if open_keys:
            self.conflicts_before |= {_conflict_key(c) for c in conflicts_of(store, open_keys)}

    def _touched(self, keys: set[RecordKey]) -> set[RecordKey]:
        found: set[RecordKey] = set()
        for scope, entity, ids in chunks(keys):
            marks = ",".join("?" * len(ids))
            found.update(
                (scope, entity, record_id) for (record_id,) in self.store.execute(
                    "SELECT record_id FROM temp.import_before WHERE scope_id = ? AND entity = ? "
                    f"AND record_id IN ({marks})", [scope, entity, *ids])
            )
        return found

    def check(self, heads: dict[RecordKey, Heads]) -> None:
        """Note the records a batch leaves without a required field (a later change of the
        file may still bring it); refuse at once when they are too many to keep in memory."""
        for key in heads:
            self.incomplete.pop(key, None)
        self.incomplete.update(incomplete_records(heads))
        if len(self.incomplete) > MAX_INCOMPLETE:
            self._refuse_incomplete(self.incomplete)

    def finish(self, preview: ImportPreview) -> None:
        """Count what changed, refuse a record left incomplete, list the new conflicts."""
        store = self.store
        if self.incomplete:
            self._refuse_incomplete(incomplete_records(heads_of(store, self.incomplete)))
        alive_before = 0
        open_keys: set[RecordKey] = set()
        cursor = store.execute(
            "SELECT scope_id, entity, record_id, alive, shown FROM temp.import_before "
            "ORDER BY scope_id, entity, record_id"
        )
        while rows := cursor.fetchmany(CHUNK):
            before = {(s, e, r): (alive, shown) for s, e, r, alive, shown in rows}
            after = _rows(store, set(before))
            for key, (alive, shown) in before.items():
                alive_before += bool(alive)
                _count(preview, key[1], alive, shown, _state(after.get(key)))
            open_keys |= _open(store, set(before))
        preview.counts = {e: c for e, c in sorted(preview.counts.items()) if c.total}
        deleted = sum(c.deleted for c in preview.counts.values())
        preview.large_delete = deleted >= LARGE_DELETE_MIN and deleted > LARGE_DELETE_SHARE * max(
            alive_before, 1
        )
        if open_keys:
            preview.new_conflicts = [
                c for c in conflicts_of(store, open_keys)
                if _conflict_key(c) not in self.conflicts_before
            ]
        store.execute("DELETE FROM temp.import_before")

    @staticmethod
    def _refuse_incomplete(missing: dict[RecordKey, str]) -> None:
        for (_scope, entity, _record_id), name in sorted(missing.items()):
            raise SyncFileError("sync.error.record_incomplete", entity=entity, field=name)


def _apply(
    store: Store, path: Path, file: SyncFile, progress: Progress | None
) -> ImportPreview:
    manifest = file.manifest
    # Values the sender's units took out for holding a personal number are taken out here
    # first; then a change is compared in the form this database keeps it (redacted or not).
    scopes = {scope.id for scope in manifest.scopes}  # a file redacts only in its own scopes
    n_redacted = redact(store, [r for r in manifest.redactions if r[0] in scopes]).values
    before_seen = {scope.id: seen_vector(store, scope.id) for scope in manifest.scopes}
    imported_before = store.execute(
        "SELECT 1 FROM sync_import WHERE export_id = ?", [manifest.export_id]
    ).fetchone()
    preview = ImportPreview(
        path=path,
        export_id=manifest.export_id,
        kind=manifest.kind,
        sender_unit=manifest.sender.unit,
        sender_replica=manifest.sender.replica_id,
        created_at=_parse_time(manifest.created_at),
        scopes=[(scope.id, scope.kind, scope.name) for scope in manifest.scopes],
        n_changes=manifest.counts.changes,
        n_redacted=n_redacted,
    )
    run = _Run(store)
    latest = latest_ms(store)
    with _no_cycle_collection():
        _apply_batches(store, file, scopes, latest, run, preview, progress)
    preview.already_imported = not preview.n_new
    if imported_before and not preview.n_new:
        return preview
    _learn_units(store, file)
    run.finish(preview)
    _warn(store, file, run, before_seen, preview)
    return preview


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hold Python's cycle collector while changes are applied: they make millions of small
    containers (none in a cycle), and the collector's passes over them took a fifth of an
    import's time. Reference counting still frees each batch."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _apply_batches(
    store: Store, file: SyncFile, scopes: set[str], latest: int, run: _Run,
    preview: ImportPreview, progress: Progress | None,
) -> None:
    """Check and apply the file's changes a batch at a time."""
    done = 0
    for batch in file.batches():
        parked = check_changes(store, scopes, batch, latest)
        preview.n_parked += len(parked)
        changes = _as_kept(store, [change for _number, _raw, change in batch])
        preview.latest = max(preview.latest, *(c.h for c in changes))
        new = _new(store, changes)
        done += len(batch)
        if new:
            preview.n_new += len(new)
            run.latest_new = max(run.latest_new, *(c.h for c in new))
            run.before({(c.p, c.e, c.id) for c in new})
            run.check(apply_changes(store, new, file.manifest.export_id, None, parked))
            run.cpr_hits += len(scan_changes(new))
        if progress is not None:
            progress(done, preview.n_changes)


def _new(store: Store, changes: list[ChangeLine]) -> list[ChangeLine]:
    """The changes this database does not hold yet (each once); a held one must be the same."""
    known = known_hashes(store, changes)
    new: list[ChangeLine] = []
    fresh: set[tuple[str, str, int]] = set()
    for change in changes:
        key = (change.p, change.r, change.s)
        if key in known:
            if known[key] != content_hash(change.as_line()):
                raise SyncFileError("sync.error.identity_clash")
        elif key not in fresh:
            fresh.add(key)
            new.append(change)
    return new


def _open(store: Store, keys: set[RecordKey]) -> set[RecordKey]:
    """The records of `keys` that may be in conflict (`sync_open`)."""
    found: set[RecordKey] = set()
    if not store.execute("SELECT 1 FROM sync_open LIMIT 1").fetchone():
        return found
    for scope, entity, ids in chunks(keys):
        marks = ",".join("?" * len(ids))
        found.update(
            (scope, entity, record_id) for (record_id,) in store.execute(
                "SELECT record_id FROM sync_open WHERE scope_id = ? AND entity = ? "
                f"AND record_id IN ({marks})", [scope, entity, *ids])
        )
    return found


def _remember(store: Store, file: SyncFile, preview: ImportPreview) -> None:
    """Record the file, what its sender holds, the unit names, and move our clock."""
    manifest = file.manifest
    now = clock.utc_now().isoformat(timespec="seconds")
    store.execute(
        "INSERT OR IGNORE INTO sync_import VALUES (?,?,?,?,?,?,?,?,?)",
        [
            manifest.export_id, ",".join(s.id for s in manifest.scopes),
            manifest.sender.replica_id, manifest.kind, file.file_sha256, now,
            preview.n_new, preview.n_changes - preview.n_new,
            json.dumps({e: vars(c) for e, c in preview.counts.items()}, sort_keys=True),
        ],
    )
    own = own_replicas(store)
    if manifest.sender.replica_id not in own:
        for scope in manifest.scopes:
            store.execute(
                "INSERT INTO sync_peer (scope_id, replica_id, unit_name, seen_json, "
                "last_export_id, last_imported_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (scope_id, replica_id) DO UPDATE SET unit_name = excluded.unit_name, "
                "seen_json = excluded.seen_json, last_export_id = excluded.last_export_id, "
                "last_imported_at = excluded.last_imported_at",
                [scope.id, manifest.sender.replica_id, manifest.sender.unit,
                 json.dumps(scope.seen, sort_keys=True), manifest.export_id, now],
            )
    if preview.latest:
        store.observe_clock(preview.latest)


def _as_kept(store: Store, changes: list[ChangeLine]) -> list[ChangeLine]:
    """The changes as this database keeps them: with the fields redacted here redacted."""
    redacted = redactions_for(store, [(c.p, c.r, c.s) for c in changes])
    if not redacted:
        return changes
    kept = []
    for change in changes:
        fields = redacted.get((change.p, change.r, change.s))
        if fields:
            line = redacted_line(change.as_line(), fields)
            change = change.model_copy(update={"set": line["set"]})
        kept.append(change)
    return kept


def backup_before_import(store: Store) -> Path | None:
    """Keep a copy of the database from before an import, to undo an unwanted one; return it.

    The copies go to a `backups` folder beside the database (`tavle.before-import-<time>.db`).
    A copy is whole or not there (`Store.copy_to`); a full disk or a read-only folder raises
    its `StoreError` before anything is imported. `prune_backups` keeps the last
    `KEEP_BACKUPS` whole copies once an import has gone through.
    """
    if store.path is None or store.conn.in_transaction:
        return None
    folder = store.path.parent / "backups"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise store.fault(error, folder / store.path.name) from None
    stamp = clock.local_now().strftime("%Y-%m-%d-%H%M%S-%f")
    return store.copy_to(folder / f"{store.path.stem}.before-import-{stamp}.db")


def prune_backups(store: Store) -> None:
    """Keep the whole copies from before the last `KEEP_BACKUPS` imports."""
    assert store.path is not None
    folder = store.path.parent / "backups"
    copies = sorted(
        path for path in folder.glob(f"{store.path.stem}.before-import-*.db")
        if is_complete_copy(path)
    )
    for old in copies[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def _learn_units(store: Store, file: SyncFile) -> None:
    """Remember the unit names the file gives for replicas (to say who wrote a value)."""
    manifest = file.manifest
    units = dict(manifest.units)
    units[manifest.sender.replica_id] = manifest.sender.unit
    own = own_replicas(store)
    store.conn.executemany(
        "INSERT INTO sync_unit VALUES (?, ?) ON CONFLICT (replica_id) DO UPDATE SET "
        "unit_name = excluded.unit_name WHERE excluded.unit_name != ''",
        [(replica, unit) for replica, unit in units.items() if replica not in own],
    )


ShownState = tuple[bool, tuple[Any, ...]]
"""A record's shown state: (alive, its row of column values)."""


def _rows(store: Store, keys: set[RecordKey]) -> dict[RecordKey, ShownState]:
    """The shown state of the records: (alive, their row)."""
    from core.models import ENTITIES

    state: dict[RecordKey, ShownState] = {}
    by_table: dict[tuple[str, str], list[str]] = {}
    for scope, entity, record_id in keys:
        if entity in ENTITIES:
            by_table.setdefault((scope, entity), []).append(record_id)
    for (scope, entity), ids in by_table.items():
        table = ENTITIES[entity].TABLE
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            cursor = store.execute(
                f'SELECT * FROM "{table}" WHERE id IN ({",".join("?" * len(chunk))})', chunk
            )
            names = [column[0] for column in cursor.description]
            alive, key = names.index("_exists"), names.index("id")
            for row in cursor.fetchall():
                state[(scope, entity, row[key])] = (bool(row[alive]), row)
    return state


def _state(row: ShownState | None) -> tuple[int | None, int | None]:
    """A record's shown state kept for counting: (alive, a digest of its row); (None, None)
    when it has no row."""
    if row is None:
        return None, None
    return int(row[0]), hash(row[1])


def _count(
    preview: ImportPreview, entity: str, alive: int | None, shown: int | None,
    after: tuple[int | None, int | None],
) -> None:
    """Count one record's change from its state before the import to its state after."""
    now_alive, now_shown = after
    if now_alive is None:
        return
    counts = preview.counts.setdefault(entity, EntityCounts())
    if alive is None:
        if now_alive:
            counts.created += 1
    elif alive and not now_alive:
        counts.deleted += 1
    elif not alive and now_alive:
        counts.restored += 1
    elif now_alive and shown != now_shown:
        counts.changed += 1


def _warn(
    store: Store,
    file: SyncFile,
    run: _Run,
    before_seen: dict[str, dict[str, int]],
    preview: ImportPreview,
) -> None:
    manifest = file.manifest
    if run.latest_new:
        ahead_ms = stamp_to_ms(run.latest_new) - store.wall_clock()
        if ahead_ms > CLOCK_WARN_MS:
            preview.warnings.append(
                ("sync.warn.clock_ahead",
                 {"unit": manifest.sender.unit, "hours": round(ahead_ms / 3_600_000)})
            )
    for scope in manifest.scopes:
        held = before_seen[scope.id]
        if any(last > held.get(replica, 0) for replica, last in scope.since.items()):
            preview.warnings.append(("sync.warn.gap", {"unit": manifest.sender.unit}))
            break
    if manifest.crypto is None and any(passphrase_for(store, s.id) for s in manifest.scopes):
        preview.warnings.append(("sync.warn.unsealed", {"unit": manifest.sender.unit}))
    if preview.n_parked:
        preview.warnings.append(("sync.warn.parked", {"count": preview.n_parked}))
    preview.warnings += count_warning(run.cpr_hits)
    if preview.large_delete:
        deleted = sum(c.deleted for c in preview.counts.values())
        preview.warnings.append(("sync.warn.large_delete", {"count": deleted}))


def _conflict_key(conflict: Conflict) -> tuple[str, str, str, str, tuple[ChangeId, ...]]:
    return (
        conflict.kind, conflict.entity, conflict.record_id, conflict.field,
        tuple(sorted(v.change_id for v in conflict.others)),
    )


def _parse_time(text: str) -> dt.datetime:
    return parse_utc(text) or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
