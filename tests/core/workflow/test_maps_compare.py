"""The comparison of today's map with its redesign, and copying today's map to a redesign."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import NotFoundError, TavleError
from core.i18n import Translator
from core.models import Lane, MapKind, Step, StepSymbol, WorkflowMap
from core.project import projects
from core.workflow.map_edits import add_lane, add_step, delete_step, ensure_map, move_step_to_lane
from core.workflow.maps import MapView, compare, copy_to_redesign, figures, load_map, project_map

T, IT, H, WT = StepSymbol.TASK, StepSymbol.IT_SYSTEM, StepSymbol.HANDOVER, StepSymbol.WAITING


def _map(kind: MapKind, lanes: str, *steps: tuple[str, str, StepSymbol, str, str, str | None]
         ) -> MapView:
    """Steps as (id, lane, symbol, text, duration, source id)."""
    workflow = WorkflowMap(project_id="p", kind=kind)
    lane_records = tuple(Lane(id=f"{kind}-{n}", project_id="p", map_id=workflow.id, name=n,
                              order=f"{i:04d}") for i, n in enumerate(lanes))
    step_records = tuple(
        Step(id=sid, project_id="p", map_id=workflow.id, lane_id=f"{kind}-{lane}", symbol=sym,
             text=text, duration=duration, source_step_id=source, order=f"{i:04d}")
        for i, (sid, lane, sym, text, duration, source) in enumerate(steps))
    return MapView(workflow, lane_records, step_records)


TODAY = _map(MapKind.CURRENT, "ABC",
             ("a", "A", T, "Modtag", "1 dag", None),
             ("b", "B", WT, "Vent", "2 uger", None),
             ("c", "C", H, "Send brev", "", None),
             ("d", "A", T, "Afslut", "", None))


def test_empty_maps_compare_to_nothing() -> None:
    nothing = compare(None, None)
    assert (nothing.removed, nothing.added, nothing.changed, nothing.moved) == ((), (), (), ())
    assert not nothing.has_differences
    empty = compare(_map(MapKind.CURRENT, ""), _map(MapKind.REDESIGN, ""))
    assert [c.before for c in empty.figure_changes()] == [0] * 6


def test_everything_removed_when_the_redesign_is_empty() -> None:
    result = compare(TODAY, _map(MapKind.REDESIGN, "ABC"))
    assert [s.id for s in result.removed] == ["a", "b", "c", "d"]
    assert result.added == () and result.changed == ()
    assert (result.before.handovers, result.after.handovers) == (3, 0)


def test_everything_added_without_a_current_map() -> None:
    redesign = _map(MapKind.REDESIGN, "A", ("x", "A", T, "Ny", "", None))
    result = compare(None, redesign)
    assert [s.id for s in result.added] == ["x"] and result.removed == ()


def test_an_unchanged_copy_has_no_differences() -> None:
    copy = _map(MapKind.REDESIGN, "ABC", *[
        (f"r{s.id}", TODAY.lane_name(s.lane_id), s.symbol, s.text, s.duration, s.id)
        for s in TODAY.steps])
    result = compare(TODAY, copy)
    assert not result.has_differences
    assert [(c.before, c.after) for c in result.figure_changes()] == [
        (4, 4), (3, 3), (0, 0), (1, 1), (0, 0), (0, 0)]


def test_removed_added_changed_and_moved() -> None:
    redesign = _map(
        MapKind.REDESIGN, "ABC",
        ("ra", "A", IT, "Modtag og screen", "1 dag", "a"),  # text and symbol changed
        ("rx", "A", T, "Ring til borgeren", "20 min", None),  # added
        ("rd", "B", T, "Afslut", "", "d"),  # moved from A to B
        # b (waiting) and c (handover letter) removed
    )
    result = compare(TODAY, redesign)
    assert [s.id for s in result.removed] == ["b", "c"]
    assert [s.id for s in result.added] == ["rx"]
    assert [(c.after.id, c.fields) for c in result.changed] == [
        ("ra", ("text", "symbol")), ("rd", ("lane",))]
    (moved,) = result.moved
    assert (moved.before.id, moved.lane_before, moved.lane_after) == ("d", "A", "B")
    changes = {c.name: (c.before, c.after) for c in result.figure_changes()}
    assert changes["handovers"] == (3, 1) and changes["waiting"] == (1, 0)
    assert changes["steps"] == (4, 3) and changes["it_steps"] == (0, 1)


def test_a_source_outside_todays_map_counts_as_added() -> None:
    redesign = _map(MapKind.REDESIGN, "A", ("r", "A", T, "Modtag", "1 dag", "gone"))
    result = compare(TODAY, redesign)
    assert [s.id for s in result.added] == ["r"] and len(result.removed) == 4


def test_a_duration_change_is_listed() -> None:
    redesign = _map(MapKind.REDESIGN, "A", ("ra", "A", T, "Modtag", " 2 dage ", "a"))
    (change,) = compare(TODAY, redesign).changed
    assert change.fields == ("duration",)
    same = _map(MapKind.REDESIGN, "A", ("ra", "A", T, "Modtag", "24 t", "a"))
    assert not compare(TODAY, same).changed


# -- in a database ----------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "maps.db")


def _today_map(store: Store) -> tuple[str, str, UndoLog]:
    project = projects.create_project(store, "Kort")
    log = UndoLog(store)
    map_id = ensure_map(log, project.id, MapKind.CURRENT)
    lanes = [add_lane(log, map_id, name) for name in ("Borger", "Jobcenter", "Træning")]
    for lane, text in ((1, "Sygemelding"), (0, "Skema"), (1, "Samtale"), (2, "Træning")):
        add_step(log, map_id, lanes[lane].id, text)
    return project.id, map_id, log


def test_copy_to_redesign_pairs_every_step(store: Store) -> None:
    project_id, map_id, log = _today_map(store)
    redesign_id = copy_to_redesign(store, map_id, log)
    today, redesign = load_map(store, map_id), load_map(store, redesign_id)
    assert redesign.map.kind == MapKind.REDESIGN and redesign.map.project_id == project_id
    assert [lane.name for lane in redesign.lanes] == ["Borger", "Jobcenter", "Træning"]
    assert [s.source_step_id for s in redesign.steps] == [s.id for s in today.steps]
    assert [redesign.lane_name(s.lane_id) for s in redesign.steps] == [
        today.lane_name(s.lane_id) for s in today.steps]
    assert not compare(today, redesign).has_differences
    # one undo step takes the whole copy back
    log.undo()
    assert project_map(store, project_id, MapKind.REDESIGN) is None


def test_copy_refuses_a_second_redesign(store: Store) -> None:
    _, map_id, _ = _today_map(store)
    copy_to_redesign(store, map_id)
    with pytest.raises(TavleError) as raised:
        copy_to_redesign(store, map_id)
    assert "allerede et redesign" in raised.value.message(Translator("da"))
    with pytest.raises(TavleError):
        copy_to_redesign(store, load_map_id(store, MapKind.REDESIGN))


def load_map_id(store: Store, kind: MapKind) -> str:
    return store.query("SELECT id FROM workflow_maps WHERE kind = ?", [kind.value])[0]["id"]


def test_an_empty_redesign_map_is_filled(store: Store) -> None:
    project_id, map_id, log = _today_map(store)
    empty_id = ensure_map(log, project_id, MapKind.REDESIGN)
    assert copy_to_redesign(store, map_id, log) == empty_id
    assert len(load_map(store, empty_id).steps) == 4


def test_editing_the_redesign_shows_in_the_comparison(store: Store) -> None:
    _, map_id, log = _today_map(store)
    redesign = load_map(store, copy_to_redesign(store, map_id, log))
    before = figures(load_map(store, map_id)).handovers
    delete_step(log, redesign.steps[1].id)  # the form the citizen fills in
    move_step_to_lane(log, redesign.steps[3].id, -1)  # training into the job centre's lane
    result = compare(load_map(store, map_id), load_map(store, redesign.map.id))
    assert [s.text for s in result.removed] == ["Skema"]
    assert [(c.after.text, c.lane_before, c.lane_after) for c in result.moved] == [
        ("Træning", "Træning", "Jobcenter")]
    assert (result.before.handovers, result.after.handovers) == (before, 0)
    with pytest.raises(NotFoundError):
        changelog.load(store, Step, redesign.steps[1].id)


def test_the_demo_redesign_is_paired_with_todays_map(tmp_path: Path) -> None:
    store = open_demo(tmp_path / "demo.db", today=dt.date(2026, 11, 24))
    project_id = store.query("SELECT id FROM projects")[0]["id"]
    result = compare(project_map(store, project_id, MapKind.CURRENT),
                     project_map(store, project_id, MapKind.REDESIGN))
    assert len(result.removed) == 3 and len(result.added) == 2 and result.moved
    assert result.after.handovers < result.before.handovers
    assert (result.before.waiting, result.after.waiting) == (4, 0)
