"""The workflow map editor: today's map (phase 2) and the redesign (phase 3), by keyboard.

One editor class draws a map as swimlanes (`SwimlaneView`), shows the facilitator's figures
beside it (at 120 columns or more) or below it, and edits lanes and steps through
`core.workflow.map_edits` with one undo log. The redesign screen (`tui.workflow.redesign`)
adds copying today's map, the comparison, and a measure (KPI) or a task from a step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label

from core.db.undo import Edit
from core.errors import TavleError
from core.models import MapKind, Step, StepSymbol
from core.workflow import map_edits
from core.workflow.maps import MapView, figures, project_map
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, TextField, Values
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.workflow.swimlane import SwimlaneView
from tui.workflow.texts import figure_lines, legend_lines, symbol_name

WIDE = 120
"""From this width the figures stand beside the map; below it, under it."""


def attempt(action: Callable[[], object]) -> str | None:
    """Run a core use case; return its error in the UI language, or None when it worked."""
    try:
        action()
    except TavleError as error:
        return error.message(translator())
    return None


class MapEditorScreen(ProjectScreenBase):
    """A workflow map of one kind, drawn and edited."""

    KIND: ClassVar[MapKind] = MapKind.CURRENT
    TITLE_KEY: ClassVar[str] = "workflow.current_title"
    EMPTY_KEY: ClassVar[str] = "workflow.empty_current"
    IDEA_SOURCE: ClassVar[str] = "mapping"
    HELP = "workflow.help_current"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "workflow.keys.back", id="workflow.back"),
        Binding("a", "add_step", "workflow.keys.add_step", id="workflow.add_step"),
        Binding("A", "add_step(True)", "workflow.keys.insert", show=False,
                id="workflow.insert_step"),
        Binding("enter,f2", "edit", "workflow.keys.edit", id="workflow.edit"),
        Binding("delete", "delete", "workflow.keys.delete", id="workflow.delete"),
        Binding("n", "add_lane", "workflow.keys.add_lane", id="workflow.add_lane"),
        Binding("shift+left", "move(-1)", "workflow.keys.earlier", show=False,
                id="workflow.earlier"),
        Binding("shift+right", "move(1)", "workflow.keys.later", show=False,
                id="workflow.later"),
        Binding("shift+up", "move_lane(-1)", "workflow.keys.lane_up", show=False,
                id="workflow.lane_up"),
        Binding("shift+down", "move_lane(1)", "workflow.keys.lane_down", show=False,
                id="workflow.lane_down"),
        Binding("ctrl+z", "undo", "workflow.keys.undo", show=False, id="workflow.undo"),
        Binding("ctrl+y", "redo", "workflow.keys.redo", show=False, id="workflow.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.view: MapView | None = None

    @property
    def swimlane(self) -> SwimlaneView:
        """The drawing."""
        return self.query_one("#workflow-map", SwimlaneView)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="workflow-body"):
            with Vertical(id="workflow-main"):
                yield Label("", id="workflow-empty", classes="empty-hint", markup=False)
                yield SwimlaneView(kpi_mark=tr("workflow.kpi_mark"), id="workflow-map")
                yield Label("", id="workflow-position", classes="workflow-position",
                            markup=False)
            with VerticalScroll(id="workflow-side"):
                yield Label(Content(tr("workflow.figure.title")), classes="section-title")
                yield Label("", id="workflow-figures", markup=False)
                yield Label(Content(tr("workflow.legend")), classes="section-title")
                yield Label("", id="workflow-legend", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.swimlane.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < WIDE, "narrow")
        self._show_figures()

    def _show_figures(self) -> None:
        """The figures and the legend: one per line beside the map, run on below it."""
        joint = " · " if self.has_class("narrow") else "\n"
        self.query_one("#workflow-figures", Label).update(
            Content(joint.join(figure_lines(figures(self.view)))))
        legend = joint.join(legend_lines())
        if self.has_class("narrow"):
            legend = f"{tr('workflow.legend')} {legend}"
        self.query_one("#workflow-legend", Label).update(Content(legend))

    # -- data -----------------------------------------------------------------------------

    def reload(self, *, step_id: str | None = None, lane_id: str | None = None) -> None:
        """Read the map again and redraw it, focusing a step or a lane when given."""
        self.set_header(tr(self.TITLE_KEY))
        self.view = project_map(self.store, self.project_id, self.KIND)
        has_lanes = bool(self.view and self.view.lanes)
        empty = self.query_one("#workflow-empty", Label)
        empty.display = not (self.view and self.view.steps)
        empty.update(Content(self._empty_hint()))
        self.swimlane.display = has_lanes
        self.swimlane.show(self.view, step_id=step_id, lane_id=lane_id)
        self._show_figures()
        self._show_position()
        self.refresh_bindings()

    def _empty_hint(self) -> str:
        return tr(self.EMPTY_KEY)

    @on(SwimlaneView.CursorMoved)
    def _show_position(self) -> None:
        """Say what is focused, with the step's whole text (the box may cut it)."""
        label = self.query_one("#workflow-position", Label)
        view, step, lane = self.view, self.swimlane.focused_step, self.swimlane.focused_lane
        if view is None or lane is None:
            label.update("")
            return
        if step is None:
            label.update(Content(tr(
                "workflow.lane_position", number=view.lane_index(lane.id) + 1,
                count=len(view.lanes), lane=lane.name, steps=len(view.steps_in(lane.id)))))
            return
        key = "workflow.position_duration" if step.duration else "workflow.position"
        head = tr(key, number=view.step_index(step.id) + 1, count=len(view.steps),
                  lane=lane.name, symbol=symbol_name(step.symbol), duration=step.duration)
        label.update(Content(f"{head}\n{step.text}"))

    def _done(self, problem: str | None, message: str | None = None) -> None:
        if problem:
            self.notify(problem, severity="error", markup=False)
        elif message:
            self.notify(message, markup=False)

    # -- steps ----------------------------------------------------------------------------

    def _step_fields(self, text: str = "", symbol: StepSymbol = StepSymbol.TASK,
                     lane_id: str = "", duration: str = "") -> list[TextField | ChoiceField]:
        lanes = self.view.lanes if self.view else ()
        fields: list[TextField | ChoiceField] = [
            TextField("text", tr("workflow.form.text"), text,
                      tr("workflow.form.text_placeholder")),
            ChoiceField("symbol", tr("workflow.form.symbol"),
                        [(symbol_name(s), s.value) for s in StepSymbol], symbol.value),
        ]
        if lanes:
            fields.append(ChoiceField("lane", tr("workflow.form.lane"),
                                      [(lane.name, lane.id) for lane in lanes],
                                      lane_id or lanes[0].id))
        else:
            fields.append(TextField("new_lane", tr("workflow.form.new_lane"), "",
                                    tr("workflow.form.lane_placeholder")))
        fields.append(TextField("duration", tr("workflow.form.duration"), duration,
                                tr("workflow.form.duration_placeholder"), max_length=60))
        return fields

    def history_record(self) -> tuple[str, str] | None:
        """The focused step, else the focused lane."""
        step, lane = self.swimlane.focused_step, self.swimlane.focused_lane
        if step is not None:
            return ("step", step.id)
        return ("lane", lane.id) if lane is not None else None

    def action_add_step(self, before: bool = False) -> None:
        """Add a step after the focused one (before it with `before`), in its lane by default."""
        focused, lane = self.swimlane.focused_step, self.swimlane.focused_lane
        after: str | None = focused.id if focused else None
        first = False
        if before and focused is not None and self.view is not None:
            index = self.view.step_index(focused.id)
            after = self.view.steps[index - 1].id if index > 0 else None
            first = index == 0
        created: list[str] = []

        def submit(values: Values) -> str | None:
            def write() -> None:
                log = self.undo_log
                with log.group():
                    map_id = map_edits.ensure_map(log, self.project_id, self.KIND)
                    lane_id = values.get("lane") or map_edits.add_lane(
                        log, map_id, values["new_lane"]).id
                    step = map_edits.add_step(
                        log, map_id, lane_id, values["text"],
                        symbol=StepSymbol(values["symbol"]), duration=values["duration"],
                        after_step_id=after, first=first)
                    created.append(step.id)
            return attempt(write)

        def closed(values: Values | None) -> None:
            if values is not None:
                self.reload(step_id=created[-1] if created else None)

        self.app.push_screen(ChoiceFormDialog(
            tr("workflow.form.step_title"), self._step_fields(lane_id=lane.id if lane else ""),
            submit=submit), closed)

    def action_edit(self) -> None:
        """Edit the focused step, or rename the focused lane."""
        step = self.swimlane.focused_step
        if step is None:
            self._rename_lane()
            return

        def submit(values: Values) -> str | None:
            return attempt(lambda: map_edits.edit_step(
                self.undo_log, step.id, text=values["text"],
                symbol=StepSymbol(values["symbol"]), lane_id=values["lane"],
                duration=values["duration"]))

        self.app.push_screen(ChoiceFormDialog(
            tr("workflow.form.edit_title"),
            self._step_fields(step.text, step.symbol, step.lane_id, step.duration),
            submit=submit), lambda values: self.reload(step_id=step.id))

    def action_delete(self) -> None:
        """Delete the focused step (or the focused lane and its steps), after asking."""
        step, lane, view = self.swimlane.focused_step, self.swimlane.focused_lane, self.view
        if lane is None or view is None:
            return
        if step is None:
            count = len(view.steps_in(lane.id))
            question = (tr("workflow.delete_lane_question", name=lane.name, steps=count)
                        if count else tr("workflow.delete_empty_lane_question", name=lane.name))

            def lane_answer(yes: bool | None) -> None:
                if yes:
                    self._done(attempt(lambda: map_edits.delete_lane(self.undo_log, lane.id)),
                               tr("workflow.lane_deleted", name=lane.name, steps=count))
                    self.reload()

            self.app.push_screen(ConfirmDialog(question), lane_answer)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._done(attempt(lambda: map_edits.delete_step(self.undo_log, step.id)),
                           tr("workflow.step_deleted", text=step.text))
                self.reload()

        self.app.push_screen(
            ConfirmDialog(tr("workflow.delete_step_question", text=step.text)), answer)

    def action_move(self, delta: int) -> None:
        """Move the focused step earlier or later in the flow."""
        step = self.swimlane.focused_step
        if step is None:
            return
        if not map_edits.move_step(self.undo_log, step.id, delta):
            self.notify(tr("workflow.at_edge"), markup=False)
        self.reload(step_id=step.id)

    def action_move_lane(self, delta: int) -> None:
        """Move the focused step to the lane above or below; on a lane name, move the lane."""
        step, lane = self.swimlane.focused_step, self.swimlane.focused_lane
        if step is not None:
            if not map_edits.move_step_to_lane(self.undo_log, step.id, delta):
                self.notify(tr("workflow.at_edge"), markup=False)
            self.reload(step_id=step.id)
        elif lane is not None:
            map_edits.move_lane(self.undo_log, lane.id, delta)
            self.reload(lane_id=lane.id)

    # -- lanes ----------------------------------------------------------------------------

    def _lane_dialog(self, title: str, name: str, write: Callable[[str], object]) -> None:
        def submit(values: Values) -> str | None:
            return attempt(lambda: write(values["name"]))

        self.app.push_screen(FormDialog(title, [
            FormField("name", tr("workflow.form.lane_name"), name,
                      tr("workflow.form.lane_placeholder")),
        ], submit=submit), self._after_lane_dialog)

    def _after_lane_dialog(self, values: Values | None) -> None:
        if values is not None:
            self.reload(lane_id=self._new_lane_id)

    _new_lane_id: str | None = None

    def action_add_lane(self) -> None:
        """Add a lane below the focused one (or the first lane)."""
        after = self.swimlane.focused_lane

        def write(name: str) -> None:
            log = self.undo_log
            with log.group():
                map_id = map_edits.ensure_map(log, self.project_id, self.KIND)
                lane = map_edits.add_lane(log, map_id, name,
                                          after_lane_id=after.id if after else None)
            self._new_lane_id = lane.id

        self._lane_dialog(tr("workflow.form.lane_title"), "", write)

    def _rename_lane(self) -> None:
        lane = self.swimlane.focused_lane
        if lane is None:
            return
        self._new_lane_id = lane.id
        self._lane_dialog(tr("workflow.form.rename_lane_title"), lane.name,
                          lambda name: map_edits.rename_lane(self.undo_log, lane.id, name))

    # -- undo -----------------------------------------------------------------------------

    def after_undo(self, edits: list[Edit]) -> None:
        """Draw the map again with the cursor on the step the undo or redo touched."""
        self.reload(step_id=self._step_of(edits))

    @staticmethod
    def _step_of(edits: list[Edit]) -> str | None:
        ids = [edit.record_id for edit in edits if edit.model is Step]
        return ids[-1] if ids else None

    def action_capture_idea(self) -> None:
        """Capture an idea, marked as coming from this map's workshop."""
        from tui.dialogs.idea import IdeaDialog

        self.app.push_screen(IdeaDialog(self.project_id, source=self.IDEA_SOURCE),
                             self.idea_captured)

    def action_back(self) -> None:
        self.app.pop_screen()


class CurrentMapScreen(MapEditorScreen):
    """Phase 2: the workflow as it is today."""

    KIND = MapKind.CURRENT
