"""The kaizen board (kaizen-tavle): cards in five columns, their order, owners and column names.

A card sits in one column and sorts in it by its order key (then id). Moving a card to another
column puts it at the bottom of that column; moving it up or down gives it a key between its new
neighbours (`core.order_keys`), renumbering the column when no key fits. Archived cards leave
the board (ctrl+z brings them back). Every edit goes through the screen's `UndoLog`.

A column may have a work-in-progress limit (kept with its name in its `BoardLabel`): the board
shows "4/3" and warns when a column holds more cards than its limit, but a move or an add is
never refused (a live meeting must not be blocked). A recurring card (`recur_weeks`) that is
moved to Standard comes back: a new card like it goes to the bottom of Planned, due N weeks
after the old card's due date (or the day of the move when it had none), and it carries the
recurrence on (the done card keeps none, so moving it out and back does not make two). Moved to
Dropped it does not come back: the team stopped it. The new card is written in the same undo
step as the move, so ctrl+z takes back both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import NotFoundError
from core.i18n import Translator
from core.models import BoardColumn, BoardLabel, CycleName, KaizenCard, Project
from core.order_keys import key_between, spaced_keys
from core.values.numbers import parse_number

COLUMNS: tuple[BoardColumn, ...] = tuple(BoardColumn)
"""The board's columns, left to right."""
OPEN_COLUMNS: tuple[BoardColumn, ...] = (
    BoardColumn.IDEA, BoardColumn.PLANNED, BoardColumn.TESTING,
)
"""Columns whose cards are still work to do (their due dates matter)."""


@dataclass(frozen=True, slots=True)
class BoardCard:
    """A card as the board shows it, with the names of what it links to."""

    id: str
    title: str
    description: str
    owner: str
    due: dt.date | None
    column: BoardColumn
    order: str
    measure_id: str | None
    measure_name: str
    idea_id: str | None
    idea_text: str
    cycles: int
    """How many cycles (tests of change) the card has had."""
    recur_weeks: int | None = None
    """The card comes back every N weeks (None: it does not)."""

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the card is still open work and past its due date."""
        return self.column in OPEN_COLUMNS and self.due is not None and self.due < today


_SELECT = """
SELECT c.id, c.title, c.description, c.owner, c.due, c."column", c."order", c.measure_id,
       m.name, c.idea_id, i.text,
       (SELECT COUNT(*) FROM cycles y WHERE y.card_id = c.id AND y._exists), c.recur_weeks
FROM kaizen_cards c
LEFT JOIN measures m ON m.id = c.measure_id AND m._exists
LEFT JOIN ideas i ON i.id = c.idea_id AND i._exists
WHERE c.project_id = ? AND c._exists AND NOT COALESCE(c.archived, 0) {extra}
ORDER BY c."order", c.id
"""


def _card(values: tuple[object, ...]) -> BoardCard:
    (id_, title, description, owner, due, column, order, measure_id, measure_name, idea_id,
     idea_text, cycles, recur_weeks) = values
    return BoardCard(
        str(id_), str(title or ""), str(description or ""), str(owner or ""),
        dt.date.fromisoformat(str(due)) if due else None, BoardColumn(str(column)),
        str(order or ""), None if measure_id is None else str(measure_id),
        str(measure_name or ""), None if idea_id is None else str(idea_id),
        str(idea_text or ""), int(str(cycles or 0)),
        int(str(recur_weeks)) if recur_weeks is not None else None,
    )


def load_cards(store: Store, project_id: str) -> list[BoardCard]:
    """Every card on the board (archived ones left out), in board order."""
    return [_card(v) for v in store.execute(_SELECT.format(extra=""), [project_id]).fetchall()]


def load_card(store: Store, project_id: str, card_id: str) -> BoardCard:
    """One card as the board shows it (raises `NotFoundError` when it is gone or archived)."""
    values = store.execute(_SELECT.format(extra="AND c.id = ?"), [project_id, card_id]).fetchone()
    if values is None:
        raise NotFoundError("error.not_found", entity=KaizenCard.ENTITY)
    return _card(values)


def by_column(cards: Iterable[BoardCard], owner: str = "") -> dict[BoardColumn, list[BoardCard]]:
    """The cards per column in order; `owner` keeps only cards whose owner contains it."""
    needle = owner.strip().casefold()
    columns: dict[BoardColumn, list[BoardCard]] = {column: [] for column in COLUMNS}
    for card in cards:
        if not needle or needle in card.owner.casefold():
            columns[card.column].append(card)
    return columns


def owners(cards: Iterable[BoardCard]) -> list[str]:
    """The distinct owners of the cards, sorted (what the owner filter offers)."""
    names: dict[str, str] = {}
    for card in cards:
        if card.owner.strip():
            names.setdefault(card.owner.strip().casefold(), card.owner.strip())
    return sorted(names.values(), key=str.casefold)


# -- column names and the cycle's name ------------------------------------------------------


def column_labels(store: Store, project_id: str) -> dict[BoardColumn, str]:
    """The project's own names of its columns (only those it renamed)."""
    rows = store.execute(
        'SELECT "column", label FROM board_labels WHERE project_id = ? AND _exists',
        [project_id],
    ).fetchall()
    return {BoardColumn(column): label for column, label in rows if label}


