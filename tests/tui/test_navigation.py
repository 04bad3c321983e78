"""A user opens the demo, opens the project, and reaches every screen by keyboard alone."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, Label, OptionList

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.screens.help import HelpScreen
from tui.screens.settings import SettingsScreen


def _cell_text(table: DataTable, row: int, column: int) -> str:
    return str(table.get_cell_at((row, column)))


async def test_demo_opens_on_the_project_list(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        table = app.screen.query_one("#projects", DataTable)
        assert table.row_count == 1
        assert "sygemeldte" in _cell_text(table, 0, 0)
        assert "5. Afprøvning" in _cell_text(table, 0, 2)
        open_actions = _cell_text(table, 0, 3)
        assert "forsinkede" in open_actions  # the demo has overdue rows


async def test_open_project_and_move_through_phases(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        assert "sygemeldte" in screen.title
        assert screen.sub_title == "Fase 5: Afprøvning"
        phases = screen.query_one("#phases", OptionList)
        assert phases.highlighted == 4  # the current phase is selected
        assert phases.option_count == 6
        await pilot.press("4")
        await pilot.pause()
        facts = str(screen.query_one("#phase-facts", Label).render())
        assert "Handlingsplan:" in facts and "rækker" in facts
        await pilot.press("up")
        await pilot.pause()
        title = str(screen.query_one("#phase-title", Label).render())
        assert title.startswith("3. ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)


async def test_every_screen_is_reachable_by_keyboard(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = set()
        # help on the project list
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        seen.add(type(app.screen))
        await pilot.press("escape")
        # settings
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        seen.add(type(app.screen))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        seen.add(type(app.screen))
        # command palette
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        # the project, and help there with "?"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        seen.add(type(app.screen))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert seen == {HelpScreen, SettingsScreen, ProjectListScreen, ProjectScreen}


async def test_help_lists_the_keys_of_the_screen(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        rows = {_cell_text(table, r, 1): _cell_text(table, r, 0) for r in range(table.row_count)}
        for action in ("Åbn", "Nyt projekt", "Omdøb", "Arkivér", "Vis arkiverede", "Filtrér",
                       "Indstillinger", "Hjælp", "Afslut", "Kommandoer"):
            assert action in rows, action
        assert rows["Nyt projekt"] == "a"
        assert rows["Hjælp"] == "f1 / ?"
        assert rows["Omdøb"] == "f2 / r"
        # Textual's own widget bindings (English, no id) are not listed
        assert not any("cursor" in action.lower() for action in rows)


async def test_palette_offers_every_action_of_the_screen_by_name(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for action in ("Åbn", "Nyt projekt", "Omdøb", "Arkivér", "Vis arkiverede", "Filtrér",
                       "Indstillinger", "Hjælp", "Afslut"):
            assert action in titles, action
        assert "Tema: Projektor (høj kontrast)" in titles
        # running one from the palette works: open settings by name
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Indstillinger")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SettingsScreen)
