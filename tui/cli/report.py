"""`tavle report PROJECT --kind status|closing|portfolio [-o FILE] [--format html|md]
[--since DATE]`: a report for the steering group from the command line.

No Textual. An unknown or ambiguous project, a bad date or a file that cannot be written ends
with a message in the user's language and exit status 2; the CPR guard stops a report that
carries something like a CPR number unless `--allow REASON` is given (the reason is logged).
"""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import suppress
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
KINDS = ("status", "closing", "portfolio")
FORMATS = ("html", "md")


def add_command(parser: argparse.ArgumentParser, tr: Translator) -> None:
    """Add the `report` subcommand to the `tavle` parser."""
    from tui.cli.subcommand import add_subcommand

    report = add_subcommand(parser, "report", tr("reports.cli.help"), tr)
    report.add_argument("project", nargs="?", default=None,
                        metavar=tr("sync_ui.cli.project_metavar"), help=tr("reports.cli.project"))
    report.add_argument("--kind", choices=KINDS, default="status", help=tr("reports.cli.kind"))
    report.add_argument("--format", choices=FORMATS, default=None, dest="fmt",
                        help=tr("reports.cli.format"))
    report.add_argument("-o", "--output", metavar=tr("cli.path_metavar"), type=Path,
                        help=tr("reports.cli.output"))
    report.add_argument("--since", metavar="DD-MM-ÅÅÅÅ", help=tr("reports.cli.since"))
    report.add_argument("--allow-cpr", metavar=tr("cpr.cli.reason_metavar"),
                        help=tr("cpr.cli.allow_help"))


def _fail(message: str) -> int:
    say(message, err=True)
    return EXIT_REFUSED


def _project(store: Store, text: str | None, tr: Translator, today: dt.date) -> str | None:
    """The id of the project `text` names (by id, name or part of the name), or a message."""
    from core.project.projects import list_projects
    from tui.cli.sync import refuse_scope, resolve_scope, scope_names

    scopes = [(p.id, "project", p.name)
              for p in list_projects(store, today=today, include_archived=True)]
    if not text:
        _fail(tr("reports.cli.no_project", names=scope_names(scopes)))
        return None
    matches = resolve_scope(scopes, text)
    if refuse_scope(scopes, matches, text, tr):
        return None
    return matches[0][0]


def report_command(args: argparse.Namespace, store: Store, tr: Translator, *,
                   block: bool = False, today: dt.date | None = None) -> int:
    """Write the report the options ask for, as it stands on `today` (the real date when
    None); print where it went."""
    from core.paths import export_dir
    from core.reports.files import SUFFIXES, make_report, save_report
    from core.values.days import Looking, parse_day

    today = today or clock.today()
    project_id = None
    if args.kind != "portfolio":
        project_id = _project(store, args.project, tr, today)
        if project_id is None:
            return EXIT_REFUSED
    try:
        since = parse_day(args.since or "", "since", today, Looking.BACK)
    except TavleError:
        return _fail(tr("reports.cli.bad_date", text=args.since))
    output: Path | None = args.output
    fmt = args.fmt
    if fmt is None:
        fmt = "md" if output is not None and output.suffix.lower() in (".md", ".markdown") \
            else "html"
    made = make_report(store, args.kind, project_id, fmt=fmt, lang=tr.lang, today=today,
                       since=since)
    folder = path = None
    if output is None:
        folder = export_dir()
        with suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
    elif output.is_dir():
        folder = output
    else:
        path = output if output.suffix else output.with_suffix(SUFFIXES[fmt])
    target = str(path) if path is not None else made.name
    from core.reports.files import report_hits
    from tui.cli.cpr import check_or_refuse

    if not check_or_refuse(store, report_hits(store, made, tr), what="report", target=target,
                           allow=args.allow_cpr, tr=tr, mode="block" if block else "warn"):
        return EXIT_REFUSED
    try:
        written = save_report(made.text, name=made.name, folder=folder, path=path)
    except TavleError as error:
        return _fail(error.message(tr))
    say(tr("reports.written", path=str(written)))
    return EXIT_OK


