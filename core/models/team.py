"""Self-managing teams and their weekly key figures (nøgledata)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, field_validator

from core.ids import stable_id
from core.models.base import Name, Record, ShortText
from core.models.measure import check_period


class Team(Record):
    """A team under a unit; a team's records form a log scope of their own."""

    ENTITY: ClassVar[str] = "team"
    TABLE: ClassVar[str] = "teams"
    SCOPE_FIELD: ClassVar[str] = "id"

    name: Name
    unit: ShortText = ""
    area: ShortText = ""
    started_on: dt.date | None = None


class TeamFigure(Record):
    """One key figure of one team in one period (one record per team, period and figure)."""

    ENTITY: ClassVar[str] = "team_figure"
    TABLE: ClassVar[str] = "team_figures"
    SCOPE_FIELD: ClassVar[str] = "team_id"

    team_id: str
    period: str
    figure: Name
    """The key figure's key, e.g. `sick_leave_pct` (its label is in the catalogs)."""
    value: float = Field(allow_inf_nan=False)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return check_period(value)

    @staticmethod
    def id_for(team_id: str, period: str, figure: str) -> str:
        """One value per team, period and key figure (the same id in every unit)."""
        return stable_id(team_id, "team_figure", period, figure)
