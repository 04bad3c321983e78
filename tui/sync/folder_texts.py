"""What a sync with a shared folder says, in the user's language: one formatter for the command
line (`tavle sync`) and the screens. Unit, project and file names come from files and other
units: the caller shows these lines as plain text (`Content`, `tui.cli.out.say`), never markup.
"""

from __future__ import annotations

from core.i18n import Translator
from core.sync.folder import FolderSync, ReadOutcome, Skipped, UnitStatus, WriteOutcome
from tui.sync.texts import unit_text, when_text


def arrivals_text(read: ReadOutcome, tr: Translator) -> str:
    """"12 ændringer fra Sundhed, 3 fra Skole" – or "" when nothing new came in."""
    parts = []
    for number, (unit, count) in enumerate(read.arrivals()):
        key = "folder_texts.from_unit" if number == 0 else "folder_texts.from_unit_more"
        parts.append(tr.count(key, count, unit=unit_text(unit, tr)))
    return ", ".join(parts)


def skipped_text(skipped: Skipped, tr: Translator) -> str:
    """"Tavle_…-000004.tavle – tom – ikke færdigsynkroniseret (prøves igen)"."""
    return tr("folder_texts.skipped", file=skipped.path.name,
              reason=tr(f"sync.folder.skip.{skipped.reason}"))


def write_text(write: WriteOutcome, tr: Translator) -> str:
    """What this unit wrote to the folder (or why nothing)."""
    if write.hits:
        return tr.count("folder_texts.cpr_stop", len(write.hits))
    if write.path is None:
        return tr("folder_texts.nothing_to_write")
    if write.n_changes == 0:
        return tr("folder_texts.wrote_ack", file=write.path.name)
    return tr.count("folder_texts.wrote", write.n_changes, file=write.path.name)


def status_text(status: UnitStatus, tr: Translator) -> str:
    """"Sundhed: skrev 03-12-2026 14:05 · har set alt fra os" (or what it lacks)."""
    wrote = when_text(status.last_write, tr)
    if status.seen_all:
        return tr("folder_texts.status_all", unit=unit_text(status.unit, tr), when=wrote)
    until = when_text(status.seen_until, tr) if status.seen_until else ""
    key = "folder_texts.status_until" if until else "folder_texts.status_none"
    return tr.count(key, status.missing, unit=unit_text(status.unit, tr), when=wrote,
                    until=until)


def sync_lines(result: FolderSync, tr: Translator) -> list[str]:
    """Every line of one scope's sync: what came in, what waits, what was skipped, written,
    removed – or why the folder could not be used."""
    if result.error is not None:
        return [result.error.message(tr)]
    lines: list[str] = []
    read = result.read
    if read is not None:
        arrived = arrivals_text(read, tr)
        lines.append(tr("folder_texts.arrived", what=arrived) if arrived
                     else tr("folder_texts.nothing_new"))
        lines += [tr("folder_texts.waiting", file=path.name) for path in read.waiting]
        lines += [skipped_text(skipped, tr) for skipped in read.skipped]
    write = result.write
    if write is not None:
        lines.append(write_text(write, tr))
        if write.removed:
            lines.append(tr.count("folder_texts.removed", len(write.removed)))
    return lines
