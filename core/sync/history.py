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
import enum
import json
import re
import typing
from dataclasses import dataclass
from typing import Any

from core.clock import stamp_time
from core.db.heads import EXISTS
from core.db.store import Store
from core.i18n import Translator
from core.models import ENTITIES
from core.sync.labels import record_label
from core.sync.outcomes import ChangeId
from core.sync.vectors import own_replicas, unit_names

HIDDEN_FIELDS = ("order",)
"""Fields a person never reads (a row's sort key); with the record's scope field, left out of
what the history shows."""

LINKS = {"card_id": "kaizen_card", "map_id": "workflow_map", "goal_id": "result_goal",
         "node_id": "driver_node", "driver_id": "driver_node", "parent_id": "driver_node",
         "figure_id": "key_figure"}
"""The kind of record a link field names, where its name does not say it ("measure_id" is a
measure); a link to another kind is looked for among every kind."""

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
            stamp_time(hlc),
            author or "", units.get(replica, ""), replica in own, via is not None, fields,
        ))
    entries.reverse()
    return entries


def shown_fields(entity: str, fields: list[FieldChange]) -> list[FieldChange]:
    """The fields of a change a person reads: not the scope field or a sort key."""
    model = ENTITIES.get(entity)
    scope = model.SCOPE_FIELD if model is not None else ""
    return [f for f in fields if f.field not in HIDDEN_FIELDS and f.field != scope]


def is_link(field: str) -> bool:
    """Whether a field holds the id of another record."""
    return field.endswith("_id")


def link_labels(store: Store, entries: list[HistoryEntry],
                tr: Translator | None = None) -> dict[str, str]:
    """The label of every record the entries' link fields name, by id ("" when not here)."""
    labels: dict[str, str] = {}
    for entry in entries:
        for change in entry.fields:
            if not is_link(change.field):
                continue
            for value in (change.old, change.new):
                if isinstance(value, str) and value and value not in labels:
                    labels[value] = _linked_label(store, change.field, value, tr)
    return labels


def _linked_label(store: Store, field: str, record_id: str, tr: Translator | None) -> str:
    named = LINKS.get(field, field.removesuffix("_id"))
    kinds = [named] if named in ENTITIES else []
    kinds += [kind for kind in ENTITIES if kind != named]
    for kind in kinds:
        label = record_label(store, kind, record_id, tr)
        if label:
            return label
    return ""


def enum_key(entity: str, field: str, value: Any) -> str | None:
    """The catalog key naming a choice field's stored value ("enum.action_status.done");
    None when the field holds no choice."""
    model = ENTITIES.get(entity)
    info = model.model_fields.get(field) if model is not None else None
    if info is None or not isinstance(value, str):
        return None
    for kind in (info.annotation, *typing.get_args(info.annotation)):
        if isinstance(kind, type) and issubclass(kind, enum.StrEnum):
            name = re.sub(r"(?<!^)(?=[A-Z])", "_", kind.__name__).lower()
            return f"enum.{name}.{value}"
    return None
