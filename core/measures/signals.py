"""A measure's series as its chart reads it, and its signal state.

`load_series` reads a measure, its measurements (or cases) in order, its annotations and the
marks on its points (SQL, on the caller's thread); `Series.qic` turns them into the one chart
`core.measures.qic.qic` computes; `status_of` is pure and may run in a worker thread;
`measure_status` does both. The kaizen meeting asks `measure_status(..., until=last_meeting)` to
tell a new signal from an old one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from core.db import changelog
from core.db.store import Store
from core.measures.assurance import Reading, reading_of
from core.measures.qic import Part, Qic, Subgroup, part_bounds, qic, unsupported
from core.measures.runs import ABOVE, BELOW
from core.models import (
    Annotation,
    AnnotationKind,
    Chart,
    ChartMark,
    Direction,
    Entry,
    MarkKind,
    Measure,
    MeasureCase,
    MeasureKind,
    Measurement,
)
from core.values.periods import period_end, period_of

Verdict = Literal["better", "worse"]

LANEY_FROM = 1000.0
"""Mean denominator from which Laney's P′ or U′ chart is recommended: with large denominators
the P and U limits narrow until nearly every point lies outside (overdispersion, Laney 2002)."""

CHARTS_FOR: dict[Entry, tuple[Chart, ...]] = {
    Entry.CASES: (Chart.XBAR, Chart.S, Chart.I, Chart.RUN),
    Entry.YES_NO: (Chart.P, Chart.PP, Chart.RUN),
    Entry.EVENTS: (Chart.T, Chart.G, Chart.RUN),
}
"""The charts offered for case-level measures, the usual one first."""

CHARTS_BY_KIND: dict[MeasureKind, tuple[Chart, ...]] = {
    MeasureKind.COUNT: (Chart.C, Chart.I, Chart.RUN),
    MeasureKind.PROPORTION: (Chart.P, Chart.PP, Chart.I, Chart.RUN),
    MeasureKind.RATE: (Chart.U, Chart.UP, Chart.I, Chart.RUN),
    MeasureKind.TIME: (Chart.I, Chart.RUN),
    MeasureKind.CONTINUOUS: (Chart.I, Chart.RUN),
}
"""The charts offered for a value per period, the usual one first."""


@dataclass(frozen=True)
class Choice:
    """A chart a measure may be shown as: whether the data can carry it, and why not."""

    chart: Chart
    problem: str | None
    """A catalog key's last part (`measures.chart_problem.<problem>`), None when it can."""
    recommended: bool
    reason: str
    """Why it is (or would be) recommended: `measures.chart_reason.<reason>`."""


