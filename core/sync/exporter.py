"""Writing a project's (or an organisation's) changes to a `.tavle` file to mail to other units.

By default the file is a delta for the team: every change beyond what all known peers said they
hold, from every replica (so changes relay through units). A lost or skipped email costs nothing:
the next delta still carries what nobody acknowledged. With no peer yet, or `full=True`, it holds
the whole log of the scope. The manifest's names (the unit's, the projects', the user's) are
written inert (`core.values.inert`): a stray control character in a local name never makes a
file another Tavle refuses.

`outgoing_file` decides what a file holds – its name, its manifest and every change line – and
`export_scope` writes exactly that, so the CPR guard (`core.sync.cpr_guard.scan_export`) reads
the same thing that leaves: nothing can be added to a file without being scanned.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from core import __version__, clock
from core.db.changelog import VOCAB
from core.db.store import Store, disk_is_full
from core.paths import export_dir, slug
from core.sync.errors import SyncFileError
from core.sync.fileformat import (
    FORMAT,
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    PAYLOAD,
    SUFFIX,
    WARN_FILE_BYTES,
    payload_bytes,
    write_file,
)
from core.sync.merge import CHANGE_COLUMNS, line_text
from core.sync.outcomes import ExportResult
from core.sync.passphrase import passphrase_for
from core.sync.redaction import scope_redactions
from core.sync.vectors import Vector, seen_vector, team_since, unit_names
from core.values.inert import inert

SCOPE_TABLES = {"project": "projects", "organisation": "organisations", "network": "networks"}


class _ScopeEntry(TypedDict):
    """A scope as the manifest lists it."""

    id: str
    kind: str
    name: str
    since: Vector
    seen: Vector


def exportable_scopes(store: Store) -> list[tuple[str, str, str]]:
    """(scope id, kind, name) of every live project and organisation, by name."""
    scopes = [
        (row[0], kind, row[1])
        for kind, table in SCOPE_TABLES.items()
        for row in store.execute(f'SELECT id, name FROM "{table}" WHERE _exists = 1')
    ]
    return sorted(scopes, key=lambda scope: (scope[2].casefold(), scope[0]))


def scope_info(store: Store, scope_id: str) -> tuple[str, str] | None:
    """(kind, name) of a project or organisation, deleted or not; None when unknown here."""
    for kind, table in SCOPE_TABLES.items():
        row = store.execute(f'SELECT name FROM "{table}" WHERE id = ?', [scope_id]).fetchone()
        if row is not None:
            return kind, row[0]
    return None


def related_networks(store: Store, project_id: str) -> list[str]:
    """The learning networks a project's file also carries: where its unit is a member or it
    was presented, so the network's meetings, notes and tips travel back to the units."""
    rows = store.execute(
        "SELECT DISTINCT n.id FROM networks n WHERE n._exists = 1 AND n.id != ? AND ("
        " EXISTS (SELECT 1 FROM network_presentations p WHERE p.network_id = n.id "
        "  AND p._exists = 1 AND p.project_id = ?) OR"
        " EXISTS (SELECT 1 FROM network_units u JOIN projects pr ON pr.id = ? "
        "  WHERE u.network_id = n.id AND u._exists = 1 AND pr.unit != '' AND u.name = pr.unit))"
        " ORDER BY n.id",
        [project_id, project_id, project_id],
    ).fetchall()
    return [row[0] for row in rows]


def file_name(scope_name: str, unit: str, day: dt.date, *, full: bool) -> str:
    """`Tavle_<projekt>_<enhed>_<YYYY-MM-DD>[_fuld].tavle` (parts from a whitelist)."""
    parts = ["Tavle", slug(scope_name) or "projekt", slug(unit), day.isoformat()]
    if full:
        parts.append("fuld")
    return "_".join(part for part in parts if part) + SUFFIX


@dataclass(frozen=True)
class OutgoingFile:
    """What a file of a scope holds before it is written: all of it leaves the machine."""

    name: str
    """The file's name (a free name beside it may add "-2")."""
    manifest: dict[str, Any]
    lines: list[str]
    """The change lines, as canonical JSON."""
    payload: bytes
    """The lines as the file's payload."""
    scope_id: str
    scope_name: str
    kind: str
    """"full" or "delta"."""


