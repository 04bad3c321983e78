"""A DataTable of records whose Enter ("Åbn") shows in the footer and the help screen."""

from __future__ import annotations

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
