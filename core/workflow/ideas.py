"""Ideas captured on the way (good ideas, interesting thoughts, crazy suggestions), and what they
become: a row of the action plan or a card on the kaizen board, with the link kept.

Capturing is a plain write; the ideas screen edits through an `UndoLog`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core import clock
from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import Action, BoardColumn, Idea, IdeaStatus, KaizenCard
from core.order_keys import key_between

SOURCES: tuple[str, ...] = ("mapping", "redesign", "meeting", "other")
"""Where an idea can come from; labels are `ideas.source.<key>` in the catalogs."""


@dataclass(frozen=True)
class IdeaRow:
    """An idea as the ideas screen lists it, with what it became."""

    idea: Idea
    action_id: str | None
    card_id: str | None


def source_text(label: str, free: str) -> str:
    """The stored source: the chosen label, the free text, or both ("Kaizen-møde – 3. møde")."""
    label, free = label.strip(), free.strip()
    if label and free:
        return f"{label} – {free}"[:200]
    return (label or free)[:200]


def capture(
    store: Store, project_id: str, text: str, *, who: str = "", source: str = "",
    today: dt.date | None = None,
) -> Idea:
    """Write a new idea (raises `InvalidError` when the text is empty)."""
    with store.transaction():
        idea = changelog.build(
            Idea, project_id=project_id, text=text.strip(), who=who, source=source,
            created_on=today or clock.today(),
        )
        return changelog.create(store, idea)


def list_ideas(store: Store, project_id: str, needle: str = "") -> list[IdeaRow]:
    """The project's ideas, newest first, filtered on text, who, source, note or status."""
    rows = store.query(
        "SELECT id FROM ideas WHERE project_id = ? AND _exists ORDER BY created_on DESC, id",
        [project_id],
    )
    actions = {
        row["idea_id"]: row["id"]
        for row in store.query(
            "SELECT id, idea_id FROM actions WHERE project_id = ? AND _exists "
            "AND idea_id IS NOT NULL ORDER BY id DESC",
            [project_id],
        )
    }
    cards = {
        row["idea_id"]: row["id"]
        for row in store.query(
            "SELECT id, idea_id FROM kaizen_cards WHERE project_id = ? AND _exists "
            "AND idea_id IS NOT NULL ORDER BY id DESC",
            [project_id],
        )
    }
    result = []
    needle = needle.strip().casefold()
    for row in rows:
        idea = changelog.load(store, Idea, row["id"])
        haystack = " ".join((idea.text, idea.who, idea.source, idea.note, idea.status.value))
        if needle and needle not in haystack.casefold():
            continue
        result.append(IdeaRow(idea, actions.get(idea.id), cards.get(idea.id)))
    return result


def set_status(log: UndoLog, idea_id: str, status: IdeaStatus) -> Idea:
    """Choose, park or reject an idea (undoable)."""
    return log.update(Idea, idea_id, status=status)


def next_status(status: IdeaStatus) -> IdeaStatus:
    """The status after `status` in the order new → chosen → parked → rejected → new."""
    order = list(IdeaStatus)
    return order[(order.index(status) + 1) % len(order)]


def edit(log: UndoLog, idea_id: str, **changes: object) -> Idea:
    """Change an idea's text, who, source or note (undoable)."""
    return log.update(Idea, idea_id, **changes)


def remove(log: UndoLog, idea_id: str) -> None:
    """Delete an idea (undoable)."""
    log.delete(Idea, idea_id)


def to_action(log: UndoLog, idea_id: str) -> Action:
    """Make an idea a row of the action plan and mark it chosen, as one undo step."""
    idea = changelog.load(log.store, Idea, idea_id)
    with log.group():
        action = log.create(
            changelog.build(
                Action, project_id=idea.project_id, change=idea.text, idea_id=idea.id,
                step_id=idea.step_id, order=_last_order(log.store, "actions", idea.project_id),
            )
        )
        if idea.status != IdeaStatus.CHOSEN:
            log.update(Idea, idea.id, status=IdeaStatus.CHOSEN)
    return action


def to_card(log: UndoLog, idea_id: str) -> KaizenCard:
    """Put an idea on the kaizen board, in the idea column."""
    idea = changelog.load(log.store, Idea, idea_id)
    return log.create(
        changelog.build(
            KaizenCard, project_id=idea.project_id, title=idea.text[:200], idea_id=idea.id,
            column=BoardColumn.IDEA, description=idea.text if len(idea.text) > 200 else "",
            order=_last_order(log.store, "kaizen_cards", idea.project_id),
        )
    )


def _last_order(store: Store, table: str, project_id: str) -> str:
    """An order key after every row of `table` in the project (a new row goes to the bottom)."""
    (last,) = store.execute(
        f'SELECT MAX("order") FROM "{table}" WHERE project_id = ? AND _exists', [project_id]
    ).fetchone()
    return key_between(last or None, None) or ""
