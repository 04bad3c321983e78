"""A board of 200 cards stays usable: it opens, the focus reaches the last card of a column, and
that card moves by keyboard."""

from __future__ import annotations

from textual.widgets import OptionList

from core.db import changelog
from core.db.store import Store
from core.kaizen import board
from core.models import BoardColumn, KaizenCard
from core.order_keys import spaced_keys
from core.project import projects
from tests.tui.conftest import make_app
from tui.kaizen.board import BoardScreen


async def test_two_hundred_cards(empty_store: Store) -> None:
    project = projects.create_project(empty_store, "Stor tavle")
    with empty_store.transaction():
        for index, order in enumerate(spaced_keys(200)):
            column = (BoardColumn.IDEA, BoardColumn.PLANNED)[index % 2 and index < 40]
            changelog.create(empty_store, changelog.build(
                KaizenCard, project_id=project.id, title=f"Kort {index:03d} med en lang titel",
                owner=f"Ejer {index % 7}", column=column, order=order))
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(BoardScreen(project.id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        ideas = screen.query_one("#cards-idea", OptionList)
        assert ideas.option_count == 180
        await pilot.press("end")
        await pilot.pause()
        last = screen.focused_card()
        assert last is not None and last.title.startswith("Kort 199")
        # the focused card is scrolled into view and shown in full under the board
        assert ideas.scroll_y > 0
        assert "Kort 199 med en lang titel" in str(screen.query_one("#board-details").render())
        await pilot.press("shift+up")
        await pilot.pause()
        titles = [c.title for c in board.by_column(
            board.load_cards(empty_store, project.id))[BoardColumn.IDEA]]
        assert titles[-2].startswith("Kort 199") and titles[-1].startswith("Kort 198")
        assert ideas.highlighted == 178
        await pilot.press("shift+right")
        await pilot.pause()
        moved = changelog.load(empty_store, KaizenCard, last.id)
        assert moved.column == BoardColumn.PLANNED
        planned = screen.query_one("#cards-planned", OptionList)
        assert app.focused is planned and planned.option_count == 21
        assert screen.focused_card() is not None and screen.focused_card().id == last.id
