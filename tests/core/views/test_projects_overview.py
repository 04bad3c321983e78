"""The project list's counts and the phase overview agree with the records behind them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.demo.build import open_demo
from core.models import Action, ActionStatus
from core.phases import PhaseStatus
from core.project import projects
from core.views.overview import project_overview

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return open_demo(tmp_path / "demo.db", today=TODAY)


def _actions(store: Store, project_id: str) -> list[Action]:
    rows = store.query("SELECT id FROM actions WHERE project_id = ? AND _exists", [project_id])
    return [changelog.load(store, Action, row["id"]) for row in rows]


def test_list_counts_open_and_overdue_actions(demo: Store) -> None:
    [summary] = projects.list_projects(demo, today=TODAY)
    actions = _actions(demo, summary.id)
    assert summary.open_actions == sum(a.is_open for a in actions)
    assert summary.overdue_actions == sum(a.is_overdue(TODAY) for a in actions)
    assert summary.overdue_actions >= 2
    assert summary.current_phase == 5
    assert summary.last_author == "MH"


def test_deleted_actions_are_not_counted(demo: Store) -> None:
    [summary] = projects.list_projects(demo, today=TODAY)
    overdue = next(a for a in _actions(demo, summary.id) if a.is_overdue(TODAY))
    with demo.transaction():
        changelog.delete(demo, Action, overdue.id)
    [after] = projects.list_projects(demo, today=TODAY)
    assert after.overdue_actions == summary.overdue_actions - 1
    assert after.open_actions == summary.open_actions - 1


def test_archived_projects_are_hidden_unless_asked_for(demo: Store) -> None:
    other = projects.create_project(demo, "Bedre udskrivning")
    projects.set_archived(demo, other.id, True)
    assert [p.name for p in projects.list_projects(demo, today=TODAY)] == [
        "Hurtigere afklaring af sygemeldte borgere"
    ]
    listed = projects.list_projects(demo, include_archived=True, today=TODAY)
    assert [p.archived for p in listed] == [False, True]  # archived ones last


def test_overview_of_the_demo(demo: Store) -> None:
    [summary] = projects.list_projects(demo, today=TODAY)
    phases = project_overview(demo, summary.id, today=TODAY)
    assert [p.status for p in phases] == [PhaseStatus.DONE] * 4 + [
        PhaseStatus.IN_PROGRESS, PhaseStatus.NOT_STARTED
    ]
    assert [p.is_current for p in phases] == [False] * 4 + [True, False]
    assert phases[0].checklist_open == 0
    assert phases[4].checklist_open == 2
    assert phases[5].checklist_open == len(phases[5].advice_done)
    facts = {fact.key: fact.params for p in phases for fact in p.facts}
    statuses = [a.status for a in _actions(demo, summary.id)]
    assert facts["overview.actions"] == {
        "total": len(statuses),
        "done": statuses.count(ActionStatus.DONE),
        "in_progress": statuses.count(ActionStatus.IN_PROGRESS),
        "not_started": statuses.count(ActionStatus.NOT_STARTED),
        "cancelled": statuses.count(ActionStatus.CANCELLED),
    }
    assert facts["overview.measures"]["count"] == 6  # three weekly, three case-level
    assert facts["overview.meetings"]["count"] == 3
    assert isinstance(facts["overview.meetings"]["last"], dt.date)


def test_a_new_project_starts_in_phase_one_with_nothing_in_it(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "ny.db")
    project = projects.create_project(store, "Nyt", unit="Sundhed")
    phases = project_overview(store, project.id, today=TODAY)
    assert [p.status for p in phases] == [PhaseStatus.IN_PROGRESS] + [PhaseStatus.NOT_STARTED] * 5
    keys = [fact.key for fact in phases[0].facts]
    assert keys[0] == "overview.no_charter"
    assert phases[4].facts[-1].key == "overview.no_meetings"
