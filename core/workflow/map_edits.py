"""Editing a workflow map, undoably: lanes and steps added, changed, moved and deleted, and a
measure (KPI) or an action-plan task made from a redesigned step.

Every function writes through the screen's `UndoLog`, so each is one undo step (several
writes are grouped) and lands in the change log. Steps are ordered across the whole map by
their order key, lanes by theirs (`core.order_keys`): an insert or a move writes one new key
between the neighbours' keys; only when no key fits between them is the list renumbered, in
the same undo step.
"""

from __future__ import annotations

from typing import Any, TypeVar

from core import clock
from core.db import changelog
from core.db.undo import UndoLog
from core.models import (
    Action,
    Direction,
    Frequency,
    Lane,
    MapKind,
    Measure,
    MeasureKind,
    Step,
    StepSymbol,
    WorkflowMap,
)
from core.order_keys import key_between, spaced_keys
from core.workflow.maps import MapView, find_map, load_map

Ordered = TypeVar("Ordered", Lane, Step)


def _key_at(log: UndoLog, items: list[Ordered], index: int) -> str:
    """A key for a new item at `index` of `items` (0: first, len: last), renumbering if needed."""
    before = items[index - 1].order if index > 0 else None
    after = items[index].order if index < len(items) else None
    key = key_between(before, after)
    if key is None:
        fresh = spaced_keys(len(items) + 1)
        for position, item in enumerate(items):
            log.update(type(item), item.id, order=fresh[position + (position >= index)])
        key = fresh[index]
    return key


def _move(log: UndoLog, items: list[Ordered], item_id: str, delta: int) -> bool:
    """Move an item `delta` places (-1 earlier, +1 later); False at either end."""
    index = next(i for i, item in enumerate(items) if item.id == item_id)
    target = index + delta
    if not 0 <= target < len(items):
        return False
    others = items[:index] + items[index + 1:]
    with log.group():
        key = _key_at(log, others, target)
        log.update(type(items[index]), item_id, order=key)
    return True


# -- maps and lanes ---------------------------------------------------------------------------


def ensure_map(log: UndoLog, project_id: str, kind: MapKind) -> str:
    """Return the id of the project's map of a kind, creating an empty one if it has none."""
    existing = find_map(log.store, project_id, kind)
    if existing is not None:
        return existing.id
    created = log.create(changelog.build(WorkflowMap, project_id=project_id, kind=kind,
                                         made_on=clock.today()))
    return created.id


def add_lane(log: UndoLog, map_id: str, name: str, *, after_lane_id: str | None = None) -> Lane:
    """Add a lane after another (or last)."""
    view = load_map(log.store, map_id)
    lanes = list(view.lanes)
    index = view.lane_index(after_lane_id) + 1 if after_lane_id else len(lanes)
    lane = changelog.build(Lane, project_id=view.map.project_id, map_id=map_id, name=name)
    with log.group():
        lane.order = _key_at(log, lanes, index)
        return log.create(lane)


def rename_lane(log: UndoLog, lane_id: str, name: str) -> Lane:
    """Give a lane a new name."""
    return log.update(Lane, lane_id, name=name)


def move_lane(log: UndoLog, lane_id: str, delta: int) -> bool:
    """Move a lane up (-1) or down (+1); False when it is already at that end."""
    lane = changelog.load(log.store, Lane, lane_id)
    return _move(log, list(load_map(log.store, lane.map_id).lanes), lane_id, delta)


def delete_lane(log: UndoLog, lane_id: str) -> int:
    """Delete a lane and its steps as one undo step; return how many steps went with it."""
    lane = changelog.load(log.store, Lane, lane_id)
    steps = load_map(log.store, lane.map_id).steps_in(lane_id)
    with log.group():
        for step in steps:
            log.delete(Step, step.id)
        log.delete(Lane, lane_id)
    return len(steps)


# -- steps ------------------------------------------------------------------------------------


