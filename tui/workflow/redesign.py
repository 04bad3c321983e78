"""Phase 3: the redesigned workflow, edited like today's map, plus "copy today's map", the
comparison, and a measure (KPI) or a task before go-live made from the focused step."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType

from core.models import Direction, Frequency, MapKind, MeasureKind
from core.workflow import map_edits
from core.workflow.maps import copy_to_redesign, project_map
from tui.dialogs import FormDialog, FormField
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, TextField, Values
from tui.lang import tr
from tui.workflow.map_editor import MapEditorScreen, attempt
from tui.workflow.swimlane import SwimlaneView


def _options(enum: type[StrEnum], name: str) -> list[tuple[str, str]]:
    return [(tr(f"enum.{name}.{member.value}"), member.value) for member in enum]


class RedesignMapScreen(MapEditorScreen):
    """Phase 3: the redesigned workflow, its comparison with today's, KPIs and tasks."""

    KIND = MapKind.REDESIGN
    TITLE_KEY = "workflow.redesign_title"
    EMPTY_KEY = "workflow.empty_redesign"
    IDEA_SOURCE = "redesign"
    HELP = "workflow.help_redesign"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "workflow.keys.copy", id="workflow.copy"),
        Binding("v", "compare", "workflow.keys.compare", id="workflow.compare"),
        Binding("m", "measure", "workflow.keys.measure", id="workflow.measure"),
        Binding("t", "task", "workflow.keys.task", id="workflow.task"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy":
            return not (self.view and self.view.lanes)
        if action in ("measure", "task"):
            return self.swimlane.focused_step is not None or None
        return True

    @on(SwimlaneView.CursorMoved)
    def _refresh_keys(self) -> None:
        self.refresh_bindings()

    def action_copy(self) -> None:
        """Copy today's map to this redesign (one undo step)."""
        current = project_map(self.store, self.project_id, MapKind.CURRENT)
        if current is None:
            self.notify(tr("workflow.error.no_current"), severity="error", markup=False)
            return
        problem = attempt(lambda: copy_to_redesign(self.store, current.map.id, self.undo_log))
        self._done(problem, tr("workflow.copied", steps=len(current.steps)))
        self.reload()

    def action_compare(self) -> None:
        """Show what the redesign removed, added and changed, and the figures before/after."""
        from tui.workflow.compare import ComparisonScreen

        self.app.push_screen(ComparisonScreen(self.project_id))

    def action_measure(self) -> None:
        """Create a measure (KPI) tied to the focused step."""
        step = self.swimlane.focused_step
        if step is None:
            self.notify(tr("workflow.need_step"), markup=False)
            return

        def submit(values: Values) -> str | None:
            return attempt(lambda: map_edits.measure_for_step(
                self.undo_log, step.id, values["name"], definition=values["definition"],
                kind=MeasureKind(values["kind"]), unit=values["unit"],
                better=Direction(values["better"]), frequency=Frequency(values["frequency"])))

        def closed(values: Values | None) -> None:
            if values is not None:
                self.notify(tr("workflow.measure_created", name=values["name"]), markup=False)
                self.reload(step_id=step.id)

        self.app.push_screen(ChoiceFormDialog(tr("workflow.form.measure_title", text=step.text), [
            TextField("name", tr("workflow.form.measure_name"), "",
                      tr("workflow.form.measure_name_placeholder")),
            TextField("definition", tr("workflow.form.measure_definition"), "",
                      max_length=2000),
            ChoiceField("kind", tr("field.kind"), _options(MeasureKind, "measure_kind"),
                        MeasureKind.COUNT.value),
            ChoiceField("better", tr("field.better"), _options(Direction, "direction"),
                        Direction.HIGHER.value),
            ChoiceField("frequency", tr("field.frequency"), _options(Frequency, "frequency"),
                        Frequency.WEEKLY.value),
            TextField("unit", tr("workflow.form.measure_unit")),
        ], submit=submit), closed)

    def action_task(self) -> None:
        """Note a task that must be done before go-live: a row of the action plan."""
        step = self.swimlane.focused_step
        if step is None:
            self.notify(tr("workflow.need_step"), markup=False)
            return

        def submit(values: Values) -> str | None:
            return attempt(lambda: map_edits.action_for_step(
                self.undo_log, step.id, values["change"], responsible=values["responsible"]))

        def closed(values: Values | None) -> None:
            if values is not None:
                self.notify(tr("workflow.action_created", change=values["change"]),
                            markup=False)

        self.app.push_screen(FormDialog(tr("workflow.form.task_title", text=step.text), [
            FormField("change", tr("workflow.form.task_change"), "",
                      tr("workflow.form.task_change_placeholder"), max_length=2000),
            FormField("responsible", tr("workflow.form.task_responsible"),
                      self.tavle.settings.name),
        ], submit=submit), closed)