@dataclass(frozen=True)
class Series:
    """A measure with its data in chart order, the annotations and the marks on its points.

    A point is a period (a value, numerator and denominator, or the cases of the period), or for
    a rare-event measure the interval ending at an event."""

    measure: Measure
    points: tuple[Measurement, ...]
    annotations: tuple[Annotation, ...]
    marks: tuple[ChartMark, ...] = ()
    cases: tuple[MeasureCase, ...] = ()

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Each point's key: its period (`2026-W47`, `2026-11`), or for events the event's date
        in ISO form."""
        entry = self.measure.entry
        if entry is Entry.EVENTS:
            return tuple(case.on.isoformat() for case in self._events[1:])
        if entry is Entry.PERIOD:
            keys = {point.period for point in self.points}
        else:
            keys = {period_of(case.on, self.measure.frequency) for case in self.cases}
        keys |= {mark.point for mark in self.marks if mark.mark is MarkKind.MISSING}
        return tuple(sorted(keys))

    @property
    def periods(self) -> tuple[str, ...]:
        """The points' keys (see `labels`)."""
        return self.labels

    @cached_property
    def _events(self) -> tuple[MeasureCase, ...]:
        return tuple(sorted(self.cases, key=lambda case: (case.on, case.id)))

    @cached_property
    def _measured(self) -> dict[str, Measurement]:
        return {point.period: point for point in self.points}

    @cached_property
    def _by_period(self) -> dict[str, list[MeasureCase]]:
        found: dict[str, list[MeasureCase]] = {}
        for case in self.cases:
            found.setdefault(period_of(case.on, self.measure.frequency), []).append(case)
        return found

    def subgroups(self, chart: Chart | None = None) -> list[Subgroup]:
        """The data of each point as `qic` takes it."""
        entry = self.measure.entry
        if entry is Entry.EVENTS:
            events = self._events
            gaps = [float((b.on - a.on).days) for a, b in itertools.pairwise(events)]
            if chart is Chart.G and self.counted:
                return [Subgroup.of(b.value) for b in events[1:]]
            return [Subgroup.of(gap) for gap in gaps]
        groups: list[Subgroup] = []
        for label in self.labels:
            if entry is Entry.PERIOD:
                point = self._measured.get(label)
                if point is None:
                    groups.append(Subgroup((), 0.0 if self.measure.has_denominator else None))
                elif point.numerator is not None and point.denominator is not None:
                    groups.append(Subgroup.of(point.numerator, point.denominator))
                else:
                    groups.append(Subgroup.of(point.shown_value))
                continue
            cases = self._by_period.get(label, [])
            if entry is Entry.YES_NO:
                answers = [1.0 if case.yes else 0.0 for case in cases if case.yes is not None]
                groups.append(Subgroup(tuple(answers), float(len(answers))))
            else:
                groups.append(Subgroup(tuple(c.value for c in cases if c.value is not None)))
        return groups

    @property
    def values(self) -> list[float | None]:
        """Each point's value before scaling (the mean, the share or the days between events;
        None for a missing period)."""
        return [_value(group) for group in self.subgroups(self.chart)]

    def index_at(self, day: dt.date) -> int | None:
        """The first point whose period ends (or whose event falls) on or after `day`."""
        for index, label in enumerate(self.labels):
            if self.day_of(label) >= day:
                return index
        return None

    def day_of(self, label: str) -> dt.date:
        """The day a point stands for: its period's last day, or the event's date."""
        if self.measure.entry is Entry.EVENTS:
            return dt.date.fromisoformat(label)
        return period_end(label, self.measure.frequency)

    @property
    def parts(self) -> tuple[int, ...]:
        """Indexes where a new part starts: at each split annotation's date."""
        starts = {self.index_at(a.on) for a in self.annotations if a.split}
        return tuple(sorted(i for i in starts if i))

    @property
    def freeze(self) -> dict[int, int]:
        """How many first points of each part are its frozen baseline (parts not in the map are
        not frozen): the measure's `baseline_until` for the first part, and each part's latest
        baseline mark."""
        index = {label: i for i, label in enumerate(self.labels)}
        ends: list[int] = [index[m.point] for m in self.marks
                           if m.mark is MarkKind.BASELINE_END and m.point in index]
        until = self.measure.baseline_until
        if until is not None:
            before = [i for i, label in enumerate(self.labels) if label <= until]
            if before:
                ends.append(before[-1])
        frozen: dict[int, int] = {}
        for number, (start, end) in enumerate(part_bounds(len(self.labels), self.parts)):
            inside = [i for i in ends if start <= i < end]
            if inside:
                frozen[number] = max(inside) - start + 1
        return frozen

    @property
    def excluded(self) -> dict[int, str]:
        """The excluded points by index, with their reasons."""
        index = {label: i for i, label in enumerate(self.labels)}
        return {index[m.point]: m.reason for m in self.marks
                if m.mark is MarkKind.EXCLUDED and m.point in index}

    @property
    def missing(self) -> frozenset[int]:
        """Indexes of the periods recorded as missing (without a value)."""
        values = self.values
        return frozenset(i for i, v in enumerate(values) if v is None)

    def choices(self) -> list[Choice]:
        """The charts offered for this measure, whether its data can carry each, and which one
        is recommended (the first the data can carry, Laney's when denominators are large)."""
        measure = self.measure
        offered = CHARTS_FOR.get(measure.entry) or CHARTS_BY_KIND[measure.kind]
        found = [(chart, unsupported(chart, self.subgroups(chart))) for chart in offered]
        usable = [chart for chart, problem in found if problem is None]
        best = usable[0] if usable else Chart.RUN
        reason = _reason(best, measure)
        if best in (Chart.P, Chart.U) and self._large_denominators():
            best = Chart.PP if best is Chart.P else Chart.UP
            reason = "laney"
        return [Choice(chart, problem, chart is best, reason if chart is best else
                       _reason(chart, measure)) for chart, problem in found]

    def _large_denominators(self) -> bool:
        ns = [g.n for g in self.subgroups(Chart.P) if g.n and not g.missing]
        return bool(ns) and math.fsum(ns) / len(ns) >= LANEY_FROM

    @cached_property
    def chart(self) -> Chart:
        """The chart the measure is read on: the one chosen, when the data can carry it, else
        the recommended one."""
        choices = self.choices()
        chosen = self.measure.chart
        for choice in choices:
            if choice.chart is chosen and choice.problem is None:
                return chosen
        return next((c.chart for c in choices if c.recommended), Chart.RUN)

    @property
    def counted(self) -> bool:
        """Whether every event after the first has its opportunities since the one before
        (home visits between falls, cases decided between complaints): a G chart counts them."""
        later = self._events[1:]
        return bool(later) and all(case.value is not None for case in later)

    @cached_property
    def shown_measure(self) -> Measure:
        """The measure as its chart shows it. On a G chart of counted opportunities between
        events the values are counts, not the measure's unit (days): they are shown as plain
        numbers, without the target and baseline set in that unit."""
        measure = self.measure
        if measure.entry is Entry.EVENTS and self.chart is Chart.G and self.counted:
            return measure.model_copy(update={"unit": "", "target": None, "baseline": None})
        return measure

    def qic(self, chart: Chart | None = None) -> Qic:
        """The chart computed by `core.measures.qic.qic` with the measure's parts, baselines,
        excluded points, given centre, scale and sigma rule."""
        chart = chart or self.chart
        measure = self.measure
        multiply = 1.0 if measure.kind is MeasureKind.PROPORTION else measure.multiply
        centre = None if measure.centre is None or chart is Chart.MR else (
            measure.centre / multiply)
        return qic(
            self.subgroups(chart), chart=chart, parts=self.parts, freeze=self.freeze,
            exclude=self.excluded, centre=centre, multiply=multiply,
            negative=measure.can_be_negative, sigma=measure.sigma,
        )


