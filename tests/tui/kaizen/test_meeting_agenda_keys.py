"""The running meeting's agenda on the demo is built from the whole board, and each agenda key is
offered only on the kinds of item it works on: `k` moves a card or a cycle's card, puts an idea
on the board, and on a signal or an action row is not in the footer and, pressed anyway, says
why (it never silently does nothing)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import OptionList

from core.db.store import Store
from core.i18n import Translator
from core.kaizen import board, meetings
from core.models import BoardColumn, MeetingItemKind
from tests.tui.conftest import make_app
from tui.dialogs.pick import PickDialog
from tui.kaizen.meeting_run import RunningMeetingScreen

START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RunningMeetingScreen, "clock", staticmethod(lambda: START))


def _footer_keys(screen: RunningMeetingScreen) -> dict[str, str]:
    """What the footer offers: key → description (enabled and shown bindings only)."""
    return {key: active.binding.description for key, active in screen.active_bindings.items()
            if active.enabled and active.binding.show}


async def test_the_agenda_and_its_keys_follow_the_kind_of_item(demo_store: Store) -> None:
    (project_id,) = demo_store.execute("SELECT id FROM projects").fetchone()
    meeting = meetings.start_meeting(demo_store, project_id, [], Translator("da"), now=START)
    items = meetings.items_of(demo_store, meeting.id)
    kinds = [item.kind for item in items]
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(RunningMeetingScreen(project_id, meeting.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunningMeetingScreen)
        agenda = screen.query_one("#agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]

        # the whole board: every planned and tested card, per column
        cards = board.by_column(board.load_cards(demo_store, project_id))
        for column, name in ((BoardColumn.PLANNED, "Planlagt"),
                             (BoardColumn.TESTING, "Afprøves")):
            for card in cards[column]:
                assert any(card.title in line and f"kort i {name}" in line for line in lines)
        # a cycle waiting for study, the overdue action rows, one new idea (not the carded ones)
        assert any("afprøvning 2 venter på studér" in line for line in lines)
        assert sum("handling forsinket" in line for line in lines) == 2
        new = [line for line in lines if "ny idé" in line]
        assert len(new) == 1 and "Egen læge" in new[0]
        assert not any("Tavlemøde" in line or "Byt plads" in line for line in lines
                       if "ny idé" in line)

        await pilot.press("escape")  # from the first note to the agenda
        await pilot.pause()

        async def go_to(kind: MeetingItemKind) -> int:
            index = kinds.index(kind)
            agenda.highlighted = index
            await pilot.pause()
            return index

        # a signal: h is offered, k is not; k pressed anyway says why
        await go_to(MeetingItemKind.SIGNAL)
        keys = _footer_keys(screen)
        assert keys.get("h") == "Handlingsplan" and "k" not in keys
        await pilot.press("k")
        await pilot.pause()
        assert app.screen is screen
        assert any("har intet kort at flytte" in n.message and "Signal i en måling" in n.message
                   for n in app._notifications)

        # an action row: the same
        await go_to(MeetingItemKind.ACTION)
        assert "k" not in _footer_keys(screen)
        app._notifications.clear()
        await pilot.press("k")
        await pilot.pause()
        assert any("»Handling«" in n.message for n in app._notifications)

        # a card and a cycle: k moves the card
        for kind in (MeetingItemKind.CARD, MeetingItemKind.CYCLE):
            await go_to(kind)
            assert _footer_keys(screen).get("k") == "Flyt kort"
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("escape")
        await pilot.pause()

        # an idea not on the board: k puts it there
        index = await go_to(MeetingItemKind.IDEA)
        assert _footer_keys(screen).get("k") == "Sæt på tavlen"
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # the column offered: Planlagt
        await pilot.pause()
        assert app.screen is screen
        idea_item = meetings.items_of(demo_store, meeting.id)[index]
        card_id = meetings.card_of(demo_store, idea_item)
        assert card_id is not None
        card = board.load_card(demo_store, project_id, card_id)
        assert (card.column, card.idea_id) == (BoardColumn.PLANNED, idea_item.ref_id)
        assert "sat på tavlen" in idea_item.decision
        # now it is a card on the board: k moves it
        await pilot.press("escape")
        agenda.highlighted = index
        await pilot.pause()
        assert _footer_keys(screen).get("k") == "Flyt kort"

