"""A 1,000-point run chart: Tavle's analysis and drawing against plotext drawing the same points.

In one run, with the same 1,000 values (a shift after point 600) and the same figure size:
  (a) baseline: plotext draws the points alone (`fig.signal` joined by lines, `fig.build()`)
      in braille dots, as the chart's line is drawn (the time with plotext's default hd marker
      is printed beside it);
  (b) Tavle: the run chart and the I chart as `core.measures.qic.qic` computes them (centre
      lines, limits, the Anhøj rules against each chart's own centre line), and the chart
      widget's plotext drawing of each (`tui.widgets.run_chart.draw`: the braille line, centre
      lines, limits, target, signal points, annotations, tick labels), per chart;
  (c) the overview's work: 30 measures of 200 points loaded from SQLite and analysed
      (`tui.measures.overview.compute_statuses`, what the worker thread does).
Rounds of (a) and (b) alternate, so a slow stretch of the machine falls on both alike. Prints
the medians and the ratio (b) / (a) (target: ratio <= 1.5). The baseline draws braille dots
because the chart's line is drawn in them (2 × 4 dots a cell); plotext's default marker is
quicker (about 2 × 2 dots a cell) and its time is printed beside, for reference.

Usage: python bench/charts.py [--rounds N] [--points N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.db.store import Store  # noqa: E402
from core.db.undo import UndoLog  # noqa: E402
from core.measures import entry as measures  # noqa: E402
from core.measures.qic import Chart, periods, qic  # noqa: E402
from core.measures.signals import project_measure_ids  # noqa: E402
from core.models import Frequency  # noqa: E402
from core.project import projects  # noqa: E402
from core.values.periods import next_period  # noqa: E402
from tui.lang import translator  # noqa: E402
from tui.measures.overview import compute_statuses  # noqa: E402
from tui.widgets.run_chart import ChartData, draw  # noqa: E402

WIDTH, HEIGHT = 118, 24


def series(count: int) -> list[float]:
    rng = random.Random(5)
    shift = int(count * 0.6)
    return [rng.gauss(24, 2.5) if i < shift else rng.gauss(19, 2.5) for i in range(count)]


def timed(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def plotext_alone(values: list[float], marker: str = "braille") -> None:
    """plotext drawing the points as one line, in the chart's braille dots (or `marker`)."""
    import plotext

    plotext.terminal.limit(False, False)  # the figure's own size, whatever the terminal's
    fig = plotext.figure
    fig.clear()
    fig.plot_size(WIDTH, HEIGHT)
    signal = fig.signal(list(range(1, len(values) + 1)), values,
                        marker=plotext.marker(marker))
    signal.lines()
    fig.draw(signal)
    str(fig.build())


def tavle_chart(values: list[float]) -> None:
    data = periods(values)
    run = qic(data, chart=Chart.RUN)
    individuals = qic(data, chart=Chart.I, negative=False)
    ticks = [f"u{i % 52 + 1}" for i in range(len(values))]
    number = translator().number
    draw(ChartData.of(run, ticks, target=20.0, marks=[(600, "1"), (800, "2")]),
         WIDTH, HEIGHT, number)
    draw(ChartData.of(individuals, ticks, target=20.0, marks=[(600, "1")]),
         WIDTH, HEIGHT, number)


def overview_work(folder: Path) -> float:
    store = Store.open(folder / "bench.db")
    project = projects.create_project(store, "Bench")
    log = UndoLog(store)
    for number in range(30):
        measure = measures.add_measure(log, project.id, name=f"M{number}")
        period, entries = "2022-W01", []
        for value in series(200):
            entries.append(measures.Entry(period, value=round(value, 1)))
            period = next_period(period, Frequency.WEEKLY)
        measures.apply_paste(log, measure, entries)
    ids = project_measure_ids(store, project.id)
    elapsed = timed(lambda: compute_statuses(str(store.path), None, ids), 3)
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--points", type=int, default=1000)
    args = parser.parse_args()
    values = series(args.points)
    plotext_alone(values)  # import plotext and warm up both paths once
    tavle_chart(values)
    # interleaved, so that a slow stretch of the machine falls on both sides alike
    bases, ourses, defaults = [], [], []
    for _ in range(args.rounds):
        bases.append(timed(lambda: plotext_alone(values), 1))
        ourses.append(timed(lambda: tavle_chart(values), 1) / 2)  # two charts per round
        defaults.append(timed(lambda: plotext_alone(values, "hd"), 1))
    base, ours, default = map(statistics.median, (bases, ourses, defaults))
    print(f"plotext alone, {args.points} points:          {base * 1000:7.1f} ms"
          f" (its default hd marker: {default * 1000:.1f} ms)")
    print(f"Tavle analysis + chart, {args.points} points: {ours * 1000:7.1f} ms")
    print(f"ratio Tavle / plotext:                 {ours / base:7.2f}")
    with tempfile.TemporaryDirectory() as folder:
        worker = overview_work(Path(folder))
    print(f"overview worker, 30 x 200 points:      {worker * 1000:7.1f} ms (off the UI thread)")


if __name__ == "__main__":
    main()
