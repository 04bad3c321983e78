"""The demo board at 80×24 by keyboard: `w` sets a column's limit of cards, a card moved into the
full column still moves and the board says so; a recurring card moved to Standard comes back in
Planned, and one ctrl+z takes back both."""

from __future__ import annotations

from textual.widgets import Input, Label, OptionList

from core.db import changelog
from core.db.store import Store
from core.kaizen import board
from core.models import BoardColumn, KaizenCard
from tests.tui.conftest import make_app
from tui.dialogs import FormDialog
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.kaizen.board import BoardScreen


def _project_id(store: Store) -> str:
    (project_id,) = store.execute("SELECT id FROM projects").fetchone()
    return str(project_id)


def _titles(store: Store, column: BoardColumn) -> list[str]:
    cards = board.by_column(board.load_cards(store, _project_id(store)))[column]
    return [card.title for card in cards]


async def _open_board(pilot) -> BoardScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter", "b")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen)
    return screen


async def test_a_limit_is_set_shown_and_exceeded_with_a_warning(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_board(pilot)
        await pilot.press("right", "right")  # the "Afprøves" column (two cards)
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(screen, BoardScreen) and app.screen is screen
        title = screen.query_one("#title-testing", Label)
        assert str(title.render()) == "Afprøves 2/2"
        assert not title.has_class("-over-limit")
        assert any(n.message == "»Afprøves« må højst have 2 kort." for n in app._notifications)
        assert "Afprøves: 2 af højst 2 kort" in str(screen.query_one("#board-status").render())

        # a card from Planned into the full column: it moves, and the board says so
        app._notifications.clear()
        await pilot.press("left")
        await pilot.pause()
        moving = screen.focused_card()
        assert moving is not None and moving.column == BoardColumn.PLANNED
        await pilot.press("shift+right")
        await pilot.pause()
        assert changelog.load(demo_store, KaizenCard, moving.id).column == BoardColumn.TESTING
        assert str(title.render()) == "Afprøves 3/2"
        assert title.has_class("-over-limit")
        assert [n.message for n in app._notifications if n.severity == "warning"] == [
            "Afprøves har nu 3 kort – grænsen er 2."]

        # ctrl+z takes the move back; an empty limit clears it
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert str(title.render()) == "Afprøves 2/2"
        back = screen.focused_card()  # the cursor followed the card back to Planned
        assert back is not None and (back.id, back.column) == (moving.id, BoardColumn.PLANNED)
        await pilot.press("right", "w")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        field = app.screen.query_one(Input)
        assert field.value == "2"
        await pilot.press("backspace", "x", "enter")  # not a number: the form says so
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "tal" in str(app.screen.query_one("#form-error").render())
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert board.column_limits(demo_store, _project_id(demo_store)) == {}
        assert str(title.render()) == "Afprøves (2)"


async def test_a_recurring_card_moved_to_standard_comes_back_and_ctrl_z_undoes_both(
        demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_board(pilot)
        await pilot.press("right", "right")
        await pilot.pause()
        card = screen.focused_card()
        assert card is not None and card.column == BoardColumn.TESTING
        assert card.due is not None and card.recur_weeks is None

        # F2: the card comes back every 2 weeks
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceFormDialog)
        dialog.query_one("#field-recur_weeks", Input).focus()
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert changelog.load(demo_store, KaizenCard, card.id).recur_weeks == 2
        options = screen.query_one("#cards-testing", OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("↻ Ring")
        assert "kommer igen hver 2. uge" in str(screen.query_one("#board-details").render())

        # done: to Standard, and it comes back in Planned two weeks after its due date
        planned_before = _titles(demo_store, BoardColumn.PLANNED)
        app._notifications.clear()
        await pilot.press("shift+right")
        await pilot.pause()
        assert changelog.load(demo_store, KaizenCard, card.id).column == BoardColumn.STANDARD
        assert _titles(demo_store, BoardColumn.PLANNED) == [*planned_before, card.title]
        [again] = [c for c in board.load_cards(demo_store, _project_id(demo_store))
                   if c.column == BoardColumn.PLANNED and c.title == card.title]
        assert again.recur_weeks == 2 and again.due is not None
        assert (again.due - card.due).days == 14
        year, week, _ = again.due.isocalendar()
        assert any(f"Kortet kommer igen i uge {week} {year}" in n.message
                   for n in app._notifications)
        assert any(card.title[:10] in str(line.prompt) for line in
                   (screen.query_one("#cards-planned", OptionList).get_option_at_index(i)
                    for i in range(len(planned_before) + 1)))

        # one ctrl+z: the card is back in Afprøves and the new one is gone
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert changelog.load(demo_store, KaizenCard, card.id).column == BoardColumn.TESTING
        assert _titles(demo_store, BoardColumn.PLANNED) == planned_before
        assert changelog.load(demo_store, KaizenCard, card.id).recur_weeks == 2