def outgoing_file(
    store: Store,
    scope_id: str,
    *,
    full: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    since_for: Callable[[str], Vector] | None = None,
    known_as: tuple[str, str] | None = None,
) -> OutgoingFile:
    """Everything a file of the scope holds: its name, its manifest and its change lines.

    `today` dates the file's name and `now` (UTC) stamps its manifest; both default to the clock.
    `since_for(scope id)` gives what the file leaves out of a scope (a shared folder's file
    leaves out what the folder holds, `core.sync.folder`); by default what every known peer
    said it holds. `known_as` (kind, name) stands in for a scope this database does not hold
    yet: a unit that joins a shared folder says what it holds, so the others write it the rest.
    """
    info = scope_info(store, scope_id) or known_as
    if info is None:
        raise SyncFileError("sync.error.no_such_scope")
    kind, name = info
    entries: list[_ScopeEntry] = []
    lines: list[str] = []
    by_entity: Counter[str] = Counter()
    kinds: list[str] = []
    for scope in [scope_id, *related_networks(store, scope_id)]:
        scope_kind, scope_name = scope_info(store, scope) or (kind, name)
        seen = seen_vector(store, scope)
        if full:
            since: Vector = {}
        elif since_for is not None:
            since = since_for(scope)
        else:
            since = team_since(store, scope) or {}
        kinds.append("delta" if since else "full")
        scope_lines, scope_counts = _lines(store, scope, since)
        lines += scope_lines
        by_entity.update(scope_counts)
        entries.append({"id": scope, "kind": scope_kind, "name": inert(scope_name),
                        "since": since, "seen": seen})
    kind_of_file = kinds[0]
    payload = payload_bytes(lines)
    units = unit_names(store)
    replica = store.replica_row()
    assert replica is not None
    replicas = sorted({r for entry in entries for r in entry["seen"]})
    redactions = scope_redactions(store, [entry["id"] for entry in entries])
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": list(FORMAT_VERSION),
        "min_reader": [1, 1] if redactions else [1, 0],
        "app_version": __version__,
        "vocab": VOCAB,
        "export_id": _new_export_id(),
        "created_at": (now or clock.utc_now()).isoformat(timespec="seconds"),
        "kind": kind_of_file,
        "sender": {"replica_id": replica["replica_id"], "unit": inert(replica["unit_name"]),
                   "user": inert(store.author)},
        "scopes": entries,
        "units": {r: inert(units.get(r, "")) for r in replicas},
        "counts": {"changes": len(lines), "by_entity": dict(sorted(by_entity.items()))},
        "payload": {"name": PAYLOAD, "bytes": len(payload),
                    "sha256": hashlib.sha256(payload).hexdigest()},
    }
    if redactions:
        manifest["redactions"] = [list(ref) for ref in redactions]
    day = today or clock.today()
    return OutgoingFile(
        file_name(name, replica["unit_name"], day, full=kind_of_file == "full"), manifest,
        lines, payload, scope_id, name, kind_of_file)


def export_scope(
    store: Store,
    scope_id: str,
    *,
    full: bool = False,
    path: Path | None = None,
    folder: Path | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Write the scope's file (`outgoing_file`) and return where, what kind and how big.

    With a team passphrase set for the project on this PC, the file is encrypted and sealed.
    """
    out = outgoing_file(store, scope_id, full=full, today=today, now=now)
    target = path or _free_path(folder or export_dir(), out.name)
    size = write_outgoing(store, out, target)
    warnings = []
    if size > WARN_FILE_BYTES:
        warnings.append(("sync.warn.large_file", {"mb": round(size / 1024 / 1024, 1)}))
    return ExportResult(target, out.kind, scope_id, out.scope_name, len(out.lines), size,
                        warnings)


def write_outgoing(store: Store, out: OutgoingFile, target: Path) -> int:
    """Write the file whole at `target` (sealed with the scope's team passphrase when this PC
    has one) and return its size; a half-written file never carries the name."""
    return _write_atomically(target, out.manifest, out.payload, passphrase_for(store, out.scope_id))


def _lines(store: Store, scope_id: str, since: Vector) -> tuple[list[str], Counter[str]]:
    lines: list[str] = []
    by_entity: Counter[str] = Counter()
    cursor = store.execute(
        f"SELECT {CHANGE_COLUMNS} FROM sync_change WHERE scope_id = ? "
        "ORDER BY hlc, replica_id, seq",
        [scope_id],
    )
    for row in cursor:
        if row[2] <= since.get(row[1], 0):
            continue
        lines.append(line_text(row))
        by_entity[row[4]] += 1
    return lines, by_entity


def _new_export_id() -> str:
    from core.ids import new_id

    return new_id()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _free_path(folder: Path, name: str) -> Path:
    candidate = folder / name
    counter = 2
    while candidate.exists():
        candidate = folder / f"{Path(name).stem}-{counter}{SUFFIX}"
        counter += 1
    return candidate


def _write_atomically(
    target: Path, manifest: dict[str, Any], payload: bytes, passphrase: str | None
) -> int:
    """Write beside the target and rename, so a half-written file never carries its name."""
    folder = target.parent
    if not folder.is_dir():
        raise SyncFileError("sync.error.no_folder", folder=str(folder))
    try:
        handle, temp = tempfile.mkstemp(prefix=".tavle-", suffix=".tmp", dir=folder)
        os.close(handle)
        os.chmod(temp, 0o666 & ~_umask())  # readable like any file the user saves there
        try:
            write_file(Path(temp), manifest, payload, passphrase)
            size = Path(temp).stat().st_size
            if size > MAX_FILE_BYTES:
                raise SyncFileError("sync.error.export_too_large",
                                    mb=MAX_FILE_BYTES // (1024 * 1024))
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError as error:
        if error.errno == errno.ENOSPC or disk_is_full(folder):
            raise SyncFileError("sync.error.disk_full", folder=str(folder)) from None
        raise SyncFileError("sync.error.cannot_write", path=str(target)) from None
    return size
