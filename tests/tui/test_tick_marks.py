"""Ticks show their state without colour: `[x]` ticked, `[ ]` not, in tick lists, checkboxes and
the phase checklist; a tick dialog starts with nothing ticked unless asked and counts the ticks."""

from __future__ import annotations

from textual.widgets import Label

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.dialogs.pick import TickDialog
from tui.dialogs.ticks import TickBox, TickList, tick_mark


def _line(widget: TickList[str], y: int) -> str:
    return "".join(segment.text for segment in widget.render_line(y))


async def test_tick_lists_and_boxes_draw_brackets(empty_store: Store) -> None:
    app = make_app(empty_store)
    answers: list[list[str] | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = TickDialog("Fejr succeserne", [("Færre dage", "1"), ("Ny tjekliste", "2"),
                                                ("Samtale samme dag", "3")])
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        ticks = dialog.query_one("#tick-options", TickList)
        count = dialog.query_one("#tick-count", Label)
        assert ticks.selected == []  # nothing ticked unless the caller asks
        assert [_line(ticks, y)[:4] for y in range(3)] == ["[ ] "] * 3
        assert str(count.render()) == "0 af 3 valgt"
        await pilot.press("down", "space")
        await pilot.pause()
        assert [_line(ticks, y)[:3] for y in range(3)] == ["[ ]", "[x]", "[ ]"]
        assert "Ny tjekliste" in _line(ticks, 1)
        assert str(count.render()) == "1 af 3 valgt"
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [["2"]]

        box = TickBox("Kun forsinkede")
        await app.screen.mount(box)
        assert str(box._button) == "[ ]"
        box.value = True
        assert str(box._button) == "[x]"
        assert (tick_mark(True), tick_mark(False)) == ("[x]", "[ ]")


async def test_ticked_in_advance_only_when_asked(empty_store: Store) -> None:
    app = make_app(empty_store, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = TickDialog("Who is here?", [("Ann", "a"), ("Bo", "b")], ticked=["b"])
        app.push_screen(dialog)
        await pilot.pause()
        ticks = dialog.query_one("#tick-options", TickList)
        assert [_line(ticks, y)[:3] for y in range(2)] == ["[ ]", "[x]"]
        assert str(dialog.query_one("#tick-count", Label).render()) == "1 of 2 ticked"
