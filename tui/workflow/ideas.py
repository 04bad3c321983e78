"""The project's ideas: filter, choose, park or reject them, and turn them into an action-plan row
or a kaizen card (the link to the idea is kept)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Input, Label

from core.errors import TavleError
from core.workflow import ideas
from core.workflow.ideas import IdeaRow
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("text", 0), ("status", 10), ("who", 14), ("source", 16), ("linked", 27))
NARROW_COLUMNS = (("text", 0), ("status", 10), ("linked", 27))
"""Column keys and widths; the idea's text takes what the others leave. Below `WIDE_FROM`
columns who and source are left out."""
WIDE_FROM = 110


class IdeasScreen(ProjectScreenBase):
    """Every idea of a project, with its status and what it became."""

    HELP = "ideas.help"

    BINDINGS = [
        Binding("escape", "back", "ideas.keys.back", id="ideas.back"),
        Binding("a", "capture_idea", "ideas.keys.add", id="ideas.add"),
        Binding("f2", "edit", "ideas.keys.edit", id="ideas.edit"),
        Binding("s", "cycle_status", "ideas.keys.status", id="ideas.status"),
        Binding("h", "to_action", "ideas.keys.to_action", id="ideas.to_action"),
        Binding("k", "to_card", "ideas.keys.to_card", id="ideas.to_card"),
        Binding("delete", "delete", "ideas.keys.delete", id="ideas.delete"),
        Binding("slash", "filter", "ideas.keys.filter", id="ideas.filter"),
        Binding("ctrl+z", "undo", "ideas.keys.undo", show=False, id="ideas.undo"),
        Binding("ctrl+y", "redo", "ideas.keys.redo", show=False, id="ideas.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.filter_text = ""
        self._rows: list[IdeaRow] = []

        self._width = 0


    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=tr("ideas.filter_placeholder"), id="ideas-filter")
        yield RowTable(id="ideas")
        yield Label("", id="ideas-empty", classes="empty-hint", markup=False)
        yield Label("", id="ideas-status", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.query_one("#ideas-filter", Input).display = False
        self.reload()
        self.query_one("#ideas", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, select_id: str | None = None) -> None:
        """Read the ideas again and redraw the table, keeping the cursor on `select_id`."""
        self.set_header(tr("ideas.title"))
        table = self.query_one("#ideas", DataTable)
        if select_id is None:
            select_id = self.selected_id()
        self._rows = ideas.list_ideas(self.store, self.project_id, self.filter_text)
        self._width = self.size.width
        columns = COLUMNS if self._width >= WIDE_FROM else NARROW_COLUMNS
        others = sum(width + 2 for _, width in columns[1:])
        text_width = max(20, self._width - others - 4)
        table.clear(columns=True)
        for key, width in columns:
            table.add_column(cell(tr(f"ideas.column.{key}")), key=key, width=width or text_width)
        for row in self._rows:
            idea = row.idea
            linked = [tr("ideas.linked_action")] if row.action_id else []
            linked += [tr("ideas.linked_card")] if row.card_id else []
            cells = {
                "text": idea.text, "status": tr(f"enum.idea_status.{idea.status.value}"),
                "who": idea.who, "source": idea.source, "linked": ", ".join(linked),
            }
            table.add_row(*(cell(cells[key]) for key, _ in columns), key=idea.id)
        for index, row in enumerate(self._rows):
            if row.idea.id == select_id:
                table.move_cursor(row=index)
        self._update_hints()

    def _update_hints(self) -> None:
        empty = self.query_one("#ideas-empty", Label)
        empty.display = not self._rows
        if not self._rows:
            empty.update(Content(tr("ideas.no_match" if self.filter_text else "ideas.empty")))
        parts = [translator().count("ideas.count", len(self._rows))]
        if self.filter_text:
            parts.append(tr("ideas.filter_active", text=self.filter_text))
        self.query_one("#ideas-status", Label).update(Content(" · ".join(parts)))
        self.refresh_bindings()

    def selected_id(self) -> str | None:
        """The id of the idea under the cursor."""
        row = self._selected()
        return row.idea.id if row else None

    def _selected(self) -> IdeaRow | None:
        table = self.query_one("#ideas", DataTable)
        if not self._rows or table.cursor_row >= len(self._rows):
            return None
        return self._rows[table.cursor_row]

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        idea_id = self.selected_id()
        return ("idea", idea_id) if idea_id is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "cycle_status", "to_action", "to_card", "delete"):
            return bool(self._rows) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def idea_captured(self, idea_id: str | None) -> None:
        if idea_id is not None:
            self.reload(select_id=idea_id)

    @on(DataTable.RowSelected, "#ideas")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        """Edit the idea's text, who, source and note."""
        row = self._selected()
        if row is None:
            return
        idea = row.idea
        fields = [
            FormField("text", tr("field.text"), idea.text, max_length=2000),
            FormField("who", tr("field.who"), idea.who),
            FormField("source", tr("field.source"), idea.source),
            FormField("note", tr("field.note"), idea.note, max_length=2000),
        ]

        def submit(values: Values) -> str | None:
            try:
                ideas.edit(self.undo_log, idea.id, text=values["text"].strip(),
                           who=values["who"].strip(), source=values["source"].strip(),
                           note=values["note"])
            except TavleError as error:
                return error.message(translator())
            return None

        self.app.push_screen(
            FormDialog(tr("ideas.edit_title"), fields, submit=submit),
            lambda values: self.reload(select_id=idea.id),
        )

    def action_cycle_status(self) -> None:
        """Move the idea on: new → chosen → parked → rejected → new."""
        row = self._selected()
        if row is None:
            return
        status = ideas.next_status(row.idea.status)
        ideas.set_status(self.undo_log, row.idea.id, status)
        self.reload()
        self.notify(tr("ideas.status_set", text=row.idea.text[:60],
                       status=tr(f"enum.idea_status.{status.value}")), markup=False)

    def action_to_action(self) -> None:
        """Make the idea a row of the action plan (and mark it chosen)."""
        row = self._selected()
        if row is None:
            return
        if row.action_id:
            self.notify(tr("ideas.already_action"), markup=False)
            return
        ideas.to_action(self.undo_log, row.idea.id)
        self.reload()
        self.notify(tr("ideas.to_action_done", text=row.idea.text[:60]), markup=False)

    def action_to_card(self) -> None:
        """Put the idea on the kaizen board."""
        row = self._selected()
        if row is None:
            return
        if row.card_id:
            self.notify(tr("ideas.already_card"), markup=False)
            return
        ideas.to_card(self.undo_log, row.idea.id)
        self.reload()
        self.notify(tr("ideas.to_card_done", text=row.idea.text[:60]), markup=False)

    def action_delete(self) -> None:
        """Delete the idea after a confirmation (ctrl+z brings it back)."""
        row = self._selected()
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                ideas.remove(self.undo_log, row.idea.id)
                self.reload()
                self.notify(tr("ideas.deleted"), markup=False)

        self.app.push_screen(
            ConfirmDialog(tr("ideas.delete_question", text=row.idea.text[:80])), answered
        )



    def action_filter(self) -> None:
        box = self.query_one("#ideas-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#ideas-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self.reload()

    @on(Input.Submitted, "#ideas-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one("#ideas", DataTable).focus()

    def action_back(self) -> None:
        """Esc clears an open filter first; otherwise back to the project."""
        box = self.query_one("#ideas-filter", Input)
        if box.display:
            box.value = ""
            box.display = False
            self.filter_text = ""
            self.reload()
            self.query_one("#ideas", DataTable).focus()
            return
        self.app.pop_screen()