def _value(group: Subgroup) -> float | None:
    if group.missing:
        return None
    total = math.fsum(group.values)
    if group.n is not None:
        return total / group.n if group.n else None
    return total / len(group.values)


def _reason(chart: Chart, measure: Measure) -> str:
    if measure.entry is Entry.EVENTS:
        return "events_t" if chart is Chart.T else "events_g" if chart is Chart.G else "run"
    return {
        Chart.C: "counts", Chart.P: "proportions", Chart.PP: "laney", Chart.U: "rates",
        Chart.UP: "laney", Chart.I: "individuals", Chart.XBAR: "subgroups", Chart.S: "spread",
    }.get(chart, "run")


@dataclass(frozen=True)
class MeasureStatus:
    """What a meeting needs to know about a measure: the chart it is read on and its verdict."""

    series: Series
    chart: Qic
    signal: bool
    """A runs signal in the last part, or a point of the last part outside the limits."""
    direction: Verdict | None
    """Whether the latest signal lies on the measure's better or worse side (None: no signal,
    or only too few crossings, which has no side)."""
    reading: Reading
    """Variation and assurance, as Making Data Count reads them (`core.measures.assurance`)."""

    @property
    def measure(self) -> Measure:
        """The measure as its chart shows it (`Series.shown_measure`)."""
        return self.series.shown_measure

    @property
    def part(self) -> Part | None:
        """The last part of the chart (None without points)."""
        return self.chart.last

    @property
    def values(self) -> list[float | None]:
        """The values as charted (scaled)."""
        return list(self.chart.values)

    @property
    def last_value(self) -> float | None:
        """The latest value (None without points or when the latest period is missing)."""
        return self.chart.points[-1].y if self.chart.points else None

    @property
    def last_period(self) -> str | None:
        return self.series.labels[-1] if self.series.labels else None

    @property
    def target(self) -> float | None:
        return self.measure.target

    @property
    def sigma_indexes(self) -> tuple[int, ...]:
        """Points of the last part outside the control limits."""
        part = self.part
        if part is None:
            return ()
        return tuple(i for i in self.chart.sigma_indexes if part.start <= i < part.end)


def judge_signal(chart: Qic, better: Direction) -> tuple[bool, Verdict | None]:
    """Whether the last part of a chart signals (a runs signal, or a point outside the limits),
    and on which side the process now lies: the latest point outside the limits, or – for an
    unusually long run – the side of the part's latest run (None: no signal, or only too few
    crossings, which has no side). An excluded point stays a sigma signal on the chart (as in
    qicharts2) but does not make the measure's verdict: the team has said why it is special.
    Pure."""
    signal, direction, _ = judge_signal_since(chart, better)
    return signal, direction


def judge_signal_since(
    chart: Qic, better: Direction
) -> tuple[bool, Verdict | None, int | None]:
    """`judge_signal`, and the index of the point the state holds since (see
    `assurance.Reading.since`): the first point of the run the deciding signal lies in (a
    point outside the limits lies in a run on its side of the centre line), or the start of
    the part when there is no signal."""
    part = chart.last
    if part is None:
        return False, None, None
    # (latest index, rank, side, first index) of each signal with a side
    sides: list[tuple[int, int, int, int]] = []
    runs = part.runs.runs
    if part.runs_signal and part.runs.long_run_signal and runs:
        # A shift: where the part's points lie now. An early long run above the mean with the
        # later points below it is a fall, not a rise (the latest run shows where it went).
        sides.append((runs[-1].indexes[-1], 0, runs[-1].side, runs[-1].indexes[0]))
    sigma = [i for i in chart.sigma_indexes
             if part.start <= i < part.end and chart.points[i].include]
    run_start = {i: run.indexes[0] for run in runs for i in run.indexes}
    sides += [(i, 1, chart.points[i].side, run_start.get(i, i)) for i in sigma]
    direction: Verdict | None = None
    since = part.start
    if sides:
        *_, side, since = max(sides)
        better_side = ABOVE if better is Direction.HIGHER else BELOW
        direction = "better" if side == better_side else "worse" if side else None
    return part.runs_signal or bool(sigma), direction, since


