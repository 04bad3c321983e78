"""The action plan as a table for Excel (xlsx or CSV), and back again from either.

Export: one `Table` (`plan_table`) written by `core.values.sheets.write_tables` as xlsx or CSV:
the columns named in the chosen language, the deadline a date, the status as its label.
Import: `read_plan_file` reads such a file, or any sheet Danish and Norwegian Excel users keep
(headings in Danish, Norwegian or English as `core.plan.words` knows them, below a title row or
blank rows; in CSV any separator and encoding the dialect reads; cells beyond the header's
ignored; dates as Excel's own, serial numbers or text as every date field reads them; status
words as people write them; a row with a formula error in Excel is named and left out) into a
preview of rows with their problems; `apply_import` adds the good rows in one transaction and
one undo step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, TavleError
from core.i18n import Translator
from core.models import Action, ActionStatus
from core.order_keys import key_between
from core.plan.actions import TEXT_FIELDS, PlanRow
from core.plan.words import read_heading, read_status
from core.values.days import Looking
from core.values.excel_csv import HEADER_SEARCH, header_row, read_rows
from core.values.sheets import (
    Column,
    Kind,
    Sheet,
    Table,
    cell_day,
    cell_text,
    read_sheets,
    table_file_name,
    write_tables,
)

FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "deadline", "status")
"""The columns a row is exported and imported with, in file order (a link column follows)."""
def export_filename(tr: Translator, project: str, unit: str, today: dt.date,
                    suffix: str = ".xlsx") -> str:
    """A file name that says what it holds: "Handlingsplan - Projekt - Enhed - 2026-11-24.xlsx"."""
    return table_file_name([tr("action_plan.title"), project, unit, today.isoformat()], suffix)


def plan_table(rows: Sequence[PlanRow], tr: Translator) -> Table:
    """The rows as the table an export writes: the text fields, the deadline (a date), the
    status's label and the links, under headings in the language of `tr`."""
    columns = [*(Column(tr(f"field.{name}")) for name in TEXT_FIELDS),
               Column(tr("field.deadline"), Kind.DATE), Column(tr("field.status")),
               Column(tr("action_plan.column.link"))]
    return Table(tr("action_plan.title"), columns, [
        (*(getattr(row, name) for name in TEXT_FIELDS), row.deadline,
         tr(f"enum.action_status.{row.status.value}"), " · ".join(row.links))
        for row in rows])


def export_plan(rows: Sequence[PlanRow], path: Path, tr: Translator) -> int:
    """Write rows to an xlsx or CSV file for Excel (as the suffix says); return how many rows
    were written. Raise `OSError` when the file cannot be written."""
    return write_tables(path, [plan_table(rows, tr)], tr)


# -- import ---------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One data line of the file: the values understood and what is wrong with it."""

    line: int
    values: dict[str, Any]
    problems: list[TavleError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the row can be imported."""
        return not self.problems


@dataclass
class ImportPreview:
    """What an import would add: the rows, and problems with the file as a whole."""

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[TavleError] = field(default_factory=list)

    @property
    def good(self) -> list[ImportRow]:
        """The rows that will be added."""
        return [row for row in self.rows if row.ok] if not self.problems else []


def read_plan_file(path: Path, today: dt.date) -> ImportPreview:
    """Read an xlsx or CSV file into a preview (the first sheet with an action plan's headings);
    raise `TavleError` when the file cannot be read as a table."""
    sheets = read_sheets(path)
    tx = Translator()
    for sheet in sheets:  # the header is looked for in the first rows only: read just those
        if header_row([[cell_text(cell, tx) for cell in row]
                       for row in sheet.rows[:HEADER_SEARCH]],
                      read_heading, ("change",)) is not None:
            return parse_plan_sheet(sheet, today)
    return parse_plan_sheet(sheets[0], today)


def parse_plan_csv(text: str, today: dt.date) -> ImportPreview:
    """Parse the text of a plan CSV into a preview (dates relative to `today` where typed so)."""
    import csv

    try:
        rows: list[list[Any]] = [list(row) for row in read_rows(text)]
    except csv.Error:
        preview = ImportPreview()
        preview.problems.append(TavleError("action_plan.import.damaged"))
        return preview
    return parse_plan_sheet(Sheet("", rows), today)


def parse_plan_sheet(sheet: Sheet, today: dt.date) -> ImportPreview:
    """Read a sheet's rows into a preview: the header row found among the first rows, each row
    below it read cell by cell (dates relative to `today` where typed so)."""
    preview = ImportPreview()
    tx = Translator()
    lines = [[cell_text(cell, tx) for cell in row] for row in sheet.rows]
    if not any(cell for cells in lines for cell in cells):
        preview.problems.append(TavleError("action_plan.import.empty"))
        return preview
    top = header_row(lines, read_heading, ("change",))
    if top is None:
        preview.problems.append(TavleError("action_plan.import.no_change_column"))
        return preview
    columns: dict[int, str | None] = {}
    for index, label in enumerate(lines[top]):
        name = read_heading(label)
        columns[index] = name if name not in columns.values() else None
    statuses: dict[str, ActionStatus | None] = {}  # a long plan repeats a handful of words
    for index in range(top + 1, len(lines)):
        texts, cells = lines[index], sheet.rows[index]
        error = sheet.error_in(index)
        if not any(texts) and error is None:
            continue
        row = ImportRow(index + 1, {})
        if error is not None:
            row.problems.append(TavleError("values.sheet.formula_error", row=index + 1,
                                           sheet=sheet.name, cell=error[0], error=error[1]))
        for column, value in enumerate(texts):
            name = columns.get(column)
            if name is None or (name == "status" and not value):
                continue
            if name == "deadline":
                try:
                    day = cell_day(cells[column], today, Looking.AHEAD)
                except TavleError as problem:
                    row.problems.append(problem)
                else:
                    if day is not None:
                        row.values[name] = day
            elif name == "status":
                if value not in statuses:
                    statuses[value] = read_status(value)
                status = statuses[value]
                if status is None:
                    row.problems.append(TavleError("action_plan.import.unknown_status",
                                                   text=value))
                else:
                    row.values[name] = status
            elif name in TEXT_FIELDS:
                row.values[name] = value
        if not row.problems:
            try:
                # checked only, never stored: a fixed id spares a random one per row
                changelog.build(Action, id="-", project_id="-", **row.values)
            except InvalidError as problem:
                row.problems.append(problem)
        preview.rows.append(row)
    if not preview.rows:
        preview.problems.append(TavleError("action_plan.import.empty"))
    return preview


def apply_import(undo: UndoLog, project_id: str, preview: ImportPreview) -> list[Action]:
    """Add the preview's good rows at the end of the plan: one transaction, one undo step."""
    store: Store = undo.store
    created: list[Action] = []
    with store.transaction(), undo.group():
        (last,) = store.execute(
            'SELECT MAX("order") FROM actions WHERE project_id = ? AND _exists', [project_id]
        ).fetchone()
        for row in preview.good:
            order = key_between(last or None, None) or ""
            action = changelog.build(Action, project_id=project_id, order=order, **row.values)
            created.append(undo.create(action))
            last = order or last
    return created
