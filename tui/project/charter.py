"""The project charter (projektkommissorium): citizen case, purpose, success criteria, scope and
background as text fields; result goals, units involved and the two groups as small tables.

Tab moves from field to field and table to table. Each text is saved when its field is left
(and when the screen is left, or the app quits), through the screen's `UndoLog`, so ctrl+z
undoes it; nothing typed is ever unsaved, so Esc goes back without a question and ctrl+s, as in
every form, saves and goes back. The tables are written as they are edited (`a` add, Enter/F2
edit, Delete delete, ctrl+z undo). Warnings from the guide's advice are shown under the form and
updated after every change.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import DataTable, Header, Label, TextArea

from core.db.undo import Edit
from core.errors import InvalidError, TavleError
from core.models import Charter, Group, Record, ResultGoal, UnitInvolved
from core.project import charter as charters
from core.project.charter import CharterView, Member
from core.values.days import parse_day
from core.values.numbers import parse_number
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.editing import day_preview
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.project.member import MemberDialog, MemberValues
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

TABLES: dict[str, tuple[str, ...]] = {
    "goals": ("text", "measure_id", "target", "due"),
    "units": ("name", "deciding_leader"),
    "steering": ("name", "role", "unit", "deciding_leader"),
    "project-group": ("name", "role", "unit"),
}
"""The form's tables and their columns (field labels)."""
HISTORY_ENTITIES = {"goals": "result_goal", "units": "unit_involved",
                    "steering": "group_member", "project-group": "group_member"}
"""The kind of record each table's rows are (`H` shows a row's history)."""


