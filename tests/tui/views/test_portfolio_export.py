"""ctrl+e on the portfolio writes the projects shown (filter and sort as on screen) to xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db.store import Store
from core.project import projects
from core.values.sheets import read_sheets
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs.pick import PickDialog
from tui.views.portfolio import PortfolioScreen


async def test_ctrl_e_writes_the_rows_shown(demo_store: Store, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "out"))
    projects.create_project(demo_store, "Ventetid i hjemmeplejen", unit="Team Syd")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        await pilot.press("slash", *"sygemeldte", "enter")  # the filter applies to the file
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # xlsx, offered first
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.screen is screen
        [written] = list((tmp_path / "out").glob("*.xlsx"))
        assert written.name == f"Portefølje - {DEMO_TODAY.isoformat()}.xlsx"
        [sheet] = read_sheets(written)
        assert sheet.name == "Portefølje" and sheet.rows[0][:3] == ["Projekt", "Enhed", "Fase"]
        [row] = sheet.rows[1:]
        assert row[0] == "Hurtigere afklaring af sygemeldte borgere" and row[2] == 5
        assert isinstance(row[sheet.rows[0].index("Sidst ændret")], dt.date)
