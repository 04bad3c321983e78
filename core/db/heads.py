"""A field's heads, read from the change log: the changes of it that no present change replaced.

The log is the only place a value is kept (sync-design.md §4.3). A change is a head of every
field it sets unless a present change named it in `prev` (`sync_replaced`, kept even before the
replaced change arrives) or it is parked (`sync_parked`: from a newer Tavle, unreadable here).
Nothing else is stored per field: a table of heads held each value a second time and made the
database many times the size of its records. Reading a record's heads reads its changes (one
index lookup per record), which an edit, an import and a conflict need for a few records at a
time; a first import computes the heads of the records it brings in memory instead.

`sync_open` lists the records that may be in conflict (a field with more than one head, or
deleted), so that listing conflicts does not read the whole log; `mark_open` keeps it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from core.db.store import Store

EXISTS = "_exists"

RecordKey = tuple[str, str, str]
"""(scope id, entity, record id)."""
Head = tuple[int, str, int, Any]
"""A field's head: (hlc, replica id, seq, value as decoded JSON)."""
Heads = dict[str, list[Head]]
"""Per field, its heads, greatest first."""

CHUNK = 400
"""Record ids per query (below SQLite's limit of bound parameters)."""


def chunks(keys: Iterable[RecordKey]) -> Iterator[tuple[str, str, list[str]]]:
    """The record ids grouped by scope and entity, `CHUNK` at a time."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for scope, entity, record_id in keys:
        groups[(scope, entity)].append(record_id)
    for (scope, entity), ids in sorted(groups.items()):
        ids.sort()
        for start in range(0, len(ids), CHUNK):
            yield scope, entity, ids[start : start + CHUNK]


def heads_of(store: Store, keys: Iterable[RecordKey]) -> dict[RecordKey, Heads]:
    """Return the heads of every field of the records, greatest first.

    Each head is (hlc, replica id, seq, value); a record without any head is left out.
    """
    result: dict[RecordKey, Heads] = {}
    for scope, entity, ids in chunks(set(keys)):
        marks = ",".join("?" * len(ids))
        params = [scope, entity, *ids]
        replaced = set(store.execute(
            "SELECT record_id, field, replica_id, seq FROM sync_replaced WHERE scope_id = ? "
            f"AND entity = ? AND record_id IN ({marks})", params,
        ).fetchall())
        rows = store.execute(  # read row by row: a record's history may be long
            "SELECT c.record_id, c.hlc, c.replica_id, c.seq, c.set_json FROM sync_change c "
            f"WHERE c.scope_id = ? AND c.entity = ? AND c.record_id IN ({marks}) AND NOT EXISTS "
            "(SELECT 1 FROM sync_parked p WHERE p.scope_id = c.scope_id "
            "AND p.replica_id = c.replica_id AND p.seq = c.seq)",
            params,
        )
        for record_id, hlc, replica, seq, set_json in rows:
            fields = result.setdefault((scope, entity, record_id), {})
            for field, value in json.loads(set_json).items():
                if (record_id, field, replica, seq) not in replaced:
                    fields.setdefault(field, []).append((hlc, replica, seq, value))
    for key, fields in list(result.items()):
        if not fields:
            del result[key]
        for heads in fields.values():
            heads.sort(reverse=True)
    return result


def field_heads(store: Store, key: RecordKey, field: str) -> list[Head]:
    """The heads of one field of one record, greatest first."""
    return heads_of(store, [key]).get(key, {}).get(field, [])


def may_conflict(fields: Heads) -> bool:
    """Whether a record's heads may hold a conflict: a field with more than one head, or the
    record deleted (an edit its deletion had not seen)."""
    exists = fields.get(EXISTS)
    return bool(exists and exists[0][3] is False) or (
        bool(fields) and max(map(len, fields.values())) > 1
    )


def mark_open(store: Store, heads: dict[RecordKey, Heads], keys: Iterable[RecordKey]) -> None:
    """Keep `sync_open` for the records: listed when their heads may conflict, else not."""
    opened: list[RecordKey] = []
    closed: list[RecordKey] = []
    for key in keys:
        (opened if may_conflict(heads.get(key, {})) else closed).append(key)
    conn = store.conn
    conn.executemany("INSERT OR IGNORE INTO sync_open VALUES (?, ?, ?)", sorted(opened))
    if closed and conn.execute("SELECT 1 FROM sync_open LIMIT 1").fetchone():
        conn.executemany(
            "DELETE FROM sync_open WHERE scope_id = ? AND entity = ? AND record_id = ?", closed
        )
