"""Choose what the action plan shows: one responsible person, one status, only overdue rows."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Select

from core.models import ActionStatus
from core.plan.actions import PlanFilter
from tui.bindings import translate_bindings
from tui.dialogs.ticks import TickBox
from tui.lang import tr

NOBODY = "\x00nobody"
"""The responsible choice meaning rows with no one responsible (never a typed name)."""


class PlanFilterDialog(ModalScreen[PlanFilter | None]):
    """Edit the filter; ctrl+s (or Enter on the checkbox) uses it, Esc leaves it as it was."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "keys.save", id="plan_filter.apply"),
        Binding("escape", "cancel", "keys.cancel", id="plan_filter.cancel"),
    ]

    def __init__(self, current: PlanFilter, names: list[str]) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self._current = current
        self._names = names

    def compose(self) -> ComposeResult:
        current = self._current
        people: list[tuple[Content, str]] = [(Content(tr("action_plan.filter_dialog.nobody")),
                                              NOBODY)]
        people += [(Content(name), name) for name in self._names]
        responsible = NOBODY if current.responsible == "" else current.responsible
        if responsible not in [value for _, value in people]:
            responsible = None
        statuses = [(Content(tr(f"enum.action_status.{s.value}")), s.value) for s in ActionStatus]
        with Vertical(classes="dialog-box"):
            yield Label(Content(tr("action_plan.filter_dialog.title")), classes="dialog-title")
            yield Label(Content(tr("action_plan.filter_dialog.responsible")),
                        classes="field-label")
            yield Select(people, prompt=tr("action_plan.filter_dialog.everyone"),
                         value=responsible if responsible is not None else Select.NULL,
                         id="filter-responsible")
            yield Label(Content(tr("action_plan.filter_dialog.status")), classes="field-label")
            yield Select(statuses, prompt=tr("action_plan.filter_dialog.all_statuses"),
                         value=current.status.value if current.status else Select.NULL,
                         id="filter-status")
            yield TickBox(Content(tr("action_plan.filter_dialog.overdue")),
                           value=current.overdue_only, id="filter-overdue")
            yield Label(Content(tr("action_plan.filter_dialog.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#filter-responsible", Select).focus()

    def chosen(self) -> PlanFilter:
        """The filter as chosen now (the free-text part is kept)."""
        person = self.query_one("#filter-responsible", Select).value
        status = self.query_one("#filter-status", Select).value
        return replace(
            self._current,
            responsible=None if person is Select.NULL else ("" if person == NOBODY
                                                            else str(person)),
            status=None if status is Select.NULL else ActionStatus(str(status)),
            overdue_only=self.query_one("#filter-overdue", TickBox).value,
        )

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_cancel(self) -> None:
        self.dismiss(None)
