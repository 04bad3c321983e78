"""Export a table to Excel from any screen: pick xlsx or CSV, pass the CPR guard, write, say where.

One call from a screen's export action (ctrl+e):

    export_tables(self, what=tr("action_plan.title"), name_parts=[...],
                  tables=lambda: [plan_table(rows_now(), translator())], scope_id=project_id)

`tables` is called again after the guard (an edit there changes what is written) and must read
the store as it is then. The format asked last time is offered first (xlsx the first time). The
CPR guard scans every sheet's name, headings and text cells and the file's name before anything
is written (`scan_outgoing` for a project's tables, so a hit in a record can be edited in place;
`scan_texts` for tables across projects). The file goes to the export folder (Documents) under a
name that says what it holds; a file that cannot be written (open in Excel, a full disk) is a
message and leaves no half file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen

from core import clock
from core.paths import export_dir
from core.values.sheets import WRITE_SUFFIXES, Table, table_file_name, write_tables
from tui.dialogs.pick import PickDialog
from tui.host import Host
from tui.lang import tr, translator

_last_suffix: WeakKeyDictionary[App[Any], str] = WeakKeyDictionary()
"""The format picked last in each running app: offered first next time (xlsx at first)."""


def export_tables(
    screen: Screen[Any], *, what: str, name_parts: Sequence[str],
    tables: Callable[[], Sequence[Table]], scope_id: str | None,
) -> None:
    """Ask xlsx or CSV, then write `tables()` to the export folder after the CPR guard.

    `what` names the table in the dialog's title ("Handlingsplan"); `name_parts` make the file's
    name (today's date is added); `scope_id` is the project the tables come from (None for tables
    across projects). A CSV file holds the first table only."""

    def chosen(suffix: str | None) -> None:
        if suffix is None:
            return
        _last_suffix[screen.app] = suffix
        app_today = screen.app.today() if isinstance(screen.app, Host) else None
        today = getattr(screen, "today", None) or app_today or clock.today()
        name = table_file_name([*name_parts, today.isoformat()], suffix)
        _guard_and_write(screen, name, suffix, tables, scope_id)

    screen.app.push_screen(PickDialog(
        tr("tables.export.title", what=what),
        [(tr(f"tables.export.{suffix.lstrip('.')}"), suffix) for suffix in WRITE_SUFFIXES],
        current=_last_suffix.get(screen.app, WRITE_SUFFIXES[0])), chosen)


def _guard_and_write(screen: Screen[Any], name: str, suffix: str,
                     tables: Callable[[], Sequence[Table]], scope_id: str | None) -> None:
    from core.sync.cpr_guard import GuardHit, scan_outgoing, scan_texts
    from tui.dialogs.cpr_guard import guard_then

    store = screen.app.store  # type: ignore[attr-defined]
    folder = export_dir()
    path = folder / name

    def chosen_tables() -> Sequence[Table]:
        found = tables()
        return found if suffix == ".xlsx" else found[:1]

    def scan() -> list[GuardHit]:
        items = [(table.name, text) for table in chosen_tables() for text in table.texts()]
        if scope_id is None:
            return scan_texts(items)
        return scan_outgoing(store, scope_id, items, translator())

    def write() -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            count = write_tables(path, chosen_tables(), translator())
        except OSError:
            screen.notify(tr("tables.export.failed", path=str(path)), severity="error",
                          markup=False)
            return
        screen.notify(translator().count("tables.export.done", count, path=str(path)),
                      markup=False)

    guard_then(screen, what="table", target=name, scan=scan, then=write)
