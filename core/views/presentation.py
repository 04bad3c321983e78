"""A project's story for presentation mode (a learning network's favourite part: a unit tells
about its own improvement work): the citizen case and purpose, today's workflow against the
redesign, the main measure, the cycles tried and what was learned (with the kaizen meetings held
in the project's rhythm), successes and benefits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.closing.benefits import BenefitRow, list_benefits
from core.db import changelog
from core.db.store import Store
from core.kaizen.board import cycle_name
from core.kaizen.rhythm import MeetingPlan, meeting_plan, project_rhythm
from core.kaizen.successes import list_successes
from core.measures.signals import project_measure_ids
from core.models import Cycle as CycleRecord
from core.models import CycleName, MapKind, Success
from core.project.charter import load_charter
from core.workflow.maps import MapComparison, compare, project_map

PAGES: tuple[str, ...] = ("case", "workflow", "measure", "cycles", "results")
"""The pages, in the order they are shown."""


@dataclass(frozen=True)
class CycleStory:
    """A cycle tried, with the title of the card (the change) it tests."""

    card_title: str
    cycle: CycleRecord


@dataclass(frozen=True)
class Story:
    """Everything presentation mode shows of a project."""

    name: str
    unit: str
    citizen_case: str
    purpose: str
    comparison: MapComparison | None
    """Today's workflow against the redesign (None: the project has neither map)."""
    has_current: bool
    has_redesign: bool
    main_measure_id: str | None
    cycle_name: CycleName
    cycles: tuple[CycleStory, ...]
    successes: tuple[Success, ...]
    benefits: tuple[BenefitRow, ...]
    meetings: MeetingPlan | None = None
    """The kaizen meetings held and planned, in the project's rhythm."""


def main_measure(store: Store, project_id: str) -> str | None:
    """The measure the story shows: the one tied to the first result goal (the goal's own
    measure, or a measure that names the goal), else the project's first measure."""
    measures = project_measure_ids(store, project_id)
    goals = store.query(
        'SELECT id, measure_id FROM result_goals WHERE project_id = ? AND _exists '
        'ORDER BY COALESCE("order", \'\'), id LIMIT 1', [project_id])
    if goals:
        goal = goals[0]
        if goal["measure_id"] in measures:
            return str(goal["measure_id"])
        named = store.query(
            'SELECT id FROM measures WHERE goal_id = ? AND _exists '
            'ORDER BY COALESCE("order", \'\'), id LIMIT 1', [goal["id"]])
        if named:
            return str(named[0]["id"])
    return measures[0] if measures else None


def cycles_tried(store: Store, project_id: str) -> list[CycleStory]:
    """The project's cycles, first started first (planned ones after), with their card."""
    rows = store.execute(
        "SELECT c.id, k.title FROM cycles c JOIN kaizen_cards k ON k.id = c.card_id "
        "AND k._exists WHERE c.project_id = ? AND c._exists "
        "ORDER BY COALESCE(c.started_on, c.plan_when, '9999-12-31'), k.\"order\", c.number, c.id",
        [project_id],
    ).fetchall()
    return [CycleStory(title, changelog.load(store, CycleRecord, id_)) for id_, title in rows]


def load_story(store: Store, project_id: str, *, today: dt.date) -> Story:
    """Read everything presentation mode shows of a project, as it stands on `today`."""
    view = load_charter(store, project_id)
    current = project_map(store, project_id, MapKind.CURRENT)
    redesign = project_map(store, project_id, MapKind.REDESIGN)
    has_current = current is not None and bool(current.steps)
    has_redesign = redesign is not None and bool(redesign.steps)
    return Story(
        name=view.project.name, unit=view.project.unit,
        citizen_case=view.charter.citizen_case.strip(), purpose=view.charter.purpose.strip(),
        comparison=compare(current, redesign) if has_current or has_redesign else None,
        has_current=has_current, has_redesign=has_redesign,
        main_measure_id=main_measure(store, project_id),
        cycle_name=cycle_name(store, project_id),
        cycles=tuple(cycles_tried(store, project_id)),
        successes=tuple(list_successes(store, project_id)),
        benefits=tuple(list_benefits(store, project_id)),
        meetings=meeting_plan(store, project_id, today, project_rhythm(store, project_id)),
    )
