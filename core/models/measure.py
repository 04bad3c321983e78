"""Measures (målinger, nøgletal), their measurements per period, and chart annotations."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from core.ids import stable_id
from core.models.base import LongText, Name, OrderKey, ProjectRecord, ShortText
from core.models.driver import MeasureRole


class MeasureKind(StrEnum):
    COUNT = "count"
    PROPORTION = "proportion"
    RATE = "rate"
    TIME = "time"
    CONTINUOUS = "continuous"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class Chart(StrEnum):
    """The chart types, named as qicharts2's `chart` argument (`core.measures.qic`)."""

    RUN = "run"
    I = "i"  # noqa: E741 - the chart's name
    MR = "mr"
    XBAR = "xbar"
    S = "s"
    T = "t"
    P = "p"
    PP = "pp"
    C = "c"
    U = "u"
    UP = "up"
    G = "g"

    @property
    def has_limits(self) -> bool:
        return self is not Chart.RUN

    @property
    def needs_denominator(self) -> bool:
        return self in (Chart.P, Chart.PP, Chart.U, Chart.UP)

    @property
    def needs_subgroups(self) -> bool:
        """Xbar and S charts need several observations per period."""
        return self in (Chart.XBAR, Chart.S)


class Sigma(StrEnum):
    """How an I chart's limits are set."""

    QICHARTS2 = "qicharts2"
    """Centre ± 3 × screened mean moving range / 1.128 (qicharts2, Montgomery)."""
    NHS = "nhs"
    """Centre ± 2.66 × screened mean moving range (NHS Making Data Count)."""


class Entry(StrEnum):
    """What is typed for a measure."""

    PERIOD = "period"
    """One value (or numerator and denominator) per week or month."""
    CASES = "cases"
    """A date and a value per case (days from notice to meeting, per citizen)."""
    YES_NO = "yes_no"
    """A date and yes or no per case; the chart shows the share of yes per period."""
    EVENTS = "events"
    """The date of each rare event (a fall); the chart shows the time between events."""


SCALES = (1.0, 100.0, 1000.0, 10000.0)
"""The multipliers a measure may be shown with (per cent, per 1,000, per 10,000)."""


class Measure(ProjectRecord):
    """A measure with its operational definition, followed on a run chart."""

    ENTITY: ClassVar[str] = "measure"
    TABLE: ClassVar[str] = "measures"

    name: Name
    definition: LongText = ""
    kind: MeasureKind = MeasureKind.COUNT
    unit: ShortText = ""
    better: Direction = Direction.HIGHER
    frequency: Frequency = Frequency.WEEKLY
    target: float | None = Field(default=None, allow_inf_nan=False)
    baseline: float | None = Field(default=None, allow_inf_nan=False)
    step_id: str | None = None
    goal_id: str | None = None
    order: OrderKey = ""
    baseline_until: str | None = None
    """The last period of a frozen baseline: the median of the points up to it is kept as the
    centre line of later points (None: the median of all points)."""
    role: MeasureRole | None = None
    """Outcome, process or balancing measure (None: not said yet)."""
    driver_node_id: str | None = None
    """The aim, driver or change idea of the driver diagram the measure is attached to."""
    chart: Chart | None = None
    """The chart the team reads (None: the one recommended for the kind and the data)."""
    multiply: float = Field(default=1.0, gt=0, allow_inf_nan=False)
    """Values, centre and limits are shown times this (100: per cent; 1,000: per 1,000)."""
    centre: float | None = Field(default=None, allow_inf_nan=False)
    """A given centre line (a standard, a national figure), on the shown scale."""
    negative: bool | None = None
    """Whether values can be below 0 (None: by kind – only continuous values can)."""
    sigma: Sigma = Sigma.QICHARTS2
    warning_lines: bool = False
    """Whether the chart shows the 2-sigma warning lines."""
    entry: Entry = Entry.PERIOD
    target_start: float | None = Field(default=None, allow_inf_nan=False)
    """Where the target path starts (the charter's "from 21 days"); with `target_from` and
    `target_by` the target is a line to `target` instead of one level."""
    target_from: dt.date | None = None
    target_by: dt.date | None = None
    """The date the target is to be reached by."""

    @model_validator(mode="after")
    def _target_path(self) -> Measure:
        if (self.target_from is not None and self.target_by is not None
                and self.target_by <= self.target_from):
            raise PydanticCustomError("target_path", "the target date must come after the start")
        return self

    @property
    def target_path(self) -> tuple[dt.date, float, dt.date, float] | None:
        """(start date, start value, goal date, goal value) when the target is a path."""
        if (self.target is None or self.target_start is None or self.target_from is None
                or self.target_by is None):
            return None
        return self.target_from, self.target_start, self.target_by, self.target

    def target_on(self, day: dt.date) -> float | None:
        """The target on `day`: on a path, the start value until its start, then a straight
        line to the goal, and the goal from its date on; else the one target (or None)."""
        path = self.target_path
        if path is None:
            return self.target
        start, begin, by, goal = path
        if day <= start:
            return begin
        if day >= by:
            return goal
        return begin + (goal - begin) * (day - start).days / (by - start).days

    @field_validator("baseline_until")
    @classmethod
    def _baseline_period(cls, value: str | None) -> str | None:
        return None if value is None else check_period(value)

    @field_validator("multiply")
    @classmethod
    def _scale(cls, value: float) -> float:
        if value not in SCALES:
            raise PydanticCustomError("scale", "one of 1, 100, 1000, 10000")
        return value

    @property
    def has_denominator(self) -> bool:
        """Whether measurements are entered as numerator and denominator."""
        return self.entry is Entry.PERIOD and self.kind in (
            MeasureKind.PROPORTION, MeasureKind.RATE)

    @property
    def can_be_negative(self) -> bool:
        """Whether values may be below 0 (qicharts2's `y.neg`): as set, else only for
        continuous values; counts, proportions, rates and times cannot."""
        if self.negative is not None:
            return self.negative
        return self.kind is MeasureKind.CONTINUOUS and self.entry is not Entry.EVENTS


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def check_period(value: str) -> str:
    """Validate an ISO period: a week `2026-W47` or a month `2026-11`."""
    if match := _WEEK.match(value):
        year, week = int(match[1]), int(match[2])
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise PydanticCustomError("period", "not an ISO week or month") from None
        return value
    if (match := _MONTH.match(value)) and 1 <= int(match[2]) <= 12:
        return value
    raise PydanticCustomError("period", "not an ISO week or month")


