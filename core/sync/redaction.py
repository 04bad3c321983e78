"""Taking a personal number out of the change log, here and in every other unit's copy.

A `.tavle` file carries the change log of its scope, so a CPR number that was typed and then
edited away (or whose record was deleted) would still leave in the old change's value. The CPR
guard scans every value a file carries (`core.sync.cpr_guard.scan_export`); what it finds in
the history is *redacted* here:

- The change keeps its identity (replica, seq) and its place in the log (its `prev`, `covers`,
  clock and author stay); the value of the field becomes a marker, `REDACTED` for text and None
  for a number, and the change's content hash is computed again from the redacted line.
- Which fields of which changes were redacted is kept in `sync_redaction` and travels in the
  manifest of every later file of the scope (`Manifest.redactions`, file format 1.1). A unit that
  imports the file redacts its own copy first, then compares the file's changes with its own
  (`redacted_line`), so the redacted and the original form of a change are the same change,
  whichever arrives first or later. A redaction of a change not held yet is remembered and
  applied when the change arrives (from an older file of a third unit, say).
- A field's shown value is never redacted behind the user's back: the guard's dialog edits a
  live value (`core.sync.cpr_guard.fix_hit`, which then redacts the field's history), and only
  the values of deleted records and values that something newer replaced are redacted directly.

Decision – superseded values still travel. A file could carry a replaced value as a stub without
its value (a receiver shows and merges only heads), which would also make files smaller. But a
change's identity is its content hash, which every unit holding it has already computed: a stub
would arrive as a different change with the same id (refused as an identity clash), so stubs
would need a second hash over a value-less form, for every change ever written. Redaction needs
the same "same change, other value" rule only for the few changes it touches, and with the guard
scanning every value that leaves, nothing with a number travels unseen. Nor would stubs save
much: in the demo project's full file, replaced values are 24 of 297,417 payload bytes (6 of
5,257 field values); a file is mostly ids, clocks and `prev` references, so even a project
edited for a year gains little from leaving old values out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import clock
from core.db.logrows import replace_values
from core.sync.cpr_numbers import find_numbers, number_could_be_personal

if TYPE_CHECKING:
    from core.db.store import Store

REDACTED = "████"
"""What a redacted text reads as, in every language."""
MAX_REDACTIONS = 10_000
"""The most redactions a file's manifest carries (the manifest has a size limit)."""

ChangeField = tuple[str, str, int, str]
"""(scope id, replica id, seq, field): one field of one change."""


@dataclass(frozen=True)
class Redacted:
    """What a redaction did: how many values it took out, and the records it touched."""

    values: int
    records: frozenset[tuple[str, str, str]]


def marker(value: Any) -> Any:
    """The value a redacted field holds: `REDACTED` for text, None for anything else."""
    return REDACTED if isinstance(value, str) else None


