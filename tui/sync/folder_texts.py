"""What a sync with a shared folder says (`core.sync.folder`'s outcomes in words): one
formatter for the screens, their notifications and `tavle sync`; plain text for a `Translator`,
no widgets. Names of units, projects and files are user or received text: the callers show
these lines as `Content(...)`, with `markup=False`, or through `tui.cli.out.say`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.clock import parse_utc
from tui.sync.texts import unit_text, when_text

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.sync.folder import FolderSync, Skipped, UnitStatus, WriteOutcome


def local_time(moment: dt.datetime | None, tx: Translator) -> str:
    """A UTC moment as local date and time (dd-mm-åååå HH:MM), or "aldrig"."""
    if moment is None:
        return tx("folder_ui.never")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return when_text(moment, tx)


def parse_stamp(text: str | None) -> dt.datetime | None:
    """A stamp the folder's table keeps (ISO, UTC) as a datetime (None when missing or bad)."""
    return parse_utc(text) if text else None


def seen_text(status: UnitStatus, tx: Translator) -> str:
    """What another unit has seen of ours: "har set alt", or up to when and how much is missing."""
    if status.seen_all:
        return tx("folder_ui.seen_all")
    if status.seen_until is None:
        return tx("folder_ui.seen_none", count=status.missing)
    return tx("folder_ui.seen_until", count=status.missing,
              date=tx.date(status.seen_until.astimezone().date()))


def arrivals_text(arrivals: Iterable[tuple[str, int]], tx: Translator) -> str | None:
    """"Fra den fælles mappe: 12 ændringer fra Sundhed, 3 fra Skole" (None: nothing came)."""
    parts: list[str] = []
    for unit, count in arrivals:
        key = "folder_ui.from_unit" if parts else "folder_ui.from_unit_first"
        parts.append(tx.count(key, count, unit=unit_text(unit, tx)))
    if not parts:
        return None
    return tx("folder_ui.came_in", parts=", ".join(parts))


def merge_arrivals(results: Iterable[FolderSync]) -> list[tuple[str, int]]:
    """The changes taken in per unit over several syncs, by unit."""
    per_unit: dict[str, int] = {}
    for result in results:
        if result.read is not None:
            for unit, count in result.read.arrivals():
                per_unit[unit] = per_unit.get(unit, 0) + count
    return sorted(per_unit.items(), key=lambda item: item[0].casefold())


def written_text(write: WriteOutcome, tx: Translator) -> str:
    """What writing our file did: how many changes went, that the folder had them all, or that
    the CPR guard stopped it."""
    if write.hits:
        return tx("folder_ui.cpr_stop_cli", count=len(write.hits))
    if write.path is None:
        return tx("folder_ui.nothing_to_write")
    if write.n_changes:
        return tx("folder_ui.written", count=write.n_changes, file=write.path.name)
    return tx("folder_ui.written_ack", file=write.path.name)


def status_line(statuses: list[UnitStatus] | None, last_write: dt.datetime | None,
                waiting: int, tx: Translator) -> str:
    """The project screen's one line: "Fælles mappe: Sundhed har set alt · Skole mangler 4 ·
    skrevet 06-12-2026 08:05"; `statuses` None: not synced since the app started."""
    if statuses is None:
        return tx("folder_ui.status_line", status=tx("folder_ui.not_synced"))
    parts = [tx("folder_ui.status_all", unit=unit_text(s.unit, tx)) if s.seen_all
             else tx("folder_ui.status_missing", unit=unit_text(s.unit, tx), count=s.missing)
             for s in statuses] or [tx("folder_ui.status_alone")]
    if waiting:
        parts.append(tx("folder_ui.status_waiting", count=waiting))
    if last_write is not None:
        parts.append(tx("folder_ui.status_written", when=local_time(last_write, tx)))
    return tx("folder_ui.status_line", status=" · ".join(parts))


def sync_notes(result: FolderSync, name: str, tx: Translator, *,
               arrivals: bool = True) -> list[tuple[str, str]]:
    """(text, severity) of what a sync of one scope should tell: what came in, files waiting
    for review, a folder that cannot be used (warning), a CPR stop (error)."""
    notes: list[tuple[str, str]] = []
    if result.error is not None:
        notes.append((result.error.message(tx), "warning"))
    if arrivals and result.read is not None:
        came = arrivals_text(result.read.arrivals(), tx)
        if came:
            notes.append((came, "information"))
    if result.read is not None and result.read.waiting:
        notes.append((tx("folder_ui.waiting", count=len(result.read.waiting), name=name),
                      "warning"))
    if result.write is not None and result.write.hits:
        from core.sync.cpr_numbers import mask_numbers  # the name may hold the number itself

        notes.append((tx("folder_ui.cpr_stop_note", count=len(result.write.hits),
                         name=mask_numbers(name)), "error"))
    return notes


def skipped_text(skipped: Skipped, tx: Translator) -> str:
    """"Tavle_…-000004.tavle – tom – ikke færdigsynkroniseret (prøves igen)"."""
    return tx("folder_ui.skipped", file=skipped.path.name,
              reason=tx(f"sync.folder.skip.{skipped.reason}"))


def unit_status_text(status: UnitStatus, tx: Translator) -> str:
    """"Sundhed: skrev 03-12-2026 14:05 · har set alt" (or up to when, and what it lacks)."""
    return tx("folder_ui.unit_status", unit=unit_text(status.unit, tx),
              when=local_time(status.last_write, tx), seen=seen_text(status, tx))


def sync_lines(result: FolderSync, tx: Translator) -> list[str]:
    """Every line of one scope's sync, for the command line: what came in, what waits, what was
    skipped, written, removed – or why the folder could not be used."""
    if result.error is not None:
        return [result.error.message(tx)]
    lines: list[str] = []
    read = result.read
    if read is not None:
        lines.append(arrivals_text(read.arrivals(), tx) or tx("folder_ui.nothing_new"))
        lines += [tx("folder_ui.waiting_file", file=path.name) for path in read.waiting]
        lines += [skipped_text(skipped, tx) for skipped in read.skipped]
    write = result.write
    if write is not None:
        lines.append(written_text(write, tx))
        if write.removed:
            lines.append(tx("folder_ui.removed", count=len(write.removed)))
    return lines