class CharterText(TextArea):
    """A charter paragraph. ctrl+z / ctrl+y undo typing in the field while it has any; once the
    field is saved (on leaving it) its own history is cleared, and the keys reach the screen's
    undo, which takes back saved edits, this field's or another's."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.history.undo_stack)
        if action == "redo":
            return bool(self.history.redo_stack)
        return super().check_action(action, parameters)


class CharterScreen(ProjectScreenBase):
    """Fill in the project charter, the product of phase 1."""

    HELP = "charter.help"
    AUTO_FOCUS = ""
    """`on_mount` focuses the first field without scrolling (Textual's auto focus would centre it,
    scrolling its label away at 80×24)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "charter.keys.save", id="charter.save"),
        Binding("escape", "back", "charter.keys.back", id="charter.back"),
        Binding("a", "add", "charter.keys.add", id="charter.add"),
        Binding("f2", "edit", "charter.keys.edit", id="charter.edit"),
        Binding("delete", "delete", "charter.keys.delete", id="charter.delete"),
        Binding("ctrl+z", "undo", "charter.keys.undo", show=False, id="charter.undo"),
        Binding("ctrl+y", "redo", "charter.keys.redo", show=False, id="charter.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.view: CharterView | None = None
        self._saved_texts: dict[str, str] = {}
        self._typed: dict[str, str] = {}
        """The texts as typed (kept as they change, for saving when the widgets are gone)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="charter-form", can_focus=False):
            for name in charters.TEXT_FIELDS:
                yield Label(Content(tr(f"field.{name}")), classes="field-label")
                yield Label(Content(tr(f"charter.hint.{name}")), classes="field-help")
                yield CharterText(id=f"text-{name}", tab_behavior="focus",
                                  classes="charter-text")
            for table in TABLES:
                yield Label(Content(tr(f"charter.section.{table}")), classes="section-title")
                yield RowTable(id=table)
                yield Label("", id=f"{table}-empty", classes="field-help", markup=False)
        yield Label("", id="charter-warnings", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        view = self.view
        assert view is not None
        for name in charters.TEXT_FIELDS:
            text = getattr(view.charter, name)
            self.query_one(f"#text-{name}", TextArea).load_text(text)
            self._saved_texts[name] = text
        # the first field with its label and hint above it: focus without scrolling them away
        self.query_one(f"#text-{charters.TEXT_FIELDS[0]}", TextArea).focus(scroll_visible=False)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the charter's lists again (typed text is kept) and update the warnings."""
        self.set_header(tr("charter.title"))
        view = self.view = charters.load_charter(self.store, self.project_id)
        tx = translator()
        yes = tr("dialog.yes")
        leaders = {
            s.member.unit.strip().casefold() for s in view.steering if s.member.deciding_leader
        }
        rows: dict[str, list[tuple[str, list[str]]]] = {
            "goals": [
                (g.id, [g.text, view.measures.get(g.measure_id or "", ""), tx.number(g.target),
                        tx.date(g.due)])
                for g in view.goals
            ],
            "units": [
                (u.id, [u.name, yes if u.name.strip().casefold() in leaders else "–"])
                for u in view.units
            ],
            "steering": [
                (s.member.id, [s.name, s.member.role, s.member.unit,
                               yes if s.member.deciding_leader else ""])
                for s in view.steering
            ],
            "project-group": [
                (s.member.id, [s.name, s.member.role, s.member.unit])
                for s in view.project_group
            ],
        }
        for table_id, columns in TABLES.items():
            table = self.query_one(f"#{table_id}", DataTable)
            cursor = table.cursor_row
            table.clear(columns=True)
            for column in columns:
                width = max(20, self.size.width - 50) if column == "text" else None
                table.add_column(cell(tr(f"field.{column}")), key=column, width=width)
            for key, values in rows[table_id]:
                table.add_row(*(cell(v) for v in values), key=key)
            if rows[table_id]:
                table.move_cursor(row=min(cursor, len(rows[table_id]) - 1))
            empty = self.query_one(f"#{table_id}-empty", Label)
            empty.update(Content(tr(f"charter.empty.{table_id}")))
            empty.display = not rows[table_id]
        self._show_warnings()
        self.refresh_bindings()

    def _show_warnings(self) -> None:
        assert self.view is not None
        found = charters.warnings(self.view)
        label = self.query_one("#charter-warnings", Label)
        label.display = bool(found)
        label.update(Content("\n".join(f"⚠ {tr(w.key, **w.params)}" for w in found)))

    def save_typed(self, names: tuple[str, ...] = charters.TEXT_FIELDS) -> bool:
        """Save the texts of `names` that changed since they were last saved, each as one undo
        step; returns whether anything was written."""
        written = False
        for name in names:
            text = self._typed.get(name, self._saved_texts.get(name))
            if text is None or text == self._saved_texts.get(name):
                continue
            written = charters.save_text(self.undo_log, self.project_id, name, text) or written
            self._saved_texts[name] = text
            if self.is_mounted and (boxes := self.query(f"#text-{name}")):
                boxes.first(TextArea).history.clear()
        if written and self.is_mounted:
            self.refresh_bindings()
        return written

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        box = event.text_area
        if box.id and box.id.startswith("text-"):
            self._typed[box.id.removeprefix("text-")] = box.text

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A text field was left: save it (one undo step)."""
        widget = event.widget
        if isinstance(widget, TextArea) and widget.id and widget.id.startswith("text-"):
            self.save_typed((widget.id.removeprefix("text-"),))

    def on_screen_suspend(self) -> None:
        self.save_typed()  # a dialog or another screen covers this one

    def on_unmount(self) -> None:
        self.save_typed()  # ctrl+q while a field is still being typed in

    def _focused_table(self) -> str | None:
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id in TABLES:
            return focused.id
        return None

    def _selected_key(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(row_key.value)

    # -- actions --------------------------------------------------------------------------

    def on_descendant_focus(self, event: object) -> None:
        self.refresh_bindings()

    def history_record(self) -> tuple[str, str] | None:
        """The focused table's row, else the charter itself."""
        table_id = self._focused_table()
        key = self._selected_key(table_id) if table_id is not None else None
        if table_id is not None and key is not None:
            return (HISTORY_ENTITIES[table_id], key)
        return ("charter", self.view.charter.id) if self.view is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table = self._focused_table()
        if action == "add":
            return table is not None or None
        if action in ("edit", "delete"):
            return (table is not None and self._selected_key(table) is not None) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def action_save(self) -> None:
        """Save what is typed and go back to the project (ctrl+s, as in every form)."""
        self.save_typed()
        self.notify(tr("charter.saved"), markup=False)
        self.app.pop_screen()

    def action_back(self) -> None:
        """Back to the project; what is typed is saved first, so there is nothing to ask."""
        self.save_typed()
        self.app.pop_screen()

    def action_undo(self) -> None:
        """Undo the last change (ctrl+z); a text being typed is saved first, so its undo is the
        first step, and the fields show the texts as the database holds them after it."""
        self.save_typed()
        super().action_undo()

    def after_undo(self, edits: list[Edit]) -> None:
        self.reload()
        if any(edit.model is Charter for edit in edits):
            charter = charters.load_charter(self.store, self.project_id).charter
            for name in charters.TEXT_FIELDS:
                text = getattr(charter, name)
                if text != self._saved_texts.get(name):
                    self.query_one(f"#text-{name}", TextArea).load_text(text)
                    self._saved_texts[name] = self._typed[name] = text

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_add(self) -> None:
        """Add a row to the focused table."""
        table = self._focused_table()
        if table == "goals":
            self._goal_dialog(None)
        elif table == "units":
            self._unit_dialog()
        elif table in ("steering", "project-group"):
            self._member_dialog(table, None)

    def action_edit(self) -> None:
        """Edit the focused table's row."""
        table = self._focused_table()
        key = self._selected_key(table) if table else None
        if table is None or key is None:
            return
        if table == "goals":
            self._goal_dialog(key)
        elif table == "units":
            self._unit_dialog(key)
        else:
            self._member_dialog(table, key)

    def action_delete(self) -> None:
        """Delete the focused table's row after a confirmation (ctrl+z brings it back)."""
        table = self._focused_table()
        key = self._selected_key(table) if table else None
        if table is None or key is None:
            return
        models: dict[str, type[Record]] = {"goals": ResultGoal, "units": UnitInvolved}
        model = models.get(table)
        name = str(self.query_one(f"#{table}", DataTable).get_row(key)[0])

        def answered(yes: bool | None) -> None:
            if yes:
                if model is None:  # a seat: its person leaves with their last seat
                    charters.delete_member(self.undo_log, key)
                else:
                    self.undo_log.delete(model, key)
                self.reload()
                self.notify(tr("charter.deleted", name=name), markup=False)

        self.app.push_screen(ConfirmDialog(tr("charter.delete_question", name=name)), answered)

    # -- dialogs --------------------------------------------------------------------------

    def _goal_dialog(self, goal_id: str | None) -> None:
        view = self.view
        assert view is not None
        tx = translator()
        goal = next((g for g in view.goals if g.id == goal_id), None)
        measure_names = ", ".join(view.measures.values()) or tr("charter.no_measures")
        fields = [
            FormField("text", tr("field.text"), goal.text if goal else "",
                      placeholder=tr("charter.goal_placeholder")),
            FormField("measure", tr("field.measure_id"),
                      view.measures.get(goal.measure_id or "", "") if goal else "",
                      placeholder=measure_names[:200]),
            FormField("target", tr("field.target"), tx.number(goal.target) if goal else "",
                      placeholder=tr("charter.target_placeholder")),
            FormField("due", tr("field.due"), tx.date(goal.due) if goal else "",
                      placeholder=tr("charter.date_placeholder"),
                      preview=day_preview(self.tavle.today())),
        ]

        def submit(values: Values) -> str | None:
            try:
                parsed = {
                    "text": values["text"].strip(),
                    "measure_id": charters.find_measure(view, values["measure"]),
                    "target": parse_number(values["target"], "target"),
                    "due": parse_day(values["due"], "due", self.tavle.today()),
                }
                if goal is None:
                    charters.add_goal(self.undo_log, self.project_id, **parsed)
                else:
                    charters.edit_goal(self.undo_log, goal.id, **parsed)
            except TavleError as error:
                return error.message(translator())
            return None

        title = tr("charter.goal_title")
        self.app.push_screen(FormDialog(title, fields, submit=submit), self._after_dialog)

    def _unit_dialog(self, unit_id: str | None = None) -> None:
        view = self.view
        assert view is not None
        unit = next((u for u in view.units if u.id == unit_id), None)
        fields = [FormField("name", tr("field.name"), unit.name if unit else "",
                            placeholder=tr("charter.unit_placeholder"))]

        def submit(values: Values) -> str | None:
            try:
                if unit is None:
                    charters.add_unit(self.undo_log, self.project_id, values["name"])
                else:
                    self.undo_log.update(UnitInvolved, unit.id, name=values["name"])
            except TavleError as error:
                return error.message(translator())
            return None

        title = tr("charter.unit_title")
        self.app.push_screen(FormDialog(title, fields, submit=submit), self._after_dialog)

    def _member_dialog(self, table: str, member_id: str | None) -> None:
        view = self.view
        assert view is not None
        steering = table == "steering"
        seats: list[Member] = view.steering if steering else view.project_group
        seat = next((s for s in seats if s.member.id == member_id), None)
        start = MemberValues()
        if seat is not None:
            start = MemberValues(seat.name, seat.member.role, seat.member.unit,
                                 seat.member.deciding_leader)

        def submit(values: MemberValues) -> str | None:
            try:
                if not values.name:
                    raise InvalidError([("name", "error.string_too_short", {"min_length": 1})])
                if seat is None:
                    charters.add_member(
                        self.undo_log, self.project_id,
                        Group.STEERING if steering else Group.PROJECT, values.name,
                        role=values.role, unit=values.unit,
                        deciding_leader=values.deciding_leader,
                    )
                else:
                    charters.edit_member(
                        self.undo_log, seat.member.id, name=values.name, role=values.role,
                        unit=values.unit, deciding_leader=values.deciding_leader,
                    )
            except TavleError as error:
                return error.message(translator())
            return None

        title = tr(f"charter.section.{table}")
        people = charters.people_names(self.store, self.project_id)
        dialog = MemberDialog(title, start, people=people, steering=steering, submit=submit)
        self.app.push_screen(dialog, self._after_dialog)

    def _after_dialog(self, values: object) -> None:
        if values is not None:
            self.reload()
        focused = self.focused
        if isinstance(focused, Widget):
            focused.focus()
