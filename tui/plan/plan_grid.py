"""The action plan's grid: a cell-cursor DataTable whose overdue rows are highlighted."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from tui.bindings import translate_bindings
from tui.widgets.row_table import CopyTable


class PlanGrid(CopyTable[Text]):
    """A grid of plan rows; Enter or F2 selects the cell (the screen opens its editor), `y`
    copies the grid.

    `overdue` holds the indexes of the rows to highlight; the screen sets it with the rows and
    also writes "forsinket" in their deadline cell (colour is never the only signal).
    """

    COMPONENT_CLASSES = {"plan-grid--overdue"}

    DEFAULT_CSS = """
    PlanGrid > .plan-grid--overdue {
        background: $error 30%;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("enter,f2", "select_cursor", "action_plan.keys.edit", id="action_plan.edit"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, id=id)
        translate_bindings(self)
        self.overdue: set[int] = set()

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        style = super()._get_row_style(row_index, base_style)
        if row_index in self.overdue:
            style += self.get_component_styles("plan-grid--overdue").rich_style
        return style
