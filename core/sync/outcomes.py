"""What export, import and the conflict list tell the user: plain data for screens and the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ChangeId = tuple[str, int]
"""A change's identity: (replica id, sequence number within its scope)."""


@dataclass(frozen=True)
class ExportResult:
    """A file written by `core.sync.exporter.export_scope`."""

    path: Path
    kind: str
    """"full" or "delta"."""
    scope_id: str
    scope_name: str
    n_changes: int
    size_bytes: int
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(catalog key, params), e.g. a file too large to mail comfortably."""


@dataclass
class EntityCounts:
    """How many records of one kind an import creates, changes, deletes and restores."""

    created: int = 0
    changed: int = 0
    deleted: int = 0
    restored: int = 0

    @property
    def total(self) -> int:
        """All records touched."""
        return self.created + self.changed + self.deleted + self.restored


@dataclass(frozen=True)
class Conflict:
    """A field two units changed without seeing each other's change, or an edit of a deleted record.

    `kind` is "field" (the shown value and the other values of one field) or "deleted_edit"
    (the record is deleted here, and `values` lists edits the deletion had not seen).
    """

    kind: str
    scope_id: str
    entity: str
    record_id: str
    field: str
    record_label: str
    """The record's name or title, to show the user (user text: never markup)."""
    shown: ConflictValue | None
    others: list[ConflictValue]


@dataclass(frozen=True)
class ConflictValue:
    """One candidate value of a conflict, with who wrote it and when."""

    change_id: ChangeId
    value: Any
    unit: str
    author: str
    written_at: dt.datetime


@dataclass
class ImportPreview:
    """What importing a file does (or did): the same apply code, rolled back for a preview."""

    path: Path
    export_id: str
    kind: str
    """"full" or "delta"."""
    sender_unit: str
    sender_replica: str
    created_at: dt.datetime
    scopes: list[tuple[str, str, str]]
    """(scope id, kind "project", "organisation" or "network", name) of every scope in it."""
    n_changes: int
    n_new: int = 0
    already_imported: bool = False
    """True when every change in the file is here already: importing changes nothing."""
    latest: int = 0
    """The latest stamp of any change in the file (this database's clock moves past it)."""
    counts: dict[str, EntityCounts] = field(default_factory=dict)
    """Per entity name (`action`, `measurement`, ...); label them with `entity.<name>`."""
    new_conflicts: list[Conflict] = field(default_factory=list)
    n_parked: int = 0
    """Changes that need a newer Tavle: kept and passed on, not shown."""
    n_redacted: int = 0
    """Values held here that the file's sender took out for holding a personal number, and
    that the import takes out here too (`core.sync.redaction`)."""
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(catalog key, params): clock skew, a gap before the file's changes, many deletions."""
    large_delete: bool = False
    """True when the file deletes a large share of a project: confirm twice."""
    applied: bool = False
