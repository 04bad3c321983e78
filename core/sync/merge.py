"""Adding changes to the log and recomputing what they touch: heads, then the shown rows.

All of it is set-based and independent of arrival order: a change is a head of a field unless
some present change lists it in `prev` (kept in `sync_replaced` even before the replaced change
itself arrives); the shown value is the greatest head by (stamp, replica id, seq).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from core.db.changelog import EXISTS, canonical_json
from core.db.heads import Heads, RecordKey, chunks, heads_of, mark_open
from core.db.logrows import insert_changes
from core.db.store import Store
from core.models import ENTITIES
from core.sync.checks import unreadable
from core.sync.fileformat import ChangeLine

ChangeRow = tuple[
    str, str, int, int, str, str, dict[str, Any], str, str | None, str, int, bytes, str | None
]
"""A `sync_change` row: the columns of `CHANGE_COLUMNS`, then content_hash and via_export; the
values as a dict in place of set_json (`core.db.logrows.insert_changes` stores them)."""


def content_hash(line: dict[str, Any]) -> bytes:
    """The SHA-256 of a change's canonical JSON (as `core.db.changelog` stores it)."""
    return hashlib.sha256(canonical_json(line).encode()).digest()


def line_from_row(row: tuple[Any, ...]) -> dict[str, Any]:
    """Rebuild a change's JSON object from a `sync_change` row (see `CHANGE_COLUMNS`)."""
    scope, replica, seq, hlc, entity, record_id, set_json, prev_json, covers_json, author, v = row
    line = {
        "p": scope, "r": replica, "s": seq, "h": hlc, "e": entity, "id": record_id,
        "set": json.loads(set_json), "prev": json.loads(prev_json), "a": author, "v": v,
    }
    if covers_json is not None:
        line["covers"] = json.loads(covers_json)
    return line


def line_text(row: tuple[Any, ...]) -> str:
    """A change's canonical JSON text (`canonical_json(line_from_row(row))`), put together from
    a row of `CHANGE_COLUMNS` whose JSON parts are already canonical, as Tavle writes them:
    keys in sorted order, nothing parsed and encoded again."""
    scope, replica, seq, hlc, entity, record_id, set_json, prev_json, covers_json, author, v = row
    return "".join((
        '{"a":', canonical_json(author),
        "" if covers_json is None else f',"covers":{covers_json}',
        ',"e":', canonical_json(entity), f',"h":{hlc},"id":', canonical_json(record_id),
        ',"p":', canonical_json(scope), ',"prev":', prev_json, ',"r":', canonical_json(replica),
        f',"s":{seq},"set":', set_json, f',"v":{v}}}',
    ))


CHANGE_COLUMNS = (
    "scope_id, replica_id, seq, hlc, entity, record_id, set_json, prev_json, covers_json, "
    "author, vocab"
)


def known_hashes(store: Store, changes: Iterable[ChangeLine]) -> dict[tuple[str, str, int], bytes]:
    """Return the content hash of every change of `changes` that this database already holds."""
    ranges: dict[tuple[str, str], list[int]] = defaultdict(list)
    for change in changes:
        ranges[(change.p, change.r)].append(change.s)
    known: dict[tuple[str, str, int], bytes] = {}
    for (scope, replica), seqs in ranges.items():
        rows = store.execute(
            "SELECT seq, content_hash FROM sync_change WHERE scope_id = ? AND replica_id = ? "
            "AND seq BETWEEN ? AND ?",
            [scope, replica, min(seqs), max(seqs)],
        ).fetchall()
        wanted = set(seqs)
        known.update({(scope, replica, seq): h for seq, h in rows if seq in wanted})
    return known


Progress = Callable[[int, int], None]
BATCH = 5_000


