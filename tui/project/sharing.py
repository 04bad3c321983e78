"""The project screen's ways of sharing the project: files for other units, conflicts, the
team passphrase, reports, presentation mode and the learning network's notes.

A mixin of `ProjectScreen` (actions only: `@on` handlers stay on the screen class).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Label

from tui.lang import tr


class ProjectSharing:
    """Actions of the project screen that send the project elsewhere or bring others' work in."""

    project_id: str

    def _show_conflict_count(self) -> None:
        from core.sync.counts import conflict_count

        count = conflict_count(self.store, self.project_id)
        if count:
            self.sub_title = f"{tr('sync_ui.conflict_count', count=count)} · {self.sub_title}"

    def action_present(self) -> None:
        """Present the project's story full-screen, a page per key press (P)."""
        from tui.views.presentation import PresentationScreen

        self.app.push_screen(PresentationScreen(self.project_id))

    def action_export_file(self) -> None:
        """Write this project's sync file for the other units (ctrl+e)."""
        from tui.sync.export_project import export_with_guard

        export_with_guard(self, self.store, self.project_id, str(self.title))

    def action_passphrase(self) -> None:
        """Set or remove the project's team passphrase on this PC (A)."""
        from tui.sync.passphrase import set_passphrase_dialog

        set_passphrase_dialog(self, self.store, self.project_id, str(self.title))

    def action_conflicts(self) -> None:
        """Open the list of conflicts (K)."""
        from tui.sync.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen(self.project_id))

    # -- reports for the steering group (tui/reports/report_dialog.py)
    # ------------------------------

    def action_report(self) -> None:
        """Write a status, closing or portfolio report (r)."""
        from tui.reports.report_dialog import ReportDialog, write_report

        dialog = ReportDialog(self.title, closing=self._current == 6)

        def chosen(values: object) -> None:
            if values is not None and dialog.choice is not None:
                write_report(self, dialog.choice)

        self.app.push_screen(dialog, chosen)

    # -- notes and tips from the learning network (tui/network/notes.py) ------------

    def _show_network_notes(self) -> None:
        from tui.network.notes import notes_line

        line = notes_line(self.store, self.project_id)
        label = self.query_one("#network-notes-line", Label)
        label.update(Content(line))
        label.display = bool(line)

    def action_network_notes(self) -> None:
        """The notes and tips the learning network sent back (l)."""
        from tui.network.notes import NetworkNotesScreen

        self.app.push_screen(NetworkNotesScreen(self.project_id))
