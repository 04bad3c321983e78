"""The action plan grid on 5,000 rows against a bare Textual DataTable with the same rows.

One run builds a database with a project of 5,000 action plan rows in a temporary folder, then
measures, for Tavle's grid and for a bare app holding a DataTable with the same cells:
  (a) opening: from pushing the screen until its rows are in the table and drawn;
  (b) moving: 100 cursor moves (`pilot.press("down")`), the harness's per-press cost included
      in both, so it cancels in the ratio.
The bare app pushes a screen (Header, DataTable, Footer) that adds the same cells (Rich Text,
ready-made) on mount; both count until the table holds every row, measured and drawn. Both run
headless under `App.run_test()`. Prints each median and the ratios (target <= 1.3).

Usage: python bench/grid.py [--rounds N] [--rows N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.text import Text  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Footer, Header  # noqa: E402

from core import clock  # noqa: E402
from core.db import changelog  # noqa: E402
from core.db.store import Store  # noqa: E402
from core.models import Action, ActionStatus  # noqa: E402
from core.order_keys import spaced_keys  # noqa: E402
from core.plan import actions  # noqa: E402
from core.project.projects import create_project  # noqa: E402
from core.settings import Settings  # noqa: E402
from tui.app import TavleApp  # noqa: E402
from tui.plan.action_plan import ActionPlanScreen  # noqa: E402
from tui.plan.cells import column_widths, row_cells  # noqa: E402

MOVES = 100
SIZE = (120, 40)


def build(path: Path, count: int) -> tuple[Store, str]:
    """A database with one project whose plan has `count` rows."""
    store = Store.open(path)
    project_id = create_project(store, "Læringsnetværk", unit="33 enheder").id
    people = [f"Person {n}" for n in range(40)]
    statuses = list(ActionStatus)
    start = clock.today() - dt.timedelta(days=200)
    with store.transaction():
        for index, order in enumerate(spaced_keys(count)):
            changelog.create(store, Action(
                project_id=project_id, change=f"Ændring nr. {index}: kortere ventetid i enhed "
                f"{index % 33}", responsible=people[index % 40],
                effect="Færre dage fra henvendelse til afklaring. Følges af KPI.",
                how="Aftal fast tid, og afprøv den i fire uger.",
                deadline=start + dt.timedelta(days=index % 400), status=statuses[index % 4],
                order=order,
            ))
    return store, project_id


class BareScreen(Screen[None]):
    """A bare screen: Header, a DataTable holding the same cells, Footer."""

    def __init__(self, cells: list[list[Text]], widths: list[int]) -> None:
        super().__init__()
        self.cells, self.widths = cells, widths

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="cell", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for index, width in enumerate(self.widths):
            table.add_column(str(index), width=width)
        table.add_rows(self.cells)
        table.focus()


async def shown(pilot: Pilot[None], rows: int) -> None:
    """Wait until the screen's table holds `rows` rows, measured and drawn."""
    while True:
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        if table.row_count == rows and table.virtual_size.height > rows:
            break
    await pilot.pause()


async def measure_bare(cells: list[list[Text]], widths: list[int]) -> tuple[float, float]:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(BareScreen(cells, widths))
        await shown(pilot, len(cells))
        opened = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(MOVES):
            await pilot.press("down")
        await pilot.pause()
        return opened, time.perf_counter() - start


async def measure_tavle(store: Store, project_id: str, rows: int) -> tuple[float, float]:
    app = TavleApp(store, Settings(), save=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(ActionPlanScreen(project_id))
        await shown(pilot, rows)
        opened = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(MOVES):
            await pilot.press("down")
        await pilot.pause()
        return opened, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store, project_id = build(Path(folder) / "bench.db", args.rows)
        today = clock.today()
        cells = [row_cells(row, today) for row in actions.load_plan(store, project_id)]
        widths = column_widths(SIZE[0])
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "tavle": []}
        asyncio.run(measure_bare(cells, widths))  # warm-up: imports, caches
        asyncio.run(measure_tavle(store, project_id, args.rows))
        for _ in range(args.rounds):
            results["bare"].append(asyncio.run(measure_bare(cells, widths)))
            results["tavle"].append(asyncio.run(measure_tavle(store, project_id, args.rows)))
        store.close()
    medians = {
        name: (statistics.median(o for o, _ in runs), statistics.median(m for _, m in runs))
        for name, runs in results.items()
    }
    (bare_open, bare_move), (tavle_open, tavle_move) = medians["bare"], medians["tavle"]
    print(f"rows: {args.rows}, rounds: {args.rounds}, cursor moves: {MOVES}")
    print(f"open  - bare DataTable: {bare_open:.3f} s   tavle grid: {tavle_open:.3f} s   "
          f"ratio {tavle_open / bare_open:.2f}")
    print(f"moves - bare DataTable: {bare_move:.3f} s   tavle grid: {tavle_move:.3f} s   "
          f"ratio {tavle_move / bare_move:.2f}")
    total_bare, total_tavle = bare_open + bare_move, tavle_open + tavle_move
    print(f"total - ratio tavle / bare: {total_tavle / total_bare:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
