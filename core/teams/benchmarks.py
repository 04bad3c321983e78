"""Benchmarks between teams: every team's value of one key figure in one period, ranked in the
figure's better direction, with the median of the teams and the target; and the teams × figures
table where each value is marked by the team's position among the teams.

Ranks are competition ranks ("1, 2, 2, 4"): equal values share a rank. Teams without a value in
the period are listed after the ranked ones, without a rank. Pure functions over loaded series
(`core.teams.states`); the signal of a point comes from `core.teams.signals`.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from core.measures.signals import Verdict
from core.models import Direction, KeyFigure
from core.teams.signals import FigureRule, FigureState
from core.teams.states import TeamRef, TeamSeries

Position = Literal["best", "middle", "worst"]
MARKERS: dict[Position, str] = {"best": "▲", "middle": "■", "worst": "▼"}
"""The marker of a team's position among the teams (text, so it reads without colour)."""


def ranks(values: Mapping[str, float], better: Direction) -> dict[str, int]:
    """The competition rank of each value (1 = best in the `better` direction; ties share)."""
    higher = better is Direction.HIGHER
    ordered = sorted(-v if higher else v for v in values.values())
    return {
        key: bisect.bisect_left(ordered, -value if higher else value) + 1
        for key, value in values.items()
    }


def median_of(values: Iterable[float]) -> float | None:
    """The median of the teams' values (None without values)."""
    found = list(values)
    return statistics.median(found) if found else None


def position(rank: int, count: int) -> Position | None:
    """Whether a rank lies in the best, the middle or the worst third (None: nothing to compare)."""
    if count < 2:
        return None
    third = math.ceil(count / 3)
    if rank <= third:
        return "best"
    if rank > count - third:
        return "worst"
    return "middle"


def position_text(rank: int, count: int) -> str:
    """A rank with its marker: "▲ 1/6" … "▼ 6/6"."""
    where = position(rank, count)
    marker = f"{MARKERS[where]} " if where else ""
    return f"{marker}{rank}/{count}"


def point_signal(state: FigureState | None, index: int) -> Verdict | None:
    """Whether a point is part of the series' signal, and on the better or the worse side of
    its centre line on the figure's control chart."""
    if state is None or index not in state.signal_indexes:
        return None
    centre = state.chart.points[index].cl
    value = state.values[index]
    if centre is None or value == centre:
        return state.direction
    return "better" if state.rule.is_better(value, centre) else "worse"


# -- one figure, one period ------------------------------------------------------------------


@dataclass(frozen=True)
class BenchRow:
    """One team in a benchmark."""

    team: TeamRef
    value: float | None
    """None: the team has no value in the period."""
    rank: int | None
    signal: Verdict | None = None
    """The point's signal on the team's own control chart ("better", "worse", or None)."""
    past_threshold: bool = False
    """The value lies past the figure's alert threshold, on the worse side."""


@dataclass(frozen=True)
class Benchmark:
    """Every team's value of one figure in one period, best first, then the teams without one."""

    figure: KeyFigure
    period: str | None
    rows: tuple[BenchRow, ...]
    median: float | None

    @property
    def count(self) -> int:
        """How many teams have a value (and a rank)."""
        return sum(row.rank is not None for row in self.rows)

    @property
    def target(self) -> float | None:
        return self.figure.target

    def row_of(self, team_id: str) -> BenchRow | None:
        return next((row for row in self.rows if row.team.id == team_id), None)


def periods_of(series: Iterable[TeamSeries]) -> list[str]:
    """Every period any team has a value in, oldest first."""
    return sorted({period for one in series for period in one.periods})


