"""Capturing an idea with `i` from the project screen and turning it into an action row."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from core.db import changelog
from core.db.store import Store
from core.models import Action, Idea, IdeaStatus
from core.project import projects
from core.workflow import ideas
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog
from tui.dialogs.idea import IdeaDialog
from tui.project.project_screen import ProjectScreen
from tui.workflow.ideas import IdeasScreen

HOSTILE = "[@click=app.quit]klik[/] [b]idé"


async def test_capture_an_idea_and_make_it_an_action_row(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, IdeaDialog)
        # text, Tab, who (prefilled), Tab, source: up from "Møde" to "Redesign", Tab, detail
        await pilot.press(*HOSTILE, "tab", "tab", "up", "tab", *"workshop 2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        [row] = ideas.list_ideas(empty_store, project.id)
        assert (row.idea.text, row.idea.who) == (HOSTILE, "Mette Holm")
        assert row.idea.source == "Redesign – workshop 2"
        # the ideas screen, from the project screen's key
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IdeasScreen)
        assert screen.title == "Udskrivning" and screen.sub_title.startswith("Idéer · Fase 1")
        table = screen.query_one("#ideas", DataTable)
        assert table.row_count == 1
        assert str(table.get_cell_at((0, 0))) == HOSTILE
        assert HOSTILE[:20] in table.render_line(1).text
        await pilot.press("h")
        await pilot.pause()
        [action_id] = [r["id"] for r in empty_store.query("SELECT id FROM actions")]
        action = changelog.load(empty_store, Action, action_id)
        assert action.idea_id == row.idea.id and action.change == HOSTILE
        assert changelog.load(empty_store, Idea, row.idea.id).status == IdeaStatus.CHOSEN
        assert str(table.get_cell_at((0, 1))) == "Valgt"
        assert str(table.get_cell_at((0, 4))) == "handlingsplan"  # 120 columns: all five
        # a second h does not make a second row
        await pilot.press("h")
        await pilot.pause()
        assert empty_store.query("SELECT COUNT(*) AS n FROM actions")[0]["n"] == 1
        # and i works here too; the list shows the new idea
        await pilot.press("i", *"Sms før samtalen", "ctrl+s")
        await pilot.pause()
        assert table.row_count == 2


async def test_filter_status_delete_and_undo(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Udskrivning")
    ideas.capture(empty_store, project.id, "Fælles tirsdagsmøde", who="Lars")
    ideas.capture(empty_store, project.id, "Sms før samtalen", who="Mette")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IdeasScreen)
        table = screen.query_one("#ideas", DataTable)
        await pilot.press("slash", *"tirsdag", "enter")
        await pilot.pause()
        assert table.row_count == 1
        assert "»tirsdag«" in str(screen.query_one("#ideas-status", Label).render())
        await pilot.press("s", "s")
        await pilot.pause()
        [row] = ideas.list_ideas(empty_store, project.id, "tirsdag")
        assert row.idea.status == IdeaStatus.PARKED
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert ideas.list_ideas(empty_store, project.id, "tirsdag") == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
