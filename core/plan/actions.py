"""The action plan (handlingsplan): its rows with sort and filter, counts, and the grid's edits.

Reading is one query per plan (rows with the names of what they link to); sorting, filtering and
counting work on the loaded rows, so a grid of thousands of rows redraws without asking the
database again. Every edit goes through the screen's `UndoLog`, so ctrl+z undoes it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from core.clock import stamp_time
from core.db import changelog
from core.db.heads import heads_of
from core.db.store import Store
from core.db.undo import UndoLog
from core.models import Action, ActionStatus, Person
from core.order_keys import key_between, spaced_keys
from core.values.days import parse_deadline

TEXT_FIELDS: tuple[str, ...] = ("change", "responsible", "effect", "how")
"""The guide's text columns, in the grid's order (the fifth column is the deadline)."""
COLUMNS: tuple[str, ...] = (*TEXT_FIELDS, "deadline", "status", "link")
"""Every column of the grid, by key; `link` shows the linked measure, idea or step."""
EDITABLE: tuple[str, ...] = (*TEXT_FIELDS, "deadline")
"""The columns edited as text (status cycles; links are set where the row came from)."""
STATUS_CYCLE: tuple[ActionStatus, ...] = tuple(ActionStatus)


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of the plan as the grid shows it."""

    id: str
    change: str
    responsible: str
    effect: str
    how: str
    deadline: dt.date | None
    status: ActionStatus
    order: str
    measure_name: str = ""
    idea_text: str = ""
    step_text: str = ""

    @property
    def is_open(self) -> bool:
        """Whether the row still needs doing."""
        return self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

    def is_overdue(self, today: dt.date) -> bool:
        """Whether the row is open and past its deadline."""
        return self.is_open and self.deadline is not None and self.deadline < today

    def is_due_this_week(self, today: dt.date) -> bool:
        """Whether the row is open and its deadline is past or falls in today's ISO week (up to
        and including its Sunday)."""
        return self.is_open and self.deadline is not None and self.deadline <= week_end(today)

    @property
    def links(self) -> tuple[str, ...]:
        """The names of what the row is linked to: measure, idea, redesign step."""
        return tuple(t for t in (self.measure_name, self.idea_text, self.step_text) if t)


def week_end(day: dt.date) -> dt.date:
    """The Sunday of `day`'s ISO week."""
    return day + dt.timedelta(days=6 - day.weekday())


@dataclass(frozen=True)
class PlanFilter:
    """What the grid shows: None (or False, or "") means no filter on that part."""

    responsible: str | None = None
    """Only rows of this person ("" : rows with no one responsible)."""
    status: ActionStatus | None = None
    overdue_only: bool = False
    text: str = ""

    @property
    def active(self) -> bool:
        """Whether any part of the filter is set."""
        return self.responsible is not None or self.status is not None or self.overdue_only \
            or bool(self.text.strip())


@dataclass(frozen=True)
class PlanSummary:
    """Rows per status, overdue rows, and how many rows there are."""

    counts: dict[ActionStatus, int]
    overdue: int
    total: int


_SELECT = """
SELECT a.id, a.change, a.responsible, a.effect, a.how, a.deadline, a.status, a."order",
       m.name AS measure_name, i.text AS idea_text, s.text AS step_text
FROM actions a
LEFT JOIN measures m ON m.id = a.measure_id AND m._exists
LEFT JOIN ideas i ON i.id = a.idea_id AND i._exists
LEFT JOIN steps s ON s.id = a.step_id AND s._exists
WHERE a.project_id = ? AND a._exists {extra}
ORDER BY a."order", a.id
"""


def _plan_row(values: tuple[Any, ...]) -> PlanRow:
    (id_, change, responsible, effect, how, deadline, status, order, measure, idea, step) = values
    return PlanRow(
        id_, change or "", responsible or "", effect or "", how or "",
        dt.date.fromisoformat(deadline) if deadline else None, ActionStatus(status), order or "",
        measure or "", idea or "", step or "",
    )


def load_plan(store: Store, project_id: str) -> list[PlanRow]:
    """Every live row of a project's plan, in the plan's own order (order key, then id)."""
    cursor = store.execute(_SELECT.format(extra=""), [project_id])
    return [_plan_row(values) for values in cursor.fetchall()]


