"""Conflicts: what two units changed without seeing each other's change, listed until resolved.

A field conflict is a field with heads of different values; the shown value is the greatest head
and the others stay listed. An edited-while-deleted record is a deleted record with an edit that
none of its deletions had seen (outside their `covers`); it can be restored or kept deleted.
Resolving writes an ordinary change that replaces every head, so it travels and clears the
conflict in every unit. All of this is a function of the log: every unit lists the same.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from core.clock import stamp_time
from core.db.changelog import EXISTS, append_change, covering_heads
from core.db.heads import Head, Heads, RecordKey, heads_of, may_conflict
from core.db.store import Store
from core.sync.labels import record_label
from core.sync.merge import materialize
from core.sync.outcomes import Conflict, ConflictValue
from core.sync.vectors import unit_names


def list_conflicts(store: Store, scope_id: str) -> list[Conflict]:
    """Every conflict of a project or organisation, by kind of record and label."""
    return conflicts_of(store, candidates(store, [scope_id]))


def conflict_counts(store: Store) -> dict[str, int]:
    """The number of conflicts per project or organisation that has any."""
    counts: dict[str, int] = defaultdict(int)
    for conflict in conflicts_of(store, candidates(store, None)):
        counts[conflict.scope_id] += 1
    return dict(counts)


def candidates(store: Store, scopes: list[str] | None) -> set[RecordKey]:
    """Records that may have a conflict: a field with more than one head, or deleted
    (`sync_open`, kept by the merge)."""
    where, params = ("WHERE scope_id = ?", scopes) if scopes else ("", [])
    rows = store.execute(
        f"SELECT scope_id, entity, record_id FROM sync_open {where}", params
    ).fetchall()
    return {(scope, entity, record_id) for scope, entity, record_id in rows}


def conflicts_of(
    store: Store, keys: Iterable[RecordKey], heads: dict[RecordKey, Heads] | None = None
) -> list[Conflict]:
    """The conflicts of the given records (field conflicts and edits of deleted records).

    `heads` may hold the records' heads already read (by `materialize`).
    """
    all_heads = heads_of(store, keys) if heads is None else heads
    all_heads = {key: fields for key, fields in all_heads.items() if may_conflict(fields)}
    if not all_heads:
        return []
    units = unit_names(store)
    authors = _authors(store, all_heads)
    conflicts: list[Conflict] = []
    for key, fields in sorted(all_heads.items()):
        scope, entity, record_id = key
        label = record_label(store, entity, record_id)

        def value(head: Head, k: RecordKey = key) -> ConflictValue:
            hlc, replica, seq, content = head
            return ConflictValue(
                (replica, seq), content, units.get(replica, ""),
                authors.get((k[0], replica, seq), ""),
                stamp_time(hlc),
            )

        for field, field_heads in sorted(fields.items()):
            shown = field_heads[0]
            others = [h for h in field_heads[1:] if _text(h[3]) != _text(shown[3])]
            if others:
                conflicts.append(Conflict("field", scope, entity, record_id, field, label,
                                          value(shown), [value(h) for h in others]))
        exists = fields.get(EXISTS)
        if exists and exists[0][3] is False:
            covered = _covered(store, scope, [h for h in exists if h[3] is False])
            for field, field_heads in sorted(fields.items()):
                seen = {_text(h[3]) for h in field_heads if (h[1], h[2]) in covered}
                unseen = [
                    h for h in field_heads
                    if (h[1], h[2]) not in covered and _text(h[3]) not in seen
                ]
                if field != EXISTS and unseen:
                    conflicts.append(Conflict("deleted_edit", scope, entity, record_id, field,
                                              label, value(exists[0]),
                                              [value(h) for h in unseen]))
    return conflicts


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _covered(store: Store, scope: str, deletions: list[Head]) -> set[tuple[str, int]]:
    covered: set[tuple[str, int]] = set()
    for _hlc, replica, seq, _value in deletions:
        row = store.execute(
            "SELECT covers_json FROM sync_change WHERE scope_id = ? AND replica_id = ? AND seq = ?",
            [scope, replica, seq],
        ).fetchone()
        if row and row[0]:
            covered.update((r, s) for r, s in json.loads(row[0]))
    return covered


def _authors(store: Store, all_heads: dict[RecordKey, Heads]) -> dict[tuple[str, str, int], str]:
    """The author of every head, by (scope id, replica id, seq)."""
    authors: dict[tuple[str, str, int], str] = {}
    for (scope, _entity, _record_id), fields in all_heads.items():
        for heads in fields.values():
            for _hlc, replica, seq, _value in heads:
                row = store.execute(
                    "SELECT author FROM sync_change WHERE scope_id = ? AND replica_id = ? "
                    "AND seq = ?",
                    [scope, replica, seq],
                ).fetchone()
                authors[(scope, replica, seq)] = row[0] if row else ""
    return authors


def choose(store: Store, conflict: Conflict, value: ConflictValue) -> None:
    """Keep `value` for the conflict's field: a change replacing every head of it."""
    with store.transaction():
        if conflict.field == EXISTS and value.value is False:
            _delete(store, conflict)
        else:
            append_change(store, conflict.scope_id, conflict.entity, conflict.record_id,
                          {conflict.field: value.value})
        materialize(store, [(conflict.scope_id, conflict.entity, conflict.record_id)])


def restore_record(store: Store, conflict: Conflict) -> None:
    """Bring back a record deleted in one unit and edited in another."""
    with store.transaction():
        append_change(store, conflict.scope_id, conflict.entity, conflict.record_id,
                      {EXISTS: True})
        materialize(store, [(conflict.scope_id, conflict.entity, conflict.record_id)])


def keep_deleted(store: Store, conflict: Conflict) -> None:
    """Keep a record deleted: a new deletion that has seen the edits listed."""
    with store.transaction():
        _delete(store, conflict)
        materialize(store, [(conflict.scope_id, conflict.entity, conflict.record_id)])


def _delete(store: Store, conflict: Conflict) -> None:
    covers = covering_heads(store, conflict.scope_id, conflict.entity, conflict.record_id)
    append_change(store, conflict.scope_id, conflict.entity, conflict.record_id,
                  {EXISTS: False}, covers=covers)