def holds_number(value: Any) -> bool:
    """Whether a stored value holds what looks like a personal number: in a text, or as a
    number value (`core.sync.cpr_numbers.number_could_be_personal`)."""
    if isinstance(value, str):
        return bool(find_numbers(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_could_be_personal(value) is not None
    return False


def field_history(
    store: Store, scope_id: str, entity: str, record_id: str, field: str, *,
    keep_shown: bool = True,
) -> list[ChangeField]:
    """The changes of one field of a record whose value holds a personal number. With
    `keep_shown`, the field's shown value of a live record is left out (the user edits it)."""
    shown = _shown_heads(store, scope_id, entity, record_id, field) if keep_shown else set()
    found: list[ChangeField] = []
    for replica, seq, set_json in store.execute(
        "SELECT replica_id, seq, set_json FROM sync_change WHERE scope_id = ? AND entity = ? "
        "AND record_id = ? ORDER BY hlc, replica_id, seq",
        [scope_id, entity, record_id],
    ):
        values = json.loads(set_json)
        if field in values and holds_number(values[field]) and (replica, seq) not in shown:
            found.append((scope_id, replica, seq, field))
    return found


def _shown_heads(
    store: Store, scope_id: str, entity: str, record_id: str, field: str
) -> set[tuple[str, int]]:
    """The heads of a field of a live record (none when the record is deleted)."""
    from core.db.heads import EXISTS, heads_of

    heads = heads_of(store, [(scope_id, entity, record_id)]).get((scope_id, entity, record_id), {})
    exists = heads.get(EXISTS)
    if not exists or exists[0][3] is not True:
        return set()
    return {(replica, seq) for _hlc, replica, seq, _value in heads.get(field, [])}


def redact_history(
    store: Store, scope_id: str, entity: str, record_id: str, field: str
) -> Redacted:
    """Take the personal numbers out of the history of one field of a record: every value but
    the shown one of a live record (all of them for a deleted record)."""
    return redact(store, field_history(store, scope_id, entity, record_id, field))


def redact(store: Store, fields: Iterable[ChangeField]) -> Redacted:
    """Redact these fields of these changes (remembered, and applied to those held here), and
    show the touched records again. Redacting a field twice changes nothing."""
    from core.sync.merge import materialize

    wanted = sorted(set(fields))
    if not wanted:
        return Redacted(0, frozenset())
    now = clock.utc_now().isoformat(timespec="seconds")
    count = 0
    records: set[tuple[str, str, str]] = set()
    with store.transaction():
        store.conn.executemany(
            "INSERT OR IGNORE INTO sync_redaction VALUES (?, ?, ?, ?, ?)",
            [(*ref, now) for ref in wanted],
        )
        by_change: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        for scope, replica, seq, field in wanted:
            by_change[(scope, replica, seq)].add(field)
        for (scope, replica, seq), names in by_change.items():
            done = _redact_change(store, scope, replica, seq, names)
            if done is not None:
                count += done[0]
                records.add(done[1])
        if records:
            materialize(store, records)
    if count and not store.conn.in_transaction:
        # the old pages of the redacted rows must not stay behind in the write-ahead log
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return Redacted(count, frozenset(records))


def _redact_change(
    store: Store, scope: str, replica: str, seq: int, names: set[str]
) -> tuple[int, tuple[str, str, str]] | None:
    """Redact some fields of one change held here; (values redacted, record) or None."""
    from core.sync.merge import CHANGE_COLUMNS, content_hash, line_from_row

    row = store.execute(
        f"SELECT {CHANGE_COLUMNS} FROM sync_change WHERE scope_id = ? AND replica_id = ? "
        "AND seq = ?",
        [scope, replica, seq],
    ).fetchone()
    if row is None:
        return None  # not here (yet): applied when it arrives (`redacted_line`)
    line = line_from_row(tuple(row))
    values: dict[str, Any] = line["set"]
    changed = [name for name in names if name in values and values[name] != marker(values[name])]
    if not changed:
        return None
    for name in changed:
        values[name] = marker(values[name])
    replace_values(store.conn, scope, replica, seq, values, content_hash(line))
    return len(changed), (scope, str(line["e"]), str(line["id"]))


def scope_redactions(store: Store, scope_ids: Sequence[str]) -> list[ChangeField]:
    """Every redaction of these scopes, for a file's manifest (the whole list in every file, so
    a lost email costs nothing)."""
    if not scope_ids:
        return []
    marks = ", ".join("?" for _ in scope_ids)
    rows = store.execute(
        f"SELECT scope_id, replica_id, seq, field FROM sync_redaction WHERE scope_id IN ({marks}) "
        "ORDER BY scope_id, replica_id, seq, field",
        list(scope_ids),
    ).fetchall()
    return [(str(s), str(r), int(q), str(f)) for s, r, q, f in rows][:MAX_REDACTIONS]


def redactions_for(
    store: Store, changes: Iterable[tuple[str, str, int]]
) -> dict[tuple[str, str, int], set[str]]:
    """The fields redacted here of each of these changes (held or not)."""
    wanted = set(changes)
    found: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    scopes = {scope for scope, _replica, _seq in wanted}
    for scope in scopes:
        for replica, seq, field in store.execute(
            "SELECT replica_id, seq, field FROM sync_redaction WHERE scope_id = ?", [scope]
        ):
            if (scope, replica, seq) in wanted:
                found[(scope, replica, seq)].add(field)
    return found


def redacted_line(line: dict[str, Any], fields: set[str]) -> dict[str, Any]:
    """A change's line with these fields redacted (a copy; the line itself is unchanged)."""
    values = dict(line["set"])
    for name in fields:
        if name in values:
            values[name] = marker(values[name])
    return {**line, "set": values}


def backups_from_before(store: Store) -> list[Path]:
    """The copies of this database that may still hold what was redacted: every backup Tavle
    made (before a migration, beside the file; before an import, in `backups`) that does not
    know every redaction made here – it was copied before one. Empty without a redaction."""
    if store.path is None:
        return []
    done = set(store.execute("SELECT scope_id, replica_id, seq, field FROM sync_redaction"))
    if not done:
        return []
    folder, stem = store.path.parent, store.path.stem
    found = [*folder.glob(f"{stem}.backup-*"),
             *(folder / "backups").glob(f"{stem}.before-import-*")]
    return sorted(path for path in found if path.is_file() and not done <= _redactions_in(path))


def _redactions_in(path: Path) -> set[tuple[Any, ...]]:
    """The redactions a backup copy knows (none when it is older than redactions, or unreadable:
    then it is listed, to be safe)."""
    import sqlite3

    try:
        # immutable: read as a plain file, with no -wal or -shm file made beside it
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return set(conn.execute(
                "SELECT scope_id, replica_id, seq, field FROM sync_redaction"))
        finally:
            conn.close()
    except sqlite3.Error:
        return set()


def delete_backups(paths: Iterable[Path]) -> list[Path]:
    """Delete these backup copies (with any -wal, -shm or -journal file beside them); return
    those that could not be deleted (in use, say)."""
    kept = []
    for path in paths:
        try:
            for part in (path, *(path.with_name(path.name + end)
                                 for end in ("-wal", "-shm", "-journal"))):
                part.unlink(missing_ok=True)
        except OSError:
            kept.append(path)
    return kept
