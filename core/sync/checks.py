"""Every change of a file checked against this Tavle's vocabulary before anything is written.

Entity and field names come only from the model registry (`core.models.ENTITIES`); a value must
pass its field's validation and already be in the canonical form Tavle writes. A change from a
newer vocabulary that names what this version does not know is *parked*: kept in the log and
passed on in exports, not shown (sync-design.md §4.11). From the same or an older vocabulary
it is refused: the file was altered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache, lru_cache
from typing import Any

from pydantic import ValidationError

from core.db.changelog import EXISTS, VOCAB
from core.db.field_values import field_value
from core.db.heads import Heads, RecordKey
from core.db.store import Store
from core.models import ENTITIES, Record
from core.sync.cpr_numbers import mask_numbers
from core.sync.errors import SyncFileError
from core.sync.fileformat import ChangeLine, Line

EARLIEST_MS = int(dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp() * 1000)
FUTURE_MS = 5 * 366 * 24 * 3600 * 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def value_ok(model: type[Record], field: str, value: Any) -> bool:
    """Whether a value is valid for a field of this version, in Tavle's canonical form.

    Values repeat a lot in a file (a project id, a period, a status): answers are cached per
    value and type (1, 1.0 and True are equal but not the same value here).
    """
    # Held as plain `type`: mypy takes `type[Any]` for unhashable (python/mypy#11470).
    kind: type = type(value)
    return _value_ok(model, field, value, kind)


@lru_cache(maxsize=65_536)
def _value_ok(model: type[Record], field: str, value: Any, _kind: type) -> bool:
    if field == EXISTS:
        return isinstance(value, bool)
    check = field_value(model, field)
    if check is None:
        return False
    if isinstance(value, str) and _CONTROL.search(value):
        return False
    try:
        normal = check.to_json(check.validate(value))
    except (ValidationError, ValueError, TypeError):
        return False
    # Values are JSON scalars: the same type and value is the same canonical text (5 is not 5.0).
    return type(normal) is type(value) and normal == value


def known_field(model: type[Record], field: str) -> bool:
    """Whether this version knows the field (`_exists` is every record's)."""
    return field == EXISTS or field_value(model, field) is not None


ChangeKey = tuple[str, str, int]
"""(scope id, replica id, seq)."""


def unreadable(change: ChangeLine) -> tuple[str, dict[str, Any]] | None:
    """Why this version cannot read a change (a catalog key and its params), or None."""
    model = ENTITIES.get(change.e)
    if model is None:
        return "sync.error.unknown_entity", {"name": mask_numbers(change.e[:40])}
    for field in (*change.set, *change.prev):
        if not known_field(model, field):
            return "sync.error.unknown_field", {"name": mask_numbers(field[:40])}
    for field, value in change.set.items():
        if not value_ok(model, field, value):
            return "sync.error.bad_value", {"field": field}
    return None


def check_changes(
    store: Store, scopes: set[str], batch: list[Line], latest_ms: int
) -> set[ChangeKey]:
    """Check a batch of a file's changes; return the parked ones (they need a newer Tavle).
    Raise on the rest. `scopes` are the file's projects and organisations, `latest_ms` the
    latest time a change may carry (a clock far ahead is an altered file).

    A parked change is kept in the log and passed on in exports, but plays no part in what this
    version shows. It still may not touch a record of another project. A change given twice
    with different text in one batch is refused here; across batches the importer compares it
    with the first, then held in the log.
    """
    seen: dict[ChangeKey, bytes] = {}
    parked: set[ChangeKey] = set()
    by_entity: dict[str, list[ChangeLine]] = defaultdict(list)
    for number, raw, change in batch:
        if change.p not in scopes:
            raise SyncFileError("sync.error.wrong_scope", line=number)
        key = (change.p, change.r, change.s)
        if key in seen and seen[key] != raw:
            raise SyncFileError("sync.error.change_invalid", line=number)
        seen[key] = raw
        if not EARLIEST_MS <= change.h >> 16 <= latest_ms:
            raise SyncFileError("sync.error.change_invalid", line=number)
        if change.covers is not None and change.set.get(EXISTS) is not False:
            raise SyncFileError("sync.error.change_invalid", line=number)
        model = ENTITIES.get(change.e)
        if model is not None:
            _check_scope_field(model, change, number)
            by_entity[change.e].append(change)
        reason = unreadable(change)
        if reason is not None:
            if change.v <= VOCAB:
                raise SyncFileError(reason[0], line=number, **reason[1])
            parked.add(key)
    for entity, changes in by_entity.items():
        _check_scopes(store, ENTITIES[entity], changes)
    return parked


def latest_ms(store: Store) -> int:
    """The latest time a received change may carry: five years past this PC's clock."""
    return store.wall_clock() + FUTURE_MS


def _check_scope_field(model: type[Record], change: ChangeLine, number: int) -> None:
    scope_field = model.SCOPE_FIELD
    if scope_field == "id" and change.id != change.p:
        raise SyncFileError("sync.error.wrong_scope", line=number)
    if scope_field in change.set and change.set[scope_field] != change.p:
        raise SyncFileError("sync.error.wrong_scope", line=number)


def incomplete_records(heads: dict[RecordKey, Heads]) -> dict[RecordKey, str]:
    """The live records that lack a field their model requires, with the field (a file made by
    hand; the importer refuses it with `sync.error.record_incomplete`)."""
    missing: dict[RecordKey, str] = {}
    for key, fields in heads.items():
        exists = fields.get(EXISTS)
        if key[1] not in ENTITIES or not exists or exists[0][3] is not True:
            continue
        for name in _required(key[1]):
            if not fields.get(name):
                missing[key] = name
                break
    return missing


@cache
def _required(entity: str) -> tuple[str, ...]:
    """The fields a record of the kind must have (its id aside)."""
    return tuple(name for name, info in ENTITIES[entity].model_fields.items()
                 if name != "id" and info.is_required())


def _check_scopes(store: Store, model: type[Record], changes: list[ChangeLine]) -> None:
    """Refuse a change to a record that belongs to another project or organisation here."""
    scope_of: dict[str, str] = {}
    for change in changes:
        if scope_of.setdefault(change.id, change.p) != change.p:
            raise SyncFileError("sync.error.wrong_project")
    ids = list(scope_of)
    column = model.SCOPE_FIELD
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = store.execute(
            f'SELECT id, "{column}" FROM "{model.TABLE}" WHERE id IN ({marks})', chunk
        ).fetchall()
        for record_id, scope in rows:
            if scope is not None and str(scope) != scope_of[record_id]:
                raise SyncFileError("sync.error.wrong_project")
