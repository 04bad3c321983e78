"""The charter's tables keep their column widths after an edit: each column stays as wide as
its widest cell, at 120×40 and at 80×24 (issue "coordinator's week", item 2)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from core.db.store import Store
from tests.tui.conftest import make_app
from tui.dialogs import FormDialog
from tui.project.charter import TABLES, CharterScreen
from tui.project.member import MemberDialog
from tui.widgets.row_table import shown_text


def _widths(screen: CharterScreen) -> dict[str, list[int]]:
    tables = (screen.query_one(f"#{name}", DataTable) for name in TABLES)
    return {str(t.id): [c.get_render_width(t) for c in t.ordered_columns] for t in tables}


def _assert_columns_fit(screen: CharterScreen) -> None:
    """Every column sized by its content is as wide as its label and its widest cell."""
    for name in TABLES:
        table = screen.query_one(f"#{name}", DataTable)
        assert table.row_count
        for index, column in enumerate(table.ordered_columns):
            if not column.auto_width:
                continue
            texts = [shown_text(column.label)] + [
                shown_text(table.get_row_at(row)[index]) for row in range(table.row_count)]
            widest = max(cell_len(text) for text in texts)
            assert column.get_render_width(table) == widest + 2 * table.cell_padding, (
                name, column.key.value)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize(("table_id", "dialog"), [
    ("project-group", MemberDialog), ("goals", FormDialog)])
async def test_an_edit_keeps_the_tables_widths(
        demo_store: Store, size: tuple[int, int], table_id: str, dialog: type) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        _assert_columns_fit(screen)
        before = _widths(screen)
        screen.query_one(f"#{table_id}", DataTable).focus()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        await pilot.press("end", "x", "ctrl+s")  # the first field (a name, a goal) one longer
        await pilot.pause()
        assert app.screen is screen
        _assert_columns_fit(screen)
        after = _widths(screen)
        assert {k: v for k, v in after.items() if k != table_id} == {
            k: v for k, v in before.items() if k != table_id}
        # the edited table: its first column as before or one wider, the others as before
        first_before, *rest_before = before[table_id]
        first_after, *rest_after = after[table_id]
        assert first_after in (first_before, first_before + 1) and rest_after == rest_before
