"""Pydantic models of every entity in the method, and the registry the change log uses."""

from __future__ import annotations

from core.models.base import PhaseStatus, ProjectRecord, Record
from core.models.measure import (
    Annotation,
    Direction,
    Frequency,
    Measure,
    MeasureKind,
    Measurement,
    week_period,
)
from core.models.project import (
    Charter,
    ChecklistItem,
    Group,
    GroupMember,
    Person,
    PhaseChange,
    PhaseState,
    Project,
    ResultGoal,
    UnitInvolved,
)
from core.models.team import Team, TeamFigure
from core.models.work import (
    ActDecision,
    Action,
    ActionStatus,
    BoardColumn,
    ClosingChoice,
    Cycle,
    Decision,
    KaizenCard,
    Meeting,
    MeetingParticipant,
)
from core.models.workflow import Idea, IdeaStatus, Lane, MapKind, Step, StepSymbol, WorkflowMap

ENTITIES: dict[str, type[Record]] = {
    model.ENTITY: model
    for model in (
        Project,
        Person,
        Charter,
        ResultGoal,
        UnitInvolved,
        GroupMember,
        PhaseState,
        ChecklistItem,
        PhaseChange,
        WorkflowMap,
        Lane,
        Step,
        Idea,
        Measure,
        Measurement,
        Annotation,
        Action,
        KaizenCard,
        Cycle,
        Meeting,
        MeetingParticipant,
        Decision,
        Team,
        TeamFigure,
    )
}
"""Every entity by its change-log name (append only: names are never reused)."""

__all__ = [
    "ENTITIES",
    "ActDecision",
    "Action",
    "ActionStatus",
    "Annotation",
    "BoardColumn",
    "Charter",
    "ChecklistItem",
    "ClosingChoice",
    "Cycle",
    "Decision",
    "Direction",
    "Frequency",
    "Group",
    "GroupMember",
    "Idea",
    "IdeaStatus",
    "KaizenCard",
    "Lane",
    "MapKind",
    "Measure",
    "MeasureKind",
    "Measurement",
    "Meeting",
    "MeetingParticipant",
    "Person",
    "PhaseChange",
    "PhaseState",
    "PhaseStatus",
    "Project",
    "ProjectRecord",
    "Record",
    "ResultGoal",
    "Step",
    "StepSymbol",
    "Team",
    "TeamFigure",
    "UnitInvolved",
    "WorkflowMap",
    "week_period",
]
