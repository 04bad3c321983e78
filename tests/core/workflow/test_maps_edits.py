"""Editing maps: order keys, insert between, move, lanes, delete and undo, KPI and task."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.errors import InvalidError, NotFoundError
from core.models import Action, Lane, MapKind, Measure, MeasureKind, Step, StepSymbol
from core.order_keys import key_between, spaced_keys
from core.project import projects
from core.workflow import map_edits
from core.workflow.maps import MapView, load_map


@pytest.mark.parametrize(("before", "after", "key"), [
    (None, None, "0010"), ("0010", None, "0020"), ("0010", "0020", "0015"),
    ("0010", "0011", "00105"), (None, "0010", "0005"), ("9990", None, "9995"),
    ("00105", "0011", "00107"), ("", "0010", "0005"),
])
def test_key_between(before: str | None, after: str | None, key: str) -> None:
    assert key_between(before, after) == key
    assert (before or "") < key and (after is None or key < after)


def test_no_key_between_equal_or_foreign_keys() -> None:
    assert key_between("0010", "0010") is None and key_between("", "0000") is None
    assert key_between("0" * 64, "0" * 63 + "1") is None
    assert key_between("a0", "b0") is None and key_between("a0", None) == "a05"
    assert spaced_keys(3) == ["0010", "0020", "0030"]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "edits.db")


@pytest.fixture
def log(store: Store) -> UndoLog:
    return UndoLog(store)


def _map(log: UndoLog) -> tuple[str, list[Lane]]:
    project = projects.create_project(log.store, "Kort")
    map_id = map_edits.ensure_map(log, project.id, MapKind.CURRENT)
    assert map_edits.ensure_map(log, project.id, MapKind.CURRENT) == map_id
    return map_id, [map_edits.add_lane(log, map_id, n) for n in ("Borger", "Jobcenter", "Træning")]


def _texts(store: Store, map_id: str) -> list[str]:
    return [step.text for step in load_map(store, map_id).steps]


def _view(store: Store, map_id: str) -> MapView:
    return load_map(store, map_id)


def test_insert_between_writes_one_key(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    first = map_edits.add_step(log, map_id, lanes[0].id, "Første")
    last = map_edits.add_step(log, map_id, lanes[1].id, "Sidste")
    changes = store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0]
    middle = map_edits.add_step(log, map_id, lanes[2].id, "Midt", after_step_id=first.id,
                                symbol=StepSymbol.WAITING, duration="2 uger")
    assert _texts(store, map_id) == ["Første", "Midt", "Sidste"]
    assert first.order < middle.order < last.order
    # one new record, no other step renumbered
    assert store.execute("SELECT COUNT(*) FROM sync_change").fetchone()[0] == changes + 1
    map_edits.add_step(log, map_id, lanes[0].id, "Allerførst", first=True)
    assert _texts(store, map_id)[0] == "Allerførst"


def test_insert_between_equal_keys_renumbers_as_one_undo_step(store: Store,
                                                               log: UndoLog) -> None:
    map_id, lanes = _map(log)
    a = map_edits.add_step(log, map_id, lanes[0].id, "A")
    b = map_edits.add_step(log, map_id, lanes[0].id, "B")
    log.update(Step, b.id, order=a.order)  # imported data with tied keys (ties sort by id)
    tied = _texts(store, map_id)
    first_id = _view(store, map_id).steps[0].id
    map_edits.add_step(log, map_id, lanes[0].id, "Ny", after_step_id=first_id)
    assert _texts(store, map_id) == [tied[0], "Ny", tied[1]]
    orders = [s.order for s in _view(store, map_id).steps]
    assert orders == sorted(orders) and len(set(orders)) == 3
    log.undo()
    assert _texts(store, map_id) == tied


def test_move_earlier_later_and_to_other_lanes(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    steps = [map_edits.add_step(log, map_id, lanes[0].id, t) for t in "ABCD"]
    assert map_edits.move_step(log, steps[2].id, -1)
    assert _texts(store, map_id) == ["A", "C", "B", "D"]
    assert map_edits.move_step(log, steps[0].id, +1)
    assert _texts(store, map_id) == ["C", "A", "B", "D"]
    assert not map_edits.move_step(log, steps[3].id, +1)
    assert map_edits.move_step_to_lane(log, steps[1].id, +1)
    assert changelog.load(store, Step, steps[1].id).lane_id == lanes[1].id
    assert not map_edits.move_step_to_lane(log, steps[0].id, -1)
    log.undo()
    assert changelog.load(store, Step, steps[1].id).lane_id == lanes[0].id


def test_move_to_the_first_place(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    steps = [map_edits.add_step(log, map_id, lanes[0].id, t) for t in "AB"]
    assert map_edits.move_step(log, steps[1].id, -1)
    assert _texts(store, map_id) == ["B", "A"]
    assert not map_edits.move_step(log, steps[1].id, -1)


def test_delete_and_undo_puts_the_step_back_in_place(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    steps = [map_edits.add_step(log, map_id, lanes[i % 3].id, t) for i, t in enumerate("ABC")]
    map_edits.delete_step(log, steps[1].id)
    assert _texts(store, map_id) == ["A", "C"]
    with pytest.raises(NotFoundError):
        changelog.load(store, Step, steps[1].id)
    log.undo()
    assert _texts(store, map_id) == ["A", "B", "C"]
    log.redo()
    assert _texts(store, map_id) == ["A", "C"]


def test_edit_step_and_refuse_an_empty_text(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    step = map_edits.add_step(log, map_id, lanes[0].id, "A")
    map_edits.edit_step(log, step.id, text="[/x] ny", symbol=StepSymbol.DECISION,
                        lane_id=lanes[2].id, duration="3 d")
    edited = changelog.load(store, Step, step.id)
    assert (edited.text, edited.symbol, edited.lane_id, edited.duration) == (
        "[/x] ny", StepSymbol.DECISION, lanes[2].id, "3 d")
    with pytest.raises(InvalidError):
        map_edits.edit_step(log, step.id, text="  ")
    with pytest.raises(InvalidError):
        map_edits.add_step(log, map_id, lanes[0].id, "")
    with pytest.raises(ValueError):
        map_edits.edit_step(log, step.id, kpi=True)


def test_lanes_add_rename_move_delete(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    map_edits.add_lane(log, map_id, "Social", after_lane_id=lanes[0].id)
    assert [lane.name for lane in _view(store, map_id).lanes] == [
        "Borger", "Social", "Jobcenter", "Træning"]
    map_edits.rename_lane(log, lanes[0].id, "Borgeren")
    assert map_edits.move_lane(log, lanes[0].id, +1)
    assert [lane.name for lane in _view(store, map_id).lanes] == [
        "Social", "Borgeren", "Jobcenter", "Træning"]
    assert not map_edits.move_lane(log, lanes[2].id, +1)
    for text in "AB":
        map_edits.add_step(log, map_id, lanes[1].id, text)
    map_edits.add_step(log, map_id, lanes[2].id, "C")
    assert map_edits.delete_lane(log, lanes[1].id) == 2
    view = _view(store, map_id)
    assert [lane.name for lane in view.lanes] == ["Social", "Borgeren", "Træning"]
    assert [s.text for s in view.steps] == ["C"]
    log.undo()
    assert _texts(store, map_id) == ["A", "B", "C"]


def test_measure_and_task_from_a_redesigned_step(store: Store, log: UndoLog) -> None:
    map_id, lanes = _map(log)
    step = map_edits.add_step(log, map_id, lanes[1].id, "Fælles samtale")
    measure = map_edits.measure_for_step(log, step.id, "Dage til samtale", unit="dage",
                                         kind=MeasureKind.TIME)
    assert changelog.load(store, Measure, measure.id).step_id == step.id
    assert changelog.load(store, Step, step.id).kpi
    first = map_edits.action_for_step(log, step.id, "Fælles kalender", responsible="Lars")
    second = map_edits.action_for_step(log, step.id, "Skabelon til planen")
    saved = changelog.load(store, Action, first.id)
    assert (saved.change, saved.responsible, saved.step_id) == ("Fælles kalender", "Lars",
                                                                step.id)
    assert first.order < second.order
    log.undo()
    log.undo()
    log.undo()  # the measure and the KPI mark go as one step
    assert not changelog.load(store, Step, step.id).kpi
    with pytest.raises(NotFoundError):
        changelog.load(store, Measure, measure.id)
