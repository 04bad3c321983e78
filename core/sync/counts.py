"""Conflict counts for the start screen, without loading the sync engine when there are none.

`core.sync.conflicts` needs pydantic and the models; most databases, most of the time, have no
record that could be in conflict, which one SQL query tells.
"""

from __future__ import annotations

from core.db.store import Store


def conflict_counts(store: Store) -> dict[str, int]:
    """The number of conflicts per project or organisation that has any."""
    (maybe,) = store.execute("SELECT EXISTS (SELECT 1 FROM sync_open)").fetchone()
    if not maybe:
        return {}
    from core.sync.conflicts import conflict_counts as counted

    return counted(store)


def conflict_count(store: Store, scope_id: str) -> int:
    """The number of conflicts of one project or organisation."""
    (maybe,) = store.execute(
        "SELECT EXISTS (SELECT 1 FROM sync_open WHERE scope_id = ?)", [scope_id]
    ).fetchone()
    if not maybe:
        return 0
    from core.sync.conflicts import list_conflicts

    return len(list_conflicts(store, scope_id))
