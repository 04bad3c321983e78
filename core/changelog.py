"""The one write path: validate, append to the change log, move the field heads, update the row.

Every change is one write to one record: the fields it sets, the heads of each field it saw and
replaced (`prev`), and for a delete every head of the other fields it saw (`covers`). It is stamped
with the hybrid logical clock and numbered per (scope, replica) (sync-design.md §4.3).
Use-case modules (`core.projects`, ...) call `create`, `update`, `delete` and `restore` inside
`store.transaction()`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from pydantic import ValidationError

from core.clock import next_stamp
from core.errors import InvalidError, NotFoundError
from core.models import ENTITIES, Record
from core.store import Store

VOCAB = 5
"""The entity and field vocabulary's version (grows when an entity or field is added).

1: the foundation; 2: step.source_step_id, decision.responsible/idea_id, project closing
choices, phase_change; 3: measure.baseline_until, annotation kind/split, project.cycle_name,
cycle.decided_by, meeting times, board_label, success, meeting_item; 4: the driver diagram;
5: organisations of teams (team and team_figure move to the organisation's scope), profession,
team_member, key_figure, alert_ack, capacity_plan."""

EXISTS = "_exists"

R = TypeVar("R", bound=Record)

ChangeId = tuple[str, int]


def canonical_json(value: Any) -> str:
    """Serialize compactly with sorted keys, so equal values give equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _dump(record: Record) -> dict[str, Any]:
    values = record.model_dump(mode="json")
    values.pop("id")
    return values


def _heads(store: Store, scope: str, entity: str, record_id: str, field: str) -> list[ChangeId]:
    rows = store.db.execute(
        "SELECT replica_id, seq FROM sync_head WHERE scope_id = ? AND entity = ? "
        "AND record_id = ? AND field = ? ORDER BY replica_id, seq",
        [scope, entity, record_id, field],
    ).fetchall()
    return [(r, s) for r, s in rows]


def _append(
    store: Store,
    scope: str,
    entity: str,
    record_id: str,
    values: dict[str, Any],
    *,
    covers: list[ChangeId] | None = None,
) -> ChangeId:
    """Append one change and make it the head of every field it sets."""
    db = store.db
    if not db.conn.in_transaction:
        raise RuntimeError("a change must be written inside store.transaction()")
    replica = store.replica_row()
    assert replica is not None
    replica_id = replica["replica_id"]
    hlc = next_stamp(replica["hlc_last"], store.wall_clock())
    db.execute("UPDATE sync_replica SET hlc_last = ? WHERE id = 1", [hlc])
    (last_seq,) = db.execute(
        "SELECT COALESCE(MAX(seq), 0) FROM sync_change WHERE scope_id = ? AND replica_id = ?",
        [scope, replica_id],
    ).fetchone()
    seq = last_seq + 1
    prev = {field: _heads(store, scope, entity, record_id, field) for field in values}
    prev = {field: ids for field, ids in prev.items() if ids}
    line = {
        "p": scope, "r": replica_id, "s": seq, "h": hlc, "e": entity, "id": record_id,
        "set": values, "prev": prev, "a": store.author, "v": VOCAB,
    }
    if covers is not None:
        line["covers"] = covers
    db.execute(
        "INSERT INTO sync_change (scope_id, replica_id, seq, hlc, entity, record_id, set_json, "
        "prev_json, covers_json, author, vocab, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            scope, replica_id, seq, hlc, entity, record_id, canonical_json(values),
            canonical_json(prev), None if covers is None else canonical_json(covers),
            store.author, VOCAB, hashlib.sha256(canonical_json(line).encode()).digest(),
        ],
    )
    for field, value in values.items():
        for old_replica, old_seq in prev.get(field, []):
            db.execute(
                "INSERT OR IGNORE INTO sync_replaced VALUES (?,?,?,?,?,?)",
                [scope, entity, record_id, field, old_replica, old_seq],
            )
        db.execute(
            "DELETE FROM sync_head WHERE scope_id = ? AND entity = ? AND record_id = ? "
            "AND field = ?",
            [scope, entity, record_id, field],
        )
        db.execute(
            "INSERT INTO sync_head VALUES (?,?,?,?,?,?,?,?)",
            [scope, entity, record_id, field, replica_id, seq, hlc, canonical_json(value)],
        )
    return replica_id, seq


