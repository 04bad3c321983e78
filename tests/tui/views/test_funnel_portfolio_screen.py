"""The portfolio's T: the funnel plot of a measure three units share, the period picked from a
small list, the outlier named in words; on the demo (one project) it says why there is none."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Label

from core.db.store import Store
from tests.core.views.test_funnel_shared import make_units
from tests.tui.conftest import make_app
from tui.dialogs.pick import PickDialog
from tui.views.funnel import UnitFunnelScreen
from tui.views.portfolio import PortfolioScreen
from tui.widgets.funnel_chart import FunnelChart


async def test_portfolio_funnel_of_a_shared_measure(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "units.db")
    make_units(store)
    app = make_app(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            assert isinstance(app.screen, PortfolioScreen)
            await pilot.press("T")
            await pilot.pause()
            assert isinstance(app.screen, PickDialog)  # the one shared measure: its periods
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, UnitFunnelScreen)
            heading = str(screen.query_one("#funnel-heading", Label).render())
            assert heading == "Andel med plan inden 8 uger · uge 47 2026 · samlet 18,3 %"
            words = str(screen.query_one("#funnel-words", Label).render())
            assert words.startswith("Jobcenter Syd ligger over 95 %-grænsen")
            assert "△" in screen.query_one(FunnelChart).chart_text
            table = screen.query_one("#funnel-units", DataTable)
            assert table.row_count == 3
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PortfolioScreen)
    finally:
        store.close()


async def test_portfolio_funnel_without_a_shared_measure(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen)
        assert any("Ingen andels- eller ratemåling" in str(n.message)
                   for n in app._notifications)
