"""The one write path: validate, append to the change log (naming the heads it replaces), update
the row.

Every change is one write to one record: the fields it sets, the heads of each field it saw and
replaced (`prev`), and for a delete every head of the other fields it saw (`covers`). It is stamped
with the hybrid logical clock and numbered per (scope, replica) (sync-design.md §4.3).
Use-case modules (`core.project.projects`, ...) call `create`, `update`, `delete` and `restore`
inside `store.transaction()`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import ValidationError

from core.clock import next_stamp
from core.db.heads import EXISTS as EXISTS  # re-exported: every record's tombstone field
from core.db.heads import heads_of, mark_open
from core.db.logrows import insert_changes
from core.db.store import Store
from core.errors import InvalidError, NotFoundError
from core.models import ENTITIES, Record

VOCAB = 11
"""The entity and field vocabulary's version (grows when an entity or field is added).

1: the foundation; 2: step.source_step_id, decision.responsible/idea_id, project closing
choices, phase_change; 3: measure.baseline_until, annotation kind/split, project.cycle_name,
cycle.decided_by, meeting times, board_label, success, meeting_item; 4: the driver diagram
(driver_node, driver_link, driver_test, measure.role and measure.driver_node_id);
5: organisations of teams (team and team_figure move to the organisation's scope), profession,
team_member, key_figure, alert_ack, capacity_plan; 6: benefit;
7: network, network_unit, network_meeting, network_presentation, network_note;
8: charts as qicharts2 (measure.chart, multiply, centre, negative, sigma, warning_lines, entry),
chart_mark, measure_case; 9: a target path (measure.target_start, target_from, target_by) and
team_figure.denominator; 10: decision.action_id and decision.cycle_id (a closing decision on an
action plan row or a PDSA cycle);
11: project.meeting_every_days and project.planned_meetings;
board_label.wip_limit and kaizen_card.recur_weeks"""

R = TypeVar("R", bound=Record)

ChangeId = tuple[str, int]


_encode_str = json.encoder.encode_basestring
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """Serialize compactly with sorted keys, so equal values give equal text.

    Scalars (most calls: one per field value) take a short path that gives the same text.
    """
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    return _CANONICAL.encode(value)


def _dump(record: Record) -> dict[str, Any]:
    values = record.model_dump(mode="json")
    values.pop("id")
    return values




def _change_row(
    store: Store, scope: str, replica_id: str, seq: int, hlc: int, entity: str, record_id: str,
    values: dict[str, Any], prev: dict[str, list[ChangeId]], covers: list[ChangeId] | None,
) -> list[Any]:
    """The `sync_change` row of one change, with the hash of its line (its values as a dict,
    for `core.db.logrows.insert_changes`)."""
    line = {
        "p": scope, "r": replica_id, "s": seq, "h": hlc, "e": entity, "id": record_id,
        "set": values, "prev": prev, "a": store.author, "v": VOCAB,
    }
    if covers is not None:
        line["covers"] = covers
    return [
        scope, replica_id, seq, hlc, entity, record_id, values,
        canonical_json(prev), None if covers is None else canonical_json(covers),
        store.author, VOCAB, hashlib.sha256(canonical_json(line).encode()).digest(), None,
    ]


def append_change(
    store: Store,
    scope: str,
    entity: str,
    record_id: str,
    values: dict[str, Any],
    *,
    covers: list[ChangeId] | None = None,
) -> ChangeId:
    """Append one change and make it the head of every field it sets (replacing all heads).

    Use-case code calls `create`/`update`/`delete`/`restore`; sync resolution calls this.
    """
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
    heads = heads_of(store, [(scope, entity, record_id)]).get((scope, entity, record_id), {})
    prev = {
        field: sorted((r, s) for _h, r, s, _v in heads[field])
        for field in values if heads.get(field)
    }
    insert_changes(
        db.conn,
        [_change_row(store, scope, replica_id, seq, hlc, entity, record_id, values, prev, covers)],
    )
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_replaced VALUES (?,?,?,?,?,?)",
        [(scope, entity, record_id, field, old_replica, old_seq)
         for field, refs in prev.items() for old_replica, old_seq in refs],
    )
    after = {**heads, **{field: [(hlc, replica_id, seq, value)] for field, value in values.items()}}
    mark_open(store, {(scope, entity, record_id): after}, [(scope, entity, record_id)])
    return replica_id, seq


def covering_heads(store: Store, scope: str, entity: str, record_id: str) -> list[ChangeId]:
    """The heads of every field but `_exists`: what a deletion has seen (its `covers`)."""
    heads = heads_of(store, [(scope, entity, record_id)]).get((scope, entity, record_id), {})
    return sorted({
        (replica, seq)
        for field, field_heads in heads.items() if field != EXISTS
        for _hlc, replica, seq, _value in field_heads
    })


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
    values = _with_defaults(model, row)
    try:
        return model.model_validate(values)
    except ValidationError:
        return _field_by_field(model, values)


def _field_by_field(model: type[R], values: dict[str, Any]) -> R:
    """Read a stored row that breaks a rule spanning fields (concurrent edits in two units).

    Each field is validated on its own; the record is shown as stored, and the next edit of it
    is validated whole again.
    """
    from core.db.field_values import field_value

    fields: dict[str, Any] = {"id": values["id"]}
    for name, value in values.items():
        check = field_value(model, name)
        if check is not None:
            try:
                fields[name] = check.validate(value)
            except (ValidationError, ValueError):
                continue
    return model.model_construct(**fields)


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
    append_change(store, record.scope_id, record.ENTITY, record.id, {EXISTS: True, **values})
    store.db.table(record.TABLE).upsert({"id": record.id, **values, EXISTS: 1}, pk="id")
    return record


def create_new(store: Store, records: Iterable[Record]) -> int:
    """Write records this database has never seen, in bulk (the demo's years of weekly figures).

    The log lines and rows are exactly those `create` writes for each record in turn
    (one clock tick and one sequence number per record), in a few statements per batch instead
    of some twenty per record. A record whose id is already known is written by `create`.
    Return how many records were written.
    """
    db = store.db
    if not db.conn.in_transaction:
        raise RuntimeError("a change must be written inside store.transaction()")
    batch = [_validate(type(r), r.model_dump()) for r in records]
    if not batch:
        return 0
    known = _known_ids(store, batch)
    replica = store.replica_row()
    assert replica is not None
    replica_id, hlc = replica["replica_id"], replica["hlc_last"]
    seqs: dict[str, int] = {}
    changes: list[list[Any]] = []
    rows: dict[str, list[dict[str, Any]]] = {}
    for record in batch:
        if record.id in known:
            db.execute("UPDATE sync_replica SET hlc_last = ? WHERE id = 1", [hlc])
            _flush(store, changes, rows)
            create(store, record)
            hlc = store.replica_row()["hlc_last"]  # type: ignore[index]
            seqs.pop(record.scope_id, None)
            continue
        scope = record.scope_id
        if scope not in seqs:
            (seqs[scope],) = db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM sync_change WHERE scope_id = ? "
                "AND replica_id = ?", [scope, replica_id]).fetchone()
        seqs[scope] += 1
        hlc = next_stamp(hlc, store.wall_clock())
        values = {EXISTS: True, **_dump(record)}
        changes.append(_change_row(store, scope, replica_id, seqs[scope], hlc, record.ENTITY,
                                   record.id, values, {}, None))
        rows.setdefault(record.TABLE, []).append(
            {"id": record.id, **values, EXISTS: 1})
    db.execute("UPDATE sync_replica SET hlc_last = ? WHERE id = 1", [hlc])
    _flush(store, changes, rows)
    return len(batch)


def _known_ids(store: Store, batch: list[Record]) -> set[str]:
    """Ids of the batch that a table row or the change log already has."""
    known: set[str] = set()
    groups: dict[tuple[str, str, str], list[str]] = {}
    for record in batch:
        groups.setdefault((record.TABLE, record.scope_id, record.ENTITY), []).append(record.id)
    for (table, scope, entity), ids in groups.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            known |= {r[0] for r in store.execute(
                f'SELECT id FROM "{table}" WHERE id IN ({marks})', chunk).fetchall()}
            known |= {r[0] for r in store.execute(
                f"SELECT record_id FROM sync_change WHERE scope_id = ? AND entity = ? "
                f"AND record_id IN ({marks})", [scope, entity, *chunk]).fetchall()}
    return known


def _flush(store: Store, changes: list[list[Any]], rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write the collected log lines and table rows, and empty the lists."""
    conn = store.db.conn
    insert_changes(conn, changes)
    for table, items in rows.items():
        columns = list(items[0])
        names = ", ".join(f'"{c}"' for c in columns)
        conn.executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({",".join("?" * len(columns))})',
            [[_sql_value(item[c]) for c in columns] for item in items])
    changes.clear()
    rows.clear()


def _sql_value(value: Any) -> Any:
    """A JSON-dumped field value as sqlite-utils stores it (lists and dicts as JSON text)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=repr, ensure_ascii=False)
    return value


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
        append_change(store, record.scope_id, model.ENTITY, record_id, values)
        store.db.table(model.TABLE).update(record_id, values)
    return record


def delete(store: Store, model: type[Record], record_id: str) -> None:
    """Delete a record as a tombstone that covers every field head this database has seen."""
    current = load(store, model, record_id)
    entity, scope = model.ENTITY, current.scope_id
    covers = covering_heads(store, scope, entity, record_id)
    append_change(store, scope, entity, record_id, {EXISTS: False}, covers=covers)
    store.db.table(model.TABLE).update(record_id, {EXISTS: 0})


def restore(store: Store, model: type[R], record_id: str) -> R:
    """Bring a deleted record back (a new `_exists=true` change)."""
    row = _row(store, model, record_id)
    if row is None:
        raise NotFoundError("error.not_found", entity=model.ENTITY)
    if not row[EXISTS]:
        scope = str(row[model.SCOPE_FIELD]) if model.SCOPE_FIELD != "id" else record_id
        append_change(store, scope, model.ENTITY, record_id, {EXISTS: True})
        store.db.table(model.TABLE).update(record_id, {EXISTS: 1})
    return load(store, model, record_id)


def model_for(entity: str) -> type[Record]:
    """Return the model of a change-log entity name."""
    return ENTITIES[entity]
