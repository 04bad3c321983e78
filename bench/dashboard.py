"""The benchmark between teams on 40 teams × 15 key figures × 156 weeks against a bare DataTable.

One run builds a database in a temporary folder with an organisation of 40 teams, 15 key figures
and 156 weekly values of each (93,600 values, written in bulk through the change log), then
measures, for Tavle's benchmark screen and for a bare app holding a DataTable with the same
40 × 15 last values:
  (a) opening: from pushing the screen until its table holds its rows and is drawn (Tavle: the
      bars of the first figure, every team ranked; the signals follow from a worker thread);
  (b) switching: 20 presses of `n`, each until the table shows the new figure (Tavle: the next
      key figure's bars; bare: the table's rows cleared and added again);
Each Tavle round starts cold: once the start screen's worker has judged every series, the
judged-data cache and the series-state cache are emptied, so the benchmark judges each figure
it shows in a worker of its own. Also printed: the time the start screen's worker takes to read
and judge all 600 series (off the UI thread), and analysing them alone (target <= 0.5 s).
Both run headless under `App.run_test()`. Prints each median and the ratios (target <= 2).

Usage: python bench/dashboard.py [--rounds N] [--teams N] [--weeks N] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.text import Text  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Footer, Header, Label  # noqa: E402

from core.db import changelog  # noqa: E402
from core.db.store import Store  # noqa: E402
from core.i18n import Translator  # noqa: E402
from core.models import (  # noqa: E402
    Direction,
    KeyFigure,
    MeasureKind,
    Organisation,
    Team,
    TeamFigure,
)
from core.settings import Settings  # noqa: E402
from core.teams.figures import shift_week  # noqa: E402
from core.teams.key_figures import STARTER_SET, starter_figure  # noqa: E402
from core.teams.signals import state_of  # noqa: E402
from core.teams.states import (  # noqa: E402
    CACHE,
    WORKER_PAUSE,
    judge,
    load_org,
    read_and_judge,
)
from tui.app import TavleApp  # noqa: E402
from tui.teams.benchmark import BenchmarkScreen  # noqa: E402

FIGURES = 15
SWITCHES = 20
SIZE = (120, 40)


def build(path: Path, teams: int, weeks: int) -> tuple[Store, str]:
    """A database with one organisation of `teams` teams, 15 figures and `weeks` weekly values."""
    rng = random.Random(9)
    store = Store.open(path)
    tr = Translator("da")
    with store.transaction():
        org = changelog.create(store, Organisation(name="Hjemmeplejen", temp_limit_pct=10))
        figures = [starter_figure(org.id, spec, i, tr) for i, spec in enumerate(STARTER_SET)]
        figures += [
            KeyFigure(org_id=org.id, name=f"Nøgletal {n}", unit="timer",
                      kind=MeasureKind.CONTINUOUS, better=Direction.LOWER, target=10.0,
                      alert_threshold=15.0, order=f"{900 + n:04d}")
            for n in range(FIGURES - len(figures))
        ]
        changelog.create_new(store, figures)
        team_records = [Team(org_id=org.id, name=f"Team {n:02d}") for n in range(teams)]
        changelog.create_new(store, team_records)
        periods = [shift_week("2023-W48", n) for n in range(weeks)]
        for team in team_records:
            changelog.create_new(store, (
                TeamFigure(id=TeamFigure.id_for(team.id, period, figure.id), org_id=org.id,
                           team_id=team.id, period=period, figure=figure.id,
                           value=round(rng.gauss(10 + index, 1.5), 1))
                for index, figure in enumerate(figures) for period in periods))
    return store, org.id


def last_values(store: Store, org_id: str) -> tuple[list[str], list[list[Text]]]:
    """The figure names and each team's last value of every figure, as ready-made cells."""
    data = load_org(store, org_id)
    rows = []
    for team in data.teams:
        row = [Text(team.name)]
        for figure in data.figures:
            series = data.series.get((team.id, figure.id))
            row.append(Text(f"{series.values[-1]:.1f}" if series else "–"))
        rows.append(row)
    return [figure.name for figure in data.figures], rows


class BareScreen(Screen[None]):
    """A bare screen: Header, a title, a DataTable of the last values, Footer; `n` refills it."""

    BINDINGS = [Binding("n", "next", "Next")]

    def __init__(self, names: list[str], rows: list[list[Text]]) -> None:
        super().__init__()
        self.names, self.rows, self.shown = names, rows, 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("0", id="title")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Team", *self.names)
        table.add_rows(self.rows)
        table.focus()

    def action_next(self) -> None:
        self.shown += 1
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(self.rows)
        self.query_one("#title", Label).update(str(self.shown))


