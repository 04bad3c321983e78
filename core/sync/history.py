"""A record's history: who changed what and when, from which unit, read from the change log.

Every change of one record (`sync_change`; parked changes, which this Tavle cannot read, are
left out), newest first. Each entry says when (the change's hybrid-logical-clock stamp), who (its
author), from which unit (this database's own replicas or another unit's, named as the conflict
list names them), whether it came in by an import, and what: created, deleted, restored, or the
fields it set, each with the value it replaced. The replaced value is the value of the changes
the change names in `prev` (what its writer saw), else the value before it in log order.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from core.clock import stamp_to_ms
from core.db.heads import EXISTS
from core.db.store import Store
from core.models import ENTITIES
from core.sync.outcomes import ChangeId
from core.sync.vectors import own_replicas, unit_names

KINDS = ("created", "changed", "deleted", "restored")
"""What a change did to the record (catalog keys `history.kind.<kind>`)."""


@dataclass(frozen=True)
class FieldChange:
    """One field a change set: its value before (if it had one) and after."""

    field: str
    old: Any
    new: Any
    had_old: bool
    """False when nothing had set the field before (a new record's fields)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a record."""

    change_id: ChangeId
    kind: str
    """One of `KINDS`."""
    written_at: dt.datetime
    """When, in UTC (the change's clock stamp)."""
    author: str
    unit: str
    """The unit's name ("" when the sender never named it)."""
    own: bool
    """Written in this database (or the one it was copied from)."""
    imported: bool
    """Came in by an import of a file."""
    fields: list[FieldChange]
    """The fields set (never `_exists`), by field name."""


def record_scope(store: Store, entity: str, record_id: str) -> str | None:
    """The project, organisation or network a stored record belongs to; None when not here."""
    model = ENTITIES.get(entity)
    if model is None:
        return None
    if model.SCOPE_FIELD == "id":
        return record_id
    found = store.execute(f'SELECT "{model.SCOPE_FIELD}" FROM "{model.TABLE}" WHERE id = ?',
                          [record_id]).fetchone()
    return None if found is None else str(found[0])


def record_history(store: Store, entity: str, record_id: str) -> list[HistoryEntry]:
    """Every change of a record, newest first (empty when the record is not here)."""
    scope = record_scope(store, entity, record_id)
    if scope is None:
        return []
    rows = store.execute(
        "SELECT c.hlc, c.replica_id, c.seq, c.set_json, c.prev_json, c.author, c.via_export "
        "FROM sync_change c WHERE c.scope_id = ? AND c.entity = ? AND c.record_id = ? "
        "AND NOT EXISTS (SELECT 1 FROM sync_parked p WHERE p.scope_id = c.scope_id "
        "AND p.replica_id = c.replica_id AND p.seq = c.seq)",
        [scope, entity, record_id],
    ).fetchall()
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    units = unit_names(store)
    own = own_replicas(store)
    values: dict[ChangeId, tuple[int, dict[str, Any]]] = {}
    latest: dict[str, Any] = {}
    existed = False
    entries: list[HistoryEntry] = []
    for hlc, replica, seq, set_json, prev_json, author, via in rows:
        sets: dict[str, Any] = json.loads(set_json)
        prev: dict[str, list[list[Any]]] = json.loads(prev_json) if prev_json else {}
        values[(replica, seq)] = (hlc, sets)
        fields = []
        for field in sorted(sets):
            if field == EXISTS:
                continue
            seen = sorted((values[(r, s)][0], r, s) for r, s in prev.get(field, [])
                          if field in values.get((r, s), (0, {}))[1])
            if seen:
                _hlc, r, s = seen[-1]
                fields.append(FieldChange(field, values[(r, s)][1][field], sets[field], True))
            else:
                fields.append(FieldChange(field, latest.get(field), sets[field],
                                          field in latest))
        exists = sets.get(EXISTS)
        if exists is True:
            kind = "restored" if existed else "created"
            existed = True
        elif exists is False:
            kind = "deleted"
        else:
            kind = "changed"
        latest.update(sets)
        entries.append(HistoryEntry(
            (replica, seq), kind,
            dt.datetime.fromtimestamp(stamp_to_ms(hlc) / 1000, dt.UTC),
            author or "", units.get(replica, ""), replica in own, via is not None, fields,
        ))
    entries.reverse()
    return entries
