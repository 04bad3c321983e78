"""What the learning networks sent back to a project: their notes and tips for the project or its
unit, the newest first (they arrive with the network coordinator's file).

The project screen shows a line with their count (`notes_line`) and opens this list with `l`.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db.store import Store
from core.network.networks import NoteRow, notes_for_project
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("kind", 5), ("written_on", 10), ("network", 22), ("text", 0))


def notes_line(store: Store, project_id: str) -> str:
    """"Fra læringsnetværket: 2 tips og 1 note – tryk l" (empty when there is nothing)."""
    rows = notes_for_project(store, project_id)
    if not rows:
        return ""
    tips = sum(1 for row in rows if row.note.kind.value == "tip")
    notes = len(rows) - tips
    if not notes:
        return tr("network.project_line_tips", tips=tips)
    if not tips:
        return tr("network.project_line_notes", notes=notes)
    return tr("network.project_line", tips=tips, notes=notes)


class NetworkNotesScreen(ProjectScreenBase):
    """The network's notes and tips for one project."""

    HELP = "network.help.project_notes"

    BINDINGS = [Binding("escape", "back", "keys.back", id="network_notes.back")]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.rows: list[NoteRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="project-notes-empty", classes="empty-hint", markup=False)
        yield RowTable(id="project-notes")
        yield Label("", id="project-note-text", classes="network-note-text", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.set_header(tr("network.project_notes_title"))
        self.rows = notes_for_project(self.store, self.project_id)
        table = self.query_one("#project-notes", DataTable)
        rest = max(20, self.app.size.width - sum(w + 2 for _, w in COLUMNS) - 4)
        for key, width in COLUMNS:
            table.add_column(cell(tr(f"network.column.{key}")), key=key, width=width or rest)
        tx = translator()
        for index, row in enumerate(self.rows):
            note = row.note
            table.add_row(cell(tr(f"enum.note_kind.{note.kind.value}")),
                          cell(tx.date(note.written_on)), cell(row.network_name),
                          cell(" ".join(note.text.split())), key=str(index))
        empty = self.query_one("#project-notes-empty", Label)
        empty.update(Content(tr("network.project_notes_empty")))
        empty.display = not self.rows
        table.display = bool(self.rows)
        self._show(0)
        table.focus()

    @on(DataTable.RowHighlighted, "#project-notes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _show(self, index: int) -> None:
        """The highlighted note's whole text, who wrote it and for what."""
        text = ""
        if 0 <= index < len(self.rows):
            note = self.rows[index].note
            text = tr("network.note_detail", kind=tr(f"enum.note_kind.{note.kind.value}"),
                      author=note.author or "–", date=translator().date(note.written_on),
                      text=note.text)
        self.query_one("#project-note-text", Label).update(Content(text))

    def action_back(self) -> None:
        self.app.pop_screen()
