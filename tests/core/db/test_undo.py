"""Undo and redo write new changes; several steps deep; groups undo as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import NotFoundError
from core.models import Action
from core.project import projects


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "undo.db")


def _count_changes(store: Store) -> int:
    return store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0]


def test_undo_and_redo_create_edit_delete(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store)
    row = log.create(Action(project_id=project.id, change="Fælles skabelon"))
    log.update(Action, row.id, responsible="Lars", change="Fælles skabelon v2")
    log.delete(Action, row.id)

    log.undo()  # the delete
    assert changelog.load(store, Action, row.id).responsible == "Lars"
    log.undo()  # the edit
    restored = changelog.load(store, Action, row.id)
    assert (restored.change, restored.responsible) == ("Fælles skabelon", "")
    log.undo()  # the create
    with pytest.raises(NotFoundError):
        changelog.load(store, Action, row.id)
    assert not log.can_undo and log.undo() == []

    log.redo()
    log.redo()
    assert changelog.load(store, Action, row.id).change == "Fælles skabelon v2"
    log.redo()
    with pytest.raises(NotFoundError):
        changelog.load(store, Action, row.id)


def test_undo_is_a_new_change_not_a_rewrite(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store)
    row = log.create(Action(project_id=project.id, change="A"))
    log.update(Action, row.id, change="B")
    before = _count_changes(store)
    log.undo()
    assert _count_changes(store) == before + 1
    assert changelog.load(store, Action, row.id).change == "A"


def test_a_group_is_one_step_and_a_new_edit_clears_redo(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store)
    with log.group():
        rows = [log.create(Action(project_id=project.id, change=f"Række {n}")) for n in range(3)]
    log.undo()
    for row in rows:
        with pytest.raises(NotFoundError):
            changelog.load(store, Action, row.id)
    assert log.can_redo
    log.create(Action(project_id=project.id, change="Ny"))
    assert not log.can_redo


def test_an_update_that_changes_nothing_is_not_a_step(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store)
    row = log.create(Action(project_id=project.id, change="A"))
    log.update(Action, row.id, change="A")
    log.undo()
    with pytest.raises(NotFoundError):
        changelog.load(store, Action, row.id)


def test_the_stack_is_bounded(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store, limit=3)
    row = log.create(Action(project_id=project.id, change="0"))
    for n in range(1, 6):
        log.update(Action, row.id, change=str(n))
    undone = 0
    while log.undo():
        undone += 1
    assert undone == 3
    assert changelog.load(store, Action, row.id).change == "2"


def test_a_failed_group_writes_nothing_and_is_not_undone(store: Store) -> None:
    project = projects.create_project(store, "Plan")
    log = UndoLog(store)
    kept = log.create(Action(project_id=project.id, change="Står"))
    with pytest.raises(RuntimeError), log.group():
        log.create(Action(project_id=project.id, change="Rulles tilbage"))
        raise RuntimeError("midway")
    assert [r["change"] for r in store.query("SELECT change FROM actions WHERE _exists")] == [
        "Står"
    ]
    log.undo()  # undoes the create before the failed group, not the rolled-back one
    with pytest.raises(NotFoundError):
        changelog.load(store, Action, kept.id)
