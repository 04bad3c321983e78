"""The project's measures at a glance: a sparkline, the latest value, the target and the signal
state of each, so a kaizen meeting sees what moved. Enter opens a measure's run chart; ctrl+e
writes every measure's points as one long table to xlsx or CSV for Excel (a pivot table's data).

The signals are computed in a thread worker on a connection of its own, so opening a project
with many long series never blocks typing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db import changelog
from core.db.store import Store, read_on
from core.errors import TavleError
from core.measures import entry as measures
from core.measures.signals import (
    MeasureStatus,
    load_series,
    measure_names,
    project_measure_ids,
    status_of,
)
from core.measures.words import assurance_text, format_value, sparkline, variation_text
from core.models import Measure, Project
from tui.dialogs import ConfirmDialog
from tui.dialogs.choice_form import ChoiceFormDialog, Values
from tui.lang import tr, translator
from tui.measures.measure_form import measure_fields, measure_values
from tui.measures.points import point_tick
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("name", 0), ("last", 13), ("target", 8), ("variation", 14), ("assurance", 15))
WIDE_COLUMNS = (("name", 0), ("trend", 12), ("last", 18), ("target", 10), ("variation", 16),
                ("assurance", 17))
"""From `WIDE_FROM` columns the sparkline of the latest values shows too. Variation and
assurance show as a symbol and a short word; the chart screen says them in full."""
WIDE_FROM = 110
SPARK_WIDTH = 12


def compute_statuses(path: str | None, store: Store | None, ids: list[str]) -> list[MeasureStatus]:
    """Load and analyse every measure: on a connection of its own when the database is a file
    (the worker's thread), else on `store`."""
    return read_on(path, store, lambda reader: [
        status_of(load_series(reader, measure_id)) for measure_id in ids])


class MeasuresScreen(ProjectScreenBase):
    """Every measure of a project with its trend and signal state."""

    HELP = "measures.help"

    BINDINGS = [
        Binding("escape", "back", "measures.keys.back", id="measures.back"),
        Binding("a", "add", "measures.keys.add", id="measures.add"),
        Binding("f2", "edit", "measures.keys.edit", id="measures.edit"),
        Binding("ctrl+e", "export", "measures.keys.export_all", id="measures.export"),
        Binding("delete", "delete", "measures.keys.delete", id="measures.delete"),
        Binding("o", "summary", "mdc.keys.open_summary", id="measures.summary"),
        Binding("ctrl+z", "undo", "measures.keys.undo", show=False, id="measures.undo"),
        Binding("ctrl+y", "redo", "measures.keys.redo", show=False, id="measures.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self._ids: list[str] = []
        self._statuses: dict[str, MeasureStatus] = {}
        self._columns: set[str] = set()


    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="measures")
        yield Label("", id="measures-empty", classes="empty-hint", markup=False)
        yield Label("", id="measures-status", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#measures", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """List the measures at once (names), then fill in their signals from a worker."""
        self.set_header(tr("measures.title"))
        if select_id is None:
            select_id = self.selected_id()
        self._ids = project_measure_ids(self.store, self.project_id)
        names = measure_names(self.store, self.project_id)
        table = self.query_one("#measures", DataTable)
        table.clear(columns=True)
        columns = WIDE_COLUMNS if self.size.width >= WIDE_FROM else COLUMNS
        width = max(20, self.size.width - sum(w + 2 for _, w in columns[1:]) - 4)
        for key, column_width in columns:
            title = tr(f"mdc.{key}") if key in ("variation", "assurance") else tr(
                f"measures.column.{key}")
            table.add_column(cell(title), key=key, width=column_width or width)
        self._columns = {key for key, _ in columns}
        for measure_id in self._ids:
            table.add_row(cell(names[measure_id]), *(cell("") for _ in columns[1:-2]),
                          cell(tr("measures.loading")), cell(""), key=measure_id)
        if select_id in self._ids:
            table.move_cursor(row=self._ids.index(select_id))
        empty = self.query_one("#measures-empty", Label)
        empty.display = not self._ids
        empty.update(Content(tr("measures.empty")))
        self.query_one("#measures-status", Label).update(
            Content(translator().count("measures.count", len(self._ids))))
        self.refresh_bindings()
        if not self._ids:
            return
        if self.store.path is None:  # an in-memory database has one connection: stay here
            self._show_statuses(compute_statuses(None, self.store, list(self._ids)))
        else:
            self.analyse(str(self.store.path), list(self._ids))

    @work(thread=True, exclusive=True, exit_on_error=False, group="measures")
    def analyse(self, path: str, ids: list[str]) -> None:
        """Compute every measure's status off the UI thread, then show them."""
        statuses = compute_statuses(path, None, ids)
        self.app.call_from_thread(self._show_statuses, statuses)

    def _show_statuses(self, statuses: list[MeasureStatus]) -> None:
        table = self.query_one("#measures", DataTable)
        t = translator()
        for status in statuses:
            measure = status.measure
            if measure.id not in self._ids:
                continue
            self._statuses[measure.id] = status
            last = ""
            if status.last_value is not None and status.last_period is not None:
                last = tr("measures.value_in", value=format_value(measure, status.last_value, t),
                          period=point_tick(measure, status.last_period))
            # the target now (on a target path: its value at the latest point; the chart
            # screen says the whole path)
            target = format_value(measure, status.reading.target, t)
            cells: dict[str, Any] = {
                "trend": sparkline([v for v in status.values if v is not None], SPARK_WIDTH),
                "last": last, "target": target,
                "variation": variation_text(status.reading, t, short=True),
                "assurance": assurance_text(status.reading, t, short=True),
            }
            for key, text in cells.items():
                if key in self._columns:
                    table.update_cell(measure.id, key, cell(text))

    def selected_id(self) -> str | None:
        table = self.query_one("#measures", DataTable)
        if not self._ids or table.cursor_row >= len(self._ids):
            return None
        return self._ids[table.cursor_row]

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        measure_id = self.selected_id()
        return ("measure", measure_id) if measure_id is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "export"):
            return bool(self._ids) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    @on(DataTable.RowSelected, "#measures")
    def _open(self, event: DataTable.RowSelected) -> None:
        measure_id = self.selected_id()
        if measure_id is not None:
            from tui.measures.measure import MeasureScreen

            self.app.push_screen(MeasureScreen(self.project_id, measure_id))

    def _form(self, title: str, measure: Measure | None, save: Any) -> None:
        steps, goals = measures.link_choices(self.store, self.project_id)
        today = self.tavle.today()

        def submit(values: Values) -> str | None:
            try:
                save(measure_values(values, today))
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(
            ChoiceFormDialog(title, measure_fields(measure, steps, goals, today), submit=submit),
            lambda values: self.reload(),
        )

    def action_summary(self) -> None:
        """The summary of the project's measures: variation, assurance and since when."""
        from tui.measures.summary import MeasureSummaryScreen

        project = changelog.load(self.store, Project, self.project_id)
        self.app.push_screen(MeasureSummaryScreen([self.project_id], project.name))

    def action_add(self) -> None:
        """Add a measure: name, definition, kind, unit, better direction, frequency, target,
        and the redesign step or result goal it belongs to."""

        def save(values: dict[str, Any]) -> None:
            created = measures.add_measure(self.undo_log, self.project_id, **values)
            self.notify(tr("measures.added", name=created.name), markup=False)
            self.call_after_refresh(self.reload, created.id)

        self._form(tr("measures.add_title"), None, save)

    def action_edit(self) -> None:
        """Edit the measure under the cursor."""
        measure_id = self.selected_id()
        if measure_id is None:
            return
        measure = changelog.load(self.store, Measure, measure_id)

        def save(values: dict[str, Any]) -> None:
            measures.edit_measure(self.undo_log, measure_id, **values)

        self._form(tr("measures.edit_title", name=measure.name), measure, save)

    def action_delete(self) -> None:
        """Delete the measure and its data points after a confirmation (ctrl+z undoes)."""
        measure_id = self.selected_id()
        if measure_id is None:
            return
        measure = changelog.load(self.store, Measure, measure_id)
        count = measures.measurement_count(self.store, measure_id)

        def answered(yes: bool | None) -> None:
            if yes:
                measures.delete_measure(self.undo_log, measure_id)
                self.reload()
                self.notify(tr("measures.deleted"), markup=False)

        self.app.push_screen(
            ConfirmDialog(tr("measures.delete_question", name=measure.name, count=count)),
            answered)



    @property
    def today(self) -> dt.date:
        """Today's date, as the app tells it (the date in an exported file's name)."""
        return self.tavle.today()

    def action_export(self) -> None:
        """Write every measure's points (value, centre line, limits, signal) as one long table
        to an xlsx or CSV file for Excel, after the CPR guard."""
        from core.measures.excel import project_measures_table
        from tui.screens.table_export import export_tables

        project = changelog.load(self.store, Project, self.project_id)
        export_tables(self, what=tr("measures.title"),
                      name_parts=[tr("measures.title"), project.name, project.unit],
                      tables=lambda: [project_measures_table(self.store, self.project_id,
                                                             translator())],
                      scope_id=self.project_id)

    def action_back(self) -> None:
        self.app.pop_screen()