def column_limits(store: Store, project_id: str) -> dict[BoardColumn, int]:
    """The work-in-progress limits of the project's columns (only those that have one)."""
    rows = store.execute(
        'SELECT "column", wip_limit FROM board_labels WHERE project_id = ? AND _exists '
        "AND wip_limit IS NOT NULL",
        [project_id],
    ).fetchall()
    return {BoardColumn(column): int(limit) for column, limit in rows}


def _set_column(log: UndoLog, project_id: str, column: BoardColumn,
                **changes: object) -> BoardLabel | None:
    """Write a column's name and/or limit in its one `BoardLabel`, as one undo step; a record
    left with neither a name nor a limit is deleted (undo brings it back)."""
    label_id = BoardLabel.id_for(project_id, column)
    store = log.store
    row = store.execute("SELECT _exists FROM board_labels WHERE id = ?", [label_id]).fetchone()
    alive = row is not None and bool(row[0])
    with store.transaction(), log.group():
        wanted: dict[str, object] = {"label": "", "wip_limit": None}
        if alive:
            current = changelog.load(store, BoardLabel, label_id)
            wanted = {"label": current.label, "wip_limit": current.wip_limit}
        wanted.update(changes)
        if not wanted["label"] and wanted["wip_limit"] is None:
            if alive:
                log.delete(BoardLabel, label_id)
            return None
        if row is None:
            return log.create(changelog.build(BoardLabel, id=label_id, project_id=project_id,
                                              column=column, **wanted))
        if not alive:
            log.restore(BoardLabel, label_id)
        return log.update(BoardLabel, label_id, **wanted)


def rename_column(log: UndoLog, project_id: str, column: BoardColumn, label: str) -> None:
    """Give a column the project's own name; a blank name goes back to the standard one."""
    _set_column(log, project_id, column, label=label.strip())


def set_wip_limit(log: UndoLog, project_id: str, column: BoardColumn, text: str) -> int | None:
    """Set a column's work-in-progress limit from typed text (empty clears it); the limit.

    Raises `InvalidError` on `wip_limit` when the text is not a whole number from 1 to 999."""
    saved = _set_column(log, project_id, column, wip_limit=parse_number(text, "wip_limit"))
    return saved.wip_limit if saved else None


@dataclass(frozen=True, slots=True)
class Crowded:
    """A column holding more cards than its work-in-progress limit."""

    column: BoardColumn
    count: int
    limit: int

    def message(self, tx: Translator, column_name: str) -> str:
        """"Afprøves har nu 4 kort – grænsen er 3." (the move or add is done all the same)."""
        return tx("board.over_limit", column=column_name, count=self.count, limit=self.limit)


def crowded(store: Store, project_id: str, column: BoardColumn) -> Crowded | None:
    """The column's count and limit when it holds more cards than its limit, else None."""
    limit = column_limits(store, project_id).get(column)
    if limit is None:
        return None
    count = len(_column_orders(store, project_id, column))
    return Crowded(column, count, limit) if count > limit else None


def set_cycle_name(log: UndoLog, project_id: str, name: CycleName) -> Project:
    """Choose what the team calls a test of change: PDSA, PGEK or prøvehandling."""
    return log.update(Project, project_id, cycle_name=name)


def cycle_name(store: Store, project_id: str) -> CycleName:
    """What the project calls a test of change."""
    return changelog.load(store, Project, project_id).cycle_name


# -- cards ----------------------------------------------------------------------------------


def _column_orders(store: Store, project_id: str, column: BoardColumn) -> list[tuple[str, str]]:
    rows = store.execute(
        'SELECT id, "order" FROM kaizen_cards WHERE project_id = ? AND _exists '
        'AND NOT COALESCE(archived, 0) AND "column" = ? ORDER BY "order", id',
        [project_id, column.value],
    ).fetchall()
    return [(str(id_), str(order or "")) for id_, order in rows]


def _key_at(log: UndoLog, project_id: str, column: BoardColumn, index: int,
            skip: str | None = None) -> str:
    """An order key that puts a card at position `index` of `column` (without card `skip`);
    renumbers the column's cards when no key fits between the neighbours."""
    for attempt in range(2):
        orders = [row for row in _column_orders(log.store, project_id, column) if row[0] != skip]
        index = max(0, min(index, len(orders)))
        before = orders[index - 1][1] if index > 0 else None
        after = orders[index][1] if index < len(orders) else None
        key = key_between(before or None, after)
        if key is not None:
            return key
        if attempt == 0:
            for (id_, old), new in zip(orders, spaced_keys(len(orders)), strict=True):
                if old != new:
                    log.update(KaizenCard, id_, order=new)
    raise RuntimeError("no order key after renumbering")  # pragma: no cover


