"""The project's kaizen-meeting rhythm as a small form (R on the project screen and on the
meeting screen): a meeting every so many days and the number of meetings planned."""

from __future__ import annotations

from collections.abc import Callable

from core.errors import TavleError
from core.kaizen import meetings
from core.project.projects import get_project
from tui.dialogs import FormDialog, FormField
from tui.dialogs.form import Values
from tui.lang import tr, translator
from tui.screens.project_base import ProjectScreenBase


def edit_rhythm(screen: ProjectScreenBase, saved: Callable[[], None]) -> None:
    """Ask for the project's rhythm; write it through the screen's undo log (ctrl+z undoes it),
    say what was saved and call `saved`."""
    project = get_project(screen.store, screen.project_id)
    fields = [
        FormField("every", tr("meeting.rhythm.every_label"), str(project.meeting_every_days)),
        FormField("planned", tr("meeting.rhythm.planned_label"),
                  "" if project.planned_meetings is None else str(project.planned_meetings)),
    ]

    def submit(values: Values) -> str | None:
        try:
            meetings.set_rhythm(screen.undo_log, screen.project_id,
                                every_days=values["every"], planned=values["planned"])
        except TavleError as error:
            return error.message(translator())
        return None

    def closed(values: Values | None) -> None:
        if values is None:
            return
        stored = get_project(screen.store, screen.project_id)
        every, planned = stored.meeting_every_days, stored.planned_meetings
        message = (tr("meeting.rhythm.saved", every=every) if planned is None
                   else tr("meeting.rhythm.saved_planned", every=every, planned=planned))
        screen.notify(message, markup=False)
        saved()

    screen.app.push_screen(FormDialog(tr("meeting.rhythm.title"), fields, submit=submit,
                                      note=tr("meeting.rhythm.note")), closed)
