"""What every screen of a project shares: its project id, the header (project · phase), `i`,
which captures an idea from anywhere in the project (ui-conventions.md), and `H`, which shows the
focused record's history (the screen names it in `history_record`)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from core.phases import phase
from core.project.projects import get_project
from tui.lang import tr
from tui.screens.base import TavleScreen


class ProjectScreenBase(TavleScreen):
    """A screen inside one project. Subclasses call `set_header(...)` when they (re)load."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "capture_idea", "ideas.keys.capture", id="project.capture_idea"),
    ]

    def __init__(self, project_id: str) -> None:
        super().__init__()
        self.project_id = project_id


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
