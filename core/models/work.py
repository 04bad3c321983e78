"""The action plan (handlingsplan), the kaizen board, PDSA/PGEK cycles, meetings and decisions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from core import clock
from core.ids import stable_id
from core.models.base import LongName, LongText, Name, OrderKey, ProjectRecord, ShortText


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Action(ProjectRecord):
    """A row of the action plan, with the guide's five columns."""

    ENTITY: ClassVar[str] = "action"
    TABLE: ClassVar[str] = "actions"

    change: LongName
    """Ændring/opgave: the change or task."""
    responsible: ShortText = ""
    """Ansvarlig: the person who does it."""
    effect: LongText = ""
    """Effekt: what is expected, and whether a KPI follows it."""
    how: LongText = ""
    """Hvordan: what the responsible person must do."""
    deadline: dt.date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    measure_id: str | None = None
    idea_id: str | None = None
    step_id: str | None = None
    order: OrderKey = ""

    @property
    def is_open(self) -> bool:
        """Whether the row still needs doing."""
        return self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the row is open and past its deadline."""
        return self.is_open and self.deadline is not None and self.deadline < today


class BoardColumn(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    TESTING = "testing"
    STANDARD = "standard"
    DROPPED = "dropped"


class KaizenCard(ProjectRecord):
    """A card on the kaizen board (kaizen-tavle)."""

    ENTITY: ClassVar[str] = "kaizen_card"
    TABLE: ClassVar[str] = "kaizen_cards"

    title: Name
    description: LongText = ""
    owner: ShortText = ""
    due: dt.date | None = None
    column: BoardColumn = BoardColumn.IDEA
    order: OrderKey = ""
    measure_id: str | None = None
    idea_id: str | None = None
    archived: bool = False
    recur_weeks: int | None = Field(default=None, ge=1, le=52)
    """A recurring card comes back every N weeks: moved to Standard, a new card like it goes to
    Planned, due N weeks later (`core.kaizen.board.move_to_column`)."""


class ActDecision(StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class Cycle(ProjectRecord):
    """A PDSA (PGEK) cycle: a small test of change with a prediction and a decision."""

    ENTITY: ClassVar[str] = "cycle"
    TABLE: ClassVar[str] = "cycles"

    card_id: str
    number: int = Field(default=1, ge=1)
    previous_id: str | None = None
    """The cycle this one follows (cycles chain)."""
    plan_what: LongText = ""
    plan_who: ShortText = ""
    plan_when: dt.date | None = None
    plan_where: ShortText = ""
    prediction: LongText = ""
    measure_id: str | None = None
    do_notes: LongText = ""
    do_problems: LongText = ""
    study_notes: LongText = ""
    act: ActDecision | None = None
    act_notes: LongText = ""
    decided_by: ShortText = ""
    """Who took the act decision (adopt: the leader who made the routine standard)."""
    started_on: dt.date | None = None
    ended_on: dt.date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Cycle:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise PydanticCustomError("end_before_start", "ends before it starts")
        return self


class Meeting(ProjectRecord):
    """A kaizen meeting (kaizen-møde): at most an hour, every 14 days, in front of the board."""

    ENTITY: ClassVar[str] = "meeting"
    TABLE: ClassVar[str] = "meetings"

    held_on: dt.date
    duration_min: int = Field(default=60, ge=1, le=600)
    notes: LongText = ""
    decisions: LongText = ""
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


class MeetingItemKind(StrEnum):
    SIGNAL = "signal"
    CYCLE = "cycle"
    CARD = "card"
    ACTION = "action"
    IDEA = "idea"
    OTHER = "other"


class MeetingItem(ProjectRecord):
    """An agenda item of a kaizen meeting, with the notes and decision typed against it."""

    ENTITY: ClassVar[str] = "meeting_item"
    TABLE: ClassVar[str] = "meeting_items"

    meeting_id: str
    kind: MeetingItemKind = MeetingItemKind.OTHER
    ref_id: str | None = None
    """The measure, cycle, card, action or idea the item is about."""
    title: Name
    note: LongText = ""
    decision: LongText = ""
    order: OrderKey = ""


class BoardLabel(ProjectRecord):
    """A project's own settings of a kaizen board column (one per project and column): its name
    and its work-in-progress limit. An empty label means the standard name; no limit, no
    limit."""

    ENTITY: ClassVar[str] = "board_label"
    TABLE: ClassVar[str] = "board_labels"

    column: BoardColumn
    label: ShortText = ""
    wip_limit: int | None = Field(default=None, ge=1, le=999)
    """How many cards the column should hold at most (shown and warned, never enforced)."""

    @staticmethod
    def id_for(project_id: str, column: str) -> str:
        """One label per project and column, the same id in every unit."""
        return stable_id(project_id, "board_label", column)


class Success(ProjectRecord):
    """A success the team celebrates (fejr succeserne): a new standard, a better signal."""

    ENTITY: ClassVar[str] = "success"
    TABLE: ClassVar[str] = "successes"

    text: Name
    on: dt.date
    card_id: str | None = None
    measure_id: str | None = None
    meeting_id: str | None = None
    recorded_by: ShortText = ""


class MeetingParticipant(ProjectRecord):
    """A person at a meeting (a link record, so two units adding people never conflict)."""

    ENTITY: ClassVar[str] = "meeting_participant"
    TABLE: ClassVar[str] = "meeting_participants"

    meeting_id: str
    person_id: str


class ClosingChoice(StrEnum):
    CONTINUE = "continue"
    DEVELOP = "develop"
    CANCEL = "cancel"


class Decision(ProjectRecord):
    """A closing decision on one change the project made: continue, develop further or cancel.

    It names its change by one link: a step of the redesign (`step_id`), a kaizen card
    (`card_id`), an idea (`idea_id`), an action plan row (`action_id`) or a PDSA cycle
    (`cycle_id`)."""

    ENTITY: ClassVar[str] = "decision"
    TABLE: ClassVar[str] = "decisions"

    subject: Name
    choice: ClosingChoice
    step_id: str | None = None
    card_id: str | None = None
    note: LongText = ""
    decided_on: dt.date = Field(default_factory=clock.today)
    decided_by: ShortText = ""
    responsible: ShortText = ""
    """Who carries the decision into normal operation."""
    idea_id: str | None = None
    action_id: str | None = None
    cycle_id: str | None = None
