"""Self-managing home-care teams: the organisation they belong to, members and professions,
the shared catalogue of key figures (nøgledata), weekly values, alerts and capacity plans.

Every team record lives in its organisation's log scope (`org_id`): an organisation and all its
teams travel in one export file, like a project.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, field_validator

from core.ids import stable_id
from core.models.base import Initials, LongText, Name, OrderKey, Record, ShortText
from core.models.measure import Direction, Frequency, MeasureKind, check_period


class Organisation(Record):
    """A unit's organisation of teams (e.g. Hjemmeplejen); the scope of all team records.

    The sharing and temp rules of the back office are its settings.
    """

    ENTITY: ClassVar[str] = "organisation"
    TABLE: ClassVar[str] = "organisations"
    SCOPE_FIELD: ClassVar[str] = "id"

    name: Name
    unit: ShortText = ""
    temp_limit_pct: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    """Guideline: temp (vikar) hours at most this share of a team's needed hours."""
    lend_limit_hours: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    """Guideline: hours a team may lend to or borrow from other teams per week and profession."""


class OrgRecord(Record):
    """A record inside an organisation of teams."""

    SCOPE_FIELD: ClassVar[str] = "org_id"

    org_id: str


class Team(OrgRecord):
    """A small self-managing team under a unit (Buurtzorg model)."""

    ENTITY: ClassVar[str] = "team"
    TABLE: ClassVar[str] = "teams"

    name: Name
    unit: ShortText = ""
    area: ShortText = ""
    started_on: dt.date | None = None


class Profession(OrgRecord):
    """A profession (faggruppe): sygeplejerske, social- og sundhedsassistent, ..."""

    ENTITY: ClassVar[str] = "profession"
    TABLE: ClassVar[str] = "professions"

    name: Name
    order: OrderKey = ""


class TeamRole(StrEnum):
    MEMBER = "member"
    REPORTER = "reporter"
    """The rapportør, who keeps the dashboard up to date."""
    COACH = "coach"


class TeamMember(OrgRecord):
    """A member of a team with a profession; one reporter and one coach per team."""

    ENTITY: ClassVar[str] = "team_member"
    TABLE: ClassVar[str] = "team_members"

    team_id: str
    name: Name
    initials: Initials = ""
    profession_id: str | None = None
    role: TeamRole = TeamRole.MEMBER
    hours_per_week: float | None = Field(default=None, ge=0, le=168, allow_inf_nan=False)


class KeyFigure(OrgRecord):
    """A key figure of the catalogue shared by all teams of the organisation."""

    ENTITY: ClassVar[str] = "key_figure"
    TABLE: ClassVar[str] = "key_figures"

    key: ShortText = ""
    """The starter set's key (`sick_leave_pct`, ...); empty for figures the user adds."""
    name: Name
    definition: LongText = ""
    unit: ShortText = ""
    kind: MeasureKind = MeasureKind.CONTINUOUS
    better: Direction = Direction.LOWER
    frequency: Frequency = Frequency.WEEKLY
    target: float | None = Field(default=None, allow_inf_nan=False)
    alert_threshold: float | None = Field(default=None, allow_inf_nan=False)
    """A value past this (in the worse direction) raises an alert for the coach."""
    order: OrderKey = ""

    @staticmethod
    def id_for(org_id: str, key: str) -> str:
        """The starter set's figures have the same id in every unit."""
        return stable_id(org_id, "key_figure", key)


class TeamFigure(OrgRecord):
    """One key figure of one team in one period (one record per team, period and figure)."""

    ENTITY: ClassVar[str] = "team_figure"
    TABLE: ClassVar[str] = "team_figures"

    team_id: str
    period: str
    figure: Name
    """The key figure's id (`KeyFigure.id`)."""
    value: float = Field(allow_inf_nan=False)
    denominator: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    """What a share or rate is of in this period (planned work days, citizens, home visits):
    the base a funnel plot weighs the team by. None: not given."""

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return check_period(value)

    @staticmethod
    def id_for(team_id: str, period: str, figure: str) -> str:
        """One value per team, period and key figure (the same id in every unit)."""
        return stable_id(team_id, "team_figure", period, figure)


class AlertAck(OrgRecord):
    """A coach's acknowledgement of an alert: what was asked and what the team answered.

    One per (team, figure, period, kind), so an acknowledged alert is not raised again for the
    same event.
    """

    ENTITY: ClassVar[str] = "alert_ack"
    TABLE: ClassVar[str] = "alert_acks"

    team_id: str
    figure_id: str
    period: str
    kind: ShortText
    """What raised it: "threshold" or "signal"."""
    note: LongText = ""
    acknowledged_by: Initials = ""
    acknowledged_on: dt.date | None = None

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return check_period(value)

    @staticmethod
    def id_for(team_id: str, figure_id: str, period: str, kind: str) -> str:
        """The same alert has the same id in every unit."""
        return stable_id(team_id, "alert_ack", figure_id, period, kind)


class CapacityPlan(OrgRecord):
    """Hours for one team and profession in one week: needed, available, lent, borrowed, temps."""

    ENTITY: ClassVar[str] = "capacity_plan"
    TABLE: ClassVar[str] = "capacity_plans"

    team_id: str
    profession_id: str
    week: str
    hours_needed: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    """The norm or the back office's forecast."""
    hours_available: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    hours_lent: float = Field(default=0, ge=0, allow_inf_nan=False)
    """Hours this team lends to other teams."""
    hours_borrowed: float = Field(default=0, ge=0, allow_inf_nan=False)
    """Hours this team borrows from other teams."""
    temp_hours: float = Field(default=0, ge=0, allow_inf_nan=False)
    note: ShortText = ""

    @field_validator("week")
    @classmethod
    def _week(cls, value: str) -> str:
        return check_period(value)

    @staticmethod
    def id_for(team_id: str, profession_id: str, week: str) -> str:
        """One plan per team, profession and week (the same id in every unit)."""
        return stable_id(team_id, "capacity_plan", profession_id, week)
