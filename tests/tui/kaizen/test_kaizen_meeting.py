"""A kaizen meeting on the demo, by keyboard only: who is there, the agenda from the data (the
signalling measure, an overdue action row), a decision that becomes an action-plan row, the
60-minute clock, the end with a success, and the minutes found and exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, OptionList, SelectionList

from core.db import changelog
from core.db.store import Store
from core.kaizen import meetings, successes
from core.models import Meeting, MeetingItemKind
from core.plan import actions
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog, FormDialog
from tui.dialogs.pick import TickDialog
from tui.kaizen.meeting import MeetingScreen, MinutesScreen
from tui.kaizen.meeting_run import RunningMeetingScreen

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The meeting screens' clock, moved by the test."""
    moment = [START]
    for screen in (MeetingScreen, RunningMeetingScreen):
        monkeypatch.setattr(screen, "clock", staticmethod(lambda: moment[0]))
    return moment


async def test_run_a_meeting_and_find_its_minutes(
    demo_store: Store, now: list[dt.datetime], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "eksport"))
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    app = make_app(demo_store, initials="MH", name="Mette Holm")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        table = app.screen.query_one("#meetings", DataTable)
        assert table.row_count == 3  # the demo's meetings
        assert not app.screen.query_one("#meeting-warning", Label).display  # 5 days ago

        # start: tick two people, Enter
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, TickDialog)
        await pilot.press("space", "down", "space", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunningMeetingScreen)
        meeting = changelog.load(demo_store, Meeting, screen.meeting_id)
        assert (meeting.held_on, meeting.started_at) == (START.date(), START)
        assert len(meetings.participants(demo_store, meeting.id)) == 2

        # the agenda holds the signalling measure and the overdue rows
        agenda = screen.query_one("#agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        items = meetings.items_of(demo_store, meeting.id)
        assert items[0].kind == MeetingItemKind.SIGNAL
        assert "Dage fra sygemelding til første fælles samtale" in lines[0]
        assert "signal i den gode retning" in lines[0]
        overdue = next(i for i, item in enumerate(items)
                       if item.kind == MeetingItemKind.ACTION and "forsinket" in item.title)
        assert "Beskrive stedfortræderordning" in lines[overdue]
        assert any(item.kind == MeetingItemKind.CYCLE for item in items)

        # the clock counts from the start
        assert "Mødetid 00:00 af 60:00" in str(screen.query_one("#meeting-clock").render())

        # the cursor starts in the first item's note; Esc goes to the agenda, Tab back to a note
        assert screen.focused is screen.query_one("#item-note", Input)
        # note and decision on the overdue row, then the decision becomes an action-plan row
        await pilot.press("escape", *["down"] * overdue, "tab", *"Ferien kom i vejen", "enter",
                          *"Susanne skriver ordningen", "enter")
        await pilot.pause()
        item = meetings.items_of(demo_store, meeting.id)[overdue]
        assert (item.note, item.decision) == ("Ferien kom i vejen", "Susanne skriver ordningen")
        assert agenda.highlighted == overdue + 1
        assert screen.focused is screen.query_one("#item-note", Input)  # the next item's note
        before = len(actions.load_plan(demo_store, project_id))
        await pilot.press("escape", "up", "h")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-change", Input).value == "Susanne skriver ordningen"
        await pilot.press("tab", *"Susanne Krogh", "tab", *"+7", "enter")
        await pilot.pause()
        assert app.screen is screen
        plan = actions.load_plan(demo_store, project_id)
        assert len(plan) == before + 1
        assert (plan[-1].change, plan[-1].responsible, plan[-1].deadline) == (
            "Susanne skriver ordningen", "Susanne Krogh", dt.date(2026, 12, 1))
        item = meetings.items_of(demo_store, meeting.id)[overdue]
        assert "→ Handlingsplan: Susanne skriver ordningen" in item.decision

        # past the hour the clock says so in words, not only in colour
        now[0] = START + dt.timedelta(minutes=61)
        await pilot.pause(1.3)
        clock = screen.query_one("#meeting-clock", Label)
        assert "over tiden" in str(clock.render()) and clock.has_class("-over")

        # end: the minutes are saved; the successes are offered, none ticked, and recorded as
        # ticked (the decision left the cursor in the item's note: Esc first)
        assert screen.focused is screen.query_one("#item-note", Input)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TickDialog)
        offered = app.screen.query_one("#tick-options", SelectionList)
        assert offered.selected == []
        assert str(app.screen.query_one("#tick-count", Label).render()) == (
            f"0 af {offered.option_count} valgt")
        for _ in range(offered.option_count):
            await pilot.press("space", "down")
        await pilot.pause()
        assert str(app.screen.query_one("#tick-count", Label).render()) == (
            f"{offered.option_count} af {offered.option_count} valgt")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        meeting = changelog.load(demo_store, Meeting, meeting.id)
        assert (meeting.ended_at, meeting.duration_min) == (now[0], 61)
        won = successes.of_meeting(demo_store, meeting.id)  # every measure signalling better
        assert items[0].ref_id in {w.measure_id for w in won}
        assert {w.recorded_by for w in won} == {"MH"}

        # the minutes: first in the list, opened with Enter, exported with ctrl+e
        assert table.row_count == 4
        assert str(table.get_cell_at((0, 0))) == "24-11-2026"
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)
        text = str(app.screen.query_one("#minutes-text", Label).render())
        assert "Susanne skriver ordningen" in text and "Succeser" in text
        await pilot.press("ctrl+e")
        await pilot.pause()
        [exported] = (tmp_path / "eksport").iterdir()
        assert exported.suffix == ".md"
        assert "Ferien kom i vejen" in exported.read_text("utf-8")
