"""Settings: language, name and initials, theme; saved to the config folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.widgets import Input, Select

from core.db.store import Store
from core.settings import Settings
from tests.tui.conftest import DEMO_TODAY
from tui.app import TavleApp
from tui.project.project_list import ProjectListScreen
from tui.screens.settings import SettingsScreen


async def test_change_language_name_and_theme(empty_store: Store) -> None:
    app = TavleApp(empty_store, Settings(), today=lambda: DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#language", Select).value = "en"
        screen.query_one("#theme", Select).value = "tavle-light"
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Mette Holm", "tab", *"mh", "ctrl+s")
        await pilot.pause()
        assert app.settings.language == "en"
        assert app.settings.initials == "MH"
        assert app.theme == "tavle-light"
        assert empty_store.author == "MH"
        saved = json.loads((Path(os.environ["TAVLE_CONFIG_DIR"]) / "settings.json").read_text())
        assert saved["language"] == "en" and saved["name"] == "Mette Holm"
        # the screens are rebuilt in English
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.sub_title == "Settings"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert app.screen.sub_title == "Projects"
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "New project" in titles


async def test_escape_with_unsaved_settings_asks(empty_store: Store) -> None:
    app = TavleApp(empty_store, Settings(), save=False, today=lambda: DEMO_TODAY)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"Ny", "escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#name", Input).value == "Ny"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert app.settings.name == ""
