"""The state of one team's key-figure series: last value, change, target, threshold and signal.

`figure_state(values, figure)` is the one place that judges a team figure series; the team
dashboard, the benchmarks and the deviation alerts all read it. The chart is
`core.measures.qic.qic`'s (a C chart for counts, else an I chart: the Anhøj rules against its
mean and the points outside its limits) and the better/worse judgement
`core.measures.signals.judge_signal_since` (never a second copy), with variation and
assurance (`core.measures.assurance`) in the same pass. It is pure and cached on its
arguments (the values as a tuple and the figure's rule), so it is safe in a worker thread and
a series that did not change is not analysed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from core.measures.assurance import Reading, reading_of
from core.measures.qic import Qic, periods, qic
from core.measures.signals import Verdict, judge_signal_since
from core.models.measure import Chart, Direction, MeasureKind

if TYPE_CHECKING:
    from core.models import KeyFigure

FigureVerdict = Literal[
    "no_data", "signal_worse", "signal_better", "off_target", "on_target", "no_signal"
]
"""A figure's state in one word, most urgent first: a signal in the worse direction, one in
the better direction, the last value off or on target, or (without a target) no signal."""

CACHE_SIZE = 8192
"""Series states kept (40 teams × 15 figures fit many times over)."""


@dataclass(frozen=True)
class FigureRule:
    """What judging a series needs of its key figure (hashable, so states can be cached)."""

    kind: MeasureKind = MeasureKind.CONTINUOUS
    better: Direction = Direction.LOWER
    target: float | None = None
    alert_threshold: float | None = None

    @classmethod
    def of(cls, figure: KeyFigure) -> FigureRule:
        return cls(figure.kind, figure.better, figure.target, figure.alert_threshold)

    def is_better(self, value: float, than: float) -> bool:
        """Whether `value` is strictly better than `than` in the figure's better direction."""
        return value > than if self.better is Direction.HIGHER else value < than

    def meets(self, value: float, target: float) -> bool:
        """Whether `value` reaches `target` (equal counts as reached)."""
        return value >= target if self.better is Direction.HIGHER else value <= target


@dataclass(frozen=True)
class FigureState:
    """One team figure series as the dashboard, benchmarks and alerts read it."""

    values: tuple[float, ...]
    rule: FigureRule
    chart: Qic
    """The figure's control chart (`chart_kind`): its centre, limits and runs analysis."""
    signal: bool
    """A runs signal in the last part, or a point of the last part outside the limits."""
    direction: Verdict | None
    """The latest signal's side: "better", "worse", or None (no signal, or no side)."""
    signal_indexes: frozenset[int]
    """Points of the last part in a signalling run or outside the control limits."""
    reading: Reading
    """Variation and assurance against the figure's target (`core.measures.assurance`)."""

    @property
    def last(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> float | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def change(self) -> float | None:
        """The last value minus the one before (None with fewer than two values)."""
        if self.last is None or self.previous is None:
            return None
        return self.last - self.previous

    @property
    def change_better(self) -> bool | None:
        """Whether the last change went the better way (None: no change or none to judge)."""
        if self.change is None or self.change == 0:
            return None
        assert self.last is not None and self.previous is not None
        return self.rule.is_better(self.last, self.previous)

    @property
    def target(self) -> float | None:
        return self.rule.target

    @property
    def on_target(self) -> bool | None:
        """Whether the last value reaches the target (None: no target or no value)."""
        if self.last is None or self.rule.target is None:
            return None
        return self.rule.meets(self.last, self.rule.target)

    @property
    def past_threshold(self) -> bool:
        """Whether the last value lies past the alert threshold, on the worse side."""
        threshold = self.rule.alert_threshold
        if self.last is None or threshold is None:
            return False
        return self.last != threshold and not self.rule.is_better(self.last, threshold)

    @property
    def last_in_signal(self) -> bool:
        """Whether the last point is itself part of the signal (a new signal this period)."""
        return bool(self.values) and len(self.values) - 1 in self.signal_indexes

    @property
    def verdict(self) -> FigureVerdict:
        if not self.values:
            return "no_data"
        if self.signal and self.direction == "worse":
            return "signal_worse"
        if self.signal and self.direction == "better":
            return "signal_better"
        on_target = self.on_target
        if on_target is None:
            return "no_signal"
        return "on_target" if on_target else "off_target"


def chart_kind(kind: MeasureKind) -> Chart:
    """The control chart of a key figure: C for counts, else I (a team figure is one value per
    period, without the numerator and denominator a P or U chart needs)."""
    return Chart.C if kind is MeasureKind.COUNT else Chart.I


@lru_cache(maxsize=CACHE_SIZE)
def state_of(values: tuple[float, ...], rule: FigureRule) -> FigureState:
    """The state of a series under a rule (pure and cached; see `figure_state`)."""
    chart = qic(periods(values), chart=chart_kind(rule.kind),
                negative=rule.kind is MeasureKind.CONTINUOUS)
    signal, direction, since = judge_signal_since(chart, rule.better)
    reading = reading_of(chart, signal=signal, direction=direction, since=since,
                         target=rule.target, better=rule.better)
    part = chart.last
    flagged: frozenset[int] = frozenset()
    if part is not None:
        runs = {i for run in part.signal_runs for i in run.indexes}
        sigma = {i for i in chart.sigma_indexes if part.start <= i < part.end}
        flagged = frozenset(runs | sigma)
    return FigureState(values, rule, chart, signal, direction, flagged, reading)


def figure_state(values: Sequence[float], figure: KeyFigure | FigureRule) -> FigureState:
    """The state of one team figure series (`values` in period order, oldest first).

    The control chart (I, or C for counts: the Anhøj rules against its mean over the whole
    series as one part, and its limits), whether the last part signals and on which side, the
    last value against the target and the alert threshold. Pure, fast and cached: call it
    freely, also from workers.
    """
    rule = figure if isinstance(figure, FigureRule) else FigureRule.of(figure)
    return state_of(tuple(float(v) for v in values), rule)
