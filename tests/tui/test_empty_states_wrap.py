"""At 80×24 on an empty database, every screen's "nothing here yet – press x" text is on the
screen whole: it wraps within the screen's width instead of running off its right edge."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from core.db.store import Store
from core.project import projects
from tests.tui.conftest import make_app, screen_text
from tui.closing.benefits import BenefitsScreen
from tui.closing.decisions import ClosingScreen
from tui.drivers.diagram import DriverDiagramScreen
from tui.kaizen.board import BoardScreen
from tui.kaizen.meeting import MeetingScreen
from tui.lang import tr
from tui.measures.overview import MeasuresScreen
from tui.network.notes import NetworkNotesScreen
from tui.plan.action_plan import ActionPlanScreen
from tui.project.charter import CharterScreen
from tui.workflow.ideas import IdeasScreen
from tui.workflow.map_editor import CurrentMapScreen
from tui.workflow.redesign import RedesignMapScreen


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("screen_class", "key"), [
    (CurrentMapScreen, "workflow.empty_current"),
    (RedesignMapScreen, "workflow.empty_redesign"),
    (ClosingScreen, "closing.empty"),
    (BenefitsScreen, "benefits.empty"),
    (NetworkNotesScreen, "network.project_notes_empty"),
    (ActionPlanScreen, "action_plan.empty"),
    (IdeasScreen, "ideas.empty"),
    (MeasuresScreen, "measures.empty"),
    (MeetingScreen, "meeting.empty"),
    (DriverDiagramScreen, "driver.empty"),
    (BoardScreen, "board.empty_column"),
    (CharterScreen, "charter.empty.goals"),
])
async def test_the_empty_text_is_on_the_screen_whole(
    empty_store: Store, screen_class: type[Screen[None]], key: str,
) -> None:
    project = projects.create_project(empty_store, "Tomt projekt", unit="Enhed", leader="Anne")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = screen_class(project.id)  # type: ignore[call-arg]
        app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        if screen_class is CharterScreen:  # the goals table is below the first fields
            await pilot.press("tab", "tab", "tab", "tab")
            await pilot.pause()
        text = tr(key, column=tr("enum.board_column.idea")) if "column" in key else tr(key)
        lines = screen_text(app).split("\n")
        shown = _words("\n".join(lines))
        assert _words(text) in shown, f"{key}: {text!r} not whole in\n" + "\n".join(lines)
        assert all(len(line.rstrip()) <= 80 for line in lines)


async def test_the_empty_project_list_says_how_to_begin(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert _words(tr("project_list.empty")) in _words(screen_text(app))
