"""The command palette knows where you are and what you have: from the start screen it finds
every screen of every project by name or another word ("redesign", "kaizen", "driver",
"benchmark"), says in the UI language when nothing matches, and inside a project it goes to the
project's other screens."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from core.db.store import Store
from core.project.projects import rename_project
from tests.tui.conftest import make_app
from tui.drivers.diagram import DriverDiagramScreen
from tui.kaizen.board import BoardScreen
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.screens.settings import SettingsScreen
from tui.teams.benchmark import BenchmarkScreen
from tui.workflow.redesign import RedesignMapScreen

DEMO_PROJECT = "Hurtigere afklaring af sygemeldte borgere"


async def _search(pilot: Pilot[None], query: str) -> CommandPalette:
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.8)  # the palette gathers for a moment; "no matches" waits 0.5 s
    return palette


def _shown(palette: CommandPalette) -> list[str]:
    """The first line of every entry the palette shows (its "nothing matches" too)."""
    options = palette.query_one(CommandList).options
    prompts = [getattr(option.prompt, "renderable", option.prompt) for option in options]
    return [str(prompt).split("\n")[0] for prompt in prompts]


@pytest.mark.parametrize(("query", "screen", "title"), [
    ("redesign", RedesignMapScreen, f"Redesign – {DEMO_PROJECT}"),
    ("kaizen", BoardScreen, f"Kaizen-tavle – {DEMO_PROJECT}"),
    ("driver", DriverDiagramScreen, f"Driverdiagram – {DEMO_PROJECT}"),
])
async def test_the_palette_on_the_start_screen_opens_a_project_screen_by_name(
    demo_store: Store, query: str, screen: type[Screen[None]], title: str,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        palette = await _search(pilot, query)
        assert _shown(palette)[0] == title
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, screen)
        # Esc goes back to the project, as when the screen is opened by its key there
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)


async def test_benchmark_finds_the_team_comparison(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        palette = await _search(pilot, "benchmark")
        assert _shown(palette)[0] == "Sammenlign teams"
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, BenchmarkScreen)


@pytest.mark.parametrize(("lang", "placeholder", "empty"), [
    ("da", "Søg efter en kommando …", "Ingen kommandoer passer – prøv et andet ord"),
    ("en", "Search for a command …", "No commands match – try another word"),
    ("nb", "Søk etter en kommando …", "Ingen kommandoer passer – prøv et annet ord"),
])
async def test_no_match_is_said_in_the_ui_language(
    demo_store: Store, lang: str, placeholder: str, empty: str,
) -> None:
    app = make_app(demo_store, language=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        palette = await _search(pilot, "qqxqzz")
        assert palette.query_one(Input).placeholder == placeholder
        assert _shown(palette) == [empty]
        assert "No matches found" not in _shown(palette)


async def test_inside_a_project_the_palette_goes_to_its_other_screens(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        palette = await _search(pilot, "kaizen")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, BoardScreen)
        # from the board to the driver diagram by another word; Esc still leads to the project
        palette = await _search(pilot, "drivere")
        assert _shown(palette)[0] == "Driverdiagram"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DriverDiagramScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)


async def test_a_project_screen_is_found_by_its_other_words(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        palette = await _search(pilot, "ny arbejdsgang")
        assert _shown(palette)[0] == f"Redesign – {DEMO_PROJECT}"


async def test_inside_a_project_the_palette_goes_to_the_global_screens(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _search(pilot, "driver")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DriverDiagramScreen)
        palette = await _search(pilot, "benchmark")
        assert _shown(palette)[0] == "Sammenlign teams"
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, BenchmarkScreen)
        # settings from there, by its name; Esc goes back the way one came
        await _search(pilot, "Indstillinger")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BenchmarkScreen)


async def test_a_project_name_in_the_palette_is_text_never_markup(demo_store: Store) -> None:
    (project_id,) = [r["id"] for r in demo_store.query("SELECT id FROM projects WHERE _exists")]
    name = "[bold red]Ny[/] sag [link=x] \\[b"
    rename_project(demo_store, project_id, name)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        palette = await _search(pilot, "kaizen-tavle")
        assert _shown(palette)[0] == f"Kaizen-tavle – {name}"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, BoardScreen)