def load_row(store: Store, project_id: str, action_id: str) -> PlanRow | None:
    """One row, as `load_plan` gives it (None when it is deleted)."""
    cursor = store.execute(_SELECT.format(extra="AND a.id = ?"), [project_id, action_id])
    values = cursor.fetchone()
    return None if values is None else _plan_row(values)


# -- sort, filter and count -----------------------------------------------------------------


def _text_key(text: str) -> tuple[bool, str]:
    return (not text, text.casefold())


def sort_rows(rows: Sequence[PlanRow], column: str | None, *, descending: bool = False,
              ) -> list[PlanRow]:
    """Sort by a column (None: the plan's own order); empty cells go last either way."""
    if column is None:
        return sorted(rows, key=lambda r: (r.order, r.id))
    if column == "deadline":
        dated = sorted((r for r in rows if r.deadline), key=lambda r: r.deadline or dt.date.min,
                       reverse=descending)
        return dated + [r for r in rows if r.deadline is None]
    if column == "status":
        rank = {status: index for index, status in enumerate(STATUS_CYCLE)}
        return sorted(rows, key=lambda r: rank[r.status], reverse=descending)
    if column == "link":
        def value(row: PlanRow) -> str:
            return " ".join(row.links)
    elif column in TEXT_FIELDS:
        def value(row: PlanRow) -> str:
            return str(getattr(row, column))
    else:
        raise ValueError(f"no column {column!r}")
    filled = sorted((r for r in rows if value(r)), key=lambda r: value(r).casefold(),
                    reverse=descending)
    return filled + [r for r in rows if not value(r)]


def _haystack(row: PlanRow) -> str:
    return "\n".join((row.change, row.responsible, row.effect, row.how, *row.links)).casefold()


def filter_rows(rows: Iterable[PlanRow], plan_filter: PlanFilter, today: dt.date,
                ) -> list[PlanRow]:
    """The rows the filter lets through (free text matches any text column or link)."""
    needle = plan_filter.text.strip().casefold()
    wanted = None if plan_filter.responsible is None else plan_filter.responsible.casefold()
    return [
        row for row in rows
        if (wanted is None or row.responsible.strip().casefold() == wanted)
        and (plan_filter.status is None or row.status == plan_filter.status)
        and (not plan_filter.overdue_only or row.is_overdue(today))
        and (not needle or needle in _haystack(row))
    ]


def summarize(rows: Iterable[PlanRow], today: dt.date) -> PlanSummary:
    """Count rows per status (every status present, zero or not) and the overdue ones."""
    rows = list(rows)
    counted = Counter(row.status for row in rows)
    return PlanSummary(
        counts={status: counted.get(status, 0) for status in STATUS_CYCLE},
        overdue=sum(row.is_overdue(today) for row in rows),
        total=len(rows),
    )


def done_days(store: Store, project_id: str, rows: Iterable[PlanRow]) -> dict[str, dt.date]:
    """The day each done row became done, by the change log: the (local) day of the change
    that set its status to done. A row entered as done (the change is the row's first) has no
    day of its own there: its deadline stands in when it is earlier (work noted afterwards)."""
    done = [row for row in rows if row.status is ActionStatus.DONE]
    heads = heads_of(store, [(project_id, Action.ENTITY, row.id) for row in done])
    days: dict[str, dt.date] = {}
    for row in done:
        stamps = [head[0] for head in heads.get((project_id, Action.ENTITY, row.id), {}).get(
            "status", []) if head[3] == ActionStatus.DONE.value]
        if not stamps:
            continue
        stamp = max(stamps)
        day = stamp_time(stamp).astimezone().date()
        (first,) = store.execute(
            "SELECT MIN(hlc) FROM sync_change WHERE scope_id = ? AND entity = ? "
            "AND record_id = ?", [project_id, Action.ENTITY, row.id]).fetchone()
        if stamp == first and row.deadline is not None and row.deadline < day:
            day = row.deadline
        days[row.id] = day
    return days


def responsibles(rows: Iterable[PlanRow]) -> list[str]:
    """The distinct responsible names in the rows, sorted (for the filter)."""
    names: dict[str, str] = {}
    for row in rows:
        name = row.responsible.strip()
        if name:
            names.setdefault(name.casefold(), name)
    return sorted(names.values(), key=str.casefold)


