"""Importing a `.tavle` file: check it whole, then apply it in one transaction.

`preview_import` runs exactly the code of `apply_import` inside a transaction it rolls back, so
the preview cannot disagree with the import. A file whose changes are all here already reports
"already imported" and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core import clock
from core.clock import stamp_to_ms
from core.db.store import Store, is_complete_copy
from core.sync.checks import check_changes, check_records
from core.sync.conflicts import conflicts_of
from core.sync.cpr_guard import import_warnings
from core.sync.errors import SyncFileError
from core.sync.fileformat import ChangeLine, Manifest, SyncFile, read_file
from core.sync.keys import RecordKey
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


class _Rollback(Exception):
    def __init__(self, preview: ImportPreview) -> None:
        super().__init__()
        self.preview = preview


def preview_import(store: Store, path: Path, *, passphrase: str | None = None) -> ImportPreview:
    """What importing the file would do; nothing is written.

    A sealed file opens with `passphrase`, else with the passphrase set for its project here;
    without either it is refused with `sync.error.passphrase_needed` (ask, then call again).
    On a read-only store it runs on a copy in memory (`Store.scratch`).
    """
    if store.read_only:
        with store.scratch() as copy:
            return preview_import(copy, path, passphrase=passphrase)
    file = _read(store, path, passphrase)
    parked = check_changes(store, file)
    try:
        with store.transaction():
            raise _Rollback(_apply(store, Path(path), file, parked, None))
    except _Rollback as rollback:
        return rollback.preview


def apply_import(
    store: Store,
    path: Path,
    *,
    progress: Progress | None = None,
    passphrase: str | None = None,
    backup: bool = True,
) -> ImportPreview:
    """Import the file in one transaction; `progress(done, total)` reports the changes applied.

    A copy of the database from before the import is kept (`backup_before_import`).
    """
    file = _read(store, path, passphrase)
    parked = check_changes(store, file)
    if backup:
        backup_before_import(store)
    with store.transaction():
        recorded = store.execute(
            "SELECT 1 FROM sync_import WHERE export_id = ?", [file.manifest.export_id]
        ).fetchone()
        preview = _apply(store, Path(path), file, parked, progress)
        if preview.n_new or not recorded:
            _remember(store, file, preview)
    preview.applied = preview.n_new > 0
    return preview


def _read(store: Store, path: Path, passphrase: str | None) -> SyncFile:
    def known(manifest: Manifest) -> str | None:
        if passphrase is not None:
            return passphrase
        return next(filter(None, (passphrase_for(store, s.id) for s in manifest.scopes)), None)

    return read_file(Path(path), known)


def _apply(
    store: Store, path: Path, file: SyncFile, parked: set[tuple[str, str, int]],
    progress: Progress | None,
) -> ImportPreview:
    manifest = file.manifest
    # Values the sender's units took out for holding a personal number are taken out here
    # first; then a change is compared in the form this database keeps it (redacted or not).
    scopes = {scope.id for scope in manifest.scopes}  # a file redacts only in its own scopes
    n_redacted = redact(store, [r for r in manifest.redactions if r[0] in scopes]).values
    changes = _as_kept(store, file.changes)
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
        n_changes=len(file.changes),
        n_new=len(new),
        already_imported=not new,
        n_parked=len(parked),
        n_redacted=n_redacted,
    )
    if imported_before and not new:
        return preview
    _learn_units(store, file)
    keys = {(c.p, c.e, c.id) for c in new}
    before_rows = _rows(store, keys)
    before_conflicts = {_conflict_key(c) for c in conflicts_of(store, set(before_rows))}
    heads = apply_changes(store, new, manifest.export_id, progress, parked)
    check_records(heads)
    _count(preview, before_rows, _rows(store, keys))
    preview.new_conflicts = [
        c for c in conflicts_of(store, keys, heads) if _conflict_key(c) not in before_conflicts
    ]
    _warn(store, file, new, before_seen, preview)
    return preview


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
    if file.changes:
        store.observe_clock(max(change.h for change in file.changes))


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


def backup_before_import(store: Store) -> None:
    """Keep a copy of the database from before each of the last imports, to undo an unwanted one.

    The copies go to a `backups` folder beside the database (`tavle.before-import-<time>.db`).
    A copy is whole or not there (`Store.copy_to`); a full disk or a read-only folder raises
    its `StoreError` before anything is imported. Only whole copies count toward the kept.
    """
    if store.path is None or store.conn.in_transaction:
        return
    folder = store.path.parent / "backups"
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise store.fault(error, folder / store.path.name) from None
    stamp = clock.local_now().strftime("%Y-%m-%d-%H%M%S-%f")
    store.copy_to(folder / f"{store.path.stem}.before-import-{stamp}.db")
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


def _count(
    preview: ImportPreview,
    before: dict[RecordKey, ShownState],
    after: dict[RecordKey, ShownState],
) -> None:
    for key, (alive, values) in after.items():
        old = before.get(key)
        counts = preview.counts.setdefault(key[1], EntityCounts())
        if old is None:
            if alive:
                counts.created += 1
        elif old[0] and not alive:
            counts.deleted += 1
        elif not old[0] and alive:
            counts.restored += 1
        elif alive and old[1] != values:
            counts.changed += 1
    preview.counts = {e: c for e, c in sorted(preview.counts.items()) if c.total}
    deleted = sum(c.deleted for c in preview.counts.values())
    alive_before = sum(1 for alive, _ in before.values() if alive)
    preview.large_delete = deleted >= LARGE_DELETE_MIN and deleted > LARGE_DELETE_SHARE * max(
        alive_before, 1
    )


def _warn(
    store: Store,
    file: SyncFile,
    new: list[ChangeLine],
    before_seen: dict[str, dict[str, int]],
    preview: ImportPreview,
) -> None:
    manifest = file.manifest
    if new:
        ahead_ms = stamp_to_ms(max(c.h for c in new)) - store.wall_clock()
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
    preview.warnings += import_warnings(new)
    if preview.large_delete:
        deleted = sum(c.deleted for c in preview.counts.values())
        preview.warnings.append(("sync.warn.large_delete", {"count": deleted}))


def _conflict_key(conflict: Conflict) -> tuple[str, str, str, str, tuple[ChangeId, ...]]:
    return (
        conflict.kind, conflict.entity, conflict.record_id, conflict.field,
        tuple(sorted(v.change_id for v in conflict.others)),
    )


def _parse_time(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
