"""Names typed by users or received from other units are shown literally, never as markup."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Label

from core.db.store import Store
from core.project import projects
from tests.tui.conftest import make_app
from tui.project.project_screen import ProjectScreen

HOSTILE = [
    "[/x]",
    "[@click=app.quit]klik[/]",
    "[b]fed?[/b] [red]rød",
    "\x1b[31mANSI",
    "tekst med \u202eomvendt",
    "æ" * 200,
]


@pytest.mark.parametrize("name", HOSTILE)
async def test_hostile_names_render_literally_everywhere(empty_store: Store, name: str) -> None:
    project = projects.create_project(empty_store, name, unit=name, leader=name)
    app = make_app(empty_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#projects", DataTable)
        assert str(table.get_cell_at((0, 0))) == project.name
        assert str(table.get_cell_at((0, 1))) == project.unit
        shown = table.render_line(1).text  # the first row as drawn on the screen
        visible = "".join(ch for ch in project.name if ord(ch) >= 32 and ord(ch) != 127)
        assert visible[:20] in shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.title == project.name
        await pilot.press("escape", "f2")
        await pilot.pause()
        await pilot.press("escape", "x")
        await pilot.pause()
        question = str(app.screen.query_one(".dialog-question", Label).render())
        assert project.name[:20] in question
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
