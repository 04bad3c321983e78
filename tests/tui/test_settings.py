"""Settings: language, name and initials, theme; saved to the config folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.widgets import Input, Select

from core.db.store import Store
from core.settings import SettingProblem, Settings, read_settings
from tests.tui.conftest import DEMO_TODAY
from tui.app import TavleApp
from tui.dialogs.form import FormDialog
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


def _settings_file() -> Path:
    return Path(os.environ["TAVLE_CONFIG_DIR"]) / "settings.json"


async def test_the_first_run_asks_who_and_where_once(empty_store: Store) -> None:
    app = TavleApp(empty_store, Settings(), first_run=True, today=lambda: DEMO_TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#field-name", Input).has_focus
        # typed at full speed: every character lands in its field
        await pilot.press(*"Mette Holm", "tab", *"mh", "tab", *"Jobcenter Nord", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert (app.settings.name, app.settings.initials) == ("Mette Holm", "MH")
        assert empty_store.author == "MH" and empty_store.unit_name == "Jobcenter Nord"
    read = read_settings()
    assert not read.first_run and read.settings.initials == "MH"


async def test_the_first_run_can_be_skipped_and_is_not_asked_again(empty_store: Store) -> None:
    app = TavleApp(empty_store, Settings(), first_run=True, today=lambda: DEMO_TODAY)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert empty_store.unit_name == ""
    assert _settings_file().is_file() and not read_settings().first_run


async def test_settings_that_could_not_be_used_are_named(empty_store: Store) -> None:
    problems = (SettingProblem("theme", "bad_value", "nord"),
                SettingProblem("cpr_guard", "bad_value", "off"))
    app = TavleApp(empty_store, Settings(cpr_guard="block"), save=False, problems=problems,
                   today=lambda: DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [note] = list(app._notifications)
        assert "»theme«: nord kan ikke bruges – standardværdien bruges." in note.message
        assert "CPR-vagten er sat til at blokere" in note.message
        assert app.settings.cpr_guard == "block"


async def test_the_unit_is_set_in_settings(empty_store: Store) -> None:
    app = TavleApp(empty_store, Settings(), save=False, today=lambda: DEMO_TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#unit", Input).focus()
        await pilot.press(*"Sundhed [b]Syd", "ctrl+s")
        await pilot.pause()
        assert empty_store.unit_name == "Sundhed [b]Syd"
        await pilot.press("escape")  # saved: leaves without a question
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
