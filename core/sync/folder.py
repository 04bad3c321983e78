"""Sync through a shared folder (fælles mappe): a network share, or a OneDrive or SharePoint
library synced to each PC, carries the units' files instead of email.

The folder holds ordinary `.tavle` files, so the merge's rules carry it: a file may arrive late,
twice, or out of order and the units still converge. What the folder adds:

- **Each unit writes only its own files**, named by unit and number
  (`Tavle_<projekt>_<enhed>_<replica>-<000042>.tavle`), under a hidden temporary name first and
  renamed when whole (`core.sync.exporter.write_outgoing`). A name another program made – a
  OneDrive or SharePoint conflict copy (`…-000042-PC-navn.tavle`), a "(1)" copy, a file renamed
  by hand – is never read: the file it copies is there under its own name.
- **A file holds what the folder lacks**, not what each peer lacks: the changes this unit
  holds (its own, and others' relayed) beyond what the files in the folder carry above what
  every reader has acknowledged (`folder_holds`). A unit writing each day therefore writes a
  day's changes; a lost or deleted file shows as a gap, and the next file fills it; a unit
  joining late – even one that does not hold the project yet – writes what it holds, lowers
  what "every reader has" and gets a catch-up file from each writer, whole on its own.
- **Files are read until none goes in**: a file that edits a record another writer's file
  creates is refused until that file is in, so the refused ones are tried again while others
  go in – a unit away for a month catches up in one sync.
- **Half-synced, zero-length, locked or damaged files are skipped** and tried again at the next
  sync; nothing is imported until its payload passed every check (`core.sync.fileformat`).
- **Acknowledgements**: every file's manifest says what its unit holds (`seen`), so each unit
  can tell what the others have seen of its changes (`folder_status`). A unit that took in new
  changes and has nothing of its own to write leaves a file with no changes (an
  acknowledgement); its previous acknowledgement is then removed.
- **Pruning**: a unit removes its own files once every unit reading the folder has acknowledged
  them and they are older than the folder's `keep_days` (30 by default).

Email keeps working beside the folder: both read and write the same change log; a file mailed
in is imported as before, and its changes reach the folder with this unit's next file when the
unit that made them does not write there.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from core import clock
from core.clock import parse_utc, stamp_time
from core.db.store import Store
from core.paths import slug
from core.sync.errors import SyncFileError
from core.sync.exporter import outgoing_file, related_networks, scope_info, write_outgoing
from core.sync.fileformat import SUFFIX, Manifest, ScopeEntry, read_manifest
from core.sync.importer import apply_import, backup_before_import, prune_backups
from core.sync.outcomes import ImportPreview
from core.sync.vectors import Vector, own_replicas, seen_vector

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.sync.cpr_guard import GuardHit

KEEP_DAYS = 30
"""How long a file every reader has acknowledged stays in the folder, by default."""

QUIET_WARNINGS = frozenset({"sync.warn.gap"})
"""Warnings a folder's file brings that need no preview: files are written one after another,
and one may sync before the one before it; the merge is the same in any order."""

_NAME = re.compile(r"^Tavle_[A-Za-z0-9_-]*_(?P<tag>[0-9a-f]{8})-(?P<number>\d{6,9})\.tavle$")
_COPY = re.compile(r"^Tavle_[A-Za-z0-9_-]*_[0-9a-f]{8}-\d{6,9}.+\.tavle$", re.IGNORECASE)


# -- the folder chosen for a scope -----------------------------------------------------------


def shared_folder(store: Store, scope_id: str) -> Path | None:
    """The shared folder chosen for a project, organisation or network on this PC (or None)."""
    row = store.execute("SELECT path FROM sync_folder WHERE scope_id = ?", [scope_id]).fetchone()
    return Path(row[0]) if row else None


def shared_folders(store: Store) -> list[tuple[str, Path]]:
    """(scope id, folder) of every scope that has a shared folder here, by scope id (also one
    whose files have not brought its record yet)."""
    rows = store.execute("SELECT scope_id, path FROM sync_folder ORDER BY scope_id").fetchall()
    return [(scope, Path(path)) for scope, path in rows]


def set_shared_folder(
    store: Store, scope_id: str, folder: Path | None, *, now: dt.datetime | None = None
) -> None:
    """Choose (or, with None, forget) the scope's shared folder. The number of this unit's last
    file is kept when the folder changes, so a name is never used twice."""
    with store.transaction():
        if folder is None:
            store.execute("DELETE FROM sync_folder WHERE scope_id = ?", [scope_id])
            return
        at = (now or clock.utc_now()).isoformat(timespec="seconds")
        store.execute(
            "INSERT INTO sync_folder (scope_id, path, set_at) VALUES (?,?,?) "
            "ON CONFLICT (scope_id) DO UPDATE SET path = excluded.path, "
            "set_at = excluded.set_at, written_json = CASE WHEN path = excluded.path "
            "THEN written_json ELSE '{}' END",
            [scope_id, str(folder), at],
        )


def keep_days(store: Store, scope_id: str) -> int:
    """How many days an acknowledged file of this unit stays in the scope's folder."""
    row = store.execute("SELECT keep_days FROM sync_folder WHERE scope_id = ?",
                        [scope_id]).fetchone()
    return int(row[0]) if row else KEEP_DAYS


