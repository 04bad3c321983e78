"""The change log's stored form (`sync_log`, migration m018) and the `sync_change` view over it.

Scope ids, replica ids, entity names, export ids and each distinct sorted list of a change's
field names are interned in `sync_name`; a change's values are stored as a JSON array in the
order of its sorted field names (`keyset` names that list), or – where `keyset` is NULL – as
the whole `set_json` text. The view gives back every old column; its `set_json` is rebuilt by
`tavle_set`, a function every connection a `Store` wraps has (`register`): the same text
`canonical_json` gave the values, byte for byte (Python's JSON, not SQLite's, which prints
floats with 15 digits). Writers go to `sync_log` through `insert_changes`; name ids are read
back from the table each time (nothing is cached that a rolled-back transaction could leave
wrong).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_ARRAY = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)

SET_FUNCTION = "tavle_set"

INSERT_LOG = (
    "INSERT INTO sync_log (scope, replica, seq, hlc, entity, record_id, keyset, vals, "
    "prev_json, covers_json, author, vocab, content_hash, via) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


@lru_cache(maxsize=256)
def _keys(keys_json: str) -> tuple[str, ...]:
    return tuple(json.loads(keys_json))


def set_json(keys_json: str | None, vals: str) -> str:
    """A change's `set_json` from its stored parts (see the module's docstring)."""
    if keys_json is None:
        return vals
    return _CANONICAL.encode(dict(zip(_keys(keys_json), json.loads(vals), strict=True)))


def register(conn: sqlite3.Connection) -> None:
    """Give a connection the function the `sync_change` view calls."""
    conn.create_function(SET_FUNCTION, 2, set_json, deterministic=True)


def pack(values: dict[str, Any]) -> tuple[str, str]:
    """(keys JSON, values JSON array) of a change's values: field names sorted as
    `canonical_json` sorts them."""
    keys = tuple(sorted(values))
    return _keys_json(keys), _CANONICAL.encode([values[k] for k in keys])


@lru_cache(maxsize=256)
def _keys_json(keys: tuple[str, ...]) -> str:
    """A list of field names as stored (a few lists serve most changes)."""
    return _ARRAY.encode(keys)


def name_ids(conn: sqlite3.Connection, names: Iterable[str | None]) -> dict[str | None, int | None]:
    """The ids of these names in `sync_name`, adding those not there yet (None stays None)."""
    wanted = sorted({n for n in names if n is not None})
    conn.executemany("INSERT OR IGNORE INTO sync_name (name) VALUES (?)", [(n,) for n in wanted])
    ids: dict[str | None, int | None] = {None: None}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        ids.update({name: n for n, name in conn.execute(
            f"SELECT n, name FROM sync_name WHERE name IN ({marks})", chunk)})
    return ids


def insert_changes(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Append changes to the log. Each row: scope_id, replica_id, seq, hlc, entity, record_id,
    values (the dict), prev_json, covers_json, author, vocab, content_hash, via_export."""
    if not rows:
        return
    packed = [pack(row[6]) for row in rows]
    ids = name_ids(conn, [
        name for row, (keys, _vals) in zip(rows, packed, strict=True)
        for name in (row[0], row[1], row[4], row[12], keys)
    ])
    conn.executemany(INSERT_LOG, [
        (ids[r[0]], ids[r[1]], r[2], r[3], ids[r[4]], r[5], ids[keys], vals, r[7], r[8], r[9],
         r[10], r[11], ids[r[12]])
        for r, (keys, vals) in zip(rows, packed, strict=True)
    ])


def replace_values(
    conn: sqlite3.Connection, scope: str, replica: str, seq: int, values: dict[str, Any],
    content_hash: bytes,
) -> None:
    """Rewrite the values and hash of one change held here (a redaction)."""
    keys, vals = pack(values)
    ids = name_ids(conn, [scope, replica, keys])
    conn.execute(
        "UPDATE sync_log SET keyset = ?, vals = ?, content_hash = ? WHERE scope = ? "
        "AND replica = ? AND seq = ?",
        [ids[keys], vals, content_hash, ids[scope], ids[replica], seq],
    )
