"""The summary of measures by keyboard: from a project's measures (o) and from the portfolio
(o), variation and assurance in words at 80×24, sorted by what needs attention, `s` sorts by
another column, Enter opens the chart; project names stay text."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from core.db.store import Store
from core.db.undo import UndoLog
from core.measures import entry as measures
from core.models import MeasureKind
from core.project import projects
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.dialogs.pick import PickDialog
from tui.measures.measure import MeasureScreen
from tui.measures.overview import MeasuresScreen
from tui.measures.summary import MeasureSummaryScreen
from tui.views.portfolio import PortfolioScreen

HOSTILE = "[@click=app.quit]x[/] Ventetid"


def _rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def _settle(app: TavleApp, pilot: Pilot[None]) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        screen = app.screen
        if isinstance(screen, MeasureSummaryScreen) and screen.loaded:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_projects_summary_at_80_columns(demo_store: Store) -> None:
    (project_id,) = [r["id"] for r in demo_store.query("SELECT id FROM projects")]
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MeasuresScreen(project_id))
        await pilot.pause()
        await pilot.press("o")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MeasureSummaryScreen)
        table = screen.query_one("#summary", DataTable)
        rows = _rows(table)
        assert len(rows) == 6
        # no project column for one project; the target column waits for a wider screen
        assert [str(c.label) for c in table.columns.values()] == [
            "Måling", "Seneste", "Variation", "Når målet?", "Siden"]
        # first what needs attention: a target the process will not meet as it runs now
        assert rows[0] == ["Dage fra sygemelding til første fælles samtale", "12 dage",
                           "▲ forbedring", "✗ når ikke mål", "uge 38 2026"]
        assert rows[1][2:4] == ["~ almindelig", "± rammer/misser"]
        status = str(screen.query_one("#summary-status", Label).render())
        assert status == "6 målinger · sorteret efter det, der kræver opmærksomhed"
        # s: sort by the measure's name
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "enter")
        await pilot.pause()
        names = [row[0] for row in _rows(table)]
        assert names == sorted(names, key=str.casefold)
        assert "sorteret efter måling" in str(screen.query_one("#summary-status", Label).render())
        # the cursor stays on the measure it was on; Enter opens the chart under the cursor
        chosen = screen.selected()
        assert chosen is not None and chosen.status.measure.name.startswith("Dage fra")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeasureScreen)
        assert app.screen.measure_id == chosen.status.measure.id
        await pilot.press("escape")  # puts the chart's proposed split away
        await pilot.press("escape")
        await _settle(app, pilot)
        assert app.screen is screen and len(_rows(table)) == 6


async def test_the_portfolio_summary_names_each_project(demo_store: Store) -> None:
    other = projects.create_project(demo_store, HOSTILE, unit="Sundhed")
    measure = measures.add_measure(UndoLog(demo_store), other.id, name="Ventetid",
                                   kind=MeasureKind.TIME, unit="dage")
    assert measure.project_id == other.id
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PortfolioScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("o")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MeasureSummaryScreen)
        table = screen.query_one("#summary", DataTable)
        assert [str(c.label) for c in table.columns.values()][:2] == ["Projekt", "Måling"]
        rows = _rows(table)
        assert len(rows) == 7
        # a measure without data comes last, its project's name as typed
        assert rows[-1][:2] == [HOSTILE, "Ventetid"] and rows[-1][4] == "Ingen data"
        assert rows[0][1] == "Dage fra sygemelding til første fælles samtale"
