"""The base of every synced record: a UUID, the scope it belongs to, strict validation."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from core.ids import new_id
from core.phases import PhaseStatus

__all__ = ["PhaseStatus"]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
"""A name or a title: one line, at most 200 characters."""

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
"""A name that must not be empty."""

LongName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
"""A one-paragraph text that must not be empty (an action plan row, an idea)."""

LongText = Annotated[str, StringConstraints(max_length=100_000)]
"""Free text: notes, descriptions, the charter's paragraphs."""

Initials = Annotated[str, StringConstraints(strip_whitespace=True, max_length=8)]

OrderKey = Annotated[str, StringConstraints(max_length=64)]
"""A sort key for ordered things (fractional index text); ties sort by record id."""


class Record(BaseModel):
    """A record that lives in one project (or team) and travels through the change log."""

    model_config = ConfigDict(extra="forbid", validate_default=True, use_enum_values=False)

    ENTITY: ClassVar[str]
    """The entity's name in the change log (never renamed)."""
    TABLE: ClassVar[str]
    """The SQLite table holding the shown values."""
    SCOPE_FIELD: ClassVar[str] = "project_id"
    """The field naming the project or team whose log the record's changes go to."""

    id: str = Field(default_factory=new_id)

    @property
    def scope_id(self) -> str:
        """The id of the project (or team) this record belongs to."""
        return str(getattr(self, self.SCOPE_FIELD))


class ProjectRecord(Record):
    """A record inside a project."""

    project_id: str

