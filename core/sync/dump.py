"""A canonical text of a database's synced state, to compare units and check the cache.

Two databases holding the same set of changes give the same dump (sync-design.md §5.1): the
shown rows of every entity table, the heads of every field (so conflicts compare too) and the
ids and hashes of every change.
"""

from __future__ import annotations

import json

from core.db.changelog import canonical_json
from core.db.heads import heads_of
from core.db.store import Store
from core.models import ENTITIES


def canonical_dump(store: Store) -> str:
    """Return the synced state as sorted JSON text."""
    state: dict[str, object] = {}
    for entity, model in sorted(ENTITIES.items()):
        cursor = store.execute(f'SELECT * FROM "{model.TABLE}" ORDER BY id')
        names = [column[0] for column in cursor.description]
        state[entity] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    keys = store.execute("SELECT DISTINCT scope_id, entity, record_id FROM sync_change").fetchall()
    state["heads"] = sorted(
        (*key, field, replica, seq, hlc, canonical_json(value))
        for key, fields in heads_of(store, keys).items()
        for field, heads in fields.items()
        for hlc, replica, seq, value in heads
    )
    state["open"] = store.execute(
        "SELECT scope_id, entity, record_id FROM sync_open ORDER BY 1, 2, 3"
    ).fetchall()
    state["changes"] = [
        (scope, replica, seq, digest.hex())
        for scope, replica, seq, digest in store.execute(
            "SELECT scope_id, replica_id, seq, content_hash FROM sync_change "
            "ORDER BY scope_id, replica_id, seq"
        )
    ]
    return json.dumps(state, sort_keys=True, default=str)
