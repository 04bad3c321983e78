"""The meeting rhythm by keyboard at 80x24: R on the project screen and on the meeting screen,
the warning gone at 15 days with 21-day meetings, the next date and "møde n af 5" shown, and
presentation mode telling the rhythm kept."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import Input, Label

from core.db.store import Store
from core.kaizen.rhythm import last_meeting_date, project_rhythm
from core.settings import Settings
from tui.app import TavleApp
from tui.dialogs import FormDialog
from tui.kaizen.meeting import MeetingScreen
from tui.project.project_screen import ProjectScreen
from tui.views.presentation import PresentationScreen


def _app(store: Store, today: dt.date) -> TavleApp:
    return TavleApp(store, Settings(initials="MH", name="Mette Holm"), save=False,
                    today=lambda: today)


def _text(screen: ProjectScreen | MeetingScreen, selector: str) -> str:
    label = screen.query_one(selector, Label)
    return str(label.render()) if label.display else ""


async def _set_rhythm(pilot: Pilot[None], every: str, planned: str) -> None:
    """R, then type the days over the shown 14, Tab, the number of meetings, ctrl+s."""
    await pilot.press("R")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormDialog)
    pilot.app.screen.query_one("#field-every", Input).value = ""
    await pilot.press(*every, "tab", *planned, "ctrl+s")
    await pilot.pause()


async def test_a_21_day_rhythm_of_5_meetings_on_the_project_screen(demo_store: Store) -> None:
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    last = last_meeting_date(demo_store, project_id)
    assert last is not None
    today = last + dt.timedelta(days=15)
    app = _app(demo_store, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectScreen)
        # the guide's 14 days: 15 days since the last meeting is late
        assert "15 dage siden sidste kaizen-møde" in _text(screen, "#phase-facts")
        line = _text(screen, "#next-meeting")
        due = last + dt.timedelta(days=14)
        assert line == f"Næste kaizen-møde: {due:%d-%m-%Y} (1 dag forsinket)"
        assert screen.query_one("#next-meeting").has_class("late")

        await _set_rhythm(pilot, "21", "5")
        assert app.screen is screen
        rhythm = project_rhythm(demo_store, project_id)
        assert (rhythm.every_days, rhythm.planned) == (21, 5)
        assert "siden sidste kaizen-møde" not in _text(screen, "#phase-facts")
        due = last + dt.timedelta(days=21)
        line = _text(screen, "#next-meeting")
        assert line == f"Næste kaizen-møde: {due:%d-%m-%Y} (om 6 dage) · møde 4 af 5"
        assert len(line) <= 78 and not screen.query_one("#next-meeting").has_class("late")

        # presentation mode tells the learning network the rhythm kept (page 4: the cycles)
        await pilot.press("P")
        await pilot.pause()
        presentation = app.screen
        assert isinstance(presentation, PresentationScreen)
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert presentation.page_text().startswith(
            "3 kaizen-møder holdt · møderytme: 21 dage · 3 af 5 planlagte")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # undoable like any edit on the screen
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert project_rhythm(demo_store, project_id).every_days == 14
        assert "15 dage siden sidste kaizen-møde" in _text(screen, "#phase-facts")


async def test_the_rhythm_from_the_meeting_screen(demo_store: Store) -> None:
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    last = last_meeting_date(demo_store, project_id)
    assert last is not None
    app = _app(demo_store, last + dt.timedelta(days=15))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert "projektet holder dem med 14 dages mellemrum" in _text(screen, "#meeting-warning")
        assert _text(screen, "#meeting-plan") == ""

        # a number that is not a whole number is refused with the catalog's message
        await _set_rhythm(pilot, "21,5", "5")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "Tallet må ikke have decimaler" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#field-every", Input).value = "21"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen

        assert _text(screen, "#meeting-warning") == ""
        dates = [last + dt.timedelta(days=21 * n) for n in (1, 2)]
        assert _text(screen, "#meeting-plan") == (
            f"Planlagte kaizen-møder: {dates[0]:%d-%m-%Y} · {dates[1]:%d-%m-%Y}")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _text(screen, "#meeting-plan") == ""
        assert _text(screen, "#meeting-warning") != ""
