"""Run-chart analysis with the Anhøj rules, as the R package qicharts2 implements them.

Sources:
- J. Anhøj, A. V. Olesen (2014), "Run charts revisited: a simulation study of run chart rules
  for detection of non-random variation in health care processes", PLoS ONE 9(11): e113825.
  The two rules and their critical values (table 1) come from there.
- J. Anhøj (2018), qicharts2 (CRAN), function `runs.analysis()` in `R/helper.functions.R`: the
  points on the centre line are dropped before both rules, `longest.run.max <-
  round(log2(n.useful)) + 3` and `n.crossings.min <- qbinom(0.05, n.useful - 1, 0.5)`; a
  runs signal is `longest.run > longest.run.max || n.crossings < n.crossings.min`. The centre
  line of each part (`part =`) is the median of its baseline points (`freeze =`, first part
  only), and the rules run over every point of the part against that centre.

This module is pure Python and draws nothing; `tui.widgets.run_chart` draws what it returns.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

MIN_USEFUL = 10
"""Below this many useful points the rules are not applied (Anhøj & Olesen tabulate n ≥ 10)."""

ABOVE = 1
BELOW = -1


@lru_cache(maxsize=1024)
def longest_run_limit(n_useful: int) -> int:
    """The longest run that is still random: round(log2(n)) + 3 (Anhøj & Olesen 2014, table 1;
    qicharts2 `longest.run.max`). A run longer than this signals. 0 for n = 0."""
    if n_useful <= 0:
        return 0
    return round(math.log2(n_useful)) + 3


@lru_cache(maxsize=1024)
def crossings_limit(n_useful: int) -> int:
    """The fewest crossings that are still random: the 5 % lower quantile of Binomial(n - 1, 0.5),
    computed exactly (qicharts2 `n.crossings.min <- qbinom(0.05, n - 1, 0.5)`; Anhøj & Olesen
    2014, table 1). Fewer crossings than this signal.

    `qbinom(p, size, prob)` is the smallest x with P(X <= x) >= p; with prob = 1/2 that is
    sum(C(size, k), k <= x) / 2**size >= 1/20, checked in integers."""
    trials = max(n_useful - 1, 0)
    total = 2**trials
    cumulative = 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:
            return k
    return trials


@dataclass(frozen=True)
class Run:
    """Consecutive useful points on one side of the centre line (points on it are skipped)."""

    side: int
    """`ABOVE` (1) or `BELOW` (-1)."""
    indexes: tuple[int, ...]
    """Indexes into the whole series of the points in the run."""

    @property
    def length(self) -> int:
        """How many useful points the run holds."""
        return len(self.indexes)


@dataclass(frozen=True)
class Part:
    """The analysis of one part of a run chart (a stretch with a centre line of its own)."""

    start: int
    """Index of the first point of the part."""
    end: int
    """Index after the last point of the part."""
    baseline_end: int
    """Index after the last point whose median is the centre (== end unless frozen)."""
    centre: float | None
    """The median of the baseline points (None for an empty part)."""
    n_useful: int
    """Points not exactly on the centre line."""
    longest_run: int
    longest_run_side: int
    """Side of the longest run (the latest one if several are as long); 0 when none."""
    longest_run_limit: int
    crossings: int
    crossings_limit: int
    runs: tuple[Run, ...]
    """Every run of the part, in order."""

    @property
    def frozen(self) -> bool:
        """Whether the centre is a frozen baseline's median."""
        return self.baseline_end < self.end

    @property
    def too_few(self) -> bool:
        """Fewer than 10 useful points: the rules need more data, nothing is signalled."""
        return self.n_useful < MIN_USEFUL

    @property
    def long_run_signal(self) -> bool:
        """An unusually long run: longest run > round(log2(n)) + 3."""
        return not self.too_few and self.longest_run > self.longest_run_limit

    @property
    def crossings_signal(self) -> bool:
        """Unusually few crossings: crossings < qbinom(0.05, n - 1, 0.5)."""
        return not self.too_few and self.crossings < self.crossings_limit

    @property
    def signal(self) -> bool:
        """A runs signal: either rule."""
        return self.long_run_signal or self.crossings_signal

    @property
    def signal_runs(self) -> tuple[Run, ...]:
        """The runs longer than the limit (empty unless `long_run_signal`)."""
        if not self.long_run_signal:
            return ()
        return tuple(run for run in self.runs if run.length > self.longest_run_limit)

    @property
    def signal_indexes(self) -> tuple[int, ...]:
        """Indexes of the points in the signalling runs."""
        return tuple(i for run in self.signal_runs for i in run.indexes)

    @property
    def indexes(self) -> range:
        """The indexes of the part's points."""
        return range(self.start, self.end)


