"""The action plan (handlingsplan, phase 4): a keyboard grid with the guide's five columns.

The grid shows Ændring/opgave, Ansvarlig, Effekt, Hvordan, Deadline, Status and Kobling. Cells
are edited in a `CellEditor` laid over the cell (Enter saves, Tab saves and moves on, Esc
cancels); every edit goes through the screen's `UndoLog`. The rows are read with one query and
shown with one `add_rows`; an edit redraws only its own row. `s` sorts by the cursor's column,
`/` searches, `f` filters, `o` shows the overdue rows only, `x` clears; ctrl+e exports the plan
to xlsx or CSV for Excel and ctrl+o imports such a file (xlsx, CSV or text).

A name typed in Ansvarlig that is not among the project's people is saved as typed and the
editor moves on at once: nothing stops the typing mid-row. The names are then offered on a line
under the grid, and `p` adds them to the project's people (one undoable step).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Header, Input, Label
from textual.widgets.data_table import ColumnKey

from core.db.undo import Edit
from core.errors import TavleError
from core.models import ActionStatus
from core.plan import actions
from core.plan import excel as plan_excel
from core.plan.actions import COLUMNS, EDITABLE, TEXT_FIELDS, PlanFilter, PlanRow
from core.project.projects import get_project
from core.values.dates import format_date
from core.values.sheets import Table
from tui.dialogs import ConfirmDialog
from tui.lang import tr, translator
from tui.plan.cells import (
    MAX_LENGTH,
    CellLabels,
    column_widths,
    deadline_preview,
    row_cells,
)
from tui.plan.plan_filter import PlanFilterDialog
from tui.plan.plan_grid import PlanGrid
from tui.plan.plan_import import PlanImportDialog
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.cell_editor import CellEditor
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import cell

NEW_ROW = ""
"""The id of the row being added (shown in the grid, written when its first cell is saved)."""


class ActionPlanScreen(ProjectScreenBase):
    """The project's action plan as a grid."""

    HELP = "action_plan.help"

    BINDINGS = [
        Binding("escape", "back", "action_plan.keys.back", id="action_plan.back"),
        Binding("a", "add_row", "action_plan.keys.add", id="action_plan.add"),
        Binding("space", "cycle_status", "action_plan.keys.status", id="action_plan.status"),
        Binding("ctrl+e", "export", "action_plan.keys.export", id="action_plan.export"),
        Binding("delete", "delete_row", "action_plan.keys.delete", id="action_plan.delete"),
        Binding("slash", "search", "action_plan.keys.search", id="action_plan.search"),
        Binding("f", "filter", "action_plan.keys.filter", id="action_plan.filter"),
        Binding("s", "sort", "action_plan.keys.sort", id="action_plan.sort"),
        Binding("p", "add_people", "forms.plan.add_people_key", id="action_plan.add_people"),
        Binding("d", "duplicate", "action_plan.keys.duplicate", id="action_plan.duplicate"),
        Binding("ctrl+z", "undo", "action_plan.keys.undo", id="action_plan.undo"),
        Binding("ctrl+y", "redo", "action_plan.keys.redo", show=False, id="action_plan.redo"),
        Binding("o", "toggle_overdue", "action_plan.keys.overdue", show=False,
                id="action_plan.overdue"),
        Binding("x", "clear_filter", "action_plan.keys.clear", show=False,
                id="action_plan.clear"),
        Binding("ctrl+o", "import", "action_plan.keys.import", show=False,
                id="action_plan.import"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.plan_filter = PlanFilter()
        self.sort_column: str | None = None
        self.sort_descending = False
        self._all: list[PlanRow] = []
        self._shown: list[PlanRow] = []
        self._people: list[str] = []
        self._new_names: list[str] = []
        """Names typed in Ansvarlig that are not among the project's people (offered by `p`)."""
        self._after_new: str | None = None
        """The row the row being added goes after (None: first)."""
        self._seen: int | None = None
        """The store's generation this screen has shown: when it was last resumed, or when
        another screen covered it."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=tr("action_plan.filter_placeholder"), id="plan-search")
        yield Label("", id="plan-filter", classes="plan-filter-line", markup=False)
        yield PlanGrid(id="plan")
        yield Label("", id="plan-cell", classes="plan-cell", markup=False)
        yield Label("", id="plan-empty", classes="empty-hint", markup=False)
        yield Label("", id="plan-summary", classes="plan-summary", markup=False)
        yield Label("", id="plan-new-people", classes="plan-summary", markup=False)
        yield CellEditor(id="cell-editor")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.set_header(tr("action_plan.title"))
        self.query_one("#plan-search", Input).display = False
        self.editor.display = False
        grid = self.grid
        for key, width in zip(COLUMNS, column_widths(self.app.size.width), strict=True):
            grid.add_column(cell(self._column_label(key)), key=key, width=width)
        self.reload()
        grid.focus()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        """The focused cell whole, under the grid: the grid cuts long text with an ellipsis."""
        self._show_cell(event.coordinate.row, event.coordinate.column)

    def _show_cell(self, row_index: int, column: int) -> None:
        line = self.query_one("#plan-cell", Label)
        row = self._shown[row_index] if 0 <= row_index < len(self._shown) else None
        if row is None or not row.id or not 0 <= column < len(COLUMNS):
            line.update("")
            return
        key = COLUMNS[column]
        if key in TEXT_FIELDS:
            text = str(getattr(row, key))
        else:  # the deadline, status and links as the grid shows them, uncut
            text = self.grid.get_cell_at(Coordinate(row_index, column)).plain
        line.update(Content(f"{tr(self._field_key(key))}: {text}" if text else ""))

    @staticmethod
    def _field_key(key: str) -> str:
        return "action_plan.column.link" if key == "link" else f"field.{key}"

    def on_screen_suspend(self) -> None:
        self._seen = self.store.generation

    def on_screen_resume(self) -> None:
        """Back from another screen, or another window wrote: read again if anything was
        written meanwhile."""
        if self._seen is not None and self._seen != self.store.generation:
            self.reload()
        self._seen = self.store.generation

    # -- parts --------------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        """Today's date, as the app tells it (what is overdue, what "fre" means)."""
        return self.tavle.today()

    @property
    def grid(self) -> PlanGrid:
        return self.query_one("#plan", PlanGrid)

    @property
    def editor(self) -> CellEditor:
        return self.query_one("#cell-editor", CellEditor)

    def _column_label(self, key: str) -> str:
        label = tr(self._field_key(key))
        if key == self.sort_column:
            label = f"{label} {'▼' if self.sort_descending else '▲'}"
        return label

    def current_row(self) -> PlanRow | None:
        """The row under the cursor (the row being added has the id "")."""
        index = self.grid.cursor_row
        return self._shown[index] if 0 <= index < len(self._shown) else None

    def _current_saved(self) -> PlanRow | None:
        row = self.current_row()
        return row if row is not None and row.id != NEW_ROW else None

    # -- data ---------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the plan again (one query) and redraw the grid."""
        self._all = actions.load_plan(self.store, self.project_id)
        self._people = actions.people_names(self.store, self.project_id)
        self.redraw(select_id)

    def redraw(self, select_id: str | None = None, *, new_after: int | None = None) -> None:
        """Filter, sort and show the loaded rows; keep the cursor on `select_id` (or its row).

        `new_after` inserts the row being added below that index (-1: at the top)."""
        grid = self.grid
        if select_id is None and (row := self._current_saved()) is not None:
            select_id = row.id
        column = grid.cursor_column
        shown = actions.filter_rows(self._all, self.plan_filter, self.today)
        shown = actions.sort_rows(shown, self.sort_column, descending=self.sort_descending)
        if new_after is not None:
            blank = PlanRow(NEW_ROW, "", "", "", "", None, ActionStatus.NOT_STARTED, "")
            shown.insert(new_after + 1, blank)
            select_id = NEW_ROW
        self._shown = shown
        today = self.today
        grid.overdue = {i for i, row in enumerate(shown) if row.is_overdue(today)}
        grid.clear()
        labels = CellLabels.current()
        grid.add_rows(row_cells(row, today, labels) for row in shown)
        for key in COLUMNS:
            grid.columns[ColumnKey(key)].label = Text(self._column_label(key))
        index = next((i for i, row in enumerate(shown) if row.id == select_id), 0)
        if shown:
            grid.move_cursor(row=index, column=column, animate=False, scroll=True)
        self._update_lines()

    def _redraw_row(self, action_id: str) -> None:
        """Read one row again and redraw only it (it stays where it is until the next sort)."""
        row = actions.load_row(self.store, self.project_id, action_id)
        if row is None:
            self.reload()
            return
        self._all = [row if r.id == action_id else r for r in self._all]
        for index, shown in enumerate(self._shown):
            if shown.id == action_id:
                self._shown[index] = row
                self.grid.overdue.discard(index)
                if row.is_overdue(self.today):
                    self.grid.overdue.add(index)
                for column, value in enumerate(row_cells(row, self.today)):
                    self.grid.update_cell_at(Coordinate(index, column), value)
        self._update_lines()

    def _update_lines(self) -> None:
        summary = actions.summarize(self._all, self.today)
        counts = {status.value: n for status, n in summary.counts.items()}
        text = tr("action_plan.summary", total=summary.total, overdue=summary.overdue, **counts)
        saved = [row for row in self._shown if row.id != NEW_ROW]
        if self.plan_filter.active:
            late = sum(row.is_overdue(self.today) for row in saved)
            text = f"{text} · " + tr("action_plan.summary_shown", shown=len(saved),
                                      total=summary.total, overdue=late)
        self.query_one("#plan-summary", Label).update(Content(text))
        parts = []
        f = self.plan_filter
        if f.responsible is not None:
            parts.append(tr("action_plan.filter_responsible", name=f.responsible)
                         if f.responsible else tr("action_plan.filter_nobody"))
        if f.status is not None:
            parts.append(tr("action_plan.filter_status",
                            status=tr(f"enum.action_status.{f.status.value}")))
        if f.overdue_only:
            parts.append(tr("action_plan.filter_overdue"))
        if f.text.strip():
            parts.append(tr("action_plan.filter_text", text=f.text.strip()))
        lines = []
        if parts:
            lines.append(tr("action_plan.filter_line", parts=" · ".join(parts)))
        if self.sort_column is not None:
            direction = "descending" if self.sort_descending else "ascending"
            lines.append(tr("action_plan.sort_line", column=self._column_label(self.sort_column),
                            direction=tr(f"action_plan.{direction}")))
        line = self.query_one("#plan-filter", Label)
        line.update(Content("   ".join(lines)))
        line.display = bool(lines)
        empty = self.query_one("#plan-empty", Label)
        empty.display = not self._shown
        key = "action_plan.no_match" if self._all else "action_plan.empty"
        empty.update(Content(tr(key)))
        self._show_new_people()

    def _show_new_people(self) -> None:
        """The line offering the names typed in Ansvarlig that are not people yet."""
        self._new_names = [name for name in self._new_names
                           if not actions.is_known_person(self._people, name)]
        line = self.query_one("#plan-new-people", Label)
        line.display = bool(self._new_names)
        line.update(Content(tr("forms.plan.new_people", names=", ".join(self._new_names))))
        self.refresh_bindings()

    # -- editing ------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        row = self._current_saved()
        return ("action", row.id) if row is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.editor.is_open and action != "back":
            return False
        if action in ("duplicate", "delete_row", "cycle_status"):
            return self._current_saved() is not None or None
        if action == "clear_filter":
            return self.plan_filter.active or None
        if action == "add_people":
            return bool(self._new_names) or None
        return True

    @on(DataTable.CellSelected, "#plan")
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.edit_cell()

    def edit_cell(self) -> None:
        """Open the editor on the cursor's cell (status cycles; the link cannot be typed)."""
        row = self.current_row()
        if row is None:
            return
        field = COLUMNS[self.grid.cursor_column]
        if field == "status":
            self.action_cycle_status()
            return
        if field == "link":
            self.notify(tr("action_plan.not_editable"), markup=False)
            return
        if row.id == NEW_ROW and field != "change":
            self.grid.move_cursor(column=0)
            field = "change"
        value = format_date(row.deadline) if field == "deadline" else str(getattr(row, field))
        hint = {"responsible": "action_plan.editor.hint_responsible",
                "deadline": "action_plan.editor.hint_deadline"}.get(field,
                                                                     "action_plan.editor.hint")
        suggester = (SuggestFromList(self._people, case_sensitive=False)
                     if field == "responsible" else None)
        preview = (lambda text: deadline_preview(text, self.today)) if field == "deadline" else None
        self.editor.open(field, value, self._cell_region(), hint=tr(hint),
                         max_length=MAX_LENGTH[field], suggester=suggester, preview=preview)

    def _cell_region(self) -> Region:
        """The cursor cell's place on the screen."""
        grid = self.grid
        virtual = grid._get_cell_region(grid.cursor_coordinate)
        origin = grid.content_region
        return Region(origin.x + virtual.x - int(grid.scroll_x),
                      origin.y + virtual.y - int(grid.scroll_y), virtual.width, 1)

    @on(CellEditor.Cancelled)
    def _edit_cancelled(self, event: CellEditor.Cancelled) -> None:
        self.editor.close()
        if any(row.id == NEW_ROW for row in self._shown):
            self.redraw()
        self.grid.focus()

    @on(CellEditor.Done)
    def _edit_done(self, event: CellEditor.Done) -> None:
        row, field, text = self.current_row(), event.editor.field, event.text
        if row is None:
            return
        if row.id == NEW_ROW:
            if not text.strip():
                self.editor.show_problem(tr("action_plan.first_cell_needed"))
                return
            try:
                action = actions.add_row(self.undo_log, self.project_id, self._after_new, text)
            except TavleError as error:
                self.editor.show_problem(error.message(translator()))
                return
            self._finish_edit(event.move, reload_id=action.id)
            return
        name = text.strip()
        new_name = (field == "responsible" and bool(name)
                    and not actions.is_known_person(self._people, name)
                    and not actions.is_known_person(self._new_names, name))
        if self._save(row, field, text):
            if new_name:  # offered on a line under the grid: nothing takes the next keys
                self._new_names.append(name)
                self._show_new_people()
            self._finish_edit(event.move)

    def _save(self, row: PlanRow, field: str, text: str) -> bool:
        try:
            actions.edit_cell(self.undo_log, row.id, field, text, self.today)
        except TavleError as error:
            self.editor.show_problem(error.message(translator()))
            return False
        self._redraw_row(row.id)
        return True

    def action_add_people(self) -> None:
        """Add the names typed in Ansvarlig that are not people yet to the project's people
        (one undoable step)."""
        names = list(self._new_names)
        if not names:
            return
        with self.undo_log.group():
            for name in names:
                actions.add_person(self.undo_log, self.project_id, name)
        self._people = actions.people_names(self.store, self.project_id)
        self._show_new_people()
        self.notify(tr("action_plan.person_added", name=", ".join(names)), markup=False)

    def _finish_edit(self, move: str, *, reload_id: str | None = None) -> None:
        """Close the editor, and open it on the next or previous cell for Tab / shift+Tab.

        The next cell's editor opens in this same step, so keys typed right after Tab land in
        it, not in the grid (where letters are shortcuts); it is placed again after the refresh
        in case the grid scrolled."""
        self.editor.close()
        if reload_id is not None:
            self.reload(select_id=reload_id)
        grid = self.grid
        grid.focus()
        column = grid.cursor_column
        step = {"next": 1, "previous": -1}.get(move, 0)
        if step and 0 <= column + step < len(COLUMNS):
            grid.move_cursor(column=column + step, animate=False)
            if COLUMNS[column + step] in EDITABLE:
                self.edit_cell()
                self.call_after_refresh(self._place_editor)

    def _place_editor(self) -> None:
        """Lay the open editor over the cursor's cell again (after the grid scrolled)."""
        if self.editor.is_open:
            self.editor.place(self._cell_region())

    # -- row actions ----------------------------------------------------------------------

    def action_add_row(self) -> None:
        """Add a row below the cursor's row and start typing its first cell."""
        row = self._current_saved()
        self._after_new = row.id if row is not None else None
        index = self.grid.cursor_row if row is not None else -1
        self.grid.move_cursor(column=0)
        self.redraw(new_after=index)
        self.call_after_refresh(self.edit_cell)

    def action_duplicate(self) -> None:
        row = self._current_saved()
        if row is None:
            return
        copy = actions.duplicate_row(self.undo_log, self.project_id, row.id)
        self.reload(select_id=copy.id)
        self.notify(tr("action_plan.duplicated"), markup=False)

    def action_delete_row(self) -> None:
        row = self._current_saved()
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                actions.delete_row(self.undo_log, row.id)
                self.reload()
                self.notify(tr("action_plan.deleted", change=row.change), markup=False)

        self.app.push_screen(
            ConfirmDialog(tr("action_plan.delete_question", change=row.change)), answered
        )

    def action_cycle_status(self) -> None:
        row = self._current_saved()
        if row is None:
            return
        status = actions.next_status(row.status)
        actions.set_status(self.undo_log, row.id, status)
        self._redraw_row(row.id)

    def after_undo(self, edits: list[Edit]) -> None:
        """Show the plan again with the cursor on the row the undo touched."""
        row_ids = [edit.record_id for edit in edits if any(r.id == edit.record_id
                                                          for r in self._all)]
        self.reload(select_id=row_ids[-1] if row_ids else None)

    # -- what the grid shows, and in which order (s, /, f, o, x) ----------------------------

    def action_sort(self) -> None:
        """Sort by the cursor's column; again: descending; a third time: the plan's order."""
        column = COLUMNS[self.grid.cursor_column]
        if self.sort_column != column:
            self.sort_column, self.sort_descending = column, False
        elif not self.sort_descending:
            self.sort_descending = True
        else:
            self.sort_column, self.sort_descending = None, False
        self.redraw()

    def action_search(self) -> None:
        box = self.query_one("#plan-search", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#plan-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_changed(event.value)

    def search_changed(self, text: str) -> None:
        """Filter on the text typed in the search box."""
        self.plan_filter = replace(self.plan_filter, text=text)
        self.redraw()

    @on(Input.Submitted, "#plan-search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.grid.focus()

    def action_filter(self) -> None:
        def chosen(result: PlanFilter | None) -> None:
            if result is not None:
                self.plan_filter = result
                self.redraw()

        names = sorted({*self._people, *actions.responsibles(self._all)}, key=str.casefold)
        self.app.push_screen(PlanFilterDialog(self.plan_filter, names), chosen)

    def action_toggle_overdue(self) -> None:
        self.plan_filter = replace(self.plan_filter, overdue_only=not self.plan_filter.overdue_only)
        self.redraw()

    def action_clear_filter(self) -> None:
        self.plan_filter = PlanFilter()
        box = self.query_one("#plan-search", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        self.redraw()
        self.grid.focus()

    # -- files: xlsx and CSV for Excel (ctrl+e, ctrl+o) ------------------------------------

    def action_export(self) -> None:
        """Write the rows the grid shows to an xlsx or CSV file for Excel, after the CPR guard."""
        from tui.screens.table_export import export_tables

        project = get_project(self.store, self.project_id)

        def tables() -> list[Table]:  # the rows as they are in the database when written
            rows = actions.filter_rows(actions.load_plan(self.store, self.project_id),
                                       self.plan_filter, self.today)
            return [plan_excel.plan_table(rows, translator())]

        export_tables(self, what=tr("action_plan.title"),
                      name_parts=[tr("action_plan.title"), project.name, project.unit],
                      tables=tables, scope_id=self.project_id)

    def action_import(self) -> None:
        """Pick a table saved from Excel, show what it holds, and add its rows when confirmed."""
        from tui.screens.file_pick import TABLE_SUFFIXES, FilePickDialog

        previews: list[tuple[plan_excel.ImportPreview, str]] = []

        def check(path: Path) -> str | None:
            try:
                previews.append((plan_excel.read_plan_file(path, self.today), str(path)))
            except TavleError as error:
                return error.message(translator())
            return None

        def confirmed(yes: bool | None) -> None:
            if yes and previews:
                created = plan_excel.apply_import(self.undo_log, self.project_id, previews[-1][0])
                self.reload(select_id=created[0].id if created else None)
                self.notify(translator().count("action_plan.import.done", len(created)),
                            markup=False)

        def picked(path: Path | None) -> None:
            if path is not None and previews:
                preview, name = previews[-1]
                self.app.push_screen(PlanImportDialog(preview, name), confirmed)

        self.app.push_screen(FilePickDialog(tr("action_plan.import.title"),
                                            suffixes=TABLE_SUFFIXES, kind="table", check=check),
                             picked)

    def action_back(self) -> None:
        search = self.query_one("#plan-search", Input)
        if search.has_focus:
            self.action_clear_filter()
            return
        self.app.pop_screen()
