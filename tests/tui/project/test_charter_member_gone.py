"""A member deleted from the charter's project group is not offered as a meeting's participant
(issue "coordinator's week", item 3)."""

from __future__ import annotations

from textual.widgets import DataTable, SelectionList

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.dialogs import ConfirmDialog
from tui.dialogs.pick import TickDialog
from tui.kaizen.meeting import MeetingScreen
from tui.project.charter import CharterScreen
from tui.project.project_screen import ProjectScreen


async def test_a_deleted_member_is_not_offered_at_the_next_meeting(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        group = screen.query_one("#project-group", DataTable)
        names = [str(group.get_row_at(i)[0]) for i in range(group.row_count)]
        assert screen.view is not None
        steering = {seat.name for seat in screen.view.steering}
        gone = next(name for name in names if name not in steering)  # only in the project group
        group.focus()
        await pilot.press(*["down"] * names.index(gone), "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert gone not in [str(group.get_row_at(i)[0]) for i in range(group.row_count)]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, TickDialog)
        options = app.screen.query_one("#tick-options", SelectionList)
        offered = [str(options.get_option_at_index(i).prompt).split(" (")[0]  # "Navn (AB)"
                   for i in range(options.option_count)]
        assert gone not in offered
        assert [n for n in names if n != gone] == [n for n in names if n in offered]
