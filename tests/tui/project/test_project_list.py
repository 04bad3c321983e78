"""Creating, renaming, archiving and filtering projects by keyboard, as a coordinator would."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Label

from core.db.store import Store
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs import ConfirmDialog, FormDialog
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen


def _names(store: Store) -> list[str]:
    return [p.name for p in projects.list_projects(store, include_archived=True, today=DEMO_TODAY)]


async def test_empty_database_says_what_to_do(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#empty", Label)
        assert hint.display
        assert "tryk a" in str(hint.render())


async def test_create_a_project_with_the_keyboard(empty_store: Store) -> None:
    app = make_app(empty_store, initials="MH", name="Mette Holm")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Bedre udskrivning", "tab", *"Sundhed", "enter")
        # the leader is prefilled with the user's own name; Enter on the last field saves
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        [summary] = projects.list_projects(empty_store, today=DEMO_TODAY)
        assert (summary.name, summary.unit, summary.leader) == (
            "Bedre udskrivning", "Sundhed", "Mette Holm"
        )
        assert summary.last_author == "MH"
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        assert app.screen.sub_title == "Fase 1: Før projektstart"


async def test_an_empty_name_is_refused_in_the_dialog_and_nothing_is_lost(
    empty_store: Store,
) -> None:
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", *"Jobcenter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        error = str(app.screen.query_one("#form-error", Label).render())
        assert "Navn" in error
        assert app.screen.query_one("#field-unit", Input).value == "Jobcenter"
        assert _names(empty_store) == []


async def test_escape_asks_before_dropping_typed_text(empty_store: Store) -> None:
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("a", *"Halvfærdigt")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-name", Input).value == "Halvfærdigt"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert _names(empty_store) == []


async def test_rename_archive_and_show_archived(empty_store: Store) -> None:
    projects.create_project(empty_store, "Gammelt navn")
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        name = app.screen.query_one("#field-name", Input)
        name.value = ""
        await pilot.press(*"Nyt navn", "ctrl+s")
        await pilot.pause()
        assert _names(empty_store) == ["Nyt navn"]
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 0
        [archived] = projects.list_projects(empty_store, include_archived=True, today=DEMO_TODAY)
        assert archived.archived
        await pilot.press("v")
        await pilot.pause()
        assert table.row_count == 1
        assert "arkiveret" in str(table.get_cell_at((0, 0)))
        await pilot.press("x", "y")
        await pilot.pause()
        assert not projects.list_projects(empty_store, today=DEMO_TODAY)[0].archived


async def test_filter_is_visible_and_esc_clears_it(empty_store: Store) -> None:
    for name in ("Sygedagpenge", "Udskrivning", "Hjemmepleje"):
        projects.create_project(empty_store, name)
    app = make_app(empty_store)
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 3
        await pilot.press("slash", *"skriv")
        await pilot.pause()
        assert table.row_count == 1
        status = str(app.screen.query_one("#list-status", Label).render())
        assert "Filter: »skriv«" in status
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 3
        assert "Filter" not in str(app.screen.query_one("#list-status", Label).render())
