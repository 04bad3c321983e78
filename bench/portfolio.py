"""The portfolio on 200 projects from 33 units against a bare Textual DataTable with the same rows.

One run builds a database in a temporary folder: 200 projects spread over 33 units, each with
its charter, a result goal, three measures of 26 weekly points (one with a shift), 15 action
plan rows, three kaizen meetings and two benefits (written in bulk through the change log).
Then it measures, for Tavle's portfolio and for a bare app holding a DataTable with the same
cells:
  (a) opening: from pushing the screen until its rows are in the table and drawn (Tavle's
      signal cache emptied first, so its worker starts computing every measure's signal and
      competes for the interpreter while the table is drawn);
  (b) scrolling: 100 cursor moves (`pilot.press("down")`) and 5 PgDn, once the signals are in.
It also prints how long Tavle's worker took to have every signal and conflict ready. Both apps
run headless under `App.run_test()`. Prints each median and the ratios (target <= 2).

Usage: python bench/portfolio.py [--rounds N] [--projects N] [--units N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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
from textual.pilot import Pilot  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Footer, Header  # noqa: E402

from core import clock  # noqa: E402
from core.db import changelog  # noqa: E402
from core.db.store import Store  # noqa: E402
from core.ids import new_id  # noqa: E402
from core.models import (  # noqa: E402
    Action,
    ActionStatus,
    Benefit,
    BenefitKind,
    BenefitStatus,
    Charter,
    Direction,
    Measure,
    Measurement,
    Meeting,
    Project,
    Record,
    ResultGoal,
    week_period,
)
from core.settings import Settings  # noqa: E402
from core.views import portfolio  # noqa: E402
from tui.app import TavleApp  # noqa: E402
from tui.views.portfolio import PortfolioScreen  # noqa: E402
from tui.views.portfolio_cells import columns_for, row_cells  # noqa: E402

MOVES, PAGES = 100, 5
SIZE = (120, 40)
WEEKS = 26


def _project_records(rng: random.Random, index: int, unit: str, today: dt.date) -> list[Record]:
    pid = new_id()
    records: list[Record] = [
        Project(id=pid, name=f"Projekt {index:03d}: kortere vej til afklaring", unit=unit,
                leader=f"Leder {index % 57}", current_phase=1 + index % 6),
        Charter(id=Charter.id_for(pid), project_id=pid, citizen_case="Borgeren venter.",
                purpose="Hurtigere afklaring."),
    ]
    start = today - dt.timedelta(weeks=WEEKS)
    for m in range(3):
        measure = Measure(project_id=pid, name=f"Måling {m + 1}", order=f"{m:04d}",
                          better=Direction.LOWER if m else Direction.HIGHER)
        records.append(measure)
        if m == 0:
            records.append(ResultGoal(project_id=pid, text="Halvér ventetiden", order="0001",
                                      measure_id=measure.id))
        shift = rng.random() < 0.5
        for week in range(WEEKS):
            level = 20.0 - (8 if shift and m == 1 and week > WEEKS // 2 else 0)
            period = week_period(start + dt.timedelta(weeks=week))
            records.append(Measurement(
                id=Measurement.id_for(pid, measure.id, period), project_id=pid,
                measure_id=measure.id, period=period, value=round(rng.gauss(level, 2), 1)))
    statuses = list(ActionStatus)
    for a in range(15):
        records.append(Action(project_id=pid, change=f"Ændring {a}", responsible="KF",
                              deadline=today + dt.timedelta(days=rng.randint(-40, 60)),
                              status=statuses[a % 4], order=f"{a:04d}"))
    for n in range(3):
        records.append(Meeting(project_id=pid,
                               held_on=today - dt.timedelta(days=rng.randint(1, 60) + 14 * n)))
    records.append(Benefit(project_id=pid, title="Sparede sygedagpenge", kind=BenefitKind.KR,
                           status=BenefitStatus.REALISED, amount=rng.randint(50, 900) * 1000.0,
                           period_from=today - dt.timedelta(days=540), period_to=today,
                           measure_id=records[2].id))
    records.append(Benefit(project_id=pid, title="Sparede timer", kind=BenefitKind.HOURS,
                           amount=float(rng.randint(100, 900))))
    return records


def build(path: Path, count: int, units: int) -> Store:
    """A database with `count` projects spread over `units` units, with their data."""
    store = Store.open(path)
    rng, today = random.Random(2026), clock.today()
    unit_names = [f"Enhed {n + 1:02d}" for n in range(units)]
    with store.transaction():
        for index in range(count):
            changelog.create_new(store, _project_records(rng, index, unit_names[index % units],
                                                         today))
    return store


def measure_batch(folder: Path, units: int) -> tuple[float, int]:
    """A coordinator imports one file of typical size from each unit as one batch.

    Returns the seconds per file (preview of the whole batch plus the import) and the mean
    file size in bytes.
    """
    from core.sync.batch import apply_batch, preview_batch
    from core.sync.exporter import export_scope

    rng, today = random.Random(33), clock.today()
    inbox = folder / "inbox"
    inbox.mkdir()
    for unit in range(units):
        source = Store.open(folder / f"unit{unit}.db", fingerprint=f"unit{unit}")
        source.set_unit_name(f"Enhed {unit + 1:02d}")
        records = _project_records(rng, unit, f"Enhed {unit + 1:02d}", today)
        with source.transaction():
            changelog.create_new(source, records)
        export_scope(source, records[0].id, folder=inbox)
        source.close()
    files = sorted(inbox.glob("*.tavle"))
    coordinator = Store.open(folder / "coordinator.db", fingerprint="coordinator")
    start = time.perf_counter()
    preview_batch(coordinator, files)
    outcomes = apply_batch(coordinator, files)
    elapsed = time.perf_counter() - start
    assert all(outcome.ok for outcome in outcomes)
    coordinator.close()
    return elapsed / len(files), sum(p.stat().st_size for p in files) // len(files)


class BareScreen(Screen[None]):
    """A bare screen: Header, a DataTable holding the same cells, Footer."""

    def __init__(self, cells: list[list[Text]], widths: tuple[int, ...]) -> None:
        super().__init__()
        self.cells, self.widths = cells, widths

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for index, width in enumerate(self.widths):
            table.add_column(str(index), width=width)
        table.add_rows(self.cells)
        table.focus()


async def shown(pilot: Pilot[None], rows: int) -> None:
    """Wait until the screen's table holds `rows` rows, measured and drawn.

    Polls with short sleeps, not `pilot.pause()`: that waits for the process to be idle, which
    Tavle's signal worker (busy on purpose) would make it wait for.
    """
    while True:
        await pilot.pause(0.002)
        screen = pilot.app.screen
        tables = screen.query(DataTable)
        if tables and tables.first().row_count == rows \
                and tables.first().virtual_size.height >= rows:
            break
    await pilot.pause(0.002)


async def scroll(pilot: Pilot[None]) -> float:
    start = time.perf_counter()
    for _ in range(MOVES):
        await pilot.press("down")
    for _ in range(PAGES):
        await pilot.press("pagedown")
    await pilot.pause()
    return time.perf_counter() - start


async def measure_bare(cells: list[list[Text]], widths: tuple[int, ...]) -> tuple[float, float]:
    app: App[None] = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(BareScreen(cells, widths))
        await shown(pilot, len(cells))
        opened = time.perf_counter() - start
        return opened, await scroll(pilot)


async def measure_tavle(store: Store, rows: int) -> tuple[float, float, float]:
    app = TavleApp(store, Settings(), save=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        portfolio._CACHE.clear()  # a cold start: the worker computes every signal
        start = time.perf_counter()
        await app.push_screen(PortfolioScreen())
        await shown(pilot, rows)
        opened = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        ready = time.perf_counter() - start
        return opened, await scroll(pilot), ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--units", type=int, default=33)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        store = build(Path(folder) / "bench.db", args.projects, args.units)
        built = time.perf_counter() - start
        rows = portfolio.load_portfolio(store, today=clock.today())
        signals = portfolio.portfolio_signals(store, [row.id for row in rows])
        ordered = portfolio.sort_rows(rows, "name", signals)
        columns = columns_for(SIZE[0])
        cells = [[Text(texts[key]) for key, _ in columns]
                 for texts in (row_cells(row, signals) for row in ordered)]
        widths = tuple(width for _, width in columns)
        asyncio.run(measure_bare(cells, widths))  # warm-up: imports, caches
        asyncio.run(measure_tavle(store, len(rows)))
        bare: list[tuple[float, float]] = []
        tavle: list[tuple[float, float, float]] = []
        for _ in range(args.rounds):
            bare.append(asyncio.run(measure_bare(cells, widths)))
            tavle.append(asyncio.run(measure_tavle(store, len(rows))))
        store.close()
        per_file, size = measure_batch(Path(folder), args.units)
    b_open, b_move = (statistics.median(r[i] for r in bare) for i in range(2))
    t_open, t_move, t_ready = (statistics.median(r[i] for r in tavle) for i in range(3))
    print(f"projects: {args.projects} from {args.units} units (built in {built:.1f} s), "
          f"rounds: {args.rounds}, moves: {MOVES} down + {PAGES} PgDn")
    print(f"open   - bare DataTable: {b_open:.3f} s   tavle portfolio: {t_open:.3f} s   "
          f"ratio {t_open / b_open:.2f}")
    print(f"scroll - bare DataTable: {b_move:.3f} s   tavle portfolio: {t_move:.3f} s   "
          f"ratio {t_move / b_move:.2f}")
    print(f"signals and conflicts of every project ready (worker): {t_ready:.3f} s after opening")
    print("open per round - bare: " + " ".join(f"{r[0]:.3f}" for r in bare)
          + "   tavle: " + " ".join(f"{r[0]:.3f}" for r in tavle))
    print(f"total  - ratio tavle / bare: {(t_open + t_move) / (b_open + b_move):.2f} "
          "(target <= 2)")
    print(f"batch  - {args.units} files of {size / 1024:.1f} kB each, previewed and imported as "
          f"one batch: {per_file:.3f} s per file")


if __name__ == "__main__":
    main()