def set_keep_days(store: Store, scope_id: str, days: int) -> None:
    """Keep acknowledged files `days` days (at least 1) before this unit removes them."""
    with store.transaction():
        store.execute("UPDATE sync_folder SET keep_days = ? WHERE scope_id = ?",
                      [max(1, days), scope_id])


# -- what the folder holds -------------------------------------------------------------------


@dataclass(frozen=True)
class FolderEntry:
    """A file of the folder whose name and manifest are in order (its payload is checked when
    it is imported)."""

    path: Path
    number: int
    manifest: Manifest

    @property
    def sender(self) -> str:
        """The replica that wrote it."""
        return self.manifest.sender.replica_id

    @property
    def n_changes(self) -> int:
        return self.manifest.counts.changes

    def scope(self, scope_id: str) -> ScopeEntry | None:
        """What the file says about one scope (None: it does not carry the scope)."""
        return next((s for s in self.manifest.scopes if s.id == scope_id), None)

    @property
    def created_at(self) -> dt.datetime:
        return parse_utc(self.manifest.created_at) or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Skipped:
    """A file of the folder that is not read now, and why (`sync.folder.skip.<reason>`)."""

    path: Path
    reason: str
    """"copy" (another program's copy or a renamed file), "empty", "locked" or "damaged"
    (tried again at the next sync), "needs_other" (it changes a record another file creates,
    one not read yet or waiting for review), "passphrase" (sealed with a passphrase not set
    here)."""