def add_step(
    log: UndoLog,
    map_id: str,
    lane_id: str,
    text: str,
    *,
    symbol: StepSymbol = StepSymbol.TASK,
    duration: str = "",
    after_step_id: str | None = None,
    first: bool = False,
) -> Step:
    """Add a step after another (or first, or last when neither is given)."""
    view = load_map(log.store, map_id)
    steps = list(view.steps)
    if first:
        index = 0
    elif after_step_id is not None:
        index = view.step_index(after_step_id) + 1 or len(steps)
    else:
        index = len(steps)
    step = changelog.build(Step, project_id=view.map.project_id, map_id=map_id,
                           lane_id=lane_id, text=text, symbol=symbol, duration=duration)
    with log.group():
        step.order = _key_at(log, steps, index)
        return log.create(step)


STEP_FIELDS = frozenset({"text", "symbol", "lane_id", "duration"})


def edit_step(log: UndoLog, step_id: str, **changes: Any) -> Step:
    """Change a step's text, symbol, lane or duration."""
    unknown = set(changes) - STEP_FIELDS
    if unknown:
        raise ValueError(f"not a step field to edit: {sorted(unknown)}")
    return log.update(Step, step_id, **changes)


def delete_step(log: UndoLog, step_id: str) -> None:
    """Delete a step (undo brings it back in its place)."""
    log.delete(Step, step_id)


def _view_of_step(log: UndoLog, step_id: str) -> tuple[MapView, Step]:
    step = changelog.load(log.store, Step, step_id)
    return load_map(log.store, step.map_id), step


def move_step(log: UndoLog, step_id: str, delta: int) -> bool:
    """Move a step earlier (-1) or later (+1) in the flow; False at either end."""
    view, _ = _view_of_step(log, step_id)
    return _move(log, list(view.steps), step_id, delta)


def move_step_to_lane(log: UndoLog, step_id: str, delta: int) -> bool:
    """Move a step to the lane above (-1) or below (+1); False when there is none."""
    view, step = _view_of_step(log, step_id)
    target = view.lane_index(step.lane_id) + delta
    if not 0 <= target < len(view.lanes):
        return False
    log.update(Step, step_id, lane_id=view.lanes[target].id)
    return True


# -- from a redesigned step: a measure (KPI) and a task before go-live ------------------------


def _last_order(log: UndoLog, table: str, project_id: str) -> str | None:
    rows = log.store.query(
        f'SELECT "order" FROM "{table}" WHERE project_id = ? AND _exists '
        'ORDER BY "order" DESC, id DESC LIMIT 1',
        [project_id],
    )
    return rows[0]["order"] if rows else None


def measure_for_step(
    log: UndoLog,
    step_id: str,
    name: str,
    *,
    definition: str = "",
    kind: MeasureKind = MeasureKind.COUNT,
    unit: str = "",
    better: Direction = Direction.HIGHER,
    frequency: Frequency = Frequency.WEEKLY,
) -> Measure:
    """Create a measure tied to a step and mark the step as decisive (KPI), as one undo step."""
    step = changelog.load(log.store, Step, step_id)
    order = key_between(_last_order(log, "measures", step.project_id), None) or ""
    measure = changelog.build(
        Measure, project_id=step.project_id, name=name, definition=definition, kind=kind,
        unit=unit, better=better, frequency=frequency, step_id=step_id, order=order,
    )
    with log.group():
        created = log.create(measure)
        log.update(Step, step_id, kpi=True)
    return created


def action_for_step(log: UndoLog, step_id: str, change: str, *, responsible: str = "") -> Action:
    """Note a task that must be done before go-live: a new action-plan row tied to the step."""
    step = changelog.load(log.store, Step, step_id)
    order = key_between(_last_order(log, "actions", step.project_id), None) or ""
    return log.create(changelog.build(
        Action, project_id=step.project_id, change=change, responsible=responsible,
        step_id=step_id, order=order,
    ))
