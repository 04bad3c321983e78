"""The six phases of the KL guide as data: their keys and the advice each phase's checklist holds.

Texts live in the catalogs under `phase.<key>.name`, `phase.<key>.summary`, `phase.<key>.product`
and `phase.<key>.advice.<item>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PhaseStatus(StrEnum):
    """Where a phase stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class Phase:
    """One phase of the guide."""

    number: int
    key: str
    advice: tuple[str, ...]
    """Keys of the phase's advice (opmærksomhedspunkter), in the guide's order."""


PHASES: tuple[Phase, ...] = (
    Phase(1, "before_start", ("backing", "citizen_case", "steering_group", "purpose_goals")),
    Phase(2, "current_workflow", ("map_as_is", "give_time", "method", "collect_ideas")),
    Phase(3, "redesign", ("same_method", "wait_a_week", "note_tasks", "leaders_present", "kpis")),
    Phase(4, "action_plan", ("all_tasks", "discuss_each")),
    Phase(5, "test", ("attention", "measure_kpis", "kaizen_meetings", "decide_routines",
                      "celebrate")),
    Phase(6, "closing", ("tell_organisation", "keep_steering_group", "keep_measuring",
                         "anchor")),
)


def phase(number: int) -> Phase:
    """Return phase `number` (1-6)."""
    return PHASES[number - 1]


def derived_status(number: int, current: int) -> PhaseStatus:
    """The status a phase has when the team has not set one: done before the current one."""
    if number < current:
        return PhaseStatus.DONE
    if number == current:
        return PhaseStatus.IN_PROGRESS
    return PhaseStatus.NOT_STARTED
