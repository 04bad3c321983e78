"""`tavle table KIND [SCOPE] [-o FILE] [--format xlsx|csv]`: a table for Excel from the command
line, for the back office's scripts – the same tables the screens export with ctrl+e
(`core.reports.tables.TABLES`).

No Textual. The scope is a project (or an organisation, for team tables) named by id, name or
part of the name; an unknown or ambiguous one, a file that cannot be written, or a CPR number in
the table (unless `--allow-cpr REASON`, which is logged) ends with a message in the user's
language and exit status 2. The database is only read.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from core import clock
from core.errors import TavleError
from core.i18n import Translator
from tui.cli.out import say

if TYPE_CHECKING:
    from core.db.store import Store

EXIT_OK = 0
EXIT_REFUSED = 2
FORMATS = ("xlsx", "csv")


def add_command(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add the `table` subcommand to the `tavle` parser."""
    from core.reports.tables import TABLES
    from tui.cli.subcommand import add_subcommand

    table = add_subcommand(parser, "table", tr("tables.cli.help"), tr)
    table.add_argument("kind", choices=list(TABLES), metavar=tr("tables.cli.kind_metavar"),
                       help=tr("tables.cli.kind", kinds=", ".join(TABLES)))
    table.add_argument("scope", nargs="?", default=None,
                       metavar=tr("sync_ui.cli.project_metavar"), help=tr("tables.cli.scope"))
    table.add_argument("--measure", default=None, metavar=tr("tables.cli.measure_metavar"),
                       help=tr("tables.cli.measure"))
    table.add_argument("--format", choices=FORMATS, default=None, dest="fmt",
                       help=tr("tables.cli.format"))
    table.add_argument("-o", "--output", metavar=tr("cli.path_metavar"), type=Path,
                       help=tr("tables.cli.output"))
    table.add_argument("--allow-cpr", metavar=tr("cpr.cli.reason_metavar"),
                       help=tr("cpr.cli.allow_help"))


def _fail(message: str) -> int:
    say(message, err=True)
    return EXIT_REFUSED


def _scopes(store: Store, scope: str, today: dt.date) -> list[tuple[str, str, str]]:
    if scope == "organisation":
        from core.teams.organisation import organisations

        return [(org.id, "organisation", org.name) for org in organisations(store)]
    from core.project.projects import list_projects

    return [(p.id, "project", p.name)
            for p in list_projects(store, today=today, include_archived=True)]


def table_command(args: argparse.Namespace, store: Store, tr: Translator, *,
                  block: bool = False, today: dt.date | None = None) -> int:
    """Write the table the options ask for, as it stands on `today` (the real date when None);
    print where it went and how many rows."""
    from core.paths import export_dir
    from core.reports.tables import TABLES, Request
    from core.sync.cpr_guard import scan_outgoing, scan_texts
    from core.values.sheets import table_file_name, write_tables
    from tui.cli.cpr import check_or_refuse
    from tui.cli.sync import refuse_scope, resolve_scope, scope_names

    today = today or clock.today()
    kind = TABLES[args.kind]
    scope_id, scope_name = None, ""
    if kind.scope != "none":
        scopes = _scopes(store, kind.scope, today)
        if not args.scope and len(scopes) != 1:
            return _fail(tr("tables.cli.no_scope", names=scope_names(scopes)))
        matches = scopes if not args.scope else resolve_scope(scopes, args.scope)
        if refuse_scope(scopes, matches, args.scope or "", tr):
            return EXIT_REFUSED
        scope_id, _kind, scope_name = matches[0]
    try:
        tables = kind.make(Request(store, scope_id, tr, today, args.measure))
    except TavleError as error:
        return _fail(error.message(tr))
    output: Path | None = args.output
    fmt = args.fmt or (output.suffix.lower().lstrip(".") if output is not None
                       and output.suffix.lower() in (".xlsx", ".csv") else "xlsx")
    name = table_file_name([tables[0].name if tables else args.kind, scope_name,
                            today.isoformat()], f".{fmt}")
    if output is None:
        path = export_dir() / name
    elif output.is_dir():
        path = output / name
    else:
        path = output if output.suffix else output.with_suffix(f".{fmt}")
    if fmt == "csv":
        tables = tables[:1]
    items = [(table.name, text) for table in tables for text in table.texts()]
    hits = scan_outgoing(store, scope_id, items, tr) if kind.scope == "project" and scope_id \
        else scan_texts(items)
    if not check_or_refuse(store, hits, what="table", target=str(path), allow=args.allow_cpr,
                           tr=tr, mode="block" if block else "warn"):
        return EXIT_REFUSED
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        count = write_tables(path, tables, tr)
    except OSError:
        return _fail(tr("tables.export.failed", path=str(path)))
    say(tr.count("tables.export.done", count, path=str(path)))
    return EXIT_OK
