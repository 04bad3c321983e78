"""Record identity: random UUIDs for new records, uuid5 for records several units may create."""

from __future__ import annotations

import uuid

NAMESPACE_TAVLE = uuid.UUID("6f1c9a52-0b7e-4c2d-9a53-7a1e1f3c2b10")
"""Namespace for deterministic ids (never change it: ids in shipped files depend on it)."""


def new_id() -> str:
    """Return a new random record id (UUIDv4 as 32 hex digits with dashes)."""
    return str(uuid.uuid4())


def stable_id(scope_id: str, kind: str, *natural_key: object) -> str:
    """Return the deterministic id of `kind` with `natural_key` inside a project or team.

    Two units that create "the same" record (a checklist item from a template, the measurement of
    one measure in one week) get the same id, so a sync merges them into one record.
    """
    key = "/".join([scope_id, kind, *(str(part) for part in natural_key)])
    return str(uuid.uuid5(NAMESPACE_TAVLE, key))
