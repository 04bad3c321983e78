"""The one write path: every create, update, delete and restore leaves the right change rows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.clock import unpack
from core.db import changelog
from core.db.heads import heads_of
from core.db.store import Store
from core.errors import InvalidError, NotFoundError
from core.i18n import Translator
from core.models import Action, ActionStatus, Measurement, Project
from core.project import projects

START_MS = 1_795_000_000_000  # a November 2026 wall clock
TODAY = dt.date(2026, 11, 24)


class FakeWall:
    """A wall clock the test moves by hand (milliseconds)."""

    def __init__(self, ms: int = START_MS) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


@pytest.fixture
def store(tmp_path: Path, wall: FakeWall) -> Iterator[Store]:
    store = Store.open(tmp_path / "tavle.db", wall_clock=wall, fingerprint="test-pc/tester")
    store.author = "MK"
    yield store
    store.close()


def changes(store: Store, record_id: str | None = None) -> list[dict[str, Any]]:
    """The change rows (of one record), oldest first, with their JSON decoded."""
    where, params = ("WHERE record_id = ?", [record_id]) if record_id else ("", [])
    rows = store.query(f"SELECT * FROM sync_change {where} ORDER BY hlc", params)
    for row in rows:
        row["set"] = json.loads(row.pop("set_json"))
        row["prev"] = json.loads(row.pop("prev_json"))
        covers = row.pop("covers_json")
        row["covers"] = None if covers is None else json.loads(covers)
    return rows


def heads(store: Store, record_id: str) -> dict[str, list[list[Any]]]:
    """The heads of every field of a record: field -> [[replica, seq], ...]."""
    (key,) = store.execute(
        "SELECT DISTINCT scope_id, entity, record_id FROM sync_change WHERE record_id = ?",
        [record_id],
    ).fetchall()
    return {
        field: sorted([replica, seq] for _hlc, replica, seq, _value in field_heads)
        for field, field_heads in heads_of(store, [key]).get(key, {}).items()
    }


def table_row(store: Store, table: str, record_id: str) -> dict[str, Any]:
    return store.query(f'SELECT * FROM "{table}" WHERE id = ?', [record_id])[0]


def add_action(store: Store, project_id: str, **fields: Any) -> Action:
    with store.transaction():
        return changelog.create(store, Action(project_id=project_id, **fields))


# -- create and update ---------------------------------------------------------------------


def test_create_logs_every_field_with_author_and_replica(store: Store) -> None:
    project = projects.create_project(store, "Sygefravær i hjemmeplejen", unit="Team Syd")
    [change] = changes(store)
    assert change["scope_id"] == project.id
    assert change["replica_id"] == store.replica_id
    assert change["seq"] == 1
    assert change["entity"] == "project"
    assert change["record_id"] == project.id
    assert change["author"] == "MK"
    assert change["vocab"] == changelog.VOCAB
    assert change["via_export"] is None
    assert len(change["content_hash"]) == 32
    assert change["prev"] == {}
    assert change["covers"] is None
    assert change["set"] == {
        "_exists": True, "name": "Sygefravær i hjemmeplejen", "unit": "Team Syd", "leader": "",
        "current_phase": 1, "archived": False, "created_on": project.created_on.isoformat(),
        "kaizen_continues": None, "steering_group_stays": None, "cycle_name": "pdsa",
        "meeting_every_days": 14, "planned_meetings": None,
    }
    assert table_row(store, "projects", project.id)["_exists"] == 1


def test_a_record_in_a_project_is_logged_in_the_projects_scope(store: Store) -> None:
    project = projects.create_project(store, "Handlingsplan")
    action = add_action(
        store, project.id, change="Fælles skema", responsible="Lene", deadline=dt.date(2026, 12, 1)
    )
    [change] = changes(store, action.id)
    assert change["scope_id"] == project.id
    assert change["entity"] == "action"
    assert change["seq"] == 2
    assert change["set"]["deadline"] == "2026-12-01"
    assert changelog.load(store, Action, action.id) == action


def test_update_logs_only_the_changed_fields_and_the_heads_it_replaced(store: Store) -> None:
    project = projects.create_project(store, "Gammelt navn")
    store.author = "JH"
    projects.rename_project(store, project.id, "Nyt navn")
    create, rename = changes(store)
    assert rename["set"] == {"name": "Nyt navn"}
    assert rename["prev"] == {"name": [[store.replica_id, create["seq"]]]}
    assert rename["author"] == "JH"
    assert rename["seq"] == create["seq"] + 1
    assert table_row(store, "projects", project.id)["name"] == "Nyt navn"
    assert projects.get_project(store, project.id).name == "Nyt navn"

    projects.set_archived(store, project.id, True)
    archive = changes(store)[-1]
    assert archive["set"] == {"archived": True}
    assert archive["prev"] == {"archived": [[store.replica_id, create["seq"]]]}


def test_an_update_that_changes_nothing_writes_nothing(store: Store) -> None:
    project = projects.create_project(store, "Uændret")
    before = changes(store)
    projects.rename_project(store, project.id, "Uændret")
    projects.rename_project(store, project.id, "  Uændret  ")  # stripped: the same name
    assert changes(store) == before


def test_update_of_an_unknown_field_is_refused(store: Store) -> None:
    project = projects.create_project(store, "P")
    with store.transaction(), pytest.raises(ValueError):
        changelog.update(store, Project, project.id, colour="red")
    with store.transaction(), pytest.raises(ValueError):
        changelog.update(store, Project, project.id, id="other")


def test_every_written_field_has_one_head(store: Store) -> None:
    project = projects.create_project(store, "Hoveder")
    action = add_action(store, project.id, change="Opgave")
    with store.transaction():
        changelog.update(store, Action, action.id, status=ActionStatus.IN_PROGRESS)
    with store.transaction():
        changelog.update(store, Action, action.id, status=ActionStatus.DONE, how="Sådan")
    action_heads = heads(store, action.id)
    assert set(action_heads) == (set(Action.model_fields) - {"id"}) | {"_exists"}
    assert all(len(ids) == 1 for ids in action_heads.values())
    create, first, second = changes(store, action.id)
    assert action_heads["status"] == [[store.replica_id, second["seq"]]]
    assert action_heads["how"] == [[store.replica_id, second["seq"]]]
    assert action_heads["change"] == [[store.replica_id, create["seq"]]]
    assert second["prev"]["status"] == [[store.replica_id, first["seq"]]]
    key = (project.id, "action", action.id)
    assert [h[3] for h in heads_of(store, [key])[key]["status"]] == ["done"]


# -- numbering and clocks ------------------------------------------------------------------


def test_seq_is_contiguous_per_scope_and_replica(store: Store) -> None:
    first = projects.create_project(store, "Første")
    second = projects.create_project(store, "Anden")
    for n in range(3):
        add_action(store, first.id, change=f"Opgave {n}")
        add_action(store, second.id, change=f"Opgave {n}")
    projects.rename_project(store, first.id, "Første (nyt navn)")
    for scope in (first.id, second.id):
        seqs = [
            r["seq"] for r in store.query(
                "SELECT seq FROM sync_change WHERE scope_id = ? AND replica_id = ? ORDER BY seq",
                [scope, store.replica_id],
            )
        ]
        assert seqs == list(range(1, len(seqs) + 1))
    assert len(changes(store)) == 9


def test_clocks_increase_even_when_the_wall_clock_goes_back(
    store: Store, wall: FakeWall
) -> None:
    project = projects.create_project(store, "Uret")
    steps = (0, -3_600_000, -86_400_000, 5, 0, -1)  # Windows moving the clock back
    for n, step in enumerate(steps):
        wall.ms += step
        projects.rename_project(store, project.id, f"Navn {n}")
    store.wall_clock = lambda: START_MS - 365 * 86_400_000  # a PC with last year's date
    projects.rename_project(store, project.id, "Sidste navn")
    stamps = [row["hlc"] for row in store.query("SELECT hlc FROM sync_change ORDER BY seq")]
    assert len(stamps) == 8
    assert all(a < b for a, b in itertools.pairwise(stamps))
    assert unpack(stamps[0])[0] == START_MS
    assert store.replica_row()["hlc_last"] == stamps[-1]


def test_the_clock_follows_the_wall_clock_forward(store: Store, wall: FakeWall) -> None:
    project = projects.create_project(store, "Fremad")
    wall.ms += 60_000
    projects.rename_project(store, project.id, "Et minut senere")
    last = changes(store)[-1]
    assert unpack(last["hlc"]) == (START_MS + 60_000, 0)


def test_list_projects_shows_the_last_change_and_author(store: Store) -> None:
    project = projects.create_project(store, "Sidst ændret")
    [summary] = projects.list_projects(store, today=TODAY)
    assert summary.id == project.id
    assert summary.last_author == "MK"
    assert summary.last_change == dt.datetime.fromtimestamp(START_MS / 1000, dt.UTC)


# -- delete and restore --------------------------------------------------------------------


def test_delete_is_a_tombstone_covering_every_other_head(store: Store) -> None:
    project = projects.create_project(store, "Slet")
    action = add_action(store, project.id, change="Skal slettes")
    with store.transaction():
        changelog.update(store, Action, action.id, responsible="Anne")
    with store.transaction():
        changelog.delete(store, Action, action.id)

    create, edit, tombstone = changes(store, action.id)
    assert tombstone["set"] == {"_exists": False}
    assert tombstone["prev"] == {"_exists": [[store.replica_id, create["seq"]]]}
    assert tombstone["covers"] == sorted(
        [[store.replica_id, create["seq"]], [store.replica_id, edit["seq"]]]
    )
    row = table_row(store, "actions", action.id)
    assert row["_exists"] == 0
    assert row["change"] == "Skal slettes"  # the values stay for a restore
    with pytest.raises(NotFoundError) as caught:
        changelog.load(store, Action, action.id)
    assert caught.value.key == "error.not_found"
    assert caught.value.params == {"entity": "action"}
    assert "action" in caught.value.message(Translator("da"))
    with store.transaction(), pytest.raises(NotFoundError):
        changelog.update(store, Action, action.id, responsible="Bo")
    with store.transaction(), pytest.raises(NotFoundError):
        changelog.delete(store, Action, action.id)
    assert len(changes(store, action.id)) == 3
    assert projects.list_projects(store, today=TODAY)[0].open_actions == 0


def test_restore_brings_a_deleted_record_back(store: Store) -> None:
    project = projects.create_project(store, "Fortryd")
    action = add_action(store, project.id, change="Kommer tilbage", responsible="Ib")
    with store.transaction():
        changelog.delete(store, Action, action.id)
    with store.transaction():
        restored = changelog.restore(store, Action, action.id)
    assert restored == action
    assert changelog.load(store, Action, action.id) == action
    _create, tombstone, restore = changes(store, action.id)
    assert restore["set"] == {"_exists": True}
    assert restore["prev"] == {"_exists": [[store.replica_id, tombstone["seq"]]]}
    assert restore["covers"] is None
    assert restore["scope_id"] == project.id
    assert heads(store, action.id)["_exists"] == [[store.replica_id, restore["seq"]]]
    assert table_row(store, "actions", action.id)["_exists"] == 1
    # Restoring a live record writes nothing.
    with store.transaction():
        changelog.restore(store, Action, action.id)
    assert len(changes(store, action.id)) == 3


def test_a_deleted_project_can_be_restored(store: Store) -> None:
    project = projects.create_project(store, "Projekt")
    with store.transaction():
        changelog.delete(store, Project, project.id)
    assert projects.list_projects(store, today=TODAY) == []
    with store.transaction():
        changelog.restore(store, Project, project.id)
    assert [p.id for p in projects.list_projects(store, today=TODAY)] == [project.id]
    assert {c["scope_id"] for c in changes(store)} == {project.id}


def test_restore_of_an_unknown_record_is_not_found(store: Store) -> None:
    with store.transaction(), pytest.raises(NotFoundError):
        changelog.restore(store, Action, "no-such-id")


# -- refusals write nothing ----------------------------------------------------------------


def test_a_failed_update_writes_nothing_and_says_why_in_danish(store: Store) -> None:
    project = projects.create_project(store, "Gyldigt navn")
    before_changes, before_row = changes(store), table_row(store, "projects", project.id)
    with pytest.raises(InvalidError) as caught:
        projects.rename_project(store, project.id, "   ")
    assert changes(store) == before_changes
    assert table_row(store, "projects", project.id) == before_row
    assert store.replica_row()["hlc_last"] == before_changes[-1]["hlc"]
    error = caught.value
    assert [(field, key) for field, key, _ in error.problems] == [
        ("name", "error.string_too_short")
    ]
    danish = error.message(Translator("da"))
    assert danish.startswith("Navn: ")
    assert "tomt" in danish
    assert error.message(Translator("en")).startswith("Name: ")


def test_a_failed_create_writes_nothing(store: Store) -> None:
    project = projects.create_project(store, "P")
    before = changes(store)
    bad = Measurement.model_construct(
        project_id=project.id, measure_id="m", period="2026-W47", numerator=5.0,
        denominator=0.0, value=None, note="", id="bad-measurement",
    )
    with store.transaction(), pytest.raises(InvalidError) as caught:
        changelog.create(store, bad)
    assert caught.value.problems[0][1] == "error.denominator_zero"
    assert changes(store) == before
    assert store.query("SELECT COUNT(*) AS n FROM measurements") == [{"n": 0}]


def test_a_failed_write_rolls_back_the_whole_transaction(store: Store) -> None:
    project = projects.create_project(store, "P")
    before = changes(store)
    with pytest.raises(InvalidError), store.transaction():
        changelog.create(store, Action(project_id=project.id, change="Første"))
        changelog.update(store, Project, project.id, current_phase=9)
    assert changes(store) == before
    assert store.query("SELECT COUNT(*) AS n FROM actions") == [{"n": 0}]


def test_create_project_with_an_empty_name_is_invalid_and_writes_nothing(store: Store) -> None:
    with pytest.raises(InvalidError) as caught:
        projects.create_project(store, " ")
    assert caught.value.message(Translator("da")).startswith("Navn: ")
    assert changes(store) == []
    assert store.replica_row()["hlc_last"] == 0


def test_a_failed_inner_block_rolls_back_only_itself(store: Store) -> None:
    project = projects.create_project(store, "Ydre")
    generation = store.generation
    with store.transaction():
        changelog.create(store, Action(project_id=project.id, change="Bliver"))
        with pytest.raises(InvalidError), store.transaction():
            changelog.create(store, Action(project_id=project.id, change="Forsvinder"))
            changelog.update(store, Project, project.id, name="")
    assert [r["change"] for r in store.query("SELECT change FROM actions")] == ["Bliver"]
    assert len(changes(store)) == 2
    assert store.generation == generation + 1  # one committed write, seen by the screens


def test_writing_outside_a_transaction_is_refused(store: Store) -> None:
    with pytest.raises(RuntimeError):
        changelog.create(store, Project(name="Uden transaktion"))
    assert changes(store) == []
    assert store.query("SELECT COUNT(*) AS n FROM projects") == [{"n": 0}]


def test_a_later_clock_from_another_unit_is_adopted_within_a_minute(
    store: Store, wall: FakeWall
) -> None:
    from core.clock import pack

    project = projects.create_project(store, "Fælles")
    store.observe_clock(pack(START_MS + 30_000, 7))  # another unit, 30 s ahead
    projects.rename_project(store, project.id, "Efter import")
    assert unpack(changes(store)[-1]["hlc"]) == (START_MS + 30_000, 8)


def test_a_clock_far_ahead_is_not_adopted(store: Store, wall: FakeWall) -> None:
    from core.clock import pack

    project = projects.create_project(store, "Fælles")
    before = store.replica_row()["hlc_last"]
    store.observe_clock(pack(START_MS + 7 * 86_400_000))  # a PC a week fast
    assert store.replica_row()["hlc_last"] == before
    projects.rename_project(store, project.id, "Efter import")
    assert unpack(changes(store)[-1]["hlc"])[0] == START_MS
