"""The action plan's use cases: rows with sort and filter, counts, and undoable edits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.db import changelog
from core.db.store import Store
from core.db.undo import UndoLog
from core.demo.build import open_demo
from core.errors import InvalidError, TavleError
from core.models import Action, ActionStatus, Person
from core.plan import actions
from core.plan.actions import PlanFilter, PlanRow
from core.project.projects import create_project, list_projects

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = open_demo(tmp_path / "demo.db", today=TODAY)
    [project] = list_projects(store, today=TODAY)
    yield store, project.id
    store.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = Store.open(tmp_path / "plan.db")
    yield store, create_project(store, "Plan").id
    store.close()


def _changes(rows: list[PlanRow]) -> list[str]:
    return [row.change for row in rows]


def test_the_demo_plan_loads_in_its_order_with_links(demo: tuple[Store, str]) -> None:
    store, pid = demo
    rows = actions.load_plan(store, pid)
    assert len(rows) == 17
    assert [r.order for r in rows] == sorted(r.order for r in rows)
    first = rows[0]
    assert first.change.startswith("Aftale fast ugentlig tid")
    assert first.responsible and first.deadline is not None
    assert first.measure_name and first.idea_text and first.step_text
    assert len(first.links) == 3
    assert rows[2].links == ()


def test_summary_counts_statuses_and_overdue(demo: tuple[Store, str]) -> None:
    store, pid = demo
    summary = actions.summarize(actions.load_plan(store, pid), TODAY)
    assert summary.total == 17
    assert summary.counts == {
        ActionStatus.NOT_STARTED: 4, ActionStatus.IN_PROGRESS: 2, ActionStatus.DONE: 10,
        ActionStatus.CANCELLED: 1,
    }
    # the overview of the project screen counts the same overdue rows
    assert summary.overdue == list_projects(store, today=TODAY)[0].overdue_actions == 2


def test_sort_by_each_column_and_back(demo: tuple[Store, str]) -> None:
    store, pid = demo
    rows = actions.load_plan(store, pid)
    by_deadline = actions.sort_rows(rows, "deadline")
    dates = [r.deadline for r in by_deadline]
    assert dates == sorted(d for d in dates if d)
    assert actions.sort_rows(rows, "deadline", descending=True)[0].deadline == max(
        d for d in dates if d)
    by_change = _changes(actions.sort_rows(rows, "change"))
    assert by_change == sorted(by_change, key=str.casefold)
    statuses = [r.status for r in actions.sort_rows(rows, "status")]
    assert statuses[0] == ActionStatus.NOT_STARTED and statuses[-1] == ActionStatus.CANCELLED
    links = actions.sort_rows(rows, "link")
    assert not links[-1].links and links[0].links
    assert actions.sort_rows(actions.sort_rows(rows, "how"), None) == rows
    with pytest.raises(ValueError):
        actions.sort_rows(rows, "nope")


def test_empty_cells_sort_last_both_ways(empty: tuple[Store, str]) -> None:
    store, pid = empty
    undo = UndoLog(store)
    a = actions.add_row(undo, pid, None, "A", responsible="Bo")
    b = actions.add_row(undo, pid, a.id, "B")
    actions.add_row(undo, pid, b.id, "C", responsible="Al", deadline=TODAY)
    rows = actions.load_plan(store, pid)
    assert _changes(actions.sort_rows(rows, "responsible")) == ["C", "A", "B"]
    assert _changes(actions.sort_rows(rows, "responsible", descending=True)) == ["A", "C", "B"]
    assert _changes(actions.sort_rows(rows, "deadline", descending=True))[0] == "C"


def test_filters_combine(demo: tuple[Store, str]) -> None:
    store, pid = demo
    rows = actions.load_plan(store, pid)
    people = actions.responsibles(rows)
    assert people == sorted(people, key=str.casefold) and len(people) >= 5
    mine = actions.filter_rows(rows, PlanFilter(responsible=people[0].upper()), TODAY)
    assert mine and all(r.responsible == people[0] for r in mine)
    done = actions.filter_rows(rows, PlanFilter(status=ActionStatus.DONE), TODAY)
    assert len(done) == 10
    late = actions.filter_rows(rows, PlanFilter(overdue_only=True), TODAY)
    assert len(late) == 2 and all(r.is_overdue(TODAY) for r in late)
    text = actions.filter_rows(rows, PlanFilter(text="  MOMENTUM "), TODAY)
    assert text and all("momentum" in actions._haystack(r) for r in text)
    by_link = actions.filter_rows(rows, PlanFilter(text="sms"), TODAY)
    assert any("sms" in r.idea_text.casefold() for r in by_link)
    assert not PlanFilter().active and PlanFilter(text="x").active
    assert PlanFilter(responsible="").active
    assert actions.filter_rows(rows, PlanFilter(), TODAY) == rows


def test_add_after_a_row_keeps_the_order(empty: tuple[Store, str]) -> None:
    store, pid = empty
    undo = UndoLog(store)
    first = actions.add_row(undo, pid, None, "Første")
    last = actions.add_row(undo, pid, first.id, "Sidste")
    actions.add_row(undo, pid, first.id, "Midt")
    actions.add_row(undo, pid, None, "Allerførst")
    assert _changes(actions.load_plan(store, pid)) == ["Allerførst", "Første", "Midt", "Sidste"]
    assert last.order > first.order
    undo.undo()
    assert _changes(actions.load_plan(store, pid)) == ["Første", "Midt", "Sidste"]


def test_many_inserts_at_one_place_renumber_when_keys_run_out(empty: tuple[Store, str]) -> None:
    store, pid = empty
    undo = UndoLog(store)
    first = actions.add_row(undo, pid, None, "0")
    actions.add_row(undo, pid, first.id, "end")
    for number in range(1, 80):  # always right after the first row: keys get longer
        actions.add_row(undo, pid, first.id, str(number))
    rows = actions.load_plan(store, pid)
    assert _changes(rows) == ["0", *(str(n) for n in range(79, 0, -1)), "end"]
    assert max(len(r.order) for r in rows) <= 64


def test_ties_in_order_go_after_every_tied_row(empty: tuple[Store, str]) -> None:
    store, pid = empty
    with store.transaction():
        for change in ("x", "y"):
            changelog.create(store, Action(project_id=pid, change=change, order=""))
    rows = actions.load_plan(store, pid)
    added = actions.add_row(UndoLog(store), pid, rows[0].id, "z")
    assert actions.load_plan(store, pid)[-1].id == added.id


def test_edit_cells_and_undo(demo: tuple[Store, str]) -> None:
    store, pid = demo
    undo = UndoLog(store)
    row = actions.load_plan(store, pid)[0]
    actions.edit_cell(undo, row.id, "deadline", "fre", TODAY)
    actions.edit_cell(undo, row.id, "how", "  Ring til alle  ", TODAY)
    changed = actions.load_row(store, pid, row.id)
    assert changed is not None
    assert changed.deadline == dt.date(2026, 11, 27) and changed.how == "Ring til alle"
    actions.edit_cell(undo, row.id, "deadline", "", TODAY)
    assert changelog.load(store, Action, row.id).deadline is None
    with pytest.raises(TavleError):
        actions.edit_cell(undo, row.id, "deadline", "31-02-2026", TODAY)
    with pytest.raises(InvalidError):
        actions.edit_cell(undo, row.id, "change", "   ", TODAY)
    for _ in range(3):
        undo.undo()
    assert actions.load_row(store, pid, row.id) == row
    with pytest.raises(ValueError):
        actions.cell_value("link", "x", TODAY)


def test_status_cycles(demo: tuple[Store, str]) -> None:
    statuses = [ActionStatus.NOT_STARTED]
    for _ in range(4):
        statuses.append(actions.next_status(statuses[-1]))
    assert statuses == [*ActionStatus, ActionStatus.NOT_STARTED]
    store, pid = demo
    undo = UndoLog(store)
    row = actions.load_plan(store, pid)[0]
    actions.set_status(undo, row.id, ActionStatus.CANCELLED)
    assert changelog.load(store, Action, row.id).status == ActionStatus.CANCELLED
    assert actions.cell_value("status", "done", TODAY) == ActionStatus.DONE


def test_duplicate_and_delete_are_one_undo_step_each(demo: tuple[Store, str]) -> None:
    store, pid = demo
    undo = UndoLog(store)
    rows = actions.load_plan(store, pid)
    copy = actions.duplicate_row(undo, pid, rows[0].id)
    after = actions.load_plan(store, pid)
    assert after[1].id == copy.id
    assert (after[1].change, after[1].links, after[1].deadline) == (
        rows[0].change, rows[0].links, rows[0].deadline)
    actions.delete_row(undo, rows[0].id)
    assert len(actions.load_plan(store, pid)) == 17
    undo.undo()
    assert len(actions.load_plan(store, pid)) == 18
    undo.undo()
    assert actions.load_plan(store, pid) == rows


def test_people_complete_and_a_new_person_is_added(demo: tuple[Store, str]) -> None:
    store, pid = demo
    names = actions.people_names(store, pid)
    assert names == sorted(names, key=str.casefold) and len(names) >= 5
    assert actions.is_known_person(names, f"  {names[0].upper()} ")
    assert not actions.is_known_person(names, "Ny Person")
    undo = UndoLog(store)
    person = actions.add_person(undo, pid, "Ny Person")
    assert "Ny Person" in actions.people_names(store, pid)
    assert changelog.load(store, Person, person.id).project_id == pid
    undo.undo()
    assert "Ny Person" not in actions.people_names(store, pid)