def build(model: type[R], **fields: Any) -> R:
    """Build a record from typed or imported values; a broken rule raises `InvalidError`."""
    return _validate(model, fields)


def _validate(model: type[R], data: dict[str, Any]) -> R:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidError.from_validation(error) from None


def _row(store: Store, model: type[Record], record_id: str) -> dict[str, Any] | None:
    rows = store.query(f'SELECT * FROM "{model.TABLE}" WHERE id = ?', [record_id])
    return rows[0] if rows else None


def load(store: Store, model: type[R], record_id: str) -> R:
    """Return a live record, or raise `NotFoundError`."""
    row = _row(store, model, record_id)
    if row is None or not row[EXISTS]:
        raise NotFoundError("error.not_found", entity=model.ENTITY)
    row.pop(EXISTS)
    return model.model_validate(_with_defaults(model, row))


def _with_defaults(model: type[Record], row: dict[str, Any]) -> dict[str, Any]:
    """Leave out NULL columns of fields added after the row was written, so their defaults apply.

    Migrations add columns without writing values (they never emit changes, sync-design.md
    §4.11); a record written before a field existed gets the field's default when read.
    """
    fields = model.model_fields
    return {
        name: value
        for name, value in row.items()
        if value is not None or name not in fields or fields[name].is_required()
        or fields[name].get_default(call_default_factory=False) is None
    }


def create(store: Store, record: R) -> R:
    """Write a new record (validated again, so a record built with `model_construct` is checked)."""
    record = _validate(type(record), record.model_dump())
    values = _dump(record)
    _append(store, record.scope_id, record.ENTITY, record.id, {EXISTS: True, **values})
    store.db[record.TABLE].upsert({"id": record.id, **values, EXISTS: 1}, pk="id")
    return record


def update(store: Store, model: type[R], record_id: str, **changes: Any) -> R:
    """Change fields of a live record; only fields whose value changes are logged."""
    current = load(store, model, record_id)
    unknown = (set(changes) - set(model.model_fields)) | ({"id"} & set(changes))
    if unknown:
        raise ValueError(f"{model.ENTITY} has no field(s) {sorted(unknown)}")
    record = _validate(model, {**current.model_dump(), **changes})
    old, new = _dump(current), _dump(record)
    values = {field: new[field] for field in new if new[field] != old[field]}
    if values:
        _append(store, record.scope_id, model.ENTITY, record_id, values)
        store.db[model.TABLE].update(record_id, values)
    return record


def delete(store: Store, model: type[Record], record_id: str) -> None:
    """Delete a record as a tombstone that covers every field head this database has seen."""
    current = load(store, model, record_id)
    entity, scope = model.ENTITY, current.scope_id
    covers = [
        (r, s)
        for r, s in store.db.execute(
            "SELECT DISTINCT replica_id, seq FROM sync_head WHERE scope_id = ? AND entity = ? "
            "AND record_id = ? AND field != ? ORDER BY replica_id, seq",
            [scope, entity, record_id, EXISTS],
        ).fetchall()
    ]
    _append(store, scope, entity, record_id, {EXISTS: False}, covers=covers)
    store.db[model.TABLE].update(record_id, {EXISTS: 0})


def restore(store: Store, model: type[R], record_id: str) -> R:
    """Bring a deleted record back (a new `_exists=true` change)."""
    row = _row(store, model, record_id)
    if row is None:
        raise NotFoundError("error.not_found", entity=model.ENTITY)
    if not row[EXISTS]:
        scope = str(row[model.SCOPE_FIELD]) if model.SCOPE_FIELD != "id" else record_id
        _append(store, scope, model.ENTITY, record_id, {EXISTS: True})
        store.db[model.TABLE].update(record_id, {EXISTS: 1})
    return load(store, model, record_id)


def model_for(entity: str) -> type[Record]:
    """Return the model of a change-log entity name."""
    return ENTITIES[entity]
