"""The action plan as a CSV file that Danish Excel opens correctly, and back again.

Export: Excel's CSV dialect (`core.values.excel_csv`), dates as dd-mm-åååå, a header row with
the column names in the chosen language, status as its label.
Import: `read_plan_csv` reads such a file (headers in Danish, Norwegian or English as
`core.plan.words` knows them, below a title row or blank rows; any separator and encoding the
dialect reads; cells beyond the header's ignored; dates as every date field reads them, Excel
serial numbers included; status words as people write them) into a preview of rows with their
problems; `apply_import` adds the good rows in one transaction and one undo step.
"""

from __future__ import annotations

import csv
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
from core.models import Action
from core.order_keys import key_between
from core.paths import name_part
from core.plan.actions import TEXT_FIELDS, PlanRow
from core.plan.words import read_heading, read_status
from core.values.dates import format_date
from core.values.excel_csv import (
    cell_in,
    cell_out,
    decode_csv,
    header_row,
    read_rows,
    write_rows,
)

FIELDS: tuple[str, ...] = (*TEXT_FIELDS, "deadline", "status")
"""The columns a row is exported and imported with, in file order (a link column follows)."""
def export_filename(tr: Translator, project: str, unit: str, today: dt.date) -> str:
    """A file name that says what it holds: "Handlingsplan - Projekt - Enhed - 2026-11-24.csv"."""
    parts = [tr("action_plan.title"), project, unit, today.isoformat()]
    return " - ".join(p for p in (name_part(part) for part in parts) if p) + ".csv"


def export_plan(rows: Sequence[PlanRow], path: Path, tr: Translator) -> int:
    """Write rows to a CSV file for Excel; return how many rows were written."""
    header = [tr(f"field.{name}") for name in FIELDS] + [tr("action_plan.column.link")]
    write_rows(path, [header, *([
        *(cell_out(getattr(row, name)) for name in TEXT_FIELDS),
        format_date(row.deadline),
        tr(f"enum.action_status.{row.status.value}"),
        cell_out(" · ".join(row.links)),
    ] for row in rows)])
    return len(rows)


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


def read_plan_csv(path: Path, today: dt.date) -> ImportPreview:
    """Read a CSV file into a preview; raise `TavleError` when the file cannot be read."""
    try:
        data = Path(path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise TavleError("action_plan.import.no_file", path=str(path)) from None
    except OSError:
        raise TavleError("action_plan.import.not_readable", path=str(path)) from None
    return parse_plan_csv(decode_csv(data), today)


def parse_plan_csv(text: str, today: dt.date) -> ImportPreview:
    """Parse the text of a plan CSV into a preview (dates relative to `today` where typed so)."""
    from core.values.days import Looking, read_day

    preview = ImportPreview()
    try:
        lines = read_rows(text)
    except csv.Error:
        preview.problems.append(TavleError("action_plan.import.damaged"))
        return preview
    if not lines:
        preview.problems.append(TavleError("action_plan.import.empty"))
        return preview
    if not any(cell.strip() for cells in lines for cell in cells):
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
    for number, cells in enumerate(lines[top + 1:], start=top + 2):
        if not any(cell.strip() for cell in cells):
            continue
        row = ImportRow(number, {})
        for index, raw in enumerate(cells):
            name = columns.get(index)
            if name is None:
                continue
            value = cell_in(raw.strip())
            if name == "deadline" and value:
                try:
                    row.values[name] = read_day(value, today, Looking.AHEAD, cell=True)
                except TavleError as error:
                    row.problems.append(error)
            elif name == "status" and value:
                status = read_status(value)
                if status is None:
                    row.problems.append(TavleError("action_plan.import.unknown_status",
                                                   text=value))
                else:
                    row.values[name] = status
            elif name in TEXT_FIELDS:
                row.values[name] = value
        if not row.problems:
            try:
                changelog.build(Action, project_id="-", **row.values)
            except InvalidError as error:
                row.problems.append(error)
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
