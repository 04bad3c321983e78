"""Benefits (gevinster): what a project is expected to gain, and what it has gained, in kr.,
hours, sick-leave percentage points, quality or citizen experience, with the measure that
documents it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from core.models.base import LongText, Name, OrderKey, ProjectRecord, ShortText


class BenefitKind(StrEnum):
    KR = "kr"
    HOURS = "hours"
    SICK_LEAVE_PP = "sick_leave_pp"
    """Sick leave in percentage points (procentpoint)."""
    QUALITY = "quality"
    CITIZEN_EXPERIENCE = "citizen_experience"


class BenefitStatus(StrEnum):
    EXPECTED = "expected"
    REALISED = "realised"


class Benefit(ProjectRecord):
    """A benefit of a project: expected (in the business case) or realised (documented)."""

    ENTITY: ClassVar[str] = "benefit"
    TABLE: ClassVar[str] = "benefits"

    title: Name
    """What is gained, in a few words ("Færre uger på sygedagpenge")."""
    kind: BenefitKind = BenefitKind.KR
    status: BenefitStatus = BenefitStatus.EXPECTED
    amount: float | None = Field(default=None, allow_inf_nan=False)
    """Kr., hours or percentage points; for quality and citizen experience a score (None: not
    estimated yet)."""
    unit: ShortText = ""
    """What the amount counts where the kind does not say it ("point på en skala 1-5")."""
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    how_computed: LongText = ""
    """How the amount was computed (the business case's reasoning)."""
    measure_id: str | None = None
    """The measure whose run chart documents the benefit."""
    note: LongText = ""
    order: OrderKey = ""

    @model_validator(mode="after")
    def _period_in_order(self) -> Benefit:
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise PydanticCustomError("end_before_start", "ends before it starts")
        return self