@dataclass(frozen=True)
class RunChart:
    """The analysis of a whole series: one `Part` per stretch between splits."""

    values: tuple[float, ...]
    parts: tuple[Part, ...]

    @property
    def last(self) -> Part | None:
        """The last part (the one a meeting reads), None for an empty series."""
        return self.parts[-1] if self.parts else None

    @property
    def signal(self) -> bool:
        """Whether any part signals."""
        return any(part.signal for part in self.parts)

    @property
    def signal_indexes(self) -> frozenset[int]:
        """Indexes of every point in a signalling run, over all parts."""
        return frozenset(i for part in self.parts for i in part.signal_indexes)

    def part_of(self, index: int) -> Part:
        """The part holding a point."""
        for part in self.parts:
            if part.start <= index < part.end:
                return part
        raise IndexError(index)

    def centres(self) -> list[float | None]:
        """The centre line's value at each point."""
        return [part.centre for part in self.parts for _ in part.indexes]


def _runs(values: Sequence[float], start: int, centre: float) -> list[Run]:
    runs: list[Run] = []
    side = 0
    current: list[int] = []
    for offset, value in enumerate(values):
        point_side = (value > centre) - (value < centre)
        if point_side == 0:
            continue  # on the centre line: not useful, neither breaks nor extends a run
        if point_side != side and current:
            runs.append(Run(side, tuple(current)))
            current = []
        side = point_side
        current.append(start + offset)
    if current:
        runs.append(Run(side, tuple(current)))
    return runs


def analyse_part(
    values: Sequence[float], *, start: int = 0, baseline: int | None = None
) -> Part:
    """Analyse one part: `values` are its points, `start` the index of the first in the series,
    `baseline` how many of its first points give the median (None: all of them)."""
    end = start + len(values)
    count = len(values) if baseline is None else max(1, min(baseline, len(values)))
    if not values:
        return Part(start, end, end, None, 0, 0, 0, 0, 0, 0, ())
    centre = float(statistics.median(values[:count]))
    runs = _runs(values, start, centre)
    n_useful = sum(run.length for run in runs)
    longest = max((run.length for run in runs), default=0)
    longest_side = next((r.side for r in reversed(runs) if r.length == longest), 0)
    return Part(
        start=start,
        end=end,
        baseline_end=start + count,
        centre=centre,
        n_useful=n_useful,
        longest_run=longest,
        longest_run_side=longest_side,
        longest_run_limit=longest_run_limit(n_useful),
        crossings=max(len(runs) - 1, 0),
        crossings_limit=crossings_limit(n_useful),
        runs=tuple(runs),
    )


def part_bounds(length: int, parts: Sequence[int] = ()) -> list[tuple[int, int]]:
    """The (start, end) of each part: `parts` are the indexes where a new part starts (out of
    range or repeated indexes are ignored)."""
    starts = sorted({i for i in parts if 0 < i < length})
    edges = [0, *starts, length]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def analyse(
    values: Sequence[float], *, parts: Sequence[int] = (), baseline: int | None = None
) -> RunChart:
    """Analyse a series with the Anhøj rules.

    `parts`: indexes where a new part (with a median of its own) starts, as qicharts2's `part`.
    `baseline`: the number of points of the first part whose median is its centre line, as
    qicharts2's `freeze`; the rest of that part is judged against that frozen median.
    """
    series = tuple(float(v) for v in values)
    analysed = []
    for number, (start, end) in enumerate(part_bounds(len(series), parts)):
        analysed.append(
            analyse_part(
                series[start:end], start=start, baseline=baseline if number == 0 else None
            )
        )
    return RunChart(series, tuple(analysed))