def next_status(status: ActionStatus) -> ActionStatus:
    """The status after `status` in the cycle not started → in progress → done → cancelled."""
    return STATUS_CYCLE[(STATUS_CYCLE.index(status) + 1) % len(STATUS_CYCLE)]


# -- people ---------------------------------------------------------------------------------


def people_names(store: Store, project_id: str) -> list[str]:
    """The names of the project's people, sorted (what Ansvarlig completes from)."""
    rows = store.execute(
        "SELECT name FROM people WHERE project_id = ? AND _exists ORDER BY name COLLATE NOCASE",
        [project_id],
    ).fetchall()
    return [name for (name,) in rows]


def is_known_person(names: Iterable[str], name: str) -> bool:
    """Whether `name` is one of `names` (case and surrounding spaces ignored)."""
    wanted = name.strip().casefold()
    return any(known.strip().casefold() == wanted for known in names)


def add_person(undo: UndoLog, project_id: str, name: str) -> Person:
    """Add a person to the project (undoable)."""
    return undo.create(changelog.build(Person, project_id=project_id, name=name))


# -- edits ----------------------------------------------------------------------------------


def _orders(store: Store, project_id: str) -> list[tuple[str, str]]:
    return [
        (id_, order or "")
        for id_, order in store.execute(
            'SELECT id, "order" FROM actions WHERE project_id = ? AND _exists '
            'ORDER BY "order", id',
            [project_id],
        ).fetchall()
    ]


def _order_after(undo: UndoLog, project_id: str, after_id: str | None) -> str:
    """An order key just after `after_id` (None: first), renumbering the plan if none fits."""
    for attempt in range(2):
        orders = _orders(undo.store, project_id)
        index = next((i for i, (id_, _) in enumerate(orders) if id_ == after_id), None)
        before = None if index is None else orders[index][1]
        start = 0 if index is None else index + 1
        # Rows tied with `before` sort by id: the new row goes after all of them.
        after = next((o for _, o in orders[start:] if before is None or o > before), None)
        key = key_between(before or None, after)
        if key is not None:
            return key
        if attempt == 0:
            for (id_, old), new in zip(orders, spaced_keys(len(orders)), strict=True):
                if old != new:
                    undo.update(Action, id_, order=new)
    raise RuntimeError("no order key after renumbering")  # pragma: no cover


def add_row(undo: UndoLog, project_id: str, after_id: str | None, change: str,
            **fields: Any) -> Action:
    """Add a row right after `after_id` (None: at the top); one undo step."""
    action = changelog.build(Action, project_id=project_id, change=change, **fields)
    with undo.store.transaction(), undo.group():
        order = _order_after(undo, project_id, after_id)
        return undo.create(action.model_copy(update={"order": order}))


def duplicate_row(undo: UndoLog, project_id: str, action_id: str) -> Action:
    """Copy a row (every field and link) to just below it; one undo step."""
    source = changelog.load(undo.store, Action, action_id)
    copied = source.model_dump(exclude={"id", "project_id", "order", "change"})
    return add_row(undo, project_id, action_id, source.change, **copied)


def delete_row(undo: UndoLog, action_id: str) -> None:
    """Delete a row (undo brings it back)."""
    undo.delete(Action, action_id)


def cell_value(field: str, text: str, today: dt.date) -> Any:
    """The value a typed cell means: stripped text, a parsed deadline (blank: none), a status."""
    if field in TEXT_FIELDS:
        return text.strip()
    if field == "deadline":
        return parse_deadline(text, today) if text.strip() else None
    if field == "status":
        return ActionStatus(text)
    raise ValueError(f"no editable field {field!r}")


def edit_cell(undo: UndoLog, action_id: str, field: str, text: str, today: dt.date) -> Action:
    """Save one typed cell; a wrong value raises `TavleError` and nothing is written."""
    return undo.update(Action, action_id, **{field: cell_value(field, text, today)})


def set_status(undo: UndoLog, action_id: str, status: ActionStatus) -> Action:
    """Set a row's status."""
    return undo.update(Action, action_id, status=status)
