"""Tavle's tables: `CopyTable` copies what it shows to the clipboard (`y`), `RowTable` is a
row-cursor table of records whose Enter ("Åbn") shows in the footer and the help screen."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable
from textual.widgets._data_table import CellType, default_cell_formatter

from tui.bindings import translate_bindings
from tui.lang import translator


def shown_text(value: object) -> str:
    """The text a table cell or column label shows, without markup or styling, on one line
    (tabs and line breaks become spaces, so the copied table keeps its rows and columns)."""
    if isinstance(value, Content):
        text = value.plain
    elif value is None:
        text = ""
    else:
        shown = default_cell_formatter(value)
        text = shown.plain if isinstance(shown, Text) else str(value)
    return " ".join(text.replace("\t", " ").splitlines()).strip()


def table_text(table: DataTable[CellType]) -> tuple[str, int]:
    """`table` as tab-separated text, ready to paste into Excel or an email: the header row and
    every row in the order shown, the cells as shown. Returns the text and the number of rows."""
    labels = any(row.label is not None for row in table.ordered_rows) and table.show_row_labels
    header = [shown_text(column.label) for column in table.ordered_columns]
    lines = ["\t".join(["", *header] if labels else header)]
    for index, row in enumerate(table.ordered_rows):
        cells = [shown_text(value) for value in table.get_row_at(index)]
        if labels:
            cells.insert(0, shown_text(row.label))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n", table.row_count


class CopyTable(DataTable[CellType]):
    """A table whose `y` copies what it shows (header and rows) to the clipboard as
    tab-separated text and says how many rows were copied."""

    BINDINGS = [
        Binding("y", "copy_table", "keys.copy_table", id="table.copy"),
    ]

    def action_copy_table(self) -> None:
        text, rows = table_text(self)
        self.app.copy_to_clipboard(text)
        self.notify(translator().count("table.copied", rows), markup=False)


class RowTable(CopyTable[object]):
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
    `Content` cell would be measured as one column wide. Text longer than its column ends in
    an ellipsis, so a cut word is never read as a whole one.
    """
    return Text(text, no_wrap=True, overflow="ellipsis")
