"""Workflow maps read whole: lanes and steps in order, the facilitator's figures, the comparison
of today's map with its redesign, and "copy today's map to a redesign".

Figures count what the brown-paper wall shows. The handover rule: every step is looked at once,
and it hands over when it is marked with the handover symbol, or when the next step is in
another lane (another unit or role), or both; so a handover step followed by a lane change is
one handover, not two, and a handover-marked last step still counts (it hands the case on
beyond the map).

The comparison pairs a redesigned step with today's step it was copied from
(`Step.source_step_id`): today's steps no redesigned step points at are removed; redesigned
steps with no source (or a source outside today's map) are added; paired steps whose text,
symbol, lane name or duration (as read: "1 time" is "60 min") differ are changed; those whose
lane name differs are also moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core import clock
from core.db import changelog
from core.db.store import Store
from core.errors import TavleError
from core.models import Lane, MapKind, Record, Step, StepSymbol, WorkflowMap
from core.values.durations import ZERO, Span, parse_duration

if TYPE_CHECKING:
    from core.db.undo import UndoLog


@dataclass(frozen=True)
class MapView:
    """A map with its live lanes and steps, each in order (key, then id)."""

    map: WorkflowMap
    lanes: tuple[Lane, ...] = ()
    steps: tuple[Step, ...] = ()

    def lane_name(self, lane_id: str) -> str:
        """The name of a lane of this map ("" for a lane that is not here)."""
        return next((lane.name for lane in self.lanes if lane.id == lane_id), "")

    def lane_index(self, lane_id: str) -> int:
        """The position of a lane (-1 for a lane that is not here)."""
        return next((i for i, lane in enumerate(self.lanes) if lane.id == lane_id), -1)

    def step_index(self, step_id: str | None) -> int:
        """The position of a step (-1 for none)."""
        return next((i for i, step in enumerate(self.steps) if step.id == step_id), -1)

    def steps_in(self, lane_id: str) -> list[Step]:
        """The steps of one lane, in order."""
        return [step for step in self.steps if step.lane_id == lane_id]


def _live(store: Store, model: type[Any], where: str, params: list[Any]) -> list[Any]:
    rows = store.query(f'SELECT * FROM "{model.TABLE}" WHERE _exists AND {where}', params)
    records = []
    for row in rows:
        row.pop(changelog.EXISTS)
        records.append(model.model_validate(row))
    return sorted(records, key=lambda record: (record.order, record.id))


def load_map(store: Store, map_id: str) -> MapView:
    """Read a map with its lanes and steps in order; `NotFoundError` if it is gone."""
    workflow = changelog.load(store, WorkflowMap, map_id)
    lanes = _live(store, Lane, "map_id = ?", [map_id])
    # A step whose lane is gone (only a sync conflict leaves one) cannot be drawn: left out.
    lane_ids = {lane.id for lane in lanes}
    steps = [s for s in _live(store, Step, "map_id = ?", [map_id]) if s.lane_id in lane_ids]
    return MapView(workflow, tuple(lanes), tuple(steps))


def find_map(store: Store, project_id: str, kind: MapKind) -> WorkflowMap | None:
    """The project's map of a kind (the first made, when sync brought two), or None."""
    rows = store.query(
        "SELECT id FROM workflow_maps WHERE _exists AND project_id = ? AND kind = ? "
        "ORDER BY made_on IS NULL, made_on, id LIMIT 1",
        [project_id, kind.value],
    )
    return changelog.load(store, WorkflowMap, rows[0]["id"]) if rows else None


def project_map(store: Store, project_id: str, kind: MapKind) -> MapView | None:
    """Read the project's map of a kind, or None when it has none."""
    workflow = find_map(store, project_id, kind)
    return None if workflow is None else load_map(store, workflow.id)


# -- figures ----------------------------------------------------------------------------------


def handover_flags(steps: Sequence[Step]) -> list[bool]:
    """For each step: whether it hands over (the module's rule: symbol or a lane change next)."""
    flags = []
    for index, step in enumerate(steps):
        changes_lane = index + 1 < len(steps) and steps[index + 1].lane_id != step.lane_id
        flags.append(step.symbol == StepSymbol.HANDOVER or changes_lane)
    return flags


@dataclass(frozen=True)
class MapFigures:
    """What a facilitator counts on a map."""

    steps: int = 0
    handovers: int = 0
    it_steps: int = 0
    waiting: int = 0
    citizen_contacts: int = 0
    decisions: int = 0
    duration: Span = ZERO
    """The sum of the durations understood, in minutes (a range when a step typed one)."""
    timed_steps: int = 0
    """Steps with a duration that was understood (and is not empty)."""
    unknown_durations: tuple[str, ...] = ()
    """The typed durations that could not be read, as typed (their steps are not summed)."""


COUNTED = ("steps", "handovers", "it_steps", "waiting", "citizen_contacts", "decisions")
"""The figures that are counts, in the order screens list them."""