def benchmark(
    figure: KeyFigure,
    teams: Sequence[TeamRef],
    series: Mapping[str, TeamSeries],
    period: str | None,
    states: Mapping[str, FigureState] | None = None,
) -> Benchmark:
    """Rank the teams' values of `figure` in `period` (series and states by team id)."""
    rule = FigureRule.of(figure)
    values: dict[str, float] = {}
    signals: dict[str, Verdict | None] = {}
    for team in teams:
        one = series.get(team.id)
        if one is None or period is None or period not in one.periods:
            continue
        index = one.periods.index(period)
        values[team.id] = one.values[index]
        signals[team.id] = point_signal((states or {}).get(team.id), index)
    ranked = ranks(values, figure.better)
    threshold = figure.alert_threshold

    def past(value: float) -> bool:
        return threshold is not None and value != threshold and not rule.is_better(
            value, threshold)

    rows = [
        BenchRow(team, values[team.id], ranked[team.id], signals[team.id], past(values[team.id]))
        for team in teams if team.id in values
    ]
    rows.sort(key=lambda row: (row.rank, row.team.name.casefold(), row.team.id))
    rows += [BenchRow(team, None, None) for team in teams if team.id not in values]
    return Benchmark(figure, period, tuple(rows), median_of(values.values()))


# -- teams × figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TableCell:
    """A team's value of a figure in the table, with its rank among the teams that have one."""

    value: float
    rank: int
    count: int

    @property
    def position(self) -> Position | None:
        return position(self.rank, self.count)


def team_table(
    figures: Sequence[KeyFigure], values: Mapping[tuple[str, str], float]
) -> dict[tuple[str, str], TableCell]:
    """Each (team id, figure id) value ranked among the teams on that figure."""
    table: dict[tuple[str, str], TableCell] = {}
    for figure in figures:
        column = {team: v for (team, fig), v in values.items() if fig == figure.id}
        ranked = ranks(column, figure.better)
        for team, value in column.items():
            table[(team, figure.id)] = TableCell(value, ranked[team], len(column))
    return table


def values_in(series: Iterable[TeamSeries], period: str) -> dict[tuple[str, str], float]:
    """Every (team id, figure id) value in `period`."""
    found = {}
    for one in series:
        value = one.value_in(period)
        if value is not None:
            found[(one.team_id, one.figure_id)] = value
    return found


# -- drawing as text ---------------------------------------------------------------------------

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
SPARKS = "▁▂▃▄▅▆▇█"
MEDIAN_MARK = "│"
TARGET_MARK = "┆"


@dataclass(frozen=True)
class Scale:
    """The value range a set of bars or sparklines shares."""

    low: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float | None], *, from_zero: bool = True) -> Scale:
        """A range holding every value (and 0, for bars)."""
        found = [v for v in values if v is not None]
        if from_zero:
            found.append(0.0)
        if not found:
            return cls(0.0, 1.0)
        low, high = min(found), max(found)
        if high == low:
            high = low + 1.0
        return cls(low, high)

    def cells(self, value: float, width: int) -> float:
        """How many cells of a `width`-wide bar `value` fills (fractions allowed)."""
        share = (value - self.low) / (self.high - self.low)
        return max(0.0, min(1.0, share)) * width

    def column(self, value: float, width: int) -> int:
        """The cell a mark at `value` goes in."""
        return min(width - 1, max(0, int(self.cells(value, width))))


def bar(value: float | None, scale: Scale, width: int,
        marks: Sequence[tuple[float | None, str]] = ()) -> str:
    """A horizontal bar `width` cells wide, with marks (median, target) drawn over it; a mark
    that would fall in the cell of an earlier one goes one cell towards its own side."""
    cells = [" "] * width
    if value is not None:
        filled = scale.cells(value, width)
        whole = int(filled)
        cells[:whole] = FULL * whole
        rest = int((filled - whole) * 8)
        if whole < width and rest:
            cells[whole] = EIGHTHS[rest]
    placed: dict[int, float] = {}
    for at, char in marks:
        if at is None or not width:
            continue
        column = scale.column(at, width)
        if column in placed:  # two marks in one cell: move the later one a cell its own way
            column = max(0, min(width - 1, column + (1 if at >= placed[column] else -1)))
        placed[column] = at
        cells[column] = char
    return "".join(cells)


def sparkline_on(values: Sequence[float], scale: Scale, width: int) -> str:
    """The last `width` values as block characters on a shared scale (lowest ▁, highest █)."""
    shown = list(values)[-width:]
    top = len(SPARKS) - 1
    line = []
    for value in shown:
        share = (value - scale.low) / (scale.high - scale.low)
        line.append(SPARKS[max(0, min(top, int(share * len(SPARKS))))])
    return "".join(line).rjust(width)
