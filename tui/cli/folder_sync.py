"""`tavle sync [FOLDER] [--project P]`: sync with shared folders from the command line, for a
scheduled task (Windows' Task Scheduler) or a coordinator who prefers a prompt.

- `tavle sync` syncs every project, organisation and network that has a shared folder on this
  PC: it takes in the other units' new files and writes this unit's own.
- `tavle sync FOLDER` syncs the scopes that use FOLDER, and starts using it for the scopes the
  folder's files are about (a unit joining the network's folder).
- `tavle sync FOLDER --project P` uses FOLDER for P (by id, name or part of the name).
- `--keep-days N` keeps this unit's files that every unit has acknowledged N days (30 by
  default) before it removes them.

Nobody is there to review, so a file that brings a conflict goes in (the conflict is listed in
Tavle, never lost); one that deletes many records waits for Tavle's preview unless `--yes`.
A possible personal number stops this unit's write (nothing is written) and is said. Exit
status 0, or 2 when a folder could not be used or a write was stopped. No Textual.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from core.i18n import Translator
from tui.cli.out import say

if TYPE_CHECKING:
    from core.db.store import Store

EXIT_OK = 0
EXIT_REFUSED = 2


def add_command(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add the `sync` subcommand to the `tavle` parser."""
    from tui.cli.subcommand import add_subcommand

    command = add_subcommand(parser, "sync", tr("folder_cli.help"), tr)
    command.add_argument("folder", nargs="?", type=Path, default=None,
                         metavar=tr("folder_cli.folder_metavar"), help=tr("folder_cli.folder"))
    command.add_argument("--project", default=None, metavar=tr("sync_ui.cli.project_metavar"),
                         help=tr("folder_cli.project"))
    command.add_argument("--yes", action="store_true", help=tr("folder_cli.yes"))
    command.add_argument("--keep-days", type=int, default=None, metavar="N",
                         help=tr("folder_cli.keep_days"))


def sync_command(args: argparse.Namespace, store: Store, tr: Translator, initials: str) -> int:
    """Sync the scopes the arguments name; print what came in and went out, per scope."""
    from core.sync.errors import SyncFileError
    from core.sync.exporter import exportable_scopes
    from core.sync.folder import scan_folder, scopes_in, set_shared_folder, shared_folders
    from tui.cli.sync import refuse_scope, resolve_scope

    store.author = initials
    folder: Path | None = args.folder
    if folder is not None:
        folder = folder.expanduser().absolute()
    chosen = shared_folders(store)
    if args.project is not None:
        scopes = exportable_scopes(store)
        matches = resolve_scope(scopes, args.project)
        if refuse_scope(scopes, matches, args.project, tr):
            return EXIT_REFUSED
        scope_id = matches[0][0]
        if folder is not None:
            set_shared_folder(store, scope_id, folder)
        elif scope_id not in dict(chosen):
            say(tr("folder_cli.no_folder_for", name=matches[0][2]), err=True)
            return EXIT_REFUSED
        targets = [scope_id]
    elif folder is not None:
        targets = [scope for scope, path in chosen if _same(path, folder)]
        try:
            found = [scope for scope, _kind, _name in scopes_in(scan_folder(folder), store)]
        except SyncFileError as error:
            say(error.message(tr), err=True)
            return EXIT_REFUSED
        for scope in found:
            if scope not in targets:
                set_shared_folder(store, scope, folder)
                targets.append(scope)
        if not targets:
            say(tr("folder_cli.nothing_in_folder", folder=str(folder)), err=True)
            return EXIT_REFUSED
    else:
        targets = [scope for scope, _path in chosen]
        if not targets:
            say(tr("folder_cli.none_chosen"), err=True)
            return EXIT_REFUSED
    if args.keep_days is not None:
        from core.sync.folder import set_keep_days

        for scope_id in targets:
            set_keep_days(store, scope_id, args.keep_days)
    status = EXIT_OK
    for scope_id in targets:
        status = max(status, _sync_one(store, scope_id, tr, yes=args.yes))
    return status


def _sync_one(store: Store, scope_id: str, tr: Translator, *, yes: bool) -> int:
    from core.sync.cpr_numbers import mask_numbers
    from core.sync.exporter import scope_info
    from core.sync.folder import folder_status, sync_scope
    from tui.sync.folder_texts import sync_lines, unit_status_text

    result = sync_scope(store, scope_id, review=False, large_delete=yes, tr=tr)
    info = scope_info(store, scope_id)
    name = mask_numbers(info[1]) if info else scope_id
    say(tr("folder_cli.scope", name=name, folder=str(result.folder)))
    lines = sync_lines(result, tr)
    if result.scan is not None:
        lines += [unit_status_text(status, tr)
                  for status in folder_status(store, scope_id, result.scan)]
    for line in lines:
        say(f"  {mask_numbers(line)}")
    if result.read is not None:
        for path in result.read.waiting:
            say(f"  {tr('folder_cli.needs_yes', file=path.name)}")
    stopped = result.error is not None or (result.write is not None and bool(result.write.hits))
    return EXIT_REFUSED if stopped else EXIT_OK


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other