def figures(view: MapView | None) -> MapFigures:
    """Count a map's steps, handovers, IT-system, waiting, citizen and decision steps, and
    total the durations."""
    if view is None:
        return MapFigures()
    steps = view.steps
    by_symbol = {symbol: sum(s.symbol == symbol for s in steps) for symbol in StepSymbol}
    total, timed, unknown = ZERO, 0, []
    for step in steps:
        span = parse_duration(step.duration)
        if span is None:
            unknown.append(step.duration)
        elif step.duration.strip():
            total, timed = total + span, timed + 1
    return MapFigures(
        steps=len(steps),
        handovers=sum(handover_flags(steps)),
        it_steps=by_symbol[StepSymbol.IT_SYSTEM],
        waiting=by_symbol[StepSymbol.WAITING],
        citizen_contacts=by_symbol[StepSymbol.CITIZEN_CONTACT],
        decisions=by_symbol[StepSymbol.DECISION],
        duration=total,
        timed_steps=timed,
        unknown_durations=tuple(unknown),
    )


# -- comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepChange:
    """A redesigned step and today's step it came from, with what differs."""

    before: Step
    after: Step
    fields: tuple[str, ...]
    """Which of "text", "symbol", "lane", "duration" differ."""
    lane_before: str
    lane_after: str


@dataclass(frozen=True)
class FigureChange:
    """One figure before and after ("handovers 7 → 3")."""

    name: str
    before: int
    after: int


@dataclass(frozen=True)
class MapComparison:
    """What the redesign removed, added, changed and moved, and the figures before and after."""

    removed: tuple[Step, ...] = ()
    added: tuple[Step, ...] = ()
    changed: tuple[StepChange, ...] = ()
    moved: tuple[StepChange, ...] = ()
    before: MapFigures = field(default_factory=MapFigures)
    after: MapFigures = field(default_factory=MapFigures)

    def figure_changes(self) -> list[FigureChange]:
        """Every counted figure before and after, in `COUNTED` order."""
        return [FigureChange(name, getattr(self.before, name), getattr(self.after, name))
                for name in COUNTED]

    @property
    def has_differences(self) -> bool:
        """Whether the redesign differs from today's map at all."""
        return bool(self.removed or self.added or self.changed)


def compare(current: MapView | None, redesign: MapView | None) -> MapComparison:
    """Compare today's map with its redesign (either may be missing or empty)."""
    today = {step.id: step for step in current.steps} if current else {}
    new_steps = redesign.steps if redesign else ()
    sources = {step.source_step_id for step in new_steps if step.source_step_id in today}
    removed = tuple(step for step in today.values() if step.id not in sources)
    added, changed, moved = [], [], []
    for step in new_steps:
        source = today.get(step.source_step_id or "")
        if source is None:
            added.append(step)
            continue
        assert current is not None and redesign is not None
        lane_before, lane_after = current.lane_name(source.lane_id), redesign.lane_name(
            step.lane_id)
        differs = [
            name for name, old, new in (
                ("text", source.text, step.text),
                ("symbol", source.symbol, step.symbol),
                ("lane", lane_before, lane_after),
            ) if old != new
        ]
        if _duration_differs(source.duration, step.duration):
            differs.append("duration")
        if differs:
            change = StepChange(source, step, tuple(differs), lane_before, lane_after)
            changed.append(change)
            if "lane" in differs:
                moved.append(change)
    return MapComparison(tuple(removed), tuple(added), tuple(changed), tuple(moved),
                         figures(current), figures(redesign))


def _duration_differs(before: str, after: str) -> bool:
    """Whether two typed durations differ ("1 time" and "60 min" do not)."""
    old, new = parse_duration(before), parse_duration(after)
    if old is None or new is None:
        return before.strip() != after.strip()
    return old != new


# -- copy today's map to a redesign -----------------------------------------------------------


def copy_to_redesign(store: Store, current_map_id: str, log: UndoLog | None = None) -> str:
    """Copy today's map, its lanes and steps, to a new redesign map in one transaction.

    Each copied step remembers its source (`source_step_id`), which the comparison pairs on.
    A project has one redesign: when it has one with lanes already, this refuses with a
    message telling the user to edit it (or delete its lanes first; an empty redesign map is
    filled). With an undo log the copy is one undo step.
    Returns the redesign map's id.
    """
    current = load_map(store, current_map_id)
    if current.map.kind != MapKind.CURRENT:
        raise TavleError("workflow.error.not_current")
    project_id = current.map.project_id
    with store.transaction():
        existing = find_map(store, project_id, MapKind.REDESIGN)
        if existing is not None and load_map(store, existing.id).lanes:
            raise TavleError("workflow.error.redesign_exists")

        def write(record: Record) -> Record:
            return changelog.create(store, record) if log is None else log.create(record)

        group = log.group() if log is not None else nullcontext()
        with group:
            new_map = existing or write(WorkflowMap(
                project_id=project_id, kind=MapKind.REDESIGN, title=current.map.title,
                made_on=clock.today()))
            lanes = {}
            for lane in current.lanes:
                lanes[lane.id] = write(Lane(project_id=project_id, map_id=new_map.id,
                                            name=lane.name, order=lane.order)).id
            for step in current.steps:
                write(Step(project_id=project_id, map_id=new_map.id, lane_id=lanes[step.lane_id],
                           symbol=step.symbol, text=step.text, order=step.order,
                           duration=step.duration, source_step_id=step.id))
    return new_map.id