def status_of(series: Series) -> MeasureStatus:
    """The signal state of a loaded series on the chart it is read on, with its variation and
    assurance (pure: safe in a worker thread)."""
    chart = series.qic()
    better = series.measure.better
    signal, direction, since = judge_signal_since(chart, better)
    shown = series.shown_measure
    target = shown.target
    if series.labels and target is not None:
        target = shown.target_on(series.day_of(series.labels[-1]))
    reading = reading_of(chart, signal=signal, direction=direction, since=since,
                         target=target, better=better)
    return MeasureStatus(series, chart, signal, direction, reading)


def load_series(store: Store, measure_id: str, *, until: dt.date | None = None) -> Series:
    """Read a measure's series; with `until`, only the periods that had ended by that date and
    the annotations made on or before it."""
    measure = changelog.load(store, Measure, measure_id)
    rows = store.query(
        "SELECT id, project_id, measure_id, period, value, numerator, denominator, "
        "COALESCE(note, '') AS note FROM measurements WHERE measure_id = ? AND _exists "
        "ORDER BY period",
        [measure_id],
    )
    points = [Measurement.model_validate(row) for row in rows]
    cases = cases_of(store, measure_id)
    marks = marks_of(store, measure_id)
    if until is not None:
        points = [p for p in points if period_end(p.period, measure.frequency) <= until]
        cases = [c for c in cases if c.on <= until]
    return Series(measure, tuple(points), tuple(annotations_of(store, measure, until=until)),
                  tuple(marks), tuple(cases))


def cases_of(store: Store, measure_id: str) -> list[MeasureCase]:
    """A case-level measure's cases, by date."""
    rows = store.query(
        "SELECT id, project_id, measure_id, \"on\", value, yes, COALESCE(note, '') AS note "
        "FROM measure_cases WHERE measure_id = ? AND _exists ORDER BY \"on\", id",
        [measure_id],
    )
    return [MeasureCase.model_validate(
        {**row, "yes": None if row["yes"] is None else bool(row["yes"])}) for row in rows]


def marks_of(store: Store, measure_id: str) -> list[ChartMark]:
    """The marks on a measure's points (excluded, missing, end of a baseline)."""
    rows = store.query(
        "SELECT id, project_id, measure_id, point, mark, COALESCE(reason, '') AS reason "
        "FROM chart_marks WHERE measure_id = ? AND _exists ORDER BY point, id",
        [measure_id],
    )
    return [ChartMark.model_validate(row) for row in rows]


def annotations_of(
    store: Store, measure: Measure, *, until: dt.date | None = None
) -> list[Annotation]:
    """The annotations on a measure's chart (its own and the project-wide ones), by date."""
    rows = store.query(
        "SELECT id, project_id, measure_id, \"on\", text, cycle_id, COALESCE(\"order\", '') "
        "AS \"order\", COALESCE(kind, ?) AS kind, COALESCE(split, 0) AS split FROM annotations "
        "WHERE project_id = ? AND (measure_id = ? OR measure_id IS NULL) AND _exists "
        "ORDER BY \"on\", \"order\", id",
        [AnnotationKind.NOTE.value, measure.project_id, measure.id],
    )
    notes = [Annotation.model_validate({**row, "split": bool(row["split"])}) for row in rows]
    return [a for a in notes if until is None or a.on <= until]


def measure_status(
    store: Store, measure_id: str, *, until: dt.date | None = None
) -> MeasureStatus:
    """The signal state of a measure now, or as it was on `until` (see `load_series`)."""
    return status_of(load_series(store, measure_id, until=until))


def project_measure_ids(store: Store, project_id: str) -> list[str]:
    """The ids of a project's measures in their order."""
    rows = store.query(
        "SELECT id FROM measures WHERE project_id = ? AND _exists "
        "ORDER BY COALESCE(\"order\", ''), name, id",
        [project_id],
    )
    return [row["id"] for row in rows]


def measure_names(store: Store, project_id: str) -> dict[str, str]:
    """The names of a project's measures by id, in one query: the overview lists the measures
    by name at once and fills in their signals later."""
    rows = store.query(
        "SELECT id, name FROM measures WHERE project_id = ? AND _exists", [project_id])
    return {row["id"]: row["name"] for row in rows}
