"""Which way a signal points: where the process lies now, on the chart being read."""

from __future__ import annotations

from core.measures.qic import Chart, periods, qic
from core.measures.signals import judge_signal
from core.models import Direction


def test_an_early_long_run_above_the_mean_is_a_fall() -> None:
    # nine high weeks, then six lower ones that cross the mean once: only the early run signals
    values = [20.0, 21, 22, 20, 21, 23, 22, 21, 20, 12, 19, 11, 13, 12, 14]
    chart = qic(periods(values), chart=Chart.I)
    part = chart.parts[0]
    assert part.runs.long_run_signal
    assert part.runs.signal_runs[0].side == 1
    assert judge_signal(chart, Direction.LOWER) == (True, "better")
    assert judge_signal(chart, Direction.HIGHER) == (True, "worse")


def test_a_point_outside_the_limits_gives_its_side() -> None:
    values = [10.0, 11, 10, 12, 11, 10, 11, 10, 12, 11, 30]
    chart = qic(periods(values), chart=Chart.I)
    assert chart.sigma_indexes == (10,)
    assert judge_signal(chart, Direction.HIGHER) == (True, "better")


def test_too_few_crossings_alone_has_no_side() -> None:
    values = [10.0] * 5 + [1.0] * 5 + [10.0] * 5 + [1.0] * 5
    chart = qic(periods(values), chart=Chart.RUN)
    runs = chart.parts[0].runs
    assert (runs.crossings, runs.crossings_min, runs.longest_run) == (3, 6, 5)
    assert runs.crossings_signal and not runs.long_run_signal
    assert judge_signal(chart, Direction.HIGHER) == (True, None)


def test_an_excluded_point_outside_the_limits_is_no_verdict() -> None:
    values = [10.0, 11, 10, 12, 11, 10, 11, 10, 12, 11, 30]
    chart = qic(periods(values), chart=Chart.I, exclude={10})
    assert chart.sigma_indexes == (10,)  # still outside, still marked on the chart
    assert judge_signal(chart, Direction.HIGHER) == (False, None)
