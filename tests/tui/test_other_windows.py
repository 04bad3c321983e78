"""Two Tavle windows on one file: what the other window writes shows in this one after the next
look (the slow timer, or the terminal window getting the focus back), never under the user's
typing, and with the cursor where it was."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import DataTable, Input

import tui.app
from core.db.store import Store
from core.db.undo import UndoLog
from core.plan import actions
from core.project import projects
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.app import TavleApp
from tui.dialogs import FormDialog
from tui.plan.action_plan import ActionPlanScreen
from tui.plan.plan_grid import PlanGrid
from tui.project.project_list import ProjectListScreen

WALL_MS = 1_795_000_000_000  # a November 2026 wall clock for the other window's changes


def _other_window(store: Store) -> Store:
    """A second connection to the same file, as another Tavle process would open it."""
    assert store.path is not None
    return Store.open(store.path, wall_clock=lambda: WALL_MS)


def _make_project_elsewhere(store: Store, name: str) -> None:
    other = _other_window(store)
    try:
        projects.create_project(other, name, unit="Sundhed")
    finally:
        other.close()


def _edit_elsewhere(store: Store, action_id: str, text: str) -> None:
    other = _other_window(store)
    try:
        actions.edit_cell(UndoLog(other), action_id, "change", text, DEMO_TODAY)
    finally:
        other.close()


def _project_names(app: TavleApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ProjectListScreen)
    table = screen.query_one("#projects", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def _open_plan(app: TavleApp, pilot) -> ActionPlanScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("enter", "h")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ActionPlanScreen)
    return screen


def _change_text(screen: ActionPlanScreen, action_id: str) -> str:
    """What the grid shows in the first column of the row of `action_id`."""
    index = next(i for i, row in enumerate(screen._shown) if row.id == action_id)
    return str(screen.query_one(PlanGrid).get_row_at(index)[0])


async def test_the_project_list_shows_a_project_made_in_another_window(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectListScreen)
        (demo_name,) = _project_names(app)
        selected = screen.selected_id()
        _make_project_elsewhere(demo_store, "Aftenvagtens overlevering")
        await pilot.pause()
        assert _project_names(app) == [demo_name]  # not before the next look
        app.check_other_windows()
        await pilot.pause()
        assert sorted(_project_names(app)) == sorted([demo_name, "Aftenvagtens overlevering"])
        assert screen.selected_id() == selected  # the cursor stays on its project


async def test_the_action_plan_shows_another_windows_edit_and_keeps_the_cursor(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        await pilot.press("down", "down", "right")
        await pilot.pause()
        grid = screen.query_one(PlanGrid)
        on_row = screen._shown[2].id
        target = screen._shown[4].id
        _edit_elsewhere(demo_store, target, "Ændret i det andet vindue")
        app.check_other_windows()
        await pilot.pause()
        assert _change_text(screen, target) == "Ændret i det andet vindue"
        assert screen._shown[grid.cursor_row].id == on_row
        assert grid.cursor_column == 1


async def test_a_reload_waits_while_the_user_types_in_a_cell_and_comes_after(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_plan(app, pilot)
        mine, theirs = screen._shown[0].id, screen._shown[1].id
        before = _change_text(screen, theirs)
        await pilot.press("enter", "ctrl+u", *"Skrevet her")
        await pilot.pause()
        editor_input = screen.editor.input
        assert editor_input.has_focus
        _edit_elsewhere(demo_store, theirs, "Fra det andet vindue")
        app.check_other_windows()
        await pilot.pause()
        # the grid is not read again under the typing: the text and the editor stay as they are
        assert screen.editor.is_open and editor_input.has_focus
        assert editor_input.value == "Skrevet her"
        assert _change_text(screen, theirs) == before
        await pilot.press("enter")  # saved; the focus goes back to the grid: now it reads
        await pilot.pause()
        await pilot.pause()
        assert _change_text(screen, theirs) == "Fra det andet vindue"
        assert _change_text(screen, mine) == "Skrevet her"
        assert screen._shown[screen.query_one(PlanGrid).cursor_row].id == mine
        plan = {row.id: row.change for row in actions.load_plan(demo_store, screen.project_id)}
        assert plan[mine] == "Skrevet her" and plan[theirs] == "Fra det andet vindue"


async def test_an_open_dialog_keeps_its_typing_and_its_closing_shows_the_writes(
    demo_store: Store,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Ny ide")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        typed = dialog.query(Input).first()
        assert typed.value == "Ny ide"
        _make_project_elsewhere(demo_store, "Aftenvagtens overlevering")
        app.check_other_windows()
        await pilot.pause()
        assert app.screen is dialog and typed.value == "Ny ide"
        await pilot.press("escape", "y")  # discard the new project
        await pilot.pause()
        assert isinstance(app.screen, ProjectListScreen)
        assert "Aftenvagtens overlevering" in _project_names(app)


async def test_the_slow_timer_looks_by_itself(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tui.app, "OTHER_WINDOWS_SECONDS", 0.05)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _make_project_elsewhere(demo_store, "Aftenvagtens overlevering")
        await pilot.pause(0.3)
        assert "Aftenvagtens overlevering" in _project_names(app)


async def test_getting_the_focus_back_looks_at_once(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _make_project_elsewhere(demo_store, "Aftenvagtens overlevering")
        app.post_message(events.AppFocus())
        await pilot.pause()
        await pilot.pause()
        assert "Aftenvagtens overlevering" in _project_names(app)


async def test_nothing_is_read_again_when_no_other_window_wrote(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProjectListScreen)
        reloads: list[object] = []
        monkeypatch.setattr(screen, "reload", lambda *args: reloads.append(args))
        for _ in range(3):
            app.check_other_windows()
            await pilot.pause()
        generation = demo_store.generation
        projects.set_archived(demo_store, screen.selected_id() or "", False)  # this window's own
        app.check_other_windows()
        await pilot.pause()
        assert reloads == []
        assert demo_store.generation == generation + 1  # the own write only


async def test_an_alert_acknowledged_in_another_window_leaves_the_list_and_the_count(
    demo_store: Store,
) -> None:
    from core.teams.alerts import acknowledge, open_alerts
    from core.teams.states import org_ids, read_and_judge
    from tui.teams.alerts import AlertsScreen

    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        table = screen.query_one("#alerts", DataTable)
        assert table.row_count == 3
        other = _other_window(demo_store)
        try:
            (org_id,) = org_ids(other)
            first = open_alerts(other, read_and_judge(None, other, org_id))[0]
            acknowledge(UndoLog(other), first, "Spurgt i det andet vindue", by="LD",
                        on=DEMO_TODAY)
        finally:
            other.close()
        app.check_other_windows()  # the judged teams are cached per generation: judged again
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = app.screen.query_one("#alerts-line")
        assert str(line.render()).startswith("⚠ 2 afvigelser")
