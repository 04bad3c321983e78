"""The terminal check at start and the charts' markers (issue 23), with the platform and the
environment faked through `core.terminal.console_host`: in the Windows console host the note
is shown once (and again on request), and charts are drawn with ASCII markers unless the user
chose otherwise; the choice is kept in the settings file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Label, Select

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.models import Measure, MeasureKind
from core.project import projects
from core.settings import Settings, read_settings
from core.terminal import console_host
from tests.tui.conftest import DEMO_TODAY
from tui.app import TavleApp
from tui.dialogs.terminal_note import TerminalNote
from tui.measures.measure import MeasureScreen
from tui.project.project_list import ProjectListScreen
from tui.screens.settings import SettingsScreen
from tui.widgets.run_chart import RunChartView

CONSOLE_HOST = console_host("win32", {"TERM": "xterm"})
WINDOWS_TERMINAL = console_host("win32", {"WT_SESSION": "5c0b3f2e"})


def _app(store: Store, settings: Settings, on_console_host: bool, *, save: bool = False,
         ) -> TavleApp:
    return TavleApp(store, settings, save=save, today=lambda: DEMO_TODAY,
                    console_host=on_console_host)


def _settings_file() -> Path:
    return Path(os.environ["TAVLE_CONFIG_DIR"]) / "settings.json"


def _note_text(app: TavleApp) -> str:
    return str(app.screen.query_one("#terminal-text", Label).render())


def _braille(text: str) -> bool:
    return any(0x2800 <= ord(c) <= 0x28FF for c in text)


def _measure(store: Store) -> Measure:
    project = projects.create_project(store, "Ventetid")
    log = UndoLog(store)
    measure = measures.add_measure(log, project.id, name="Dage", kind=MeasureKind.TIME)
    values = [20.0, 22, 21, 23, 20, 22, 21, 23, 22, 21, 30, 21]
    measures.apply_paste(log, measure, [measures.Entry(f"2026-W{week:02d}", value=value)
                                        for week, value in enumerate(values, start=1)])
    return measure


async def _chart(app: TavleApp, pilot: Pilot[None], measure: Measure) -> str:
    """The measure's run chart as drawn (its plain text)."""
    app.push_screen(MeasureScreen(measure.project_id, measure.id))
    await pilot.pause()
    assert isinstance(app.screen, MeasureScreen)
    return app.screen.query_one("#measure-chart", RunChartView).chart_text


async def test_the_console_host_is_told_once_in_the_ui_language(empty_store: Store) -> None:
    app = _app(empty_store, Settings(language="en"), CONSOLE_HOST, save=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TerminalNote)
        text = _note_text(app)
        assert "Windows console" in text and "Windows Terminal" in text
        assert "tavle serve" in text and "Microsoft Store" in text and "F3" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert app.settings.terminal_note_seen
    read = read_settings(_settings_file())
    assert read.settings.terminal_note_seen and read.settings.language == "en"
    again = _app(empty_store, read.settings, CONSOLE_HOST)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ProjectListScreen)  # not at the next start


async def test_no_note_in_windows_terminal_but_it_can_be_asked_for(empty_store: Store) -> None:
    app = _app(empty_store, Settings(), WINDOWS_TERMINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Om terminalen" in titles
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, TerminalNote)
        assert "kan indsætte en blok fra Excel" in _note_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert not app.settings.terminal_note_seen  # asked for, not the one shown at start


async def test_asked_for_on_the_console_host_after_it_was_seen(empty_store: Store) -> None:
    app = _app(empty_store, Settings(terminal_note_seen=True), CONSOLE_HOST)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        await pilot.press("f12")
        await pilot.pause()
        assert "Windows-konsollen" in _note_text(app)


async def test_charts_are_ascii_on_the_console_host(empty_store: Store) -> None:
    measure = _measure(empty_store)
    app = _app(empty_store, Settings(terminal_note_seen=True), CONSOLE_HOST)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        chart = await _chart(app, pilot, measure)
        assert chart and not _braille(chart)
        assert "•" not in chart and "╌" not in chart
        assert "*" in chart and "." in chart  # the points and the line between them
        assert "-" * 5 in chart and ":" * 5 in chart  # the centre line, the limits


async def test_charts_keep_braille_elsewhere_and_the_setting_wins(empty_store: Store) -> None:
    measure = _measure(empty_store)
    for settings, on_console_host, ascii_drawn in (
            (Settings(), False, False),
            (Settings(chart_markers="ascii"), False, True),
            (Settings(chart_markers="braille", terminal_note_seen=True), True, False)):
        app = _app(empty_store, settings, on_console_host)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            chart = await _chart(app, pilot, measure)
            assert chart and _braille(chart) is not ascii_drawn, settings


async def test_the_marker_choice_is_saved_from_the_settings_screen(empty_store: Store) -> None:
    app = _app(empty_store, Settings(terminal_note_seen=True, cpr_guard="block"), False,
               save=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        select = screen.query_one("#chart-markers", Select)
        assert select.value == "auto"
        select.value = "ascii"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.settings.chart_markers == "ascii"
    saved = json.loads(_settings_file().read_text("utf-8"))
    assert saved["chart_markers"] == "ascii"
    assert saved["terminal_note_seen"] is True and saved["cpr_guard"] == "block"  # kept
