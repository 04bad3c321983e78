"""A table written as xlsx or CSV and read back through `read_sheets`, cell by cell as an
importer reads it, for the tests of each table's export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core.i18n import Translator
from core.values.days import Looking
from core.values.sheets import (
    Kind,
    Table,
    cell_day,
    cell_number,
    cell_text,
    read_sheets,
    write_tables,
)

TODAY = dt.date(2026, 11, 24)


def read_back(table: Table, path: Path, tr: Translator) -> list[list[object]]:
    """Write `table` to `path` (xlsx or CSV by its suffix), read it back and return the rows
    under the header, each cell typed by its column's kind (None for an empty cell)."""
    write_tables(path, [table], tr)
    [sheet] = read_sheets(path)
    assert [cell_text(cell, tr) for cell in sheet.rows[0]] == [
        column.heading for column in table.columns]
    typed: list[list[object]] = []
    for cells in sheet.rows[1:]:
        row: list[object] = []
        for cell, column in zip(cells, table.columns, strict=True):
            if column.kind is Kind.DATE:
                row.append(cell_day(cell, TODAY, Looking.AHEAD))
            elif column.kind is Kind.TEXT:
                row.append(cell_text(cell, tr) or None)
            else:
                row.append(cell_number(cell, share=column.kind is Kind.SHARE))
        typed.append(row)
    return typed


def as_written(table: Table) -> list[list[object]]:
    """The table's rows as `read_back` gives them: numbers as floats, "" as None."""
    return [[None if value == "" else float(value) if isinstance(value, int) else value
             for value in row] for row in table.rows]
