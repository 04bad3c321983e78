"""Ticking the phases' checklists, phase status and moving a project to another phase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.models import ChecklistItem, PhaseChange, PhaseState, Project
from core.phases import PHASES, PhaseStatus
from core.project import phase_work, projects
from core.views.overview import project_overview

NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "phases.db")
    store.author = "MH"
    return store


def test_a_new_project_shows_the_guides_advice_unticked(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    entries = phase_work.checklist(store, project.id, 1)
    assert [e.item_key for e in entries] == list(PHASES[0].advice)
    assert not any(e.done or e.stored for e in entries)
    assert entries[0].id == ChecklistItem.id_for(project.id, 1, "backing")


def test_tick_writes_who_and_when_and_undo_unticks(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    entry = phase_work.checklist(store, project.id, 1)[1]
    phase_work.toggle(log, project.id, entry, by="MH", now=NOW)
    item = changelog.load(store, ChecklistItem, entry.id)
    assert (item.done, item.done_by, item.done_at, item.item_key) == (True, "MH", NOW,
                                                                      "citizen_case")
    ticked = phase_work.checklist(store, project.id, 1)[1]
    assert ticked.done and ticked.done_by == "MH" and ticked.done_at == NOW
    # untick, then undo the untick
    phase_work.toggle(log, project.id, ticked, by="KF", now=NOW)
    assert not changelog.load(store, ChecklistItem, entry.id).done
    log.undo()
    assert changelog.load(store, ChecklistItem, entry.id).done_by == "MH"
    log.undo()  # the first tick (a create): the item is open again
    assert not phase_work.checklist(store, project.id, 1)[1].done
    # ticking again after the undo works (the record is brought back)
    phase_work.toggle(log, project.id, phase_work.checklist(store, project.id, 1)[1], by="MH")
    assert phase_work.checklist(store, project.id, 1)[1].done


def test_the_teams_own_items_follow_the_guides(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    phase_work.add_item(log, project.id, 2, "Book lokale til brown paper")
    phase_work.add_item(log, project.id, 2, "Køb post-its")
    entries = phase_work.checklist(store, project.id, 2)
    assert [e.text for e in entries[-2:]] == ["Book lokale til brown paper", "Køb post-its"]
    assert not entries[-1].from_guide
    overview = project_overview(store, project.id, today=TODAY)[1]
    assert overview.checklist_open == len(PHASES[1].advice) + 2


def test_status_cycles_and_undoes(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    assert phase_work.phase_status(store, project.id, 2) == PhaseStatus.NOT_STARTED
    assert phase_work.cycle_status(log, project.id, 2) == PhaseStatus.IN_PROGRESS
    assert phase_work.cycle_status(log, project.id, 2) == PhaseStatus.DONE
    assert phase_work.cycle_status(log, project.id, 2) == PhaseStatus.NOT_STARTED
    state = changelog.load(store, PhaseState, PhaseState.id_for(project.id, 2))
    assert state.status == PhaseStatus.NOT_STARTED
    log.undo()
    assert phase_work.phase_status(store, project.id, 2) == PhaseStatus.DONE


def test_move_records_the_decision_with_the_open_items(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    log = UndoLog(store)
    for entry in phase_work.checklist(store, project.id, 1)[:3]:
        phase_work.toggle(log, project.id, entry, by="MH")
    # phase 2 set in progress by hand stays so when the team jumps to phase 3
    phase_work.set_status(log, project.id, 2, PhaseStatus.IN_PROGRESS)
    assert phase_work.open_items_on_move(store, project.id, 3) == 1 + len(PHASES[1].advice)
    change = phase_work.move_to_phase(store, project.id, 3, by="MH", note="Vi går videre",
                                      now=NOW)
    stored = changelog.load(store, PhaseChange, change.id)
    assert (stored.from_phase, stored.to_phase, stored.open_items) == (1, 3, 5)
    assert (stored.decided_by, stored.decided_at, stored.note) == ("MH", NOW, "Vi går videre")
    assert changelog.load(store, Project, project.id).current_phase == 3
    assert phase_work.phase_status(store, project.id, 1) == PhaseStatus.DONE
    assert phase_work.phase_status(store, project.id, 2) == PhaseStatus.IN_PROGRESS
    assert phase_work.phase_status(store, project.id, 3) == PhaseStatus.IN_PROGRESS
    assert phase_work.last_change(store, project.id) == stored
    # the move is in the change log, in one transaction with the project's update
    entities = [
        row["entity"] for row in store.query(
            "SELECT entity FROM sync_change WHERE scope_id = ? ORDER BY seq DESC LIMIT 3",
            [project.id],
        )
    ]
    assert entities == ["phase_state", "project", "phase_change"]


def test_going_back_leaves_nothing_behind(store: Store) -> None:
    project = projects.create_project(store, "Udskrivning")
    phase_work.move_to_phase(store, project.id, 4, by="MH")
    assert phase_work.open_items_on_move(store, project.id, 2) == 0
    change = phase_work.move_to_phase(store, project.id, 2, by="MH")
    assert (change.from_phase, change.to_phase, change.open_items) == (4, 2, 0)
    # phase 2 was marked done when the team passed it; going back makes it the phase in progress
    assert phase_work.phase_status(store, project.id, 2) == PhaseStatus.IN_PROGRESS
    assert phase_work.phase_status(store, project.id, 3) == PhaseStatus.DONE
    with pytest.raises(ValueError):
        phase_work.move_to_phase(store, project.id, 7, by="MH")


def test_demo_moves_from_test_to_closing(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    [summary] = projects.list_projects(store, today=TODAY)
    open_now = phase_work.open_items_on_move(store, summary.id, 6)
    assert open_now == 2  # decide_routines and celebrate are not ticked in the demo
    phase_work.move_to_phase(store, summary.id, 6, by="MH")
    overview = project_overview(store, summary.id, today=TODAY)
    assert overview[4].status == PhaseStatus.DONE
    assert overview[5].status == PhaseStatus.IN_PROGRESS and overview[5].is_current
