"""The action plan at 80×24: the grid opens on its first column (change/task at the left edge),
moving the cursor to a column off the right edge scrolls it into view, and moving back scrolls
back to the first column."""

from __future__ import annotations

from core.db.store import Store
from tests.tui.conftest import make_app, screen_text
from tui.plan.action_plan import ActionPlanScreen
from tui.plan.plan_grid import PlanGrid


def _header_line(app: object) -> str:
    """The grid's column labels as drawn (the line under the app's header)."""
    return screen_text(app).split("\n")[1]  # type: ignore[arg-type]


async def test_the_grid_starts_at_its_first_column_and_scrolls_with_the_cursor(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(2):  # opened, closed and opened again
            await pilot.press("enter", "h")  # the demo project, its action plan
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ActionPlanScreen)
            grid = screen.query_one(PlanGrid)
            assert grid.max_scroll_x > 0  # the grid is wider than 80 columns
            assert grid.scroll_x == 0
            assert grid.cursor_coordinate.column == 0
            assert _header_line(app).startswith(" Ændring/opgave")
            assert "Kobling" not in _header_line(app)
            await pilot.press(*["right"] * 6)  # to the last column, Kobling
            await pilot.pause()
            assert grid.cursor_coordinate.column == 6
            assert grid.scroll_x > 0
            assert "Kobling" in _header_line(app)
            await pilot.press(*["left"] * 6)
            await pilot.pause()
            assert grid.scroll_x == 0
            assert _header_line(app).startswith(" Ændring/opgave")
            await pilot.press("escape", "escape")  # back to the project list
            await pilot.pause()
