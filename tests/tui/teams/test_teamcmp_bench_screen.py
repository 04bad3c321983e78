"""The benchmark between teams by keyboard: sick leave on the demo with its rising team marked,
changing figure, period and view; hostile names shown literally."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Label

from core.db import changelog
from core.db.store import Store
from core.models import KeyFigure, Organisation, Team, TeamFigure
from tests.tui.conftest import make_app
from tui.dialogs.pick import PickDialog
from tui.teams.benchmark import BenchmarkScreen
from tui.teams.dashboard import TeamDashboardScreen


def _row(pilot: Pilot[None], team_name: str) -> list[str]:
    table = pilot.app.screen.query_one("#bench", DataTable)
    for index in range(table.row_count):
        cells = [str(c) for c in table.get_row_at(index)]
        if cells[0] == team_name:
            return cells
    raise AssertionError(f"{team_name} not shown")


def _label(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Label).render())


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_sick_leave_benchmark_marks_the_rising_team(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("b")
        await _settle(pilot)
        assert isinstance(app.screen, BenchmarkScreen)
        title = _label(pilot, "#bench-title")
        assert title.startswith("Sygefravær · uge 47 2026 · lavest er bedst")
        assert "median af teamene" in _label(pilot, "#bench-legend")
        table = app.screen.query_one("#bench", DataTable)
        assert table.row_count == 6
        names = [str(table.get_row_at(i)[0]) for i in range(6)]
        assert names[-1] == "Team Syd"  # sorted best first: the rising team is last
        syd = _row(pilot, "Team Syd")
        assert syd[2] == "9,8 %" and syd[3] == "6/6"
        # at the latest week: variation and assurance in short words, and the alarm threshold
        assert syd[4].startswith("▼ forværring ± rammer/misser") and "⚠" in syd[4]
        assert "█" in syd[1]
        others = [_row(pilot, name) for name in names[:-1]]
        assert all("forværring" not in row[4] for row in others)
        # the next figure, and back with p
        await pilot.press("n")
        await pilot.pause()
        assert _label(pilot, "#bench-title").startswith("Klienttid")
        await pilot.press("p")
        await pilot.pause()
        assert _label(pilot, "#bench-title").startswith("Sygefravær")
        # the previous week: Team Syd was ordinary then
        await pilot.press("comma")
        await pilot.pause()
        assert "uge 46 2026" in _label(pilot, "#bench-title")
        assert _row(pilot, "Team Syd")[2] == "4,1 %"
        await pilot.press("full_stop")
        await pilot.pause()
        # small multiples: one scale, a sparkline per team
        await pilot.press("2")
        await pilot.pause()
        assert "Samme skala for alle teams" in _label(pilot, "#bench-legend")
        assert _row(pilot, "Team Syd")[1].endswith("█")
        # the teams × figures table with each team's position
        await pilot.press("3")
        await pilot.pause()
        syd = _row(pilot, "Team Syd")
        assert syd[1] == "9,8 % ▼ 6/6"
        assert "[3] Tabel" in _label(pilot, "#bench-status")
        # pick a figure from the list
        await pilot.press("1", "f")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert _label(pilot, "#bench-title").startswith("Vikartimer")
        # Enter opens the highlighted team's dashboard
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamDashboardScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BenchmarkScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BenchmarkScreen)


async def test_hostile_names_are_shown_literally(empty_store: Store) -> None:
    store = empty_store
    with store.transaction():
        org = changelog.create(store, Organisation(name="[b]Org[/b]"))
        figure = changelog.create(store, KeyFigure(org_id=org.id, name="[@click=app.quit]x[/]",
                                                   unit="[/x]", target=2.0))
        team = changelog.create(store, Team(org_id=org.id, name="[/x]"))
        changelog.create(store, TeamFigure(
            id=TeamFigure.id_for(team.id, "2026-W47", figure.id), org_id=org.id,
            team_id=team.id, period="2026-W47", figure=figure.id, value=3.0))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("b")
        await _settle(pilot)
        assert isinstance(app.screen, BenchmarkScreen)
        assert _label(pilot, "#bench-title").startswith("[@click=app.quit]x[/] · uge 47 2026")
        assert _row(pilot, "[/x]")[2] == "3 [/x]"
        for view in ("2", "3"):
            await pilot.press(view)
            await pilot.pause()
            assert _row(pilot, "[/x]")
        assert app.is_running
