"""Closing and normal operation (phase 6): decide on every change the project made (the action
plan's rows, the redesign's steps, the kaizen cards in every column and their cycles, the chosen
ideas), and whether the kaizen meetings and the steering group go on. The summary line is the
phase's product; the line under the table shows the highlighted change's note."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.closing import decisions as closing
from core.closing.decisions import ClosingItem
from core.models import ClosingChoice
from tui.closing.decision_dialog import DecisionDialog, DecisionValues
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

HISTORY_ENTITIES: dict[str, str] = {
    "action": "action", "step_added": "step", "step_changed": "step", "card": "kaizen_card",
    "cycle": "cycle", "idea": "idea",
}
"""The kind of record each kind of closing item is (its history is that record's)."""

COLUMNS = (("kind", 18), ("subject", 0), ("choice", 20), ("responsible", 16))


def choice_text(value: bool | None) -> str:
    """Yes, no or not decided, in words."""
    return tr("closing.undecided") if value is None else tr("dialog.yes" if value else "dialog.no")


class ClosingScreen(ProjectScreenBase):
    """The closing decisions of a project."""

    HELP = "closing.help"

    BINDINGS = [
        Binding("escape", "back", "closing.keys.back", id="closing.back"),
        Binding("f2", "decide", "closing.keys.decide", id="closing.decide"),
        Binding("n", "next_undecided", "closing.keys.next_undecided",
                id="closing.next_undecided"),
        Binding("m", "toggle_choice('kaizen_continues')", "closing.keys.kaizen",
                id="closing.kaizen"),
        Binding("g", "toggle_choice('steering_group_stays')", "closing.keys.steering",
                id="closing.steering"),
        Binding("ctrl+z", "undo", "closing.keys.undo", show=False, id="closing.undo"),
        Binding("ctrl+y", "redo", "closing.keys.redo", show=False, id="closing.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self._items: list[ClosingItem] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="closing-summary", classes="section-title", markup=False)
        yield Label("", id="closing-choices", markup=False)
        yield RowTable(id="closing-items")
        yield Label("", id="closing-note", markup=False)
        yield Label("", id="closing-empty", classes="empty-hint", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#closing-items", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the items and decisions again."""
        self.set_header(tr("closing.title"))
        table = self.query_one("#closing-items", DataTable)
        cursor = table.cursor_row
        self._items = closing.closing_items(self.store, self.project_id)
        others = sum(width + 2 for _, width in COLUMNS if width)
        table.clear(columns=True)
        for key, width in COLUMNS:
            table.add_column(cell(tr(f"closing.column.{key}")), key=key,
                             width=width or max(20, self.size.width - others - 4))
        words = translator()
        for item in self._items:
            table.add_row(
                cell(item.kind_text(words)), cell(item.subject), cell(item.choice_text(words)),
                cell(item.decision.responsible if item.decision else ""),
            )
        if self._items:
            table.move_cursor(row=min(cursor, len(self._items) - 1))
        empty = self.query_one("#closing-empty", Label)
        empty.display = not self._items
        empty.update(Content(tr("closing.empty")))
        self._show_summary()
        self._show_note()
        self.refresh_bindings()

    def _show_note(self) -> None:
        """The highlighted change's note, under the table (nothing when it has none)."""
        item = self._selected()
        note = item.decision.note.strip() if item and item.decision else ""
        label = self.query_one("#closing-note", Label)
        label.display = bool(note)
        label.update(Content(tr("closing.note_line", subject=item.subject[:60], note=note)
                             if item and note else ""))

    def _show_summary(self) -> None:
        s = closing.summary(self.store, self.project_id)
        parts = [translator().count("closing.summary", s.items, continued=s.continued,
                                    developed=s.developed, cancelled=s.cancelled)]
        if s.undecided:
            parts.append(tr("closing.summary_undecided", count=s.undecided))
        for name, value in (("kaizen", s.kaizen_continues), ("steering", s.steering_group_stays)):
            if value is not None:
                parts.append(tr(f"closing.{name}_{'yes' if value else 'no'}"))
        self.query_one("#closing-summary", Label).update(Content(" · ".join(parts)))
        self.query_one("#closing-choices", Label).update(Content(tr(
            "closing.choices", kaizen=choice_text(s.kaizen_continues),
            steering=choice_text(s.steering_group_stays),
        )))

    def _selected(self) -> ClosingItem | None:
        table = self.query_one("#closing-items", DataTable)
        if not self._items or table.cursor_row >= len(self._items):
            return None
        return self._items[table.cursor_row]

    def history_record(self) -> tuple[str, str] | None:
        """The focused row's decision, or the change it decides on while undecided."""
        item = self._selected()
        if item is None:
            return None
        if item.decision is not None:
            return ("decision", item.decision.id)
        return (HISTORY_ENTITIES[item.kind], item.ref_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide":
            return bool(self._items) or None
        if action == "next_undecided":
            return any(item.decision is None for item in self._items) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    @on(DataTable.RowHighlighted, "#closing-items")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_note()

    @on(DataTable.RowSelected, "#closing-items")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_decide()

    def action_decide(self) -> None:
        """Decide on the selected item: continue, develop further or cancel."""
        item = self._selected()
        if item is None:
            return
        decision = item.decision
        start = (DecisionValues(decision.choice, decision.responsible, decision.note)
                 if decision else DecisionValues(ClosingChoice.CONTINUE))

        def decided(values: DecisionValues | None) -> None:
            if values is None:
                return
            closing.decide(self.undo_log, self.project_id, item, values.choice,
                           responsible=values.responsible, note=values.note,
                           by=self.tavle.settings.name or self.store.author,
                           today=self.tavle.today())
            self.reload()
            self.notify(tr("closing.decided", subject=item.subject[:60],
                           choice=tr(f"enum.closing_choice.{values.choice.value}")), markup=False)

        self.app.push_screen(DecisionDialog(item.subject, start), decided)

    def action_toggle_choice(self, name: str) -> None:
        """Kaizen meetings continue / the steering group stays: not decided → yes → no."""
        s = closing.summary(self.store, self.project_id)
        now = s.kaizen_continues if name == "kaizen_continues" else s.steering_group_stays
        closing.set_project_choice(self.undo_log, self.project_id, name, closing.next_choice(now))
        self.reload()

    def action_next_undecided(self) -> None:
        """Move to the next change without a decision (from the top again after the last)."""
        table = self.query_one("#closing-items", DataTable)
        count = len(self._items)
        for step in range(1, count + 1):
            row = (table.cursor_row + step) % count
            if self._items[row].decision is None:
                table.move_cursor(row=row)
                return

    def action_back(self) -> None:
        self.app.pop_screen()

