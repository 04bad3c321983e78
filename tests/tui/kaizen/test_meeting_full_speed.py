"""A kaizen meeting typed at full speed – one `pilot.press` for the whole meeting, no pause
between keys: start, tick who is there, then notes and decisions on several items. Every
character lands in the field it was typed into, the letters that are shortcuts on the agenda
(`a`, `e`, `h`, `k`, `i`) run nothing, and no item is added to the agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, OptionList

from core.db.store import Store
from core.kaizen import meetings
from tests.tui.conftest import make_app
from tui.kaizen.meeting import MeetingScreen
from tui.kaizen.meeting_run import RunningMeetingScreen

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)

# The agenda's and the project's shortcut letters (a, e, h, k, i), capitals, digits, Danish
# letters and punctuation other screens bind (?, /, space).
TYPED = [
    ("Ferien kom i vejen", "Ida skriver den"),
    ("Hvad nu? 3/4 klar", "Kaj & EKH tager den"),
    ("Åse: økonomi", "Afvent"),
]


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    for screen in (MeetingScreen, RunningMeetingScreen):
        monkeypatch.setattr(screen, "clock", staticmethod(lambda: START))


async def test_meeting_typed_at_full_speed_keeps_every_character(
    demo_store: Store, fixed_clock: None,
) -> None:
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        typing: list[str] = []
        for note, decision in TYPED:
            typing += [*note, "enter", *decision, "enter"]
        # start, tick two people, Enter – and type on at once, without waiting for the meeting
        await pilot.press("s", "space", "down", "space", "enter", *typing)
        await pilot.pause()

        screen = app.screen
        assert isinstance(screen, RunningMeetingScreen)
        assert len(meetings.participants(demo_store, screen.meeting_id)) == 2
        items = meetings.items_of(demo_store, screen.meeting_id)
        started_with = len(items)
        assert started_with > len(TYPED)
        for item, (note, decision) in zip(items, TYPED, strict=False):
            assert (item.note, item.decision) == (note, decision)
        assert all(not item.note and not item.decision for item in items[len(TYPED):])
        # the cursor waits in the next item's note; nothing else happened
        assert screen.query_one("#agenda", OptionList).highlighted == len(TYPED)
        assert screen.focused is screen.query_one("#item-note", Input)
        assert screen.query_one("#item-note", Input).value == ""
        assert app.screen_stack[-1] is screen and len(app.screen_stack) == 5
        assert meetings.running_meeting(demo_store, project_id) is not None  # not ended

        # Esc leaves the note for the agenda, where the letters are shortcuts again
        await pilot.press("escape")
        assert screen.focused is screen.query_one("#agenda", OptionList)
        assert len(meetings.items_of(demo_store, screen.meeting_id)) == started_with


async def test_last_decision_keeps_the_cursor_in_the_last_note(
    demo_store: Store, fixed_clock: None,
) -> None:
    """Enter on the last item's decision does not drop the cursor on the agenda, where the next
    letters would run shortcuts (`e` ends the meeting): it stays in the last item's note."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "n", "s", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunningMeetingScreen)
        agenda = screen.query_one("#agenda", OptionList)
        last = agenda.option_count - 1
        await pilot.press("escape", "end", "enter")
        await pilot.press(*"Godt", "enter", *"Slut", "enter", *"efter mødet")
        await pilot.pause()
        items = meetings.items_of(demo_store, screen.meeting_id)
        assert len(items) == last + 1
        assert (items[-1].note, items[-1].decision) == ("Godt", "Slut")
        assert agenda.highlighted == last
        note = screen.query_one("#item-note", Input)
        assert screen.focused is note and note.value == "Godtefter mødet"
        assert app.screen is screen  # `e` did not ask to end the meeting
        assert any("sidste punkt" in n.message for n in app._notifications)