def apply_changes(
    store: Store,
    changes: list[ChangeLine],
    via: str | None,
    progress: Progress | None = None,
    parked: set[tuple[str, str, int]] | None = None,
) -> dict[RecordKey, Heads]:
    """Add changes this database does not hold, move the heads, rewrite the shown rows.

    Call inside `store.transaction()`. Records that had no change here before (most of a first
    import) get their heads computed in memory, which is exact because nothing present can have
    replaced their changes; the others are read from the log (`core.db.heads`). `parked`
    changes (from a newer Tavle, unreadable here) are only kept in the log, and listed in
    `sync_parked` so that they are no head. Return the heads of every record touched.
    """
    parked = parked or set()
    readable = [c for c in changes if (c.p, c.r, c.s) not in parked]
    keys = {(c.p, c.e, c.id) for c in readable}
    known = _keys_in_log(store, keys)
    total = len(changes) * 2
    for start in range(0, len(changes), BATCH):
        _insert(store, changes[start : start + BATCH], via)
        if progress is not None:
            progress(min(start + BATCH, len(changes)), total)
    store.conn.executemany("INSERT OR IGNORE INTO sync_parked VALUES (?,?,?)", sorted(parked))
    # In primary-key order: B-tree inserts that append are several times faster than random ones.
    store.conn.executemany(
        "INSERT OR IGNORE INTO sync_replaced VALUES (?,?,?,?,?,?)", sorted(_replaced(readable))
    )
    heads = _fresh_heads([c for c in readable if (c.p, c.e, c.id) not in known])
    heads.update(heads_of(store, known))
    write_rows(store, keys, heads)
    if progress is not None:
        progress(total, total)
    return heads


def _insert(store: Store, changes: list[ChangeLine], via: str | None) -> None:
    insert_changes(store.conn, [_change_row(c, via) for c in changes])


def _change_row(c: ChangeLine, via: str | None) -> ChangeRow:
    """The `sync_change` row of a change; its line's text is put together from the parts
    already encoded (the same text `canonical_json(c.as_line())` gives: keys in sorted order)."""
    set_json = canonical_json(c.set)
    prev_json = (
        canonical_json({f: [list(ref) for ref in refs] for f, refs in c.prev.items()})
        if c.prev else "{}"
    )
    covers_json = None if c.covers is None else canonical_json([list(r) for r in c.covers])
    text = line_text((c.p, c.r, c.s, c.h, c.e, c.id, set_json, prev_json, covers_json, c.a, c.v))
    digest = hashlib.sha256(text.encode()).digest()
    return (c.p, c.r, c.s, c.h, c.e, c.id, c.set, prev_json, covers_json, c.a, c.v, digest,
            via)


def _keys_in_log(store: Store, keys: set[RecordKey]) -> set[RecordKey]:
    """The records that already have changes here (readable or parked)."""
    found: set[RecordKey] = set()
    for scope, entity, ids in chunks(keys):
        marks = ",".join("?" * len(ids))
        found.update(
            (scope, entity, record_id)
            for (record_id,) in store.execute(
                "SELECT DISTINCT record_id FROM sync_change WHERE scope_id = ? AND entity = ? "
                f"AND record_id IN ({marks})",
                [scope, entity, *ids],
            )
        )
    return found


def _replaced(changes: list[ChangeLine]) -> list[tuple[str, str, str, str, str, int]]:
    """What the changes name as replaced: (scope, entity, record, field, replica, seq)."""
    return [
        (c.p, c.e, c.id, field, replica, seq)
        for c in changes
        for field, refs in c.prev.items()
        for replica, seq in refs
    ]


def _fresh_heads(changes: list[ChangeLine]) -> dict[RecordKey, Heads]:
    """Heads of records new to this database, from their changes alone."""
    replaced = set(_replaced(changes))
    heads: dict[RecordKey, Heads] = {}
    for c in changes:
        key = (c.p, c.e, c.id)
        fields = heads.get(key)
        if fields is None and not replaced:  # most of a first import: one change per record
            heads[key] = {name: [(c.h, c.r, c.s, value)] for name, value in c.set.items()}
            continue
        if fields is None:
            fields = heads[key] = {}
        for name, value in c.set.items():
            if (c.p, c.e, c.id, name, c.r, c.s) not in replaced:
                field_heads = fields.get(name)
                if field_heads is None:
                    fields[name] = [(c.h, c.r, c.s, value)]
                else:
                    field_heads.append((c.h, c.r, c.s, value))
                    field_heads.sort(reverse=True)
    return heads


