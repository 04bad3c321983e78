"""Capacity by keyboard: the overview across teams with the demo's nurse shortage and its flagged
temp hours, entering a plan cell (a refused value keeps the text), undo, and the rules."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from core.db import changelog
from core.db.store import Store
from core.models import CapacityPlan, Organisation
from core.teams.capacity import coming_weeks
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs import FormDialog
from tui.teams.capacity import CapacityScreen
from tui.teams.capacity_plan import CapacityPlanScreen


def _cells(pilot: Pilot[None], selector: str, row: int) -> list[str]:
    table = pilot.app.screen.query_one(selector, DataTable)
    return [str(c) for c in table.get_row_at(row)]


def _label(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Label).render())


async def test_overview_then_enter_a_plan_cell(demo_store: Store) -> None:
    weeks = coming_weeks(DEMO_TODAY)
    assert weeks[0] == week_of(DEMO_TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CapacityScreen(_org_id(demo_store), today=DEMO_TODAY))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CapacityScreen)
        nurses = _cells(pilot, "#capacity", 0)
        assert nurses[0] == "Sygeplejerske"
        assert all(text.endswith("▼") for text in nurses[3:])  # short from the third week
        breaks = _label(pilot, "#capacity-breaks")
        assert "Team Syd, Social- og sundhedshjælper, uge 48 2026: 24 vikartimer" in breaks
        assert "Regler: vikartimer højst 10 % af behovet" in _label(pilot, "#capacity-legend")
        # Enter on Team Land's nurse row opens its plan
        table = screen.query_one("#capacity", DataTable)
        assert _cells(pilot, "#capacity", 1)[0] == "  Team Land"
        await pilot.press("down", "enter")
        await pilot.pause()
        plan_screen = app.screen
        assert isinstance(plan_screen, CapacityPlanScreen)
        grid = plan_screen.query_one("#capacity-plan", DataTable)
        assert _cells(pilot, "#capacity-plan", 0)[0] == "Sygeplejerske"
        assert _cells(pilot, "#capacity-plan", 2)[0] == "  Til rådighed"
        # the cursor starts in the first week; go to "Til rådighed" and type
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        box = plan_screen.query_one("#cell-input", Input)
        assert box.has_focus
        await pilot.press(*"mange", "enter")
        await pilot.pause()
        assert box.has_focus  # refused: the editor stays open with the text
        hint = str(plan_screen.query_one("#cell-hint", Label).render())
        assert "kan ikke læses som et tal" in hint
        await pilot.press("ctrl+a", "ctrl+k", *"12,5", "tab")
        await pilot.pause()
        plan_id = CapacityPlan.id_for(plan_screen.team_id, _nurse(demo_store), weeks[0])
        assert changelog.load(demo_store, CapacityPlan, plan_id).hours_available == 12.5
        assert _cells(pilot, "#capacity-plan", 2)[1] == "12,5"
        assert _cells(pilot, "#capacity-plan", 0)[1] == "−24▼"
        assert box.has_focus and grid.cursor_column == 2  # Tab moved on to the next week
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert changelog.load(demo_store, CapacityPlan, plan_id).hours_available == 37
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert table.row_count > 0


async def test_the_rules_are_settings_of_the_organisation(demo_store: Store) -> None:
    app = make_app(demo_store)
    org_id = _org_id(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CapacityScreen(org_id, today=DEMO_TODAY))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+a", "ctrl+k", *"30", "tab", "ctrl+a", "ctrl+k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CapacityScreen)
        org = changelog.load(demo_store, Organisation, org_id)
        assert (org.temp_limit_pct, org.lend_limit_hours) == (30, None)
        assert "Ingen planer bryder reglerne" in _label(pilot, "#capacity-breaks")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "24 vikartimer" in _label(pilot, "#capacity-breaks")


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _org_id(store: Store) -> str:
    (row,) = store.query("SELECT id FROM organisations WHERE _exists")
    return str(row["id"])


def _nurse(store: Store) -> str:
    (row,) = store.query("SELECT id FROM professions WHERE name = 'Sygeplejerske'")
    return str(row["id"])
