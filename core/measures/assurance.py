"""Variation and assurance: the two answers a meeting needs before it reads a chart.

NHS England's "Making Data Count" (MDC) reads every measure with two icons: *variation* – is
the process changing, and for the better or the worse? – and *assurance* – will it meet its
target? NHSRplotthedots (`ptd_calculate_assurance_type`) and PowerBI-SPC compute them like this:

- Variation: common cause when the chart has no signal; special cause improving or concerning
  when it has one, by the side the process now lies on against the better direction; special
  cause "neither" when the signal has no side (here: only too few crossings of the centre
  line). The signal is the one Tavle's verdict already uses (`signals.judge_signal`: the Anhøj
  rules and points outside the limits of the latest part, as qicharts2 computes them), so the
  icon never disagrees with the chart. MDC's own rule set (a run of 7, a trend of 6, 2 of 3 near
  a limit) is not used: Danish teams read their charts with qicharts2.
- Assurance: where the target lies against the process limits of the latest point (the latest
  part; for P and U charts with changing denominators, the latest point's own limits). Higher
  is better: a target at or below the lower limit is met consistently, one above the upper limit
  is failed consistently, one between the limits is hit and miss; the mirror image when lower is
  better. No assurance without a target or without limits (a run chart, or too few points).
  qicharts2 has no assurance: this follows MDC.

A target path (the charter's "from 21 to 14 days by 1 June") is judged at the latest point's
day (`Measure.target_on`). Pure; no database, no screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.measures.qic import Chart, Qic
from core.models import Direction


class Variation(StrEnum):
    COMMON = "common"
    """Common cause: no signal, the process varies as it always has."""
    IMPROVING = "improving"
    """Special cause on the better side."""
    CONCERNING = "concerning"
    """Special cause on the worse side."""
    NEITHER = "neither"
    """Special cause without a side (too few crossings of the centre line)."""


class Assurance(StrEnum):
    PASS = "pass"
    """The target lies outside the limits on the worse side: every point will meet it."""
    HIT_AND_MISS = "hit_and_miss"
    """The target lies between the limits: some points will meet it, some will not."""
    FAIL = "fail"
    """The target lies outside the limits on the better side: no point will meet it unless the
    process changes."""


NO_ASSURANCE_CHARTS = frozenset({Chart.RUN, Chart.MR, Chart.S})
"""Charts whose limits say nothing of meeting a target: a run chart has none, and the MR and S
charts show the spread, not the measure."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A measure's variation and assurance, and since when the variation holds."""

    variation: Variation | None
    """None: no points."""
    assurance: Assurance | None
    """None: no target, or no limits to judge it against."""
    since: int | None = None
    """The index of the point the variation holds since: the start of the signal's latest run
    or its latest point outside the limits; for common cause, the start of the latest part."""
    target: float | None = None
    """The target assurance was judged against (a target path's value at the latest point)."""


def variation_of(signal: bool, direction: str | None, has_points: bool) -> Variation | None:
    """Variation from a verdict (`signals.judge_signal`'s signal and side)."""
    if not has_points:
        return None
    if not signal:
        return Variation.COMMON
    if direction == "better":
        return Variation.IMPROVING
    if direction == "worse":
        return Variation.CONCERNING
    return Variation.NEITHER


def assurance_of(chart: Qic, target: float | None, better: Direction) -> Assurance | None:
    """Assurance of meeting `target` (on the chart's scale) from the limits of the chart's
    latest point with limits in its latest part (None: no target, or no limits)."""
    if target is None or chart.chart in NO_ASSURANCE_CHARTS or chart.last is None:
        return None
    part = chart.last
    limited = [p for p in chart.points[part.start:part.end]
               if p.lcl is not None or p.ucl is not None]
    if not limited:
        return None
    point = limited[-1]
    lower, upper = point.lcl, point.ucl
    if better is Direction.HIGHER:
        if lower is not None and target <= lower:
            return Assurance.PASS
        if upper is not None and target > upper:
            return Assurance.FAIL
    else:
        if upper is not None and target >= upper:
            return Assurance.PASS
        if lower is not None and target < lower:
            return Assurance.FAIL
    return Assurance.HIT_AND_MISS


def reading_of(chart: Qic, *, signal: bool, direction: str | None, since: int | None,
               target: float | None, better: Direction) -> Reading:
    """The reading of a chart whose verdict is known (see `signals.status_of` and
    `core.teams.signals.state_of`, which compute it in the same pass as the signal)."""
    return Reading(variation_of(signal, direction, bool(chart.points)),
                   assurance_of(chart, target, better), since, target)
