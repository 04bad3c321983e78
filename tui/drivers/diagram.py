"""The driver diagram (driverdiagram): the aim, its drivers and the change ideas, by keyboard.

The diagram is drawn by `DriverTree`; under it a line says what the focused box holds in full,
and a table lists the project's measures with their role, place and signal (Enter opens a
measure's run chart). Every edit goes through `core.drivers.edits` with the screen's undo log.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db.undo import Edit
from core.drivers import edits
from core.drivers.diagram import Diagram, load_diagram
from core.drivers.questions import aim_of, rollup_words, signal_words
from core.drivers.refs import parse_value, ref_labels, test_refs
from core.drivers.state import IdeaState
from core.errors import TavleError
from core.models import DriverKind, MeasureRole
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.choice_form import ChoiceField, ChoiceFormDialog, Values
from tui.dialogs.pick import PickDialog, TickDialog
from tui.drivers.boxes import tree_items
from tui.drivers.tree import DriverTree
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

STATE_STYLES = {IdeaState.ADOPTED: "adopted", IdeaState.ABANDONED: "abandoned"}
TEXT_LENGTH = 500
MEASURE_COLUMNS = (("role", 14), ("attached", 11), ("state", 27))
"""The measures table's fixed columns (the measure's name takes the rest)."""


def attempt(action: Callable[[], object]) -> str | None:
    """Run a core use case; return its error in the UI language, or None when it worked."""
    try:
        action()
    except TavleError as error:
        return error.message(translator())
    return None


class DriverDiagramScreen(ProjectScreenBase):
    """A project's driver diagram, drawn and edited."""

    HELP = "driver.help"

    BINDINGS = [
        Binding("escape", "back", "driver.keys.back", id="driver.back"),
        Binding("a", "add_child", "driver.keys.add_child", id="driver.add_child"),
        Binding("A", "add_sibling", "driver.keys.add_sibling", id="driver.add_sibling"),
        Binding("enter,f2", "edit", "driver.keys.edit", id="driver.edit"),
        Binding("delete", "delete", "driver.keys.delete", id="driver.delete"),
        Binding("shift+up", "move(-1)", "driver.keys.move_up", show=False, id="driver.move_up"),
        Binding("shift+down", "move(1)", "driver.keys.move_down", show=False,
                id="driver.move_down"),
        Binding("p", "reparent", "driver.keys.reparent", id="driver.reparent"),
        Binding("l", "link", "driver.keys.link", id="driver.link"),
        Binding("r", "role", "driver.keys.role", id="driver.role"),
        Binding("ctrl+z", "undo", "driver.keys.undo", show=False, id="driver.undo"),
        Binding("ctrl+y", "redo", "driver.keys.redo", show=False, id="driver.redo"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.diagram: Diagram | None = None

    @property
    def driver_tree(self) -> DriverTree:
        """The drawing of the diagram."""
        return self.query_one("#driver-tree", DriverTree)

    @property
    def focused_node(self) -> str | None:
        """The id of the focused box."""
        return self.driver_tree.focused

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="driver-empty", classes="empty-hint", markup=False)
        yield DriverTree(id="driver-tree")
        yield Label("", id="driver-position", classes="driver-position", markup=False)
        yield RowTable(id="driver-measures")
        yield TavleFooter()

    def on_mount(self) -> None:
        self.driver_tree.fold_note = tr("driver.folded", count="{count}")
        self.reload()
        self.driver_tree.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -----------------------------------------------------------------------------

    def reload(self, focus: str | None = None) -> None:
        """Read the diagram again and redraw it, focusing a box when given."""
        self.set_header(tr("driver.title"))
        tx = translator()
        diagram = load_diagram(self.store, self.project_id)
        self.diagram = diagram
        styles = {diagram.aim.id: "aim"}
        styles.update({n: STATE_STYLES[s] for n, s in diagram.states.items()
                       if s in STATE_STYLES})
        items = tree_items(diagram, aim_of(self.store, diagram, tx), tx)
        self.driver_tree.show(items, diagram.aim.id, focus=focus, styles=styles)
        empty = self.query_one("#driver-empty", Label)
        empty.display = diagram.is_empty
        empty.update(Content(tr("driver.empty")))
        self._show_measures()
        self._show_position()
        self.refresh_bindings()

    def after_undo(self, edits_done: list[Edit]) -> None:
        self.reload()

    def _show_measures(self) -> None:
        assert self.diagram is not None
        diagram, tx = self.diagram, translator()
        table = self.query_one("#driver-measures", RowTable)
        keep = table.cursor_row
        table.clear(columns=True)
        fixed = sum(width + 2 for _, width in MEASURE_COLUMNS)
        table.add_column(cell(tr("driver.column.role")), key="role", width=14)
        table.add_column(cell(tr("driver.column.name")), key="name",
                         width=max(16, self.size.width - fixed - 20))
        for key, width in MEASURE_COLUMNS[1:]:
            table.add_column(cell(tr(f"driver.column.{key}")), key=key, width=width)
        for item in diagram.measures:
            role = tr(f"enum.measure_role.{item.role.value}") if item.role else tr("driver.no_role")
            where = (diagram.label(item.node_id, tx) if item.node_id in diagram.nodes
                     else tr("driver.attached_none"))
            table.add_row(cell(role), cell(item.measure.name), cell(where),
                          cell(signal_words(item.status, tx)), key=item.measure.id)
        table.display = bool(diagram.measures)
        if diagram.measures:
            table.move_cursor(row=min(keep, len(diagram.measures) - 1))

    @on(DriverTree.CursorMoved)
    def _show_position(self) -> None:
        """Say what the focused box holds: its name, kind, state or roll-up, its whole text,
        and a change idea's tests."""
        label = self.query_one("#driver-position", Label)
        diagram, node_id, tx = self.diagram, self.focused_node, translator()
        if diagram is None or node_id not in diagram.nodes:
            label.update("")
            return
        node = diagram.nodes[node_id]
        kind = tr(f"enum.driver_kind.{node.kind.value}")
        name = diagram.label(node_id, tx)
        if node.kind is DriverKind.AIM:
            kind = tr("driver.title")
        lines: list[str] = []
        if node.kind is DriverKind.CHANGE_IDEA:
            state = diagram.states[node_id]
            mark, words = tr(f"driver.mark.{state.value}"), tr(f"driver.state.{state.value}")
            head = tr("driver.position_idea", label=name, kind=kind, state=f"{mark} {words}")
        else:
            rollup = diagram.rollup(node_id)
            head = tr("driver.position_driver", label=name, kind=kind, rollup=rollup.text(tx))
            if rollup.total:
                head = f"{head} ({rollup_words(rollup, tx)})"
        also = diagram.extra_drivers(node_id) or diagram.linked_ideas(node_id)
        if also:
            names = ", ".join(diagram.label(n, tx) for n in also)
            head = f"{head} · {tr('driver.also', names=names)}"
        lines.append(head)
        if node.kind is DriverKind.AIM:
            aim = aim_of(self.store, diagram, tx)
            lines.append(aim.statement or tr("driver.q1_empty"))
            lines.append(tr("driver.aim_from_charter" if aim.from_charter else "driver.aim_own"))
        else:
            lines.append(node.text)
        if node.kind is DriverKind.CHANGE_IDEA:
            tests = diagram.tests.get(node_id, [])
            if tests:
                labels = ref_labels(self.store, self.project_id, tx)
                what = "; ".join(labels.get((t.ref_kind, t.ref_id), tr("driver.ref.gone"))
                                 for t in tests)
                lines.append(tr("driver.tested_by", what=what))
            else:
                lines.append(tr("driver.no_tests"))
        label.update(Content("\n".join(lines)))

    def _done(self, problem: str | None, message: str | None = None) -> None:
        if problem:
            self.notify(problem, severity="error", markup=False)
        elif message:
            self.notify(message, markup=False)

    # -- adding and editing -----------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        node = self.focused_node
        return ("driver_node", node) if node is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def _text_dialog(self, title: str, text: str, write: Callable[[str], object],
                     placeholder: str = "") -> None:
        made: list[str] = []

        def submit(values: Values) -> str | None:
            def run() -> None:
                result = write(values["text"])
                if hasattr(result, "id"):
                    made.append(str(result.id))
            return attempt(run)

        def closed(values: Values | None) -> None:
            if values is not None:
                self.reload(focus=made[-1] if made else None)

        self.app.push_screen(FormDialog(title, [
            FormField("text", tr("driver.text_label"), text, placeholder, TEXT_LENGTH),
        ], submit=submit), closed)

    def action_add_child(self) -> None:
        """Add a box under the focused one: a primary driver under the aim, a secondary under a
        primary, a change idea under a secondary."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        kind = edits.CHILD_KIND.get(diagram.nodes[node_id].kind)
        if kind is None:
            self._done(tr("driver.no_child"))
            return
        self._text_dialog(
            tr("driver.add_title", kind=tr(f"enum.driver_kind.{kind.value}")), "",
            lambda text: edits.add_child(self.undo_log, diagram, node_id, text))

    def action_add_sibling(self) -> None:
        """Add a box of the same kind right after the focused one."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        kind = diagram.nodes[node_id].kind
        if kind is DriverKind.AIM:
            self._done(tr("driver.one_aim"))
            return
        self._text_dialog(
            tr("driver.add_title", kind=tr(f"enum.driver_kind.{kind.value}")), "",
            lambda text: edits.add_sibling(self.undo_log, diagram, node_id, text))

    def action_edit(self) -> None:
        """Edit the focused box's text (the aim: the team's own wording, or empty)."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        node = diagram.nodes[node_id]
        placeholder = ""
        if node.kind is DriverKind.AIM:
            placeholder = aim_of(self.store, diagram, translator()).statement[:200]
            placeholder = placeholder if not node.text else ""
        self._text_dialog(
            tr("driver.edit_title", label=diagram.label(node_id, translator())), node.text,
            lambda text: edits.edit_text(self.undo_log, diagram, node_id, text), placeholder)

    def action_delete(self) -> None:
        """Delete the focused box and its branch, after asking."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        if node_id == diagram.aim.id:
            self._done(tr("driver.aim_stays"))
            return
        count = len(diagram.walk(node_id)) - 1
        name, text = diagram.label(node_id, translator()), diagram.nodes[node_id].text[:80]
        question = (tr("driver.delete_question", label=name, text=text, count=count) if count
                    else tr("driver.delete_question_one", label=name, text=text))
        parent = diagram.parent.get(node_id)

        def answer(yes: bool | None) -> None:
            if yes:
                self._done(attempt(lambda: edits.delete_branch(self.undo_log, diagram, node_id)),
                           tr("driver.deleted", count=count + 1))
                self.reload(focus=parent)

        self.app.push_screen(ConfirmDialog(question), answer)

    def action_move(self, step: int) -> None:
        """Move the focused box up or down among its siblings."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        if not edits.move(self.undo_log, diagram, node_id, step):
            self.notify(tr("driver.at_edge"), markup=False)
        self.reload(focus=node_id)

    def action_reparent(self) -> None:
        """Move the focused box (with its branch) under another box, picked from a list."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None or node_id == diagram.aim.id:
            self._done(tr("driver.cannot_move"))
            return
        choices = edits.parent_choices(diagram, node_id)
        if not choices:
            self._done(tr("driver.no_parent_choice"))
            return
        tx = translator()
        options = [(f"{diagram.label(n, tx)} {diagram.nodes[n].text}".strip(), n)
                   for n in choices]

        def chosen(parent_id: str | None) -> None:
            if parent_id:
                self._done(attempt(lambda: edits.reparent(
                    self.undo_log, diagram, node_id, parent_id)))
                self.reload(focus=node_id)

        self.app.push_screen(PickDialog(
            tr("driver.reparent_title", label=diagram.label(node_id, tx)), options), chosen)

    # -- links and tests --------------------------------------------------------------------

    def action_link(self) -> None:
        """Link the focused change idea to other drivers, or to the ideas, cards and cycles
        that test it."""
        diagram, node_id = self.diagram, self.focused_node
        if diagram is None or node_id is None:
            return
        if diagram.nodes[node_id].kind is not DriverKind.CHANGE_IDEA:
            self._done(tr("driver.links_only_ideas"))
            return
        options = [(tr("driver.link_what_tests"), "tests"),
                   (tr("driver.link_what_drivers"), "drivers")]

        def chosen(what: str | None) -> None:
            if what == "drivers":
                self._link_drivers(diagram, node_id)
            elif what == "tests":
                self._link_tests(diagram, node_id)

        self.app.push_screen(PickDialog(
            tr("driver.link_title", label=diagram.label(node_id, translator())), options),
            chosen)

    def _link_drivers(self, diagram: Diagram, node_id: str) -> None:
        tx = translator()
        drivers = [n for n in diagram.walk()
                   if diagram.nodes[n].kind in (DriverKind.PRIMARY, DriverKind.SECONDARY)
                   and n != diagram.parent.get(node_id)]
        if not drivers:
            self._done(tr("driver.no_drivers_to_link"))
            return
        options = [(f"{diagram.label(n, tx)} {diagram.nodes[n].text}", n) for n in drivers]

        def ticked(values: list[str] | None) -> None:
            if values is not None:
                self._done(attempt(lambda: edits.set_links(self.undo_log, diagram, node_id,
                                                           values)))
                self.reload(focus=node_id)

        self.app.push_screen(TickDialog(
            tr("driver.links_title", label=diagram.label(node_id, tx)), options,
            ticked=diagram.extra_drivers(node_id)), ticked)

    def _link_tests(self, diagram: Diagram, node_id: str) -> None:
        tx = translator()
        refs = test_refs(self.store, self.project_id, tx)
        if not refs:
            self._done(tr("driver.nothing_to_test"))
            return
        now = [f"{t.ref_kind.value}:{t.ref_id}" for t in diagram.tests.get(node_id, [])]

        def ticked(values: list[str] | None) -> None:
            if values is not None:
                self._done(attempt(lambda: edits.set_tests(
                    self.undo_log, diagram, node_id, [parse_value(v) for v in values])))
                self.reload(focus=node_id)

        self.app.push_screen(TickDialog(
            tr("driver.tests_title", label=diagram.label(node_id, tx)),
            [(ref.label, ref.value) for ref in refs], ticked=now), ticked)

    # -- measures ---------------------------------------------------------------------------

    def _table_measure(self) -> str | None:
        table = self.query_one("#driver-measures", RowTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_role(self) -> None:
        """Set a measure's role and the box it is attached to (the measure highlighted in the
        table when it has focus; else pick one)."""
        diagram = self.diagram
        if diagram is None:
            return
        if not diagram.measures:
            self._done(tr("driver.no_measures"))
            return
        table = self.query_one("#driver-measures", RowTable)
        if table.has_focus and self._table_measure():
            self._role_dialog(str(self._table_measure()))
            return
        options = [(m.measure.name, m.measure.id) for m in diagram.measures]

        def chosen(measure_id: str | None) -> None:
            if measure_id:
                self._role_dialog(measure_id)

        self.app.push_screen(PickDialog(tr("driver.pick_measure"), options), chosen)

    def _role_dialog(self, measure_id: str) -> None:
        diagram = self.diagram
        assert diagram is not None
        tx = translator()
        item = next(m for m in diagram.measures if m.measure.id == measure_id)
        roles = [(tr("driver.role_none"), "")] + [
            (tr(f"enum.measure_role.{role.value}"), role.value) for role in MeasureRole]
        places = [(tr("driver.attached_none"), "")] + [
            (f"{diagram.label(n, tx)} {diagram.nodes[n].text}".strip()[:80], n)
            for n in diagram.walk()]
        here = item.node_id if item.node_id in diagram.nodes else (self.focused_node or "")
        fields = [
            ChoiceField("role", tr("driver.role_field"), roles,
                        item.role.value if item.role else ""),
            ChoiceField("node", tr("driver.attached_field"), places, here),
        ]

        def submit(values: Values) -> str | None:
            return attempt(lambda: edits.set_measure_role(
                self.undo_log, diagram, measure_id, values["role"] or None,
                values["node"] or None))

        def closed(values: Values | None) -> None:
            if values is not None:
                self.reload()

        self.app.push_screen(ChoiceFormDialog(
            tr("driver.role_title", name=item.measure.name), fields, submit=submit), closed)

    @on(DataTable.RowSelected, "#driver-measures")
    def _open_measure(self, event: DataTable.RowSelected) -> None:
        """Enter on a measure opens its run chart."""
        from tui.measures.measure import MeasureScreen

        event.stop()
        self.app.push_screen(MeasureScreen(self.project_id, str(event.row_key.value)))

    def action_back(self) -> None:
        self.app.pop_screen()
