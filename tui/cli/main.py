"""The `tavle` command: parse the options, open the database, run the app.

Problems with the database file end with a message in the user's language and exit status 2,
never a traceback; so does a fault at a write (the database busy in another program, a full
disk, a read-only folder: `core.db.store.fault_of`), after which the database is as before.
Commands that only read – `export`, `report` and `table` (without `--allow-cpr`, whose
reason is logged in the database) and `import --dry-run` (where it cannot write) – open the database
read-only, so they work on a full disk; a file that must first be migrated is opened to write
instead. `serve` opens the database only to check (and, if need be, migrate) it before it serves
Tavle in a browser window, where each tab's app opens it as the terminal's does. Textual is
imported only once the app is about to run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from core import __version__
from core.errors import StoreError
from core.i18n import LANGUAGES, Translator
from tui.cli.out import say

if TYPE_CHECKING:
    from core.db.store import Store

EXIT_USAGE = 2


def _language(argv: Sequence[str]) -> str:
    """The language for messages before the options are parsed: --lang, else the settings."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    from core.settings import load_settings

    return load_settings().language


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    """The command-line options, described in the user's language."""
    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            super().add_usage(usage, actions, groups, prefix=tr("cli.usage"))

    parser = argparse.ArgumentParser(
        prog="tavle", description=tr("cli.description"), add_help=False,
        formatter_class=Formatter,
    )
    parser._optionals.title = tr("cli.options")
    parser.add_argument("-h", "--help", action="help", help=tr("cli.help"))
    parser.add_argument("--version", action="version", version=f"tavle {__version__}",
                        help=tr("cli.version"))
    parser.add_argument("--db", metavar=tr("cli.path_metavar"), type=Path, help=tr("cli.db"))
    parser.add_argument("--demo", action="store_true", help=tr("cli.demo"))
    parser.add_argument("--lang", choices=LANGUAGES, help=tr("cli.lang"))
    from tui.cli.sync import add_commands

    add_commands(parser, tr)
    from tui.cli.report import add_command

    add_command(parser, tr)
    from tui.cli import table

    table.add_command(parser, tr)
    from tui.cli import folder_sync, serve

    folder_sync.add_command(parser, tr)
    serve.add_command(parser, tr)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run Tavle; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language(argv)
    tr = Translator(language if language in LANGUAGES else "da")
    args = build_parser(tr).parse_args(argv)

    from core.settings import read_settings

    read = read_settings()
    settings = read.settings
    if args.lang:
        settings = replace(settings, language=args.lang)
        tr = Translator(args.lang)
    if getattr(args, "command", None) == "serve":
        return _serve(args, tr)
    demo_dir: Path | None = None
    try:
        if args.demo:
            from core.demo.build import open_demo

            demo_dir = Path(tempfile.mkdtemp(prefix="tavle-demo-"))
            store = open_demo(demo_dir / "demo.db")
        else:
            store = _open_store(args.db, read_only=_reads_only(args))
    except StoreError as error:
        say(tr("cli.error", message=error.message(tr)), err=True)
        return EXIT_USAGE
    try:
        if store.backup is not None:
            say(tr("cli.migrated", backup=str(store.backup)), err=True)
        if not store.read_only and store.execute("SELECT 1 FROM sync_parked LIMIT 1").fetchone():
            from core.sync.merge import unpark  # only when a newer Tavle's changes wait here

            unpark(store)  # this version may read some of them now (sync-design §4.11)
        if getattr(args, "command", None) == "report":
            from tui.cli.report import report_command

            store.author = settings.initials
            return report_command(args, store, tr, block=settings.cpr_guard == "block")
        if getattr(args, "command", None) == "table":
            from tui.cli.table import table_command

            store.author = settings.initials
            return table_command(args, store, tr, block=settings.cpr_guard == "block")
        if getattr(args, "command", None) == "sync":
            from tui.cli.folder_sync import sync_command

            return sync_command(args, store, tr, settings.initials)
        if getattr(args, "command", None) in ("export", "import"):
            from tui.cli.sync import run_command

            return run_command(args, store, tr, settings.initials)
        from core.terminal import console_host
        from tui.app import READY_EXIT_ENV, TavleApp
        from tui.cli.serve import served

        if served():  # ctrl+c at `tavle serve` reaches this app too (one console): it is the
            # server's to handle, which then asks this app to quit; Textual's web driver has its
            # own handler on POSIX, on Windows none, where it would end this app with a traceback
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        headless = bool(os.environ.get(READY_EXIT_ENV))
        TavleApp(store, settings, demo=args.demo, problems=read.problems,
                 first_run=read.first_run and not headless,
                 console_host=console_host(sys.platform, os.environ)).run(headless=headless)
    except StoreError as error:  # a fault at a write; the transaction was rolled back
        say(error.message(tr), err=True)
        return EXIT_USAGE
    finally:
        store.close()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return 0


def _serve(args: argparse.Namespace, tr: Translator) -> int:
    """`tavle serve`: each browser tab runs its own `tavle` on the same database. It is opened
    (and migrated) here first, so that a problem with it is said here, not in a tab."""
    if not args.demo:
        try:
            store = _open_store(args.db)
        except StoreError as error:
            say(tr("cli.error", message=error.message(tr)), err=True)
            return EXIT_USAGE
        if store.backup is not None:
            say(tr("cli.migrated", backup=str(store.backup)), err=True)
        store.close()
    from tui.cli.serve import serve_command

    return serve_command(args, tr)


def _reads_only(args: argparse.Namespace) -> bool | None:
    """Whether the command only reads the database (see the module's docstring); None for
    `import --dry-run`, which reads only where it cannot write."""
    command = getattr(args, "command", None)
    if command == "import":
        return None if args.dry_run else False
    if command in ("export", "report", "table"):
        return not getattr(args, "allow_cpr", None)
    return False


def _open_store(db: Path | None, *, read_only: bool | None = False) -> Store:
    """Open the database; `read_only=None`: for writing where that works, else read-only.

    An import's preview writes and rolls back. On a database it may write, the rollback keeps
    its memory bounded by a batch of the file; only on a full disk or a read-only file is it
    run on a copy in memory (`Store.scratch`), which grows with the database and the file.
    """
    from core.db.store import FAULT_KEYS, Store
    from core.paths import default_db_path

    if read_only is None:
        try:
            return _open_store(db)
        except StoreError as error:
            if error.key not in FAULT_KEYS:
                raise
            return _open_store(db, read_only=True)

    path = db
    if path is None:
        path = default_db_path()
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                raise StoreError("store.not_writable", path=str(path)) from None
    if read_only:
        try:
            return Store.open(path, read_only=True)
        except StoreError as error:
            if error.key != "store.needs_write":
                raise
    return Store.open(path)
