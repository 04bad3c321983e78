"""A project: the six phases on the left; the selected phase's checklist and content on the right.

The checklist is the phase's advice from the guide plus the team's own items: space ticks the
focused item (who and when are shown), `a` adds an item, `t` moves the phase's status on, `f`
makes another phase the current one (asking first when items are left open), ctrl+z undoes.

In the test phase (the current phase, or phase 5 highlighted) a line under the header says
when the next kaizen meeting is due in the project's rhythm, and which of the planned meetings
it is; `R` sets the rhythm (tui/kaizen/rhythm.py).

The project is shared from here too: a sync file for the other units (ctrl+e), the shared
folder (F; a line under the header says what the other units have seen), the conflicts
(K), the team passphrase (A), reports for the steering group (r), presentation mode (P) and the
learning network's notes (l).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Label, OptionList
from textual.widgets.option_list import Option

from core.errors import TavleError
from core.kaizen import meetings
from core.kaizen.rhythm import TEST_PHASE
from core.project import phase_work
from core.project.phase_work import ChecklistEntry
from core.project.projects import add_leader_as_person, get_project
from core.views.overview import Fact, PhaseOverview, project_overview
from tui.bindings import translate_bindings
from tui.dialogs import ConfirmDialog, FormDialog, FormField
from tui.dialogs.form import Values
from tui.dialogs.ticks import tick_mark
from tui.drivers.questions import ThreeQuestions
from tui.lang import tr, translator
from tui.project.phase_move import PhaseMove, PhaseMoveDialog
from tui.project.views import VIEWS, ProjectView, views_of
from tui.screens.project_base import ProjectScreenBase
from tui.widgets.footer import TavleFooter

STATUS_MARK = {"not_started": "·", "in_progress": "▶", "done": "✓"}


def fact_text(fact: Fact) -> str:
    """Render a core fact in the UI language (dates and numbers the user's way)."""
    tx = translator()
    params: dict[str, Any] = {}
    for name, value in fact.params.items():
        if isinstance(value, dt.date):
            params[name] = tx.date(value)
        elif isinstance(value, float):
            params[name] = tx.number(value)
        else:
            params[name] = value
    return tr(fact.key, **params)


def entry_text(entry: ChecklistEntry, key: str) -> str:
    """An item's text: the guide's advice in the UI language, or what the team wrote."""
    return tr(f"phase.{key}.advice.{entry.item_key}") if entry.from_guide else entry.text


def entry_line(entry: ChecklistEntry, key: str) -> str:
    """A checklist line: box, text, and who ticked it when ("[x] … – MH 24-11-2026")."""
    line = f"{tick_mark(entry.done)} {entry_text(entry, key)}"
    if entry.done:
        when = translator().date(entry.done_at.astimezone().date()) if entry.done_at else ""
        who = " ".join(part for part in (entry.done_by, when) if part)
        if who:
            line = f"{line} – {who}"
    return line


def _view(key: str) -> ProjectView:
    return next(view for view in VIEWS if view.key == key)


class Checklist(OptionList):
    """A phase's checklist; space ticks the highlighted item, `a` adds the team's own."""

    BINDINGS = [
        Binding("space", "screen.toggle_item", "phase_work.keys.tick", id="checklist.tick"),
        Binding("a", "screen.add_item", "phase_work.keys.add_item", id="checklist.add"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)


class ProjectScreen(ProjectScreenBase):
    """One project through the six phases of the KL guide."""

    HELP = "phase_work.help.project"

    BINDINGS = [
        Binding("escape", "back", "keys.back", id="project.back"),
        Binding("enter", "open_phase", "keys.open", id="project.open_phase"),
        *(
            # Not in the footer (it would overflow at 80 columns): the phase's screens are
            # listed with their keys beside the phase, and in help and the palette.
            Binding(
                view.key, f"open_view({view.key!r})", view.label, show=False,
                id=f"project.view_{view.key}",
            )
            for view in VIEWS
        ),
        # the footer shows as many as fit, in this order: the project's own main actions first
        Binding("ctrl+e", "export_file", "sync_ui.keys.export", id="project.export_file"),
        Binding("F", "shared_folder", "folder_ui.keys.open", id="project.shared_folder"),
        Binding("r", "report", "reports.keys.report", id="project.report"),
        Binding("t", "cycle_status", "phase_work.keys.status", id="project.cycle_status"),
        Binding("f", "move_phase", "phase_work.keys.move", id="project.move_phase"),
        Binding("R", "rhythm", "meeting.keys.rhythm", id="project.rhythm"),
        Binding("P", "present", "presentation.keys.present", id="project.present"),
        Binding("K", "conflicts", "sync_ui.keys.conflicts", id="project.conflicts"),
        Binding("A", "passphrase", "sync_ui.keys.passphrase", show=False,
                id="project.passphrase"),
        Binding("l", "network_notes", "network.keys.project_notes", id="project.network_notes"),
        Binding("ctrl+z", "undo", "phase_work.keys.undo", id="project.undo"),
        Binding("ctrl+y", "redo", "phase_work.keys.redo", show=False, id="project.redo"),
        Binding("1", "phase(1)", "keys.phase_1", show=False, id="project.phase_1"),
        Binding("2", "phase(2)", "keys.phase_2", show=False, id="project.phase_2"),
        Binding("3", "phase(3)", "keys.phase_3", show=False, id="project.phase_3"),
        Binding("4", "phase(4)", "keys.phase_4", show=False, id="project.phase_4"),
        Binding("5", "phase(5)", "keys.phase_5", show=False, id="project.phase_5"),
        Binding("6", "phase(6)", "keys.phase_6", show=False, id="project.phase_6"),
    ]

    def __init__(self, project_id: str, view: str | None = None) -> None:
        """`view`: the key of a project screen to open at once over this one (the command
        palette goes there from the start screen); Esc on it comes back here."""
        super().__init__(project_id)
        self._open_view = view
        self._phases: list[PhaseOverview] = []
        self._entries: list[ChecklistEntry] = []
        self._current = 1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="next-meeting", classes="next-meeting", markup=False)
        yield Label("", id="folder-line", classes="status-line", markup=False)
        with Horizontal(id="project-body"):
            with Vertical(id="project-side"):  # the three questions: issue 12
                yield OptionList(id="phases")
                yield ThreeQuestions(id="three-questions")
            with VerticalScroll(id="phase-detail", can_focus=False):
                yield Label("", id="network-notes-line", classes="network-notes-line",
                            markup=False)  # issue 10: tui/network/notes.py
                yield Label("", id="phase-title", classes="section-title", markup=False)
                yield Label("", id="phase-status", markup=False)
                yield Label("", id="phase-views", classes="phase-views", markup=False)
                yield Label("", id="phase-summary", classes="phase-summary", markup=False)
                yield Label("", id="phase-product", markup=False)
                yield Label(Content(tr("project.advice")), classes="section-title")
                yield Checklist(id="checklist")
                yield Label("", id="advice-help", classes="field-help", markup=False)
                yield Label(Content(tr("project.in_project")), classes="section-title")
                yield Label("", id="phase-facts", markup=False)
                yield Label("", id="phase-moved", classes="field-help", markup=False)
        yield TavleFooter()

    def on_mount(self) -> None:
        add_leader_as_person(self.store, self.project_id)  # databases from before it was done
        self.reload()
        phases = self.query_one("#phases", OptionList)
        phases.highlighted = self._current - 1
        self._show_phase(self._current - 1)
        phases.focus()
        if self._open_view is not None:
            key, self._open_view = self._open_view, None
            phases.highlighted = _view(key).phase - 1
            self.call_later(self.action_open_view, key)

    def on_screen_resume(self) -> None:
        """Back from one of the project's screens: read it again, and write this unit's file
        to the project's shared folder when it lacks something (at most every few minutes)."""
        self.reload()
        from tui.sync.folder_state import WRITE_GAP

        self.tavle.write_folders(scope_id=self.project_id, gap=WRITE_GAP)
        self._show_folder_line()

    def reload(self) -> None:
        """Read the project again and redraw the phase list and the selected phase."""
        project = get_project(self.store, self.project_id)
        self._current = project.current_phase
        self._phases = project_overview(self.store, self.project_id, today=self.tavle.today())
        self.set_header()
        self.query_one(ThreeQuestions).show(self.store, self.project_id)
        self._show_conflict_count()
        self._show_network_notes()
        self._show_folder_line()
        phases = self.query_one("#phases", OptionList)
        highlighted = phases.highlighted
        phases.clear_options()
        phases.add_options(self._phase_option(p) for p in self._phases)
        if highlighted is not None:
            phases.highlighted = highlighted
            self._show_phase(highlighted)

    def _show_conflict_count(self) -> None:
        from core.sync.counts import conflict_count

        count = conflict_count(self.store, self.project_id)
        if count:
            self.sub_title = f"{tr('sync_ui.conflict_count', count=count)} · {self.sub_title}"

    def _show_network_notes(self) -> None:
        """The line of notes and tips from the learning network (tui/network/notes.py)."""
        from tui.network.notes import notes_line

        line = notes_line(self.store, self.project_id)
        label = self.query_one("#network-notes-line", Label)
        label.update(Content(line))
        label.display = bool(line)

    def _show_folder_line(self) -> None:
        """One line on the shared folder when the project has one, from the app's cache (the
        folder is not listed here: the start-up sync, F and s do that)."""
        from tui.sync.folder_state import status_line_of

        line = status_line_of(self.tavle, self.project_id)
        label = self.query_one("#folder-line", Label)
        label.update(Content(line or ""))
        label.display = bool(line)

    def on_unmount(self) -> None:
        """Leaving the project (back to the project list, or quitting): write this unit's file
        to the shared folders that lack something."""
        self.tavle.write_folders()

    def _phase_option(self, overview: PhaseOverview) -> Option:
        mark = STATUS_MARK[overview.status.value]
        name = tr(f"phase.{overview.key}.name")
        line = f"{mark} {overview.number}. {name}"
        if overview.checklist_open:
            line = f"{line} ({overview.checklist_open})"
        return Option(Content(line), id=f"phase-{overview.number}")

    @on(OptionList.OptionHighlighted, "#phases")
    def _phase_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_phase(event.option_index)

    def _show_phase(self, index: int) -> None:
        overview = self._phases[index]
        key = overview.key
        self.query_one("#phase-title", Label).update(
            Content(f"{overview.number}. {tr(f'phase.{key}.title')}")
        )
        status = tr(f"phase_status.{overview.status.value}")
        if overview.is_current:
            status = tr("project.current_phase_status", status=status)
        self.query_one("#phase-status", Label).update(Content(status))
        self.query_one("#phase-summary", Label).update(Content(tr(f"phase.{key}.summary")))
        self.query_one("#phase-product", Label).update(
            Content(tr("project.product", product=tr(f"phase.{key}.product")))
        )
        self._show_checklist(overview)
        facts = "\n".join(f"• {fact_text(fact)}" for fact in overview.facts)
        self.query_one("#phase-facts", Label).update(Content(facts))
        views = views_of(overview.number)
        shown = self.query_one("#phase-views", Label)
        shown.display = bool(views)
        shown.update(
            Content(tr("project.screens", screens=" · ".join(
                f"{view.key} {tr(view.label)}" for view in views
            )))
        )
        self._show_last_move()
        self._show_next_meeting(overview.number)
        self.refresh_bindings()

    def _show_next_meeting(self, highlighted: int) -> None:
        """The next kaizen meeting due, in the test phase (current or highlighted)."""
        label = self.query_one("#next-meeting", Label)
        test_phase = TEST_PHASE in (self._current, highlighted)
        line, plan = "", None
        if test_phase:
            today = self.tavle.today()
            rhythm = meetings.project_rhythm(self.store, self.project_id)
            plan = meetings.meeting_plan(self.store, self.project_id, today, rhythm)
            line = meetings.next_meeting_text(plan, translator())
        label.update(Content(line))
        label.display = bool(line)
        label.set_class(plan is not None and (plan.days_left or 0) < 0, "late")

    def _show_checklist(self, overview: PhaseOverview) -> None:
        checklist = self.query_one("#checklist", Checklist)
        keep = checklist.highlighted
        self._entries = phase_work.checklist(self.store, self.project_id, overview.number)
        checklist.clear_options()
        checklist.add_options(
            Option(Content(entry_line(entry, overview.key)), id=entry.id)
            for entry in self._entries
        )
        if self._entries:
            checklist.highlighted = min(keep or 0, len(self._entries) - 1)
        self._show_item_help()

    @on(OptionList.OptionHighlighted, "#checklist")
    def _item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_item_help()

    def _show_item_help(self) -> None:
        help_label = self.query_one("#advice-help", Label)
        entry = self._focused_entry()
        if entry is None:
            help_label.update(Content(tr("phase_work.checklist_empty")))
            return
        if entry.from_guide:
            key = self._phases[self._highlighted_phase() - 1].key
            help_label.update(Content(tr(f"phase.{key}.advice_help.{entry.item_key}")))
        else:
            help_label.update(Content(tr("phase_work.own_item")))

    def _show_last_move(self) -> None:
        change = phase_work.last_change(self.store, self.project_id)
        label = self.query_one("#phase-moved", Label)
        if change is None:
            label.display = False
            return
        when = change.decided_at.astimezone().date() if change.decided_at else None
        text = tr(
            "phase_work.last_move", from_phase=change.from_phase, to_phase=change.to_phase,
            date=translator().date(when), who=change.decided_by or "?",
            open=change.open_items,
        )
        if change.note:
            text = f"{text} – {change.note}"
        label.update(Content(text))
        label.display = True

    def _focused_entry(self) -> ChecklistEntry | None:
        highlighted = self.query_one("#checklist", Checklist).highlighted
        if highlighted is None or highlighted >= len(self._entries):
            return None
        return self._entries[highlighted]

    def _highlighted_phase(self) -> int:
        highlighted = self.query_one("#phases", OptionList).highlighted
        return (highlighted or 0) + 1

    # -- actions --------------------------------------------------------------------------

    def history_record(self) -> tuple[str, str] | None:
        return ("project", self.project_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_phase":
            return bool(views_of(self._highlighted_phase())) or None
        if action == "undo":
            return self.undo_log.can_undo or None
        if action == "redo":
            return self.undo_log.can_redo or None
        return True

    def action_open_phase(self) -> None:
        """Open the first screen of the highlighted phase."""
        views = views_of(self._highlighted_phase())
        if views:
            self.app.push_screen(views[0].build(self.project_id))

    def action_open_view(self, key: str) -> None:
        """Open a project screen by its key."""
        self.app.push_screen(_view(key).build(self.project_id))

    @on(OptionList.OptionSelected, "#phases")
    def _phase_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_phase()

    @on(OptionList.OptionSelected, "#checklist")
    def _item_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def action_phase(self, number: int) -> None:
        self.query_one("#phases", OptionList).highlighted = number - 1

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_item(self) -> None:
        """Tick or untick the focused checklist item."""
        entry = self._focused_entry()
        if entry is None:
            return
        phase_work.toggle(self.undo_log, self.project_id, entry, by=self.store.author)
        self.reload()

    def action_add_item(self) -> None:
        """Add the team's own item to the selected phase's checklist."""
        number = self._highlighted_phase()
        fields = [FormField("text", tr("field.text"), placeholder=tr("phase_work.add_placeholder"))]

        def submit(values: Values) -> str | None:
            try:
                phase_work.add_item(self.undo_log, self.project_id, number, values["text"])
            except TavleError as error:
                return error.message(translator())
            return None

        def added(values: Values | None) -> None:
            if values is not None:
                self.reload()
                checklist = self.query_one("#checklist", Checklist)
                checklist.highlighted = len(self._entries) - 1
                checklist.focus()

        self.app.push_screen(FormDialog(tr("phase_work.add_title"), fields, submit=submit), added)

    def action_cycle_status(self) -> None:
        """Move the selected phase's status on: not started, in progress, done."""
        number = self._highlighted_phase()
        status = phase_work.cycle_status(self.undo_log, self.project_id, number)
        self.reload()
        self.notify(
            tr("phase_work.status_set", number=number, status=tr(f"phase_status.{status.value}")),
            markup=False,
        )

    def action_rhythm(self) -> None:
        """Set the project's kaizen-meeting rhythm: every so many days, so many meetings (R)."""
        from tui.kaizen.rhythm import edit_rhythm

        edit_rhythm(self, self.reload)

    def action_move_phase(self) -> None:
        """Ask which phase becomes the current one; confirm when items are left open."""
        self.app.push_screen(PhaseMoveDialog(self._current), self._phase_chosen)

    def _phase_chosen(self, choice: PhaseMove | None) -> None:
        if choice is None:
            return
        to_phase, note = choice
        if to_phase == self._current:
            return
        left_open = phase_work.open_items_on_move(self.store, self.project_id, to_phase)
        if not left_open:
            self._move(to_phase, note)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._move(to_phase, note)

        key = "phase_work.move_question_one" if left_open == 1 else "phase_work.move_question"
        question = tr(key, count=left_open, phase=to_phase)
        self.app.push_screen(ConfirmDialog(question), answered)

    def _move(self, to_phase: int, note: str) -> None:
        phase_work.move_to_phase(
            self.store, self.project_id, to_phase, by=self.store.author, note=note
        )
        self.reload()
        self.query_one("#phases", OptionList).highlighted = to_phase - 1
        name = tr(f"phase.{self._phases[to_phase - 1].key}.name")
        self.notify(tr("phase_work.moved", number=to_phase, phase=name), markup=False)

    def idea_captured(self, idea_id: str | None) -> None:
        if idea_id is not None:
            self.reload()

    # -- sharing: files for the other units, conflicts, passphrase, reports, presentation ---

    def action_present(self) -> None:
        """Present the project's story full-screen, a page per key press (P)."""
        from tui.views.presentation import PresentationScreen

        self.app.push_screen(PresentationScreen(self.project_id))

    def action_export_file(self) -> None:
        """Write this project's sync file for the other units (ctrl+e)."""
        from tui.sync.export_project import export_with_guard

        export_with_guard(self, self.store, self.project_id, str(self.title))

    def action_shared_folder(self) -> None:
        """The project's shared folder: status, sync now, choose the folder (F)."""
        from tui.sync.shared_folder import open_shared_folder

        open_shared_folder(self, self.project_id, str(self.title))

    def action_passphrase(self) -> None:
        """Set or remove the project's team passphrase on this PC (A)."""
        from tui.sync.passphrase import set_passphrase_dialog

        set_passphrase_dialog(self, self.store, self.project_id, str(self.title))

    def action_conflicts(self) -> None:
        """Open the list of conflicts (K)."""
        from tui.sync.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen(self.project_id))

    def action_report(self) -> None:
        """Write a status, closing or portfolio report (r; tui/reports/report_dialog.py)."""
        from tui.reports.report_dialog import ReportDialog, write_report

        dialog = ReportDialog(str(self.title), phase=self._current)

        def chosen(values: object) -> None:
            if values is not None and dialog.choice is not None:
                write_report(self, dialog.choice)

        self.app.push_screen(dialog, chosen)

    def action_network_notes(self) -> None:
        """The notes and tips the learning network sent back (l)."""
        from tui.network.notes import NetworkNotesScreen

        self.app.push_screen(NetworkNotesScreen(self.project_id))
