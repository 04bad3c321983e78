"""How the action plan's rows look in the grid: cell texts, column widths, the deadline hint."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.text import Text

from core.models import ActionStatus
from core.plan.actions import PlanRow
from core.values.workdays import understood
from tui.lang import tr, translator
from tui.widgets.row_table import cell

MAX_LENGTH: dict[str, int] = {
    "change": 2000, "responsible": 200, "effect": 5000, "how": 5000, "deadline": 40,
}
"""The longest text the editor takes per column (the models allow at least this much)."""

FIXED_WIDTHS = {"responsible": 14, "deadline": 20, "status": 12, "link": 14}
SHARES = {"change": (0.4, 20), "effect": (0.3, 12), "how": (0.3, 12)}
"""The text columns share the width left: (share, minimum)."""


def column_widths(screen_width: int) -> list[int]:
    """The width of each column (in `core.plan.actions.COLUMNS` order) for a screen this wide."""
    from core.plan.actions import COLUMNS

    padding = 2 * len(COLUMNS) + 2
    left = max(0, screen_width - padding - sum(FIXED_WIDTHS.values()))
    widths = {key: max(minimum, int(left * share)) for key, (share, minimum) in SHARES.items()}
    widths.update(FIXED_WIDTHS)
    return [widths[key] for key in COLUMNS]


def _one_line(text: str) -> str:
    return " ↵ ".join(part.strip() for part in text.splitlines()) if "\n" in text else text


def link_text(row: PlanRow) -> str:
    """The linked measure, idea and redesign step, named."""
    parts = []
    if row.measure_name:
        parts.append(tr("action_plan.link_measure", name=row.measure_name))
    if row.idea_text:
        parts.append(tr("action_plan.link_idea", name=row.idea_text))
    if row.step_text:
        parts.append(tr("action_plan.link_step", name=row.step_text))
    return " · ".join(parts)


def row_cells(row: PlanRow, today: dt.date, labels: CellLabels | None = None) -> list[Text]:
    """The cells of a row, every user text shown literally."""
    labels = labels or CellLabels.current()
    deadline = row.deadline.strftime(labels.date_format) if row.deadline else ""
    if deadline and row.is_overdue(today):
        deadline = labels.overdue.format(date=deadline)
    change = row.change if row.id else labels.new_row
    text = labels.text
    return [
        text(_one_line(change)),
        text(_one_line(row.responsible)),
        text(_one_line(row.effect)),
        text(_one_line(row.how)),
        text(deadline),
        text(labels.statuses[row.status.value]),
        text(_one_line(link_text(row)) if row.links else ""),
    ]


@dataclass(frozen=True)
class CellLabels:
    """What every row's cells share: catalog texts looked up once per redraw, and one cell per
    distinct text (names, statuses and dates repeat; the grid never changes a cell object)."""

    date_format: str
    overdue: str
    new_row: str
    statuses: dict[str, str]
    cells: dict[str, Text] = field(default_factory=dict)

    @classmethod
    def current(cls) -> CellLabels:
        """The labels in the current UI language."""
        return cls(
            date_format=tr("format.date"),
            overdue=tr("action_plan.overdue_deadline", date="{date}"),
            new_row=tr("action_plan.new_row"),
            statuses={s.value: tr(f"enum.action_status.{s.value}") for s in ActionStatus},
        )

    def text(self, value: str) -> Text:
        """The cell showing `value` literally (shared between equal values)."""
        found = self.cells.get(value)
        if found is None:
            found = self.cells[value] = cell(value)
        return found


def deadline_preview(text: str, today: dt.date) -> tuple[str, bool]:
    """What a typed deadline is understood as ("Forstået som fredag 27-11-2026 (uge 48)")."""
    if not text.strip():
        return tr("action_plan.editor.no_deadline"), True
    return understood(text, today, translator())
