"""`y` on a table copies what it shows – header and rows in the order shown, as tab-separated
text without markup – to the clipboard, and says how many rows: the action plan grid, the
portfolio and a team's dashboard, each the real screen on the demo database."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from core.db.store import Store
from core.teams import organisation as teams
from tests.tui.conftest import make_app
from tui.app import TavleApp
from tui.commands import screen_commands
from tui.plan.action_plan import ActionPlanScreen
from tui.plan.plan_grid import PlanGrid
from tui.teams.dashboard import TeamDashboardScreen
from tui.views.portfolio import PortfolioScreen
from tui.widgets.row_table import table_text

HOSTILE = "[@click=app.quit]x[/] Ventetid"


def _shown(table: DataTable[object]) -> list[list[str]]:
    """The header and rows as the table shows them (Rich/str cells, no markup)."""
    header = [str(column.label) for column in table.ordered_columns]
    rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    return [header, *rows]


def _messages(app: TavleApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _copy(app: TavleApp, pilot: Pilot[None]) -> list[list[str]]:
    await pilot.press("y")
    await pilot.pause()
    assert app.clipboard.endswith("\n")
    return [line.split("\t") for line in app.clipboard.removesuffix("\n").split("\n")]


async def test_y_copies_the_action_plan_grid_as_shown(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the demo project
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionPlanScreen)
        grid = screen.query_one(PlanGrid)
        assert app.focused is grid
        copied = await _copy(app, pilot)
        assert copied[0] == ["Ændring/opgave", "Ansvarlig", "Effekt", "Hvordan", "Deadline",
                             "Status", "Kobling"]
        assert copied == _shown(grid)
        assert len(copied) == 18
        assert "forsinket" in app.clipboard  # the deadline cell as the screen writes it
        assert "17 rækker kopieret" in _messages(app)[-1]
        # the key is in the footer's bindings and in the command palette by name
        names = [command.title for command in screen_commands(app, screen)]
        assert "Kopiér tabel" in names


async def test_y_copies_the_portfolio_with_hostile_names_literally(demo_store: Store) -> None:
    from core.project import projects

    projects.create_project(demo_store, HOSTILE, unit="Team\tSyd", leader="[i]Ib")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, PortfolioScreen) and app.screen.signals is not None:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PortfolioScreen)
        table = screen.query_one("#portfolio", DataTable)
        table.focus()
        await pilot.pause()
        copied = await _copy(app, pilot)
        assert len(copied) == 3 and all(len(row) == len(copied[0]) for row in copied)
        assert copied[1][0] == HOSTILE and copied[1][1] == "Team Syd"  # a tab is a space
        assert copied[1][7] == "[i]Ib"
        assert copied[2][0] == "Hurtigere afklaring af sygemeldte borgere"
        assert _messages(app)[-1].startswith("2 rækker kopieret")


async def test_y_copies_a_team_dashboard_and_one_row_is_singular(demo_store: Store) -> None:
    org = teams.first_organisation(demo_store)
    assert org is not None
    team = next(t.id for t in teams.team_summaries(demo_store, org.id) if t.name == "Team Syd")
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(TeamDashboardScreen(org.id, team))
        await pilot.pause()
        table = app.screen.query_one("#team-figures", DataTable)
        assert app.focused is table
        copied = await _copy(app, pilot)
        assert copied == _shown(table)
        assert copied[1][2] == "9,8 % (u47)"  # numbers as the screen shows them
        assert _messages(app)[-1].startswith(f"{table.row_count} rækker kopieret")
        # one row: the singular form
        while table.row_count > 1:
            table.remove_row(table.ordered_rows[-1].key)
        text, rows = table_text(table)
        assert rows == 1 and text.count("\n") == 2
        await pilot.press("y")
        await pilot.pause()
        assert _messages(app)[-1].startswith("1 række kopieret")


async def test_y_in_a_text_field_is_typed_not_a_copy(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = Input()
        await app.screen.mount(box)
        box.focus()
        await pilot.press("y")
        await pilot.pause()
        assert box.value == "y" and app.clipboard == ""