def materialize(store: Store, keys: Iterable[RecordKey]) -> None:
    """Rewrite the shown rows of the records from their heads (the cache of the log)."""
    keys = set(keys)
    write_rows(store, keys, heads_of(store, keys))


def write_rows(store: Store, keys: set[RecordKey], all_heads: dict[RecordKey, Heads]) -> None:
    """Write the shown rows of the records: per field, the greatest head.

    Every head was validated on its way in (parked changes never become heads). The records
    that may now be in conflict are listed in `sync_open`, the others taken off it.
    """
    mark_open(store, all_heads, keys)
    rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    gone: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        _scope, entity, record_id = key
        if entity not in ENTITIES:
            continue
        fields = all_heads.get(key, {})
        exists = fields.get(EXISTS)
        if not exists:
            gone[entity].append(record_id)
            continue
        values = [
            heads[0][3] if (heads := fields.get(name)) else None for name in _columns(entity)
        ]
        rows[entity].append((record_id, *values, 1 if exists[0][3] else 0))
    for entity, ids in gone.items():
        table = ENTITIES[entity].TABLE
        store.conn.executemany(f'DELETE FROM "{table}" WHERE id = ?', [(i,) for i in ids])
    for entity, records in rows.items():
        table = ENTITIES[entity].TABLE
        names = ", ".join(f'"{name}"' for name in ("id", *_columns(entity), EXISTS))
        marks = ",".join("?" * (len(_columns(entity)) + 2))
        store.conn.executemany(
            f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', records
        )


@cache
def _columns(entity: str) -> tuple[str, ...]:
    return tuple(name for name in ENTITIES[entity].model_fields if name != "id")


def unpark(store: Store) -> int:
    """Show the parked changes this version can now read: changes from a newer Tavle, kept in
    the log, whose entity or field this Tavle has since learnt (an upgrade – sync-design §4.11:
    "once this unit upgrades, it re-materializes them from the log"). Return how many; one
    query when nothing is parked. Writes no change of its own."""
    parked = store.execute("SELECT scope_id, replica_id, seq FROM sync_parked").fetchall()
    readable: list[ChangeLine] = []
    for key in parked:
        row = store.execute(f"SELECT {CHANGE_COLUMNS} FROM sync_change WHERE scope_id = ? "
                            "AND replica_id = ? AND seq = ?", list(key)).fetchone()
        if row is None:
            continue
        change = ChangeLine.model_validate_json(canonical_json(line_from_row(row)))
        if unreadable(change) is None:
            readable.append(change)
    if not readable:
        return 0
    with store.transaction():
        store.conn.executemany(
            "DELETE FROM sync_parked WHERE scope_id = ? AND replica_id = ? AND seq = ?",
            [(c.p, c.r, c.s) for c in readable])
        store.conn.executemany(
            "INSERT OR IGNORE INTO sync_replaced VALUES (?,?,?,?,?,?)",
            sorted(_replaced(readable)))
        materialize(store, {(c.p, c.e, c.id) for c in readable})
    return len(readable)


def rebuild(store: Store) -> None:
    """Recompute what the log tells from the log alone: which changes are parked, what each
    replaced, and every shown row (the tests; a repair by hand)."""
    conn = store.conn
    for table in ("sync_replaced", "sync_parked", "sync_open"):
        conn.execute(f"DELETE FROM {table}")
    cursor = conn.execute(f"SELECT {CHANGE_COLUMNS} FROM sync_change")
    changes, parked = [], []
    for row in cursor.fetchall():
        change = ChangeLine.model_validate_json(canonical_json(line_from_row(row)))
        if unreadable(change) is None:
            changes.append(change)
        else:
            parked.append((change.p, change.r, change.s))
    for model in ENTITIES.values():
        conn.execute(f'DELETE FROM "{model.TABLE}"')
    conn.executemany("INSERT OR IGNORE INTO sync_parked VALUES (?,?,?)", sorted(parked))
    conn.executemany(
        "INSERT OR IGNORE INTO sync_replaced VALUES (?,?,?,?,?,?)", sorted(_replaced(changes))
    )
    materialize(store, {(c.p, c.e, c.id) for c in changes})
