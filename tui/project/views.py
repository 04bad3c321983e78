"""The screens a project opens from its phase list: one entry per screen, under its phase.

The project screen lists a phase's screens beside the phase, binds each entry's key, and opens
the first one with Enter on the phase. A screen is named by "module:Class" and imported only
when opened; its constructor takes the project id.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ProjectView:
    """A screen of a project."""

    key: str
    """The key that opens it from the project screen (a letter that clashes with no shared key)."""
    label: str
    """Catalog key of its name."""
    phase: int
    """The phase (1-6) it is listed under."""
    target: str
    """The screen class as "module:Class"; constructed with the project id."""
    words: str
    """Catalog key of the other words people search for it by in the command palette
    (comma-separated, `tui.lang.words`)."""

    def build(self, project_id: str) -> Screen[None]:
        """Import and construct the screen."""
        module, _, name = self.target.partition(":")
        screen: Screen[None] = getattr(import_module(module), name)(project_id)
        return screen


VIEWS: tuple[ProjectView, ...] = (
    ProjectView("g", "workflow.current_title", 2, "tui.workflow.map_editor:CurrentMapScreen",
                "palette.words.current_map"),
    ProjectView("d", "workflow.redesign_title", 3, "tui.workflow.redesign:RedesignMapScreen",
                "palette.words.redesign"),
    ProjectView("e", "ideas.title", 2, "tui.workflow.ideas:IdeasScreen",
                "palette.words.ideas"),
    ProjectView("k", "charter.title", 1, "tui.project.charter:CharterScreen",
                "palette.words.charter"),
    ProjectView("h", "action_plan.title", 4, "tui.plan.action_plan:ActionPlanScreen",
                "palette.words.action_plan"),
    ProjectView("o", "closing.title", 6, "tui.closing.decisions:ClosingScreen",
                "palette.words.closing"),
    ProjectView("m", "measures.title", 5, "tui.measures.overview:MeasuresScreen",
                "palette.words.measures"),
    ProjectView("b", "board.title", 5, "tui.kaizen.board:BoardScreen",
                "palette.words.board"),
    ProjectView("n", "meeting.title", 5, "tui.kaizen.meeting:MeetingScreen",
                "palette.words.meeting"),
    ProjectView("v", "driver.title", 3, "tui.drivers.diagram:DriverDiagramScreen",
                "palette.words.driver"),
    ProjectView("G", "benefits.title", 6, "tui.closing.benefits:BenefitsScreen",
                "palette.words.benefits"),
)
"""Every project screen, in the order they are listed (append new screens here)."""


def views_of(phase: int) -> list[ProjectView]:
    """The screens listed under a phase."""
    return [view for view in VIEWS if view.phase == phase]
