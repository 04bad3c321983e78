"""A yes/no question that names what will happen ("Arkivér projektet X?")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from tui.bindings import translate_bindings
from tui.lang import tr


class ConfirmDialog(ModalScreen[bool]):
    """Ask a question; `y`/Enter on Yes answers True, `n`/Esc answers False."""

    BINDINGS = [
        Binding("y,j", "answer(True)", "keys.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "keys.no", id="confirm.no"),
    ]

    def __init__(
        self, question: str | Content, *, yes: str | None = None, no: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._question = question if isinstance(question, Content) else Content(question)
        self._yes = yes or tr("dialog.yes")
        self._no = no or tr("dialog.no")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self._question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self._yes), id="yes", variant="primary")
                yield Button(Content(self._no), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
