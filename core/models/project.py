"""Projects, the people in them, their charter and the six phases' state."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, field_validator

from core import clock
from core.ids import stable_id
from core.models.base import (
    Initials,
    LongText,
    Name,
    OrderKey,
    PhaseStatus,
    ProjectRecord,
    Record,
    ShortText,
)

PHASE_NUMBERS = range(1, 7)


class CycleName(StrEnum):
    PDSA = "pdsa"
    PGEK = "pgek"
    TRIAL = "trial"


class Project(Record):
    """An improvement project that follows the six phases of the KL guide."""

    ENTITY: ClassVar[str] = "project"
    TABLE: ClassVar[str] = "projects"
    SCOPE_FIELD: ClassVar[str] = "id"

    name: Name
    unit: ShortText = ""
    """The unit (enhed) that owns the project."""
    leader: ShortText = ""
    """The project leader (projektleder)."""
    current_phase: int = Field(default=1, ge=1, le=6)
    archived: bool = False
    created_on: dt.date = Field(default_factory=clock.today)
    kaizen_continues: bool | None = None
    """Closing: do kaizen meetings go on in normal operation (None: not decided yet)?"""
    steering_group_stays: bool | None = None
    """Closing: does the steering group stay as a forum (None: not decided yet)?"""
    cycle_name: CycleName = CycleName.PDSA
    """What the team calls a test of change: PDSA, PGEK (Norwegian) or prøvehandling."""
    meeting_every_days: int = Field(default=14, ge=1, le=120)
    """The project's kaizen-meeting rhythm: a meeting every so many days (the guide: 14;
    hverdagsinnovation: 14-30)."""
    planned_meetings: int | None = Field(default=None, ge=1, le=50)
    """How many kaizen meetings the project plans (hverdagsinnovation: 4-5; None: no number)."""


class PhaseChange(ProjectRecord):
    """The team moved the project to another phase; open checklist items are recorded."""

    ENTITY: ClassVar[str] = "phase_change"
    TABLE: ClassVar[str] = "phase_changes"

    from_phase: int = Field(ge=1, le=6)
    to_phase: int = Field(ge=1, le=6)
    open_items: int = Field(default=0, ge=0)
    """Checklist items of the phases left behind that were not ticked off."""
    note: LongText = ""
    decided_by: Initials = ""
    decided_at: dt.datetime | None = None


class Person(ProjectRecord):
    """Someone who takes part in a project: in a group, responsible for actions, at meetings."""

    ENTITY: ClassVar[str] = "person"
    TABLE: ClassVar[str] = "people"

    name: Name
    initials: Initials = ""
    unit: ShortText = ""
    title: ShortText = ""
    """Job title (stilling), e.g. "sagsbehandler" or "afdelingsleder"."""


class Charter(ProjectRecord):
    """The project charter (projektkommissorium): one per project."""

    ENTITY: ClassVar[str] = "charter"
    TABLE: ClassVar[str] = "charters"

    citizen_case: LongText = ""
    """The well-known citizen case (borgerforløb) the project starts from."""
    purpose: LongText = ""
    success_criteria: LongText = ""
    scope: LongText = ""
    background: LongText = ""

    @staticmethod
    def id_for(project_id: str) -> str:
        """The charter's id: one per project, the same in every unit."""
        return stable_id(project_id, "charter")


class ResultGoal(ProjectRecord):
    """A result goal (resultatmål) with a target value, a date and the measure that shows it."""

    ENTITY: ClassVar[str] = "result_goal"
    TABLE: ClassVar[str] = "result_goals"

    text: Name
    measure_id: str | None = None
    target: float | None = Field(default=None, allow_inf_nan=False)
    due: dt.date | None = None
    order: OrderKey = ""


class UnitInvolved(ProjectRecord):
    """A unit taking part in a cross-unit project."""

    ENTITY: ClassVar[str] = "unit_involved"
    TABLE: ClassVar[str] = "units_involved"

    name: Name


class Group(StrEnum):
    STEERING = "steering"
    PROJECT = "project"


class GroupMember(ProjectRecord):
    """A person's seat in the steering group or the project group, with a role."""

    ENTITY: ClassVar[str] = "group_member"
    TABLE: ClassVar[str] = "group_members"

    group: Group
    person_id: str
    role: ShortText = ""
    deciding_leader: bool = False
    """A deciding leader (besluttende leder) of one of the units involved."""
    unit: ShortText = ""


class PhaseState(ProjectRecord):
    """The status of one of a project's six phases."""

    ENTITY: ClassVar[str] = "phase_state"
    TABLE: ClassVar[str] = "phase_states"

    phase: int = Field(ge=1, le=6)
    status: PhaseStatus = PhaseStatus.NOT_STARTED

    @staticmethod
    def id_for(project_id: str, phase: int) -> str:
        """The id of a phase's state: one per project and phase, the same in every unit."""
        return stable_id(project_id, "phase", phase)


class ChecklistItem(ProjectRecord):
    """One piece of advice (opmærksomhedspunkt) of a phase, ticked off by the team.

    Items from the guide have an `item_key` (their text is in the catalogs); the team's own items
    have `text`.
    """

    ENTITY: ClassVar[str] = "checklist_item"
    TABLE: ClassVar[str] = "checklist_items"

    phase: int = Field(ge=1, le=6)
    item_key: ShortText = ""
    text: ShortText = ""
    done: bool = False
    done_by: Initials = ""
    done_at: dt.datetime | None = None
    order: OrderKey = ""

    @staticmethod
    def id_for(project_id: str, phase: int, item_key: str) -> str:
        """The id of a checklist item from the guide's template (the same in every unit)."""
        return stable_id(project_id, "checklist", phase, item_key)

    @field_validator("done_at")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value