@dataclass
class FolderScan:
    """The folder as it is now: the files in order, and those skipped."""

    folder: Path
    entries: list[FolderEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def of_scope(self, scope_id: str) -> list[FolderEntry]:
        """The files that carry the scope, by writer and number."""
        return [entry for entry in self.entries if entry.scope(scope_id) is not None]


def replica_tag(replica_id: str) -> str:
    """The part of a replica id a file's name carries (8 hex digits)."""
    return re.sub(r"[^0-9a-f]", "", replica_id.lower())[:8].ljust(8, "0")


def folder_file_name(scope_name: str, unit: str, replica_id: str, number: int) -> str:
    """`Tavle_<projekt>_<enhed>_<replica>-<000042>.tavle` (parts from a whitelist)."""
    parts = ["Tavle", slug(scope_name) or "projekt", slug(unit) or "enhed",
             f"{replica_tag(replica_id)}-{number:06d}"]
    return "_".join(parts) + SUFFIX


def scan_folder(folder: Path) -> FolderScan:
    """Read the names and manifests of the folder's `.tavle` files (not its subfolders).

    Raises `SyncFileError("sync.folder.unreachable")` when the folder cannot be listed (a
    network share that is offline, a library not synced to this PC).
    """
    scan = FolderScan(folder)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        raise SyncFileError("sync.folder.unreachable", folder=str(folder)) from None
    for name in names:
        if name.startswith(".") or not name.lower().endswith(SUFFIX):
            continue  # our own temporary files, and everything that is not a Tavle file
        path = folder / name
        match = _NAME.match(name)
        if match is None:
            if _COPY.match(name) or name.lower().startswith("tavle_"):
                scan.skipped.append(Skipped(path, "copy"))
            continue
        try:
            if not path.is_file():
                continue
            if path.stat().st_size == 0:
                scan.skipped.append(Skipped(path, "empty"))
                continue
        except OSError:
            scan.skipped.append(Skipped(path, "locked"))
            continue
        try:
            manifest = read_manifest(path)
        except SyncFileError as error:
            reason = "locked" if error.key == "sync.error.not_readable" else "damaged"
            scan.skipped.append(Skipped(path, reason))
            continue
        if replica_tag(manifest.sender.replica_id) != match["tag"]:
            scan.skipped.append(Skipped(path, "copy"))  # renamed, or copied under another name
            continue
        scan.entries.append(FolderEntry(path, int(match["number"]), manifest))
    scan.entries.sort(key=lambda e: (e.sender, e.number))
    return scan


def newest_files(entries: Iterable[FolderEntry]) -> dict[str, FolderEntry]:
    """Each writer's newest file (by number)."""
    newest: dict[str, FolderEntry] = {}
    for entry in entries:
        if entry.sender not in newest or entry.number > newest[entry.sender].number:
            newest[entry.sender] = entry
    return newest


def acknowledged(entries: Sequence[FolderEntry], scope_id: str, own: set[str]) -> dict[str, Vector]:
    """What every other unit writing to the folder said it holds of the scope, in its newest
    file that carries the scope."""
    return {
        sender: dict(entry.scope(scope_id).seen)  # type: ignore[union-attr]
        for sender, entry in newest_files(entries).items()
        if sender not in own
    }


def folder_holds(entries: Sequence[FolderEntry], scope_id: str, own: set[str]) -> Vector:
    """Per replica, the last change of the scope a unit reading the whole folder ends up with:
    what every other writer has acknowledged, extended by the files present (each carries the
    changes after its `since` up to its `seen`) as long as they join up."""
    acks = acknowledged(entries, scope_id, own)
    replicas = {r for entry in entries for r in entry.scope(scope_id).seen}  # type: ignore[union-attr]
    held: Vector = {}
    for replica in replicas:
        held[replica] = min((ack.get(replica, 0) for ack in acks.values()), default=0)
    spans = sorted(
        (scope.since.get(replica, 0), scope.seen.get(replica, 0), replica)
        for entry in entries
        for scope in [entry.scope(scope_id)]
        if scope is not None
        for replica in scope.seen
    )
    for start, end, replica in spans:
        if start <= held[replica] < end:
            held[replica] = end
    return {replica: last for replica, last in held.items() if last}


def _since_for(store: Store, scan: FolderScan, own: set[str]) -> Callable[[str], Vector]:
    """Per scope, what this unit's next file leaves out: what the folder holds.

    Another writer's changes the folder holds (in its files, or acknowledged by every reader)
    are left out; those it no longer holds – a file pruned before a unit joined, deleted by
    hand, lost by the sync program – go in, so that each file joins up with what its readers
    have: two writers' catch-up files that each held only their own changes could each edit
    records the other creates, and neither would import alone."""
    cache: dict[str, Vector] = {}

    def since(scope_id: str) -> Vector:
        if scope_id not in cache:
            mine = seen_vector(store, scope_id)
            holds = folder_holds(scan.of_scope(scope_id), scope_id, own)
            vector = {r: min(holds.get(r, 0), last) for r, last in mine.items()}
            cache[scope_id] = {r: last for r, last in vector.items() if last}
        return cache[scope_id]

    return since


# -- writing ---------------------------------------------------------------------------------


@dataclass
class WriteOutcome:
    """What writing this unit's file to the folder did."""

    folder: Path
    path: Path | None = None
    """The file written (None: nothing new to write, or stopped by the CPR guard)."""
    n_changes: int = 0
    hits: list[GuardHit] = field(default_factory=list)
    """Possible personal numbers in what would have been written: nothing was written."""
    removed: list[Path] = field(default_factory=list)
    """This unit's files taken out of the folder (acknowledged by every reader, or an older
    acknowledgement)."""


def scopes_of(store: Store, scope_id: str) -> list[str]:
    """The scopes a file of `scope_id` carries: itself and its related learning networks."""
    return [scope_id, *related_networks(store, scope_id)]


def pending(store: Store, scope_id: str) -> bool:
    """Whether this database holds changes (or has taken in changes) its last file in the
    scope's folder did not say: cheap, the folder is not read."""
    row = store.execute("SELECT written_json FROM sync_folder WHERE scope_id = ?",
                        [scope_id]).fetchone()
    if row is None:
        return False
    return bool(json.loads(row[0]) != _held(store, scope_id))


def _held(store: Store, scope_id: str) -> dict[str, Vector]:
    return {scope: seen_vector(store, scope) for scope in scopes_of(store, scope_id)}


def write_own(
    store: Store,
    scope_id: str,
    *,
    folder: Path | None = None,
    scan: FolderScan | None = None,
    tr: Translator | None = None,
    now: dt.datetime | None = None,
    check_cpr: bool = True,
) -> WriteOutcome:
    """Write this unit's next file to the scope's folder when it holds something the folder
    lacks, or has taken in changes it has not acknowledged there; then remove its own files
    that are no longer needed.

    The CPR guard reads exactly what would be written (`core.sync.cpr_guard.scan_file`); a
    possible personal number stops the write and is returned in `hits`. Raises
    `SyncFileError` when the folder cannot be read or written (the database is unchanged).
    """
    folder = folder or shared_folder(store, scope_id)
    if folder is None:
        raise SyncFileError("sync.folder.not_chosen")
    now = now or clock.utc_now()
    scan = scan or scan_folder(folder)
    outcome = WriteOutcome(folder)
    own = own_replicas(store)
    held = _held(store, scope_id)
    info = scope_info(store, scope_id) or _known_as(scan, scope_id)
    out = outgoing_file(store, scope_id, now=now, since_for=_since_for(store, scan, own),
                        known_as=info)
    mine = [entry for entry in scan.entries if entry.sender in own]
    newest_mine = newest_files(mine).get(store.replica_id)
    said = {s.id: dict(s.seen) for s in newest_mine.manifest.scopes} if newest_mine else {}
    if out.lines or said != held:
        number = max([_file_no(store, scope_id), *(e.number for e in mine)]) + 1
        name = folder_file_name(info[1] if info else "", store.unit_name, store.replica_id,
                                number)
        out = replace(out, name=name)
        if check_cpr:
            from core.sync.cpr_guard import scan_file

            outcome.hits = scan_file(store, out, tr)
            if outcome.hits:
                return outcome
        target = folder / name
        write_outgoing(store, out, target)
        outcome.path, outcome.n_changes = target, len(out.lines)
        with store.transaction():
            store.execute(
                "UPDATE sync_folder SET file_no = ?, written_json = ?, last_write_at = ? "
                "WHERE scope_id = ?",
                [number, json.dumps(held, sort_keys=True), now.isoformat(timespec="seconds"),
                 scope_id],
            )
        written = read_manifest(target)
        mine.append(FolderEntry(target, number, written))
    else:
        with store.transaction():
            store.execute("UPDATE sync_folder SET written_json = ? WHERE scope_id = ?",
                          [json.dumps(held, sort_keys=True), scope_id])
    outcome.removed = _prune(store, scope_id, scan, mine, own, now)
    return outcome


def _known_as(scan: FolderScan, scope_id: str) -> tuple[str, str] | None:
    """(kind, name) of the scope as the folder's files name it: a unit that joins before it
    holds the scope (the files that create it were pruned) still writes what it holds."""
    for entry in scan.of_scope(scope_id):
        scope = entry.scope(scope_id)
        if scope is not None:
            return scope.kind, scope.name
    return None


def _file_no(store: Store, scope_id: str) -> int:
    row = store.execute("SELECT file_no FROM sync_folder WHERE scope_id = ?",
                        [scope_id]).fetchone()
    return int(row[0]) if row else 0


def _prune(
    store: Store, scope_id: str, scan: FolderScan, mine: list[FolderEntry], own: set[str],
    now: dt.datetime,
) -> list[Path]:
    """Remove this unit's files that no reader needs: an acknowledgement a newer file replaced,
    and files every other writer has acknowledged that are older than the folder keeps them."""
    if not mine:
        return []
    newest = max(mine, key=lambda e: (e.sender == store.replica_id, e.number))
    cutoff = now - dt.timedelta(days=keep_days(store, scope_id))
    others = [entry for entry in scan.entries if entry.sender not in own]
    removed: list[Path] = []
    for entry in mine:
        if entry is newest:
            continue
        if entry.n_changes and not (entry.created_at < cutoff and _all_have(entry, others, own)):
            continue
        with suppress(OSError):  # locked by the sync program: removed at a later sync
            entry.path.unlink()
            removed.append(entry.path)
    return removed


def _all_have(entry: FolderEntry, others: list[FolderEntry], own: set[str]) -> bool:
    """Whether every other writer's newest file says it holds everything `entry` carries."""
    for scope in entry.manifest.scopes:
        acks = acknowledged([e for e in others if e.scope(scope.id)], scope.id, own)
        if not acks:
            return False
        for ack in acks.values():
            if any(ack.get(replica, 0) < last for replica, last in scope.seen.items()):
                return False
    return True


# -- reading ---------------------------------------------------------------------------------


@dataclass
class ReadOutcome:
    """What reading the other units' files from the folder did."""

    folder: Path
    imported: list[ImportPreview] = field(default_factory=list)
    """Files imported without a question (only new changes; also acknowledgements)."""
    waiting: list[Path] = field(default_factory=list)
    """Files that bring conflicts, a warning or a large deletion: for the import preview."""
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def n_new(self) -> int:
        """Changes taken in."""
        return sum(preview.n_new for preview in self.imported)

    def arrivals(self) -> list[tuple[str, int]]:
        """(unit, changes taken in) per unit that brought something new, by unit."""
        per_unit: dict[str, int] = {}
        for preview in self.imported:
            if preview.n_new:
                per_unit[preview.sender_unit] = per_unit.get(preview.sender_unit, 0) + preview.n_new
        return sorted(per_unit.items(), key=lambda item: item[0].casefold())


class _Review(Exception):
    pass


def needs_review(preview: ImportPreview) -> bool:
    """Whether a folder's file should go through the import preview rather than in silently."""
    if preview.new_conflicts or preview.large_delete:
        return True
    return any(key not in QUIET_WARNINGS for key, _params in preview.warnings)


def unread(store: Store, scan: FolderScan, scope_id: str) -> list[FolderEntry]:
    """The other units' files of the scope not imported here yet, by writer and number."""
    own = own_replicas(store)
    known = {row[0] for row in store.execute("SELECT export_id FROM sync_import")}
    return [entry for entry in scan.of_scope(scope_id)
            if entry.sender not in own and entry.manifest.export_id not in known]


def read_others(
    store: Store,
    scope_id: str,
    *,
    folder: Path | None = None,
    scan: FolderScan | None = None,
    review: bool = True,
    large_delete: bool = False,
    now: dt.datetime | None = None,
) -> ReadOutcome:
    """Import the other units' new files of the scope from its folder, in one transaction.

    A file that brings only new changes goes in without a question; with `review` one that
    brings a conflict or a warning (not a gap: files may sync out of order) waits for the
    import preview, and without it (a scheduled task) it goes in too – a conflict is listed,
    never lost. A large deletion always waits unless `large_delete`. A file that cannot be read
    now (half-synced, locked, damaged, sealed with an unknown passphrase) is skipped and tried
    again next time. A copy of the database is kept before anything is imported.
    """
    folder = folder or shared_folder(store, scope_id)
    if folder is None:
        raise SyncFileError("sync.folder.not_chosen")
    scan = scan or scan_folder(folder)
    outcome = ReadOutcome(folder, skipped=list(scan.skipped))
    todo = unread(store, scan, scope_id)
    if todo and any(entry.n_changes for entry in todo):
        backup_before_import(store)
    with store.transaction():
        tries = todo
        while tries:
            refused: list[tuple[FolderEntry, Skipped]] = []
            went_in = len(outcome.imported)
            for entry in tries:
                try:
                    with store.transaction():  # a savepoint: a refused file leaves no trace
                        preview = apply_import(store, entry.path, backup=False)
                        hold = preview.large_delete and not large_delete
                        if hold or (review and needs_review(preview)):
                            raise _Review
                except _Review:
                    outcome.waiting.append(entry.path)
                    continue
                except SyncFileError as error:
                    refused.append((entry, Skipped(entry.path, _skip_reason(error))))
                    continue
                outcome.imported.append(preview)
            # A file may edit a record another writer's file creates (refused as incomplete
            # until that file is in): the refused files are tried again while files go in.
            retry = len(outcome.imported) > went_in
            tries = [entry for entry, skip in refused if retry and skip.reason == "needs_other"]
            outcome.skipped += [skip for entry, skip in refused if not retry
                                or skip.reason != "needs_other"]
        stamp = (now or clock.utc_now()).isoformat(timespec="seconds")
        store.execute("UPDATE sync_folder SET last_read_at = ? WHERE scope_id = ?",
                      [stamp, scope_id])
    if todo and store.path is not None:
        with suppress(OSError):
            prune_backups(store)
    return outcome


def _skip_reason(error: SyncFileError) -> str:
    """Why a file of the folder was not imported, as `Skipped.reason`."""
    if error.key.startswith("sync.error.passphrase") or error.key == "sync.error.wrong_passphrase":
        return "passphrase"
    if error.key == "sync.error.record_incomplete":  # a record another file creates
        return "needs_other"
    return "locked" if error.key == "sync.error.not_readable" else "damaged"


# -- both, and the status --------------------------------------------------------------------


@dataclass
class FolderSync:
    """One sync of a scope with its folder: read, then write."""

    scope_id: str
    folder: Path
    read: ReadOutcome | None = None
    write: WriteOutcome | None = None
    error: SyncFileError | None = None
    """Why the folder could not be used now (unreachable, not writable, full)."""
    scan: FolderScan | None = None
    """The folder as this sync found it (for `folder_status`)."""


def sync_scope(
    store: Store,
    scope_id: str,
    *,
    read: bool = True,
    write: bool = True,
    review: bool = True,
    large_delete: bool = False,
    tr: Translator | None = None,
    now: dt.datetime | None = None,
    scan: FolderScan | None = None,
) -> FolderSync:
    """Read the other units' new files, then write this unit's (one folder listing for both,
    or `scan`, the folder listed a moment ago – by a thread, so a slow network share does not
    hold the screen). A folder that cannot be used is the outcome's `error`, never an
    exception; a fault at the database (busy, full) is raised as its `StoreError`."""
    folder = shared_folder(store, scope_id)
    if folder is None:
        return FolderSync(scope_id, Path(), error=SyncFileError("sync.folder.not_chosen"))
    result = FolderSync(scope_id, folder)
    try:
        scan = result.scan = scan or scan_folder(folder)
        if read:
            result.read = read_others(store, scope_id, folder=folder, scan=scan, review=review,
                                      large_delete=large_delete, now=now)
        if write:
            if read and result.read and result.read.imported:
                scan = result.scan = scan_folder(folder)
            result.write = write_own(store, scope_id, folder=folder, scan=scan, tr=tr, now=now)
    except SyncFileError as error:
        result.error = error
    return result


@dataclass(frozen=True)
class UnitStatus:
    """Another unit writing to the folder: when it last wrote, and what it has of ours."""

    replica_id: str
    unit: str
    last_write: dt.datetime
    files: int
    missing: int
    """Changes of this unit (of the scope) it has not said it holds."""
    seen_until: dt.datetime | None
    """When the last change of ours it holds was made (None: none of ours)."""

    @property
    def seen_all(self) -> bool:
        return self.missing == 0


def folder_status(store: Store, scope_id: str, scan: FolderScan) -> list[UnitStatus]:
    """Per other unit writing the scope's files to the folder, by unit name."""
    own = own_replicas(store)
    entries = scan.of_scope(scope_id)
    acks = acknowledged(entries, scope_id, own)
    newest = newest_files(entries)
    statuses: list[UnitStatus] = []
    for sender, ack in acks.items():
        missing = 0
        until: int | None = None
        for replica in own:
            last = ack.get(replica, 0)
            row = store.execute(
                "SELECT COUNT(*) FROM sync_change WHERE scope_id = ? AND replica_id = ? "
                "AND seq > ?", [scope_id, replica, last]).fetchone()
            missing += int(row[0])
            if last:
                stamp = store.execute(
                    "SELECT MAX(hlc) FROM sync_change WHERE scope_id = ? AND replica_id = ? "
                    "AND seq <= ?", [scope_id, replica, last]).fetchone()[0]
                if stamp is not None:
                    until = max(until or 0, int(stamp))
        entry = newest[sender]
        statuses.append(UnitStatus(
            sender, entry.manifest.sender.unit, entry.created_at,
            sum(1 for e in entries if e.sender == sender), missing,
            None if until is None else stamp_time(until)))
    return sorted(statuses, key=lambda s: (s.unit.casefold(), s.replica_id))


def scopes_in(scan: FolderScan, store: Store | None = None) -> list[tuple[str, str, str]]:
    """(scope id, kind, name) of the projects, organisations and networks the folder's files
    are about (each file's first scope), by name; with `store`, the writers' own files left
    out. A name comes from a file: show it as text, never as markup."""
    own = own_replicas(store) if store is not None else set()
    found: dict[str, tuple[str, str, str]] = {}
    for entry in scan.entries:
        if entry.sender in own:
            continue
        first = entry.manifest.scopes[0]
        found.setdefault(first.id, (first.id, first.kind, first.name))
    return sorted(found.values(), key=lambda scope: (scope[2].casefold(), scope[0]))


def join_folder(
    store: Store,
    folder: Path,
    scope_ids: Iterable[str],
    *,
    review: bool = True,
    tr: Translator | None = None,
    now: dt.datetime | None = None,
) -> list[FolderSync]:
    """Use `folder` as the shared folder of each scope (one this database has, or one the
    folder's files bring) and sync each with it at once."""
    results = []
    for scope_id in scope_ids:
        set_shared_folder(store, scope_id, folder, now=now)
        results.append(sync_scope(store, scope_id, review=review, tr=tr, now=now))
    return results
