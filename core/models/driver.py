"""The driver diagram (driverdiagram): the aim, primary and secondary drivers, change ideas,
the extra drivers a change idea serves, and what tests each change idea.

A node's place is its `parent_id` and its `order` among its siblings. Kinds go left to right:
the aim (one per project, `DriverNode.aim_id`), primary drivers under it, secondary drivers
under a primary, change ideas under a secondary (or straight under a primary). A change idea
that serves more drivers than its parent has a `DriverLink` per extra driver, and a
`DriverTest` per idea, kaizen card or PDSA cycle that tests it (sets are link records, so two
units adding links never conflict).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from core.ids import stable_id
from core.models.base import LongText, OrderKey, ProjectRecord


class DriverKind(StrEnum):
    AIM = "aim"
    PRIMARY = "primary"
    SECONDARY = "secondary"
    CHANGE_IDEA = "change_idea"


COLUMN: dict[DriverKind, int] = {kind: index for index, kind in enumerate(DriverKind)}
"""The column of each kind, left to right (the aim is 0)."""

PARENT_KINDS: dict[DriverKind, tuple[DriverKind, ...]] = {
    DriverKind.AIM: (),
    DriverKind.PRIMARY: (DriverKind.AIM,),
    DriverKind.SECONDARY: (DriverKind.PRIMARY,),
    DriverKind.CHANGE_IDEA: (DriverKind.SECONDARY, DriverKind.PRIMARY),
}
"""The kinds a node of each kind may hang under."""


class MeasureRole(StrEnum):
    """What a measure tells (resultatmål, procesmål, balancemål)."""

    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class DriverNode(ProjectRecord):
    """A box of the driver diagram. The aim's empty text means "the charter's purpose"."""

    ENTITY: ClassVar[str] = "driver_node"
    TABLE: ClassVar[str] = "driver_nodes"

    kind: DriverKind
    text: LongText = ""
    parent_id: str | None = None
    order: OrderKey = ""

    @staticmethod
    def aim_id(project_id: str) -> str:
        """The aim's id: one per project, the same in every unit."""
        return stable_id(project_id, "driver_aim")

    @model_validator(mode="after")
    def _text_and_parent(self) -> DriverNode:
        if self.kind is not DriverKind.AIM and not self.text.strip():
            raise PydanticCustomError("string_too_short", "a text is needed", {"min_length": 1})
        if self.kind is DriverKind.AIM and self.parent_id is not None:
            raise PydanticCustomError("value_error", "the aim has no parent")
        return self


class DriverLink(ProjectRecord):
    """A change idea also serves this driver (besides the one it hangs under)."""

    ENTITY: ClassVar[str] = "driver_link"
    TABLE: ClassVar[str] = "driver_links"

    node_id: str
    """The change idea."""
    driver_id: str
    """The primary or secondary driver it also serves."""

    @staticmethod
    def id_for(node_id: str, driver_id: str) -> str:
        """One link per change idea and driver: two units linking the same meet in one record."""
        return stable_id(node_id, "driver_link", driver_id)


class DriverTestKind(StrEnum):
    IDEA = "idea"
    CARD = "card"
    CYCLE = "cycle"


class DriverTest(ProjectRecord):
    """An idea, kaizen card or PDSA/PGEK cycle that tests a change idea."""

    ENTITY: ClassVar[str] = "driver_test"
    TABLE: ClassVar[str] = "driver_tests"

    node_id: str
    ref_kind: DriverTestKind
    ref_id: str

    @staticmethod
    def id_for(node_id: str, ref_kind: str, ref_id: str) -> str:
        """One test record per change idea and tested thing."""
        return stable_id(node_id, "driver_test", ref_kind, ref_id)