def week_period(day: dt.date) -> str:
    """Return the ISO week period of a date (`2026-W47`)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class Measurement(ProjectRecord):
    """The value of a measure in one period (one record per measure and period)."""

    ENTITY: ClassVar[str] = "measurement"
    TABLE: ClassVar[str] = "measurements"

    measure_id: str
    period: str
    value: float | None = Field(default=None, allow_inf_nan=False)
    numerator: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    denominator: float | None = Field(default=None, allow_inf_nan=False)
    note: LongText = ""

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return check_period(value)

    @staticmethod
    def id_for(project_id: str, measure_id: str, period: str) -> str:
        """One measurement per measure and period: two units typing one week meet in one record."""
        return stable_id(project_id, "measurement", measure_id, period)

    @model_validator(mode="after")
    def _value_or_fraction(self) -> Measurement:
        if self.denominator is not None or self.numerator is not None:
            if self.numerator is None or self.denominator is None:
                raise PydanticCustomError("fraction_incomplete", "numerator and denominator")
            if self.denominator <= 0:
                raise PydanticCustomError("denominator_zero", "denominator must be above 0")
        elif self.value is None:
            raise PydanticCustomError("value_missing", "a value is needed")
        return self

    @property
    def shown_value(self) -> float:
        """The value plotted: the value, or numerator / denominator."""
        if self.value is not None:
            return self.value
        assert self.numerator is not None and self.denominator
        return self.numerator / self.denominator


class AnnotationKind(StrEnum):
    NOTE = "note"
    CYCLE = "cycle"
    DECISION = "decision"


class Annotation(ProjectRecord):
    """A change marked on a run chart at its date (a cycle started, a new routine)."""

    ENTITY: ClassVar[str] = "annotation"
    TABLE: ClassVar[str] = "annotations"

    measure_id: str | None = None
    """None: the annotation shows on every chart of the project."""
    on: dt.date
    text: Name
    cycle_id: str | None = None
    order: OrderKey = ""
    kind: AnnotationKind = AnnotationKind.NOTE
    split: bool = False
    """A new part of the chart starts at this date, with a median of its own."""


class MarkKind(StrEnum):
    EXCLUDED = "excluded"
    """The point stays on the chart, left out of centre, limits and runs analysis."""
    MISSING = "missing"
    """No data for the period (a holiday week, a system down): a gap, never a signal."""
    BASELINE_END = "baseline_end"
    """The last point of its part's frozen baseline."""


class ChartMark(ProjectRecord):
    """A mark on one point of a measure's chart: excluded with a reason, a missing period, or
    the end of a part's baseline."""

    ENTITY: ClassVar[str] = "chart_mark"
    TABLE: ClassVar[str] = "chart_marks"

    measure_id: str
    point: str
    """The period (`2026-W47`, `2026-11`) or, for events, the event's date (`2026-11-03`)."""
    mark: MarkKind
    reason: ShortText = ""

    @model_validator(mode="after")
    def _reason(self) -> ChartMark:
        if self.mark is MarkKind.EXCLUDED and not self.reason:
            raise PydanticCustomError("reason_missing", "an excluded point needs a reason")
        return self

    @staticmethod
    def id_for(project_id: str, measure_id: str, point: str, mark: MarkKind) -> str:
        """One state mark (excluded or missing) and one baseline mark per point: two units
        marking one point meet in one record."""
        group = "baseline" if mark is MarkKind.BASELINE_END else "state"
        return stable_id(project_id, "chart_mark", measure_id, point, group)


class MeasureCase(ProjectRecord):
    """One case of a case-level measure: a date with a value, with yes or no, or a rare event
    (with, optionally, the opportunities since the event before: home visits between falls)."""

    ENTITY: ClassVar[str] = "measure_case"
    TABLE: ClassVar[str] = "measure_cases"

    measure_id: str
    on: dt.date
    value: float | None = Field(default=None, allow_inf_nan=False)
    yes: bool | None = None
    note: LongText = ""
