"""Workflow maps (arbejdsgange): the current one and the redesign, with lanes, steps and ideas."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from core import clock
from core.models.base import LongName, LongText, Name, OrderKey, ProjectRecord, ShortText


class MapKind(StrEnum):
    CURRENT = "current"
    REDESIGN = "redesign"


class StepSymbol(StrEnum):
    """The brown-paper symbols the guide asks the facilitator to use consistently."""

    TASK = "task"
    DECISION = "decision"
    IT_SYSTEM = "it_system"
    CITIZEN_CONTACT = "citizen_contact"
    HANDOVER = "handover"
    WAITING = "waiting"


class WorkflowMap(ProjectRecord):
    """A workflow as it is today, or as redesigned."""

    ENTITY: ClassVar[str] = "workflow_map"
    TABLE: ClassVar[str] = "workflow_maps"

    kind: MapKind
    title: ShortText = ""
    made_on: dt.date | None = None


class Lane(ProjectRecord):
    """A swim lane of a map: one unit or role."""

    ENTITY: ClassVar[str] = "lane"
    TABLE: ClassVar[str] = "lanes"

    map_id: str
    name: Name
    order: OrderKey = ""


class Step(ProjectRecord):
    """One step of a workflow map."""

    ENTITY: ClassVar[str] = "step"
    TABLE: ClassVar[str] = "steps"

    map_id: str
    lane_id: str
    symbol: StepSymbol = StepSymbol.TASK
    text: Name
    order: OrderKey = ""
    duration: ShortText = ""
    """Duration as the user typed it ("2 dage", "30 min"), shown as typed."""
    kpi: bool = False
    """The redesign marks this step as decisive: a KPI follows it."""
    source_step_id: str | None = None
    """In a redesign: the step of today's map it was copied from (None: a new step)."""


class IdeaStatus(StrEnum):
    NEW = "new"
    CHOSEN = "chosen"
    PARKED = "parked"
    REJECTED = "rejected"


class Idea(ProjectRecord):
    """A good idea, interesting thought or crazy suggestion, captured on the way."""

    ENTITY: ClassVar[str] = "idea"
    TABLE: ClassVar[str] = "ideas"

    text: LongName
    who: ShortText = ""
    source: ShortText = ""
    """Where it came from (a meeting, the mapping workshop, a citizen)."""
    step_id: str | None = None
    status: IdeaStatus = IdeaStatus.NEW
    created_on: dt.date = Field(default_factory=clock.today)
    note: LongText = ""
