"""Shewhart control charts (I/XmR, P, U, C) as qicharts2 computes them.

Sources: qicharts2 (J. Anhøj, CRAN), `R/helper.functions.R`, functions `qic.i`, `qic.p`,
`qic.u` and `qic.c`; D. C. Montgomery, *Introduction to Statistical Quality Control*, ch. 6–7
(d2 = 1.128 for moving ranges of two points); L. S. Nelson (1982), "Control charts for
individual measurements", J. Qual. Technol. 14(3) (moving ranges above 3.267 times their mean
are left out before sigma is estimated). Limits are centre ± 3 sigma; lower limits below 0 are
cut at 0 (for an I chart only when no value is negative, as qicharts2 with `y.neg = FALSE`)
and P upper limits at 1; a point strictly outside the limits is a sigma signal
(qicharts2 `sigma.signal <- y > ucl | y < lcl`).

Each part of a chart (split at a change) has its own centre and limits, computed from its
baseline points (all points of the part, or the first `baseline` points of the first part).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from core.measures.runchart import part_bounds
from core.models.measure import MeasureKind

MR_LIMIT = 3.267
"""Upper limit of a moving range, in mean moving ranges (D4 for n = 2)."""
D2 = 1.128
"""d2 for moving ranges of two points: sigma = mean moving range / d2."""


class ChartKind(StrEnum):
    I = "i"  # noqa: E741 - the chart's name
    P = "p"
    U = "u"
    C = "c"


def chart_kind_for(kind: MeasureKind) -> ChartKind:
    """The control chart a measure's kind calls for: C for counts, P for proportions, U for
    rates, I (XmR) for times and other continuous values."""
    return {
        MeasureKind.COUNT: ChartKind.C,
        MeasureKind.PROPORTION: ChartKind.P,
        MeasureKind.RATE: ChartKind.U,
    }.get(kind, ChartKind.I)


@dataclass(frozen=True)
class ControlChart:
    """Centre and limits per point, and the points outside the limits."""

    kind: ChartKind
    values: tuple[float, ...]
    centre: tuple[float | None, ...]
    lcl: tuple[float | None, ...]
    ucl: tuple[float | None, ...]

    @property
    def signal_indexes(self) -> tuple[int, ...]:
        """Indexes of points strictly outside their limits (sigma signals)."""
        return tuple(
            i for i, (y, lo, hi) in enumerate(zip(self.values, self.lcl, self.ucl, strict=True))
            if (hi is not None and y > hi) or (lo is not None and y < lo)
        )

    def side(self, index: int) -> int:
        """1 if a point lies above its centre, -1 below, 0 on it or without a centre."""
        centre, value = self.centre[index], self.values[index]
        if centre is None:
            return 0
        return (value > centre) - (value < centre)


Limits = tuple[list[float | None], list[float | None], list[float | None]]


def _i_part(y: Sequence[float], base: Sequence[float]) -> Limits:
    if len(base) < 2:
        none: list[float | None] = [None] * len(y)
        return [sum(base) / len(base) if base else None] * len(y), none, list(none)
    centre = sum(base) / len(base)
    ranges = [abs(b - a) for a, b in itertools.pairwise(base)]
    mean_range = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < MR_LIMIT * mean_range] or ranges
    sigma = (sum(kept) / len(kept)) / D2
    low = centre - 3 * sigma
    if low < 0 and min(y) >= 0:
        low = 0.0  # data that are never negative (qicharts2 with `y.neg = FALSE`)
    return [centre] * len(y), [low] * len(y), [centre + 3 * sigma] * len(y)


def _ratio_part(
    num: Sequence[float], den: Sequence[float], count: int, *, proportion: bool
) -> Limits:
    total = sum(den[:count])
    if total <= 0:
        none: list[float | None] = [None] * len(num)
        return none, list(none), list(none)
    centre = sum(num[:count]) / total
    lcl: list[float | None] = []
    ucl: list[float | None] = []
    for n in den:
        spread = centre * (1 - centre) if proportion else centre
        sigma = math.sqrt(max(spread, 0.0) / n) if n > 0 else math.inf
        lcl.append(max(0.0, centre - 3 * sigma))
        hi = centre + 3 * sigma
        ucl.append(min(1.0, hi) if proportion else hi)
    return [centre] * len(num), lcl, ucl


def _c_part(y: Sequence[float], base: Sequence[float]) -> Limits:
    if not base:
        none: list[float | None] = [None] * len(y)
        return none, list(none), list(none)
    centre = sum(base) / len(base)
    sigma = math.sqrt(max(centre, 0.0))
    return [centre] * len(y), [max(0.0, centre - 3 * sigma)] * len(y), [centre + 3 * sigma] * len(y)


def control_chart(
    kind: ChartKind,
    values: Sequence[float],
    *,
    denominators: Sequence[float] | None = None,
    numerators: Sequence[float] | None = None,
    parts: Sequence[int] = (),
    baseline: int | None = None,
) -> ControlChart:
    """Compute a control chart.

    I and C take `values`. P and U take `numerators` and `denominators` (the plotted values are
    numerator / denominator; `values` is used for them when numerators are not given).
    """
    if kind in (ChartKind.P, ChartKind.U):
        if denominators is None:
            raise ValueError("P and U charts need denominators")
        den = [float(d) for d in denominators]
        num = ([float(n) for n in numerators] if numerators is not None
               else [float(v) * d for v, d in zip(values, den, strict=True)])
        ys = [n / d if d else math.nan for n, d in zip(num, den, strict=True)]
    else:
        ys = [float(v) for v in values]
        num = den = ys
    centre: list[float | None] = []
    lcl: list[float | None] = []
    ucl: list[float | None] = []
    for number, (start, end) in enumerate(part_bounds(len(ys), parts)):
        size = end - start
        count = size if baseline is None or number else max(1, min(baseline, size))
        y = ys[start:end]
        if kind is ChartKind.I:
            c, lo, hi = _i_part(y, y[:count])
        elif kind is ChartKind.C:
            c, lo, hi = _c_part(y, y[:count])
        else:
            c, lo, hi = _ratio_part(num[start:end], den[start:end], count,
                                    proportion=kind is ChartKind.P)
        centre += c
        lcl += lo
        ucl += hi
    return ControlChart(kind, tuple(ys), tuple(centre), tuple(lcl), tuple(ucl))
