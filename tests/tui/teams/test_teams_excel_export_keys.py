"""ctrl+e on the key-figure catalogue writes every team's values as an xlsx of two sheets that
imports unchanged; ctrl+e on a team's capacity plan writes the weeks shown as numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db.store import Store
from core.teams.excel import read_team_file
from core.values.sheets import read_sheets
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.dialogs.pick import PickDialog
from tui.teams.capacity_plan import CapacityPlanScreen
from tui.teams.key_figures import KeyFiguresScreen


def _org(store: Store) -> str:
    (row,) = store.query("SELECT id FROM organisations WHERE _exists")
    return str(row["id"])


async def test_ctrl_e_on_the_key_figures_writes_two_sheets(
        demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ud"
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(folder))
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t", "n")
        await pilot.pause()
        assert isinstance(app.screen, KeyFiguresScreen)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)  # xlsx or CSV, xlsx first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KeyFiguresScreen)
    [path] = folder.glob("*.xlsx")
    assert path.name.startswith("Nøgletal - ") and DEMO_TODAY.isoformat() in path.name
    values, periods = read_sheets(path)
    assert (values.name, periods.name) == ("Nøgletal", "Nøgletal pr. periode")
    assert values.rows[0] == ["Team", "Periode", "Nøgletal", "Værdi", "Nævner"]
    assert isinstance(values.rows[1][3], float)
    preview = read_team_file(path, demo_store, _org(demo_store), DEMO_TODAY)
    assert preview.rows and not preview.refused
    assert {row.status for row in preview.rows} == {"unchanged"}
    assert len(preview.rows) == len(values.rows) - 1


async def test_ctrl_e_on_the_capacity_plan_writes_its_weeks(
        demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVLE_EXPORT_DIR", str(tmp_path))
    org = _org(demo_store)
    (team,) = demo_store.query("SELECT id FROM teams WHERE name = 'Team Syd' AND _exists")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(CapacityPlanScreen(org, team["id"], today=DEMO_TODAY))
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CapacityPlanScreen)
    [path] = tmp_path.glob("*.xlsx")
    [sheet] = read_sheets(path)
    assert sheet.rows[0][:3] == ["Faggruppe", "Timer", "uge 48 2026"]
    assert len(sheet.rows[0]) == 2 + 8
    assert any(isinstance(cell, float) for row in sheet.rows[1:] for cell in row[2:])