async def shown(pilot: Pilot[None], rows: int, title: str | None = None) -> None:
    """Wait until the screen's table holds `rows` rows, drawn, under a title starting `title`."""
    while True:
        await pilot.pause()
        screen = pilot.app.screen
        table = screen.query_one(DataTable)
        label = screen.query("Label").first()
        ready = table.row_count == rows and table.virtual_size.height >= rows
        if ready and (title is None or str(label.render()).startswith(title)):
            break
    await pilot.pause()


async def measure_bare(names: list[str], rows: list[list[Text]]) -> tuple[float, float]:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(BareScreen(names, rows))
        await shown(pilot, len(rows))
        opened = time.perf_counter() - start
        start = time.perf_counter()
        for n in range(1, SWITCHES + 1):
            await pilot.press("n")
            await shown(pilot, len(rows), str(n))
        return opened, time.perf_counter() - start


async def measure_tavle(store: Store, org_id: str, names: list[str],
                        teams: int) -> tuple[float, float]:
    app = TavleApp(store, Settings(), save=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the start screen's count of alerts
        CACHE.clear()
        state_of.cache_clear()
        start = time.perf_counter()
        await app.push_screen(BenchmarkScreen(org_id))
        await shown(pilot, teams, names[0])
        opened = time.perf_counter() - start
        start = time.perf_counter()
        for n in range(1, SWITCHES + 1):
            await pilot.press("n")
            await shown(pilot, teams, names[n % len(names)])
        switched = time.perf_counter() - start
        await app.workers.wait_for_complete()
        return opened, switched


def judge_everything(store: Store, org_id: str, rounds: int) -> tuple[float, float]:
    """The start screen worker's work: read and judge every series, and judging alone (each
    series' chart by `core.measures.qic`, the cache emptied first; median seconds, cold)."""
    times, judging = [], []
    for _ in range(rounds):
        state_of.cache_clear()
        start = time.perf_counter()
        read_and_judge(store.path, None, org_id, pause=WORKER_PAUSE)
        times.append(time.perf_counter() - start)
        data = load_org(store, org_id)
        state_of.cache_clear()
        start = time.perf_counter()
        judge(data)
        judging.append(time.perf_counter() - start)
    return statistics.median(times), statistics.median(judging)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--weeks", type=int, default=156)
    parser.add_argument("--db", type=Path, help="reuse (or build once) the database at DB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        if args.db is not None and args.db.exists():
            store = Store.open(args.db)
            (org_id,) = [row["id"] for row in store.query("SELECT id FROM organisations")]
        else:
            store, org_id = build(args.db or Path(folder) / "bench.db", args.teams, args.weeks)
        built = time.perf_counter() - started
        names, rows = last_values(store, org_id)
        results: dict[str, list[tuple[float, ...]]] = {"bare": [], "tavle": []}
        asyncio.run(measure_bare(names, rows))  # warm-up: imports, caches
        asyncio.run(measure_tavle(store, org_id, names, args.teams))
        for _ in range(args.rounds):
            results["bare"].append(asyncio.run(measure_bare(names, rows)))
            results["tavle"].append(asyncio.run(measure_tavle(store, org_id, names, args.teams)))
        judged, analysed = judge_everything(store, org_id, args.rounds)
        store.close()
    bare_open, bare_switch = (statistics.median(r[i] for r in results["bare"]) for i in (0, 1))
    tavle_open, tavle_switch = (statistics.median(r[i] for r in results["tavle"]) for i in (0, 1))
    values = args.teams * FIGURES * args.weeks
    print(f"teams: {args.teams}, figures: {FIGURES}, weeks: {args.weeks} ({values:,} values, "
          f"built in {built:.1f} s); rounds: {args.rounds}, figure switches: {SWITCHES}")
    print(f"open   - bare DataTable: {bare_open:.3f} s   tavle benchmark: {tavle_open:.3f} s   "
          f"ratio {tavle_open / bare_open:.2f}")
    print(f"switch - bare DataTable: {bare_switch:.3f} s   tavle benchmark: {tavle_switch:.3f} s"
          f"   ratio {tavle_switch / bare_switch:.2f}")
    total_bare, total_tavle = bare_open + bare_switch, tavle_open + tavle_switch
    print(f"total  - ratio tavle / bare: {total_tavle / total_bare:.2f} (target <= 2)")
    print(f"the start screen's worker reads and judges all {args.teams * FIGURES} series in "
          f"{judged:.3f} s (off the UI thread); analysing them alone takes {analysed:.3f} s "
          f"(target <= 0.5)")


if __name__ == "__main__":
    main()
