"""Run and control charts as qicharts2 computes them: one pure function, `qic`.

Every chart Tavle shows, and every signal it reports, comes from `qic`. It follows qicharts2
0.8.1 (J. Anhøj, CRAN; `qic()` in `R/qic.R`, `qic.agg()`, `qic.run()`, `qic.i()`, `qic.mr()`,
`qic.xbar()`, `qic.s()`, `qic.t()`, `qic.p()`, `qic.pp()`, `qic.c()`, `qic.u()`, `qic.up()`,
`qic.g()`, `c4()`…`b4()` and `runs.analysis()` in `R/helper.functions.R`) point for point:

- Each part (`parts`, qicharts2's `part`) is computed on its own. The baseline of a part is its
  first `freeze` points (all points when not frozen), less the excluded points.
- Centre lines: the median of the baseline for run charts and G charts, the mean for I, MR, C
  and T charts, the pooled mean for Xbar, S, P, P′, U and U′ charts (Montgomery 6.30, 6.31).
- Sigma: the mean moving range of the baseline points / 1.128 (Montgomery 6.33), after dropping
  moving ranges ≥ 3.267 × their mean (Nelson 1982; qicharts2's default `qic.screenedmr`); no
  moving range left means no limits. A missing period breaks the two moving ranges it touches;
  an excluded point is skipped, so its neighbours make one moving range. Laney P′ and U′ take
  sigma from the screened moving ranges of the z-scores. Xbar and S use c4, A3, B3, B4,
  computed exactly with lgamma. C, U, P sigma are sqrt(c), sqrt(u / n), sqrt(p (1 - p) / n);
  G sigma is sqrt(mean (mean + 1)) (Montgomery p. 319); T is an I chart of y^(1/3.6), back
  transformed.
- Limits are centre ± 3 sigma (the 2-sigma warning lines ± 2 sigma); P upper limits stop at 1
  and C, U, P, G, T lower limits at 0. An I chart's negative lower limit is kept unless the
  measure cannot be negative (qicharts2's `y.neg = FALSE`) and no value is negative.
- The Anhøj rules (`core.measures.runs`) run over the part's included points against the
  chart's own centre line, at any number of points; MR charts have no runs signal.
- A point strictly outside its limits is a sigma signal, an excluded point too.
- `multiply` scales values, centres and limits after they are computed.

Where Tavle goes beyond qicharts2, on purpose:
- `freeze` may be given per part (qicharts2 ignores `freeze` when there are parts). With one
  part and one frozen count it is qicharts2's `freeze`.
- A given centre line of a T chart is read on the scale of the data (qicharts2 uses it
  untransformed on the y^(1/3.6) scale and then raises it to the power 3.6).
- `sigma=Sigma.NHS` gives the NHS Making Data Count variant of the I chart: limits at
  centre ± 2.66 × the screened mean moving range (warning lines at 2/3 of that).
- A period with no observations at all is missing; in qicharts2 a C chart period of several
  missing rows would count as 0.

No plotting and no database here: the screens, reports and alerts all read what `qic` returns.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from core.measures.runs import ABOVE, BELOW, Run, RunsAnalysis, runs_of
from core.models.measure import Chart, Sigma

__all__ = ["Chart", "Part", "Point", "Qic", "Sigma", "Subgroup", "periods", "qic", "unsupported"]

NA = math.nan

MR_SCREEN = 3.267
"""Moving ranges at or above this many mean moving ranges are left out (D4 for n = 2)."""
D2 = 1.128
"""d2 for moving ranges of two points: sigma = mean moving range / d2 (Montgomery 6.33)."""
NHS_FACTOR = 2.66
"""NHS Making Data Count: limits at the mean ± 2.66 mean moving ranges."""
T_POWER = 3.6
"""T charts plot y^(1/3.6) on an I chart (Nelson 1994, as qicharts2 `qic.t`)."""
G_MEDIAN = 0.693
"""A given G chart centre is a mean; its line is drawn at its theoretical median, 0.693 × mean
(Provost & Murray 2011, p. 228; qicharts2 `qic.g`)."""


@dataclass(frozen=True)
class Subgroup:
    """One period of a series: the observations it holds and its denominator.

    A period of one value holds one observation; case-level data hold one per case (a value,
    or 1/0 for yes/no with `n` the number of cases); a missing period holds none."""

    values: tuple[float, ...] = ()
    n: float | None = None
    """The denominator (the sum of the rows' denominators); None without one."""

    @classmethod
    def of(cls, value: float | None, n: float | None = None) -> Subgroup:
        """One value (None: missing) with an optional denominator."""
        if value is None or _na(value) or (n is not None and _na(n)):
            return cls((), 0.0 if n is not None else None)
        return cls((float(value),), None if n is None else float(n))

    @property
    def missing(self) -> bool:
        return not self.values


def periods(
    values: Sequence[float | None], denominators: Sequence[float | None] | None = None
) -> list[Subgroup]:
    """One subgroup per period from plain values (None: missing) and optional denominators."""
    if denominators is None:
        return [Subgroup.of(v) for v in values]
    if len(denominators) != len(values):
        raise ValueError("one denominator per value")
    return [
        Subgroup.of(v, 0.0 if d is None else d) if d is not None and v is not None
        else Subgroup((), 0.0)
        for v, d in zip(values, denominators, strict=True)
    ]


@dataclass(slots=True)
class Point:
    """One point of a chart, as a row of qicharts2's `qic(..., return.data = TRUE)`. Read-only
    by convention, not frozen: a frozen dataclass is six times slower to build, and the team
    benchmark judges 600 series × 156 weeks (93,600 points) in a worker."""

    index: int
    y: float | None
    """The plotted value (None: a missing period, or an MR chart's first point of a part)."""
    cl: float | None
    lcl: float | None
    ucl: float | None
    lcl_95: float | None
    ucl_95: float | None
    part: int
    """0-based number of the part."""
    baseline: bool
    """Whether the point is among the part's frozen baseline points (all, when not frozen)."""
    include: bool
    """False for an excluded point."""
    sigma_signal: bool
    n: float | None
    """The denominator, or the number of observations for case-level data."""

    @property
    def side(self) -> int:
        """1 above the centre line, -1 below, 0 on it or without a value or centre."""
        if self.y is None or self.cl is None:
            return 0
        return (self.y > self.cl) - (self.y < self.cl)


@dataclass(frozen=True)
class Part:
    """One part of a chart with its runs analysis (a row of qicharts2's `summary()`)."""

    number: int
    start: int
    end: int
    """Index after the last point."""
    frozen: int | None
    """How many first points are the baseline (None: all)."""
    runs: RunsAnalysis
    centre: float | None
    """The mean centre line over the part (qicharts2 summary `CL`)."""
    lcl: float | None
    """The mean lower limit (qicharts2 `aLCL`)."""
    ucl: float | None
    """The mean upper limit (qicharts2 `aUCL`)."""
    sigma_signals: int
    runs_signal: bool
    """The runs signal as charted (always False on an MR chart)."""

    @property
    def indexes(self) -> range:
        return range(self.start, self.end)

    @property
    def signal_runs(self) -> tuple[Run, ...]:
        """The runs longer than the limit, when they signal."""
        return self.runs.signal_runs if self.runs_signal else ()

    @property
    def signal(self) -> bool:
        """A runs signal or a point outside the limits."""
        return self.runs_signal or self.sigma_signals > 0


@dataclass(frozen=True)
class Qic:
    """A computed chart: its points and its parts."""

    chart: Chart
    points: tuple[Point, ...]
    parts: tuple[Part, ...]
    multiply: float = 1.0

    @property
    def values(self) -> tuple[float | None, ...]:
        return tuple(p.y for p in self.points)

    @property
    def last(self) -> Part | None:
        """The last part: the one a meeting reads (None for an empty chart)."""
        return self.parts[-1] if self.parts else None

    @property
    def sigma_indexes(self) -> tuple[int, ...]:
        return tuple(p.index for p in self.points if p.sigma_signal)

    @property
    def run_indexes(self) -> frozenset[int]:
        """The points of every signalling long run."""
        return frozenset(i for part in self.parts for run in part.signal_runs
                         for i in run.indexes)

    @property
    def has_limits(self) -> bool:
        return any(p.ucl is not None or p.lcl is not None for p in self.points)

    def part_of(self, index: int) -> Part:
        for part in self.parts:
            if part.start <= index < part.end:
                return part
        raise IndexError(index)


# --- R's arithmetic: NaN stands for NA; na.rm drops it -------------------------------------


def _na(value: float) -> bool:
    return value != value  # NaN, R's NA here


def _present(values: Sequence[float]) -> list[float]:
    return [v for v in values if not _na(v)]


def _mean(values: Sequence[float]) -> float:
    """`mean(x, na.rm = TRUE)`: NaN when nothing is left."""
    kept = _present(values)
    return math.fsum(kept) / len(kept) if kept else NA


def _median(values: Sequence[float]) -> float:
    kept = _present(values)
    return float(statistics.median(kept)) if kept else NA


def _sum(values: Sequence[float]) -> float:
    """`sum(x, na.rm = TRUE)`."""
    return math.fsum(_present(values))


def _div(a: float, b: float) -> float:
    """IEEE division as R does it: x/0 is ±Inf, 0/0 NaN."""
    if b == 0:
        if _na(a) or a == 0:
            return NA
        return math.copysign(math.inf, a)
    return a / b


def _sqrt(value: float) -> float:
    return math.sqrt(value) if value >= 0 else NA


def _pow(value: float, power: float) -> float:
    """`x^p` for a fractional p: NaN for negative x, as R."""
    if _na(value):
        return NA
    if value < 0:
        return NA
    if math.isinf(value):
        return math.inf
    return float(value**power)


def _abs_diff(values: Sequence[float]) -> list[float]:
    """`abs(diff(x))`: NaN wherever either neighbour is NaN."""
    return [abs(b - a) for a, b in itertools.pairwise(values)]


def _screened_mean(ranges: Sequence[float], screened: bool) -> float:
    """The mean moving range, after dropping those ≥ 3.267 × the mean (Nelson 1982)."""
    mean = _mean(ranges)
    if not screened:
        return mean
    limit = MR_SCREEN * mean
    return _mean([r for r in ranges if r < limit])


def c4(n: float) -> float:
    """c4(n) = sqrt(2 / (n - 1)) Γ(n/2) / Γ((n - 1)/2), exactly (Montgomery, appendix VI)."""
    if _na(n) or n <= 1:
        return NA
    return math.sqrt(2 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def _c5(n: float) -> float:
    return math.sqrt(1 - c4(n) ** 2) if not _na(c4(n)) else NA


def a3(n: float, sigmas: float = 3) -> float:
    """A3 = 3 / (c4 sqrt(n)) (Montgomery 6.29)."""
    value = c4(n)
    return NA if _na(value) else sigmas / (value * math.sqrt(n))


def b3(n: float, sigmas: float = 3) -> float:
    """B3 = max(0, 1 - 3 c5 / c4)."""
    value = c4(n)
    return NA if _na(value) else max(0.0, 1 - sigmas * _c5(n) / value)


def b4(n: float, sigmas: float = 3) -> float:
    """B4 = 1 + 3 c5 / c4."""
    value = c4(n)
    return NA if _na(value) else 1 + sigmas * _c5(n) / value


# --- the computation --------------------------------------------------------------------------


@dataclass
class _Frame:
    """The aggregated columns of one part (qicharts2's `qic.agg` data frame)."""

    y_sum: list[float]
    y_len: list[int]
    y_mean: list[float]
    y_sd: list[float]
    n: list[float]
    y: list[float]
    base: list[bool]
    include: list[bool]
    cl: list[float]
    lcl: list[float]
    ucl: list[float]
    lcl_95: list[float]
    ucl_95: list[float]

    def based(self, column: Sequence[float]) -> list[float]:
        return [v for v, b, i in zip(column, self.base, self.include, strict=True) if b and i]

    def set_limits(self, centre: Sequence[float], sigma: Sequence[float],
                   factor: float = 3.0) -> None:
        self.cl = list(centre)
        warn = factor * 2 / 3
        self.lcl = [c - factor * s for c, s in zip(centre, sigma, strict=True)]
        self.ucl = [c + factor * s for c, s in zip(centre, sigma, strict=True)]
        self.lcl_95 = [c - warn * s for c, s in zip(centre, sigma, strict=True)]
        self.ucl_95 = [c + warn * s for c, s in zip(centre, sigma, strict=True)]

    def floor_lower(self, *, finite_only: bool = True) -> None:
        self.lcl = [0.0 if v < 0 and (math.isfinite(v) or not finite_only) else v
                    for v in self.lcl]
        self.lcl_95 = [0.0 if v < 0 and (math.isfinite(v) or not finite_only) else v
                       for v in self.lcl_95]


def _frame(groups: Sequence[Subgroup], got_n: bool, base: list[bool],
           include: list[bool]) -> _Frame:
    y_sum, y_len, y_mean, y_sd, ns, ys = [], [], [], [], [], []
    for group in groups:
        # with denominators, a period without one is missing (qicharts2 `complete.cases`)
        values = group.values if not got_n or group.n is not None else ()
        count = len(values)
        total = math.fsum(values) if count else NA
        mean = total / count if count else NA
        sd = statistics.stdev(values) if count > 1 else NA
        n = (group.n if group.n is not None else 0.0) if got_n else NA
        y_sum.append(total)
        y_len.append(count)
        y_mean.append(mean)
        y_sd.append(sd)
        ns.append(n)
        y = _div(math.fsum(values), n) if got_n else mean
        ys.append(y if math.isfinite(y) else NA)  # x/0: no value (qicharts2 would plot Inf)
    size = len(groups)
    return _Frame(y_sum, y_len, y_mean, y_sd, ns, ys, base, include,
                  [NA] * size, [NA] * size, [NA] * size, [NA] * size, [NA] * size)


def _individuals(frame: _Frame, centre: float | None, screened: bool, sigma: Sigma) -> None:
    """qicharts2 `qic.i`."""
    size = len(frame.y)
    cl = centre if centre is not None else _mean(frame.based(frame.y))
    amr = _screened_mean(_abs_diff([y - cl for y in frame.based(frame.y)]), screened)
    if sigma is Sigma.NHS:
        frame.set_limits([cl] * size, [amr] * size, NHS_FACTOR)
    else:
        frame.set_limits([cl] * size, [amr / D2] * size)


def _moving_ranges(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.mr`: the moving ranges of the part, unscreened, with upper limit
    3.267 × their mean."""
    size = len(frame.y)
    frame.y = [NA, *_abs_diff(frame.y)][:size]
    cl = centre if centre is not None else _mean(frame.based(frame.y))
    frame.cl = [cl] * size
    frame.lcl = [0.0] * size
    frame.lcl_95 = [0.0] * size
    frame.ucl = [MR_SCREEN * cl] * size
    frame.ucl_95 = [MR_SCREEN / 3 * 2 * cl] * size


def _pooled_sd(frame: _Frame) -> float:
    """The pooled standard deviation of the baseline subgroups (Montgomery 6.31)."""
    lengths = [float(v) for v in frame.y_len]
    weights = frame.based([n - 1 for n in lengths])
    squares = frame.based([(n - 1) * s * s for n, s in zip(lengths, frame.y_sd, strict=True)])
    return _sqrt(_div(_sum(squares), _sum(weights)))


def _xbar(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.xbar`: the mean of the means weighted by size; sigma pooled when the
    sizes vary in the part (`var.n`), else the mean standard deviation (Montgomery 6.29–6.31)."""
    size = len(frame.y)
    varying = len(set(frame.y_len)) > 1
    if centre is not None:
        cl = centre
    else:
        lengths = [float(v) for v in frame.y_len]
        cl = _div(_sum(frame.based([n * m for n, m in zip(lengths, frame.y_mean, strict=True)])),
                  _sum(frame.based(lengths)))
    stdev = _pooled_sd(frame) if varying else _mean(frame.based(frame.y_sd))
    frame.cl = [cl] * size
    frame.ucl = [cl + a3(n) * stdev for n in frame.y_len]
    frame.lcl = [cl - a3(n) * stdev for n in frame.y_len]
    frame.ucl_95 = [cl + a3(n, 2) * stdev for n in frame.y_len]
    frame.lcl_95 = [cl - a3(n, 2) * stdev for n in frame.y_len]


def _s(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.s`: the centre is the pooled (sizes vary) or mean standard deviation."""
    size = len(frame.y)
    varying = len(set(frame.y_len)) > 1
    frame.y = list(frame.y_sd)
    if centre is not None:
        cl = centre
    else:
        cl = _pooled_sd(frame) if varying else _mean(frame.based(frame.y_sd))
    frame.cl = [cl] * size
    frame.ucl = [b4(n) * cl for n in frame.y_len]
    frame.lcl = [b3(n) * cl for n in frame.y_len]
    frame.ucl_95 = [b4(n, 2) * cl for n in frame.y_len]
    frame.lcl_95 = [b3(n, 2) * cl for n in frame.y_len]


def _times(frame: _Frame, centre: float | None, screened: bool, sigma: Sigma) -> None:
    """qicharts2 `qic.t`: an I chart of y^(1/3.6), transformed back; the lower limit is cut at
    0. A given centre is on the data's scale (see the module's notes)."""
    frame.y = [_pow(y, 1 / T_POWER) for y in frame.y]
    given = None if centre is None else _pow(centre, 1 / T_POWER)
    _individuals(frame, given, screened, sigma)
    frame.y = [_pow(y, T_POWER) for y in frame.y]  # round-tripped, as qicharts2 (a value
    # equal to the centre stays on it)
    frame.cl = [_pow(v, T_POWER) for v in frame.cl]
    frame.ucl = [_pow(v, T_POWER) for v in frame.ucl]
    frame.ucl_95 = [_pow(v, T_POWER) for v in frame.ucl_95]
    frame.lcl = [0.0 if _na(v) or v < 0 else v for v in (_pow(v, T_POWER) for v in frame.lcl)]
    frame.lcl_95 = [_pow(v, T_POWER) for v in frame.lcl_95]


def _ratio_centre(frame: _Frame, centre: float | None) -> float:
    if centre is not None:
        return centre
    return _div(_sum(frame.based(frame.y_sum)), _sum(frame.based(frame.n)))


def _laney(frame: _Frame, stdev: list[float], cl: float, screened: bool) -> list[float]:
    """Laney's sigma_z: the screened mean moving range of the baseline z-scores / 1.128."""
    z = [_div(y - cl, s) for y, s in zip(frame.based(frame.y), frame.based(stdev), strict=True)]
    sigma_z = _screened_mean(_abs_diff(z), screened) / D2
    return [s * sigma_z for s in stdev]


def _proportions(frame: _Frame, centre: float | None, screened: bool, laney: bool) -> None:
    """qicharts2 `qic.p` and `qic.pp` (Laney P′)."""
    cl = _ratio_centre(frame, centre)
    stdev = [_sqrt(_div(cl * (1 - cl), n)) if not _na(cl) else NA for n in frame.n]
    if laney:
        stdev = _laney(frame, stdev, cl, screened)
    frame.set_limits([cl] * len(frame.y), stdev)
    frame.ucl = [1.0 if v > 1 and math.isfinite(v) else v for v in frame.ucl]
    frame.ucl_95 = [1.0 if v > 1 and math.isfinite(v) else v for v in frame.ucl_95]
    frame.floor_lower()


def _counts(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.c` (Montgomery 7.17)."""
    frame.y = list(frame.y_sum)
    cl = centre if centre is not None else _mean(frame.based(frame.y))
    frame.set_limits([cl] * len(frame.y), [_sqrt(cl)] * len(frame.y))
    frame.floor_lower()


def _rates(frame: _Frame, centre: float | None, screened: bool, laney: bool) -> None:
    """qicharts2 `qic.u` (Montgomery 7.19) and `qic.up` (Laney U′)."""
    cl = _ratio_centre(frame, centre)
    stdev = [_sqrt(_div(cl, n)) if not _na(cl) else NA for n in frame.n]
    if laney:
        stdev = _laney(frame, stdev, cl, screened)
    frame.set_limits([cl] * len(frame.y), stdev)
    frame.floor_lower()


def _opportunities(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.g`: limits from the mean, sigma sqrt(mean (mean + 1)) (Montgomery
    p. 319); the line at the median (or 0.693 × a given mean)."""
    size = len(frame.y)
    mean = centre if centre is not None else _mean(frame.based(frame.y))
    frame.set_limits([mean] * size, [_sqrt(mean * (mean + 1))] * size)
    frame.floor_lower(finite_only=False)
    line = _median(frame.based(frame.y)) if centre is None else G_MEDIAN * centre
    frame.cl = [line] * size


def _runline(frame: _Frame, centre: float | None) -> None:
    """qicharts2 `qic.run`: the median of the baseline."""
    cl = centre if centre is not None else _median(frame.based(frame.y))
    frame.cl = [cl] * len(frame.y)


def _compute(chart: Chart, frame: _Frame, centre: float | None, screened: bool,
             sigma: Sigma) -> None:
    match chart:
        case Chart.RUN:
            _runline(frame, centre)
        case Chart.I:
            _individuals(frame, centre, screened, sigma)
        case Chart.MR:
            _moving_ranges(frame, centre)
        case Chart.XBAR:
            _xbar(frame, centre)
        case Chart.S:
            _s(frame, centre)
        case Chart.T:
            _times(frame, centre, screened, sigma)
        case Chart.P | Chart.PP:
            _proportions(frame, centre, screened, chart is Chart.PP)
        case Chart.C:
            _counts(frame, centre)
        case Chart.U | Chart.UP:
            _rates(frame, centre, screened, chart is Chart.UP)
        case Chart.G:
            _opportunities(frame, centre)


def _runs(frame: _Frame, start: int) -> RunsAnalysis:
    """qicharts2 `runs.analysis`: the included points against the part's centre line."""
    sides: list[tuple[int, int]] = []
    n_obs = 0
    for offset, (y, cl, included) in enumerate(
        zip(frame.y, frame.cl, frame.include, strict=True)
    ):
        if not included:
            continue
        n_obs += 1
        side = 0 if _na(y) or _na(cl) else (y > cl) - (y < cl)
        sides.append((start + offset, ABOVE if side > 0 else BELOW if side < 0 else 0))
    return RunsAnalysis(n_obs, runs_of(sides))


def part_bounds(length: int, parts: Collection[int] = ()) -> list[tuple[int, int]]:
    """The (start, end) of each part: `parts` are the indexes where a new part starts (as
    qicharts2's `part`: the number of points before it). Indexes out of range are ignored."""
    starts = sorted({i for i in parts if 0 < i < length})
    edges = [0, *starts, length]
    return [(a, b) for a, b in itertools.pairwise(edges) if b > a]


def _finite(value: float) -> float | None:
    return value if -math.inf < value < math.inf else None  # NaN and ±Inf: None


def _mean_of(values: Sequence[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return math.fsum(kept) / len(kept) if kept else None


def qic(
    data: Sequence[Subgroup],
    *,
    chart: Chart = Chart.RUN,
    parts: Collection[int] = (),
    freeze: int | Mapping[int, int] | None = None,
    exclude: Collection[int] = (),
    centre: float | None = None,
    multiply: float = 1.0,
    negative: bool = True,
    screened: bool = True,
    sigma: Sigma = Sigma.QICHARTS2,
) -> Qic:
    """Compute a chart as qicharts2's `qic(..., return.data = TRUE)` and `summary()` do.

    `data`: one `Subgroup` per period, in order (see `periods`). `parts`: the indexes where a
    new part starts. `freeze`: how many first points are the baseline – an int for the first
    part (qicharts2's `freeze`), or a mapping from 0-based part number to count. `exclude`:
    0-based indexes of points left out of the centre, the limits and the runs analysis (still
    drawn, still a sigma signal when outside). `centre`: a given centre line. `multiply`:
    scales values, centres and limits (100 for per cent). `negative`: False when the measure
    cannot be negative (qicharts2's `y.neg`). `screened`: drop large moving ranges
    (qicharts2's `qic.screenedmr`). Never raises on data: see `unsupported` for which charts the
    data can carry; a chart without enough data has no limits (None) rather than an error.
    """
    got_n = chart.needs_denominator or any(group.n is not None for group in data)
    frozen: Mapping[int, int] = {0: freeze} if isinstance(freeze, int) else (freeze or {})
    excluded = set(exclude)
    points: list[Point] = []
    summaries: list[Part] = []
    frames: list[tuple[int, int, _Frame]] = []
    for number, (start, end) in enumerate(part_bounds(len(data), parts)):
        count = frozen.get(number)
        base = [count is None or offset < count for offset in range(end - start)]
        include = [start + offset not in excluded for offset in range(end - start)]
        frame = _frame(data[start:end], got_n, base, include)
        _compute(chart, frame, centre, screened, sigma)
        frames.append((number, start, frame))
    scaled_min = min((y * multiply for _, _, f in frames for y in f.y if not _na(y)),
                     default=NA)
    floor = not negative and not _na(scaled_min) and scaled_min >= 0
    for number, start, frame in frames:
        runs = _runs(frame, start)
        part_points: list[Point] = []
        columns = zip(frame.y, frame.cl, frame.lcl, frame.ucl, frame.lcl_95, frame.ucl_95,
                      frame.n, frame.y_len, frame.base, frame.include, strict=True)
        for offset, (y, cl, lo, hi, lo95, hi95, n, size, base, inc) in enumerate(columns):
            value = None if y != y else y * multiply  # NaN is NA
            centre = None if cl != cl else _finite(cl * multiply)
            lcl, ucl = _finite(lo * multiply), _finite(hi * multiply)
            lcl_95, ucl_95 = _finite(lo95 * multiply), _finite(hi95 * multiply)
            signal = value is not None and (
                (ucl is not None and value > ucl) or (lcl is not None and value < lcl))
            if floor:
                lcl = 0.0 if lcl is not None and lcl < 0 else lcl
                lcl_95 = 0.0 if lcl_95 is not None and lcl_95 < 0 else lcl_95
            size_or_n = n if got_n else float(size)
            part_points.append(Point(
                start + offset, value, centre, lcl, ucl, lcl_95, ucl_95, number, base, inc,
                signal, None if size_or_n != size_or_n else size_or_n))
        points += part_points
        summaries.append(Part(
            number=number, start=start, end=start + len(frame.y),
            frozen=frozen.get(number), runs=runs,
            centre=_mean_of([p.cl for p in part_points]),
            lcl=_mean_of([p.lcl for p in part_points]),
            ucl=_mean_of([p.ucl for p in part_points]),
            sigma_signals=sum(p.sigma_signal for p in part_points),
            runs_signal=runs.signal and chart is not Chart.MR,
        ))
    return Qic(chart, tuple(points), tuple(summaries), multiply)


def unsupported(chart: Chart, data: Sequence[Subgroup]) -> str | None:
    """Why the data cannot carry a chart (a key of the reason, for the catalogs), or None.

    P and U charts need denominators; P needs numerators within them; Xbar and S need periods
    with several observations; T needs times above 0; G and C need counts of 0 or more."""
    present = [group for group in data if not group.missing]
    if chart.needs_denominator:
        if not present or any(group.n is None or group.n <= 0 for group in present):
            return "needs_denominator"
        if chart in (Chart.P, Chart.PP) and any(
            math.fsum(group.values) > (group.n or 0) for group in present
        ):
            return "share_above_one"
    if chart.needs_subgroups and not any(len(group.values) > 1 for group in present):
        return "needs_cases"
    if chart is Chart.T and any(v <= 0 for group in present for v in group.values):
        return "needs_positive"
    if chart in (Chart.C, Chart.G) and any(v < 0 for group in present for v in group.values):
        return "needs_counts"
    return None
