"""Snapshots of the demo's key screens at 80x24 and 120x40 (pytest-textual-snapshot).

The app is told the demo's date (`make_app`), so the snapshots hold on any day; write them again
with --snapshot-update and look at the SVGs in __snapshots__/test_snapshots/ before committing
them. The time of day never shows: local time is Danish time here, and the received file is
stamped as written at a fixed moment.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from core.db.store import Store
from core.demo.build import open_demo
from core.measures.signals import project_measure_ids
from core.sync import exporter
from core.teams import organisation as teams
from tests.tui.conftest import DEMO_TODAY, make_app
from tui.drivers.diagram import DriverDiagramScreen
from tui.kaizen.board import BoardScreen
from tui.kaizen.meeting import MeetingScreen
from tui.measures.measure import MeasureScreen
from tui.measures.overview import MeasuresScreen
from tui.plan.action_plan import ActionPlanScreen
from tui.project.project_list import ProjectListScreen
from tui.project.project_screen import ProjectScreen
from tui.sync.import_preview import LOADING, ImportPreviewScreen
from tui.teams.compare_start import AlertsLine
from tui.teams.dashboard import TeamDashboardScreen
from tui.teams.teams import TeamsScreen
from tui.views.portfolio import PortfolioScreen
from tui.workflow.map_editor import CurrentMapScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])

DANISH_TIME = "CET-1CEST,M3.5.0,M10.5.0/3"
"""Central European time as a POSIX TZ rule (needs no time zone database)."""

EXPORTED_AT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
"""When the received file was written (the preview shows it: 24-11-2026 10:00)."""

RunBefore = Callable[[Pilot[None]], Awaitable[None]]
Ready = Callable[[Screen[object]], bool]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors stay on instead of blinking, so no snapshot catches one half-way."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def danish_time() -> Iterator[None]:
    """Local time is Danish time, whatever the machine's zone (times show in local time)."""
    if not hasattr(time, "tzset"):
        pytest.skip("the local time zone cannot be set on this platform")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = DANISH_TIME
    time.tzset()
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _project_id(store: Store) -> str:
    return store.query("SELECT id FROM projects")[0]["id"]


def _alerts_shown(screen: Screen[object]) -> bool:
    """The start screen has counted the teams' open alerts (the demo has some)."""
    return screen.query_one(AlertsLine).display


async def _settle(pilot: Pilot[None], screen: type[Screen[object]],
                  ready: Ready = lambda screen: True) -> None:
    """Wait until `screen` is on top, its workers are done and `ready` says it shows its data."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if isinstance(app.screen, screen) and ready(app.screen):
            break
    # Lay every widget out once more: a table with `height: auto` filled and shown at once (the
    # import preview's counts) now and then keeps the height it had while empty, 0, on a busy PC.
    for widget in app.screen.query("*"):
        widget.refresh(layout=True)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, screen), f"{type(app.screen).__name__} is on top"
    assert ready(app.screen), f"{screen.__name__} does not show its data"


def _keys(*keys: str, screen: type[Screen[object]], ready: Ready = lambda screen: True
          ) -> RunBefore:
    """From the start screen, press `keys` and wait for `screen`."""
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot, ProjectListScreen, _alerts_shown)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await _settle(pilot, screen, ready)

    return run_before


def _push(make: Callable[[], Screen[object]], ready: Ready = lambda screen: True) -> RunBefore:
    """Push the screen `make` returns onto the start screen and wait for it."""
    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot, ProjectListScreen, _alerts_shown)
        screen = make()
        pilot.app.push_screen(screen)
        await _settle(pilot, type(screen), ready)

    return run_before


@SIZES
def test_project_list(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The start screen: the demo project with its phase and open actions, and the teams' alerts."""
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_keys(screen=ProjectListScreen))


@SIZES
def test_project_screen(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """Enter on the demo project: the six phases, phase 5's advice and the three questions."""
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_keys("enter", screen=ProjectScreen))


@SIZES
def test_action_plan(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The action plan grid: the demo's 17 rows, two of them overdue."""
    project_id = _project_id(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: ActionPlanScreen(project_id)))


@SIZES
def test_measures_overview(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The three measures with trend, last value, target and signal."""
    project_id = _project_id(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: MeasuresScreen(project_id)))


@SIZES
def test_measure_run_chart(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The first measure's run chart with its median, marked changes, signals and weeks."""
    project_id = _project_id(demo_store)
    measure_id = project_measure_ids(demo_store, project_id)[0]
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: MeasureScreen(project_id, measure_id)))


@SIZES
def test_kaizen_board(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The kaizen board's five columns with the demo's cards and the first card's details."""
    project_id = _project_id(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: BoardScreen(project_id)))


@SIZES
def test_kaizen_meetings(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The three kaizen meetings held, newest first, with length, items and who was there."""
    project_id = _project_id(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: MeetingScreen(project_id)))


@SIZES
def test_driver_diagram(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The driver diagram's boxes from the aim rightwards, and the measures by role."""
    project_id = _project_id(demo_store)
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_push(lambda: DriverDiagramScreen(project_id)))


@SIZES
def test_swimlane_map(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """Today's workflow (g on the project screen) as a swimlane map with its figures."""
    assert snap_compare(make_app(demo_store), terminal_size=size,
                        run_before=_keys("enter", "g", screen=CurrentMapScreen))


@SIZES
def test_portfolio(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """The portfolio (p on the start screen): the demo's phase, last meeting, signals, benefits."""
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_keys(
        "p", screen=PortfolioScreen, ready=lambda screen: screen.signals is not None))


@SIZES
def test_team_dashboard(snap_compare, demo_store: Store, size: tuple[int, int]) -> None:
    """Team Syd's dashboard (t, then Enter on the team): its key figures, two of them signalling."""
    org = teams.first_organisation(demo_store)
    assert org is not None
    names = [team.name for team in teams.team_summaries(demo_store, org.id)]

    async def run_before(pilot: Pilot[None]) -> None:
        await _keys("t", screen=TeamsScreen)(pilot)
        await pilot.press(*["down"] * names.index("Team Syd"), "enter")
        await _settle(pilot, TeamDashboardScreen)

    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=run_before)


@pytest.fixture
def received_file(tmp_path: Path) -> Path:
    """A demo project exported from another database (another seed: other ids)."""
    sender = open_demo(tmp_path / "sender.db", seed=7, today=DEMO_TODAY)
    folder = tmp_path / "ud"
    folder.mkdir()
    try:
        return exporter.export_scope(sender, _project_id(sender), folder=folder,
                                     today=DEMO_TODAY, now=EXPORTED_AT).path
    finally:
        sender.close()


@SIZES
def test_import_preview(snap_compare, demo_store: Store, received_file: Path,
                        size: tuple[int, int]) -> None:
    """The preview of a received .tavle file: its sender, what it holds and what it adds."""
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=_push(
        lambda: ImportPreviewScreen(received_file),
        ready=lambda screen: screen.state != LOADING))
