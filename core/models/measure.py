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

    @field_validator("baseline_until")
    @classmethod
    def _baseline_period(cls, value: str | None) -> str | None:
        return None if value is None else check_period(value)

    @property
    def has_denominator(self) -> bool:
        """Whether measurements are entered as numerator and denominator."""
        return self.kind in (MeasureKind.PROPORTION, MeasureKind.RATE)


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
