"""The project's kaizen meetings: the past meetings with their minutes, and `s` to start one.

`R` sets the project's meeting rhythm (tui/kaizen/rhythm.py): the warning of a late meeting
follows it, and the planned meetings still to come are listed by date (ctrl+z undoes).

Enter opens the focused meeting's minutes (or goes back into a meeting still running); ctrl+e
saves its minutes as a Markdown file in the export folder. Starting a meeting asks who is
there, builds the agenda from the data and opens the running meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Label

from core.clock import utc_now
from core.db import changelog
from core.db.store import Store
from core.kaizen import meetings
from core.kaizen.meetings import MeetingRow
from core.models import Meeting
from core.paths import export_dir
from core.project.projects import get_project
from tui.bindings import translate_bindings
from tui.dialogs.pick import TickDialog
from tui.kaizen.meeting_run import RunningMeetingScreen
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter
from tui.widgets.row_table import RowTable, cell

COLUMNS = (("held_on", 12), ("duration", 9), ("items", 8), ("status", 9), ("participants", 0))


def export_minutes(screen: ProjectScreenBase | MinutesScreen, store: Store,
                   meeting_id: str) -> None:
    """Save a meeting's minutes in the export folder and say where (or why not).

    The CPR guard (tui/dialogs/cpr_guard.py) looks at the minutes' text first."""
    from core.sync.cpr_guard import scan_outgoing
    from tui.dialogs.cpr_guard import guard_then

    def write() -> None:
        try:
            path = meetings.export_minutes(store, meeting_id, translator())
        except OSError as error:
            screen.notify(tr("meeting.export_failed", folder=str(export_dir()),
                             reason=error.strerror or str(error)), markup=False, severity="error")
            return
        screen.notify(tr("meeting.exported", path=str(path)), markup=False)

    meeting = changelog.load(store, Meeting, meeting_id)
    title = tr("meeting.minutes_title", date=translator().date(meeting.held_on))
    target = meetings.minutes_filename(translator(), get_project(store, meeting.project_id).name,
                                       meeting.held_on)
    guard_then(screen, what="minutes", target=target, then=write, scan=lambda: scan_outgoing(
        store, meeting.project_id,
        [(title, meetings.minutes_markdown(store, meeting_id, translator()))], translator()))


