"""ctrl+e on the benefits across the portfolio writes every benefit to xlsx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.closing.benefits import list_benefits
from core.db.store import Store
from core.values.sheets import read_sheets
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.closing.benefit_overview import BenefitOverviewScreen
from tui.dialogs.pick import PickDialog


async def test_ctrl_e_writes_every_benefit(demo_store: Store, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path / "out"))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p", "g")  # the portfolio, then its benefits
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BenefitOverviewScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")  # xlsx, offered first
        await pilot.pause()
        assert app.screen is screen
        [written] = list((tmp_path / "out").glob("*.xlsx"))
        assert written.name == f"Gevinster - {DEMO_TODAY.isoformat()}.xlsx"
        [sheet] = read_sheets(written)
        header, rows = sheet.rows[0], sheet.rows[1:]
        assert len(rows) == len(list_benefits(demo_store))
        amounts = [row[header.index("Beløb")] for row in rows]
        assert all(isinstance(amount, float) for amount in amounts) and 252000.0 in amounts
        assert all(isinstance(row[header.index("Fra")], dt.date) for row in rows)
