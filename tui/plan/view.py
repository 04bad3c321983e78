"""Sorting, searching and filtering the action plan (s, /, f, o, x).

Message handlers (`@on`) stay on the screen class: Textual registers them only on its own
classes, not on a plain mixin.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widgets import Input

from core.plan import actions
from core.plan.actions import COLUMNS, PlanFilter
from tui.plan.plan_filter import PlanFilterDialog

if TYPE_CHECKING:
    from tui.plan.action_plan import ActionPlanScreen

    _Base = ActionPlanScreen
else:
    _Base = object


class PlanViewMixin(_Base):
    """The action plan screen's keys for what the grid shows and in which order."""

    def action_sort(self) -> None:
        """Sort by the cursor's column; again: descending; a third time: the plan's order."""
        column = COLUMNS[self.grid.cursor_column]
        if self.sort_column != column:
            self.sort_column, self.sort_descending = column, False
        elif not self.sort_descending:
            self.sort_descending = True
        else:
            self.sort_column, self.sort_descending = None, False
        self.redraw()

    def action_search(self) -> None:
        box = self.query_one("#plan-search", Input)
        box.display = True
        box.focus()

    def search_changed(self, text: str) -> None:
        """Filter on the text typed in the search box."""
        self.plan_filter = replace(self.plan_filter, text=text)
        self.redraw()

    def action_filter(self) -> None:
        def chosen(result: PlanFilter | None) -> None:
            if result is not None:
                self.plan_filter = result
                self.redraw()

        names = sorted({*self._people, *actions.responsibles(self._all)}, key=str.casefold)
        self.app.push_screen(PlanFilterDialog(self.plan_filter, names), chosen)

    def action_toggle_overdue(self) -> None:
        self.plan_filter = replace(self.plan_filter, overdue_only=not self.plan_filter.overdue_only)
        self.redraw()

    def action_clear_filter(self) -> None:
        self.plan_filter = PlanFilter()
        box = self.query_one("#plan-search", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        self.redraw()
        self.grid.focus()
