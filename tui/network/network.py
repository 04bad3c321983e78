"""The learning network (læringsnetværk): member units, meetings, and for the meeting under the
cursor its agenda of presentations (which unit presents which project) and its notes and tips.

Tab moves between the four lists; `a` adds to the focused list, F2 edits and Delete deletes the
focused item, `o` adds a presentation, `n` a note and `t` a tip to the meeting, shift+arrows move
a presentation on the agenda, Enter on a presentation opens its project's presentation mode,
`M` imports a folder of the units' files, ctrl+z/ctrl+y undo and redo. Notes and tips travel
back to the units in the next file of their project.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Label

from core.db.undo import Edit
from core.models import NetworkMeeting, NetworkNote, NetworkPresentation, NetworkUnit, NoteKind
from core.network import networks
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.lang import tr, translator
from tui.network import forms
from tui.network.tables import TABLES, NetworkTables
from tui.screens.base import TavleScreen
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable


class NetworkScreen(TavleScreen):
    """One learning network."""

    HELP = "network.help.network"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="network.back"),
        Binding("a", "add", "network.keys.add", id="network.add"),
        Binding("f2", "edit", "network.keys.edit", show=False, id="network.edit"),
        Binding("delete", "delete", "network.keys.delete", show=False, id="network.delete"),
        Binding("o", "add_presentation", "network.keys.presentation",
                id="network.add_presentation"),
        Binding("n", "add_note('note')", "network.keys.note", id="network.add_note"),
        Binding("t", "add_note('tip')", "network.keys.tip", id="network.add_tip"),
        Binding("shift+up", "move(-1)", "network.keys.move_up", show=False, id="network.move_up"),
        Binding("shift+down", "move(1)", "network.keys.move_down", show=False,
                id="network.move_down"),
        Binding("M", "import_folder", "network.keys.import_folder", id="network.import_folder"),
        Binding("F", "shared_folder", "folder_ui.keys.open", id="network.shared_folder"),
        Binding("r", "edit_network", "network.keys.edit_network", show=False,
                id="network.edit_network"),
        Binding("ctrl+z", "undo", "network.keys.undo", id="network.undo"),
        Binding("ctrl+y", "redo", "network.keys.redo", show=False, id="network.redo"),
    ]

    def __init__(self, network_id: str, today: dt.date | None = None) -> None:
        super().__init__()
        self.network_id = network_id
        self._today = today
        self.lists = NetworkTables()

    @property
    def today(self) -> dt.date:
        """The date new meetings default to: the one given (a test's), else the app's."""
        return self._today or self.tavle.today()


    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="network-body"):
            with Vertical(id="network-side"):
                yield Label("", id="network-units-title", classes="network-heading",
                            markup=False)
                yield RowTable(id="network-units")
                yield Label("", id="network-meetings-title", classes="network-heading",
                            markup=False)
                yield RowTable(id="network-meetings")
            with Vertical(id="network-main"):
                yield Label("", id="network-agenda-title", classes="network-heading",
                            markup=False)
                yield RowTable(id="network-agenda")
                yield Label("", id="network-notes-title", classes="network-heading",
                            markup=False)
                yield RowTable(id="network-notes")
                yield Label("", id="network-detail", classes="field-help", markup=False)
        yield Label("", id="network-status", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        first = "network-meetings" if self.lists.meetings else "network-units"
        self.query_one(f"#{first}", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the network again and redraw every list, keeping each cursor on its item."""
        network = networks.get_network(self.store, self.network_id)
        self.title = network.name
        self.sub_title = tr("network.title")
        self.lists.load(self, self.store, self.network_id)
        parts = [tr("network.coordinator_line", name=network.coordinator or "–",
                    unit=network.unit or "–")]
        parts.append(tr("network.hint_line"))
        self.query_one("#network-status", Label).update(Content(" · ".join(parts)))
        self.refresh_bindings()

    def after_undo(self, edits: list[Edit]) -> None:
        self.reload()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Follow a list's cursor (a message from before the last redraw is stale)."""
        which = (event.data_table.id or "").removeprefix("network-")
        current = which in TABLES and event.cursor_row == event.data_table.cursor_row
        if current and self.lists.highlighted(self, which, event.cursor_row):
            self.refresh_bindings()

    def _focused_list(self) -> str:
        focused = self.focused
        name = focused.id if focused is not None and focused.id else ""
        return name.removeprefix("network-") if name.removeprefix("network-") in TABLES else ""

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_presentation", "add_note"):
            return self.lists.meeting is not None or None
        if action in ("edit", "delete"):
            return self.lists.current(self._focused_list()) is not None or None
        if action == "move":
            return (self._focused_list() == "agenda" and len(self.lists.agenda) > 1) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: a meeting opens its agenda, a presentation its project, the rest edits."""
        event.stop()
        which = self._focused_list()
        if which == "meetings":
            self.query_one("#network-agenda", DataTable).focus()
        elif which == "agenda":
            self._present()
        elif which:
            self.action_edit()

    def _write(self, write: Any) -> None:
        """Run a write for a dialog's `save`, then show the data again."""
        write()
        self.reload()

    def action_add(self) -> None:
        """Add to the focused list: a unit, a meeting, a presentation, a note."""
        which = self._focused_list() or "meetings"
        if which == "units":
            self.app.push_screen(forms.unit_form(tr("network.add_unit_title"), self._add_unit))
        elif which == "meetings" or self.lists.meeting is None:
            self.app.push_screen(forms.meeting_form(
                tr("network.add_meeting_title"), self._add_meeting, self.today))
        elif which == "agenda":
            self.action_add_presentation()
        else:
            self.action_add_note("note")

    def _add_unit(self, values: dict[str, Any]) -> None:
        unit = networks.add_member(self.undo_log, self.network_id, values["name"])
        self.lists.select("units", unit.id)
        self.reload()

    def _add_meeting(self, values: dict[str, Any]) -> None:
        meeting = networks.add_meeting(self.undo_log, self.network_id, values["held_on"],
                                       values["title"])
        self.lists.select("meetings", meeting.id)
        self.reload()

    def action_add_presentation(self) -> None:
        """Put a presentation last on the meeting's agenda (o)."""
        meeting = self.lists.meeting
        if meeting is None:
            return

        def save(values: dict[str, Any]) -> None:
            fields = networks.presentation_fields(self.store, values["unit"],
                                                  values["project_id"], values["project_name"])
            created = networks.add_presentation(self.undo_log, meeting, **fields)  # type: ignore[arg-type]
            self.lists.select("agenda", created.id)
            self.reload()
            self.query_one("#network-agenda", DataTable).focus()

        self.app.push_screen(forms.presentation_form(
            tr("network.add_presentation_title", date=translator().date(meeting.held_on)),
            save, self.lists.member_names, networks.project_choices(self.store)))

    def action_add_note(self, kind: str) -> None:
        """Write a note (n) or a tip (t) at the meeting under the cursor."""
        meeting = self.lists.meeting
        if meeting is None:
            return

        def save(values: dict[str, Any]) -> None:
            created = networks.write_note(self.undo_log, self.network_id, meeting_id=meeting.id,
                                          **values)
            self.lists.select("notes", created.id)
            self.reload()
            self.query_one("#network-notes", DataTable).focus()

        talk = self.lists.current("agenda") if self._focused_list() == "agenda" else None
        about = talk if isinstance(talk, NetworkPresentation) else None
        self.app.push_screen(forms.note_form(
            tr(f"network.add_{kind}_title"), save, self.lists.member_names,
            networks.project_choices(self.store), kind=NoteKind(kind),
            unit=about.unit if about else "", project_id=about.project_id if about else None))

    def action_edit(self) -> None:
        """Edit the focused unit, meeting, presentation or note (F2)."""
        which = self._focused_list()
        item = self.lists.current(which)
        if item is None:
            return
        projects = networks.project_choices(self.store)
        members = self.lists.member_names
        dialog: FormDialog | ChoiceFormDialog
        if isinstance(item, NetworkUnit):
            dialog = forms.unit_form(tr("network.edit_unit_title"), lambda v: self._write(
                lambda: networks.rename_unit(self.undo_log, item.id, v["name"])), item.name)
        elif isinstance(item, NetworkMeeting):
            dialog = forms.meeting_form(tr("network.edit_meeting_title"), lambda v: self._write(
                lambda: networks.edit_meeting(self.undo_log, item.id, **v)), self.today, item)
        elif isinstance(item, NetworkPresentation):
            def save(v: dict[str, Any]) -> None:
                fields = networks.presentation_fields(self.store, v["unit"], v["project_id"],
                                                      v["project_name"])
                self._write(lambda: networks.edit_presentation(self.undo_log, item.id, **fields))

            dialog = forms.presentation_form(tr("network.edit_presentation_title"), save,
                                             members, projects, item)
        else:
            dialog = forms.note_form(tr("network.edit_note_title"), lambda v: self._write(
                lambda: networks.edit_note(self.undo_log, item.id, **v)), members, projects,
                note=item)
        self.app.push_screen(dialog)

    def action_delete(self) -> None:
        """Delete the focused item after a question that names it; undoable."""
        which = self._focused_list()
        item = self.lists.current(which)
        if item is None:
            return
        question, delete = self._deletion(item)

        def answered(yes: bool | None) -> None:
            if yes:
                delete()
                self.reload()
                self.notify(tr("network.deleted"), markup=False)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _deletion(self, item: object) -> tuple[str, Any]:
        """The question and the deletion of an item."""
        log = self.undo_log
        if isinstance(item, NetworkUnit):
            return (tr("network.remove_unit_question", name=item.name),
                    lambda: networks.remove_unit(log, item.id))
        if isinstance(item, NetworkMeeting):
            talks, notes = networks.meeting_contents(self.store, item.id)
            return (tr("network.delete_meeting_question", date=translator().date(item.held_on),
                       presentations=talks, notes=notes),
                    lambda: networks.delete_meeting(log, item.id))
        if isinstance(item, NetworkPresentation):
            return (tr("network.delete_presentation_question", unit=item.unit,
                       project=self.lists.project_label(item)),
                    lambda: networks.delete_presentation(log, item.id))
        assert isinstance(item, NetworkNote)
        return (tr(f"network.delete_{item.kind.value}_question", text=_short(item.text)),
                lambda: networks.delete_note(log, item.id))

    def action_move(self, step: int) -> None:
        """Move the presentation under the cursor up or down the agenda (shift+arrows)."""
        item = self.lists.current("agenda")
        if self._focused_list() != "agenda" or item is None:
            return
        if networks.move_presentation(self.undo_log, item.id, step):
            self.reload()

    def _present(self) -> None:
        """Open the presentation's project in presentation mode (or say it is not here)."""
        item = self.lists.current("agenda")
        if not isinstance(item, NetworkPresentation):
            return
        known = {p.id for p in networks.project_choices(self.store)}
        if not item.project_id or item.project_id not in known:
            self.notify(tr("network.no_project_here", project=self.lists.project_label(item)),
                        markup=False)
            return
        from tui.views.presentation import PresentationScreen

        self.app.push_screen(PresentationScreen(item.project_id))

    def action_import_folder(self) -> None:
        """Import a folder of the units' files with one combined preview (M)."""
        from tui.sync.batch_import import start_batch_import

        start_batch_import(self, self.reload)

    def action_shared_folder(self) -> None:
        """The network's shared folder: status, sync now, choose the folder (F)."""
        from tui.sync.shared_folder import open_shared_folder

        network = networks.get_network(self.store, self.network_id)
        open_shared_folder(self, self.network_id, network.name)

    def action_edit_network(self) -> None:
        """Rename the network, or change its coordinator or coordinating unit (r)."""
        network = networks.get_network(self.store, self.network_id)
        self.app.push_screen(forms.network_form(
            tr("network.edit_network_title"),
            lambda v: self._write(
                lambda: networks.edit_network(self.undo_log, self.network_id, **v)),
            name=network.name, coordinator=network.coordinator, unit=network.unit))

    def action_back(self) -> None:
        self.app.pop_screen()


def _short(text: str, width: int = 50) -> str:
    """A note's text on one short line, for a question."""
    line = " ".join(text.split())
    return line if len(line) <= width else f"{line[: width - 1]}…"


def open_network(screen: TavleScreen) -> None:
    """From the start screen: the only network, a choice among several, or a new one."""
    from tui.dialogs.pick import PickDialog

    found = networks.list_networks(screen.store)
    if len(found) == 1:
        screen.app.push_screen(NetworkScreen(found[0].id))
        return
    if not found:
        create_network(screen)
        return
    options = [(n.name, n.id) for n in found] + [(tr("network.new_option"), "")]

    def picked(value: str | None) -> None:
        if value:
            screen.app.push_screen(NetworkScreen(value))
        elif value == "":
            create_network(screen)

    screen.app.push_screen(PickDialog(tr("network.pick_title"), options), picked)


def create_network(screen: TavleScreen) -> None:
    """Ask for a new network's name, coordinator and coordinating unit, then open it."""
    created: list[str] = []

    def save(values: dict[str, Any]) -> None:
        created.append(networks.create_network(
            screen.store, values["name"], coordinator=values["coordinator"],
            unit=values["unit"]).id)

    def closed(values: object) -> None:
        if created:
            screen.app.push_screen(NetworkScreen(created[0]))
            screen.notify(tr("network.created"), markup=False)

    settings = getattr(screen.app, "settings", None)
    dialog = forms.network_form(tr("network.new_title"), save,
                                coordinator=str(getattr(settings, "name", "") or ""),
                                unit=screen.store.unit_name)
    screen.app.push_screen(dialog, closed)

