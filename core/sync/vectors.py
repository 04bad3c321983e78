"""Version vectors: what this database holds per replica, and what each peer said it holds."""

from __future__ import annotations

import json

from core.db.store import Store

Vector = dict[str, int]
"""Per replica id, the last seq held without a gap."""


def seen_vector(store: Store, scope_id: str) -> Vector:
    """Per replica, the last seq of the scope this database holds with every earlier one."""
    vector: Vector = {}
    rows = store.execute(
        "SELECT replica_id, COUNT(*), MAX(seq) FROM sync_change WHERE scope_id = ? "
        "GROUP BY replica_id",
        [scope_id],
    ).fetchall()
    for replica, count, last in rows:
        if count == last:
            vector[replica] = last
            continue
        seqs = store.execute(
            "SELECT seq FROM sync_change WHERE scope_id = ? AND replica_id = ? ORDER BY seq",
            [scope_id, replica],
        ).fetchall()
        held = 0
        for (seq,) in seqs:
            if seq != held + 1:
                break
            held = seq
        vector[replica] = held
    return vector


def own_replicas(store: Store) -> set[str]:
    """This database's replica id and the ids it had before it was copied to this PC."""
    ids = {store.replica_id}
    ids.update(r for (r,) in store.execute("SELECT replica_id FROM sync_replica_history"))
    return ids


def peer_vectors(store: Store, scope_id: str) -> dict[str, Vector]:
    """What every other unit's last file for the scope said it holds."""
    own = own_replicas(store)
    return {
        replica: json.loads(seen_json)
        for replica, seen_json in store.execute(
            "SELECT replica_id, seen_json FROM sync_peer WHERE scope_id = ?", [scope_id]
        )
        if replica not in own
    }


def team_since(store: Store, scope_id: str) -> Vector | None:
    """What every known peer holds (the element-wise minimum); None when no peer has written."""
    peers = peer_vectors(store, scope_id)
    if not peers:
        return None
    replicas = set().union(*peers.values(), seen_vector(store, scope_id))
    return {r: min(vector.get(r, 0) for vector in peers.values()) for r in sorted(replicas)}


def unit_names(store: Store) -> dict[str, str]:
    """The unit name of every replica seen (this database's own under its current name)."""
    names = {r: u for r, u in store.execute("SELECT replica_id, unit_name FROM sync_unit")}
    own = store.unit_name
    for replica in own_replicas(store):
        names[replica] = own
    return names
