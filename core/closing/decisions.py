"""Closing and normal operation (phase 6): a decision on each part of the redesign and each
adopted idea (continue as standard, develop further, cancel), and whether the kaizen meetings and
the steering group go on.

"The redesign's parts" are the redesign map's steps that `core.workflow.maps.compare` reports as
added or
changed, the ideas with status chosen, and the kaizen cards in the standard column (an idea that
became such a card is listed once, as the card).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core import clock
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import (
    BoardColumn,
    ClosingChoice,
    Decision,
    IdeaStatus,
    KaizenCard,
    MapKind,
    Project,
)
from core.workflow import maps

Kind = Literal["step_added", "step_changed", "idea", "card"]
PROJECT_CHOICES = ("kaizen_continues", "steering_group_stays")


@dataclass(frozen=True)
class ClosingItem:
    """One part of the redesign to decide on, with its decision (None: not decided yet)."""

    kind: Kind
    ref_id: str
    subject: str
    decision: Decision | None = None

    @property
    def link(self) -> dict[str, str]:
        """The decision's field that points at the item."""
        name = {"idea": "idea_id", "card": "card_id"}.get(self.kind, "step_id")
        return {name: self.ref_id}


@dataclass(frozen=True)
class ClosingSummary:
    """The counts the closing screen shows as the phase's product."""

    items: int
    continued: int
    developed: int
    cancelled: int
    kaizen_continues: bool | None
    steering_group_stays: bool | None

    @property
    def undecided(self) -> int:
        """Items without a decision."""
        return self.items - self.continued - self.developed - self.cancelled


def _decisions(store: Store, project_id: str) -> dict[tuple[str, str], Decision]:
    """The latest decision on each step, idea and card."""
    found: dict[tuple[str, str], Decision] = {}
    rows = store.query(
        "SELECT id FROM decisions WHERE project_id = ? AND _exists ORDER BY decided_on, id",
        [project_id],
    )
    for row in rows:
        decision = changelog.load(store, Decision, row["id"])
        for name in ("step_id", "idea_id", "card_id"):
            value = getattr(decision, name)
            if value:
                found[(name, value)] = decision
    return found


def closing_items(store: Store, project_id: str) -> list[ClosingItem]:
    """The redesign's changes, adopted ideas and standard cards, each with its decision."""
    comparison = maps.compare(
        maps.project_map(store, project_id, MapKind.CURRENT),
        maps.project_map(store, project_id, MapKind.REDESIGN),
    )
    parts: list[tuple[Kind, str, str]] = [("step_added", s.id, s.text) for s in comparison.added]
    parts += [("step_changed", c.after.id, c.after.text) for c in comparison.changed]
    cards = [
        changelog.load(store, KaizenCard, row["id"])
        for row in store.query(
            "SELECT id FROM kaizen_cards WHERE project_id = ? AND _exists AND NOT archived "
            "AND \"column\" = ? ORDER BY \"order\", id",
            [project_id, BoardColumn.STANDARD.value],
        )
    ]
    on_cards = {card.idea_id for card in cards if card.idea_id}
    parts += [
        ("idea", row["id"], row["text"][:200])
        for row in store.query(
            "SELECT id, text FROM ideas WHERE project_id = ? AND _exists AND status = ? "
            "ORDER BY created_on, id",
            [project_id, IdeaStatus.CHOSEN.value],
        )
        if row["id"] not in on_cards
    ]
    parts += [("card", card.id, card.title) for card in cards]
    decisions = _decisions(store, project_id)
    items = []
    for kind, ref_id, subject in parts:
        item = ClosingItem(kind, ref_id, subject)
        [(name, value)] = item.link.items()
        items.append(ClosingItem(kind, ref_id, subject, decisions.get((name, value))))
    return items


def decide(
    log: UndoLog, project_id: str, item: ClosingItem, choice: ClosingChoice, *,
    responsible: str = "", note: str = "", by: str = "", today: dt.date | None = None,
) -> Decision:
    """Record (or change) the decision on one item (undoable)."""
    values = {
        "choice": choice, "responsible": responsible.strip(), "note": note,
        "decided_by": by, "decided_on": today or clock.today(), "subject": item.subject,
    }
    if item.decision is not None:
        return log.update(Decision, item.decision.id, **values)
    return log.create(
        changelog.build(Decision, project_id=project_id, **item.link, **values)
    )


def set_project_choice(log: UndoLog, project_id: str, name: str, value: bool | None) -> None:
    """Decide whether the kaizen meetings continue or the steering group stays (None: open)."""
    if name not in PROJECT_CHOICES:
        raise ValueError(f"not a closing choice: {name}")
    log.update(Project, project_id, **{name: value})


def next_choice(value: bool | None) -> bool | None:
    """Not decided → yes → no → not decided."""
    return True if value is None else (False if value else None)


def summary(store: Store, project_id: str) -> ClosingSummary:
    """Count the decisions and read the two project-level choices."""
    items = closing_items(store, project_id)
    choices = [item.decision.choice for item in items if item.decision is not None]
    project = changelog.load(store, Project, project_id)
    return ClosingSummary(
        items=len(items), continued=choices.count(ClosingChoice.CONTINUE),
        developed=choices.count(ClosingChoice.DEVELOP),
        cancelled=choices.count(ClosingChoice.CANCEL),
        kaizen_continues=project.kaizen_continues,
        steering_group_stays=project.steering_group_stays,
    )
