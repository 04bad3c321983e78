"""What every screen of a project shares: its project id, the header (project · phase), `i`,
which captures an idea from anywhere in the project (ui-conventions.md), and `H`, which shows the
focused record's history (the screen names it in `history_record`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from core.phases import phase
from core.project.projects import get_project
from tui.lang import tr
from tui.screens.base import TavleScreen, show_history

if TYPE_CHECKING:
    from core.db.undo import Edit


class ProjectScreenBase(TavleScreen):
    """A screen inside one project. Subclasses call `set_header(...)` when they (re)load."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "capture_idea", "ideas.keys.capture", id="project.capture_idea"),
        Binding("H", "history", "history.keys.open", id="project.history"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__()
        self.project_id = project_id


    def after_undo(self, edits: list[Edit]) -> None:
        """Show the data again after an undo or redo (screens that keep a cursor override)."""
        reload = getattr(self, "reload", None)
        if reload is not None:
            reload()

    def action_undo(self) -> None:
        """Undo the last change made on this screen (ctrl+z)."""
        edits = self.undo_log.undo()
        if edits:
            self.after_undo(edits)
        self.notify(tr("undo.undone_history" if edits else "undo.nothing"), markup=False)

    def action_redo(self) -> None:
        """Do the last undone change again (ctrl+y)."""
        edits = self.undo_log.redo()
        if edits:
            self.after_undo(edits)
        self.notify(tr("undo.redone_history" if edits else "undo.nothing_to_redo"), markup=False)

    def history_record(self) -> tuple[str, str] | None:
        """The record under the cursor as (entity, record id), whose history `H` shows; None
        when nothing is focused. Screens that show records name theirs."""
        return None

    def action_history(self) -> None:
        """Show the focused record's history (H), or say how to focus one."""
        show_history(self, self.history_record())

    def set_header(self, screen_name: str | None = None) -> None:
        """Title: the project's name; subtitle: the screen's name (if any) and the phase."""
        project = get_project(self.store, self.project_id)
        current = tr(
            "project.header_phase", number=project.current_phase,
            phase=tr(f"phase.{phase(project.current_phase).key}.name"),
        )
        self.title = project.name
        self.sub_title = f"{screen_name} · {current}" if screen_name else current

    def action_capture_idea(self) -> None:
        """Capture an idea: text, who and where it came from."""
        from tui.dialogs.idea import IdeaDialog

        self.app.push_screen(IdeaDialog(self.project_id), self.idea_captured)

    def idea_captured(self, idea_id: str | None) -> None:
        """Called after the capture dialog closes (screens that list ideas reload here)."""
