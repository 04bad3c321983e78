"""An editor laid over a grid cell: Enter saves, Tab saves and moves on, Esc cancels.

The editor only collects text; the screen saves it and either closes the editor or shows the
problem under the text (`show_problem`), so nothing typed is lost when a value is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label

from tui.bindings import translate_bindings

Move = Literal["stay", "next", "previous"]
Preview = Callable[[str], tuple[str, bool]]
"""Given the text typed so far: what it is understood as, and whether it can be saved."""

MIN_WIDTH = 50


class CellEditor(Vertical):
    """A one-line text editor shown over a cell of a grid."""

    BINDINGS = [
        Binding("tab", "done('next')", "action_plan.keys.save_next", id="cell_editor.next"),
        Binding("shift+tab", "done('previous')", "action_plan.keys.save_previous",
                id="cell_editor.previous"),
        Binding("escape", "cancel", "action_plan.keys.cancel_edit", id="cell_editor.cancel"),
    ]

    class Done(Message):
        """The user asked to save the text (Enter, Tab or shift+Tab)."""

        def __init__(self, editor: CellEditor, text: str, move: Move) -> None:
            super().__init__()
            self.editor = editor
            self.text = text
            self.move = move

    class Cancelled(Message):
        """The user pressed Esc."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.field = ""
        self._preview: Preview | None = None
        self._hint = ""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Input(compact=True, id="cell-input")
        yield Label("", id="cell-hint", markup=False)

    @property
    def input(self) -> Input:
        """The text box."""
        return self.query_one("#cell-input", Input)

    @property
    def is_open(self) -> bool:
        """Whether the editor is shown."""
        return bool(self.display)

    def open(
        self, field: str, value: str, region: Region, *, hint: str, max_length: int,
        suggester: Suggester | None = None, preview: Preview | None = None,
    ) -> None:
        """Show the editor over `region` (screen coordinates) holding `value`."""
        self.field = field
        self._preview, self._hint = preview, hint
        box = self.input
        box.suggester = suggester
        box.max_length = max_length
        box.value = value
        box.cursor_position = len(value)
        self.place(region)
        self.display = True
        self._show_preview(value)
        box.focus()

    def place(self, region: Region) -> None:
        """Lay the editor over `region` (screen coordinates), at least `MIN_WIDTH` wide."""
        screen_width = self.screen.size.width
        width = min(max(region.width, MIN_WIDTH), screen_width)
        x = max(0, min(region.x, screen_width - width))
        self.styles.width = width
        self.styles.offset = (x, region.y)

    def close(self) -> None:
        """Hide the editor."""
        self.display = False
        self.input.suggester = None

    def show_problem(self, message: str) -> None:
        """Show why the text cannot be saved; the editor stays open."""
        hint = self.query_one("#cell-hint", Label)
        hint.update(Content(message))
        hint.set_class(True, "-problem")

    def _show_preview(self, text: str) -> None:
        hint = self.query_one("#cell-hint", Label)
        message, ok = (self._hint, True)
        if self._preview is not None and text.strip():
            message, ok = self._preview(text)
        hint.update(Content(message))
        hint.set_class(not ok, "-problem")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.display:
            self._show_preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done("stay")

    def action_done(self, move: Move) -> None:
        box = self.input
        if box.suggester is not None and box.cursor_at_end:
            box.action_cursor_right()  # takes the completion shown, as Excel does
        self.post_message(self.Done(self, box.value, move))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
