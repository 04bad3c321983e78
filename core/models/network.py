"""The learning network (læringsnetværk): member units, meetings, presentations, notes and tips.

A network's records live in its own log scope (`network_id`); they travel in the files its
coordinator and its units exchange, next to the projects.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from core import clock
from core.models.base import Initials, LongText, Name, OrderKey, Record, ShortText


class Network(Record):
    """A learning network of units that share their improvement work."""

    ENTITY: ClassVar[str] = "network"
    TABLE: ClassVar[str] = "networks"
    SCOPE_FIELD: ClassVar[str] = "id"

    name: Name
    coordinator: ShortText = ""
    unit: ShortText = ""
    """The coordinating unit."""


class NetworkRecord(Record):
    """A record inside a learning network."""

    SCOPE_FIELD: ClassVar[str] = "network_id"

    network_id: str


class NetworkUnit(NetworkRecord):
    """A member unit (a link record: two coordinators adding units never conflict)."""

    ENTITY: ClassVar[str] = "network_unit"
    TABLE: ClassVar[str] = "network_units"

    name: Name


class NetworkMeeting(NetworkRecord):
    """A meeting of the network: a theme from outside, units presenting, next steps."""

    ENTITY: ClassVar[str] = "network_meeting"
    TABLE: ClassVar[str] = "network_meetings"

    held_on: dt.date
    title: ShortText = ""
    notes: LongText = ""


class NetworkPresentation(NetworkRecord):
    """An agenda item of a network meeting: which unit presents which project."""

    ENTITY: ClassVar[str] = "network_presentation"
    TABLE: ClassVar[str] = "network_presentations"

    meeting_id: str
    unit: ShortText = ""
    project_id: str | None = None
    project_name: ShortText = ""
    order: OrderKey = ""
    notes: LongText = ""


class NoteKind(StrEnum):
    NOTE = "note"
    TIP = "tip"


class NetworkNote(NetworkRecord):
    """A note or a tip recorded against the network, optionally for one unit or project."""

    ENTITY: ClassVar[str] = "network_note"
    TABLE: ClassVar[str] = "network_notes"

    meeting_id: str | None = None
    kind: NoteKind = NoteKind.NOTE
    text: LongText
    unit: ShortText = ""
    project_id: str | None = None
    author: Initials = ""
    written_on: dt.date = Field(default_factory=clock.today)
