"""The help screen (F1, ?): what the screen below is for, and every key it answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui.bindings import translate_bindings
from tui.lang import tr
from tui.widgets.row_table import cell


class HelpScreen(ModalScreen[None]):
    """Show a screen's purpose and its keys."""

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "keys.close", id="help.close"),
    ]

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._title = title
        self._text = text
        self._keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Label(Content(self._text), classes="help-text")
            table: DataTable[object] = DataTable(
                cursor_type="row", zebra_stripes=True, id="help-keys"
            )
            table.add_column(cell(tr("help.key")), key="key")
            table.add_column(cell(tr("help.action")), key="action")
            for key, description in self._keys:
                table.add_row(cell(key), cell(description))
            yield table
            yield Label(Content(tr("help.close_hint")), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
