"""A DataTable of records whose Enter ("Åbn") shows in the footer and the help screen."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.bindings import translate_bindings


class RowTable(DataTable[object]):
    """A row-cursor table; Enter selects the row, and the screen opens it on `RowSelected`."""

    BINDINGS = [
        Binding("enter", "select_cursor", "keys.open", id="table.open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        translate_bindings(self)


def cell(text: str) -> Text:
    """A table cell or column label showing `text` literally (never read as markup).

    Rich `Text` rather than `Content`: DataTable measures a cell's width through Rich, and a
    `Content` cell would be measured as one column wide.
    """
    return Text(text)
