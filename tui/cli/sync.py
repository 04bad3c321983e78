"""`tavle export PROJECT` and `tavle import FILE`: sync by file from the command line.

Light on purpose: no Textual. The preview is printed by `tui.sync.texts`, the formatter the
import screen uses too. A refused file or an unknown project ends with a message in the user's
language and exit status 2; the database is exactly as before. A fault at the database itself
(busy, disk full: a `StoreError`) is left to `tui.cli.main`, which says it and exits 2.
Everything printed goes through `tui.cli.out.say` (inert: a name from a file cannot steer the
terminal); a message that lists project names masks any CPR number in them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import StoreError, TavleError
from core.i18n import Translator
from core.sync.errors import PASSPHRASE_KEYS
from tui.cli.out import say
from tui.sync import texts as sync_text

if TYPE_CHECKING:
    from core.db.store import Store

EXIT_OK = 0
EXIT_REFUSED = 2

Scope = tuple[str, str, str]
"""(scope id, kind "project" or "organisation", name)."""


def add_commands(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add the `export` and `import` subcommands to the `tavle` parser."""
    from tui.cli.cpr import add_allow_option
    from tui.cli.subcommand import add_subcommand

    export = add_subcommand(parser, "export", tr("sync_ui.cli.export_help"), tr)
    export.add_argument("project", metavar=tr("sync_ui.cli.project_metavar"),
                        help=tr("sync_ui.cli.project"))
    export.add_argument("-o", "--output", metavar=tr("sync_ui.cli.file_metavar"), type=Path,
                        help=tr("sync_ui.cli.output"))
    export.add_argument("--full", action="store_true", help=tr("sync_ui.cli.full"))
    add_allow_option(export, tr)  # the CPR guard (issue 11)

    imported = add_subcommand(parser, "import", tr("sync_ui.cli.import_help"), tr)
    imported.add_argument("file", metavar=tr("sync_ui.cli.file_metavar"), type=Path,
                          help=tr("sync_ui.cli.file"))
    imported.add_argument("--dry-run", action="store_true", help=tr("sync_ui.cli.dry_run"))
    imported.add_argument("--yes", action="store_true", help=tr("sync_ui.cli.yes"))


def run_command(args: argparse.Namespace, store: Store, tr: Translator, initials: str) -> int:
    """Run `export` or `import` on the open store; return the exit status."""
    store.author = initials
    if args.command == "export":
        return export_command(store, args.project, output=args.output, full=args.full, tr=tr,
                              allow_cpr=getattr(args, "allow_cpr", None))
    return import_command(store, args.file, dry_run=args.dry_run, yes=args.yes, tr=tr)


def resolve_scope(scopes: list[Scope], text: str) -> list[Scope]:
    """The projects or organisations `text` names: by id, by name, else by part of the name."""
    wanted = text.strip().casefold()
    for matches in (
        [s for s in scopes if s[0].casefold() == wanted],
        [s for s in scopes if s[2].strip().casefold() == wanted],
        [s for s in scopes if wanted and wanted in s[2].casefold()],
    ):
        if matches:
            return matches
    return []


def scope_names(scopes: list[Scope]) -> str:
    """The names for a message that lists them: "»Sygefravær«, »Hurtigere afklaring«" ("–" for
    none). A name may hold a CPR number: every number in it is masked."""
    from core.sync.cpr_numbers import mask_numbers  # deferred: not needed to start the app

    return ", ".join(f"»{mask_numbers(name)}«" for _id, _kind, name in scopes) or "–"


def refuse_scope(scopes: list[Scope], matches: list[Scope], text: str, tr: Translator) -> bool:
    """Say why `text` names no one scope (none, or several: listed with their ids) and return
    True; False when it names exactly one. What was typed and the names are shown masked."""
    from core.sync.cpr_numbers import mask_numbers

    if len(matches) == 1:
        return False
    typed = mask_numbers(text)
    if not matches:
        _fail(tr("sync_ui.cli.no_such_project", name=typed, names=scope_names(scopes)))
        return True
    listed = "\n".join(f"  {scope_id}  {mask_numbers(name)}" for scope_id, _kind, name in matches)
    _fail(tr("sync_ui.cli.ambiguous", name=typed) + "\n" + listed)
    return True


def export_command(store: Store, project: str, *, output: Path | None, full: bool,
                   tr: Translator, allow_cpr: str | None = None) -> int:
    """Write a project's or organisation's file; print where."""
    from core.sync.exporter import export_scope, exportable_scopes

    scopes = exportable_scopes(store)
    matches = resolve_scope(scopes, project)
    if refuse_scope(scopes, matches, project, tr):
        return EXIT_REFUSED
    scope_id = matches[0][0]
    from tui.cli.cpr import check_scope

    if not check_scope(store, scope_id, what="export", target=str(output or matches[0][2]),
                       allow=allow_cpr, tr=tr, full=full):
        return EXIT_REFUSED
    folder = output if output is not None and output.is_dir() else None
    path = output if output is not None and folder is None else None
    try:
        result = export_scope(store, scope_id, full=full, path=path, folder=folder)
    except TavleError as error:
        _fail(tr("sync_ui.cli.export_failed", message=error.message(tr)))
        return EXIT_REFUSED
    say(sync_text.export_text(result, tr))
    for line in sync_text.export_warning_lines(result, tr):
        say(f"! {line}", err=True)
    return EXIT_OK


def import_command(store: Store, path: Path, *, dry_run: bool, yes: bool,
                   tr: Translator) -> int:
    """Print the preview of a file; without --dry-run, import it and print the result."""
    from core.sync.importer import apply_import, preview_import

    passphrase: str | None = None
    while True:
        try:
            preview = preview_import(store, path, passphrase=passphrase)
            break
        except StoreError:
            raise  # a fault at the database, told by `tui.cli.main`
        except TavleError as error:  # a SyncFileError: the file is refused
            if error.key in PASSPHRASE_KEYS and _interactive():
                import getpass

                say(error.message(tr), err=True)
                passphrase = getpass.getpass(f"{tr('sync_ui.passphrase.label')}: ")
                if passphrase:
                    continue
            _fail(tr("sync_ui.cli.refused", message=error.message(tr)))
            return EXIT_REFUSED
    say("\n".join(sync_text.preview_lines(preview, tr)))
    if dry_run:
        say()
        say(tr("sync_ui.cli.dry_run_done"))
        return EXIT_OK
    if not sync_text.can_apply(preview):
        return EXIT_OK
    if preview.large_delete and not yes:
        _fail(tr("sync_ui.cli.needs_yes", count=sync_text.deleted_count(preview)))
        return EXIT_REFUSED
    try:
        result = apply_import(store, path, passphrase=passphrase)
    except StoreError:
        raise  # a fault at the database (busy, disk full), told by `tui.cli.main`
    except TavleError as error:  # a SyncFileError: the file is refused
        _fail(tr("sync_ui.cli.refused", message=error.message(tr)))
        return EXIT_REFUSED
    say()
    say(sync_text.status_text(result, tr))
    return EXIT_OK


def _interactive() -> bool:
    """Whether someone can answer a question: standard input is an open terminal (not closed,
    as under a scheduler, nor a pipe)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


def _fail(message: str) -> None:
    say(message, err=True)
