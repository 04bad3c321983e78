"""The reporter's entry of a team's key figures for one week, by keyboard only.

One row per key figure: this week's value, last week's and the target. Enter (or a digit)
opens the value's editor; Enter or Tab saves and moves to the next figure, an empty value
deletes it. `[`/`]` or PgUp/PgDn change the week (last week by default); ctrl+v or a paste
opens a block copied from Excel; ctrl+z/ctrl+y undo and redo.
"""

from __future__ import annotations

import datetime as dt

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.widgets import DataTable, Header, Label

from core.errors import TavleError
from core.models import KeyFigure
from core.teams import figures as team_figures
from core.teams.key_figures import figures as catalogue
from core.teams.organisation import get_team
from core.teams.words import format_figure
from core.values.numbers import parse_number, typed_number
from core.values.periods import period_label
from tui.dialogs import ConfirmDialog
from tui.lang import tr, translator
from tui.teams.base import OrgScreenBase
from tui.widgets.cell_editor import CellEditor
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("figure", 0), ("value", 18), ("previous", 18), ("target", 14))
VALUE_COLUMN = 1
TYPING = set("0123456789,.-")
"""Keys that start typing a value in the cursor's row."""


class TeamEntryScreen(OrgScreenBase):
    """A team's figures for one week, typed at meeting speed."""

    HELP = "teams.entry.help"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="team_entry.back"),
        Binding("f2", "edit", "teams.keys.edit_value", id="team_entry.edit"),
        Binding("delete", "delete_value", "teams.keys.delete_value", id="team_entry.delete"),
        Binding("left_square_bracket,pageup", "week(-1)", "teams.keys.previous_week",
                priority=True, id="team_entry.previous_week"),
        Binding("right_square_bracket,pagedown", "week(1)", "teams.keys.next_week",
                priority=True, id="team_entry.next_week"),
        Binding("ctrl+v", "paste", "teams.keys.paste", id="team_entry.paste"),
    ]

    def __init__(self, org_id: str, team_id: str, *, today: dt.date | None = None) -> None:
        super().__init__(org_id)
        self.team_id = team_id
        self._today = today
        self.week = ""
        """The ISO week shown ("2026-W47"): the week before `today`'s until moved."""
        self.figures: list[KeyFigure] = []
        self.values: dict[str, float] = {}

    @property
    def today(self) -> dt.date:
        """The date the week shown counts from: the one given (a test's), else the app's."""
        return self._today or self.tavle.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="entry-week", markup=False)
        yield RowTable(id="entry-grid")
        yield Label("", id="entry-hint", classes="team-note", markup=False)
        yield CellEditor(id="cell-editor")
        yield TavleFooter()

    @property
    def grid(self) -> DataTable[object]:
        return self.query_one("#entry-grid", DataTable)

    @property
    def editor(self) -> CellEditor:
        return self.query_one("#cell-editor", CellEditor)

    def on_mount(self) -> None:
        self.week = team_figures.last_week(self.today)
        self.editor.display = False
        self.editor.input.select_on_focus = False  # a typed first digit must not be replaced
        self.reload()
        self.grid.focus()

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the week's values and redraw the grid (the cursor stays on its row)."""
        team = get_team(self.store, self.team_id)
        self.set_header(tr("teams.entry.title", team=team.name))
        t = translator()
        grid = self.grid
        row = grid.cursor_row
        self.figures = catalogue(self.store, self.org_id)
        self.values = team_figures.week_values(self.store, self.team_id, self.figures, self.week)
        previous = team_figures.week_values(self.store, self.team_id, self.figures,
                                            team_figures.shift_week(self.week, -1))
        grid.clear(columns=True)
        width = max(16, self.app.size.width - sum(w + 2 for _, w in COLUMNS[1:]) - 4)
        for key, column_width in COLUMNS:
            grid.add_column(cell(tr(f"teams.entry.column.{key}")), key=key,
                            width=column_width or width)
        for figure in self.figures:
            grid.add_row(cell(figure.name),
                         cell(format_figure(figure, self.values.get(figure.id), t)),
                         cell(format_figure(figure, previous.get(figure.id), t)),
                         cell(format_figure(figure, figure.target, t)), key=figure.id)
        if self.figures:
            grid.move_cursor(row=min(row, len(self.figures) - 1))
        filled = sum(f.id in self.values for f in self.figures)
        self.query_one("#entry-week", Label).update(Content(tr(
            "teams.entry.week", week=period_label(self.week, t), filled=filled,
            count=len(self.figures))))
        self.query_one("#entry-hint", Label).update(Content(tr("teams.entry.hint")))
        self.refresh_bindings()

    def current(self) -> KeyFigure | None:
        """The figure under the cursor."""
        index = self.grid.cursor_row
        return self.figures[index] if 0 <= index < len(self.figures) else None

    # -- editing --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.is_mounted and self.editor.is_open and action != "back":
            return False
        if action in ("edit", "delete_value"):
            return self.current() is not None or None
        return super().check_action(action, parameters)

    def _cell_region(self) -> Region:
        grid = self.grid
        virtual = grid._get_cell_region(Coordinate(grid.cursor_row, VALUE_COLUMN))
        origin = grid.content_region
        return Region(origin.x + virtual.x - int(grid.scroll_x),
                      origin.y + virtual.y - int(grid.scroll_y), virtual.width, 1)

    def _preview(self, figure: KeyFigure, text: str) -> tuple[str, bool]:
        try:
            value = parse_number(text, "value")
        except TavleError as error:
            return error.message(translator()), False
        return tr("teams.entry.understood", value=format_figure(figure, value, translator())), True

    def action_edit(self, start: str | None = None) -> None:
        """Type the value of the figure under the cursor."""
        figure = self.current()
        if figure is None:
            return
        value = typed_number(self.values.get(figure.id), translator()) if start is None else start
        hint = tr("teams.entry.editor_hint", figure=figure.name, unit=figure.unit)
        self.editor.open("value", value, self._cell_region(), hint=hint, max_length=40,
                         preview=lambda text: self._preview(figure, text))

    @on(DataTable.RowSelected, "#entry-grid")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_key(self, event: events.Key) -> None:
        """A digit typed on the grid starts the value with it (as in Excel); keys typed before
        the editor has the focus go into it too."""
        if not (self.grid.has_focus and event.character and event.character in TYPING):
            return
        event.stop()
        event.prevent_default()
        if self.editor.is_open:
            self.editor.input.insert_text_at_cursor(event.character)
        else:
            self.action_edit(event.character)

    @on(CellEditor.Cancelled)
    def _cancelled(self, event: CellEditor.Cancelled) -> None:
        self.editor.close()
        self.grid.focus()

    @on(CellEditor.Done)
    def _done(self, event: CellEditor.Done) -> None:
        figure = self.current()
        if figure is None:
            return
        try:
            team_figures.set_value(self.undo_log, self.team_id, figure, self.week, event.text)
        except TavleError as error:
            self.editor.show_problem(error.message(translator()))
            return
        self.editor.close()
        self.reload()
        self.grid.focus()
        step = -1 if event.move == "previous" else 1
        target = self.grid.cursor_row + step
        if 0 <= target < len(self.figures):
            self.grid.move_cursor(row=target)
            self.call_after_refresh(self.action_edit)

    def action_delete_value(self) -> None:
        """Delete the week's value of the figure under the cursor, after a confirmation."""
        figure = self.current()
        if figure is None or figure.id not in self.values:
            return
        t = translator()

        def answered(yes: bool | None) -> None:
            if yes:
                team_figures.set_value(self.undo_log, self.team_id, figure, self.week, "")
                self.reload()

        self.app.push_screen(ConfirmDialog(tr(
            "teams.entry.delete_question", figure=figure.name,
            value=format_figure(figure, self.values[figure.id], t),
            week=period_label(self.week, t))), answered)

    def action_week(self, step: int) -> None:
        """Show the week before or after."""
        self.week = team_figures.shift_week(self.week, step)
        self.reload()

    def action_paste(self, text: str = "") -> None:
        """Paste a block copied from Excel: a preview first, then one undoable step."""
        from tui.teams.team_paste import TeamPasteDialog

        def done(count: int | None) -> None:
            if count is not None:
                self.reload()
                self.notify(tr("teams.paste.saved", count=count), markup=False)

        self.app.push_screen(TeamPasteDialog(
            self.figures, self.undo_log, self.team_id, self.week, max(self.grid.cursor_row, 0),
            text=text), done)

    def on_paste(self, event: events.Paste) -> None:
        """A paste on the grid opens the paste preview with it."""
        if not self.editor.is_open and event.text.strip():
            event.stop()
            self.action_paste(event.text)

    def action_back(self) -> None:
        """Esc closes the editor first; else back."""
        if self.editor.is_open:
            self.editor.action_cancel()
            return
        self.app.pop_screen()