class MinutesScreen(ModalScreen[None]):
    """A meeting's minutes as text; ctrl+e saves them as Markdown."""

    BINDINGS = [
        Binding("escape", "close", "meeting.keys.close", id="minutes.close"),
        Binding("ctrl+e", "export", "meeting.keys.export", id="minutes.export"),
    ]

    def __init__(self, store: Store, meeting_id: str) -> None:
        super().__init__(classes="dialog")
        translate_bindings(self)
        self.store = store
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        text = meetings.minutes_markdown(self.store, self.meeting_id, translator())
        with Vertical(classes="dialog-box minutes-box"):
            with VerticalScroll(id="minutes-scroll"):
                yield Label(Content(text), id="minutes-text")
            yield Label(Content(tr("meeting.minutes_hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#minutes-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        export_minutes(self, self.store, self.meeting_id)


class MeetingScreen(ProjectScreenBase):
    """The list of a project's kaizen meetings."""

    HELP = "meeting.help"

    BINDINGS = [
        Binding("escape", "back", "meeting.keys.back", id="meeting.back"),
        Binding("s", "start", "meeting.keys.start", id="meeting.start"),
        Binding("ctrl+e", "export", "meeting.keys.export", id="meeting.export"),
        Binding("R", "rhythm", "meeting.keys.rhythm", id="meeting.rhythm"),
        Binding("ctrl+z", "undo", "meeting.keys.undo", show=False, id="meeting.undo"),
        Binding("ctrl+y", "redo", "meeting.keys.redo", show=False, id="meeting.redo"),
    ]

    clock: Callable[[], dt.datetime] = staticmethod(utc_now)
    """Where the screen reads the time (tests replace it)."""

    def __init__(self, project_id: str) -> None:
        super().__init__(project_id)
        self.rows: list[MeetingRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="meeting-warning", classes="meeting-warning", markup=False)
        yield Label("", id="meeting-plan", classes="field-help", markup=False)
        yield RowTable(id="meetings")
        yield Label("", id="meetings-empty", classes="empty-hint", markup=False)
        yield Label("", id="meetings-status", classes="status-line", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#meetings", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        """Read the meetings again."""
        self.set_header(tr("meeting.title"))
        tx = translator()
        table = self.query_one("#meetings", DataTable)
        if select_id is None and self.rows and table.cursor_row < len(self.rows):
            select_id = self.rows[table.cursor_row].id
        self.rows = meetings.list_meetings(self.store, self.project_id)
        table.clear(columns=True)
        others = sum(width + 2 for _, width in COLUMNS[:-1])
        for key, width in COLUMNS:
            table.add_column(cell(tr(f"meeting.column.{key}")), key=key,
                             width=width or max(20, self.size.width - others - 4))
        for row in self.rows:
            table.add_row(
                cell(tx.date(row.held_on)), cell(str(row.duration_min)), cell(str(row.items)),
                cell(tr("meeting.running") if row.running else ""),
                cell(", ".join(row.participants)), key=row.id)
        ids = [row.id for row in self.rows]
        if select_id in ids:
            table.move_cursor(row=ids.index(select_id))
        empty = self.query_one("#meetings-empty", Label)
        empty.display = not self.rows
        empty.update(Content(tr("meeting.empty")))
        today = self.tavle.today()
        rhythm = meetings.project_rhythm(self.store, self.project_id)
        overdue = meetings.meeting_overdue(self.store, self.project_id, today, rhythm)
        warning = self.query_one("#meeting-warning", Label)
        warning.display = overdue is not None
        warning.update(Content(tr("meeting.overdue_warning", days=overdue or 0,
                                  every=rhythm.every_days)))
        planned = meetings.planned_text(
            meetings.meeting_plan(self.store, self.project_id, today, rhythm), tx)
        plan = self.query_one("#meeting-plan", Label)
        plan.display = bool(planned)
        plan.update(Content(planned))
        self.query_one("#meetings-status", Label).update(
            Content(translator().count("meeting.count", len(self.rows))))
        self.refresh_bindings()

    def _selected(self) -> MeetingRow | None:
        table = self.query_one("#meetings", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def history_record(self) -> tuple[str, str] | None:
        row = self._selected()
        return ("meeting", row.id) if row is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self._selected() is not None or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def action_rhythm(self) -> None:
        """Set the project's meeting rhythm: every so many days, so many meetings (R)."""
        from tui.kaizen.rhythm import edit_rhythm

        edit_rhythm(self, self.reload)

    @on(DataTable.RowSelected, "#meetings")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        row = self._selected()
        if row is None:
            return
        if row.running:
            self._open_running(row.id)
        else:
            self.app.push_screen(MinutesScreen(self.store, row.id))

    def _open_running(self, meeting_id: str) -> None:
        self.app.push_screen(RunningMeetingScreen(self.project_id, meeting_id))

    def action_start(self) -> None:
        """Start a meeting: who is there, then the agenda from the data."""
        running = meetings.running_meeting(self.store, self.project_id)
        if running is not None:
            self.notify(tr("meeting.resumed", date=translator().date(running.held_on)),
                        markup=False)
            self._open_running(running.id)
            return
        people = meetings.people(self.store, self.project_id)
        if not people:
            self.notify(tr("meeting.no_people"), markup=False, severity="warning")

        def chosen(person_ids: list[str] | None) -> None:
            if person_ids is None:
                return
            meeting = meetings.start_meeting(self.store, self.project_id, person_ids,
                                             translator(), now=self.clock())
            count = len(meetings.items_of(self.store, meeting.id))
            self.reload(select_id=meeting.id)
            self.notify(tr("meeting.started", count=count), markup=False)
            self._open_running(meeting.id)

        options = [(f"{p.name} ({p.initials})" if p.initials else p.name, p.id) for p in people]
        self.app.push_screen(TickDialog(tr("meeting.people_title"), options), chosen)

    def action_export(self) -> None:
        """Save the focused meeting's minutes as a Markdown file."""
        row = self._selected()
        if row is not None:
            export_minutes(self, self.store, row.id)

    def action_back(self) -> None:
        self.app.pop_screen()
