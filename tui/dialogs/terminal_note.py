"""What works and what does not in the terminal Tavle runs in, and what to do about it: shown
once at start in the Windows console host (`core.terminal.console_host`), and again whenever
the user asks ("Om terminalen", in the palette and the help)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.bindings import translate_bindings
from tui.lang import tr


class TerminalNote(ModalScreen[None]):
    """The note about the terminal; Enter or Esc closes it."""

    BINDINGS = [
        Binding("escape,enter", "close", "keys.close", id="terminal_note.close"),
    ]

    def __init__(self, console_host: bool) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._console_host = console_host

    def compose(self) -> ComposeResult:
        text = tr("terminal.console_host" if self._console_host else "terminal.fine")
        with Vertical(classes="dialog-box", id="terminal-note"):
            yield Label(Content(tr("terminal.title")), classes="dialog-title")
            yield Label(Content(text), id="terminal-text")
            yield Label(Content(tr("terminal.hint")), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
