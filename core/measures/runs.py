"""The Anhøj rules for non-random variation: the longest run and the number of crossings.

Sources:
- J. Anhøj, A. V. Olesen (2014), "Run charts revisited: a simulation study of run chart rules
  for detection of non-random variation in health care processes", PLoS ONE 9(11): e113825,
  table 1 (the critical values).
- qicharts2 0.8.1 (J. Anhøj, CRAN), `runs.analysis()` and `crsignal()` in
  `R/helper.functions.R`: the included points are compared with the chart's own centre line
  (`sign(y - cl)`), points on the line and missing points are dropped, `longest.run.max <-
  round(log2(n.useful)) + 3`, `n.crossings.min <- qbinom(0.05, n.useful - 1, 0.5)`, and a runs
  signal is `longest.run > longest.run.max || n.crossings < n.crossings.min`. The rules apply
  at any number of useful points, as there.

Pure Python; `core.measures.qic` runs these rules on each part of a chart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

FEW_USEFUL = 10
"""Below this many useful points the rules have little power (Anhøj & Olesen tabulate from 10
on). The rules still apply, as in qicharts2; the screen only says so in words."""

ABOVE = 1
BELOW = -1


@lru_cache(maxsize=1024)
def longest_run_limit(n_useful: int) -> int:
    """The longest run that is still random: round(log2(n)) + 3 (Anhøj & Olesen 2014, table 1;
    qicharts2 `longest.run.max`). A longer run signals. 0 for n = 0."""
    if n_useful <= 0:
        return 0
    return round(math.log2(n_useful)) + 3


@lru_cache(maxsize=1024)
def crossings_limit(n_useful: int) -> int:
    """The fewest crossings that are still random: the 5 % lower quantile of Binomial(n - 1, 0.5)
    (qicharts2 `n.crossings.min <- qbinom(0.05, n - 1, 0.5)`). Fewer crossings signal.

    `qbinom(p, size, prob)` is the smallest x with P(X <= x) >= p; with prob = 1/2 that is
    sum(C(size, k), k <= x) / 2**size >= 1/20, checked here in integers (exact, where R's
    floating-point quantile could only agree)."""
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
    """Consecutive useful points on one side of the centre line."""

    side: int
    """`ABOVE` (1) or `BELOW` (-1)."""
    indexes: tuple[int, ...]
    """The indexes of the run's points in the whole series."""

    @property
    def length(self) -> int:
        return len(self.indexes)


def runs_of(sides: Iterable[tuple[int, int]]) -> tuple[Run, ...]:
    """Group `(index, side)` pairs into runs: side 0 (on the centre line, missing, excluded) is
    skipped, neither breaking nor extending a run (qicharts2 drops those points before `rle`)."""
    runs: list[Run] = []
    side = 0
    current: list[int] = []
    for index, point_side in sides:
        if point_side == 0:
            continue
        if point_side != side and current:
            runs.append(Run(side, tuple(current)))
            current = []
        side = point_side
        current.append(index)
    if current:
        runs.append(Run(side, tuple(current)))
    return tuple(runs)


@dataclass(frozen=True)
class RunsAnalysis:
    """The Anhøj rules over one part of a chart (qicharts2's per-part summary columns)."""

    n_obs: int
    """Included points, missing periods among them (qicharts2 `n.obs`)."""
    runs: tuple[Run, ...]

    @property
    def n_useful(self) -> int:
        """Points off the centre line (qicharts2 `n.useful`)."""
        return sum(run.length for run in self.runs)

    @property
    def longest_run(self) -> int | None:
        """None without useful points (qicharts2: NA)."""
        return max((run.length for run in self.runs), default=None)

    @property
    def longest_run_max(self) -> int | None:
        return longest_run_limit(self.n_useful) if self.runs else None

    @property
    def crossings(self) -> int | None:
        return len(self.runs) - 1 if self.runs else None

    @property
    def crossings_min(self) -> int | None:
        return crossings_limit(self.n_useful) if self.runs else None

    @property
    def long_run_signal(self) -> bool:
        longest, limit = self.longest_run, self.longest_run_max
        return longest is not None and limit is not None and longest > limit

    @property
    def crossings_signal(self) -> bool:
        crossings, least = self.crossings, self.crossings_min
        return crossings is not None and least is not None and crossings < least

    @property
    def signal(self) -> bool:
        """A runs signal: either rule (qicharts2 `runs.signal`)."""
        return self.long_run_signal or self.crossings_signal

    @property
    def few(self) -> bool:
        """Fewer than 10 useful points: the rules have little power (said, never hidden)."""
        return self.n_useful < FEW_USEFUL

    @property
    def signal_runs(self) -> tuple[Run, ...]:
        """The runs longer than the limit (empty without a long-run signal)."""
        limit = self.longest_run_max
        if not self.long_run_signal or limit is None:
            return ()
        return tuple(run for run in self.runs if run.length > limit)

    @property
    def longest_side(self) -> int:
        """The side of the longest run (the latest if several are as long); 0 without runs."""
        longest = self.longest_run
        return next((r.side for r in reversed(self.runs) if r.length == longest), 0)