def add_card(log: UndoLog, project_id: str, column: BoardColumn, title: str, *,
             after_id: str | None = None, **fields: object) -> KaizenCard:
    """Add a card to `column`, right after card `after_id` (None: at the bottom); one undo step.

    Raises `InvalidError` when the title is empty or a field is wrong."""
    card = changelog.build(KaizenCard, project_id=project_id, title=title.strip(),
                           column=column, **fields)
    with log.store.transaction(), log.group():
        orders = _column_orders(log.store, project_id, column)
        ids = [id_ for id_, _ in orders]
        index = ids.index(after_id) + 1 if after_id in ids else len(ids)
        key = _key_at(log, project_id, column, index)
        return log.create(card.model_copy(update={"order": key}))


def edit_card(log: UndoLog, card_id: str, **changes: object) -> KaizenCard:
    """Change a card's title, description, owner, due date, measure or idea."""
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()
    return log.update(KaizenCard, card_id, **changes)


def archive_card(log: UndoLog, card_id: str) -> KaizenCard:
    """Take a card off the board (undo puts it back where it was)."""
    return log.update(KaizenCard, card_id, archived=True)


@dataclass(frozen=True, slots=True)
class Moved:
    """A card after a move, and the card that came back when a recurring card reached
    Standard."""

    card: KaizenCard
    next_card: KaizenCard | None = None


def comes_back(tx: Translator, moved: Moved) -> str | None:
    """What to tell the team when the move brought a recurring card back ("Kortet kommer igen i
    uge 51 2026 (frist 18-12-2026)."); None when it did not."""
    again = moved.next_card
    if again is None or again.due is None:
        return None
    year, week, _ = again.due.isocalendar()
    return tx("board.recurs", week=tx.week(year, week), date=tx.date(again.due))


def next_due(due: dt.date | None, moved_on: dt.date, weeks: int) -> dt.date:
    """When a recurring card comes back: N weeks after its due date, or after the day it was
    done when it had none (the same weekday, N ISO weeks on)."""
    return (due or moved_on) + dt.timedelta(weeks=weeks)


def move_to_column(log: UndoLog, card_id: str, column: BoardColumn, *,
                   today: dt.date) -> Moved:
    """Move a card to the bottom of another column (nothing happens in its own column).

    A recurring card moved to Standard comes back in Planned (see the module's docstring);
    `today` is the day of the move. One undo step."""
    card = changelog.load(log.store, KaizenCard, card_id)
    if card.column == column:
        return Moved(card)
    with log.store.transaction(), log.group():
        key = _key_at(log, card.project_id, column, 10**9)
        weeks = card.recur_weeks if column == BoardColumn.STANDARD else None
        changes: dict[str, object] = {"column": column, "order": key}
        if weeks:
            changes["recur_weeks"] = None
        moved = log.update(KaizenCard, card_id, **changes)
        if not weeks:
            return Moved(moved)
        again = add_card(log, card.project_id, BoardColumn.PLANNED, card.title,
                         description=card.description, owner=card.owner,
                         measure_id=card.measure_id, recur_weeks=weeks,
                         due=next_due(card.due, today, weeks))
        return Moved(moved, again)


def move_sideways(log: UndoLog, card_id: str, step: int, *, today: dt.date) -> Moved:
    """Move a card one column left (`step` -1) or right (+1); at the edge it stays."""
    card = changelog.load(log.store, KaizenCard, card_id)
    index = COLUMNS.index(card.column) + step
    if not 0 <= index < len(COLUMNS):
        return Moved(card)
    return move_to_column(log, card_id, COLUMNS[index], today=today)


def move_in_column(log: UndoLog, card_id: str, step: int) -> bool:
    """Move a card up (`step` -1) or down (+1) in its column; False at the top or bottom."""
    card = changelog.load(log.store, KaizenCard, card_id)
    ids = [id_ for id_, _ in _column_orders(log.store, card.project_id, card.column)]
    index = ids.index(card_id)
    target = index + step
    if not 0 <= target < len(ids):
        return False
    with log.store.transaction(), log.group():
        key = _key_at(log, card.project_id, card.column, target, skip=card_id)
        log.update(KaizenCard, card_id, order=key)
    return True


def measure_names(store: Store, project_id: str) -> list[tuple[str, str]]:
    """The project's measures as (id, name), in their order (what a card can link to)."""
    rows = store.execute(
        'SELECT id, name FROM measures WHERE project_id = ? AND _exists ORDER BY "order", id',
        [project_id],
    ).fetchall()
    return [(str(id_), str(name)) for id_, name in rows]


def ideas_for_cards(store: Store, project_id: str) -> list[tuple[str, str]]:
    """Ideas that are on no card yet and not rejected, newest first, as (id, text)."""
    rows = store.execute(
        "SELECT id, text FROM ideas WHERE project_id = ? AND _exists AND status != 'rejected' "
        "AND id NOT IN (SELECT idea_id FROM kaizen_cards WHERE project_id = ? AND _exists "
        "AND idea_id IS NOT NULL) ORDER BY created_on DESC, id",
        [project_id, project_id],
    ).fetchall()
    return [(str(id_), str(text)) for id_, text in rows]
