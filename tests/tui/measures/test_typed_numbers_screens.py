"""Numbers typed into the measure screens are read by the one core reader: a share's target in
per cent, Danish thousands asked about rather than guessed, units, signs and currency taken."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Input, Label

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.measures.signals import load_series, project_measure_ids
from core.models import Measure, MeasureKind
from core.plan import actions
from core.project import projects
from core.project.charter import load_charter
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs import FormDialog
from tui.dialogs.choice_form import ChoiceFormDialog
from tui.measures.measure import MeasureScreen
from tui.measures.overview import MeasuresScreen
from tui.plan.action_plan import ActionPlanScreen
from tui.project.charter import CharterScreen


async def test_a_share_target_of_80_is_80_percent(empty_store: Store) -> None:
    """Andel, unit %, target 80: stored 0.8 and shown as 80 % (it was shown as 8.000 %)."""
    project = projects.create_project(empty_store, "Udskrivning")
    app = make_app(empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeasuresScreen(project.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceFormDialog)
        # name, definition, kind (down: Andel), unit, better, frequency, target
        await pilot.press(*"Rettidige", "tab", "tab", "enter", "down", "enter",
                          "tab", "%", "tab", "tab", "tab", *"80", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [measure_id] = project_measure_ids(empty_store, project.id)
        measure = changelog.load(empty_store, Measure, measure_id)
        assert (measure.kind, measure.unit, measure.target) == (MeasureKind.PROPORTION, "%", 0.8)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#measures", DataTable)
        assert str(table.get_cell_at((0, 2))) == "80 %"


async def test_quick_entry_asks_about_1234_and_takes_per_cent_minus_and_kroner(
        empty_store: Store) -> None:
    """In Danish `1.234` is refused with how to write it, never saved as 1,234; `12,5 %`,
    `−3,5` and `3,50 kr.` are saved as Tavle writes them."""
    project = projects.create_project(empty_store, "Økonomi")
    measure = measures.add_measure(UndoLog(empty_store), project.id, name="Udgift pr. sag",
                                   kind=MeasureKind.CONTINUOUS, unit="kr.")
    app = make_app(empty_store)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.push_screen(MeasureScreen(project.id, measure.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"1.234", "enter")
        await pilot.pause()
        message = str(screen.query_one("#entry-message", Label).render())
        assert "»1.234« kan betyde 1234 eller 1,234" in message
        assert load_series(empty_store, measure.id).values == []
        assert screen.query_one("#entry-value", Input).value == "1.234"  # kept to correct
        await pilot.press("ctrl+u", *"1234", "enter")
        value = screen.query_one("#entry-value", Input)
        for typed in ("12,5 %", "−3,5", "3,50 kr."):
            await pilot.pause()
            value.value = typed  # as pasted: a terminal sends − (U+2212) as text
            await pilot.press("enter")
        await pilot.pause()
        assert load_series(empty_store, measure.id).values == [1234, 12.5, -3.5, 3.5]


async def test_a_result_goal_deadline_takes_a_week(demo_store: Store) -> None:
    """The charter's result goal takes `uge 26`, as the action plan's deadline does."""
    [summary] = projects.list_projects(demo_store, today=DEMO_TODAY)
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CharterScreen)
        screen.query_one("#goals", DataTable).focus()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab", "tab", "home", "ctrl+k", *"uge 26", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert load_charter(demo_store, summary.id).goals[0].due == dt.date(2027, 7, 2)


async def test_a_deadline_on_christmas_day_says_so(demo_store: Store) -> None:
    """25-12-2026 in the action plan's deadline cell: the preview names the holiday and the
    working day before, and the date is saved as typed."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        await pilot.press("down", "a", *"Ny tavle", "tab", "tab", "tab", "tab")
        await pilot.pause()
        assert screen.editor.field == "deadline"
        await pilot.press(*"25-12-2026")
        await pilot.pause()
        hint = str(screen.query_one("#cell-hint", Label).render())
        assert hint.startswith("Forstået som fredag 25-12-2026 – juledag (uge 52).")
        assert "Arbejdsdagen før er torsdag 24-12-2026." in hint
        await pilot.press("enter")
        await pilot.pause()
        assert any(row.deadline == dt.date(2026, 12, 25)
                   for row in actions.load_plan(demo_store, summary_id(demo_store)))


def summary_id(store: Store) -> str:
    [summary] = projects.list_projects(store, today=DEMO_TODAY)
    return summary.id
