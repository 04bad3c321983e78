"""Closing and normal operation (phase 6): a decision on every change the project made (continue
as standard, develop further, cancel), and whether the kaizen meetings and the steering group go
on.

"Every change" is: the action plan's rows; the redesign map's steps that
`core.workflow.maps.compare` reports as added or changed against today's map; the kaizen cards in
every column (archived cards only when they were decided on), each followed by its PDSA cycles;
and the ideas with status chosen. An idea that became a card or an action plan row is listed once,
as that card or row (unless the idea itself was decided on before it moved).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from core import clock
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.i18n import Translator
from core.kaizen import board
from core.kaizen.cycles import title as cycle_title
from core.models import (
    BoardColumn,
    ClosingChoice,
    CycleName,
    Decision,
    IdeaStatus,
    MapKind,
    Project,
)
from core.workflow import maps

Kind = Literal["action", "step_added", "step_changed", "card", "cycle", "idea"]
KINDS: tuple[Kind, ...] = ("action", "step_added", "step_changed", "card", "cycle", "idea")
PROJECT_CHOICES = ("kaizen_continues", "steering_group_stays")
LINKS: dict[str, str] = {
    "action": "action_id", "step_added": "step_id", "step_changed": "step_id",
    "card": "card_id", "cycle": "cycle_id", "idea": "idea_id",
}
"""The decision's field that names each kind of change."""
GROUPS: tuple[ClosingChoice | None, ...] = (*ClosingChoice, None)
"""The closing report's groups: one per choice, then the changes not decided on."""


@dataclass(frozen=True)
class ClosingItem:
    """One change to decide on, with its decision (None: not decided yet).

    `column` and `column_label` (the project's own name, "" when not renamed) are a card's;
    `cycle_name` and `number` a cycle's (whose subject is its card's title)."""

    kind: Kind
    ref_id: str
    subject: str
    decision: Decision | None = None
    column: BoardColumn | None = None
    column_label: str = ""
    cycle_name: CycleName | None = None
    number: int = 0

    @property
    def link(self) -> dict[str, str]:
        """The decision's field that points at the item."""
        return {LINKS[self.kind]: self.ref_id}

    def kind_text(self, tr: Translator) -> str:
        """What kind of change it is, in words: "Handlingsplan", "Kort · Afprøves", "PGEK 2"."""
        if self.kind == "card" and self.column is not None:
            return tr("closing.kind.card", column=self.column_label
                      or tr(f"enum.board_column.{self.column.value}"))
        if self.kind == "cycle" and self.cycle_name is not None:
            return cycle_title(tr, self.cycle_name, self.number)
        return tr(f"closing.kind.{self.kind}")

    def choice_text(self, tr: Translator) -> str:
        """The decision in words, or that there is none yet."""
        if self.decision is None:
            return tr("closing.undecided")
        return tr(f"enum.closing_choice.{self.decision.choice.value}")


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
    """The latest decision on each change, by (link field, id)."""
    found: dict[tuple[str, str], Decision] = {}
    rows = store.query(
        "SELECT id FROM decisions WHERE project_id = ? AND _exists ORDER BY decided_on, id",
        [project_id],
    )
    for row in rows:
        decision = changelog.load(store, Decision, row["id"])
        for name in set(LINKS.values()):
            value = getattr(decision, name)
            if value:
                found[(name, value)] = decision
    return found


def _subject(text: str) -> str:
    """A change's label as a decision's subject: its first line, at most 200 characters."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[:200] or "–"


def closing_items(store: Store, project_id: str) -> list[ClosingItem]:
    """Every change the project made, each with its decision (None: not decided yet)."""
    decisions = _decisions(store, project_id)

    def decided(kind: Kind, ref_id: str) -> Decision | None:
        return decisions.get((LINKS[kind], ref_id))

    def item(kind: Kind, ref_id: str, subject: str) -> ClosingItem:
        return ClosingItem(kind, ref_id, _subject(subject), decided(kind, ref_id))

    actions = store.query(
        "SELECT id, change, idea_id FROM actions WHERE project_id = ? AND _exists "
        'ORDER BY "order", id',
        [project_id],
    )
    items = [item("action", row["id"], row["change"]) for row in actions]

    comparison = maps.compare(
        maps.project_map(store, project_id, MapKind.CURRENT),
        maps.project_map(store, project_id, MapKind.REDESIGN),
    )
    items += [item("step_added", step.id, step.text) for step in comparison.added]
    items += [item("step_changed", c.after.id, c.after.text) for c in comparison.changed]

    labels = board.column_labels(store, project_id)
    name = board.cycle_name(store, project_id)
    order = {column: i for i, column in enumerate(BoardColumn)}
    cards = sorted(
        store.query(
            'SELECT id, title, "column", "order", idea_id, archived FROM kaizen_cards '
            "WHERE project_id = ? AND _exists",
            [project_id],
        ),
        key=lambda row: (order[BoardColumn(row["column"])], row["order"] or "", row["id"]),
    )
    cycles: dict[str, list[tuple[str, int]]] = {}
    for row in store.query(
        "SELECT id, card_id, number FROM cycles WHERE project_id = ? AND _exists "
        "ORDER BY number, id",
        [project_id],
    ):
        cycles.setdefault(row["card_id"], []).append((row["id"], int(row["number"] or 1)))
    for row in cards:
        shown = not row["archived"] or decided("card", row["id"]) is not None or any(
            decided("cycle", cycle_id) for cycle_id, _ in cycles.get(row["id"], []))
        if not shown:
            continue
        column = BoardColumn(row["column"])
        items.append(replace(item("card", row["id"], row["title"]), column=column,
                             column_label=labels.get(column, "")))
        items += [replace(item("cycle", cycle_id, row["title"]), cycle_name=name, number=number)
                  for cycle_id, number in cycles.get(row["id"], [])]

    elsewhere = {row["idea_id"] for row in actions if row["idea_id"]}
    elsewhere |= {row["idea_id"] for row in cards if row["idea_id"]}
    items += [
        item("idea", row["id"], row["text"])
        for row in store.query(
            "SELECT id, text FROM ideas WHERE project_id = ? AND _exists AND status = ? "
            "ORDER BY created_on, id",
            [project_id, IdeaStatus.CHOSEN.value],
        )
        if row["id"] not in elsewhere or decided("idea", row["id"]) is not None
    ]
    return items


def group_key(choice: ClosingChoice | None) -> str:
    """A group's name in the catalog and the report's markup: the choice, or "undecided"."""
    return choice.value if choice is not None else "undecided"


def grouped(items: list[ClosingItem]) -> list[tuple[ClosingChoice | None, list[ClosingItem]]]:
    """The items by decision (continue, develop, cancel, not decided), empty groups left out."""
    groups = [
        (choice, [i for i in items if (i.decision.choice if i.decision else None) == choice])
        for choice in GROUPS
    ]
    return [(choice, members) for choice, members in groups if members]


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
