"""A measure's series as its chart reads it, and its signal state.

`load_series` reads a measure, its measurements in period order, its annotations, the split
points and the frozen baseline (SQL, on the caller's thread); `status_of` is pure and may run in
a worker thread; `measure_status` does both. The kaizen meeting asks `measure_status(...,
until=last_meeting)` to tell a new signal from an old one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core.db import changelog
from core.db.store import Store
from core.measures.controlchart import ChartKind, ControlChart, chart_kind_for, control_chart
from core.measures.runchart import ABOVE, BELOW, Part, RunChart, analyse
from core.models import Annotation, AnnotationKind, Direction, Measure, Measurement
from core.values.periods import period_end

Verdict = Literal["better", "worse"]


@dataclass(frozen=True)
class Series:
    """A measure with its measurements (in period order) and the annotations on its chart."""

    measure: Measure
    points: tuple[Measurement, ...]
    annotations: tuple[Annotation, ...]

    @property
    def values(self) -> list[float]:
        """The plotted values (numerator / denominator for proportions and rates)."""
        return [point.shown_value for point in self.points]

    @property
    def periods(self) -> list[str]:
        return [point.period for point in self.points]

    def index_at(self, day: dt.date) -> int | None:
        """The first point whose period ends on or after `day` (None when none does)."""
        frequency = self.measure.frequency
        for index, point in enumerate(self.points):
            if period_end(point.period, frequency) >= day:
                return index
        return None

    @property
    def parts(self) -> tuple[int, ...]:
        """Indexes where a new part starts: at each split annotation's date."""
        starts = {self.index_at(a.on) for a in self.annotations if a.split}
        return tuple(sorted(i for i in starts if i))

    @property
    def baseline(self) -> int | None:
        """How many first points make the frozen baseline (None: not frozen)."""
        until = self.measure.baseline_until
        if until is None:
            return None
        count = sum(1 for point in self.points if point.period <= until)
        return count or None

    def analyse(self) -> RunChart:
        """The run-chart analysis with the measure's parts and frozen baseline."""
        return analyse(self.values, parts=self.parts, baseline=self.baseline)

    def control(self) -> ControlChart:
        """The control chart the measure's kind calls for (I, P, U or C)."""
        kind = chart_kind_for(self.measure.kind)
        if self.measure.has_denominator and all(p.denominator for p in self.points):
            return control_chart(
                kind, self.values,
                numerators=[p.numerator or 0.0 for p in self.points],
                denominators=[p.denominator or 0.0 for p in self.points],
                parts=self.parts, baseline=self.baseline,
            )
        if kind in (ChartKind.P, ChartKind.U):
            kind = ChartKind.I  # a value typed without its fraction: judge it as a plain value
        return control_chart(kind, self.values, parts=self.parts, baseline=self.baseline)


@dataclass(frozen=True)
class MeasureStatus:
    """What a meeting needs to know about a measure."""

    series: Series
    analysis: RunChart
    control: ControlChart
    part: Part | None
    """The last part of the run chart (None without points)."""
    signal: bool
    """A runs signal in the last part, or a point of the last part outside the limits."""
    direction: Verdict | None
    """Whether the latest signal lies on the measure's better or worse side (None: no signal,
    or only too few crossings, which has no side)."""

    @property
    def measure(self) -> Measure:
        return self.series.measure

    @property
    def last_value(self) -> float | None:
        return self.series.values[-1] if self.series.points else None

    @property
    def last_period(self) -> str | None:
        return self.series.points[-1].period if self.series.points else None

    @property
    def target(self) -> float | None:
        return self.measure.target

    @property
    def sigma_indexes(self) -> tuple[int, ...]:
        """Points of the last part outside the control limits."""
        part = self.part
        if part is None:
            return ()
        return tuple(i for i in self.control.signal_indexes if part.start <= i < part.end)


def judge_signal(
    chart: RunChart, control: ControlChart, better: Direction
) -> tuple[bool, Verdict | None]:
    """Whether the last part of a chart signals (a runs signal, or a point outside the control
    limits), and whether the latest signal lies on the `better` or the worse side (None: no
    signal, or only too few crossings, which has no side). Pure."""
    part = chart.last
    if part is None:
        return False, None
    sides: list[tuple[int, int]] = [(run.indexes[-1], run.side) for run in part.signal_runs]
    sigma = [i for i in control.signal_indexes if part.start <= i < part.end]
    sides += [(i, control.side(i)) for i in sigma]
    signal = part.signal or bool(sigma)
    direction: Verdict | None = None
    if sides:
        _, side = max(sides)
        better_side = ABOVE if better is Direction.HIGHER else BELOW
        direction = "better" if side == better_side else "worse" if side else None
    return signal, direction


def status_of(series: Series) -> MeasureStatus:
    """The signal state of a loaded series (pure: safe in a worker thread)."""
    chart = series.analyse()
    control = series.control()
    signal, direction = judge_signal(chart, control, series.measure.better)
    return MeasureStatus(series, chart, control, chart.last, signal, direction)


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
    if until is not None:
        points = [p for p in points if period_end(p.period, measure.frequency) <= until]
    return Series(measure, tuple(points), tuple(annotations_of(store, measure, until=until)))


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
